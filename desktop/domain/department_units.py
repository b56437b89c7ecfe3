"""A department and its units (本级 and 所属单位): each unit's own figures and the department's 汇总.

A 部门决算 is the 汇总 of the department's units. Until a year is entered per unit, the
department's figures are taken as the 本级's: a department of one unit, and every document from
before units had figures of their own, reads exactly as it did. `split_year` gives each unit its
own copy of every per-unit section (sections.json ``per_unit``): the 本级's copy holds what the
department had, the others start blank (not filled, never zero). From then on the department's
copies are computed, never typed: `summarise` sets each summed cell (money, counts, areas) to the
sum of the units' filled cells, blank while every unit's is blank, and rebuilds a table's rows
from the units' rows, matched by the section's ``per_unit.match`` columns (a 功能分类 code, a
车型). A grid's or a form's other cells (its 说明 texts) remain the department's own.

A unit's copy is addressed by a qualified section key, ``"functional_income@r2"`` (units-table
row r2), so the commands, the file and the sources store it like any other section.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from desktop.domain.document import Document, DocumentError, SectionData, YearData
from desktop.domain.money import Money
from desktop.domain.schema import UNIT_SEPARATOR, Column, Section
from desktop.domain.text import is_ascii_digits

HOME_ROLE, SUBORDINATE_ROLE = "本级", "所属单位"
UNIT_PUBLISHER = "unit"  # Document.publisher of a unit's own 单位决算公开
UNIT_WORDING = (("本部门", "本单位"), ("部门决算", "单位决算"), ("部门基本情况", "单位基本情况"),
                ("部门机构设置", "单位机构设置"))  # generated wording, never the clerk's text
TEXT_JOINER = "；"
Cell = tuple[str, str, str | None]  # (section, row, column); column None: the whole row changed


@dataclass(frozen=True)
class ReportingUnit:
    """One unit of the department: a row of the 单位 table that has a name."""
    id: str
    name: str
    kind: str
    role: str
    home: bool  # the 本级 (the first unit when none is marked 本级)

    @property
    def noun(self) -> str:
        return "本部门" if self.home else "本单位"


def reporting_units(document: Document) -> list[ReportingUnit]:
    """The named units in the 单位 table's order, the 本级 marked."""
    rows = [(row_id, values) for row_id, values in document.section("units").rows.items()
            if str(values.get("name") or "").strip()]
    home = next((row_id for row_id, values in rows if values.get("role") == HOME_ROLE),
                rows[0][0] if rows else None)
    return [ReportingUnit(row_id, str(values["name"]).strip(), str(values.get("kind") or ""),
                          str(values.get("role") or ""), row_id == home) for row_id, values in rows]


def home_unit(document: Document) -> ReportingUnit | None:
    return next((unit for unit in reporting_units(document) if unit.home), None)


def find_unit(document: Document, wanted: str) -> ReportingUnit:
    """The unit named `wanted` (or with that row id); the message lists the units there are."""
    units = reporting_units(document)
    for unit in units:
        if wanted.strip() in (unit.name, unit.id):
            return unit
    names = "、".join(u.name for u in units) or "（单位表为空）"
    raise DocumentError(f"本部门没有名为“{wanted}”的单位；单位表中的单位为：{names}")


def unit_key(section: str, unit_id: str) -> str:
    return f"{section}{UNIT_SEPARATOR}{unit_id}"


def split_key(key: str) -> tuple[str, str | None]:
    """("functional_income", "r2") for "functional_income@r2"; (key, None) for a department key."""
    base, separator, unit = key.partition(UNIT_SEPARATOR)
    return base, (unit if separator else None)


def is_split(year: YearData) -> bool:
    """Whether the year is entered per unit (its per-unit sections are then the units' 汇总)."""
    return bool(year.units)


def section_key(document: Document, year: YearData, unit_id: str | None, section: str) -> str:
    """The key under which unit `unit_id` (None: the department) edits `section` this year."""
    data = year.section(section)
    if unit_id is None or not data.section.per_unit:
        return section
    if not is_split(year):
        home = home_unit(document)
        if home is not None and home.id == unit_id:
            return section
        raise DocumentError(f"{year.year}年度尚未分单位填报")
    return unit_key(section, unit_id)


def is_derived(year: YearData, section: Section, row_id: str, column: Column) -> bool:
    """Whether the department's cell is the units' 汇总 (read-only, never stored)."""
    return is_split(year) and section.per_unit and (section.kind == "table" or column.summed_across_units)


def stored_cells(year: YearData, key: str, data: SectionData) -> Iterable[tuple[str, str, Any]]:
    """The cells of a department section the file keeps: none of a 汇总's computed ones."""
    if not (is_split(year) and data.section.per_unit):
        yield from data.cells()
    elif data.section.kind != "table":
        yield from ((row, column, value) for row, column, value in data.cells()
                    if not data.section.column(column).summed_across_units)


