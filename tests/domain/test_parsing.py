"""The one amount parser: what clerks paste is accepted, everything else refused in Chinese."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from desktop.domain.formatting import format_amount
from desktop.domain.money import MAX_ABS_FEN, Money
from desktop.domain.parsing import AmountError, CountError, NumberError, parse_amount, parse_count, parse_number


@pytest.mark.parametrize("text, yuan", [
    ("1,234.56", "1234.56"),
    ("１２３４．５６", "1234.56"),
    ("１，２３４．５６", "1234.56"),
    ("1234.5元", "1234.50"),
    ("12.3万元", "123000.00"),
    ("12.3万", "123000.00"),
    ("7812.96万元", "78129600.00"),
    ("(1,234.00)", "-1234.00"),
    ("（1,234.00）", "-1234.00"),
    ("-1234", "-1234.00"),
    ("－1234", "-1234.00"),
    ("  876600 ", "876600.00"),
    ("\u3000876,600.00\u3000", "876600.00"),
    ("0", "0.00"),
    ("0.01", "0.01"),
    (".5", "0.50"),
    ("+12", "12.00"),
    ("¥1,000.00", "1000.00"),
    ("1.234567万", "12345.67"),
    ("156,259,155.46", "156259155.46"),
    # what Excel's 会计专用 format puts on the clipboard
    ("36000.", "36000.00"),
    ("36,000.", "36000.00"),
    ("36000.万", "360000000.00"),
    ("36 000", "36000.00"),
    ("1 234 567.89", "1234567.89"),
    ("36\u00a0000", "36000.00"),
    ("36\u202f000.50", "36000.50"),
    ("36\u2009000", "36000.00"),
    ("-36 000.", "-36000.00"),
    ("(36 000.00)", "-36000.00"),
    (" ¥ 36,000.00 ", "36000.00"),
])
def test_accepts_what_clerks_paste(text, yuan):
    assert parse_amount(text) == Money.from_yuan(yuan)


@pytest.mark.parametrize("text", ["", "   ", "\u3000", None])
def test_blank_is_not_zero(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text, fragment", [
    ("12a", "'12a' 不是金额"),
    ("1.234", "最多两位小数"),
    ("1.2345678万", "最多六位小数"),
    ("1,23,4", "不是金额"),
    ("(12", "括号不成对"),
    ("(-12)", "不能再写正负号"),
    ("NaN", "不是金额"),
    ("inf", "不是金额"),
    ("1e309", "不是金额"),
    ("1e5", "不是金额"),
    ("100000000000001", "超出可处理范围"),
    ("12.3亿", "不是金额"),
    ("12 34", "不是金额"),
    ("1 2345", "不是金额"),
    ("3 4.5 6", "不是金额"),
    ("1,234 567", "不是金额"),
    ("1  234", "不是金额"),
    ("36000..", "不是金额"),
    (".", "不是金额"),
    ("36.000.", "不是金额"),
    ("--5", "不是金额"),
    ("--", "不是金额"),
    ("-.", "不是金额"),
    ("1-2", "不是金额"),
    ("—5", "不是金额"),
    ("———", "不是金额"),
    ("(-)", "不是金额"),
    ("+-", "不是金额"),
    ("9" * 70, "内容过长"),
])
def test_rejects_everything_else_with_a_chinese_message(text, fragment):
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("text", ["-", "—", "－", "–", "——", " - ", "¥-", "¥ -", "￥ — ", "\u3000－\u3000"])
def test_a_dash_is_an_explicit_zero_as_in_excels_accounting_format(text):
    assert parse_amount(text) == Money(0)
    assert parse_amount(text, default_unit="万元") == Money(0)


@pytest.mark.parametrize("text", ["-", "—", "－"])
def test_a_dash_is_not_zero_for_counts_or_numbers(text):
    with pytest.raises(CountError):
        parse_count(text)
    with pytest.raises(NumberError):
        parse_number(text)


def test_default_unit_applies_only_without_a_written_unit():
    assert parse_amount("7812.96", default_unit="万元") == Money.from_yuan("78129600")
    assert parse_amount("7812.96元", default_unit="万元") == Money.from_yuan("7812.96")


def test_message_shows_control_characters_safely():
    with pytest.raises(AmountError) as caught:
        parse_amount("1\x002")
    assert "\x00" not in str(caught.value)


money = st.integers(min_value=-MAX_ABS_FEN, max_value=MAX_ABS_FEN).map(Money)


@given(money, st.booleans())
def test_format_then_parse_round_trips_in_yuan(amount, thousands):
    assert parse_amount(format_amount(amount, "元", 2, thousands)) == amount


@given(st.integers(min_value=-10**13, max_value=10**13), st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ","]),
       st.booleans())
def test_excel_grouping_and_trailing_dot_round_trip(yuan, separator, trailing_dot):
    """Whole 元 grouped by any separator Excel uses, with or without a trailing dot."""
    text = f"{yuan:,}".replace(",", separator) + ("." if trailing_dot else "")
    assert parse_amount(text) == Money(yuan * 100)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=2),
       st.integers(min_value=4, max_value=6))
def test_misgrouped_digits_are_refused(whole, short, long):
    """A space is a thousands separator only between groups of three, never a guess."""
    digits = str(whole)
    for group in (short, long):
        text = f"{digits} {'1' * group}"
        with pytest.raises(AmountError):
            parse_amount(text)


@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from(["—", "——", "–", "--"]))
def test_a_dash_before_a_number_is_never_a_sign(amount, dash):
    with pytest.raises(AmountError):
        parse_amount(f"{dash}{amount}")


@given(money)
def test_format_then_parse_round_trips_in_wan_with_six_decimals(amount):
    assert parse_amount(format_amount(amount, "万元", 6, True) + "万元") == amount


@given(st.text(max_size=80))
def test_no_exception_but_amount_error_escapes_for_any_string(text):
    try:
        result = parse_amount(text)
    except AmountError as exc:
        assert str(exc).startswith("'") and "不是金额" in str(exc)
    else:
        assert result is None or isinstance(result, Money)


@given(st.text(alphabet="0123456789,.()-+ 元万１２３４５６７８９０．，（）－", max_size=30))
def test_no_exception_escapes_for_number_like_strings(text):
    try:
        parse_amount(text)
    except AmountError:
        pass


@pytest.mark.parametrize("text, value", [("14", 14), ("１４", 14), ("14人", 14), ("1,074个", 1074), ("", None), ("0", 0)])
def test_counts(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text, fragment", [("-1", "不能为负数"), ("1.5", "整数"), ("两", "整数")])
def test_counts_refused(text, fragment):
    with pytest.raises(CountError) as caught:
        parse_count(text)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("text, value", [("19.94", "19.94"), ("１９．９４", "19.94"), ("-3", "-3"), ("1,234.5", "1234.5"),
                                         ("20.", "20"), ("1 234.5", "1234.5"), ("", None)])
def test_numbers(text, value):
    assert parse_number(text) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e309", "19.94%", "abc", "1" * 20])
def test_numbers_refused(text):
    with pytest.raises(NumberError):
        parse_number(text)


@given(st.text(max_size=80))
def test_count_and_number_parsers_raise_only_their_errors(text):
    for parser, error in ((parse_count, CountError), (parse_number, NumberError)):
        try:
            parser(text)
        except error:
            pass


@given(st.integers(min_value=0, max_value=10**12))
def test_count_round_trip(value):
    assert parse_count(f"{value:,}") == value


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**12, places=4))
def test_number_round_trip(value):
    assert parse_number(format(value, "f")) == value
