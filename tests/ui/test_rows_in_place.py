"""Rows inserted and removed in a table (编辑 ▸ 插入行 / 删除所选行, undo and redo) arrive in the
table's model as those rows only, not as a rebuilt table: the cursor stays where the clerk is,
the row numbers follow, the 合计 row stays last, and the model contract holds throughout."""

from __future__ import annotations

import pytest

from desktop.editing.commands import RemoveRows
from desktop.ui.qt import QApplication, Qt
from desktop.ui.sheet_model import TOTAL_ROW
from tests.ui.cells import click


@pytest.fixture()
def window(open_window, clean_path):
    window = open_window(clean_path)
    QApplication.processEvents()
    return window


def numbers(model) -> list[str]:
    return [str(model.headerData(row, Qt.Orientation.Vertical)) for row in range(model.rowCount())]


def test_insert_and_remove_move_only_those_rows(qtbot, qtmodeltester, window):
    view, page, _filter = window.views["gp_functional"]
    window._show_page(page)
    model = view.sheet()
    qtmodeltester.check(model)  # stays attached: every signal below is checked
    rows = model.document_rows()
    click(qtbot, view, model.index_of(rows[2], "name"))
    view.setFocus()
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # 插入行
    assert inserted.args[1:] == [2, 2]
    assert len(model.document_rows()) == len(rows) + 1 and model.document_rows()[3] == rows[2]
    assert numbers(model)[:-1] == [str(n) for n in range(1, len(rows) + 2)]
    assert model.document_rows()[-1] == rows[-1] and model._rows[-1].row_id == TOTAL_ROW
    assert view.currentIndex().row() == 2
    new_row = model.document_rows()[2]
    click(qtbot, view, model.index(2, 1))
    with qtbot.waitSignal(model.rowsRemoved):
        qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert new_row not in model.document_rows() and model.document_rows() == rows
    with qtbot.waitSignal(model.rowsInserted):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the removal undone
    assert model.document_rows()[2] == new_row
    assert numbers(model)[:-1] == [str(n) for n in range(1, len(rows) + 2)]
    assert not resets
    assert view.rowHeight(2) > 0 and view.minimumHeight() >= sum(view.rowHeight(r) for r in range(model.rowCount()))


def test_removing_rows_apart_removes_each_run(qtbot, qtmodeltester, window):
    view = window.views["gp_functional"][0]
    model = view.sheet()
    qtmodeltester.check(model)
    rows = model.document_rows()
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    workspace = window.workspace
    assert workspace.push(RemoveRows(workspace.year, "gp_functional", [rows[1], rows[2], rows[5]], "删除 3 行"))
    assert sorted(removed) == [(1, 2), (5, 5)]
    assert model.document_rows() == [r for r in rows if r not in (rows[1], rows[2], rows[5])]
    workspace.undo()
    assert model.document_rows() == rows
