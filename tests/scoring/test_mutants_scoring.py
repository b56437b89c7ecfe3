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


def item(label, points, score, not_applicable=False):
    from desktop.scoring.result import ScoreItem
    return ScoreItem(key=label, label=label, points=None if points is None else D(points),
                     score=None if score is None else D(score), formula="", explanation="",
                     not_applicable=not_applicable)


def test_not_applicable_items_are_named_and_the_rest_scaled_to_a_hundred():
    from desktop.scoring.project import combine
    total, notes = combine((item("丙", "40", "30"), item("甲", "30", None, True), item("乙", "30", None, True)))
    assert total == D("75.00")
    assert notes == ["2 项不适用（甲、乙），按适用项分值折算为百分制：总分 = 30.00 / 40.00 × 100 = 75.00"]
    assert combine((item("甲", "30", None, True), item("乙", "30", None, True))) == \
        (None, ["所有项目均不适用或分值为 0（甲、乙），无法计算总分"])


def test_an_indicator_without_a_level3_name_is_named_by_its_level2():
    from desktop.scoring import load_scoring_profile, score_project
    from desktop.synthetic import build_document
    year = build_document(projects=1).year(2023)
    indicators = year.section("project_indicators")
    row = next(r for r, v in indicators.rows.items() if v["level3"] == "完成调研报告")
    indicators.set_value(row, "level3", None)
    result = score_project(year, "r1", load_scoring_profile(year.profile))
    assert result.item(f"indicator:{row}").label == "数量指标"


def test_a_reported_grade_is_compared_with_the_computed_one():
    from desktop.scoring import load_scoring_profile, score_project
    from desktop.synthetic import build_document
    year = build_document(projects=1).year(2023)
    year.section("projects").set_value("r1", "grade_reported", "良")
    result = score_project(year, "r1", load_scoring_profile(year.profile))
    assert result.grade == "优秀" and result.notes == ("等级：按计算总分应为“优秀”，填报为“良”",)


FRACTIONS = profile_with(lambda d: d["qualitative"].__setitem__("grade_mode", "fractions"))


def judged(target, actual, score=None, profile=PROFILE):
    from desktop.scoring.indicators import IndicatorRow, score_indicator
    return score_indicator(IndicatorRow(key="k", name="满意度", category="满意度指标", target=target, actual=actual,
                                        points=D(10), score=None if score is None else D(score)),
                           profile, default_nature="定性")


@pytest.mark.parametrize("target, fraction, points", [("高中低", "20.00%", "2.00"), ("优良中低差", "40.00%", "4.00")])
def test_a_grade_word_is_read_on_the_targets_scale(target, fraction, points):
    default = judged(target, "低", profile=FRACTIONS)
    assert default.score == D(points)
    assert default.explanation == (f"定性指标，完成值“低”：按评分方案“{target}”固定比例，“低”得 {fraction}；"
                                   f"得分 = {fraction} × 10.00 = {points}")
    scored = judged(target, "低", "2", profile=FRACTIONS)
    assert scored.explanation == f"定性指标，评定得分 2.00（完成值“低”对应“低（{fraction}）”：{points}–{points} 分）"


def test_a_judged_score_outside_the_points_and_unjudged_texts():
    over = judged("高中低", "中", "12")
    assert over.problems == ("评定得分 12.00 不在完成值“中”对应的“部分达成”区间 5.00–8.00 分内（评分方案 80/50），请核实",
                             "评定得分 12.00 超出 0–10.00 分")
    assert judged("高中低", None, "8").basis == "评定得8.00分"
    for actual, shown in (("很好", "很好"), (None, "")):
        unjudged = judged("高中低", actual)
        assert unjudged.score is None and unjudged.basis == ""
        assert unjudged.problems == (f"定性指标未评定得分，完成值“{shown}”也不是等级（优良中低差/高中低）或达成档次",)


def profile_set(section, key, value):
    return profile_with(lambda d: d["quantitative"].__setitem__(key, value) if section == "quantitative"
                        else d["quantitative"]["over_target_penalty"].__setitem__(key, value))


