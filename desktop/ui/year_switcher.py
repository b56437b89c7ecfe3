"""The 年度 switcher: a combo box at the left of the tab bar and the 文件 ▸ 切换年度 submenu.

Both list the same choices (desktop.store.siblings): the years the open document holds and the
years of the same department's documents beside it or in the recent-files list. Choosing a year
of the open document starts a new editing session on it (the tabs, 审核 and scores follow; the
undo history starts afresh, which the status bar says); choosing another file's year opens that
file exactly as 文件 ▸ 打开 does (lock refusal and recovery included) and shows that year. The
year last shown is remembered per file, so reopening a file shows it again.

The combo sits in the tab bar's corner: it costs no table height and stays narrow ("2023年度"),
its list widening to show file names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.qt import QAction, QActionGroup, QComboBox, QKeySequence, QMenu, QObject, Qt

if TYPE_CHECKING:
    from desktop.domain.document import Document
    from desktop.store.siblings import YearChoice
    from desktop.ui.main_window import MainWindow

PICK_SHORTCUT = "Ctrl+Shift+Y"
TOOLTIP = f"切换年度（{PICK_SHORTCUT}）：本文档中的年度，以及同一文件夹和最近打开中本部门其他年度的文档"


def pick_action(window, text: str, shortcut: str, tip: str, slot) -> QAction:
    """The window-wide shortcut that opens a box's list (年度, 单位), working while the menus are closed."""
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


class YearCombo(QComboBox):
    """A combo box the mouse wheel does not turn: passing over it must not switch year or open a file."""

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        event.ignore()


class YearSwitcher(QObject):
    def __init__(self, window: MainWindow, files_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.choices: list[YearChoice] = []
        self.combo = YearCombo()
        self.combo.setObjectName("year_combo")
        self.combo.setAccessibleName("年度")
        self.combo.setToolTip(TOOLTIP)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(7)  # "2023年度" and the arrow; the list shows file names in full
        self.combo.setEnabled(False)
        self.combo.activated.connect(self._activated)
        window.tabs.setCornerWidget(self.combo, Qt.Corner.TopLeftCorner)
        self.menu = files_menu.addMenu("切换年度(&Y)")
        self.menu.setEnabled(False)
        self.group = QActionGroup(self)
        self.pick_action = pick_action(window, "选择年度…", PICK_SHORTCUT,
                                       "打开年度列表（也可用方向键在标签栏左侧的年度框中选择）", self.pick)

    # -- what the window asks -----------------------------------------------------------
    def year_to_open(self, path: Path, document: Document, chosen: int | None = None) -> int:
        """`chosen` when given, else the year last shown for the file when it still holds it, else its latest."""
        if chosen is not None:
            return chosen
        remembered = self.window.settings.year_for(path)
        return remembered if remembered in document.years else document.latest_year().year

    def refresh(self) -> None:
        """List the choices for the open document (called whenever one is installed)."""
        window = self.window
        workspace, file = window.workspace, window.file
        if workspace is None or file is None:
            self.choices = []
        else:
            document = workspace.document
            from desktop.store.siblings import year_choices  # with the first document, not before the first paint
            self.choices = year_choices(file.path, document.department_name, document.years, window.settings.recent)
        self.combo.clear()
        for choice in self.choices:
            self.combo.addItem(choice.label)
            if choice.path is not None:
                self.combo.setItemData(self.combo.count() - 1, str(choice.path), Qt.ItemDataRole.ToolTipRole)
        view = self.combo.view()
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8 if self.choices else 0)
        self._show_current()
        self._rebuild_menu()
        switchable = len(self.choices) > 1
        self.combo.setEnabled(switchable)
        self.menu.setEnabled(switchable)

    def current_index(self) -> int:
        """The entry of the year being edited (-1 when no document is open)."""
        workspace = self.window.workspace
        if workspace is None:
            return -1
        return next((i for i, c in enumerate(self.choices) if c.path is None and c.year == workspace.year), -1)

    # -- choosing ------------------------------------------------------------------------
    def pick(self) -> None:
        """Ctrl+Shift+Y: the list of years, ready for the arrow keys and Enter."""
        if self.combo.isEnabled():
            self.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.combo.showPopup()
        else:
            self.window.statusBar().showMessage("没有可切换的其他年度：本文档只有一个年度，附近也没有本部门其他年度的文档。", 6000)

    def choose(self, choice: YearChoice) -> bool:
        """Show the chosen year: switch this document's session, or open the other file."""
        if choice.path is None:
            return self.switch_year(choice.year)
        window = self.window
        window.settings.years[str(choice.path.resolve())] = choice.year  # opened, it shows this year
        opened = window.open_document(choice.path)
        if not opened:
            self._show_current()
        return opened

    def switch_year(self, year: int) -> bool:
        """Edit another year of the open document: a new session on the same file, a fresh undo history."""
        window = self.window
        workspace, file = window.workspace, window.file
        if workspace is None or file is None or year not in workspace.document.years:
            return False
        if year == workspace.year:
            return True
        had_history = workspace.undo_stack.count() > 0
        from desktop.store.opening import OpenedDocument
        window._install(OpenedDocument(file, workspace.document), year)
        note = "；之前的修改都已保存，撤销记录已清空（撤销只作用于切换之后的修改）" if had_history else ""
        window.statusBar().showMessage(f"已切换到 {year} 年度{note}", 10000)
        return True

    def _activated(self, index: int) -> None:
        if 0 <= index < len(self.choices):
            self.choose(self.choices[index])

    def _show_current(self) -> None:
        self.combo.setCurrentIndex(self.current_index())

    def _rebuild_menu(self) -> None:
        for action in self.group.actions():
            self.group.removeAction(action)
        self.menu.clear()
        current = self.current_index()
        for index, choice in enumerate(self.choices):
            action = QAction(choice.label.replace("&", "&&"), self.menu, checkable=True)
            action.setChecked(index == current)
            if choice.path is not None:
                action.setStatusTip(f"打开 {choice.path}")
            action.triggered.connect(lambda _checked=False, c=choice: self._menu_chosen(c))
            self.group.addAction(action)
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.pick_action)

    def _menu_chosen(self, choice: YearChoice) -> None:
        if not self.choose(choice):
            self._rebuild_menu()  # the check mark back on the year still shown
