"""The official forms that do not read like a list: the two-sided 总表 (表1 收入支出决算总表 and 表4
财政拨款收入支出决算总表), 表6's 人员经费 | 公用经费 column pairs and the 三公 样表 laid crosswise.

表1 and 表4 list the 支出 side by 功能分类 类, every 类 of the template's list (the year's names)
whether spent or not, as the official forms do; a 类 a document uses beyond the list is added in
code order. Each side ends with its totals, and the two sides' totals share their rows at the
foot (本年收入合计 beside 本年支出合计, 总计 beside 总计). Totals on the forms are computed: the
document's computed cells, or sums of the printed rows, so each side adds up as printed.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from desktop.domain.codes import code_table
from desktop.domain.document import YearData
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile
from desktop.domain.totals import column_total
from desktop.narrative.phrases import chinese_numeral
from desktop.publication.layouts import TableLayout
from desktop.publication.model import Cell
from desktop.publication.tables import AMOUNT_WIDTH, amount_cell, code_level

LABEL_WIDTH, LINE_WIDTH, SIDE_AMOUNT_WIDTH = 30, 5, 11  # 类 names (up to 15 characters) stay on one line
_BLANK = None  # a padding row of a side


def _sum(values: list[Money | None]) -> Money | None:
    filled = [v for v in values if v is not None]
    return Money(sum(v.fen for v in filled)) if filled else None


def class_total(data: YearData, section: str, column: str, code: str) -> Money | None:
    """A 类's amount in a coded table: its 类 row, else the sum of its highest rows present."""
    rows = [r for r in data.section(section).rows.values() if str(r.get("code") or "").startswith(code)]
    if not rows:
        return None
    top = min(len(r["code"]) for r in rows)
    return _sum([r.get(column) for r in rows if len(r["code"]) == top])


def _class_codes(layout: TableLayout, data: YearData, spec: dict) -> list[str]:
    listed = list(layout.class_lists[spec["list"]])
    used = {str(r.get("code") or "")[:3] for cell in spec["cells"] if isinstance(cell, list)
            for r in data.section(cell[0]).rows.values() if r.get("code")}
    return listed + sorted(c for c in used - set(listed) if len(c) == 3)


def _class_name(data: YearData, code: str, spec: dict) -> str:
    entry = code_table(data.year).lookup("functional", code)
    if entry is not None:
        return entry.name
    for cell in spec["cells"]:
        if isinstance(cell, list):
            for row in data.section(cell[0]).rows.values():
                if row.get("code") == code and row.get("name"):
                    return str(row["name"])
    return code


def side_rows(layout: TableLayout, data: YearData, side: dict) -> tuple[list[dict], list[dict]]:
    """The side's item rows and tail rows, each {label, values, total, indent}; values resolved."""
    items: list[dict] = []
    for row in side.get("items", []):
        spec = row.get("classes")
        if spec is None:
            items.append({"label": row["label"], "cells": row["cells"], "indent": row.get("indent", 0)})
            continue
        for number, code in enumerate(_class_codes(layout, data, spec), 1):
            name = _class_name(data, code, spec)
            label = f"{chinese_numeral(number)}、{name}" if spec.get("ordinals") else name
            cells = [[cell[0], cell[1], code] if isinstance(cell, list) else cell for cell in spec["cells"]]
            items.append({"label": label, "cells": cells, "indent": 0, "class": True})
    for row in items:
        row["values"] = _resolve(data, row, [], {})
    tail: list[dict] = []
    by_key: dict[str, list] = {}
    for raw in side.get("tail", []):
        row = {"label": raw["label"], "cells": raw["cells"], "total": raw.get("total", False),
               "indent": raw.get("indent", 0)}
        row["values"] = _resolve(data, row, items, by_key)
        if raw.get("key"):
            by_key[raw["key"]] = row["values"]
        tail.append(row)
    return items, tail


def _resolve(data: YearData, row: dict, items: list[dict], by_key: dict[str, list]) -> list[Money | None]:
    values: list[Any] = []
    for index, cell in enumerate(row["cells"]):
        if cell is None or isinstance(cell, dict) and "across" in cell:
            values.append(None)
        elif isinstance(cell, dict) and "items" in cell:
            values.append(_sum([item["values"][index] for item in items]))
        elif isinstance(cell, dict) and "rows" in cell:
            values.append(_sum([by_key[key][index] for key in cell["rows"]]))
        elif row.get("class"):
            values.append(class_total(data, cell[0], cell[1], cell[2]))
        else:
            values.append(data.section(cell[0]).value(cell[1], cell[2]))
    for index, cell in enumerate(row["cells"]):  # 合计 columns add up the row's other cells
        if isinstance(cell, dict) and "across" in cell:
            values[index] = _sum([v for i, v in enumerate(values) if i != index and not (
                isinstance(row["cells"][i], dict) and "across" in row["cells"][i])])
    return values


def _aligned_tails(left: list, right: list) -> list[tuple]:
    """Pair the two tails row by row, the last rows (the 总计) always side by side."""
    length = max(len(left), len(right))

    def padded(rows: list) -> list:
        if not rows:
            return [_BLANK] * length
        return rows[:-1] + [_BLANK] * (length - len(rows)) + rows[-1:]
    return list(zip(padded(left), padded(right)))


