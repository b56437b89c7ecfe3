"""Excel interchange: the workbook a clerk gets from 导出Excel or a template, and its import.

`export_xlsx` writes the official tables for reading and printing plus one 填报 sheet per
section; `read_xlsx` reads the 填报 sheets back into a document of one year (all or nothing,
every problem named by sheet and cell). openpyxl is imported only when one of them runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.bulk import bulk
from desktop.domain.document import DEFAULT_PROFILE, Document
from desktop.io.xlsx.exact import ExcelExportRefused
from desktop.io.xlsx.explanations import drop_unmatched, unmatched_explanations
from desktop.io.xlsx.reader import Progress, WorkbookImport, XlsxImportError, read_workbook

__all__ = ["ExcelExportRefused", "ExportResult", "WorkbookImport", "XlsxImportError", "export_xlsx", "export_template",
           "read_xlsx", "unmatched_explanations", "drop_unmatched"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sheets: int


def export_xlsx(document: Document, path: str | Path, year: int | None = None, *,
                template: bool = False, now: datetime | None = None) -> ExportResult:
    """Write the workbook of one year (default: the latest); a template leaves the 填报 sheets
    empty but keeps the department, the year and its profile."""
    from desktop.io.xlsx.writer import build_workbook
    data = document.latest_year() if year is None else document.year(year)
    if template:
        blank = Document.new(document.department_name or "", data.year, data.profile, document.schema)
        blank.section("department").rows = {k: dict(v) for k, v in document.section("department").rows.items()}
        blank.section("units").rows = {k: dict(v) for k, v in document.section("units").rows.items()}
        document, data = blank, blank.year(data.year)
    workbook = build_workbook(document, data, template=template, now=now)
    return _save(workbook, Path(path))


def export_template(path: str | Path, year: int, profile: str = DEFAULT_PROFILE,
                    department: str = "") -> ExportResult:
    """The empty layout of a year, for clerks to fill and import."""
    return export_xlsx(Document.new(department, year, profile), path, template=True)


def _save(workbook, path: Path) -> ExportResult:
    """Write through a temporary file, so a failure never leaves half a workbook behind."""
    temporary = path.with_name(f".{path.name}.part")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return ExportResult(path, len(workbook.worksheets))


@bulk
def read_xlsx(path: str | Path, progress: Progress | None = None) -> WorkbookImport:
    """The workbook's document of one year; `progress(stage, done, total)` as read_workbook."""
    return read_workbook(path, progress=progress)
