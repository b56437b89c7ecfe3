"""Where a figure came from, in the window: a typed cell says 手工输入 in its tooltip, a pasted
one 粘贴, an imported one its workbook and cell; the 来源 filter of the find bar goes through the
cells of one source; and the sources are on disk."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import save
from test_excel import Clerk
from test_find import activate
from test_main_window import type_into

from desktop.domain.document import Document
from desktop.domain.sources import KINDS, TYPED
from desktop.store.docfile import DocumentFile
from desktop.ui.qt import QApplication, Qt

sys.path.insert(0, str(Path(__file__).parents[1] / "io" / "official"))
import official_workbooks as wb  # noqa: E402

pytestmark = pytest.mark.usefixtures("no_real_modals")


def tooltip(model, row, column) -> str:
    return model.data(model.index_of(row, column), Qt.ItemDataRole.ToolTipRole) or ""


def sources_on_disk(path):
    with DocumentFile.open(path) as file:
        return file.load().sources


def test_typed_pasted_and_imported_cells_say_where_they_came_from(qtbot, tmp_path, monkeypatch, open_window):
    path = save(tmp_path / "docs", "测试局.fdesk", Document.new(wb.DEPARTMENT, wb.YEAR, "national"))
    window = open_window(path)
    activate(qtbot, window)
    view = window.views["sangong"][0]
    model = view.sheet()
    window._show_page(window.views["sangong"][1])
    type_into(qtbot, view, model.index_of("abroad", "budget"), "1200")
    assert tooltip(model, "abroad", "budget").endswith("来源：手工输入")
    assert sources_on_disk(path)[(wb.YEAR, "sangong", "abroad", "budget")] == TYPED

    QApplication.clipboard().setText("300\n")
    view.setCurrentIndex(model.index_of("reception", "budget"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert tooltip(model, "reception", "budget").endswith("来源：粘贴")

    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = wb.client_style(tmp_path / "决算软件导出.xlsx")
    assert window.excel.import_official() is not None
    assert tooltip(model, "vehicle_operation", "actual").endswith("来源：官方报表工作簿 “决算软件导出.xlsx” Sheet7!J7")
    expenditure = window.views["functional_expenditure"][0].sheet()
    first = window.workspace.document.year(wb.YEAR).section("functional_expenditure").row_ids()[0]
    assert tooltip(expenditure, first, "basic").endswith("来源：官方报表工作簿 “决算软件导出.xlsx” Sheet3!F7")
    assert sources_on_disk(path)[(wb.YEAR, "sangong", "vehicle_operation", "actual")].kind == "official"


def test_the_source_filter_goes_through_the_cells_of_one_source(qtbot, tmp_path, monkeypatch, open_window):
    path = save(tmp_path / "docs", "测试局.fdesk", Document.new(wb.DEPARTMENT, wb.YEAR, "national"))
    window = open_window(path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = wb.client_style(tmp_path / "决算软件导出.xlsx")
    plan = window.excel.import_official()
    assert plan is not None
    activate(qtbot, window)
    view = window.views["sangong"][0]
    window._show_page(window.views["sangong"][1])
    type_into(qtbot, view, view.sheet().index_of("abroad", "budget"), "1200")
    bar = window.find_bar
    window.find_bar.source_action.trigger()
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    assert QApplication.focusWidget() is bar.source_filter
    while bar.source_filter.currentText() != KINDS["typed"]:
        qtbot.keyClick(bar.source_filter, Qt.Key.Key_Down)
    assert len(bar.hits) == 1 and bar.status.text() == "第 1 个，共 1 个"
    assert view.currentIndex() == view.sheet().index_of("abroad", "budget")
    bar.source_filter.setCurrentText(KINDS["official"])
    imported = [k for k, s in window.workspace.document.sources.items() if s.kind == "official"]
    assert len(bar.hits) == len(imported) > 50
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status.text() == f"第 2 个，共 {len(imported)} 个"
    qtbot.keyClicks(bar.edit, "208")  # text and source together
    assert 0 < len(bar.hits) < len(imported)
    assert all(h.cell is not None for h in bar.hits)
