"""Random edits of every kind a clerk makes, as the editor's commands, for benches and property tests.

The 审核 bench and the engine's property tests must see what users do, not only the cheapest
edits: amounts, counts, decimals, indicator values, texts (names, reasons), codes, choices, the
project an indicator or fund row belongs to, rows inserted and rows removed, in every section.
Each edit is an `desktop.editing.commands` command applied to the document, so the changes fed
to the engine are exactly those the editing session feeds it (`changes_of`).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from desktop.domain.department_units import unit_key
from desktop.domain.document import Document, SectionData
from desktop.domain.money import Money
from desktop.domain.schema import Column
from desktop.editing.commands import Applied, CellValue, Command, InsertRows, RemoveRows, SetCells
from desktop.rules.engine import Change

INDICATOR_SECTIONS = ("project_indicators", "dept_indicators", "dept_score_indicators")
INDICATOR_COLUMNS = ("target", "actual", "planned")
KINDS = ("amount", "count", "decimal", "indicator value", "text", "code", "choice", "project reference",
         "row insert", "row remove")
TEXTS = ("一般公共服务", "因项目调整，支出减少", "与2022年度决算相比增加", "2022年度决算", "新指标", "", "—")
INDICATOR_VALUES = ("4", "≥95", "100", "优", "0.6", "1", "≤12", "高", "2.5", "")
CELL_TYPES = {"amount": ("money",), "count": ("integer",), "decimal": ("decimal",), "text": ("text", "longtext"),
              "code": ("code",), "choice": ("choice", "boolean"), "project reference": ("ref",)}


def _sections(document: Document, year: int, only: tuple[str, ...] = (),
              in_units: bool = False) -> dict[tuple[int | None, str], SectionData]:
    """The sections an edit may touch; `in_units`: the units' own copies ("…@r2") instead."""
    if in_units:
        return {(year, unit_key(k, unit)): s for unit, sections in document.year(year).units.items()
                for k, s in sections.items() if not only or k in only}
    found: dict[tuple[int | None, str], SectionData] = {(None, k): s for k, s in document.sections.items()}
    found.update({(year, k): s for k, s in document.year(year).sections.items()})
    return {k: s for k, s in found.items() if not only or k[1] in only}


def _is_indicator_value(section: str, column: str) -> bool:
    return section in INDICATOR_SECTIONS and column in INDICATOR_COLUMNS


def _cells(document: Document, year: int, kind: str, only: tuple[str, ...],
           in_units: bool = False) -> dict[tuple[int | None, str], list[Column]]:
    """The columns of each section (with a row to edit) where an edit of `kind` is typed."""
    found = {}
    for (scope, key), data in _sections(document, year, only, in_units).items():
        if not data.rows:
            continue
        columns = [c for c in data.section.columns
                   if (_is_indicator_value(key, c.key) if kind == "indicator value"
                       else c.type in CELL_TYPES[kind] and not _is_indicator_value(key, c.key))]
        if columns:
            found[(scope, key)] = columns
    return found


def _value(rng: random.Random, data: SectionData, column: Column, kind: str) -> Any:
    if rng.random() < 0.15 and column.type != "ref":
        return None
    if kind == "indicator value":
        return rng.choice(INDICATOR_VALUES) or None
    if column.type == "money":
        return Money(rng.choice([0, 1, 100, 10_000, 12_345_678, 500_000_000, rng.randrange(10**10)]))
    if column.type == "integer":
        return rng.choice([0, 1, 3, 12, 120])
    if column.type == "decimal":
        return Decimal(rng.choice(["0", "5", "10", "12.5", "100"]))
    if column.type == "boolean":
        return rng.random() < 0.5
    if column.type == "choice":
        return rng.choice(column.choices)
    if column.type == "code":
        codes = [row[column.key] for row in data.rows.values() if row.get(column.key)]
        return rng.choice(codes) if codes else None
    if column.type == "ref":
        return None  # chosen by the caller among the target's rows
    return rng.choice(TEXTS) or None


def random_command(rng: random.Random, document: Document, year: int, kind: str | None = None,
                   sections: tuple[str, ...] = (), in_units: bool = False) -> tuple[str, Command]:
    """One edit of `kind` (default: any) somewhere in the document (in `sections` when given; in
    the units' own copies of the per-unit sections with `in_units`), as a command not yet applied."""
    kind = kind or rng.choice(KINDS)
    if kind in ("row insert", "row remove"):
        tables = {k: s for k, s in _sections(document, year, sections, in_units).items()
                  if s.section.kind == "table" and (kind == "row insert" or s.rows)}
        if not tables:
            return random_command(rng, document, year, "row insert", sections, in_units)
        (scope, key), data = rng.choice(sorted(tables.items(), key=lambda item: (item[0][1], item[0][0] or 0)))
        rows = list(data.rows)
        if kind == "row remove":
            return kind, RemoveRows(scope, key, [rng.choice(rows)], "删除行")
        values = dict(data.rows[rng.choice(rows)]) if rows and rng.random() < 0.8 else {}
        return kind, InsertRows(scope, key, rng.randrange(len(rows) + 1), [values], "插入行")
    cells = _cells(document, year, kind, sections, in_units)
    if not cells:
        return random_command(rng, document, year, "row insert", sections, in_units)
    (scope, key), columns = rng.choice(sorted(cells.items(), key=lambda item: (item[0][1], item[0][0] or 0)))
    data = _sections(document, year, (), in_units)[(scope, key)]
    column = rng.choice(columns)
    row = rng.choice(list(data.rows))
    value = _value(rng, data, column, kind)
    if column.type == "ref":
        targets = list(document.year(year).section(column.target).rows)
        if not targets:
            return random_command(rng, document, year, "row insert", sections, in_units)
        value = rng.choice(targets)
    return kind, SetCells([CellValue(scope, key, row, column.key, value)], "编辑")


def changes_of(applied: Applied, year: int) -> list[Change]:
    """What the editing session feeds the engine after a command (EditSession._changes)."""
    return [Change(f.section, f.row, f.column) for f in applied.fields if f.scope in (None, year)]
