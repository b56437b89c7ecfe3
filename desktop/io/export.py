"""What the published-document exports (PDF and Word) share: the gate, the result, the progress
callback and the atomic write.

Both formats render the same `Publication` and obey the same gate: refused while 审核 errors,
unexplained warnings or unfilled tables remain, unless a 草稿 is asked for. Both write through a
temporary file beside the target and replace it only when complete, so a failed or cancelled
export leaves neither a half file nor a damaged previous one. Nothing here imports a renderer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from desktop.domain.document import Document
from desktop.publication.gate import GateReport, export_gate

Progress = Callable[[str, int, int], None]  # (stage text, done, total)
T = TypeVar("T")


class ExportRefused(Exception):
    """The gate is closed: errors, unexplained warnings or unfilled tables; str() names them."""

    def __init__(self, report: GateReport) -> None:
        super().__init__(report.message())
        self.report = report


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int | None  # None when the format is paginated by the program that opens it (Word)
    draft: bool


def tell(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def check_gate(document: Document, year: int | None, draft: bool, progress: Progress | None = None) -> GateReport:
    """The gate of `year`; ExportRefused when it is closed and no draft was asked for."""
    tell(progress, "审核", 0, 1)
    report = export_gate(document, year)
    if not report.open and not draft:
        raise ExportRefused(report)
    return report


def part_path(path: Path) -> Path:
    """The temporary file an export of `path` writes before replacing it (hidden, beside it)."""
    path = Path(path)
    return path.with_name(f".{path.name}.part")


def atomic_write(path: Path, write: Callable[[Path], T]) -> T:
    """Write through a temporary file beside `path`, so a failed export leaves no half file."""
    temporary = part_path(path)
    try:
        result = write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return result
