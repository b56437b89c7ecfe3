"""Damaged, locked and backed-up documents in the window: messages, read-only, restore from backup."""

import hashlib
import signal
import subprocess
import sys

import pytest

from desktop.domain.money import Money
from desktop.io.jsonio import document_to_json
from desktop.store.backups import Backups
from desktop.store.docfile import DocumentFile
from desktop.store.lock import lock_path
from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, QPushButton, Qt
from desktop.ui.recovery import CHOOSE, NEWEST, BackupDialog

pytestmark = pytest.mark.usefixtures("no_real_modals", "no_dialog_left_open")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_window(qtbot, tmp_path, backups=True):
    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False,
                        backups=Backups(tmp_path / "backups") if backups else None)
    qtbot.addWidget(window)
    asked = []
    window.recovery.failed = lambda title, text: asked.append(("failed", title, text))
    return window, asked


def damage_truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_garbage(path):
    data = bytearray(path.read_bytes())
    data[4096:] = bytes((i * 131 + 7) % 256 for i in range(len(data) - 4096))
    path.write_bytes(bytes(data))


def damage_overwritten(path):
    path.write_bytes(b"\x8b\x00garbage\xff" * 500)


def damage_zero_bytes(path):
    path.write_bytes(b"")


def damage_renamed_workbook(path):
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml" + b"\x00" * 200)


DAMAGES = [damage_truncated, damage_garbage, damage_overwritten, damage_zero_bytes, damage_renamed_workbook]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_a_damaged_document_offers_its_newest_backup_and_is_left_as_it_was(qtbot, tmp_path, seed1_path, damage):
    window, asked = make_window(qtbot, tmp_path)
    assert window.open_document(seed1_path)
    expected = document_to_json(window.workspace.document)
    window.file.close()
    window.file = None
    damage(seed1_path)
    before = digest(seed1_path)
    offers = []
    window.recovery.ask_recover = lambda message, newest, count: offers.append((message, newest, count)) or NEWEST
    targets = []
    window.recovery.ask_target = lambda default: targets.append(default) or default
    assert window.open_document(seed1_path)
    message, newest, count = offers[0]
    assert seed1_path.name in message and "备份" in message and newest.label in message
    assert "保持原样" in message and count == 1
    assert targets[0].parent == seed1_path.parent and "的备份" in targets[0].name
    assert window.file.path == targets[0] and document_to_json(window.workspace.document) == expected
    assert digest(seed1_path) == before and not asked
    assert not lock_path(seed1_path).exists()


def test_a_damaged_document_without_backups_says_so(qtbot, tmp_path, seed1_path):
    window, asked = make_window(qtbot, tmp_path)
    damage_truncated(seed1_path)
    before = digest(seed1_path)
    assert not window.open_document(seed1_path)
    assert asked and "没有找到这个文档的备份" in asked[0][2] and "损坏" in asked[0][2]
    assert digest(seed1_path) == before and window.file is None


def test_declining_the_backup_opens_nothing(qtbot, tmp_path, seed1_path):
    window, _asked = make_window(qtbot, tmp_path)
    assert window.open_document(seed1_path)
    window.file.close()
    window.file = None
    damage_zero_bytes(seed1_path)
    window.recovery.ask_recover = lambda message, newest, count: ""
    assert not window.open_document(seed1_path)
    assert seed1_path.read_bytes() == b""


def test_choosing_an_older_backup(qtbot, tmp_path, seed1_path):
    window, _asked = make_window(qtbot, tmp_path)
    for yuan in (111, 222):
        with DocumentFile.open(seed1_path) as file:
            file.write_cell(2023, "sangong", "abroad", "budget", Money.from_yuan(yuan))
        assert window.open_document(seed1_path)
        window.file.close()
        window.file = None
    damage_garbage(seed1_path)
    backups = window.backups.list(seed1_path)
    window.recovery.ask_recover = lambda message, newest, count: CHOOSE
    window.recovery.choose_backup = lambda document: backups[-1]
    window.recovery.ask_target = lambda default: default.with_name("旧备份.fdesk")
    assert window.open_document(seed1_path)
    assert window.file.path.name == "旧备份.fdesk"
    assert window.workspace.document.year(2023).section("sangong").value("abroad", "budget") == Money.from_yuan(111)


