"""文件 ▸ 导出Excel…, 导出Excel模板… and 导入Excel… end to end in the main window, offscreen.

The modal steps (file names, the import preview, messages) are replaced on the window's
ExcelController, and the real Qt modal calls are made to fail loudly, so no test can block on a
dialog; the real dialogs are exercised separately, with show() and button clicks or a timer.
"""

import time
from pathlib import Path

import export_fakes
import openpyxl
import pytest

from desktop.domain.money import Money
from desktop.editing.replace import Change, ImportPlan, plan_import
from desktop.io import child_export
from desktop.io.jsonio import document_to_json
from desktop.io.samples import load_sample
from desktop.io.xlsx import export_xlsx, read_xlsx
from desktop.store.docfile import DocumentFile
from desktop.ui.excel_dialog import (MAX_SHOWN_CHANGES, PREVIEW_TITLE, ExcelController, ImportPreviewDialog,
                                     template_file_name, workbook_file_name)
from desktop.ui.qt import (QApplication, QDesktopServices, QDialog, QMessageBox, QProgressDialog, QPushButton, Qt,
                           QTimer)

YEAR = 2023
SEED1_DEPARTMENT = "中关村科技园区门头沟园管理委员会"
SANGONG_SHEET = "填报-财政拨款“三公”经费支出决算表"
GLOSSARY = "专业名词解释"
GLOSSARY_SHEET = f"填报-{GLOSSARY}"
BASIC_ECONOMIC = "一般公共预算财政拨款基本支出（经济分类）"
BASIC_ECONOMIC_SHEET = f"填报-{BASIC_ECONOMIC}"
ABROAD_ACTUAL = "财政拨款“三公”经费支出决算表 · 因公出国（境）费 · 决算数"


pytestmark = pytest.mark.usefixtures("no_dialog_left_open")


class Clerk:
    """Stands in for the clerk at every modal step of one window's Excel flows."""

    def __init__(self, excel: ExcelController, monkeypatch) -> None:
        self.target: Path | None = None   # what the save dialog returns; None = 取消
        self.source: Path | None = None   # what the open dialog returns; None = 取消
        self.confirm = True               # the answer to the preview
        self.asked_paths: list[tuple[str, Path]] = []
        self.asked_open: list[tuple[str, Path]] = []
        self.previews: list[tuple[ImportPlan, object, Path]] = []
        self.finished: list[tuple[object, bool]] = []
        self.failures: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.on_preview = None            # called with (plan, result, path) before answering
        monkeypatch.setattr(excel, "ask_path", self.ask_path)
        monkeypatch.setattr(excel, "ask_open_path", self.ask_open_path)
        monkeypatch.setattr(excel, "confirm_import", self.confirm_import)
        monkeypatch.setattr(excel, "finished", lambda result, template=False: self.finished.append((result, template)))
        monkeypatch.setattr(excel, "failed", lambda title, text: self.failures.append((title, text)))
        monkeypatch.setattr(excel, "warn", lambda title, text: self.warnings.append((title, text)))
        monkeypatch.setattr(excel, "inform", lambda title, text: self.infos.append((title, text)))

    def ask_path(self, title: str, default: Path) -> Path | None:
        self.asked_paths.append((title, default))
        return self.target

    def ask_open_path(self, title: str, folder: Path, file_filter: str = "") -> Path | None:
        self.asked_open.append((title, folder))
        return self.source

    def confirm_import(self, plan, result, path) -> bool:
        self.previews.append((plan, result, path))
        if self.on_preview is not None:
            self.on_preview(plan, result, path)
        return self.confirm

    def quiet(self) -> bool:
        return not (self.failures or self.warnings or self.infos)


def menu_actions(window, title: str = "文件(&F)") -> dict:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return {a.text(): a for a in menu.actions() if a.text()}


def as_json(window) -> dict:
    return document_to_json(window.workspace.document)


