"""Reading one found table (a `Block`) into the document's terms, per layout of the published
tables: the figures it gives cells of the document, the coded or listed rows it gives a table,
the 合计 it states (to compare with the computed one, never to store), what it could not place.

Columns are matched by their header words against the labels the published layouts and the
schema give them (and the catalogue's other wordings); rows by 科目编码 first, then by label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from desktop.domain.codes import code_table
from desktop.domain.document import YearData
from desktop.domain.money import Money
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import FORM_ROW, Section
from desktop.domain.totals import column_total, summable_rows
from desktop.io.official.blocks import LINE_WORDS, TOTAL_WORDS, Block, cell_text, is_code, is_figure
from desktop.io.official.catalogue import canonical_label, header_names, label_key, squeezed
from desktop.io.official.figures import FigureError, amount
from desktop.publication.layouts import TableLayout, table_layouts

Computed = Callable[[YearData], "Money | None"]
_CODE_IN_NAME = re.compile(r"^\s*(\d{3}(?:\d{2}){0,3})[\s\u3000]+(.+)$")


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


class CodedReader(BlockReader):
    """功能分类 / 经济分类 rows with their amount columns (收入决算表, 支出决算表, 表5, 表7 …); the
    经济分类 table in column pairs (人员经费 | 公用经费) is read one pair at a time."""

    reads_rows = True

    def read(self) -> None:
        block = self.block
        candidates = self._candidates()
        self.groups = frozenset(g for _, _, g in candidates if g)
        code_columns = [c for c in block.columns if any("编码" in p or "代码" in p for p in block.paths.get(c, ()))]
        split = self._split_code(code_columns)
        if split:
            triples = [(split, None)]
        elif len(code_columns) > 1:  # column pairs: code, name, amount for each
            triples = [([c], c) for c in code_columns]
        elif code_columns:
            triples = [(code_columns, None)]
        else:
            first = next((c for c in block.columns if self.text_column(c)), None)
            if first is None:
                self.reading.problems.append(f"{block.where}：没有找到“科目编码”或“科目名称”列，无法读取")
                return
            triples = [([first], None)]
        read_any = False
        for number, (codes, pair_start) in enumerate(triples):
            end = triples[number + 1][0][0] if number + 1 < len(triples) else max(block.columns) + 1
            span = [c for c in block.columns if max(codes) < c < end]
            name_column = next((c for c in span if self.text_column(c) or "名称" in block.leaf(c)), None)
            amounts = [c for c in span if c != name_column and not self.line_column(c)]
            mapping = self._map_columns(amounts, candidates, single=pair_start is not None)
            if not mapping:
                continue
            read_any = True
            self.reading.columns.setdefault(self.section.key, set()).update(mapping.values())
            self._rows(codes, name_column, mapping, pair_start is not None)
        if not read_any:
            wanted = "、".join(dict.fromkeys(names[0] for _, names, _ in candidates))
            self.reading.problems.append(f"{block.where}：没有一列的表头是本表的金额列（{wanted}），无法读取")

    def _candidates(self) -> list[tuple[str, tuple[str, ...], str]]:
        found = []
        money = [c for c in self.section.columns if c.type == "money"]
        for layout in layouts_of(self.section.key):
            for spec in layout.columns:
                found.append((spec.key, header_names(spec.label), squeezed(spec.group)))
            if layout.layout == "pairs":
                found.append((layout.options["column"], header_names("决算数"), ""))
        for column in money:
            found.append((column.key, header_names(column.label), ""))
        return found

    def _split_code(self, code_columns: list[int]) -> list[int]:
        """类 / 款 / 项 columns under 科目编码, in that order; empty when the code is one column."""
        parts = {}
        for column in code_columns:
            leaf = self.block.leaf(column)
            if leaf in ("类", "款", "项"):
                parts[leaf] = column
        return [parts[k] for k in ("类", "款", "项") if k in parts] if "类" in parts else []

    def _map_columns(self, amounts: list[int], candidates, single: bool) -> dict[int, str]:
        mapping: dict[int, str] = {}
        taken: set[str] = set()
        for column in amounts:
            key = self.match_column(column, candidates)
            if single and key is None and len(amounts) == 1:
                key = next((k for k, _, _ in candidates if k == "actual"), None)
            header = "／".join(self.block.paths.get(column, ())) or "（无表头）"
            if key is None or key in taken:
                if any(self.block.sheet.values.get((r, column)) is not None for r in self.block.body_rows):
                    self.skip(self.block.header_rows[-1] if self.block.header_rows else self.block.first_row, column,
                              f"列“{header}”不是{self.section.label}的列" if key is None else f"列“{header}”与前面的列重复")
                continue
            taken.add(key)
            mapping[column] = key
        return mapping

    def _code_of(self, row: int, codes: list[int], name_column: int | None) -> tuple[str, str]:
        """(科目编码, 科目名称) of a body row; the code may be split into 类/款/项 or written before the name."""
        if len(codes) > 1:
            parts = [cell_text(self.block.sheet.values.get((row, c))) for c in codes]
            parts = [p if i == 0 else p.zfill(2) for i, p in enumerate(parts) if p]
            code = "".join(parts)
        else:
            code = _code_text(self.block.sheet.shown(row, codes[0]))
        name = self.text(row, name_column) if name_column else ""
        if code and not code.isdigit():  # a label in the code column: 合计, or a name typed there
            name, code = name or code, ""
        if not code:
            first = self.text(row, codes[0])
            match = _CODE_IN_NAME.match(name) or _CODE_IN_NAME.match(first)
            if match:
                code, name = match.group(1), match.group(2).strip()
            elif not name and first and not is_code(first):
                name = first
        return code, " ".join(name.split())

    def _rows(self, codes: list[int], name_column: int | None, mapping: dict[int, str], pair: bool) -> None:
        block = self.block
        listed = self.reading.rows.setdefault(self.section.key, [])
        mine: list[ListedRow] = []
        for row in block.body_rows:
            code, name = self._code_of(row, codes, name_column)
            values: dict[str, Any] = {}
            readable = True
            for column, key in mapping.items():
                ok, value = self.money(row, column)
                readable &= ok
                values[key] = value
            if not code and not name and all(v is None for v in values.values()):
                continue
            label = label_key(name)
            if not code and (label in TOTAL_WORDS or label.endswith("合计")):
                if readable:
                    self._stated_total(row, name, mapping, values, mine if pair else None)
                continue
            if not code:
                code = self._code_by_name(name)
                if not code:
                    self.skip(row, codes[0], f"行“{name}”没有科目编码，也不是{self.section.label}中已有的科目")
                    continue
            if not _valid_code(code):
                self.skip(row, codes[0], f"科目编码“{code}”不是 3、5 或 7 位数字")
                continue
            if not name:
                entry = code_table(self.year).lookup("economic" if "economic" in self.section.key else "functional", code)
                name = entry.name if entry else ""
            refs = {key: self.ref(row, column) for column, key in mapping.items()}
            entry_row = ListedRow(code, {"code": code, "name": name, **values}, self.ref(row, codes[0]), refs)
            mine.append(entry_row)
        listed += mine

    def _stated_total(self, row: int, name: str, mapping: dict[int, str], values: dict[str, Any],
                      pair: list[ListedRow] | None) -> None:
        """A 合计 row: of the whole table, or (pair given) of the column pair's rows above it."""
        tops: list[dict[str, Any]] = []
        if pair is not None:
            rows = [r.values for r in pair]
            top = min((len(r["code"]) for r in rows), default=0)
            tops = [r for r in rows if len(r["code"]) == top]
        for column, key in mapping.items():
            label = self.section.column(key).label
            computed = _fixed(column_total(None, self.section.key, key, tops) if tops else None) \
                if pair is not None else _section_total(self.section.key, key)
            self.reading.totals.append(StatedTotal(f"{self.title}·{name.strip()}·{label}", self.ref(row, column),
                                                   values[key], computed))

    def _code_by_name(self, name: str) -> str:
        """The code of the document's one row of this table named `name`; "" when none or several."""
        if self.known is None or not name:
            return ""
        codes = {str(r.get("code")) for r in self.known.section(self.section.key).rows.values()
                 if r.get("code") and " ".join(str(r.get("name") or "").split()) == name}
        return codes.pop() if len(codes) == 1 else ""


class TwoSidedReader(BlockReader):
    """收入支出决算总表 and 财政拨款收入支出决算总表: 收入 on the left, 支出 on the right, each side's
    labels with their 行次 and amounts; a row is placed by its label on its side."""

    def read(self) -> None:
        block = self.block
        layouts = layouts_of(self.section.key)
        label_columns = [c for c in block.columns if self.text_column(c) and not self.line_column(c)]
        if not label_columns:
            self.reading.problems.append(f"{block.where}：没有找到“项目”列，无法读取")
            return
        sides = []
        for index, column in enumerate(label_columns):
            end = label_columns[index + 1] if index + 1 < len(label_columns) else max(block.columns) + 1
            amounts = [c for c in block.columns if column < c < end and not self.line_column(c)]
            sides.append((column, amounts))
        placed = 0
        for index, (label_column, amounts) in enumerate(sides[:2]):
            path = "".join(block.paths.get(label_column, ()) + block.paths.get(amounts[0], ()) if amounts else ())
            side = 1 if ("支出" in path and "收入" not in path) or (index == 1 and "收入" not in path) else 0
            placed += self._side(layouts, side, label_column, amounts)
        for label_column, _ in sides[2:]:
            self.skip(block.header_rows[-1] if block.header_rows else block.first_row, label_column, "第三组“项目”列")
        if not placed:
            self.reading.problems.append(f"{block.where}：没有一行的项目名称是本表的行，无法读取")

    def _side(self, layouts: list[TableLayout], side: int, label_column: int, amounts: list[int]) -> int:
        block = self.block
        layout = layouts[0]
        specs = self._side_rows(layouts, side)
        columns = self._side_columns(layouts, side, amounts)
        occurrences: dict[str, int] = {}
        placed = 0
        class_names = {squeezed(e.name): e.code for e in code_table(self.year).entries("functional") if len(e.code) == 3}
        grid_rows = {canonical_label(r.label): r.key for r in self.section.rows if not r.total} \
            if "current" in self.section.column_keys else {}
        for row in block.body_rows:
            label = self.text(row, label_column)
            if not label:
                continue
            key = canonical_label(label)
            if not key:
                continue
            number = occurrences.get(key, 0)
            occurrences[key] = number + 1
            matches = [s for s in specs if s[0] == key]
            spec = matches[min(number, len(matches) - 1)] if matches else None
            if spec is None and key in class_names:
                spec = (key, None, layout)
            if spec is None and key in grid_rows:  # a row of the document no layout prints (基本支出 in an older 总表)
                spec = (key, [[self.section.key, grid_rows[key], "current"]], layout)
            if spec is None:
                if any(self.block.sheet.values.get((row, c)) is not None for c in amounts):
                    self.skip(row, label_column, f"行“{label}”不是本表的行")
                continue
            placed += 1
            for column, index in columns.items():
                ok, value = self.money(row, column)
                if not ok:
                    continue
                cell = spec[1][index] if spec[1] is not None and index < len(spec[1]) else None
                if isinstance(cell, list) and len(cell) == 3 and \
                        self._section(cell[0]).sum_parts(cell[1], cell[2]) is None:
                    self.reading.figures.append(Figure(cell[0], cell[1], cell[2], value, self.ref(row, column)))
                elif value is not None:
                    where = f"{self.title}·{label.strip()}"
                    self.reading.totals.append(StatedTotal(
                        where, self.ref(row, column), value, _printed(spec[2], side, key, number, index)))
        return placed

    def _section(self, key: str) -> Section:
        from desktop.domain.schema import document_schema
        return document_schema().section(key)

    @staticmethod
    def _side_rows(layouts: list[TableLayout], side: int) -> list[tuple[str, list | None, TableLayout]]:
        rows = []
        for layout in layouts:
            spec = layout.options["sides"][side]
            for row in (*spec.get("items", []), *spec.get("tail", [])):
                if "label" in row:
                    rows.append((canonical_label(row["label"]), row["cells"], layout))
        return rows

    def _side_columns(self, layouts: list[TableLayout], side: int, amounts: list[int]) -> dict[int, int]:
        """Each amount column's index among its side's printed columns."""
        names = layouts[0].options["sides"][side]["columns"]
        candidates = [(str(i), header_names(label), "") for i, label in enumerate(names)]
        found: dict[int, int] = {}
        for column in amounts:
            key = self.match_column(column, candidates)
            if key is not None and int(key) not in found.values():
                found[column] = int(key)
        if not found and len(amounts) == len(names):
            found = {column: index for index, column in enumerate(amounts)}
        for column in amounts:
            if column not in found and any(self.block.sheet.values.get((r, column)) is not None for r in self.block.body_rows):
                self.skip(self.block.header_rows[-1] if self.block.header_rows else self.block.first_row, column,
                          f"列“{'／'.join(self.block.paths.get(column, ())) or '（无表头）'}”不是本表的列")
        return found


