"""resources/review/typed_scopes.json: the file is valid, its validator refuses each kind of slip,
each builder's declared tables are every table it really reads, and 审核 K-22 reads what the
scopes read (so an edit of any of those tables re-runs the group it belongs to)."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain.document import Document
from desktop.domain.profiles import load_profile
from desktop.domain.schema import document_schema
from desktop.editing.rollover import new_document
from desktop.io.samples import load_sample
from desktop.narrative.context import DepartmentContext
from desktop.narrative.generator import BUILDERS
from desktop.narrative.phrases import Phrases
from desktop.paths import resource_path
from desktop.review.live import PROJECT_TEXTS
from desktop.review.scopes import typed_scopes, validate_scopes
from desktop.rules.catalogue import load_catalogue
from desktop.synthetic import build_document

RAW = json.loads(resource_path("review", "typed_scopes.json").read_text(encoding="utf-8"))


def problems(data) -> list[str]:
    return validate_scopes(data, document_schema(), set(BUILDERS))


def test_the_file_is_valid():
    assert problems(RAW) == []
    assert [scope.key for scope in typed_scopes()] == [raw["key"] for raw in RAW["scopes"]]


@pytest.mark.parametrize("break_it, expected", [
    (lambda d: d["builders"].update(no_such_part=["gp_functional"]), "说明中没有这一部分"),
    (lambda d: d["builders"]["economic"].append("no_such_table"), "表 no_such_table 不存在"),
    (lambda d: d["builders"].update(economic=[]), "应为表名的非空列表"),
    (lambda d: d["scopes"][0]["texts"].append("gp_functional.no_such_column"), "列 gp_functional.no_such_column 不存在"),
    (lambda d: d["scopes"][0]["texts"].append("no_such_table.reason"), "表 no_such_table 不存在"),
    (lambda d: d["scopes"][0]["reference"].append("glossary"), "glossary 未在 builders 中声明"),
    (lambda d: d["scopes"][1].update(key=d["scopes"][0]["key"]), "key 应为不重复的非空文字"),
    (lambda d: d["scopes"][0].pop("title"), "应为含"),
    (lambda d: d["scopes"][0].update(texts=[]), "texts 应为非空列表"),
    (lambda d: d.pop("builders"), "应为含 builders 对象和 scopes 列表的对象"),
])
def test_each_slip_is_refused(break_it, expected):
    data = copy.deepcopy(RAW)
    break_it(data)
    assert any(expected in problem for problem in problems(data)), problems(data)


class _Tracked(dict):
    """A year's (or the document's) sections, noting every table looked up."""

    def __init__(self, sections, seen: set[str]) -> None:
        super().__init__(sections)
        self.seen = seen

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.seen.add(key)
        return super().get(key, default)


def _read_by(document: Document, name: str) -> set[str]:
    seen: set[str] = set()
    data = document.latest_year()
    data.sections = _Tracked(data.sections, seen)
    document.sections = _Tracked(document.sections, seen)
    BUILDERS[name](DepartmentContext(document, data, Phrases(load_profile(data.profile).format)))
    return seen


DOCUMENTS = {"seed1": lambda: load_sample(1), "seed2": lambda: load_sample(2), "synthetic": build_document,
             "large": lambda: build_document(projects=12, functional_rows=40, units=3), "empty": lambda: _empty()}


def _empty() -> Document:
    return new_document("某部门", 2023, "beijing-district")


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("name", sorted(RAW["builders"]))
def test_a_builder_reads_no_table_it_does_not_declare(name, document):
    assert _read_by(DOCUMENTS[document](), name) <= set(RAW["builders"][name])


def test_the_department_parts_never_score_the_projects():
    """department_overall reads no project table: a project edit never rebuilds the 绩效 group."""
    for name in ("department_overall", "evaluation_summary"):
        assert not {"projects", "project_indicators", "project_funds"} & set(RAW["builders"][name])


def test_k22_reads_every_table_its_groups_read():
    k22 = load_catalogue().rule("K-22")
    wanted = {(section, "*") for scope in typed_scopes() for section in scope.reads}
    assert set(k22.reads) == wanted


def _text_columns(reads) -> set[tuple[str, str]]:
    """(section, column) of every prose column `reads` names, "*" expanded."""
    schema = document_schema()
    return {(section, column.key) for section, wanted in reads for column in schema.section(section).columns
            if column.type in ("text", "longtext") and wanted in ("*", column.key)}


def test_every_typed_text_of_k20_is_checked_for_figures():
    """Each prose column K-20 reads is in a K-22 group or is a project's text (K-23); the 名词解释
    and an indicator's deviation reason speak of nothing the 说明 computes."""
    in_scopes = _text_columns(text for scope in typed_scopes() for text in scope.texts)
    projects = {("projects", column) for column in PROJECT_TEXTS}
    unchecked = {("glossary", "definition"), ("project_indicators", "deviation_reason")}
    missing = _text_columns(load_catalogue().rule("K-20").reads) - in_scopes - projects - unchecked
    assert not missing


def _quoted_by(document: Document, section_key: str, column: str) -> set[str]:
    """The 说明 builders that print the column's text (a marker written into every row of it)."""
    from desktop.narrative.context import Context
    from desktop.narrative.generator import section_lines
    data = document.latest_year()
    section = data.section(section_key)
    marker = f"标记{section_key}{column}甲乙丙"
    for values in section.rows.values():
        values[column] = marker + "。"
    found = set()
    for name, build in BUILDERS.items():
        built = build(Context(document, data, Phrases(load_profile(data.profile).format)))
        if built is not None and any(marker in line for line in section_lines(built)):
            found.add(name)
    return found


@pytest.mark.parametrize("scope, section, column", [
    (scope.key, section, column.key) for scope in typed_scopes() for section, wanted in scope.texts
    for column in document_schema().section(section).columns
    if column.type in ("text", "longtext") and wanted in ("*", column.key)])
def test_a_text_is_in_the_group_of_the_part_that_prints_it(scope, section, column):
    """Each text is read against the part of the 说明 quoting it; a text printed nowhere (an
    indicator's deviation reason) belongs to the group whose tables it speaks of."""
    printed_by = _quoted_by(build_document(), section, column)
    reference = next(s for s in typed_scopes() if s.key == scope).reference
    assert not printed_by or printed_by & set(reference), (printed_by, reference)
