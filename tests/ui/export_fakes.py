"""Exporters the export tests run in the child process instead of the real ones.

The child imports this module by name (pytest puts tests/ui on sys.path, and the spawned child
inherits sys.path), so it must not import Qt. Each fake writes what it was asked into the file,
since the test cannot see the child's variables.
"""

import json
import os
import time
from pathlib import Path

from desktop.io.export import ExportResult, atomic_write, part_path


def slow(document, path: Path, *, year, draft, progress) -> ExportResult:
    """Reports 排版 7 times, slowly, then waits a little so the window sees the last value."""
    for done in range(1, 8):
        progress("排版", done, 7)
        time.sleep(0.08)
    time.sleep(0.4)
    Path(path).write_bytes(b"%PDF-1.4 slow")
    return ExportResult(Path(path), 3, draft)


def quick(document, path: Path, *, year, draft, progress) -> ExportResult:
    progress("审核", 0, 1)
    Path(path).write_bytes(b"%PDF-1.4 quick")
    return ExportResult(Path(path), 1, draft)


def audit(document, path: Path, *, year, progress) -> ExportResult:
    progress("审核", 0, 1)
    Path(path).write_text(json.dumps([document.department_name, str(path), year], ensure_ascii=False), "utf-8")
    return ExportResult(Path(path), 2, False)


def broken(*_args, **_kwargs):
    raise RuntimeError("排版引擎内部错误")


def endless(document, path: Path, **_options) -> ExportResult:
    """Writes its temporary file and reports progress until it is killed."""
    progress = _options["progress"]

    def write(temporary: Path) -> None:
        temporary.write_bytes(b"%PDF-1.4 half")
        done = 0
        while True:
            done += 1
            progress("排版", done % 100, 100)
            time.sleep(0.02)

    return atomic_write(path, write)


def dies(document, path: Path, **_options) -> ExportResult:
    """A crash the child cannot report: half a temporary file, then the process is gone."""
    part_path(path).write_bytes(b"%PDF-1.4 half")
    os._exit(3)


def refused_workbook(*_args, **_kwargs):
    from desktop.io.xlsx.exact import ExcelExportRefused
    raise ExcelExportRefused("“收入支出决算总表”第 7 行“本年收入”：12345678901234567.89 超出 Excel 能精确保存的位数")
