"""What an Excel workbook can hold exactly, checked for every value the workbook writer puts in a
cell: nothing leaves FiscalDesk changed without a word.

A number in a workbook is a binary double, written by openpyxl with 16 significant digits and
read back by the importer as the shortest decimal of that double. Every amount one cell may
hold (at most 10^13 元, 15 significant digits with its 分) survives; a total of many cells
may not (2^53 + 1 分 comes back 1 分 more), and neither may a figure of more digits. Text is
XML 1.0, which has no control characters but tab and line breaks, no lone surrogates, no
U+FFFE/U+FFFF. Such a value refuses the export (ExcelExportRefused, naming the sheet, the
cell and the value) before a file is written. No openpyxl here: the package imports it late.
"""

from __future__ import annotations

import re
from decimal import Decimal

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class ExcelExportRefused(ValueError):
    """A value the workbook cannot hold exactly; the message says where and what, in Chinese."""


def written(value: Decimal | int) -> str:
    """The text openpyxl 3.1 writes for a number (openpyxl.compat.strings.safe_string)."""
    return "%.16g" % value


def read_back(value: Decimal | int) -> Decimal:
    """The number the importer reads from a cell written with `value` (reader._number). The float
    is the binary double the workbook holds, modelled on purpose to find what it would change;
    no amount is ever computed with it."""
    return Decimal(repr(float(written(value))))


def check_number(sheet: str, coordinate: str, value: Decimal | int) -> None:
    back = read_back(value)
    if back != value:
        raise ExcelExportRefused(
            f"Excel 工作簿没有生成：工作表“{sheet}”{coordinate} 的数值 {Decimal(value):,f} 超出 Excel 能精确保存的位数"
            f"（Excel 的数字约有 15 位有效数字），写入后会变成 {back:,f}。请检查这个数及与它相关的数字"
            f"是否填写有误（例如多填了几位）。")


def check_text(sheet: str, coordinate: str, text: str, what: str = "") -> None:
    """`what` names the text for the clerk (e.g. which explanation) when the cell alone would not."""
    found = _NOT_IN_XML.search(text)
    if found is None:
        return
    char = found.group()
    kind = ("损坏的文字（孤立的代理项）" if "\ud800" <= char <= "\udfff" else
            "非字符" if char in "\ufffe\uffff" else "控制字符")
    raise ExcelExportRefused(
        f"Excel 工作簿没有生成：工作表“{sheet}”{coordinate}{what} 的第 {found.start() + 1} 个字符"
        f"（U+{ord(char):04X}）是{kind}，Excel 工作簿不能保存它。请删除这个字符后再导出。")
