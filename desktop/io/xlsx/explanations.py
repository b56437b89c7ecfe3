"""The 审核说明 of an imported workbook checked against the warnings the import leaves.

The reader takes every answered row of the 审核说明 sheet. An explanation only means something
while its warning exists, and an editing session drops the ones whose warning has gone, so one
for a warning the imported figures no longer raise (corrected meanwhile, or its row removed)
would vanish without a word. `unmatched_explanations` takes those out of the import plan and
says so in the plan's notes, which the preview lists, naming the cell it was read from;
`drop_unmatched` does the same for a workbook imported as a new document (`fiscaldesk import`).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from desktop.rules.engine import check_document

if TYPE_CHECKING:
    from desktop.domain.document import Document
    from desktop.editing.replace import ImportPlan


def unmatched_explanations(document: Document, year: int, plan: ImportPlan,
                           cells: dict[tuple[str, str], str]) -> list[str]:
    """Remove from `plan` the explanations that match no 提示性 warning of `document`'s year once
    the plan is applied (to a copy: `document` is not touched); returns the notes added to it."""
    command = plan.command
    if command is None or not command.explanations:
        return []
    after = copy.deepcopy(document)
    command.apply(after)
    warnings = {f.identity for f in check_document(after, year) if f.severity == "warning"}
    stale = [key for key in command.explanations if key not in warnings]
    notes = []
    for rule, location in stale:
        del command.explanations[(rule, location)]
        notes.append(_note(cells.get((rule, location), "审核说明"), rule, location))
    gone = set(stale)
    plan.changes = [c for c in plan.changes if not (c.section == "explanations" and (c.column, c.row) in gone)]
    if not plan.changes:
        plan.command = None
    plan.notes += notes
    return notes


def _note(where: str, rule: str, location: str) -> str:
    return (f"{where}：{rule}（位置 {location}）的说明未导入：导入后的数据中没有这条提示性审核提示"
            f"（可能已更正，或所在的行已删除）")


def drop_unmatched(document: Document, year: int, cells: dict[tuple[str, str], str]) -> list[str]:
    """Remove from `document`'s year the explanations that match no 提示性 warning of its own
    figures; returns one note per explanation removed, naming the cell it was read from."""
    explanations = document.year(year).explanations
    if not explanations:
        return []
    warnings = {f.identity for f in check_document(document, year) if f.severity == "warning"}
    stale = [key for key in explanations if key not in warnings]
    for key in stale:
        del explanations[key]
    return [_note(cells.get((rule, location), "审核说明"), rule, location) for rule, location in stale]
