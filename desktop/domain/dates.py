"""Dates a clerk types: 2024-08-05, 2024/8/5, 2024.8.5, 20240805 and 2024年8月5日, full-width
digits too. The publication checklist reads the 批复 and 公开 dates with it; a text that is no
date is named, never guessed at."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SEPARATED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateRejected(ValueError):
    """A text that is not a date; the message names it."""


def parse_date(text: str) -> date:
    """The date written in `text` (DateRejected when it is none, or no real day)."""
    shown = text.strip()
    normal = unicodedata.normalize("NFKC", shown).replace(" ", "")
    found = _SEPARATED.match(normal) or _COMPACT.match(normal)
    if found is None:
        raise DateRejected(f"“{shown}”不是日期，请写作 2024-08-05 或 2024年8月5日")
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise DateRejected(f"“{shown}”不是有效的日期（{year}年没有{month}月{day}日）") from None


def format_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
