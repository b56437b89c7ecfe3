"""收入支出决算总表 and 财政拨款收入支出决算总表 read backwards: 收入 on the left, 支出 on the right,
each side's labels (with their 行次) and amounts; a row is placed by its label on its side, a 类
row and any total checked against what FiscalDesk prints there."""

from __future__ import annotations

from desktop.domain.codes import code_table
from desktop.domain.document import YearData
from desktop.domain.money import Money
from desktop.domain.schema import Section
from desktop.io.official.catalogue import canonical_label, header_names, squeezed
from desktop.io.official.reading import BlockReader, Computed, Figure, StatedTotal, layouts_of
from desktop.publication.layouts import TableLayout


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