def test_restore_refuses_to_overwrite_the_open_document(qtbot, tmp_path, seed1_path):
    window, asked = make_window(qtbot, tmp_path)
    assert window.open_document(seed1_path)
    before = digest(seed1_path)
    window.recovery.choose_backup = lambda document: window.backups.newest(seed1_path)
    window.recovery.ask_target = lambda default: seed1_path
    assert not window.recovery.restore_from_menu()
    assert asked and "不会覆盖" in asked[0][2] and digest(seed1_path) == before


def test_menu_restore_lists_backups_of_every_document_current_first(qtbot, tmp_path, seed1_path, clean_path):
    window, _asked = make_window(qtbot, tmp_path)
    assert window.open_document(clean_path)
    assert window.open_document(seed1_path)
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "从备份恢复…" in actions
    dialog = BackupDialog(window, window.backups.all(), seed1_path)
    qtbot.addWidget(dialog)
    tree = dialog.tree
    assert tree.topLevelItemCount() == 2
    assert tree.topLevelItem(0).text(0) == seed1_path.name and tree.topLevelItem(0).isExpanded()
    assert dialog.selected() == window.backups.newest(seed1_path)
    assert dialog.restore_button.isEnabled()
    tree.setCurrentItem(tree.topLevelItem(1))
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()


def test_empty_backup_list(qtbot, tmp_path):
    dialog = BackupDialog(None, [], None)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItem(0).text(0) == "还没有任何备份" and dialog.selected() is None


def test_a_second_window_gets_a_message_and_can_open_read_only(qtbot, tmp_path, seed1_path):
    first, _ = make_window(qtbot, tmp_path)
    assert first.open_document(seed1_path)
    second, _ = make_window(qtbot, tmp_path / "second", backups=False)
    questions = []
    second.recovery.ask_read_only = lambda message, title="": questions.append(message) or False
    assert not second.open_document(seed1_path) and second.file is None
    assert "本程序的另一个窗口" in questions[0] and "只读" in questions[0]
    second.recovery.ask_read_only = lambda message, title="": True
    assert second.open_document(seed1_path)
    assert second.file.read_only and "只读" in second.windowTitle() and "只读" in second.saved_label.text()
    before = digest(seed1_path)
    model = second.views["sangong"][0].sheet()
    index = model.index_of("abroad", "budget")
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "1")
    QApplication.processEvents()
    assert not second.problem_bar.isHidden() and "只读" in second.problem_bar.text()
    assert not second.findings_panel.editor.isEnabled() and second.findings_panel.read_only
    buttons = [b for b in second.findChildren(QPushButton) if b.text() in ("添加行", "插入行", "删除行")]
    assert buttons and not any(b.isEnabled() for b in buttons)
    second.problem_bar.hide()
    assert not model.paste("1\t2", [index])
    assert not second.problem_bar.isHidden() and "只读" in second.problem_bar.text()
    assert digest(seed1_path) == before
    first.close()
    assert not lock_path(seed1_path).exists()


def test_another_process_holding_the_document_is_named(qtbot, tmp_path, seed1_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from desktop.store.lock import acquire; acquire(Path(sys.argv[1])); "
                               "print('held', flush=True); time.sleep(120)", str(seed1_path)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    window, _ = make_window(qtbot, tmp_path)
    questions = []
    window.recovery.ask_read_only = lambda message, title="": questions.append(message) or False
    try:
        assert not window.open_document(seed1_path)
        assert f"进程 {holder.pid}" in questions[0]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    assert window.open_document(seed1_path)  # the crashed holder's lock is stale: cleared
    assert not window.file.read_only
    assert "上次没有正常关闭" in window.statusBar().currentMessage()


def test_reopening_the_open_document_keeps_it(qtbot, tmp_path, seed1_path):
    window, _ = make_window(qtbot, tmp_path)
    assert window.open_document(seed1_path)
    file = window.file
    assert window.open_document(seed1_path) and window.file is file


def test_closing_the_window_releases_the_lock(qtbot, tmp_path, seed1_path):
    window, _ = make_window(qtbot, tmp_path)
    assert window.open_document(seed1_path)
    assert lock_path(seed1_path).exists()
    window.close()
    assert not lock_path(seed1_path).exists()
