"""Whether a document lives on a network file system (a shared drive, a NAS, a mapped drive).

SQLite's WAL mode needs memory shared between every program using the file, which a network
file system cannot give to programs on different PCs: there a document is kept with a rollback
journal instead (desktop.store.docfile), where each saved edit is in the file itself and SQLite's
ordinary file locks apply. Local disks and USB sticks keep WAL.

Windows: a UNC path (\\\\server\\share\\…) or a drive Windows reports as remote (a mapped Z:).
Linux (统信UOS, 麒麟): the type of the file system the path is mounted on, from
/proc/self/mountinfo (cifs, nfs, sshfs…).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Linux file system types that are another machine's disk
NETWORK_TYPES = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs", "beegfs",
    "davfs", "fuse.davfs2", "fuse.sshfs", "fuse.glusterfs", "fuse.ceph", "fuse.s3fs", "fuse.rclone",
    "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.curlftpfs"})
DRIVE_REMOTE = 4  # GetDriveTypeW


def is_network_path(path: Path) -> bool:
    """Whether `path` (a document, existing or about to be created) is on a network file system."""
    absolute = os.path.abspath(path)
    if sys.platform == "win32":
        return _windows_remote(absolute)
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return False  # not Linux, or no /proc: treated as local, as before
    return mount_type(_existing(absolute), mountinfo) in NETWORK_TYPES


def _windows_remote(absolute: str) -> bool:
    if absolute.startswith("\\\\") and not absolute.startswith(("\\\\?\\", "\\\\.\\")):
        return True  # \\server\share\…
    if absolute.upper().startswith("\\\\?\\UNC\\"):
        return True
    drive = os.path.splitdrive(absolute.removeprefix("\\\\?\\"))[0]
    if not drive:
        return False
    import ctypes  # only on Windows, only here
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def _existing(absolute: str) -> str:
    """The path itself, or its nearest existing folder (a new document's), with links resolved."""
    current = absolute
    while not os.path.exists(current) and os.path.dirname(current) != current:
        current = os.path.dirname(current)
    return os.path.realpath(current)


def mount_type(path: str, mountinfo: str) -> str:
    """The file system type of the mount `path` (absolute, resolved) is on, from the text of
    /proc/self/mountinfo; "" when none matches."""
    best, kind = -1, ""
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if " - " not in line or len(fields) < 5:
            continue
        point = _unescape(fields[4])
        after = line.split(" - ", 1)[1].split(" ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best:  # the deepest mount wins; a later one over the same point too
            best, kind = len(point), after[0]
    return kind


def _unescape(field: str) -> str:
    """Mount points escape space, tab, newline and backslash as octal (\\040…)."""
    if "\\" not in field:
        return field
    out, i = [], 0
    while i < len(field):
        digits = field[i + 1:i + 4]
        if field[i] == "\\" and len(digits) == 3 and all(d in "01234567" for d in digits):
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)