class CrosswiseReader(BlockReader):
    """The 三公 样表: each item's 预算数 and 决算数 side by side in one body row (or one row per
    measure, the measure named at the row's start)."""

    def read(self) -> None:
        layout = next(t for t in layouts_of(self.section.key) if t.layout == "crosswise")
        leaves = []
        for item in layout.options["items"]:
            for leaf in item.get("items", [item]):
                group = canonical_label(item["label"]) if "items" in item else ""
                leaves.append((leaf["row"], canonical_label(leaf["label"]), group))
        measures = [(m["key"], tuple(n for n in header_names(m["label"]) if n not in TOTAL_WORDS))
                    for m in layout.options["measures"]]  # 合计 is an item here, never a measure
        placed = 0
        measured = any(self._measure([canonical_label(p) for p in self.block.paths.get(c, ())], measures)
                       for c in self.block.columns)
        for row in self.block.body_rows:
            row_measure = self._measure([canonical_label(self.text(row, c)) for c in self.block.columns[:1]], measures)
            if measured and placed:  # the one row of the 样表 was read: anything under it is no part of it
                if any(self.block.sheet.values.get((row, c)) is not None for c in self.block.columns):
                    self.skip(row, self.block.columns[0], "本表只有一行数据，多出的行")
                continue
            for column in self.block.columns:
                path = [canonical_label(p) for p in self.block.paths.get(column, ())]
                item = self._item(path, leaves)
                measure = self._measure(path, measures) or row_measure
                value = self.block.sheet.values.get((row, column))
                if item is None or measure is None:
                    if value is not None and is_figure(value):
                        self.skip(row, column, f"列“{'／'.join(self.block.paths.get(column, ()))}”不是本表的列")
                    continue
                ok, money = self.money(row, column)
                if not ok:
                    continue
                placed += 1
                if self.section.sum_parts(item, measure) is None:
                    self.reading.figures.append(Figure(self.section.key, item, measure, money, self.ref(row, column)))
                elif money is not None:
                    where = f"{self.title}·{self.section.row_label(item)}·{self.section.column(measure).label}"
                    self.reading.totals.append(StatedTotal(where, self.ref(row, column), money,
                                                           _cell(self.section.key, item, measure)))
        if not placed:
            self.reading.problems.append(f"{self.block.where}：没有找到“预算数”“决算数”下的各项经费列，无法读取")

    @staticmethod
    def _item(path: list[str], leaves: list[tuple[str, str, str]]) -> str | None:
        for part in reversed(path):
            for row, label, group in leaves:
                if part == label and (not group or group in path or label not in TOTAL_WORDS):
                    return row
        return None

    @staticmethod
    def _measure(path: list[str], measures: list[tuple[str, tuple[str, ...]]]) -> str | None:
        for part in reversed(path):
            for key, names in measures:
                if squeezed(part) in names:
                    return key
        return None


