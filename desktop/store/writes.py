"""What one edit writes to the document file: cells, the order of variable tables, explanations,
and where the cells it set came from.

An edit (a typed cell, a paste, a row insertion, an explanation) describes its effect as one
`FileWrite`, and `DocumentFile.commit` applies it in a single transaction, so an edit is either
wholly on disk or not at all. Scope is the fiscal year, or None for the document-wide sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Scope = int | None


@dataclass
class FileWrite:
    cells: list[tuple[Scope, str, str, str, Any]] = field(default_factory=list)  # value None clears
    row_orders: dict[tuple[Scope, str], list[str]] = field(default_factory=dict)  # full new order
    removed_rows: list[tuple[Scope, str, str]] = field(default_factory=list)
    explanations: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # text None removes
    sources: list[tuple[Scope, str, str, str, Any]] = field(default_factory=list)  # a cell's Source; None forgets it
    # years entered per unit (True) or no longer (False: every unit's cells, rows and sources go)
    per_unit_years: dict[int, bool] = field(default_factory=dict)

    def extend(self, other: FileWrite) -> None:
        self.cells += other.cells
        self.row_orders.update(other.row_orders)
        self.removed_rows += other.removed_rows
        self.explanations += other.explanations
        self.sources += other.sources
        self.per_unit_years.update(other.per_unit_years)

    def is_empty(self) -> bool:
        return not (self.cells or self.row_orders or self.removed_rows or self.explanations or self.sources
                    or self.per_unit_years)
