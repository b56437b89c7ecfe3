"""The smoke test: the real window, end to end, on the bundled sample; used frozen and from source.

`FiscalDesk --smoke` (and `fiscaldesk gui --smoke`) runs this. It proves that a build can do a
clerk's day: the bundled resources are found (fonts, Chinese translations, code tables, profiles,
samples, migrations), a document file is created and opened, an edit typed into a table changes
a badge, is saved and can be undone, the 审核 engine agrees with a fresh full check, the scores
are computed, the PDF, the Word document and the Excel workbook are exported and read back, and
打印预览 opens on the same PDF and renders page 1 (pypdfium2's PDFium library is in the build). Everything is
written to a temporary folder; the user data folder and the folder of the program stay untouched.
Each step prints one line; the first failure ends the run with exit code 1.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from desktop.ui.qt import QApplication, Qt

# Cells whose change always reaches a rule: parts of totals that other tables must agree with.
CANDIDATES = (("income_expenditure", "income_gp", "current"), ("fiscal_summary", "gp", "income"),
              ("sangong", "abroad", "actual"), ("procurement", "", "goods"),
              ("dept_budget_execution", "basic", "full_year_budget"))
SAMPLE_FILE_NAME = "冒烟测试样例.fdesk"


class SmokeFailure(Exception):
    """One step failed; the message says which and why (Chinese, for whoever runs the build)."""


def smoke_edit(window) -> str:
    """"" when an edit changed a badge, its undo restored it and redo applied it again (the edit
    stays); otherwise what went wrong."""
    before = window.badge_counts()
    for section, row, column in CANDIDATES:
        if section not in window.views:
            continue
        model = window.views[section][0].sheet()
        index = model.index_of(row, column)
        if not index.isValid():
            continue
        current = index.data(Qt.ItemDataRole.EditRole)
        # a part a million off the figures that must agree with it, or (when already wrong) blank
        for value in [str(Decimal(current or "0") + Decimal("1000000"))] + ([""] if current else []):
            if not model.setData(index, value):
                return f"{model.cell_name(index)}：写入“{value}”被拒绝"
            QApplication.processEvents()
            after = window.badge_counts()
            window.workspace.undo()
            QApplication.processEvents()
            if after == before:
                continue
            if window.badge_counts() != before:
                return f"撤销后徽标未恢复：{before} → {window.badge_counts()}"
            window.workspace.redo()
            QApplication.processEvents()
            if window.badge_counts() != after:
                return f"重做后徽标不一致：{after} → {window.badge_counts()}"
            return ""
    return "没有任何编辑改变徽标"


def run_smoke(window, document_path: Path | None, warnings: list[str], out: Callable[[str], None] = print) -> int:
    """The whole check on `document_path` (a copy of it), or on the bundled complete example; exit code."""
    with tempfile.TemporaryDirectory(prefix="fiscaldesk-smoke-") as folder:
        try:
            for line in _steps(window, Path(folder), document_path, warnings):
                out(f"✓ {line}")
        except SmokeFailure as failure:
            print(f"冒烟测试失败：{failure}", file=sys.stderr)
            return 1
        except Exception:  # noqa: BLE001 — a broken build: say where, for whoever builds it
            print("冒烟测试失败：程序出错\n" + traceback.format_exc(), file=sys.stderr)
            return 1
        finally:
            window.close()
            QApplication.processEvents()
    out("冒烟测试通过")
    return 0


def _steps(window, folder: Path, document_path: Path | None, warnings: list[str]):
    import shutil

    from desktop.io.jsonio import document_to_json
    from desktop.io.samples import load_example
    from desktop.paths import resources_dir
    from desktop.store.backups import Backups
    from desktop.store.docfile import DocumentFile
    from desktop.store.migrations import latest_version
    from desktop.ui.app import translations_loaded
    from desktop.ui.bundled_font import bundled_families, register_bundled_font
    from desktop.ui.qt import QApplication

    # the window may use the system's Chinese font; the bundled one must be there for a PC without
    # one (and, in the one-file program, unpack when asked for)
    if not register_bundled_font():
        raise SmokeFailure(f"找不到内置字体（{resources_dir() / 'fonts'}）")
    if not translations_loaded():
        raise SmokeFailure("没有加载 Qt 的中文翻译（qtbase_zh_CN）")
    yield (f"资源：{resources_dir()}；内置字体 {'、'.join(bundled_families())}；窗口字体 "
           f"{QApplication.font().family()}；中文翻译已加载")

    path = folder / (document_path.name if document_path else SAMPLE_FILE_NAME)
    if document_path:
        shutil.copyfile(document_path, path)
        yield f"文档：{document_path} 的副本"
    else:
        DocumentFile.create(path, load_example()).close()
        with DocumentFile.open(path) as file:
            if file.version != latest_version():
                raise SmokeFailure(f"新文档的版本是 {file.version}，应为 {latest_version()}")
        yield f"文档：由内置样例创建，数据库迁移到第 {latest_version()} 版"

    window.backups = Backups(folder / "backups")  # the smoke run's own, not the user's
    if not window.open_document(path):
        raise SmokeFailure(f"无法打开“{path}”")
    if not window.backups.list(path):
        raise SmokeFailure("打开文档时没有生成备份")
    window.show()
    QApplication.processEvents()
    workspace = window.workspace
    yield f"窗口：{workspace.document.department_name} {workspace.year} 年度，{window.tabs.count()} 个标签页；已备份"

    message = smoke_edit(window)
    if message:
        raise SmokeFailure(message)
    with DocumentFile.open(path) as file:
        if document_to_json(file.load()) != document_to_json(workspace.document):
            raise SmokeFailure("编辑后文件中的内容与窗口中的不一致")
    yield "编辑：徽标随编辑变化，撤销、重做正确，已写入文件"

    yield _check_findings(window)
    yield _check_scores(window)
    pdf_line, pages = _export_pdf(window, folder)
    yield pdf_line
    yield _print_preview(window, folder, pages)
    yield _export_docx(window, folder)
    yield _export_xlsx(window, folder)
    yield _read_official(window, folder)

    QApplication.processEvents()
    if warnings:
        raise SmokeFailure("Qt 警告：" + "；".join(warnings))


def _check_findings(window) -> str:
    from desktop.rules.engine import Engine

    workspace = window.workspace
    shown = {finding.identity for finding in workspace.session.findings}
    fresh = {finding.identity for finding in Engine(workspace.document, workspace.year).validate()}
    if shown != fresh:
        raise SmokeFailure(f"审核结果与重新审核不一致：多 {len(shown - fresh)} 条，少 {len(fresh - shown)} 条")
    errors = sum(errors for errors, _warnings in window.badge_counts().values())
    return f"审核：{len(fresh)} 条问题，与重新审核一致；徽标上的错误 {errors} 个"


def _check_scores(window) -> str:
    from desktop.scoring import score_year

    workspace = window.workspace
    window.score_timer.stop()
    window._refresh_scores()
    shown = window.score_panel.scores()
    expected = score_year(workspace.document, workspace.year)
    if shown != expected:
        raise SmokeFailure("评分面板与重新计算的得分不一致")
    projects = shown.get("projects") or []
    if shown.get("department") is None and not projects:
        raise SmokeFailure("评分面板是空的：文档中既没有部门整体评价，也没有项目自评")
    department = (shown.get("department") or {}).get("total") or "无"
    totals = "、".join(project.get("total") or "无法计算" for project in projects) or "无"
    return f"评分：与重新计算一致；部门整体 {department}，项目自评 {totals}"


def _fail(title: str, text: str) -> None:
    """Stands in for the message boxes: a smoke run has nobody to press 确定."""
    raise SmokeFailure(f"{title}：{text}")


def _export_pdf(window, folder: Path) -> tuple[str, int]:
    exporter = window.exporter
    target = folder / "决算公开说明.pdf"
    exporter.ask_path = lambda _title, _default: target
    exporter.ask_draft = lambda _summary, _message: True  # the smoke edit leaves errors: a 草稿
    exporter.finished = lambda _result: None
    exporter.failed = _fail
    result = exporter.export_publication()
    if result is None or not target.is_file():
        raise SmokeFailure("没有导出 PDF")
    data = target.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure("导出的 PDF 不完整")
    if b"/FontFile2" not in data:
        raise SmokeFailure("导出的 PDF 没有嵌入中文字体")
    return f"PDF：{result.pages} 页，{len(data) // 1024} KB，嵌入字体", result.pages


def _print_preview(window, folder: Path, pages: int) -> str:
    """打印预览 as the menu opens it: the PDF built again into a temporary folder, page 1 rendered
    on screen (PDFium, pypdfium2), the folder removed when the dialog closes."""
    previewer = window.previewer
    previewer.temporary_root = folder
    previewer.failed = _fail
    dialog = previewer.open_preview()
    if dialog is None:
        raise SmokeFailure("打印预览没有打开")
    try:
        if dialog.count != pages:
            raise SmokeFailure(f"打印预览有 {dialog.count} 页，导出的 PDF 有 {pages} 页")
        dialog.view.viewport().grab()  # paints the visible pages
        image = dialog.view.cache.get(0)
        if image is None or image.width() < 100 or image.height() < 100:
            raise SmokeFailure("打印预览：第 1 页没有画出来")
        dark = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
                   if image.pixelColor(x, y).lightness() < 128)
        if not dark:
            raise SmokeFailure("打印预览：第 1 页是空白")
        size = f"{image.width()}×{image.height()}"
        printed = _print_first_page(dialog, folder)
    finally:
        temporary = dialog.folder
        dialog.reject()
        QApplication.processEvents()
    if temporary.exists():
        raise SmokeFailure(f"关闭打印预览后临时文件夹仍在：{temporary}")
    return f"打印预览：共 {pages} 页，第 1 页 {size} 像素；打印第 1 页到文件 {printed // 1024} KB；关闭后临时文件已删除"


def _print_first_page(dialog, folder: Path) -> int:
    """打印… without its dialog: page 1 through a QPrinter (which loads Qt's printer plugin, CUPS on
    Linux) into a PDF file; the file's size."""
    from desktop.ui.qt import QPrinter
    target = folder / "打印测试.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    if dialog.print_to(printer, 1, 1) != 1 or not target.is_file() or target.stat().st_size < 1000:
        raise SmokeFailure("打印：第 1 页没有送到打印机（文件）")
    size = target.stat().st_size
    target.unlink()
    return size


