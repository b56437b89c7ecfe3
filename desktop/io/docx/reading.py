"""A Word document's paragraphs as text, for 核对说明 (python-docx stays inside desktop/io/docx)."""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile


def docx_paragraphs(path: Path) -> list[str]:
    """The body's paragraphs in order (ValueError when the file is no Word document). Tables are
    the 第一部分 reports, not text, and are left out."""
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    try:
        document = open_docx(str(path))
    except (BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ValueError(f"“{path.name}”不是有效的 Word 文档（.docx），无法读取。") from exc
    return [paragraph.text for paragraph in document.paragraphs]