# -- splitting a year into its units ------------------------------------------------------
def split_year(document: Document, year: YearData) -> dict[str, dict[str, dict]]:
    """Enter the year per unit: the 本级 takes the department's figures of every per-unit section,
    every other unit starts blank. Returns the department's sections as they were, for `join_year`."""
    if is_split(year):
        raise DocumentError(f"{year.year}年度已经分单位填报")
    units = reporting_units(document)
    if not units:
        raise DocumentError("单位表中还没有单位：请先在“基本情况”的单位表中填写本级和所属单位")
    keys = document.schema.per_unit_keys
    before = {key: copy.deepcopy(year.sections[key].rows) for key in keys}
    year.units = {unit.id: {} for unit in units}
    for unit in units:
        for key in keys:
            data = year.unit_section(unit.id, key)
            if unit.home:
                data.rows = copy.deepcopy(year.sections[key].rows)
    for key in keys:  # what stays the department's own: a grid's or form's unsummed cells
        department = year.sections[key]
        if department.section.kind == "table":
            department.rows = {}
            continue
        for row in department.rows.values():
            for column in [c for c in row if department.section.column(c).summed_across_units]:
                del row[column]
    summarise(document, year)
    return before


def join_year(year: YearData, before: dict[str, dict[str, dict]]) -> None:
    """Undo `split_year`: the department's sections as they were, no unit copies."""
    year.units = {}
    for key, rows in before.items():
        year.sections[key].rows = copy.deepcopy(rows)


# -- the 汇总 ----------------------------------------------------------------------------
def summarise(document: Document, year: YearData, keys: Iterable[str] | None = None,
              edited: dict[str, set[tuple[str, str]]] | None = None) -> list[Cell]:
    """Recompute the department's copies of the per-unit sections `keys` (all by default) from
    the units; returns the department cells whose value changed. `edited` may name, per table,
    the (unit, row) whose cells (not the columns rows are matched by) alone changed: only the 汇总
    rows those match are recomputed then, not the whole table."""
    if not is_split(year):
        return []
    order = [unit.id for unit in reporting_units(document)]
    changed: list[Cell] = []
    for key in keys if keys is not None else document.schema.per_unit_keys:
        department = year.sections[key]
        parts = [(unit, year.units[unit][key]) for unit in order if key in year.units.get(unit, {})]
        if department.section.kind != "table":
            changed += _summarise_fixed(key, department, [data for _, data in parts])
            continue
        refreshed = _refresh_rows(key, department, parts, edited[key]) if edited and key in edited else None
        changed += refreshed if refreshed is not None else _summarise_table(key, department, parts)
    return changed


def _summarise_fixed(key: str, department: SectionData, parts: list[SectionData]) -> list[Cell]:
    section = department.section
    changed: list[Cell] = []
    for row_id, row in department.rows.items():
        for column in section.columns:
            if not column.summed_across_units:
                continue
            total = None
            if not section.is_computed(row_id, column.key):  # a computed total sums itself
                total = add_up(column, [part.rows.get(row_id, {}).get(column.key) for part in parts])
            if row.get(column.key) != total:
                if total is None:
                    del row[column.key]
                else:
                    row[column.key] = total
                changed.append((key, row_id, column.key))
    return changed


def _summarise_table(key: str, department: SectionData, parts: list[tuple[str, SectionData]]) -> list[Cell]:
    section = department.section
    merged: dict[str, dict[str, Any]] = {}
    for unit, part in parts:
        for row_id, row in part.rows.items():
            match = tuple(row.get(c) for c in section.unit_match)
            _merge_into(section, merged.setdefault(_merged_row_id(match, unit, row_id), {}), row)
    if "code" in section.unit_match:
        merged = dict(sorted(merged.items(), key=lambda item: str(item[1].get("code") or "~")))
    changed = [(key, row_id, None) for row_id in merged.keys() | department.rows.keys()
               if merged.get(row_id) != department.rows.get(row_id)]
    if changed or list(merged) != list(department.rows):
        department.rows = merged
        changed = changed or [(key, row_id, None) for row_id in merged]
    return changed


def _merge_into(section: Section, target: dict[str, Any], row: dict[str, Any]) -> None:
    """Add a unit's row to its 汇总 row: summed columns add up, texts are joined, others kept."""
    modes = _merge_modes(section)
    for key, value in row.items():
        previous = target.get(key)
        if previous is None:
            target[key] = value
            continue
        mode = modes[key]
        if mode == "money":
            target[key] = Money(previous.fen + value.fen)
        elif mode == "number":
            target[key] = previous + value
        elif mode == "text" and value not in previous.split(TEXT_JOINER):
            target[key] = previous + TEXT_JOINER + value


_MODES: dict[str, dict[str, str]] = {}


def _merge_modes(section: Section) -> dict[str, str]:
    """How each column of a per-unit table merges into the 汇总 (looked up for every cell merged)."""
    modes = _MODES.get(section.key)
    if modes is None:
        modes = _MODES[section.key] = {
            c.key: ("money" if c.type == "money" else "number") if c.summed_across_units else
            "text" if c.type in ("text", "longtext") and c.key not in section.unit_match else "keep"
            for c in section.columns}
    return modes


