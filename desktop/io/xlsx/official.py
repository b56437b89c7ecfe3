"""The published tables as worksheets in their official layout: the same `publication.Table`s
the PDF prints (表1 …, 部门整体绩效目标, 部门整体评分表, the projects' 自评表), with their merged
header and label cells, 合计 rows and computed scores.

The publication model holds figures as formatted text; a right-aligned figure is written back
as the number it shows (`78,129,577.73` → 78129577.73 with `#,##0.00`), so colleagues can add
them up, while labels, percentages and 无法计算 stay text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.document import Document, YearData
from desktop.domain.profiles import load_profile
from desktop.io.xlsx import layout
from desktop.io.xlsx.styles import (BODY_FONT, BOLD_FONT, BORDER, CENTER, HEADER_FILL, NOTE_FONT,
                                    OFFICIAL_TAB_COLOR, TITLE_FONT, TOTAL_FILL, decimal_format, fit_row_height, merge,
                                    aligned, lines_needed, page_setup, put_number, put_text, style)
from desktop.publication.assets import assets_table
from desktop.publication.model import Cell, Table
from desktop.publication.performance_tables import department_score_table, department_targets_table, project_table
from desktop.publication.tables import part_one_tables
from desktop.scoring import score_year

_FIGURE = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
_ALIGN = {"left": "left", "center": "center", "right": "right"}
WIDTH_SCALE = Decimal("1.3")  # the publication's relative widths are close to characters of 宋体 10 pt
TOTAL_LABELS = ("合计", "总计", "总分")


def write_official_sheets(workbook: Workbook, document: Document, data: YearData) -> list[str]:
    """Add one sheet per published table (and one for all 自评表); returns their names."""
    fmt = load_profile(data.profile).format
    scores = score_year(document, data.year)
    taken = {sheet.title for sheet in workbook.worksheets} | {s.name for s in layout.data_sheets(document.schema)} \
        | {layout.EXPLANATIONS_SHEET}
    names = []

    def add(name: str) -> Worksheet:
        unique = layout.unique_name(layout.sheet_name(name), taken)
        taken.add(unique)
        names.append(unique)
        sheet = workbook.create_sheet(unique)
        sheet.sheet_properties.tabColor = OFFICIAL_TAB_COLOR
        return sheet

    for table in part_one_tables(document, data):
        _write_single(add(f"{table.number} {table.title}"), table, document.department_name, data.year)
    assets = assets_table(data, fmt)
    if assets:
        _write_single(add("国有资产占用情况表"), assets, document.department_name, data.year)
    targets = department_targets_table(data)
    if targets:
        _write_single(add("部门整体绩效目标"), targets, document.department_name, data.year)
    department = department_score_table(scores["department"])
    if department:
        _write_single(add("部门整体评分表"), department, document.department_name, data.year)
    projects = data.section("projects").rows
    if projects:
        sheet = add("项目自评表")
        row = 1
        for index, (project_id, result) in enumerate(zip(projects, scores["projects"]), 1):
            if index > 1:
                sheet.row_breaks.append(Break(id=row - 1))
            table = project_table(data, project_id, result, fmt)
            name = projects[project_id].get("name") or f"项目{index}"
            row = _write_table(sheet, table, row, f"{index}.{name}", document.department_name) + 2
        _widths(sheet, table.widths)
        page_setup(sheet, None, landscape=False)
    return names


def _write_single(sheet: Worksheet, table: Table, department: str, year: int) -> None:
    header_end = _write_table(sheet, table, 1, "", department, year=year, return_header_end=True)
    _widths(sheet, table.widths)
    sheet.freeze_panes = sheet.cell(header_end + 1, 1)
    page_setup(sheet, f"1:{header_end}", landscape=sum(table.widths) > 110)


def _widths(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(_characters(widths), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _characters(widths: tuple[int, ...]) -> list[int]:
    return [int(Decimal(width) * WIDTH_SCALE) + 2 for width in widths]


def _write_table(sheet: Worksheet, table: Table, row: int, heading: str, department: str, year: int | None = None,
                 return_header_end: bool = False) -> int:
    """Write title, unit line, header and body from `row`; returns the last header row (when
    asked) or the last row written."""
    columns = table.columns
    title = heading or f"{table.number} {table.title}".strip()
    put_text(sheet, row, 1, title).font = TITLE_FONT
    sheet.cell(row, 1).alignment = CENTER
    merge(sheet, row, 1, row, columns)
    sheet.row_dimensions[row].height = 26
    row += 1
    subtitle = table.subtitle or (f"（{year}年度）" if year else "")
    left = f"{layout.DEPARTMENT_PREFIX}{department}" + (f"    {subtitle}" if subtitle else "")
    put_text(sheet, row, 1, left).font = BODY_FONT
    if columns > 2:
        merge(sheet, row, 1, row, columns - 1)
    if table.unit:
        unit = put_text(sheet, row, columns, table.unit)
        unit.font = BODY_FONT
        unit.alignment = Alignment(horizontal="right", vertical="center")
    row += 1
    widths = _characters(table.widths)
    row = _place(sheet, table.header, row, widths, header=True)
    header_end = row - 1
    row = _place(sheet, table.rows, row, widths, header=False)
    for note in (table.empty_statement, table.unfilled and f"注：{table.unfilled}", *table.notes):
        if note:
            put_text(sheet, row, 1, note).font = NOTE_FONT
            merge(sheet, row, 1, row, columns)
            row += 1
    return header_end if return_header_end else row - 1


def _place(sheet: Worksheet, rows: tuple[tuple[Cell, ...], ...], start: int, widths: list[int], header: bool) -> int:
    """Lay cells out as HTML does: a cell covered by a span above or to the left is absent.
    Each row is made tall enough for its wrapped text."""
    columns = len(widths)
    covered: set[tuple[int, int]] = set()
    row = start
    for cells in rows:
        column = 1
        total = bool(cells) and cells[0].text.replace(" ", "") in TOTAL_LABELS
        for cell in cells:
            while (row, column) in covered:
                column += 1
            if column > columns:
                break
            target = _write_cell(sheet, row, column, cell, header)
            last_row, last_column = row + cell.rowspan - 1, min(columns, column + cell.colspan - 1)
            covered.update((r, c) for r in range(row, last_row + 1) for c in range(column, last_column + 1))
            if last_row > row or last_column > column:
                merge(sheet, row, column, last_row, last_column)
            if cell.rowspan == 1 and isinstance(target.value, str):
                fit_row_height(sheet, row, lines_needed(target.value, sum(widths[column - 1:last_column])))
            column = last_column + 1
        for c in range(1, columns + 1):  # every cell of the row, covered or left open, gets its border
            target = sheet.cell(row, c)
            if total:
                style(target, border=BORDER, fill=TOTAL_FILL)
            else:
                style(target, border=BORDER)
        row += 1
    return max(row, max((r for r, _ in covered), default=row - 1) + 1)


def _write_cell(sheet: Worksheet, row: int, column: int, cell: Cell, header: bool):
    text = cell.text.strip()
    if cell.align == "right" and text and _FIGURE.match(text):
        value = Decimal(text.replace(",", ""))
        target = put_number(sheet, row, column, value, decimal_format(value, thousands="," in text or len(text) > 6))
    else:
        target = put_text(sheet, row, column, cell.text) if cell.text else sheet.cell(row, column)
    font = BOLD_FONT if (cell.bold or header) else BODY_FONT
    if header:
        return style(target, font=font, fill=HEADER_FILL, alignment=CENTER)
    return style(target, font=font, alignment=aligned(_ALIGN[cell.align], cell.indent))
