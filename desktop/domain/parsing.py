"""The one input parser for what clerks type or paste: amounts, counts and plain numbers.

Every entry path (cell edit, paste, JSON, xlsx) goes through here, so `１２３４．５６`,
`1,234.56元`, `12.3万` and `(1,234.00)` mean the same everywhere, and anything else is refused
with a Chinese message instead of being guessed. Blank input is "not filled" (None), never 0; what
Excel's 会计专用 format shows for zero ("-", "—", "－") is an explicit 0 in an amount.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from desktop.domain.money import FEN_PER_WAN, FEN_PER_YUAN, MAX_ABS_FEN, MAX_ABS_TEXT, Money

MAX_INPUT_LENGTH = 64

# Full-width forms clerks paste from Chinese input methods and Word, mapped to ASCII.
_FULL_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULL_WIDTH.update({
    0xFF0E: ".", 0xFF0C: ",", 0xFF08: "(", 0xFF09: ")", 0xFF0D: "-", 0x2212: "-",
    0xFF0B: "+", 0x3000: " ", 0x00A0: " ", 0x2007: " ", 0x2009: " ", 0x202F: " ", 0xFFE5: "¥",
})

# Digits grouped by commas or by single spaces (Excel's 会计专用 and European formats put a space,
# a no-break or a narrow no-break space there), or not grouped; a trailing "." as Excel may show.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d*)?|\.\d+"

_AMOUNT = re.compile(
    rf"^(?P<open>\()?\s*(?P<sign>[+-])?\s*¥?\s*(?P<number>{_NUMBER})\s*(?P<unit>万元|万|元)?\s*(?P<close>\))?$"
)
# What Excel's 会计专用 format shows for zero: a dash (ASCII or full-width hyphen-minus, en or em
# dash, or the Chinese 破折号 "——" an input method types), optionally after ¥.
_ZERO_DASH = re.compile(r"^¥?\s*(?:-|\u2013|\u2014|\u2014\u2014)$")
_COUNT = re.compile(r"^(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s*[个人名辆台套项家次件篇场]?$")
_DECIMAL = re.compile(rf"^(?P<sign>[+-])?\s*(?P<number>{_NUMBER})$")


class InputError(ValueError):
    """A typed or pasted value that cannot be accepted; the message is shown to the clerk."""

    kind = "值"

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason
        message = f"'{shown(text)}' 不是{self.kind}"
        super().__init__(f"{message}：{reason}" if reason else message)


class AmountError(InputError):
    kind = "金额"


class CountError(InputError):
    kind = "有效的个数"


class NumberError(InputError):
    kind = "数字"


def shown(text: str) -> str:
    """A short, printable rendering of the offending input for the message."""
    printable = "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else "�" for ch in text)
    return printable if len(printable) <= 20 else printable[:20] + "…"


def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding spaces removed."""
    return text.translate(_FULL_WIDTH).strip()


def _cleaned(text: str | None, error: type[InputError]) -> str | None:
    """Normalised input, or None when blank; over-long input is refused before any matching."""
    if text is None:
        return None
    if len(text) > MAX_INPUT_LENGTH:
        raise error(text, "内容过长")
    return normalize(text) or None


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "").replace(" ", ""))


def parse_amount(text: str | None, default_unit: str = "元") -> Money | None:
    """Parse an amount; None for blank. `default_unit` applies when no 元/万 is written."""
    cleaned = _cleaned(text, AmountError)
    if cleaned is None:
        return None
    if _ZERO_DASH.match(cleaned):
        return Money(0)  # an explicit zero, unlike a blank
    match = _AMOUNT.match(cleaned)
    if not match:
        raise AmountError(text, "可填写如 1,234.56、12.3万元、(1,234.00) 或 -1234")
    if bool(match["open"]) != bool(match["close"]):
        raise AmountError(text, "括号不成对")
    if match["open"] and match["sign"]:
        raise AmountError(text, "括号表示负数时不能再写正负号")
    unit = match["unit"] or default_unit
    per_unit = FEN_PER_WAN if unit.startswith("万") else FEN_PER_YUAN
    fen = _decimal(match["number"]) * per_unit
    if fen != fen.to_integral_value():
        places = "六" if per_unit == FEN_PER_WAN else "两"
        raise AmountError(text, f"以{'万元' if per_unit == FEN_PER_WAN else '元'}填写时最多{places}位小数（精确到分）")
    fen_int = int(fen)
    if abs(fen_int) > MAX_ABS_FEN:
        raise AmountError(text, f"超出可处理范围（{MAX_ABS_TEXT}）")
    negative = match["sign"] == "-" or bool(match["open"])
    return Money(-fen_int if negative else fen_int)


def parse_count(text: str | None) -> int | None:
    """A head count, vehicle count, number of projects: a whole number ≥ 0; None for blank."""
    cleaned = _cleaned(text, CountError)
    if cleaned is None:
        return None
    match = _COUNT.match(cleaned)
    if not match:
        if cleaned.startswith("-"):
            raise CountError(text, "个数不能为负数")
        raise CountError(text, "应为不小于 0 的整数")
    value = int(match["number"].replace(",", ""))
    if value > 10**12:
        raise CountError(text, "数值过大")
    return value


def parse_number(text: str | None) -> Decimal | None:
    """A plain exact number (weights, points, scores, areas); None for blank."""
    cleaned = _cleaned(text, NumberError)
    if cleaned is None:
        return None
    match = _DECIMAL.match(cleaned)
    if not match:
        raise NumberError(text, "可填写如 19.94、1,234.5 或 -3")
    try:
        value = _decimal(match["number"])
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise NumberError(text) from exc
    if value.adjusted() > 14:
        raise NumberError(text, "数值过大")
    return -value if match["sign"] == "-" else value
