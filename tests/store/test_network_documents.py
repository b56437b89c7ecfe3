"""Documents on shared drives (desktop.store.filesystems, docfile.wants_wal): recognising a network
file system from /proc/self/mountinfo and a Windows path, and what a document there gets — a
rollback journal instead of WAL, every saved edit in the file itself, conversion (after a backup)
when a file moves between a local disk and a share, one writer, an interrupted save rolled back.
A share cannot be mounted here, so "on a network file system" is simulated by the predicate."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from desktop.domain.money import Money
from desktop.store import filesystems
from desktop.store.backups import Backups
from desktop.store.docfile import DocumentFile, inspect_file
from desktop.store.filesystems import NETWORK_TYPES, _windows_remote, mount_type
from desktop.store.lock import DocumentLocked, acquire
from desktop.store.opening import open_for_editing

MOUNTINFO = "\n".join([
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
    "40 22 0:35 / /mnt/财务共享 rw,relatime shared:20 - cifs //fileserver/财务 rw,vers=3.0",
    "41 40 0:36 / /mnt/财务共享/本地缓存 rw shared:21 - tmpfs tmpfs rw",
    r"42 22 0:37 / /media/张三/U\040盘 rw,nosuid - vfat /dev/sdb1 rw",
    r"43 22 0:38 / /srv/nas\040共享 rw - nfs4 nas:/export rw",
    "44 22 0:39 / /home/张三/远程 rw - fuse.sshfs user@host:/data rw",
])


@pytest.mark.parametrize(("path", "kind"), [
    ("/home/张三/文档/决算.fdesk", "ext4"),
    ("/mnt/财务共享", "cifs"),
    ("/mnt/财务共享/2024/决算.fdesk", "cifs"),
    ("/mnt/财务共享/本地缓存/决算.fdesk", "tmpfs"),  # a mount inside the share: the deepest wins
    ("/mnt/财务共享2/决算.fdesk", "ext4"),  # a name that merely starts like the share
    ("/media/张三/U 盘/决算.fdesk", "vfat"),  # \040 in mountinfo is a space
    ("/srv/nas 共享/决算.fdesk", "nfs4"),
    ("/home/张三/远程/决算.fdesk", "fuse.sshfs"),
])
def test_the_file_system_of_a_path_comes_from_its_deepest_mount(path, kind):
    assert mount_type(path, MOUNTINFO) == kind
    assert (kind in NETWORK_TYPES) == (kind in ("cifs", "nfs4", "fuse.sshfs"))


def test_no_mount_matches_a_relative_path():
    assert mount_type("relative/决算.fdesk", MOUNTINFO) == ""


@pytest.mark.parametrize("path", [r"\\fileserver\财务\决算.fdesk", r"\\10.0.0.5\d$\决算.fdesk",
                                  r"\\?\UNC\fileserver\财务\决算.fdesk"])
def test_a_windows_unc_path_is_a_network_path(path):
    assert _windows_remote(path)


def test_this_machines_temporary_folder_is_local(tmp_path):
    assert not filesystems.is_network_path(tmp_path / "新文档.fdesk")


@pytest.fixture()
def on_a_share(monkeypatch):
    """Every path counts as being on a network file system."""
    monkeypatch.setattr(filesystems, "is_network_path", lambda path: True)


def journal_mode(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()


def test_a_document_on_a_share_keeps_every_saved_edit_in_the_file(tmp_path, seed1, on_a_share):
    path = tmp_path / "决算.fdesk"
    file = DocumentFile.create(path, seed1)
    try:
        file.write_cell(2023, "sangong", "abroad", "budget", Money.from_yuan("44961"))
        assert not (tmp_path / "决算.fdesk-wal").exists() and not (tmp_path / "决算.fdesk-journal").exists()
        copy = tmp_path / "复制的.fdesk"
        shutil.copyfile(path, copy)  # copied while open: nothing is waiting in a -wal beside it
    finally:
        file.close()
    assert journal_mode(path) == "delete" and not inspect_file(path).wal
    with DocumentFile.open(copy, read_only=True) as copied:
        assert copied.load().year(2023).section("sangong").value("abroad", "budget") == Money.from_yuan("44961")


def test_a_file_moved_to_a_share_is_converted_after_a_backup_and_back_again(tmp_path, seed1, monkeypatch):
    path = tmp_path / "决算.fdesk"
    DocumentFile.create(path, seed1).close()
    assert inspect_file(path).wal
    backups = Backups(tmp_path / "backups")
    monkeypatch.setattr(filesystems, "is_network_path", lambda p: True)
    opened = open_for_editing(path, backups)
    opened.file.close()
    assert not inspect_file(path).wal and opened.backup is not None
    assert inspect_file(opened.backup.path).version == inspect_file(path).version
    monkeypatch.setattr(filesystems, "is_network_path", lambda p: False)
    opened = open_for_editing(path, backups)
    opened.file.close()
    assert inspect_file(path).wal and journal_mode(path) == "wal"


def test_a_second_writer_on_a_share_is_refused(tmp_path, seed1, on_a_share):
    path = tmp_path / "决算.fdesk"
    DocumentFile.create(path, seed1).close()
    opened = open_for_editing(path, None)
    try:
        with pytest.raises(DocumentLocked):
            acquire(path)
    finally:
        opened.file.close()


INTERRUPTED_SAVE = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 1")  # changed pages spill into the file before the commit
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE cells SET value = 'half-saved'")
connection.execute("INSERT INTO cells SELECT scope_year, section, row_id || '-x', column_key, value FROM cells")
os._exit(0)  # killed before COMMIT: the file is half written, the journal holds what it was
"""


def test_an_interrupted_save_on_a_share_is_rolled_back_when_the_document_opens(tmp_path, seed1, on_a_share):
    path = tmp_path / "决算.fdesk"
    DocumentFile.create(path, seed1).close()
    subprocess.run([sys.executable, "-c", INTERRUPTED_SAVE, str(path)], check=True, timeout=60)
    assert (tmp_path / "决算.fdesk-journal").stat().st_size > 0, "a hot journal is left"
    opened = open_for_editing(path, None)
    try:
        assert opened.document == seed1
        assert "half-saved" not in {str(v) for (v,) in opened.file.connection.execute("SELECT value FROM cells")}
    finally:
        opened.file.close()
    assert not (tmp_path / "决算.fdesk-journal").exists()
