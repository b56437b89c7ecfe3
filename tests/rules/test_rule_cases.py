"""Every rule of the catalogue, failing and passing: one figure of a clean document is broken.

The synthetic document satisfies every rule (the passing case for all of them); each case below
breaks it the way a clerk would and expects its rule to fire with the rule's severity.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

import pytest

from desktop.domain.document import Document, YearData
from desktop.domain.money import Money
from desktop.rules.catalogue import load_catalogue
from desktop.rules.engine import check_document
from desktop.synthetic import build_document

YEAR = 2023


def _bump(y: YearData, section: str, column: str, row: str = "", yuan: str = "1000") -> None:
    data = y.section(section)
    data.set_value(row, column, data.value(row, column) + Money.from_yuan(Decimal(yuan)))


def _set(y: YearData, section: str, column: str, value, row: str = "") -> None:
    y.section(section).set_value(row, column, value)


def _row(y: YearData, section: str, **match) -> str:
    for row_id, values in y.section(section).rows.items():
        if all(values.get(k) == v for k, v in match.items()):
            return row_id
    raise LookupError(match)


def _per_unit(d: Document, y: YearData) -> YearData:
    """The year entered per unit (the 本级 takes the figures, the 所属单位 start blank)."""
    from desktop.domain.department_units import split_year
    split_year(d, y)
    return y


def _h01(d: Document, y: YearData) -> None:
    _set(_per_unit(d, y), "admin_operating_cost@r2", "current", Money(100))
    d.section("units").set_value("r2", "kind", "事业单位")


def _h02(d: Document, y: YearData) -> None:
    _per_unit(d, y)
    _set(y, "income_expenditure@r1", "current", Money(300_00), "expenditure_affiliated")
    _set(y, "income_expenditure@r2", "current", Money(200_00), "income_superior")


def _first(y: YearData, section: str, length: int) -> str:
    return next(r for r, v in y.section(section).rows.items() if len(v.get("code", "")) == length)


def yuan(text: str) -> Money:
    return Money.from_yuan(Decimal(text))


def _indicator(y: YearData, level3: str) -> str:
    return _row(y, "project_indicators", project="r1", level3=level3)


def _add_year_2022(doc: Document) -> None:
    last = doc.add_year(2022)
    last.section("income_expenditure").set_value("closing_balance", "current", yuan("1"))


CASES: dict[str, Callable[[Document, YearData], None]] = {
    # a table without any amount, not confirmed as 空表 with an explicit 0
    "T0-01": lambda d, y: y.section("procurement").rows[""].clear(),
    # a 合计 is computed from its parts; what can be wrong is a figure typed there (an import)
    "T1-01": lambda d, y: _bump(y, "income_expenditure", "current", "income_total"),
    "T1-02": lambda d, y: _bump(y, "income_expenditure", "current", "expenditure_total"),
    "T1-03": lambda d, y: _bump(y, "income_expenditure", "current", "income_grand_total"),
    "T1-04": lambda d, y: _bump(y, "income_expenditure", "current", "expenditure_grand_total"),
    "T1-05": lambda d, y: _bump(y, "income_expenditure", "prior", "expenditure_grand_total"),
    "T2-01": lambda d, y: _bump(y, "functional_income", "total", _first(y, "functional_income", 3), "1"),
    "T3-01": lambda d, y: _bump(y, "functional_expenditure", "basic", _first(y, "functional_expenditure", 5), "1"),
    "T4-01": lambda d, y: _bump(y, "fiscal_summary", "income", "total"),
    "T4-03": lambda d, y: _bump(y, "fiscal_summary", "grand_total", "total"),
    "T4-04": lambda d, y: _bump(y, "fiscal_summary", "closing_balance", "gp"),
    "T5-01": lambda d, y: _bump(y, "gp_functional", "total", _first(y, "gp_functional", 5), "1"),
    "T6-01": lambda d, y: _bump(y, "gp_basic_economic", "actual", _row(y, "gp_basic_economic", code="30201"), "1"),
    "T7-01": lambda d, y: _set(y, "sangong", "budget", yuan("44961"), "total"),
    "T7-02": lambda d, y: _bump(y, "sangong", "actual", "vehicle", "1"),
    "T7-03": lambda d, y: _set(y, "sangong", "actual", yuan("0"), "total"),
    "T7-04": lambda d, y: _set(y, "sangong_reception", "amount", yuan("3500"), "domestic"),
    "T7-05": lambda d, y: _set(y, "sangong_vehicles", "stock", 2, _row(y, "sangong_vehicles", type="其他用车")),
    "T8-01": lambda d, y: y.section("gov_fund").add_row(
        {"code": "229", "name": "其他支出", "total": yuan("100"), "basic": yuan("50"), "project": yuan("40")}),
    "T8-02": lambda d, y: y.section("gov_fund").add_row(
        {"code": "229", "name": "其他支出", "opening_balance": yuan("0"), "income": yuan("100"), "total": yuan("100"),
         "basic": yuan("100"), "project": yuan("0"), "closing_balance": yuan("50")}),
    "T9-01": lambda d, y: y.section("soe_capital").add_row(
        {"code": "229", "name": "其他支出", "total": yuan("100"), "basic": yuan("50"), "project": yuan("40")}),
    "T12-01": lambda d, y: _bump(y, "procurement", "total", yuan="1"),
    "T12-02": lambda d, y: _set(y, "procurement", "small_micro", yuan("1600000")),
    "T12-03": lambda d, y: _set(y, "procurement", "sme", yuan("2100000")),
    "T13-01": lambda d, y: y.section("purchased_services").add_row({"item": "物业服务", "amount": yuan("1")}),
    "X-01": lambda d, y: (_bump(y, "income_expenditure", "current", "income_gp")),
    "X-02": lambda d, y: _bump(y, "income_expenditure", "current", "expenditure_project"),
    "X-03": lambda d, y: _bump(y, "fiscal_summary", "income", "gp"),
    "X-04": lambda d, y: _bump(y, "fiscal_summary", "expenditure", "gp"),
    "X-05": lambda d, y: _bump(y, "gp_basic_economic", "actual", _row(y, "gp_basic_economic", code="301")),
    "X-06": lambda d, y: _set(y, "fiscal_summary", "expenditure", yuan("100"), "fund"),
    "X-07": lambda d, y: _bump(y, "gp_functional", "basic", _first(y, "gp_functional", 3)),
    "X-08": lambda d, y: _set(y, "procurement", "goods", yuan("999999999")),
    "X-09": lambda d, y: _set(y, "sangong", "actual", yuan("20000"), "vehicle_operation"),
    "N-06": lambda d, y: _set(y, "sangong", "reason", None, "vehicle_operation"),
    "N-08": lambda d, y: _set(y, "sangong_details", "reported_cost_per_vehicle", yuan("30000")),
    "N-08b": lambda d, y: _bump(y, "sangong_details", "operation_fuel", yuan="1"),
    "N-08c": lambda d, y: _set(y, "sangong_details", "abroad_people", None),
    "N-08d": lambda d, y: _set(y, "sangong_reception", "amount", yuan("0"), "foreign"),
    "N-08e": lambda d, y: _set(y, "sangong_reception", "people", 3, "domestic"),
    "H-01": _h01,
    "H-02": _h02,
    "N-09": lambda d, y: _bump(y, "admin_operating_cost", "current", yuan="1"),
    "N-11": lambda d, y: y.section("purchased_services").remove_row(_row(y, "purchased_services", item="会务服务")),
    "N-12": lambda d, y: _set(y, "assets", "vehicle_count", 1),
    "N-13": lambda d, y: _set(y, "gp_functional", "name", "一般公共服务", _first(y, "gp_functional", 3)),
    "N-13b": lambda d, y: _set(y, "narrative", "fiscal_change_reason", "与2021年度决算相比，重点项目增加。"),
    "K-20": lambda d, y: _set(y, "narrative", "fiscal_change_reason", "比上年增加（减少）XX万元，主要是项目增加。"),
    "K-21": lambda d, y: _set(y, "gp_functional", "reason", "年中追加1200000元，比年初预算增长11.92 %。",
                              _first(y, "gp_functional", 3)),
    # a typed reason stating a change the tables contradict (the 说明 quotes it after the true one)
    "K-22": lambda d, y: _set(y, "narrative", "fiscal_change_reason", "重点科技项目经费增加，财政拨款收、支总计比上年增加1.00元。"),
    # a project's 概况 stating its own budget, execution and rate wrongly
    "K-23": lambda d, y: _set(y, "projects", "overview", "本项目全年预算数1.00万元，全年执行数1.00万元，预算执行率50.0%。", "r1"),
    "N-14": lambda d, y: _set(y, "basic_info", "retired_total", 6),
    "N-14b": lambda d, y: _set(y, "basic_info", "admin_actual", y.section("basic_info").get("admin_quota") + 1),
    "N-15": lambda d, y: _set(y, "basic_info", "internal_department_count", 4),
    "P-01": lambda d, y: _bump(y, "dept_budget_execution", "executed", "total"),
    "P-01b": lambda d, y: _set(y, "dept_budget_execution", "adjustment", yuan("1000"), "basic"),
    "P-02": lambda d, y: [_bump(y, "dept_budget_execution", "executed", r, "100000") for r in ("basic", "total")],
    "P-04": lambda d, y: _set(y, "dept_balance", "closing_balance", yuan("1000")),
    "P-04b": lambda d, y: _set(y, "dept_balance", "prior_closing_balance", None),
    "P-05": lambda d, y: _set(y, "performance_management", "monitored_projects", 3),
    "P-06": lambda d, y: _set(y, "project_evaluation_summary", "grade_good", 1),
    "P-07": lambda d, y: _set(y, "project_indicators", "points", Decimal("12"), _indicator(y, "完成调研报告")),
    "P-07b": lambda d, y: (_set(y, "project_indicators", "points", Decimal("5"), _indicator(y, "完成调研报告")),
                           _set(y, "project_indicators", "points", Decimal("15"), _indicator(y, "政策知晓度"))),
    "P-07c": lambda d, y: _set(y, "projects", "score_reported", Decimal("80"), "r1"),
    "P-08": lambda d, y: _set(y, "projects", "goal_expected", "-", "r1"),
    "P-10": lambda d, y: [_set(y, "project_indicators", "points", None, r) for r in y.section("project_indicators").rows
                          if y.section("project_indicators").rows[r]["project"] == "r1"],
    "P-10b": lambda d, y: _set(y, "project_indicators", "actual", None, _indicator(y, "完成调研报告")),
    "P-07d": lambda d, y: _set(y, "project_indicators", "score", Decimal("8"), _indicator(y, "完成调研报告")),
    "P-09c": lambda d, y: _set(y, "project_indicators", "actual", "≥4", _indicator(y, "完成调研报告")),
    "P-09d": lambda d, y: _set(y, "dept_indicators", "actual", "≥10项", _row(y, "dept_indicators", name="完成重点任务")),
    "P-08b": lambda d, y: _set(y, "dept_indicators", "weight", Decimal("30"), _row(y, "dept_indicators", name="完成重点任务")),
    "P-09": lambda d, y: _set(y, "project_indicators", "actual", "1", _indicator(y, "完成调研报告")),
    "P-09b": lambda d, y: _set(y, "dept_indicators", "actual", "1", _row(y, "dept_indicators", name="完成重点任务")),
    "D-01": lambda d, y: _set(y, "dept_score", "execution_score_reported", Decimal("10")),
    "D-02": lambda d, y: _set(y, "dept_score_management", "failed_checks", 4, "finance_system"),
    "D-03": lambda d, y: y.section("dept_score_indicators").add_row({"category": "产出", "name": "调研课题", "target": "≥1"}),
    "V-01": lambda d, y: _bump(y, "budget_variance", "increase"),
    "V-02": lambda d, y: _bump(y, "budget_variance", "adjusted_budget", yuan="100000"),
    "U-01": lambda d, y: _set(y, "dept_balance", "expenditure_budget",
                              Money(y.section("dept_balance").get("expenditure_budget").fen // 10000)),
    "W-01": lambda d, y: _set(y, "sangong", "prior_actual", yuan("3000"), "reception"),
    "W-02": lambda d, y: y.section("gp_project_economic").add_row(
        {"code": "301", "name": "工资福利支出", "budget": yuan("100"), "actual": yuan("100")}),
    "W-03": lambda d, y: y.section("gp_functional").add_row(
        {"code": "20199", "name": "其他一般公共服务支出", "budget": yuan("1"), "total": yuan("99999999")}),
    "W-04": lambda d, y: _set(y, "procurement", "goods", yuan("0")),
    "W-05": lambda d, y: _set(y, "assets", "vehicle_amount", yuan("9000000")),
    "W-06": lambda d, y: _add_year_2022(d),
    "W-07": lambda d, y: (_set(y, "basic_info", "admin_quota", 5000), _set(y, "basic_info", "admin_actual", 4000)),
    "W-08": lambda d, y: [y.section("gp_functional").remove_row(r) for r, v in list(y.section("gp_functional").rows.items())
                          if v["code"][:3] in ("208", "210", "221")],
    "W-10": lambda d, y: _set(y, "sangong_details", "vehicle_stock_prior", 2),
    "W-09": lambda d, y: y.section("gp_functional").add_row(
        {"code": "29999", "name": "不存在的科目", "budget": yuan("1"), "total": yuan("1")}),
}


@pytest.fixture
def clean() -> Document:
    return build_document(projects=2, functional_rows=12, units=2, year=YEAR)


def test_the_synthetic_document_passes_every_rule(clean):
    assert check_document(clean, YEAR) == []


def test_every_catalogue_rule_has_a_failing_case():
    assert sorted(spec.id for spec in load_catalogue().rules) == sorted(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case(clean, rule_id):
    CASES[rule_id](clean, clean.year(YEAR))
    findings = [f for f in check_document(clean, YEAR) if f.rule == rule_id]
    spec = load_catalogue().rule(rule_id)
    assert findings, f"{rule_id} did not fire"
    assert any(f.severity == spec.severity for f in findings), [f.text for f in findings]
    assert all(f.message and f.location.section for f in findings)


def test_n09_warns_when_a_non_civil_service_unit_is_included(clean):
    units = clean.section("units")
    units.set_value(list(units.rows)[1], "kind", "事业单位")
    [finding] = [f for f in check_document(clean, YEAR) if f.rule == "N-09"]
    assert finding.severity == "warning" and "所属服务中心1" in finding.message


def test_rounding_residual_in_wan_is_info_not_error(clean):
    execution = clean.year(YEAR).section("dept_budget_execution")
    for row, wan in (("basic", "100.00"), ("project", "200.00"), ("other", "0"), ("total", "300.01")):
        execution.set_value(row, "full_year_budget", Money.from_yuan(Decimal(wan) * 10000))
    p01 = [f for f in check_document(clean, YEAR) if f.rule == "P-01" and f.location.column == "full_year_budget"]
    assert [f.severity for f in p01] == ["info"]
    assert "相差 0.01万元（在舍入误差范围内）" in p01[0].message


def test_a_residual_between_figures_typed_to_the_fen_is_an_error(clean):
    execution = clean.year(YEAR).section("dept_budget_execution")
    for row, yuan_text in (("basic", "1000000.10"), ("project", "2000000.00"), ("other", "0"), ("total", "3000000.20")):
        execution.set_value(row, "full_year_budget", Money.from_yuan(Decimal(yuan_text)))
    p01 = [f for f in check_document(clean, YEAR) if f.rule == "P-01" and f.location.column == "full_year_budget"]
    assert [f.severity for f in p01] == ["error"]
