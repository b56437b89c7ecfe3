"""The 单位 chooser: which of the department's units the tables show, or the department's 汇总.

It sits beside the 年度 box, left of the tabs, and appears once the 单位 table names two units
or more. Each entry carries the unit's open problems (错误 n 提示 n), so a clerk sees which unit
needs work without opening it. Choosing a 所属单位 in a year not yet entered per unit first asks
to enter it per unit (SplitYear, one undo step): the 本级 keeps the figures the department had,
the others start blank. The 汇总 is then computed from the units and shown read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from desktop.ui.qt import QComboBox, QMessageBox, QObject, Qt
from desktop.ui.year_switcher import pick_action

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SUMMARY_LABEL = "部门汇总"
PICK_SHORTCUT = "Ctrl+Shift+U"
TOOLTIP = (f"选择单位（{PICK_SHORTCUT}）：“部门汇总”为各单位之和，只读；选择本级或所属单位后填写该单位的数字。"
           "每项后面是该单位待处理的错误和提示数")


def ask_split(window: MainWindow, year: int, home: str, unit: str) -> bool:
    """Whether to enter the year per unit (tests replace this)."""
    answer = QMessageBox.question(
        window, "分单位填报",
        f"{year}年度目前按部门整体填报。要填写“{unit}”的数字，需改为分单位填报：\n\n"
        f"· 现有的数字全部作为本级“{home}”的数字；\n· 其他单位从空白开始填写；\n"
        "· 部门的表改为各单位的汇总，自动计算，只读。\n\n此操作可以撤销（Ctrl+Z）。是否改为分单位填报？")
    return answer == QMessageBox.StandardButton.Yes


class UnitCombo(QComboBox):
    """Like the 年度 box: the mouse wheel passing over it does not switch unit."""

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        event.ignore()


class UnitChooser(QObject):
    def __init__(self, window: MainWindow, ask: Callable[[MainWindow, int, str, str], bool] = ask_split) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask
        self.combo = UnitCombo()
        self.combo.setObjectName("unit_combo")
        self.combo.setAccessibleName("单位")
        self.combo.setToolTip(TOOLTIP)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)  # "部门汇总　错误4"; the list shows whole names
        self.combo.activated.connect(self._activated)
        self.combo.hide()
        self.pick_action = pick_action(window, "选择单位…", PICK_SHORTCUT, "打开单位列表：部门汇总、本级和各所属单位",
                                       self.pick)

    # -- what the window asks ---------------------------------------------------------------
    def refresh(self) -> None:
        """List the units of the open document, each with its open problems; shown for two or more."""
        from desktop.domain.department_units import reporting_units  # with the document, after the first paint
        workspace = self.window.workspace
        units = reporting_units(workspace.document) if workspace is not None else []
        self.combo.blockSignals(True)
        self.combo.clear()
        if len(units) >= 2:
            counts = self._counts()
            self.combo.addItem(self._label(SUMMARY_LABEL, counts.get(None)), None)
            for unit in units:
                name = f"{unit.name}（本级）" if unit.home else unit.name
                self.combo.addItem(self._label(name, counts.get(unit.id)), unit.id)
            index = self.combo.findData(workspace.reporting_unit)
            self.combo.setCurrentIndex(max(index, 0))
            view = self.combo.view()
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)
        self.combo.blockSignals(False)
        self.combo.setVisible(len(units) >= 2)
        if workspace is not None and len(units) < 2 and workspace.reporting_unit is not None:
            workspace.set_reporting_unit(None)

    def pick(self) -> None:
        if self.combo.isVisible():
            self.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.combo.showPopup()
        else:
            self.window.statusBar().showMessage("单位表中只有一个单位：在“基本情况”页的单位表中添加所属单位后可分单位填报。", 6000)

    def choose(self, unit_id: str | None) -> bool:
        """Show unit `unit_id` (None: the 汇总), entering the year per unit first when it must be."""
        from desktop.domain.department_units import home_unit, is_split, reporting_units
        from desktop.editing.unit_commands import SplitYear
        workspace = self.window.workspace
        if workspace is None:
            return False
        year = workspace.session.year_data
        home = home_unit(workspace.document)
        if unit_id is not None and not is_split(year) and home is not None and unit_id != home.id:
            unit = next(u for u in reporting_units(workspace.document) if u.id == unit_id)
            if not self.ask(self.window, year.year, home.name, unit.name) or not workspace.push(SplitYear(year.year)):
                self.refresh()
                return False
            self.window.statusBar().showMessage(
                f"{year.year}年度已改为分单位填报：现有数字为本级“{home.name}”的数字，部门汇总自动计算（可撤销）", 10000)
        workspace.set_reporting_unit(unit_id)
        self.refresh()
        return True

    # -- internals ------------------------------------------------------------------------
    def _activated(self, index: int) -> None:
        if index >= 0:
            self.choose(self.combo.itemData(index))

    def _counts(self) -> dict[str | None, list[int]]:
        """Open errors and warnings awaiting an explanation, per unit (None: the 汇总), from the
        审核 panel's tally per section (kept up to date edit by edit)."""
        from desktop.domain.department_units import split_key
        counts: dict[str | None, list[int]] = {}
        for section, (errors, warnings) in self.window.findings_panel.model.tally.sections.items():
            tally = counts.setdefault(split_key(section)[1], [0, 0])
            tally[0] += errors
            tally[1] += warnings
        return counts

    @staticmethod
    def _label(name: str, counts: list[int] | None) -> str:
        errors, warnings = counts or (0, 0)
        parts = [f"错误{errors}" if errors else "", f"提示{warnings}" if warnings else ""]
        shown = " ".join(p for p in parts if p)
        return f"{name}　{shown}" if shown else name
