"""A 说明 as sentences under their headings: what the checker reads and where it says it found it.

A heading is a short line opening with the template's numbering (第二部分, 一、, （一）, 1., （1）)
and holding no amount and no full stop; everything else is split into sentences at 。！？； and
line ends. Each sentence keeps its paragraph number and the headings above it, so a finding can
name "第二部分 › 二、收入支出决算总体情况说明, 第3段" and the sentence itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.review.figures import find_figures

_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
                      r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])\s*(?P<title>.*)$")
_LEVELS = (r"^\s*第[一二三四五六七八九十]+部分", r"^\s*[一二三四五六七八九十]+、", r"^\s*[（(][一二三四五六七八九十]+[）)]",
           r"^\s*\d{1,2}[.．、]", r"^\s*[（(]\d{1,2}[）)]")
_SENTENCE_END = re.compile(r"(?<=[。！？；;])")
HEADING_MAX = 40


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int              # 1-based, in the text as given
    headings: tuple[str, ...]   # the headings above, outermost first, as written

    @property
    def place(self) -> str:
        where = " › ".join(self.headings[-2:]) if self.headings else "正文开头"
        return f"{where}，第{self.paragraph}段"


def heading_level(line: str) -> int | None:
    """0 for 第…部分 down to 4 for （1）, None when the line is no heading."""
    text = line.strip()
    # "（三）负责科技成果转化和技术市场管理工作，培育…" is a list item (wrapped at a PDF page's edge)
    if not _HEADING.match(text) or len(text) > HEADING_MAX or text.endswith(("。", "；", ";")) or "，" in text:
        return None
    if any(f.kind == "amount" for f in find_figures(text)):
        return None
    return next(level for level, pattern in enumerate(_LEVELS) if re.match(pattern, text))


@lru_cache(maxsize=4096)
def heading_title(line: str) -> str:
    """The heading without its number: "二、收入支出决算总体情况说明（…）" → "收入支出决算总体情况说明（…）"."""
    match = _HEADING.match(line.strip())
    return match["title"].strip() if match else line.strip()


def sentences(paragraphs: list[str]) -> list[Sentence]:
    result: list[Sentence] = []
    stack: list[tuple[int, str]] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for line in paragraph.splitlines() or [""]:
            if not line.strip():
                continue
            level, pieces = _read_line(line)
            if level is not None:
                stack = [(lvl, title) for lvl, title in stack if lvl < level] + [(level, line.strip())]
                continue
            headings = tuple(title for _, title in stack)
            result += [Sentence(piece, number, headings) for piece in pieces]
    return result


@lru_cache(maxsize=16384)  # 审核 K-22 reads the same generated lines again after every edit
def _read_line(line: str) -> tuple[int | None, tuple[str, ...]]:
    """A line's heading level (None for text) and, for text, its sentences."""
    level = heading_level(line)
    if level is not None:
        return level, ()
    return None, tuple(piece.strip() for piece in _SENTENCE_END.split(line) if piece.strip())
