"""Any workbook's sheets for the official-table import (desktop/io/official): every filled cell's
value, merged ranges, hidden rows and columns, formulas by their cached value.

Cells are streamed in read-only mode, as a FiscalDesk workbook is read (openpyxl's full mode
spends half a minute styling the merged cells of a large workbook); the merged ranges and what is
hidden, which read-only mode does not give, are taken from each sheet's XML (its <mergeCell>,
<row hidden> and <col hidden> elements). A FiscalDesk workbook's own 填报 sheets are its input
layout, never a published table, and are passed over. The same file checks apply (size,
encryption, .xls, a zip bomb).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from desktop.io.official.sheets import Sheet
from desktop.io.xlsx.layout import DATA_SHEET_PREFIX
from desktop.io.xlsx.reader import XlsxImportError, check_file

MAX_SHEET_CELLS = 200_000  # filled cells of one sheet: a department's 公开 tables hold a few thousand


def load_sheets(path: str | Path) -> tuple[list[Sheet], list[str]]:
    """Every sheet of the workbook, and notes for the clerk (formulas read by value …); a file
    that cannot be opened is refused with XlsxImportError naming why."""
    path = Path(path)
    check_file(path)
    from openpyxl import load_workbook
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
        try:
            sheets, formulas = _values(workbook)
            parts = {sheet.name: workbook[sheet.name]._worksheet_path for sheet in sheets}
        finally:
            workbook.close()
        notes = _cached_values(path, sheets, formulas) if formulas else []
        with zipfile.ZipFile(path) as archive:
            for sheet in sheets:
                _layout(archive, parts[sheet.name], sheet)
    except XlsxImportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        raise XlsxImportError([f"“{path.name}”已损坏或不是 Excel 工作簿（.xlsx），无法打开。"]) from None
    except MemoryError:
        raise XlsxImportError([f"“{path.name}”内容过大，无法读取。"]) from None
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for damaged parts  # noqa: BLE001
        raise XlsxImportError([f"“{path.name}”已损坏，无法读取（{type(exc).__name__}）。"]) from None
    return sheets, notes


def _values(workbook: Any) -> tuple[list[Sheet], dict[str, list[tuple[int, int]]]]:
    sheets, formulas = [], {}
    for worksheet in workbook.worksheets:
        if worksheet.title.startswith(DATA_SHEET_PREFIX):
            continue
        sheet = Sheet(worksheet.title)
        worksheet.reset_dimensions()  # the <dimension> tag may be stale or inflated
        for row in worksheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if getattr(cell, "data_type", None) == "f":
                    formulas.setdefault(worksheet.title, []).append((cell.row, cell.column))
                    continue
                sheet.values[(cell.row, cell.column)] = value
                if len(sheet.values) > MAX_SHEET_CELLS:
                    raise XlsxImportError([f"工作表“{worksheet.title}”有超过 {MAX_SHEET_CELLS:,} 个填写的单元格，"
                                           f"不是一个部门的公开报表；请只保留公开报表后再导入"])
        sheets.append(sheet)
    return sheets, formulas


def _cached_values(path: Path, sheets: list[Sheet], formulas: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Each formula's last computed value, as Excel saved it; a formula without one reads blank."""
    from openpyxl import load_workbook
    from desktop.io.xlsx.reader import cell_coordinate
    by_name = {sheet.name: sheet for sheet in sheets}
    notes = []
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for title, cells in formulas.items():
            wanted = set(cells)
            cached = {}
            for row in workbook[title].iter_rows(min_row=min(r for r, _ in cells), max_row=max(r for r, _ in cells)):
                for cell in row:
                    if (getattr(cell, "row", None), getattr(cell, "column", None)) in wanted:
                        cached[(cell.row, cell.column)] = cell.value
            found = [where for where in cells if cached.get(where) is not None]
            missing = [where for where in cells if cached.get(where) is None]
            for where in found:
                by_name[title].values[where] = cached[where]
            for label, group in (("个公式单元格按其计算结果读取", found),
                                 ("个公式没有保存计算结果，按空白读取", missing)):
                if group:
                    shown = "、".join(cell_coordinate(*where) for where in group[:5]) + ("等" if len(group) > 5 else "")
                    hint = "；请用 Excel 打开并保存后重新导入" if group is missing else ""
                    notes.append(f"{title}：{len(group)} {label}（{shown}{hint}）")
    finally:
        workbook.close()
    return notes


def _layout(archive: zipfile.ZipFile, part: str, sheet: Sheet) -> None:
    """The sheet's merged ranges and hidden rows and columns, from its XML."""
    from openpyxl.utils.cell import range_boundaries
    row_number = 0
    with archive.open(part.lstrip("/")) as stream:
        for _event, element in iterparse(stream):
            tag = element.tag.rpartition("}")[2]  # the element's name without its namespace
            if tag == "mergeCell" and element.get("ref"):
                left, top, right, bottom = range_boundaries(element.get("ref"))
                sheet.spans[(top, left)] = (bottom, right)
            elif tag == "row":
                row_number = int(element.get("r") or row_number + 1)  # "r" may be left out: the next row
                if element.get("hidden") in ("1", "true"):
                    sheet.hidden_rows.add(row_number)
                element.clear()
            elif tag == "col" and element.get("hidden") in ("1", "true"):
                sheet.hidden_columns.update(range(int(element.get("min")), int(element.get("max")) + 1))
    sheet.index_spans()
