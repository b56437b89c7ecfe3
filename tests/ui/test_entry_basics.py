"""Small basics, with real key and mouse events: after 添加行 (button or Ctrl+Shift+N) the cursor
is on the new row's first editable cell; a paste selects what it pasted; typing into a computed
cell says why nothing happens."""

import pytest

from desktop.ui.qt import QApplication, QPushButton, Qt
from tests.ui.cells import click

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def open_table(qtbot, open_window, path, key):
    """The window on `path`, active, with the table `key`: (window, view, model)."""
    window = open_window(path)
    activate(qtbot, window)
    view = window.views[key][0]
    return window, view, view.sheet()


def box_button(view, label):
    [button] = [b for b in view.parentWidget().findChildren(QPushButton) if b.text() == label]
    return button


def test_the_add_row_button_puts_the_cursor_in_the_new_row(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "glossary")
    before = len(model.document_rows())
    button = box_button(view, "添加行")
    window.views["glossary"][1].ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(model.document_rows()) == before + 1
    assert QApplication.focusWidget() is view
    assert (view.currentIndex().row(), view.currentIndex().column()) == (before, 0)
    qtbot.keyClicks(view, "A")  # typing goes straight into the new row
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "BC")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.data_section.rows[model.document_rows()[before]]["term"] == "ABC"


def test_ctrl_shift_n_puts_the_cursor_in_the_new_rows_first_editable_cell(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "dept_score_indicators")
    window._show_page(window.views["dept_score_indicators"][1])
    click(qtbot, view, model.index(0, 2))
    before = len(model.document_rows())
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL | SHIFT)
    assert len(model.document_rows()) == before + 1
    current = view.currentIndex()
    assert current.row() == before and model.is_editable(current)
    assert all(not model.is_editable(model.index(before, c)) for c in range(current.column()))
    assert current.column() < 2
    assert QApplication.focusWidget() is view


def test_a_paste_selects_the_pasted_block(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "glossary")
    rows = len(model.document_rows())
    click(qtbot, view, model.index(rows - 1, 0))
    QApplication.clipboard().setText("甲\t甲的解释\n乙\t乙的解释\n")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert len(model.document_rows()) == rows + 1
    selected = sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes())
    assert selected == [(rows - 1, 0), (rows - 1, 1), (rows, 0), (rows, 1)]
    assert view.currentIndex().row() == rows - 1 and view.currentIndex().column() == 0


def test_a_value_pasted_over_a_selection_keeps_it_selected(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "glossary")
    click(qtbot, view, model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, SHIFT, view.visualRect(model.index(2, 0)).center())
    QApplication.clipboard().setText("同一名词")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert [model.index(r, 0).data() for r in range(3)] == ["同一名词"] * 3
    selected = sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes())
    assert selected == [(0, 0), (1, 0), (2, 0)]


def test_typing_into_a_computed_total_says_it_is_computed_from_its_parts(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "sangong")
    window._show_page(window.views["sangong"][1])
    total = model.index_of("total", "budget")
    shown = total.data()
    click(qtbot, view, total)
    window.statusBar().clearMessage()
    qtbot.keyClicks(view, "5")
    message = window.statusBar().currentMessage()
    assert "合计" in message and "自动计算" in message and "不能填写" in message
    assert view.state() != view.State.EditingState and QApplication.focusWidget() is view
    assert total.data() == shown and view.currentIndex() == total  # the cursor did not jump elsewhere


def test_typing_into_a_computed_column_and_a_total_row_says_so(qtbot, seed1_path, open_window):
    window, view, model = open_table(qtbot, open_window, seed1_path, "gp_basic_economic")
    window._show_page(window.views["gp_basic_economic"][1])
    rate = next(c for c, s in enumerate(model.specs) if s.type == "computed")
    click(qtbot, view, model.index(0, rate))
    window.statusBar().clearMessage()
    qtbot.keyClicks(view, "1")
    assert "自动计算" in window.statusBar().currentMessage()
    last = model.rowCount() - 1
    click(qtbot, view, model.index(last, model.specs.index(next(s for s in model.specs if s.key == "actual"))))
    window.statusBar().clearMessage()
    qtbot.keyClicks(view, "1")
    assert "合计" in window.statusBar().currentMessage()
    # an editable cell opens its editor as before, with no message
    click(qtbot, view, model.index(0, model.specs.index(next(s for s in model.specs if s.key == "actual"))))
    window.statusBar().clearMessage()
    qtbot.keyClicks(view, "1")
    assert view.state() == view.State.EditingState and window.statusBar().currentMessage() == ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def start_typing(qtbot, view, index, text):
    """Click a cell and type `text` into the editor that opens; returns the editor."""
    click(qtbot, view, index)
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    return editor


