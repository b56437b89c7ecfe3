"""The §3.1 indicator formulas and every profile variant, on hand-computed numbers."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, strategies as st

from desktop.domain.scoring_profile import build_scoring_profile
from desktop.paths import resource_path
from desktop.scoring import grade_for, load_scoring_profile, qualitative_range, score_quantitative
from desktop.scoring.formulas import default_qualitative, in_range

W = D(10)


def profile_with(change=None):
    data = json.loads(resource_path("profiles", "beijing-district.json").read_text(encoding="utf-8"))["scoring"]
    if change:
        change(data)
    return build_scoring_profile(data)


DEFAULT = profile_with()


def score(nature, target, actual, profile=DEFAULT, points=W):
    return score_quantitative(nature, D(target), D(actual), points, profile)[0]


@pytest.mark.parametrize("actual, expected", [
    ("80", "8.00"),       # below target: B / A × w
    ("0", "0.00"),
    ("-5", "0.00"),       # never below 0
    ("100", "10.00"),     # at target
    ("150", "10.00"),     # over target, deviation 50%: capped, no deduction
    ("299", "10.00"),     # deviation 199%: still no deduction
    ("300", "9.00"),      # deviation 200% (inclusive): −10% of w
    ("399", "9.00"),
    ("400", "8.00"),      # 300%: −20%
    ("599", "8.00"),
    ("600", "7.00"),      # 500%: −30%
    ("5000", "7.00"),
])
def test_positive_indicator_with_penalty_bands(actual, expected):
    assert score("≥", "100", actual) == D(expected)


def test_positive_explanation_names_the_numbers_and_the_band():
    _, text = score_quantitative("≥", D(100), D(80), W, DEFAULT)
    assert "A = 100" in text and "B = 80" in text and "80 / 100" in text and "= 8.00" in text
    _, text = score_quantitative("≥", D(100), D(400), W, DEFAULT)
    assert "300.00%" in text and "扣分值的 20.00%" in text and "= 8.00" in text


def test_without_the_cap_an_over_achiever_scores_above_w():
    uncapped = profile_with(lambda d: d["quantitative"].__setitem__("cap", False))
    assert score("≥", "100", "150", uncapped) == D("15.00")
    assert score("≥", "100", "150") == D("10.00")


def test_penalty_bands_are_data():
    no_bands = profile_with(lambda d: d["quantitative"]["over_target_penalty"].__setitem__("bands", []))
    assert score("≥", "100", "600", no_bands) == D("10.00")


@pytest.mark.parametrize("variant, actual, expected", [
    ("ratio", "10", "10.00"), ("ratio", "12", "10.00"), ("ratio", "15", "8.00"), ("ratio", "24", "5.00"),
    ("linear", "10", "10.00"), ("linear", "12", "10.00"), ("linear", "15", "7.50"), ("linear", "23", "0.83"),
    ("linear", "24", "0.00"), ("linear", "40", "0.00"),
])
def test_reverse_indicator_variants(variant, actual, expected):
    profile = profile_with(lambda d: d["quantitative"].__setitem__("reverse_variant", variant))
    assert score("≤", "12", actual, profile) == D(expected)


def test_reverse_penalty_only_when_the_profile_says_so():
    assert score("≤", "12", "3") == D("10.00")   # default: apply_to_reverse false
    applied = profile_with(lambda d: d["quantitative"]["over_target_penalty"].__setitem__("apply_to_reverse", True))
    assert score("≤", "12", "3", applied) == D("8.00")    # (12 − 3) / 3 = 300% → −20%
    assert score("≤", "12", "5", applied) == D("10.00")   # 140%: no deduction
    assert score("≤", "12", "0", applied) == D("10.00")   # B = 0: deviation undefined, no deduction


@pytest.mark.parametrize("variant, actual, expected", [
    ("deviation", "100", "10.00"), ("deviation", "90", "9.00"), ("deviation", "110", "9.00"),
    ("deviation", "250", "0.00"), ("anhui", "100", "10.00"), ("anhui", "90", "9.00"),
    ("anhui", "110", "10.00"), ("anhui", "600", "10.00"),   # like 正向, without the over-target penalty
])
def test_equal_indicator_variants(variant, actual, expected):
    profile = profile_with(lambda d: d["quantitative"].__setitem__("equal_variant", variant))
    assert score("=", "100", actual, profile) == D(expected)


@pytest.mark.parametrize("nature, variant_key, variant, actual, expected", [
    ("≥", "reverse_variant", "ratio", "0", "10.00"),
    ("≥", "reverse_variant", "ratio", "5", "10.00"),     # no deviation can be computed: no penalty
    ("≥", "reverse_variant", "ratio", "-1", "0.00"),
    ("≤", "reverse_variant", "ratio", "0", "10.00"),
    ("≤", "reverse_variant", "ratio", "1", "0.00"),
    ("≤", "reverse_variant", "linear", "0", "10.00"),
    ("≤", "reverse_variant", "linear", "1", "0.00"),
    ("=", "equal_variant", "deviation", "0", "10.00"),
    ("=", "equal_variant", "deviation", "1", "0.00"),
    ("=", "equal_variant", "anhui", "0", "10.00"),
    ("=", "equal_variant", "anhui", "-1", "10.00"),
    ("=", "equal_variant", "anhui", "1", "0.00"),
])
def test_target_zero_never_divides(nature, variant_key, variant, actual, expected):
    profile = profile_with(lambda d: d["quantitative"].__setitem__(variant_key, variant))
    assert score(nature, "0", actual, profile) == D(expected)


def test_refuses_what_it_cannot_score():
    with pytest.raises(ValueError, match="指标性质"):
        score("定性", "1", "1")
    with pytest.raises(ValueError, match="负数"):
        score("≥", "-1", "1")


_VARIANTS = st.tuples(st.sampled_from(["ratio", "linear"]), st.sampled_from(["deviation", "anhui"]), st.booleans())
_PROFILES = {v: profile_with(lambda d, v=v: (d["quantitative"].update(reverse_variant=v[0], equal_variant=v[1]),
                                              d["quantitative"]["over_target_penalty"].update(apply_to_reverse=v[2])))
             for v in [(r, e, a) for r in ("ratio", "linear") for e in ("deviation", "anhui") for a in (True, False)]}
_AMOUNTS = st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@given(st.sampled_from(["≥", "≤", "="]), _AMOUNTS.map(abs), _AMOUNTS, st.decimals(min_value=0, max_value=100, places=2),
       _VARIANTS)
def test_a_capped_score_stays_between_zero_and_w(nature, target, actual, points, variant):
    result, text = score_quantitative(nature, target, actual, points, _PROFILES[variant])
    assert D(0) <= result <= points and result == result.quantize(D("0.01"))
    assert text


@pytest.mark.parametrize("tier, variant, low, high", [
    ("达成", "80/50", "8", "10"), ("部分达成", "80/50", "5", "8"), ("未达成", "80/50", "0", "5"),
    ("达成", "80/60", "8", "10"), ("部分达成", "80/60", "6", "8"), ("未达成", "80/60", "0", "6"),
])
def test_qualitative_tiers_in_both_band_variants(tier, variant, low, high):
    profile = profile_with(lambda d: d["qualitative"].__setitem__("tier_variant", variant))
    assert qualitative_range(tier, W, profile) == (D(low), D(high), tier)


def test_tier_ranges_are_half_open_except_the_top():
    low, high, _ = qualitative_range("达成", W, DEFAULT)
    assert in_range(D(10), low, high, W) and in_range(D(8), low, high, W) and not in_range(D("7.99"), low, high, W)
    low, high, _ = qualitative_range("部分达成", W, DEFAULT)
    assert in_range(D(5), low, high, W) and not in_range(D(8), low, high, W)
    low, high, _ = qualitative_range("未达成", W, DEFAULT)
    assert in_range(D(0), low, high, W) and not in_range(D(5), low, high, W)


@pytest.mark.parametrize("word, tier", [
    ("优", "达成"), ("良", "达成"), ("高", "达成"), ("中", "部分达成"), ("低", "未达成"), ("差", "未达成"),
])
def test_grade_words_map_onto_tiers(word, tier):
    assert qualitative_range(word, W, DEFAULT)[2] == tier


@pytest.mark.parametrize("word, scale, fraction", [
    ("优", None, "1"), ("良", None, "0.8"), ("中", None, "0.6"), ("低", None, "0.4"), ("差", None, "0.2"),
    ("高", None, "1"), ("中", "高中低", "0.6"), ("低", "高中低", "0.2"), ("低", "优良中低差", "0.4"),
])
def test_grade_words_as_fixed_fractions(word, scale, fraction):
    profile = profile_with(lambda d: d["qualitative"].__setitem__("grade_mode", "fractions"))
    low, high, name = qualitative_range(word, W, profile, scale)
    assert low == high == D(fraction) * W and name.startswith(word)
    assert default_qualitative(word, W, profile, scale)[0] == D(fraction) * W


def test_default_fraction_of_a_tier_in_tiers_mode():
    assert default_qualitative("优", W, DEFAULT)[0] == D("10.00")
    assert default_qualitative("中", W, DEFAULT)[0] == D("6.00")
    assert default_qualitative("差", W, DEFAULT)[0] == D("2.00")
    assert default_qualitative("部分达成", W, DEFAULT)[0] == D("6.00")
    assert default_qualitative("好", W, DEFAULT) is None
    assert qualitative_range("好", W, DEFAULT) is None


@pytest.mark.parametrize("total, label", [
    ("0", "差"), ("59.99", "差"), ("60", "中"), ("79.99", "中"), ("80", "良好"), ("89.99", "良好"),
    ("90", "优秀"), ("100", "优秀"),
])
def test_grade_band_edges(total, label):
    assert grade_for(D(total), load_scoring_profile("beijing-district")) == label


@pytest.mark.parametrize("total", ["100.01", "-0.01"])
def test_no_grade_outside_the_bands(total):
    with pytest.raises(ValueError, match="无法评定等级"):
        grade_for(D(total), DEFAULT)
