"""核实性 checks of domain.md §2.4 (W-xx): figures that may be right but must be explained.

Thresholds live in the catalogue's params, not here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from desktop.domain.codes import code_table
from desktop.rules.checks.code_table import code_finding
from desktop.domain.money import Money
from desktop.rules.checks.common import class_blanks, class_total, coded_rows
from desktop.rules.checks.narrative import CODE_SECTIONS, per_code_section
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

SANGONG_ITEMS = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


@check("W-01")
def sangong_growth(ctx: RuleContext) -> Iterator[Finding]:
    for row in SANGONG_ITEMS:
        actual = ctx.money("sangong", "actual", row)
        if actual is None:
            continue
        for column, word in (("budget", "年初预算"), ("prior_actual", "上年决算")):
            base = ctx.money("sangong", column, row)
            if base is not None and actual.fen > base.fen:
                comparison = f"{ctx.label('sangong', row, 'actual')} {ctx.amount(actual)} 高于{word} {ctx.amount(base)}"
                blanks = ctx.blank_cells(("sangong", row, column))  # a computed base leaves blank parts out
                yield ctx.unfilled(blanks, comparison) if blanks else \
                    ctx.finding("sangong", row, "actual" if column == "budget" else "prior_actual",
                                f"{comparison}，请说明原因")


@check("W-02")
def project_personnel(ctx: RuleContext) -> Iterator[Finding]:
    for row_id, row in coded_rows(ctx, "gp_project_economic"):
        if row["code"][:3] in ("301", "303") and (row.get("actual") or Money(0)).fen > 0:
            yield ctx.finding("gp_project_economic", row_id, "actual",
                              f"项目支出列支{row.get('name') or row['code']} {ctx.amount(row['actual'])}："
                              f"项目支出中的工资福利或对个人和家庭的补助需要核实说明")


@check("W-03")
def catch_all_share(ctx: RuleContext) -> Iterator[Finding]:
    limit = Decimal(str(ctx.params["max_share"]))
    for section, column in (("gp_functional", "total"), ("gp_basic_economic", "actual"), ("gp_project_economic", "actual")):
        whole = class_total(ctx, section, column)
        if whole is None or whole.fen <= 0:
            continue
        for row_id, row in coded_rows(ctx, section):
            value = row.get(column)
            if len(row["code"]) > 3 and row["code"].endswith("99") and value is not None:
                share = Decimal(value.fen) / Decimal(whole.fen)
                if share > limit:
                    comparison = (f"“其他”类科目 {row['code']} {row.get('name', '')} {ctx.amount(value)} 占合计的 "
                                  f"{ctx.percent(share)}，超过 {ctx.percent(limit)}")
                    blanks = class_blanks(ctx, section, column)  # the 合计 leaves them out: the share is too high
                    yield ctx.unfilled(blanks, comparison) if blanks else \
                        ctx.finding(section, row_id, column, f"{comparison}，请核实是否应归入具体科目")


@check("W-04")
def capital_without_purchase(ctx: RuleContext) -> Iterator[Finding]:
    for section in ("gp_basic_economic", "gp_project_economic"):
        for row_id, row in coded_rows(ctx, section, 3):
            if row["code"] == "310" and (row.get("actual") or Money(0)).fen > 0:
                goods = ctx.money("procurement", "goods")
                if goods is None or goods.fen == 0:
                    yield ctx.finding(section, row_id, "actual",
                                      f"其他资本性支出 {ctx.amount(row['actual'])}，但政府采购货物支出为"
                                      f"{'空' if goods is None else ' 0'}：请核实购置是否走了政府采购")


@check("W-05")
def vehicle_unit_price(ctx: RuleContext) -> Iterator[Finding]:
    count, amount = ctx.value("assets", "vehicle_count"), ctx.money("assets", "vehicle_amount")
    if not count or amount is None:
        return
    average = amount.yuan / count
    low, high = Decimal(ctx.params["min_yuan"]), Decimal(ctx.params["max_yuan"])
    if not low <= average <= high:
        yield ctx.finding("assets", "", "vehicle_amount",
                          f"车辆平均价值 {ctx.number(average)}（{ctx.amount(amount)} ÷ {count} 辆）不在常见范围 "
                          f"{ctx.number(low)}–{ctx.number(high)} 之内，请核实")


@check("W-06")
def opening_matches_last_closing(ctx: RuleContext) -> Iterator[Finding]:
    previous = ctx.document.years.get(ctx.year - 1)
    if previous is None:
        return
    pairs = [("income_expenditure", "opening_balance", "current", "closing_balance", "current")]
    pairs += [("fiscal_summary", fund, "opening_balance", fund, "closing_balance") for fund in ("gp", "fund", "soe", "total")]
    for section, row, column, last_row, last_column in pairs:
        opening = ctx.money(section, column, row)
        closing = previous.sections[section].rows.get(last_row, {}).get(last_column)
        if opening is not None and closing is not None and opening != closing:
            yield ctx.finding(section, row, column,
                              f"{ctx.label(section, row, column)} {ctx.amount(opening)} ≠ {ctx.year - 1} 年度年末结转和结余 "
                              f"{ctx.amount(closing)}，请说明调整原因")


@check("W-07")
def salary_per_person(ctx: RuleContext) -> Iterator[Finding]:
    staff = sum(ctx.value("basic_info", c) or 0 for c in ("admin_actual", "institution_actual"))
    salaries = [row.get("actual") for _, row in coded_rows(ctx, "gp_basic_economic", 3) if row["code"] == "301"]
    if not staff or not salaries or salaries[0] is None:
        return
    average = salaries[0].yuan / staff
    low, high = Decimal(ctx.params["min_yuan"]), Decimal(ctx.params["max_yuan"])
    if not low <= average <= high:
        yield ctx.finding("gp_basic_economic", coded_rows(ctx, "gp_basic_economic", 3)[0][0], "actual",
                          f"人均工资福利支出 {ctx.number(average)}（{ctx.amount(salaries[0])} ÷ 在职 {staff} 人）"
                          f"不在常见范围 {ctx.number(low)}–{ctx.number(high)} 之内，请核实")


@check("W-08")
def salaries_without_social_security(ctx: RuleContext) -> Iterator[Finding]:
    salaries = [(r, row) for r, row in coded_rows(ctx, "gp_basic_economic", 3)
                if row["code"] == "301" and (row.get("actual") or Money(0)).fen > 0]
    if not salaries or not coded_rows(ctx, "gp_functional"):
        return
    classes = {row["code"][:3] for _, row in coded_rows(ctx, "gp_functional")}
    missing = [c for c in ("208", "210", "221") if c not in classes]
    if missing:
        names = {"208": "208 社会保障和就业支出", "210": "210 卫生健康支出", "221": "221 住房保障支出"}
        yield ctx.finding("gp_basic_economic", salaries[0][0], "actual",
                          f"工资福利支出 {ctx.amount(salaries[0][1]['actual'])}，但一般公共预算财政拨款支出中没有"
                          f"{'、'.join(names[c] for c in missing)}：养老、医疗、住房公积金如由他处统一列支请说明")


@check("W-09", parts=per_code_section)
def codes_in_table(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    table = code_table(ctx.year)
    for section in CODE_SECTIONS if part is None else (part,):
        scheme = ctx.section(section).column("code").scheme
        for row_id, row in coded_rows(ctx, section):
            code = row["code"]
            if table.lookup(scheme, code) is None and (len(code) < 7 or table.lookup(scheme, code[:5]) is None):
                yield code_finding(ctx, table, scheme, section, row_id, "code",
                                   f"{ctx.section(section).label}：科目编码 {code} 不在 {ctx.year} 年科目表中，请核对")
