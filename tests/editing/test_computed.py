"""Computed columns and fields (desktop/editing/computed.py) on real sample rows: ratio, growth and
difference (blank inputs and zero bases give None, a fall is flagged negative), share over the 类
rows of a coded table, 车均运行维护费, project and department scores, column totals and their format."""

from decimal import Decimal

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.editing.computed import (FORMULAS, Computed, Inputs, column_total, cost_per_vehicle,
                                      department_grade, department_total, difference, format_total, growth,
                                      project_grade, project_indicator_score, project_total, ratio, share,
                                      summable_rows)
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample


@pytest.fixture(scope="module")
def session1():
    return EditSession(load_sample(1), None)


@pytest.fixture(scope="module")
def session2():
    return EditSession(load_sample(2), None)


def inputs(session, section, row_id, row=None, unit="元", decimals=2) -> Inputs:
    data = session.year_data
    return Inputs(data, section, row_id, data.section(section).effective_row(row_id) if row is None else row, unit,
                  decimals, session.scores, {c.key: c.label for c in data.section(section).section.columns})


def test_every_formula_of_the_editors_is_registered():
    assert {"ratio", "growth", "difference", "share", "cost_per_vehicle", "project_total", "project_grade",
            "project_indicator_score", "department_indicator_score", "department_management_score",
            "department_total", "department_grade"} <= set(FORMULAS)


def test_ratio_of_the_sangong_total(session1):
    # actual 10,298.00 / budget 36,000.00 (the 合计 its items add up to, not the typed 44,961.00)
    assert ratio(inputs(session1, "sangong", "total"), "actual", "budget") == Computed("28.61%", "决算数 ÷ 年初预算数")
    assert ratio(inputs(session1, "sangong", "total", decimals=1), "actual", "budget").text == "28.6%"


def test_ratio_with_a_blank_input_or_a_zero_base_is_none(session1):
    # sangong abroad: budget 0.00, actual 0.00 (no percentage on a zero base)
    assert ratio(inputs(session1, "sangong", "abroad"), "actual", "budget") is None
    blank_part = {"budget": Money.from_yuan("44961")}
    assert ratio(inputs(session1, "sangong", "total", blank_part), "actual", "budget") is None
    assert ratio(inputs(session1, "sangong", "total", {"actual": Money.from_yuan("1")}), "actual", "budget") is None


def test_growth_of_the_admin_operating_cost(session1):
    row = session1.year_data.section("admin_operating_cost").rows[""]  # 563,464.09 against 513,309.95
    rise = growth(inputs(session1, "admin_operating_cost", ""), "current", "prior")
    assert (rise.text, rise.negative) == ("9.77%", False)
    assert rise.tooltip == "（本年机关运行经费 − 上年机关运行经费）÷ 上年机关运行经费"
    fall = growth(inputs(session1, "admin_operating_cost", "", {"current": row["prior"], "prior": row["current"]}),
                  "current", "prior")
    assert (fall.text, fall.negative) == ("-8.90%", True)


def test_growth_with_a_blank_input_or_a_zero_base_is_none(session1):
    current = session1.year_data.section("admin_operating_cost").rows[""]["current"]
    assert growth(inputs(session1, "admin_operating_cost", "", {"current": current}), "current", "prior") is None
    assert growth(inputs(session1, "admin_operating_cost", "", {"prior": current}), "current", "prior") is None
    zero_base = {"current": current, "prior": Money(0)}
    assert growth(inputs(session1, "admin_operating_cost", "", zero_base), "current", "prior") is None


def test_difference_in_yuan_and_wanyuan_and_its_sign(session1):
    row = session1.year_data.section("admin_operating_cost").rows[""]
    rise = difference(inputs(session1, "admin_operating_cost", ""), "current", "prior")
    assert (rise.text, rise.negative) == ("50,154.14", False)
    assert difference(inputs(session1, "admin_operating_cost", "", unit="万元"), "current", "prior").text == "5.02"
    fall = difference(inputs(session1, "admin_operating_cost", "", {"current": row["prior"], "prior": row["current"]}),
                      "current", "prior")
    assert (fall.text, fall.negative) == ("-50,154.14", True)


def test_difference_with_a_blank_input_is_none_but_a_zero_is_a_value(session1):
    # seed 1 income_expenditure: income_gp has a current figure but no prior one
    assert difference(inputs(session1, "income_expenditure", "income_gp"), "current", "prior") is None
    zero = {"current": Money(0), "prior": Money(0)}
    assert difference(inputs(session1, "income_expenditure", "income_gp", zero), "current", "prior").text == "0.00"


@pytest.fixture()
def coded():
    """A 2023 gp_functional table with a 类 and its 款 and 项, and a second 类."""
    document = Document.new("某区某局", 2023)
    table = document.year(2023).section("gp_functional")
    for code, total in (("201", "100"), ("20101", "60"), ("2010101", "60"), ("205", "300")):
        table.add_row({"code": code, "total": Money.from_yuan(total)})
    return EditSession(document, None)


def test_share_sums_only_the_top_level_rows_of_a_coded_table(coded):
    assert [r["code"] for r in summable_rows(coded.year_data, "gp_functional")] == ["201", "205"]
    assert column_total(coded.year_data, "gp_functional", "total") == Money.from_yuan("400")
    rows = dict(zip(("201", "20101", "2010101", "205"), coded.year_data.section("gp_functional").rows))
    assert share(inputs(coded, "gp_functional", rows["201"]), "total").text == "25.00%"
    assert share(inputs(coded, "gp_functional", rows["20101"]), "total").text == "15.00%"
    assert share(inputs(coded, "gp_functional", rows["205"]), "total") == Computed("75.00%", "本行决算合计 ÷ 各类合计")


