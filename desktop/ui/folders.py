"""Where a clerk's files go by default: beside the open document, or in 文档\\FiscalDesk.

The complete example and the 示例 copies live in the program's own data folder (%APPDATA%\\
FiscalDesk on Windows), which clerks never look into. An export, a new document, 打开 or 另存为
from there, or with no document open, starts in the FiscalDesk folder of the clerk's 文档
(Documents, wherever the system keeps it, also when IT redirects it to a server), which the
file dialog makes when it first needs it.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.paths import local_data_dir, user_data_dir
from desktop.ui.qt import QStandardPaths

FOLDER_NAME = "FiscalDesk"


def documents_folder() -> Path:
    """文档\\FiscalDesk (not created here)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return (Path(base) if base else Path.home()) / FOLDER_NAME


def program_managed(path: Path) -> bool:
    """Whether `path` is inside the program's own data folders (the example, the 示例 copies)."""
    absolute = Path(os.path.abspath(path))
    return any(absolute.is_relative_to(os.path.abspath(root)) for root in (user_data_dir(), local_data_dir()))


def default_folder(document: Path | None) -> Path:
    """Where a dialog about the open `document` (None: none is open) starts."""
    if document is not None and not program_managed(document):
        return Path(document).parent
    return documents_folder()


def dialog_start(path: Path) -> str:
    """`path` for a file dialog to start at, with the 文档\\FiscalDesk folder made if it is there."""
    folder = path if path.suffix == "" else path.parent
    if folder == documents_folder():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # the dialog then starts where the system puts it
    return str(path)
