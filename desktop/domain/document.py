"""The document: one department, its units, and one or more fiscal years of sections.

Each section holds cells addressed by (row id, column key). A form has the single row ``""``,
a grid has exactly its declared rows, a table has the rows the clerk added, in order, each with
a stable id so that an explanation, an undo step or a JSON round trip can name it. A cell that
was never filled is absent: blank is not zero. Every value passes `Column.check` on the way in.

The totals a grid declares (合计 rows, 总计 columns) are computed, never typed: `value` returns
their sum of the filled parts. A figure stored at such a cell arrived typed (an Excel import, an
older file); `stored` returns it, so the 审核 can compare it with the computed one — it is never
published over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from desktop.domain.money import Money
from desktop.domain.schema import FORM_ROW, UNIT_SEPARATOR, DocumentSchema, Section, ValueRejected, document_schema
from desktop.domain.text import is_ascii_digits

MIN_YEAR, MAX_YEAR = 2000, 2100
DEFAULT_PROFILE = "beijing-district"
_ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class DocumentError(ValueError):
    """An operation the document cannot accept; the message is shown to the clerk."""


@dataclass
class SectionData:
    section: Section
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    # new_row_id's counter, valid for the `rows` dict it was counted from
    _next_number: int = field(default=1, init=False, repr=False, compare=False)
    _counted: dict | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def empty(cls, section: Section) -> SectionData:
        if section.kind == "form":
            rows: dict[str, dict[str, Any]] = {FORM_ROW: {}}
        elif section.kind == "grid":
            rows = {key: {} for key in section.row_keys}
        else:
            rows = {}
        return cls(section, rows)

    def row_ids(self) -> list[str]:
        return list(self.rows)

    def _row(self, row_id: str) -> dict[str, Any]:
        try:
            return self.rows[row_id]
        except KeyError:
            raise DocumentError(f"{self.section.label}：没有行“{row_id}”") from None

    def value(self, row_id: str, key: str) -> Any:
        """The cell's value; for a computed total, the exact sum of its filled parts (None
        while every part is blank)."""
        self.section.column(key)
        parts = self.section.sum_parts(row_id, key)
        if parts is not None:
            return self.computed(parts)
        return self._row(row_id).get(key)

    def computed(self, parts: tuple[tuple[str, str], ...]) -> Money | None:
        filled = [v for v in (self.value(r, c) for r, c in parts) if v is not None]
        return Money(sum(v.fen for v in filled)) if filled else None

    def effective_row(self, row_id: str) -> dict[str, Any]:
        """A row's values with its computed totals filled in (what a reader of the row sees)."""
        row = self._row(row_id)
        computed = [key for (r, key) in self.section.sums if r == row_id] if self.section.sums else ()
        if not computed:
            return row
        merged = {k: v for k, v in row.items() if k not in computed}
        for key in computed:
            value = self.value(row_id, key)
            if value is not None:
                merged[key] = value
        return merged

    def drop_agreeing_totals(self) -> list[tuple[str, str]]:
        """Forget typed figures at computed totals that equal the computed sum (an import brings
        a workbook's own 合计 rows); a differing one stays, for the 审核 to report."""
        dropped = []
        for (row_id, key), parts in self.section.sums.items():
            stored = self.rows.get(row_id, {}).get(key)
            if stored is not None and stored == self.computed(parts):
                del self.rows[row_id][key]
                dropped.append((row_id, key))
        return dropped

    def stored(self, row_id: str, key: str) -> Any:
        """What the document holds at the cell: for a computed total, a figure that arrived typed."""
        self.section.column(key)
        return self._row(row_id).get(key)

    def set_value(self, row_id: str, key: str, value: Any) -> Any:
        """Set one cell (None clears it); returns the previous value."""
        column = self.section.column(key)
        row = self._row(row_id)
        try:
            checked = column.check(value)
        except ValueRejected as exc:
            raise DocumentError(f"{self.section.label}（{self.section.row_label(row_id) or '表单'}）{exc}") from exc
        previous = row.get(key)
        if checked is None:
            row.pop(key, None)
        else:
            row[key] = checked
        return previous

    def get(self, key: str) -> Any:
        """A form field's value."""
        return self.value(FORM_ROW, key)

    def set(self, key: str, value: Any) -> Any:
        return self.set_value(FORM_ROW, key, value)

    def cells(self) -> Iterator[tuple[str, str, Any]]:
        """Every filled cell as (row id, column key, value), rows in order."""
        for row_id, row in self.rows.items():
            for column in self.section.columns:
                if column.key in row:
                    yield row_id, column.key, row[column.key]

    def is_empty(self) -> bool:
        return not any(self.rows.values()) and (self.section.kind != "table" or not self.rows)

    # -- variable tables ---------------------------------------------------------------
    def _require_table(self) -> None:
        if self.section.kind != "table":
            raise DocumentError(f"{self.section.label}的行是固定的，不能增删")

    def new_row_id(self) -> str:
        """An id no row has: "r" and one more than the highest number of an "rN" id so far. The
        highest number is counted once per `rows` dict and then kept, so adding n rows costs O(n)."""
        if self._counted is not self.rows:
            numbers = [int(r[1:]) for r in self.rows if r[:1] == "r" and is_ascii_digits(r[1:])]
            self._next_number = max(numbers, default=0) + 1
            self._counted = self.rows
        while f"r{self._next_number}" in self.rows:  # a row added to the dict directly
            self._next_number += 1
        return f"r{self._next_number}"

    def add_row(self, values: Mapping[str, Any] | None = None, row_id: str | None = None,
                position: int | None = None) -> str:
        """Insert a row (at the end by default) and return its id. All or nothing; appending is
        O(1) amortised, inserting before row k moves the rows after it."""
        self._require_table()
        row_id = row_id or self.new_row_id()
        if not _ROW_ID.match(row_id):
            raise DocumentError(f"{self.section.label}：行标识“{row_id}”无效")
        if row_id in self.rows:
            raise DocumentError(f"{self.section.label}：行标识“{row_id}”重复")
        checked: dict[str, Any] = {}
        for key, value in (values or {}).items():
            try:
                checked_value = self.section.column(key).check(value)
            except (KeyError, ValueRejected) as exc:
                raise DocumentError(f"{self.section.label}：{exc}") from exc
            if checked_value is not None:
                checked[key] = checked_value
        self._insert(row_id, checked, position)
        if self._counted is self.rows and row_id[:1] == "r" and is_ascii_digits(row_id[1:]):
            self._next_number = max(self._next_number, int(row_id[1:]) + 1)
        return row_id

    def _insert(self, row_id: str, values: dict[str, Any], position: int | None) -> None:
        """Put a row at `position` (None: the end) of `rows`, in place."""
        if position is None or position >= len(self.rows):
            self.rows[row_id] = values
            return
        after = list(self.rows)[max(0, position):]
        moved = [(key, self.rows.pop(key)) for key in after]
        self.rows[row_id] = values
        self.rows.update(moved)

    def remove_row(self, row_id: str) -> tuple[int, dict[str, Any]]:
        """Remove a row; returns (position, values) so the removal can be undone."""
        self._require_table()
        position = self.row_ids().index(row_id) if row_id in self.rows else -1
        values = self._row(row_id)
        del self.rows[row_id]
        return position, values

    def move_row(self, row_id: str, position: int) -> None:
        self._require_table()
        values = self._row(row_id)
        del self.rows[row_id]
        self._insert(row_id, values, max(0, position))


