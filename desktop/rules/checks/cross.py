"""Between-table identities, domain.md §2.2 (X-01 … X-09).

Table 合计 rows are not stored; a table's 合计 is the sum of its 类 rows, so a comparison with
an empty table is skipped rather than read as zero.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from desktop.domain.money import Money, total
from desktop.domain.profiles import load_profile
from desktop.rules.checks.common import class_blanks, class_total, compare, coded_rows, column_total
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

T1 = "income_expenditure"


@check("X-01")
def totals_match_function_tables(ctx: RuleContext) -> Iterator[Finding]:
    yield from compare(ctx, (T1, "income_total", "current"), class_total(ctx, "functional_income", "total"),
                       "收入决算表合计（本年收入合计）", right_blanks=class_blanks(ctx, "functional_income", "total"))
    yield from compare(ctx, (T1, "expenditure_total", "current"),
                       class_total(ctx, "functional_expenditure", "total"), "支出决算表合计（本年支出合计）",
                       right_blanks=class_blanks(ctx, "functional_expenditure", "total"))


@check("X-02")
def sources_and_natures_match(ctx: RuleContext) -> Iterator[Finding]:
    fiscal = [ctx.money(T1, "current", r) for r in ("income_gp", "income_fund", "income_soe")]
    fiscal_income = total(fiscal)  # an explicit 0 is a reported zero; only all-blank is not filled
    income_pairs = (("superior", "income_superior"), ("business", "income_business"),
                    ("operating", "income_operating"), ("affiliated", "income_affiliated"), ("other", "income_other"))
    table = class_total(ctx, "functional_income", "fiscal")
    if fiscal_income is not None and table is not None and table != fiscal_income:
        comparison = (f"收入支出决算总表 财政拨款收入合计 {ctx.amount(fiscal_income)} ≠ 收入决算表合计（财政拨款收入）"
                      f" {ctx.amount(table)}，相差 {ctx.amount(Money(abs(fiscal_income.fen - table.fen)))}")
        blanks = ctx.explaining_blanks(fiscal_income.fen - table.fen,
                                       [(T1, r, "current") for r in ("income_gp", "income_fund", "income_soe")
                                        if ctx.money(T1, "current", r) is None],
                                       class_blanks(ctx, "functional_income", "fiscal"))
        yield ctx.unfilled(blanks, comparison) if blanks else ctx.finding(T1, "income_gp", "current", comparison)
    for column, row in income_pairs:
        yield from compare(ctx, (T1, row, "current"), class_total(ctx, "functional_income", column),
                           f"收入决算表合计（{ctx.section('functional_income').column(column).label}）",
                           right_blanks=class_blanks(ctx, "functional_income", column))
    nature_pairs = (("basic", "expenditure_basic"), ("project", "expenditure_project"),
                    ("superior", "expenditure_superior"), ("operating", "expenditure_operating"),
                    ("affiliated", "expenditure_affiliated"))
    for column, row in nature_pairs:
        yield from compare(ctx, (T1, row, "current"), class_total(ctx, "functional_expenditure", column),
                           f"支出决算表合计（{ctx.section('functional_expenditure').column(column).label}）",
                           right_blanks=class_blanks(ctx, "functional_expenditure", column))


@check("X-03")
def fiscal_income_matches(ctx: RuleContext) -> Iterator[Finding]:
    for fund, row in (("gp", "income_gp"), ("fund", "income_fund"), ("soe", "income_soe")):
        yield from compare(ctx, (T1, row, "current"), ctx.money("fiscal_summary", "income", fund),
                           f"财政拨款收入支出决算总表·{ctx.section('fiscal_summary').row_label(fund)}（本年收入）")


@check("X-04")
def gp_expenditure_matches(ctx: RuleContext) -> Iterator[Finding]:
    yield from compare(ctx, ("fiscal_summary", "gp", "expenditure"), class_total(ctx, "gp_functional", "total"),
                       "一般公共预算财政拨款支出决算表合计", right_blanks=class_blanks(ctx, "gp_functional", "total"))


@check("X-05")
def basic_matches_economic(ctx: RuleContext) -> Iterator[Finding]:
    for nature, economic in (("basic", "gp_basic_economic"), ("project", "gp_project_economic")):
        table5 = class_total(ctx, "gp_functional", nature)
        table6 = class_total(ctx, economic, "actual")
        if table5 is None or table6 is None or table5 == table6:
            continue
        label = "基本支出" if nature == "basic" else "项目支出"
        first = coded_rows(ctx, "gp_functional", 3)[0][0]
        comparison = (f"一般公共预算财政拨款支出决算表合计（{label}）{ctx.amount(table5)} ≠ 按经济分类的{label}合计 "
                      f"{ctx.amount(table6)}，相差 {ctx.amount(Money(abs(table5.fen - table6.fen)))}")
        blanks = ctx.explaining_blanks(table5.fen - table6.fen, class_blanks(ctx, "gp_functional", nature),
                                       class_blanks(ctx, economic, "actual"))
        yield ctx.unfilled(blanks, comparison) if blanks else ctx.finding("gp_functional", first, nature, comparison)


@check("X-06")
def fund_tables_match(ctx: RuleContext) -> Iterator[Finding]:
    for fund, table in (("fund", "gov_fund"), ("soe", "soe_capital")):
        summary = ctx.money("fiscal_summary", "expenditure", fund)
        detail = class_total(ctx, table, "total")
        label = ctx.section(table).label
        if detail is None and summary is not None and summary.fen != 0:
            yield ctx.finding("fiscal_summary", fund, "expenditure",
                              f"{ctx.label('fiscal_summary', fund, 'expenditure')} {ctx.amount(summary)}，但{label}为空表")
            continue
        yield from compare(ctx, ("fiscal_summary", fund, "expenditure"), detail, f"{label}合计（本年支出）",
                           right_blanks=class_blanks(ctx, table, "total"))


@check("X-07")
def all_sources_cover_gp(ctx: RuleContext) -> Iterator[Finding]:
    for nature in ("basic", "project"):
        all_sources = class_total(ctx, "functional_expenditure", nature)
        gp = class_total(ctx, "gp_functional", nature)
        if all_sources is not None and gp is not None and all_sources.fen < gp.fen:
            label = ctx.section("gp_functional").column(nature).label
            first = coded_rows(ctx, "functional_expenditure", 3)[0][0]
            comparison = (f"支出决算表合计（{label}）{ctx.amount(all_sources)} 小于一般公共预算财政拨款{label} "
                          f"{ctx.amount(gp)}：全部资金来源的支出不能少于其中一种来源")
            blanks = class_blanks(ctx, "functional_expenditure", nature)
            yield ctx.unfilled(blanks, comparison) if blanks else \
                ctx.finding("functional_expenditure", first, nature, comparison)


@check("X-08")
def procurement_within_expenditure(ctx: RuleContext) -> Iterator[Finding]:
    """Counted by payment, 政府采购 is part of the year's spending; counted by contract (the profile's
    audit.procurement_basis), a contract signed this year may exceed it, so an excess is a warning."""
    spent = ctx.money(T1, "current", "expenditure_total")
    blanks = ctx.blank_cells((T1, "expenditure_total", "current"))
    if load_profile(ctx.data.profile).audit.procurement_basis == "payment":
        yield from compare(ctx, ("procurement", "", "total"), spent, "本年支出合计", relation="<=", right_blanks=blanks)
        return
    for finding in compare(ctx, ("procurement", "", "total"), spent, "本年支出合计", relation="<=", severity="warning",
                           right_blanks=blanks):
        yield finding if finding.severity != "warning" else \
            replace(finding, message=f"{finding.message}：本方案按合同金额统计政府采购，合同额可以超过当年支出，"
                                     "请核实并说明（如跨年度合同、尚未支付的合同款）")


SANGONG_ECONOMIC = (("abroad", ("30212",), "因公出国（境）费"), ("reception", ("30217",), "公务接待费"),
                    ("vehicle_operation", ("30231",), "公务用车运行维护费"),
                    ("vehicle_purchase", ("31013", "30913"), "公务用车购置"))


@check("X-09")
def sangong_covers_economic(ctx: RuleContext) -> Iterator[Finding]:
    for row, codes, label in SANGONG_ECONOMIC:
        economic_rows = [(r, v) for r, v in ctx.rows("gp_basic_economic") if v.get("code") in codes]
        basic = column_total(ctx, "gp_basic_economic", "actual", economic_rows)
        code_text = "+".join(codes)
        # a blank economic row could only raise the right side: no blank can mend a 三公 below its class
        yield from compare(ctx, ("sangong", row, "actual"), basic,
                           f"基本支出经济分类 {code_text} {label}", relation=">=")
