"""Incremental re-validation at its edges: membership moves, removed rows, changed messages
(survivors of `make mutate`, docs/mutation.md)."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.money import Money
from desktop.rules.engine import Change, Engine
from desktop.synthetic import build_document

YEAR = 2023


def identities(findings):
    return sorted((f.identity, f.severity, f.message) for f in findings)


def fresh(document):
    return identities(Engine(document, YEAR).validate())


def test_an_indicator_moved_to_another_project_re_runs_both():
    document = build_document(projects=2)
    engine = Engine(document, YEAR)
    engine.validate()
    indicators = document.year(YEAR).section("project_indicators")
    row = next(r for r, v in indicators.rows.items() if v["project"] == "r1")
    indicators.set_value(row, "project", "r2")
    engine.update([Change("project_indicators", row, "project")])
    assert identities(engine.findings()) == fresh(document)
    assert {f.location.row for f in engine.findings() if f.rule == "P-07"} == {"r1", "r2"}


def test_a_removed_indicator_re_runs_its_project():
    document = build_document(projects=2)
    engine = Engine(document, YEAR)
    engine.validate()
    data = document.year(YEAR)
    row = next(r for r, v in data.section("project_indicators").rows.items() if v["project"] == "r1")
    removed = data.remove_row(document.schema, "project_indicators", row)
    engine.update([Change(section, row_id) for section, row_id, _, _ in removed])
    assert identities(engine.findings()) == fresh(document)
    assert [f.location.row for f in engine.findings() if f.rule == "P-07"] == ["r1"]


def test_a_removed_project_takes_its_findings_along():
    document = build_document(projects=2)
    data = document.year(YEAR)
    data.section("projects").set_value("r2", "score_reported", Decimal("50"))
    engine = Engine(document, YEAR)
    assert [f.location.row for f in engine.validate() if f.rule == "P-07c"] == ["r2"]
    removed = data.remove_row(document.schema, "projects", "r2")
    delta = engine.update([Change(section, row_id) for section, row_id, _, _ in removed])
    assert [f.rule for f in engine.findings() if f.rule == "P-07c"] == []
    assert "P-07c" in {f.rule for f in delta.removed}


def test_an_update_before_any_validation_runs_what_it_touches():
    document = build_document(projects=2)
    document.year(YEAR).section("projects").set_value("r1", "score_reported", Decimal("50"))
    engine = Engine(document, YEAR)
    delta = engine.update([Change("projects", "r1", "score_reported")])
    assert [(f.rule, f.location.key) for f in delta.added if f.rule == "P-07c"] == [("P-07c", "projects/r1/score_reported")]


def test_a_finding_whose_figures_change_is_reported_as_added_again():
    document = build_document()
    sangong = document.year(YEAR).section("sangong")
    sangong.set_value("total", "budget", Money.from_yuan(Decimal("44961")))
    engine = Engine(document, YEAR)
    [before] = [f for f in engine.validate() if f.rule == "T7-01"]
    sangong.set_value("total", "budget", Money.from_yuan(Decimal("44962")))
    delta = engine.update([Change("sangong", "total", "budget")])
    [after] = delta.added
    assert after.identity == before.identity and "44,962.00" in after.message and delta.removed == ()


def test_a_removed_partition_row_without_dependants_drops_its_findings():
    document = build_document(projects=2)
    data = document.year(YEAR)
    row = data.section("projects").add_row({"name": "新项目"})
    engine = Engine(document, YEAR)
    assert any(f.location.row == row for f in engine.validate())
    removed = data.remove_row(document.schema, "projects", row)
    engine.update([Change(section, row_id) for section, row_id, _, _ in removed])
    assert [f for f in engine.findings() if f.location.row == row] == []
    assert identities(engine.findings()) == fresh(document)
