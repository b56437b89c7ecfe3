"""One writer per document: a lock file beside the document, held with an operating-system lock.

`<document>.lock` records who is editing (user, computer, process, since when) so a second
FiscalDesk can say so. Whether the lock is live is decided by the operating system, not by the
file's existence: the writer holds a byte-range lock on it (msvcrt on Windows, fcntl elsewhere),
which the system releases when the process ends in any way, SIGKILL and power loss included.
So a lock file left by a crashed FiscalDesk is recognised as stale (its lock can be taken) and
reused, while a live one cannot be taken from another process. Within one process a registry of
held files refuses a second window, because POSIX record locks do not conflict in one process.

One document is one lock whatever name it is reached by: the lock file sits beside the real file
(symlinks and `..` resolved), the registry is keyed by device and inode, and on Linux the writer
also holds an open-file-description lock on the document itself, so a hard link under another
name or folder is refused too. (Windows has no hard-linked documents in practice; there the
canonical path decides.)
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import struct
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.store.errors import DocumentFileError, ReadOnlyLocation

LOCK_SUFFIX = ".lock"
_LOCK_OFFSET = 1 << 30  # the locked byte lies far past the owner record, which stays readable
# The byte of the document itself locked by its writer (Linux): far past SQLite's lock bytes at 1 GiB.
_DOCUMENT_LOCK_OFFSET = 1 << 46
_held: set[str] = set()
_held_guard = threading.Lock()


class DocumentLocked(DocumentFileError):
    """The document is being edited elsewhere; `owner` says by whom, when it is known."""

    def __init__(self, path: Path, owner: LockOwner | None, where: str = "") -> None:
        self.path = path
        self.owner = owner
        where = owner.describe() if owner else (where or "本程序的另一个窗口")
        super().__init__(f"“{path.name}”正在由{where}编辑。同一文档同时只能有一处修改；"
                         "可以以只读方式打开查看。")


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        since = self.since.replace("T", " ")[:16]
        here = self.host == _host_name()
        place = "本机" if here else f"计算机“{self.host}”上"
        who = f"用户“{self.user}”" if self.user else "另一位用户"
        return f"{place}的{who}（进程 {self.pid}，{since} 起）"

    @classmethod
    def current(cls) -> LockOwner:
        try:
            user = getpass.getuser()
        except (OSError, KeyError, ImportError):
            user = ""
        return cls(user, _host_name(), os.getpid(), datetime.now().isoformat(timespec="seconds"))

    @classmethod
    def parse(cls, data: bytes) -> LockOwner | None:
        try:
            raw = json.loads(data.decode("utf-8"))
            return cls(str(raw["user"]), str(raw["host"]), int(raw["pid"]), str(raw["since"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _host_name() -> str:
    """The computer's own name, read locally (no name lookup)."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return os.uname().nodename


def real_path(document: Path) -> Path:
    """The document's real file: symlinks, `.` and `..` resolved (the file need not exist)."""
    return Path(os.path.realpath(document))


def lock_path(document: Path) -> Path:
    real = real_path(document)
    return real.with_name(real.name + LOCK_SUFFIX)


def document_key(document: Path) -> str:
    """One key per file: device and inode when it exists, else its canonical path."""
    real = real_path(document)
    try:
        status = os.stat(real)
    except OSError:
        return os.path.normcase(str(real))
    if status.st_ino:
        return f"{status.st_dev}:{status.st_ino}"
    return os.path.normcase(str(real))


def same_file(first: Path, second: Path) -> bool:
    """Whether two names reach one file (links included); False when either does not exist."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _lock_document_itself(document: Path) -> int | None | bool:
    """An open-file-description lock on the document (Linux): a descriptor holding it, None where
    the system offers no such lock, False when another writer holds it (a hard link's window)."""
    if sys.platform == "win32":
        return None
    import fcntl
    command = getattr(fcntl, "F_OFD_SETLK", None)
    if command is None:
        return None
    try:
        fd = os.open(document, os.O_RDWR)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyLocation(f"“{document.name}”是只读文件（或没有写入权限），不能修改。可以以只读方式打开查看。") from None
        return None
    record = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _DOCUMENT_LOCK_OFFSET, 1, 0)
    try:
        fcntl.fcntl(fd, command, record)
    except OSError as exc:
        os.close(fd)
        return False if exc.errno in (errno.EAGAIN, errno.EACCES) else None
    return fd


def _try_os_lock(fd: int) -> bool:
    os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
    if sys.platform == "win32":
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _LOCK_OFFSET)
    except OSError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _LOCK_OFFSET)


