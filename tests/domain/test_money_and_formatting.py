"""Money is exact whole 分; rounding happens only for display, ROUND_HALF_UP."""

from decimal import Decimal

import pytest

from desktop.domain.formatting import (
    format_amount, format_number, format_percent, format_yuan_value, round_half_up,
)
from desktop.domain.money import MAX_ABS_FEN, ZERO, Money, total


def test_money_refuses_float():
    with pytest.raises(TypeError):
        Money(1.5)
    with pytest.raises(TypeError):
        Money.from_yuan(1.5)


def test_money_refuses_fractions_of_a_fen():
    with pytest.raises(ValueError):
        Money.from_yuan("0.001")


def test_a_cell_holds_at_most_1e13_yuan_but_totals_may_exceed_it():
    """10^13 元 with its 分 is 15 significant digits: what Excel holds exactly (issue 19: 2^53 + 1 分
    came back from Excel 1 分 more, and the limit used to be 10^14 元)."""
    from desktop.domain.schema import ValueRejected, document_schema
    column = document_schema().section("sangong").column("budget")
    assert MAX_ABS_FEN == 10**15
    assert column.check(Money(MAX_ABS_FEN)) == Money(MAX_ABS_FEN)
    for beyond in (MAX_ABS_FEN + 1, 2**53 + 1):
        with pytest.raises(ValueRejected) as caught:
            column.check(Money(beyond))
        assert str(caught.value) == "年初预算数：金额超出可处理范围（绝对值不超过 10^13 元，即 10 万亿元）"
    assert total([Money(MAX_ABS_FEN)] * 3) == Money(3 * MAX_ABS_FEN)


def test_money_arithmetic_is_exact():
    assert Money.from_yuan("0.10") + Money.from_yuan("0.20") == Money.from_yuan("0.30")
    assert Money.from_yuan("78129577.73") - Money.from_yuan("63404143.31") == Money.from_yuan("14725434.42")
    assert -Money(5) == Money(-5)


def test_views_in_yuan_and_wan():
    amount = Money.from_yuan("78129600")
    assert amount.yuan == Decimal("78129600")
    assert amount.wan == Decimal("7812.96")


def test_json_form_always_has_two_decimals():
    assert Money.from_yuan("876600").to_json() == "876600.00"
    assert Money(-5).to_json() == "-0.05"


def test_total_of_blanks_is_blank_not_zero():
    assert total([None, None]) is None
    assert total([None, ZERO]) == ZERO
    assert total([Money(1), None, Money(2)]) == Money(3)


@pytest.mark.parametrize("fen, unit, decimals, thousands, expected", [
    (87660000, "元", 2, True, "876,600.00"),
    (15625915546, "元", 2, True, "156,259,155.46"),
    (781296000, "万元", 2, False, "781.30"),
    (5, "万元", 2, True, "0.00"),
    (-5, "万元", 2, True, "0.00"),
    (-123456, "元", 2, True, "-1,234.56"),
])
def test_format_amount(fen, unit, decimals, thousands, expected):
    assert format_amount(Money(fen), unit, decimals, thousands) == expected


def test_half_up_not_bankers_rounding():
    assert round_half_up(Decimal("0.125"), 2) == Decimal("0.13")
    assert format_number(Decimal("2.5"), 0) == "3"


def test_percent_rounds_once_from_the_unrounded_ratio():
    ratio = Decimal("9311521.13") / Decimal("78129577.73")
    assert format_percent(ratio, 1) == "11.9%"
    assert format_percent(Decimal("4.3058"), 1) == "430.6%"


@pytest.mark.parametrize("yuan, unit, expected", [
    (Decimal(10298) / 2, "元", "5,149.00"),
    (Decimal(10000) / 3, "元", "3,333.33"),
    (Decimal(10000) / 3, "万元", "0.33"),
    (Decimal("12345678.9"), "万元", "1,234.57"),
])
def test_format_yuan_value_rounds_a_computed_amount_once(yuan, unit, expected):
    assert format_yuan_value(yuan, unit, 2, True) == expected
