"""Within-table identities, domain.md §2.1 (T1-01 … T13-01), and T0-01: every table filled."""

from __future__ import annotations

from typing import Iterator

from desktop.domain.money import Money
from desktop.publication.layouts import table_layouts
from desktop.publication.tables import layout_sections, table_unfilled
from desktop.rules.checks.common import code_class, hierarchy
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

T1_INCOME = ("income_gp", "income_fund", "income_soe", "income_superior", "income_business",
             "income_operating", "income_affiliated", "income_other")
T1_EXPENDITURE = ("expenditure_basic", "expenditure_project", "expenditure_superior",
                  "expenditure_operating", "expenditure_affiliated")
T1_COLUMNS = ("current", "prior")
FUNDS = ("gp", "fund", "soe")


def _grid_sum(ctx: RuleContext, section: str, total_row: str, part_rows: tuple[str, ...],
              columns: tuple[str, ...]) -> Iterator[Finding]:
    for column in columns:
        yield from ctx.identity((section, total_row, column), [(section, r, column) for r in part_rows])


def _rows_and_hierarchy(ctx: RuleContext, section: str, total: str, parts: tuple[str, ...],
                        hierarchy_columns: tuple[str, ...], group: str | None = None) -> Iterator[Finding]:
    """Each row: total = Σ parts; then 类 = Σ款 and 款 = Σ项 for the given columns (of the rows of
    one 类 when `group` is given: code_class)."""
    for row_id, row in ctx.rows(section):
        if group is None or code_class(row) == group:
            yield from ctx.identity((section, row_id, total), [(section, row_id, c) for c in parts])
    yield from hierarchy(ctx, section, hierarchy_columns, group)


def published_table_parts(ctx: RuleContext) -> dict[str, frozenset[str]]:
    """T0-01's partitions: one per section a 第一部分 table is built from, with every section
    that section's tables read, so an edit re-checks only the tables it can change."""
    parts: dict[str, frozenset[str]] = {}
    for layout in table_layouts(ctx.data.profile):
        read = layout_sections(layout, ctx.data.sections)
        parts[layout.section] = parts.get(layout.section, frozenset()) | read
    return parts


@check("T0-01", parts=published_table_parts)
def tables_filled(ctx: RuleContext, section: str | None = None) -> Iterator[Finding]:
    """Each 第一部分 table the export gate calls unfilled, on its table, from the first minute
    (the tables of `section` only, when given).

    The one definition is the publication's own (Table.unfilled, via table_unfilled): a table
    without any non-zero amount that is not an explicit 空表. The gate reads these findings as
    its unfilled tables."""
    for layout in table_layouts(ctx.data.profile):
        if section is None or layout.section == section:
            unfilled = table_unfilled(layout, ctx.data)
            if unfilled:
                yield ctx.finding(layout.section, "", "", unfilled)


@check("T1-01")
def income_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "income_expenditure", "income_total", T1_INCOME, T1_COLUMNS)


@check("T1-02")
def expenditure_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "income_expenditure", "expenditure_total", T1_EXPENDITURE, T1_COLUMNS)


@check("T1-03")
def income_grand_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "income_expenditure", "income_grand_total",
                         ("income_total", "use_nonfiscal_balance", "opening_balance"), T1_COLUMNS)


@check("T1-04")
def expenditure_grand_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "income_expenditure", "expenditure_grand_total",
                         ("expenditure_total", "balance_distribution", "closing_balance"), T1_COLUMNS)


@check("T1-05")
def grand_totals_agree(ctx: RuleContext) -> Iterator[Finding]:
    for column in T1_COLUMNS:
        yield from ctx.identity(("income_expenditure", "income_grand_total", column),
                                [("income_expenditure", "expenditure_grand_total", column)])


@check("T2-01", groups=("functional_income", code_class))
def income_by_function(ctx: RuleContext, group: str | None = None) -> Iterator[Finding]:
    sources = ("fiscal", "superior", "business", "operating", "affiliated", "other")
    yield from _rows_and_hierarchy(ctx, "functional_income", "total", sources, ("total", *sources), group)


@check("T3-01", groups=("functional_expenditure", code_class))
def expenditure_by_function(ctx: RuleContext, group: str | None = None) -> Iterator[Finding]:
    natures = ("basic", "project", "superior", "operating", "affiliated")
    yield from _rows_and_hierarchy(ctx, "functional_expenditure", "total", natures, ("total", *natures), group)


@check("T4-01")
def fiscal_totals(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "fiscal_summary", "total", FUNDS,
                         ("opening_balance", "income", "expenditure", "closing_balance"))


@check("T4-03")
def fiscal_grand_total(ctx: RuleContext) -> Iterator[Finding]:
    section = "fiscal_summary"
    for row in FUNDS:  # 收入总计 = 本年收入 + 年初结转和结余 (computed; a typed figure is checked)
        yield from ctx.reported_total(section, row, "grand_total")
    yield from ctx.identity((section, "total", "grand_total"),
                            [(section, "total", "income"), (section, "total", "opening_balance")],
                            total_label="财政拨款收入总计", part_labels=["本年收入", "年初结转和结余"], typed_total=True)
    yield from ctx.identity((section, "total", "grand_total"),
                            [(section, "total", "expenditure"), (section, "total", "closing_balance")],
                            total_label="财政拨款支出总计", part_labels=["本年支出", "年末结转和结余"])


