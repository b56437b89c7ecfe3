"""The 第一部分 tables of a published PDF (a text-layer PDF: FiscalDesk's own, or one printed from
Word or WPS) as one `Sheet` the official-table parser reads like a workbook's.

Each page's ruling lines (every straight, level or upright segment of its drawn paths, the edges
of filled cell backgrounds included) are grouped into tables; a table's distinct line positions
make its grid, and a missing line between two grid cells merges them, as a merged range does in
a workbook. Characters (PDFium's text layer, with their boxes) go to the cell they sit in. The
few lines of text just above a table (its title, 编制单位 and 单位) become rows of their own.
A table that starts a page without a title above it continues the one before: its repeated
header rows are dropped. Every row remembers its page, so a figure is named "第5页".
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.io.official.blocks import is_code, is_figure
from desktop.io.official.catalogue import identify
from desktop.io.official.sheets import Sheet

MAX_PAGES = 400
TOLERANCE = 1.5      # points: lines this close are one line
TITLE_LINES = 4      # text lines above a table that may be its title, 编制单位 and 单位
LINE_GAP = 3.0       # a gap of this many character widths splits a text line into cells
WATERMARK_HEIGHT = 4.0  # a character this many times the page's usual height is a watermark, not text
_YEAR_OF = re.compile(r"(20\d{2})\s*年度")
# a space PDFium puts where justified or spaced-out Chinese leaves a gap ("一般公共服务支 出")
_CJK = "\u4e00-\u9fff（）()、“”"
_GAP = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")


class PdfTablesError(ValueError):
    """The PDF cannot be read; the message says why, in Chinese."""


@dataclass
class _Segment:
    horizontal: bool
    at: float        # y of a horizontal segment, x of a vertical one
    start: float
    end: float


@dataclass
class _Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    line: int = 0  # the text layer's line (PDFium ends each with a line break)

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def y(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]  # top first
    segments: list[_Segment]
    cells: dict[tuple[int, int], list[_Char]] = field(default_factory=dict)
    _negated: list[float] | None = field(default=None, repr=False)

    @property
    def top(self) -> float:
        return self.ys[0]

    def covers(self, char: _Char) -> tuple[int, int] | None:
        """The grid cell (row, column) the character's middle is in, or None outside the grid."""
        x, y = char.x, char.y
        if not (self.xs[0] - 0.5 <= x <= self.xs[-1] + 0.5 and self.ys[-1] - 0.5 <= y <= self.ys[0] + 0.5):
            return None
        column = min(max(bisect_right(self.xs, x + 0.5) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect_right(self._downward, -y - 0.5) - 1, 0), len(self.ys) - 2)
        return row, column

    @property
    def _downward(self) -> list[float]:
        """The rows' top edges as an ascending list (the page's y grows upward)."""
        if self._negated is None:
            self._negated = [-y for y in self.ys]
        return self._negated

    def has_vertical(self, x: float, y0: float, y1: float) -> bool:
        middle = (y0 + y1) / 2
        return any(not s.horizontal and abs(s.at - x) <= TOLERANCE and s.start - TOLERANCE <= middle <= s.end + TOLERANCE
                   for s in self.segments)

    def has_horizontal(self, y: float, x0: float, x1: float) -> bool:
        middle = (x0 + x1) / 2
        return any(s.horizontal and abs(s.at - y) <= TOLERANCE and s.start - TOLERANCE <= middle <= s.end + TOLERANCE
                   for s in self.segments)


def read_pdf_tables(path: str | Path) -> list[Sheet]:
    """The PDF's tables as one sheet (rows numbered through the document, each with its page)."""
    import pypdfium2
    path = Path(path)
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise PdfTablesError(f"“{path.name}”不是有效的 PDF 文件（或设有打开密码），无法读取。") from exc
    sheet = PdfSheet(path.name)
    any_text = False
    try:
        if len(pdf) > MAX_PAGES:
            raise PdfTablesError(f"“{path.name}”有 {len(pdf)} 页，超过可读取的 {MAX_PAGES} 页。")
        for number in range(len(pdf)):
            page = pdf[number]
            grids = _grids(_segments(page))
            if not grids:  # a page of text: no table starts or goes on here
                sheet.last_columns = None
                any_text = any_text or page.get_textpage().count_chars() > 0
                continue
            chars = _chars(page)
            any_text = any_text or bool(chars)
            sheet.add_page(number + 1, grids, chars)
    finally:
        pdf.close()
    if not any_text:
        raise PdfTablesError(f"“{path.name}”没有文字层（可能是扫描件），无法读取其中的表：请使用导出的 PDF。")
    sheet.index_spans()
    return [sheet]


