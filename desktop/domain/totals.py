"""Totals of a table section: which rows a 合计 adds up, and their exact sum.

Shared by the editors (the read-only 合计 rows) and the published tables, so both show the same
figure: the sum of the 类 rows of a coded table (款 and 项 are already inside them).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.domain.money import Money


def summable_rows(data: Any, section: str) -> list[dict[str, Any]]:
    """The rows a 合计 adds up: the 类 rows of a coded table (款 and 项 are already inside them),
    every row of a table without codes."""
    rows = list(data.section(section).rows.values())
    if "code" not in data.section(section).section.column_keys:
        return rows
    coded = [r for r in rows if r.get("code")]
    top = min((len(r["code"]) for r in coded), default=0)
    return [r for r in coded if len(r["code"]) == top]


def column_total(data: Any, section: str, column: str, rows: list[dict[str, Any]] | None = None) -> Any:
    """Exact sum of a column over the summable rows; None when every cell is blank."""
    values = [r.get(column) for r in (summable_rows(data, section) if rows is None else rows)]
    filled = [v for v in values if v is not None]
    if not filled:
        return None
    if isinstance(filled[0], Money):
        return Money(sum(v.fen for v in filled))
    return sum(filled, Decimal(0) if isinstance(filled[0], Decimal) else 0)