def type_into(qtbot, view, index, text):
    """Click a cell, type `text` and press Enter, as a clerk does."""
    editor = start_typing(qtbot, view, index, text)
    completer = getattr(editor, "completer", lambda: None)()
    # An open completer list takes the keyboard, as the application sends keys to a popup.
    popup = completer.popup() if completer is not None and completer.popup().isVisible() else None
    qtbot.keyClick(popup or editor, Qt.Key.Key_Return)


# The code completer's list is a popup: the offscreen platform cannot raise it or grab the keyboard.
POPUP_ON_OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def functional_table(qtbot, open_window, path):
    """(window, view, model, first row) of 一般公共预算财政拨款支出 on seed 1, its page shown."""
    window, view, model = open_table(qtbot, open_window, path, "gp_functional")
    window._show_page(window.views["gp_functional"][1])
    return window, view, model, model.document_rows()[0]


@POPUP_ON_OFFSCREEN
def test_an_unknown_code_does_not_keep_the_previous_codes_name(qtbot, seed1_path, open_window):
    window, view, model, row = functional_table(qtbot, open_window, seed1_path)
    type_into(qtbot, view, model.index_of(row, "code"), "20101")
    assert model.data_section.rows[row].get("code") == "20101"  # one Enter, with the completer's list open
    assert model.index_of(row, "name").data() == "人大事务"
    type_into(qtbot, view, model.index_of(row, "code"), "20188")  # no such 款 in the code table
    assert model.data_section.rows[row].get("code") == "20188"
    assert model.data_section.rows[row].get("name") is None  # not 人大事务 under another code
    window.workspace.undo_stack.undo()
    assert model.data_section.rows[row].get("name") == "人大事务"


@POPUP_ON_OFFSCREEN
def test_a_name_the_clerk_typed_stays_when_the_code_changes(qtbot, seed1_path, open_window):
    window, view, model, row = functional_table(qtbot, open_window, seed1_path)
    type_into(qtbot, view, model.index_of(row, "code"), "20101")
    type_into(qtbot, view, model.index_of(row, "name"), "NPC office")
    type_into(qtbot, view, model.index_of(row, "code"), "20188")
    assert model.data_section.rows[row].get("name") == "NPC office"
    type_into(qtbot, view, model.index_of(row, "code"), "20102")
    assert model.data_section.rows[row].get("name") == "NPC office"  # typed names are never replaced


@POPUP_ON_OFFSCREEN
def test_one_enter_takes_the_code_highlighted_in_the_list_and_moves_down(qtbot, seed1_path, open_window):
    window, view, model, row = functional_table(qtbot, open_window, seed1_path)
    editor = start_typing(qtbot, view, model.index_of(row, "code"), "20101")
    popup = editor.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # highlights "20101 人大事务"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert model.data_section.rows[row]["code"] == "20101" and model.data_section.rows[row]["name"] == "人大事务"
    assert view.state() != view.State.EditingState
    assert view.currentIndex().row() == model.index_of(row, "code").row() + 1  # Enter moved down, as in Excel


@POPUP_ON_OFFSCREEN
def test_tab_with_the_list_open_commits_the_code_and_moves_right(qtbot, seed1_path, open_window):
    window, view, model, row = functional_table(qtbot, open_window, seed1_path)
    code = model.index_of(row, "code")
    editor = start_typing(qtbot, view, code, "20101")
    assert editor.completer().popup().isVisible()
    qtbot.keyClick(editor.completer().popup(), Qt.Key.Key_Tab)
    assert model.data_section.rows[row]["code"] == "20101"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (code.row(), code.column() + 1)
