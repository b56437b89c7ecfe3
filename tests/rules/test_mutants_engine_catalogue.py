"""The engine's failure finding, explanations, findings' keys and JSON, and the catalogue's parsing,
pinned field by field (survivors of `make mutate`, docs/mutation.md)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.paths import resource_path
from desktop.rules import catalogue as catalogue_module
from desktop.rules.catalogue import Partition, build_catalogue, load_catalogue
from desktop.rules.engine import Engine, check_document
from desktop.rules.findings import Finding, Location, counts
from desktop.synthetic import build_document
from test_engine import w01_warning  # tests/rules is on sys.path

YEAR = 2023


def catalogue_data() -> dict:
    return json.loads(resource_path("rules", "catalogue.json").read_text(encoding="utf-8"))


def broken(rule_id: str):
    catalogue = load_catalogue()

    def explode(context, *partition):
        raise ZeroDivisionError("boom")
    rules = tuple(catalogue_module.RuleSpec(**{**s.__dict__, "check": explode}) if s.id == rule_id else s
                  for s in catalogue.rules)
    return catalogue_module.Catalogue(rules, catalogue.not_expressed, catalogue.by_construction)


def test_a_failing_rule_reads_several_sections_and_is_reported_at_the_first(monkeypatch):
    monkeypatch.setenv("FISCALDESK_STRICT_RULES", "0")
    [finding] = Engine(build_document(), YEAR, broken("X-09")).validate()
    spec = load_catalogue().rule("X-09")
    assert finding == Finding("X-09", "error", YEAR, Location("sangong"),
                              f"规则执行出错：X-09 {spec.title}（ZeroDivisionError: boom），请将此文档反馈给维护人员")


def test_an_explained_finding_keeps_its_year_cell_and_message():
    data, engine, warning = w01_warning()
    data.explanations[warning.identity] = "接待任务增加"
    [explained] = [f for f in engine.findings() if f.rule == "W-01"]
    assert explained == Finding(warning.rule, warning.severity, YEAR, warning.location, warning.message, "接待任务增加")


@pytest.mark.parametrize("location, key", [
    (Location("sangong", "total", "budget"), "sangong/total/budget"),
    (Location("procurement", "", "goods"), "procurement//goods"),
    (Location("projects", "r1"), "projects/r1"),
    (Location("gov_fund"), "gov_fund"),
])
def test_location_keys_round_trip(location, key):
    assert location.key == key and Location.from_key(key) == location


def test_a_finding_as_json_and_counted():
    finding = Finding("T7-01", "warning", YEAR, Location("sangong", "total", "budget"), "不相等", "已说明")
    assert finding.to_json() == {"rule": "T7-01", "severity": "warning", "year": YEAR,
                                 "location": "sangong/total/budget", "message": "不相等", "explanation": "已说明"}
    assert finding.text == "T7-01 不相等" and not finding.needs_explanation
    info = Finding("P-01", "info", YEAR, Location("x"), "舍入")
    assert counts([finding, info, finding]) == {"error": 0, "warning": 2, "info": 1}


def test_partitions_and_reads_are_parsed():
    spec = load_catalogue().rule("P-07c")
    assert spec.partition == Partition("projects", {"project_indicators": "project", "project_funds": "project"})
    assert spec.reads == (("projects", "*"), ("project_funds", "*"), ("project_indicators", "*"))
    assert load_catalogue().rule("T7-01").partition is None


def test_a_catalogue_without_its_lists_of_unchecked_rules():
    data = catalogue_data()
    del data["not_expressed"], data["by_construction"]
    catalogue = build_catalogue(data)
    assert catalogue.not_expressed == () and catalogue.by_construction == ()
    full = load_catalogue()
    assert full.not_expressed == tuple(catalogue_data()["not_expressed"]) and full.not_expressed
    assert full.by_construction == tuple(catalogue_data()["by_construction"]) and full.by_construction


def test_a_broken_catalogue_is_refused_with_every_problem_on_its_line():
    data = catalogue_data()
    data["rules"][0]["severity"] = "fatal"
    data["rules"][1]["colour"] = "red"
    with pytest.raises(ValueError) as caught:
        build_catalogue(data)
    lines = str(caught.value).split("\n")
    assert lines[0] == "审核规则目录有误：" and len(lines) == 3
    assert "severity" in lines[1] and "未知属性 colour" in lines[2]


def test_a_check_is_registered_once():
    from desktop.rules import registry
    registry.registered_checks()

    def rule(context):
        return []
    try:
        assert registry.check("Z-98")(rule) is rule and registry.CHECKS["Z-98"] is rule
        with pytest.raises(ValueError, match="^rule Z-98 registered twice$"):
            registry.check("Z-98")(rule)
    finally:
        registry.CHECKS.pop("Z-98", None)


def test_check_document_validates_the_latest_year_unless_told():
    document = build_document()
    last = document.add_year(2022).section("sangong")
    last.set_value("total", "budget", Money.from_yuan(Decimal("1")))
    last.set_value("abroad", "budget", Money.from_yuan(Decimal("10")))
    assert {f.year for f in check_document(document)} <= {YEAR}
    assert {f.year for f in check_document(document, 2022)} == {2022}


def test_percentages_follow_the_profile(monkeypatch):
    document = build_document()
    data = document.year(YEAR)
    data.section("purchased_services").remove_row(
        next(r for r, v in data.section("purchased_services").rows.items() if v["item"] == "会务服务"))
    [district] = [f for f in check_document(document) if f.rule == "N-11"]
    assert "（占 41.7%）" in district.message
    data.profile = "beijing-municipal"  # 2 decimals in percentages
    [municipal] = [f for f in check_document(document) if f.rule == "N-11"]
    assert "（占 41.67%）" in municipal.message
