"""Importing the 公开 tables from any workbook that holds them in their official layout (文件 ▸
导入官方报表…, `fiscaldesk import FILE.xlsx --official`): the 财政部 决算 client's export, the
一体化 system's, a bureau template, a clerk's own workbook.

The tables are found by title or code wherever they stand (blocks.py), read backwards through
the published layouts (readers.py) and assembled into a copy of the open year: the figures they
give replace the document's, the coded tables' rows are matched by 科目编码 (then by name) so a
row keeps its 主要原因, and every 合计 a table states is compared with the one FiscalDesk computes
(the difference is reported; a typed total is never stored). The result goes through the same
preview and single undo step as the Excel import (editing/replace.py). Any figure that cannot be
read refuses the whole import, naming every cell; what is merely not understood (a column or row
that is no part of the table) is listed in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain import text as texts
from desktop.domain.document import MIN_YEAR, Document, YearData
from desktop.io.official.assemble import assemble, copy_year, derive, differences
from desktop.io.official.blocks import LINE_WORDS, Block, find_blocks, is_figure
from desktop.io.official.reading import Reading, layouts_of
from desktop.io.official.readers import reader_for
from desktop.io.official.sheets import Sheet
from desktop.io.xlsx.any_workbook import load_sheets
from desktop.io.xlsx.reader import XlsxImportError

MAX_PROBLEMS = 50
KIND = "官方报表"
_YEAR = re.compile(r"(20\d{2})\s*年")


class OfficialImportError(ValueError):
    """Nothing is imported; `problems` say what was found, what was missing, which cells."""

    def __init__(self, problems: list[str], name: str = "") -> None:
        self.problems = [texts.shown_safely(p) for p in problems[:MAX_PROBLEMS]]
        more = len(problems) - len(self.problems)
        lines = self.problems + ([f"……另有 {more} 处问题"] if more > 0 else [])
        super().__init__(f"“{name}”不能作为官方报表导入：\n" + "\n".join(lines))


@dataclass(frozen=True)
class FoundTable:
    section: str
    where: str  # 工作表“Sheet3”的“支出决算表”, 第6页的“表3 支出决算表”


@dataclass
class OfficialImport:
    """What the workbook gives the open year, and what the clerk should read before importing."""
    document: Document
    year: int
    tables: list[str]                      # the tables found, "工作表“…”的“收入决算表”"
    warnings: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    kind: str = KIND
    explanation_cells: dict = field(default_factory=dict)
    blocks: list[FoundTable] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # tables found blank (not yet filled): nothing taken from them


def read_official(path: str | Path, document: Document, year: int) -> OfficialImport:
    path = Path(path)
    try:
        sheets, notes = load_sheets(path)
    except XlsxImportError as exc:
        raise OfficialImportError(exc.problems, path.name) from None
    return read_tables(sheets, notes, document, year, path.name)


def new_from_official(path: str | Path, profile: str, department: str = "", year: int | None = None) -> OfficialImport:
    """A new document of the workbook's department and year (`fiscaldesk import --official`): both
    read from the tables' 编制单位 and title lines unless given."""
    path = Path(path)
    try:
        sheets, notes = load_sheets(path)
    except XlsxImportError as exc:
        raise OfficialImportError(exc.problems, path.name) from None
    blocks = find_blocks(sheets)
    stated = sorted({int(y) for b in blocks for y in _YEAR.findall(" ".join(_above(b)))})
    departments = sorted({b.department for b in blocks if b.department})
    problems = []
    if year is None and len(stated) != 1:
        problems.append("报表中没有写明年度（如“2024年度”）" if not stated else
                        f"报表写有多个年度（{'、'.join(map(str, stated))}）")
    if not department and len(departments) != 1:
        problems.append("报表中没有“编制单位：”行" if not departments else f"报表的编制单位不止一个（{'、'.join(departments)}）")
    if problems and blocks:
        raise OfficialImportError([*problems, "请用 --year 和 --department 指明"], path.name)
    year = year or (stated[0] if stated else MIN_YEAR)
    document = Document.new(department or (departments[0] if departments else "未命名部门"), year, profile)
    return read_tables(sheets, notes, document, year, path.name)


def read_tables(sheets: list[Sheet], notes: list[str], document: Document, year: int, name: str,
                purpose: str = "") -> OfficialImport:
    """The import of the tables found on `sheets` (a workbook's or a PDF's pages) into `year`,
    the year the tables must say they are of; `purpose` "上年数" words a wrong year for the
    prior-year import."""
    data = document.year(year)
    blocks = find_blocks(sheets)
    if not blocks:
        raise OfficialImportError(_nothing_found(sheets, data), name)
    problems = _wrong_year(blocks, year, purpose)
    reading = Reading()
    unread = []
    for block in blocks:
        section = document.schema.section(block.entry.section)
        reader = reader_for(section)
        if not _has_figures(block) and not (_declared_empty(block) and reader.reads_rows):
            unread.append(block.where)  # blank, not declared empty: not yet filled, nothing to import
            continue
        reader(block, section, year, reading, data).read()
    problems += reading.problems
    incoming = copy_year(document, year)
    problems += assemble(incoming, year, reading, name)
    if problems:
        raise OfficialImportError(problems, name)
    warnings = [*notes, *_unit_notes(blocks), *_department_notes(blocks, document),
                *derive(incoming, year, reading, name)]
    if unread:
        warnings.append(f"{'、'.join(unread)}中没有数字（未填写），这些表的数据保持不变")
    found = {b.entry.section for b in blocks}
    missing = [t.title for t in _published(data) if t.section not in found]
    if missing:
        warnings.append(f"工作簿中没有{'、'.join(missing)}：这些表的数据保持不变")
    found_differences = differences(reading, incoming.year(year))
    tables = [b.where for b in blocks]
    warnings.append(f"找到 {len(tables)} 张表：" + "；".join(tables))
    return OfficialImport(incoming, year, tables, [*found_differences, *reading.skipped, *_hidden(blocks), *warnings],
                          found_differences, reading.skipped,
                          blocks=[FoundTable(b.entry.section, b.where) for b in blocks], unread=unread)


