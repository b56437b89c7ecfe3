"""文件 ▸ 导入官方报表… end to end: the menu action, the preview (differences and what was not
understood listed first), one undo step written to the file, and a refusal that changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import menu_action, save
from test_excel import Clerk, as_json, on_disk

from desktop.domain.document import Document
from desktop.ui.excel_dialog import OFFICIAL_PREVIEW_TITLE, ImportPreviewDialog

sys.path.insert(0, str(Path(__file__).parents[1] / "io" / "official"))
import official_workbooks as wb  # noqa: E402


def new_document(tmp_path: Path) -> Path:
    return save(tmp_path / "docs", "测试局.fdesk", Document.new(wb.DEPARTMENT, wb.YEAR, "national"))


def test_importing_official_tables_from_the_menu_is_one_undo_step(qtbot, tmp_path, monkeypatch, no_real_modals,
                                                                  open_window):
    path = new_document(tmp_path)
    window = open_window(path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = wb.client_style(tmp_path / "决算软件导出.xlsx")
    original = as_json(window)
    steps = window.workspace.undo_stack.count()
    menu_action(window, "文件", "导入官方报表…").trigger()
    assert clerk.quiet() and len(clerk.previews) == 1
    plan, result, _ = clerk.previews[0]
    assert result.differences and result.differences[0].startswith("Sheet1!C18：")
    data = window.workspace.document.year(wb.YEAR)
    assert data.section("functional_expenditure").rows and as_json(window) == on_disk(path) != original
    stack = window.workspace.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "导入官方报表"
    assert window.statusBar().currentMessage() == f"已导入“决算软件导出.xlsx”中的4张报表：{plan.summary()}"
    stack.undo()
    assert as_json(window) == original == on_disk(path)


def test_a_workbook_without_official_tables_is_refused_and_changes_nothing(qtbot, tmp_path, monkeypatch,
                                                                         no_real_modals, open_window):
    from openpyxl import Workbook
    path = new_document(tmp_path)
    window = open_window(path)
    clerk = Clerk(window.excel, monkeypatch)
    book = Workbook()
    book.active["A1"] = "通讯录"
    clerk.source = tmp_path / "通讯录.xlsx"
    book.save(clerk.source)
    original = as_json(window)
    assert window.excel.import_official() is None
    assert not clerk.previews and len(clerk.failures) == 1
    title, text = clerk.failures[0]
    assert title == "无法导入" and "没有找到任何公开报表" in text and "“Sheet”（首个文字“通讯录”）" in text
    assert as_json(window) == original == on_disk(path)


def test_the_preview_names_the_tables_and_lists_the_differences_first(qtbot, tmp_path):
    from desktop.editing.replace import plan_import
    from desktop.io.official import read_official
    document = Document.new(wb.DEPARTMENT, wb.YEAR, "beijing-district")
    source = wb.bureau_style(tmp_path / "财政局模板.xlsx")
    result = read_official(source, document, wb.YEAR)
    plan = plan_import(document, result.document, wb.YEAR, text="导入官方报表")
    dialog = ImportPreviewDialog(plan, result, source)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == OFFICIAL_PREVIEW_TITLE
    assert dialog.summary_label.text().startswith(f"将从“财政局模板.xlsx”中的 {len(result.tables)} 张公开报表导入2024年度的数据：")
    assert dialog.notes_list.item(0).text() == result.differences[0]
    assert dialog.changes.topLevelItemCount() == len(plan.changes)


def test_last_years_published_pdf_fills_the_prior_year_figures_from_the_menu(qtbot, tmp_path, monkeypatch,
                                                                            no_real_modals, open_window):
    from desktop.io.pdf import export_pdf
    from desktop.io.samples import load_example
    example = load_example()
    year = max(example.years)
    published = tmp_path / "上年决算公开.pdf"
    export_pdf(example, published, year=year)
    path = save(tmp_path / "docs", "今年.fdesk", Document.new(example.department_name, year + 1, example.year(year).profile))
    window = open_window(path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = published
    menu_action(window, "文件", "从上年公开文件导入上年数…").trigger()
    assert clerk.quiet() and len(clerk.previews) == 1
    assert clerk.asked_open[0][0] == "导入上年数"
    plan, result, _ = clerk.previews[0]
    assert any(note.startswith("收入支出决算总体情况·上年决算数：取自上年公开文件第") for note in result.warnings)
    data = window.workspace.document.year(year + 1)
    assert data.section("sangong").value("abroad", "prior_actual") == example.year(year).section("sangong").value("abroad", "actual")
    assert window.workspace.undo_stack.undoText() == "导入上年数" and on_disk(path) == as_json(window)
