"""A table view that behaves like a spreadsheet: Enter moves down, Tab right, typing replaces,
Delete clears, Ctrl+C/Ctrl+V copy and paste blocks with Excel, and rows are added, inserted
and removed from the context menu. It sizes itself to its rows (up to a limit, after which it
scrolls under its frozen header) so a page of several tables reads like the printed forms.
"""

from __future__ import annotations

from desktop.ui.delegates import SheetDelegate
from desktop.ui.qt import (QAbstractItemView, QAction, QApplication, QHeaderView, QItemSelection,
                           QItemSelectionModel, QKeySequence, QMenu, QModelIndex, QSize, QTableView, Qt)
from desktop.ui.sheet_model import SheetModel, parse_block

MAX_VISIBLE_ROWS = 16


class SheetView(QTableView):
    def __init__(self, model: SheetModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(SheetDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(True)
        header.setMinimumHeight(44)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(26)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self._remembered: tuple[int, int] | None = None
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._after_reset)
        self.apply_widths()
        self._fit_height()

    def sheet(self) -> SheetModel:
        return self.model()  # type: ignore[return-value]

    def take_pending_text(self) -> str | None:
        return None

    # -- layout -------------------------------------------------------------------------
    def apply_widths(self) -> None:
        model = self.sheet()
        if model.fields:
            self.horizontalHeader().hide()  # one column of values: the field names are the header
            self.horizontalHeader().setStretchLastSection(True)
            self.verticalHeader().setMinimumWidth(260)
            self.verticalHeader().setMaximumWidth(360)
            for row, spec in enumerate(model.specs):
                self.verticalHeader().resizeSection(row, 64 if spec.type == "longtext" else 26)
            return
        if model.transposed:  # items across, measures down: as wide as the 样表, reasons taller
            width = model.workspace.editors.widths["item"]
            for column in range(model.columnCount()):
                self.setColumnWidth(column, width)
            self.verticalHeader().setMinimumWidth(150)
            for row, spec in enumerate(model.specs):
                self.verticalHeader().resizeSection(row, 64 if spec.type == "longtext" else 26)
            self.horizontalHeader().setMinimumHeight(48)
            return
        metrics = self.horizontalHeader().fontMetrics()
        widest = model.workspace.editors.widths["name"]
        for column, spec in enumerate(model.specs):
            header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            text = max((metrics.horizontalAdvance(line) for line in header.splitlines()), default=0) + 16
            self.setColumnWidth(column, max(spec.width, min(text, widest)))  # a short header is never cut
        self.verticalHeader().setMinimumWidth(36 if model.section.kind == "table" else 200)

    def _fit_height(self) -> None:
        model = self.sheet()
        rows = model.rowCount()
        shown = min(rows, MAX_VISIBLE_ROWS) if rows else 1
        height = sum(self.rowHeight(r) for r in range(min(rows, shown))) if rows else 26
        height += self.horizontalHeader().height() if not self.horizontalHeader().isHidden() else 0
        height += 2 * self.frameWidth() + (18 if self.horizontalScrollBar().maximum() > 0 else 4)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height if rows <= MAX_VISIBLE_ROWS else height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())

    def _remember_current(self) -> None:
        current = self.currentIndex()
        self._remembered = (current.row(), current.column()) if current.isValid() else None

    def _after_reset(self) -> None:
        self.apply_widths()
        self._fit_height()
        if self._remembered:
            row, column = self._remembered
            model = self.sheet()
            row = min(row, model.rowCount() - 1)
            if row >= 0 and column < model.columnCount():
                self.setCurrentIndex(model.index(row, column))

    # -- movement -----------------------------------------------------------------------
    def move_down(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        below = self.sheet().index(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection_cells()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_down()
                return
            if self._typed_into_computed(event):
                return
        super().keyPressEvent(event)

    def _typed_into_computed(self, event) -> bool:
        """Typing into a computed cell (合计, rates, 计算得分) says why it cannot be typed into."""
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                                      | Qt.KeyboardModifier.AltModifier):
            return False
        current = self.currentIndex()
        model = self.sheet()
        if not current.isValid() or model.is_editable(current) or model.workspace.read_only:
            return False
        reason = model.computed_reason(current)
        if reason is None:
            return False
        window = self.window()
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        if bar is not None:
            bar.showMessage(reason, 8000)
        return True

    # -- clipboard and rows ---------------------------------------------------------------
    def selected(self) -> list[QModelIndex]:
        indexes = self.selectionModel().selectedIndexes()
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return sorted(indexes, key=lambda i: (i.row(), i.column()))

    def copy(self) -> None:
        QApplication.clipboard().setText(self.sheet().copy_text(self.selected()))

    def paste(self) -> bool:
        """Paste, then select what was pasted (as Excel does)."""
        text = QApplication.clipboard().text()
        selection = self.selected()
        if not selection:
            return False
        top, left = min(i.row() for i in selection), min(i.column() for i in selection)
        positions = [(i.row(), i.column()) for i in selection]
        done = self.sheet().paste(text, selection)
        if done:
            block = parse_block(text)
            if len(block) == 1 and len(block[0]) == 1 and len(selection) > 1:
                bottom, right = max(r for r, _ in positions), max(c for _, c in positions)
            else:
                bottom, right = top + len(block) - 1, left + max(len(line) for line in block) - 1
            self.select_block(top, left, bottom, right)
        return done

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.sheet()
        bottom, right = min(bottom, model.rowCount() - 1), min(right, model.columnCount() - 1)
        if bottom < top or right < left:
            return
        self.setCurrentIndex(model.index(top, left))
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_selection_cells(self) -> bool:
        return self.sheet().clear(self.selected())

    def insert_row(self) -> bool:
        current = self.currentIndex()
        row = current.row() if current.isValid() else len(self.sheet().document_rows())
        done = self.sheet().insert_rows(row)
        if done:
            self.focus_row(row)
        return done

    def append_row(self) -> bool:
        model = self.sheet()
        done = model.insert_rows(len(model.document_rows()))
        if done:
            self.focus_row(len(model.document_rows()) - 1)
        return done

    def focus_row(self, row: int) -> None:
        """The cursor on a (new) row's first editable cell, in this table (not on a button)."""
        model = self.sheet()
        columns = [c for c in range(model.columnCount()) if model.is_editable(model.index(row, c))] or [0]
        index = model.index(row, columns[0])
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_selected_rows(self) -> bool:
        return self.sheet().remove_rows(sorted({i.row() for i in self.selected()}))

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        model = self.sheet()
        actions = [("复制", self.copy, QKeySequence.StandardKey.Copy), ("粘贴", self.paste, QKeySequence.StandardKey.Paste),
                   ("清除内容", self.clear_selection_cells, QKeySequence.StandardKey.Delete)]
        for label, slot, shortcut in actions:
            action = QAction(label, menu)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
        if model.is_variable():
            menu.addSeparator()
            for label, slot in (("在上方插入行", self.insert_row), ("在末尾添加行", self.append_row),
                                ("删除所选行", self.remove_selected_rows)):
                action = QAction(label, menu)
                action.triggered.connect(slot)
                menu.addAction(action)
        elif model.fixed is not None and model.block() is not None and model.block().extra:
            menu.addSeparator()
            action = QAction("删除所选行（仅限来源重复或未选择的行）", menu)
            action.triggered.connect(self.remove_selected_rows)
            menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(point))
