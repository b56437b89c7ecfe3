"""Finding the published tables in a sheet, and the parts of each: its title, the 编制单位 and 单位
lines, the header rows (merged or not) and what each column is headed, the body rows, the notes.

A table starts at a cell naming one (its title or table code, whatever the sheet is called) and
ends where the next one starts, so several tables stacked on one sheet are read apart. A sheet
with no title cell whose name names a table is that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop.io.official.catalogue import TableEntry, identify, label_key, squeezed
from desktop.io.official.sheets import Sheet
from desktop.io.xlsx.layout import DATA_SHEET_PREFIX

MAX_TITLE = 60
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|千元|元)")
_DEPARTMENT = re.compile(r"编制(?:单位|部门)[:：]\s*(.+?)(?:\s{2,}|\u3000|（|\(|$)")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,3}$")
_FIGURE = re.compile(r"^[-+(（]?\s*[\d,，]+(?:\.\d+)?\s*[)）]?$|^[-—－–]$")
_NOTE = re.compile(r"^(?:注|说明|备注|附注)\s*\d*\s*[:：]")
TOTAL_WORDS = ("合计", "总计", "小计")
LINE_WORDS = ("行次", "栏次", "序号")
UNIT_FACTORS = {"元": 1, "千元": 1000, "万元": 10000}


@dataclass
class Block:
    """One table on a sheet."""
    sheet: Sheet
    entry: TableEntry
    title: str
    title_row: int
    first_row: int  # the first row after the title
    last_row: int
    unit: str = ""
    unit_ref: str = ""
    department: str = ""
    header_rows: list[int] = field(default_factory=list)
    body_rows: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    paths: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """The table as a message names it: 工作表“…”的“收入决算表”."""
        place = self.sheet.ref(self.title_row, 1) if self.sheet.page is not None else f"工作表“{self.sheet.name}”"
        return f"{place}的“{self.title}”"

    def text(self, row: int, column: int) -> str:
        return cell_text(self.sheet.shown(row, column))

    def leaf(self, column: int) -> str:
        path = self.paths.get(column, ())
        return path[-1] if path else ""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def is_figure(value: Any) -> bool:
    """A number, or text an amount is written as ("1,234.56", "-", "(12.00)")."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return True
    return isinstance(value, str) and bool(_FIGURE.match(value.strip().translate(_FULL_WIDTH)))


_FULL_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"，": ",", "．": "."})


def is_code(value: Any) -> bool:
    text = cell_text(value)
    return bool(_CODE.match(text))


def find_blocks(sheets: list[Sheet]) -> list[Block]:
    """Every table on the sheets. A FiscalDesk workbook's 填报 sheets are its own input layout, not
    the published one (文件 ▸ 导入Excel reads them); a sheet without a title cell is the table its
    name names, unless that table was found by its title elsewhere."""
    blocks = []
    sheets = [s for s in sheets if not s.name.startswith(DATA_SHEET_PREFIX)]
    found = {sheet.name: _titles(sheet) for sheet in sheets}
    titled = {entry.section for titles in found.values() for _, _, entry, _ in titles}
    for sheet in sheets:
        titles = found[sheet.name]
        if not titles:
            entry = identify(sheet.name)
            if entry is not None and entry.section not in titled and sheet.values:
                first = min(r for r, _ in sheet.values) - 1
                titles = [(first, sheet.name, entry, first)]
        for index, (row, title, entry, title_end) in enumerate(titles):
            end = titles[index + 1][0] - 1 if index + 1 < len(titles) else sheet.last_row
            block = Block(sheet, entry, title, row, title_end + 1, end)
            _parse(block)
            blocks.append(block)
    return blocks


def _titles(sheet: Sheet) -> list[tuple[int, str, TableEntry, int]]:
    """(first row, title, table, last row) of each title found; the rows hold the title and its code."""
    found: dict[int, tuple[int, str, TableEntry]] = {}
    for (row, column), value in sorted(sheet.values.items()):
        if row in found or not isinstance(value, str):
            continue
        text = value.strip()
        if not text or len(squeezed(text)) > MAX_TITLE or _NOTE.match(text) or "编制" in text:
            continue
        entry = identify(text)
        if entry is not None:
            found[row] = (row, " ".join(text.split()), entry)
    titles: list[tuple[int, str, TableEntry, int]] = []
    for row in sorted(found):  # a table code beside or above its title is one table: the title names it
        _, text, entry = found[row]
        if titles and titles[-1][2] == entry and row - titles[-1][3] <= 3:
            first_row, first_text, _, _ = titles[-1]
            named = max(first_text, text, key=lambda t: any(n in squeezed(t) for n in entry.titles))
            titles[-1] = (first_row, named, entry, row)
            continue
        titles.append((row, text, entry, row))
    return titles


