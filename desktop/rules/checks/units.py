"""Rules across a department's units (H-…), run on the 汇总 of a year entered per unit.

The 汇总 itself adds up by construction (department_units.summarise), so what is left to check
is what no single unit's tables can show: a 事业单位 reporting 机关运行经费, and transfers between
units (对附属单位补助 / 上级补助, 上缴上级 / 附属单位上缴) whose two sides do not agree and so would
not cancel. A finding sits on the unit's own cell, so the window opens that unit at it.
A year not entered per unit holds only the 本级's figures: these rules have nothing to compare.
"""

from __future__ import annotations

from typing import Iterator

from desktop.domain.department_units import ReportingUnit, is_split, reporting_units, unit_key, unit_year
from desktop.domain.money import Money
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

INSTITUTION = "事业单位"  # not 参照公务员法管理: its 公用经费 is no 机关运行经费
TRANSFERS = (  # (the 本级's row, the 所属单位' row, what the pair is)
    ("expenditure_affiliated", "income_superior", "本级对附属单位补助支出与所属单位的上级补助收入"),
    ("income_affiliated", "expenditure_superior", "本级附属单位上缴收入与所属单位的上缴上级支出"),
)


def _units(ctx: RuleContext) -> list[ReportingUnit]:
    return reporting_units(ctx.document) if is_split(ctx.data) else []


@check("H-01")
def institution_operating_cost(ctx: RuleContext) -> Iterator[Finding]:
    for unit in _units(ctx):
        if unit.kind != INSTITUTION:
            continue
        cost = unit_year(ctx.document, ctx.data, unit).section("admin_operating_cost").get("current")
        if cost is not None and cost.fen != 0:
            yield ctx.finding(unit_key("admin_operating_cost", unit.id), "", "current",
                              f"{unit.name}是事业单位，填报了机关运行经费 {ctx.amount(cost, 'admin_operating_cost')}："
                              "事业单位的公用经费不属于机关运行经费（机关运行经费限行政单位和参照公务员法管理的事业单位），"
                              "请改填 0 或在单位表中更正单位性质")


@check("H-02")
def transfers_between_units(ctx: RuleContext) -> Iterator[Finding]:
    units = _units(ctx)
    home = next((u for u in units if u.home), None)
    subordinates = [u for u in units if not u.home]
    if home is None or not subordinates:
        return
    def current(unit: ReportingUnit, row: str) -> Money | None:
        return unit_year(ctx.document, ctx.data, unit).section("income_expenditure").value(row, "current")
    for home_row, subordinate_row, pair in TRANSFERS:
        home_figure = current(home, home_row)
        parts = [(unit, current(unit, subordinate_row)) for unit in subordinates]
        if home_figure is None or any(value is None for _, value in parts):
            continue  # a blank is not yet filled: nothing to compare
        total = Money(sum(value.fen for _, value in parts))
        if total != home_figure:
            listed = "、".join(f"{unit.name} {ctx.amount(value, 'income_expenditure')}" for unit, value in parts)
            yield ctx.finding(unit_key("income_expenditure", home.id), home_row, "current",
                              f"{pair}不一致：{home.name} {ctx.amount(home_figure, 'income_expenditure')}，"
                              f"所属单位合计 {ctx.amount(total, 'income_expenditure')}（{listed}），"
                              f"相差 {ctx.amount(Money(abs(home_figure.fen - total.fen)), 'income_expenditure')}；"
                              "单位之间的补助和上缴应两边一致，汇总时才能相互抵消")
