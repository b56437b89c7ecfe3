"""Golden: what a finance-bureau reviewer finds in the two seed documents, rule by rule."""

from __future__ import annotations

import pytest

from desktop.rules.engine import check_document


def _mistakes(found) -> list[str]:
    """The 强制性 errors other than an unfilled table (T0-01, counted on its own): figures that are wrong."""
    return sorted(f.rule for fs in found.values() for f in fs if f.severity == "error" and f.rule != "T0-01")


def _unfilled_tables(found) -> list[str]:
    return sorted(f.location.section for f in found.get("T0-01", ()))


def _by_rule(document):
    found: dict[str, list] = {}
    for finding in check_document(document):
        found.setdefault(finding.rule, []).append(finding)
    return found


@pytest.fixture(scope="module")
def seed1_findings():
    from desktop.io.samples import load_sample
    return _by_rule(load_sample(1))


@pytest.fixture(scope="module")
def seed2_findings():
    from desktop.io.samples import load_sample
    return _by_rule(load_sample(2))


def assert_found(findings, rule, location, fragments):
    """The rule reported this cell, and its message carries every fragment."""
    matching = [f for f in findings.get(rule, []) if f.location.key == location]
    assert matching, f"{rule} at {location} not found; {rule} found: {[f.text for f in findings.get(rule, [])]}"
    for fragment in fragments:
        assert fragment in matching[0].message


@pytest.mark.parametrize("rule, location, fragments", [
    ("T7-01", "sangong/total/budget", ["44,961.00 ≠ 因公出国（境）费 0.00 + 公务用车购置及运行维护费 36,000.00 + 公务接待费 0.00",
                                        "相差 8,961.00"]),
    # seed 1 prints 收、支总计 as income + expenditure, but leaves 年初/年末结转和结余 unfilled: the blanks
    # could hold the difference, so they are named (as 提示性) rather than the arithmetic called wrong
    ("T1-03", "income_expenditure/use_nonfiscal_balance/current",
     ["使用非财政拨款结余（本年决算数）、表1 收入支出决算总表·年初结转和结余（本年决算数） 未填写；如为0请填0",
      "156,259,155.50 ≠ 本年收入合计 78,129,577.73"]),
    ("T1-04", "income_expenditure/balance_distribution/current",
     ["结余分配（本年决算数）、表1 收入支出决算总表·年末结转和结余（本年决算数） 未填写", "156,259,155.50 ≠ 本年支出合计 78,129,577.73"]),
    ("T4-03", "fiscal_summary/total/opening_balance",
     ["合计（年初结转和结余） 未填写；如为0请填0", "财政拨款收入总计填报数 156,259,155.50"]),
    ("N-08", "sangong_details//reported_cost_per_vehicle", ["10,298.00 ≠", "保有量 2 辆 = 5,149.00"]),
    ("N-11", "purchased_services_summary//total", ["8,539,100.00", "6,919,100.00", "未列明 1,620,000.00"]),
    ("P-08b", "dept_indicators//weight", ["权重合计 49.00 ≠ 100.00"]),
    ("P-09b", "dept_indicators/r1/actual", ["完成值“1”与指标值“4项”不是同一单位"]),
    ("P-05", "performance_management//target_projects", ["12 个", "18 个", "26 个", "21 个"]),
    ("N-09", "admin_operating_cost//current", ["563,464.09", "北京市门头沟区园区服务保障事务中心"]),
    ("N-13", "gp_functional/r4/name", ["21301", "农业农村", "农业生产发展"]),
    ("W-02", "gp_project_economic/r1/actual", ["117,740.00"]),
    ("W-08", "gp_basic_economic/r1/actual", ["208", "210", "221"]),
    ("P-07", "projects/r1/name", ["未填写分值"]),
    ("P-10", "projects/r1/name", ["自评得分无法计算", "未填写分值"]),
])
def test_seed1_inconsistencies_are_found(seed1_findings, rule, location, fragments):
    assert_found(seed1_findings, rule, location, fragments)


def test_seed1_errors_are_exactly_the_real_mistakes(seed1_findings):
    errors = sorted(f.rule for fs in seed1_findings.values() for f in fs if f.severity == "error")
    # P-10: seed 1's 自评表 has no 分值, so its scores cannot be computed (the PDF would print 无法计算)
    assert _mistakes(seed1_findings) == ["N-08", "P-10", "T7-01"]
    # T0-01: 收入决算表 and 支出决算表 are blank while the 总体情况 states 78,129,577.73 of each
    assert _unfilled_tables(seed1_findings) == ["functional_expenditure", "functional_income"]
    assert len(errors) == 5
    unfilled = {f.rule for fs in seed1_findings.values() for f in fs if "未填写；如为0请填0" in f.message}
    assert {"T1-03", "T1-04", "T4-03"} <= unfilled


