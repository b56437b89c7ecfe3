"""The parser for 指标值 / 完成值 texts of performance indicators.

Clerks write targets and results as free text: "≥1个", "100%", "≤12月", "22.58万", "＞95%",
a grade word ("优", "中", "高"), a tier ("达成") or the scale itself ("优良中低差", "高中低").
`parse_indicator_value` reads them into an `IndicatorValue`, or returns None for anything else
(blank, dates, sentences); it never raises, so a scorer can report "无法识别" instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from desktop.domain.parsing import normalize
from desktop.domain.scoring_profile import FIVE_LEVEL, THREE_LEVEL, TIERS

MAX_LENGTH = 64
_EXTRA_WIDTH = str.maketrans({"％": "%", "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤", "﹪": "%"})
# (written form, nature, strict), longest first so "不低于" wins over a bare symbol
_COMPARISONS = sorted([
    ("≥", "≥", False), (">=", "≥", False), ("大于等于", "≥", False), ("不低于", "≥", False), ("不少于", "≥", False),
    ("≤", "≤", False), ("<=", "≤", False), ("小于等于", "≤", False), ("不高于", "≤", False), ("不超过", "≤", False),
    ("不多于", "≤", False), (">", "≥", True), ("大于", "≥", True), ("<", "≤", True), ("小于", "≤", True),
    ("=", "=", False), ("等于", "=", False),
], key=lambda c: -len(c[0]))
_QUANTITY = re.compile(
    r"^(?P<sign>[+-])?\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>[^\s\d<>=≥≤+\-.,]{1,12})?$"
)
_GRADE_ALIASES = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "低": "低",
                  "差": "差", "较差": "差", "高": "高", **{tier: tier for tier in TIERS}}
_SCALE_SEPARATORS = re.compile(r"[/、,，·|\s]")


@dataclass(frozen=True)
class IndicatorValue:
    nature: str | None = None   # "≥", "≤" or "=" when written before a number
    value: Decimal | None = None
    unit: str = ""
    strict: bool = False        # written as ">" / "<" rather than "≥" / "≤"
    grade: str | None = None    # 优 良 中 低 差 高, or a tier 达成 / 部分达成 / 未达成
    scale: str | None = None    # "优良中低差" or "高中低": the target of a 定性 indicator

    def to_text(self) -> str:
        """The canonical written form; parsing it gives this value back."""
        if self.scale:
            return self.scale
        if self.grade:
            return self.grade
        if self.value is None:
            return ""
        symbol = {"≥": ">", "≤": "<"}.get(self.nature or "", "") if self.strict else (self.nature or "")
        return f"{symbol}{format(self.value, 'f')}{self.unit}"


def parse_indicator_value(text: str | None) -> IndicatorValue | None:
    """Read an indicator text; None when it is blank or not a value, a grade word or a scale."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return None
    return _parse(text)


@lru_cache(maxsize=8192)  # every validation re-reads the same few thousand texts
def _parse(text: str) -> IndicatorValue | None:
    cleaned = normalize(text).translate(_EXTRA_WIDTH).strip()
    if not cleaned:
        return None
    if cleaned in _GRADE_ALIASES:
        return IndicatorValue(grade=_GRADE_ALIASES[cleaned])
    if _SCALE_SEPARATORS.sub("", cleaned) in (FIVE_LEVEL, THREE_LEVEL):
        return IndicatorValue(scale=_SCALE_SEPARATORS.sub("", cleaned))
    nature, strict, rest = None, False, cleaned
    for written, meaning, is_strict in _COMPARISONS:
        if cleaned.startswith(written):
            nature, strict, rest = meaning, is_strict, cleaned[len(written):].strip()
            break
    match = _QUANTITY.match(rest)
    if not match:
        return None
    value = Decimal(match["number"].replace(",", ""))
    if value.adjusted() > 14:
        return None
    return IndicatorValue(nature=nature, value=-value if match["sign"] == "-" else value,
                          unit=match["unit"] or "", strict=strict)


def same_unit(first: str, second: str) -> bool:
    """Whether two units agree; a missing unit agrees with any, and 万 = 万元."""
    def canonical(unit: str) -> str:
        return unit[:-1] if unit.endswith("元") and len(unit) > 1 else unit
    return not first or not second or canonical(first) == canonical(second)
