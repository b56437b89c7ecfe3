"""The amount parser of the official-table import: exact in every unit, blank is blank, "-" is
zero, and any other text is a FigureError, never another exception."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.money import Money
from desktop.io.official.figures import UNIT_FACTORS, FigureError, amount

FEN = st.integers(min_value=-10**13, max_value=10**13)
UNITS = st.sampled_from(sorted(UNIT_FACTORS))


def in_unit(fen: int, unit: str) -> Decimal:
    return Decimal(fen) / 100 / UNIT_FACTORS[unit]


@given(FEN, UNITS, st.booleans())
def test_text_with_thousands_separators_reads_back_exactly(fen, unit, brackets):
    value = in_unit(fen, unit)
    text = f"{abs(value):,f}"
    text = (f"({text})" if brackets else f"-{text}") if fen < 0 else text
    assert amount(text, unit) == Money(fen)


@given(st.integers(min_value=-10**11, max_value=10**11), UNITS)
def test_a_number_cell_reads_back_exactly(fen, unit):
    assert amount(float(in_unit(fen, unit)), unit) == Money(fen)


@given(st.text(max_size=30), UNITS)
def test_any_text_is_an_amount_blank_or_a_figure_error(text, unit):
    try:
        result = amount(text, unit)
    except FigureError as exc:
        assert str(exc)
    else:
        assert result is None or isinstance(result, Money)


@pytest.mark.parametrize("text", ["-", "—", "－", "--"])
def test_a_dash_is_zero(text):
    assert amount(text) == Money(0)


def test_blank_is_blank_not_zero():
    assert amount(None) is None and amount("  ") is None


@pytest.mark.parametrize(("value", "unit", "fen"), [
    ("1，234.56", "元", 123456), ("１２.５", "万元", 12500000), (12.300000000000001, "元", 1230),
    ("1.234", "千元", 123400), (3, "万元", 3000000), ("(1.00)", "元", -100), ("12元", "元", 1200)])
def test_written_forms(value, unit, fen):
    assert amount(value, unit) == Money(fen)


@pytest.mark.parametrize(("value", "unit"), [("1.005", "元"), ("0.0000001", "万元"), (0.001, "元"), ("1,2,3", "元"),
                                             ("(1", "元"), ("(-1)", "元"), (True, "元"), (float("nan"), "元")])
def test_what_is_not_an_amount_to_the_fen(value, unit):
    with pytest.raises(FigureError):
        amount(value, unit)
