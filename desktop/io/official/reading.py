"""What reading one found table yields, and the reader every layout's reader builds on.

A table (a `Block`) is read into the document's terms: the figures it gives cells of a grid or
form, the coded or listed rows it gives a table, the 合计 it states (to be compared with the
computed one once the import is assembled, never stored) and what it could not place. Columns are
matched by their header words against the labels the published layouts and the schema give them
(and the catalogue's other wordings); rows by 科目编码 first, then by label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from desktop.domain.document import YearData
from desktop.domain.money import Money
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import Section
from desktop.domain.totals import column_total, summable_rows
from desktop.io.official.blocks import LINE_WORDS, Block, is_code, is_figure
from desktop.io.official.figures import FigureError, amount
from desktop.publication.layouts import TableLayout, table_layouts

Computed = Callable[[YearData], "Money | None"]


@dataclass(frozen=True)
class Figure:
    """A figure the table gives one cell of a grid or form."""
    section: str
    row: str
    column: str
    value: Money | None
    ref: str


@dataclass
class ListedRow:
    """A row the table gives a coded or listed table: its key (科目编码, or the label of a row
    without one), its figures by column and the cell each was read from."""
    key: str
    values: dict[str, Any]
    ref: str
    refs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StatedTotal:
    """A 合计 the table states, compared once the import is assembled."""
    where: str
    ref: str
    stated: Money | None
    computed: Computed


@dataclass
class Reading:
    figures: list[Figure] = field(default_factory=list)
    rows: dict[str, list[ListedRow]] = field(default_factory=dict)
    columns: dict[str, set[str]] = field(default_factory=dict)  # the columns each listed table was read for
    totals: list[StatedTotal] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def layouts_of(section: str) -> list[TableLayout]:
    """Every published layout of the section, in any profile (a workbook's style is not the
    document's): the national ones first."""
    seen, found = set(), []
    for profile in ["national", *sorted(available_profiles())]:
        for layout in table_layouts(profile):
            if layout.section == section and layout.key not in seen:
                seen.add(layout.key)
                found.append(layout)
    return found


class BlockReader:
    """Reads one block; `schema_section` is the section the block fills."""

    def __init__(self, block: Block, section: Section, year: int, reading: Reading,
                 known: YearData | None = None) -> None:
        self.block = block
        self.section = section
        self.year = year
        self.reading = reading
        self.known = known  # the document's year: a row without a code is found by its name there
        self.unit = block.unit or "元"
        self.title = layouts_of(section.key)[0].title  # as messages name the table, whatever the workbook calls it

    # -- shared helpers ---------------------------------------------------------------------
    def ref(self, row: int, column: int) -> str:
        """Sheet3!F8 in a workbook; in a PDF, whose cells have no names, the page and the table."""
        where = self.block.sheet.ref(row, column)
        return where if self.block.sheet.page is None else f"{where}“{self.block.title}”"

    def skip(self, row: int, column: int, what: str) -> None:
        self.reading.skipped.append(f"{self.ref(row, column)}：{what}（{self.title}），未导入")

    def problem(self, row: int, column: int, what: str) -> None:
        self.reading.problems.append(f"{self.ref(row, column)}：{what}（{self.title}）")

    def money(self, row: int, column: int) -> tuple[bool, Money | None]:
        """(readable, amount) of a body cell; an unreadable one is a problem."""
        value = self.block.sheet.values.get((row, column))
        if value is None and self.block.sheet.anchor(row, column) != (row, column):
            return True, None
        try:
            return True, amount(value, self.unit)
        except FigureError as exc:
            self.problem(row, column, str(exc))
            return False, None

    def text(self, row: int, column: int) -> str:
        return self.block.text(row, column)

    def line_column(self, column: int) -> bool:
        leaf = self.block.leaf(column)
        if any(word in leaf for word in LINE_WORDS):
            return True
        values = [self.block.sheet.values.get((r, column)) for r in self.block.body_rows]
        numbers = [v for v in values if v is not None]
        return bool(numbers) and all(isinstance(v, int) and 0 < v < 200 for v in numbers) \
            and numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and not self.block.leaf(column)

    def text_column(self, column: int) -> bool:
        """A column of labels: its body holds more words than figures."""
        words = figures = 0
        for row in self.block.body_rows:
            value = self.block.sheet.values.get((row, column))
            if value is None:
                continue
            if is_figure(value) or is_code(value):
                figures += 1
            else:
                words += 1
        leaf = self.block.leaf(column)
        return words > figures or (words >= 1 and ("项目" in leaf or "名称" in leaf))

    def match_column(self, column: int, candidates: list[tuple[str, tuple[str, ...], str]]) -> str | None:
        """The key of the candidate (key, names, group) the column's header names best."""
        path = self.block.paths.get(column, ())
        if not path:
            return None
        leaf = path[-1]
        best: tuple[int, str] | None = None
        for key, names, group in candidates:
            score = 0
            if leaf == names[0] and group and group in path:
                score = 4
            elif leaf == names[0] and (not group or not any(p != leaf and p in self.groups for p in path)):
                score = 3
            elif "".join(path).endswith(names[0]) and len(names[0]) > 2:
                score = 2
            elif leaf in names[1:]:
                score = 1
            if score and (best is None or score > best[0]):
                best = (score, key)
        return best[1] if best else None

    groups: frozenset[str] = frozenset()
    reads_rows = False  # a table of rows (科目, items): one declared empty (注：…空表) is read as having none


# -- what a stated total is compared with ------------------------------------------------------
def fixed(value: Money | None) -> Computed:
    return lambda _data: value


def section_total(section: str, column: str) -> Computed:
    return lambda data: column_total(data, section, column, summable_rows(data, section))


def cell_value(section: str, row: str, column: str) -> Computed:
    return lambda data: data.section(section).value(row, column)
