"""PDF export of the 决算公开说明 (and the internal 审核说明), behind the publication gate.

reportlab costs ≈ 0.15 s to import, so nothing here imports it at module level: the renderers
are imported when an export starts, never at application start. The gate check, the result and
the atomic write are shared with the Word export (desktop/io/export.py) and re-exported here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.document import Document
from desktop.io.export import ExportRefused, ExportResult, Progress, atomic_write, check_gate, tell

__all__ = ["ExportRefused", "ExportResult", "Progress", "export_audit_pdf", "export_pdf"]


def export_pdf(document: Document, path: Path, *, year: int | None = None, draft: bool = False,
               progress: Progress | None = None, today: date | None = None) -> ExportResult:
    """Write the publication PDF of `year` (default: the latest) to `path`, replacing it only when
    complete; refused (ExportRefused) while the gate is closed, unless `draft`."""
    check_gate(document, year, draft, progress)
    from desktop.io.pdf.render import render_publication
    from desktop.publication.outline import build_publication

    tell(progress, "生成说明与表格", 0, 1)
    publication = build_publication(document, year, draft=draft, today=today)
    pages = atomic_write(path, lambda temporary: render_publication(publication, temporary, progress))
    return ExportResult(Path(path), pages, draft)


def export_audit_pdf(document: Document, path: Path, *, year: int | None = None,
                     progress: Progress | None = None, today: date | None = None) -> ExportResult:
    """Write the 审核说明 (every warning with its explanation, every info finding) to `path`."""
    from desktop.io.pdf.render import render_publication
    from desktop.publication.audit import build_audit

    tell(progress, "审核", 0, 1)
    audit = build_audit(document, year, today=today)
    pages = atomic_write(path, lambda temporary: render_publication(audit, temporary, progress))
    return ExportResult(Path(path), pages, False)