class FormRowReader(BlockReader):
    """政府采购情况表: one row of amounts under their headers."""

    def read(self) -> None:
        candidates = []
        for layout in layouts_of(self.section.key):
            candidates += [(s.key, header_names(s.label), squeezed(s.group)) for s in layout.columns]
        candidates += [(c.key, header_names(c.label), "") for c in self.section.columns if c.type == "money"]
        self.groups = frozenset(g for _, _, g in candidates if g)
        body = [r for r in self.block.body_rows
                if any(is_figure(self.block.sheet.values.get((r, c))) for c in self.block.columns)]
        mapping = {c: self.match_column(c, candidates) for c in self.block.columns}
        if not body or not any(mapping.values()):
            self.reading.problems.append(f"{self.block.where}：没有找到本表的金额列或数据行，无法读取")
            return
        row = body[0]
        for column, key in mapping.items():
            if key is None:
                if self.block.sheet.values.get((row, column)) is not None:
                    self.skip(row, column, f"列“{'／'.join(self.block.paths.get(column, ()))}”不是本表的列")
                continue
            ok, value = self.money(row, column)
            if not ok:
                continue
            if self.section.sum_parts(FORM_ROW, key) is None:
                self.reading.figures.append(Figure(self.section.key, FORM_ROW, key, value, self.ref(row, column)))
            elif value is not None:
                where = f"{self.title}·{self.section.column(key).label}"
                self.reading.totals.append(StatedTotal(where, self.ref(row, column), value,
                                                       _cell(self.section.key, FORM_ROW, key)))
        for extra in body[1:]:
            self.skip(extra, self.block.columns[0], "本表只有一行数据，多出的行")


