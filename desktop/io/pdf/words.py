"""Where a label or a title may be broken: between words, never inside one.

Chinese has no spaces, so a table header such as "指标性质" or a department name can only be
broken where a reader sees a boundary. A label is cut into pieces: the words of a small lexicon of
fiscal and administrative terms (typesetting.json "words", found by forward maximum matching), a
number or Latin code with its unit (linebreak.TOKEN), runs of other characters (kept whole up to
UNKNOWN_RUN characters, else cut in pairs), closing punctuation joined to the piece before it and opening punctuation
to the piece after it. `balanced_lines` then sets the pieces in the fewest lines that fit and,
among those, the most even ones, so a header reads "指标/性质" rather than "指标性/质" and a cover
title "2023年度中关村科技园区门头沟园管理委员会 / 部门决算公开说明".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from desktop.io.pdf.fonts import typesetting
from desktop.io.pdf.linebreak import ALL_CANNOT_START, CANNOT_END, TOKEN

UNKNOWN_RUN = 4  # a run of characters outside the lexicon this long or shorter is one word
Measure = Callable[[str], float]


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], int]:
    words = frozenset(typesetting().get("words", ()))
    return words, max((len(word) for word in words), default=1)


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[str, ...]:
    """`text` cut where a line may break."""
    words, longest = lexicon()
    tokens = {match.start(): match.end() for match in TOKEN.finditer(text)}
    raw: list[str] = []
    unknown = ""
    index = 0
    while index < len(text):
        end = tokens.get(index)
        if end is None:
            end = next((index + size for size in range(min(longest, len(text) - index), 1, -1)
                        if text[index:index + size] in words), None)
        if end is None:  # no word starts here
            unknown += text[index]
            index += 1
            continue
        raw += _unknown_run(unknown)
        unknown = ""
        raw.append(text[index:end])
        index = end
    raw += _unknown_run(unknown)
    return tuple(_attach_punctuation(raw))


def _unknown_run(run: str) -> list[str]:
    """A run outside the lexicon: whole when short, else in pairs (most Chinese words have two
    characters, so pairs counted from a known boundary mostly fall on word boundaries)."""
    marks = ALL_CANNOT_START + CANNOT_END
    letters = sum(1 for char in run if char not in marks)
    return [run] if letters <= UNKNOWN_RUN else [run[index:index + 2] for index in range(0, len(run), 2)]


def _attach_punctuation(raw: list[str]) -> list[str]:
    """Closing punctuation goes with the piece before it, opening punctuation with the one after."""
    joined: list[str] = []
    carry = ""
    for piece in raw:
        for char in piece:
            if char in CANNOT_END or char.isspace():
                continue
            break
        else:  # only opening punctuation (and spaces): it opens the next piece
            carry += piece
            continue
        piece = carry + piece
        carry = ""
        while joined and piece and piece[0] in ALL_CANNOT_START:
            joined[-1] += piece[0]
            piece = piece[1:]
        if piece:
            joined.append(piece)
    if carry:
        joined.append(carry)
    return joined


def balanced_lines(parts: Sequence[str], width: float, measure: Measure,
                   inside: Sequence[bool] | None = None) -> list[str]:
    """The parts joined into the fewest lines no wider than `width`; among those, the fewest
    breaks where `inside[i]` says the boundary before part i lies inside a word, then the widest
    line as narrow as possible. A part wider than `width` by itself is cut between its characters
    (those cuts count as inside a word)."""
    units, within = [], []
    for index, unit in enumerate(parts):
        cut = _characters(unit) if measure(unit) > width else [unit]
        units += cut
        within += [bool(inside and inside[index])] + [True] * (len(cut) - 1)
    count = len(units)
    if count == 0:
        return []
    sizes = [measure(unit) for unit in units]
    # best[i] = (lines, breaks inside words, widest line, start of the last line) for the first i
    # units; None until some way of setting them is found
    best: list[tuple[int, int, float, int] | None] = [(0, 0, 0.0, 0)] + [None] * count
    for end in range(1, count + 1):
        line = 0.0
        for start in range(end - 1, -1, -1):
            line += sizes[start]
            if line > width + 1e-6 and start < end - 1:
                break
            lines, breaks, widest, _ = best[start]
            candidate = (lines + 1, breaks + (1 if start and within[start] else 0), max(widest, line), start)
            if best[end] is None or candidate[:3] < best[end][:3]:
                best[end] = candidate
    result: list[str] = []
    end = count
    while end > 0:
        start = best[end][3]
        result.append("".join(units[start:end]))
        end = start
    return result[::-1]


def _characters(text: str) -> list[str]:
    """`text` cut between characters, closing punctuation kept with the character before it."""
    return _attach_punctuation(list(text))


def label_lines(text: str, width: float, measure: Measure, strict: bool = True) -> list[str]:
    """A table label in balanced lines (each existing line break kept): broken only between words
    when `strict` (headers and bold labels); otherwise (item names) in as few lines as breaking
    anywhere would take, between words wherever that allows."""
    lines = []
    for paragraph in text.split("\n"):
        words = pieces(paragraph)
        if strict:
            lines += balanced_lines(words, width, measure) or [""]
            continue
        characters, inside = [], []
        for word in words:
            cut = _characters(word)
            characters += cut
            inside += [False] + [True] * (len(cut) - 1)
        lines += balanced_lines(characters, width, measure, inside) or [""]
    return lines


def title_lines(title: str, department: str, width: float, measure: Measure) -> list[str]:
    """A title broken only at the boundaries of the department name inside it (the year before
    it, the document's name after it), or between words where a part is too long for a line."""
    start = title.find(department) if department else -1
    if start < 0:
        parts = list(pieces(title))
    else:
        parts = [part for part in (title[:start], department, title[start + len(department):]) if part]
        parts = [piece for part in parts
                 for piece in ((part,) if measure(part) <= width else pieces(part))]
    return balanced_lines(parts, width, measure)


def fit_title(title: str, department: str, width: float, measure_at: Callable[[str, float], float],
              size: float, smallest: float, most_lines: int = 2) -> tuple[float, list[str]]:
    """The title's type size and lines: the largest size from `size` down to `smallest` (in
    half points) that sets it in at most `most_lines` lines, else `size` in as many as it needs."""
    current = size
    while current >= smallest:
        lines = title_lines(title, department, width, lambda text: measure_at(text, current))
        if len(lines) <= most_lines:
            return current, lines
        current -= 0.5
    return size, title_lines(title, department, width, lambda text: measure_at(text, size))
