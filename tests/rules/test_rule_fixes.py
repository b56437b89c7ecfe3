"""Issue 18 item 6: W-01 covers the 公务用车 line, N-13b accepts the previous year as a comparison
base, X-02 compares explicit zeros, X-08 follows the profile's 政府采购 counting basis, and U-01's
unit-slip test is the one the department score uses. Each rule: the cells it reads filled
correctly (nothing), broken (a finding at the cell, with its figures), and the boundary."""

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.domain.profiles import AuditProfile, load_profile, validate_profile
from desktop.domain.units import SLIP_RATIO_MAX, SLIP_RATIO_MIN, slip_ratio, unit_slips
from desktop.io.samples import load_sample
from desktop.rules.checks.narrative import stray_years
from desktop.rules.engine import check_document
from desktop.rules.findings import Location
from desktop.scoring import load_scoring_profile, score_department
from desktop.synthetic import build_document

YEAR = 2023


def yuan(text: str) -> Money:
    return Money.from_yuan(Decimal(text))


@pytest.fixture()
def doc():
    return build_document(projects=2, functional_rows=12, units=2, year=YEAR)


def section(doc, key):
    return doc.year(YEAR).section(key)


def found(doc, rule):
    return [f for f in check_document(doc, YEAR) if f.rule == rule]


def at(findings, section_key, row, column):
    matching = [f for f in findings if f.location == Location(section_key, row, column)]
    assert len(matching) == 1, [f.text for f in findings]
    return matching[0]


# -- W-01 三公 growth, now with the 公务用车购置及运行维护费 line ------------------------------------------
def test_w01_clean_sangong_raises_nothing(doc):
    assert found(doc, "W-01") == []


def test_w01_reports_the_vehicle_line_against_budget_and_last_year(doc):
    sangong = section(doc, "sangong")
    sangong.set_value("vehicle_purchase", "budget", yuan("0"))   # no budget for the purchase (a blank would be named)
    sangong.set_value("vehicle_purchase", "actual", yuan("20000"))
    sangong.set_value("vehicle_purchase", "prior_actual", yuan("20000"))
    findings = found(doc, "W-01")
    budget = at(findings, "sangong", "vehicle", "actual")
    assert budget.severity == "warning"
    assert "公务用车购置及运行维护费（决算数） 50,000.00 高于年初预算 40,000.00，请说明原因" in budget.message
    # 上年 20,000 + 32,000 = 52,000 is above 50,000: no growth over last year on the vehicle line
    assert not [f for f in findings if f.location == Location("sangong", "vehicle", "prior_actual")]


def test_w01_vehicle_line_against_last_year(doc):
    sangong = section(doc, "sangong")
    sangong.set_value("vehicle_operation", "actual", yuan("35000"))   # budget 40,000, last year 32,000
    findings = found(doc, "W-01")
    vehicle = at(findings, "sangong", "vehicle", "prior_actual")
    assert "公务用车购置及运行维护费（决算数） 35,000.00 高于上年决算 32,000.00，请说明原因" in vehicle.message
    assert not [f for f in findings if f.location == Location("sangong", "vehicle", "actual")]  # 35,000 ≤ 40,000


def test_w01_vehicle_line_equal_to_its_bases_is_not_growth(doc):
    sangong = section(doc, "sangong")
    sangong.set_value("vehicle_operation", "actual", yuan("40000"))
    sangong.set_value("vehicle_operation", "prior_actual", yuan("40000"))
    assert not [f for f in found(doc, "W-01") if f.location.row == "vehicle"]


# -- N-13b year tokens -------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "与2022年度决算相比，重点项目增加。",
    "比2022年度决算增加12.00万元，主要原因是重点项目增加。",
    "较2022年度部门决算有所下降。",
    "2022年度决算相比本年减少。",
    "2023年度决算收入增加。",
    "比上年决算增加12.00万元。",
])
def test_n13b_accepts_this_year_and_the_previous_year_as_a_comparison_base(doc, text):
    section(doc, "narrative").set("fiscal_change_reason", text)
    assert found(doc, "N-13b") == []


def test_n13b_flags_another_year(doc):
    section(doc, "narrative").set("fiscal_change_reason", "与2021年度决算相比，重点项目增加。")
    [finding] = found(doc, "N-13b")
    assert finding.severity == "warning"
    assert finding.location == Location("narrative", "", "fiscal_change_reason")
    assert finding.message == "说明补充文字·财政拨款收支总计变动主要原因 中出现“2021年度决算”，本文档为 2023 年度"


