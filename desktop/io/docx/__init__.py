"""Word (DOCX) export of the 决算公开说明: the editable copy of the PDF, behind the same gate.

python-docx and lxml cost time to import, so nothing here imports them at module level: the
renderer is imported when an export starts, never at application start (DESIGN.md §10).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.document import Document
from desktop.io.export import ExportRefused, ExportResult, Progress, atomic_write, check_gate, tell

__all__ = ["ExportRefused", "ExportResult", "Progress", "export_docx"]


def export_docx(document: Document, path: Path, *, year: int | None = None, draft: bool = False,
                progress: Progress | None = None, today: date | None = None) -> ExportResult:
    """Write the publication of `year` (default: the latest) as a Word document to `path`,
    replacing it only when complete; refused (ExportRefused) while the gate is closed, unless `draft`."""
    check_gate(document, year, draft, progress)
    from desktop.io.docx.render import render_publication
    from desktop.publication.outline import build_publication

    tell(progress, "生成说明与表格", 0, 1)
    publication = build_publication(document, year, draft=draft, today=today)
    atomic_write(path, lambda temporary: render_publication(publication, temporary, progress))
    return ExportResult(Path(path), None, draft)


def read_back(path: Path) -> dict[str, int | str]:
    """What a Word document written here holds, read with python-docx (the smoke test's check that
    the file opens): its paragraph text, and how many tables, headings, pictures and fields it has."""
    from docx import Document as open_docx

    word = open_docx(str(path))
    body = word.element.body
    return {
        "text": "\n".join(p.text for p in word.paragraphs),
        "tables": len(word.tables),
        "headings": sum(1 for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")),
        "pictures": len(word.inline_shapes),
        "toc": sum(1 for code in body.iter("{*}instrText") if code.text and code.text.strip().startswith("TOC")),
    }
