"""One writer per document: a lock file beside the document, held with an operating-system lock.

`<document>.lock` records who is editing (user, computer, process, since when) so a second
FiscalDesk can say so. Whether the lock is live is decided by the operating system, not by the
file's existence: the writer holds a byte-range lock on it (msvcrt on Windows, fcntl elsewhere),
which the system releases when the process ends in any way, SIGKILL and power loss included.
So a lock file left by a crashed FiscalDesk is recognised as stale (its lock can be taken) and
reused, while a live one cannot be taken from another process. Within one process a registry of
held paths refuses a second window, because POSIX record locks do not conflict in one process.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.store.docfile import DocumentFileError

LOCK_SUFFIX = ".lock"
_LOCK_OFFSET = 1 << 30  # the locked byte lies far past the owner record, which stays readable
_held: set[str] = set()
_held_guard = threading.Lock()


class DocumentLocked(DocumentFileError):
    """The document is being edited elsewhere; `owner` says by whom, when it is known."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        where = owner.describe() if owner else "本程序的另一个窗口"
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


def lock_path(document: Path) -> Path:
    return document.with_name(document.name + LOCK_SUFFIX)


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
        self.stale = stale  # the crashed owner whose lock was cleared, if there was one

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
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
    """Take the document's lock or raise DocumentLocked; a crashed owner's lock is cleared."""
    document = Path(document)
    key = os.path.normcase(str(document.resolve()))
    with _held_guard:
        if key in _held:
            raise DocumentLocked(document, None)  # this program's other window
        _held.add(key)
    try:
        return _acquire_file(document, key)
    except BaseException:
        with _held_guard:
            _held.discard(key)
        raise


def _acquire_file(document: Path, key: str) -> DocumentLock:
    path = lock_path(document)
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise DocumentFileError(f"无法在“{document.parent}”中建立文档锁（{exc.strerror}）。"
                                    "可以以只读方式打开查看。") from None
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
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, record)
        return DocumentLock(document, fd, key, stale)
    raise DocumentFileError(f"无法取得“{document.name}”的文档锁，请稍后再试。")