def test_n13b_flags_the_previous_year_written_as_this_years_figure(doc):
    # seed 1: "（款）2022年度决算77149134.73元，比年初预算增加…" in the 2023 report
    section(doc, "narrative").set("fiscal_change_reason",
                                  "“支持中小企业发展和管理支出”（款）2022年度决算77149134.73元，比年初预算增加67253232.94元。")
    [finding] = found(doc, "N-13b")
    assert "中出现“2022年度决算”，本文档为 2023 年度；与上年比较请写作“与2022年度决算相比”或“比上年”" in finding.message


def test_n13b_lists_every_stray_year_of_a_text(doc):
    section(doc, "narrative").set("fiscal_change_reason", "2024年度预算增加，2021年度决算减少。")
    [finding] = found(doc, "N-13b")
    assert finding.message == ("说明补充文字·财政拨款收支总计变动主要原因 中出现“2021年度决算、2024年度预算”，"
                               "本文档为 2023 年度")


def test_stray_years_boundaries():
    assert stray_years("与2022年度决算相比", 2023) == []
    assert stray_years("与2021年度决算相比", 2023) == ["2021年度决算"]        # two years back: always wrong
    assert stray_years("与2024年度预算相比", 2023) == ["2024年度预算"]        # the next year is not a base
    assert stray_years("2022年度决算为100元；与2022年度决算相比", 2023) == ["2022年度决算"]


# -- X-02 explicit zeros are reported zeros ------------------------------------------------------------
def _fiscal_income(doc, value):
    for row in ("income_gp", "income_fund", "income_soe"):
        section(doc, "income_expenditure").set_value(row, "current", value)


def test_x02_clean_raises_nothing(doc):
    assert found(doc, "X-02") == []


def test_x02_compares_fiscal_income_reported_as_zero(doc):
    _fiscal_income(doc, Money(0))
    finding = at(found(doc, "X-02"), "income_expenditure", "income_gp", "current")
    assert finding.severity == "error"
    assert finding.message == ("收入支出决算总表 财政拨款收入合计 0.00 ≠ 收入决算表合计（财政拨款收入） 3,709,330.00，"
                               "相差 3,709,330.00")


def test_x02_blank_fiscal_income_is_not_filled_not_zero(doc):
    _fiscal_income(doc, None)
    assert not [f for f in found(doc, "X-02") if f.location.row == "income_gp"]


def test_x02_zero_against_zero_agrees(doc):
    _fiscal_income(doc, Money(0))
    income = section(doc, "functional_income")
    for row_id in income.rows:
        income.set_value(row_id, "fiscal", Money(0))
    assert not [f for f in found(doc, "X-02") if f.location.row == "income_gp"]


def test_x02_compares_each_nature_with_the_expenditure_table(doc):
    """The 对附属单位补助支出 pair too: a 0 in 表1 against 100.00 in the 支出决算表 is reported at 表1's cell."""
    expenditure = section(doc, "functional_expenditure")
    first_class = next(r for r, v in expenditure.rows.items() if len(v.get("code") or "") == 3)
    expenditure.set_value(first_class, "affiliated", yuan("100"))
    finding = at(found(doc, "X-02"), "income_expenditure", "expenditure_affiliated", "current")
    assert finding.severity == "error"
    assert finding.message == ("表1 收入支出决算总表·对附属单位补助支出（本年决算数） 0.00 ≠ "
                               "支出决算表合计（对附属单位补助支出） 100.00，相差 100.00")


# -- X-08 政府采购 by payment or by contract ------------------------------------------------------------
@pytest.fixture()
def by_contract(monkeypatch):
    import desktop.rules.checks.cross as cross

    def contract_profile(key):
        return replace(load_profile(key), audit=AuditProfile(procurement_basis="contract"))
    monkeypatch.setattr(cross, "load_profile", contract_profile)


def test_x08_default_basis_is_payment():
    assert load_profile("beijing-district").audit.procurement_basis == "payment"
    assert AuditProfile().procurement_basis == "payment"


def test_x08_procurement_within_spending_raises_nothing(doc):
    section(doc, "procurement").set("goods", yuan("2309330"))     # 2,309,330 + 1,400,000 = 本年支出合计
    assert found(doc, "X-08") == []


