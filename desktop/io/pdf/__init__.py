"""PDF export of the 决算公开说明 (and the internal 审核说明), behind the publication gate.

reportlab costs ≈ 0.15 s to import, so nothing here imports it at module level: the renderers
are imported when an export starts, never at application start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from desktop.domain.document import Document
from desktop.publication.gate import GateReport, export_gate

Progress = Callable[[str, int, int], None]  # (stage text, done, total)


class ExportRefused(Exception):
    """The gate is closed: errors, unexplained warnings or unfilled tables; str() names them."""

    def __init__(self, report: GateReport) -> None:
        super().__init__(report.message())
        self.report = report


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    draft: bool


def export_pdf(document: Document, path: Path, *, year: int | None = None, draft: bool = False,
               progress: Progress | None = None, today: date | None = None) -> ExportResult:
    """Write the publication PDF of `year` (default: the latest) to `path`, replacing it only when
    complete; refused (ExportRefused) while the gate is closed, unless `draft`."""
    _tell(progress, "审核", 0, 1)
    report = export_gate(document, year)
    if not report.open and not draft:
        raise ExportRefused(report)
    from desktop.io.pdf.render import render_publication
    from desktop.publication.outline import build_publication

    _tell(progress, "生成说明与表格", 0, 1)
    publication = build_publication(document, year, draft=draft, today=today)
    pages = _atomic(path, lambda temporary: render_publication(publication, temporary, progress))
    return ExportResult(Path(path), pages, draft)


def export_audit_pdf(document: Document, path: Path, *, year: int | None = None,
                     progress: Progress | None = None, today: date | None = None) -> ExportResult:
    """Write the 审核说明 (every warning with its explanation, every info finding) to `path`."""
    from desktop.io.pdf.render import render_publication
    from desktop.publication.audit import build_audit

    _tell(progress, "审核", 0, 1)
    audit = build_audit(document, year, today=today)
    pages = _atomic(path, lambda temporary: render_publication(audit, temporary, progress))
    return ExportResult(Path(path), pages, False)


def _tell(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _atomic(path: Path, write: Callable[[Path], int]) -> int:
    """Write through a temporary file beside `path`, so a failed export leaves no half file."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        pages = write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return pages
