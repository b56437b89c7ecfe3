"""Exporters for tests/io/test_child_export.py, run in the child process (imported there by name)."""

import os
import time
from pathlib import Path

from desktop.io.export import atomic_write, part_path


class Unpicklable(Exception):
    """An exception the child cannot send as it is (its constructor needs two arguments)."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}：{what}")


def echo(document, path: Path, *, progress, **options):
    progress("写入", 1, 1)
    Path(path).write_text(document.department_name, "utf-8")
    return {"options": options, "pid": os.getpid()}


def unpicklable(*_args, **_kwargs):
    raise Unpicklable("第 3 行", "无法排版")


def missing_folder(document, path: Path, **_options):
    return Path(path).write_text("x", "utf-8")


def dies(document, path: Path, **_options):
    part_path(path).write_bytes(b"half")
    os._exit(7)


def endless(document, path: Path, *, progress, **_options):
    """Writes its temporary file and reports progress until it is killed."""
    def write(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        while True:
            progress("排版", 1, 2)
            time.sleep(0.02)

    return atomic_write(path, write)
