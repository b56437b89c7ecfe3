"""resources/import/official_tables.json: one validator, every published table recognisable by its
printed title, and no title mistaken for another table's."""

from __future__ import annotations

import json

import pytest

from desktop.domain.profiles import available_profiles
from desktop.domain.schema import document_schema
from desktop.io.official.catalogue import canonical_label, catalogue, identify, label_key, validate_catalogue
from desktop.paths import resource_path
from desktop.publication.layouts import table_layouts


def raw() -> dict:
    return json.loads(resource_path("import", "official_tables.json").read_text(encoding="utf-8"))


def test_the_bundled_catalogue_is_valid():
    assert validate_catalogue(raw(), document_schema()) == []


@pytest.mark.parametrize("profile", sorted(available_profiles()))
def test_every_published_table_is_recognised_by_its_printed_title(profile):
    for number, layout in enumerate(table_layouts(profile), 1):
        for title in (layout.title, f"表{number} {layout.title}", f"某部门2024年度{layout.title}"):
            entry = identify(title)
            assert entry is not None and entry.section == layout.section, title


def test_a_table_code_alone_names_its_table():
    assert identify("财决公开04表").section == "fiscal_summary"
    assert identify("公开10表") is None  # not 公开1表


def test_labels_lose_their_ordinals_and_take_their_printed_wording():
    assert label_key("  （二） 政府性基金预算财政拨款收入 ") == "政府性基金预算财政拨款收入"
    assert label_key("其中：一、基本支出") == "基本支出"
    assert canonical_label("用事业基金弥补收支差额") == canonical_label("使用非财政拨款结余")
    assert canonical_label("支出总计") == "总计"


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["tables"].append({"section": "nope", "titles": ["某表"]}), "没有节 'nope'"),
    (lambda d: d["tables"][0].update(titles=[]), "titles 须为非空的文字列表"),
    (lambda d: d["tables"][1].update(titles=["收入支出决算总表"]), "已用于 income_expenditure"),
    (lambda d: d["tables"][0].update(extra=1), "未知键 extra"),
    (lambda d: d["tables"][0]["titles"].append("收支总览"), "须含“表”字"),
    (lambda d: d["labels"].update({"结余分配": ["年初结转结余"]}), "同时是"),
    (lambda d: d["derived"].append({"cell": ["income_expenditure", "nope", "current"], "from": ["functional_expenditure", "basic"]}),
     "cell 须为已有的"),
    (lambda d: d["derived"].append({"cell": ["income_expenditure", "expenditure_basic", "current"], "from": ["sangong", "actual"]}),
     "from 须为有科目编码的表"),
])
def test_the_validator_names_each_problem(change, problem):
    data = raw()
    change(data)
    assert any(problem in p for p in validate_catalogue(data, document_schema())), problem


def test_the_catalogue_loads_once_and_is_checked():
    assert catalogue() is catalogue() and catalogue().derived
