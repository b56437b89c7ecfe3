"""第三部分 一: "三公"经费财政拨款决算情况 (domain.md §2.3 N-08).

The 合计 sentence prints the stored 合计 cells of Table 7 and computes its difference only from
that pair (合计决算 − 合计预算); likewise the 公务用车 小计 sentence uses the stored 小计 pair.
When a stored 合计 disagrees with the sum of its parts (T7-01/T7-02), the text still quotes the
table cells, the rules module reports the inconsistency, and no difference is ever taken between
a stored total and a computed sum. 车均运行维护费 is computed (运行维护费决算 / 保有量), never
copied from the reported figure, and only when the stock is above zero; 车均购置费 likewise.
"""

from __future__ import annotations

from desktop.narrative.context import Context
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import NONE_THIS_YEAR, changed, clauses, is_nil

_LEAVES = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
_OPERATION_PARTS = (("operation_fuel", "公务用车加油"), ("operation_repair", "公务用车维修"),
                    ("operation_insurance", "公务用车保险"), ("operation_other", "公务用车其他支出"))


def sangong(ctx: Context) -> NarrativeSection | None:
    grid, details = ctx.section("sangong"), ctx.form("sangong_details")
    if grid.is_empty() and not details:
        return None
    children = []
    scope = _scope(ctx)
    if scope:
        children.append(NarrativeSection("“三公”经费的单位范围", (scope,)))
    if not grid.is_empty():
        items = (
            NarrativeSection("因公出国（境）费用", (_row(ctx, "abroad", f"{ctx.year}年度因公出国（境）费用"),)),
            NarrativeSection("公务接待费", (_row(ctx, "reception", f"{ctx.year}年度公务接待费"),)),
            NarrativeSection("公务用车购置及运行维护费", _vehicles(ctx)),
        )
        opening = _row(ctx, "total", f"{ctx.year}年度“三公”经费财政拨款")
        if not opening.startswith(NONE_THIS_YEAR):
            opening += "其中："
        children.append(NarrativeSection("“三公”经费财政拨款决算情况说明", (opening,), items))
    return NarrativeSection("“三公”经费财政拨款决算情况", (), tuple(children)) if children else None


def _scope(ctx: Context) -> str:
    details = ctx.form("sangong_details")
    counts = [(details.get(key), kind) for key, kind in
              (("scope_admin_units", "行政单位"), ("scope_institution_units", "事业单位"))]
    if all(count is None for count, _ in counts):
        return ""
    listed = "、".join(f"{count}个{kind}" for count, kind in counts if count)
    return f"“三公”经费预算支出单位包括{listed}。" if listed else "本部门无“三公”经费预算支出单位。"


def _row(ctx: Context, row_id: str, subject: str) -> str:
    """"{subject}决算数X元，年初预算Y元，比年初预算减少Z元，下降w%。主要原因：…。" or 本年度无此项支出."""
    say, grid = ctx.say, ctx.section("sangong")
    actual, budget = grid.value(row_id, "actual"), grid.value(row_id, "budget")
    if is_nil(actual) and is_nil(budget):
        return NONE_THIS_YEAR
    needed = row_id in _LEAVES and changed(actual, budget)
    label = grid.section.row_label(row_id)
    reason = say.reason(grid.value(row_id, "reason"), needed, ("sangong", row_id, f"{label}增减原因"))
    return clauses(f"{subject}决算数{say.amount(actual)}", say.versus_budget(actual, budget, True)) + "。" + reason


def _vehicles(ctx: Context) -> tuple[str, ...]:
    say, grid, details = ctx.say, ctx.section("sangong"), ctx.form("sangong_details")
    stock = details.get("vehicle_stock")
    stock_line = ()
    if stock is not None:
        operation = grid.value("vehicle_operation", "actual")
        per_vehicle = f"，车均运行维护费{say.per_unit(operation, stock)}" if stock > 0 and operation is not None else ""
        stock_line = (f"{ctx.year}年度公务用车保有量{stock}辆{per_vehicle}。",)
    if all(is_nil(grid.value(r, c)) for r in ("vehicle", "vehicle_purchase", "vehicle_operation")
           for c in ("actual", "budget")):
        return (NONE_THIS_YEAR, *stock_line)
    lines = [_row(ctx, "vehicle", f"{ctx.year}年度公务用车购置及运行维护费") + "其中："]
    purchase = _row(ctx, "vehicle_purchase", "公务用车购置费")
    bought, purchase_actual = details.get("vehicles_purchased"), grid.value("vehicle_purchase", "actual")
    if purchase == NONE_THIS_YEAR:
        purchase = "公务用车购置费：" + NONE_THIS_YEAR
    elif bought and purchase_actual is not None:
        purchase += f"本年购置公务用车{bought}辆，车均购置费{say.per_unit(purchase_actual, bought)}。"
    lines.append(purchase)
    operation = _row(ctx, "vehicle_operation", "公务用车运行维护费")
    lines.append("公务用车运行维护费：" + operation if operation == NONE_THIS_YEAR else operation)
    parts = [f"{label}{say.amount(details[key])}" for key, label in _OPERATION_PARTS if details.get(key) is not None]
    if parts:
        lines.append("公务用车运行维护费中，" + "，".join(parts) + "。")
    return (*lines, *stock_line)
