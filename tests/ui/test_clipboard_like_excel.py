"""Copy and paste as a clerk used to Excel expects (issue 20), with real key events on seed 1:
Ctrl+C carries an amount's value, not its rounded display, so a paste back restores the same 分
in any unit view; and what Excel's 会计专用 format puts on the clipboard ("-", "—", "36000.",
"36 000") is accepted. Every value is checked in the document file itself."""

import pytest

from desktop.domain.money import Money
from desktop.store.docfile import DocumentFile
from PySide6.QtTest import QTest

from desktop.ui.qt import QApplication, Qt
from desktop.ui.sheet_model import TOTAL_ROW

YEAR = 2023
PRECISE = Money(7_812_957_773)  # 78,129,577.73 元, shown as 7,812.96 万元


def stored(path, section, row, column):
    with DocumentFile.open(path, read_only=True) as file:
        return file.load().year(YEAR).section(section).rows.get(row, {}).get(column)


def shown_view(window, section):
    """The section's table, its tab brought to the front and the keyboard focus on it."""
    view = window.views[section][0]
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count())
                                     if window.tabs.widget(i).isAncestorOf(view)))
    view.setFocus()
    return view, view.sheet()


def select(view, *indexes):
    view.selectionModel().clearSelection()
    view.setCurrentIndex(indexes[0])
    for index in indexes[1:]:
        view.selectionModel().select(index, view.selectionModel().SelectionFlag.Select)


def key(widget, character):
    """One key press typing `character`: QTest.keyClicks knows only ASCII, a Chinese keyboard
    layout or input method delivers "—" and "－" as a key event carrying the text."""
    if character.isascii():
        QTest.keyClicks(widget, character)
    else:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, character, Qt.KeyboardModifier.NoModifier)


def type_into(qtbot, view, index, text):
    select(view, index)
    key(view, text[0])  # the first key opens the editor: typing replaces the cell
    editor = QApplication.focusWidget()
    assert editor is not view
    for character in text[1:]:
        key(editor, character)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def copy(qtbot, view):
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QApplication.clipboard().text()


def paste(qtbot, view):
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture()
def window(open_window, seed1_path, no_real_modals):
    return open_window(seed1_path)


def test_copy_in_the_wan_view_pastes_back_the_exact_fen(qtbot, window, seed1_path, qtmodeltester):
    view, model = shown_view(window, "dept_budget_execution")
    assert "万元" in model.headerData(1, Qt.Orientation.Horizontal)  # the default view of the 绩效 tables
    source, target = model.index_of("basic", "full_year_budget"), model.index_of("project", "full_year_budget")
    type_into(qtbot, view, source, "7812.957773")
    assert stored(seed1_path, "dept_budget_execution", "basic", "full_year_budget") == PRECISE
    assert model.data(source) == "7,812.96"  # shown rounded …
    select(view, source)
    assert copy(qtbot, view) == "7812.957773\n"  # … copied whole: Excel gets the exact number
    select(view, target)
    paste(qtbot, view)
    assert stored(seed1_path, "dept_budget_execution", "project", "full_year_budget") == PRECISE
    qtmodeltester.check(model)


@pytest.mark.parametrize("unit, text", [("万元", "7812.957773\t-1.000001\n"), ("元", "78129577.73\t-10000.01\n")])
def test_a_block_round_trips_exactly_in_every_unit_view(qtbot, window, seed1_path, unit, text):
    window.set_unit(unit)
    view, model = shown_view(window, "dept_budget_execution")
    assert model.setData(model.index_of("basic", "full_year_budget"), text.split("\t")[0])
    assert model.setData(model.index_of("basic", "executed"), text.split("\t")[1].strip())
    select(view, model.index_of("basic", "full_year_budget"), model.index_of("basic", "executed"))
    assert copy(qtbot, view) == text
    select(view, model.index_of("other", "full_year_budget"))
    paste(qtbot, view)
    assert stored(seed1_path, "dept_budget_execution", "other", "full_year_budget") == PRECISE
    assert stored(seed1_path, "dept_budget_execution", "other", "executed") == Money(-1_000_001)


