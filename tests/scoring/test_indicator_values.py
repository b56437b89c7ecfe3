"""The 指标值/完成值 parser reads what clerks write, and never raises on anything else."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from desktop.scoring import IndicatorValue, parse_indicator_value
from desktop.scoring.values import same_unit


@pytest.mark.parametrize("text, nature, value, unit, strict", [
    ("≥1个", "≥", "1", "个", False),
    ("\u3000≥1个", "≥", "1", "个", False),
    ("\u3000\u3000≥3", "≥", "3", "", False),
    ("≥18家", "≥", "18", "家", False),
    ("100%", None, "100", "%", False),
    ("１００％", None, "100", "%", False),
    ("≤12月", "≤", "12", "月", False),
    ("22.58万", None, "22.58", "万", False),
    ("＞95%", "≥", "95", "%", True),
    ("<5天", "≤", "5", "天", True),
    (">=90%", "≥", "90", "%", False),
    ("不低于 95%", "≥", "95", "%", False),
    ("不超过12月", "≤", "12", "月", False),
    ("＝100%", "=", "100", "%", False),
    ("≥ 200篇", "≥", "200", "篇", False),
    ("1,000元", None, "1000", "元", False),
    ("≥１，０００人", "≥", "1000", "人", False),
    ("-5%", None, "-5", "%", False),
])
def test_reads_quantities(text, nature, value, unit, strict):
    parsed = parse_indicator_value(text)
    assert parsed == IndicatorValue(nature=nature, value=Decimal(value), unit=unit, strict=strict)


@pytest.mark.parametrize("text, grade", [
    ("优", "优"), ("　中", "中"), ("高", "高"), ("差", "差"), ("优秀", "优"), ("良好", "良"),
    ("达成", "达成"), ("部分达成", "部分达成"), ("未达成", "未达成"),
])
def test_reads_grade_words_and_tiers(text, grade):
    assert parse_indicator_value(text) == IndicatorValue(grade=grade)


@pytest.mark.parametrize("text, scale", [
    ("优良中低差", "优良中低差"), ("　优良中低差", "优良中低差"), ("高中低　", "高中低"),
    ("高/中/低", "高中低"), ("优、良、中、低、差", "优良中低差"),
])
def test_reads_the_scale_itself(text, scale):
    assert parse_indicator_value(text) == IndicatorValue(scale=scale)


@pytest.mark.parametrize("text", [
    None, "", "   ", "\u3000", "2023年12月", "项目预算控制数控制在22.58万", "1e5", "≥", "≥≥1", "好", "9" * 80,
    "1.2.3", "NaN", "12 3个",
])
def test_anything_else_is_none(text):
    assert parse_indicator_value(text) is None


def test_units_agree_when_missing_or_written_alike():
    assert same_unit("次", "") and same_unit("", "%") and same_unit("万", "万元")
    assert not same_unit("%", "个")


@given(st.text(max_size=80))
def test_never_raises(text):
    result = parse_indicator_value(text)
    assert result is None or isinstance(result, IndicatorValue)


_UNITS = st.text(alphabet="个家次篇月天项人万元%类年套", min_size=0, max_size=4)
_QUANTITIES = st.builds(
    lambda nature, strict, value, unit: IndicatorValue(nature=nature, value=value, unit=unit,
                                                       strict=strict and nature in ("≥", "≤")),
    st.sampled_from([None, "≥", "≤", "="]), st.booleans(),
    st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False), _UNITS)
_WORDS = st.one_of(
    st.sampled_from(["优", "良", "中", "低", "差", "高", "达成", "部分达成", "未达成"]).map(lambda g: IndicatorValue(grade=g)),
    st.sampled_from(["优良中低差", "高中低"]).map(lambda s: IndicatorValue(scale=s)),
)


@given(st.one_of(_QUANTITIES, _WORDS))
def test_round_trips_generated_values(value):
    assert parse_indicator_value(value.to_text()) == value


@given(st.integers(min_value=0, max_value=10**8), st.sampled_from(["", "≥", "≤"]), _UNITS)
def test_full_width_digits_mean_the_same(number, symbol, unit):
    ascii_text = f"{symbol}{number}{unit}"
    full_width = ascii_text.translate({ord(str(d)): 0xFF10 + d for d in range(10)})
    assert parse_indicator_value(full_width) == parse_indicator_value(ascii_text)
    assert parse_indicator_value(ascii_text).value == number
