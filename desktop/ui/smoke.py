"""The GUI smoke check: one real edit through the window must change a tab badge, and undo it.

Used by `fiscaldesk gui --smoke` and by the frozen program's smoke test. The edit goes through
the same path as a clerk's typing (the table model's setData), so it exercises parsing, the
undo stack, the file commit, the 审核 engine and the badges together.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.ui.qt import QApplication, Qt

# Cells whose change always reaches a rule: totals the 审核 rules check against their parts.
CANDIDATES = (("三公经费", "sangong", "total", "budget"), ("预算执行", "income_expenditure", "income_total", "current"),
              ("预算执行", "fiscal_summary", "total", "income"), ("政府采购", "procurement", "", "total"))


def smoke_edit(window) -> str:
    """"" when an edit changed a badge and its undo restored it; otherwise what went wrong."""
    before = window.badge_counts()
    for tab, section, row, column in CANDIDATES:
        view = window.views[section][0]
        model = view.sheet()
        index = model.index_of(row, column)
        if not index.isValid():
            continue
        current = index.data(Qt.ItemDataRole.EditRole)
        value = Decimal(current or "0") + Decimal("1000000")
        if not model.setData(index, str(value)):
            return f"{model.cell_name(index)}：写入 {value} 被拒绝"
        QApplication.processEvents()
        after = window.badge_counts()
        if after != before:
            window.workspace.undo_stack.undo()
            QApplication.processEvents()
            if window.badge_counts() != before:
                return f"撤销后徽标未恢复：{before} → {window.badge_counts()}"
            return ""
        window.workspace.undo_stack.undo()
    return "没有任何编辑改变徽标"
