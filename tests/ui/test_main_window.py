"""The main window end to end, as a clerk uses it: typing, pasting, undo, badges, the 审核 panel,
explanations, reopening. Offscreen; every edit is checked in the document file itself."""

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.io.samples import load_sample
from desktop.store.docfile import DocumentFile
from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, Qt
from desktop.ui.sheet_model import TOTAL_ROW

YEAR = 2023


@pytest.fixture()
def document_path(tmp_path):
    path = tmp_path / "seed1.fdesk"
    DocumentFile.create(path, load_sample(1)).close()
    return path


@pytest.fixture()
def window(qtbot, tmp_path, document_path):
    window = MainWindow(Settings(), tmp_path / "settings.json")
    qtbot.addWidget(window)
    assert window.open_document(document_path)
    window.show()
    return window


def stored(path, section, row, column, year=YEAR):
    with DocumentFile.open(path) as file:
        return file.load().year(year).section(section).rows.get(row, {}).get(column)


def view_of(window, section):
    return window.views[section][0]


def type_into(qtbot, view, index, text):
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text[:1])  # the first key opens the editor (typing replaces)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_typing_a_money_cell_saves_it_recomputes_the_total_and_moves_a_badge(qtbot, window, document_path):
    view = view_of(window, "gp_functional")
    model = view.sheet()
    before = window.badge_counts()["预算执行"]
    total_index = model.index_of(TOTAL_ROW, "budget")
    total_before = Decimal(model.data(total_index).replace(",", ""))
    assert model.data(model.index_of("r1", "budget")) == "220,000.00"
    type_into(qtbot, view, model.index_of("r1", "budget"), "250000")
    assert stored(document_path, "gp_functional", "r1", "budget") == Money.from_yuan(250000)
    assert model.data(model.index_of("r1", "budget")) == "250,000.00"
    assert Decimal(model.data(total_index).replace(",", "")) == total_before + 30000
    assert window.badge_counts()["预算执行"] != before
    assert view.currentIndex().row() == model.index_of("r1", "budget").row() + 1, "Enter moves down"
    assert window.saved_label.text().startswith("已保存 ")


def test_a_refused_value_changes_nothing_and_says_where(qtbot, window, document_path):
    model = view_of(window, "sangong").sheet()
    index = model.index_of("abroad", "budget")
    assert not model.setData(index, "12a")
    assert stored(document_path, "sangong", "abroad", "budget") == Money(0)
    assert window.problem_bar.isVisibleTo(window)
    assert "三公" in window.problem_bar.text() and "12a" in window.problem_bar.text()
    assert window.workspace.undo_stack.count() == 0