def _hidden(blocks: list[Block]) -> list[str]:
    """Hidden rows and columns are read like the others: the clerk is told which."""
    notes = []
    for block in blocks:
        rows = [r for r in block.body_rows if r in block.sheet.hidden_rows]
        columns = [c for c in block.columns if c in block.sheet.hidden_columns]
        if rows:
            notes.append(f"{block.where}的第 {'、'.join(str(r) for r in rows[:10])} 行是隐藏行，与其他行一样读取")
        if columns:
            letters = "、".join(block.sheet.ref(block.first_row, c).split("!")[-1].rstrip("0123456789") for c in columns[:10])
            notes.append(f"{block.where}的 {letters} 列是隐藏列，与其他列一样读取")
    return notes


def _published(data: YearData) -> list[Any]:
    from desktop.publication.layouts import table_layouts
    return list(table_layouts(data.profile))


def _nothing_found(sheets: list[Sheet], data: YearData) -> list[str]:
    if sheets and sheets[0].page is not None:
        wanted = "、".join(dict.fromkeys(t.title for t in _published(data)))
        return [f"PDF 中没有找到任何公开报表：没有一张表的上方写有报表标题（{wanted}）。",
                "请确认选择的是已公开的部门决算公开文件（含第一部分决算报表的 PDF）。"]
    seen = []
    for sheet in sheets[:10]:
        first = next((str(v).strip() for _, v in sorted(sheet.values.items()) if isinstance(v, str) and v.strip()), "")
        seen.append(f"“{sheet.name}”" + (f"（首个文字“{first[:30]}”）" if first else "（空白）"))
    wanted = "、".join(dict.fromkeys(t.title for t in _published(data)))
    found = "、".join(seen) + ("等" if len(sheets) > 10 else "")
    return [f"没有找到任何公开报表：工作簿中的工作表为{found}，其中没有一张以报表标题开头。",
            f"应有的报表标题（任一即可）：{wanted}；也可以是表号，如“财决公开01表”。",
            "请确认选择的是公开报表的 Excel 文件；如是本程序导出的工作簿，请使用 文件 ▸ 导入Excel。"]


def _wrong_year(blocks: list[Block], year: int, purpose: str) -> list[str]:
    problems = []
    for block in blocks:
        years = {int(m) for text in _above(block) for m in _YEAR.findall(text)} or block.sheet.context_years(block.title_row)
        if years and year not in years:
            stated = "、".join(str(y) for y in sorted(years))
            if purpose == "上年数":
                problems.append(f"{block.where}是{stated}年度的报表：{year + 1}年度的上年数应取自{year}年度的公开文件")
            else:
                problems.append(f"{block.where}是{stated}年度的报表，当前导入的是{year}年度：请选择{year}年度的报表")
    return problems


def _has_figures(block: Block) -> bool:
    """Whether any body cell holds an amount (a 行次 or 序号 column's numbers are none)."""
    counted = [c for c in block.columns if not any(w in block.leaf(c) for w in LINE_WORDS)]
    return any(is_figure(block.sheet.values.get((row, column))) for row in block.body_rows for column in counted)


def _declared_empty(block: Block) -> bool:
    """A note under the table says it is empty (“……故本表为空表”, “本表无数据”), not unfilled."""
    return any(("空表" in note or "无数据" in note) and "未填写" not in note for note in block.notes)


def _above(block: Block) -> list[str]:
    """The title and the lines between it and the header (编制单位, 单位, 年度)."""
    above = range(block.first_row, (block.header_rows or [block.first_row])[0])
    return [block.title] + [str(block.sheet.values.get((r, c)) or "") for r in above for c in block.columns]


def _unit_notes(blocks: list[Block]) -> list[str]:
    notes = []
    scaled = [b for b in blocks if b.unit in ("万元", "千元")]
    if scaled:
        notes.append("以下表的金额单位为万元或千元，已换算为元导入："
                     + "、".join(dict.fromkeys(f"{_short(b)}（{b.unit}）" for b in scaled)))
    unknown = [b for b in blocks if not b.unit]
    if unknown:
        notes.append("以下表没有“单位：”行，金额按元读取：" + "、".join(b.where for b in unknown))
    return notes


def _short(block: Block) -> str:
    return layouts_of(block.entry.section)[0].title


def _department_notes(blocks: list[Block], document: Document) -> list[str]:
    name = document.department_name
    others = sorted({b.department for b in blocks if b.department and name and b.department != name})
    return [f"报表的编制单位为“{'、'.join(others)}”，本文档的部门为“{name}”：请确认是本部门的报表"] if others else []


