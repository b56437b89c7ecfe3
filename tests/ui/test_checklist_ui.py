"""文件 ▸ 公开清单 and the exports of one unit, in the window: a unit shown exports its own
单位决算公开 and the export is recorded; the clerk types the 批复 and 公开 dates by keyboard."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from conftest import menu_action, save
from test_export_pdf import Clerk
from test_find import activate
from test_units_ui import choose_by_keys

from desktop.store.docfile import DocumentFile
from desktop.synthetic import build_document
from desktop.ui.qt import QApplication, Qt

pytestmark = pytest.mark.usefixtures("no_real_modals")
YEAR = 2023


@pytest.fixture()
def units_path(tmp_path):
    return save(tmp_path / "docs", "units.fdesk", build_document(projects=1, functional_rows=12, units=3, per_unit=True))


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "".join(document[i].get_textpage().get_text_range() for i in range(min(3, len(document))))
    finally:
        document.close()


def test_the_unit_shown_exports_its_own_publication_and_the_export_is_recorded(qtbot, tmp_path, monkeypatch,
                                                                              open_window, units_path):
    window = open_window(units_path)
    activate(qtbot, window)
    choose_by_keys(qtbot, window, "所属服务中心1")
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "out" / "unit.pdf"
    clerk.target.parent.mkdir()
    result = window.exporter.export_publication()
    assert result is not None and not result.draft
    assert clerk.asked_paths[0][1].name == "2023年度所属服务中心1单位决算公开说明.pdf"
    text = pdf_text(clerk.target)
    assert "所属服务中心1单位决算公开说明" in text and "部门决算" not in text
    record = window.workspace.document.year(YEAR).section("unit_publication@r2").rows[""]
    assert record["exported_file"] == "unit.pdf" and record["exported_on"].startswith(str(date.today().year))
    assert window.workspace.undo_stack.undoText() == "记录导出正式文件"
    with DocumentFile.open(units_path, read_only=True) as file:
        assert file.load().year(YEAR).section("unit_publication@r2").get("exported_file") == "unit.pdf"


def test_the_checklist_takes_the_dates_by_keyboard_and_counts_the_deadline(qtbot, open_window, units_path):
    window = open_window(units_path)
    activate(qtbot, window)
    menu_action(window, "文件", "公开清单…").trigger()
    dialog = window.checklist_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.today = date(2024, 8, 10)
    assert dialog.tree.topLevelItemCount() == 4
    dialog.approval.setFocus()
    qtbot.keyClicks(dialog.approval, "2024/8/1")
    qtbot.keyClick(dialog.approval, Qt.Key.Key_Return)
    data = window.workspace.document.year(YEAR)
    assert data.section("publication").get("approval_date") == "2024/8/1"
    assert dialog.deadline.text().startswith("公开期限 2024年8月21日（批复 2024年8月1日 后20日），还剩 11 天；尚未公开 4 个")
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)  # 所属服务中心1
    assert dialog.tree.currentItem().text(0) == "所属服务中心1"
    dialog.published.setFocus()
    qtbot.keyClicks(dialog.published, "2024-08-32")
    qtbot.keyClick(dialog.published, Qt.Key.Key_Return)
    assert "“2024-08-32”不是有效的日期（2024年没有8月32日）" in dialog.problem.text()
    assert data.section("unit_publication@r2").get("published_on") is None
    dialog.published.clear()
    qtbot.keyClicks(dialog.published, "2024-08-12")
    qtbot.keyClick(dialog.published, Qt.Key.Key_Return)
    assert data.section("unit_publication@r2").get("published_on") == "2024-08-12"
    assert dialog.tree.topLevelItem(2).text(8) == "2024-08-12"
    assert "尚未公开 3 个" in dialog.deadline.text()
    assert window.workspace.undo_stack.undoText() == "填写公开情况（所属服务中心1）"
    dialog.close()
    assert QApplication.activeModalWidget() is None


def test_the_units_overview_lists_each_units_totals_and_leads_to_it(qtbot, open_window, units_path):
    window = open_window(units_path)
    activate(qtbot, window)
    menu_action(window, "视图", "单位一览…").trigger()
    overview = window.units_overview
    qtbot.waitUntil(overview.isVisible, timeout=2000)
    rows = [[overview.tree.topLevelItem(i).text(c) for c in (0, 3, 7)] for i in range(overview.tree.topLevelItemCount())]
    data = window.workspace.document.year(YEAR)
    summary = data.section("income_expenditure").value("income_total", "current")
    assert rows[0] == ["部门汇总", f"{summary.yuan:,.2f}", "可公开"]
    assert [row[0] for row in rows[1:]] == ["示例区科学技术委员会", "所属服务中心1", "所属服务中心2"]
    own = data.section("income_expenditure@r3").value("income_total", "current")
    assert rows[3][1] == f"{own.yuan:,.2f}"
    overview.tree.setFocus()
    overview.tree.setCurrentItem(overview.tree.topLevelItem(3))
    qtbot.keyClick(overview.tree, Qt.Key.Key_Return)
    assert window.workspace.reporting_unit == "r3"
    assert window.unit_chooser.combo.currentText().startswith("所属服务中心2")
    overview.close()


def test_an_import_fills_the_unit_shown_and_the_summary_refuses_one(qtbot, tmp_path, monkeypatch, open_window,
                                                                   units_path):
    from test_excel import Clerk as ExcelClerk

    from desktop.domain.department_units import find_unit, unit_publication
    from desktop.domain.money import Money
    from desktop.io.xlsx import export_xlsx
    window = open_window(units_path)
    activate(qtbot, window)
    clerk = ExcelClerk(window.excel, monkeypatch)
    document = window.workspace.document
    unit = find_unit(document, "所属服务中心2")
    theirs = copy.deepcopy(unit_publication(document, YEAR, unit))  # the view shares the document's sections
    changed = theirs.year(YEAR).section("income_expenditure").value("income_gp", "current") + Money(5_00)
    theirs.year(YEAR).section("income_expenditure").set_value("income_gp", "current", changed)
    clerk.source = tmp_path / "所属服务中心2.xlsx"
    export_xlsx(theirs, clerk.source, year=YEAR)
    assert window.excel.import_workbook() is None  # the 汇总 shown: refused before any file is asked for
    assert clerk.asked_open == [] and "请先在页签栏左侧的“单位”框中选择要导入的单位" in clerk.warnings[0][1]
    choose_by_keys(qtbot, window, "所属服务中心2")
    plan = window.excel.import_workbook()
    assert plan is not None and window.workspace.undo_stack.undoText() == "导入Excel（所属服务中心2）"
    data = document.year(YEAR)
    assert data.section("income_expenditure@r3").value("income_gp", "current") == changed
    assert {c.section for c in plan.changes} == {"income_expenditure"}  # only what differs, only the unit's
    parts = sum(data.section(f"income_expenditure@{u}").value("income_gp", "current").fen for u in ("r1", "r2", "r3"))
    assert data.section("income_expenditure").value("income_gp", "current").fen == parts
