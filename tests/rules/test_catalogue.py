"""The catalogue file is checked entry by entry, and docs/rules.md is generated from it."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain.schema import document_schema
from desktop.paths import resource_path, resources_dir
from desktop.rules.catalogue import load_catalogue, render_markdown, validate_catalogue
from desktop.rules.registry import registered_checks


@pytest.fixture
def raw() -> dict:
    return json.loads(resource_path("rules", "catalogue.json").read_text(encoding="utf-8"))


def test_the_bundled_catalogue_is_valid(raw):
    assert validate_catalogue(raw, document_schema(), registered_checks()) == []


@pytest.mark.parametrize("damage, expected", [
    (lambda r: r["rules"][0].update(severity="fatal"), "severity"),
    (lambda r: r["rules"][0].update(reads=["no_such_table.x"]), "不存在"),
    (lambda r: r["rules"][0].update(reads=["sangong.no_such_column"]), "不存在"),
    (lambda r: r["rules"][1].update(id=r["rules"][0]["id"]), "重复"),
    (lambda r: r["rules"].pop(0), "不在目录中"),
    (lambda r: r["rules"][0].update(id="Z-99"), "没有对应的检查函数"),
    (lambda r: r["rules"][0].update(title=""), "title"),
    (lambda r: r["rules"][0].update(colour="red"), "未知属性"),
    (lambda r: r["rules"][0].update(partition={"section": "sangong"}), "partition"),
    (lambda r: r["rules"][0].update(partition={"section": "projects", "via": {"project_funds": "source"}}), "partition"),
    (lambda r: r["not_expressed"].append({"id": "T7-01", "reason": "x"}), "已在 rules 中实现"),
])
def test_each_kind_of_mistake_is_reported(raw, damage, expected):
    broken = copy.deepcopy(raw)
    damage(broken)
    problems = validate_catalogue(broken, document_schema(), registered_checks())
    assert any(expected in p for p in problems), problems


def test_docs_rules_md_is_current():
    generated = render_markdown(load_catalogue())
    assert (resources_dir().parent / "docs" / "rules.md").read_text(encoding="utf-8") == generated, \
        "regenerate with: python -m desktop.rules.catalogue"


def test_every_rule_id_of_domain_md_is_accounted_for():
    catalogue = load_catalogue()
    ids = {s.id for s in catalogue.rules} | {i["id"].split("（")[0].split(" ")[0] for i in
                                             (*catalogue.not_expressed, *catalogue.by_construction)}
    domain = [f"T1-0{n}" for n in range(1, 6)] + ["T2-01", "T3-01", "T4-01", "T4-02", "T4-03", "T4-04", "T5-01",
                                                   "T6-01", "T7-01", "T7-02", "T7-03", "T8-01", "T9-01", "T12-01",
                                                   "T12-02", "T13-01"]
    domain += [f"X-0{n}" for n in range(1, 10)] + [f"N-{n:02d}" for n in range(1, 16)] + [f"P-0{n}" for n in range(1, 10)]
    assert sorted(set(domain) - ids) == []
