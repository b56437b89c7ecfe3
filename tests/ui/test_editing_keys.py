"""Excel's editing keys in the table and form cells, with real key events on the seed 1 sample:
a refused value keeps its editor open with the typed text and says why beside the cell (Esc
cancels), and long text takes Alt+Enter for a new line and Enter to commit. Every edit is
checked in the document file."""

import os
from pathlib import Path

import pytest

from desktop.domain.money import Money
from desktop.ui.qt import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QPoint, QRect, Qt
from tests.ui.cells import click, stored

YEAR = 2023
SHOTS = Path(os.environ.get("FISCALDESK_EDITOR_SHOTS", "/tmp/editor-shots"))


@pytest.fixture()
def window(open_window, seed1_path):
    window = open_window(seed1_path)
    window.resize(1366, 768)
    window._show_page(window.views["sangong"][1])
    return window


def start_typing(qtbot, view, text):
    """The first key opens the editor (typing replaces the cell), the rest go to the editor."""
    qtbot.keyClicks(view, text[:1])
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    return editor


def message_of(view):
    return view.itemDelegate().message_text()


def test_a_refused_amount_keeps_the_editor_with_the_text_and_says_why_beside_the_cell(qtbot, window):
    view = window.views["sangong"][0]
    model = view.sheet()
    cell = model.index_of("abroad", "budget")
    before = window.file.path.read_bytes()
    click(qtbot, view, cell)
    editor = start_typing(qtbot, view, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() == QAbstractItemView.State.EditingState, "the editor stays open"
    assert QApplication.focusWidget() is editor and isinstance(editor, QLineEdit)
    assert editor.text() == "abc"
    assert view.currentIndex() == cell, "the cursor does not move"
    message = message_of(view)
    assert message is not None and "因公出国（境）费" in message and "年初预算数" in message and "abc" in message
    label = view.itemDelegate().message
    assert label.isVisible() and label.parentWidget() is window
    cell_rect = QRect(editor.mapTo(window, QPoint(0, 0)), editor.size())
    assert abs(label.geometry().top() - cell_rect.bottom()) <= 4 or abs(label.geometry().bottom() - cell_rect.top()) <= 4
    assert label.geometry().left() <= cell_rect.right() and label.geometry().right() >= cell_rect.left()
    assert not window.problem_bar.isVisible(), "the message is beside the cell, not at the top"
    assert window.file.path.read_bytes() == before and stored(window, "sangong", "abroad", "budget") == Money(0)
    assert window.workspace.undo_stack.count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "rejected-input.png"))

    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab is refused the same way
    assert view.state() == QAbstractItemView.State.EditingState and editor.text() == "abc"
    assert view.currentIndex() == cell

    editor.selectAll()
    qtbot.keyClicks(editor, "3600")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() != QAbstractItemView.State.EditingState
    assert stored(window, "sangong", "abroad", "budget") == Money.from_yuan(3600)
    assert model.address(view.currentIndex()) == ("abroad", "actual"), "Enter moves down once accepted"
    assert message_of(view) is None and not label.isVisible()


def test_esc_after_a_refusal_restores_the_old_value_and_closes_the_editor(qtbot, window):
    view = window.views["sangong"][0]
    model = view.sheet()
    cell = model.index_of("reception", "budget")
    old = model.data(cell)
    before = window.file.path.read_bytes()
    click(qtbot, view, cell)
    editor = start_typing(qtbot, view, "12a")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() == QAbstractItemView.State.EditingState and "12a" in message_of(view)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.state() != QAbstractItemView.State.EditingState
    assert message_of(view) is None
    assert model.data(cell) == old and view.currentIndex() == cell
    assert window.file.path.read_bytes() == before
    assert not window.problem_bar.isVisible()


def test_ctrl_enter_commits_and_keeps_the_cell(qtbot, window):
    view = window.views["sangong"][0]
    model = view.sheet()
    cell = model.index_of("reception", "budget")
    click(qtbot, view, cell)
    editor = start_typing(qtbot, view, "4500")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.state() != QAbstractItemView.State.EditingState
    assert stored(window, "sangong", "reception", "budget") == Money.from_yuan(4500)
    assert view.currentIndex() == cell


def type_long_text(qtbot, view, lines):
    """Lines typed into a long-text cell, Alt+Enter between them (ASCII: QTest types no Chinese)."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, lines[0])
    for line in lines[1:]:
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
        if line:
            qtbot.keyClicks(editor, line)
    return editor


def test_long_text_takes_alt_enter_for_a_new_line_and_enter_commits_and_moves_down(qtbot, window):
    view = window.views["sangong"][0]
    model = view.sheet()
    cell = model.index_of("vehicle_operation", "reason")
    click(qtbot, view, cell)
    editor = type_long_text(qtbot, view, ["line1", "line2"])
    assert editor.toPlainText() == "line1\nline2"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() != QAbstractItemView.State.EditingState, "Enter closes the editor"
    assert stored(window, "sangong", "vehicle_operation", "reason") == "line1\nline2"
    assert model.address(view.currentIndex()) == ("vehicle_operation", "prior_reason"), "Enter moves down"


def test_long_text_stores_no_trailing_newline_and_ctrl_enter_stays(qtbot, window):
    view = window.views["sangong"][0]
    model = view.sheet()
    cell = model.index_of("abroad", "prior_reason")
    click(qtbot, view, cell)
    editor = type_long_text(qtbot, view, ["fewer trips", ""])  # a new line left empty at the end
    qtbot.keyClicks(editor, "  ")
    assert editor.toPlainText() == "fewer trips\n  "
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.state() != QAbstractItemView.State.EditingState
    assert stored(window, "sangong", "abroad", "prior_reason") == "fewer trips"
    assert view.currentIndex() == cell, "Ctrl+Enter keeps the cell selected"


def test_a_form_page_long_text_field_uses_the_same_keys(qtbot, window):
    view = window.views["basic_info"][0]
    model = view.sheet()
    window._show_page(window.views["basic_info"][1])
    assert model.fields
    cell = model.index([spec.key for spec in model.specs].index("responsibilities"), 0)
    view.setFocus()
    click(qtbot, view, cell)
    editor = type_long_text(qtbot, view, ["duty one", "duty two"])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() != QAbstractItemView.State.EditingState
    assert stored(window, "basic_info", model.address(cell)[0], "responsibilities") == "duty one\nduty two"