@pytest.mark.parametrize("nature, profile, text", [
    ("≥", PROFILE, "正向指标：B ≥ A 得满分，否则 得分 = B / A × 分值；超额偏离度 (B − A) / A 达到 ≥200% 扣 10%、≥300% 扣 20%、"
                   "≥500% 扣 30%（指标值设定偏低）"),
    ("≥", profile_set("penalty", "bands", []), "正向指标：B ≥ A 得满分，否则 得分 = B / A × 分值"),
    ("≤", PROFILE, "反向指标：B ≤ A 得满分，否则 得分 = A / B × 分值"),
    ("≤", profile_set("quantitative", "reverse_variant", "linear"),
     "反向指标：B ≤ A 得满分；A < B < 2A 时 得分 = (1 − (B − A) / A) × 分值；B ≥ 2A 得 0 分"),
    ("=", PROFILE, "等于型指标：B = A 得满分，否则 得分 = max(0, 1 − |B − A| / A) × 分值；A = 0 且 B ≠ 0 得 0 分"),
    ("=", ANHUI, "等于型指标：A > 0 时按正向指标计分；A = 0 时 B ≤ 0 得满分，否则得 0 分"),
])
def test_formula_texts(nature, profile, text):
    from desktop.scoring.formulas import quantitative_formula
    assert quantitative_formula(nature, profile) == text


def test_penalty_and_reverse_explanations():
    assert score_quantitative("≥", D(100), D(300), D(10), PROFILE) == (D("9.00"), (
        "正向指标，A = 100，B = 300：B ≥ A，得满分；超额偏离度 (B − A) / A = 200.00%，达到 200%，指标值设定偏低，扣分值的 10.00%；"
        "得分 = 90.00% × 10.00 = 9.00"))
    linear = profile_set("quantitative", "reverse_variant", "linear")
    assert score_quantitative("≤", D(100), D(250), D(10), linear) == (D("0.00"), (
        "反向指标，A = 100，B = 250：B ≥ 2A，得 0 分；得分 = 0.00% × 10.00 = 0.00"))


@pytest.mark.parametrize("target, actual, nature, explanation, problems", [
    ("优", "优", "≥", "缺少可计算的指标值或完成值", ("指标值“优”不是可计算的数值", "完成值“优”不是可计算的数值")),
    ("10", "很多", "≥", "缺少可计算的指标值或完成值", ("完成值“很多”不是可计算的数值",)),
    ("10", None, "≥", "缺少可计算的指标值或完成值", ("完成值“”未填写",)),
    ("很多", "10", None, "无法判断指标性质", ("未注明指标性质（≥、≤、= 或 定性），指标值“很多”无法判断",)),
    (None, None, None, "无法判断指标性质", ("未注明指标性质（≥、≤、= 或 定性），指标值也未填写",)),
])
def test_indicators_that_cannot_be_scored_say_why(target, actual, nature, explanation, problems):
    from desktop.scoring.indicators import IndicatorRow, score_indicator
    result = score_indicator(IndicatorRow(key="k", name="n", category="产出指标", target=target, actual=actual,
                                          points=D(10), nature=nature), PROFILE)
    assert (result.score, result.explanation, result.problems) == (None, explanation, problems)


def test_a_grade_without_a_target_is_qualitative():
    result = judged(None, "优")
    assert result.score == D("10.00") and result.formula == "定性指标：按评定得分；未评定时按评分方案对完成等级的默认比例 × 分值"


def indicator(target, actual, nature=None, default_nature=None):
    from desktop.scoring.indicators import IndicatorRow, score_indicator
    return score_indicator(IndicatorRow(key="k", name="n", category="产出指标", target=target, actual=actual,
                                        points=D(10), nature=nature), PROFILE, default_nature=default_nature)


def test_a_nature_column_contradicting_the_written_target_is_a_problem():
    result = indicator("≥10", "12", nature="≤")
    assert "指标性质为“≤”，但指标值写作“≥10”" in result.problems


def test_a_default_nature_needs_a_numeric_target():
    result = indicator(None, "5", default_nature="≥")
    assert result.explanation == "无法判断指标性质" and result.score is None
    scored = indicator("10", "5", default_nature="≥")
    assert scored.score == D("5.00") and scored.explanation.startswith("未注明指标性质，按“≥”计分；")


def test_a_grade_against_a_numeric_target_cannot_be_scored():
    result = indicator("10", "优", nature="≥")
    assert (result.score, result.problems) == (None, ("完成值“优”不是可计算的数值",))


def test_numbers_are_written_without_a_minus_zero():
    from desktop.scoring.result import num
    assert [num(D(t)) for t in ("-0", "0E+2", "-0.00", "1.50", "1E+3")] == ["0", "0", "0", "1.5", "1000"]
