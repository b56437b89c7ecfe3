"""H-01 and H-02: the rules across a department's units, run on the 汇总 of a year entered per unit."""

from __future__ import annotations

from desktop.domain.department_units import reporting_units, unit_key
from desktop.domain.money import Money
from desktop.rules.engine import check_document
from desktop.synthetic import build_document

YEAR = 2023


def _department(units: int = 3):
    document = build_document(projects=1, functional_rows=12, units=units, per_unit=True)
    return document, document.year(YEAR), reporting_units(document)


def _found(document, rule: str):
    return [f for f in check_document(document, YEAR) if f.rule == rule]


def test_h01_an_institution_reporting_admin_operating_cost():
    document, year, units = _department()
    assert _found(document, "H-01") == []
    document.section("units").set_value(units[2].id, "kind", "事业单位")
    (finding,) = _found(document, "H-01")
    assert finding.location.key == f"admin_operating_cost@{units[2].id}//current"
    cost = year.section(unit_key("admin_operating_cost", units[2].id)).get("current")
    assert finding.message.startswith(f"{units[2].name}是事业单位，填报了机关运行经费 {cost.fen // 100:,}.")
    year.section(unit_key("admin_operating_cost", units[2].id)).set("current", Money(0))
    assert _found(document, "H-01") == []
    year.section(unit_key("admin_operating_cost", units[2].id)).set("current", None)
    assert _found(document, "H-01") == []


def test_h01_leaves_an_unsplit_year_alone():
    document = build_document(projects=1, functional_rows=12, units=2)
    document.section("units").set_value(reporting_units(document)[1].id, "kind", "事业单位")
    assert _found(document, "H-01") == []


def test_h02_transfers_between_units_must_agree():
    document, year, units = _department()
    home, first, second = units

    def put(unit, row, yuan):
        year.section(unit_key("income_expenditure", unit.id)).set_value(row, "current", None if yuan is None else Money(yuan * 100))

    put(home, "expenditure_affiliated", 300)
    put(first, "income_superior", 100)
    put(second, "income_superior", 200)
    assert _found(document, "H-02") == []
    put(second, "income_superior", 190)
    (finding,) = _found(document, "H-02")
    assert finding.location.key == f"income_expenditure@{home.id}/expenditure_affiliated/current"
    assert "本级对附属单位补助支出与所属单位的上级补助收入不一致" in finding.message
    assert f"所属单位合计 290.00（{first.name} 100.00、{second.name} 190.00），相差 10.00" in finding.message
    put(second, "income_superior", None)  # not yet filled: nothing to compare
    assert _found(document, "H-02") == []
    put(second, "income_superior", 200)
    put(home, "income_affiliated", 50)
    put(first, "expenditure_superior", 50)
    put(second, "expenditure_superior", 0)
    assert _found(document, "H-02") == []
    put(home, "income_affiliated", 49)
    (finding,) = _found(document, "H-02")
    assert finding.location.key == f"income_expenditure@{home.id}/income_affiliated/current" and "相差 1.00" in finding.message


def test_h02_follows_an_edit_that_leaves_the_summary_as_it_was():
    """Moving a 上级补助收入 from one 所属单位 to the other keeps the 汇总 but breaks the pair: the
    editing session re-runs the rules across units on a unit's edit, not only on the 汇总's."""
    from desktop.editing.commands import CellValue, SetCells
    from desktop.editing.session import EditSession
    document, year, units = _department()
    home, first, second = units

    def cell(unit, row, yuan):
        return CellValue(YEAR, unit_key("income_expenditure", unit.id), row, "current", Money(yuan * 100))

    session = EditSession(document, None, YEAR)
    session.do(SetCells([cell(home, "expenditure_affiliated", 300), cell(home, "income_superior", 10),
                         cell(first, "income_superior", 100), cell(second, "income_superior", 200)], "填"))
    assert not [f for f in session.findings if f.rule == "H-02"]
    summary = year.section("income_expenditure").value("income_superior", "current")
    # the 本级's own 10.00 of 上级补助收入 moved to the first 所属单位: the 汇总 is the same, the pair is not
    session.do(SetCells([cell(home, "income_superior", 0), cell(first, "income_superior", 110)], "改"))
    assert year.section("income_expenditure").value("income_superior", "current") == summary
    assert ["相差 10.00；" in f.message for f in session.findings if f.rule == "H-02"] == [True]
