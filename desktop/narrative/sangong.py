"""第三部分 一: "三公"经费财政拨款决算情况 (domain.md §2.3 N-08, §9.2, §9.3).

What an inspector ticks (§9.3): every item is stated, every time — 因公出国（境）费, 公务接待费,
公务用车购置费 and 公务用车运行维护费 (with their 小计) — each against 年初预算 (the profile's
"比年初预算增加/减少" form) and against 上年 (no % on a zero base, N-07), each with its reasons,
and with its quantities: 团组 and 人次; 购置数 and 保有量 (by 车型 where given) with 车均; 接待批次
and 人次, 国内 and 外事 (外宾). A department that spent nothing on any item, against a zero
budget, says "XX年度无“三公”经费财政拨款支出". Blank is not nil: a blank cell is named as not
filled ("（未填写）"), never read as "无此项支出"; only an explicit 0 is "未发生".

Totals (合计, 公务用车 小计) are the computed sums of their parts, never a typed figure; 车均
运行维护费 and 车均购置费 are computed (never the reported figure), and only on a count above 0.
A missing reason against 预算 or 上年 for one of the four items is recorded for N-06.
"""

from __future__ import annotations

from typing import Any, Mapping

from desktop.domain.money import Money
from desktop.narrative.context import Context
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import UNFILLED, changed

LEAVES = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
QUANTITY_FIELDS = ("abroad_groups", "abroad_people", "vehicles_purchased", "vehicle_stock", "vehicle_stock_prior")
_OPERATION_PARTS = (("operation_fuel", "公务用车加油"), ("operation_repair", "公务用车维修"),
                    ("operation_insurance", "公务用车保险"), ("operation_other", "公务用车其他支出"))
_RECEPTION = (("domestic", "国内公务接待", "接待"), ("foreign", "外事接待", "接待外宾"))
_SECTIONS = ("sangong", "sangong_details", "sangong_reception", "sangong_vehicles")


def sangong(ctx: Context) -> NarrativeSection | None:
    if all(ctx.section(key).is_empty() for key in _SECTIONS):
        return None
    children = []
    scope = _scope(ctx)
    if scope:
        children.append(NarrativeSection("“三公”经费的单位范围", (scope,)))
    if any(not ctx.section(key).is_empty() for key in _SECTIONS[2:]) or _figures_filled(ctx):
        title = "“三公”经费财政拨款决算情况说明"
        if _nothing_at_all(ctx):
            children.append(NarrativeSection(title, (f"{ctx.year}年度无“三公”经费财政拨款支出。",)))
        else:
            items = (
                NarrativeSection("因公出国（境）费用", (_abroad(ctx),)),
                NarrativeSection("公务接待费", (_reception(ctx),)),
                NarrativeSection("公务用车购置及运行维护费", _vehicles(ctx)),
            )
            opening = _figures(ctx, "total", f"{ctx.year}年度", "“三公”经费财政拨款") + "其中："
            children.append(NarrativeSection(title, (opening,), items))
    counts = ("table:sangong_counts",) if _figures_filled(ctx) else ()  # 相关统计数, beside the paragraph
    return NarrativeSection("“三公”经费财政拨款决算情况", (), tuple(children), inserts=counts) if children else None


def _figures_filled(ctx: Context) -> bool:
    """Anything of the 三公 besides its unit scope: the table, or a quantity."""
    details = ctx.form("sangong_details")
    return not ctx.section("sangong").is_empty() or any(details.get(k) is not None for k in QUANTITY_FIELDS)


def _nothing_at_all(ctx: Context) -> bool:
    """Every item's 决算 and 年初预算 stated as 0, no 上年 spending and no quantity above 0."""
    grid = ctx.section("sangong")
    for row in LEAVES:
        if any(not _zero(grid.value(row, column)) for column in ("actual", "budget")):
            return False
        prior = ctx.prior("sangong", row, "prior_actual", "actual")
        if prior is not None and prior.fen != 0:
            return False
    counts = [ctx.form("sangong_details").get(k) for k in QUANTITY_FIELDS[:4]]
    return not any(counts) and not any(v for _, v in _reception_cells(ctx)) \
        and not any(v for _, v in _vehicle_cells(ctx))


def _zero(value: Money | None) -> bool:
    return value is not None and value.fen == 0


def _scope(ctx: Context) -> str:
    details = ctx.form("sangong_details")
    counts = [(details.get(key), kind) for key, kind in
              (("scope_admin_units", "行政单位"), ("scope_institution_units", "事业单位"))]
    if all(count is None for count, _ in counts):
        return ""
    listed = "、".join(f"{count}个{kind}" for count, kind in counts if count)
    return f"“三公”经费预算支出单位包括{listed}。" if listed else f"{ctx.noun}无“三公”经费预算支出单位。"


