"""The department's other years: the year documents a clerk keeps beside the open one.

Clerks usually keep one file per year ("<部门><年度>.fdesk", see File ▸ 新建) in one folder, while
a document imported from JSON or made by an older version may hold several years. The year
switcher offers both: the years the open document holds, and the years of the same department's
documents found in its folder and in the recent-files list.

Candidates are only peeked at, never opened: the header is checked, then the department name and
the `years` table are read through a read-only connection (no lock, no integrity check, no full
load, nothing written; the empty -wal/-shm such a look can leave are tidied as `inspect_file`
does). A file that cannot be read that way — damaged, another program's, a newer version — is left
out silently: opening it from 文件 ▸ 打开 is where its problem is explained. Qt-free.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from desktop.store.docfile import (APPLICATION_ID, DOCUMENT_SCOPE, DocumentFileError, check_shape,
                                   connect_read_only, journals_present, tidy_journals)
from desktop.store.migrations import latest_version

SUFFIX = ".fdesk"
MAX_CANDIDATES = 200  # a folder of hundreds of documents is not worth peeking at on every open


@dataclass(frozen=True)
class Peek:
    """What a quick read-only look at a document file found."""
    path: Path
    department: str
    years: tuple[int, ...]


@dataclass(frozen=True)
class YearChoice:
    """One entry of the year switcher: a year of the open document (`path` None) or of another file."""
    year: int
    path: Path | None = None

    @property
    def label(self) -> str:
        return f"{self.year}年度" if self.path is None else f"{self.year}年度（{self.path.name}）"


def peek(path: Path) -> Peek | None:
    """The department name and years of a FiscalDesk document, or None when it cannot be read cheaply."""
    path = Path(path)
    try:
        check_shape(path)
        journals = journals_present(path)
        try:
            connection = connect_read_only(path)
            try:
                return _read(connection, path)
            finally:
                connection.close()
        finally:
            tidy_journals(path, journals)
    except (OSError, sqlite3.Error, DocumentFileError, ValueError, TypeError):
        return None


def _read(connection: sqlite3.Connection, path: Path) -> Peek | None:
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return None
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= latest_version():
        return None
    row = connection.execute("SELECT value FROM cells WHERE scope_year = ? AND section = 'department' "
                             "AND row_id = '' AND column_key = 'name'", (DOCUMENT_SCOPE,)).fetchone()
    department = row[0].strip() if row is not None and isinstance(row[0], str) else ""
    years = tuple(sorted(y for (y,) in connection.execute("SELECT year FROM years") if type(y) is int))
    return Peek(path, department, years)


def candidate_paths(current: Path, recent: Iterable[str] = ()) -> list[Path]:
    """Document files beside `current` (sorted by name), then the recent ones; each once, never `current`."""
    current = Path(current)
    found: list[Path] = []
    try:
        beside = sorted(p for p in current.parent.iterdir() if p.suffix.lower() == SUFFIX)
    except OSError:
        beside = []
    seen = {_identity(current)}
    for path in [*beside, *(Path(text) for text in recent)]:
        identity = _identity(path)
        if identity is None or identity in seen:
            continue
        seen.add(identity)
        found.append(path)
        if len(found) >= MAX_CANDIDATES:
            break
    return found


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing regular file, so one file reached by two names counts once."""
    try:
        stat = path.stat()
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    return (stat.st_dev, stat.st_ino)


def year_choices(current: Path, department: str, years: Iterable[int], recent: Iterable[str] = ()) -> list[YearChoice]:
    """The open document's years and the same department's other year documents, sorted by year
    (at one year, the open document's own first, then files by name)."""
    choices = [YearChoice(year) for year in set(years)]
    department = department.strip()
    if department:  # a document without a department name has no siblings to recognise
        for path in candidate_paths(current, recent):
            found = peek(path)
            if found is not None and found.department == department:
                choices += [YearChoice(year, path) for year in found.years]
    return sorted(choices, key=lambda c: (c.year, c.path is not None, c.path.name if c.path else "", str(c.path)))
