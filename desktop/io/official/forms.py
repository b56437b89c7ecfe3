"""The one-row tables read backwards: the 三公 样表 (each item's 预算数 and 决算数 side by side, or one
row per measure), 政府采购情况表 (one row under its headers), and 政府购买服务决算公开情况表 (序号,
项目, 金额 under a 合计)."""

from __future__ import annotations

from desktop.domain.schema import FORM_ROW
from desktop.io.official.blocks import LINE_WORDS, TOTAL_WORDS, is_figure
from desktop.io.official.catalogue import canonical_label, header_names, label_key, squeezed
from desktop.io.official.reading import BlockReader, Figure, ListedRow, StatedTotal, cell_value, layouts_of


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
                                                           cell_value(self.section.key, item, measure)))
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
                                                       cell_value(self.section.key, FORM_ROW, key)))
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
