"""Chinese line breaking for reportlab paragraphs, as a Chinese typesetter breaks lines.

reportlab's CJK wrapping cuts between any two characters: a line could start with "：", an amount
could leave its unit behind ("111,592.39 / 元"), a percentage its sign, "2023 / 年度" its suffix.
Here both of reportlab's paths (several fonts in a paragraph: `cjkFragSplit`; one font:
`wordSplit`) are replaced by one greedy breaker that breaks only where it may:

- never before closing punctuation (CANNOT_START) nor after opening punctuation (CANNOT_END);
- never inside a token (TOKEN): a number with its sign and its unit ("≥90%", "12.3万元",
  "111,592.39元", "2023年度", "80-90分") or a Latin word or code ("T1-03");
- a token longer than a whole line is cut where the line is full (still never before closing
  punctuation), so every text can be laid out.

reportlab justifies a line by widening its spaces, and Chinese has none, so a line that gave up
characters would stay short: the justified line drawers are wrapped to spread the spare room
between the characters instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import paragraph as _paragraph

from desktop.io.pdf.fonts import FONT_NAMES

CANNOT_START = "，。、；：？！”’）》」』】〕〉…—％%·,.;:?!)]}"
CANNOT_END = "“‘（《「『【〔〈([{"
ALL_CANNOT_START = "".join(dict.fromkeys(_paragraph.ALL_CANNOT_START + CANNOT_START))
UNITS = ("个百分点", "百分点", "平方米", "万元", "亿元", "年度", "人次", "批次", "公里", "小时", "%", "％", "‰",
         "元", "万", "亿", "年", "月", "日", "天", "周", "个", "人", "名", "辆", "台", "套", "次", "项", "家", "分",
         "批", "类", "款", "条", "张", "页", "户", "所", "处", "场", "期", "篇", "件", "笔", "倍", "吨", "亩", "米")
_NUMBER = r"[0-9０-９]+(?:[,，.．][0-9０-９]+)*"
TOKEN = re.compile(
    rf"(?:[≥≤＞＜>=<＝±+\-−－]\s?)?{_NUMBER}(?:\s?[-–~～]\s?{_NUMBER})?(?:\s?(?:{'|'.join(map(re.escape, UNITS))}))?"
    r"|[A-Za-z][A-Za-z0-9]*(?:[-_./][A-Za-z0-9]+)*")
_FUZZ = 1e-6
LATIN_FACES = frozenset((FONT_NAMES["latin"], FONT_NAMES["latin_bold"]))
MOST_SPREAD = 1.0  # at most this many ems between two characters: beyond, the line stays short
_ORIGINAL_SPLIT = _paragraph.cjkFragSplit
_ORIGINAL_WORD_SPLIT = _textsplit.wordSplit
_ORIGINAL_JUSTIFY = _paragraph._justifyDrawParaLine
_ORIGINAL_JUSTIFY_X = _paragraph._justifyDrawParaLineX


def break_opportunities(text: str) -> list[bool]:
    """allowed[i]: a line may end before text[i] (index 0 and len(text) are always allowed)."""
    allowed = [True] * (len(text) + 1)
    for index in range(1, len(text)):
        if text[index] in ALL_CANNOT_START or text[index - 1] in CANNOT_END:
            allowed[index] = False
    for match in TOKEN.finditer(text):
        for index in range(match.start() + 1, match.end()):
            allowed[index] = False
    return allowed


def _break_before(index: int, start: int, text: str, allowed: list[bool]) -> int:
    """Where a line that starts at `start` and overflows at `index` ends."""
    for end in range(index, start, -1):
        if allowed[end]:
            return end
    for end in range(index, start, -1):  # a token longer than the line: cut it where it is full
        if text[end] not in ALL_CANNOT_START:
            return end
    return index + 1  # only closing punctuation since the line start: let it hang


def greedy_lines(text: str, widths: Sequence[float], max_widths: Sequence[float],
                 hard: Sequence[bool] | None = None) -> list[tuple[int, int, float, bool]]:
    """The lines of `text` as (start, end, width used, ends with a hard break); `widths` per
    character, `max_widths` per line (the last one repeats), `hard[i]`: a forced break after i."""
    allowed = break_opportunities(text)
    lines: list[tuple[int, int, float, bool]] = []
    start, used, index, count = 0, 0.0, 0, len(text)
    while index < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        width = widths[index]
        if used + width > limit + _FUZZ and index > start:
            end = min(_break_before(index, start, text, allowed), count)
            lines.append((start, end, sum(widths[start:end]), False))
            start, used, index = end, 0.0, end
            continue
        used += width
        index += 1
        if hard is not None and hard[index - 1]:
            lines.append((start, index, used, True))
            start, used = index, 0.0
    if start < count:
        lines.append((start, count, used, False))
    return lines


def cjk_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803 (reportlab's names)
    """reportlab's cjkFragSplit with these breaking rules."""
    units = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(_paragraph.cjkU(char, frag, encoding) for char in text)
        else:
            units.append(_paragraph.cjkU(text, frag, encoding))
    widths = []
    for unit in units:
        width = unit.width
        if hasattr(width, "normalizedValue"):
            width._normalizer = maxWidths[0]
            width = width.normalizedValue(maxWidths[0])
        widths.append(width)
    text = "".join(unit if len(unit) == 1 else "\u200b" for unit in units)
    hard = [hasattr(unit.frag, "lineBreak") for unit in units]
    lines = []
    for number, (start, end, used, forced) in enumerate(greedy_lines(text, widths, maxWidths, hard)):
        limit = maxWidths[min(number, len(maxWidths) - 1)]
        lines.append(_paragraph.makeCJKParaLine(units[start:end], limit, used, limit - used, forced, calcBounds))
    return _paragraph.ParaLines(kind=1, lines=lines)


