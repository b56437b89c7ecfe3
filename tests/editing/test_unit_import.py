"""An import into one unit (导入Excel / 导入官方报表 with a unit shown): only that unit's per-unit
sections change, the department's 汇总 follows, nothing else of the department is touched, one undo."""

from __future__ import annotations

import copy

from desktop.domain.department_units import find_unit, unit_key, unit_publication
from desktop.domain.money import Money
from desktop.domain.sources import Source
from desktop.editing.replace import plan_import
from desktop.editing.session import EditSession
from desktop.synthetic import build_document

YEAR = 2023


def test_a_workbook_imported_into_one_unit_changes_that_unit_only():
    document = build_document(projects=1, functional_rows=12, units=3, per_unit=True)
    before = copy.deepcopy(document)
    unit = find_unit(document, "所属服务中心1")
    incoming = copy.deepcopy(unit_publication(document, YEAR, unit))  # what the unit's own workbook reads back as
    data = incoming.year(YEAR)
    data.section("income_expenditure").set_value("income_business", "current", Money(123_45))
    data.section("projects").add_row({"name": "不属于单位的项目"})  # the department's: not imported into a unit
    incoming.section("department").set("name", "另一个名字")
    plan = plan_import(document, incoming, YEAR, text="导入Excel（所属服务中心1）",
                       default_source=Source("workbook", "“u.xlsx”"), unit=unit.id)
    assert [(c.section, c.row, c.column, c.new) for c in plan.changes if c.column] == [
        ("income_expenditure", "income_business", "current", "123.45")]
    session = EditSession(document, None, YEAR)
    outcome = session.do(plan.command)
    summary = document.year(YEAR).section("income_expenditure")
    assert document.year(YEAR).section(unit_key("income_expenditure", unit.id)).value(
        "income_business", "current") == Money(123_45)
    assert summary.value("income_business", "current") == Money(123_45)  # the others' 0.00 + 123.45
    assert ("income_expenditure", "income_business", "current") in {(f.section, f.row, f.column)
                                                                   for f in outcome.applied.fields}
    assert document.department_name == before.department_name and not document.year(YEAR).section("projects").rows \
        .keys() - before.year(YEAR).section("projects").rows.keys()
    assert document.sources[(YEAR, unit_key("income_expenditure", unit.id), "income_business", "current")] == \
        Source("workbook", "“u.xlsx”")
    session.undo(plan.command)
    assert document == before
