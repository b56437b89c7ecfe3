"""A 完成值 written as a bound ("≥18家", "不低于90%", "<5%") is a target, not an achieved figure: it
scores only when the bound itself decides the score (full points), otherwise it cannot be scored,
and the item says so and which cell to fix."""

from decimal import Decimal as D

import pytest

from desktop.scoring import load_scoring_profile
from desktop.scoring.indicators import IndicatorRow, actual_bound, score_indicator

PROFILE = load_scoring_profile("beijing-district")


def scored(target, actual, nature=None, points="5"):
    return score_indicator(IndicatorRow("indicator:r1", "兑现企业数量", "产出", target, actual, D(points),
                                        nature=nature), PROFILE)


@pytest.mark.parametrize("text, bound", [("≥18家", "≥"), ("不低于90%", "≥"), (">90%", "≥"), ("≤5%", "≤"),
                                         ("不超过5%", "≤"), ("<5%", "≤"), ("18家", None), ("=18家", None),
                                         ("优", None), (None, None), ("≥", None)])
def test_actual_bound(text, bound):
    assert actual_bound(text) == bound


def test_a_lower_bound_at_the_target_scores_full_and_says_why():
    item = scored("≥18家", "≥18家")
    assert item.score == D("5.00") and item.blame == "" and item.problems == ()
    assert item.explanation == ("完成值“≥18家”写的是下限（比较符号“≥”），不是实际完成的数值；该下限已达到指标值“≥18家”，"
                                "按达到指标值得满分 5.00（实际完成值未知，超额偏离度无法判断）；完成值应改填实际完成的数值")
    assert item.basis == "指标值≥18家，完成值≥18家，得5.00分"


def test_a_lower_bound_below_the_target_cannot_be_scored():
    item = scored("≥18家", "≥17家")
    assert item.score is None and item.blame == "actual"
    assert item.problems == ("完成值“≥17家”写的是下限（比较符号“≥”），不是实际完成的数值，"
                             "无法确定是否达到指标值“≥18家”，无法计分",)


def test_the_same_figure_without_the_sign_is_scored_by_the_formula():
    item = scored("≥18家", "17家")
    assert item.score == D("4.72") and "B < A" in item.explanation


def test_an_upper_bound_meets_a_reverse_target_but_not_a_positive_one():
    assert scored("≤5%", "≤4%").score == D("5.00")
    assert scored("≤5%", "<5%").score == D("5.00")
    assert scored("≤5%", "≤6%").score is None
    assert scored("≥90%", "≤95%").score is None


def test_an_equality_target_is_never_met_by_a_bound():
    item = scored("18", "≥18", nature="=")
    assert item.score is None and item.blame == "actual"
