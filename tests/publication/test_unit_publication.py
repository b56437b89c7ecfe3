"""A unit's own 单位决算公开: its own figures under its own name, in the words of a unit, without
the department's 绩效 part; and the department's 部门决算公开 of the same file, the 汇总."""

from __future__ import annotations

from datetime import date

from desktop.domain.department_units import find_unit, reporting_units, unit_publication
from desktop.publication.gate import export_gate
from desktop.publication.outline import build_publication
from desktop.synthetic import build_document

YEAR = 2023
TODAY = date(2024, 8, 1)


def _department():
    return build_document(projects=2, functional_rows=20, units=3, per_unit=True)


def test_a_units_publication_is_its_own_in_a_units_words():
    document = _department()
    unit = find_unit(document, "所属服务中心1")
    publication = build_publication(unit_publication(document, YEAR, unit), YEAR, today=TODAY)
    text = publication.text()
    assert publication.title == "2023年度所属服务中心1单位决算公开说明"
    assert publication.subject == "单位决算公开说明" and publication.department == "所属服务中心1"
    assert [part.title for part in publication.parts] == [
        "第一部分 2023年度单位决算报表", "第二部分 2023年度单位决算说明", "第三部分 2023年度其他重要事项的情况说明"]
    assert "一、单位基本情况" in text and "2023年度本单位政府采购支出总额" in text
    assert "注：本单位2023年度无政府性基金预算财政拨款收支，故本表为空表。" in text
    typed = document.year(YEAR).section(f"narrative@{unit.id}").get("key_projects")
    assert typed.startswith("本部门")  # what a clerk typed is published as typed
    assert "本部门" not in text.replace(typed, "").replace("拨付给本部门", "")  # (and the glossary's definition)
    assert "综合办公室" not in text  # the department's 内设机构 are not the unit's
    own = document.year(YEAR).section(f"income_expenditure@{unit.id}").value("income_total", "current")
    summary = document.year(YEAR).section("income_expenditure").value("income_total", "current")
    assert f"本年收入合计{own.fen // 100:,}.00元" in text and f"{summary.fen // 100:,}.00" not in text


def test_the_departments_publication_is_the_summary():
    document = _department()
    publication = build_publication(document, YEAR, today=TODAY)
    text = publication.text()
    assert publication.title == "2023年度示例区科学技术委员会部门决算公开说明"
    assert publication.parts[0].title == "第一部分 2023年度部门决算报表" and len(publication.parts) == 4
    summary = document.year(YEAR).section("income_expenditure").value("income_total", "current")
    parts = [document.year(YEAR).section(f"income_expenditure@{u.id}").value("income_total", "current")
             for u in reporting_units(document)]
    assert summary.fen == sum(p.fen for p in parts) and f"本年收入合计{summary.fen // 100:,}.00元" in text
    assert "纳入本部门2023年度部门决算编制范围的单位共3个" in text


def test_a_units_gate_is_about_what_it_publishes():
    document = _department()
    unit = find_unit(document, "所属服务中心2")
    assert export_gate(unit_publication(document, YEAR, unit), YEAR).open
    document.year(YEAR).section("dept_budget_execution").set_value("basic", "executed", None)  # the department's 绩效
    assert export_gate(unit_publication(document, YEAR, unit), YEAR).open
    assert not export_gate(document, YEAR).open
    own = document.year(YEAR).section(f"sangong@{unit.id}")
    own.set_value("abroad", "actual", None)  # the unit's own 三公 table: not filled
    assert not export_gate(unit_publication(document, YEAR, unit), YEAR).open
