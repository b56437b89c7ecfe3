"""Chinese line breaking for reportlab paragraphs: no line starts with closing punctuation.

reportlab's CJK wrapping lets one character that may not start a line hang in the right
margin, but its list lacks most Chinese punctuation and it gives up on two in a row ("）："),
so a published line could start with "：". Here the list is completed and, whenever a line
would still start with such a character, the previous line is broken two characters earlier
(the last character goes down with the punctuation) and then justified to the full width.
"""

from __future__ import annotations

from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph

CANNOT_START = "，。、；：？！”’）》」』】〕〉…—％%·,.;:?!)]}"
ALL_CANNOT_START = "".join(dict.fromkeys(_paragraph.ALL_CANNOT_START + CANNOT_START))
_ORIGINAL_SPLIT = _paragraph.cjkFragSplit
_ORIGINAL_WORD_SPLIT = _textsplit.wordSplit
_MAX_ROUNDS = 50


def _characters(line) -> list[tuple[str, float]]:
    return [(char, stringWidth(char, frag.fontName, frag.fontSize))
            for frag in line.words for char in (frag.text or "")]


def cjk_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """reportlab's cjkFragSplit, re-run with a narrower line wherever the next line would start
    with punctuation."""
    widths = list(maxWidths)
    result = _ORIGINAL_SPLIT(frags, widths, calcBounds, encoding)
    for _ in range(_MAX_ROUNDS):
        lines = result.lines
        bad = next((k for k in range(1, len(lines))
                    if _characters(lines[k])[:1] and _characters(lines[k])[0][0] in ALL_CANNOT_START), None)
        if bad is None:
            break
        previous = _characters(lines[bad - 1])
        if len(previous) < 3:
            break
        if len(widths) < bad + 1:
            widths += [widths[-1]] * (bad + 1 - len(widths))
        widths[bad - 1] = sum(w for _, w in previous[:-2]) + 0.01
        result = _ORIGINAL_SPLIT(frags, widths, calcBounds, encoding)
    for index, line in enumerate(result.lines):  # justify shortened lines to the real width
        narrowed = widths[min(index, len(widths) - 1)]
        real = maxWidths[min(index, len(maxWidths) - 1)]
        if narrowed < real and hasattr(line, "extraSpace"):
            line.extraSpace += real - narrowed
            line.maxWidth = real
    return result


def word_split(text, maxWidths, fontName, fontSize, encoding="utf8"):
    """The same rule for a paragraph set in one font (reportlab's single-fragment path), whose
    lines are [extra space, text] pairs."""
    widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    original = list(widths)
    lines = _ORIGINAL_WORD_SPLIT(text, widths, fontName, fontSize, encoding)
    for _ in range(_MAX_ROUNDS):
        bad = next((k for k in range(1, len(lines)) if lines[k][1][:1] and lines[k][1][0] in ALL_CANNOT_START), None)
        if bad is None or len(lines[bad - 1][1]) < 3:
            break
        if len(widths) < bad + 1:
            widths += [widths[-1]] * (bad + 1 - len(widths))
        widths[bad - 1] = stringWidth(lines[bad - 1][1][:-2], fontName, fontSize) + 0.01
        lines = _ORIGINAL_WORD_SPLIT(text, widths, fontName, fontSize, encoding)
    for index, line in enumerate(lines):
        narrowed, real = widths[min(index, len(widths) - 1)], original[min(index, len(original) - 1)]
        if narrowed < real:
            line[0] += real - narrowed
    return lines


def install() -> None:
    """Make every reportlab paragraph in this process break Chinese lines this way."""
    _textsplit.ALL_CANNOT_START = ALL_CANNOT_START
    _paragraph.ALL_CANNOT_START = ALL_CANNOT_START
    _paragraph.cjkFragSplit = cjk_split
    _paragraph.wordSplit = word_split
