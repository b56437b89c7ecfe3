"""The engine: incremental re-validation equals a full run; explanations keep their finding."""

from __future__ import annotations

import os
import random
from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.rules.catalogue import load_catalogue
from desktop.rules.engine import Change, Engine
from desktop.synthetic import build_document

YEAR = 2023


def _identities(findings):
    return sorted((f.identity, f.severity, f.message) for f in findings)


def _random_edit(rng: random.Random, document) -> Change:
    data = document.year(YEAR)
    candidates = [(key, row, column.key) for key, section in data.sections.items()
                  for row in section.rows for column in section.section.columns
                  if column.type in ("money", "integer", "decimal", "text")]
    key, row, column = rng.choice(candidates)
    section = data.section(key)
    kind = section.section.column(column).type
    choice = rng.random()
    if choice < 0.2:
        value = None
    elif kind == "money":
        value = Money(rng.choice([0, 1, 100, 10_000, 123_456_78, 5_000_000_00]))
    elif kind == "integer":
        value = rng.choice([0, 1, 3, 12, 120])
    elif kind == "decimal":
        value = Decimal(rng.choice(["0", "5", "10", "12.5", "100"]))
    else:
        value = rng.choice(["1", "4", "≥4项", "优", "与2022年度决算相比增加", "一般公共服务"])
    section.set_value(row, column, value)
    return Change(key, row, column)


def test_incremental_updates_match_a_full_validation():
    rng = random.Random(20261121)
    document = build_document(projects=3, functional_rows=20, units=3)
    engine = Engine(document, YEAR)
    engine.validate()
    for step in range(150):
        change = _random_edit(rng, document)
        engine.update([change])
        fresh = Engine(document, YEAR).validate()
        assert _identities(engine.findings()) == _identities(fresh), f"step {step}: {change}"


def test_row_operations_are_incremental_too():
    document = build_document(projects=3, functional_rows=20, units=2)
    engine = Engine(document, YEAR)
    engine.validate()
    data = document.year(YEAR)
    removed = data.remove_row(document.schema, "projects", "r2")
    engine.update([Change(section, row) for section, row, _, _ in removed])
    assert _identities(engine.findings()) == _identities(Engine(document, YEAR).validate())
    row = data.section("project_indicators").add_row({"project": "r1", "level1": "产出指标", "level3": "新指标",
                                                      "points": Decimal("5")})
    delta = engine.update([Change("project_indicators", row)])
    assert any(f.rule == "P-07" for f in delta.added)
    assert _identities(engine.findings()) == _identities(Engine(document, YEAR).validate())


def test_update_reports_what_appeared_and_disappeared():
    document = build_document()
    engine = Engine(document, YEAR)
    assert engine.validate() == []
    sangong = document.year(YEAR).section("sangong")
    previous = sangong.set_value("total", "budget", Money.from_yuan(Decimal("44961")))
    delta = engine.update([Change("sangong", "total", "budget")])
    assert [f.rule for f in delta.added] == ["T7-01"] and delta.removed == ()
    assert "44,961.00 ≠ 因公出国（境）费 20,000.00 + 公务用车购置及运行维护费 40,000.00 + 公务接待费 6,000.00" \
        in delta.added[0].message
    sangong.set_value("total", "budget", previous)
    delta = engine.update([Change("sangong", "total", "budget")])
    assert delta.added == () and [f.rule for f in delta.removed] == ["T7-01"]


def test_a_part_re_runs_the_rules_that_read_its_computed_total():
    # X-08 reads 政府采购·合计, which the form computes from 货物 + 工程 + 服务: editing 货物 must re-run it
    document = build_document()
    engine = Engine(document, YEAR)
    assert engine.validate() == []
    document.year(YEAR).section("procurement").set("goods", Money.from_yuan(Decimal("999999999")))
    delta = engine.update([Change("procurement", "", "goods")])
    assert "X-08" in {f.rule for f in delta.added}
    assert _identities(engine.findings()) == _identities(Engine(document, YEAR).validate())


