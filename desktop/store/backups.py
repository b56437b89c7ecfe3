"""Rotating backups of documents, taken when a document is opened for editing.

Each document gets a folder under the user data folder's `backups/` (named after the file and a
short hash of its full path, with `source.txt` recording that path), holding its last five
copies named by date and time (`决算2023_2026-11-21_103015.fdesk`). A copy is made with SQLite's
online backup from the open connection, so it is consistent even mid-WAL, and is stored as a
self-contained file (no -wal). A copy identical to the newest one is not kept, so opening a file
ten times without editing it does not push the older, different copies out.

Restoring never touches the document or the backup: the backup is checked and copied to a new
file the clerk chooses, which is then opened like any document.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.oserrors import describe
from desktop.store.errors import DocumentFileError

if TYPE_CHECKING:
    import sqlite3

KEEP = 5
SUFFIX = ".fdesk"
_STAMP_FORMAT = "%Y-%m-%d_%H%M%S"
_STAMP = re.compile(r"_(\d{4}-\d{2}-\d{2}_\d{6})(?:_(\d+))?$")


@dataclass(frozen=True)
class Backup:
    path: Path
    source: Path       # the document it was taken from
    taken_at: datetime

    @property
    def label(self) -> str:
        return self.taken_at.strftime("%Y-%m-%d %H:%M:%S")

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _key(document: Path) -> str:
    resolved = os.path.normcase(str(Path(document).resolve()))
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:10]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Backups:
    """The backups folder (in the user data folder; tests and the smoke run use a temporary one)."""

    def __init__(self, root: Path, keep: int = KEEP) -> None:
        self.root = Path(root)
        self.keep = keep

    def folder_for(self, document: Path) -> Path:
        stem = Path(document).stem[:40] or "document"
        return self.root / f"{stem}-{_key(document)}"

    # -- taking --------------------------------------------------------------------------
    def take(self, document: Path, connection: sqlite3.Connection, now: datetime | None = None) -> Backup | None:
        """Copy the open document into its backup folder; the new Backup, or None when the
        newest backup already holds exactly this content. Rotates to the last `keep`."""
        document = Path(document)
        folder = self.folder_for(document)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text(str(document.resolve()), encoding="utf-8")
        now = now or datetime.now()
        for abandoned in folder.glob("*.partial"):  # a killed backup's: the caller holds the document's lock
            abandoned.unlink(missing_ok=True)
        target = self._free_name(folder, document.stem, now)
        partial = target.with_name(target.name + ".partial")
        import sqlite3  # loaded already: `connection` is open; here not before the window's first paint
        copy = sqlite3.connect(str(partial))
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        newest = self.list(document)
        if newest and _digest(newest[0].path) == _digest(partial):
            partial.unlink()
            return None
        os.replace(partial, target)
        self._rotate(document)
        return Backup(target, document.resolve(), now.replace(microsecond=0))

    def keep_as_is(self, document: Path, now: datetime | None = None) -> Path:
        """A byte-for-byte copy of a file that cannot be opened (damaged, foreign, from a newer
        FiscalDesk) and of its -wal, before something replaces it; not listed as a backup."""
        document = Path(document)
        folder = self.folder_for(document)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text(str(document.resolve()), encoding="utf-8")
        stamp = (now or datetime.now()).strftime(_STAMP_FORMAT)
        target = folder / f"{document.stem}_{stamp}_原样{document.suffix}"
        shutil.copyfile(document, target)
        journal = Path(f"{document}-wal")
        if journal.exists():
            shutil.copyfile(journal, Path(f"{target}-wal"))
        return target

    @staticmethod
    def _free_name(folder: Path, stem: str, now: datetime) -> Path:
        base = f"{stem}_{now.strftime(_STAMP_FORMAT)}"
        candidate, number = folder / f"{base}{SUFFIX}", 1
        while candidate.exists():
            number += 1
            candidate = folder / f"{base}_{number}{SUFFIX}"
        return candidate

    def _rotate(self, document: Path) -> None:
        for old in self.list(document)[self.keep:]:
            old.path.unlink(missing_ok=True)

    # -- listing -------------------------------------------------------------------------
    def list(self, document: Path) -> list[Backup]:
        """The document's backups, newest first."""
        return self._in_folder(self.folder_for(document), Path(document).resolve())

    def newest(self, document: Path) -> Backup | None:
        backups = self.list(document)
        return backups[0] if backups else None

    def all(self) -> list[Backup]:
        """Every document's backups: documents by name, each newest first."""
        found: list[Backup] = []
        if not self.root.is_dir():
            return found
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            try:
                source = Path((folder / "source.txt").read_text(encoding="utf-8").strip())
            except (OSError, UnicodeDecodeError):
                continue
            found += self._in_folder(folder, source)
        return found

    @staticmethod
    def _in_folder(folder: Path, source: Path) -> list[Backup]:
        if not folder.is_dir():
            return []
        backups = []
        for path in folder.glob(f"*{SUFFIX}"):
            match = _STAMP.search(path.stem)
            if not match:
                continue
            taken = datetime.strptime(match.group(1), _STAMP_FORMAT)
            backups.append((taken, int(match.group(2) or 1), Backup(path, source, taken)))
        return [backup for _taken, _n, backup in sorted(backups, key=lambda b: b[:2], reverse=True)]

    # -- restoring -----------------------------------------------------------------------
    @staticmethod
    def restore(backup: Backup, target: Path) -> Path:
        """Copy a checked backup to `target` (a new file, or one the clerk agreed to replace)."""
        from desktop.store.docfile import inspect, settle_journal
        target = Path(target)
        inspect(backup.path)  # refuses a damaged backup with its own message
        partial = target.with_name(target.name + ".partial")
        try:
            partial.unlink(missing_ok=True)
            partial.write_bytes(backup.path.read_bytes())
            settle_journal(target)  # a replaced document's last edits stay in it if the rename fails
            for sidecar in ("-wal", "-shm", "-journal"):
                Path(f"{target}{sidecar}").unlink(missing_ok=True)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise DocumentFileError(f"无法写入“{target.name}”（{describe(exc)}）。备份未受影响。") from None
        return target

    @staticmethod
    def restored_name(backup: Backup) -> str:
        """The file name offered for a restored copy, beside the original."""
        return f"{backup.source.stem}（{backup.taken_at.strftime('%Y-%m-%d %H%M')} 的备份）{SUFFIX}"


def default_backups() -> Backups:
    """The backups of this PC's user: in the local data folder (%LOCALAPPDATA% on Windows), which
    is never copied to a server with a roaming profile."""
    from desktop.paths import local_data_dir
    return Backups(local_data_dir() / "backups")
