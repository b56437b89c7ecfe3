"""The fixed per-owner blocks of a table (sections.json `fixed_rows`): each project's 项目资金 rows.

A block always has one row per choice of its `by` column, in choice order, whether or not the
document holds that row yet (a missing one reads blank). The total row is computed the way a
grid's 合计 row is: the exact sum of the filled parts, column by column — except that where every
part of a column is blank, the typed total stands (older documents and clerks that know only the
年度资金总额). A typed total that differs from its computed sum is kept as `typed`, for the 审核
and the score explanation to name; it is never published over the sum. Rows beyond the block (a
second row for the same source, a row with no source) are `extra`: nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from desktop.domain.money import Money
from desktop.domain.schema import FixedRows


@dataclass(frozen=True)
class Block:
    spec: FixedRows
    row_ids: dict[str, str | None]          # choice -> the document row holding it (None: not yet)
    values: dict[str, dict[str, Any]]       # choice -> the row as read (the total computed)
    typed: dict[str, Money] = field(default_factory=dict)  # column -> a typed total differing from the sum
    derived: tuple[str, ...] = ()           # columns whose total is the sum of the parts
    extra: tuple[str, ...] = ()             # rows outside the block (duplicates, no choice)

    def value(self, choice: str, column: str) -> Any:
        return self.values[choice].get(column)

    @property
    def total(self) -> dict[str, Any]:
        return self.values[self.spec.total]

    def parts_filled(self, column: str) -> bool:
        return any(self.values[p].get(column) is not None for p in self.spec.parts)


def build_block(spec: FixedRows, rows: Iterable[tuple[str, dict[str, Any]]]) -> Block:
    """The block of one owner from its rows (row id, values), in document order."""
    row_ids: dict[str, str | None] = {choice: None for choice in spec.choices}
    values: dict[str, dict[str, Any]] = {choice: {} for choice in spec.choices}
    extra = []
    for row_id, row in rows:
        choice = row.get(spec.by)
        if choice in row_ids and row_ids[choice] is None:
            row_ids[choice], values[choice] = row_id, dict(row)
        else:
            extra.append(row_id)
    typed, derived = {}, []
    total = values[spec.total]
    for column in spec.sum_columns:
        filled = [values[p][column] for p in spec.parts if values[p].get(column) is not None]
        if not filled:
            continue
        summed = Money(sum(v.fen for v in filled))
        stored = total.get(column)
        if stored is not None and stored != summed:
            typed[column] = stored
        total[column] = summed
        derived.append(column)
    return Block(spec, row_ids, values, typed, tuple(derived), tuple(extra))


def owner_block(data: Any, owner: str) -> Block:
    """The block of one owner row in a SectionData whose section declares fixed_rows."""
    spec = data.section.fixed_rows
    if spec is None:
        raise ValueError(f"{data.section.label}没有固定行")
    return build_block(spec, ((r, v) for r, v in data.rows.items() if v.get(spec.per) == owner))
