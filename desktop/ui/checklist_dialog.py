"""文件 ▸ 公开清单: the department's and every unit's publication, as an inspector ticks it.

One row for the department (its 部门决算公开, the 汇总) and one per unit (its 单位决算公开): the
tables, the 三公 items, the 名词解释, the 绩效 parts, the export gate, the last final export and the
公开 date. Above them the 批复 date and the 20-day deadline it sets; below, the selected row's 公开
date and place, and what its export gate says. The figures come from desktop.publication.checklist;
every date typed here is an undoable edit of the document like any other. The window stays open
beside the tables and follows the edits (a moment after the last one: the gate of every unit is
asked again).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from desktop.ui.qt import (QColor, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                           QPlainTextEdit, QPushButton, Qt, QTimer, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

if TYPE_CHECKING:
    from desktop.publication.checklist import Checklist, PublisherStatus
    from desktop.ui.main_window import MainWindow

COLUMNS = ("单位", "报表", "三公经费分项", "名词解释", "绩效评价", "各单位", "导出检查", "最近导出正式文件", "公开日期")
CHECK_COLUMNS = {"报表": 1, "三公经费分项": 2, "名词解释": 3, "绩效评价": 4, "各单位": 5}
DONE, NOT_DONE = QColor("#1b5e20"), QColor("#b71c1c")
REFRESH_MS = 400


class ChecklistDialog(QDialog):
    def __init__(self, window: MainWindow, today: date | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.today = today or date.today()
        self.checklist: Checklist | None = None
        self.setWindowTitle("公开清单")
        self.resize(1100, 560)
        self.approval = QLineEdit()
        self.approval.setPlaceholderText("例如 2024-08-01 或 2024年8月1日")
        self.approval_save = QPushButton("保存批复日期")
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        approval_row = QHBoxLayout()
        approval_row.addWidget(self.approval, 1)
        approval_row.addWidget(self.approval_save)
        form = QFormLayout()
        form.addRow("决算批复日期", approval_row)
        form.addRow("公开期限", self.deadline)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)

        self.published = QLineEdit()
        self.published.setPlaceholderText("公开日期，例如 2024-08-15")
        self.where = QLineEdit()
        self.where.setPlaceholderText("公开网址或位置，例如 区政府网站“财政预决算”专栏")
        self.published_save = QPushButton("保存公开情况")
        row_form = QFormLayout()
        row_form.addRow("公开日期", self.published)
        row_form.addRow("公开网址或位置", self.where)
        self.row_title = QLabel()
        self.gate = QPlainTextEdit()
        self.gate.setReadOnly(True)
        self.gate.setMaximumHeight(120)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color:{NOT_DONE.name()}")
        self.problem.setWordWrap(True)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.row_title)
        layout.addLayout(row_form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.problem, 1)
        save_row.addWidget(self.published_save)
        layout.addLayout(save_row)
        layout.addWidget(self.gate)
        layout.addLayout(buttons)
        for button in (self.approval_save, self.published_save, close):
            button.setAutoDefault(False)  # Enter in a date box saves that box, never another button

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.approval_save.clicked.connect(self.save_approval)
        self.approval.returnPressed.connect(self.save_approval)
        self.published_save.clicked.connect(self.save_published)
        self.published.returnPressed.connect(self.save_published)
        self.tree.currentItemChanged.connect(lambda *_args: self._show_row())

    # -- following the document -------------------------------------------------------------
    def follow(self) -> None:
        """Refresh a moment after the last edit (each unit's gate is asked again)."""
        if self.isVisible():
            self.timer.start()

    def refresh(self) -> None:
        from desktop.publication.checklist import checklist
        workspace = self.window_.workspace
        if workspace is None:
            return
        current = self.tree.currentIndex().row()
        self.checklist = checklist(workspace.document, workspace.year)
        self.setWindowTitle(f"公开清单 — {workspace.document.department_name} {workspace.year}年度")
        stored = workspace.session.year_data.section("publication").get("approval_date") or ""
        if not self.approval.hasFocus():
            self.approval.setText(str(stored))
        self.deadline.setText(self.checklist.deadline_text(self.today))
        self.tree.clear()
        for status in self.checklist.rows:
            self.tree.addTopLevelItem(self._item(status))
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.tree.setCurrentItem(self.tree.topLevelItem(max(0, min(current, self.tree.topLevelItemCount() - 1))))
        self._show_row()

    def _item(self, status: PublisherStatus) -> QTreeWidgetItem:
        texts = [status.name] + [""] * (len(COLUMNS) - 1)
        passed = {}
        for check in status.checks:
            column = CHECK_COLUMNS.get(check.label)
            if column is not None:
                texts[column] = check.text.split("：", 1)[1]
                passed[column] = check.passed
        if status.unit is not None and "绩效评价" not in {c.label for c in status.checks}:
            texts[4] = "按部门评价"
        texts[6] = "通过" if status.gate_open else ("不适用" if not status.has_figures else "未通过")
        passed[6] = status.gate_open
        texts[7] = f"{status.exported_on} {status.exported_file}".strip() or "未导出"
        passed[7] = bool(status.exported_on)
        if status.published_on is not None:
            texts[8] = f"{status.published_on.isoformat()}"
            deadline = self.checklist.deadline if self.checklist else None
            passed[8] = deadline is None or status.published_on <= deadline
            if not passed[8]:
                texts[8] += "（逾期）"
        else:
            texts[8] = status.published_problem or "未公开"
            passed[8] = False
        item = QTreeWidgetItem(texts)
        for column, ok in passed.items():
            item.setForeground(column, DONE if ok else NOT_DONE)
        item.setToolTip(6, status.gate_message)
        item.setData(0, Qt.ItemDataRole.UserRole, status.unit.id if status.unit else "")
        return item

    def _status(self) -> PublisherStatus | None:
        row = self.tree.currentIndex().row()
        if self.checklist is None or not 0 <= row < len(self.checklist.rows):
            return None
        return self.checklist.rows[row]

    def _show_row(self) -> None:
        status = self._status()
        editable = status is not None and status.has_figures and not self.window_.workspace.read_only
        self.published.setEnabled(editable)
        self.where.setEnabled(editable)
        self.published_save.setEnabled(editable)
        self.problem.clear()
        if status is None:
            return
        self.row_title.setText(f"{status.name}：" + "；".join(c.text for c in status.checks))
        self.published.setText(status.published_on.isoformat() if status.published_on else "")
        self.where.setText(status.published_where)
        if status.published_problem:
            self.problem.setText(f"已填的公开日期{status.published_problem}")
        self.gate.setPlainText(status.gate_message)

    # -- saving ---------------------------------------------------------------------------------
    def save_approval(self) -> bool:
        from desktop.editing.commands import CellValue, SetCells
        text = self.approval.text().strip()
        if not self._valid(text):
            return False
        workspace = self.window_.workspace
        cell = CellValue(workspace.year, "publication", "", "approval_date", text or None)
        return workspace.push(SetCells([cell], "填写决算批复日期")) and self._refreshed()

    def save_published(self) -> bool:
        from desktop.domain.department_units import section_key
        from desktop.editing.commands import CellValue, SetCells
        status = self._status()
        text = self.published.text().strip()
        if status is None or not status.has_figures or not self._valid(text):
            return False
        workspace = self.window_.workspace
        year = workspace.session.year_data
        key = "unit_publication" if status.unit is None else \
            section_key(workspace.document, year, status.unit.id, "unit_publication")
        cells = [CellValue(workspace.year, key, "", "published_on", text or None),
                 CellValue(workspace.year, key, "", "published_where", self.where.text().strip() or None)]
        return workspace.push(SetCells(cells, f"填写公开情况（{status.name}）")) and self._refreshed()

    def _valid(self, text: str) -> bool:
        from desktop.domain.dates import DateRejected, parse_date
        if not text:
            return True
        try:
            parse_date(text)
        except DateRejected as exc:
            self.problem.setText(str(exc))
            return False
        return True

    def _refreshed(self) -> bool:
        self.timer.stop()
        self.refresh()
        return True


def open_checklist(window: MainWindow) -> ChecklistDialog | None:
    """Show the 公开清单 beside the window (one per window), refreshed."""
    if window.workspace is None:
        return None
    dialog = window.checklist_dialog
    if dialog is None:
        dialog = window.checklist_dialog = ChecklistDialog(window)
    dialog.refresh()
    dialog.show()
    dialog.activateWindow()
    return dialog
