"""项目支出绩效自评 scoring: budget execution, indicators, 不适用 renormalisation, notes."""

import json
from decimal import Decimal as D

import pytest

from desktop.domain.document import Document, DocumentError
from desktop.domain.money import Money
from desktop.scoring import load_scoring_profile, score_project, score_year

PROFILE = load_scoring_profile("beijing-district")


def wan(text):
    return Money.from_yuan(D(text) * 10000)


def project(budget="100", executed="95", indicators=(), **fields):
    """A one-project year: 年度资金总额 A/B in 万元 and indicator rows (dicts of column values)."""
    year = Document.new("测试部门", 2023).year(2023)
    pid = year.section("projects").add_row({"name": "测试项目", **fields})
    funds = {"project": pid, "source": "年度资金总额"}
    if budget is not None:
        funds["full_year_budget"] = wan(budget)
    if executed is not None:
        funds["executed"] = wan(executed)
    year.section("project_funds").add_row(funds)
    for row in indicators:
        values = {k: D(v) if k in ("points", "score") else v for k, v in row.items()}
        year.section("project_indicators").add_row({"project": pid, **values})
    return year, pid


FULL = [
    {"level1": "产出指标", "level3": "完成数量", "nature": "≥", "target": "10", "unit": "个", "actual": "10个", "points": "50"},
    {"level1": "效益指标", "level3": "社会效益", "nature": "定性", "target": "优良中低差", "actual": "优", "points": "30",
     "score": "28"},
    {"level1": "满意度指标", "level3": "满意度", "nature": "≥", "target": "95%", "actual": "90%", "points": "10"},
]


def test_seed1_project_budget_execution_scores_but_points_are_missing(seed1):
    result = score_project(seed1.year(2023), "r1", PROFILE)
    budget = result.item("budget_execution")
    assert budget.score == D("10.00") and budget.points == D(10)
    assert "22.58 / 22.58 = 100.00%" in budget.explanation
    assert result.total is None and result.grade is None
    assert any("未填写分值" in note and "8 项指标" in note for note in result.notes)
    assert result.reported_total == D(100)
    assert any("填报总分 100.00" in note for note in result.notes)


def test_budget_execution_and_indicators_add_up():
    year, pid = project(indicators=FULL)
    result = score_project(year, pid, PROFILE)
    assert result.item("budget_execution").score == D("9.50")
    assert result.item("indicator:r1").score == D("50.00")
    assert result.item("indicator:r2").score == D("28.00")
    assert result.item("indicator:r3").score == D("9.47")         # 90 / 95 × 10
    assert result.total == D("96.97") and result.grade == "优秀"
    assert result.item("indicator:r3").category == "满意度指标"


def test_execution_is_capped_at_full_points():
    year, pid = project(budget="100", executed="120", indicators=FULL)
    assert score_project(year, pid, PROFILE).item("budget_execution").score == D("10.00")


def test_not_applicable_indicator_renormalises_to_100():
    rows = [dict(FULL[0], actual="8个"), dict(FULL[1], not_applicable=True), FULL[2] | {"actual": "95%"}]
    year, pid = project(budget="100", executed="100", indicators=rows)
    result = score_project(year, pid, PROFILE)
    assert result.item("indicator:r2").not_applicable and result.item("indicator:r2").score is None
    assert result.total == D("85.71")                               # (10 + 40 + 10) / 70 × 100
    assert any("折算为百分制" in n and "60.00 / 70.00 × 100 = 85.71" in n for n in result.notes)
    assert result.grade == "良好"


@pytest.mark.parametrize("budget", ["0", None])
def test_budget_line_without_a_budget_is_not_applicable(budget):
    year, pid = project(budget=budget, executed="0", indicators=FULL)
    result = score_project(year, pid, PROFILE)
    assert result.item("budget_execution").not_applicable
    assert result.total == D("97.19")                               # (50 + 28 + 9.47) / 90 × 100


