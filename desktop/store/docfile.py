"""The document file (*.fdesk): an SQLite database, through the standard library's sqlite3.

Opening first inspects the file read-only — is it SQLite, is it ours (PRAGMA application_id),
is its schema version one this program knows, does `PRAGMA integrity_check` pass — and only
then opens it for writing and applies pending migrations. A file that fails any check is
refused with a Chinese message and left exactly as it was. Every save is one transaction: in WAL
mode on a local disk, with a rollback journal on a network file system (see wants_wal), where
WAL's shared memory cannot work between PCs.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from desktop import __version__
from desktop.bulk import bulk
from desktop.domain.department_units import is_split, reporting_units, split_key, stored_cells, summarise, unit_key
from desktop.domain.document import Document, DocumentError, SectionData
from desktop.domain.money import Money
from desktop.domain.schema import UNIT_SEPARATOR, Column, DocumentSchema, ValueRejected, document_schema
from desktop.domain.sources import KINDS, Source
from desktop.store import filesystems
from desktop.store.errors import (DamagedFile, DiskFull, DocumentBusy, DocumentFileError, NewerVersionFile,
                                  NotAFiscalDeskFile, ReadOnlyLocation, UnknownProfile, UnsafeFile)
from desktop.store.migrations import latest_version, migrate, user_version
from desktop.store.uris import document_uri
from desktop.store.writes import FileWrite

APPLICATION_ID = 0x46444B31  # "FDK1"; also set by db/migrations/0001_document.sql
DOCUMENT_SCOPE = 0
SOURCES_VERSION = 4  # db/migrations/0004_cell_sources.sql: files read read-only at an older version have none
UNITS_VERSION = 5  # db/migrations/0005_units.sql: years entered per unit
SQLITE_HEADER = b"SQLite format 3\x00"


# SQLite's primary result codes that decide what a failure is called
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14
SQLITE_READONLY_ROLLBACK = SQLITE_READONLY | 3 << 8  # a hot journal only a writer can roll back
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | 19 << 8  # no room to grow the WAL index beside the file
SQLITE_IOERR_WRITE_FULL = SQLITE_IOERR | 3 << 8  # (a write failing for want of space is IOERR_WRITE)


def _encode(column: Column, value: Any) -> Any:
    if column.type == "money":
        return value.fen
    if column.type == "decimal":
        return format(value, "f")
    if column.type == "boolean":
        return int(value)
    return value


def _decode(column: Column, raw: Any) -> Any:
    if column.type == "money":
        return Money(raw)
    if column.type == "decimal":
        return Decimal(raw)
    if column.type == "boolean":
        return bool(raw)
    return raw


def sqlite_code(exc: BaseException) -> int:
    """SQLite's primary result code of an sqlite3 error (0 when unknown)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def file_error(exc: sqlite3.Error, name: str, doing: str) -> DocumentFileError:
    """The true Chinese message for an SQLite failure while `doing` something with file `name`:
    a full disk, a read-only place, a busy file and a damaged one are different things."""
    code = sqlite_code(exc)
    extended = getattr(exc, "sqlite_errorcode", None) or 0
    if code == SQLITE_FULL or extended in (SQLITE_IOERR_SHMSIZE, SQLITE_IOERR_WRITE_FULL):
        return DiskFull(f"磁盘空间不足，无法{doing}“{name}”。请清理磁盘空间后再试。")
    if extended == SQLITE_READONLY_ROLLBACK:
        return DocumentFileError(f"“{name}”上次保存时被中断，留下了未完成的日志，需要先以编辑方式打开一次，由本程序恢复到"
                                 "中断前的状态（只读方式无法恢复）。文件未被修改。")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return ReadOnlyLocation(f"“{name}”所在的位置是只读的（或没有写入权限），无法{doing}。可以以只读方式打开查看。")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DocumentBusy(f"“{name}”正被另一个程序使用，暂时无法{doing}。请稍后再试。")
    if code == SQLITE_CANTOPEN:
        return DocumentFileError(f"无法{doing}“{name}”：文件或其所在文件夹无法访问（{exc}）。")
    if code == SQLITE_IOERR:
        return DocumentFileError(f"{doing}“{name}”时读写出错（磁盘或网络故障：{exc}）。请检查磁盘或网络后再试。")
    return DamagedFile(f"“{name}”已损坏，无法读取（{exc}）。文件未被修改，请从备份恢复。")


