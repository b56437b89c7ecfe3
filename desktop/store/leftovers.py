"""Temporary files a killed FiscalDesk leaves behind, removed when the program starts.

Every writer works through a temporary file and renames it into place; a crash or a kill in
between leaves the temporary: `*.partial` backups in the backups folder, `*.tmp` settings and
code tables in the user data folder, `.<name>.part` exports beside their target. Beside a
document (`<name>.new`…), they are removed under the document's lock (desktop.store.replacing);
here, at start-up, the user data folder's and those of the folders the clerk works in, once they
are old enough that no other running FiscalDesk can still be writing them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

STALE_AFTER_SECONDS = 3600  # a backup or an export takes seconds; an hour-old temporary is abandoned
_DATA_PATTERNS = ("**/*.partial", "*.tmp", "**/*.json.tmp")
_EXPORT_PATTERNS = (".*.part", "*.json.tmp", "*.fdesk.partial", "*.fdesk.new", "*.fdesk.new-wal", "*.fdesk.new-shm",
                    "*.fdesk.new-journal")


def _stale(path: Path, now: float) -> bool:
    try:
        return path.is_file() and now - path.stat().st_mtime > STALE_AFTER_SECONDS
    except OSError:
        return False


def remove_stale(data_folder: Path, work_folders: Iterable[Path] = (), now: float | None = None) -> list[Path]:
    """Remove abandoned temporaries; the paths removed (a file that will not go is left)."""
    now = time.time() if now is None else now
    candidates: list[Path] = []
    if data_folder.is_dir():
        for pattern in _DATA_PATTERNS:
            candidates += data_folder.glob(pattern)
    for folder in dict.fromkeys(Path(f) for f in work_folders):
        if folder.is_dir():
            for pattern in _EXPORT_PATTERNS:
                candidates += folder.glob(pattern)
    removed = []
    for path in dict.fromkeys(candidates):
        if _stale(path, now):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed
