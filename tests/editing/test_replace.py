"""Importing into the open document: the change list, and ReplaceContent as one undo step that is
committed to the file, findings refreshed, and undone exactly."""

import copy
from pathlib import Path

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.editing.replace import plan_import
from desktop.editing.session import EditSession
from desktop.io.jsonio import document_to_json
from desktop.io.samples import load_sample
from desktop.rules.engine import Engine
from desktop.store.docfile import DocumentFile

YEAR = 2023


def on_disk(path: Path) -> Document:
    with DocumentFile.open(path) as file:
        return file.load()


@pytest.fixture()
def opened(tmp_path):
    path = tmp_path / "seed1.fdesk"
    document = load_sample(1)
    file = DocumentFile.create(path, document)
    yield EditSession(document, file), path
    file.close()


def incoming_with_changes() -> Document:
    incoming = load_sample(1)
    data = incoming.year(YEAR)
    data.section("sangong").set_value("abroad", "actual", Money(123456))       # changed 0.00 → 1,234.56
    data.section("sangong").set_value("abroad", "prior_actual", Money(100))    # added
    data.section("sangong").set_value("vehicle", "reason", None)               # removed
    glossary = data.section("glossary")
    glossary.remove_row(glossary.row_ids()[0])                                  # a row removed
    glossary.add_row({"term": "新名词", "definition": "新的解释"})               # a row added
    incoming.section("department").set("code", "999001")
    warning = next(f for f in Engine(incoming, YEAR).validate() if f.severity == "warning" and f.rule == "W-02")
    data.explanations[warning.identity] = "项目工资福利支出为聘用人员劳务费"
    return incoming


def test_identical_import_plans_nothing():
    plan = plan_import(load_sample(1), load_sample(1), YEAR)
    assert plan.command is None and plan.changes == [] and plan.summary() == "没有变化"


def test_the_plan_lists_each_change_with_place_and_values():
    document = load_sample(1)
    plan = plan_import(document, incoming_with_changes(), YEAR)
    shown = {(c.kind, c.where, c.old, c.new) for c in plan.changes if c.column is not None}
    assert ("changed", "财政拨款“三公”经费支出决算表 · 因公出国（境）费 · 决算数", "0.00", "1,234.56") in shown
    assert ("added", "财政拨款“三公”经费支出决算表 · 因公出国（境）费 · 上年决算数", "", "1.00") in shown
    assert any(c.kind == "removed" and c.where.endswith("增减原因") and c.old for c in plan.changes)
    assert ("added", "部门 · 部门编码", "", "999001") in shown or \
        any(c.where == "部门 · 部门编码" for c in plan.changes)
    rows = [(c.kind, c.where) for c in plan.changes if c.column is None]
    assert ("added", "专业名词解释 · 第7行（新名词）") in rows
    assert sum(1 for kind, where in rows if kind == "removed" and where.startswith("专业名词解释 · 第1行")) == 1
    assert plan.count("added", rows=True) == 1 and plan.count("removed", rows=True) == 1
    assert any(c.section == "explanations" for c in plan.changes)
    assert "新增 1 行" in plan.summary() and "删除 1 行" in plan.summary() and document == load_sample(1)


def test_replace_content_is_one_step_committed_and_undone_exactly(opened):
    session, path = opened
    original = load_sample(1)
    incoming = incoming_with_changes()
    plan = plan_import(session.document, incoming, YEAR)
    outcome = session.do(plan.command)
    expected = document_to_json(incoming)
    assert document_to_json(session.document) == expected
    assert document_to_json(on_disk(path)) == expected
    assert (YEAR, "glossary") in outcome.sections and (YEAR, "sangong") in outcome.sections
    assert {(f.rule, f.location.key) for f in session.findings} == \
        {(f.rule, f.location.key) for f in Engine(session.document, YEAR).validate()}

    session.undo(plan.command)
    assert session.document == original and on_disk(path) == original
    session.redo(plan.command)
    assert document_to_json(on_disk(path)) == expected


def test_a_project_removed_by_import_takes_nothing_else_along(opened):
    """A workbook without a project (and without its funds and indicators) removes all three."""
    session, path = opened
    incoming = copy.deepcopy(session.document)
    data = incoming.year(YEAR)
    project = data.section("projects").row_ids()[0]
    data.remove_row(incoming.schema, "projects", project)
    plan = plan_import(session.document, incoming, YEAR)
    session.do(plan.command)
    assert on_disk(path) == incoming
    assert not on_disk(path).year(YEAR).section("project_indicators").rows


def test_a_different_profile_is_noted():
    incoming = load_sample(1)
    incoming.year(YEAR).profile = "beijing-municipal"
    plan = plan_import(load_sample(1), incoming, YEAR)
    assert plan.command is None and any("方案" in note for note in plan.notes)
