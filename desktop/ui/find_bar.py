"""查找 (Ctrl+F): a find bar under the tables, as in a browser or Excel.

It searches the open year: every cell of every table and form (what the cell shows, and for an
amount also its plain figure, so 36000 finds "36,000.00"), every project's 自评表, and then the
审核 findings. The 来源 filter keeps the cells whose figures came from one place (typed, pasted,
a FiscalDesk workbook, an official workbook, last year's published PDF, or not recorded); with it
the text may be left empty to go through every such cell. Typing finds the first match at once; Enter or F3 goes to the next, Shift+Enter
or Shift+F3 to the previous, wrapping round; Esc closes the bar and leaves the cursor on the
cell found. A cell found is shown as the 审核 panel's jump shows one: its tab (and project),
the cell current and selected. A finding found is selected in the 审核 panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.sources import KINDS
from desktop.editing.find import cell_matches, normalized, text_matches
from desktop.rules.findings import Finding
from desktop.ui.qt import (QAction, QComboBox, QHBoxLayout, QKeySequence, QLabel, QLineEdit, QPushButton, Qt,
                           QToolButton, QWidget)

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sheet_model import SheetModel

NOT_FOUND = "未找到"
NOT_FOUND_COLOUR = "#c62828"


@dataclass(frozen=True)
class Cell:
    """A cell of the year: the registered view that shows it, the project it belongs to (on the
    项目自评 page), its address and what it shows and holds."""
    view_key: str
    project: str | None
    row_id: str
    column: str
    shown: str
    raw: str
    source_key: tuple = ()  # (year or None, section, row, column) of a cell the clerk fills; () for a computed one


ALL_SOURCES = "全部来源"
UNRECORDED_SOURCE = "未记录"
SOURCE_CHOICES = (ALL_SOURCES, *KINDS.values(), UNRECORDED_SOURCE)


@dataclass(frozen=True)
class Hit:
    cell: Cell | None = None
    finding: Finding | None = None


def position_text(k: int, n: int) -> str:
    return f"第 {k} 个，共 {n} 个"


class FindEdit(QLineEdit):
    """Shift+Enter goes back; Esc closes the bar."""

    def __init__(self, bar: "FindBar") -> None:
        super().__init__(bar)
        self.bar = bar

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.bar.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.bar.find_previous()
            else:
                self.bar.find_next()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.edit = FindEdit(self)
        self.edit.setPlaceholderText("查找表格、说明文字和审核问题（金额可输入 36000 或 36,000.00）")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        self.previous_button = QPushButton("上一个")
        self.previous_button.setToolTip("上一个（Shift+F3）")
        self.next_button = QPushButton("下一个")
        self.next_button.setToolTip("下一个（Enter 或 F3）")
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.source_filter = QComboBox()
        self.source_filter.addItems(list(SOURCE_CHOICES))
        self.source_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.source_filter.setToolTip("只查找数字来自此处的单元格（手工输入、粘贴、导入的工作簿或上年公开文件）")
        self.status = QLabel("")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("关闭查找（Esc）")
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(QLabel("查找"))
        layout.addWidget(self.edit)
        layout.addWidget(QLabel("来源"))
        layout.addWidget(self.source_filter)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.setStyleSheet("FindBar { border-top: 1px solid #c8ced6; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

        self.hits: list[Hit] = []
        self.current = -1
        self._cells: list[Cell] | None = None
        self._workspace = None
        self.edit.textChanged.connect(self._text_changed)
        self.source_filter.currentIndexChanged.connect(lambda _index: self._text_changed(self.edit.text()))
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)

        self.find_action = self._window_action("查找…", self.open_bar, QKeySequence.StandardKey.Find)
        self.source_action = self._window_action("按来源查找…", self.open_by_source, "Ctrl+Shift+F")
        self.next_action = self._window_action("查找下一个", self.find_next, "F3")
        self.previous_action = self._window_action("查找上一个", self.find_previous, "Shift+F3")
        layout_of = window.centralWidget().layout() if window.centralWidget() is not None else None
        if layout_of is not None:
            layout_of.addWidget(self)

    def _window_action(self, label: str, slot, keys) -> QAction:
        action = QAction(label, self.window_)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window_.addAction(action)
        return action

    def actions_for_menu(self) -> list[QAction]:
        return [self.find_action, self.source_action, self.next_action, self.previous_action]

    # -- opening and closing --------------------------------------------------------------
    def open_bar(self) -> None:
        if self.window_.workspace is None:
            self.window_.statusBar().showMessage("没有打开的文档。", 4000)
            return
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def open_by_source(self) -> None:
        """The bar with the keyboard in its 来源 list: the arrow keys pick where the figures came from."""
        self.open_bar()
        if self.isVisible():
            self.source_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self.hide()
        hit = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        if hit is not None and hit.cell is not None and hit.cell.view_key in self.window_.views:
            self.window_.views[hit.cell.view_key][0].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- searching ------------------------------------------------------------------------
    def _text_changed(self, _text: str) -> None:
        self.search()
        if self.hits:
            self._go(0)

    def search(self) -> list[Hit]:
        """Every match of the typed text, in the order of the tabs, then the findings."""
        query = normalized(self.edit.text())
        source = self.source_filter.currentText()
        self.current = -1
        if (not query and source == ALL_SOURCES) or self.window_.workspace is None:
            self.hits = []
            self._show_status("")
            return self.hits
        hits = [Hit(cell=c) for c in self.cells() if (not query or cell_matches(query, c.shown, c.raw))
                and self._from(c, source)]
        panel = self.window_.findings_panel
        if panel is not None and query and source == ALL_SOURCES:
            hits += [Hit(finding=f) for f in panel.findings()
                     if text_matches(query, f.rule, f.message, f.explanation or "")]
        self.hits = hits
        self._show_status(NOT_FOUND if not hits else f"共 {len(hits)} 个")
        return hits

    def _from(self, cell: Cell, choice: str) -> bool:
        """Whether the cell's figure came from the chosen source."""
        if choice == ALL_SOURCES:
            return True
        if not cell.source_key:
            return False
        source = self.window_.workspace.document.sources.get(cell.source_key)
        return (source is None) if choice == UNRECORDED_SOURCE else (source is not None and source.label == choice)

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.isVisible() or (not normalized(self.edit.text()) and self.source_filter.currentText() == ALL_SOURCES):
            self.open_bar()
            return
        if self._cells is None or not self.hits:  # the document changed since: search it again
            previous = self.current
            self.search()
            self.current = previous
        if not self.hits:
            return
        target = 0 if self.current < 0 and step > 0 else (self.current + step) % len(self.hits)
        self._go(target)

    def _go(self, number: int) -> None:
        self.current = number
        hit = self.hits[number]
        self._show_status(position_text(number + 1, len(self.hits)))
        if hit.cell is not None:
            self.show_cell(hit.cell)
        else:
            self.show_finding(hit.finding)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color:{NOT_FOUND_COLOUR};" if text == NOT_FOUND else "")

    # -- showing a match ------------------------------------------------------------------
    def show_cell(self, cell: Cell) -> bool:
        """The cell's tab and page, the cell current; the keyboard stays in the find bar."""
        return self.window_.show_cell(cell.view_key, cell.row_id, cell.column, cell.project)

    def show_finding(self, finding: Finding) -> bool:
        window = self.window_
        if window.findings_panel is None:
            return False
        window.findings_dock.show()
        window.findings_dock.raise_()
        return window.findings_panel.select_finding(finding.identity)

    # -- the cells ------------------------------------------------------------------------
    def cells(self) -> list[Cell]:
        """Every cell of the open year as shown (built once per document state)."""
        workspace = self.window_.workspace
        if workspace is not self._workspace:
            self._workspace = workspace
            self._cells = None
            if workspace is not None:
                workspace.changed.connect(self._forget)
                workspace.unit_changed.connect(self._forget)
        if self._cells is None:
            self._cells = self._collect()
        return self._cells

    def _forget(self, *_args) -> None:
        self._cells = None

    def _collect(self) -> list[Cell]:
        from desktop.ui.pages import ProjectsPage  # the tables' modules: loaded with the first document
        from desktop.ui.sheet_model import SheetModel
        window = self.window_
        workspace = window.workspace
        cells: list[Cell] = []
        done_pages: set[int] = set()
        for key, (view, page, _filter) in window.views.items():
            if not isinstance(page, ProjectsPage):
                cells += _model_cells(key, None, view.sheet())
                continue
            if id(page) in done_pages:
                continue
            done_pages.add(id(page))
            list_key = page.list_model.section.key
            list_columns = {s.key for s in page.list_model.specs}
            children = [(k, f) for k, (_v, p, f) in window.views.items() if p is page and f]
            for project in page.list_model.document_rows():
                cells += [c for c in _model_cells(list_key, project, page.list_model) if c.row_id == project]
                record = SheetModel(workspace, list_key, fields=True, record=project)
                cells += [c for c in _model_cells(f"{list_key}#record", project, record) if c.column not in list_columns]
                _release(record)
                for child_key, filter_column in children:
                    model = SheetModel(workspace, child_key, filter_column=filter_column, filter_value=project)
                    cells += _model_cells(child_key, project, model)
                    _release(model)
        return cells


def _model_cells(view_key: str, project: str | None, model: SheetModel) -> list[Cell]:
    cells = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            shown = model.data(index, Qt.ItemDataRole.DisplayRole) or ""
            if not shown:
                continue
            row_id, column = model.address(index)
            raw = model.data(index, Qt.ItemDataRole.EditRole) or ""
            filled = model.spec_at(index).editable and not model.is_total_cell(row_id, column)
            key = (model.scope, model.section.key, row_id, column) if filled else ()
            cells.append(Cell(view_key, project, row_id, column, str(shown), str(raw), key))
    return cells


def _release(model: SheetModel) -> None:
    """A model built only to read its cells stops following the workspace."""
    model.workspace.changed.disconnect(model._on_changed)
    model.workspace.unit_changed.disconnect(model._refresh_all)