def test_pasting_a_3x4_block_is_one_undo_step(qtbot, window, document_path):
    view = view_of(window, "gp_functional")
    model = view.sheet()
    original = {(r, c): stored(document_path, "gp_functional", r, c) for r in ("r1", "r2", "r3")
                for c in ("budget", "basic", "project", "total")}
    QApplication.clipboard().setText("1\t2\t3\t5\n10\t20\t30\t50\n100\t200\t300\t500\n")
    view.setCurrentIndex(model.index_of("r1", "budget"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.undo_stack.count() == 1
    assert stored(document_path, "gp_functional", "r3", "total") == Money.from_yuan(500)
    assert stored(document_path, "gp_functional", "r2", "basic") == Money.from_yuan(20)
    window.workspace.undo_stack.undo()
    assert {(r, c): stored(document_path, "gp_functional", r, c) for r, c in original} == original


def test_a_paste_that_does_not_fit_is_refused_whole(qtbot, window, document_path):
    view = view_of(window, "sangong")
    model = view.sheet()
    QApplication.clipboard().setText("1\t2\t3\t4\t5\t6\t7\t8\n")
    view.setCurrentIndex(model.index_of("total", "budget"))
    assert not view.paste()
    assert "粘贴被拒绝" in window.problem_bar.text()
    QApplication.clipboard().setText("1\n2\nabc\n")  # down one item of the 样表: 年初预算数, 决算数, 上年决算数
    view.selectionModel().clearSelection()
    view.setCurrentIndex(model.index_of("vehicle_purchase", "budget"))
    assert not view.paste()
    assert "abc" in window.problem_bar.text() and "公务用车购置费（上年决算数）" in window.problem_bar.text()
    assert stored(document_path, "sangong", "vehicle_purchase", "budget") == Money(0)
    assert window.workspace.undo_stack.count() == 0


def test_a_paste_past_the_end_of_a_variable_table_adds_rows(qtbot, window, document_path):
    view = view_of(window, "purchased_services")
    model = view.sheet()
    rows_before = len(model.document_rows())
    QApplication.clipboard().setText("物业服务\t1,000.00\n保洁服务\t2000\n")
    view.setCurrentIndex(model.index(rows_before - 1, 0))
    assert view.paste()
    assert len(model.document_rows()) == rows_before + 1
    new_row = model.document_rows()[-1]
    assert stored(document_path, "purchased_services", new_row, "amount") == Money.from_yuan(2000)
    window.workspace.undo_stack.undo()
    assert len(model.document_rows()) == rows_before


def test_single_value_fills_the_selection_and_delete_clears(qtbot, window, document_path):
    view = view_of(window, "sangong")
    model = view.sheet()
    selection = view.selectionModel()
    for row in ("abroad", "reception"):
        selection.select(model.index_of(row, "prior_actual"), selection.SelectionFlag.Select)
    QApplication.clipboard().setText("7\n")
    assert view.paste()
    assert stored(document_path, "sangong", "reception", "prior_actual") == Money.from_yuan(7)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(document_path, "sangong", "abroad", "prior_actual") is None
    assert window.workspace.undo_stack.count() == 2


def test_copy_gives_tab_separated_text(window):
    view = view_of(window, "sangong")
    model = view.sheet()
    selection = view.selectionModel()
    for column in ("budget", "actual"):
        selection.select(model.index_of("total", column), selection.SelectionFlag.Select)
    view.copy()
    assert QApplication.clipboard().text() == "36,000.00\n10,298.00\n"  # the computed 合计, down its 样表 column


def test_a_total_is_computed_read_only_and_delete_clears_a_typed_figure(qtbot, window, document_path):
    view = view_of(window, "sangong")
    model = view.sheet()
    total = model.index_of("total", "budget")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total) == "36,000.00"  # 0.00 + 36,000.00 + 0.00, not seed 1's typed 44,961.00
    tooltip = model.data(total, Qt.ItemDataRole.ToolTipRole)
    assert "自动计算" in tooltip and "44,961.00" in tooltip and "Delete" in tooltip
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) is not None
    assert not model.setData(total, "50000")  # a total is never typed
    errors = window.badge_counts()["三公经费"]
    view.setCurrentIndex(total)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(document_path, "sangong", "total", "budget") is None
    assert window.workspace.undo_stack.count() == 1
    assert window.badge_counts()["三公经费"] != errors  # T7-01 (typed 合计 ≠ its items) is gone
    assert model.data(total) == "36,000.00"
    window.workspace.undo_stack.undo()
    assert stored(document_path, "sangong", "total", "budget") == Money.from_yuan("44961")
    operation = model.index_of("vehicle_operation", "budget")
    assert model.setData(operation, "40000")
    assert model.data(total) == "40,000.00" and model.data(model.index_of("vehicle", "budget")) == "40,000.00"


def test_a_wrong_figure_appears_in_the_panel_and_double_click_lands_on_its_cell(qtbot, window):
    model = view_of(window, "procurement").sheet()
    assert model.setData(model.index_of("", "goods"), "999999999")
    panel = window.findings_panel
    new = [f for f in panel.findings() if f.location.section == "procurement" and f.severity == "error"]
    assert new, "the wrong figure produced an error in the 审核 panel"
    finding = new[0]
    assert panel.select_finding(finding.identity)
    window.tabs.setCurrentIndex(0)
    view = panel.view
    index = view.currentIndex()
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "政府采购"
    target = view_of(window, "procurement")
    assert target.sheet().address(target.currentIndex()) == (finding.location.row, finding.location.column)


def test_jumping_to_a_project_indicator_selects_the_project_first(window):
    data = window.workspace.document.year(YEAR)
    indicator = next(iter(data.section("project_indicators").rows))
    from desktop.rules.findings import Finding, Location
    finding = Finding("P-01", "error", YEAR, Location("project_indicators", indicator, "points"), "x")
    assert window.jump_to(finding)
    view = view_of(window, "project_indicators")
    assert view.sheet().address(view.currentIndex()) == (indicator, "points")


