"""Values the clerk never types: totals, shares, rates, 车均 and scores shown beside the tables.

Each formula named in resources/ui/editors.json is a function here; it reads the document (and
the year's scores) and returns a `Computed` — the text to show and a tooltip saying how it was
obtained — or None when an input is blank or a base is zero (no percentage on a zero base).
Amounts are summed exactly and formatted once, in the unit the view asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from desktop.domain.formatting import format_amount, format_number, format_percent, format_yuan_value
from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.domain.totals import column_total, summable_rows  # noqa: F401  (re-exported for the editors)

FORMULAS: dict[str, Callable[..., "Computed | None"]] = {}


@dataclass(frozen=True)
class Computed:
    text: str
    tooltip: str = ""
    negative: bool = False


@dataclass
class Inputs:
    """What a formula may look at: the year's data, the row's values, the display settings."""
    data: Any                       # YearData
    section: str
    row_id: str
    row: dict[str, Any]
    unit: str                       # 元 or 万元
    percent_decimals: int
    scores: Callable[[], dict]      # the session's scores, computed lazily
    labels: dict[str, str]          # column key -> label, for tooltips

    def amount(self, money: Money) -> str:
        return f"{format_amount(money, self.unit)}{self.unit}"

    def percent(self, ratio: Decimal) -> str:
        return format_percent(ratio, self.percent_decimals)


def formula(name: str):
    def register(function):
        FORMULAS[name] = function
        return function
    return register


def _number(value: Any) -> Decimal | None:
    if isinstance(value, Money):
        return Decimal(value.fen)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    return None


@formula("ratio")
def ratio(inputs: Inputs, part: str, whole: str) -> Computed | None:
    a, b = _number(inputs.row.get(part)), _number(inputs.row.get(whole))
    if a is None or not b:
        return None
    return Computed(inputs.percent(a / b), f"{inputs.labels[part]} ÷ {inputs.labels[whole]}")


@formula("growth")
def growth(inputs: Inputs, current: str, prior: str) -> Computed | None:
    a, b = _number(inputs.row.get(current)), _number(inputs.row.get(prior))
    if a is None or not b:
        return None
    rate = (a - b) / b
    return Computed(inputs.percent(rate), f"（{inputs.labels[current]} − {inputs.labels[prior]}）÷ {inputs.labels[prior]}",
                    rate < 0)


@formula("difference")
def difference(inputs: Inputs, minuend: str, subtrahend: str) -> Computed | None:
    a, b = inputs.row.get(minuend), inputs.row.get(subtrahend)
    if not isinstance(a, Money) or not isinstance(b, Money):
        return None
    change = a - b
    return Computed(format_amount(change, inputs.unit), f"{inputs.labels[minuend]} − {inputs.labels[subtrahend]}",
                    change.fen < 0)


@formula("sum")
def row_sum(inputs: Inputs, *columns: str) -> Computed | None:
    """The sum of the row's filled amounts in `columns` (blank while all are blank)."""
    amounts = [inputs.row.get(c) for c in columns]
    filled = [a for a in amounts if isinstance(a, Money)]
    if not filled:
        return None
    return Computed(format_amount(Money(sum(a.fen for a in filled)), inputs.unit),
                    " + ".join(inputs.labels[c] for c in columns))


@formula("share")
def share(inputs: Inputs, column: str) -> Computed | None:
    value = _number(inputs.row.get(column))
    whole = _number(column_total(inputs.data, inputs.section, column))
    if value is None or not whole:
        return None
    return Computed(inputs.percent(value / whole), f"本行{inputs.labels[column]} ÷ 各类合计")


@formula("cost_per_vehicle")
def cost_per_vehicle(inputs: Inputs) -> Computed | None:
    operation = inputs.data.section("sangong").rows.get("vehicle_operation", {}).get("actual")
    stock = inputs.row.get("vehicle_stock")
    if not isinstance(operation, Money) or not stock:
        return None
    per_vehicle = operation.yuan / stock
    return Computed(f"{format_yuan_value(per_vehicle, inputs.unit)}{inputs.unit}",
                    f"公务用车运行维护费决算 {inputs.amount(operation)} ÷ 保有量 {stock} 辆")


# What a formula reads beyond its own section's row and totals, so a view knows which edits change
# what it shows: the session's scores, or another section.
READS_SCORES = frozenset({"project_total", "project_grade", "fund_points", "fund_score", "project_indicator_score",
                          "department_indicator_score", "department_management_score", "department_total",
                          "department_grade"})
READS_SECTIONS = {"cost_per_vehicle": ("sangong",)}


def _score_text(item: dict | None) -> Computed | None:
    if item is None:
        return None
    tooltip = "\n".join(part for part in (item.get("formula"), item.get("explanation"), *item.get("problems", ())) if part)
    if item.get("not_applicable"):
        return Computed("不适用", tooltip)
    if item.get("score") is None:
        return Computed("—", tooltip or "无法计算")
    return Computed(item["score"], tooltip)