def _export_docx(window, folder: Path) -> str:
    """The Word document through the same menu flow, read back with python-docx."""
    from desktop.io.docx import read_back

    exporter = window.exporter
    target = folder / "决算公开说明.docx"
    exporter.ask_path = lambda _title, _default: target
    exporter.ask_draft = lambda _summary, _message: True
    exporter.finished = lambda _result: None
    exporter.failed = _fail
    result = exporter.export_word()
    if result is None or not target.is_file():
        raise SmokeFailure("没有导出 Word 文档")
    word = read_back(target)
    if window.workspace.document.department_name not in word["text"] or not word["tables"]:
        raise SmokeFailure("导出的 Word 文档缺少标题或表格")
    if not word["headings"] or not word["toc"]:
        raise SmokeFailure("导出的 Word 文档缺少标题样式或目录")
    return (f"Word：{word['tables']} 张表、{word['headings']} 个标题、{word['pictures']} 幅图，"
            f"{target.stat().st_size // 1024} KB，读回正常")


def _read_official(window, folder: Path) -> str:
    """The official-table import reads the workbook's and the PDF's published tables back (openpyxl
    whole-workbook reading, PDFium's path and text functions): every table, no difference."""
    from desktop.io.official import read_official, read_tables
    from desktop.io.official.pdf_tables import read_pdf_tables
    from desktop.publication.tables import part_one_tables

    workspace = window.workspace
    data = workspace.document.year(workspace.year)
    expected = len(part_one_tables(workspace.document, data))
    from_workbook = read_official(folder / "决算.xlsx", workspace.document, workspace.year)
    from_pdf = read_tables(read_pdf_tables(folder / "决算公开说明.pdf"), [], workspace.document, workspace.year,
                           "决算公开说明.pdf")
    for name, result in (("Excel", from_workbook), ("PDF", from_pdf)):
        if len(result.tables) != expected or result.differences:
            raise SmokeFailure(f"{name} 中的公开报表读回 {len(result.tables)} 张（应为 {expected} 张）："
                               + "；".join(result.differences[:3]))
    return f"官方报表导入：Excel 与 PDF 各读回 {expected} 张公开报表，合计无差异"


def _export_xlsx(window, folder: Path) -> str:
    from desktop.editing.replace import plan_import
    from desktop.io.xlsx import read_xlsx

    excel = window.excel
    target = folder / "决算.xlsx"
    excel.ask_path = lambda _title, _default: target
    excel.finished = lambda _result, _template=False: None
    excel.failed = excel.warn = excel.inform = _fail
    result = excel.export_workbook()
    if result is None or not target.is_file():
        raise SmokeFailure("没有导出 Excel 工作簿")
    workspace = window.workspace
    back = read_xlsx(target)
    plan = plan_import(workspace.document, back.document, workspace.year)
    if plan.command is not None:
        raise SmokeFailure(f"Excel 工作簿读回后与文档不一致：{plan.summary()}")
    return f"Excel：{result.sheets} 张工作表，读回与文档一致"
