"""A table view that behaves like a spreadsheet: Enter moves down, Tab right, typing replaces,
Delete clears, Ctrl+C/Ctrl+V copy and paste blocks with Excel, and rows are added, inserted
and removed from the context menu. It sizes itself to all its rows and never scrolls vertically
itself: the page scrolls (one vertical scrollbar per page), and moving the cursor scrolls the page
to the cell. Text columns take the width left over, and a header is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.delegates import SheetDelegate
from desktop.ui.qt import (QAbstractItemView, QAbstractScrollArea, QAction, QApplication, QFont, QFontMetrics,
                           QHeaderView, QItemSelection, QItemSelectionModel, QKeySequence, QMenu, QModelIndex,
                           QRect, QScrollArea, QSize, QStyleOptionViewItem, QTableView, Qt, QTimer)
from desktop.ui.sheet_model import SheetModel, parse_block

HEADER_PADDING = 16  # the header section's margins and sort-indicator room, either side together
HEADER_LINES = 3  # a header wraps onto up to this many lines (and its unit line) before the table scrolls
TEXT_TYPES = ("text", "longtext")
TEXT_MINIMUM = 96  # a text column narrowed to fit the page keeps at least this (it wraps)
AMOUNT_TYPES = ("money", "computed")  # sized to the widest value present
FITTED_TYPES = ("code", "integer", "decimal", "choice", "boolean")  # as wide as their values (and header)
AMOUNT_SAMPLE = "99,999,999.99"  # an amount column in 元 is at least this wide
SMALL_AMOUNT_SAMPLE = "999,999.99"  # in 万元
FITTED_SAMPLES = {"integer": "9999", "decimal": "100.00", "boolean": "是"}  # room to type into an empty column
RATE_SAMPLE = "99.9%"  # a computed column (rates, scores) is at least this wide
SCANNED_FORMULAS = ("sum", "difference", "growth", "ratio", "share")  # cheap: sized to their values
SCORE_SAMPLES = ("100.00", "100.0%", "不合格")  # scores, rates and grades are never wider
CELL_PADDING = 14  # a cell's text margins, either side together
ROW_HEIGHT = 26
LONGTEXT_HEIGHT = 52  # a long text field: two lines even when empty
WRAP_LINES = 8  # a wrapped text cell grows to this many lines; the tooltip and the editor show the rest
OPENING = "（(“‘《【"
CLOSING = "）)”’》】、，。：；！？%,.:;!?"


@dataclass
class _HeaderLayout:
    """The table's headers wrapped onto at most `most` lines: their texts and the widths they need."""
    most: int
    lines: int = 1
    texts: list[str] = field(default_factory=list)
    header_widths: list[int] = field(default_factory=list)
    base_widths: list[int] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    """The pieces a header may break between: each Chinese character, a run of Latin letters or
    digits, with opening brackets kept to what follows and closing punctuation to what precedes."""
    tokens: list[str] = []
    for char in text:
        if tokens and (char in CLOSING or tokens[-1][-1] in OPENING
                       or (char.isascii() and char.isalnum() and tokens[-1][-1].isascii() and tokens[-1][-1].isalnum())):
            tokens[-1] += char
        elif char == " ":
            tokens.append("") if tokens and tokens[-1] else None
        else:
            tokens.append(char)
    return [t for t in tokens if t]


def _greedy(tokens: list[str], metrics: QFontMetrics, width: int) -> list[str]:
    lines = [""]
    for token in tokens:
        if lines[-1] and metrics.horizontalAdvance(lines[-1] + token) > width:
            lines.append(token)
        else:
            lines[-1] += token
    return lines


