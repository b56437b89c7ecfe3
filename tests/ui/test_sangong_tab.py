"""The 三公经费 tab as a clerk uses it: the 三公 table in its 样表 orientation (items across, 年初预算数 /
决算数 … down), with real key and mouse events — typing, Enter and Tab, a block pasted from Excel,
copy, Delete at a computed total, undo, problem marks, the 审核 panel's jump — and the quantity
tables beside it. Every edit is checked in the document file."""

import pytest

from desktop.domain.money import Money
from desktop.rules.findings import Finding, Location
from desktop.ui.qt import QApplication, Qt
from desktop.ui.sheet_model import COMPUTED_BACKGROUND, COMPUTED_FOREGROUND, ERROR_BACKGROUND, SheetModel
from tests.ui.conftest import save
from tests.ui.cells import click, stored

YEAR = 2023
ITEMS = ["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
MEASURES = ["budget", "actual", "prior_actual", "completion", "change", "change_rate", "reason", "prior_reason"]


@pytest.fixture()
def window(open_window, seed1_path):
    window = open_window(seed1_path)
    window._show_page(window.views["sangong"][1])
    return window


def view_model(window, section="sangong"):
    view = window.views[section][0]
    return view, view.sheet()


def type_text(qtbot, view, text):
    qtbot.keyClicks(view, text[:1])  # the first key opens the editor: typing replaces the cell
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_table_reads_like_the_official_form(window):
    _, model = view_model(window)
    assert model.transposed and model.columnCount() == len(ITEMS) and model.rowCount() == len(MEASURES)
    across = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert across == ["合计", "因公出国\n（境）费", "公务用车购置及\n运行维护费", "其中：\n购置费", "运行维护费", "公务接待费"]
    down = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert down == ["年初预算数", "决算数", "上年决算数", "决算占预算", "比上年增减", "增减率", "比年初预算增减原因", "比上年增减原因"]
    assert [model.address(model.index(1, c)) for c in range(len(ITEMS))] == [(item, "actual") for item in ITEMS]
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "公务用车购置费"
    assert "自动计算" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()


def test_the_table_passes_the_model_tester_in_yuan_and_wan(qtmodeltester, window):
    _, model = view_model(window)
    qtmodeltester.check(model, force_py=True)
    window.set_unit("万元")
    qtmodeltester.check(model, force_py=True)


def test_typing_enter_moves_down_the_item_and_tab_to_the_next_item(qtbot, window):
    view, model = view_model(window)
    view.setFocus()
    click(qtbot, view, model.index_of("reception", "budget"))
    type_text(qtbot, view, "5000")
    assert stored(window, "sangong", "reception", "budget") == Money.from_yuan(5000)
    assert model.address(view.currentIndex()) == ("reception", "actual"), "Enter moves down to 决算数"
    click(qtbot, view, model.index_of("abroad", "prior_actual"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert model.address(view.currentIndex()) == ("vehicle", "prior_actual")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    type_text(qtbot, view, "1,200")
    assert stored(window, "sangong", "vehicle_purchase", "prior_actual") == Money.from_yuan(1200)
    assert model.data(model.index_of("vehicle", "prior_actual")) == "1,200.00"
    assert model.data(model.index_of("total", "prior_actual")) == "1,200.00"


def test_a_reason_is_typed_in_its_own_row(qtbot, window):
    view, model = view_model(window)
    view.setFocus()
    click(qtbot, view, model.index_of("vehicle_operation", "prior_reason"))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the edit key opens the long-text editor
    editor = QApplication.focusWidget()
    editor.insertPlainText("车辆老化，维修增加")  # Chinese arrives through the input method, not key codes
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, "sangong", "vehicle_operation", "prior_reason") == "车辆老化，维修增加"


def test_a_block_from_excel_pastes_in_the_form_s_orientation_as_one_undo_step(qtbot, window):
    view, model = view_model(window)
    QApplication.clipboard().setText("100\t200\n90\t180\n")  # 购置费 | 运行维护费 × 年初预算数 / 决算数
    click(qtbot, view, model.index_of("vehicle_purchase", "budget"))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [stored(window, "sangong", item, column) for item in ("vehicle_purchase", "vehicle_operation")
            for column in ("budget", "actual")] == [Money.from_yuan(v) for v in (100, 90, 200, 180)]
    assert model.data(model.index_of("vehicle", "actual")) == "270.00"
    assert window.workspace.undo_stack.count() == 1
    window.workspace.undo_stack.undo()
    assert stored(window, "sangong", "vehicle_operation", "actual") == Money.from_yuan(10298)


def test_a_paste_over_a_computed_total_is_refused_whole(qtbot, window):
    view, model = view_model(window)
    QApplication.clipboard().setText("1\t2\t3\n")  # 因公出国, then the computed 公务用车 小计
    click(qtbot, view, model.index_of("abroad", "budget"))
    assert not view.paste()
    assert "公务用车购置及运行维护费（年初预算数）是自动计算的" in window.problem_bar.text()
    assert window.workspace.undo_stack.count() == 0


def test_copy_gives_the_block_in_the_form_s_orientation_as_values(qtbot, window):
    view, model = view_model(window)
    selection = view.selectionModel()
    for item in ("vehicle_purchase", "vehicle_operation"):
        for column in ("budget", "actual"):
            selection.select(model.index_of(item, column), selection.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # as Excel copies: the value in the unit shown, without 千分号 (issue 20)
    assert QApplication.clipboard().text() == "0.00\t36000.00\n0.00\t10298.00\n"


def test_computed_cells_are_read_only_and_delete_clears_a_typed_total(qtbot, window):
    view, model = view_model(window)
    for item, column in (("total", "budget"), ("vehicle", "actual"), ("abroad", "completion"), ("reception", "change")):
        assert not model.flags(model.index_of(item, column)) & Qt.ItemFlag.ItemIsEditable, (item, column)
    assert model.data(model.index_of("abroad", "completion"), Qt.ItemDataRole.BackgroundRole).color() == COMPUTED_BACKGROUND
    assert model.data(model.index_of("vehicle", "actual"), Qt.ItemDataRole.ForegroundRole).color() == COMPUTED_FOREGROUND
    assert model.data(model.index_of("abroad", "actual"), Qt.ItemDataRole.ForegroundRole) is None
    total = model.index_of("total", "budget")
    assert model.data(total) == "36,000.00"
    assert model.data(total, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND  # seed 1's typed 44,961.00
    assert "T7-01" in model.data(total, Qt.ItemDataRole.ToolTipRole)
    click(qtbot, view, total)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(window, "sangong", "total", "budget") is None
    assert "T7-01" not in (model.data(total, Qt.ItemDataRole.ToolTipRole) or "")
    window.workspace.undo_stack.undo()
    assert stored(window, "sangong", "total", "budget") == Money.from_yuan(44961)


def test_the_panel_jumps_to_a_cell_of_the_transposed_table(qtbot, open_window, tmp_path):
    from desktop.synthetic import build_document
    document = build_document()
    document.year(YEAR).section("sangong").set_value("reception", "prior_reason", None)
    window = open_window(save(tmp_path / "docs", "clean.fdesk", document))
    panel = window.findings_panel
    [finding] = [f for f in panel.findings() if f.rule == "N-06"]
    assert finding.location.key == "sangong/reception/prior_reason"
    window.tabs.setCurrentIndex(0)
    assert panel.select_finding(finding.identity)
    where = panel.view.visualRect(panel.view.currentIndex()).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "三公经费"
    view, model = view_model(window)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (MEASURES.index("prior_reason"),
                                                                         ITEMS.index("reception"))
    assert model.data(view.currentIndex(), Qt.ItemDataRole.BackgroundRole) is not None


def test_the_quantities_sit_under_the_table(qtbot, window):
    tab = window.views["sangong"][1]
    assert [box.view.sheet().section.key for box in tab.boxes] == [
        "sangong", "sangong_details", "sangong_vehicles", "sangong_reception", "admin_operating_cost"]
    view, model = view_model(window, "sangong_reception")
    assert not model.transposed
    click(qtbot, view, model.index_of("domestic", "batches"))
    view.setFocus()
    type_text(qtbot, view, "3")
    assert stored(window, "sangong_reception", "domestic", "batches") == 3
    view, model = view_model(window, "sangong_vehicles")
    assert view.append_row()
    row = model.document_rows()[-1]
    assert model.setData(model.index_of(row, "type"), "其他用车")
    assert model.setData(model.index_of(row, "stock"), "2")
    assert stored(window, "sangong_vehicles", row, "stock") == 2
    assert model.data(model.index(model.rowCount() - 1, 2)) == "2"  # the 合计 row
    details_view, details = view_model(window, "sangong_details")
    labels = [details.headerData(r, Qt.Orientation.Vertical) for r in range(details.rowCount())]
    assert labels.index("因公出国（境）团组数（个）") < labels.index("年末公务用车保有量（辆）") \
        < labels.index("上年末公务用车保有量（辆）")


def test_transposition_is_an_option_of_the_editors_data(window, monkeypatch):
    from dataclasses import replace
    editors = window.workspace.editors
    monkeypatch.setattr(window.workspace, "editors", replace(editors, transposed={}))
    plain = SheetModel(window.workspace, "sangong")
    assert not plain.transposed and plain.rowCount() == len(ITEMS)
    assert plain.headerData(1, Qt.Orientation.Vertical) == "因公出国（境）费"


def test_a_jump_to_every_cell_lands_where_the_location_says(window):
    view, model = view_model(window)
    for item in ITEMS:
        for measure in MEASURES:
            finding = Finding("X", "warning", YEAR, Location("sangong", item, measure), "x")
            assert window.jump_to(finding)
            assert model.address(view.currentIndex()) == (item, measure)