class ItemsReader(BlockReader):
    """政府购买服务决算公开情况表: 序号, 项目, 金额 rows under a 合计."""

    reads_rows = True

    def read(self) -> None:
        layout = next(t for t in layouts_of(self.section.key) if t.layout == "items")
        label_key_, amount_key = layout.options["label_column"], layout.options["amount_column"]
        total = layout.options["total"]
        headed = [c for c in self.block.columns if not any(w in self.block.leaf(c) for w in LINE_WORDS)]
        label_column = next((c for c in headed if "项目" in self.block.leaf(c) or "名称" in self.block.leaf(c)), None) \
            or next((c for c in headed if self.text_column(c) and not self.line_column(c)), None)
        amount_column = next((c for c in headed if c != label_column and any(
            w in self.block.leaf(c) for w in ("金额", "决算数"))), None) \
            or next((c for c in headed if c != label_column and not self.line_column(c)
                     and any(is_figure(self.block.sheet.values.get((r, c))) for r in self.block.body_rows)), None)
        if label_column is None or amount_column is None:
            self.reading.problems.append(f"{self.block.where}：没有找到“项目”和“金额”列，无法读取")
            return
        listed = self.reading.rows.setdefault(self.section.key, [])
        self.reading.columns.setdefault(self.section.key, set()).update({label_key_, amount_key})
        for row in self.block.body_rows:
            label = " ".join(self.text(row, label_column).split())
            first = label_key(self.text(row, self.block.columns[0]))
            ok, value = self.money(row, amount_column)
            if not ok:
                continue
            if label_key(label) in TOTAL_WORDS or first in TOTAL_WORDS:
                self.reading.figures.append(Figure(total["section"], FORM_ROW, total["column"], value,
                                                   self.ref(row, amount_column)))
                continue
            if not label and value is None:
                continue
            if not label:
                self.skip(row, label_column, "有金额而没有项目名称的行")
                continue
            listed.append(ListedRow(label, {label_key_: label, amount_key: value}, self.ref(row, label_column),
                                    {amount_key: self.ref(row, amount_column)}))


READERS = {"coded": CodedReader, "pairs": CodedReader, "two_sided": TwoSidedReader, "crosswise": CrosswiseReader,
           "form_row": FormRowReader, "items": ItemsReader}


def reader_for(section: Section) -> type[BlockReader]:
    layout = layouts_of(section.key)[0]
    return READERS[layout.layout]


# -- what a stated total is compared with ------------------------------------------------------
def _code_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(value).replace(" ", "")


def _valid_code(code: str) -> bool:
    return code.isdigit() and len(code) in (3, 5, 7)


def _fixed(value: Money | None) -> Computed:
    return lambda _data: value


def _section_total(section: str, column: str) -> Computed:
    return lambda data: column_total(data, section, column, summable_rows(data, section))


def _cell(section: str, row: str, column: str) -> Computed:
    return lambda data: data.section(section).value(row, column)


def _printed(layout: TableLayout, side: int, label: str, occurrence: int, index: int) -> Computed:
    """What FiscalDesk prints in the two-sided table's row (its `occurrence`-th with this label)
    and column, once the import is in the document."""
    def computed(data: YearData) -> Money | None:
        from desktop.publication.official_forms import side_rows
        items, tail = side_rows(layout, data, layout.options["sides"][side])
        rows = [r for r in (*items, *tail) if canonical_label(r["label"]) == label]
        if not rows:
            return None
        return rows[min(occurrence, len(rows) - 1)]["values"][index]
    return computed