def test_x08_by_payment_procurement_above_spending_is_an_error(doc):
    section(doc, "procurement").set("goods", yuan("2309331"))
    [finding] = found(doc, "X-08")
    assert finding.severity == "error" and finding.location == Location("procurement", "", "total")
    assert "政府采购支出总额 3,709,331.00 > 本年支出合计 3,709,330.00，相差 1.00" in finding.message


def test_x08_by_contract_an_excess_is_a_worded_warning(doc, by_contract):
    section(doc, "procurement").set("goods", yuan("2409330"))
    [finding] = found(doc, "X-08")
    assert finding.severity == "warning" and finding.location == Location("procurement", "", "total")
    assert finding.message == ("表10 政府采购情况表·政府采购支出总额 3,809,330.00 > 本年支出合计 3,709,330.00，"
                               "相差 100,000.00：本方案按合同金额统计政府采购，合同额可以超过当年支出，"
                               "请核实并说明（如跨年度合同、尚未支付的合同款）")


def test_x08_by_contract_equal_is_nothing(doc, by_contract):
    section(doc, "procurement").set("goods", yuan("2309330"))
    assert found(doc, "X-08") == []


@pytest.mark.parametrize("audit, fragment", [
    ({"procurement_basis": "invoice"}, "audit.procurement_basis: 应为 payment 或 contract"),
    ({"colour": 1}, "audit: 未知属性 colour"),
    ("contract", "audit: 应为对象"),
])
def test_the_profile_validator_checks_the_audit_block(audit, fragment):
    import json
    from desktop.paths import resource_path
    data = json.loads(resource_path("profiles", "beijing-district.json").read_text(encoding="utf-8"))
    assert validate_profile(data, "beijing-district") == []
    data["audit"] = audit
    assert any(fragment in p for p in validate_profile(data, "beijing-district"))


# -- U-01 one unit-slip test for the rule and the score ---------------------------------------------------
def test_slip_ratio_boundaries():
    one = yuan("1")
    assert slip_ratio(one, Money(one.fen * 5000)) == SLIP_RATIO_MIN
    assert slip_ratio(one, Money(one.fen * 5000 - 1)) is None
    assert slip_ratio(one, Money(one.fen * 20000)) == SLIP_RATIO_MAX
    assert slip_ratio(one, Money(one.fen * 20000 + 1)) is None
    assert slip_ratio(None, one) is None and slip_ratio(one, None) is None
    assert slip_ratio(Money(0), one) is None and slip_ratio(Money(-1), Money(-10000)) is None


def test_u01_clean_raises_nothing(doc):
    assert found(doc, "U-01") == [] and unit_slips(doc.year(YEAR)) == []


def test_u01_reports_the_slipped_cell_with_both_figures(doc):
    section(doc, "dept_balance").set("expenditure_budget", yuan("370.93"))   # 370.93 万元 typed as 元
    [finding] = found(doc, "U-01")
    assert finding.severity == "warning" and finding.location == Location("dept_balance", "", "expenditure_budget")
    assert ("结转结余·全年支出预算数 为 370.93元，而部门整体预算执行·资金总体（全年预算数） 为 3,709,330.00元，"
            "约为其 10,000 倍：疑为以万元为单位的数字按元录入（应为 3,709,300.00元）") in finding.message


def test_u01_boundary_ratio_below_5000_is_not_a_slip(doc):
    section(doc, "dept_balance").set("expenditure_budget", yuan("741.87"))   # ratio 4,999.98
    assert found(doc, "U-01") == []


def test_u01_and_the_variance_score_use_the_same_test():
    seed2 = load_sample(2)
    year = seed2.latest_year()
    [rule] = [f for f in check_document(seed2) if f.rule == "U-01" and f.location.column == "initial_budget"]
    assert "约为其 9,522 倍" in rule.message
    year.section("dept_score").set("variance_exception", None)
    item = score_department(year, load_scoring_profile(year.profile)).item("management:budget_variance")
    assert item.score == Decimal("0.00") and "约 1/9,522" in item.explanation and "单位改正前差异率没有意义" in item.explanation
    # once the figure is typed in 万元, neither the rule nor the score objects
    year.section("budget_variance").set("initial_budget", yuan("52576700"))
    assert not [f for f in check_document(seed2) if f.rule == "U-01" and f.location.column == "initial_budget"]
    item = score_department(year, load_scoring_profile(year.profile)).item("management:budget_variance")
    assert item.score == Decimal("0.00") and "534.60%" in item.explanation
