"""Edit commands that act on the document, never on widgets (the orange-canvas-core pattern).

Each command can be applied and reverted any number of times. Applying or reverting changes the
in-memory document and returns an `Applied`: the file writes that make it durable (committed
by the session in one transaction) and the changed fields (fed to the 审核 engine and to the
views). The Qt undo stack wraps these; the crash-safety test drives them without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from desktop.domain import text as texts
from desktop.domain.document import Document, DocumentError, SectionData
from desktop.domain.sources import CellKey, Source
from desktop.store.writes import FileWrite, Scope


@dataclass(frozen=True)
class Field:
    """One changed field: a cell, or a whole row (column None) that was added or removed."""
    scope: Scope
    section: str
    row: str | None = None
    column: str | None = None


@dataclass
class Applied:
    write: FileWrite = field(default_factory=FileWrite)
    fields: list[Field] = field(default_factory=list)
    structural: set[tuple[Scope, str]] = field(default_factory=set)  # tables whose rows changed
    relayout: bool = False  # the department's units changed: the 审核 and the views start afresh


def section_data(document: Document, scope: Scope, section: str) -> SectionData:
    return document.section(section) if scope is None else document.year(scope).section(section)


def swap_sources(document: Document, updates: dict[CellKey, Source | None], applied: Applied) -> dict[CellKey, Source | None]:
    """Set (or, with None, forget) the source of each cell; returns what each had, for undo."""
    previous = {}
    for key, source in updates.items():
        previous[key] = document.sources.get(key)
        if source is None:
            document.sources.pop(key, None)
        else:
            document.sources[key] = source
        applied.write.sources.append((*key, source))
    return previous


def row_sources(document: Document, scope: Scope, section: str, row_id: str) -> dict[CellKey, Source]:
    return {key: source for key, source in document.sources.items() if key[:3] == (scope, section, row_id)}


class Command:
    text = ""

    def apply(self, document: Document) -> Applied:
        raise NotImplementedError

    def revert(self, document: Document) -> Applied:
        raise NotImplementedError


@dataclass(frozen=True)
class CellValue:
    scope: Scope
    section: str
    row: str
    column: str
    value: Any  # typed (Money, Decimal, str …); None clears


class SetCells(Command):
    """Set one or many cells: a typed value, a paste, a cleared selection, a code and its name."""

    def __init__(self, cells: list[CellValue], text: str, source: Source | None = None) -> None:
        if not cells:
            raise ValueError("SetCells needs at least one cell")
        self.cells = cells
        self.text = text
        self.source = source  # where the values come from (typed, pasted …); None: not recorded
        self._previous: list[Any] | None = None
        self._previous_sources: dict[CellKey, Source | None] = {}

    def apply(self, document: Document) -> Applied:
        previous = self._set(document, [(c, c.value) for c in self.cells])
        if self._previous is None:
            self._previous = previous
        applied = self._applied(self.cells, [c.value for c in self.cells])
        updates = {(c.scope, c.section, c.row, c.column): self.source if c.value is not None else None for c in self.cells}
        self._previous_sources = swap_sources(document, updates, applied)
        return applied

    def revert(self, document: Document) -> Applied:
        assert self._previous is not None, "revert before apply"
        pairs = list(zip(self.cells, self._previous))[::-1]
        self._set(document, pairs)
        applied = self._applied([c for c, _ in pairs], [v for _, v in pairs])
        swap_sources(document, self._previous_sources, applied)
        return applied

    @staticmethod
    def _set(document: Document, pairs: list[tuple[CellValue, Any]]) -> list[Any]:
        done: list[tuple[CellValue, Any]] = []
        try:
            for cell, value in pairs:
                data = section_data(document, cell.scope, cell.section)
                done.append((cell, data.set_value(cell.row, cell.column, value)))
        except DocumentError:
            for cell, old in reversed(done):  # all or nothing
                section_data(document, cell.scope, cell.section).set_value(cell.row, cell.column, old)
            raise
        return [old for _, old in done]

    @staticmethod
    def _applied(cells: list[CellValue], values: list[Any]) -> Applied:
        applied = Applied()
        for cell, value in zip(cells, values):
            applied.write.cells.append((cell.scope, cell.section, cell.row, cell.column, value))
            applied.fields.append(Field(cell.scope, cell.section, cell.row, cell.column))
        return applied


def _order_write(document: Document, scope: Scope, section: str, applied: Applied) -> None:
    applied.write.row_orders[(scope, section)] = section_data(document, scope, section).row_ids()
    applied.structural.add((scope, section))


class InsertRows(Command):
    """Insert rows into a variable table at a position (a paste past the end, 插入行, 添加行)."""

    def __init__(self, scope: Scope, section: str, position: int, rows: list[Mapping[str, Any]],
                 text: str, source: Source | None = None) -> None:
        self.scope, self.section, self.position = scope, section, position
        self.rows = [dict(values) for values in rows]
        self.text = text
        self.source = source
        self.row_ids: list[str] = []  # assigned on first apply, reused on redo

    def apply(self, document: Document) -> Applied:
        data = section_data(document, self.scope, self.section)
        applied = Applied()
        inserted: list[str] = []
        try:
            for offset, values in enumerate(self.rows):
                wanted = self.row_ids[offset] if offset < len(self.row_ids) else None
                row_id = data.add_row(values, row_id=wanted, position=self.position + offset)
                inserted.append(row_id)
        except DocumentError:
            for row_id in inserted:
                data.remove_row(row_id)
            raise
        self.row_ids = inserted
        for row_id in inserted:
            applied.fields.append(Field(self.scope, self.section, row_id))
            applied.write.cells += [(self.scope, self.section, row_id, key, value)
                                    for key, value in data.rows[row_id].items()]
        if self.source is not None:
            swap_sources(document, {(self.scope, self.section, row_id, key): self.source
                                    for row_id in inserted for key in data.rows[row_id]}, applied)
        _order_write(document, self.scope, self.section, applied)
        return applied

    def revert(self, document: Document) -> Applied:
        data = section_data(document, self.scope, self.section)
        applied = Applied()
        for row_id in reversed(self.row_ids):
            data.remove_row(row_id)
            for key in row_sources(document, self.scope, self.section, row_id):
                del document.sources[key]
            applied.fields.append(Field(self.scope, self.section, row_id))
            applied.write.removed_rows.append((self.scope, self.section, row_id))
        _order_write(document, self.scope, self.section, applied)
        return applied


class RemoveRows(Command):
    """Remove rows of a variable table, with the rows that belong to them (a project's
    indicators and funds), so that undo puts every one of them back where it was."""

    def __init__(self, scope: Scope, section: str, row_ids: list[str], text: str) -> None:
        self.scope, self.section = scope, section
        self.row_ids = list(row_ids)
        self.text = text
        self._removed: list[tuple[str, str, int, dict]] = []
        self._removed_sources: dict[CellKey, Source] = {}

    def apply(self, document: Document) -> Applied:
        removed: list[tuple[str, str, int, dict]] = []
        for row_id in self.row_ids:
            if self.scope is None:
                position, values = document.section(self.section).remove_row(row_id)
                removed.append((self.section, row_id, position, values))
            else:
                removed += document.year(self.scope).remove_row(document.schema, self.section, row_id)
        self._removed = removed
        applied = Applied()
        self._removed_sources = {}
        for section, row_id, _, _ in removed:
            applied.fields.append(Field(self.scope, section, row_id))
            applied.write.removed_rows.append((self.scope, section, row_id))  # the file forgets their sources too
            gone = row_sources(document, self.scope, section, row_id)
            for key in gone:
                del document.sources[key]
            self._removed_sources.update(gone)
        for section in dict.fromkeys(section for section, *_ in removed):
            _order_write(document, self.scope, section, applied)
        return applied

    def revert(self, document: Document) -> Applied:
        applied = Applied()
        for section, row_id, position, values in reversed(self._removed):
            data = section_data(document, self.scope, section)
            data.add_row(values, row_id=row_id, position=position)
            applied.fields.append(Field(self.scope, section, row_id))
            applied.write.cells += [(self.scope, section, row_id, key, value) for key, value in values.items()]
        swap_sources(document, dict(self._removed_sources), applied)
        for section in dict.fromkeys(section for section, *_ in self._removed):
            _order_write(document, self.scope, section, applied)
        return applied


class SetExplanation(Command):
    """Type (or clear, with blank text) the explanation of a warning; refused (DocumentError) as
    by every other entry point when too long or holding a control character (domain/text.py)."""

    def __init__(self, year: int, rule: str, location: str, text: str | None) -> None:
        self.year, self.rule, self.location = year, rule, location
        self.raw = text
        self.value = text.strip() if text and text.strip() else None
        self.text = f"填写说明 {rule}"
        self._previous: str | None = None

    def apply(self, document: Document) -> Applied:
        try:
            self.value = texts.explanation(self.raw)
        except texts.TextRejected as exc:
            raise DocumentError(f"{self.rule} 的{exc}") from None
        explanations = document.year(self.year).explanations
        self._previous = explanations.get((self.rule, self.location))
        return self._set(explanations, self.value)

    def revert(self, document: Document) -> Applied:
        return self._set(document.year(self.year).explanations, self._previous)

    def _set(self, explanations: dict[tuple[str, str], str], value: str | None) -> Applied:
        key = (self.rule, self.location)
        if value is None:
            explanations.pop(key, None)
        else:
            explanations[key] = value
        return Applied(FileWrite(explanations=[(self.year, self.rule, self.location, value)]))


class Composite(Command):
    """Several commands as one undo step (a paste that adds rows and fills them)."""

    def __init__(self, commands: list[Command], text: str) -> None:
        self.commands = commands
        self.text = text

    def apply(self, document: Document) -> Applied:
        done: list[Command] = []
        applied = Applied()
        try:
            for command in self.commands:
                _merge(applied, command.apply(document))
                done.append(command)
        except DocumentError:
            for command in reversed(done):
                command.revert(document)
            raise
        return applied

    def revert(self, document: Document) -> Applied:
        applied = Applied()
        for command in reversed(self.commands):
            _merge(applied, command.revert(document))
        return applied


def _merge(into: Applied, other: Applied) -> None:
    into.write.extend(other.write)
    into.fields += other.fields
    into.structural |= other.structural
    into.relayout = into.relayout or other.relayout
