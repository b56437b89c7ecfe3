"""Any workbook's sheets for the official-table import (desktop/io/official): every filled cell's
value, merged ranges, hidden rows and columns, formulas by their cached value.

Unlike a FiscalDesk workbook, which is read row by row in read-only mode, a workbook written by
other software is opened whole: merged ranges are only known that way, and such workbooks are
small (the 公开 tables of a department). The same file checks apply (size, encryption, .xls, a
zip bomb).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from desktop.io.official.sheets import Sheet
from desktop.io.xlsx.reader import XlsxImportError, check_file

MAX_SHEET_CELLS = 200_000  # filled cells of one sheet: a department's 公开 tables hold a few thousand


def load_sheets(path: str | Path) -> tuple[list[Sheet], list[str]]:
    """Every sheet of the workbook, and notes for the clerk (formulas read by value …); a file
    that cannot be opened is refused with XlsxImportError naming why."""
    path = Path(path)
    check_file(path)
    from openpyxl import load_workbook
    try:
        with_formulas = load_workbook(path, data_only=False)
        cached = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        raise XlsxImportError([f"“{path.name}”已损坏或不是 Excel 工作簿（.xlsx），无法打开。"]) from None
    except MemoryError:
        raise XlsxImportError([f"“{path.name}”内容过大，无法读取。"]) from None
    except Exception as exc:  # openpyxl raises many kinds for damaged parts  # noqa: BLE001
        raise XlsxImportError([f"“{path.name}”已损坏，无法读取（{type(exc).__name__}）。"]) from None
    sheets, notes = [], []
    for worksheet in with_formulas.worksheets:
        values_sheet = cached[worksheet.title]
        sheet = Sheet(worksheet.title)
        formulas, missing = [], []
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value
                if cell.data_type == "f":
                    value = values_sheet.cell(cell.row, cell.column).value
                    (formulas if value is not None else missing).append(cell.coordinate)
                    if value is None:
                        continue
                if isinstance(value, str) and not value.strip():
                    continue
                sheet.values[(cell.row, cell.column)] = value
                if len(sheet.values) > MAX_SHEET_CELLS:
                    raise XlsxImportError([f"工作表“{worksheet.title}”有超过 {MAX_SHEET_CELLS:,} 个填写的单元格，"
                                           f"不是一个部门的公开报表；请只保留公开报表后再导入"])
        for merged in worksheet.merged_cells.ranges:
            sheet.spans[(merged.min_row, merged.min_col)] = (merged.max_row, merged.max_col)
        sheet.index_spans()
        sheet.hidden_rows = {r for r, d in worksheet.row_dimensions.items() if d.hidden}
        sheet.hidden_columns = _hidden_columns(worksheet)
        if formulas:
            shown = "、".join(formulas[:5]) + ("等" if len(formulas) > 5 else "")
            notes.append(f"{worksheet.title}：{len(formulas)} 个公式单元格按其计算结果读取（{shown}）")
        if missing:
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            notes.append(f"{worksheet.title}：{len(missing)} 个公式没有保存计算结果，按空白读取（{shown}；"
                         f"请用 Excel 打开并保存后重新导入）")
        sheets.append(sheet)
    return sheets, notes


def _hidden_columns(worksheet: Any) -> set[int]:
    from openpyxl.utils import column_index_from_string
    hidden = set()
    for letter, dimension in worksheet.column_dimensions.items():
        if dimension.hidden:
            first = column_index_from_string(letter)
            last = max(first, dimension.max or first)
            hidden.update(range(max(first, dimension.min or first), last + 1))
    return hidden
