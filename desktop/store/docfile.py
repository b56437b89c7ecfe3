"""The document file (*.fdesk): an SQLite database, through the standard library's sqlite3.

Opening first inspects the file read-only — is it SQLite, is it ours (PRAGMA application_id),
is its schema version one this program knows, does `PRAGMA integrity_check` pass — and only
then opens it for writing and applies pending migrations. A file that fails any check is
refused with a Chinese message and left exactly as it was. Every save is one transaction (WAL).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from desktop import __version__
from desktop.domain.document import Document, DocumentError, SectionData
from desktop.domain.money import Money
from desktop.domain.schema import Column, DocumentSchema, ValueRejected, document_schema
from desktop.store.migrations import latest_version, migrate, user_version
from desktop.store.writes import FileWrite

APPLICATION_ID = 0x46444B31  # "FDK1"; also set by db/migrations/0001_document.sql
DOCUMENT_SCOPE = 0
SQLITE_HEADER = b"SQLite format 3\x00"


class DocumentFileError(Exception):
    """A document file that cannot be opened or written; the message is shown to the clerk."""


class NotAFiscalDeskFile(DocumentFileError):
    pass


class NewerVersionFile(DocumentFileError):
    pass


class DamagedFile(DocumentFileError):
    pass


def _encode(column: Column, value: Any) -> Any:
    if column.type == "money":
        return value.fen
    if column.type == "decimal":
        return format(value, "f")
    if column.type == "boolean":
        return int(value)
    return value


def _decode(column: Column, raw: Any) -> Any:
    from decimal import Decimal

    if column.type == "money":
        return Money(raw)
    if column.type == "decimal":
        return Decimal(raw)
    if column.type == "boolean":
        return bool(raw)
    return raw


def inspect(path: Path) -> int:
    """Check a file read-only and return its schema version; raise DocumentFileError if unusable."""
    name = path.name
    if not path.is_file():
        raise DocumentFileError(f"找不到文件“{name}”。")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise NotAFiscalDeskFile(f"“{name}”是空文件，不是 FiscalDesk 文档。文件未被修改。")
    if header != SQLITE_HEADER:
        raise NotAFiscalDeskFile(f"“{name}”不是 FiscalDesk 文档（文件格式不符）。文件未被修改。")
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    existing = {sidecar for sidecar in sidecars if sidecar.exists()}
    try:
        return _inspect_database(path, name)
    finally:
        for sidecar in set(sidecars) - existing:  # a read-only look at a WAL file may leave these
            if sidecar.exists() and (sidecar.name.endswith("-shm") or sidecar.stat().st_size == 0):
                sidecar.unlink()


def _inspect_database(path: Path, name: str) -> int:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id != APPLICATION_ID:
                raise NotAFiscalDeskFile(f"“{name}”是其他程序的数据库，不是 FiscalDesk 文档。文件未被修改。")
            version = user_version(connection)
            if version > latest_version():
                raise NewerVersionFile(
                    f"“{name}”由更新版本的 FiscalDesk 创建（文件版本 {version}，本程序最高支持 {latest_version()}）。"
                    "请升级 FiscalDesk 后再打开。文件未被修改。")
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise DamagedFile(f"“{name}”已损坏（完整性检查未通过：{result[0][0]}）。文件未被修改，请从备份恢复。")
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(f"“{name}”已损坏，无法读取（{exc}）。文件未被修改，请从备份恢复。") from None
    return version


def integrity_check(path: Path) -> list[str]:
    """`PRAGMA integrity_check` of a file (["ok"] when sound), after SQLite's own WAL recovery."""
    connection = sqlite3.connect(str(path))
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


