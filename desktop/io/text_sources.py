"""A 说明 from outside, as paragraphs for 核对说明: Word (.docx), plain text (.txt) or a published PDF.

Word gives its paragraphs (tables are the 第一部分 reports, not text, and are left out); a text file
is UTF-8 or, as Chinese Windows saves it, GB18030; a PDF gives the lines of its text layer, page by
page (pypdfium2, already used to look at exported pages). Old Word (.doc) and WPS files cannot be
read without their programs: the clerk is asked to save as .docx.
"""

from __future__ import annotations

import re
from pathlib import Path

READABLE = (".docx", ".txt", ".pdf")
_PARAGRAPH_ENDS = ("。", "：", ":", "！", "？", "；")
# justified PDF text comes out with spaces between Chinese characters ("本年收入 合计 78,129,577.73元， 比 上年")
_CJK = "\u4e00-\u9fff，。；：、（）“”"
_PDF_GAPS = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}\d])|(?<=[\d%元])[ \u3000]+(?=[{_CJK}])")
# a line of a 第一部分 table: two numbers in a row with no unit after them; never joined to text
# a row of cells ending with a bare amount or weight ("2 任务按时完成率 ≥ 95 % 20.00"): prose never ends so
_CELL_ROW = re.compile(r"^\S+(\s+\S+){2,}\s+\d[\d,]*\.\d{2}$")
_TABLE_ROW = re.compile(r"\d[\d,]*\.\d{2}(?![\d元%万亿])\s*\S*?\s*\d[\d,]*\.\d{2}(?![\d元%万亿])|^\d{3,7}\s")
SAVE_AS_DOCX = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".wpt": "WPS 文字模板（.wpt）",
                ".rtf": "RTF 文档（.rtf）"}


class TextSourceError(ValueError):
    """The file cannot be read as a 说明; the message says what to do."""


def read_paragraphs(path: str | Path) -> list[str]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SAVE_AS_DOCX:
        raise TextSourceError(f"无法直接读取{SAVE_AS_DOCX[suffix]}“{path.name}”：请在 Word 或 WPS 中“另存为”Word 文档（.docx）后再核对。")
    if suffix not in READABLE:
        raise TextSourceError(f"“{path.name}”不是可核对的说明文件：请选择 Word 文档（.docx）、文本文件（.txt）或 PDF 文件（.pdf）。")
    if not path.is_file():
        raise TextSourceError(f"找不到文件“{path}”。")
    if suffix == ".txt":
        return decode_text(path.read_bytes(), path.name).splitlines()
    if suffix == ".docx":
        return _docx_paragraphs(path)
    return _pdf_lines(path)


def decode_text(data: bytes, name: str = "") -> str:
    """UTF-8 (with or without a byte-order mark), else GB18030; a file that is neither is refused."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextSourceError(f"“{name}”既不是 UTF-8 也不是 GB18030 编码的文本，无法读取：请另存为 UTF-8 文本或 Word 文档。")


def _docx_paragraphs(path: Path) -> list[str]:
    from desktop.io.docx.reading import docx_paragraphs
    try:
        return docx_paragraphs(path)
    except ValueError as exc:
        raise TextSourceError(str(exc)) from exc


def _pdf_lines(path: Path) -> list[str]:
    import pypdfium2
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise TextSourceError(f"“{path.name}”不是有效的 PDF 文件，无法读取。") from exc
    pages: list[list[str]] = []
    try:
        for page in pdf:
            text = page.get_textpage().get_text_range()
            pages.append([_PDF_GAPS.sub("", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")])
    finally:
        pdf.close()
    lines = _without_running_lines(pages)
    if not any(line.strip() for line in lines):
        raise TextSourceError(f"“{path.name}”没有文字层（可能是扫描件），无法核对：请使用导出的 PDF 或 Word 文档。")
    return join_wrapped_lines(lines)


_PAGE_NUMBER = re.compile(r"^(第\s*\d+\s*页(\s*[,，/／]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,4}\s*[-—–]?|\d+\s*/\s*\d+)$")
_PAGE_EDGE = 3  # lines at the top or bottom of a page where running headers and footers stand


def _without_running_lines(pages: list[list[str]]) -> list[str]:
    """The pages' lines without page numbers and the running header or footer (a line at the
    edge of more than half of at least three pages): they would join the paragraphs they
    interrupt ("…收入第15页共30页某部门决算公开说明…")."""
    edges: dict[str, int] = {}
    for page in pages:
        filled = [line.strip() for line in page if line.strip()]
        for line in set(filled[:_PAGE_EDGE] + filled[-_PAGE_EDGE:]):
            edges[line] = edges.get(line, 0) + 1
    running = {line for line, count in edges.items() if len(pages) >= 3 and count > len(pages) / 2}
    return [line for page in pages for line in page
            if line.strip() not in running and not _PAGE_NUMBER.match(line.strip())]


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """A PDF breaks a paragraph wherever the page is full: lines are joined back until one ends a
    sentence; a heading stays a line of its own."""
    from desktop.review.outline import heading_level
    paragraphs: list[str] = []
    open_paragraph = False
    for raw in lines:
        line = raw.strip()
        if not line:
            open_paragraph = False
            continue
        row = _TABLE_ROW.search(line) is not None or _CELL_ROW.match(line) is not None
        if row:  # its cells apart: "≥ 95 %" is a 指标性质, a 指标值 and a 度量单位, not "95 %" with a stray space
            line = re.sub(r"[ \u3000]+", "\t", line)
        alone = heading_level(line) is not None or row
        if open_paragraph and not alone:
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        open_paragraph = not alone and not line.endswith(_PARAGRAPH_ENDS)
    return paragraphs
