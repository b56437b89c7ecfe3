"""Helpers several check modules share: code hierarchies and column sums over table rows."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from desktop.domain.money import Money
from desktop.rules.context import Cell, RuleContext
from desktop.rules.findings import Finding

CHILD_LENGTH = {3: 5, 5: 7}


def coded_rows(ctx: RuleContext, section: str, length: int | None = None) -> list[tuple[str, dict]]:
    """Rows with a code (of the given length: 3 = 类, 5 = 款, 7 = 项)."""
    return [(row_id, row) for row_id, row in ctx.rows(section)
            if row.get("code") and (length is None or len(row["code"]) == length)]


def column_total(ctx: RuleContext, section: str, column: str, rows: list[tuple[str, dict]]) -> Money | None:
    values = [row.get(column) for _, row in rows if row.get(column) is not None]
    return Money(sum(v.fen for v in values)) if values else None


def class_total(ctx: RuleContext, section: str, column: str) -> Money | None:
    """Σ over the 类 (3-digit) rows: the table's 合计 (its 合计 row is not stored, it is derived)."""
    return column_total(ctx, section, column, coded_rows(ctx, section, 3))


def class_blanks(ctx: RuleContext, section: str, column: str) -> list[Cell]:
    """The 类 rows whose `column` is blank: what a table's 合计 (class_total) leaves out."""
    return [(section, row_id, column) for row_id, row in coded_rows(ctx, section, 3) if row.get(column) is None]


def code_class(values: Mapping[str, Any]) -> str:
    """A coded row's 类 (the first three digits of its code), "" without a code: the group a
    rule over a coded table's rows and hierarchy runs once for (registry.check groups), since a
    类's 款 and 项 rows all share its first three digits."""
    return str(values.get("code") or "")[:3]


def hierarchy(ctx: RuleContext, section: str, columns: tuple[str, ...], group: str | None = None) -> Iterator[Finding]:
    """Each 类 = Σ its 款 and each 款 = Σ its 项, for every column, where children exist (within
    one 类 when `group` is given)."""
    rows = coded_rows(ctx, section)
    if group is not None:
        rows = [(row_id, row) for row_id, row in rows if code_class(row) == group]
    below: dict[tuple[int, str], list[tuple[str, dict]]] = {}  # (length, parent's code) → its rows, in order
    for parent_length, child_length in CHILD_LENGTH.items():
        for row_id, row in rows:
            if len(row["code"]) == child_length:
                below.setdefault((child_length, row["code"][:parent_length]), []).append((row_id, row))
    for row_id, row in rows:
        child_length = CHILD_LENGTH.get(len(row["code"]))
        if child_length is None:
            continue
        children = below.get((child_length, row["code"]), [])
        if not children:
            continue
        for column in columns:
            yield from ctx.identity((section, row_id, column), [(section, r, column) for r, _ in children])


def compare(ctx: RuleContext, left: Cell, right_value: Money | None, right_label: str,
            relation: str = "=", tolerance_fen: int | None = 0, severity: str | None = None,
            right_blanks: Iterable[Cell] = ()) -> Iterator[Finding]:
    """left relation right (a derived figure); nothing when either side is blank.

    tolerance_fen None means the rounding tolerance of the section for these two figures.
    `right_blanks` are the blank cells the derived figure leaves out; when blank cells on
    either side could account for the difference, one 提示性 "未填写" finding names them
    instead of a mismatch.
    """
    section, row, column = left
    left_value = ctx.money(section, column, row)
    if left_value is None or right_value is None:
        return
    if tolerance_fen is None:
        tolerance_fen = ctx.tolerance_fen(section, 1, [left_value, right_value])
    difference = left_value.fen - right_value.fen
    holds = {"=": abs(difference) <= tolerance_fen, "<=": difference <= tolerance_fen,
             ">=": difference >= -tolerance_fen}[relation]
    if holds:
        if difference and relation == "=":
            yield ctx.finding(section, row, column, f"{ctx.label(*left)} {ctx.amount(left_value, section)} 与"
                              f"{right_label} {ctx.amount(right_value, section)} 相差 "
                              f"{ctx.difference(Money(abs(difference)), section)}（在舍入误差范围内）", "info")
        return
    sign = {"=": "≠", "<=": ">", ">=": "<"}[relation]
    comparison = (f"{ctx.label(*left)} {ctx.amount(left_value, section)} {sign} {right_label} "
                  f"{ctx.amount(right_value, section)}，相差 {ctx.difference(Money(abs(difference)), section)}")
    blanks = ctx.explaining_blanks(difference, ctx.blank_cells(left), list(right_blanks))
    if blanks:
        yield ctx.unfilled(blanks, comparison)
        return
    yield ctx.finding(section, row, column, comparison, severity)