def test_seed1_totals_are_wrong_once_its_blanks_are_filled_with_zero():
    """Filled with 0, the blanks can no longer hold the difference: the doubled 收、支总计 is an error."""
    from desktop.domain.money import Money
    from desktop.io.samples import load_sample
    document = load_sample(1)
    year = document.latest_year()
    for row in ("use_nonfiscal_balance", "opening_balance", "balance_distribution", "closing_balance"):
        year.section("income_expenditure").set_value(row, "current", Money(0))
        year.section("income_expenditure").set_value(row, "prior", Money(0))
    for fund in ("gp", "fund", "soe"):
        year.section("fiscal_summary").set_value(fund, "opening_balance", Money(0))
        year.section("fiscal_summary").set_value(fund, "closing_balance", Money(0))
    found = _by_rule(document)
    assert_found(found, "T1-03", "income_expenditure/income_grand_total/current",
                 ["156,259,155.50 ≠ 本年收入合计 78,129,577.73 + 使用非财政拨款结余 0.00 + 年初结转和结余 0.00",
                  "相差 78,129,577.77"])
    assert_found(found, "T1-04", "income_expenditure/expenditure_grand_total/current",
                 ["156,259,155.50 ≠ 本年支出合计 78,129,577.73"])
    assert_found(found, "T4-03", "fiscal_summary/total/grand_total",
                 ["财政拨款收入总计填报数 156,259,155.50", "合计由程序计算为 78,129,577.73"])
    assert _mistakes(found) == ["N-08", "P-10", "T1-03", "T1-03", "T1-04", "T1-04", "T4-03", "T7-01"]


def test_seed1_ratio_completion_values_are_flagged_where_they_occur(seed1_findings):
    flagged = {f.location.row for f in seed1_findings["P-09b"] if f.location.column == "actual"}
    assert {"r1", "r2", "r16", "r17", "r25", "r39"} <= flagged
    assert "r4" not in flagged  # 重点项目 ≥ 1 个, completed 1: a value, not a ratio


@pytest.mark.parametrize("rule, location, fragments", [
    # seed 2 prints its 其他 row blank, which could hold the 98.81万元: named, not called wrong
    ("P-01", "dept_budget_execution/other/full_year_budget",
     ["其他支出（全年预算数） 未填写；如为0请填0", "33,463.78万元 ≠ 基本支出 822.24万元 + 项目支出 32,542.73万元"]),
    ("V-01", "budget_variance//increase", ["201 一般公共服务支出", "相差 21.98元"]),
    ("U-01", "dept_balance//expenditure_budget", ["33,463.78元", "334,637,800.00元", "疑为以万元为单位的数字按元录入"]),
    ("U-01", "budget_variance//initial_budget", ["5,257.67元"]),
    ("D-01", "dept_score_indicators/r10/score", ["12.50", "部分达成"]),
    ("N-13", "budget_variance_items/r4/name", ["资源勘探工业信息等支出"]),
    ("P-04b", "dept_balance//prior_closing_balance", ["上年"]),
])
def test_seed2_inconsistencies_are_found(seed2_findings, rule, location, fragments):
    assert_found(seed2_findings, rule, location, fragments)


def test_seed2_errors_are_exactly_the_real_mistakes(seed2_findings):
    assert _mistakes(seed2_findings) == ["V-01"]
    # seed 2 is the 绩效 half of a document: its 11 第一部分 tables are not filled in
    assert len(_unfilled_tables(seed2_findings)) == 11


def test_seed2_execution_total_is_wrong_once_other_is_filled_with_zero():
    from desktop.domain.money import Money
    from desktop.io.samples import load_sample
    document = load_sample(2)
    execution = document.latest_year().section("dept_budget_execution")
    for column in ("initial_budget", "adjustment", "full_year_budget", "executed"):
        execution.set_value("other", column, Money(0))
    found = _by_rule(document)
    assert_found(found, "P-01", "dept_budget_execution/total/full_year_budget",
                 ["33,463.78万元 ≠ 基本支出 822.24万元 + 项目支出 32,542.73万元 + 其他支出 0.00万元", "相差 98.81万元"])
    assert _mistakes(found) == ["P-01", "V-01"]


def test_seed1_quantities_raise_nothing_the_seed_does_not_warrant(seed1_findings):
    # seed 1 spent only on 运行维护 and states 保有量 2 辆: no 三公 quantity rule has anything to say
    assert not {"T7-04", "T7-05", "N-08c", "N-08d", "N-08e", "W-10"} & set(seed1_findings)
    assert not [f for f in seed1_findings.get("N-06", []) if f.location.section == "sangong"]
