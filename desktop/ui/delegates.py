"""Cell editors by column type: raw amounts, codes with completion, choices, long text.

The delegate only chooses the editor widget; the text it returns goes to the model, which parses
it with the column's own parser (the same one the import paths use), so a value typed, pasted
or imported is accepted or refused by the same rule.

Keys follow Excel: Enter commits and moves down, Ctrl+Enter commits and stays, Tab commits and
moves right, Esc cancels; in long text Alt+Enter starts a new line. A value the column refuses
is not committed: the editor stays open with the typed text and the message is shown beside
the cell until the clerk corrects it or presses Esc.
"""

from __future__ import annotations

from desktop.domain.codes import code_table
from desktop.ui.qt import (QAbstractItemDelegate, QComboBox, QCompleter, QEvent, QLabel, QLineEdit, QModelIndex,
                           QObject, QPersistentModelIndex, QPlainTextEdit, QPoint, QRect, QStyledItemDelegate,
                           QStyleOptionViewItem, Qt, QWidget)

BLANK_CHOICE = ""
MESSAGE_WIDTH = 420
CORRECT_HINT = "请改正后按 Enter，或按 Esc 取消修改。"


def qualitative_grades(model, index: QModelIndex) -> list[str]:
    """The grade words a 定性 indicator's 完成值 is given in, from the year's scoring profile;
    empty for any other cell."""
    spec = model.spec_at(index)
    if spec.key != "actual" or "nature" not in model.section.column_keys:
        return []
    row_id, _ = model.address(index)
    if model.data_section.rows.get(row_id, {}).get("nature") != "定性":
        return []
    from desktop.scoring.profile import load_scoring_profile
    rules = load_scoring_profile(model.year_data.profile).qualitative
    tiers = list(dict.fromkeys(rules.grade_tiers.values()))
    return list(rules.grade_tiers) + [t for t in tiers if t not in rules.grade_tiers]