def _roll_forward(ctx: RuleContext, section: str, row: str, spent_column: str) -> Iterator[Finding]:
    """年末 ≈ 年初 + 本年收入 − 本年支出 when all four are filled; while some are blank, one
    提示性 finding names them (a blank may stand for any amount, so nothing is checked yet)."""
    names = ("opening_balance", "income", spent_column, "closing_balance")
    opening, income, spent, closing = (ctx.money(section, c, row) for c in names)
    if None in (opening, income, spent, closing):
        blanks = [(section, row, c) for c, v in zip(names, (opening, income, spent, closing)) if v is None]
        if len(blanks) < len(names):
            # nothing is known to differ yet: a hint, not a finding that holds the gate
            yield ctx.unfilled(blanks, f"{ctx.label(section, row)} 年末结转和结余 = 年初 + 本年收入 − 本年支出", "info")
        return
    expected = opening + income - spent
    if abs(closing.fen - expected.fen) > ctx.tolerance_fen(section, 3):
        yield ctx.finding(section, row, "closing_balance",
                          f"{ctx.label(section, row, 'closing_balance')} {ctx.amount(closing, section)} ≠ 年初 "
                          f"{ctx.amount(opening, section)} + 本年收入 {ctx.amount(income, section)} − 本年支出 "
                          f"{ctx.amount(spent, section)} = {ctx.amount(expected, section)}；如有财政收回或调整，请说明")


@check("T4-04")
def fiscal_roll_forward(ctx: RuleContext) -> Iterator[Finding]:
    for fund in FUNDS:
        yield from _roll_forward(ctx, "fiscal_summary", fund, "expenditure")


@check("T5-01", groups=("gp_functional", code_class))
def gp_functional_rows(ctx: RuleContext, group: str | None = None) -> Iterator[Finding]:
    yield from _rows_and_hierarchy(ctx, "gp_functional", "total", ("basic", "project"),
                                   ("budget", "basic", "project", "total"), group)


@check("T6-01")
def economic_hierarchy(ctx: RuleContext) -> Iterator[Finding]:
    yield from hierarchy(ctx, "gp_basic_economic", ("budget", "actual"))
    yield from hierarchy(ctx, "gp_project_economic", ("budget", "actual"))


@check("T7-01")
def sangong_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "sangong", "total", ("abroad", "vehicle", "reception"),
                         ("budget", "actual", "prior_actual"))


@check("T7-02")
def sangong_vehicle(ctx: RuleContext) -> Iterator[Finding]:
    yield from _grid_sum(ctx, "sangong", "vehicle", ("vehicle_purchase", "vehicle_operation"),
                         ("budget", "actual", "prior_actual"))


@check("T7-03")
def sangong_zero_total(ctx: RuleContext) -> Iterator[Finding]:
    for column in ("budget", "actual", "prior_actual"):
        total = ctx.stored("sangong", column, "total")  # a 合计 typed as 0 (the computed one is Σ parts)
        if total is None or total.fen != 0:
            continue
        nonzero = [r for r in ("abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")
                   if (ctx.money("sangong", column, r) or Money(0)).fen != 0]
        for row in nonzero:
            yield ctx.finding("sangong", row, column,
                              f"三公经费合计（{ctx.section('sangong').column(column).label}）填报为 0，但"
                              f"{ctx.label('sangong', row, column)} 为 {ctx.amount(ctx.money('sangong', column, row))}")


@check("T8-01")
def gov_fund_rows(ctx: RuleContext) -> Iterator[Finding]:
    yield from _rows_and_hierarchy(ctx, "gov_fund", "total", ("basic", "project"),
                                   ("opening_balance", "income", "total", "basic", "project", "closing_balance"))


@check("T8-02")
def gov_fund_roll_forward(ctx: RuleContext) -> Iterator[Finding]:
    for row_id, _ in ctx.rows("gov_fund"):
        yield from _roll_forward(ctx, "gov_fund", row_id, "total")


@check("T9-01")
def soe_rows(ctx: RuleContext) -> Iterator[Finding]:
    yield from _rows_and_hierarchy(ctx, "soe_capital", "total", ("basic", "project"), ("total", "basic", "project"))


@check("T12-01")
def procurement_total(ctx: RuleContext) -> Iterator[Finding]:
    yield from ctx.identity(("procurement", "", "total"),
                            [("procurement", "", c) for c in ("goods", "works", "services")])


@check("T12-02")
def procurement_small_micro(ctx: RuleContext) -> Iterator[Finding]:
    yield from ctx.identity(("procurement", "", "small_micro"), [("procurement", "", "sme")], relation="<=")


@check("T12-03")
def procurement_sme(ctx: RuleContext) -> Iterator[Finding]:
    yield from ctx.identity(("procurement", "", "sme"), [("procurement", "", "total")], relation="<=")


@check("T13-01")
def purchased_services_items(ctx: RuleContext) -> Iterator[Finding]:
    rows = [("purchased_services", row_id, "amount") for row_id, _ in ctx.rows("purchased_services")]
    yield from ctx.identity(("purchased_services_summary", "", "total"), rows, relation=">=",
                            part_labels=[ctx.row_name("purchased_services", r) for _, r, _ in rows])