def wrap_label(label: str, metrics: QFontMetrics, most: int) -> list[str]:
    """A header label on at most `most` lines, as narrow as that allows (lines of even length)."""
    tokens = _tokens(label)
    if most <= 1 or len(tokens) <= 3:  # “分值”, “执行率” stay whole
        return [label]
    low = max(metrics.horizontalAdvance(t) for t in tokens)
    high = metrics.horizontalAdvance("".join(tokens))
    while low < high:
        middle = (low + high) // 2
        if len(_greedy(tokens, metrics, middle)) <= most:
            high = middle
        else:
            low = middle + 1
    return _greedy(tokens, metrics, low)


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
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page scrolls, not the table
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(True)
        header.setMinimumHeight(44)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self._remembered: tuple[int, int] | None = None
        self.text_minimum = TEXT_MINIMUM
        self._wrap_columns: list[int] = []
        self._height_cache: dict[tuple[str, int], int] = {}  # (text, column width) -> row height
        self._wrap_timer = QTimer(self)
        self._wrap_timer.setSingleShot(True)
        self._wrap_timer.setInterval(60)  # a width change (a resize, a splitter drag) settles first
        self._wrap_timer.timeout.connect(self.fit_rows)
        header.sectionResized.connect(self._column_resized)
        model.workspace.changed.connect(self._cells_changed)  # after the model's own refresh
        model.workspace.unit_changed.connect(self._unit_changed)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsRemoved.connect(lambda *_args: self._rows_removed())
        self._stale_layout = False
        self.lay_out()

    def lay_out(self) -> None:
        """Widths and row heights now when the table is on screen; a table on a hidden tab (opening
        builds every tab) is measured when it is first shown, so opening measures one tab only."""
        if self.isVisible():
            self._lay_out_now()
        else:
            self._stale_layout = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self._stale_layout:
            self._lay_out_now()
        super().showEvent(event)

    def _lay_out_now(self) -> None:
        self._stale_layout = False
        self.apply_widths()
        self._fit_height()

    def sheet(self) -> SheetModel:
        return self.model()  # type: ignore[return-value]

    def take_pending_text(self) -> str | None:
        return None

    # -- layout -------------------------------------------------------------------------
    def apply_widths(self) -> None:
        model = self.sheet()
        self._layouts: list[_HeaderLayout] = []
        self._wrap_columns: list[int] = []
        if model.fields:
            self.horizontalHeader().hide()  # one column of values: the field names are the header
            self.horizontalHeader().setStretchLastSection(True)
            self.verticalHeader().setMinimumWidth(260)
            self.verticalHeader().setMaximumWidth(360)
            self.fit_rows()
            return
        if model.transposed:  # items across, measures down: as wide as the 样表, reasons taller
            width = model.workspace.editors.widths["item"]
            for column in range(model.columnCount()):
                self.setColumnWidth(column, width)
            self.verticalHeader().setMinimumWidth(150)
            self.horizontalHeader().setMinimumHeight(48)
            self.fit_rows()
            return
        model.wrapped_headers = {}  # the model's own header texts, to be wrapped again
        bold = QFont(self.horizontalHeader().font())
        bold.setBold(True)  # the current cell's column header is drawn bold (highlighted)
        metrics = QFontMetrics(bold)
        self._wrap_columns = [c for c, spec in enumerate(model.specs) if spec.type in TEXT_TYPES]
        values = [self._value_width(column, spec, metrics) for column, spec in enumerate(model.specs)]
        for lines in range(1, HEADER_LINES + 1):
            layout = _HeaderLayout(lines)
            for column, spec in enumerate(model.specs):
                label = spec.label.splitlines() or [""]
                unit = str(model.headerData(column, Qt.Orientation.Horizontal) or "").splitlines()[len(label):]
                target = self.text_minimum if column in self._wrap_columns else values[column]
                if spec.type in FITTED_TYPES:  # a short header over short values: two lines at most
                    target = max(target, metrics.horizontalAdvance(wrap_label(spec.label, metrics, 2)[0]) + HEADER_PADDING)
                for most in range(1, lines + 1):  # no more lines than it takes to fit the values
                    wrapped = wrap_label(" ".join(label), metrics, most) + unit
                    text = max(metrics.horizontalAdvance(line) for line in wrapped) + HEADER_PADDING
                    if text <= target:
                        break
                layout.texts.append("\n".join(wrapped))
                layout.lines = max(layout.lines, len(wrapped))
                layout.header_widths.append(text)
                layout.base_widths.append(max(values[column], text))  # a header is never cut
            self._layouts.append(layout)
        self.verticalHeader().setMinimumWidth(36 if model.section.kind == "table" else 200)
        self._layout: _HeaderLayout | None = None
        self.fill_width()
        self.fit_rows()

    def _value_width(self, column: int, spec, metrics: QFontMetrics) -> int:
        """An amount column as wide as the widest amount in it (at least “99,999,999.99” in 元,
        “999,999.99” in 万元); codes, numbers and choices as wide as theirs; texts as editors.json
        sizes them (they take the width left over and wrap)."""
        if spec.type not in AMOUNT_TYPES + FITTED_TYPES:
            return spec.width
        model = self.sheet()
        if spec.type == "money":
            sample = AMOUNT_SAMPLE if model.workspace.unit_for(model.section.key) == "元" else SMALL_AMOUNT_SAMPLE
        else:
            sample = RATE_SAMPLE if spec.type == "computed" else FITTED_SAMPLES.get(spec.type, "")
        widest = metrics.horizontalAdvance(sample)
        if spec.type == "computed" and spec.formula not in SCANNED_FORMULAS:  # scores: not computed at opening
            return max(widest, *(metrics.horizontalAdvance(s) for s in SCORE_SAMPLES)) + CELL_PADDING
        if spec.type == "choice" and spec.column is not None:
            widest = max([widest] + [metrics.horizontalAdvance(choice) for choice in spec.column.choices])
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column))
            if text:
                widest = max(widest, metrics.horizontalAdvance(str(text)))
        return widest + CELL_PADDING

    def _choose_layout(self) -> "_HeaderLayout | None":
        """The fewest header lines (1–3) with which the table fits the page, its text columns
        narrowed to their floor; three lines when none fits (the table then scrolls sideways)."""
        layouts = getattr(self, "_layouts", None)
        if not layouts:
            return None
        available = self._available_width()
        for layout in layouts:
            needed = sum(self._floor(layout, c) if c in self._wrap_columns else width
                         for c, width in enumerate(layout.base_widths))
            if needed <= available:
                return layout
        return layouts[-1]

    def _floor(self, layout: "_HeaderLayout", column: int) -> int:
        return min(layout.base_widths[column], max(layout.header_widths[column], self.text_minimum))

    @property
    def _base_widths(self) -> list[int]:
        return self._layout.base_widths if getattr(self, "_layout", None) else []

    @property
    def _header_widths(self) -> list[int]:
        return self._layout.header_widths if getattr(self, "_layout", None) else []

    def fill_width(self) -> None:
        """The base widths fitted to the viewport through the text columns (名称, 职责, 说明…,
        which wrap): they share the width left over, so no empty band is left to the right, or
        give up width, down to their header's, so the last columns are not cut off by the edge.
        Headers wrap onto up to three lines first when the table is wider than the page."""
        model = self.sheet()
        if model.fields or model.transposed:
            return
        layout = self._choose_layout()
        if layout is None or len(layout.base_widths) != model.columnCount():
            return
        if layout is not getattr(self, "_layout", None):
            self._layout = layout
            model.wrapped_headers = dict(enumerate(layout.texts))
            metrics = QFontMetrics(self.horizontalHeader().font())
            self.horizontalHeader().setMinimumHeight(max(44, layout.lines * metrics.lineSpacing() + 12))
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        base = layout.base_widths
        text_columns = self._wrap_columns
        widths = list(base)
        spare = self._available_width() - sum(base)
        if text_columns and spare > 0:  # a long text (职责, 说明) gets twice a name's share
            weights = {c: 2 if model.specs[c].type == "longtext" else 1 for c in text_columns}
            total = sum(weights.values())
            for column in text_columns:
                widths[column] += spare * weights[column] // total
        elif text_columns and spare < 0:
            floors = {c: self._floor(layout, c) for c in text_columns}
            room = sum(max(0, base[c] - floors[c]) for c in text_columns)
            if room:
                taken = min(room, -spare)
                for column in text_columns:
                    widths[column] -= (max(0, base[column] - floors[column]) * taken) // room
                left = taken - (sum(base) - sum(widths))  # what the rounding down left over
                for column in text_columns:
                    step = min(left, widths[column] - floors[column])
                    if step > 0:
                        widths[column] -= step
                        left -= step
        for column, width in enumerate(widths):
            if self.columnWidth(column) != width:
                self.setColumnWidth(column, width)
        self._fit_height()

    # -- rows as tall as their wrapped text ------------------------------------------------
    def fit_rows(self, rows=None) -> None:
        """Each row as tall as its wrapped text (up to WRAP_LINES lines; the tooltip and the
        editor show the rest), amount rows the default height; then the table as tall as its rows.
        `rows` None: every row (a width changed, the table was rebuilt); else just those."""
        self._wrap_timer.stop()
        model = self.sheet()
        header = self.verticalHeader()
        count = model.rowCount()
        changed = False
        for row in (range(count) if rows is None else rows):
            if 0 <= row < count:
                height = self._row_height(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                    changed = True
        if changed or rows is None:
            self._fit_height()

    def settle(self) -> None:
        """Row heights a width change has waiting for, computed now (screenshots, tests)."""
        if self._wrap_timer.isActive():
            self.fit_rows()

    def _row_height(self, row: int) -> int:
        model = self.sheet()
        if model.specs_down:
            spec = model.specs[row]
            base = LONGTEXT_HEIGHT if spec.type == "longtext" else ROW_HEIGHT
            if spec.type not in TEXT_TYPES:
                return base
            columns = range(model.columnCount())
        else:
            base, columns = ROW_HEIGHT, self._wrap_columns
        height = base
        for column in columns:
            height = max(height, self._text_height(model.index(row, column)))
        return min(height, self.fontMetrics().lineSpacing() * WRAP_LINES + 10)

    def _text_height(self, index: QModelIndex) -> int:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return 0
        text = str(text)
        width = self.columnWidth(index.column())
        key = (text, width)
        height = self._height_cache.get(key)
        if height is None:
            if "\n" not in text and self.fontMetrics().horizontalAdvance(text) + CELL_PADDING <= width:
                height = 0  # one line: the default height
            else:
                option = QStyleOptionViewItem()
                self.initViewItemOption(option)
                option.rect = QRect(0, 0, width, ROW_HEIGHT)
                height = self.itemDelegate().sizeHint(option, index).height() + 4
            if len(self._height_cache) > 20000:
                self._height_cache.clear()
            self._height_cache[key] = height
        return height

    def _unit_changed(self) -> None:
        """Another unit: other amounts (widths) and another unit line under the headers."""
        self.lay_out()

    def _column_resized(self, column: int, old: int, new: int) -> None:
        if old != new and (self.sheet().specs_down or column in self._wrap_columns):
            self._wrap_timer.start()  # every row again, once the widths have settled

    def _cells_changed(self, outcome) -> None:
        """After an edit: the edited rows' heights (not the whole table's), and an amount column
        widened when a new amount no longer fits."""
        model = self.sheet()
        key = (model.scope, model.section.key)
        fields = [f for f in outcome.applied.fields if (f.scope, f.section) == key and f.row is not None]
        if not fields or self._stale_layout:  # a hidden table measures everything when it is shown
            return
        if len(fields) > 40:
            self.fit_rows()
            self._widen_amounts(range(model.rowCount()))
            return
        rows = set()
        for changed in fields:
            index = model.index_of(changed.row, changed.column or "")
            if index.isValid():
                rows.add(index.row())
        self.fit_rows(sorted(rows))
        if not model.specs_down:
            self._widen_amounts(rows)

    def _widen_amounts(self, rows) -> None:
        model = self.sheet()
        layouts = getattr(self, "_layouts", None)
        if not layouts:
            return
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        wider = False
        for column, spec in enumerate(model.specs):
            if spec.type not in ("money", *FITTED_TYPES):  # not the computed ones: scores wait for their timer
                continue
            for row in rows:
                text = model.data(model.index(row, column))
                needed = metrics.horizontalAdvance(str(text)) + CELL_PADDING if text else 0
                for layout in layouts:
                    if needed > layout.base_widths[column]:
                        layout.base_widths[column] = needed
                        wider = True
        if wider:
            self.fill_width()

    def cut_at_edge(self) -> bool:
        """True when the last columns run past the right edge although a text column could still
        give up width (a table wider than the page after that scrolls sideways, like Excel)."""
        model = self.sheet()
        header = self.horizontalHeader()
        if model.fields or model.transposed or header.isHidden() or not getattr(self, "_header_widths", None):
            return False
        if header.length() <= self._available_width():
            return False
        return any(model.specs[c].type in TEXT_TYPES and self.columnWidth(c) > self._floor(self._layout, c)
                   for c in range(model.columnCount()))

    def _available_width(self) -> int:
        return self.viewport().width()

    def _enclosing_scroll_area(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, QAbstractScrollArea):
                return widget if isinstance(widget, QScrollArea) else None
            widget = widget.parentWidget()
        return None

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fill_width()
            self._fit_height()  # a sideways scrollbar may have come or gone

    def scrolls_itself(self) -> None:
        """For a table that is not on a scrolling page: it keeps its own vertical scrollbar."""
        self._fits_rows = False
        self.text_minimum = 2 * TEXT_MINIMUM  # a list of names: they stay readable, the list scrolls sideways
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumHeight(160)
        self.setMaximumHeight(16777215)
        self.fill_width()

    def _fit_height(self) -> None:
        """As tall as all its rows (and its header): the page scrolls, never the table."""
        if not getattr(self, "_fits_rows", True):
            return
        model = self.sheet()
        rows = model.rowCount()
        height = sum(self.rowHeight(r) for r in range(rows)) if rows else 26
        height += self.horizontalHeader().height() if not self.horizontalHeader().isHidden() else 0
        height += 2 * self.frameWidth() + (18 if self.horizontalScrollBar().maximum() > 0 else 4)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802 (Qt override)
        """The cell brought into view, by the page when the table sits in one."""
        super().scrollTo(index, hint)
        area = self._enclosing_scroll_area()
        if area is None or area.widget() is None or not index.isValid():
            return
        rect = self.visualRect(index)
        centre = self.viewport().mapTo(area.widget(), rect.center())
        area.ensureVisible(centre.x(), centre.y(), min(rect.width() // 2 + 8, area.viewport().width() // 2),
                           rect.height() // 2 + 8)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())

    def _remember_current(self) -> None:
        current = self.currentIndex()
        self._remembered = (current.row(), current.column()) if current.isValid() else None

    def _after_reset(self) -> None:
        self.lay_out()
        if self._remembered:
            row, column = self._remembered
            model = self.sheet()
            row = min(row, model.rowCount() - 1)
            if row >= 0 and column < model.columnCount():
                self.setCurrentIndex(model.index(row, column))

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        """Rows added (a row inserted, a removal undone): only they are measured."""
        if self._stale_layout:
            return
        rows = range(first, last + 1)
        self.fit_rows(rows)
        if not self.sheet().specs_down:
            self._widen_amounts(rows)
        self._fit_height()

    def _rows_removed(self) -> None:
        if not self._stale_layout:
            self._fit_height()

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