def _read_owner(fd: int) -> LockOwner | None:
    os.lseek(fd, 0, os.SEEK_SET)
    return LockOwner.parse(os.read(fd, 4096))


class DocumentLock:
    """A held lock on one document; `release` (or closing the document) gives it up."""

    def __init__(self, document: Path, fd: int, key: str, stale: LockOwner | None) -> None:
        self.document = document
        self.path = lock_path(document)
        self._fd: int | None = fd
        self._key = key
        self._document_fd: int | None = None
        self._identity: str | None = None  # the device:inode key held in the registry
        self.stale = stale  # the crashed owner whose lock was cleared, if there was one

    def hold_document(self) -> None:
        """Lock the document file itself (once it exists): refused if a hard link's writer has it.

        Its descriptor is closed only on release, after SQLite's own connection, so closing it
        never drops SQLite's record locks.
        """
        if self._identity is not None or not self.document.exists():
            return
        try:
            held = _lock_document_itself(self.document)
        except DocumentFileError:
            self.release()
            raise
        if held is False:
            self.release()
            raise DocumentLocked(self.document, None, "另一处（通过另一个文件名或链接打开的同一文件）")
        if isinstance(held, int):
            self._document_fd = held
        self._identity = document_key(self.document)  # this process's other windows, on every system
        with _held_guard:
            _held.add(self._identity)

    def rehold_document(self) -> None:
        """After the document file was replaced (另存为, an import over it): lock the new file."""
        self._drop_document_lock()
        self.hold_document()

    def _drop_document_lock(self) -> None:
        if self._identity is not None:
            with _held_guard:
                _held.discard(self._identity)
            self._identity = None
        if self._document_fd is not None:
            fd, self._document_fd = self._document_fd, None
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        self._drop_document_lock()
        fd, self._fd = self._fd, None
        try:
            if sys.platform != "win32":
                self.path.unlink(missing_ok=True)  # POSIX: remove while still locked, then unlock
            _os_unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
            with _held_guard:
                _held.discard(self._key)
        if sys.platform == "win32":
            try:
                self.path.unlink()  # fails, harmlessly, if another FiscalDesk has just opened it
            except OSError:
                pass


def acquire(document: Path) -> DocumentLock:
    """Take the document's lock or raise DocumentLocked; a crashed owner's lock is cleared.

    Whatever name `document` is given by, the lock is the real file's.
    """
    document = Path(document)
    key = os.path.normcase(str(real_path(document)))
    identity = document_key(document)
    with _held_guard:
        if key in _held or identity in _held:
            raise DocumentLocked(document, None)  # this program's other window
        _held.add(key)
    try:
        lock = _acquire_file(document, key)
    except BaseException:
        with _held_guard:
            _held.discard(key)
        raise
    lock.hold_document()
    return lock


def _lock_error(document: Path, exc: OSError) -> DocumentFileError:
    """Why the lock file beside `document` could not be made or written, truly named."""
    from desktop.oserrors import describe, is_disk_full
    from desktop.store.errors import DiskFull
    if is_disk_full(exc):
        return DiskFull(f"磁盘空间不足，无法在“{document.parent}”中建立“{document.name}”的文档锁。请清理磁盘空间后再试。")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return DocumentFileError(f"文件夹“{document.parent}”不存在。")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyLocation(f"文件夹“{document.parent}”是只读的（或没有写入权限），不能在这里修改“{document.name}”。"
                                "可以以只读方式打开查看。")
    return DocumentFileError(f"无法在“{document.parent}”中建立“{document.name}”的文档锁（{describe(exc)}）。")


def _acquire_file(document: Path, key: str) -> DocumentLock:
    path = lock_path(document)
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise _lock_error(document, exc) from None
        if not _try_os_lock(fd):
            owner = _read_owner(fd)
            os.close(fd)
            raise DocumentLocked(document, owner)
        try:
            same_file = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same_file = False
        if not same_file:  # the previous owner removed it between our open and our lock: retry
            _os_unlock(fd)
            os.close(fd)
            continue
        stale = _read_owner(fd)
        record = json.dumps(LockOwner.current().__dict__, ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, record)
        except OSError as exc:
            _os_unlock(fd)
            os.close(fd)
            if not stale:
                path.unlink(missing_ok=True)
            raise _lock_error(document, exc) from None
        return DocumentLock(document, fd, key, stale)
    raise DocumentFileError(f"无法取得“{document.name}”的文档锁，请稍后再试。")
