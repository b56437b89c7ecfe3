"""Putting what the tables gave into a copy of the open year: the figures, each with the sheet!cell
(or page) it came from; the coded and listed tables' rows matched to the document's by 科目编码 (or
label), so columns the workbook does not hold stay; cells another table's 合计 gives; and every
stated 合计 compared with the computed one."""

from __future__ import annotations

from typing import Any

from desktop.domain.document import Document, SectionData, YearData
from desktop.domain.formatting import format_amount
from desktop.domain.money import Money
from desktop.domain.sources import Source
from desktop.domain.totals import column_total
from desktop.io.official.catalogue import catalogue
from desktop.io.official.reading import ListedRow, Reading

KIND_OF_SOURCE = "official"  # desktop.domain.sources.KINDS


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


def assemble(document: Document, year: int, reading: Reading, name: str) -> list[str]:
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
                            f"为 {shown(figure.value)}，而 {placed[key][1]} 为 {shown(placed[key][0])}")
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


def derive(document: Document, year: int, reading: Reading, name: str) -> list[str]:
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
                                    f"为 {shown(value)}，而 {where} 为 {shown(before[key])}")
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


def differences(reading: Reading, data: YearData) -> list[str]:
    found = []
    for total in reading.totals:
        computed = total.computed(data)
        if (total.stated or Money(0)) == (computed or Money(0)):
            continue
        if computed is None:
            found.append(f"{total.ref}：{total.where}写为 {shown(total.stated)}，而其各组成项在文档中均为空白，"
                         f"无法核对（合计不导入，请填写各组成项）")
        else:
            found.append(f"{total.ref}：{total.where}写为 {shown(total.stated)}，按各项计算为 {shown(computed)}，"
                         f"相差 {shown(total.stated - computed if total.stated is not None else -computed)}"
                         f"（合计不导入，以计算数为准）")
    return found


def shown(value: Any) -> str:
    if value is None:
        return "空白"
    if isinstance(value, Money):
        return f"{format_amount(value)}元"
    return str(value)
