"""The undo history always matches the document: a failed 撤销 or 重做 (the file refused the write)
leaves the document, the file and the undo stack as they were. Real Ctrl+Z / Ctrl+Y key events on
the main window, offscreen; the file is read back after every step."""

import pytest

from desktop.domain.money import Money
from desktop.store.docfile import DiskFull, DocumentFile
from desktop.ui.qt import QApplication, Qt

YEAR = 2023
CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


def file_rows(path, section="gp_functional"):
    with DocumentFile.open(path) as file:
        return file.load().year(YEAR).section(section).rows


class FailingDisk:
    """Makes the open document's file refuse every commit while `full` is set."""

    def __init__(self, window, monkeypatch) -> None:
        self.full = False
        file = window.workspace.session.file
        real = file.commit

        def commit(write):
            if self.full:
                raise DiskFull("磁盘空间不足，无法保存“seed1.fdesk”。请清理磁盘空间后再试。")
            return real(write)
        monkeypatch.setattr(file, "commit", commit)


@pytest.fixture()
def active_window(qtbot, seed1_path, open_window):
    """The window on seed 1, active (its menu shortcuts only fire in the active window)."""
    window = open_window(seed1_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


@pytest.fixture()
def row_removed(qtbot, active_window, monkeypatch):
    """The active window with a disk that can be made full, after its first 功能分类 row was
    removed with Ctrl+Shift+Del: (window, disk, removed row id)."""
    disk = FailingDisk(active_window, monkeypatch)
    return active_window, disk, remove_first_row(qtbot, active_window)


def press(qtbot, window, key, modifiers=CTRL):
    view = window.views["gp_functional"][0]
    view.setFocus()
    qtbot.keyClick(view, key, modifiers)
    QApplication.processEvents()


def remove_first_row(qtbot, window):
    view = window.views["gp_functional"][0]
    model = view.sheet()
    row = model.document_rows()[0]
    view.setFocus()
    view.setCurrentIndex(model.index_of(row, "budget"))
    qtbot.keyClick(view, Qt.Key.Key_Delete, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert row not in model.document_rows()
    return row


def in_document(window, row):
    return row in window.workspace.document.year(YEAR).section("gp_functional").rows


def assert_agree(window, path, index, row, present):
    """The undo history, the document and the file agree: the stack at `index`, and `row`
    present (or removed) in the window's document and in the file alike."""
    assert window.workspace.undo_stack.index() == index
    assert in_document(window, row) is present and (row in file_rows(path)) is present


def redo_succeeds(qtbot, window, path, row):
    """Ctrl+Y removes `row` again, everywhere at once, with no problem shown."""
    press(qtbot, window, Qt.Key.Key_Y)
    assert_agree(window, path, 1, row, present=False)
    assert not window.problem_bar.isVisible()


def test_a_failed_undo_leaves_the_row_removed_and_the_history_where_it_was(qtbot, seed1_path, row_removed):
    window, disk, row = row_removed
    stack = window.workspace.undo_stack
    assert stack.count() == 1 and stack.index() == 1

    disk.full = True
    press(qtbot, window, Qt.Key.Key_Z)
    assert_agree(window, seed1_path, 1, row, present=False)  # the step is still there to undo
    assert window.problem_bar.isVisible()
    assert "无法撤销" in window.problem_bar.text() and "磁盘空间不足" in window.problem_bar.text()
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()

    disk.full = False
    outcomes, problems = [], []
    window.workspace.changed.connect(outcomes.append)
    window.workspace.problem.connect(problems.append)
    press(qtbot, window, Qt.Key.Key_Z)
    assert_agree(window, seed1_path, 0, row, present=True)
    assert not window.problem_bar.isVisible()
    assert len(outcomes) == 1 and problems == [], "undone once, not again when the stack moved"
    redo_succeeds(qtbot, window, seed1_path, row)


def test_a_failed_redo_leaves_the_row_back_and_redo_still_possible(qtbot, seed1_path, row_removed):
    window, disk, row = row_removed
    stack = window.workspace.undo_stack
    press(qtbot, window, Qt.Key.Key_Z)
    assert stack.index() == 0 and row in file_rows(seed1_path)

    disk.full = True
    press(qtbot, window, Qt.Key.Key_Y)
    assert_agree(window, seed1_path, 0, row, present=True)
    assert window.redo_action.isEnabled() and "无法重做" in window.problem_bar.text()

    disk.full = False
    redo_succeeds(qtbot, window, seed1_path, row)


def test_an_edit_after_a_failed_undo_loses_nothing(qtbot, seed1_path, row_removed):
    window, disk, row = row_removed
    stack = window.workspace.undo_stack
    disk.full = True
    press(qtbot, window, Qt.Key.Key_Z)
    disk.full = False

    view = window.views["gp_functional"][0]
    model = view.sheet()
    other = model.document_rows()[0]
    before = model.index_of(other, "budget").data(Qt.ItemDataRole.EditRole)
    view.setFocus()
    view.setCurrentIndex(model.index_of(other, "budget"))
    qtbot.keyClicks(view, "7")
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert file_rows(seed1_path)[other]["budget"] == Money.from_yuan(7)
    assert stack.count() == 2 and stack.index() == 2, "the removal is still in the history"

    press(qtbot, window, Qt.Key.Key_Z)
    press(qtbot, window, Qt.Key.Key_Z)
    assert stack.index() == 0
    rows = file_rows(seed1_path)
    assert row in rows and in_document(window, row)
    assert rows[other].get("budget") == (Money.from_yuan(before) if before else None)
