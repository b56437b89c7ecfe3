"""Writing a whole document file, or an export, where a file may already be.

Every writer comes through here — the command line's `sample`, `import` and `export`, and the
window's 另存为 — so they all keep the same promises:

- a document is written only under its lock, so a document a window is editing is never replaced;
- nothing is written over the input it was made from, and nothing existing is overwritten
  without `--force` (the window asks instead);
- a replaced document is backed up first, and its `-wal`/`-shm` go with it, so an old journal
  is never applied to the new file;
- the new file is complete beside the target (`<name>.new`) before it takes the target's name,
  and a failure (a full disk included) leaves the target as it was and no `.new` behind;
- an export never writes over a FiscalDesk document.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from desktop.domain.document import Document
from desktop.oserrors import describe, is_disk_full
from desktop.store.backups import Backup, Backups
from desktop.store.docfile import (APPLICATION_ID, SQLITE_HEADER, DiskFull, DocumentFile, DocumentFileError,
                                   connect_read_only, file_error, inspect, settle_journal)
from desktop.store.lock import DocumentLock, acquire, same_file

NEW_SUFFIX = ".new"
SIDECARS = ("-wal", "-shm", "-journal")


class TargetRefused(DocumentFileError):
    """The target may not be written: it exists (no --force), it is the input, or it is a document."""


@dataclass(frozen=True)
class Replaced:
    path: Path
    backup: Backup | None  # the replaced document's backup, when there was one
    note: str = ""         # what the clerk should know about the replaced file


def is_document_file(path: Path) -> bool:
    """Whether `path` is a FiscalDesk document by its header (no SQLite connection is made)."""
    try:
        with Path(path).open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and len(header) == 72 \
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def refuse_existing(target: Path, force: bool, sources: Iterable[Path] = ()) -> None:
    """Refuse writing over an input, over a folder, into a missing folder, or over an existing
    file without `force`."""
    if target.is_dir():
        raise TargetRefused(f"“{target}”是一个文件夹。请给出要写入的文件名。")
    if not target.parent.is_dir():
        raise TargetRefused(f"文件夹“{target.parent}”不存在。")
    for source in sources:
        if same_file(source, target):
            raise TargetRefused(f"输出文件“{target.name}”就是输入文件“{Path(source).name}”，不会覆盖它。请另选输出文件名。")
    if target.exists() and not force:
        raise TargetRefused(f"“{target}”已存在；如需覆盖请加 --force。")


def check_export_target(target: Path, source: Path | None, force: bool = True) -> None:
    """An export (PDF, Word, Excel, JSON) may go anywhere except over a FiscalDesk document."""
    target = Path(target)
    refuse_existing(target, force, [source] if source is not None else [])
    if target.exists() and is_document_file(target):
        raise TargetRefused(f"“{target.name}”是 FiscalDesk 文档，导出不会覆盖文档。请另选文件名。")


def leftovers(document: Path) -> list[Path]:
    """The temporary files a killed writer of `document` may have left beside it."""
    new = document.with_name(document.name + NEW_SUFFIX)
    return [new, *(Path(f"{new}{s}") for s in SIDECARS), document.with_name(document.name + ".partial")]


def remove_leftovers(document: Path) -> None:
    """Remove them; only safe under the document's lock (its writers hold it while writing them)."""
    for path in leftovers(Path(document)):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def write_document(document: Document, target: Path, *, force: bool, backups: Backups | None,
                   sources: Iterable[Path] = ()) -> Replaced:
    """Create `target` holding `document`, replacing an existing one only with `force`."""
    target = Path(target)
    refuse_existing(target, force, sources)
    lock = acquire(target)
    try:
        return replace_locked(document, target, lock, backups)
    finally:
        lock.release()


def replace_locked(document: Document, target: Path, lock: DocumentLock, backups: Backups | None) -> Replaced:
    """Write `document` as `target`, whose lock the caller holds; back up what it replaces."""
    remove_leftovers(target)
    temporary = target.with_name(target.name + NEW_SUFFIX)
    try:
        _write_whole(document, temporary)
        backup, note = _back_up_replaced(target, backups)
        settle_journal(target)
        for sidecar in SIDECARS:  # an old journal must never meet the new file
            Path(f"{target}{sidecar}").unlink(missing_ok=True)
        os.replace(temporary, target)
    except DocumentFileError as exc:
        remove_leftovers(target)
        if isinstance(exc, DiskFull):
            raise DiskFull(f"{exc}“{target.name}”保持原样。") from None
        raise
    except OSError as exc:
        remove_leftovers(target)
        if is_disk_full(exc):
            raise DiskFull(f"磁盘空间不足，无法写入“{target.name}”。请清理磁盘空间后再试。“{target.name}”保持原样。") from None
        raise DocumentFileError(f"无法写入“{target.name}”（{describe(exc)}）。“{target.name}”保持原样。") from None
    lock.rehold_document()
    return Replaced(target, backup, note)


def _write_whole(document: Document, path: Path) -> None:
    """Write `document` as one self-contained file: its WAL checkpointed into it and emptied, so
    that renaming the file moves all of it (on a nearly full disk the checkpoint is what fails)."""
    file = DocumentFile.create(path, document)
    try:
        busy, frames, done = file.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        raise file_error(exc, path.name, "写入") from None
    finally:
        file.close()
    journal = Path(f"{path}-wal")
    if busy or frames != done or (journal.exists() and journal.stat().st_size):
        raise DiskFull(f"磁盘空间不足，无法写入“{path.name}”。请清理磁盘空间后再试。")


def _back_up_replaced(target: Path, backups: Backups | None) -> tuple[Backup | None, str]:
    """Back up the document about to be replaced: through SQLite when it is sound, else as it is
    (the file and its -wal), so a --force never destroys the only copy of anything."""
    if not target.exists() or backups is None:
        return None, ""
    try:
        inspect(target)
    except DocumentFileError as problem:
        try:
            copy = backups.keep_as_is(target)
        except OSError as exc:
            raise DocumentFileError(f"替换前未能保存“{target.name}”的副本（{describe(exc)}），没有替换。") from None
        reason = str(problem).split("。")[0]
        return None, f"被替换的文件无法由本程序打开（{reason}），已原样保存一份：{copy}"
    connection = connect_read_only(target)
    try:
        backup = backups.take(target, connection)
    except (OSError, sqlite3.Error) as exc:
        raise DocumentFileError(f"替换前未能备份“{target.name}”（{exc}），没有替换。") from None
    finally:
        connection.close()
    return backup, ""