def on_disk(path: Path) -> dict:
    file = DocumentFile.open(path)
    try:
        return document_to_json(file.load())
    finally:
        file.close()


def data_row(sheet, row_id: str) -> int:
    """The sheet row whose hidden identity (column A) is `row_id`."""
    return next(row[0].row for row in sheet.iter_rows(min_row=4) if row[0].value == row_id)


def column_of(sheet, label: str) -> int:
    return next(cell.column for cell in sheet[3] if cell.value == label)


def edited_workbook(source: Path, target: Path, abroad_actual="1234.5", add_glossary=True, drop_basic_r2=True) -> Path:
    """`source` as a clerk edits it in Excel: one amount changed, a row added, a row deleted."""
    workbook = openpyxl.load_workbook(source)
    sangong = workbook[SANGONG_SHEET]
    sangong.cell(data_row(sangong, "abroad"), column_of(sangong, "决算数"), abroad_actual)
    if add_glossary:
        glossary = workbook[GLOSSARY_SHEET]
        row = glossary.max_row + 1
        glossary.cell(row, column_of(glossary, "名词"), "绩效评价")
        glossary.cell(row, column_of(glossary, "解释"), "对支出的经济性、效率性和效果性进行客观、公正的评价。")
    if drop_basic_r2:
        basic = workbook[BASIC_ECONOMIC_SHEET]
        basic.delete_rows(data_row(basic, "r2"))
    workbook.save(target)
    return target


def seed1_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "seed1-export.xlsx"
    export_xlsx(load_sample(1), path, year=YEAR)
    return path


def tree_rows(dialog: ImportPreviewDialog) -> list[tuple[str, ...]]:
    tree = dialog.changes
    return [tuple(tree.topLevelItem(i).text(c) for c in range(tree.columnCount()))
            for i in range(tree.topLevelItemCount())]


# -- the menu ------------------------------------------------------------------------------

def test_the_excel_actions_follow_the_pdf_exports_and_need_a_document(qtbot, tmp_path, seed1_path, open_window):
    window = open_window(None)
    actions = menu_actions(window)
    labels = list(actions)
    assert (labels.index("导出审核说明PDF…") < labels.index("导出Excel…") < labels.index("导出Excel模板…")
            < labels.index("导入Excel…") < labels.index("退出"))
    excel = [actions[label] for label in ("导出Excel…", "导出Excel模板…", "导入Excel…")]
    assert all(action in window.export_actions for action in excel)
    assert not any(action.isEnabled() for action in excel)
    assert window.excel.import_workbook() is None  # nothing open: nothing asked
    assert window.open_document(seed1_path)
    assert all(action.isEnabled() for action in excel)


def test_file_names_are_safe():
    assert workbook_file_name(2023, '科委/信息:中心') == "2023年度科委_信息_中心决算数据.xlsx"
    assert template_file_name(2024, 'a*b?"c"<>|') == "2024年度a_b__c____填报模板.xlsx"


# -- export -----------------------------------------------------------------------------------

