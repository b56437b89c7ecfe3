"""Importing into the open document: what would change, and the one command that changes it.

An import (from Excel, or any reader that produces a document) is compared with the open
document section by section: cells added, changed and removed, rows added and removed. The
clerk sees that list before anything is written; `ReplaceContent` then makes every change as
one undo step and one file transaction. Rows keep their identity, so a project's indicators
and an explanation stay attached to the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from desktop.bulk import bulk
from desktop.domain.department_units import section_key
from desktop.domain.document import Document, SectionData
from desktop.domain.formatting import format_amount
from desktop.domain.money import Money
from desktop.domain.schema import Section
from desktop.domain.sources import CellKey, Source
from desktop.editing.commands import Applied, Command, Field, row_sources, section_data, swap_sources
from desktop.store.writes import Scope

ChangeKind = Literal["added", "changed", "removed"]
KIND_LABELS = {"added": "新增", "changed": "修改", "removed": "删除"}
_CAPTION_KEYS = ("name", "item", "term", "category", "level3", "code")


@dataclass(frozen=True)
class Change:
    """One changed cell (column set) or one added/removed table row (column None)."""
    kind: ChangeKind
    scope: Scope
    section: str
    row: str
    column: str | None
    where: str  # 收入决算表 · 第3行（人大事务） · 财政拨款收入
    old: str = ""
    new: str = ""


@dataclass
class ImportPlan:
    changes: list[Change]
    command: ReplaceContent | None
    notes: list[str] = field(default_factory=list)

    def count(self, kind: ChangeKind, rows: bool = False) -> int:
        return sum(1 for c in self.changes if c.kind == kind and (c.column is None) == rows)

    def summary(self) -> str:
        parts = [f"{label} {self.count(kind)} 个单元格" for kind, label in KIND_LABELS.items() if self.count(kind)]
        rows = [f"{label} {self.count(kind, True)} 行" for kind, label in (("added", "新增"), ("removed", "删除"))
                if self.count(kind, True)]
        return "，".join(parts + rows) if parts or rows else "没有变化"


@bulk
def plan_import(document: Document, incoming: Document, year: int, text: str = "导入Excel",
                default_source: Source | None = None, unit: str | None = None) -> ImportPlan:
    """Everything `incoming` (its department sections and its year `year`) would change in
    `document`'s year `year`; the command is None when nothing would change. Each cell it sets
    takes its source from `incoming.sources` (the reader's sheet!cell or page), else `default_source`.
    With `unit` (a units-table row id) the import is that unit's: only the per-unit sections, into
    the unit's copies (the department's 汇总 follows them)."""
    notes: list[str] = []
    target, source = document.year(year), incoming.year(year)
    if source.profile != target.profile:
        notes.append(f"工作簿的方案为“{source.profile}”，本文档为“{target.profile}”：按本文档的方案审核和计分")
    replacements: list[tuple[Scope, str, dict, dict]] = []
    changes: list[Change] = []
    sources = incoming.sources
    if unit is None:
        pairs = [(None, document.sections, incoming.sections), (year, target.sections, source.sections)]
    else:
        keys = document.schema.per_unit_keys
        mine = {section_key(document, target, unit, key): target.section(section_key(document, target, unit, key))
                for key in keys}
        pairs = [(year, mine, {section_key(document, target, unit, key): source.sections[key] for key in keys})]
        sources = {(scope, section_key(document, target, unit, section) if scope == year and section in keys
                    else section, row, column): found for (scope, section, row, column), found in sources.items()}
    for scope, mine, theirs in pairs:
        for key, data in mine.items():
            found = _diff(scope, data, theirs[key])
            if found:
                changes += found
                replacements.append((scope, key, _copied(data.rows), _copied(theirs[key].rows)))
    explanations = {k: v for k, v in source.explanations.items() if target.explanations.get(k) != v} \
        if unit is None else {}  # a unit's import brings its figures, not the department's 审核说明
    for (rule, location), text_value in explanations.items():
        kind: ChangeKind = "changed" if (rule, location) in target.explanations else "added"
        changes.append(Change(kind, year, "explanations", location, rule, f"审核说明 · {rule} {location}",
                              target.explanations.get((rule, location), ""), text_value))
    if not changes:
        return ImportPlan([], None, notes)
    return ImportPlan(changes, ReplaceContent(year, replacements, explanations, text, sources, default_source),
                      notes)


def _diff(scope: Scope, old: SectionData, new: SectionData) -> list[Change]:
    section = old.section
    changes: list[Change] = []
    numbers = {row_id: index for index, row_id in enumerate(new.rows, 1)}
    old_numbers = {row_id: index for index, row_id in enumerate(old.rows, 1)}
    for row_id in old.rows:
        if row_id not in new.rows:
            place = _place(section, row_id, old.rows[row_id], old_numbers[row_id])
            changes.append(Change("removed", scope, section.key, row_id, None, place))
            changes += [Change("removed", scope, section.key, row_id, key, _at(section, place, key), _shown(value), "")
                        for key, value in _ordered(section, old.rows[row_id])]
    for row_id, values in new.rows.items():
        before = old.rows.get(row_id)
        place_now = place_before = None  # where the row is named, from its new or its old values
        if before is None:
            place_now = _place(section, row_id, values, numbers[row_id])
            changes.append(Change("added", scope, section.key, row_id, None, place_now))
            before = {}
        for column in section.columns:
            was, now = before.get(column.key), values.get(column.key)
            if was == now and type(was) is type(now):
                continue
            kind: ChangeKind = "added" if was is None else "removed" if now is None else "changed"
            if now is not None:
                place_now = place_now or _place(section, row_id, values, numbers[row_id])
                place = place_now
            else:
                place_before = place_before or _place(section, row_id, before, numbers[row_id])
                place = place_before
            changes.append(Change(kind, scope, section.key, row_id, column.key, _at(section, place, column.key),
                                  _shown(was), _shown(now)))
    if section.kind == "table" and not changes:
        common_old = [r for r in old.rows if r in new.rows]
        common_new = [r for r in new.rows if r in old.rows]
        if common_old != common_new:
            changes.append(Change("changed", scope, section.key, "", None, f"{section.label} · 行的顺序"))
    return changes


def _copied(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A copy of a section's rows that shares no dict with them: cell values (Money, Decimal, str,
    int, bool) are immutable, so copying the two levels of dicts is a deep copy, at a tenth of the cost."""
    return {row_id: dict(values) for row_id, values in rows.items()}


