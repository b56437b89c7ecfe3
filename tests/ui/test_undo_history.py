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


def test_a_failed_undo_leaves_the_row_removed_and_the_history_where_it_was(qtbot, seed1_path, active_window,
                                                                         monkeypatch):
    window = active_window
    disk = FailingDisk(window, monkeypatch)
    stack = window.workspace.undo_stack
    row = remove_first_row(qtbot, window)
    assert stack.count() == 1 and stack.index() == 1

    disk.full = True
    press(qtbot, window, Qt.Key.Key_Z)
    assert stack.index() == 1, "the history did not move: the step is still there to undo"
    assert not in_document(window, row) and row not in file_rows(seed1_path)
    assert window.problem_bar.isVisible()
    assert "无法撤销" in window.problem_bar.text() and "磁盘空间不足" in window.problem_bar.text()
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()

    disk.full = False
    outcomes, problems = [], []
    window.workspace.changed.connect(outcomes.append)
    window.workspace.problem.connect(problems.append)
    press(qtbot, window, Qt.Key.Key_Z)
    assert stack.index() == 0 and not window.problem_bar.isVisible()
    assert in_document(window, row) and row in file_rows(seed1_path)
    assert len(outcomes) == 1 and problems == [], "undone once, not again when the stack moved"
    press(qtbot, window, Qt.Key.Key_Y)
    assert stack.index() == 1 and not window.problem_bar.isVisible()
    assert not in_document(window, row) and row not in file_rows(seed1_path)


def test_a_failed_redo_leaves_the_row_back_and_redo_still_possible(qtbot, seed1_path, active_window, monkeypatch):
    window = active_window
    disk = FailingDisk(window, monkeypatch)
    stack = window.workspace.undo_stack
    row = remove_first_row(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Z)
    assert stack.index() == 0 and row in file_rows(seed1_path)

    disk.full = True
    press(qtbot, window, Qt.Key.Key_Y)
    assert stack.index() == 0 and window.redo_action.isEnabled()
    assert in_document(window, row) and row in file_rows(seed1_path)
    assert "无法重做" in window.problem_bar.text()

    disk.full = False
    press(qtbot, window, Qt.Key.Key_Y)
    assert stack.index() == 1 and not window.problem_bar.isVisible()
    assert not in_document(window, row) and row not in file_rows(seed1_path)


def test_an_edit_after_a_failed_undo_loses_nothing(qtbot, seed1_path, active_window, monkeypatch):
    window = active_window
    disk = FailingDisk(window, monkeypatch)
    stack = window.workspace.undo_stack
    row = remove_first_row(qtbot, window)
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
