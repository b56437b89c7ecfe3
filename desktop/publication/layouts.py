"""The 第一部分 table layouts of each profile, declared in resources/publication/tables.json.

One validator checks the file against the document schema, so a new local table set is a data
change: every table names an existing section and columns of it, every cell a two-sided table
prints names a cell that exists, and every profile has a set. The numbering of the tables (表N)
is the profile set's order (desktop/domain/table_sets.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.domain.profiles import available_profiles
from desktop.domain.schema import FORM_ROW, DocumentSchema, Section, document_schema
from desktop.paths import resource_path

LAYOUTS = ("two_sided", "coded", "pairs", "crosswise", "grid", "form_row", "items")
_TABLE_KEYS = {"title", "layout", "section", "column", "sides", "columns", "row_header", "label_column", "amount_column",
               "total", "empty", "required_by", "notes", "line_numbers", "total_row", "pairs", "banner", "measures",
               "items"}
_REQUIRED = {"two_sided": ("sides",), "coded": ("columns",), "grid": ("columns",), "form_row": ("columns",),
             "items": ("label_column", "amount_column", "total"), "pairs": ("column", "pairs"),
             "crosswise": ("measures", "items")}
_SIDE_KEYS = {"title", "columns", "items", "tail"}
_ROW_KEYS = {"key", "label", "cells", "total", "indent", "classes"}


class LayoutError(ValueError):
    """resources/publication/tables.json does not match the schema."""


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    group: str = ""


@dataclass(frozen=True)
class TableLayout:
    key: str
    title: str
    layout: str
    section: str
    empty: str
    columns: tuple[ColumnSpec, ...] = ()
    options: Any = None  # the raw entry, for layout-specific keys (sides, pairs, measures …)
    class_lists: Any = None  # the file's named lists of 功能分类 类 codes

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(self.options.get("notes", ()))


def _column_spec(raw: Any, labels: dict[str, str]) -> ColumnSpec:
    if isinstance(raw, str):
        return ColumnSpec(raw, labels.get(raw, raw))
    return ColumnSpec(raw["key"], raw.get("label") or labels.get(raw["key"], raw["key"]), raw.get("group", ""))


def validate_layouts(data: Any, schema: DocumentSchema, profiles: list[str]) -> list[str]:
    """The one validator of the layout file; an empty list means it can be used."""
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict) or not isinstance(data.get("sets"), dict):
        return ["tables.json 须含 tables 与 sets 两个对象"]
    problems = []
    sections = {s.key: s for s in schema.sections}
    class_lists = data.get("class_lists", {})
    if not isinstance(class_lists, dict) or not all(
            isinstance(codes, list) and all(isinstance(c, str) and len(c) == 3 and c.isdigit() for c in codes)
            for codes in class_lists.values()):
        problems.append("class_lists 须为名称到 3 位类级编码列表的对象")
        class_lists = {}
    for key, table in data["tables"].items():
        where = f"tables.{key}"
        if not isinstance(table, dict):
            problems.append(f"{where} 须为对象")
            continue
        problems += [f"{where}: 未知键 {k}" for k in sorted(set(table) - _TABLE_KEYS)]
        if table.get("layout") not in LAYOUTS:
            problems.append(f"{where}: layout 须为 {'/'.join(LAYOUTS)} 之一")
        if not isinstance(table.get("title"), str) or not isinstance(table.get("empty"), str):
            problems.append(f"{where}: 须有 title 与 empty 文字")
        if not all(isinstance(n, str) for n in table.get("notes", [])):
            problems.append(f"{where}: notes 须为文字列表")
        section = sections.get(table.get("section"))
        if section is None:
            problems.append(f"{where}: 没有节 {table.get('section')!r}")
            continue
        named = [c if isinstance(c, str) else c.get("key") for c in table.get("columns", [])]
        named += [table[k] for k in ("column", "label_column", "amount_column") if k in table]
        named += [m.get("key") for m in table.get("measures", []) if isinstance(m, dict)]
        problems += [f"{where}: {section.key} 没有列 {c!r}" for c in named if c not in section.column_keys]
        problems += [f"{where}: {table.get('layout')} 须有 {k}" for k in _REQUIRED.get(table.get("layout"), ())
                     if not table.get(k)]
        if table.get("total_row", "top") not in ("top", "bottom"):
            problems.append(f"{where}: total_row 须为 top 或 bottom")
        total = table.get("total")
        if total is not None and not (isinstance(total, dict) and total.get("section") in sections
                                      and total.get("column") in sections[total["section"]].column_keys):
            problems.append(f"{where}: total 须为指向已有节与列的对象")
        for entry in table.get("required_by", []):
            source = sections.get(entry[0]) if isinstance(entry, list) and len(entry) == 3 else None
            if source is None or entry[2] not in source.column_keys or (
                    source.kind == "grid" and entry[1] not in source.row_keys):
                problems.append(f"{where}: required_by {entry!r} 不存在")
        if table.get("layout") == "two_sided":
            problems += _validate_sides(where, table.get("sides"), sections, class_lists)
        if table.get("layout") == "pairs":
            problems += _validate_pairs(where, table.get("pairs"))
        if table.get("layout") == "crosswise":
            problems += _validate_crosswise(where, table.get("items"), section)
    for profile in profiles:
        if profile not in data["sets"]:
            problems.append(f"sets: 配置 {profile} 没有报表清单")
    for profile, keys in data["sets"].items():
        problems += [f"sets.{profile}: 没有表 {k!r}" for k in keys if k not in data["tables"]]
    return problems


def _validate_sides(where: str, sides: Any, sections: dict[str, Section], class_lists: dict) -> list[str]:
    if not isinstance(sides, list) or len(sides) != 2:
        return [f"{where}: sides 须为左右两侧"]
    problems = []
    for index, side in enumerate(sides):
        at = f"{where}.sides[{index}]"
        if not isinstance(side, dict) or not isinstance(side.get("title"), str) or not side.get("columns"):
            problems.append(f"{at}: 须有 title 与 columns")
            continue
        problems += [f"{at}: 未知键 {k}" for k in sorted(set(side) - _SIDE_KEYS)]
        width = len(side["columns"])
        rows = [*side.get("items", []), *side.get("tail", [])]
        keys = {row.get("key") for row in rows if isinstance(row, dict)} - {None}
        for number, row in enumerate(rows):
            here = f"{at}.row[{number}]"
            if not isinstance(row, dict):
                problems.append(f"{here}: 须为对象")
                continue
            problems += [f"{here}: 未知键 {k}" for k in sorted(set(row) - _ROW_KEYS)]
            classes = row.get("classes")
            if classes is not None:
                if classes.get("list") not in class_lists:
                    problems.append(f"{here}: 没有类级编码清单 {classes.get('list')!r}")
                cells, in_classes = classes.get("cells", []), True
            else:
                if not isinstance(row.get("label"), str):
                    problems.append(f"{here}: 须有 label")
                cells, in_classes = row.get("cells", []), False
            if len(cells) != width:
                problems.append(f"{here}: 须有 {width} 个单元格")
            problems += [f"{here}: {p}" for cell in cells for p in _cell_problems(cell, sections, keys, in_classes)]
    return problems


def _cell_problems(cell: Any, sections: dict[str, Section], keys: set, in_classes: bool) -> list[str]:
    if cell is None or cell == {"across": True} or (cell == {"items": True} and not in_classes):
        return []
    if isinstance(cell, dict) and set(cell) == {"rows"}:
        return [] if set(cell["rows"]) <= keys else [f"合计行引用了不存在的行 {cell['rows']!r}"]
    if in_classes and isinstance(cell, list) and len(cell) == 2:
        section = sections.get(cell[0])
        if section is None or section.kind != "table" or "code" not in section.column_keys \
                or cell[1] not in section.column_keys:
            return [f"类级单元格 {cell!r} 须指向有科目编码的表及其列"]
        return []
    if isinstance(cell, list) and len(cell) == 3:
        section = sections.get(cell[0])
        if section is None or cell[2] not in section.column_keys:
            return [f"单元格 {cell!r} 不存在"]
        if section.kind == "grid" and cell[1] not in section.row_keys or section.kind == "form" and cell[1] != FORM_ROW \
                or section.kind == "table":
            return [f"单元格 {cell!r} 的行不存在"]
        return []
    return [f"无法识别的单元格 {cell!r}"]


def _validate_pairs(where: str, pairs: Any) -> list[str]:
    if not isinstance(pairs, list) or len(pairs) != 2 or not all(
            isinstance(p, dict) and isinstance(p.get("total"), str) and ("classes" in p) != ("classes_except" in p)
            for p in pairs):
        return [f"{where}: pairs 须为两组，各有 total 及 classes 或 classes_except"]
    return []


def _validate_crosswise(where: str, items: Any, section: Section) -> list[str]:
    problems = []
    for item in items or []:
        for leaf in item.get("items", [item]) if isinstance(item, dict) else [None]:
            if not isinstance(leaf, dict) or leaf.get("row") not in section.row_keys or not isinstance(leaf.get("label"), str):
                problems.append(f"{where}: items 中的 {leaf!r} 须有本表的 row 与 label")
    return problems


@lru_cache(maxsize=None)
def table_layouts(profile: str) -> tuple[TableLayout, ...]:
    """The tables of `profile`, in publication order."""
    data = json.loads(resource_path("publication", "tables.json").read_text(encoding="utf-8"))
    schema = document_schema()
    problems = validate_layouts(data, schema, available_profiles())
    if problems:
        raise LayoutError("；".join(problems))
    layouts = []
    for key in data["sets"][profile]:
        raw = data["tables"][key]
        labels = {c.key: c.label for c in schema.section(raw["section"]).columns}
        columns = tuple(_column_spec(c, labels) for c in raw.get("columns", []))
        layouts.append(TableLayout(key, raw["title"], raw["layout"], raw["section"], raw["empty"], columns, raw,
                                   data.get("class_lists", {})))
    return tuple(layouts)
