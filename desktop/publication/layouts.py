"""The 第一部分 table layouts of each profile, declared in resources/publication/tables.json.

One validator checks the file against the document schema, so a new local table set is a data
change: every table names an existing section and columns of it, and every profile has a set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.domain.profiles import available_profiles
from desktop.domain.schema import DocumentSchema, document_schema
from desktop.paths import resource_path

LAYOUTS = ("two_sided", "coded", "grid", "form_row", "items")
_TABLE_KEYS = {"title", "layout", "section", "column", "sides", "columns", "row_header", "footers", "label_column",
               "amount_column", "total", "empty", "required_by"}


_REQUIRED = {"two_sided": ("column", "sides"), "coded": ("columns",), "grid": ("columns",), "form_row": ("columns",),
             "items": ("label_column", "amount_column", "total")}


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
    options: Any = None  # the raw entry, for layout-specific keys (sides, footers, total …)


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
        section = sections.get(table.get("section"))
        if section is None:
            problems.append(f"{where}: 没有节 {table.get('section')!r}")
            continue
        named = [c if isinstance(c, str) else c.get("key") for c in table.get("columns", [])]
        named += [table[k] for k in ("column", "label_column", "amount_column") if k in table]
        problems += [f"{where}: {section.key} 没有列 {c!r}" for c in named if c not in section.column_keys]
        problems += [f"{where}: {table.get('layout')} 须有 {k}" for k in _REQUIRED.get(table.get("layout"), ())
                     if not table.get(k)]
        total = table.get("total")
        if total is not None and not (isinstance(total, dict) and total.get("section") in sections
                                      and total.get("column") in sections[total["section"]].column_keys):
            problems.append(f"{where}: total 须为指向已有节与列的对象")
        for entry in table.get("required_by", []):
            source = sections.get(entry[0]) if isinstance(entry, list) and len(entry) == 3 else None
            if source is None or entry[2] not in source.column_keys or (
                    source.kind == "grid" and entry[1] not in source.row_keys):
                problems.append(f"{where}: required_by {entry!r} 不存在")
    for profile in profiles:
        if profile not in data["sets"]:
            problems.append(f"sets: 配置 {profile} 没有报表清单")
    for profile, keys in data["sets"].items():
        problems += [f"sets.{profile}: 没有表 {k!r}" for k in keys if k not in data["tables"]]
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
        layouts.append(TableLayout(key, raw["title"], raw["layout"], raw["section"], raw["empty"], columns, raw))
    return tuple(layouts)
