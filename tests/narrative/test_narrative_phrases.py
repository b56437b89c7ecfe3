"""The shared sentence pieces: every branch of the change, share and reason templates."""

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.narrative.phrases import (
    Phrases, chinese_numeral, clauses, format_rule_text, free_text, inline, ratio,
)

M = Money.from_yuan


@pytest.fixture()
def say():
    return Phrases(load_profile("beijing-district").format)


@pytest.fixture()
def say_wan():
    return Phrases(load_profile("beijing-municipal").format)


def test_amount_in_yuan_with_thousands_and_trailing_zeros(say):
    assert say.amount(M("876600")) == "876,600.00元"
    assert say.amount(None) == "（未填写）"


def test_amount_in_wan_for_the_municipal_profile(say_wan):
    assert say_wan.amount(M("876600")) == "87.66万元"
    assert say_wan.amount(M("78129577.73")) == "7812.96万元"  # no 千分号 in this profile


def test_performance_unit_of_the_district_profile_is_wan(say):
    assert say.in_unit("performance").amount(M("78129600")) == "7,812.96万元"


def test_versus_prior_increase(say):
    assert say.versus_prior(M("78129577.73"), M("14725434.42")) == "比上年增加63,404,143.31元，增长430.6%"


def test_versus_prior_decrease_never_negative_growth(say):
    text = say.versus_prior(M("80"), M("100"))
    assert text == "比上年减少20.00元，下降20.0%"
    assert "-" not in text


def test_versus_prior_zero_base_has_no_percentage(say):
    assert say.versus_prior(M("50"), M("0"), "支出") == "上年无此项支出"
    assert say.versus_prior(M("-50"), M("0")) == "比上年减少50.00元"


def test_versus_prior_blank_base_is_not_zero(say):
    assert say.versus_prior(M("50"), None) == "上年数（未填写）"


def test_versus_prior_unchanged(say):
    assert say.versus_prior(M("50"), M("50")) == "与上年持平"


def test_versus_budget_branches(say):
    assert say.versus_budget(M("876600"), M("220000")) == "比年初预算增加656,600.00元，增长298.5%"
    assert say.versus_budget(M("10298"), M("36000"), True) == \
        "年初预算36,000.00元，比年初预算减少25,702.00元，下降71.4%"
    assert say.versus_budget(M("103843"), M("0")) == "年初预算为0，比年初预算增加103,843.00元"
    assert say.versus_budget(M("0"), M("0")) == "年初预算为0"
    assert say.versus_budget(M("5"), None) == "年初预算数（未填写）"
    assert say.versus_budget(M("5"), M("5"), True) == "年初预算5.00元，与年初预算持平"


def test_share_from_unrounded_values(say):
    assert say.share(M("9311521.13"), M("78129577.73"), "本年支出合计的") == "占本年支出合计的11.9%"
    assert say.share(M("1"), M("0"), "x") == ""
    assert say.share(M("1"), None, "x") == ""


def test_ratio_of_counts_and_amounts():
    assert ratio(3, 4) == Decimal("0.75")
    assert ratio(M("1"), M("4")) == Decimal("0.25")
    assert ratio(None, 4) is None and ratio(1, 0) is None


def test_percent_decimals_follow_the_profile(say, say_wan):
    assert say.percent(Decimal("0.0082")) == "0.8%"
    assert say_wan.percent(Decimal("0.0082")) == "0.82%"


def test_points_change_is_in_percentage_points(say):
    prior = Decimal(12800) / Decimal(14712600)
    assert say.points_change(Decimal(0), prior) == "较上年下降0.1个百分点"
    assert say.points_change(Decimal("0.05"), Decimal("0.02")) == "较上年上升3.0个百分点"
    assert say.points_change(Decimal("0.02"), Decimal("0.02")) == "与上年持平"
    assert say.points_change(Decimal("0.0200001"), Decimal("0.02")) == "与上年基本持平"


def test_reason_typed_missing_and_not_needed(say):
    assert say.reason("专项普查活动支出。", True, ("s", "r", "l")) == "主要原因：专项普查活动支出。"
    assert say.missing == []
    assert say.reason("  ", True, ("s", "r1", "label")) == "主要原因：（未填写）。"
    assert say.missing == [("s", "r1", "label")]
    assert say.reason(None, False, ("s", "r2", "label")) == ""
    assert say.missing == [("s", "r1", "label")]


def test_in_unit_shares_the_missing_list(say):
    say.in_unit("performance").reason(None, True, ("a", "", "b"))
    assert say.missing == [("a", "", "b")]


def test_per_unit_is_rounded_once(say):
    assert say.per_unit(M("10298"), 2) == "5,149.00元"
    assert say.per_unit(M("10000"), 3) == "3,333.33元"


def test_format_rule_text_is_derived_from_the_profile():
    assert format_rule_text(load_profile("beijing-district").format) == "金额到分，加千分号，百分数留一位小数，以下同"
    assert format_rule_text(load_profile("beijing-municipal").format) == "金额以万元为单位，保留两位小数，百分数留两位小数，以下同"


def test_small_text_helpers():
    assert chinese_numeral(1) == "一" and chinese_numeral(10) == "十"
    assert chinese_numeral(12) == "十二" and chinese_numeral(21) == "二十一"
    assert clauses("a", "", "b") == "a，b"
    assert inline("原因一；\n原因二。") == "原因一；原因二"
    assert free_text("甲\n\n 乙 \n") == ("甲", "乙")