def word_split(text, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803
    """The same rules for a paragraph set in one font: lines as [extra space, text] pairs."""
    if isinstance(text, bytes):
        text = text.decode(encoding)
    widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    face = getFont(fontName)
    characters = [face.stringWidth(char, fontSize) for char in text]
    return [[widths[min(number, len(widths) - 1)] - used, text[start:end]]
            for number, (start, end, used, _) in enumerate(greedy_lines(text, characters, widths))]


def _spacing(count: int, extra: float, size: float) -> float:
    """The character spacing that spreads `extra` points over `count` gaps; 0 for none."""
    if count < 1 or extra <= 1e-6 or extra / count > MOST_SPREAD * size:
        return 0.0
    return extra / count


def justify_line(tx, offset, extraspace, words, last=0):
    """A justified line of one font: spaces widened when it has any, else its characters spaced."""
    text = " ".join(words)
    spacing = 0.0
    if not (last or " " in text or getattr(tx, "preformatted", False)):
        spacing = _spacing(len(text) - 1, extraspace, tx._fontsize or 10)
    if not spacing:
        return _ORIGINAL_JUSTIFY(tx, offset, extraspace, words, last)
    tx.setCharSpace(spacing)
    try:
        return _ORIGINAL_JUSTIFY(tx, offset, 0, words, last)
    finally:
        tx.setCharSpace(0)


def justify_line_x(tx, offset, line, last=0):
    """A justified line of several fonts: the spare room goes after each Chinese character (a
    number or a Latin word keeps its own spacing)."""
    words = line.words
    plain = all(not hasattr(frag, "cbDefn") and " " not in frag.text for frag in words)
    spacing = 0.0
    if plain and words and not (last or line.lineBreak):
        gaps = sum(len(frag.text) for frag in words if frag.fontName not in LATIN_FACES)
        gaps -= 1 if words[-1].fontName not in LATIN_FACES else 0
        spacing = _spacing(gaps, line.extraSpace, line.fontSize)
    if not spacing:
        return _ORIGINAL_JUSTIFY_X(tx, offset, line, last)
    write = tx._textOut

    def spaced(text, *args, **kwargs):
        tx.setCharSpace(0 if tx._fontname in LATIN_FACES else spacing)
        return write(text, *args, **kwargs)

    extra, line.extraSpace = line.extraSpace, 0
    tx._textOut = spaced
    try:
        return _ORIGINAL_JUSTIFY_X(tx, offset, line, last)
    finally:
        del tx._textOut
        line.extraSpace = extra
        tx.setCharSpace(0)


def install() -> None:
    """Make every reportlab paragraph in this process break and justify Chinese lines this way."""
    _textsplit.ALL_CANNOT_START = ALL_CANNOT_START
    _paragraph.ALL_CANNOT_START = ALL_CANNOT_START
    _paragraph.cjkFragSplit = cjk_split
    _paragraph.wordSplit = word_split
    _textsplit.wordSplit = word_split
    _paragraph._justifyDrawParaLine = justify_line
    _paragraph._justifyDrawParaLineX = justify_line_x
