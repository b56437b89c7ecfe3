"""The department's units in the window: the 单位 box, entering a year per unit, the read-only
汇总, each unit's own cells, its badges and findings, all driven by keys and clicks."""

from __future__ import annotations

import pytest

from conftest import save
from test_find import activate
from test_main_window import type_into

from desktop.domain.department_units import is_split, reporting_units, unit_key
from desktop.domain.money import Money
from desktop.store.docfile import DocumentFile
from desktop.synthetic import build_document
from desktop.ui.qt import QApplication, Qt

pytestmark = pytest.mark.usefixtures("no_real_modals")
YEAR = 2023


def choose_by_keys(qtbot, window, text: str) -> None:
    """Select the 单位 box entry starting with `text` with the arrow keys, as a clerk would."""
    combo = window.unit_chooser.combo
    combo.setFocus()
    if not combo.currentText().startswith(text):
        qtbot.keyClick(combo, Qt.Key.Key_Home)
    while not combo.currentText().startswith(text):
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no entry {text}"


def shown(window, section: str):
    view, page, _ = window.views[section]
    window._show_page(page)
    return view, view.sheet()


def test_a_subordinate_unit_is_entered_per_unit_after_asking_and_undo_joins_it_again(
        qtbot, tmp_path, open_window, seed1_path):
    window = open_window(seed1_path)
    activate(qtbot, window)
    asked = []
    window.unit_chooser.ask = lambda _window, year, home, unit: asked.append((year, home, unit)) or True
    combo = window.unit_chooser.combo
    assert combo.isVisible()
    assert [combo.itemText(i).split("\u3000")[0] for i in range(combo.count())] == [
        "部门汇总", "中关村科技园区门头沟园管理委员会（本级）", "北京市门头沟区园区服务保障事务中心"]
    document = window.workspace.document
    summary_before = document.year(YEAR).section("income_expenditure").value("income_total", "current")
    choose_by_keys(qtbot, window, "北京市门头沟区")
    assert asked == [(YEAR, "中关村科技园区门头沟园管理委员会", "北京市门头沟区园区服务保障事务中心")]
    assert is_split(document.year(YEAR)) and window.workspace.reporting_unit == "r2"
    view, model = shown(window, "income_expenditure")
    assert model.key == "income_expenditure@r2" and model.data(model.index_of("income_gp", "current")) == ""
    type_into(qtbot, view, model.index_of("income_business", "current"), "1000")
    assert document.year(YEAR).section("income_expenditure").value("income_business", "current") == \
        Money(100_000) + (document.year(YEAR).section("income_expenditure@r1").value("income_business", "current")
                          or Money(0))
    with DocumentFile.open(seed1_path, read_only=True) as file:
        assert file.load().year(YEAR).section("income_expenditure@r2").value("income_business", "current") == Money(100_000)
    undo = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, undo)
    qtbot.keyClick(view, Qt.Key.Key_Z, undo)
    assert not is_split(document.year(YEAR))
    assert document.year(YEAR).section("income_expenditure").value("income_total", "current") == summary_before
    assert window.workspace.reporting_unit is None or window.workspace.section_key("income_expenditure") == \
        "income_expenditure"


def test_declining_to_enter_per_unit_changes_nothing(qtbot, open_window, seed1_path):
    window = open_window(seed1_path)
    activate(qtbot, window)
    window.unit_chooser.ask = lambda *_args: False
    combo = window.unit_chooser.combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last entry: the 事务中心
    assert not is_split(window.workspace.document.year(YEAR))
    assert window.workspace.reporting_unit is None and window.unit_chooser.combo.currentIndex() == 0


@pytest.fixture()
def units_path(tmp_path):
    document = build_document(projects=2, functional_rows=20, units=3, per_unit=True)
    return save(tmp_path / "docs", "units.fdesk", document)


def test_the_summary_is_read_only_and_says_where_to_type(qtbot, open_window, units_path, qtmodeltester):
    window = open_window(units_path)
    activate(qtbot, window)
    view, model = shown(window, "income_expenditure")
    qtmodeltester.check(model)
    index = model.index_of("income_gp", "current")
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert "部门汇总：各单位之和，自动计算" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    before = model.data(index)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClicks(view, "5")
    assert QApplication.focusWidget() is view and model.data(index) == before  # no editor opened
    functional_view, functional = shown(window, "functional_expenditure")
    assert not functional.is_variable()  # the 汇总's rows are the units'
    reasons_view, sangong = shown(window, "sangong")
    assert sangong.flags(sangong.index_of("abroad", "reason")) & Qt.ItemFlag.ItemIsEditable  # the department's own
    choose_by_keys(qtbot, window, "所属服务中心1")
    view, model = shown(window, "income_expenditure")
    qtmodeltester.check(model)
    assert model.flags(model.index_of("income_gp", "current")) & Qt.ItemFlag.ItemIsEditable
    assert functional.is_variable()


def test_a_units_problem_shows_on_the_unit_and_the_summary_and_leads_to_the_unit(qtbot, open_window, units_path):
    window = open_window(units_path)
    activate(qtbot, window)
    assert window.workspace.session.findings == []
    choose_by_keys(qtbot, window, "所属服务中心2")
    view, model = shown(window, "income_expenditure")
    unit_figure = window.workspace.document.year(YEAR).section("income_expenditure@r3").value("income_gp", "current")
    type_into(qtbot, view, model.index_of("income_gp", "current"), str(unit_figure.yuan + 100))
    findings = window.workspace.session.findings
    on_unit = [f for f in findings if f.location.section.endswith("@r3")]
    on_summary = [f for f in findings if "@" not in f.location.section]
    assert on_unit and on_summary
    combo = window.unit_chooser.combo
    assert combo.itemText(0).startswith("部门汇总\u3000错误") and combo.itemText(3).startswith("所属服务中心2\u3000错误")
    assert "\u3000" not in combo.itemText(2)  # 所属服务中心1 has no problem
    assert window.badge_counts()["预算执行"][0] == sum(1 for f in on_unit if f.severity == "error")
    panel = window.findings_panel
    panel.unit_combo.setCurrentIndex(panel.unit_combo.findData("r3"))
    assert panel.proxy.rowCount() == len(on_unit)
    panel.unit_combo.setCurrentIndex(panel.unit_combo.findData(""))
    assert panel.proxy.rowCount() == len(on_summary)
    choose_by_keys(qtbot, window, "部门汇总")
    assert window.jump_to(on_unit[0])
    assert window.workspace.reporting_unit == "r3"
    assert window.unit_chooser.combo.currentText().startswith("所属服务中心2")
    current = QApplication.focusWidget()
    assert current.sheet().key == on_unit[0].location.section
    assert current.currentIndex() == current.sheet().index_of(on_unit[0].location.row, on_unit[0].location.column)
    assert window.jump_to(on_summary[0]) and window.workspace.reporting_unit is None
    assert {u.id for u in reporting_units(window.workspace.document)} == {"r1", "r2", "r3"}
    assert unit_key("sangong", "r3") == "sangong@r3"
