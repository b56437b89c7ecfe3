"""Issue 19 in the window: a document that cannot be opened leaves the open one working, a full
disk is called a full disk, and a read-only place offers read-only instead of "damaged"."""

import sqlite3

import pytest

from desktop.domain.money import Money
from desktop.editing.commands import CellValue, SetCells
from desktop.io.samples import load_sample
from desktop.store.backups import Backups
from desktop.store.docfile import DocumentFile, ReadOnlyLocation
from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QMessageBox

pytestmark = pytest.mark.usefixtures("no_real_modals", "no_dialog_left_open")


@pytest.fixture()
def window(qtbot, tmp_path):
    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False, backups=Backups(tmp_path / "backups"))
    qtbot.addWidget(window)
    return window


def edit(window, amount):
    year = window.workspace.year
    return window.workspace.push(SetCells([CellValue(year, "sangong", "abroad", "budget", Money.from_yuan(amount))],
                                          "编辑"))


def test_opening_a_document_with_an_unknown_profile_keeps_the_open_one(window, seed1_path, tmp_path, monkeypatch):
    assert window.open_document(seed1_path)
    other = tmp_path / "未来.fdesk"
    DocumentFile.create(other, load_sample(2)).close()
    connection = sqlite3.connect(str(other))
    connection.execute("UPDATE years SET profile = 'guangdong-2031'")
    connection.commit()
    connection.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    assert not window.open_document(other)
    assert shown and "guangdong-2031" in shown[0][1]
    assert window.file is not None and window.file.path == seed1_path
    assert edit(window, 9876)  # the open document still takes edits, and they reach the file
    with DocumentFile.open(seed1_path, read_only=True) as file:
        assert file.load().latest_year().sections["sangong"].rows["abroad"]["budget"] == Money.from_yuan(9876)


def test_a_full_disk_during_an_edit_is_reported_and_the_edit_undone(window, seed1_path):
    assert window.open_document(seed1_path)
    problems = []
    window.workspace.problem.connect(problems.append)
    before = window.workspace.document.latest_year().sections["sangong"].rows["abroad"]["budget"]
    connection = window.file.connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    year = window.workspace.year
    long_text = "很长的说明" * 3_000
    assert not window.workspace.push(SetCells([CellValue(year, "basic_info", "", "responsibilities", long_text)],
                                              "编辑"))
    assert problems and "磁盘空间不足" in problems[0] and "no transaction" not in problems[0]
    assert window.workspace.undo_stack.count() == 0
    connection.execute(f"PRAGMA max_page_count = {pages * 100}")
    assert edit(window, 1)
    assert window.workspace.document.latest_year().sections["sangong"].rows["abroad"]["budget"] != before


def test_a_read_only_place_offers_read_only_not_a_restore(window, seed1_path, monkeypatch):
    import desktop.store.opening as opening

    def refuse(path, backups):
        raise ReadOnlyLocation(f"文件夹“{path.parent}”是只读的（或没有写入权限），不能在这里修改“{path.name}”。")
    monkeypatch.setattr(opening, "open_for_editing", refuse)
    asked = []
    window.recovery.ask_read_only = lambda message, title="": asked.append((title, message)) or True
    window.recovery.ask_recover = lambda *args: pytest.fail("a healthy document was called damaged")
    assert window.open_document(seed1_path)
    assert asked and asked[0][0] == "文档所在位置只读" and "只读" in asked[0][1]
    assert window.file.read_only


def test_the_examples_menu_never_replaces_an_example_another_window_edits(window, monkeypatch, editing_window,
                                                                          stored_budget):
    from desktop.ui.app import EXAMPLE, fresh_bundled_copy

    path = fresh_bundled_copy(EXAMPLE)
    editor = editing_window(path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    try:
        assert not window.open_bundled(EXAMPLE)
        assert shown and "正在由" in shown[0][1]
        editor.edit(5555)  # the other window's edits still reach its file
    finally:
        editor.quit()
    assert stored_budget(path) == Money.from_yuan(5555)
    assert window.open_bundled(EXAMPLE)  # free again: given back as shipped
    assert window.workspace.document.latest_year().sections["sangong"].rows["abroad"]["budget"] != \
        Money.from_yuan(5555)


def test_a_second_after_an_edit_the_document_file_alone_holds_it(window, seed1_path, tmp_path, qtbot):
    """A clerk copies the .fdesk to a USB stick with the window still open: the copy has the edit."""
    import shutil

    from desktop.ui.main_window import SETTLE_AFTER_MS
    assert window.open_document(seed1_path)
    assert edit(window, "12345")
    assert window.settle_timer.isActive() and window.settle_timer.interval() == SETTLE_AFTER_MS <= 2000
    qtbot.waitUntil(lambda: not window.settle_timer.isActive(), timeout=SETTLE_AFTER_MS + 3000)
    copy = tmp_path / "U盘.fdesk"
    shutil.copyfile(seed1_path, copy)
    with DocumentFile.open(copy, read_only=True) as file:
        budget = file.load().year(window.workspace.year).section("sangong").value("abroad", "budget")
    assert budget == Money.from_yuan("12345")