@dataclass(frozen=True)
class Inspection:
    """What a read-only look at a file found: its schema version and whether it is in WAL mode."""
    version: int
    wal: bool


def inspect(path: Path) -> int:
    """Check a file read-only and return its schema version; raise DocumentFileError if unusable."""
    return inspect_file(path).version


def inspect_file(path: Path) -> Inspection:
    """Check a file read-only — header, whole pages, owner, version, database objects, integrity."""
    header = check_shape(path)
    journals = journals_present(path)
    try:
        version = _inspect_database(path, name=path.name)
    finally:
        tidy_journals(path, journals)
    return Inspection(version, wal=len(header) > 18 and header[18] == 2)


def check_shape(path: Path) -> bytes:
    """The first 100 bytes of a file that is whole SQLite pages; raise DocumentFileError if it is
    absent, unreadable, empty, not SQLite or cut short. Cheap: reads the header, never the pages."""
    name = path.name
    if not path.is_file():
        raise DocumentFileError(f"找不到文件“{name}”。")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except PermissionError:
        raise DocumentFileError(f"没有读取“{name}”的权限。请检查文件的权限或共享设置。") from None
    if not header:
        raise NotAFiscalDeskFile(f"“{name}”是空文件，不是 FiscalDesk 文档。文件未被修改。")
    if not header.startswith(SQLITE_HEADER):
        raise NotAFiscalDeskFile(f"“{name}”不是 FiscalDesk 文档（文件格式不符）。文件未被修改。")
    _check_whole_pages(path, header, size)
    return header


def journals_present(path: Path) -> bool:
    """Whether the file has a -wal or -shm beside it (a read-only look may leave new empty ones)."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def tidy_journals(path: Path, present_before: bool) -> None:
    """Remove the empty -wal/-shm a read-only look at a WAL file leaves, when there were none
    before. SQLite does it: the last connection to close removes them, and one that is not the
    last (a window has the file open) leaves them to their owner. Nothing is written to the file."""
    if present_before or not journals_present(path):
        return
    try:
        if Path(f"{path}-wal").stat().st_size:
            return  # frames a writer left (one that crashed meanwhile): never checkpointed without its lock
    except OSError:
        pass
    try:
        _briefly(path, "PRAGMA schema_version", "整理")
    except DocumentFileError:
        pass  # a read-only folder: nothing could have been left


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:  # absent, or removed by its owner meanwhile
        return False


def _check_whole_pages(path: Path, header: bytes, size: int) -> None:
    """A sound SQLite file is whole pages, and without a -wal exactly the pages its header counts.

    SQLite reads a missing tail as zeros, so a file cut short by a few bytes would otherwise pass
    `integrity_check` and show changed amounts.
    """
    if len(header) < 100:
        raise DamagedFile(f"“{path.name}”已损坏：文件不完整（只有 {size} 字节），可能在复制或保存时被截断。文件未被修改，请从备份恢复。")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if _non_empty(Path(f"{path}-journal")):
        return  # a hot rollback journal: SQLite puts the file back as it was when it opens it
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise DamagedFile(f"“{path.name}”已损坏：文件不完整（{size:,} 字节，不是整页），可能在复制或保存时被截断。"
                          "文件未被修改，请从备份恢复。")
    counted = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96] and counted > 0
    if header_valid and not _non_empty(Path(f"{path}-wal")) and counted * page_size != size:
        raise DamagedFile(f"“{path.name}”已损坏：文件不完整（文件应有 {counted * page_size:,} 字节，实有 {size:,} 字节），"
                          "可能在复制或保存时被截断。文件未被修改，请从备份恢复。")


def wants_wal(path: Path) -> bool:
    """Whether a document at `path` is kept in WAL mode: on a local disk or a USB stick yes; on a
    network file system no (desktop.store.filesystems), where it keeps a rollback journal."""
    return not filesystems.is_network_path(path)


def _read_only_uri(path: Path, immutable: bool = False) -> str:
    return document_uri(path, immutable="1") if immutable else document_uri(path, mode="ro")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write; in a read-only folder (where SQLite cannot make the
    WAL index beside the file) the file is read as immutable, since nobody can be writing it."""
    connection = sqlite3.connect(_read_only_uri(path), uri=True, isolation_level=None)
    try:
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return connection
    except sqlite3.Error as exc:
        connection.close()
        if sqlite_code(exc) != SQLITE_CANTOPEN or os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(_read_only_uri(path, immutable=True), uri=True, isolation_level=None)


