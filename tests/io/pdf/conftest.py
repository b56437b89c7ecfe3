"""Laid-out pages as a reader sees them, read back with pdfplumber: per page the text lines outside
tables (top to bottom) and the table pieces (their rows, which rows sit in the grey header band,
each cell's lines), in the order they appear. The typesetting tests check their rules on these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pytest

HEADER_FILL = (0.929412, 0.937255, 0.94902)  # tablelayout.HEADER_FILL as pdfplumber reads it
MARGIN_TOP, MARGIN_BOTTOM = 50.0, 45.0  # running header above, "第 X 页 共 Y 页" below (points)


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float


@dataclass
class Piece:
    """The part of a table on one page."""

    top: float
    bottom: float
    rows: list[list[str | None]]  # cell texts, lines joined by "\n"; None for a cell covered by a span
    header: int  # how many of the rows are in the header band

    @property
    def body(self) -> list[list[str | None]]:
        return self.rows[self.header:]

    def header_key(self) -> tuple:
        return tuple(tuple(row) for row in self.rows[:self.header])


@dataclass
class Page:
    number: int  # 1-based, as the PDF counts
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)

    def elements(self) -> list[Line | Piece]:
        return sorted([*self.lines, *self.pieces], key=lambda e: (e.top, e.bottom))

    def last(self) -> Line | Piece | None:
        elements = self.elements()
        return max(elements, key=lambda e: e.bottom) if elements else None

    def first(self) -> Line | Piece | None:
        elements = self.elements()
        return elements[0] if elements else None


def _is_text(char: dict) -> bool:
    return char.get("upright", True) and char["size"] < 40  # not the 草稿 watermark


def _lines(chars: list[dict]) -> list[Line]:
    """Characters grouped into lines by their baseline (fonts differ in height), read left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (-round(c["matrix"][5], 1), c["x0"])):  # by baseline
        if lines and abs(lines[-1][0]["matrix"][5] - char["matrix"][5]) < 2.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    result = []
    for group in lines:
        group.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in group).replace(" ", "").replace("\u3000", "")
        if text:
            result.append(Line(text, min(c["top"] for c in group), max(c["bottom"] for c in group),
                               min(c["x0"] for c in group), max(c["x1"] for c in group),
                               max(c["size"] for c in group)))
    return result


def _piece(page, table) -> Piece:
    bands = [r for r in page.rects if r.get("fill") and tuple(round(v, 6) for v in (r["non_stroking_color"] or ()))
             == HEADER_FILL and r["x0"] >= table.bbox[0] - 1 and r["x1"] <= table.bbox[2] + 1]
    band_bottom = max((r["bottom"] for r in bands if r["top"] <= table.bbox[1] + 1), default=None)
    header = 0
    if band_bottom is not None:
        header = sum(1 for row in table.rows if row.bbox[3] <= band_bottom + 0.5)
    rows = [[None if text is None else text.replace(" ", "") for text in row] for row in table.extract()]
    return Piece(table.bbox[1], table.bbox[3], rows, header)


def read_pages(path: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for index, page in enumerate(pdf.pages, 1):
            page = page.filter(lambda obj: obj["object_type"] != "char" or _is_text(obj))
            tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            boxes = [t.bbox for t in tables]

            def outside(char, boxes=boxes, height=page.height):
                x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                return (MARGIN_TOP < char["top"] and char["bottom"] < height - MARGIN_BOTTOM
                        and not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes))

            chars = [c for c in page.chars if _is_text(c) and outside(c)]
            pages.append(Page(index, page.width, page.height, _lines(chars), [_piece(page, t) for t in tables]))
    return pages


@pytest.fixture(scope="session")
def read():
    """read(path) -> the laid-out pages of a PDF (cached per path)."""
    cache: dict[Path, list[Page]] = {}

    def reader(path: Path) -> list[Page]:
        if path not in cache:
            cache[path] = read_pages(path)
        return cache[path]

    return reader