def test_an_explanation_is_found_again_after_reopening(qtbot, window, document_path, tmp_path):
    panel = window.findings_panel
    warning = next(f for f in panel.findings() if f.needs_explanation)
    panel.select_finding(warning.identity)
    panel.editor.setPlainText("已与财务核对，差异为口径不同")
    panel.save_explanation()
    window.close()
    reopened = MainWindow(Settings(), tmp_path / "settings.json")
    qtbot.addWidget(reopened)
    assert reopened.open_document(document_path)
    again = next(f for f in reopened.findings_panel.findings() if f.identity == warning.identity)
    assert again.explanation == "已与财务核对，差异为口径不同"
    assert not again.needs_explanation


def test_reopening_shows_every_edit_without_asking_to_save(qtbot, window, document_path, tmp_path):
    sangong = view_of(window, "sangong").sheet()
    assert sangong.setData(sangong.index_of("abroad", "budget"), "36000")
    services = view_of(window, "purchased_services")
    assert services.append_row()
    row = services.sheet().document_rows()[-1]
    assert services.sheet().setData(services.sheet().index_of(row, "item"), "档案整理服务")
    basic = view_of(window, "basic_info").sheet()
    assert basic.setData(basic.index_of("", "admin_quota"), "25")
    window.close()  # no "save changes?" dialog: it would block this test
    with DocumentFile.open(document_path) as file:
        data = file.load().year(YEAR)
    assert data.section("sangong").rows["abroad"]["budget"] == Money.from_yuan(36000)
    assert data.section("purchased_services").rows[row]["item"] == "档案整理服务"
    assert data.section("basic_info").get("admin_quota") == 25


def test_a_code_fills_in_its_name(window, document_path):
    view = view_of(window, "gp_functional")
    model = view.sheet()
    view.setCurrentIndex(model.index(len(model.document_rows()), 0))
    assert view.append_row()
    row = model.document_rows()[-1]
    assert model.setData(model.index_of(row, "code"), "20101")
    assert stored(document_path, "gp_functional", row, "name") == "人大事务"
    window.workspace.undo_stack.undo()
    assert stored(document_path, "gp_functional", row, "name") is None


def test_rows_are_inserted_and_removed_with_undo(window, document_path):
    view = view_of(window, "gp_functional")
    model = view.sheet()
    rows = model.document_rows()
    view.setCurrentIndex(model.index(1, 0))
    assert view.insert_row()
    assert len(model.document_rows()) == len(rows) + 1 and model.document_rows()[0] == rows[0]
    view.selectionModel().clearSelection()
    view.setCurrentIndex(model.index(0, 2))
    assert view.remove_selected_rows()
    assert rows[0] not in model.document_rows()
    with DocumentFile.open(document_path) as file:
        assert rows[0] not in file.load().year(YEAR).section("gp_functional").rows
    window.workspace.undo_stack.undo()
    window.workspace.undo_stack.undo()
    assert model.document_rows() == rows


def test_the_unit_switch_shows_wan_yuan(window):
    model = view_of(window, "sangong").sheet()
    index = model.index_of("vehicle_operation", "budget")
    window.set_unit("万元")
    assert model.data(index) == "3.60"
    assert model.data(index, Qt.ItemDataRole.EditRole) == "3.6"
    assert model.setData(index, "4.4961")
    assert window.workspace.document.year(YEAR).section("sangong").rows["vehicle_operation"]["budget"] \
        == Money.from_yuan(44961)
    window.set_unit("按模板")
    assert model.data(index) == "44,961.00"
    assert model.data(model.index_of("total", "budget")) == "44,961.00"  # the 合计 follows its parts


def test_problem_cells_carry_the_message_as_tooltip_and_colour(window):
    model = view_of(window, "sangong").sheet()
    index = model.index_of("total", "budget")
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "T7-01" in tooltip and "44,961.00" in tooltip
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    computed = model.index_of("total", "completion")
    assert not model.flags(computed) & Qt.ItemFlag.ItemIsEditable
    assert model.data(computed) == "28.6%"  # 10,298.00 / 36,000.00, the 合计 its items add up to