def _inspect_database(path: Path, name: str) -> int:
    try:
        connection = connect_read_only(path)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id != APPLICATION_ID:
                raise NotAFiscalDeskFile(f"“{name}”是其他程序的数据库，不是 FiscalDesk 文档。文件未被修改。")
            version = user_version(connection)
            if version > latest_version():
                raise NewerVersionFile(
                    f"“{name}”由更新版本的 FiscalDesk 创建（文件版本 {version}，本程序最高支持 {latest_version()}）。"
                    "请升级 FiscalDesk 后再打开。文件未被修改。")
            _check_objects(connection, version, name)
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise DamagedFile(f"“{name}”已损坏（完整性检查未通过：{result[0][0]}）。文件未被修改，请从备份恢复。")
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise file_error(exc, name, "读取") from None
    return version


def _objects(connection: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    return {(kind, name, table, " ".join((sql or "").split()))
            for kind, name, table, sql in connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}


@lru_cache(maxsize=None)
def expected_objects(version: int) -> frozenset[tuple[str, str, str, str]]:
    """The tables and indexes a FiscalDesk document of `version` holds: its migrations' own."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(connection, target=version)
        return frozenset(_objects(connection))
    finally:
        connection.close()


_OBJECT_NAMES = {"table": "表", "index": "索引", "view": "视图", "trigger": "触发器"}


def _check_objects(connection: sqlite3.Connection, version: int, name: str) -> None:
    """Refuse a file holding anything our migrations did not make: a trigger would run on every
    edit, a view in place of a table would swallow writes."""
    found = _objects(connection)
    expected = expected_objects(version)
    worst_first = {"trigger": 0, "view": 1, "table": 2, "index": 3}
    strange = sorted(found - expected, key=lambda o: (worst_first.get(o[0], 4), o))
    if strange:
        kind, object_name = strange[0][0], strange[0][1]
        described = f"{_OBJECT_NAMES.get(kind, kind)}“{object_name}”"
        if any(e[1] == object_name for e in expected):
            described += "（与本程序创建的不同）"
        raise UnsafeFile(f"“{name}”含有 FiscalDesk 文档不会有的数据库对象：{described}，可能被其他程序改动过。"
                         "为安全起见不打开。文件未被修改，请从备份恢复。")
    missing = sorted(expected - found)
    if missing:
        raise DamagedFile(f"“{name}”缺少{_OBJECT_NAMES.get(missing[0][0], missing[0][0])}“{missing[0][1]}”，已损坏。"
                          "文件未被修改，请从备份恢复。")


def _upgraded_in_memory(connection: sqlite3.Connection) -> sqlite3.Connection:
    """An old file's content migrated in a private in-memory copy: read-only commands can look at
    an old document without converting it."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.backup(memory)
        migrate(memory)
    except BaseException:
        memory.close()
        raise
    finally:
        connection.close()
    return memory


def settle_journal(target: Path) -> None:
    """Fold a sound target's WAL (a crashed editor's committed edits) into the file itself, or
    roll back the unfinished transaction of a crashed editor on a shared drive (a hot rollback
    journal), under the caller's lock, so that removing its journal loses nothing even if the
    replacement never happens (a kill, a failed rename)."""
    try:
        roll_back_interrupted(target)
    except DocumentFileError:
        return  # not a sound document: the caller keeps its raw copy
    journal = Path(f"{target}-wal")
    try:
        if not journal.exists() or not journal.stat().st_size:
            return
        inspect(target)
    except (OSError, DocumentFileError):
        return  # not a sound document: the caller keeps its raw copy (with the -wal)
    _briefly(target, "PRAGMA wal_checkpoint(TRUNCATE)", "整理")


def roll_back_interrupted(path: Path) -> None:
    """Let SQLite roll back a transaction a crash interrupted (a hot rollback journal beside a
    non-WAL file), under the caller's lock: the file returns to its last committed state."""
    if _non_empty(Path(f"{path}-journal")):
        _briefly(path, "SELECT count(*) FROM sqlite_master", "恢复")


def _briefly(path: Path, statement: str, doing: str) -> None:
    """Open `path` for writing just to run `statement` (and let SQLite tidy up on closing)."""
    try:
        connection = sqlite3.connect(str(path), isolation_level=None)
        try:
            connection.execute(statement).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise file_error(exc, path.name, doing) from None


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
        self._journals_before = True  # whether -wal/-shm were there before a read-only look

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def _connect(cls, path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(str(path), isolation_level=None)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA journal_mode = {'WAL' if wants_wal(path) else 'DELETE'}")
            connection.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @classmethod
    def create(cls, path: str | Path, document: Document) -> DocumentFile:
        """A new file holding `document`; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise DocumentFileError(f"“{path.name}”已存在，不会覆盖。")
        try:
            connection = cls._connect(path)
            try:
                migrate(connection)
                file = cls(path, connection, document.schema)
                file.save(document)
            except BaseException:
                connection.close()
                raise
        except sqlite3.Error as exc:
            raise file_error(exc, path.name, "写入") from None
        return file

    @classmethod
    def open(cls, path: str | Path, schema: DocumentSchema | None = None, read_only: bool = False) -> DocumentFile:
        """Open for writing (migrating an old file in place: callers back it up first and hold
        its lock), or with `read_only` for looking only: nothing is ever written, and an old file
        is upgraded in memory, never on disk."""
        path = Path(path)
        version = inspect(path)
        if read_only:
            journals = journals_present(path)
            try:
                connection = connect_read_only(path)
                if version < latest_version():
                    connection = _upgraded_in_memory(connection)
                    tidy_journals(path, journals)
                    journals = True  # nothing more to tidy on close
            except sqlite3.Error as exc:
                tidy_journals(path, journals)
                raise file_error(exc, path.name, "读取") from None
            connection.row_factory = sqlite3.Row
            file = cls(path, connection, schema or document_schema(), read_only=True)
            file._journals_before = journals
            return file
        try:
            connection = cls._connect(path)
        except sqlite3.Error as exc:
            raise file_error(exc, path.name, "打开并修改") from None
        if version < latest_version():
            try:
                migrate(connection)
            except sqlite3.Error as exc:
                connection.close()
                if sqlite_code(exc) in (SQLITE_FULL, SQLITE_READONLY, SQLITE_PERM, SQLITE_IOERR, SQLITE_BUSY):
                    raise file_error(exc, path.name, "升级") from None
                raise DamagedFile(f"“{path.name}”升级到新版本时失败（{exc}）；文件保持原版本。") from None
        return cls(path, connection, schema or document_schema())

    def settle(self) -> bool:
        """Fold the saved edits waiting in the WAL into the file itself (a passive checkpoint: it
        never waits for a reader), so that the .fdesk alone, copied to a USB stick while the window
        is open, holds every edit. False when nothing could be folded (read-only, not WAL, busy)."""
        if self.read_only:
            return False
        try:
            busy, frames, done = self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return False
        return not busy and frames >= 0 and frames == done

    def close(self) -> None:
        self.connection.close()
        if self.read_only:
            tidy_journals(self.path, self._journals_before)
            self._journals_before = True
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
    @bulk
    def load(self) -> Document:
        """The whole document, read in one transaction: one consistent snapshot even while another
        FiscalDesk commits edits to the file."""
        try:
            self.connection.execute("BEGIN")
            try:
                document = self._load()
            finally:
                self.connection.execute("COMMIT")
        except (KeyError, DocumentError, TypeError, ValueError, ArithmeticError) as exc:
            raise DamagedFile(f"“{self.path.name}”的内容与本程序的表结构不符（{exc}）。文件未被修改。") from None
        except sqlite3.Error as exc:
            raise file_error(exc, self.path.name, "读取") from None
        return document

    def _load(self) -> Document:
        from desktop.domain.profiles import available_profiles
        document = Document.blank(self.schema)
        known = available_profiles()
        per_unit = ", per_unit" if self.version >= UNITS_VERSION else ", 0 AS per_unit"
        split_years = set()
        for row in self.connection.execute(f"SELECT year, profile{per_unit} FROM years ORDER BY year"):
            if row["profile"] not in known:
                raise UnknownProfile(
                    f"“{self.path.name}”的 {row['year']} 年度使用评价方案“{row['profile']}”，本程序没有这个方案"
                    "（文档可能由更新版本的 FiscalDesk 或其他地区的方案创建）。请升级 FiscalDesk 或安装该方案后再打开。"
                    "文件未被修改。")
            document.add_year(row["year"], row["profile"])
            if row["per_unit"]:
                split_years.add(row["year"])
        targets: dict[int, dict[str, SectionData]] = {DOCUMENT_SCOPE: document.sections}
        targets.update({year: data.sections for year, data in document.years.items()})

        def target(scope_year: int, section: str) -> SectionData:
            found = targets[scope_year].get(section)
            if found is None:  # a unit's copy of a per-unit section
                base, unit = split_key(section)
                if unit is None or scope_year not in split_years or not self.schema.section(base).per_unit:
                    raise KeyError(section)
                unit_sections = document.years[scope_year].units.setdefault(unit, {})
                found = unit_sections.setdefault(base, SectionData.empty(self.schema.section(base)))
            return found

        for row in self.connection.execute(
                "SELECT scope_year, section, row_id FROM table_rows ORDER BY scope_year, section, position"):
            target(row["scope_year"], row["section"]).add_row(row_id=row["row_id"])
        cells = self.connection.execute("SELECT scope_year, section, row_id, column_key, value FROM cells")
        cells.row_factory = None  # plain tuples: one document of 800 projects has some 120,000 cells
        for scope_year, section, row_id, column_key, value in cells:
            data = target(scope_year, section)
            column = data.section.column(column_key)
            data.set_value(row_id, column.key, _decode(column, value))
        for row in self.connection.execute("SELECT year, rule_id, location, text FROM explanations"):
            if row["year"] in document.years:
                document.years[row["year"]].explanations[(row["rule_id"], row["location"])] = str(row["text"])
        if self.version >= SOURCES_VERSION:
            for scope_year, section, row_id, column_key, kind, detail in self.connection.execute(
                    "SELECT scope_year, section, row_id, column_key, kind, detail FROM cell_sources"):
                if kind in KINDS:  # a kind a later FiscalDesk records is left unnamed, never refused
                    scope = None if scope_year == DOCUMENT_SCOPE else scope_year
                    document.sources[(scope, section, row_id, column_key)] = Source(kind, str(detail))
        for number in split_years:
            year = document.years[number]
            for unit in reporting_units(document):
                year.units.setdefault(unit.id, {})
            summarise(document, year)
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
            if conn.in_transaction:  # SQLite has already rolled back after a full disk or an I/O error
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def save(self, document: Document) -> None:
        """Replace the whole stored document in one transaction."""
        table_rows, cells = [], []
        for scope, key, data, filled in stored_sections(document):
            if data.section.kind == "table" and filled is None:
                table_rows += [(scope, key, row_id, i) for i, row_id in enumerate(data.rows)]
            cells += [(scope, key, row_id, column_key, _encode(data.section.column(column_key), value))
                      for row_id, column_key, value in (data.cells() if filled is None else filled)]
        stamp = datetime.now().isoformat(timespec="seconds")
        explanations = [(year, rule, location, text, stamp) for year, data in document.years.items()
                        for (rule, location), text in data.explanations.items()]
        meta = [("department", document.department_name), ("saved_at", datetime.now().isoformat(timespec="seconds")),
                ("saved_by_version", __version__)]
        sources = [(self._scope(scope), section, row_id, column, source.kind, source.detail, stamp)
                   for (scope, section, row_id, column), source in document.sources.items()]
        self._transaction([
            ("DELETE FROM cells", [()]), ("DELETE FROM table_rows", [()]), ("DELETE FROM years", [()]),
            ("DELETE FROM explanations", [()]), ("DELETE FROM cell_sources", [()]),
            ("INSERT INTO explanations VALUES (?, ?, ?, ?, ?)", explanations),
            ("INSERT INTO cell_sources VALUES (?, ?, ?, ?, ?, ?, ?)", sources),
            ("INSERT INTO years (year, profile, per_unit) VALUES (?, ?, ?)",
             [(y, d.profile, int(is_split(d))) for y, d in document.years.items()]),
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
            statements.append(("DELETE FROM cell_sources WHERE scope_year=? AND section=? AND row_id=?", removed))
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
        statements += self._source_statements(write, stamp)
        for year, per_unit in write.per_unit_years.items():
            if not per_unit:  # the year is one department again: every unit's copy goes
                for table in ("cells", "table_rows", "cell_sources"):
                    statements.insert(0, (f"DELETE FROM {table} WHERE scope_year=? AND instr(section, ?) > 0",
                                          [(year, UNIT_SEPARATOR)]))
            statements.append(("UPDATE years SET per_unit=? WHERE year=?", [(int(per_unit), year)]))
        if statements:
            try:
                self._transaction(statements)
            except sqlite3.Error as exc:
                problem = file_error(exc, self.path.name, "写入")
                raise type(problem)(f"{problem}本次修改未保存，已撤回。") from exc

    def _source_statements(self, write: FileWrite, stamp: str) -> list[tuple[str, list[tuple]]]:
        """The sources an edit records (the last word on each cell wins; None forgets it)."""
        last = {(self._scope(scope), section, row_id, column): source
                for scope, section, row_id, column, source in write.sources}
        forgotten = [key for key, source in last.items() if source is None]
        recorded = [(*key, source.kind, source.detail, stamp) for key, source in last.items() if source is not None]
        statements: list[tuple[str, list[tuple]]] = []
        if forgotten:
            statements.append(("DELETE FROM cell_sources WHERE scope_year=? AND section=? AND row_id=? AND column_key=?",
                               forgotten))
        if recorded:
            statements.append(("INSERT OR REPLACE INTO cell_sources VALUES (?, ?, ?, ?, ?, ?, ?)", recorded))
        return statements

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


def stored_sections(document: Document) -> Iterable[tuple[int, str, SectionData, Iterable | None]]:
    """Every section the file keeps, as (scope, key, data, its stored cells or None for all of
    them): the department's, less the 汇总's computed cells of a year entered per unit (they
    are recomputed on loading), and each unit's copies under their qualified keys."""
    for key, data in document.sections.items():
        yield DOCUMENT_SCOPE, key, data, None
    for number, year in document.years.items():
        for key, data in year.sections.items():
            if is_split(year) and data.section.per_unit:
                yield number, key, data, list(stored_cells(year, key, data))
            else:
                yield number, key, data, None
        for unit, sections in year.units.items():
            for key, data in sections.items():
                yield number, unit_key(key, unit), data, None
