"""Display formatting of amounts, numbers and percentages, as the format profile asks.

Values are rounded here and only here, ROUND_HALF_UP, from the unrounded value: a share or a
rate is always computed from exact amounts and rounded once at the end.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from desktop.domain.money import Money


_QUANTA = {decimals: Decimal(1).scaleb(-decimals) for decimals in range(7)}  # 1, 0.1 … 0.000001


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    quantum = _QUANTA.get(decimals)
    if quantum is None:
        quantum = Decimal(1).scaleb(-decimals)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, decimals: int = 2, thousands: bool = True) -> str:
    rounded = round_half_up(Decimal(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.00"
    return f"{rounded:,.{decimals}f}" if thousands else f"{rounded:.{decimals}f}"


def format_amount(amount: Money, unit: str = "元", decimals: int = 2, thousands: bool = True) -> str:
    """An amount in 元 or 万元, always with its trailing zeros (`876,600.00`)."""
    return format_yuan_value(amount.yuan, unit, decimals, thousands)


def format_yuan_value(yuan: Decimal, unit: str = "元", decimals: int = 2, thousands: bool = True) -> str:
    """A computed amount in 元 that need not be whole 分 (e.g. a per-vehicle cost), shown like
    `format_amount`: converted to the display unit first, rounded once."""
    value = yuan / 10_000 if unit == "万元" else yuan
    return format_number(value, decimals, thousands)


def format_percent(ratio: Decimal, decimals: int = 1) -> str:
    """A ratio (0.1192) as a percentage (`11.9%`), no space before the sign."""
    return f"{format_number(ratio * 100, decimals, thousands=False)}%"
