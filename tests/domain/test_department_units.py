"""A department and its units: the 汇总 is the units' sum cell by cell, the 审核 runs per unit and
on the 汇总, and a year entered per unit is stored, reloaded and undone exactly."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from desktop.domain.department_units import (add_up, find_unit, home_unit, is_split, join_year, reporting_units,
                                             section_key, split_year, summarise, unit_document, unit_key)
from desktop.domain.document import DocumentError
from desktop.domain.money import Money
from desktop.editing.commands import CellValue, InsertRows, RemoveRows, SetCells
from desktop.editing.session import EditSession
from desktop.editing.unit_commands import SplitYear
from desktop.io.samples import load_sample
from desktop.rules.engine import check_document
from desktop.rules.unit_engine import check_units, unit_of
from desktop.store.docfile import DocumentFile
from desktop.synthetic import build_document

YEAR = 2023


@pytest.fixture(scope="module")
def five_units():
    return build_document(projects=6, functional_rows=40, units=5, per_unit=True)


def _match(section, values: dict) -> tuple:
    return tuple(values.get(c) for c in section.unit_match)


def test_generated_department_is_the_sum_of_its_units_cell_by_cell(five_units):
    year = five_units.year(YEAR)
    units = reporting_units(five_units)
    assert len(units) == 5 and is_split(year)
    compared = 0
    for key in five_units.schema.per_unit_keys:
        department = year.section(key)
        parts = [year.section(unit_key(key, unit.id)) for unit in units]
        section = department.section
        summed = [c for c in section.columns if c.summed_across_units]
        if section.kind == "table":
            expected: dict[tuple, dict] = {}
            for part in parts:
                for values in part.rows.values():
                    row = expected.setdefault(_match(section, values), {})
                    for column in summed:
                        if values.get(column.key) is not None:
                            row[column.key] = row.get(column.key, 0) + (values[column.key].fen if column.type == "money"
                                                                         else values[column.key])
            found = {_match(section, values): {c.key: (values[c.key].fen if c.type == "money" else values[c.key])
                                               for c in summed if c.key in values}
                     for values in department.rows.values()}
            assert found == expected, key
            compared += sum(len(r) for r in expected.values())
        else:
            for row_id in department.rows:
                for column in summed:
                    values = [part.value(row_id, column.key) for part in parts]
                    filled = [v for v in values if v is not None]
                    want = None if not filled else (Money(sum(v.fen for v in filled)) if column.type == "money"
                                                    else sum(filled))
                    assert department.value(row_id, column.key) == want, (key, row_id, column.key)
                    compared += want is not None
    assert compared > 300  # every summed cell of the 20 per-unit sections
    # units of different sizes, and each one's figures really are its own
    totals = {year.section(unit_key("income_expenditure", u.id)).value("income_total", "current") for u in units}
    assert len(totals) > 1


def test_generated_department_has_no_finding_on_the_units_or_the_summary(five_units):
    assert check_units(five_units, YEAR) == []


def test_a_broken_unit_figure_shows_on_that_unit_and_on_the_summary(tmp_path):
    document = build_document(projects=2, functional_rows=20, units=5, per_unit=True)
    third = reporting_units(document)[2]
    with DocumentFile.create(tmp_path / "d.fdesk", document) as file:
        session = EditSession(document, file)
        assert session.findings == []
        grid = document.year(YEAR).section(unit_key("income_expenditure", third.id))
        broken = grid.value("income_gp", "current") + Money(100_00)
        command = SetCells([CellValue(YEAR, unit_key("income_expenditure", third.id), "income_gp", "current", broken)],
                           "改")
        outcome = session.do(command)
        on_unit = [f for f in session.findings if unit_of(f) == third.id]
        on_summary = [f for f in session.findings if unit_of(f) is None]
        assert on_unit and on_summary
        assert {f.rule for f in on_unit} & {f.rule for f in on_summary}  # the same rule on both
        assert all(f.message.startswith(third.name + "：") for f in on_unit)
        assert all(f.location.section.endswith("@" + third.id) for f in on_unit if
                   f.location.section.split("@")[0] in document.schema.per_unit_keys)
        assert "100.00" in " ".join(f.message for f in on_unit)
        # the edit was followed incrementally exactly as a fresh 审核 sees it
        assert {f.identity: f.message for f in session.findings} == \
            {f.identity: f.message for f in check_units(document, YEAR)}
        assert any(f.section == "income_expenditure" for f in outcome.applied.fields)
        session.undo(command)
        assert session.findings == []


def test_split_keeps_the_figures_and_undo_restores_the_department(tmp_path):
    document = load_sample(1)
    before = load_sample(1)
    year = document.latest_year().year
    with DocumentFile.create(tmp_path / "s.fdesk", document) as file:
        session = EditSession(document, file)
        findings_before = {f.identity for f in session.findings}
        split = SplitYear(year)
        session.do(split)
        data = document.year(year)
        for key in document.schema.per_unit_keys:
            department = data.section(key)
            for column in department.section.columns:
                if department.section.kind == "table" or not column.summed_across_units:
                    continue
                for row_id in department.rows:
                    assert department.value(row_id, column.key) == before.year(year).section(key).value(row_id, column.key)
        home = home_unit(document)
        assert data.section(unit_key("functional_expenditure", home.id)).rows == \
            before.year(year).section("functional_expenditure").rows
        other = reporting_units(document)[1]
        assert data.section(unit_key("functional_expenditure", other.id)).is_empty()
        reloaded = DocumentFile.open(tmp_path / "s.fdesk", read_only=True)
        try:
            assert reloaded.load() == document
        finally:
            reloaded.close()
        session.undo(split)
        assert document == before and not is_split(document.year(year))
        assert {f.identity for f in session.findings} == findings_before
    with DocumentFile.open(tmp_path / "s.fdesk", read_only=True) as file:
        assert file.load() == before


def test_the_summary_is_never_stored(tmp_path):
    document = build_document(projects=1, functional_rows=12, units=2, per_unit=True)
    with DocumentFile.create(tmp_path / "n.fdesk", document):
        pass
    connection = sqlite3.connect(tmp_path / "n.fdesk")
    try:
        department = connection.execute(
            "SELECT count(*) FROM cells WHERE scope_year=? AND section IN ('functional_expenditure', 'income_expenditure')",
            [YEAR]).fetchone()[0]
        per_unit = connection.execute("SELECT count(*) FROM cells WHERE scope_year=? AND section LIKE 'functional_expenditure@%'",
                                      [YEAR]).fetchone()[0]
        flag = connection.execute("SELECT per_unit FROM years WHERE year=?", [YEAR]).fetchone()[0]
    finally:
        connection.close()
    assert department == 0 and per_unit > 0 and flag == 1
    with DocumentFile.open(tmp_path / "n.fdesk", read_only=True) as file:
        assert file.load() == document


def test_an_unsplit_year_is_the_home_units_and_the_others_are_blank():
    document = load_sample(1)
    year = document.latest_year()
    home, other = reporting_units(document)
    assert home.home and home.role == "本级" and other.role == "所属单位"
    assert section_key(document, year, home.id, "functional_expenditure") == "functional_expenditure"
    with pytest.raises(DocumentError, match="尚未分单位填报"):
        section_key(document, year, other.id, "functional_expenditure")
    assert unit_document(document, year.year, home).year(year.year).section("functional_expenditure") \
        is year.section("functional_expenditure")
    assert unit_document(document, year.year, other).year(year.year).section("functional_expenditure").is_empty()
    # the department's checks are those of before: no unit has figures of its own
    assert {f.identity for f in check_units(document, year.year)} == {f.identity for f in check_document(document, year.year)}


def test_tables_merge_by_their_match_columns_and_keep_unmatched_rows():
    document = build_document(projects=1, functional_rows=12, units=3, per_unit=True)
    year = document.year(YEAR)
    units = reporting_units(document)
    vehicles = [year.section(unit_key("sangong_vehicles", u.id)) for u in units]
    assert year.section("sangong_vehicles").value(next(iter(year.section("sangong_vehicles").rows)), "stock") == \
        sum(v.value(next(iter(v.rows)), "stock") for v in vehicles)
    services = year.section(unit_key("purchased_services", units[1].id))
    services.add_row({"item": "物业服务", "amount": Money(5_000_00)})
    services.add_row({"amount": Money(7_00)})  # no item: a row of its own
    summarise(document, year, ["purchased_services"])
    merged = {values.get("item"): values["amount"] for values in year.section("purchased_services").rows.values()}
    assert merged["物业服务"] == Money(5_000_00) and merged[None] == Money(7_00)
    assert merged["技术咨询服务"] == Money(3 * 700_000_00)


def test_blank_stays_blank_and_sums_are_exact():
    column = load_sample(1).schema.section("assets").column("building_area")
    assert add_up(column, [None, None]) is None
    assert add_up(column, [Decimal("0.10"), None, Decimal("0.20")]) == Decimal("0.30")


def test_refusals_name_what_is_wrong():
    document = build_document(projects=1, functional_rows=12, units=2)
    with pytest.raises(DocumentError, match="没有名为“无此单位”的单位；单位表中的单位为：示例区科学技术委员会、所属服务中心1"):
        find_unit(document, "无此单位")
    year = document.year(YEAR)
    with pytest.raises(DocumentError, match="尚未分单位填报"):
        year.section("functional_expenditure@r2")
    snapshot = split_year(document, year)
    with pytest.raises(DocumentError, match="已经分单位填报"):
        split_year(document, year)
    with pytest.raises(DocumentError, match="不分单位填报"):
        year.unit_section("r1", "projects")
    join_year(year, snapshot)
    assert not is_split(year)


def test_a_unit_added_later_starts_blank_and_the_summary_follows_its_figures(tmp_path):
    document = build_document(projects=1, functional_rows=12, units=2, per_unit=True)
    with DocumentFile.create(tmp_path / "a.fdesk", document) as file:
        session = EditSession(document, file)
        before = document.year(YEAR).section("income_expenditure").value("income_business", "current")
        add = InsertRows(None, "units", 2, [{"name": "新设中心", "kind": "事业单位", "role": "所属单位"}], "添加单位")
        session.do(add)
        new = find_unit(document, "新设中心")
        key = unit_key("income_expenditure", new.id)
        assert document.year(YEAR).section(key).is_empty()
        session.do(SetCells([CellValue(YEAR, key, "income_business", "current", Money(1_00))], "填"))
        after = document.year(YEAR).section("income_expenditure").value("income_business", "current")
        assert after == before + Money(1_00)
        with DocumentFile.open(tmp_path / "a.fdesk", read_only=True) as copy:
            assert copy.load() == document
        session.do(RemoveRows(None, "units", [new.id], "删除单位"))
        assert document.year(YEAR).section("income_expenditure").value("income_business", "current") == before


def test_the_next_year_of_a_department_entered_per_unit_is_entered_per_unit_with_each_units_prior_figures():
    from desktop.editing.rollover import next_year_document
    document = build_document(projects=1, functional_rows=30, units=3, per_unit=True)
    following = next_year_document(document, YEAR, YEAR + 1)
    year = following.year(YEAR + 1)
    assert is_split(year)
    for unit in reporting_units(following):
        last = document.year(YEAR).section(unit_key("income_expenditure", unit.id))
        now = year.section(unit_key("income_expenditure", unit.id))
        assert now.value("income_gp", "prior") == last.value("income_gp", "current")
        assert now.value("income_gp", "current") is None  # this year's figures are still to be entered
        assert [r["code"] for r in year.section(unit_key("functional_expenditure", unit.id)).rows.values()] == \
            [r["code"] for r in document.year(YEAR).section(unit_key("functional_expenditure", unit.id)).rows.values()]
    summary = year.section("income_expenditure")
    assert summary.value("income_total", "prior") == document.year(YEAR).section("income_expenditure").value(
        "income_total", "current")