def two_sided_prints_nonzero(layout: TableLayout, data: YearData) -> bool:
    """Whether a figure the two-sided table prints straight from a cell (not a 类 or a sum) is
    non-zero: the table is then not empty, without resolving its 类 rows (rule T0-01)."""
    for side in layout.options["sides"]:
        for row in (*side.get("items", []), *side.get("tail", [])):
            if "classes" in row:
                continue
            for cell in row["cells"]:
                if isinstance(cell, list) and len(cell) == 3 and data.section(cell[0]).value(cell[1], cell[2]):
                    return True
    return False


def two_sided(layout: TableLayout, data: YearData, fmt: FormatProfile):
    sides = layout.options["sides"]
    numbered = bool(layout.options.get("line_numbers"))
    built = [side_rows(layout, data, side) for side in sides]
    widths_of = [len(side["columns"]) + 1 + int(numbered) for side in sides]
    header = (
        tuple(Cell(side["title"], "center", True, colspan=width) for side, width in zip(sides, widths_of)),
        tuple(Cell(text, "center", True) for side in sides
              for text in ("项目", *(("行次",) if numbered else ()), *side["columns"])),
    )
    pairs = list(zip_longest(built[0][0], built[1][0], fillvalue=_BLANK)) + _aligned_tails(built[0][1], built[1][1])
    line = {"number": 0}
    order = [[row for row in (*items, *tail)] for items, tail in built]  # 行次 run on from 收入 to 支出
    numbers: dict[int, int] = {}
    for rows_of_side in order:
        for row in rows_of_side:
            line["number"] += 1
            numbers[id(row)] = line["number"]
    rows, amounts = [], []
    for pair in pairs:
        cells: list[Cell] = []
        for side, row in zip(sides, pair):
            if row is _BLANK:
                cells += [Cell("")] * (len(side["columns"]) + 1 + int(numbered))
                continue
            bold = bool(row.get("total"))
            cells.append(Cell(row["label"], "center" if bold else "left", bold, indent=row.get("indent", 0)))
            if numbered:
                cells.append(Cell(str(numbers[id(row)]), "center"))
            cells += [amount_cell(v, fmt, bold) for v in row["values"]]
            amounts += row["values"]
        rows.append(tuple(cells))
    widths = tuple(w for side in sides for w in (LABEL_WIDTH, *((LINE_WIDTH,) if numbered else ()),
                                                   *(SIDE_AMOUNT_WIDTH for _ in side["columns"])))
    return header, tuple(rows), widths, amounts


def pairs(layout: TableLayout, data: YearData, fmt: FormatProfile):
    """表6: 经济分类 rows in two column pairs, 人员经费 (301, 303) left and 公用经费 right, each
    ending with its 合计 — the sum of its 类 rows (款 are inside them)."""
    section = data.section(layout.section)
    column = layout.options["column"]
    coded = [values for values in section.rows.values() if values.get("code")]
    top = min((len(v["code"]) for v in coded), default=3)
    sides = []
    for spec in layout.options["pairs"]:
        if "classes" in spec:
            chosen = [v for v in coded if str(v["code"])[:3] in spec["classes"]]
        else:
            chosen = [v for v in coded if str(v["code"])[:3] not in spec["classes_except"]]
        sides.append((spec, chosen))
    header = (tuple(Cell(text, "center", True) for _ in sides for text in ("经济分类科目编码", "科目名称", "决算数")),)
    rows, amounts = [], []
    for pair in zip_longest(*[chosen for _, chosen in sides], fillvalue=_BLANK):
        cells: list[Cell] = []
        for values in pair:
            if values is _BLANK:
                cells += [Cell(""), Cell(""), Cell("")]
                continue
            code = str(values["code"])
            cells += [Cell(code), Cell(str(values.get("name") or ""), indent=code_level(code, top)),
                      amount_cell(values.get(column), fmt)]
            amounts.append(values.get(column))
        rows.append(tuple(cells))
    footer: list[Cell] = []
    for spec, chosen in sides:
        summable = [v for v in chosen if len(v["code"]) == top] or chosen
        footer += [Cell(spec["total"], "center", True, colspan=2),
                   amount_cell(column_total(data, layout.section, column, summable), fmt, True)]
    rows.append(tuple(footer))
    return header, tuple(rows), (10, 22, AMOUNT_WIDTH) * 2, amounts


def crosswise(layout: TableLayout, data: YearData, fmt: FormatProfile):
    """A grid's rows as column groups with its measures beneath, in one body row: the 三公 样表
    (合计 | 因公出国（境）费 | 公务用车购置及运行维护费: 小计, 购置费, 运行维护费 | 公务接待费,
    each 预算数 and 决算数)."""
    section = data.section(layout.section)
    measures = layout.options["measures"]
    items = layout.options["items"]
    grouped = any("items" in item for item in items)
    leaves = [leaf for item in items for leaf in item.get("items", [item])]
    span = len(measures)
    header: list[tuple[Cell, ...]] = []
    if layout.options.get("banner"):
        header.append((Cell(layout.options["banner"], "center", True, colspan=span * len(leaves)),))
    header.append(tuple(Cell(item["label"], "center", True, colspan=span * len(item.get("items", [item])),
                             rowspan=1 if "items" in item or not grouped else 2) for item in items))
    if grouped:
        header.append(tuple(Cell(leaf["label"], "center", True, colspan=span)
                            for item in items if "items" in item for leaf in item["items"]))
    header.append(tuple(Cell(m["label"], "center", True) for _ in leaves for m in measures))
    values = [section.value(leaf["row"], m["key"]) for leaf in leaves for m in measures]
    return tuple(header), (tuple(amount_cell(v, fmt) for v in values),), tuple(8 for _ in values), values
