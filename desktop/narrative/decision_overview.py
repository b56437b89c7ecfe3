"""第二部分 一 to 三: 部门基本情况, 收入支出决算总体情况, 财政拨款收入支出决算总体情况.

收、支总计 is the single 总计 of 收入支出决算总表 (T1-05): the income-side cell, never income +
expenditure; shares use 本年收入合计 / 本年支出合计 as denominators (N-02).
"""

from __future__ import annotations

from desktop.domain.money import Money
from desktop.domain.schema import FORM_ROW
from desktop.narrative.context import Context
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import UNFILLED, changed, clauses, format_rule_text, free_text, inline, missing

INCOME_ROWS = ("income_gp", "income_fund", "income_soe", "income_superior", "income_business",
               "income_operating", "income_affiliated", "income_other")
EXPENDITURE_ROWS = ("expenditure_basic", "expenditure_project", "expenditure_superior",
                    "expenditure_operating", "expenditure_affiliated")
_UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "事业单位")
_RETIRED = (("离休", "retired_lixiu"), ("行政退休", "retired_admin"), ("事业退休", "retired_institution"))


def basic_info(ctx: Context) -> NarrativeSection:
    info = ctx.form("basic_info")
    duties = free_text(info.get("responsibilities")) or (missing("部门机构设置、职责（“基本情况”页）"),)
    organisation = tuple(p for p in (_structure(ctx), _units(ctx)) if p)
    staff = _staff(ctx) or missing("人员构成情况（“基本情况”页：编制数、实有人数、离退休人员）")
    return NarrativeSection("部门基本情况", (), (
        NarrativeSection("部门机构设置、职责", (*duties, *organisation)),
        NarrativeSection("人员构成情况", (staff,)),
    ))


def _structure(ctx: Context) -> str:
    """"本部门内设机构：综合办公室、规划建设科；下设单位：…。" from the tables the clerk filled."""
    names = [str(r["name"]).strip() for r in ctx.section("internal_departments").rows.values() if r.get("name")]
    subordinate = inline(ctx.form("basic_info").get("subordinate_unit_names"))
    listed = []
    if names:
        listed.append(f"内设机构：{'、'.join(names)}")
    if subordinate:
        listed.append(f"下设单位：{subordinate}")
    return f"{ctx.noun}{'；'.join(listed)}。" if listed else ""


def _units(ctx: Context) -> str:
    """The 决算单位构成 (domain.md §9.1): "纳入本部门2023年度部门决算编制范围的单位包括：…"."""
    units = [u for u in ctx.document.section("units").rows.values() if u.get("name")]
    if len(units) < 2:
        return ""
    named = "、".join(f"{u['name']}（本级）" if u.get("role") == "本级" else str(u["name"]) for u in units)
    return f"纳入本部门{ctx.year}年度部门决算编制范围的单位共{len(units)}个，包括：{named}。"


def _staff(ctx: Context) -> str:
    info = ctx.form("basic_info")
    internal = info.get("internal_department_count")
    if internal is None and ctx.section("internal_departments").rows:
        internal = len(ctx.section("internal_departments").rows)
    units = info.get("subordinate_unit_count")
    organisation = []
    if internal is not None:
        organisation.append(f"共设{internal}个内设机构")
    if units is not None:
        organisation.append(f"下设{units}个{_unit_noun(ctx)}" if units else "无下设单位")
    others = [(r.get("category") or "其他", r.get("count")) for r in ctx.section("other_staff").rows.values()]
    staff = [
        _post("行政", info.get("admin_quota"), info.get("admin_actual")),
        _post("事业", info.get("institution_quota"), info.get("institution_actual")),
        _with_parts("离退休人员", info.get("retired_total"),
                    [(name, info[key]) for name, key in _RETIRED if info.get(key) is not None]),
        _with_parts("其他人员", info.get("other_staff_total"), others),
    ]
    text = f"{ctx.noun}{'，'.join(organisation)}。" if organisation else ""
    staff = [s for s in staff if s]
    return text + ("；".join(staff) + "。" if staff else "")


def _unit_noun(ctx: Context) -> str:
    """"事业单位" when every 所属单位 in the units table is one kind, else "单位"."""
    kinds = {u.get("kind") for u in ctx.document.section("units").rows.values() if u.get("role") == "所属单位"}
    return kinds.pop() if len(kinds) == 1 and kinds <= set(_UNIT_KINDS) else "单位"


def _post(label: str, quota: int | None, actual: int | None) -> str:
    if quota is None:
        return "" if actual is None else f"{label}实有{actual}人"
    return f"{label}编制{quota}名" + ("" if actual is None else f"，实际{actual}人")


def _with_parts(label: str, whole: int | None, parts: list[tuple[str, int | None]]) -> str:
    listed = "，".join(f"{name}{count}人" if count is not None else f"{name}人数{UNFILLED}" for name, count in parts)
    if whole is None:
        return f"{label}中，{listed}" if listed else ""
    return f"{label}{whole}人" + (f"，其中：{listed}" if listed else "")


def income_expenditure(ctx: Context) -> NarrativeSection:
    grid = ctx.section("income_expenditure")
    say = ctx.say
    total_row = "income_grand_total"
    if grid.value(total_row, "current") is None and grid.value("expenditure_grand_total", "current") is not None:
        total_row = "expenditure_grand_total"
    grand = grid.value(total_row, "current")
    prior = ctx.prior("income_expenditure", total_row, "prior", "current")
    opening = clauses(f"{ctx.year}年度收、支总计{say.amount(grand)}", say.versus_prior(grand, prior, "收支")) + "。"
    children = (
        NarrativeSection("收入决算说明", (_composition(ctx, "income_total", INCOME_ROWS, "收入"),)),
        NarrativeSection("支出决算说明", (_composition(ctx, "expenditure_total", EXPENDITURE_ROWS, "支出"),)),
    )
    heading = f"收入支出决算总体情况说明（{format_rule_text(say.fmt)}）"
    return NarrativeSection(heading, (opening,), children)


def _composition(ctx: Context, total_row: str, item_rows: tuple[str, ...], noun: str) -> str:
    """"本年收入合计…，比上年…，其中：一般公共预算财政拨款收入…，占本年收入合计的…%；…"."""
    grid, say = ctx.section("income_expenditure"), ctx.say
    whole: Money | None = grid.value(total_row, "current")
    prior = ctx.prior("income_expenditure", total_row, "prior", "current")
    label = f"本年{noun}合计"
    items = []
    for row_id in item_rows:
        amount = grid.value(row_id, "current")
        if amount is not None:
            items.append(clauses(f"{grid.section.row_label(row_id)}{say.amount(amount)}",
                                 say.share(amount, whole, f"{label}的")))
    head = clauses(f"{ctx.year}年度{label}{say.amount(whole)}", say.versus_prior(whole, prior, noun))
    return head + ("，其中：" + "；".join(items) if items else "") + "。"


def fiscal_overview(ctx: Context) -> NarrativeSection:
    summary = ctx.section("fiscal_summary")
    say = ctx.say
    grand = summary.value("total", "grand_total")
    prior = ctx.prior("fiscal_summary", "total", "prior_grand_total", "grand_total")
    reason = say.reason(ctx.form("narrative").get("fiscal_change_reason"), changed(grand, prior),
                        ("narrative", FORM_ROW, "财政拨款收支总计变动主要原因"))
    text = clauses(f"{ctx.year}年度财政拨款收、支总计{say.amount(grand)}", say.versus_prior(grand, prior, "收支"))
    return NarrativeSection("财政拨款收入支出决算总体情况说明", (text + "。" + reason,))