class DocumentFile:
    """An open document file. Use `create` or `open`, then `load`/`save`, then `close`."""

    def __init__(self, path: Path, connection: sqlite3.Connection, schema: DocumentSchema,
                 read_only: bool = False) -> None:
        self.path = path
        self.connection = connection
        self.schema = schema
        self.read_only = read_only
        self.lock: Any = None  # the DocumentLock held while editing (desktop.store.opening sets it)

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def _connect(cls, path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(str(path), isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        return connection

    @classmethod
    def create(cls, path: str | Path, document: Document) -> DocumentFile:
        """A new file holding `document`; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise DocumentFileError(f"“{path.name}”已存在，不会覆盖。")
        connection = cls._connect(path)
        migrate(connection)
        file = cls(path, connection, document.schema)
        file.save(document)
        return file

    @classmethod
    def open(cls, path: str | Path, schema: DocumentSchema | None = None, read_only: bool = False) -> DocumentFile:
        """Open for writing, or with `read_only` for looking only (nothing is ever written)."""
        path = Path(path)
        version = inspect(path)
        if read_only:
            if version < latest_version():
                raise DocumentFileError(f"“{path.name}”是旧版本文档，需要先升级，不能以只读方式打开。")
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            connection.row_factory = sqlite3.Row
            return cls(path, connection, schema or document_schema(), read_only=True)
        connection = cls._connect(path)
        if version < latest_version():
            try:
                migrate(connection)
            except sqlite3.Error as exc:
                connection.close()
                raise DamagedFile(f"“{path.name}”升级到新版本时失败（{exc}）；文件保持原版本。") from None
        return cls(path, connection, schema or document_schema())

    def close(self) -> None:
        self.connection.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> DocumentFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return user_version(self.connection)

    # -- reading ------------------------------------------------------------------------
    def load(self) -> Document:
        document = Document.blank(self.schema)
        try:
            for row in self.connection.execute("SELECT year, profile FROM years ORDER BY year"):
                document.add_year(row["year"], row["profile"])
            targets: dict[int, dict[str, SectionData]] = {DOCUMENT_SCOPE: document.sections}
            targets.update({year: data.sections for year, data in document.years.items()})
            for row in self.connection.execute(
                    "SELECT scope_year, section, row_id FROM table_rows ORDER BY scope_year, section, position"):
                targets[row["scope_year"]][row["section"]].add_row(row_id=row["row_id"])
            for row in self.connection.execute("SELECT scope_year, section, row_id, column_key, value FROM cells"):
                data = targets[row["scope_year"]][row["section"]]
                column = data.section.column(row["column_key"])
                data.set_value(row["row_id"], column.key, _decode(column, row["value"]))
            for row in self.connection.execute("SELECT year, rule_id, location, text FROM explanations"):
                if row["year"] in document.years:
                    document.years[row["year"]].explanations[(row["rule_id"], row["location"])] = str(row["text"])
        except (KeyError, DocumentError, TypeError, ValueError, ArithmeticError) as exc:
            raise DamagedFile(f"“{self.path.name}”的内容与本程序的表结构不符（{exc}）。文件未被修改。") from None
        except sqlite3.Error as exc:
            raise DamagedFile(f"“{self.path.name}”已损坏，无法读取（{exc}）。文件未被修改，请从备份恢复。") from None
        return document

    # -- writing ------------------------------------------------------------------------
    def _transaction(self, statements: Iterable[tuple[str, Iterable[tuple]]]) -> None:
        if self.read_only:
            raise DocumentFileError(f"“{self.path.name}”以只读方式打开，不能修改。")
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql, parameters in statements:
                conn.executemany(sql, parameters)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def save(self, document: Document) -> None:
        """Replace the whole stored document in one transaction."""
        scopes = [(DOCUMENT_SCOPE, document.sections)]
        scopes += [(year, data.sections) for year, data in document.years.items()]
        table_rows, cells = [], []
        for scope, sections in scopes:
            for key, data in sections.items():
                if data.section.kind == "table":
                    table_rows += [(scope, key, row_id, i) for i, row_id in enumerate(data.rows)]
                cells += [(scope, key, row_id, column_key, _encode(data.section.column(column_key), value))
                          for row_id, column_key, value in data.cells()]
        stamp = datetime.now().isoformat(timespec="seconds")
        explanations = [(year, rule, location, text, stamp) for year, data in document.years.items()
                        for (rule, location), text in data.explanations.items()]
        meta = [("department", document.department_name), ("saved_at", datetime.now().isoformat(timespec="seconds")),
                ("saved_by_version", __version__)]
        self._transaction([
            ("DELETE FROM cells", [()]), ("DELETE FROM table_rows", [()]), ("DELETE FROM years", [()]),
            ("DELETE FROM explanations", [()]),
            ("INSERT INTO explanations VALUES (?, ?, ?, ?, ?)", explanations),
            ("INSERT INTO years (year, profile) VALUES (?, ?)", [(y, d.profile) for y, d in document.years.items()]),
            ("INSERT INTO table_rows VALUES (?, ?, ?, ?)", table_rows),
            ("INSERT INTO cells VALUES (?, ?, ?, ?, ?)", cells),
            ("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta),
        ])

    def write_cell(self, year: int | None, section_key: str, row_id: str, column_key: str, value: Any) -> None:
        """Commit one cell (None clears it) in its own transaction: the path every GUI edit takes."""
        section = self.schema.section(section_key)
        column = section.column(column_key)
        scope = DOCUMENT_SCOPE if year is None else year
        if section.kind == "form":
            known = row_id == ""
        elif section.kind == "grid":
            known = row_id in section.row_keys
        else:
            known = self.connection.execute("SELECT 1 FROM table_rows WHERE scope_year=? AND section=? AND row_id=?",
                                    [scope, section_key, row_id]).fetchone() is not None
        if not known:
            raise DocumentError(f"{section.label}：没有行“{row_id}”")
        where = (scope, section_key, row_id, column_key)
        if value is None:
            self._transaction([("DELETE FROM cells WHERE scope_year=? AND section=? AND row_id=? AND column_key=?",
                                [where])])
        else:
            try:
                stored = _encode(column, column.check(value))
            except ValueRejected as exc:
                raise DocumentError(f"{section.label}：{exc}") from exc
            self._transaction([("INSERT OR REPLACE INTO cells VALUES (?, ?, ?, ?, ?)", [(*where, stored)])])

    def commit(self, write: FileWrite) -> None:
        """Apply one edit's writes in a single transaction: all of them or none.

        Values are checked against their columns before anything is written.
        """
        statements: list[tuple[str, list[tuple]]] = []
        removed = [(self._scope(scope), section, row_id) for scope, section, row_id in write.removed_rows]
        if removed:
            statements.append(("DELETE FROM cells WHERE scope_year=? AND section=? AND row_id=?", removed))
        for (scope, section_key), order in write.row_orders.items():
            if self.schema.section(section_key).kind != "table":
                raise DocumentError(f"{self.schema.section(section_key).label}的行是固定的，不能增删")
            where = (self._scope(scope), section_key)
            statements.append(("DELETE FROM table_rows WHERE scope_year=? AND section=?", [where]))
            statements.append(("INSERT INTO table_rows VALUES (?, ?, ?, ?)",
                               [(*where, row_id, position) for position, row_id in enumerate(order)]))
        final: dict[tuple, Any] = {}  # a cell written twice in one edit keeps its last value
        for scope, section_key, row_id, column_key, value in write.cells:
            final[(self._scope(scope), section_key, row_id, column_key)] = value
        cleared, stored = [], []
        for where, value in final.items():
            section = self.schema.section(where[1])
            column = section.column(where[3])
            if value is None:
                cleared.append(where)
                continue
            try:
                stored.append((*where, _encode(column, column.check(value))))
            except ValueRejected as exc:
                raise DocumentError(f"{section.label}：{exc}") from exc
        if cleared:
            statements.append(("DELETE FROM cells WHERE scope_year=? AND section=? AND row_id=? AND column_key=?",
                               cleared))
        if stored:
            statements.append(("INSERT OR REPLACE INTO cells VALUES (?, ?, ?, ?, ?)", stored))
        stamp = datetime.now().isoformat(timespec="seconds")
        last = {(y, r, loc): text for y, r, loc, text in write.explanations}  # the last word on each wins
        gone = [key for key, text in last.items() if text is None or not text.strip()]
        kept = [(*key, text, stamp) for key, text in last.items() if text and text.strip()]
        if gone:
            statements.append(("DELETE FROM explanations WHERE year=? AND rule_id=? AND location=?", gone))
        if kept:
            statements.append(("INSERT OR REPLACE INTO explanations VALUES (?, ?, ?, ?, ?)", kept))
        if statements:
            try:
                self._transaction(statements)
            except sqlite3.Error as exc:
                raise DocumentFileError(f"写入“{self.path.name}”失败（{exc}），本次修改未保存。") from exc

    @staticmethod
    def _scope(scope: int | None) -> int:
        return DOCUMENT_SCOPE if scope is None else scope

    # -- explanations of warnings ---------------------------------------------------------
    def explanations(self, year: int) -> dict[tuple[str, str], str]:
        return {(r["rule_id"], r["location"]): r["text"]
                for r in self.connection.execute("SELECT rule_id, location, text FROM explanations WHERE year = ?",
                                                 [year])}

    def set_explanation(self, year: int, rule_id: str, location: str, text: str | None) -> None:
        """Store (or, with None/blank text, remove) the explanation of one finding."""
        key = (year, rule_id, location)
        if text is None or not text.strip():
            self._transaction([("DELETE FROM explanations WHERE year=? AND rule_id=? AND location=?", [key])])
        else:
            stamp = datetime.now().isoformat(timespec="seconds")
            self._transaction([("INSERT OR REPLACE INTO explanations VALUES (?, ?, ?, ?, ?)", [(*key, text, stamp)])])
