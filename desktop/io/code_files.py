"""Reading the 科目表 file the 财政 office distributes: an Excel workbook (.xlsx) or a CSV file.

The file becomes sheets of rows here; desktop.domain.code_import understands the rows. A CSV
file may be UTF-8 (with or without a BOM) or GBK/GB18030, separated by commas, tabs or
semicolons. openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Sequence

from desktop.domain.code_import import CodeImport, parse_code_sheets
from desktop.io.workbook_zip import unpacked_size
from desktop.oserrors import describe

FILE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

Sheet = tuple[str, list[Sequence[Any]]]


class CodeFileError(ValueError):
    """A file that cannot be read as a 科目表; the message is shown to the clerk."""


def read_code_file(path: str | Path) -> CodeImport:
    """Read and understand a 科目表 file; CodeFileError when it cannot be read at all."""
    return parse_code_sheets(read_code_sheets(Path(path)))


def read_code_sheets(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise CodeFileError(f"“{path.name}”是旧版 Excel 文件（.xls）：请在 Excel 中另存为 .xlsx 或 CSV 后再导入。")
    if suffix not in FILE_SUFFIXES:
        raise CodeFileError(f"“{path.name}”：只能导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CodeFileError(f"无法读取“{path.name}”（{describe(exc)}）。") from None
    if size > MAX_BYTES:
        raise CodeFileError(f"“{path.name}”有 {size // (1024 * 1024)} MB，不像科目表，不能导入。")
    if suffix in (".csv", ".txt"):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CodeFileError(f"无法读取“{path.name}”（{describe(exc)}）。") from None
        return [(path.stem, csv_rows(decode_csv(data, path.name)))]
    return _workbook_sheets(path)


def decode_csv(data: bytes, name: str = "") -> str:
    """UTF-8 (a BOM is dropped) or GB18030 (a superset of GBK), whichever reads as a code table.

    Short GBK text can also be valid UTF-8 ("支" in GBK reads as the Hebrew point U+05A7), so
    when both decodings work the one with more of what a 科目表 holds (汉字, ASCII, CJK and
    full-width punctuation) wins; UTF-8 on a tie.
    """
    decoded = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded.append(data.decode(encoding))
        except UnicodeDecodeError:
            pass
    if not decoded:
        raise CodeFileError(f"“{name}”的编码无法识别：请存为 UTF-8 或 GBK 编码的 CSV 文件。")
    return max(decoded, key=_expected_share)  # max keeps the first (UTF-8) on a tie


def _expected_share(text: str) -> float:
    if not text:
        return 1.0
    expected = sum(1 for ch in text if ch < "\x80" or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
                   or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027"
                   or ch == "\u00b7")
    return expected / len(text)


def csv_rows(text: str) -> list[Sequence[Any]]:
    """The rows of CSV text; the separator (comma, tab or semicolon) is the one the first lines use."""
    head = "\n".join(text.splitlines()[:20])
    delimiter = max((",", "\t", ";"), key=head.count) if head else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _workbook_sheets(path: Path) -> list[Sheet]:
    unpacked = unpacked_size(path)
    if unpacked is None:
        raise CodeFileError(f"“{path.name}”已损坏或不是 Excel 工作簿（.xlsx），无法打开。")
    if unpacked > MAX_UNPACKED_BYTES:
        raise CodeFileError(f"“{path.name}”解压后过大，不像科目表，不能导入。")
    from desktop.io.xlsx.code_sheets import workbook_rows  # openpyxl only when a workbook is read
    try:
        return workbook_rows(path)
    except Exception as exc:  # openpyxl raises many kinds for damaged parts  # noqa: BLE001
        raise CodeFileError(f"“{path.name}”已损坏，无法读取（{type(exc).__name__}）。") from None