def _parse(block: Block) -> None:
    sheet = block.sheet
    rows = sorted({r for r, _ in sheet.values if block.first_row <= r <= block.last_row}
                  | {r for (r, _c) in sheet.spans if block.first_row <= r <= block.last_row})
    block.columns = sorted({c for r, c in sheet.values if block.first_row <= r <= block.last_row})
    _unit_and_department(block, [block.title_row, *rows])
    started = False
    for row in rows:
        anchors = dict.fromkeys(block.sheet.anchor(row, c) for c in block.columns)  # a merged cell once
        filled = [t for t in (cell_text(block.sheet.values.get(a)) for a in anchors) if t]
        if not filled:
            continue
        first = filled[0]
        noting = bool(block.notes) and not any(is_figure(t) for t in filled)  # a note's next lines
        if (_NOTE.match(first) and (started or len(filled) == 1)) or noting:
            block.notes.append(" ".join(filled))
            continue
        if not started and _is_meta(filled):
            continue
        if not started and _is_data(block, row, filled):
            started = True
        (block.body_rows if started else block.header_rows).append(row)
    block.header_rows = [r for r in block.header_rows if not _is_numbering(block, r)]
    _paths(block)


def _unit_and_department(block: Block, rows: list[int]) -> None:
    for row in rows[:6]:
        for column in sorted({c for r, c in block.sheet.values if r == row}):
            text = block.text(row, column)
            unit = _UNIT.search(squeezed(text))
            if unit and not block.unit:
                block.unit, block.unit_ref = unit.group(1), block.sheet.ref(row, column)
            department = _DEPARTMENT.search(text)
            if department and not block.department:
                block.department = department.group(1).strip()


def _is_meta(filled: list[str]) -> bool:
    """A 编制单位 / 单位 / 年度 line above the header."""
    joined = "".join(squeezed(t) for t in filled)
    return bool(_UNIT.search(joined)) or "编制" in joined or bool(re.fullmatch(r"[（(]?\d{4}年度?[）)]?", joined))


def _is_numbering(block: Block, row: int) -> bool:
    """A 栏次 row under the header ("栏次 1 2 3 …"): column numbers, no heading."""
    texts = [block.text(row, c) for c in block.columns if block.text(row, c)]
    if texts and squeezed(texts[0]) in ("栏次", "行次"):
        return True
    numbers = [t for t in texts if t.isdigit()]
    return len(numbers) >= 3 and len(numbers) >= len(texts) - 1 and [int(n) for n in numbers] == sorted(int(n) for n in numbers)


def _is_data(block: Block, row: int, filled: list[str]) -> bool:
    if _is_numbering(block, row):
        return False
    first = label_key(filled[0])
    words = [t for t in filled[1:] if not is_figure(t) and not is_code(t)]
    if (first in TOTAL_WORDS or first in ("人员经费合计", "公用经费合计")) and not words:
        return True  # an empty table's 合计 row; a header row starting 合计 has more headings beside it
    if re.match(r"^[一二三四五六七八九十]+、", squeezed(filled[0])):
        return True
    for column in block.columns:
        value = block.sheet.shown(row, column)
        if value is None:
            continue
        if is_code(value) or (is_figure(value) and not (isinstance(value, int) and 0 < value < 100)):
            return True
    return False


def _paths(block: Block) -> None:
    """What heads each column: the header texts above it, top to bottom, a merged cell's text in
    every column it spans; an unmerged group heading is carried right over the columns beneath it."""
    paths: dict[int, list[str]] = {c: [] for c in block.columns}
    header = block.header_rows
    for index, row in enumerate(header):
        carried, carried_parent = "", None
        for column in block.columns:
            parent = tuple(paths[column])
            text = squeezed(block.text(row, column))
            if text:
                if not paths[column] or paths[column][-1] != text:
                    paths[column].append(text)
                carried, carried_parent = text, parent
                continue
            below = any(block.text(r, column) for r in header[index + 1:])
            if carried and below and parent == carried_parent and block.sheet.anchor(row, column) == (row, column):
                paths[column].append(carried)
            else:
                carried = ""
    block.paths = {c: tuple(p) for c, p in paths.items()}