def _ordered(section: Section, values: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(c.key, values[c.key]) for c in section.columns if c.key in values]


def _place(section: Section, row_id: str, values: dict[str, Any], number: int) -> str:
    """How a change names its row: the section, and the grid row's label or the table row's
    number and caption (computed once per row, not once per changed cell)."""
    parts = [section.label]
    if section.kind == "grid":
        parts.append(section.row_label(row_id))
    elif section.kind == "table":
        caption = next((str(values[k]) for k in _CAPTION_KEYS if values.get(k) and k in section.column_keys), "")
        parts.append(f"第{number}行" + (f"（{caption[:20]}）" if caption else ""))
    return " · ".join(parts)


def _at(section: Section, place: str, column: str) -> str:
    return f"{place} · {section.column(column).label}"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return format_amount(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    return text if len(text) <= 60 else text[:60] + "…"


class ReplaceContent(Command):
    """Replace whole sections (and set explanations) as one step; undo puts back what was."""

    def __init__(self, year: int, replacements: list[tuple[Scope, str, dict, dict]],
                 explanations: dict[tuple[str, str], str], text: str,
                 sources: dict[CellKey, Source] | None = None, source: Source | None = None) -> None:
        self.year = year
        self.replacements = replacements  # (scope, section, rows before, rows after)
        self.explanations = explanations
        self.text = text
        self.sources = dict(sources or {})  # each imported cell's own source (sheet!cell, page) …
        self.source = source                # … or the import's
        self._previous_explanations: dict[tuple[str, str], str | None] = {}
        self._previous_sources: dict[CellKey, Source | None] = {}

    def apply(self, document: Document) -> Applied:
        explanations = document.year(self.year).explanations
        self._previous_explanations = {k: explanations.get(k) for k in self.explanations}
        applied = self._swap(document, forward=True)
        self._previous_sources = swap_sources(document, self._source_updates(document, applied), applied)
        for key, text in self.explanations.items():
            explanations[key] = text
        applied.write.explanations += [(self.year, rule, location, text) for (rule, location), text in self.explanations.items()]
        return applied

    def revert(self, document: Document) -> Applied:
        applied = self._swap(document, forward=False)
        for key in self._source_updates(document, applied):
            document.sources.pop(key, None)  # the imported rows' cells; the previous sources come back below
        swap_sources(document, self._previous_sources, applied)
        explanations = document.year(self.year).explanations
        for key, text in self._previous_explanations.items():
            if text is None:
                explanations.pop(key, None)
            else:
                explanations[key] = text
        applied.write.explanations += [(self.year, rule, location, text)
                                       for (rule, location), text in self._previous_explanations.items()]
        return applied

    def _source_updates(self, document: Document, applied: Applied) -> dict[CellKey, Source | None]:
        """The source of every cell the swap wrote (None for a cell cleared), and None for every
        cell of a row it removed."""
        updates: dict[CellKey, Source | None] = {}
        for scope, section, row_id in applied.write.removed_rows:
            updates.update(dict.fromkeys(row_sources(document, scope, section, row_id)))
        for scope, section, row_id, column, value in applied.write.cells:
            key = (scope, section, row_id, column)
            updates[key] = None if value is None else self.sources.get(key, self.source)
        return updates

    def _swap(self, document: Document, forward: bool) -> Applied:
        applied = Applied()
        for scope, key, before, after in self.replacements:
            old, new = (before, after) if forward else (after, before)
            data = section_data(document, scope, key)
            data.rows = _copied(new)
            for row_id in old:
                if row_id not in new:
                    applied.write.removed_rows.append((scope, key, row_id))
                    applied.fields.append(Field(scope, key, row_id))
            for row_id, values in new.items():
                previous = old.get(row_id)
                if previous is None and data.section.kind == "table":
                    applied.fields.append(Field(scope, key, row_id))
                previous = previous or {}
                for column in data.section.columns:
                    value = values.get(column.key)
                    if value != previous.get(column.key) or type(value) is not type(previous.get(column.key)):
                        applied.write.cells.append((scope, key, row_id, column.key, value))
                        applied.fields.append(Field(scope, key, row_id, column.key))
            if data.section.kind == "table":
                applied.write.row_orders[(scope, key)] = list(new)
                applied.structural.add((scope, key))
        return applied
