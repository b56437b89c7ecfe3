"""Cell editors by column type: raw amounts, codes with completion, choices, long text.

The delegate only chooses the editor widget; the text it returns goes to the model, which parses
it with the column's own parser (the same one the import paths use), so a value typed, pasted
or imported is accepted or refused by the same rule.
"""

from __future__ import annotations

from desktop.domain.codes import code_table
from desktop.ui.qt import (QAbstractItemDelegate, QComboBox, QCompleter, QEvent, QLineEdit, QModelIndex, QObject,
                           QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, Qt, QWidget)

BLANK_CHOICE = ""


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


class SheetDelegate(QStyledItemDelegate):
    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
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

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
        else:
            text = editor.text()
            if model.spec_at(index).type == "code":
                text = text.split(" ", 1)[0]  # "20101 人大事务" chosen from the completer
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 90 - rect.height()))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # type: ignore[override]
        """Enter commits and moves down (Tab right is Qt's own); in long text Enter is a newline."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(editor, QPlainTextEdit) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False
            if isinstance(editor, QLineEdit) and editor.completer() and editor.completer().popup().isVisible():
                return False
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.view.move_down()
            return True
        return super().eventFilter(editor, event)

