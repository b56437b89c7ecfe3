"""Ctrl+S in a program that saves every edit as it is made: a status-bar note, never a dialog.
Real key events on the active window, offscreen."""

import re

import pytest

from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, Qt

CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def press_ctrl_s(qtbot, window):
    qtbot.keyClick(window.views["sangong"][0], Qt.Key.Key_S, CTRL)
    QApplication.processEvents()
    return window.statusBar().currentMessage()


def file_menu_action(window, label):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text().startswith("文件")]
    [action] = [a for a in menu.actions() if a.text() == label]
    return action


def test_ctrl_s_says_every_edit_is_already_saved(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    assert press_ctrl_s(qtbot, window) == "已自动保存（每次修改都已写入文档，无需另行保存）"

    view = window.views["sangong"][0]
    model = view.sheet()
    view.setFocus()
    view.setCurrentIndex(model.index_of("abroad", "budget"))
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.saved_label.text().startswith("已保存 ")
    saved_at = window.saved_label.text().removeprefix("已保存 ")
    window.statusBar().clearMessage()
    message = press_ctrl_s(qtbot, window)
    assert re.fullmatch(r"已自动保存 \d\d:\d\d:\d\d（每次修改都已写入文档，无需另行保存）", message)
    assert saved_at in message

    window.statusBar().clearMessage()
    file_menu_action(window, "保存").trigger()
    assert window.statusBar().currentMessage() == message


def test_ctrl_s_in_a_read_only_document_says_it_cannot_be_saved_here(qtbot, tmp_path, seed1_path):
    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False)
    qtbot.addWidget(window)
    assert window.open_document(seed1_path, read_only=True)
    window.show()
    activate(qtbot, window)
    message = press_ctrl_s(qtbot, window)
    assert "只读" in message and "不能在这里保存" in message and "另存为" in message