def test_export_writes_a_workbook_that_reads_back_as_the_document(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                   no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = tmp_path / "out" / "决算数据"  # typed without the suffix
    clerk.target.parent.mkdir()
    menu_actions(window)["导出Excel…"].trigger()
    written = tmp_path / "out" / "决算数据.xlsx"
    assert clerk.asked_paths == [("导出Excel", seed1_path.parent / f"{YEAR}年度{SEED1_DEPARTMENT}决算数据.xlsx")]
    assert clerk.quiet()
    [(result, template)] = clerk.finished
    assert result.path == written and not template
    assert result.sheets == len(openpyxl.load_workbook(written, read_only=True).sheetnames) > 30
    back = read_xlsx(written)
    assert back.year == YEAR and back.kind == "导出"
    assert document_to_json(back.document) == as_json(window) == document_to_json(load_sample(1))
    assert window.statusBar().currentMessage() == f"已导出Excel，共 {result.sheets} 张工作表：{written}"
    assert sorted(p.name for p in written.parent.iterdir()) == ["决算数据.xlsx"]  # no .part left
    assert not window.excel.busy


def test_export_writes_the_edited_document_not_the_file_it_was_opened_from(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                          no_real_modals, open_window):
    from desktop.editing.commands import CellValue, SetCells
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = tmp_path / "edited.xlsx"
    assert window.workspace.push(SetCells([CellValue(YEAR, "glossary", "r1", "term", "基本支出（修订）")], "修改"))
    result = window.excel.export_workbook()
    assert result is not None and result.path == clerk.target
    assert read_xlsx(clerk.target).document.year(YEAR).section("glossary").rows["r1"]["term"] == "基本支出（修订）"


def test_cancelling_the_file_name_writes_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    menu_actions(window)["导出Excel…"].trigger()
    menu_actions(window)["导出Excel模板…"].trigger()
    assert [title for title, _ in clerk.asked_paths] == ["导出Excel", "导出Excel模板"]
    assert clerk.finished == [] and clerk.quiet()
    assert list(tmp_path.rglob("*.xlsx")) == [] and list(tmp_path.rglob("*.part")) == []


def test_the_template_keeps_the_department_and_year_but_no_figures(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                  no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = tmp_path / "模板.XLSX"  # any case of the suffix is kept
    menu_actions(window)["导出Excel模板…"].trigger()
    assert clerk.asked_paths == [("导出Excel模板", seed1_path.parent / f"{YEAR}年度{SEED1_DEPARTMENT}填报模板.xlsx")]
    [(result, template)] = clerk.finished
    assert template and result.path == clerk.target and clerk.quiet()
    back = read_xlsx(clerk.target)
    assert back.kind == "模板" and back.year == YEAR and back.document.department_name == SEED1_DEPARTMENT
    year = back.document.year(YEAR)
    assert year.section("glossary").rows == {} and year.section("projects").rows == {}
    assert not any(values for values in year.section("sangong").rows.values())
    assert window.statusBar().currentMessage().startswith("已导出Excel模板")
    assert as_json(window) == document_to_json(load_sample(1))  # exporting changed nothing


def test_a_write_error_names_the_path_and_writes_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                         open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = tmp_path / "no such folder" / "决算数据.xlsx"
    assert window.excel.export_workbook() is None
    [(title, text)] = clerk.failures
    assert title == "导出Excel" and "无法写入" in text and str(clerk.target) in text and "没有生成文件" in text
    assert clerk.finished == [] and not clerk.target.parent.exists()
    assert not window.excel.busy


def test_a_refusal_from_the_exporter_is_shown_as_it_is(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                      open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = tmp_path / "决算数据.xlsx"
    monkeypatch.setattr(child_export, "export_xlsx", export_fakes.refused_workbook)  # run in the child
    assert window.excel.export_workbook() is None
    [(title, text)] = clerk.failures
    assert title == "导出Excel" and text.startswith("“收入支出决算总表”第 7 行“本年收入”")
    assert clerk.finished == [] and not clerk.target.exists() and not window.excel.busy


# -- import -----------------------------------------------------------------------------------

def test_an_import_is_previewed_applied_as_one_undo_step_and_saved(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                    no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx")
    shown = []

    def look_at_the_preview(plan, result, path):
        dialog = ImportPreviewDialog(plan, result, path, window)
        qtbot.addWidget(dialog)
        shown.append((dialog.summary_label.text(), tree_rows(dialog)))

    clerk.on_preview = look_at_the_preview
    original = as_json(window)
    stack = window.workspace.undo_stack
    steps = stack.count()
    glossary_model = window.views["glossary"][0].sheet()
    glossary_rows = glossary_model.rowCount()

    menu_actions(window)["导入Excel…"].trigger()

    assert clerk.asked_open == [("导入Excel", seed1_path.parent)] and clerk.quiet()
    [(plan, result, path)] = clerk.previews
    assert path == clerk.source and result.year == YEAR
    assert plan.summary() == "新增 2 个单元格，修改 1 个单元格，删除 5 个单元格，新增 1 行，删除 1 行"
    [(summary, rows)] = shown
    assert "改过的.xlsx" in summary and plan.summary() in summary
    assert ("修改", ABROAD_ACTUAL, "0.00", "1,234.50") in rows
    assert ("删除行", f"{BASIC_ECONOMIC} · 第2行（商品和服务支出）", "", "") in rows
    assert ("删除", f"{BASIC_ECONOMIC} · 第2行（商品和服务支出） · 决算数", "560,146.09", "") in rows
    assert ("新增行", f"{GLOSSARY} · 第8行（绩效评价）", "", "") in rows
    assert ("新增", f"{GLOSSARY} · 第8行（绩效评价） · 名词", "", "绩效评价") in rows
    assert len(rows) == len(plan.changes)

    # applied: the document, the open table and the file
    year = window.workspace.document.year(YEAR)
    assert year.section("sangong").rows["abroad"]["actual"] == Money.from_yuan("1234.50")
    assert "r2" not in year.section("gp_basic_economic").rows
    assert [r["term"] for r in year.section("glossary").rows.values()][-1] == "绩效评价"
    model = window.views["sangong"][0].sheet()
    assert "1,234.50" in model.index_of("abroad", "actual").data()
    assert glossary_model.rowCount() == glossary_rows + 1
    assert glossary_model.index_of("r8", "term").data() == "绩效评价"
    imported = as_json(window)
    assert imported != original and on_disk(seed1_path) == imported
    assert window.statusBar().currentMessage() == f"已导入“改过的.xlsx”：{plan.summary()}"

    # one undo step puts back exactly what was, on screen and on disk; redo re-applies it
    assert stack.count() == steps + 1 and stack.undoText() == "导入Excel"
    stack.undo()
    assert as_json(window) == original and on_disk(seed1_path) == original
    assert "0.00" in model.index_of("abroad", "actual").data()
    assert glossary_model.rowCount() == glossary_rows and not glossary_model.index_of("r8", "term").isValid()
    stack.redo()
    assert as_json(window) == imported and on_disk(seed1_path) == imported
    assert stack.count() == steps + 1


def test_reopening_the_file_after_an_import_shows_the_imported_values(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                      no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx", abroad_actual=9876.54)
    plan = window.excel.import_workbook()
    assert plan is not None and plan.command is not None
    imported = as_json(window)
    window.close()
    again = open_window(seed1_path)
    assert as_json(again) == imported
    assert again.workspace.document.year(YEAR).section("sangong").rows["abroad"]["actual"] == Money.from_yuan("9876.54")


def test_declining_the_preview_changes_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx")
    clerk.confirm = False
    original = as_json(window)
    steps = window.workspace.undo_stack.count()
    assert window.excel.import_workbook() is None
    assert len(clerk.previews) == 1 and clerk.quiet()
    assert as_json(window) == original == on_disk(seed1_path)
    assert window.workspace.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "已取消导入，文档未修改"


def test_a_damaged_cell_is_named_and_nothing_is_imported(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                         open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "坏的.xlsx", abroad_actual="12a")
    original = as_json(window)
    steps = window.workspace.undo_stack.count()
    menu_actions(window)["导入Excel…"].trigger()
    [(title, text)] = clerk.failures
    assert title == "无法导入" and "!" in text and "12a" in text and SANGONG_SHEET in text
    assert clerk.previews == [] and clerk.warnings == [] and clerk.infos == []
    assert as_json(window) == original == on_disk(seed1_path)
    assert window.workspace.undo_stack.count() == steps
    assert window.statusBar().currentMessage().startswith("未导入“坏的.xlsx”")


def test_a_file_that_is_not_a_workbook_is_refused_clearly(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                          open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = tmp_path / "其实是文本.xlsx"
    clerk.source.write_text("科目编码,科目名称\n201,一般公共服务支出\n", encoding="utf-8")
    original = as_json(window)
    assert window.excel.import_workbook() is None
    [(title, text)] = clerk.failures
    assert title == "无法导入" and "其实是文本.xlsx" in text and "不是 Excel 工作簿" in text
    assert clerk.previews == [] and as_json(window) == original


def test_a_workbook_of_another_year_is_not_imported(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                    open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = tmp_path / "seed2.xlsx"
    export_xlsx(load_sample(2), clerk.source)
    assert read_xlsx(clerk.source).year == 2022
    original = as_json(window)
    steps = window.workspace.undo_stack.count()
    assert window.excel.import_workbook() is None
    assert clerk.warnings == [("无法导入", "工作簿是2022年度的数据，当前文档打开的是2023年度，未导入。")]
    assert clerk.previews == [] and clerk.failures == [] and clerk.infos == []
    assert as_json(window) == original and window.workspace.undo_stack.count() == steps


def test_an_identical_workbook_imports_nothing(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals, open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.target = clerk.source = tmp_path / "same.xlsx"
    assert window.excel.export_workbook() is not None
    steps = window.workspace.undo_stack.count()
    original = as_json(window)
    assert window.excel.import_workbook() is None
    [(title, text)] = clerk.infos
    assert title == "导入Excel" and "没有需要导入" in text
    assert clerk.previews == [] and clerk.failures == [] and clerk.warnings == []
    assert window.workspace.undo_stack.count() == steps and as_json(window) == original


def test_choosing_no_workbook_imports_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    steps = window.workspace.undo_stack.count()
    assert window.excel.import_workbook() is None
    assert len(clerk.asked_open) == 1 and clerk.previews == [] and clerk.quiet()
    assert window.workspace.undo_stack.count() == steps


def importing_an_edited_workbook(open_window, path, tmp_path, monkeypatch):
    """A window on `path` whose clerk will choose an edited copy of seed 1's workbook; with the
    document as JSON and the undo stack's size before anything is imported."""
    window = open_window(path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx")
    return window, clerk, as_json(window), window.workspace.undo_stack.count()


def test_a_failed_commit_leaves_the_document_and_the_undo_stack_alone(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                      no_real_modals, open_window):
    window, clerk, original, steps = importing_an_edited_workbook(open_window, seed1_path, tmp_path, monkeypatch)

    def disk_full(_write):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window.workspace.session.file, "commit", disk_full)
    assert window.excel.import_workbook() is None
    assert len(clerk.previews) == 1 and clerk.quiet()
    assert as_json(window) == original and window.workspace.undo_stack.count() == steps
    assert window.problem_bar.isVisible() and "无法写入文档文件" in window.problem_bar.text()
    assert not window.excel.busy


def test_an_unexpected_failure_is_reported_not_raised(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                      open_window):
    from desktop.io import xlsx
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = tmp_path / "x.xlsx"

    def broken(_path, **_options):
        raise RuntimeError("读取器内部错误")

    monkeypatch.setattr(xlsx, "read_xlsx", broken)
    original = as_json(window)
    menu_actions(window)["导入Excel…"].trigger()
    [(title, text)] = clerk.failures
    assert title == "导入Excel" and "读取器内部错误" in text and "文档未修改" in text
    assert as_json(window) == original and not window.excel.busy
    assert QApplication.overrideCursor() is None


def slowed_read(monkeypatch, on_report):
    """xlsx.read_xlsx as it is, each progress report slowed (so the dialog shows) and seen first."""
    from desktop.io import xlsx
    real = xlsx.read_xlsx

    def read_xlsx(path, progress=None):
        def report(stage, done, total):
            time.sleep(0.02)
            on_report(stage, done, total)
            progress(stage, done, total)
        return real(path, progress=report)

    monkeypatch.setattr(xlsx, "read_xlsx", read_xlsx)


def test_reading_a_workbook_shows_its_progress(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                              open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    clerk.source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx")
    shown = []

    def look(stage, done, total):
        dialog = window.excel.progress_dialog
        shown.append((dialog.isVisible(), dialog.windowModality(), dialog.labelText()))

    slowed_read(monkeypatch, look)
    plan = window.excel.import_workbook()
    assert plan is not None and len(clerk.previews) == 1 and clerk.quiet()
    visible = [label for seen, modality, label in shown if seen and modality == Qt.WindowModality.WindowModal]
    assert any(label.startswith(f"读取工作表“{SANGONG_SHEET}”") for label in visible), shown
    assert window.excel.progress_dialog is None and not window.excel.busy
    assert not [w for w in window.findChildren(QProgressDialog) if w.isVisible()]


def test_cancelling_while_a_workbook_is_read_imports_nothing(qtbot, tmp_path, seed1_path, monkeypatch,
                                                             no_real_modals, open_window):
    window, clerk, original, steps = importing_an_edited_workbook(open_window, seed1_path, tmp_path, monkeypatch)
    stages = []

    def press_cancel_once_shown(stage, done, total):
        stages.append(stage)
        dialog = window.excel.progress_dialog
        if dialog.isVisible() and not dialog.wasCanceled():
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消

    slowed_read(monkeypatch, press_cancel_once_shown)
    assert window.excel.import_workbook() is None
    assert stages and stages[-1] != "核对工作簿内容", "cancelled while reading"
    assert clerk.previews == [] and clerk.quiet()
    assert as_json(window) == original == on_disk(seed1_path)
    assert window.workspace.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "已取消导入“改过的.xlsx”，文档未修改"
    assert window.excel.progress_dialog is None and not window.excel.busy


# -- the preview dialog itself --------------------------------------------------------------

def seed1_plan(tmp_path, with_formula: bool = False):
    source = edited_workbook(seed1_workbook(tmp_path), tmp_path / "改过的.xlsx")
    if with_formula:
        workbook = openpyxl.load_workbook(source)
        glossary = workbook[GLOSSARY_SHEET]
        glossary.cell(glossary.max_row + 1, column_of(glossary, "名词"), '="政府"&"采购目录"')
        workbook.save(source)
    result = read_xlsx(source)
    return plan_import(load_sample(1), result.document, YEAR), result, source


def test_the_preview_lists_the_summary_notes_and_every_change(qtbot, tmp_path):
    plan, result, source = seed1_plan(tmp_path, with_formula=True)
    assert result.warnings, "a formula without a cached value is reported"
    dialog = ImportPreviewDialog(plan, result, source)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == PREVIEW_TITLE
    assert dialog.summary_label.text() == f"将从“改过的.xlsx”导入{YEAR}年度的数据：{plan.summary()}。"
    assert dialog.notes_list.isVisible()
    assert [dialog.notes_list.item(i).text() for i in range(dialog.notes_list.count())] == result.warnings + plan.notes
    tree = dialog.changes
    assert [tree.headerItem().text(c) for c in range(tree.columnCount())] == ["类型", "位置", "原值", "新值"]
    assert tree.topLevelItemCount() == len(plan.changes)
    assert [row[0] for row in tree_rows(dialog)] == [
        ("新增行" if c.kind == "added" else "删除行") if c.column is None else {"added": "新增", "changed": "修改",
                                                                           "removed": "删除"}[c.kind]
        for c in plan.changes]
    assert dialog.import_button.text() == "导入" and dialog.import_button.isDefault()
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_the_preview_without_notes_hides_the_list_and_accepts_on_import(qtbot, tmp_path):
    plan, result, source = seed1_plan(tmp_path)
    assert result.warnings + plan.notes == []
    dialog = ImportPreviewDialog(plan, result, source)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.notes_list.isVisible() and not dialog.notes_label.isVisible()
    dialog.import_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_a_huge_plan_shows_the_first_rows_and_counts_the_rest(qtbot, tmp_path):
    changes = [Change("changed", YEAR, "glossary", f"r{i}", "term", f"专业名词解释 · 第{i}行 · 名词", f"旧{i}", f"新{i}")
               for i in range(MAX_SHOWN_CHANGES + 500)]
    plan = ImportPlan(changes, None)
    result = read_xlsx(seed1_workbook(tmp_path))
    started = time.perf_counter()
    dialog = ImportPreviewDialog(plan, result, tmp_path / "大.xlsx")
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert time.perf_counter() - started < 3
    tree = dialog.changes
    assert tree.topLevelItemCount() == MAX_SHOWN_CHANGES + 1
    assert tree.topLevelItem(MAX_SHOWN_CHANGES - 1).text(3) == f"新{MAX_SHOWN_CHANGES - 1}"
    more = tree.topLevelItem(MAX_SHOWN_CHANGES)
    assert "另有 500 项" in more.text(0) and more.isFirstColumnSpanned()
    assert "修改 2500 个单元格" in dialog.summary_label.text()
    dialog.reject()


# -- the real modal steps, answered from a timer --------------------------------------------

def click_when_up(kind, button_text: str, seen: list) -> None:
    """Click `button_text` on the modal `kind` once it is up (closing it anyway after 5 s)."""
    started = time.monotonic()

    def attempt():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(dialog.windowTitle())
            buttons = dialog.buttons() if isinstance(dialog, QMessageBox) else \
                [dialog.import_button, dialog.cancel_button]
            button = next((b for b in buttons if b.text() == button_text), None)
            if button is not None:
                button.click()
            else:
                dialog.reject()
        elif time.monotonic() - started < 5:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def test_the_real_preview_is_modal_and_answers_the_controller(qtbot, tmp_path, seed1_path, open_window):
    window = open_window(seed1_path)
    plan, result, source = seed1_plan(tmp_path)
    seen = []
    click_when_up(ImportPreviewDialog, "导入", seen)
    assert window.excel.confirm_import(plan, result, source) is True
    click_when_up(ImportPreviewDialog, "取消", seen)
    assert window.excel.confirm_import(plan, result, source) is False
    assert seen == [PREVIEW_TITLE, PREVIEW_TITLE]


def test_the_finish_dialog_offers_to_open_the_workbook(qtbot, tmp_path, seed1_path, monkeypatch, open_window):
    from desktop.io.xlsx import ExportResult
    window = open_window(seed1_path)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    result = ExportResult(tmp_path / "决算数据.xlsx", 53)
    seen = []
    click_when_up(QMessageBox, "关闭", seen)
    window.excel.finished(result)
    assert opened == []
    click_when_up(QMessageBox, "打开文件", seen)
    window.excel.finished(result, template=True)
    assert opened == [str(result.path)]
    assert seen == ["导出完成", "导出完成"]


def test_a_template_that_would_remove_figures_says_so(qtbot, tmp_path):
    from desktop.ui.excel_dialog import TEMPLATE_REMOVES
    document = load_sample(1)
    export_xlsx(document, tmp_path / "t.xlsx", template=True)
    result = read_xlsx(tmp_path / "t.xlsx")
    plan = plan_import(document, result.document, result.year)
    dialog = ImportPreviewDialog(plan, result, tmp_path / "t.xlsx")
    qtbot.addWidget(dialog)
    assert dialog.notes[0] == TEMPLATE_REMOVES and plan.count("removed", rows=True) > 0


def _remove_sheet(book):
    book.remove(book[SANGONG_SHEET])


def _extra_grid_row(book):
    sheet = book[SANGONG_SHEET]
    sheet.cell(sheet.max_row + 1, 2).value = "会议费"
    sheet.cell(sheet.max_row, 4).value = 100


def _bad_code_after_moving_merges(book):
    sheet = book["填报-收入决算表"]
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.merge_cells("B1:C2")
    sheet.cell(4, column_of(sheet, "科目编码")).value = "20１x"


def _missing_column(book):
    sheet = book["填报-项目资金"]
    sheet.cell(3, column_of(sheet, "全年执行数（万元）")).value = "执行"  # 绩效 sheets are in 万元


@pytest.mark.parametrize("damage, fragment", [
    (_remove_sheet, f"缺少工作表“{SANGONG_SHEET}”"),
    (_extra_grid_row, f"{SANGONG_SHEET}!B"),
    (_bad_code_after_moving_merges, "填报-收入决算表!"),
    (_missing_column, "缺少列“全年执行数”"),
])
def test_damaged_workbooks_are_refused_and_change_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                          damage, fragment, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    book = openpyxl.load_workbook(seed1_workbook(tmp_path))
    damage(book)
    clerk.source = tmp_path / "damaged.xlsx"
    book.save(clerk.source)
    original, steps = as_json(window), window.workspace.undo_stack.count()
    assert window.excel.import_workbook() is None
    [(title, text)] = clerk.failures
    assert title == "无法导入" and fragment in text and "Traceback" not in text
    assert clerk.previews == [] and as_json(window) == original == on_disk(seed1_path)
    assert window.workspace.undo_stack.count() == steps


# -- the 审核说明 sheet answered in Excel (issue 20) ------------------------------------------------
def test_explanations_typed_in_the_audit_sheet_import_as_explanations(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                      no_real_modals, open_window):
    """Export, answer two warnings in the 审核说明 sheet as a clerk does in Excel, import through the
    preview: both are set, count as explained (the 审核 summary too), and one 撤销 takes them back;
    an answer to a warning that no longer exists is named in the preview's notes."""
    from desktop.io.xlsx import layout
    window = open_window(seed1_path)
    clerk = Clerk(window.excel, monkeypatch)
    workbook = seed1_workbook(tmp_path)
    session = window.workspace.session
    pending_before = sum(1 for f in session.findings if f.needs_explanation)
    assert pending_before > 2
    book = openpyxl.load_workbook(workbook)
    sheet = book[layout.EXPLANATIONS_SHEET]
    rows = (layout.FIRST_DATA_ROW + 1, layout.FIRST_DATA_ROW + 3)
    answers = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): f"第{r}行的说明" for r in rows}
    for row in rows:
        sheet.cell(row, 4, f"第{row}行的说明")
    sheet.append(["N-11", "projects/r99/name", "", "过时的说明"])
    stale_row = sheet.max_row
    clerk.source = tmp_path / "已填说明.xlsx"
    book.save(clerk.source)

    plan = window.excel.import_workbook()
    assert plan is not None and clerk.quiet()
    [(previewed, result, _)] = clerk.previews
    assert {(c.column, c.row) for c in previewed.changes} == set(answers)
    assert all(c.section == "explanations" for c in previewed.changes)
    dialog = ImportPreviewDialog(previewed, result, clerk.source)
    qtbot.addWidget(dialog)
    assert any(note.startswith(f"{layout.EXPLANATIONS_SHEET}!D{stale_row}：N-11") for note in dialog.notes)
    assert {f.identity: f.explanation for f in session.findings if f.identity in answers} == answers
    assert sum(1 for f in session.findings if f.needs_explanation) == pending_before - 2
    assert f"待说明 {pending_before - 2}" in window.findings_panel.summary_label.text()
    assert ("N-11", "projects/r99/name") not in window.workspace.document.year(YEAR).explanations
    assert on_disk(seed1_path) == as_json(window)  # committed with the import

    window.workspace.undo_stack.undo()
    assert sum(1 for f in session.findings if f.needs_explanation) == pending_before
    assert window.workspace.document.year(YEAR).explanations == {}
