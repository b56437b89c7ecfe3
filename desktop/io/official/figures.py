"""An amount in a table written by other software, exactly: a number cell, or text with 千分号,
brackets for negatives, full-width digits, "-" for zero; blank is blank, never zero.

The table's 单位 (元, 千元, 万元) scales it to 分. A number cell is the binary double Excel keeps,
read as its shortest decimal; the noise a cached formula leaves (12.300000000000001) is taken off
when it is far below a 分, anything else that is not a whole 分 is refused, never rounded.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.domain.money import FEN_PER_YUAN, MAX_ABS_FEN, Money

UNIT_FACTORS = {"元": 1, "千元": 1000, "万元": 10000}
_NOISE = Decimal("0.0001")  # of a 分: a double's error on amounts up to 10^11 元 is far smaller
_DASHES = {"-", "—", "－", "–", "--", "——", "/", "\\"}
_NUMBER = re.compile(r"^(?P<open>[(（])?(?P<sign>[-+])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<close>[)）])?$")
_FULL = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"，": ",", "．": ".", "－": "-", "＋": "+"})


class FigureError(ValueError):
    """Not an amount; the message says why, in Chinese."""


def amount(value: Any, unit: str = "元") -> Money | None:
    """The amount a cell holds in `unit`, as Money; None for a blank cell."""
    if value is None:
        return None
    factor = UNIT_FACTORS[unit]
    if isinstance(value, bool):
        raise FigureError("不是金额（是/否）")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FigureError("不是有效的数字")
        number = Decimal(repr(value))
    elif isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        number = _parsed(value)
        if number is None:
            return None
    else:
        raise FigureError("不是金额")
    fen = number * factor * FEN_PER_YUAN
    whole = fen.to_integral_value()
    if abs(fen - whole) > (_NOISE if isinstance(value, float) else 0):
        raise FigureError(f"以{unit}为单位时不能精确到分（{_plain(number)}）")
    if abs(whole) > MAX_ABS_FEN:
        raise FigureError("超出可处理的范围")
    return Money(int(whole))


def _parsed(text: str) -> Decimal | None:
    cleaned = text.translate(_FULL).replace(" ", "").replace("\u3000", "").replace("\u00a0", "")
    cleaned = cleaned.removesuffix("元")
    if not cleaned:
        return None
    if cleaned in _DASHES:
        return Decimal(0)
    match = _NUMBER.match(cleaned)
    if not match or bool(match["open"]) != bool(match["close"]) or (match["open"] and match["sign"]):
        raise FigureError(f"“{text.strip()[:20]}”不是金额")
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        raise FigureError(f"“{text.strip()[:20]}”不是金额") from None
    return -number if match["open"] or match["sign"] == "-" else number


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral_value() or abs(number) < 10 ** 15 else str(number)
