"""A sheet as the official-table import reads it: every filled cell's value, the merged ranges (a
header spanning its columns), hidden rows and columns, and how a message names a cell. A
workbook's sheets (desktop/io/xlsx/any_workbook.py) and a PDF's table pages become `Sheet`s alike,
so one parser reads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.io.xlsx.reader import cell_coordinate


@dataclass
class Sheet:
    """One sheet (or PDF page): filled cells, merged ranges, what is hidden, and how to name a cell."""
    name: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # anchor -> last cell
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    page: int | None = None  # a PDF page's number
    _anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.index_spans()

    def index_spans(self) -> None:
        self._anchors = {}
        for (top, left), (bottom, right) in self.spans.items():
            for row in range(top, bottom + 1):
                for column in range(left, right + 1):
                    self._anchors[(row, column)] = (top, left)

    def anchor(self, row: int, column: int) -> tuple[int, int]:
        """The cell whose value a merged range shows at (row, column); the cell itself when unmerged."""
        return self._anchors.get((row, column), (row, column))

    def shown(self, row: int, column: int) -> Any:
        """What a reader sees at the cell: a merged range's value in every cell it covers."""
        return self.values.get(self.anchor(row, column))

    def span_of(self, row: int, column: int) -> tuple[int, int, int, int]:
        top, left = self.anchor(row, column)
        bottom, right = self.spans.get((top, left), (top, left))
        return top, left, bottom, right

    def ref(self, row: int, column: int) -> str:
        """How a message names the cell: 工作表!C5, or 第5页 for a PDF page."""
        if self.page is not None:
            return self.name
        return f"{self.name}!{cell_coordinate(row, column)}"

    def context_years(self, row: int) -> set[int]:
        """Years named around the table outside its own lines (a PDF page's running header); none here."""
        return set()

    @property
    def last_row(self) -> int:
        return max((r for r, _ in self.values), default=0)

    @property
    def last_column(self) -> int:
        return max((c for _, c in self.values), default=0)
