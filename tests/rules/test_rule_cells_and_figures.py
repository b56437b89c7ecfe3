"""Rules pinned by the cell they report and the figures in their message (issue 18, mutation testing).

For each rule: a passing case with every cell it reads filled correctly (no finding), a failing case
whose finding names the cell and the numbers, and the boundary where the tolerance ends. These kill
the mutants that a "fired with its id and severity" test lets through: a flipped sign in 年末 = 年初 +
收入 − 支出, `>=` turned into `==`, a boundary moved by one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.document import Document, YearData
from desktop.domain.money import Money
from desktop.rules.engine import check_document
from desktop.rules.findings import Finding, Location
from desktop.synthetic import build_document

YEAR = 2023


def yuan(text: str) -> Money:
    return Money.from_yuan(Decimal(text))


@pytest.fixture
def doc() -> Document:
    return build_document(projects=2, functional_rows=12, units=2, year=YEAR)


def found(document: Document, rule: str) -> list[Finding]:
    return [f for f in check_document(document, YEAR) if f.rule == rule]


def only(document: Document, rule: str) -> Finding:
    [finding] = found(document, rule)
    return finding


# -- T4-04 / T8-02 年末结转和结余 = 年初 + 本年收入 − 本年支出 ---------------------------------------------
def _fund_row(y: YearData, closing: str) -> None:
    """政府性基金 in 表4: 年初 100 + 收入 50 − 支出 30 = 120 (income ≠ expenditure, so a flipped sign shows)."""
    summary = y.section("fiscal_summary")
    for column, value in (("opening_balance", "100"), ("income", "50"), ("expenditure", "30"),
                          ("closing_balance", closing)):
        summary.set_value("fund", column, yuan(value))


@pytest.mark.parametrize("closing", ["120", "119.97", "120.03"])  # exact, and 3 fen (tolerance of 3 summands)
def test_t4_04_roll_forward_holds_within_three_fen(doc, closing):
    _fund_row(doc.year(YEAR), closing)
    assert found(doc, "T4-04") == []


@pytest.mark.parametrize("closing, difference", [("119.96", "-"), ("120.04", "+"), ("60", "-"), ("180", "+")])
def test_t4_04_reports_the_closing_cell_and_the_sum(doc, closing, difference):
    _fund_row(doc.year(YEAR), closing)
    finding = only(doc, "T4-04")
    assert finding.location == Location("fiscal_summary", "fund", "closing_balance")
    assert finding.severity == "warning"
    shown = f"{Decimal(closing):,.2f}"
    assert (f"政府性基金预算财政拨款（年末结转和结余） {shown} ≠ 年初 100.00 + 本年收入 50.00 − 本年支出 30.00 "
            f"= 120.00；如有财政收回或调整，请说明") in finding.message


def test_t4_04_names_the_blank_figure_instead_of_checking(doc):
    y = doc.year(YEAR)
    _fund_row(y, "999")
    y.section("fiscal_summary").set_value("fund", "income", None)
    [finding] = found(doc, "T4-04")
    assert (finding.severity, finding.location.key) == ("info", "fiscal_summary/fund/income")
    assert finding.message.startswith("表4 财政拨款收入支出决算总表·政府性基金预算财政拨款（本年收入） 未填写；如为0请填0")


def _gov_fund(y: YearData, *rows: dict) -> None:
    for values in rows:
        y.section("gov_fund").add_row({k: yuan(v) if k not in ("code", "name") else v for k, v in values.items()})


# 类 229 with its one 款 22960: each row 本年支出 = 基本 + 项目, 年末 = 年初 + 收入 − 支出
GOV_CLASS = {"code": "229", "name": "其他支出", "opening_balance": "100", "income": "50", "total": "30",
             "basic": "10", "project": "20", "closing_balance": "120"}
GOV_ITEM = {**GOV_CLASS, "code": "22960", "name": "彩票公益金安排的支出"}


def test_t8_filled_correctly_passes(doc):
    _gov_fund(doc.year(YEAR), GOV_CLASS, GOV_ITEM)
    assert found(doc, "T8-01") == [] and found(doc, "T8-02") == []


@pytest.mark.parametrize("closing", ["119.97", "120.03"])
def test_t8_02_boundary_is_three_fen(doc, closing):
    _gov_fund(doc.year(YEAR), {**GOV_CLASS, "closing_balance": closing})
    assert found(doc, "T8-02") == []


@pytest.mark.parametrize("closing", ["119.96", "120.04", "60", "180"])
def test_t8_02_reports_the_closing_cell_and_the_sum(doc, closing):
    _gov_fund(doc.year(YEAR), {**GOV_CLASS, "closing_balance": closing})
    finding = only(doc, "T8-02")
    assert finding.location == Location("gov_fund", "r1", "closing_balance") and finding.severity == "warning"
    assert (f"229 其他支出（年末结转和结余） {Decimal(closing):,.2f} ≠ 年初 100.00 + 本年收入 50.00 − 本年支出 30.00 "
            f"= 120.00") in finding.message


def test_t8_02_checks_every_row(doc):
    _gov_fund(doc.year(YEAR), GOV_CLASS, {**GOV_ITEM, "closing_balance": "121"})
    assert only(doc, "T8-02").location == Location("gov_fund", "r2", "closing_balance")


def test_t8_01_row_total_is_basic_plus_project(doc):
    _gov_fund(doc.year(YEAR), {**GOV_CLASS, "total": "31", "closing_balance": "119"})
    finding = only(doc, "T8-01")
    assert finding.location == Location("gov_fund", "r1", "total") and finding.severity == "error"
    assert "229 其他支出（本年支出合计） 31.00 ≠ 基本支出 10.00 + 项目支出 20.00，相差 1.00" in finding.message


@pytest.mark.parametrize("total, severity", [("30.02", "info"), ("29.98", "info"), ("30.03", "error")])
def test_t8_01_boundary_is_the_rounding_of_two_parts(doc, total, severity):
    _gov_fund(doc.year(YEAR), {**GOV_CLASS, "total": total, "closing_balance": str(Decimal("150") - Decimal(total))})
    finding = only(doc, "T8-01")
    assert finding.severity == severity and finding.location == Location("gov_fund", "r1", "total")
    assert ("（在舍入误差范围内）" in finding.message) == (severity == "info")


def test_t8_01_class_is_the_sum_of_its_items(doc):
    _gov_fund(doc.year(YEAR), GOV_CLASS, {**GOV_ITEM, "opening_balance": "90", "closing_balance": "110"})
    by_cell = {f.location: f.message for f in found(doc, "T8-01")}
    assert sorted(by_cell) == [Location("gov_fund", "r1", "closing_balance"), Location("gov_fund", "r1", "opening_balance")]
    assert "229 其他支出（年初结转和结余） 100.00 ≠ 22960 彩票公益金安排的支出 90.00，相差 10.00" \
        in by_cell[Location("gov_fund", "r1", "opening_balance")]


# -- T9-01 国有资本经营预算: each row 本年支出 = 基本 + 项目; 类 = Σ 款 -----------------------------------
SOE_CLASS = {"code": "223", "name": "国有资本经营预算支出", "total": "30", "basic": "10", "project": "20"}
SOE_ITEM = {**SOE_CLASS, "code": "22301", "name": "解决历史遗留问题及改革成本支出"}


def _soe(y: YearData, *rows: dict) -> None:
    for values in rows:
        y.section("soe_capital").add_row({k: yuan(v) if k not in ("code", "name") else v for k, v in values.items()})


def test_t9_01_filled_correctly_passes(doc):
    _soe(doc.year(YEAR), SOE_CLASS, SOE_ITEM)
    assert found(doc, "T9-01") == []


@pytest.mark.parametrize("total, severity", [("30.02", "info"), ("30.03", "error"), ("29.97", "error")])
def test_t9_01_row_total_and_its_boundary(doc, total, severity):
    _soe(doc.year(YEAR), {**SOE_CLASS, "total": total})
    finding = only(doc, "T9-01")
    assert finding.location == Location("soe_capital", "r1", "total") and finding.severity == severity
    assert f"223 国有资本经营预算支出（本年支出合计） {total} ≠ 基本支出 10.00 + 项目支出 20.00" in finding.message


def test_t9_01_class_is_the_sum_of_its_items(doc):
    _soe(doc.year(YEAR), SOE_CLASS, {**SOE_ITEM, "basic": "9", "total": "29"})
    by_cell = {f.location: f.message for f in found(doc, "T9-01")}
    assert sorted(by_cell) == [Location("soe_capital", "r1", "basic"), Location("soe_capital", "r1", "total")]
    assert "（基本支出） 10.00 ≠ 22301 解决历史遗留问题及改革成本支出 9.00，相差 1.00" \
        in by_cell[Location("soe_capital", "r1", "basic")]


# -- X-09 三公经费决算 ≥ 基本支出经济分类 -----------------------------------------------------------------
@pytest.mark.parametrize("actual", ["30000", "30000.01", "45000"])  # equal (boundary) and above: both hold
def test_x09_sangong_at_or_above_the_economic_figure_passes(doc, actual):
    doc.year(YEAR).section("sangong").set_value("vehicle_operation", "actual", yuan(actual))
    assert found(doc, "X-09") == []


def test_x09_sangong_below_the_economic_figure_names_both(doc):
    doc.year(YEAR).section("sangong").set_value("vehicle_operation", "actual", yuan("29999.99"))
    finding = only(doc, "X-09")
    assert finding.location == Location("sangong", "vehicle_operation", "actual") and finding.severity == "error"
    assert ("公务用车运行维护费（决算数） 29,999.99 < 基本支出经济分类 30231 公务用车运行维护费 30,000.00，相差 0.01"
            in finding.message)


def test_x09_vehicle_purchase_adds_both_codes(doc):
    y = doc.year(YEAR)
    economic = y.section("gp_basic_economic")
    economic.add_row({"code": "31013", "name": "公务用车购置", "budget": yuan("600"), "actual": yuan("600")})
    economic.add_row({"code": "30913", "name": "公务用车购置", "budget": yuan("400"), "actual": yuan("400")})
    finding = only(doc, "X-09")
    assert finding.location == Location("sangong", "vehicle_purchase", "actual")
    assert "公务用车购置费（决算数） 0.00 < 基本支出经济分类 31013+30913 公务用车购置 1,000.00，相差 1,000.00" \
        in finding.message
    y.section("sangong").set_value("vehicle_purchase", "actual", yuan("1000"))
    assert found(doc, "X-09") == []


def test_x09_checks_abroad_and_reception_too(doc):
    y = doc.year(YEAR)
    economic = y.section("gp_basic_economic")
    economic.add_row({"code": "30212", "name": "因公出国（境）费用", "budget": yuan("15000"), "actual": yuan("15000")})
    economic.add_row({"code": "30217", "name": "公务接待费", "budget": yuan("4000.01"), "actual": yuan("4000.01")})
    finding = only(doc, "X-09")
    assert finding.location == Location("sangong", "reception", "actual")
    assert "< 基本支出经济分类 30217 公务接待费 4,000.01，相差 0.01" in finding.message


# -- N-11 政府购买服务主要项目: at most 10 % of the total unlisted ------------------------------------------
@pytest.mark.parametrize("second", ["500000", "380000", "600000"])  # all listed, exactly 10 % unlisted, more listed
def test_n11_listed_items_cover_the_total(doc, second):
    y = doc.year(YEAR)
    row = next(r for r, v in y.section("purchased_services").rows.items() if v["item"] == "会务服务")
    y.section("purchased_services").set_value(row, "amount", yuan(second))
    assert found(doc, "N-11") == []


def test_n11_just_over_ten_percent_unlisted_names_the_figures(doc):
    y = doc.year(YEAR)
    row = next(r for r, v in y.section("purchased_services").rows.items() if v["item"] == "会务服务")
    y.section("purchased_services").set_value(row, "amount", yuan("379999.99"))
    finding = only(doc, "N-11")
    assert finding.location == Location("purchased_services_summary", "", "total") and finding.severity == "warning"
    assert finding.message == ("政府购买服务支出总额 1,200,000.00，所列主要项目合计 1,079,999.99，未列明 120,000.01"
                               "（占 10.0%），请补充主要项目或说明")


def test_n11_is_silent_without_a_total_or_items(doc):
    y = doc.year(YEAR)
    y.section("purchased_services_summary").set_value("", "total", yuan("0"))
    assert found(doc, "N-11") == []
    y.section("purchased_services_summary").set_value("", "total", None)
    assert found(doc, "N-11") == []


# -- P-07c 项目自评总分: reported vs computed within 0.01 -------------------------------------------------
@pytest.mark.parametrize("reported", ["100", "100.00", "99.99", "100.01"])
def test_p07c_reported_score_within_a_cent_passes(doc, reported):
    doc.year(YEAR).section("projects").set_value("r1", "score_reported", Decimal(reported))
    assert found(doc, "P-07c") == []


@pytest.mark.parametrize("reported, shown", [("99.98", "99.98"), ("100.02", "100.02"), ("80", "80.00")])
def test_p07c_reported_score_off_by_more_names_both(doc, reported, shown):
    doc.year(YEAR).section("projects").set_value("r1", "score_reported", Decimal(reported))
    finding = only(doc, "P-07c")
    assert finding.location == Location("projects", "r1", "score_reported") and finding.severity == "warning"
    assert finding.message == f"项目“科技创新服务项目1”自评总分（填报数）{shown} ≠ 计算得分 100.00"


# -- W-06 年初结转和结余 = 上年年末 -----------------------------------------------------------------------
def _last_year(document: Document, closing: str = "200000", fiscal_gp: str = "200000") -> YearData:
    last = document.add_year(2022)
    last.section("income_expenditure").set_value("closing_balance", "current", yuan(closing))
    last.section("fiscal_summary").set_value("gp", "closing_balance", yuan(fiscal_gp))
    return last


def test_w06_opening_equal_to_last_closing_passes(doc):
    _last_year(doc)
    assert found(doc, "W-06") == []


def test_w06_without_last_year_is_silent(doc):
    doc.year(YEAR).section("income_expenditure").set_value("opening_balance", "current", yuan("1"))
    assert found(doc, "W-06") == []


@pytest.mark.parametrize("closing", ["200000.01", "199999.99"])  # no tolerance: one fen is a difference
def test_w06_a_fen_of_difference_is_reported_at_the_opening_cell(doc, closing):
    _last_year(doc, closing=closing)
    finding = only(doc, "W-06")
    assert finding.location == Location("income_expenditure", "opening_balance", "current")
    assert finding.severity == "warning"
    assert f"年初结转和结余（本年决算数） 200,000.00 ≠ 2022 年度年末结转和结余 {Decimal(closing):,.2f}，请说明调整原因" \
        in finding.message


def test_w06_compares_the_fiscal_summary_funds_too(doc):
    _last_year(doc, fiscal_gp="199000")
    finding = only(doc, "W-06")
    assert finding.location == Location("fiscal_summary", "gp", "opening_balance")
    assert "200,000.00 ≠ 2022 年度年末结转和结余 199,000.00" in finding.message


# -- differences too small for 万元 are shown in 元 ---------------------------------------------------------
def test_a_difference_of_ten_fen_in_a_wan_table_is_shown_in_yuan(doc):
    execution = doc.year(YEAR).section("dept_budget_execution")
    for row, text in (("basic", "1000000.10"), ("project", "2000000.00"), ("other", "0"), ("total", "3000000.20")):
        execution.set_value(row, "full_year_budget", yuan(text))
    [finding] = [f for f in found(doc, "P-01") if f.location.column == "full_year_budget"]
    assert finding.location == Location("dept_budget_execution", "total", "full_year_budget")
    assert ("资金总体（全年预算数）填报数 300.00万元 ≠ 基本支出 100.00万元 + 项目支出 200.00万元 + 其他支出 0.00万元，"
            "相差 0.10元；合计由程序计算为 300.00万元") in finding.message


def test_a_comparison_within_the_rounding_of_wan_is_info_naming_the_difference(doc):
    y = doc.year(YEAR)
    y.section("budget_variance").set("adjusted_budget", yuan("3709400"))
    y.section("dept_balance").set("expenditure_budget", yuan("3709300"))
    finding = only(doc, "V-02")
    assert finding.severity == "info" and finding.location == Location("budget_variance", "", "adjusted_budget")
    assert finding.message == ("部门预决算差异·调整后预算数 370.94万元 与结转结余·全年支出预算数 370.93万元 "
                               "相差 0.01万元（在舍入误差范围内）")


# -- W-03 “其他”类科目 at most 20 % of the table ---------------------------------------------------------
def test_w03_checks_the_economic_tables_when_the_functional_one_is_empty(doc):
    y = doc.year(YEAR)
    functional = y.section("gp_functional")
    for row in list(functional.rows):
        functional.remove_row(row)
    economic = y.section("gp_basic_economic")
    row = next(r for r, v in economic.rows.items() if v["code"] == "30299")
    economic.set_value(row, "actual", yuan("2000000"))
    finding = only(doc, "W-03")
    assert finding.location == Location("gp_basic_economic", row, "actual")
    assert finding.message == ("“其他”类科目 30299 其他商品和服务支出 2,000,000.00 占合计的 185.3%，超过 20.0%，"
                               "请核实是否应归入具体科目")


def test_w03_names_an_unnamed_catch_all_row_by_its_code_alone(doc):
    y = doc.year(YEAR)
    economic = y.section("gp_basic_economic")
    row = next(r for r, v in economic.rows.items() if v["code"] == "30299")
    economic.set_value(row, "name", None)
    economic.set_value(row, "actual", yuan("2000000"))
    finding = next(f for f in found(doc, "W-03") if f.location == Location("gp_basic_economic", row, "actual"))
    assert finding.message.startswith("“其他”类科目 30299  2,000,000.00 占合计的 ")
    assert "None" not in finding.message


def test_w03_leaves_a_class_ending_in_99_alone(doc):
    y = doc.year(YEAR)
    y.section("gp_basic_economic").add_row({"code": "399", "name": "其他支出", "budget": yuan("5000000"),
                                            "actual": yuan("5000000")})
    assert found(doc, "W-03") == []


def test_a_project_without_funds_or_indicators_is_reported_not_a_crash(doc):
    row = doc.year(YEAR).section("projects").add_row({"name": "新项目"})
    mine = [(f.rule, f.location.column) for f in check_document(doc, YEAR) if f.location.row == row]
    assert mine == [("P-10", "name"), ("P-08", "goal_expected"), ("P-08", "level:产出指标"), ("P-08", "level:效益指标")]


def test_w06_compares_the_fiscal_total_when_last_year_typed_it(doc):
    last = _last_year(doc)
    last.section("fiscal_summary").set_value("total", "closing_balance", yuan("150000"))
    finding = only(doc, "W-06")
    assert finding.location == Location("fiscal_summary", "total", "opening_balance")
    assert "200,000.00 ≠ 2022 年度年末结转和结余 150,000.00" in finding.message


# -- W-07 人均工资福利支出 counts 行政 and 事业 staff ------------------------------------------------------
@pytest.mark.parametrize("salaries, finding_expected", [("647556", True), ("650000", False)])
def test_w07_counts_institution_staff_and_its_lower_bound_is_inclusive(doc, salaries, finding_expected):
    y = doc.year(YEAR)
    y.section("basic_info").set("institution_actual", 10)
    economic = y.section("gp_basic_economic")
    row = next(r for r, v in economic.rows.items() if v["code"] == "301")
    economic.set_value(row, "actual", yuan(salaries))
    findings = found(doc, "W-07")
    assert bool(findings) == finding_expected
    if finding_expected:
        assert findings[0].location == Location("gp_basic_economic", row, "actual")
        assert findings[0].message == ("人均工资福利支出 49,812.00（647,556.00 ÷ 在职 13 人）"
                                       "不在常见范围 50,000.00–600,000.00 之内，请核实")


# -- W-08 工资福利 without 社会保障、卫生健康、住房保障 --------------------------------------------------------
def test_w08_needs_salaries_actually_paid(doc):
    y = doc.year(YEAR)
    functional = y.section("gp_functional")
    for row, values in list(functional.rows.items()):
        if values["code"][:3] in ("208", "210", "221"):
            functional.remove_row(row)
    assert found(doc, "W-08")
    economic = y.section("gp_basic_economic")
    economic.set_value(next(r for r, v in economic.rows.items() if v["code"] == "301"), "actual", yuan("0"))
    assert found(doc, "W-08") == []


# -- N-08 车均运行维护费 --------------------------------------------------------------------------------
@pytest.mark.parametrize("stock, shown", [(0, "0"), (None, "空")])
def test_n08_a_cost_per_vehicle_without_vehicles(doc, stock, shown):
    details = doc.year(YEAR).section("sangong_details")
    details.set("vehicle_stock", stock)
    details.set("reported_cost_per_vehicle", yuan("15000"))
    finding = only(doc, "N-08")
    assert finding.location == Location("sangong_details", "", "reported_cost_per_vehicle")
    assert finding.message == f"填报了车均运行维护费 15,000.00，但公务用车保有量为{shown}，无法计算车均"


@pytest.mark.parametrize("reported, fires", [("15000", False), ("15000.01", False), ("14999.99", False),
                                             ("15000.02", True)])
def test_n08_reported_cost_within_a_cent(doc, reported, fires):
    details = doc.year(YEAR).section("sangong_details")
    details.set("vehicle_stock", 2)
    details.set("reported_cost_per_vehicle", yuan(reported))
    findings = found(doc, "N-08")
    assert bool(findings) == fires
    if fires:
        assert findings[0].message == ("车均运行维护费（填报数）15,000.02 ≠ 公务用车运行维护费决算 30,000.00 ÷ 保有量 2 辆 "
                                       "= 15,000.00（说明中使用计算值）")


# -- N-12 公务用车: vehicles owned vs in use, running costs without vehicles ---------------------------------
@pytest.mark.parametrize("stock, shown", [(0, "0"), (None, "空")])
def test_n12_running_costs_without_vehicles(doc, stock, shown):
    doc.year(YEAR).section("sangong_details").set("vehicle_stock", stock)
    finding = only(doc, "N-12")
    assert finding.location == Location("sangong_details", "", "vehicle_stock") and finding.severity == "warning"
    assert finding.message == f"公务用车运行维护费决算 30,000.00，但公务用车保有量为{shown}"


def test_n12_owned_vehicles_fewer_than_in_use(doc):
    doc.year(YEAR).section("assets").set("vehicle_count", 2)
    finding = only(doc, "N-12")
    assert finding.location == Location("assets", "", "vehicle_count")
    assert finding.message == "国有资产中的汽车 2 辆少于公务用车保有量 3 辆"
    doc.year(YEAR).section("assets").set("vehicle_count", 3)
    assert found(doc, "N-12") == []


# -- N-14 / N-15 people and units ------------------------------------------------------------------------
def test_n14_other_staff_total_is_the_sum_of_its_categories(doc):
    doc.year(YEAR).section("basic_info").set("other_staff_total", 5)
    finding = only(doc, "N-14")
    assert finding.location == Location("basic_info", "", "other_staff_total")
    assert finding.message == "其他人员 5 人 ≠ 各类别合计 4 人"


def test_n15_subordinate_units_and_the_sangong_scope_count_the_unit_table(doc):
    y = doc.year(YEAR)
    y.section("basic_info").set("subordinate_unit_count", 5)
    y.section("sangong_details").set("scope_admin_units", 7)
    assert {f.location.key: f.message for f in found(doc, "N-15")} == {
        "basic_info//subordinate_unit_count": "下设单位数为 5 个，但单位表中的所属单位为 1 个",
        "sangong_details//scope_admin_units": "三公经费单位范围共 8 个单位（行政 7、事业 1），但本部门共有 2 个单位"}


# -- P-04b / D-01 ---------------------------------------------------------------------------------------
def test_p04b_a_zero_prior_budget(doc):
    doc.year(YEAR).section("dept_balance").set("prior_expenditure_budget", Money(0))
    finding = only(doc, "P-04b")
    assert finding.location == Location("dept_balance", "", "prior_expenditure_budget")
    assert finding.message == "上年全年支出预算数为 0，无法计算上年结转结余率"


def test_d01_an_exception_ticked_without_its_reason(doc):
    doc.year(YEAR).section("dept_score").set("carryover_exception", True)
    messages = {f.location.key: f.message for f in found(doc, "D-01")}
    assert messages["dept_score//carryover_exception_reason"] == "已勾选结转结余率例外情况，但未填写例外情况说明"
    assert messages["dept_score_management/carryover_rate/score_reported"] == \
        "结转结余率：已选择例外情况，但未填写例外情况说明"


def test_n15_a_blank_scope_count_is_zero(doc):
    y = doc.year(YEAR)
    y.section("sangong_details").set("scope_admin_units", 2)
    y.section("sangong_details").set("scope_institution_units", None)
    assert found(doc, "N-15") == []


def test_n06_reads_the_year_it_validates():
    document = build_document(year=2022)
    document.year(2022).section("sangong").set_value("vehicle_operation", "reason", None)
    document.add_year(2023)
    assert [f.location.key for f in check_document(document, 2022) if f.rule == "N-06"] == \
        ["sangong/vehicle_operation/reason"]


def test_t7_02_checks_a_typed_prior_year_vehicle_total(doc):
    doc.year(YEAR).section("sangong").set_value("vehicle", "prior_actual", yuan("32001"))
    finding = only(doc, "T7-02")
    assert finding.location == Location("sangong", "vehicle", "prior_actual")
    assert "（上年决算数）填报数 32,001.00 ≠ 公务用车购置费 0.00 + 公务用车运行维护费 32,000.00，相差 1.00" in finding.message


# -- T7-05 公务用车 by type ------------------------------------------------------------------------------
def test_t7_05_a_row_without_a_type_and_a_type_listed_twice(doc):
    vehicles = doc.year(YEAR).section("sangong_vehicles")
    vehicles.add_row({"stock": 1})
    vehicles.add_row({"type": "其他用车", "stock": 1})
    assert [(f.location.key, f.message) for f in found(doc, "T7-05")] == [
        ("sangong_details//vehicle_stock", "三公经费明细·年末公务用车保有量（辆） 3 辆 ≠ 按车型合计 执法执勤用车 2 + 其他用车 1 "
                                           "+ 未注明车型 1 + 其他用车 1 = 5 辆"),
        ("sangong_vehicles/r3/type", "公务用车购置数与保有量（按车型）·第3行填写了车辆数，但未选择车型"),
        ("sangong_vehicles/r4/type", "车型“其他用车”在公务用车购置数与保有量（按车型）中列了两行（第2行、第4行），请合并为一行")]


# -- N-08d counts without amounts, P-01b 全年预算 = 年初 + 调整 ---------------------------------------------
def test_n08d_counts_of_spending_that_is_zero(doc):
    y = doc.year(YEAR)
    y.section("sangong").set_value("abroad", "actual", Money(0))
    y.section("sangong").set_value("vehicle_operation", "actual", Money(0))
    y.section("sangong_details").set("vehicles_purchased", 1)
    assert {f.location.key: f.message for f in found(doc, "N-08d")} == {
        "sangong_details//abroad_groups": "三公经费明细·因公出国（境）团组数（个）为 1，但因公出国（境）费决算为 0",
        "sangong_details//abroad_people": "三公经费明细·因公出国（境）人次为 3，但因公出国（境）费决算为 0",
        "sangong_details//vehicle_stock": "三公经费明细·年末公务用车保有量（辆）为 3 辆，但公务用车运行维护费决算为 0",
        "sangong_details//vehicles_purchased": "三公经费明细·本年购置公务用车（辆）为 1 辆，但公务用车购置费决算为 0"}


def test_p01b_full_year_budget_is_initial_plus_adjustment(doc):
    doc.year(YEAR).section("dept_budget_execution").set_value("basic", "adjustment", yuan("1000"))
    assert {f.location.key: f.message for f in found(doc, "P-01b")} == {
        "dept_budget_execution/basic/full_year_budget":
            "部门整体预算执行·基本支出（全年预算数） 107.93万元 ≠ 年初预算数 107.93万元 + 预算调整数 0.10万元，相差 0.10万元",
        "dept_budget_execution/total/full_year_budget":
            "部门整体预算执行·资金总体（全年预算数） 370.93万元 ≠ 年初预算数 370.93万元 + 预算调整数 0.10万元，相差 0.10万元"}


def test_p05_self_evaluated_amount_against_the_evaluation_summary(doc):
    management = doc.year(YEAR).section("performance_management")
    management.set("self_eval_amount", management.get("self_eval_amount") + yuan("10000"))
    finding = only(doc, "P-05")
    assert finding.location == Location("performance_management", "", "self_eval_amount")
    assert finding.message == ("预算管理与绩效管理情况·绩效自评：涉及金额 264.01万元 ≠ 项目支出绩效自评涉及金额 263.01万元，"
                               "相差 1.00万元")


# -- P-07 / P-09 / P-09b project and department indicators --------------------------------------------------
def _indicator_row(y: YearData, level3: str = "完成调研报告") -> str:
    return next(r for r, v in y.section("project_indicators").rows.items()
                if v["project"] == "r1" and v.get("level3") == level3)


@pytest.mark.parametrize("reason, fires", [(None, True), ("  ", True), ("受疫情影响延期", False)])
def test_p09_a_score_below_its_points_needs_a_reason(doc, reason, fires):
    y = doc.year(YEAR)
    row = _indicator_row(y)
    y.section("project_indicators").set_value(row, "score", Decimal("5"))
    y.section("project_indicators").set_value(row, "deviation_reason", reason)
    findings = [(f.location.key, f.message) for f in found(doc, "P-09")]
    assert findings == ([(f"project_indicators/{row}/deviation_reason",
                          "指标“完成调研报告”得分 5.00 低于分值 10.00，需填写偏差原因分析及改进措施")] if fires else [])


def test_p07_a_score_above_its_points(doc):
    y = doc.year(YEAR)
    row = _indicator_row(y)
    y.section("project_indicators").set_value(row, "score", Decimal("50"))
    assert [(f.severity, f.location.key, f.message) for f in found(doc, "P-07")] == [
        ("error", f"project_indicators/{row}/score", "项目“科技创新服务项目1”指标“完成调研报告”得分 50.00 超过分值 10.00")]


def test_p07_indicators_without_points_are_a_warning(doc):
    indicators = doc.year(YEAR).section("project_indicators")
    for row, values in indicators.rows.items():
        if values["project"] == "r1":
            indicators.set_value(row, "points", None)
    assert [(f.severity, f.location.key, f.message) for f in found(doc, "P-07")] == [
        ("warning", "projects/r1/name", "项目“科技创新服务项目1”的绩效指标未填写分值，无法计算自评得分")]


def test_p07_project_funds_add_up_by_source(doc):
    funds = doc.year(YEAR).section("project_funds")
    row = next(r for r, v in funds.rows.items() if v["project"] == "r1" and v["source"] == "上年结转资金")
    funds.set_value(row, "executed", yuan("100"))
    total = next(r for r, v in funds.rows.items() if v["project"] == "r1" and v["source"] == "年度资金总额")
    assert [(f.location.key, f.message) for f in found(doc, "P-07")] == [
        (f"project_funds/{total}/executed", "项目“科技创新服务项目1”年度资金总额（全年执行数） 131.50万元 ≠ 当年财政拨款 "
                                            "131.50万元 + 上年结转资金 0.01万元 + 其他资金 0.00万元，相差 0.01万元")]


def test_p09b_a_completion_value_without_a_target(doc):
    indicators = doc.year(YEAR).section("dept_indicators")
    indicators.set_value("r1", "target", None)
    indicators.set_value("r1", "planned", None)
    assert [(f.location.key, f.message) for f in found(doc, "P-09b")] == [
        ("dept_indicators/r1/target", "部门整体指标“完成重点任务”填写了完成值，但没有指标值")]


def test_p09b_a_ratio_is_compared_with_the_planned_value(doc):
    indicators = doc.year(YEAR).section("dept_indicators")
    indicators.set_value("r1", "planned", "12")
    indicators.set_value("r1", "actual", "0.9")
    assert [(f.location.key, f.message) for f in found(doc, "P-09b")] == [
        ("dept_indicators/r1/actual", "部门整体指标“完成重点任务”：完成值“0.9”与指标值“12项”不是同一单位，疑为完成比例；"
                                      "请填写实际完成的项")]


def test_p09b_a_planned_or_completed_indicator_without_weight(doc):
    doc.year(YEAR).section("dept_indicators").set_value("r1", "weight", None)
    assert [(f.location.key, f.message) for f in found(doc, "P-09b")] == [
        ("dept_indicators/r1/weight", "部门整体指标“完成重点任务”没有指标权重（绩效目标表中缺少此指标）")]


@pytest.mark.parametrize("nature, reason, fires", [("≥", None, True), ("≤", None, False), ("≥", "任务调整", False)])
def test_p09b_completion_below_plan_needs_a_reason(doc, nature, reason, fires):
    indicators = doc.year(YEAR).section("dept_indicators")
    indicators.set_value("r1", "actual", "8")
    indicators.set_value("r1", "nature", nature)
    indicators.set_value("r1", "deviation_reason", reason)
    assert [(f.location.key, f.message) for f in found(doc, "P-09b")] == ([
        ("dept_indicators/r1/deviation_reason", "部门整体指标“完成重点任务”完成值 8 低于计划值 10，需填写偏差原因")]
        if fires else [])


def test_t4_01_checks_a_typed_opening_total(doc):
    doc.year(YEAR).section("fiscal_summary").set_value("total", "opening_balance", yuan("200001"))
    finding = only(doc, "T4-01")
    assert finding.location == Location("fiscal_summary", "total", "opening_balance")
    assert ("合计（年初结转和结余）填报数 200,001.00 ≠ 一般公共预算财政拨款 200,000.00 + 政府性基金预算财政拨款 0.00 + "
            "国有资本经营预算财政拨款 0.00，相差 1.00") in finding.message


def test_n08c_a_vehicle_purchase_without_the_number_bought(doc):
    y = doc.year(YEAR)
    y.section("sangong").set_value("vehicle_purchase", "actual", yuan("200000"))
    y.section("sangong_details").set("vehicles_purchased", None)
    assert [(f.location.key, f.message) for f in found(doc, "N-08c")] == [
        ("sangong_details//vehicles_purchased", "公务用车购置费决算 200,000.00，但三公经费明细·本年购置公务用车（辆）未填写，"
                                                "说明中须列明购置数量")]


def test_n11_one_fen_unlisted_counts_when_it_is_over_ten_percent(doc):
    y = doc.year(YEAR)
    services = y.section("purchased_services")
    for row in list(services.rows)[1:]:
        services.remove_row(row)
    services.set_value(next(iter(services.rows)), "amount", yuan("0.04"))
    y.section("purchased_services_summary").set_value("", "total", yuan("0.05"))
    finding = only(doc, "N-11")
    assert "未列明 0.01（占 20.0%）" in finding.message


def test_t7_05_purchases_by_type_are_checked_without_any_stock(doc):
    vehicles = doc.year(YEAR).section("sangong_vehicles")
    for row in vehicles.rows:
        vehicles.set_value(row, "stock", None)
    vehicles.set_value("r1", "purchased", 2)
    assert [(f.location.key, f.message) for f in found(doc, "T7-05")] == [
        ("sangong_details//vehicles_purchased", "三公经费明细·本年购置公务用车（辆） 0 辆 ≠ 按车型合计 执法执勤用车 2 + 其他用车 0 = 2 辆")]


def test_p09_an_indicator_without_a_name(doc):
    y = doc.year(YEAR)
    row = _indicator_row(y)
    y.section("project_indicators").set_value(row, "level3", None)
    y.section("project_indicators").set_value(row, "score", Decimal("5"))
    assert [f.message for f in found(doc, "P-09")] == ["指标“”得分 5.00 低于分值 10.00，需填写偏差原因分析及改进措施"]
