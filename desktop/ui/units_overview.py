"""视图 ▸ 单位一览: every unit of the department at a glance, and the 汇总 above them.

One row each: 单位性质 and 级次, the 本年收入合计 and 本年支出合计 of its own 总表, its open errors
and warnings awaiting an explanation (the 审核 panel's tally), and whether its 公开 is ready (the
公开清单's verdict). Double-click (or Enter on) a row to show that unit's tables. A unit of a year
not yet entered per unit has no figures of its own and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.qt import (QColor, QDialog, QHBoxLayout, QLabel, QPushButton, Qt, QTimer, QTreeWidget, QTreeWidgetItem,
                           QVBoxLayout)

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

COLUMNS = ("单位", "单位性质", "级次", "本年收入合计", "本年支出合计", "错误", "待说明", "公开")
MONEY_COLUMNS = (3, 4)
NOT_READY = QColor("#b71c1c")
REFRESH_MS = 400


class UnitsOverview(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("单位一览")
        self.resize(900, 360)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(lambda item, _column: self.show_unit(item))
        close = QPushButton("关闭")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("双击一行（或按 Enter）显示该单位的表格"), 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def follow(self) -> None:
        """Refresh a moment after the last edit (whether each 公开 is ready asks every unit's gate)."""
        if self.isVisible():
            self.timer.start()

    def refresh(self) -> None:
        from desktop.domain.department_units import (is_split, reporting_units, split_key, totals,
                                                     unit_year)
        from desktop.publication.checklist import checklist
        workspace = self.window_.workspace
        if workspace is None:
            return
        document, year = workspace.document, workspace.session.year_data
        unit_amount = workspace.unit_for("income_expenditure")
        counts: dict[str | None, list[int]] = {}
        for section, (errors, warnings) in self.window_.findings_panel.model.tally.sections.items():
            tally = counts.setdefault(split_key(section)[1], [0, 0])
            tally[0] += errors
            tally[1] += warnings
        ready = {status.unit.id if status.unit else None: status.ready for status in checklist(document, year.year).rows}
        split = is_split(year)
        self.note.setText(f"{year.year}年度" + ("分单位填报：部门的表为各单位的汇总。" if split else
                                                 "按部门整体填报：数字即本级的数字，所属单位尚无自己的数字。")
                          + f"金额单位：{unit_amount}。")
        self.tree.clear()
        rows = [(None, "部门汇总", "", "", year)]
        for unit in reporting_units(document):
            has_figures = split or unit.home
            rows.append((unit.id, unit.name, unit.kind, unit.role or ("本级" if unit.home else ""),
                         unit_year(document, year, unit) if has_figures else None))
        for unit_id, name, kind, role, figures in rows:
            income, spent = totals(figures) if figures is not None else (None, None)
            errors, warnings = counts.get(unit_id, (0, 0))
            shown = [name, kind, role, self._amount(income, unit_amount), self._amount(spent, unit_amount),
                     str(errors), str(warnings), "可公开" if ready.get(unit_id) else "未完成"]
            if figures is None:
                shown[3] = shown[4] = "尚无自己的数字"
            item = QTreeWidgetItem(shown)
            for column in MONEY_COLUMNS + (5, 6):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not ready.get(unit_id):
                item.setForeground(7, NOT_READY)
            item.setData(0, Qt.ItemDataRole.UserRole, unit_id or "")
            self.tree.addTopLevelItem(item)
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)

    @staticmethod
    def _amount(value, unit: str) -> str:
        from desktop.domain.formatting import format_amount
        return "" if value is None else format_amount(value, unit)

    def show_unit(self, item: QTreeWidgetItem) -> bool:
        unit_id = item.data(0, Qt.ItemDataRole.UserRole) or None
        return self.window_.unit_chooser.choose(unit_id)


def open_overview(window: MainWindow) -> UnitsOverview | None:
    if window.workspace is None:
        return None
    if window.units_overview is None:
        window.units_overview = UnitsOverview(window)
    window.units_overview.refresh()
    window.units_overview.show()
    window.units_overview.activateWindow()
    return window.units_overview