def _sections_for(schema: DocumentSchema, scope: str) -> dict[str, SectionData]:
    return {s.key: SectionData.empty(s) for s in schema.in_scope(scope)}


@dataclass
class YearData:
    year: int
    profile: str
    sections: dict[str, SectionData]
    # Explanations typed for warnings, keyed by the finding's identity (rule id, location key).
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)
    # Once the year is entered per unit: each unit's (units-table row id) copies of the per-unit
    # sections; the department's copies are then their 汇总 (domain/department_units.py).
    units: dict[str, dict[str, SectionData]] = field(default_factory=dict)

    def section(self, key: str) -> SectionData:
        if UNIT_SEPARATOR in key:
            base, _, unit = key.partition(UNIT_SEPARATOR)
            return self.unit_section(unit, base)
        try:
            return self.sections[key]
        except KeyError:
            raise DocumentError(f"{self.year}年度没有表“{key}”") from None

    def unit_section(self, unit: str, key: str) -> SectionData:
        """Unit `unit`'s copy of a per-unit section (made empty on first use)."""
        if not self.units:
            raise DocumentError(f"{self.year}年度尚未分单位填报")
        department = self.section(key)
        if not department.section.per_unit:
            raise DocumentError(f"{department.section.label}不分单位填报")
        sections = self.units.setdefault(unit, {})
        if key not in sections:
            sections[key] = SectionData.empty(department.section)
        return sections[key]

    def remove_row(self, schema: DocumentSchema, section_key: str, row_id: str) -> list[tuple[str, str, int, dict]]:
        """Remove a row and every row that refers to it (a project's indicators and funds).

        Returns what was removed as (section, row id, position, values), dependants first,
        so an undo can put them back in reverse order.
        """
        removed: list[tuple[str, str, int, dict]] = []
        for referrer, column in schema.referrers(section_key):
            data = self.section(referrer.key)
            for dependant in [r for r, v in data.rows.items() if v.get(column.key) == row_id]:
                position, values = data.remove_row(dependant)
                removed.append((referrer.key, dependant, position, values))
        position, values = self.section(section_key).remove_row(row_id)
        removed.append((section_key, row_id, position, values))
        return removed

    def reference_problems(self, schema: DocumentSchema) -> list[str]:
        """Rows whose ref column points at a row that does not exist."""
        problems = []
        for section in schema.in_scope("year"):
            for column in section.columns:
                if column.type != "ref":
                    continue
                targets = self.section(column.target).rows
                for row_id, row in self.section(section.key).rows.items():
                    if column.key in row and row[column.key] not in targets:
                        problems.append(f"{self.year}年度 {section.label} 行“{row_id}”的{column.label}"
                                        f"“{row[column.key]}”不存在")
        return problems


