"""Imported official 科目表 in the user data folder: `codes/<year>.json`, one file per year.

Every document on the PC uses them: desktop.domain.codes.code_table prefers the imported table
of a year over the bundled one, scheme by scheme. A file is written atomically (a temporary
file, then a rename), so a crash leaves the previous table. A new import of a year keeps the
schemes of the earlier import that the new file does not hold (a 功能分类 file, then an 经济分类
file). The document records the table it was checked against in its `meta` table.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.code_import import CodeImport
from desktop.domain.codes import (SCHEMES, CodeTable, CodeTableStamp, available_years, bundled_table, code_table,
                                  forget_code_tables, imported_codes_dir, imported_table_path, merge_imported)
from desktop.domain.text import is_ascii_digits

META_PREFIX = "code_table:"


@dataclass(frozen=True)
class TableInfo:
    """One year as `fiscaldesk codes list` shows it."""
    year: int
    imported: bool
    entries: int
    source: str
    imported_at: str   # "" for a bundled table
    sha256: str


def save_imported(year: int, result: CodeImport, file_name: str, now: datetime | None = None) -> CodeTable:
    """Store what a file gave as the official table of `year`; returns the table now in use.

    Raises ValueError (Chinese) when the file gave no code at all.
    """
    if not result.entry_count:
        raise ValueError(f"“{file_name}”中没有可导入的科目（需要“科目编码”“科目名称”两列）。")
    data = result.table_data(year, file_name, now)
    path = imported_table_path(year)
    earlier = _read(path)
    if earlier is not None and earlier.get("year") == year:
        for scheme, source in earlier.get("imported", {}).items():
            if scheme in SCHEMES and scheme not in data["imported"]:
                data[scheme] = earlier[scheme]
                data["imported"][scheme] = source
    data["imported"] = {s: data["imported"][s] for s in SCHEMES if s in data["imported"]}
    CodeTable(merge_imported(data, bundled_table(year)), year)  # what is written can be loaded
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    forget_code_tables()
    return code_table(year)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def imported_years() -> list[int]:
    folder = imported_codes_dir()
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.glob("*.json") if is_ascii_digits(p.stem))


def list_tables() -> list[TableInfo]:
    """Every year with a bundled or imported table, ascending."""
    infos = []
    for year in sorted(set(available_years()) | set(imported_years())):
        table = code_table(year)
        dates = sorted({source["imported_at"] for source in table.imported.values()})
        infos.append(TableInfo(year, bool(table.imported), table.entry_count, table.source(),
                               "、".join(dates), table.sha256))
    return infos


# -- what a document was checked against --------------------------------------------------
def recorded_stamp(file: Any, year: int) -> CodeTableStamp | None:
    """The table `file`'s document recorded for `year` at its last 审核 (None: none recorded)."""
    try:
        row = file.connection.execute("SELECT value FROM meta WHERE key = ?", [f"{META_PREFIX}{year}"]).fetchone()
        return None if row is None else CodeTableStamp.from_json(json.loads(row[0]))
    except (sqlite3.Error, ValueError):
        return None


def record_stamp(file: Any, year: int, stamp: CodeTableStamp) -> bool:
    """Record in the document that its `year` was checked against `stamp`; True when it changed.

    A read-only document records nothing (and says so by returning False).
    """
    try:
        if file.read_only or recorded_stamp(file, year) == stamp:
            return False
        value = json.dumps(stamp.to_json(), ensure_ascii=False, sort_keys=True)
        file._transaction([("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [(f"{META_PREFIX}{year}", value)])])
    except sqlite3.Error:  # a record is a note: a file that cannot take it is still checked
        return False
    return True
