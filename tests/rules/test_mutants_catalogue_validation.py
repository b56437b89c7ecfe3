"""The catalogue validator's exact problem list for each kind of mistake (survivors of `make mutate`)."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain.schema import document_schema
from desktop.paths import resource_path
from desktop.rules.catalogue import validate_catalogue
from desktop.rules.findings import SEVERITIES
from desktop.rules.registry import registered_checks


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(resource_path("rules", "catalogue.json").read_text(encoding="utf-8"))


def problems(raw: dict, damage) -> list[str]:
    broken = copy.deepcopy(raw)
    damage(broken)
    return validate_catalogue(broken, document_schema(), registered_checks())


def first(raw: dict) -> str:
    return f"rules[0] ({raw['rules'][0]['id']})"


def test_not_an_object_with_rules():
    for data in ([], {"rules": {}}, {}):
        assert validate_catalogue(data, document_schema(), registered_checks()) == ["catalogue.json: 应为含 rules 列表的对象"]


def test_an_entry_that_is_not_an_object(raw):
    found = problems(raw, lambda r: r["rules"].insert(0, "T7-01"))
    assert found == ["rules[0] (?): 应为对象"]


@pytest.mark.parametrize("damage, expected", [
    (lambda r: r["rules"][0].update(severity="fatal"), f": severity 应为 {SEVERITIES}"),
    (lambda r: r["rules"][0].pop("severity"), f": severity 应为 {SEVERITIES}"),
    (lambda r: r["rules"][0].update(title=""), ": 缺少 title"),
    (lambda r: r["rules"][0].update(description=None), ": 缺少 description"),
    (lambda r: r["rules"][0].update(source=3), ": 缺少 source"),
    (lambda r: r["rules"][0].update(reads=[]), ": reads 应为非空列表"),
    (lambda r: r["rules"][0].update(reads="sangong.*"), ": reads 应为非空列表"),
    (lambda r: r["rules"][0].update(reads=["no_such_table.x"]), ": reads 中的表 no_such_table 不存在"),
    (lambda r: r["rules"][0].update(reads=["sangong.nothing"]), ": reads 中的列 sangong.nothing 不存在"),
    (lambda r: r["rules"][0].update(params=[1]), ": params 应为对象"),
    (lambda r: r["rules"][0].update(colour="red", shade="dark"), ": 未知属性 colour"),
])
def test_one_problem_per_mistake(raw, damage, expected):
    found = problems(raw, damage)
    assert found[0] == first(raw) + expected, found
    assert len(found) == (2 if "colour" in expected else 1), found


def test_ids_missing_duplicated_or_unknown(raw):
    second = raw["rules"][1]["id"]
    assert problems(raw, lambda r: r["rules"][0].update(id="")) == \
        ["rules[0] (): 缺少 id", f"检查函数 {raw['rules'][0]['id']} 不在目录中"]
    assert problems(raw, lambda r: r["rules"][1].update(id=r["rules"][0]["id"])) == \
        [f"rules[1] ({raw['rules'][0]['id']}): id 重复", f"检查函数 {second} 不在目录中"]
    assert problems(raw, lambda r: r["rules"][0].update(id="Z-99")) == \
        ["rules[0] (Z-99): 没有对应的检查函数", f"检查函数 {raw['rules'][0]['id']} 不在目录中"]


def test_a_reads_column_star_and_a_real_column_are_accepted(raw):
    assert problems(raw, lambda r: r["rules"][0].update(reads=["sangong.*", "sangong.actual"])) == []


def test_partitions(raw):
    where = first(raw)
    assert problems(raw, lambda r: r["rules"][0].update(partition={"section": "sangong"})) == \
        [f"{where}: partition.section 应为某个 table"]
    assert problems(raw, lambda r: r["rules"][0].update(partition={"section": "nowhere"})) == \
        [f"{where}: partition.section 应为某个 table"]
    assert problems(raw, lambda r: r["rules"][0].update(partition=["projects"])) == \
        [f"{where}: partition.section 应为某个 table"]
    assert problems(raw, lambda r: r["rules"][0].update(partition={"section": "projects"})) == \
        [f"{where}: partition 的表应在 reads 中"]
    via = {"section": "projects", "via": {"project_funds": "source", "nowhere": "project", "projects": "name"}}
    assert problems(raw, lambda r: r["rules"][0].update(reads=["projects.*"], partition=via)) == [
        f"{where}: partition.via project_funds.source 应为指向 projects 的引用列",
        f"{where}: partition.via nowhere.project 应为指向 projects 的引用列",
        f"{where}: partition.via projects.name 应为指向 projects 的引用列"]
    good = {"section": "projects", "via": {"project_funds": "project"}}
    assert problems(raw, lambda r: r["rules"][0].update(reads=["projects.*"], partition=good)) == []


@pytest.mark.parametrize("entry", ["T7-01", {"id": "Q-01"}, {"id": "Q-01", "reason": ""},
                                   {"id": "Q-01", "reason": "x", "more": "y"}, {"id": 1, "reason": "x"}])
def test_the_lists_of_unchecked_rules(raw, entry):
    for key in ("not_expressed", "by_construction"):
        index = len(raw[key])
        assert problems(raw, lambda r: r[key].append(entry)) == [f"{key}[{index}]: 应为含 id 与 reason 的对象"]
    index = len(raw["by_construction"])
    assert problems(raw, lambda r: r["by_construction"].append({"id": "T7-01", "reason": "x"})) == \
        [f"by_construction[{index}]: T7-01 已在 rules 中实现"]
