"""The 三公 quantity rules (T7-04, T7-05, N-08c/d/e, W-10) and the 上年 reasons of N-06, each broken
the way a clerk would on the consistent synthetic document: where the finding lands, its level,
and that its message names the cells and the numbers. Incremental 审核 after the edit agrees with
a full run, so the catalogue's `reads` cover what each check looks at."""

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.rules.engine import Change, Engine, check_document
from desktop.synthetic import build_document

YEAR = 2023


def yuan(text: str) -> Money:
    return Money.from_yuan(Decimal(text))


@pytest.fixture()
def doc():
    return build_document(year=YEAR)


def year(doc):
    return doc.year(YEAR)


def found(doc, rule):
    return [f for f in check_document(doc, YEAR) if f.rule == rule]


def vehicle_row(doc, kind):
    return next(r for r, v in year(doc).section("sangong_vehicles").rows.items() if v.get("type") == kind)


def test_the_synthetic_document_fills_every_quantity_and_is_clean(doc):
    details = year(doc).section("sangong_details")
    for key in ("abroad_groups", "abroad_people", "vehicles_purchased", "vehicle_stock", "vehicle_stock_prior"):
        assert details.get(key) is not None, key
    reception = year(doc).section("sangong_reception")
    assert all(reception.value(r, c) is not None for r in ("domestic", "foreign") for c in ("amount", "batches", "people"))
    assert all(year(doc).section("sangong").value(r, "prior_reason") for r in ("abroad", "vehicle_operation", "reception"))
    assert year(doc).section("sangong_vehicles").rows
    assert check_document(doc, YEAR) == []


# -- T7-04 公务接待费 = 国内 + 外事 --------------------------------------------------------------------
def test_reception_split_that_does_not_add_up_is_an_error_at_the_table_cell(doc):
    year(doc).section("sangong_reception").set_value("domestic", "amount", yuan("3500"))
    [finding] = found(doc, "T7-04")
    assert finding.severity == "error" and finding.location.key == "sangong/reception/actual"
    assert "公务接待费（决算数） 4,000.00 ≠ 国内公务接待 3,500.00 + 外事接待（外宾） 1,000.00，相差 500.00" in finding.message


def test_reception_without_a_split_is_not_compared(doc):
    reception = year(doc).section("sangong_reception")
    for row in ("domestic", "foreign"):
        reception.set_value(row, "amount", None)
    assert found(doc, "T7-04") == []


# -- T7-05 公务用车 by 车型 ------------------------------------------------------------------------
def test_stock_by_type_that_does_not_add_up_names_the_types(doc):
    year(doc).section("sangong_vehicles").set_value(vehicle_row(doc, "其他用车"), "stock", 2)
    [finding] = found(doc, "T7-05")
    assert finding.severity == "error" and finding.location.key == "sangong_details//vehicle_stock"
    assert "年末公务用车保有量（辆） 3 辆 ≠ 按车型合计 执法执勤用车 2 + 其他用车 2 = 4 辆" in finding.message


def test_purchases_by_type_are_checked_against_the_purchase_count(doc):
    year(doc).section("sangong_vehicles").set_value(vehicle_row(doc, "执法执勤用车"), "purchased", 1)
    [finding] = found(doc, "T7-05")
    assert finding.location.column == "vehicles_purchased" and "0 辆 ≠ 按车型合计" in finding.message


def test_a_blank_total_with_types_listed_is_reported(doc):
    year(doc).section("sangong_details").set("vehicle_stock", None)
    [finding] = found(doc, "T7-05")
    assert "年末公务用车保有量（辆）未填写，但按车型列出 执法执勤用车 2 + 其他用车 1 = 3 辆" in finding.message


def test_a_type_listed_twice_or_missing(doc):
    vehicles = year(doc).section("sangong_vehicles")
    twice = vehicles.add_row({"type": "其他用车", "stock": 0})
    untyped = vehicles.add_row({"stock": 0})
    messages = {f.location.row: f.message for f in found(doc, "T7-05")}
    assert "车型“其他用车”" in messages[twice] and "列了两行" in messages[twice]
    assert "未选择车型" in messages[untyped]


def test_no_vehicle_table_no_check(doc):
    vehicles = year(doc).section("sangong_vehicles")
    for row in list(vehicles.rows):
        vehicles.remove_row(row)
    assert found(doc, "T7-05") == []


# -- N-08c an amount without its quantities ----------------------------------------------------
@pytest.mark.parametrize("section, row, column, words", [
    ("sangong_details", "", "abroad_groups", "因公出国（境）费决算 15,000.00，但三公经费明细·因公出国（境）团组数（个）未填写"),
    ("sangong_details", "", "abroad_people", "因公出国（境）人次未填写"),
    ("sangong_reception", "foreign", "amount", "公务接待费决算 4,000.00，但公务接待情况（国内与外事）·外事接待（外宾）（决算数）未填写"),
    ("sangong_reception", "domestic", "batches",
     "国内公务接待（决算数） 3,000.00，但公务接待情况（国内与外事）·国内公务接待（接待批次）未填写"),
])
def test_an_amount_spent_without_its_counts_is_a_warning_at_the_blank_cell(doc, section, row, column, words):
    year(doc).section(section).set_value(row, column, None)
    [finding] = found(doc, "N-08c")
    assert finding.severity == "warning" and (finding.location.row, finding.location.column) == (row, column)
    assert words in finding.message