@dataclass
class Document:
    schema: DocumentSchema
    sections: dict[str, SectionData]
    years: dict[int, YearData]
    # where each filled cell came from (domain/sources.py), (year or None, section, row, column) ->
    # Source; metadata about the figures, so no part of a document's equality
    sources: dict = field(default_factory=dict)
    # who publishes it: the department (部门决算) or one of its units (单位决算, department_units.py)
    publisher: str = "department"

    @classmethod
    def new(cls, department_name: str, year: int, profile: str = DEFAULT_PROFILE,
            schema: DocumentSchema | None = None) -> Document:
        schema = schema or document_schema()
        document = cls(schema, _sections_for(schema, "document"), {})
        document.section("department").set("name", department_name)
        document.add_year(year, profile)
        return document

    @classmethod
    def blank(cls, schema: DocumentSchema | None = None) -> Document:
        """A document with no years and no department name yet (for readers to fill)."""
        schema = schema or document_schema()
        return cls(schema, _sections_for(schema, "document"), {})

    @property
    def department_name(self) -> str:
        return self.section("department").get("name") or ""

    def section(self, key: str) -> SectionData:
        try:
            return self.sections[key]
        except KeyError:
            raise DocumentError(f"文档没有表“{key}”") from None

    def add_year(self, year: int, profile: str = DEFAULT_PROFILE) -> YearData:
        if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
            raise DocumentError(f"年度 {year} 无效：应在 {MIN_YEAR}–{MAX_YEAR} 之间")
        if year in self.years:
            raise DocumentError(f"文档中已有 {year} 年度")
        data = YearData(year, profile, _sections_for(self.schema, "year"))
        self.years = dict(sorted({**self.years, year: data}.items()))
        return data

    def year(self, year: int) -> YearData:
        try:
            return self.years[year]
        except KeyError:
            raise DocumentError(f"文档中没有 {year} 年度") from None

    def latest_year(self) -> YearData:
        if not self.years:
            raise DocumentError("文档中还没有任何年度")
        return self.years[max(self.years)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        def filled_units(year: YearData) -> dict[str, dict[str, list]]:
            filled = {u: {k: list(data.rows.items()) for k, data in s.items() if not data.is_empty()}
                      for u, s in sorted(year.units.items())}
            return {u: s for u, s in filled.items() if s}

        def shape(doc: Document) -> tuple:
            def rows(sections: dict[str, SectionData]) -> dict[str, list]:
                return {k: list(s.rows.items()) for k, s in sections.items()}
            return rows(doc.sections), {y: (d.profile, rows(d.sections), dict(sorted(d.explanations.items())),
                                            bool(d.units), filled_units(d))
                                        for y, d in doc.years.items()}
        return shape(self) == shape(other)
