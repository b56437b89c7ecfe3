"""Cell styles and page setup shared by the 填报 and the official-layout sheets.

Excel and LibreOffice both fall back from 宋体 to a local CJK face, so naming it costs nothing
and makes the sheet look like the printed form on a Windows PC.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from typing import Any

from functools import lru_cache

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from desktop.io.xlsx.exact import check_number, check_text

FONT_NAME = "宋体"
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=10)
BOLD_FONT = Font(name=FONT_NAME, size=10, bold=True)
NOTE_FONT = Font(name=FONT_NAME, size=9, italic=True, color="555555")
HEADER_FILL = PatternFill("solid", fgColor="E7EBF0")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
PENDING_FILL = PatternFill("solid", fgColor="FFF2CC")  # a 说明 still to be typed
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
INDENTED = Alignment(horizontal="left", vertical="center", indent=1)
OFFICIAL_TAB_COLOR = "1F4E79"
DATA_TAB_COLOR = "70AD47"


# cell attribute -> (the workbook's style table, the StyleArray field holding the index into it)
_STYLE_SLOTS = {"font": ("_fonts", "fontId"), "fill": ("_fills", "fillId"), "border": ("_borders", "borderId"),
                "alignment": ("_alignments", "alignmentId")}


def style(cell: Any, **styles: Any) -> Any:
    """Set a cell's font, fill, border or alignment as `cell.font = …` does, but find each style
    object's index in the workbook's table once: openpyxl hashes the whole style on every
    assignment, which was most of a large export's time. Style objects are shared constants (or
    from `aligned`), so they are told apart by identity; the cache keeps them alive."""
    workbook = cell.parent.parent
    indexes = workbook.__dict__.setdefault("_fiscaldesk_style_indexes", {})
    if not cell.has_style:
        cell._style = StyleArray()  # noqa: SLF001 — what openpyxl's own descriptor does
    for name, value in styles.items():
        table, slot = _STYLE_SLOTS[name]
        known = indexes.get((name, id(value)))
        if known is None:
            known = indexes[(name, id(value))] = (value, getattr(workbook, table).add(value))
        setattr(cell._style, slot, known[1])  # noqa: SLF001
    return cell


@lru_cache(maxsize=None)
def aligned(horizontal: str, indent: int = 0) -> Alignment:
    """A wrapped, vertically centred alignment, one object per (horizontal, indent)."""
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True, indent=indent)


def put_text(sheet: Worksheet, row: int, column: int, text: str, what: str = "") -> Any:
    """Write text that stays text: a value starting with = + - @ is never taken as a formula,
    neither by openpyxl nor by Excel when the clerk edits the cell (quote prefix). A text XML
    cannot carry refuses the export (exact.check_text; `what` names it for the clerk)."""
    cell = sheet.cell(row=row, column=column)
    check_text(sheet.title, cell.coordinate, text, what)
    cell.value = text
    cell.data_type = "s"
    if text[:1] in "=+-@":
        cell.quotePrefix = True
    return cell


def put_number(sheet: Worksheet, row: int, column: int, value: Decimal | int, number_format: str) -> Any:
    """Write a number, or refuse the export when Excel would not give it back exactly."""
    cell = sheet.cell(row=row, column=column)
    check_number(sheet.title, cell.coordinate, value)
    cell.value = value
    cell.number_format = number_format
    return cell


def decimal_format(value: Decimal, thousands: bool = False) -> str:
    """A format that shows exactly the places the value has (10 → 0, 19.94 → 0.00)."""
    places = max(0, -value.as_tuple().exponent) if isinstance(value.as_tuple().exponent, int) else 0
    base = "#,##0" if thousands else "0"
    return base + ("." + "0" * places if places else "")


def merge(sheet: Worksheet, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """Merge a range we know overlaps no other. openpyxl's own merge_cells compares each new
    range with every existing one (quadratic: 200 自评表 took seconds), so the range is added
    to the sheet's set directly, then formatted as merge_cells does (pinned openpyxl 3.1.5)."""
    merged = MergedCellRange(sheet, f"{get_column_letter(start_column)}{start_row}:"
                                    f"{get_column_letter(end_column)}{end_row}")
    sheet.merged_cells.ranges.add(merged)
    sheet._clean_merge_range(merged)  # noqa: SLF001 — turns covered cells into MergedCells


PAGE_FOOTER = "第 &P 页 共 &N 页"  # Excel's page number and page count codes


def page_setup(sheet: Worksheet, title_rows: str | None, landscape: bool) -> None:
    """A4, fitted to the page width, the title and header rows repeated on every printed page,
    "第 1 页 共 3 页" in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.footer = 0.3
    sheet.oddFooter.center.text = PAGE_FOOTER
    sheet.oddFooter.center.font = FONT_NAME
    sheet.oddFooter.center.size = 9


LINE_HEIGHT_POINTS = 13.5
MAX_ROW_HEIGHT = 409  # Excel's limit, in points


def display_width(text: str) -> int:
    """Width in Excel's units (one digit): a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide."""
    usable = max(1.0, width - 1)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def fit_row_height(sheet: Worksheet, row: int, lines: int) -> None:
    """Neither Excel nor LibreOffice grows a row for wrapped text written by a program (nor
    ever for merged cells), so the height is set from the longest cell."""
    if lines > 1:
        height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT_POINTS + 2)
        current = sheet.row_dimensions[row].height or 0
        sheet.row_dimensions[row].height = max(current, height)
