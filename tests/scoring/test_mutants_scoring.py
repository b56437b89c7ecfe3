"""Scoring texts and edge cases pinned exactly (survivors of `make mutate`, docs/mutation.md)."""

from decimal import Decimal as D

import pytest

from desktop.scoring import score_department, score_quantitative
from desktop.scoring.values import IndicatorValue
from test_department_scoring import PROFILE, department
from test_scoring_formulas import profile_with

ANHUI = profile_with(lambda d: d["quantitative"].__setitem__("equal_variant", "anhui"))


@pytest.mark.parametrize("target, actual, profile, score, text", [
    ("100", "100", PROFILE, "10.00", "B = A，得满分"),
    ("0", "0", PROFILE, "10.00", "B = A，得满分"),
    ("0", "3", PROFILE, "0.00", "A = 0 而 B ≠ 0，得 0 分"),
    ("100", "90", PROFILE, "9.00", "得分比例 = max(0, 1 − |B − A| / A) = max(0, 1 − |90 − 100| / 100)"),
    ("0.5", "0.5", ANHUI, "10.00", "A > 0，按正向指标计分：B ≥ A，得满分"),   # 0 < A < 1 is still A > 0
    ("0", "0", ANHUI, "10.00", "A = 0，B ≤ 0，得满分"),
    ("0", "1", ANHUI, "0.00", "A = 0，B > 0，得 0 分"),
])
def test_equal_indicator_scores_and_says_why(target, actual, profile, score, text):
    result, explanation = score_quantitative("=", D(target), D(actual), D(10), profile)
    assert result == D(score)
    assert explanation == f"等于型指标，A = {target}，B = {actual}：{text}；得分 = {D(score) * 10:.2f}% × 10.00 = {score}"


@pytest.mark.parametrize("closing, prior, score, explanation, basis", [
    ("20", "30", "4.00", "本年结转结余率 2.00% 不高于上年 3.00%，得满分 4.00",
     "本年结转结余率2.00%，不高于上年的3.00%，得4.00分"),
    ("55", "30", "3.20", "本年结转结余率 5.50% 比上年 3.00% 高 2.5 个百分点，计 2 × 0.4 分；"
     "得分 = max(0, 4.00 − 2 × 0.4) = 3.20", "本年结转结余率5.50%，比上年的3.00%高2.5个百分点，得3.20分"),
])
def test_carryover_rate_texts(closing, prior, score, explanation, basis):
    item = score_department(department(closing=closing, prior_closing=prior), PROFILE).item(
        "management:carryover_rate")
    assert (item.score, item.explanation, item.basis, item.problems) == (D(score), explanation, basis, ())


def test_a_zero_budget_leaves_the_carryover_rate_uncomputed():
    item = score_department(department(budget="0"), PROFILE).item("management:carryover_rate")
    why = "本年结转结余率无法计算（结转结余总额或支出预算数未填写，或支出预算数为 0）"
    assert item.score is None and item.explanation == why and item.problems == (why,)


def test_unscorable_indicators_are_listed_by_name():
    year = department()
    for name in ("甲", "乙"):
        year.section("dept_score_indicators").add_row({"category": "产出", "name": name})
    output = score_department(year, PROFILE).item("output")
    assert output.score is None and output.problems == ("2 项指标无法计分（甲、乙）",)
    assert output.explanation == "无法计分：2 项指标无法计分（甲、乙）"


@pytest.mark.parametrize("value, text", [
    (IndicatorValue(nature="≥", value=D("1E+3"), unit="个"), "≥1000个"),
    (IndicatorValue(value=D("1E-8"), unit="%"), "0.00000001%"),
    (IndicatorValue(nature="≤", value=D("5"), strict=True), "<5"),
    (IndicatorValue(grade="优"), "优"), (IndicatorValue(scale="高中低"), "高中低"), (IndicatorValue(), ""),
])
def test_indicator_values_are_written_without_exponents(value, text):
    assert value.to_text() == text
