"""Rules about what the 说明 states, domain.md §2.3 (N-xx), checked on the inputs it is built from.

The narrative is generated, so its numbers cannot drift from the tables (N-01 … N-05, N-07 and
N-10 hold by construction). What remains checkable is what the clerk types: reasons, copied
figures such as the reported 车均运行维护费, names against the code table, counts, year tokens.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from desktop.domain.codes import code_table
from desktop.rules.checks.code_table import code_finding
from desktop.domain.money import Money
from desktop.domain.parsing import normalize
from desktop.rules.checks.common import compare, coded_rows
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

CODE_SECTIONS = ("functional_income", "functional_expenditure", "gp_functional", "gp_basic_economic",
                 "gp_project_economic", "gov_fund", "soe_capital", "budget_variance_items")
PERSONNEL_CLASSES = ("301", "303")


@check("N-08")
def cost_per_vehicle(ctx: RuleContext) -> Iterator[Finding]:
    operation = ctx.money("sangong", "actual", "vehicle_operation")
    stock = ctx.value("sangong_details", "vehicle_stock")
    reported = ctx.money("sangong_details", "reported_cost_per_vehicle")
    if reported is None or operation is None:
        return
    if not stock:
        yield ctx.finding("sangong_details", "", "reported_cost_per_vehicle",
                          f"填报了车均运行维护费 {ctx.amount(reported)}，但公务用车保有量为{'空' if stock is None else 0}，无法计算车均")
        return
    computed = operation.yuan / stock
    if abs(reported.yuan - computed) > Decimal("0.01"):
        yield ctx.finding("sangong_details", "", "reported_cost_per_vehicle",
                          f"车均运行维护费（填报数）{ctx.amount(reported)} ≠ 公务用车运行维护费决算 {ctx.amount(operation)} ÷ "
                          f"保有量 {stock} 辆 = {ctx.number(computed)}（说明中使用计算值）")


@check("N-08b")
def operation_breakdown(ctx: RuleContext) -> Iterator[Finding]:
    parts = [("sangong_details", "", c) for c in ("operation_fuel", "operation_repair", "operation_insurance", "operation_other")]
    yield from ctx.identity(("sangong", "vehicle_operation", "actual"), parts,
                            part_labels=["加油", "维修", "保险", "其他"])


def _public_funds(ctx: RuleContext) -> Money | None:
    rows = [row for _, row in coded_rows(ctx, "gp_basic_economic", 3)
            if row["code"] not in PERSONNEL_CLASSES and row.get("actual") is not None]
    return Money(sum(r["actual"].fen for r in rows)) if rows else None


@check("N-09")
def admin_operating_cost(ctx: RuleContext) -> Iterator[Finding]:
    public = _public_funds(ctx)
    yield from compare(ctx, ("admin_operating_cost", "", "current"), public,
                       "基本支出中的公用经费（经济分类 302、310 等）", relation="<=",
                       right_blanks=[("gp_basic_economic", r, "actual") for r, row in coded_rows(ctx, "gp_basic_economic", 3)
                                     if row["code"] not in PERSONNEL_CLASSES and row.get("actual") is None])
    current = ctx.money("admin_operating_cost", "current")
    institutions = [row.get("name", "") for _, row in ctx.document.sections["units"].rows.items()
                    if row.get("kind") == "事业单位"]
    if current is not None and public is not None and current == public and institutions:
        yield ctx.finding("admin_operating_cost", "", "current",
                          f"机关运行经费 {ctx.amount(current)} 等于全部公用经费，但部门含非参公事业单位"
                          f"（{'、'.join(institutions)}），其公用经费不属于机关运行经费", "warning")


@check("N-11")
def purchased_services_listed(ctx: RuleContext) -> Iterator[Finding]:
    total = ctx.money("purchased_services_summary", "total")
    amounts = [row["amount"] for _, row in ctx.rows("purchased_services") if row.get("amount") is not None]
    if total is None or not amounts or total.fen <= 0:
        return
    listed = Money(sum(a.fen for a in amounts))
    unlisted = total - listed
    share = Decimal(unlisted.fen) / Decimal(total.fen)
    if unlisted.fen > 0 and share > Decimal(str(ctx.params["max_unlisted_share"])):
        comparison = (f"政府购买服务支出总额 {ctx.amount(total)}，所列主要项目合计 {ctx.amount(listed)}，"
                      f"未列明 {ctx.amount(unlisted)}（占 {ctx.percent(share)}）")
        blanks = [("purchased_services", r, "amount") for r, row in ctx.rows("purchased_services")
                  if row.get("amount") is None and row.get("item")]
        yield ctx.unfilled(blanks, comparison) if blanks else \
            ctx.finding("purchased_services_summary", "", "total", f"{comparison}，请补充主要项目或说明")


@check("N-12")
def vehicles_consistent(ctx: RuleContext) -> Iterator[Finding]:
    stock = ctx.value("sangong_details", "vehicle_stock")
    owned = ctx.value("assets", "vehicle_count")
    if stock is not None and owned is not None and owned < stock:
        yield ctx.finding("assets", "", "vehicle_count",
                          f"国有资产中的汽车 {owned} 辆少于公务用车保有量 {stock} 辆")
    operation = ctx.money("sangong", "actual", "vehicle_operation")
    if operation is not None and operation.fen > 0 and not stock:
        yield ctx.finding("sangong_details", "", "vehicle_stock",
                          f"公务用车运行维护费决算 {ctx.amount(operation)}，但公务用车保有量为{'空' if stock is None else 0}")


def _same_name(left: str, right: str) -> bool:
    def plain(text: str) -> str:
        return re.sub(r"\s", "", normalize(text)).replace("（", "(").replace("）", ")")
    return plain(left) == plain(right)


def per_code_section(ctx: RuleContext) -> dict[str, tuple[str]]:
    """One partition per coded table (N-13, W-09): an edit re-checks its own table only."""
    return {section: (section,) for section in CODE_SECTIONS}


@check("N-13", parts=per_code_section)
def names_match_code_table(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    table = code_table(ctx.year)
    for section in CODE_SECTIONS if part is None else (part,):
        scheme = ctx.section(section).column("code").scheme
        for row_id, row in coded_rows(ctx, section):
            entry = table.lookup(scheme, row["code"])
            if entry is None:
                continue  # W-09 reports codes missing from the table
            name = row.get("name")
            if name and not _same_name(name, entry.name):
                yield code_finding(ctx, table, scheme, section, row_id, "name",
                                   f"{ctx.section(section).label}：科目 {row['code']} 在 {ctx.year} 年科目表中为"
                                   f"“{entry.name}”（{entry.level}），表中写作“{name}”")


YEAR_TOKEN = re.compile(r"(20\d{2})年度(?:部门)?(?:决算|预算)")
CLAUSE_END = re.compile(r"[，。；、：！？,;:!?\n]")
COMPARED_BEFORE = ("与", "比", "较", "同", "对比", "相对于")   # “与2022年度决算相比”, “比2022年度决算”
COMPARED_AFTER = ("相比", "比较", "对比")


def _compared_with(text: str, match: re.Match) -> bool:
    """Whether a year token is the base of a comparison: a word before it or after it in the same clause."""
    before = CLAUSE_END.split(text[max(0, match.start() - 8):match.start()])[-1]
    after = CLAUSE_END.split(text[match.end():match.end() + 8])[0]
    return any(w in before for w in COMPARED_BEFORE) or any(w in after for w in COMPARED_AFTER)


def stray_years(text: str, year: int) -> list[str]:
    """The “XXXX年度决算/预算” tokens of `text` that do not belong in a report of `year`.

    The report's own year is right. The previous year is right as the base of a comparison
    (“与2022年度决算相比”, “比2022年度决算增加”); written as the subject of a figure (seed 1:
    “2022年度决算77149134.73元” in a 2023 report) it is this year's figure mislabelled. Any other
    year is wrong. “上年” names no year and is never flagged.
    """
    wrong = set()
    for match in YEAR_TOKEN.finditer(text):
        named = int(match.group(1))
        if named == year or named == year - 1 and _compared_with(text, match):
            continue
        wrong.add(match.group(0))
    return sorted(wrong)


def per_section_read(ctx: RuleContext) -> dict[str, tuple[str]]:
    """One partition per section N-13b reads: an edit re-checks the texts of its own section."""
    from desktop.rules.catalogue import load_catalogue  # the catalogue loads the checks
    return {section: (section,) for section, _ in load_catalogue().rule("N-13b").reads}


@check("N-13b", parts=per_section_read)
def year_tokens(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    """Text that names the 决算/预算 of another year (seed 1 wrote “2022年度决算” in a 2023 report)."""
    for section_key, column_key in ctx.reads:
        if part is not None and section_key != part:
            continue
        data = ctx.data.sections[section_key]
        for row_id, row in data.rows.items():
            for column, value in row.items():
                if column_key not in ("*", column) or not isinstance(value, str) or "年度" not in value:
                    continue
                wrong = stray_years(value, ctx.year)
                if wrong:
                    hint = (f"；与上年比较请写作“与{ctx.year - 1}年度决算相比”或“比上年”"
                            if any(w.startswith(str(ctx.year - 1)) for w in wrong) else "")
                    yield ctx.finding(section_key, row_id, column,
                                      f"{ctx.label(section_key, row_id, column)} 中出现“{'、'.join(wrong)}”，"
                                      f"本文档为 {ctx.year} 年度{hint}")


@check("N-14")
def staff_sums(ctx: RuleContext) -> Iterator[Finding]:
    retired = [ctx.value("basic_info", c) for c in ("retired_lixiu", "retired_admin", "retired_institution")]
    total = ctx.value("basic_info", "retired_total")
    if total is not None and any(v is not None for v in retired):
        parts = sum(v for v in retired if v is not None)
        if parts != total:
            yield ctx.finding("basic_info", "", "retired_total",
                              f"离退休人员 {total} 人 ≠ 离休 {retired[0]} + 行政退休 {retired[1]} + 事业退休 {retired[2]} = {parts} 人")
    others = [row.get("count") for _, row in ctx.rows("other_staff") if row.get("count") is not None]
    other_total = ctx.value("basic_info", "other_staff_total")
    if other_total is not None and others and sum(others) != other_total:
        yield ctx.finding("basic_info", "", "other_staff_total",
                          f"其他人员 {other_total} 人 ≠ 各类别合计 {sum(others)} 人")


@check("N-14b")
def staff_within_quota(ctx: RuleContext) -> Iterator[Finding]:
    for quota, actual, label in (("admin_quota", "admin_actual", "行政"), ("institution_quota", "institution_actual", "事业")):
        q, a = ctx.value("basic_info", quota), ctx.value("basic_info", actual)
        if q is not None and a is not None and a > q:
            yield ctx.finding("basic_info", "", actual, f"{label}实有人数 {a} 人超过{label}编制 {q} 名")


@check("N-15")
def unit_counts(ctx: RuleContext) -> Iterator[Finding]:
    departments = len(ctx.data.sections["internal_departments"].rows)
    stated = ctx.value("basic_info", "internal_department_count")
    if stated is not None and departments and stated != departments:
        yield ctx.finding("basic_info", "", "internal_department_count",
                          f"内设机构数为 {stated} 个，但内设机构表列出 {departments} 个")
    units = list(ctx.document.sections["units"].rows.values())
    subordinate = sum(1 for u in units if u.get("role") == "所属单位")
    stated_units = ctx.value("basic_info", "subordinate_unit_count")
    if stated_units is not None and units and stated_units != subordinate:
        yield ctx.finding("basic_info", "", "subordinate_unit_count",
                          f"下设单位数为 {stated_units} 个，但单位表中的所属单位为 {subordinate} 个")
    scope = [ctx.value("sangong_details", c) for c in ("scope_admin_units", "scope_institution_units")]
    if units and any(v is not None for v in scope) and sum(v or 0 for v in scope) != len(units):
        yield ctx.finding("sangong_details", "", "scope_admin_units",
                          f"三公经费单位范围共 {sum(v or 0 for v in scope)} 个单位（行政 {scope[0] or 0}、事业 {scope[1] or 0}），"
                          f"但本部门共有 {len(units)} 个单位")


def reason_parts(ctx: RuleContext) -> dict[str, tuple[str, ...]]:
    """N-06's partitions: the parts of the 说明 with 主要原因 slots, with the sections each reads."""
    from desktop.narrative.generator import REASON_PARTS  # the generator is loaded on use
    return {part: sections for part, (_, sections) in REASON_PARTS.items()}


@check("N-06", parts=reason_parts)
def reasons_present(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    """Every 主要原因 slot the generated 说明 needs but finds empty (the generator says which), of
    one part of the 说明 when given."""
    from desktop.narrative.generator import REASON_PARTS, missing_reasons_of
    for name in REASON_PARTS if part is None else (part,):
        for section, row, label, *named in missing_reasons_of(ctx.document, ctx.year, name):
            column = named[0] if named else next(c.key for c in ctx.section(section).columns if c.key.endswith("reason"))
            yield ctx.finding(section, row, column, f"{label}：说明需要“主要原因”，但未填写")