def _find_item(items: list[dict], key: str) -> dict | None:
    for item in items:
        if item["key"] == key:
            return item
        found = _find_item(item.get("children", []), key)
        if found:
            return found
    return None


def _project_result(inputs: Inputs, project_id: str) -> dict | None:
    scores = inputs.scores()
    projects, index = scores["projects"], scores.get(SCORE_INDEX)
    if index is not None:  # scores as last shown: each project's result by its row id
        position = index.get(project_id)
        return projects[position] if position is not None else None
    order = list(inputs.data.section("projects").rows)
    return projects[order.index(project_id)] if project_id in order and len(projects) == len(order) else None


SCORE_INDEX = "index"  # in scores taken for display (`shown_scores`): project row id -> position


def shown_scores(scores: dict, projects: list[str]) -> dict:
    """Scores kept for display while the document changes under them: score_year's JSON with
    each project's position by row id, so a project added, removed or moved since finds its own
    result (or none) rather than the one now at its place."""
    return {**scores, SCORE_INDEX: {row_id: position for position, row_id in enumerate(projects)}}


@formula("project_total")
def project_total(inputs: Inputs) -> Computed | None:
    result = _project_result(inputs, inputs.row_id)
    if result is None:
        return None
    if result["total"] is None:
        return Computed("—", "\n".join(result["notes"]) or "指标分值或完成值不全，无法计算")
    return Computed(result["total"], "\n".join(result["notes"]))


@formula("project_grade")
def project_grade(inputs: Inputs) -> Computed | None:
    result = _project_result(inputs, inputs.row_id)
    return Computed(result["grade"]) if result and result["grade"] else None


def _execution_item(inputs: Inputs) -> dict | None:
    """The budget-execution line of the row's project, on the 项目资金 block's total row only."""
    spec = inputs.data.section(inputs.section).section.fixed_rows
    if spec is None or inputs.row.get(spec.by) != spec.total:
        return None
    result = _project_result(inputs, inputs.row.get(spec.per, ""))
    return _find_item(result["items"], "budget_execution") if result else None


@formula("fund_rate")
def fund_rate(inputs: Inputs) -> Computed | None:
    """执行率 of one row of the 项目资金 block, against the base the scoring profile names
    (全年预算数, or 年初预算数); the row holds the block's values (the total summed from its parts)."""
    initial = load_profile(inputs.data.profile).scoring.execution_base == "initial"
    base = "initial_budget" if initial else "full_year_budget"
    executed, budget = _number(inputs.row.get("executed")), _number(inputs.row.get(base))
    if executed is None or not budget:
        return None
    return Computed(inputs.percent(executed / budget), f"全年执行数 ÷ {'年初预算数' if initial else '全年预算数'}"
                    "（评分方案规定的执行率口径）")


@formula("fund_points")
def fund_points(inputs: Inputs) -> Computed | None:
    item = _execution_item(inputs)
    return Computed(item["points"], "预算执行率的分值（评分方案）") if item and item.get("points") else None


@formula("fund_score")
def fund_score(inputs: Inputs) -> Computed | None:
    return _score_text(_execution_item(inputs))


@formula("project_indicator_score")
def project_indicator_score(inputs: Inputs) -> Computed | None:
    result = _project_result(inputs, inputs.row.get("project", ""))
    return _score_text(_find_item(result["items"], f"indicator:{inputs.row_id}")) if result else None


def _department(inputs: Inputs) -> dict | None:
    return inputs.scores()["department"]


@formula("department_indicator_score")
def department_indicator_score(inputs: Inputs) -> Computed | None:
    result = _department(inputs)
    return _score_text(_find_item(result["items"], f"indicator:{inputs.row_id}")) if result else None


@formula("department_management_score")
def department_management_score(inputs: Inputs) -> Computed | None:
    result = _department(inputs)
    return _score_text(_find_item(result["items"], f"management:{inputs.row_id}")) if result else None


@formula("department_total")
def department_total(inputs: Inputs) -> Computed | None:
    result = _department(inputs)
    if result is None or result["total"] is None:
        return None
    return Computed(result["total"], "\n".join(result["notes"]))


@formula("department_grade")
def department_grade(inputs: Inputs) -> Computed | None:
    result = _department(inputs)
    return Computed(result["grade"]) if result and result["grade"] else None


def format_total(value: Any, unit: str) -> str:
    """A 合计 cell: amounts in the display unit, counts as integers, decimals with two places."""
    if isinstance(value, Money):
        return format_amount(value, unit)
    if isinstance(value, Decimal):
        return format_number(value, 2, thousands=False)
    return str(value)
