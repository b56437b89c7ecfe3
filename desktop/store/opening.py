"""Opening a document the way the window does: lock it, check it, load it, back it up.

The GUI and the crash-safety drill both come through here, so what is tested is what a clerk
gets. Order matters: the lock is taken first (so no other writer can change the file while it
is checked and copied), then the file is checked and loaded (a damaged file raises before
anything is written anywhere), and only a good file is backed up. Any failure releases the lock.
A backup that cannot be written does not stop the clerk from working; it is reported instead.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.document import Document
from desktop.store.backups import Backup, Backups
from desktop.store.docfile import DocumentFile, DocumentFileError
from desktop.store.lock import DocumentLock, LockOwner, acquire


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
    try:
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
    _back_up(opened, backups)
    return opened


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
    except BaseException:
        lock.release()
        raise
    file.lock = lock
    return OpenedDocument(file, document)


def save_copy(document: Document, path: Path) -> OpenedDocument:
    """另存为: write `document` to `path` (replacing it atomically) and open it for editing.

    The target's lock is taken first, so a document another FiscalDesk is editing is never
    replaced; the copy is written beside it under a temporary name and moved into place.
    """
    path = Path(path)
    lock = acquire(path)
    temporary = path.with_name(path.name + ".new")
    try:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
        DocumentFile.create(temporary, document).close()
        for sidecar in ("-wal", "-shm"):
            Path(f"{path}{sidecar}").unlink(missing_ok=True)
        os.replace(temporary, path)
        file = DocumentFile.open(path)
    except OSError as exc:
        lock.release()
        temporary.unlink(missing_ok=True)
        raise DocumentFileError(f"无法写入“{path.name}”（{exc.strerror or exc}）。") from None
    except BaseException:
        lock.release()
        raise
    file.lock = lock
    return OpenedDocument(file, document)


def _back_up(opened: OpenedDocument, backups: Backups | None) -> None:
    if backups is None:
        return
    try:
        opened.backup = backups.take(opened.file.path, opened.file.connection)
    except (OSError, sqlite3.Error) as exc:
        opened.backup_problem = f"未能备份“{opened.file.path.name}”（{exc}）。可以继续编辑，但请留意磁盘空间和权限。"
