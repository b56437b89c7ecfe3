"""Which published tables the official-table import recognises, and the other wordings of their
row labels and column headers, as data (resources/import/official_tables.json).

A table is found by its title or its national code; its rows and columns are then read from the
layouts the published document prints (resources/publication/tables.json), backwards, so a
layout change reaches the import without a second description. What other software writes
differently ("用事业基金弥补收支差额" for 使用非财政拨款结余, "金额" for 决算数) is a list of
aliases here. One validator checks the file against the document schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.domain.schema import DocumentSchema, document_schema
from desktop.paths import resource_path

_TABLE_KEYS = {"section", "titles", "codes"}
# what a title or a label may differ by: spaces, quotes, brackets' width, a leading ordinal
_IGNORED = re.compile(r"[\s\u3000“”\"'‘’「」『』]")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|其中[:：])")
_WIDE_BRACKETS = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


class CatalogueError(ValueError):
    """resources/import/official_tables.json does not match the schema."""


@dataclass(frozen=True)
class TableEntry:
    section: str
    titles: tuple[str, ...]   # normalised
    codes: tuple[str, ...]    # normalised


@dataclass(frozen=True)
class Derived:
    """A cell filled from another table's 合计 when the workbook does not give it."""
    section: str
    row: str
    column: str
    source: str         # a coded table …
    source_column: str  # … and the column whose 合计 it is


@dataclass(frozen=True)
class Catalogue:
    tables: tuple[TableEntry, ...]
    labels: dict[str, str]    # normalised wording -> normalised printed wording
    headers: dict[str, tuple[str, ...]]  # normalised printed header -> its other wordings
    derived: tuple[Derived, ...] = ()


def squeezed(text: str) -> str:
    """A title, label or header as compared: no spaces or quotes, brackets and colons full-width."""
    return _IGNORED.sub("", str(text)).translate(_WIDE_BRACKETS)


def label_key(text: str) -> str:
    """A row label as compared: squeezed, its ordinal ("一、", "（二）", "其中：") taken off."""
    text = squeezed(text)
    while True:
        stripped = _ORDINAL.sub("", text)
        if stripped == text:
            return text
        text = stripped


def validate_catalogue(data: Any, schema: DocumentSchema) -> list[str]:
    """Every problem with the file; an empty list means it can be used."""
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        return ["official_tables.json 须含 tables 列表"]
    problems = []
    sections = {s.key for s in schema.sections}
    seen: dict[str, str] = {}
    for index, entry in enumerate(data["tables"]):
        where = f"tables[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where} 须为对象")
            continue
        problems += [f"{where}: 未知键 {k}" for k in sorted(set(entry) - _TABLE_KEYS)]
        if entry.get("section") not in sections:
            problems.append(f"{where}: 没有节 {entry.get('section')!r}")
        titles, codes = entry.get("titles"), entry.get("codes", [])
        if not isinstance(titles, list) or not titles or not all(isinstance(t, str) and t.strip() for t in titles):
            problems.append(f"{where}: titles 须为非空的文字列表")
            titles = []
        if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
            problems.append(f"{where}: codes 须为文字列表")
            codes = []
        for name in [*titles, *codes]:
            key = squeezed(name)
            if "表" not in key:
                problems.append(f"{where}: “{name}”须含“表”字（标题和表号都以表字识别）")
            if key in seen and seen[key] != entry.get("section"):
                problems.append(f"{where}: “{name}”已用于 {seen[key]}")
            seen[key] = entry.get("section")
    for key in ("labels", "headers"):
        aliases = data.get(key, {})
        if not isinstance(aliases, dict) or not all(
                isinstance(v, list) and all(isinstance(a, str) and a.strip() for a in v) for v in aliases.values()):
            problems.append(f"{key} 须为文字到文字列表的对象")
    problems += _derived_problems(data.get("derived", []), schema)
    labels = data.get("labels", {}) if isinstance(data.get("labels"), dict) else {}
    owners: dict[str, str] = {}
    for printed, others in labels.items():
        for other in others if isinstance(others, list) else []:
            key = label_key(other)
            if key in owners and owners[key] != printed:
                problems.append(f"labels: “{other}”同时是“{owners[key]}”和“{printed}”的别称")
            owners[key] = printed
    return problems


def _derived_problems(derived: Any, schema: DocumentSchema) -> list[str]:
    if not isinstance(derived, list):
        return ["derived 须为列表"]
    problems = []
    sections = {s.key: s for s in schema.sections}
    for index, entry in enumerate(derived):
        where = f"derived[{index}]"
        cell, source = (entry.get("cell"), entry.get("from")) if isinstance(entry, dict) else (None, None)
        target = sections.get(cell[0]) if isinstance(cell, list) and len(cell) == 3 else None
        if target is None or cell[2] not in target.column_keys or (target.kind == "grid" and cell[1] not in target.row_keys):
            problems.append(f"{where}: cell 须为已有的 [节, 行, 列]")
        origin = sections.get(source[0]) if isinstance(source, list) and len(source) == 2 else None
        if origin is None or "code" not in origin.column_keys or source[1] not in origin.column_keys:
            problems.append(f"{where}: from 须为有科目编码的表及其列 [节, 列]")
    return problems


@cache
def catalogue() -> Catalogue:
    data = json.loads(resource_path("import", "official_tables.json").read_text(encoding="utf-8"))
    problems = validate_catalogue(data, document_schema())
    if problems:
        raise CatalogueError("official_tables.json：" + "；".join(problems))
    tables = tuple(TableEntry(e["section"], tuple(squeezed(t) for t in e["titles"]),
                              tuple(squeezed(c) for c in e.get("codes", []))) for e in data["tables"])
    labels = {label_key(other): label_key(printed)
              for printed, others in data.get("labels", {}).items() for other in others}
    headers = {squeezed(printed): tuple(squeezed(o) for o in others) for printed, others in data.get("headers", {}).items()}
    derived = tuple(Derived(*e["cell"], *e["from"]) for e in data.get("derived", []))
    return Catalogue(tables, labels, headers, derived)


def canonical_label(text: str) -> str:
    """The printed wording a label stands for (itself when it has no alias)."""
    key = label_key(text)
    return catalogue().labels.get(key, key)


def header_names(printed: str) -> tuple[str, ...]:
    """A printed column header and its other wordings, squeezed; the printed one first."""
    key = squeezed(printed)
    return (key, *catalogue().headers.get(key, ()))


def identify(text: str) -> TableEntry | None:
    """The table a title cell names: the longest title it contains, else a table code it contains."""
    if "表" not in text:  # every title and table code names a 表: most cells are turned away here
        return None
    key = squeezed(text)
    best: tuple[int, TableEntry] | None = None
    for entry in catalogue().tables:
        for title in entry.titles:
            if title in key and (best is None or len(title) > best[0]):
                best = (len(title), entry)
    if best is not None:
        return best[1]
    for entry in catalogue().tables:
        if any(code in key for code in entry.codes):
            return entry
    return None
