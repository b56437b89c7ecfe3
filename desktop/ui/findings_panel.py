"""The 审核 panel: every finding of the year in one filterable list, and the editor for warnings.

The clerk works through this list: double-click (or Enter) jumps to the cell, a warning gets
its explanation typed below the list. The panel never changes the document itself; it emits
`jumpRequested` and `explanationEdited`, and the main window turns those into navigation and
an undoable command, so every change takes the one path through the undo stack.
"""

from __future__ import annotations

import dataclasses
import html
from bisect import bisect_left
from typing import Any, Callable, Iterable

from desktop.domain.department_units import split_key
from desktop.rules.findings import SEVERITIES, SEVERITY_LABELS, Delta, Finding
from desktop.rules.findings import finding_order as sort_key
from desktop.ui.qt import (QAbstractItemView, QAbstractTableModel, QColor, QComboBox, QEvent, QFont, QHBoxLayout,
                           QHeaderView, QItemSelectionModel, QKeyEvent, QLabel, QLineEdit, QModelIndex,
                           QPersistentModelIndex, QPlainTextEdit, QPushButton, QRect, QSortFilterProxyModel,
                           QSplitter, QStyleOptionViewItem, Qt, QTableView, QTimer, QVBoxLayout, QWidget, Signal)

SEVERITY_COLORS = {"error": QColor("#c62828"), "warning": QColor("#b26a00"), "info": QColor("#757575")}
PENDING_TEXT = "（需填写说明）"
ERROR_HINT = "强制性错误不能以说明代替，请修改数据"
INFO_HINT = "提示信息仅供参考，无需说明"
WARNING_HINT = "提示性问题：填写说明后即视为已说明（Ctrl+Enter 保存）"
NONE_HINT = "选择一条提示性问题以填写说明"

FindingRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("级别", "规则", "位置", "说明内容", "说明")
SEVERITY_COLUMN, RULE_COLUMN, TAB_COLUMN, MESSAGE_COLUMN, EXPLANATION_COLUMN = range(len(COLUMNS))

# the severity filter: combo label -> predicate key
SEVERITY_FILTERS = (("全部", "all"), ("强制性", "error"), ("提示性", "warning"), ("提示信息", "info"),
                    ("待说明", "pending"))
ALL_TABS = "全部"
ALL_UNITS, SUMMARY_UNIT = "*", ""  # the 单位 filter's data: every unit, the department's 汇总 (else a row id)
ALL_UNITS_LABEL = "全部单位"


def tooltip(finding: Finding, tab: str) -> str:
    """Rich text so that Qt wraps long messages: the whole message and the explanation."""
    lines = [f"<b>{html.escape(finding.rule)}</b>　{SEVERITY_LABELS[finding.severity]}　{html.escape(tab)}",
             html.escape(finding.message)]
    if finding.explanation:
        lines.append(f"说明：{html.escape(finding.explanation)}")
    elif finding.needs_explanation:
        lines.append(PENDING_TEXT)
    return "<p>" + "<br>".join(lines) + "</p>"


class Tally:
    """Findings counted by severity, 待说明, and (errors, warnings awaiting an explanation) per
    section, kept up to date finding by finding as the panel applies an edit's delta."""

    def __init__(self) -> None:
        self.severities = dict.fromkeys(SEVERITIES, 0)
        self.pending = 0
        self.sections: dict[str, list[int]] = {}  # section -> [errors, warnings awaiting an explanation]

    def add(self, finding: Finding, sign: int) -> None:
        """Count a finding in (sign 1) or out (sign -1)."""
        self.severities[finding.severity] += sign
        pending = finding.needs_explanation
        self.pending += sign if pending else 0
        if finding.severity == "error" or pending:
            counts = self.sections.setdefault(finding.location.section, [0, 0])
            counts[0 if finding.severity == "error" else 1] += sign

    def text(self) -> str:
        """The line above the list: 错误 n　提示 n（待说明 n）　提示信息 n."""
        n = self.severities
        return f"错误 {n['error']}　提示 {n['warning']}（待说明 {self.pending}）　提示信息 {n['info']}"