class PdfSheet(Sheet):
    """A whole PDF's tables, one row after another; `pages` says on which page each row stands."""

    def __init__(self, name: str) -> None:
        super().__init__(name, page=0)
        self.pages: dict[int, int] = {}
        self.next_row = 1
        self.last_columns: list[float] | None = None  # of the last table read: the next page's may continue it
        self.page_years: dict[int, set[int]] = {}  # the years each page names ("2024年度…决算公开说明")

    def context_years(self, row: int) -> set[int]:
        """The years the page of `row` names outside its tables (a running header, the part's heading)."""
        return self.page_years.get(self.pages.get(row, 0), set())

    def ref(self, row: int, column: int) -> str:
        return f"第{self.pages.get(row, 0)}页"

    def add_page(self, page: int, grids: list[_Grid], chars: list[_Char]) -> None:
        """The page's published tables: a grid with a table's title above it (or in its first row),
        or the first grid of the page continuing the last table read (the same columns); any other
        grid (a 绩效 table, a chart's frame) is no table of 第一部分 and is left out."""
        placed: set[int] = set()
        for grid in grids:
            for index, char in enumerate(chars):
                at = grid.covers(char)
                if at is not None and index not in placed:
                    grid.cells.setdefault(at, []).append(char)
                    placed.add(index)
        free = [c for i, c in enumerate(chars) if i not in placed and c.text.strip()]
        lines = _lines(free)
        self.page_years[page] = {int(y) for line in lines for segment in line
                                 for y in _YEAR_OF.findall("".join(c.text for c in segment))}
        previous_bottom = math.inf
        for number, grid in enumerate(sorted(grids, key=lambda g: -g.top)):
            above = [line for line in lines if grid.top < min(c.y for c in line[0]) < previous_bottom][-TITLE_LINES:]
            previous_bottom = grid.ys[-1]
            first_row = "".join(_text(chars) for (r, _c), chars in grid.cells.items() if r == 0)
            titled = any(identify("".join(c.text for c in segment)) for line in above for segment in line) \
                or (len(first_row) <= 60 and identify(first_row) is not None)
            continuing = not titled and number == 0 and self.last_columns is not None \
                and len(grid.xs) == len(self.last_columns) \
                and all(abs(a - b) <= 2 * TOLERANCE for a, b in zip(grid.xs, self.last_columns))
            if not titled and not continuing:
                self.last_columns = None
                continue
            if titled:  # the title line and the 编制单位 / 单位 lines under it; a running header above it is left out
                start = next((i for i, line in enumerate(above)
                              if any(identify("".join(c.text for c in segment)) for segment in line)), len(above))
                for line in above[start:]:
                    self._text_row(page, line, grid)
            self._table(page, grid, continuing)
            self.last_columns = grid.xs

    def _text_row(self, page: int, line: list[list[_Char]], grid: _Grid) -> None:
        row = self._row(page)
        used: set[int] = set()
        for segment in line:
            text = "".join(c.text for c in segment).strip()
            column = 1 + max((i for i, x in enumerate(grid.xs[:-1]) if x <= segment[0].left + 0.5), default=0)
            while column in used:
                column += 1
            used.add(column)
            self.values[(row, column)] = text

    def _table(self, page: int, grid: _Grid, continuing: bool) -> None:
        rows = len(grid.ys) - 1
        columns = len(grid.xs) - 1
        anchors = _merged(grid, rows, columns)
        first = self.next_row
        by_anchor: dict[tuple[int, int], list[_Char]] = {}
        for (r, c), chars in grid.cells.items():  # a merged cell's text is read as one
            by_anchor.setdefault(anchors.get((r, c), (r, c)), []).extend(chars)
        texts = {anchor: _text(chars) for anchor, chars in by_anchor.items()}
        start = 0
        if continuing:  # the header repeated on this page: rows before the first with a figure or code
            while start < rows and not any(is_figure(texts.get((start, c), "")) or is_code(texts.get((start, c), ""))
                                           for c in range(columns)):
                start += 1
        for r in range(start, rows):
            row = self._row(page)
            for c in range(columns):
                text = texts.get((r, c), "").strip()
                if text:
                    self.values[(row, c + 1)] = text
        for (r, c), (bottom, right) in _spans(anchors).items():
            if r >= start and (bottom > r or right > c):
                self.spans[(first + r - start, c + 1)] = (first + bottom - start, right + 1)

    def _row(self, page: int) -> int:
        row = self.next_row
        self.pages[row] = page
        self.next_row += 1
        return row


def _text(chars: list[_Char]) -> str:
    """A cell's text: its lines top to bottom, each left to right. Lines are found from the
    full-height characters; a small mark (a comma low on the line, a quote high on it, "一"'s thin
    stroke halfway up) joins the line its middle is nearest to. (The text layer's own order is not
    used: a character drawn in a fallback font comes after the rest of its line.)"""
    if not chars:
        return ""
    tallest = max(c.top - c.bottom for c in chars)
    lines: list[list[float | list[_Char]]] = []  # [bottom, top, characters]
    for char in sorted((c for c in chars if c.top - c.bottom >= 0.6 * tallest), key=lambda c: -c.y):
        if lines and lines[-1][0] - 1 <= char.y <= lines[-1][1] + 1:
            lines[-1][0], lines[-1][1] = min(lines[-1][0], char.bottom), max(lines[-1][1], char.top)
            lines[-1][2].append(char)
        else:
            lines.append([char.bottom, char.top, [char]])
    for char in chars:
        if char.top - char.bottom < 0.6 * tallest:
            nearest = min(lines, key=lambda line: abs((line[0] + line[1]) / 2 - char.y))
            nearest[2].append(char)
    text = "".join(c.text for line in lines for c in sorted(line[2], key=lambda c: c.left))
    return _GAP.sub("", text)