def test_scores_follow_edits(qtbot, tmp_path):
    path = tmp_path / "seed2.fdesk"
    DocumentFile.create(path, load_sample(2)).close()
    window = MainWindow(Settings(), tmp_path / "settings.json")
    qtbot.addWidget(window)
    assert window.open_document(path)
    assert window.score_panel.total_label.text().startswith("95.00")
    model = window.views["dept_budget_execution"][0].sheet()
    executed = model.index_of("project", "executed")
    value = Decimal(model.data(executed, Qt.ItemDataRole.EditRole)) / 2
    assert model.setData(executed, str(value))
    qtbot.waitUntil(lambda: not window.score_panel.total_label.text().startswith("95.00"), timeout=3000)


def test_new_document_from_the_previous_year(qtbot, window, tmp_path):
    from desktop.editing.rollover import next_year_document
    document = next_year_document(window.workspace.document, YEAR, YEAR + 1)
    target = tmp_path / "2024.fdesk"
    assert window.create_document(document, target)
    assert window.workspace.year == YEAR + 1
    model = view_of(window, "income_expenditure").sheet()
    assert model.data(model.index_of("income_gp", "prior")) == "78,129,577.73"
    assert window.settings.recent[0] == str(target.resolve())


def test_save_as_continues_in_the_copy(window, tmp_path, document_path):
    copy = tmp_path / "copy.fdesk"
    assert window.save_copy_as(copy)
    model = view_of(window, "sangong").sheet()
    assert model.setData(model.index_of("abroad", "budget"), "1")
    assert stored(copy, "sangong", "abroad", "budget") == Money.from_yuan(1)
    assert stored(document_path, "sangong", "abroad", "budget") == Money(0)


def test_tab_moves_right_and_typing_replaces_the_cell(qtbot, window, document_path):
    view = view_of(window, "sangong")
    model = view.sheet()
    window._show_page(window.views["sangong"][1])
    view.setFocus()
    view.setCurrentIndex(model.index_of("abroad", "budget"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the 三公 table reads as its 样表: the next item is to the right
    assert model.address(view.currentIndex()) == ("vehicle", "budget")
    type_into(qtbot, view, model.index_of("reception", "budget"), "88")
    assert stored(document_path, "sangong", "reception", "budget") == Money.from_yuan(88)


def test_indicator_nature_and_qualitative_grades_are_chosen_from_lists(qtbot, window, document_path):
    from desktop.ui.delegates import qualitative_grades
    from desktop.ui.qt import QComboBox
    view = view_of(window, "dept_indicators")
    model = view.sheet()
    row = model.document_rows()[0]
    nature = model.index_of(row, "nature")
    view.setCurrentIndex(nature)
    view.edit(nature)
    editor = view.indexWidget(nature) or QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and [editor.itemText(i) for i in range(editor.count())] == ["", "≥", "≤", "=", "定性"]
    editor.setCurrentText("定性")
    view.commitData(editor)
    view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)
    assert stored(document_path, "dept_indicators", row, "nature") == "定性"
    grades = qualitative_grades(model, model.index_of(row, "actual"))
    assert grades[:5] == ["优", "良", "高", "中", "低"] and "达成" in grades
    assert qualitative_grades(model, model.index_of(row, "target")) == []


def test_standard_dialogs_speak_chinese_and_the_bundled_font_is_registered(qapp):
    from desktop.ui.app import FONT_POINT_SIZE, install_translations, register_fonts
    from desktop.ui.qt import QDialogButtonBox, QFontDatabase
    assert install_translations(qapp)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert any("确定" in t for t in texts) and any("取消" in t for t in texts)
    before = qapp.font()
    try:
        family = register_fonts(qapp, bundled=True)
        assert family == "WenQuanYi Micro Hei" and family in QFontDatabase.families()
        assert qapp.font().family() == family and qapp.font().pointSize() == FONT_POINT_SIZE
    finally:
        qapp.setFont(before)


def test_the_window_takes_the_systems_chinese_font_and_the_bundled_one_only_without(qapp, monkeypatch):
    from desktop.ui import app as start
    from desktop.ui.qt import QFontDatabase
    present = QFontDatabase.families()[0]
    before = qapp.font()
    try:
        monkeypatch.setattr(start, "SYSTEM_FONTS", ("没有这种字体", present, "WenQuanYi Micro Hei"))
        assert start.system_font() == present
        assert start.register_fonts(qapp) == present and qapp.font().family() == present
        monkeypatch.setattr(start, "SYSTEM_FONTS", ("没有这种字体",))
        assert start.system_font() == ""
        assert start.register_fonts(qapp) == "WenQuanYi Micro Hei" == qapp.font().family()
    finally:
        qapp.setFont(before)


