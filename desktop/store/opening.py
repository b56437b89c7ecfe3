"""Opening a document the way the window does: lock it, check it, load it, back it up.

The GUI and the crash-safety drill both come through here, so what is tested is what a clerk
gets. Order matters: the lock is taken first (so no other writer can change the file while it
is checked and copied), then the file is checked and loaded (a damaged file raises before
anything is written anywhere), and only a good file is backed up. Any failure releases the lock.
A backup that cannot be written does not stop the clerk from working; it is reported instead —
except before an upgrade (an older version's file, or one whose journal does not suit where it
is: WAL on a local disk, a rollback journal on a shared drive, so a file copied from one to the
other is converted): a file is converted only after its backup is taken, and is not converted at
all when none can be.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.document import Document
from desktop.store.backups import Backup, Backups
from desktop.store.docfile import (DocumentFile, DocumentFileError, connect_read_only, inspect_file,
                                   roll_back_interrupted, wants_wal)
from desktop.store.lock import DocumentLock, LockOwner, acquire
from desktop.store.migrations import latest_version
from desktop.store.replacing import remove_leftovers, replace_locked


@dataclass
class OpenedDocument:
    file: DocumentFile
    document: Document
    backup: Backup | None = None
    backup_problem: str = ""
    stale_lock: LockOwner | None = None  # a crashed FiscalDesk's lock that was cleared

    @property
    def read_only(self) -> bool:
        return self.file.read_only


def open_for_editing(path: Path, backups: Backups | None) -> OpenedDocument:
    """Lock, check, load and back up; raises DocumentLocked or another DocumentFileError."""
    path = Path(path)
    if not path.is_file():
        raise DocumentFileError(f"找不到文件“{path.name}”。")
    lock = acquire(path)
    early: Backup | None = None
    try:
        remove_leftovers(path)  # a killed writer's; under the lock nobody is writing them
        roll_back_interrupted(path)
        inspection = inspect_file(path)
        if inspection.version < latest_version() or inspection.wal != wants_wal(path):
            early = _back_up_before_upgrade(path, backups)
        file = DocumentFile.open(path)
    except BaseException:
        lock.release()
        raise
    file.lock = lock
    try:
        document = file.load()
    except BaseException:
        file.close()
        raise
    opened = OpenedDocument(file, document, stale_lock=lock.stale)
    if early is not None:
        opened.backup = early
    else:
        _back_up(opened, backups)
    return opened


def _back_up_before_upgrade(path: Path, backups: Backups | None) -> Backup | None:
    """The backup an upgrade needs first, taken from a read-only look at the old file."""
    if backups is None:
        return None
    try:
        connection = connect_read_only(path)
        try:
            return backups.take(path, connection)
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as exc:
        raise DocumentFileError(f"“{path.name}”需要升级到本程序的文件格式，但升级前未能备份（{exc}），"
                                "所以没有升级，文件未被修改。可以以只读方式打开查看。") from None


def open_read_only(path: Path) -> OpenedDocument:
    """Open without a lock and without writing anything: for a document another window edits."""
    file = DocumentFile.open(Path(path), read_only=True)
    try:
        return OpenedDocument(file, file.load())
    except BaseException:
        file.close()
        raise


def create_for_editing(path: Path, document: Document) -> OpenedDocument:
    """A new document file, locked for editing like an opened one (refuses an existing file)."""
    path = Path(path)
    if path.exists():
        raise DocumentFileError(f"“{path.name}”已存在，不会覆盖。")
    lock: DocumentLock = acquire(path)
    try:
        file = DocumentFile.create(path, document)
        lock.hold_document()
    except BaseException:
        lock.release()
        raise
    file.lock = lock
    return OpenedDocument(file, document)


def save_copy(document: Document, path: Path, backups: Backups | None = None) -> OpenedDocument:
    """另存为: write `document` to `path` (replacing it atomically) and open it for editing.

    The target's lock is taken first, so a document another FiscalDesk is editing is never
    replaced; a document it replaces is backed up first (desktop.store.replacing).
    """
    path = Path(path)
    lock = acquire(path)
    try:
        replaced = replace_locked(document, path, lock, backups)
        file = DocumentFile.open(path)
    except BaseException:
        lock.release()
        raise
    file.lock = lock
    return OpenedDocument(file, document, backup=replaced.backup, backup_problem=replaced.note)


def _back_up(opened: OpenedDocument, backups: Backups | None) -> None:
    if backups is None:
        return
    try:
        opened.backup = backups.take(opened.file.path, opened.file.connection)
    except (OSError, sqlite3.Error) as exc:
        opened.backup_problem = f"未能备份“{opened.file.path.name}”（{exc}）。可以继续编辑，但请留意磁盘空间和权限。"
