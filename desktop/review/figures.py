"""Every figure in a sentence: amounts with their unit, percentages, counts with their 量词, years.

The text checker reads figures as a reader does: "1,234.50万元" is an amount of 12,345,000 元 shown
with two decimals and 千分号; "100 %" is a percentage with a stray space. A figure keeps how it was
written (decimals, grouping, spaces), so the format rules can judge the writing and the checker can
compare at the precision the text shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

AMOUNT_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
COUNT_WORDS = ("平方米", "个", "人", "名", "辆", "台（套）", "台", "套", "项", "次", "家", "所", "件", "批", "篇", "场", "条")
SCORE_WORD = "分"
CODE_DIGITS = 6

_NUMBER = r"(?P<number>[-－]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?)"
_SPACE = r"(?P<space>[ \u3000\u00a0]*)"
_PATTERN = re.compile(
    _NUMBER + _SPACE + r"(?P<unit>亿元|万元|千元|元|%|％|" + "|".join(re.escape(w) for w in COUNT_WORDS)
    + r"|分|年度|年)")
_YEAR_UNITS = ("年度", "年")
_BARE_ZERO = re.compile(r"(?<=预算为|上年为|决算为)0(?![\d.%％元万亿千])")


@dataclass(frozen=True)
class Figure:
    kind: str            # "amount", "percent", "count", "score" or "year"
    value: Decimal       # as written (in `unit`)
    unit: str            # 元/万元/亿元/千元, "%", the 量词, 年/年度
    text: str            # the figure as it stands in the sentence
    start: int
    end: int
    decimals: int
    grouped: bool        # written with 千分号
    spaced: bool         # a space between the number and its unit

    @property
    def yuan(self) -> Decimal:
        """An amount in 元."""
        return self.value * AMOUNT_UNITS[self.unit]

    @property
    def integer_digits(self) -> int:
        return len(str(abs(int(self.value))))


def find_figures(sentence: str) -> list[Figure]:
    """The figures of `sentence` in order. A number inside a longer run of digits or letters (a
    document number like 〔2023〕161号, a code like 2010301) is no figure."""
    figures = []
    for match in _PATTERN.finditer(sentence):
        start, end = match.span()
        before = sentence[start - 1] if start else ""
        if before and (before.isdigit() or before in ".,，" or before.isascii() and before.isalpha()):
            continue
        raw, unit = match["number"], match["unit"]
        if raw[0] in "-－" and before and before in ")）":  # "90(含)-100分": the upper end of a range, no figure
            continue
        digits = raw.replace(",", "").replace("，", "").replace("－", "-")
        if unit in _YEAR_UNITS:
            if not re.fullmatch(r"(19|20)\d{2}", digits) or match["space"]:
                continue
            kind = "year"
        elif unit in ("%", "％"):
            kind, unit = "percent", "%"
        elif unit in AMOUNT_UNITS:
            kind = "amount"
        elif unit == SCORE_WORD:
            kind = "score"
        else:
            kind = "count"
            if len(digits) >= CODE_DIGITS and "." not in digits:  # "2010301人大事务": a 科目编码, not 2,010,301 people
                continue
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        figures.append(Figure(kind, Decimal(digits), unit, match.group(0), start, end, decimals,
                              grouped="," in raw or "，" in raw, spaced=bool(match["space"])))
    for match in _BARE_ZERO.finditer(sentence):  # "年初预算为0": an amount of 0 written without its unit
        figures.append(Figure("amount", Decimal(0), "元", "0", match.start(), match.end(), 0, False, False))
    return sorted(figures, key=lambda f: f.start)
