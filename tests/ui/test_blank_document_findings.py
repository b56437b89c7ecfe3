"""A blank document is not clean: its unfilled 第一部分 tables are 审核 findings (T0-01) with tab
badges from the first minute, and the export gate still counts each unfilled table once.
Offscreen, with real key events for the fill-in."""

import pytest

from desktop.editing.rollover import new_document
from desktop.publication.gate import export_gate
from desktop.publication.tables import part_one_tables
from desktop.store.docfile import DocumentFile
from desktop.ui.qt import QApplication, Qt

YEAR = 2024

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


@pytest.fixture()
def blank_path(tmp_path):
    path = tmp_path / "新部门.fdesk"
    DocumentFile.create(path, new_document("某区新部门", YEAR, "beijing-district")).close()
    return path


def unfilled_findings(window):
    return [f for f in window.workspace.session.findings if f.rule == "T0-01"]


def test_a_blank_document_shows_its_unfilled_tables_with_badges(qtbot, blank_path, open_window):
    window = open_window(blank_path)
    document = window.workspace.document
    unfilled = [t.unfilled for t in part_one_tables(document, document.year(YEAR)) if t.unfilled]
    assert len(unfilled) == 11
    found = unfilled_findings(window)
    assert sorted(f.message for f in found) == sorted(unfilled)
    assert all(f.severity == "error" and not f.needs_explanation for f in found)

    editors = window.workspace.editors
    badges = window.badge_counts()
    for finding in found:
        assert badges[editors.tab_label(finding.location.section)][0] >= 1, finding.text
    procurement_tab = editors.tab_label("procurement")
    assert badges[procurement_tab][0] == len([f for f in found if editors.tab_label(f.location.section)
                                              == procurement_tab])

    gate = export_gate(document, YEAR)
    assert gate.unfilled == tuple(unfilled), "the gate lists each unfilled table once"
    assert not [f for f in gate.errors if f.rule == "T0-01"], "and not again as an error"

    # 政府采购: an explicit 0 confirms the 空表; the finding and its badge count go at once
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    bar = window.tabs.tabBar()
    [tab] = [i for i in range(bar.count()) if window.tabs.widget(i).isAncestorOf(window.views["procurement"][0])]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    assert window.tabs.currentIndex() == tab
    view = window.views["procurement"][0]
    model = view.sheet()
    before = badges[procurement_tab][0]
    view.setFocus()
    view.setCurrentIndex(model.index_of(model.record or "", "goods"))
    qtbot.keyClicks(view, "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not [f for f in unfilled_findings(window) if f.location.section == "procurement"]
    assert window.badge_counts()[procurement_tab][0] == before - 1
    assert len(export_gate(window.workspace.document, YEAR).unfilled) == 10