def test_share_is_none_for_a_blank_cell_or_a_blank_column(coded):
    first = next(iter(coded.year_data.section("gp_functional").rows))
    assert column_total(coded.year_data, "gp_functional", "budget") is None
    assert share(inputs(coded, "gp_functional", first), "budget") is None


def test_share_on_seed1_functional_expenditure(session1):
    # 201 is 876,600.00 of 876,600.00 + 103,843.00 + 77,149,134.73 (types 201, 213, 215)
    assert column_total(session1.year_data, "gp_functional", "total") == Money.from_yuan("78129577.73")
    assert share(inputs(session1, "gp_functional", "r1"), "total").text == "1.12%"
    assert share(inputs(session1, "gp_functional", "r2"), "total").text == "1.12%"  # its 款, same amount


def test_column_total_of_a_table_without_codes_adds_every_row(session1):
    assert [r["item"] for r in summable_rows(session1.year_data, "purchased_services")][0] == "科技公共服务"
    assert column_total(session1.year_data, "purchased_services", "amount") == Money.from_yuan("6919100")
    assert column_total(session1.year_data, "project_funds", "executed",
                        list(session1.year_data.section("project_funds").rows.values())[:1]) == Money.from_yuan("225800")


def test_cost_per_vehicle_on_seed1(session1):
    # sangong vehicle_operation actual 10,298.00 / vehicle_stock 2
    result = cost_per_vehicle(inputs(session1, "sangong_details", ""))
    assert result == Computed("5,149.00元", "公务用车运行维护费决算 10,298.00元 ÷ 保有量 2 辆")
    assert cost_per_vehicle(inputs(session1, "sangong_details", "", unit="万元")).text == "0.51万元"


def test_cost_per_vehicle_without_vehicles_is_none(session1):
    row = dict(session1.year_data.section("sangong_details").rows[""])
    assert cost_per_vehicle(inputs(session1, "sangong_details", "", {**row, "vehicle_stock": 0})) is None
    assert cost_per_vehicle(inputs(session1, "sangong_details", "", {**row, "vehicle_stock": None})) is None


def test_department_total_and_grade_on_seed2(session2):
    total = department_total(inputs(session2, "dept_score", ""))
    assert total.text == "95.00"
    assert department_grade(inputs(session2, "dept_score", "")).text == "优秀"


def test_project_total_on_seed1_cannot_be_computed_and_says_why(session1):
    result = project_total(inputs(session1, "projects", "r1"))
    assert result.text == "—"
    assert "无法计算" in result.tooltip and "8 项指标未填写分值" in result.tooltip
    assert project_grade(inputs(session1, "projects", "r1")) is None


def test_project_indicator_score_is_shown_per_indicator(session1):
    shown = [project_indicator_score(inputs(session1, "project_indicators", row_id))
             for row_id in session1.year_data.section("project_indicators").rows]
    assert all(isinstance(item, Computed) for item in shown)
    assert any(item.text == "—" for item in shown)  # the indicators without points


def test_format_total_money_in_yuan_and_wanyuan_and_decimals():
    amount = Money.from_yuan("78129577.73")
    assert format_total(amount, "元") == "78,129,577.73"
    assert format_total(amount, "万元") == "7,812.96"
    assert format_total(Decimal("94.9"), "元") == "94.90"
    assert format_total(Decimal("1234.567"), "万元") == "1234.57"  # a decimal is not an amount: no unit, no 千分位
    assert format_total(21, "万元") == "21"


class _Watched:
    """The year's data, noting every section a formula looks at."""

    def __init__(self, data, seen: set[str]) -> None:
        self._data, self._seen = data, seen

    def section(self, key: str):
        self._seen.add(key)
        return self._data.section(key)

    def __getattr__(self, name: str):
        return getattr(self._data, name)


def test_each_formula_reads_only_its_own_section_and_what_it_declares():
    """A view refreshes a computed cell after an edit only when the edit touched its section, a
    section READS_SECTIONS names, or (READS_SCORES) the scores: each formula must keep to that."""
    from desktop.editing.computed import READS_SCORES, READS_SECTIONS
    from desktop.io.samples import load_example
    from desktop.ui.editors import load_editors
    editors = load_editors()
    specs = [(section, spec) for table in (editors.computed_columns, editors.computed_fields)
             for section, listed in table.items() for spec in listed]
    checked = set()
    for document in (load_sample(1), load_example()):
        session = EditSession(document, None)
        data = session.year_data
        for section, spec in specs:
            for row_id in list(data.section(section).rows)[:6] or [""]:
                seen: set[str] = set()
                scored: list[bool] = []
                watched = _Watched(data, seen)
                row = data.section(section).effective_row(row_id) if row_id else {}

                def scores():
                    scored.append(True)
                    return session.scores()
                labels = {c.key: c.label for c in data.section(section).section.columns}
                FORMULAS[spec.formula](Inputs(watched, section, row_id, row, "元", 2, scores, labels), *spec.args)
                assert not scored or spec.formula in READS_SCORES, spec.formula
                if spec.formula not in READS_SCORES:  # those are refreshed whenever the scores are
                    assert seen <= {section, *READS_SECTIONS.get(spec.formula, ())}, (spec.formula, seen)
                checked.add(spec.formula)
    assert {"cost_per_vehicle", "share", "project_total", "fund_score"} <= checked