def w01_warning():
    """A consistent document with one W-01 warning (公务接待费 上年决算数 changed): data, engine, warning."""
    document = build_document()
    data = document.year(YEAR)
    data.section("sangong").set_value("reception", "prior_actual", Money.from_yuan(Decimal("3000")))
    engine = Engine(document, YEAR)
    [warning] = [f for f in engine.validate() if f.rule == "W-01"]
    return data, engine, warning


def test_explanations_attach_by_identity_and_orphans_are_found():
    data, engine, warning = w01_warning()
    assert warning.needs_explanation
    data.explanations[warning.identity] = "接待任务增加"
    [explained] = [f for f in engine.findings() if f.rule == "W-01"]
    assert explained.explanation == "接待任务增加" and not explained.needs_explanation
    assert engine.orphaned_explanations() == []
    data.section("sangong").set_value("reception", "prior_actual", Money.from_yuan(Decimal("5000")))
    engine.update([Change("sangong", "reception", "prior_actual")])
    assert engine.orphaned_explanations() == [warning.identity]
    assert engine.prune_explanations() == [warning.identity]
    assert data.explanations == {} and engine.orphaned_explanations() == []


def test_an_explanation_survives_revalidation_while_its_finding_lasts():
    data, engine, warning = w01_warning()
    data.explanations[warning.identity] = "接待任务增加"
    data.section("sangong").set_value("reception", "prior_actual", Money.from_yuan(Decimal("3500")))
    engine.update([Change("sangong", "reception", "prior_actual")])
    assert engine.prune_explanations() == []
    [still] = [f for f in Engine(engine.document, YEAR).validate() if f.rule == "W-01"]
    assert still.explanation == "接待任务增加" and "3,500.00" in still.message


def _catalogue_with_broken(rule_id: str):
    """The catalogue with one rule's check replaced by one that raises."""
    from desktop.rules import catalogue as catalogue_module
    catalogue = catalogue_module.load_catalogue()
    spec = catalogue.rule(rule_id)

    def explode(context, *partition):
        raise ZeroDivisionError("boom")
    return catalogue_module.Catalogue(
        tuple(catalogue_module.RuleSpec(**{**s.__dict__, "check": explode}) if s is spec else s for s in catalogue.rules),
        catalogue.not_expressed, catalogue.by_construction)


def test_a_broken_rule_becomes_an_error_finding_not_a_crash(monkeypatch, caplog):
    monkeypatch.delenv("FISCALDESK_STRICT_RULES")  # the product's mode
    document = build_document()
    with caplog.at_level("ERROR", logger="desktop.rules.engine"):
        [finding] = Engine(document, YEAR, _catalogue_with_broken("T7-01")).validate()
    assert finding.rule == "T7-01" and finding.severity == "error"
    assert finding.message.startswith("规则执行出错：T7-01 三公经费")
    assert "ZeroDivisionError: boom" in finding.message and finding.location.section == "sangong"
    assert [r.getMessage() for r in caplog.records] == ["rule T7-01 failed"]


def test_a_broken_warning_rule_keeps_its_severity_and_its_row(monkeypatch):
    monkeypatch.setenv("FISCALDESK_STRICT_RULES", "0")
    document = build_document(projects=2)
    findings = Engine(document, YEAR, _catalogue_with_broken("P-07c")).validate()
    spec = load_catalogue().rule("P-07c")
    assert sorted(f.location.key for f in findings) == ["projects/r1", "projects/r2"]
    assert all(f.rule == "P-07c" and f.severity == spec.severity and "规则执行出错" in f.message for f in findings)


def test_in_the_tests_a_broken_rule_raises():
    assert os.environ.get("FISCALDESK_STRICT_RULES") == "1"  # set by tests/conftest.py
    with pytest.raises(ZeroDivisionError, match="boom"):
        Engine(build_document(), YEAR, _catalogue_with_broken("T7-01")).validate()
