"""Unit slips: a 万元 figure typed where 元 is read (seed 2 wrote 5,257.67 for 5,257.67 万元).

The 绩效 part is kept in 万元 and its figures have counterparts elsewhere in the year (the 部门整体
预算执行 block, the 决算 本年支出合计). A figure about 10,000 times smaller than its counterpart
was typed in the wrong unit. `unit_slips` lists those figures; the 审核 rule U-01 reports them and
the department score refuses to compute a rate from one (a 差异率 of 6,345,861 % says nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.document import YearData
from desktop.domain.money import Money

Cell = tuple[str, str, str]  # (section, row, column); row "" for a form
SLIP_RATIO_MIN = Decimal(5000)
SLIP_RATIO_MAX = Decimal(20000)
EXECUTION = "dept_budget_execution"
EXECUTION_INITIAL = (EXECUTION, "total", "initial_budget")

# (figure, counterpart): the figure is checked against the counterpart
PAIRS: tuple[tuple[Cell, Cell], ...] = (
    (("dept_balance", "", "expenditure_budget"), (EXECUTION, "total", "full_year_budget")),
    (("dept_balance", "", "executed"), (EXECUTION, "total", "executed")),
    (("budget_variance", "", "adjusted_budget"), (EXECUTION, "total", "full_year_budget")),
    (("budget_variance", "", "initial_budget"), (EXECUTION, "total", "full_year_budget")),
    (("budget_variance", "", "initial_budget"), EXECUTION_INITIAL),
    (("project_evaluation_summary", "", "evaluated_amount"), (EXECUTION, "project", "executed")),
    ((EXECUTION, "total", "executed"), ("income_expenditure", "expenditure_total", "current")),
)


@dataclass(frozen=True)
class UnitSlip:
    cell: Cell                 # the figure that looks typed in the wrong unit
    value: Money
    counterpart: Cell          # what it was compared with
    counterpart_value: Money
    ratio: Decimal             # counterpart / figure, about 10,000


def slip_ratio(value: Money | None, counterpart: Money | None) -> Decimal | None:
    """counterpart / value when value is about 10,000 times smaller (both above 0), else None."""
    if value is None or counterpart is None or value.fen <= 0 or counterpart.fen <= 0:
        return None
    ratio = Decimal(counterpart.fen) / Decimal(value.fen)
    return ratio if SLIP_RATIO_MIN <= ratio <= SLIP_RATIO_MAX else None


def initial_budget(year: YearData) -> Money | None:
    """The department's 年初预算 in the execution block: as typed, or 全年预算 less each row's 调整."""
    grid = year.section(EXECUTION)
    typed = grid.value("total", "initial_budget")
    full_year = grid.value("total", "full_year_budget")
    adjustments = [grid.value(r, "adjustment") for r in ("basic", "project", "other")]
    if typed is not None or full_year is None or all(a is None for a in adjustments):
        return typed
    return Money(full_year.fen - sum(a.fen for a in adjustments if a is not None))


def _money(year: YearData, cell: Cell) -> Money | None:
    section, row, column = cell
    if cell == EXECUTION_INITIAL:
        return initial_budget(year)
    return year.section(section).value(row or "", column)


def unit_slips(year: YearData) -> list[UnitSlip]:
    """Every figure of the year that looks typed in 元 where 万元 was meant (or the reverse)."""
    slips = []
    for cell, other in PAIRS:
        value, counterpart = _money(year, cell), _money(year, other)
        ratio = slip_ratio(value, counterpart)
        if ratio is not None:
            slips.append(UnitSlip(cell, value, other, counterpart, ratio))
    return slips


def slipped(year: YearData, cell: Cell) -> UnitSlip | None:
    """The first unit slip found at `cell`, if any."""
    return next((s for s in unit_slips(year) if s.cell == cell), None)