def _merged(grid: _Grid, rows: int, columns: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Each grid cell's anchor (the top-left cell of the merged range it belongs to)."""
    parent = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        for c in range(columns - 1):
            if not grid.has_vertical(grid.xs[c + 1], grid.ys[r + 1], grid.ys[r]):
                union((r, c), (r, c + 1))
    for r in range(rows - 1):
        for c in range(columns):
            if not grid.has_horizontal(grid.ys[r + 1], grid.xs[c], grid.xs[c + 1]):
                union((r, c), (r + 1, c))
    return {cell: find(cell) for cell in parent}


def _spans(anchors: dict[tuple[int, int], tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), anchor in anchors.items():
        bottom, right = spans.get(anchor, anchor)
        spans[anchor] = (max(bottom, r), max(right, c))
    return spans


def _chars(page: Any) -> list[_Char]:
    """The page's characters with their boxes; a watermark ("草稿", drawn large across the tables)
    is no part of any cell and is left out by its size (a turned heading in a narrow column stays)."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    whole = textpage.get_text_range(0, count) if count else ""
    chars = []
    line = 0
    for index in range(count):
        text = whole[index] if len(whole) == count else textpage.get_text_range(index, 1)
        if text == "\n":
            line += 1
        if not text or text in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        chars.append(_Char(text, left, bottom, right, top, line))
    heights = sorted(c.top - c.bottom for c in chars if c.text.strip())
    if heights:
        usual = heights[len(heights) // 2]
        chars = [c for c in chars if c.top - c.bottom <= WATERMARK_HEIGHT * max(usual, 1.0)]
    return chars


def _segments(page: Any) -> list[_Segment]:
    """Every level or upright straight segment drawn on the page, in page coordinates."""
    import pypdfium2.raw as raw
    segments: list[_Segment] = []
    for item in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=8):
        matrix = item.get_matrix()
        handle = item.raw
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for index in range(raw.FPDFPath_CountSegments(handle)):
            segment = raw.FPDFPath_GetPathSegment(handle, index)
            x, y = _point(raw, segment)
            point = _apply(matrix, x, y)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _add(segments, points[-1], point)
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add(segments, point, start)
            points.append(point)
        if not points:  # a bare rectangle object: its box
            left, bottom, right, top = item.get_bounds()
            for a, b in (((left, bottom), (right, bottom)), ((left, top), (right, top)),
                         ((left, bottom), (left, top)), ((right, bottom), (right, top))):
                _add(segments, a, b)
    return segments


def _point(raw: Any, segment: Any) -> tuple[float, float]:
    import ctypes
    x, y = ctypes.c_float(), ctypes.c_float()
    raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


def _apply(matrix: Any, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix.get()
    return a * x + c * y + e, b * x + d * y + f


def _add(segments: list[_Segment], a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 and abs(x0 - x1) > 2:
        segments.append(_Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y0 - y1) > 2:
        segments.append(_Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _grids(segments: list[_Segment]) -> list[_Grid]:
    """The page's tables: segments that touch, grouped; each group with at least two lines each way."""
    groups: list[list[_Segment]] = []
    for segment in segments:
        touching = [g for g in groups if any(_touch(segment, other) for other in g)]
        merged = [segment] + [s for g in touching for s in g]
        groups = [g for g in groups if g not in touching] + [merged]
    grids = []
    for group in groups:
        xs = _positions([s.at for s in group if not s.horizontal])
        ys = sorted(_positions([s.at for s in group if s.horizontal]), reverse=True)
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(_Grid(xs, ys, group))
    return grids


def _touch(a: _Segment, b: _Segment) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= TOLERANCE and a.start <= b.end + TOLERANCE and b.start <= a.end + TOLERANCE
    horizontal, vertical = (a, b) if a.horizontal else (b, a)
    return (horizontal.start - TOLERANCE <= vertical.at <= horizontal.end + TOLERANCE
            and vertical.start - TOLERANCE <= horizontal.at <= vertical.end + TOLERANCE)


def _positions(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in sorted(values):
        if not found or value - found[-1] > TOLERANCE:
            found.append(value)
    return found


def _lines(chars: list[_Char]) -> list[list[list[_Char]]]:
    """Text outside the tables as lines (top first), each split into segments at wide gaps."""
    by_line: dict[int, list[_Char]] = {}
    for char in chars:
        by_line.setdefault(char.line, []).append(char)
    result = []
    for line in sorted(by_line.values(), key=lambda cs: -max(c.top for c in cs)):
        line.sort(key=lambda c: c.left)
        width = max((c.right - c.left for c in line), default=1) or 1
        segments = [[line[0]]]
        for char in line[1:]:
            if char.left - segments[-1][-1].right > LINE_GAP * width:
                segments.append([char])
            else:
                segments[-1].append(char)
        result.append(segments)
    return result