def test_blank_executed_amount_leaves_the_total_open():
    year, pid = project(executed=None, indicators=FULL)
    result = score_project(year, pid, PROFILE)
    assert result.item("budget_execution").score is None and result.total is None
    assert any("全年执行数" in n for n in result.notes)


def test_quantitative_score_column_is_the_reported_score():
    rows = [FULL[0] | {"score": "45"}, FULL[1], FULL[2]]
    year, pid = project(indicators=rows, score_reported=D("91.97"))
    result = score_project(year, pid, PROFILE)
    item = result.item("indicator:r1")
    assert item.score == D("50.00") and item.reported == D(45)
    assert any("“完成数量”：计算得分 50.00，填报得分 45.00，相差 5.00" in n for n in result.notes)
    assert any(n.startswith("合计：计算总分 96.97，填报总分 91.97") and "完成数量 5.00" in n for n in result.notes)


def test_judged_qualitative_score_outside_its_tier_is_used_but_flagged():
    rows = [FULL[0], FULL[1] | {"actual": "中", "score": "28"}, FULL[2]]
    year, pid = project(indicators=rows)
    item = score_project(year, pid, PROFILE).item("indicator:r2")
    assert item.score == D("28.00")
    assert any("不在完成值“中”对应的“部分达成”区间 15.00–24.00" in p for p in item.problems)


def test_unjudged_qualitative_uses_the_default_fraction_or_stays_open():
    rows = [FULL[0], {k: v for k, v in FULL[1].items() if k != "score"} | {"actual": "中"}, FULL[2]]
    year, pid = project(indicators=rows)
    assert score_project(year, pid, PROFILE).item("indicator:r2").score == D("18.00")   # 部分达成 → 60% of 30
    rows[1] = rows[1] | {"actual": "已完成"}
    year, pid = project(indicators=rows)
    result = score_project(year, pid, PROFILE)
    assert result.item("indicator:r2").score is None and result.total is None
    assert any("定性指标未评定得分" in n for n in result.notes)


def test_nature_comes_from_the_target_when_the_column_is_blank():
    rows = [{"level1": "产出指标", "level3": "天数", "target": "≤10天", "actual": "20天", "points": "90"}]
    year, pid = project(budget="100", executed="100", indicators=rows)
    result = score_project(year, pid, PROFILE)
    assert result.item("indicator:r1").score == D("45.00")          # 反向: 10 / 20 × 90
    rows = [{"level1": "产出指标", "level3": "数量", "target": "10", "actual": "10", "points": "90"}]
    year, pid = project(budget="100", executed="100", indicators=rows)
    item = score_project(year, pid, PROFILE).item("indicator:r1")
    assert item.score is None and any("未注明指标性质" in p for p in item.problems)


def test_unit_mismatch_is_flagged_but_scored():
    rows = [FULL[0] | {"actual": "10项"}, FULL[1], FULL[2]]
    year, pid = project(indicators=rows)
    item = score_project(year, pid, PROFILE).item("indicator:r1")
    assert item.score == D("50.00") and any("单位" in p for p in item.problems)


def test_points_not_adding_to_100_are_noted_and_summed():
    year, pid = project(indicators=FULL[:2])
    result = score_project(year, pid, PROFILE)
    assert result.total == D("87.50") and any("分值合计为 90.00" in n for n in result.notes)


def test_unknown_project():
    year, _ = project()
    with pytest.raises(DocumentError, match="没有项目"):
        score_project(year, "r99", PROFILE)


def test_score_year_lists_every_project_as_json(seed1):
    scores = score_year(seed1, 2023)
    assert scores["department"] is None
    assert [p["name"] for p in scores["projects"]] == ["门头沟“两区”标识建设"]
    first = scores["projects"][0]
    assert first["total"] is None and first["reported_total"] == "100.00"
    assert first["items"][0]["score"] == "10.00" and first["items"][0]["points"] == "10.00"
    assert set(first["items"][0]) == {"key", "label", "points", "score", "formula", "explanation", "basis", "category",
                                      "not_applicable", "reported", "problems", "children"}
    json.dumps(scores, ensure_ascii=False)
