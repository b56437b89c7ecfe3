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
from desktop.domain.document import MIN_YEAR, Document, SectionData, YearData
from desktop.domain.formatting import format_amount
from desktop.domain.money import Money
from desktop.domain.sources import Source
from desktop.domain.totals import column_total
from desktop.io.official.blocks import LINE_WORDS, Block, find_blocks, is_figure
from desktop.io.official.catalogue import catalogue
from desktop.io.official.readers import ListedRow, Reading, reader_for
from desktop.io.official.sheets import Sheet
from desktop.io.xlsx.any_workbook import load_sheets
from desktop.io.xlsx.reader import XlsxImportError

MAX_PROBLEMS = 50
KIND = "官方报表"
KIND_OF_SOURCE = "official"  # desktop.domain.sources.KINDS
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
    problems += _assemble(incoming, year, reading, name)
    if problems:
        raise OfficialImportError(problems, name)
    warnings = [*notes, *_unit_notes(blocks), *_department_notes(blocks, document),
                *_derive(incoming, year, reading, name)]
    if unread:
        warnings.append(f"{'、'.join(unread)}中没有数字（未填写），这些表的数据保持不变")
    found = {b.entry.section for b in blocks}
    missing = [t.title for t in _published(data) if t.section not in found]
    if missing:
        warnings.append(f"工作簿中没有{'、'.join(missing)}：这些表的数据保持不变")
    differences = _differences(reading, incoming.year(year))
    tables = [b.where for b in blocks]
    warnings.append(f"找到 {len(tables)} 张表：" + "；".join(tables))
    return OfficialImport(incoming, year, tables, [*differences, *reading.skipped, *_hidden(blocks), *warnings],
                          differences, reading.skipped,
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


def copy_year(document: Document, year: int) -> Document:
    """The document with only `year`, every row copied (what an import changes and is compared with)."""
    data = document.year(year)
    copied = Document(document.schema,
                      {k: SectionData(s.section, {r: dict(v) for r, v in s.rows.items()}) for k, s in document.sections.items()},
                      {})
    copied.years[year] = YearData(year, data.profile,
                                  {k: SectionData(s.section, {r: dict(v) for r, v in s.rows.items()})
                                   for k, s in data.sections.items()}, dict(data.explanations))
    return copied


def _assemble(document: Document, year: int, reading: Reading, name: str) -> list[str]:
    """Put the figures and rows read into the copied year, each cell with the sheet!cell (or page)
    it came from; two tables that disagree on one cell are a problem (an import never picks one of
    two figures)."""
    data = document.year(year)
    problems = []
    placed: dict[tuple[str, str, str], tuple[Any, str]] = {}
    for figure in reading.figures:
        key = (figure.section, figure.row, figure.column)
        if key in placed and placed[key][0] != figure.value:
            section = data.section(figure.section).section
            problems.append(f"{figure.ref}：{section.label}·{section.row_label(figure.row) or section.column(figure.column).label}"
                            f"为 {_shown(figure.value)}，而 {placed[key][1]} 为 {_shown(placed[key][0])}")
            continue
        placed[key] = (figure.value, figure.ref)
        data.section(figure.section).set_value(figure.row, figure.column, figure.value)
        document.sources[(year, *key)] = Source(KIND_OF_SOURCE, f"“{name}” {figure.ref}")
    for section_key, rows in reading.rows.items():
        placed_rows = _listed(data.section(section_key), rows, reading.columns.get(section_key, set()), problems)
        for row_id, refs in placed_rows.items():
            for column, ref in refs.items():
                document.sources[(year, section_key, row_id, column)] = Source(KIND_OF_SOURCE, f"“{name}” {ref}")
    return problems


def _derive(document: Document, year: int, reading: Reading, name: str) -> list[str]:
    """Cells no table printed, filled from the 合计 of a table that was read (catalogue.derived)."""
    data = document.year(year)
    given = {(f.section, f.row, f.column) for f in reading.figures}
    filled = []
    for derived in catalogue().derived:
        if (derived.section, derived.row, derived.column) in given or derived.source not in reading.rows:
            continue
        value = column_total(data, derived.source, derived.source_column)
        target = data.section(derived.section)
        if value is None or target.value(derived.row, derived.column) == value:  # blank is no figure to fill
            continue
        target.set_value(derived.row, derived.column, value)
        source = data.section(derived.source).section
        origin = f"{source.label}合计行的{source.column(derived.source_column).label}"
        filled.append(f"{target.section.label}·{target.section.row_label(derived.row)}（{origin}）")
        document.sources[(year, derived.section, derived.row, derived.column)] = Source(KIND_OF_SOURCE, f"“{name}” {origin}")
    return ["按已读入的表填入：" + "、".join(filled)] if filled else []


def _listed(target: SectionData, rows: list[ListedRow], columns: set[str], problems: list[str]) -> dict[str, dict[str, str]]:
    """The table's new rows: each row read, in the order read, on the document's row of the same
    key (科目编码, or label) when there is one, so the columns the workbook does not hold (主要原因,
    年初预算数 …) stay; rows the workbook does not list are removed. Returns, per row id, the
    cell each filled figure was read from."""
    identity = "code" if "code" in target.section.column_keys else next(iter(sorted(columns - {"amount"})), "")
    existing: dict[str, list[str]] = {}
    for row_id, values in target.rows.items():
        existing.setdefault(str(values.get(identity) or ""), []).append(row_id)
    merged: dict[str, tuple[dict[str, Any], str]] = {}
    refs: dict[str, dict[str, str]] = {}
    for row in rows:
        refs.setdefault(row.key, {}).update({k: r for k, r in row.refs.items() if row.values.get(k) is not None})
        if row.key in merged:
            before, where = merged[row.key]
            for key, value in row.values.items():
                if key in before and before[key] is not None and value is not None and before[key] != value:
                    problems.append(f"{row.ref}：{target.section.label}“{row.key}”的{target.section.column(key).label}"
                                    f"为 {_shown(value)}，而 {where} 为 {_shown(before[key])}")
                elif value is not None or key not in before:
                    before[key] = value
            continue
        merged[row.key] = (dict(row.values), row.ref)
    old = target.rows
    numbering = SectionData(target.section, dict(old))  # new rows' ids: none the old rows had
    target.rows = {}
    placed: dict[str, dict[str, str]] = {}
    for key, (values, _ref) in merged.items():
        ids = existing.get(key, [])
        row_id = ids.pop(0) if ids else None
        kept = dict(old.get(row_id, {})) if row_id else {}
        for column in {*columns, identity, "name"} & set(target.section.column_keys):
            value = values.get(column)
            if column == "name" and not value:
                continue
            if value is None:
                kept.pop(column, None)
            else:
                kept[column] = value
        if row_id is None:
            row_id = numbering.new_row_id()
            numbering.rows[row_id] = {}
        target.add_row(kept, row_id=row_id)
        placed[row_id] = refs.get(key, {})
    return placed


def _differences(reading: Reading, data: YearData) -> list[str]:
    found = []
    for total in reading.totals:
        computed = total.computed(data)
        if (total.stated or Money(0)) == (computed or Money(0)):
            continue
        if computed is None:
            found.append(f"{total.ref}：{total.where}写为 {_shown(total.stated)}，而其各组成项在文档中均为空白，"
                         f"无法核对（合计不导入，请填写各组成项）")
        else:
            found.append(f"{total.ref}：{total.where}写为 {_shown(total.stated)}，按各项计算为 {_shown(computed)}，"
                         f"相差 {_shown(total.stated - computed if total.stated is not None else -computed)}"
                         f"（合计不导入，以计算数为准）")
    return found


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
    from desktop.io.official.readers import layouts_of
    return layouts_of(block.entry.section)[0].title


def _department_notes(blocks: list[Block], document: Document) -> list[str]:
    name = document.department_name
    others = sorted({b.department for b in blocks if b.department and name and b.department != name})
    return [f"报表的编制单位为“{'、'.join(others)}”，本文档的部门为“{name}”：请确认是本部门的报表"] if others else []


def _shown(value: Any) -> str:
    if value is None:
        return "空白"
    if isinstance(value, Money):
        return f"{format_amount(value)}元"
    return str(value)