def _figures(ctx: Context, row_id: str, when: str, noun: str) -> str:
    """One item against 年初预算 and against 上年, each followed by its reason:
    "{when}{noun}决算数X元，年初预算Y元，比年初预算减少Z元，下降w%。主要原因：…。比上年…。主要原因：…。"
    An explicit 0 reads "未发生{noun}支出，决算数为0.00元"; a blank one "决算数（未填写）"."""
    say, grid = ctx.say, ctx.section("sangong")
    actual, budget = grid.value(row_id, "actual"), grid.value(row_id, "budget")
    prior = ctx.prior("sangong", row_id, "prior_actual", "actual")
    if _zero(actual):
        stated = f"{when}未发生{noun}支出，决算数为{say.amount(actual)}"
    else:
        stated = f"{when}{noun}决算数{say.amount(actual)}"
    label = grid.section.row_label(row_id)
    leaf = row_id in LEAVES
    versus_budget = say.reason(grid.value(row_id, "reason"), leaf and changed(actual, budget),
                               ("sangong", row_id, f"{label}比年初预算增减原因", "reason"))
    versus_prior = say.reason(grid.value(row_id, "prior_reason"), leaf and changed(actual, prior),
                              ("sangong", row_id, f"{label}比上年增减原因", "prior_reason"))
    return (f"{stated}，{say.versus_budget(actual, budget, True)}。{versus_budget}"
            f"{say.versus_last_year(actual, prior)}。{versus_prior}")


def _spent(ctx: Context, row_id: str) -> bool:
    actual = ctx.section("sangong").value(row_id, "actual")
    return actual is not None and actual.fen > 0


def _abroad(ctx: Context) -> str:
    say, details = ctx.say, ctx.form("sangong_details")
    text = _figures(ctx, "abroad", f"{ctx.year}年度", "因公出国（境）费")
    groups, people = details.get("abroad_groups"), details.get("abroad_people")
    if _spent(ctx, "abroad") or groups or people:
        text += f"全年安排因公出国（境）团组{say.count(groups, '个')}、累计{say.count(people, '人次')}。"
    return text


def _reception_cells(ctx: Context) -> list[tuple[str, Any]]:
    grid = ctx.section("sangong_reception")
    return [((row, column), grid.value(row, column)) for row, _, _ in _RECEPTION
            for column in ("amount", "batches", "people")]


def _reception(ctx: Context) -> str:
    say, grid = ctx.say, ctx.section("sangong_reception")
    text = _figures(ctx, "reception", f"{ctx.year}年度", "公务接待费")
    if not _spent(ctx, "reception") and not any(v for _, v in _reception_cells(ctx)):
        return text
    parts = []
    for row, label, verb in _RECEPTION:
        amount, batches, people = (grid.value(row, c) for c in ("amount", "batches", "people"))
        if _zero(amount) and not batches and not people:
            parts.append(f"未发生{label}")
        else:
            parts.append(f"{label}支出{say.amount(amount)}，{verb}"
                         f"{say.count(batches, '批次')}、{say.count(people, '人次')}")
    return text + "其中：" + "；".join(parts) + "。"


def _vehicle_cells(ctx: Context) -> list[tuple[str, Any]]:
    return [(row.get("type"), row.get(column)) for row in ctx.section("sangong_vehicles").rows.values()
            for column in ("purchased", "stock")]


def _by_type(ctx: Context, column: str) -> str:
    """"（其中：执法执勤用车1辆、其他用车2辆）" from the 车型 table, "" when it lists none."""
    rows: Mapping[str, Mapping[str, Any]] = ctx.section("sangong_vehicles").rows
    listed = [f"{row.get('type') or '未注明车型'}{row[column]}辆" for row in rows.values() if row.get(column)]
    return f"（其中：{'、'.join(listed)}）" if listed else ""


def _vehicles(ctx: Context) -> tuple[str, ...]:
    say, grid, details = ctx.say, ctx.section("sangong"), ctx.form("sangong_details")
    lines = [_figures(ctx, "vehicle", f"{ctx.year}年度", "公务用车购置及运行维护费") + "其中："]
    purchase = _figures(ctx, "vehicle_purchase", "", "公务用车购置费")
    bought, purchase_actual = details.get("vehicles_purchased"), grid.value("vehicle_purchase", "actual")
    if _spent(ctx, "vehicle_purchase") or bought:
        purchase += f"本年购置公务用车{say.count(bought, '辆')}{_by_type(ctx, 'purchased')}"
        if bought and purchase_actual is not None:
            purchase += f"，车均购置费{say.per_unit(purchase_actual, bought)}"
        purchase += "。"
    lines.append(purchase)
    lines.append(_figures(ctx, "vehicle_operation", "", "公务用车运行维护费"))
    parts = [f"{label}{say.amount(details[key])}" for key, label in _OPERATION_PARTS if details.get(key) is not None]
    if parts:
        lines.append("公务用车运行维护费中，" + "，".join(parts) + "。")
    stock = details.get("vehicle_stock")
    if stock is not None:
        operation = grid.value("vehicle_operation", "actual")
        text = f"{ctx.year}年度公务用车保有量{stock}辆{_by_type(ctx, 'stock')}"
        previous = details.get("vehicle_stock_prior")
        if previous is not None:
            change = stock - previous
            text += "，与上年末持平" if change == 0 else f"，比上年末{'增加' if change > 0 else '减少'}{abs(change)}辆"
        if stock > 0 and operation is not None:
            text += f"，车均运行维护费{say.per_unit(operation, stock)}"
        lines.append(text + "。")
    elif _spent(ctx, "vehicle_operation") or _spent(ctx, "vehicle_purchase"):
        lines.append(f"{ctx.year}年度公务用车保有量{UNFILLED}。")
    return tuple(lines)
