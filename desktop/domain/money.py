"""Money: an exact amount in 分 (hundredths of a 元).

Amounts are stored as whole 分 and computed with integers or Decimal so that totals never
drift; a float is refused at the door. Rounding happens only when a value is displayed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

FEN_PER_YUAN = 100
FEN_PER_WAN = 1_000_000
# The most one cell may hold: ±10^13 元 (10 万亿元, far beyond any department's budget) is 15
# significant digits with the 分, what Excel shows, takes typed and keeps through its binary
# numbers exactly. Totals of many cells may exceed it, so the bound is checked where a value
# enters a cell, not here (and the Excel export checks every figure it writes: io/xlsx/exact.py).
MAX_ABS_FEN = 10**13 * FEN_PER_YUAN
MAX_ABS_TEXT = "绝对值不超过 10^13 元，即 10 万亿元"


@dataclass(frozen=True, order=True, slots=True)
class Money:
    fen: int

    def __post_init__(self) -> None:
        if type(self.fen) is not int:
            raise TypeError(f"Money holds whole 分 as int, got {type(self.fen).__name__}")

    @classmethod
    def from_yuan(cls, amount: Decimal | int | str) -> Money:
        """Exact conversion; refuses anything that is not a whole number of 分."""
        if isinstance(amount, float):
            raise TypeError("Money never comes from float")
        value = Decimal(amount) * FEN_PER_YUAN
        if value != value.to_integral_value():
            raise ValueError(f"{amount} 元不是整分金额")
        return cls(int(value))

    @property
    def yuan(self) -> Decimal:
        return Decimal(self.fen) / FEN_PER_YUAN

    @property
    def wan(self) -> Decimal:
        return Decimal(self.fen) / FEN_PER_WAN

    def to_json(self) -> str:
        """Decimal string in 元 with two decimals: the interchange form."""
        sign = "-" if self.fen < 0 else ""
        whole, cents = divmod(abs(self.fen), FEN_PER_YUAN)
        return f"{sign}{whole}.{cents:02d}"

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __bool__(self) -> bool:
        return self.fen != 0

    def __repr__(self) -> str:
        return f"Money({self.to_json()} 元)"


ZERO = Money(0)


def total(amounts: Iterable[Money | None]) -> Money | None:
    """Sum of the filled amounts; None when every amount is blank (blank is not zero)."""
    filled = [a for a in amounts if a is not None]
    if not filled:
        return None
    return Money(sum(a.fen for a in filled))