class CellMessage(QLabel):
    """A refused value's message, shown beside the cell being edited (a child of the window, so it
    is drawn over the neighbouring tables and never clipped by the table's own frame)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cellMessage")
        self.setWordWrap(True)
        self.setMaximumWidth(MESSAGE_WIDTH)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("QLabel#cellMessage { background:#fdecea; color:#b3261e; border:1px solid #e57373;"
                           " padding:4px 6px; }")
        self.hide()

    def show_at(self, text: str, cell: QRect) -> None:
        """Show under the cell (above it when there is no room below), in window coordinates."""
        self.setText(text)
        self.setFixedWidth(MESSAGE_WIDTH)
        self.adjustSize()
        window = self.parentWidget()
        x = max(0, min(cell.left(), window.width() - self.width()))
        y = cell.bottom() + 2
        if y + self.height() > window.height():
            y = max(0, cell.top() - self.height() - 2)
        self.move(x, y)
        self.show()
        self.raise_()


class SheetDelegate(QStyledItemDelegate):
    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.message: CellMessage | None = None
        self._message_editor: QWidget | None = None
        self.closeEditor.connect(lambda editor, _hint=None: self.hide_message(editor))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = self._create_editor(parent, index)
        editor.sheet_index = QPersistentModelIndex(index)  # the cell a key in this editor commits to
        editor.destroyed.connect(lambda _obj=None, e=editor: self.hide_message(e))
        return editor

    def _create_editor(self, parent: QWidget, index: QModelIndex) -> QWidget:
        model = index.model()
        spec = model.spec_at(index)
        if spec.type in ("choice", "boolean"):
            editor = QComboBox(parent)
            choices = spec.column.choices if spec.type == "choice" else ("是", "否")
            editor.addItems([BLANK_CHOICE, *choices])
            return editor
        grades = qualitative_grades(model, index)
        if grades:
            editor = QComboBox(parent)
            editor.setEditable(True)  # a 定性 result may also be worded by the clerk
            editor.addItems([BLANK_CHOICE, *grades])
            return editor
        if spec.type == "longtext":
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            return editor
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if spec.type == "code":
            table = code_table(model.workspace.year)
            names = [f"{e.code} {e.name}" for e in table.entries(spec.column.scheme)]
            completer = QCompleter(names, editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
            popup = completer.popup()  # created now, so this filter runs before the completer's own
            popup.completing_editor = editor
            popup.installEventFilter(self)
            editor.setPlaceholderText("输入编码或名称")
        elif spec.type == "money":
            editor.setPlaceholderText(f"金额（{model.workspace.unit_for(model.section.key)}）")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            position = editor.findText(text)
            if position < 0 and editor.isEditable():
                editor.setEditText(text)
            else:
                editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            pending = self.view.take_pending_text()
            editor.setText(pending if pending is not None else text)

    @staticmethod
    def editor_text(editor: QWidget, model, index: QModelIndex) -> str:
        """The text an editor commits: a code without the name the completer shows after it, a
        long text without the trailing blank lines and spaces an editor leaves behind."""
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().rstrip()
        text = editor.text()
        if model.spec_at(index).type == "code":
            text = text.split(" ", 1)[0]  # "20101 人大事务" chosen from the completer
        return text

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, self.editor_text(editor, model, index), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 90 - rect.height()))
        editor.setGeometry(rect)
        if self.message is not None and self._message_editor is editor and self.message.isVisible():
            self.show_message(editor, self.message.text())  # the page scrolled or was laid out again

    # -- a refused value keeps its editor ----------------------------------------------------
    def refused(self, editor: QWidget) -> bool:
        """True when the column refuses the editor's text: the message is shown beside the cell and
        the editor stays open with the text; False (message hidden) when it may be committed."""
        index = getattr(editor, "sheet_index", None)
        if index is None or not index.isValid():
            return False
        model = index.model()
        cell = model.index(index.row(), index.column())
        message = model.rejection(cell, self.editor_text(editor, model, cell))
        if message is None:
            self.hide_message(editor)
            return False
        self.show_message(editor, f"{message}\n{CORRECT_HINT}")
        return True

    def show_message(self, editor: QWidget, text: str) -> None:
        window = self.view.window()
        if self.message is None or self.message.parentWidget() is not window:
            self.message = CellMessage(window)
        top_left = editor.mapTo(window, QPoint(0, 0))
        self._message_editor = editor
        self.message.show_at(text, QRect(top_left, editor.size()))
        self.message.setAccessibleName(text)

    def hide_message(self, editor: QWidget | None = None) -> None:
        if self.message is None or (editor is not None and editor is not self._message_editor):
            return
        self.message.hide()
        self._message_editor = None

    def message_text(self) -> str | None:
        """The message shown beside the cell being edited, None when none is shown."""
        return self.message.text() if self.message is not None and self.message.isVisible() else None

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # type: ignore[override]
        """Enter commits and moves down, Ctrl+Enter commits and stays, Tab/Shift+Tab commit and
        move (Qt's own); Alt+Enter in long text starts a new line. A refused value commits nothing."""
        completing = getattr(editor, "completing_editor", None)
        if completing is not None:  # the code completer's list, which has the keyboard while it is open
            if event.type() != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return False
            editor = completing
        elif event.type() != QEvent.Type.KeyPress or not isinstance(editor, QWidget):
            return super().eventFilter(editor, event)
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = editor.completer().popup() if isinstance(editor, QLineEdit) and editor.completer() else None
            if popup is not None and popup.isVisible():
                self._accept_completion(editor, popup)  # one Enter takes the highlighted code and commits
            if isinstance(editor, QPlainTextEdit) and modifiers & Qt.KeyboardModifier.AltModifier:
                editor.insertPlainText("\n")
                return True
            if self.refused(editor):
                if popup is not None:
                    popup.hide()
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if not modifiers & Qt.KeyboardModifier.ControlModifier:
                self.view.move_down()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.refused(editor):
            return True
        return super().eventFilter(editor, event)

    @staticmethod
    def _accept_completion(editor: QLineEdit, popup: QWidget) -> None:
        """Take the code completer's highlighted entry, when there is one, into the editor."""
        chosen = popup.currentIndex()
        if chosen.isValid() and popup.selectionModel().isSelected(chosen):
            editor.setText(str(chosen.data()))