def test_computed_and_non_money_cells_copy_what_they_show(qtbot, window):
    view, model = shown_view(window, "dept_budget_execution")
    total = model.index_of("total", "full_year_budget")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    select(view, total)
    assert copy(qtbot, view) == model.data(total) + "\n" == "7,812.96\n"  # the 合计, as shown
    view, model = shown_view(window, "gp_functional")
    cells = [model.index_of("r1", "code"), model.index_of("r1", "name")]
    select(view, *cells)
    assert copy(qtbot, view) == "\t".join(model.data(i) for i in cells) + "\n"
    sum_row = model.index_of(TOTAL_ROW, "budget")
    select(view, sum_row)
    assert copy(qtbot, view) == model.data(sum_row) + "\n"
    assert "," in model.data(sum_row)


def test_a_copied_block_with_its_computed_total_pastes_back_onto_itself(qtbot, window, seed1_path):
    view, model = shown_view(window, "dept_budget_execution")
    column = [model.index_of(r, "full_year_budget") for r in ("basic", "project", "other", "total")]
    select(view, *column)
    copy(qtbot, view)
    select(view, column[0])
    paste(qtbot, view)
    assert "粘贴被拒绝" not in window.problem_bar.text()
    assert stored(seed1_path, "dept_budget_execution", "project", "full_year_budget") == Money(6_881_810_000)


def test_an_accounting_format_block_from_excel_is_accepted(qtbot, window, seed1_path):
    view, model = shown_view(window, "gp_functional")
    QApplication.clipboard().setText("-\t36000.\n36 000\t—\n")
    select(view, model.index_of("r1", "budget"))
    paste(qtbot, view)
    assert "粘贴被拒绝" not in window.problem_bar.text()
    assert [stored(seed1_path, "gp_functional", r, c) for r in ("r1", "r2") for c in ("budget", "basic")] \
        == [Money(0), Money.from_yuan(36000), Money.from_yuan(36000), Money(0)]  # zero, never blank
    assert model.data(model.index_of("r1", "budget")) == "0.00"
    assert window.workspace.undo_stack.count() == 1


def test_excel_s_no_break_spaces_and_full_width_dash_are_accepted(qtbot, window, seed1_path):
    view, model = shown_view(window, "gp_functional")
    QApplication.clipboard().setText(" ¥ 1\u00a0234\u00a0567.80 \t－\t36\u202f000.\n")
    select(view, model.index_of("r3", "budget"))
    paste(qtbot, view)
    assert [stored(seed1_path, "gp_functional", "r3", c) for c in ("budget", "basic", "project")] \
        == [Money.from_yuan("1234567.80"), Money(0), Money.from_yuan(36000)]


@pytest.mark.parametrize("typed", ["—", "－", "-"])
def test_typing_a_dash_enters_zero(qtbot, window, seed1_path, typed):
    view, model = shown_view(window, "gp_functional")
    type_into(qtbot, view, model.index_of("r1", "basic"), typed)
    assert stored(seed1_path, "gp_functional", "r1", "basic") == Money(0)


@pytest.mark.parametrize("bad", ["1-2", "--", "3 4.5 6"])
def test_a_block_with_anything_else_is_still_refused_whole(qtbot, window, seed1_path, bad):
    view, model = shown_view(window, "gp_functional")
    before = [stored(seed1_path, "gp_functional", "r1", c) for c in ("budget", "basic")]
    QApplication.clipboard().setText(f"-\t{bad}\n")
    select(view, model.index_of("r1", "budget"))
    paste(qtbot, view)
    assert "粘贴被拒绝" in window.problem_bar.text() and bad in window.problem_bar.text()
    assert [stored(seed1_path, "gp_functional", "r1", c) for c in ("budget", "basic")] == before
    assert window.workspace.undo_stack.count() == 0
