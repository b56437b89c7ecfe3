"""The cell values of every sheet of a 科目表 workbook (desktop.io.code_files understands them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


def workbook_rows(path: Path) -> list[tuple[str, list[Sequence[Any]]]]:
    """(sheet title, rows of cached values) for each sheet; openpyxl's errors pass through."""
    from openpyxl import load_workbook  # only when a workbook is read
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
                for sheet in workbook.worksheets]
    finally:
        workbook.close()