def _refresh_rows(key: str, department: SectionData, parts: list[tuple[str, SectionData]],
                  edited: set[tuple[str, str]]) -> list[Cell] | None:
    """The 汇总 rows of the edited units' rows, recomputed from every unit's row that matches
    them; None when the table must be rebuilt (a row gone, or its 汇总 row not there yet)."""
    section = department.section
    tables = dict(parts)
    wanted: dict[str, tuple[tuple, str, str]] = {}
    for unit, row_id in edited:
        row = tables[unit].rows.get(row_id) if unit in tables else None
        if row is None:
            return None
        match = tuple(row.get(c) for c in section.unit_match)
        wanted[_merged_row_id(match, unit, row_id)] = (match, unit, row_id)
    changed: list[Cell] = []
    for merged_id, (match, unit, row_id) in wanted.items():
        old = department.rows.get(merged_id)
        if old is None:
            return None
        if all(value is None for value in match):
            rows = [tables[unit].rows[row_id]]
        else:
            rows = [row for _, part in parts for row in part.rows.values()
                    if tuple(row.get(c) for c in section.unit_match) == match]
        new: dict[str, Any] = {}
        for row in rows:
            _merge_into(section, new, row)
        if new != old:
            changed += [(key, merged_id, column) for column in old.keys() | new.keys() if old.get(column) != new.get(column)]
            department.rows[merged_id] = new
    return changed


def _merged_row_id(match: tuple, unit: str, row_id: str) -> str:
    """The 汇总 row id of a unit's row: the same for every unit's row that matches it."""
    if all(value is None for value in match):
        return f"{unit}-{row_id}"  # nothing to match by: the row stands alone
    if len(match) == 1 and isinstance(match[0], str) and is_ascii_digits(match[0]) and len(match[0]) < 39:
        return f"c{match[0]}"
    text = "\x1f".join("" if value is None else str(value) for value in match)
    return "m" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def add_up(column: Column, values: Iterable[Any]) -> Any:
    """The sum of the filled values (None while every one is blank), exact in the column's type."""
    filled = [v for v in values if v is not None]
    if not filled:
        return None
    if column.type == "money":
        return Money(sum(v.fen for v in filled))
    if column.type == "decimal":
        return sum(filled, Decimal(0))
    return sum(filled)


# -- a unit seen as a document -----------------------------------------------------------
def unit_year(document: Document, year: YearData, unit: ReportingUnit) -> YearData:
    """The year as unit `unit` reported it: its own per-unit sections, the department's others.

    Shares the sections with the document (an edit shows through); a unit of a year not entered
    per unit has blank figures, except the 本级, whose figures are the department's."""
    sections = dict(year.sections)
    for key in document.schema.per_unit_keys:
        if is_split(year):
            sections[key] = year.unit_section(unit.id, key)
        elif not unit.home:
            sections[key] = SectionData.empty(year.sections[key].section)
    return YearData(year.year, year.profile, sections)


def unit_document(document: Document, year_number: int, unit: ReportingUnit) -> Document:
    """A document of unit `unit` alone: what its 审核 reads and its 单位决算公开 publishes.

    Its other years are that unit's too where they were entered per unit; a year that was not is
    the department's for the 本级 and absent for any other unit."""
    years: dict[int, YearData] = {}
    for number, year in document.years.items():
        if number == year_number or is_split(year):
            years[number] = unit_year(document, year, unit)
        elif unit.home:
            years[number] = year
    if year_number not in years:
        raise DocumentError(f"文档中没有 {year_number} 年度")
    view = Document(document.schema, dict(document.sections), years)
    return view


def unit_publication(document: Document, year_number: int, unit: ReportingUnit) -> Document:
    """The 单位决算公开 of unit `unit`: its own tables and texts, published under its own name with
    the wording of a unit ("本单位", "单位决算"); the department's 内设机构 and 绩效 are not its."""
    view = unit_document(document, year_number, unit)
    department = SectionData.empty(document.section("department").section)
    department.set("name", unit.name)
    units = SectionData.empty(document.section("units").section)
    units.add_row({"name": unit.name, "kind": unit.kind or None, "role": HOME_ROLE}, row_id=unit.id)
    view.sections = {**view.sections, "department": department, "units": units}
    data = view.years[year_number]
    if not unit.home:
        data.sections = {**data.sections, "internal_departments": SectionData.empty(
            data.sections["internal_departments"].section)}
    view.publisher = UNIT_PUBLISHER
    return view


def worded(document: Document, text: str) -> str:
    """A generated heading or sentence in the publisher's words: a unit says 本单位 and 单位决算."""
    if document.publisher != UNIT_PUBLISHER:
        return text
    for department_word, unit_word in UNIT_WORDING:
        text = text.replace(department_word, unit_word)
    return text


def totals(year: YearData) -> tuple[Money | None, Money | None]:
    """A unit's (or the department's) 本年收入合计 and 本年支出合计, from the 总表."""
    grid = year.section("income_expenditure")
    return grid.value("income_total", "current"), grid.value("expenditure_total", "current")
