"""The 年度 switcher (desktop.ui.year_switcher), used with real mouse and key events: a two-year
document switches year from the combo left of the tabs or from 文件 ▸ 切换年度, the tables show
and edit that year in the file, the year is remembered per file; the same department's other
year files beside it are listed and open like 文件 ▸ 打开 (lock refusal included); another
department's file and a damaged file are not listed, and nothing asks anything."""

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.editing.rollover import next_year_document
from desktop.io.samples import load_sample
from desktop.store.docfile import DocumentFile
from desktop.ui.main_window import MainWindow
from desktop.ui.new_document import NewDocumentDialog, default_file_name
from desktop.ui.qt import QApplication, Qt
from tests.ui.cells import click
from tests.ui.conftest import save

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
GP_INCOME_2023 = "78,129,577.73"  # seed 1's 一般公共预算财政拨款收入 of 2023: 2024's 上年数

# The offscreen platform cannot raise a popup or grab the keyboard for it; a real screen can.
pytestmark = [pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals"),
              pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")]


def seed_and_next_year() -> tuple[Document, Document]:
    seed = load_sample(1)
    return seed, next_year_document(seed, 2023, 2024)


def with_year(document: Document, previous: Document, year: int) -> Document:
    """`document` holding `previous`'s `year` as well (as a JSON import or an older file does)."""
    source = previous.year(year)
    added = document.add_year(year, source.profile)
    added.sections.update(source.sections)
    added.explanations.update(source.explanations)
    return document


@pytest.fixture()
def two_year_path(tmp_path):
    seed, following = seed_and_next_year()
    return save(tmp_path / "docs", "两年.fdesk", with_year(following, seed, 2023))


@pytest.fixture()
def year_files(tmp_path):
    """部门2023.fdesk and 部门2024.fdesk (next year's, rolled over), another department's file and a
    damaged file, all in one folder: (path 2023, path 2024)."""
    seed, following = seed_and_next_year()
    folder = tmp_path / "docs"
    department = seed.department_name
    first = save(folder, default_file_name(department, 2023), seed)
    second = save(folder, default_file_name(department, 2024), following)
    save(folder, "另一部门2022.fdesk", Document.new("另一部门", 2022))
    (folder / f"{department}2022.fdesk").write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    return first, second


def labels(window):
    combo = window.year_switcher.combo
    return [combo.itemText(i) for i in range(combo.count())]


def cell_text(window, section, row, column):
    model = window.views[section][0].sheet()
    return model.data(model.index_of(row, column))


def activate(qtbot, window):
    """The window active, as a clerk's is when they click in it (a popup needs it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def choose_with_mouse(qtbot, window, label):
    """Click the 年度 box, then the entry in its list."""
    activate(qtbot, window)
    combo = window.year_switcher.combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # the combo ignores a release as quick as a double click
    row = labels(window).index(label)
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def choose_with_keys(qtbot, window, label):
    """Ctrl+Shift+Y opens the list; arrow keys and Enter choose."""
    activate(qtbot, window)
    combo = window.year_switcher.combo
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Y, CTRL | SHIFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    target = labels(window).index(label)
    while view.currentIndex().row() != target:
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def stored(path, year, section, row, column):
    with DocumentFile.open(path, read_only=True) as file:
        return file.load().year(year).section(section).rows.get(row, {}).get(column)


def test_the_year_box_sits_left_of_the_tabs_and_lists_the_documents_years(two_year_path, open_window):
    window = open_window(two_year_path)
    combo = window.year_switcher.combo
    corner = window.tabs.cornerWidget(Qt.Corner.TopLeftCorner)
    assert combo.parent() is corner and combo.isVisible()  # first in the corner, the 单位 box beside it
    assert corner.layout().itemAt(0).widget() is combo
    assert labels(window) == ["2023年度", "2024年度"]
    assert combo.currentText() == "2024年度" and combo.isEnabled()
    assert window.workspace.year == 2024 and "2024年度" in window.windowTitle()


def test_choosing_a_year_with_the_mouse_shows_that_years_figures(qtbot, two_year_path, open_window):
    window = open_window(two_year_path)
    assert cell_text(window, "income_expenditure", "income_gp", "current") in ("", None)
    assert cell_text(window, "income_expenditure", "income_gp", "prior") == GP_INCOME_2023
    choose_with_mouse(qtbot, window, "2023年度")
    assert window.workspace.year == 2023
    assert window.year_switcher.combo.currentText() == "2023年度"
    assert "2023年度" in window.windowTitle()
    assert cell_text(window, "income_expenditure", "income_gp", "current") == GP_INCOME_2023
    assert {f.year for f in window.workspace.session.findings} <= {2023}
    assert window.findings_panel is not None and window.statusBar().currentMessage().startswith("已切换到 2023 年度")
    assert window.file.path == two_year_path


def test_editing_after_switching_writes_that_year_and_starts_a_fresh_undo_history(qtbot, two_year_path,
                                                                                 open_window):
    window = open_window(two_year_path)
    model = window.views["sangong"][0].sheet()
    assert model.setData(model.index_of("abroad", "budget"), "7")  # an edit in 2024: something to undo
    assert window.undo_action.isEnabled()
    choose_with_mouse(qtbot, window, "2023年度")
    assert not window.undo_action.isEnabled()
    assert "撤销记录已清空" in window.statusBar().currentMessage()
    view = window.views["sangong"][0]
    model = view.sheet()
    click(qtbot, view, model.index_of("abroad", "budget"))
    qtbot.keyClicks(view, "1")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "234")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(two_year_path, 2023, "sangong", "abroad", "budget") == Money.from_yuan(1234)
    assert stored(two_year_path, 2024, "sangong", "abroad", "budget") == Money.from_yuan(7)
    assert window.undo_action.isEnabled()


def test_the_year_shown_is_remembered_for_the_file(qtbot, tmp_path, two_year_path, open_window):
    window = open_window(two_year_path)
    choose_with_mouse(qtbot, window, "2023年度")
    assert window.settings.year_for(two_year_path) == 2023
    settings = window.settings
    window.close()
    again = MainWindow(settings, tmp_path / "settings.json", persist=False)
    qtbot.addWidget(again)
    assert again.open_document(two_year_path)
    assert again.workspace.year == 2023 and again.year_switcher.combo.currentText() == "2023年度"


def test_the_menu_switches_too_and_a_read_only_document_can_switch(qtbot, two_year_path, open_window):
    window = open_window(None)
    assert window.open_document(two_year_path, read_only=True)
    menu = window.year_switcher.menu
    assert menu.isEnabled() and menu.title() == "切换年度(&Y)"
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert actions["2024年度"].isChecked() and "选择年度…" in actions
    actions["2023年度"].trigger()
    assert window.workspace.year == 2023 and window.workspace.read_only
    assert "2023年度（只读）" in window.windowTitle()
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["2023年度"]


def test_other_year_files_of_the_department_are_listed_and_open(qtbot, year_files, open_window):
    first, second = year_files
    folder = first.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    window = open_window(second)
    assert labels(window) == [f"2023年度（{first.name}）", "2024年度"], "no other department, no damaged file"
    beside = {p.name: p.read_bytes() for p in folder.iterdir() if p != second and not p.name.startswith(second.name)}
    assert beside == {name: data for name, data in before.items() if name != second.name}, "looked at, not touched"
    choose_with_keys(qtbot, window, f"2023年度（{first.name}）")
    assert window.file.path == first and not window.file.read_only
    assert window.workspace.year == 2023
    assert cell_text(window, "income_expenditure", "income_gp", "current") == GP_INCOME_2023
    assert labels(window) == ["2023年度", f"2024年度（{second.name}）"]
    choose_with_mouse(qtbot, window, f"2024年度（{second.name}）")  # and back: the lock was let go
    assert window.file.path == second and window.workspace.year == 2024


def test_a_file_another_window_edits_is_offered_read_only_like_file_open(qtbot, year_files, open_window):
    first, second = year_files
    other = open_window(first)
    window = open_window(second)
    asked = []
    window.recovery.ask_read_only = lambda message, title="": asked.append(title) or True
    choose_with_mouse(qtbot, window, f"2023年度（{first.name}）")
    assert asked == ["文档正在编辑中"]
    assert window.file.path == first and window.file.read_only and window.workspace.year == 2023
    assert other.file.path == first and not other.file.read_only


def test_a_refused_file_leaves_the_year_shown(qtbot, year_files, open_window):
    first, second = year_files
    open_window(first)
    window = open_window(second)
    window.recovery.ask_read_only = lambda message, title="": False
    choose_with_mouse(qtbot, window, f"2023年度（{first.name}）")
    assert window.file.path == second and window.year_switcher.combo.currentText() == "2024年度"


def test_next_years_file_made_by_new_lists_the_previous_years_file(qtbot, tmp_path, monkeypatch, open_window):
    seed = load_sample(1)
    folder = tmp_path / "docs"
    first = save(folder, default_file_name(seed.department_name, 2023), seed)
    window = open_window(first)
    assert labels(window) == ["2023年度"] and not window.year_switcher.combo.isEnabled()
    monkeypatch.setattr(NewDocumentDialog, "exec", lambda self: NewDocumentDialog.DialogCode.Accepted)
    window.new_document()  # the dialog's defaults: next year, rolled over, beside the current file
    second = folder / default_file_name(seed.department_name, 2024)
    assert window.file.path == second and window.workspace.year == 2024
    assert cell_text(window, "income_expenditure", "income_gp", "prior") == GP_INCOME_2023
    assert labels(window) == [f"2023年度（{first.name}）", "2024年度"]
    choose_with_mouse(qtbot, window, f"2023年度（{first.name}）")
    assert window.file.path == first and window.workspace.year == 2023


def test_with_one_year_the_shortcut_says_there_is_nothing_to_switch(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    window.year_switcher.pick_action.trigger()
    assert "没有可切换的其他年度" in window.statusBar().currentMessage()
    assert not window.year_switcher.combo.view().isVisible()


def test_the_mouse_wheel_passing_over_the_year_box_switches_nothing(qtbot, two_year_path, open_window):
    from PySide6.QtCore import QPointF  # only to make the event; the window gets Qt from desktop.ui.qt
    from PySide6.QtGui import QWheelEvent
    from desktop.ui.qt import QPoint
    window = open_window(two_year_path)
    combo = window.year_switcher.combo
    centre = QPointF(combo.rect().center())
    for delta in (120, -120):
        event = QWheelEvent(centre, QPointF(combo.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, delta),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, event)
        assert window.workspace.year == 2024 and combo.currentText() == "2024年度"