class FindingsModel(QAbstractTableModel):
    """The findings as rows, in the engine's order (errors first); the Finding is in FindingRole.

    After an edit only what changed moves: `apply` removes the findings that disappeared and
    inserts the ones that appeared at their sorted place (a binary search on the engine's sort
    key), so the views keep their selection and scroll position and nothing is sorted again."""

    def __init__(self, tab_of: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_of = tab_of
        self._findings: list[Finding] = []
        self._keys: list[tuple] = []       # sort_key of each row, ascending
        self._tabs: list[str] = []
        self._by_identity: dict[tuple[str, str], Finding] = {}
        self.tally = Tally()
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- content --------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings (in the engine's order): the whole list is replaced."""
        self.beginResetModel()
        self._findings = sorted(findings, key=sort_key)
        self._keys = [sort_key(f) for f in self._findings]
        self._tabs = [self._tab_of(f.location.section) for f in self._findings]
        self._by_identity = {f.identity: f for f in self._findings}
        self.tally = Tally()
        for finding in self._findings:
            self.tally.add(finding, 1)
        self.endResetModel()

    def apply(self, delta: Delta, explanation: Callable[[tuple[str, str]], str | None],
              explained: Iterable[tuple[str, str]] = ()) -> None:
        """Apply an edit's delta: `delta.removed` go, `delta.added` (new or changed, as the engine
        found them, without explanations) come in with their explanation attached; `explained`
        are identities whose explanation changed (their finding is shown again with it)."""
        for finding in delta.removed:
            self._remove(finding.identity)
        for raw in delta.added:
            text = explanation(raw.identity)
            self._put(raw if text is None else dataclasses.replace(raw, explanation=text))
        for identity in explained:
            current = self._by_identity.get(identity)
            if current is not None:
                text = explanation(identity)
                if text != current.explanation:
                    self._put(dataclasses.replace(current, explanation=text))

    def _row(self, finding: Finding) -> int | None:
        key = sort_key(finding)
        row = bisect_left(self._keys, key)
        return row if row < len(self._keys) and self._keys[row] == key else None

    def _remove(self, identity: tuple[str, str]) -> None:
        finding = self._by_identity.pop(identity, None)
        if finding is None:
            return
        row = self._row(finding)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._findings[row], self._keys[row], self._tabs[row]
        self.tally.add(finding, -1)
        self.endRemoveRows()

    def _put(self, finding: Finding) -> None:
        """Insert a finding at its sorted place, or replace the one with its identity: in place
        (dataChanged) when its place stays, else removed and inserted again."""
        old = self._by_identity.get(finding.identity)
        key = sort_key(finding)
        if old is not None:
            if old == finding:
                return
            if sort_key(old) == key:
                row = self._row(old)
                self.tally.add(old, -1)
                self._findings[row] = finding
                self._by_identity[finding.identity] = finding
                self.tally.add(finding, 1)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return
            self._remove(finding.identity)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._findings.insert(row, finding)
        self._keys.insert(row, key)
        self._tabs.insert(row, self._tab_of(finding.location.section))
        self._by_identity[finding.identity] = finding
        self.tally.add(finding, 1)
        self.endInsertRows()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def tab(self, row: int) -> str:
        return self._tabs[row]

    def tab_for(self, finding: Finding) -> str:
        return self._tab_of(finding.location.section)

    def row_of(self, identity: tuple[str, str]) -> int | None:
        finding = self._by_identity.get(identity)
        return None if finding is None else self._row(finding)

    def finding_of(self, identity: tuple[str, str]) -> Finding | None:
        return self._by_identity.get(identity)

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding, column = self._findings[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(finding, index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(finding, self._tabs[index.row()])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == SEVERITY_COLUMN:
                return SEVERITY_COLORS[finding.severity]
            if column == EXPLANATION_COLUMN and finding.needs_explanation:
                return SEVERITY_COLORS["warning"]
            return None
        if role == Qt.ItemDataRole.FontRole and column == EXPLANATION_COLUMN and finding.needs_explanation:
            return self._italic
        if role == FindingRole:
            return finding
        if role == SortRole:
            # unique keys, so a row inserted later lands where a full sort puts it: the row (the
            # rows are in the engine's order, errors first), else the text and then the row
            if column == SEVERITY_COLUMN:
                return index.row()
            return f"{self._display(finding, index.row(), column)}\x00{index.row():07d}"
        return None

    def _display(self, finding: Finding, row: int, column: int) -> str:
        if column == SEVERITY_COLUMN:
            return f"● {SEVERITY_LABELS[finding.severity]}"
        if column == RULE_COLUMN:
            return finding.rule
        if column == TAB_COLUMN:
            return self._tabs[row]
        if column == MESSAGE_COLUMN:
            return finding.message
        return finding.explanation or (PENDING_TEXT if finding.needs_explanation else "")


class FindingsFilter(QSortFilterProxyModel):
    """Filters by severity (or 待说明), by tab, and by a text found in rule, place, message or explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._severity = "all"
        self._tab: str | None = None
        self._text = ""
        self._unit = ALL_UNITS  # or SUMMARY_UNIT, or a unit's row id
        self.setSortRole(SortRole)

    def set_filters(self, severity: str, tab: str | None, text: str, unit: str = ALL_UNITS) -> None:
        """severity: "all", a severity or "pending"; tab None = every tab; text "" = no search;
        unit ALL_UNITS = the department and every unit, SUMMARY_UNIT = the department (its 汇总), or a unit's id."""
        self.beginFilterChange()
        self._severity, self._tab, self._text, self._unit = severity, tab, text.strip().casefold(), unit
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, FindingsModel) or source_parent.isValid():
            return True
        finding, tab = model.finding(source_row), model.tab(source_row)
        if self._severity == "pending":
            if not finding.needs_explanation:
                return False
        elif self._severity != "all" and finding.severity != self._severity:
            return False
        if self._tab is not None and tab != self._tab:
            return False
        if self._unit != ALL_UNITS and (split_key(finding.location.section)[1] or SUMMARY_UNIT) != self._unit:
            return False
        if self._text:
            haystack = " ".join((finding.rule, tab, finding.message, finding.explanation or "")).casefold()
            return self._text in haystack
        return True


class ExplanationEdit(QPlainTextEdit):
    """The explanation text; Ctrl+Enter saves it."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FindingsView(QTableView):
    """The table; the message column takes the width left over, but never less than a readable
    minimum, and wraps: a row is as tall as its message (up to MESSAGE_LINES lines; the line
    under the list shows the whole of the selected one). In a narrow dock the 位置 column gives
    its width to the message (the tab is in the tooltip, the line under the list and the filter)."""

    MESSAGE_MINIMUM = 100
    MESSAGE_LINES = 8
    NARROW = 420  # below this viewport width the 位置 column is hidden

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, str, int, int], int] = {}  # (message, explanation, widths) -> height
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(60)
        self._fit_timer.timeout.connect(self.fit_rows)

    def setModel(self, model) -> None:  # noqa: N802 (Qt override)
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(lambda *_args: self.fit_rows())
        # rows that came in or changed are measured; the others keep their height
        model.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(range(first, last + 1)))
        model.dataChanged.connect(lambda top, bottom, *_roles: self.fit_rows(range(top.row(), bottom.row() + 1)))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_message_column()
        return super().viewportEvent(event)

    def fit_message_column(self) -> None:
        header = self.horizontalHeader()
        self.setColumnHidden(TAB_COLUMN, self.viewport().width() < self.NARROW)
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != MESSAGE_COLUMN and not header.isSectionHidden(c))
        width = max(self.viewport().width() - others, self.MESSAGE_MINIMUM)
        if header.sectionSize(MESSAGE_COLUMN) != width:
            header.resizeSection(MESSAGE_COLUMN, width)
            self._fit_timer.start()

    def settle(self) -> None:
        if self._fit_timer.isActive():
            self.fit_rows()

    def fit_rows(self, rows: Iterable[int] | None = None) -> None:
        """Each row (or just `rows`) as tall as its wrapped message and explanation (remembered
        per text and width, so the whole list measured again costs a look-up per row)."""
        model = self.model()
        if model is None:
            return
        if rows is None:
            self._fit_timer.stop()
            rows = range(model.rowCount())
        header = self.verticalHeader()
        base = header.defaultSectionSize()
        cap = self.fontMetrics().lineSpacing() * self.MESSAGE_LINES + 8
        widths = (self.columnWidth(MESSAGE_COLUMN), self.columnWidth(EXPLANATION_COLUMN))
        for row in rows:
            message = model.index(row, MESSAGE_COLUMN)
            explanation = model.index(row, EXPLANATION_COLUMN)
            key = (str(message.data() or ""), str(explanation.data() or ""), *widths)
            height = self._heights.get(key)
            if height is None:
                height = min(cap, max(base, self._text_height(message, widths[0]),
                                      self._text_height(explanation, widths[1])))
                if len(self._heights) > 20000:
                    self._heights.clear()
                self._heights[key] = height
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)

    def _text_height(self, index: QModelIndex, width: int) -> int:
        text = str(index.data() or "")
        if not text or self.fontMetrics().horizontalAdvance(text) + 14 <= width:
            return 0
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, width, 20)
        return self.itemDelegate().sizeHint(option, index).height() + 4


class FindingsPanel(QWidget):
    """Filters, summary, the findings table and the explanation editor, top to bottom."""

    jumpRequested = Signal(object)            # Finding
    explanationEdited = Signal(object, str)   # Finding, text (stripped; "" clears)

    def __init__(self, tab_of: Callable[[str], str], tab_labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(tab_of, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._current: Finding | None = None   # the finding the editor shows
        self._loaded = ""                      # its explanation as loaded into the editor
        self._refreshing = False               # set_findings restores the selection itself

        self.severity_combo = QComboBox()
        for label, key in SEVERITY_FILTERS:
            self.severity_combo.addItem(label, key)
        self.severity_combo.setToolTip("按级别筛选；“待说明”为尚未填写说明的提示性问题")
        self.tab_combo = QComboBox()
        self.tab_combo.addItem(ALL_TABS, None)
        for label in tab_labels:
            self.tab_combo.addItem(label, label)
        self.tab_combo.setToolTip("按所在页签筛选")
        self.unit_label = QLabel("单位")
        self.unit_combo = QComboBox()
        self.unit_combo.setToolTip("按单位筛选：部门汇总的问题，或某个单位自己的问题")
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(5)  # the dock stays narrow; the list shows names in full
        self.set_units([])
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索规则、位置、内容或说明")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel("级别"))
        filters.addWidget(self.severity_combo)
        filters.addWidget(QLabel("页签"))
        filters.addWidget(self.tab_combo)
        filters.addWidget(self.search, 1)
        units = QHBoxLayout()  # a row of its own, shown for a department of several units: the dock stays narrow
        units.setContentsMargins(0, 0, 0, 0)
        units.addWidget(self.unit_label)
        units.addWidget(self.unit_combo, 1)

        self.summary_label = QLabel()
        self.shown_label = QLabel()
        self.shown_label.setStyleSheet("color: #757575")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.summary_label, 1)
        header.addWidget(self.shown_label)

        self.view = FindingsView()
        self.view.setModel(self.proxy)
        self._setup_view()

        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label = QLabel(NONE_HINT)
        self.hint_label.setWordWrap(True)
        self.read_only = False  # a document opened read-only: explanations are shown, not edited
        self.editor = ExplanationEdit()
        self.editor.setPlaceholderText("在此填写说明，例如差异原因或已核实的情况")
        self.editor.setTabChangesFocus(True)
        self.save_button = QPushButton("保存说明")
        self.save_button.setToolTip("保存说明（Ctrl+Enter）；清空后保存即删除说明")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.save_button)
        bottom = self.bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail_label)
        bottom_layout.addWidget(self.editor, 1)
        bottom_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 160])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(units)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        self.severity_combo.currentIndexChanged.connect(self._filters_changed)
        self.tab_combo.currentIndexChanged.connect(self._filters_changed)
        self.unit_combo.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.search.returnPressed.connect(self._focus_list)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.editor.textChanged.connect(self._update_save_button)
        self.editor.submitted.connect(self.save_explanation)
        self.save_button.clicked.connect(self.save_explanation)
        self.setFocusProxy(self.view)
        self.set_findings([])

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)  # the message and the explanation wrap; the row grows (fit_rows)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setAlternatingRowColors(True)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setSortingEnabled(True)
        view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        metrics = view.fontMetrics()
        pad = 16
        widths = {SEVERITY_COLUMN: metrics.horizontalAdvance("● 提示信息") + pad,
                  RULE_COLUMN: metrics.horizontalAdvance("T10-00") + pad,
                  TAB_COLUMN: metrics.horizontalAdvance("预算执行") + pad,
                  EXPLANATION_COLUMN: metrics.horizontalAdvance(PENDING_TEXT[:4]) + pad}  # on two lines
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in widths.items():
            header.resizeSection(column, width)
        view.fit_message_column()
        header.setMinimumSectionSize(metrics.horizontalAdvance("规则") + pad)

    # -- public ---------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings, keeping the selection on the same (rule, location) when it remains."""
        identity = self._current.identity if self._current is not None else None
        previous = self._current
        self.model.set_findings(findings)
        self.summary_label.setText(self.model.tally.text())
        self._update_shown()
        row = self.model.row_of(identity) if identity is not None else None
        if row is None:
            self._show(None)
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out
            self._show(None)
            return
        finding = self.model.finding(row)
        keep_text = previous is not None and (previous.explanation or "") == (finding.explanation or "")
        self._refreshing = True
        try:
            self._select(index)
        finally:
            self._refreshing = False
        self._show(finding, keep_text=keep_text)

    def apply(self, delta: Delta, explanation: Callable[[tuple[str, str]], str | None],
              explained: Iterable[tuple[str, str]] = ()) -> None:
        """An edit's delta (see FindingsModel.apply), row by row: the selection, the scroll
        position and the text being typed stay; a selected finding that went away is let go."""
        if not delta.added and not delta.removed and not explained:
            return
        previous = self._current
        scrollbar = self.view.verticalScrollBar()
        position = scrollbar.value()
        self._refreshing = True
        try:
            self.model.apply(delta, explanation, explained)
            current = self.model.finding_of(previous.identity) if previous is not None else None
            if previous is not None:
                index = self.proxy.mapFromSource(self.model.index(self.model.row_of(previous.identity), 0)) \
                    if current is not None else QModelIndex()
                if not index.isValid():
                    current = None
                    self.view.selectionModel().clear()
                elif self.view.selectionModel().currentIndex() != index:
                    self.view.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._refreshing = False
        scrollbar.setValue(position)
        self.summary_label.setText(self.model.tally.text())
        self._update_shown()
        if current is None:
            if previous is not None:
                self._show(None)
        elif current != previous:
            self._show(current, keep_text=(previous.explanation or "") == (current.explanation or ""))

    def findings(self) -> list[Finding]:
        return self.model.findings()

    def current_finding(self) -> Finding | None:
        return self._current

    def select_finding(self, identity: tuple[str, str]) -> bool:
        """Select the finding with this (rule, location key), clearing filters that hide it."""
        row = self.model.row_of(identity)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.severity_combo.setCurrentIndex(0)
            self.tab_combo.setCurrentIndex(0)
            self.unit_combo.setCurrentIndex(0)
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._select(index)
        return True

    def save_explanation(self) -> None:
        finding = self._current
        if finding is None or finding.severity != "warning" or not self.save_button.isEnabled():
            return  # nothing to save, or nothing changed
        self.explanationEdited.emit(finding, self.editor.toPlainText().strip())

    # -- internals ------------------------------------------------------------------------
    def _select(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """The department's units as (row id, name): a 单位 filter for two or more."""
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(ALL_UNITS_LABEL, ALL_UNITS)
        if len(units) >= 2:
            self.unit_combo.addItem("部门汇总", SUMMARY_UNIT)
            for unit_id, name in units:
                self.unit_combo.addItem(name, unit_id)
        self.unit_combo.blockSignals(False)
        view = self.unit_combo.view()
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)
        self.unit_label.setVisible(len(units) >= 2)
        self.unit_combo.setVisible(len(units) >= 2)

    def show_unit(self, unit: str | None) -> None:
        """The window shows another unit: a 单位 filter already set follows it."""
        if self.unit_combo.currentData() != ALL_UNITS:
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit or SUMMARY_UNIT), 0))

    def _filters_changed(self) -> None:
        self.proxy.set_filters(self.severity_combo.currentData(), self.tab_combo.currentData(), self.search.text(),
                               self.unit_combo.currentData())
        self._update_shown()
        current = self.view.selectionModel().currentIndex()
        if not current.isValid() and self._current is not None:
            self._show(None)

    def _focus_list(self) -> None:
        """Enter in the search box moves to the list, on its first row when nothing is selected."""
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self._select(self.proxy.index(0, 0))
        self.view.setFocus()

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(f"显示 {shown} / {total} 条" if shown != total else f"共 {total} 条")

    def _finding_at(self, index: QModelIndex) -> Finding | None:
        if not index.isValid():
            return None
        return self.proxy.data(index, FindingRole)

    def _activated(self, index: QModelIndex) -> None:
        finding = self._finding_at(index)
        if finding is not None:
            self.jumpRequested.emit(finding)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._refreshing:
            self._show(self._finding_at(current))

    def _show(self, finding: Finding | None, keep_text: bool = False) -> None:
        self._current = finding
        if finding is None:
            self.detail_label.setText("")
            self.hint_label.setText(NONE_HINT)
        else:
            self.detail_label.setText(f"{finding.rule}　{SEVERITY_LABELS[finding.severity]}　"
                                      f"{self.model.tab_for(finding)}\n{finding.message}")
            self.hint_label.setText({"error": ERROR_HINT, "warning": WARNING_HINT, "info": INFO_HINT}[finding.severity])
        color = SEVERITY_COLORS["error"].name() if finding is not None and finding.severity == "error" else "#757575"
        self.hint_label.setStyleSheet(f"color: {color}")
        editable = finding is not None and finding.severity == "warning" and not self.read_only
        self.editor.setEnabled(editable)
        self._compact(finding is None or finding.severity != "warning")
        self._loaded = (finding.explanation or "") if editable else ""
        if not (keep_text and editable):
            self.editor.setPlainText(self._loaded)
        self._update_save_button()

    def _compact(self, compact: bool) -> None:
        """Until a warning is selected the box below the list is one line (the hint), so the list
        has the height; a selected warning opens the explanation editor."""
        self.detail_label.setVisible(self._current is not None)
        self.editor.setVisible(not compact)
        self.save_button.setVisible(not compact)
        if compact:
            self.bottom.setMaximumHeight(self.bottom.layout().minimumSize().height()
                                         + (self.detail_label.heightForWidth(max(self.bottom.width(), 200))
                                            if self._current is not None else 0))
        else:
            self.bottom.setMaximumHeight(16777215)

    def _update_save_button(self) -> None:
        editable = self._current is not None and self._current.severity == "warning" and not self.read_only
        self.save_button.setEnabled(editable and self.editor.toPlainText().strip() != self._loaded.strip())
