"""A workbook is a zip archive: how large it unpacks, read before openpyxl opens it.

Both workbook readers (the Excel import and the 科目表 import) refuse a file that is not a zip, or
that would unpack to far more than any real workbook (a zip bomb), before parsing a byte of it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def unpacked_size(path: Path) -> int | None:
    """The bytes the archive's members add up to; None when the file is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
