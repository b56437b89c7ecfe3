"""查找 (Ctrl+F) with real key events: a cell by its text, an amount by its plain figure, a text
only a 审核 finding holds, a cell of another project's 自评表; F3 / Shift+F3 wrap; Esc closes."""

import pytest

from desktop.editing.find import cell_matches, normalized, text_matches
from desktop.io.samples import load_example
from desktop.ui.find_bar import NOT_FOUND
from desktop.ui.qt import QApplication, QEvent, QKeyEvent, Qt, QTabWidget

from tests.ui.conftest import save

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


def type_in(widget, text):
    """Key presses carrying each character, as an input method delivers Chinese (QTest's
    keyClicks takes ASCII only)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))
        QApplication.processEvents()
        widget = QApplication.focusWidget() or widget


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def open_find(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    assert QApplication.focusWidget() is bar.edit
    return bar


def shown_tab(window) -> str:
    """The labels of the current tab and sub-tab, "绩效指标/项目自评"."""
    labels = [window.tabs.tabText(window.tabs.currentIndex())]
    inner = window.tabs.currentWidget()
    if isinstance(inner, QTabWidget):
        labels.append(inner.tabText(inner.currentIndex()))
    return "/".join(labels)


def current_cell(window, key):
    view = window.views[key][0]
    index = view.currentIndex()
    return view, index, view.sheet().address(index) if index.isValid() else None


def test_matching_ignores_case_blanks_and_thousands_separators():
    assert cell_matches(normalized(" 36000 "), "36,000.00")
    assert cell_matches(normalized("36,000"), "36,000.00")
    assert cell_matches(normalized("7812.957"), "7,812.96", "7812.957773")
    assert not cell_matches(normalized("36001"), "36,000.00", "36000.00")
    assert not cell_matches(normalized("  "), "anything")
    assert text_matches(normalized("abc"), "", "xABCx") and not text_matches("", "abc")


def test_ctrl_f_finds_a_cell_by_its_text_on_its_tab(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    assert shown_tab(window) == "基本情况"
    bar = open_find(qtbot, window)
    type_in(bar.edit, "其他资本性支出")
    view, index, address = current_cell(window, "gp_basic_economic")
    assert shown_tab(window) == "预算执行"
    assert index.data() == "其他资本性支出"
    assert view.selectionModel().isSelected(index)
    assert bar.status.text() == f"第 1 个，共 {len(bar.hits)} 个"
    assert QApplication.focusWidget() is bar.edit  # typing goes on in the bar


def test_an_amount_typed_plain_finds_the_cell_showing_it_with_separators(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    bar = open_find(qtbot, window)
    qtbot.keyClicks(bar.edit, "36000")
    view, index, _address = current_cell(window, "sangong")
    assert shown_tab(window) == "三公经费"
    assert index.data() == "36,000.00"
    first = index
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # Enter: the next one
    assert bar.status.text() == f"第 2 个，共 {len(bar.hits)} 个"
    assert view.currentIndex() != first and view.currentIndex().data() == "36,000.00"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)  # back to the first
    assert view.currentIndex() == first
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)  # wraps round to the last
    assert bar.status.text() == f"第 {len(bar.hits)} 个，共 {len(bar.hits)} 个"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.status.text() == f"第 1 个，共 {len(bar.hits)} 个"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is view and view.currentIndex() == first


def test_a_text_only_a_finding_holds_selects_it_in_the_audit_panel(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    text = "未列明"
    assert not [c for c in window.find_bar.cells() if text in c.shown]
    window.findings_dock.hide()
    bar = open_find(qtbot, window)
    type_in(bar.edit, text)
    assert bar.status.text() == "第 1 个，共 1 个"
    assert window.findings_dock.isVisible()
    finding = window.findings_panel.current_finding()
    assert finding is not None and finding.rule == "N-11" and text in finding.message


def test_nothing_found_says_so(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    bar = open_find(qtbot, window)
    type_in(bar.edit, "没有这样的文字")
    assert bar.status.text() == NOT_FOUND and bar.hits == []


def test_a_cell_of_another_projects_self_evaluation_is_shown_with_its_project(qtbot, tmp_path, open_window):
    path = save(tmp_path / "docs", "example.fdesk", load_example())
    window = open_window(path)
    activate(qtbot, window)
    page = window.views["project_indicators"][1]
    projects = page.list_model.document_rows()
    assert len(projects) > 1 and page.current_project() == projects[0]
    target = next(c for c in window.find_bar.cells() if c.view_key == "project_indicators"
                  and c.project == projects[-1] and c.column == "level3")
    bar = open_find(qtbot, window)
    type_in(bar.edit, target.shown)
    matches = [h.cell for h in bar.hits]
    assert target in matches
    for _ in range(matches.index(target)):
        qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.status.text() == f"第 {matches.index(target) + 1} 个，共 {len(matches)} 个"
    assert shown_tab(window) == "绩效指标/项目自评"
    assert page.current_project() == projects[-1]
    _view, index, address = current_cell(window, "project_indicators")
    assert address == (target.row_id, "level3") and index.data() == target.shown


def test_the_search_follows_edits(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    bar = open_find(qtbot, window)
    type_in(bar.edit, "新写的名词")
    assert bar.status.text() == NOT_FOUND
    view = window.views["glossary"][0]
    view.setFocus()
    view.setCurrentIndex(view.sheet().index(0, 0))
    type_in(view, "新写的名词")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert bar.status.text() == "第 1 个，共 1 个"
    assert view.currentIndex() == view.sheet().index(0, 0)