def test_a_purchase_without_a_count(doc):
    sangong = year(doc).section("sangong")
    for column in ("budget", "actual"):
        sangong.set_value("vehicle_purchase", column, yuan("150000"))
    year(doc).section("sangong_details").set("vehicles_purchased", None)
    [finding] = found(doc, "N-08c")
    assert finding.location.column == "vehicles_purchased" and "公务用车购置费决算 150,000.00" in finding.message


def test_nothing_spent_needs_no_counts(doc):
    sangong = year(doc).section("sangong")
    for column in ("budget", "actual", "prior_actual"):
        sangong.set_value("abroad", column, yuan("0"))
    for key in ("abroad_groups", "abroad_people"):
        year(doc).section("sangong_details").set(key, None)
    assert found(doc, "N-08c") == []


# -- N-08d counts without an amount ------------------------------------------------------------
def test_reception_counts_with_a_zero_amount(doc):
    year(doc).section("sangong_reception").set_value("foreign", "amount", yuan("0"))
    findings = found(doc, "N-08d")
    assert {f.location.column for f in findings} == {"batches", "people"}
    assert all(f.severity == "warning" and f.location.row == "foreign" for f in findings)
    assert any("外事接待（外宾）（接待批次）为 1，但公务接待情况（国内与外事）·外事接待（外宾）（决算数）为 0" in f.message
               for f in findings)


def test_cars_kept_with_no_running_cost(doc):
    sangong = year(doc).section("sangong")
    sangong.set_value("vehicle_operation", "actual", yuan("0"))
    [finding] = found(doc, "N-08d")
    assert finding.location.column == "vehicle_stock"
    assert "年末公务用车保有量（辆）为 3 辆，但公务用车运行维护费决算为 0" in finding.message


def test_groups_abroad_with_no_spending(doc):
    year(doc).section("sangong").set_value("abroad", "actual", yuan("0"))
    assert {f.location.column for f in found(doc, "N-08d")} == {"abroad_groups", "abroad_people"}


# -- N-08e batches within people ---------------------------------------------------------------
def test_more_batches_than_people_is_an_error(doc):
    year(doc).section("sangong_reception").set_value("domestic", "people", 3)
    [finding] = found(doc, "N-08e")
    assert finding.severity == "error" and finding.location.key == "sangong_reception/domestic/people"
    assert "国内公务接待（接待人次） 3 少于" in finding.message and "（接待批次） 4" in finding.message


def test_one_person_per_batch_is_fine(doc):
    year(doc).section("sangong_reception").set_value("foreign", "batches", 5)
    assert found(doc, "N-08e") == []


def test_more_groups_than_people_abroad(doc):
    year(doc).section("sangong_details").set("abroad_groups", 4)
    [finding] = found(doc, "N-08e")
    assert finding.location.column == "abroad_people"


# -- W-10 a fleet that grew more than it bought -------------------------------------------------
def test_more_cars_than_bought_needs_an_explanation(doc):
    year(doc).section("sangong_details").set("vehicle_stock_prior", 2)
    [finding] = found(doc, "W-10")
    assert finding.severity == "warning" and finding.location.column == "vehicle_stock"
    assert "年末公务用车保有量 3 辆比上年末 2 辆增加 1 辆，但本年购置 0 辆" in finding.message


def test_a_purchase_explains_the_growth(doc):
    year(doc).section("sangong_details").set("vehicle_stock_prior", 2)
    year(doc).section("sangong_details").set("vehicles_purchased", 1)
    assert found(doc, "W-10") == []


# -- N-06 a reason against 预算 and one against 上年 ----------------------------------------------
@pytest.mark.parametrize("column, label", [("reason", "比年初预算增减原因"), ("prior_reason", "比上年增减原因")])
def test_each_reason_is_asked_for_at_its_own_cell(doc, column, label):
    year(doc).section("sangong").set_value("abroad", column, None)
    [finding] = found(doc, "N-06")
    assert finding.location.key == f"sangong/abroad/{column}"
    assert finding.message == f"因公出国（境）费{label}：说明需要“主要原因”，但未填写"


def test_no_reason_needed_when_the_figure_did_not_change(doc):
    sangong = year(doc).section("sangong")
    sangong.set_value("abroad", "prior_actual", yuan("15000"))
    sangong.set_value("abroad", "prior_reason", None)
    assert found(doc, "N-06") == []


# -- incremental 审核 ---------------------------------------------------------------------------
@pytest.mark.parametrize("section, row, column, value", [
    ("sangong_reception", "domestic", "amount", yuan("3500")),
    ("sangong_reception", "foreign", "people", 0),
    ("sangong_details", "", "abroad_people", None),
    ("sangong_details", "", "vehicle_stock_prior", 1),
    ("sangong", "reception", "prior_reason", None),
])
def test_an_edit_re_runs_the_rules_that_read_it(doc, section, row, column, value):
    engine = Engine(doc, YEAR)
    assert engine.validate() == []
    year(doc).section(section).set_value(row, column, value)
    delta = engine.update([Change(section, row, column)])
    assert delta.added
    assert {f.identity for f in engine.findings()} == {f.identity for f in Engine(doc, YEAR).validate()}


def test_a_vehicle_row_edit_re_runs_t7_05(doc):
    engine = Engine(doc, YEAR)
    engine.validate()
    row = vehicle_row(doc, "其他用车")
    year(doc).section("sangong_vehicles").set_value(row, "stock", 5)
    delta = engine.update([Change("sangong_vehicles", row, "stock")])
    assert "T7-05" in {f.rule for f in delta.added}
