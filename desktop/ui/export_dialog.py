"""The 文件 ▸ 导出PDF…, 导出Word… and 导出审核说明PDF… flows: gate, file name, progress, result.

导出PDF and 导出Word write the 决算公开说明 (the Word document is its editable copy) only while
the publication gate is open; when it is closed the clerk sees why (counts in the text, every
problem in the details) and may export a watermarked 草稿 instead, or cancel. Both go through one
flow, differing only in the file type and the exporter. 导出审核说明PDF is internal and always allowed.

The export runs in a child process (desktop.io.child_export) on a copy of the document, so the
window neither freezes nor keeps the exporter's memory (reportlab, python-docx and openpyxl are
never imported here). `run_in_child` waits for it in a local event loop under a window-modal
progress dialog, polling the child from a timer: the window keeps painting, the clerk cannot edit
the document the file is being made from, and 取消 terminates the child (the export writes a
temporary file and replaces the target only when complete, and the temporary file of a killed
child is removed, so aborting leaves nothing behind). A child that raises or dies is reported with
the cause and "没有生成文件". Every modal step — the file name, the refusal, the finish message, an
error — is one method of ExportController, so tests replace them and never block on a dialog.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktop.io import child_export
from desktop.io.child_export import ChildExport, ExportJob
from desktop.oserrors import describe
from desktop.publication.gate import GateReport, export_gate
from desktop.ui.qt import (QApplication, QDesktopServices, QEventLoop, QFileDialog, QMainWindow, QMessageBox,
                           QProgressDialog, QPushButton, Qt, QTimer, QUrl)

if TYPE_CHECKING:
    from desktop.domain.document import Document
    from desktop.io.export import ExportResult, Progress

PDF_FILTER = "PDF 文件 (*.pdf)"
WORD_FILTER = "Word 文档 (*.docx)"
FILTERS = {".pdf": PDF_FILTER, ".docx": WORD_FILTER}
MINIMUM_DURATION_MS = 300  # exports quicker than this never flash a progress dialog
POLL_MS = 50               # how often the window reads the child's progress
REFUSAL_TITLE = "不能导出正式文件"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]')

T = TypeVar("T")
log = logging.getLogger(__name__)


class ExportCancelled(Exception):
    """Raised from the progress callback when the clerk pressed 取消; aborts the export (or the
    Excel import)."""


def publication_file_name(year: int, department: str, suffix: str = ".pdf", publisher: str = "department") -> str:
    kind = "单位决算" if publisher == "unit" else "部门决算"
    return safe_file_name(f"{year}年度{department}{kind}公开说明{suffix}")


def audit_file_name(year: int, department: str) -> str:
    return safe_file_name(f"{year}年度{department}审核说明.pdf")


def safe_file_name(name: str) -> str:
    return _UNSAFE_IN_FILE_NAMES.sub("_", name)


def refusal_summary(report: GateReport, year: int) -> str:
    """One sentence with the counts; the full list goes into the dialog's details."""
    parts = []
    if report.errors:
        parts.append(f"错误 {len(report.errors)} 个")
    if report.unexplained:
        parts.append(f"未说明的提示 {len(report.unexplained)} 个")
    if report.unfilled:
        parts.append(f"未填写的报表 {len(report.unfilled)} 张")
    return f"{year}年度还有{'、'.join(parts)}，不能导出正式的决算公开说明。"


def refusal_box(parent: QMainWindow | None, summary: str, message: str) -> tuple[QMessageBox, QPushButton]:
    """The refusal dialog, not yet shown, and its 导出草稿 button (取消 is the default)."""
    box = QMessageBox(QMessageBox.Icon.Warning, REFUSAL_TITLE, summary, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("可以先导出草稿（每页加“草稿”水印）供内部核对；全部问题请点“显示详情”查看。")
    box.setDetailedText(message)
    draft = box.addButton("导出草稿", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, draft


def with_suffix(path: Path | None, suffix: str) -> Path | None:
    """The clerk's file name, with `suffix` added when it was typed without it (None: cancelled)."""
    if path is None or path.suffix.lower() == suffix:
        return path
    return path.with_name(path.name + suffix)


def document_folder(window: QMainWindow) -> Path:
    """Where exports go by default: beside the open document file, or 文档\\FiscalDesk for the
    example and the 示例 copies (desktop.ui.folders)."""
    from desktop.ui.folders import default_folder
    return default_folder(window.file.path if window.file is not None else None)


def offer_to_open(parent: QMainWindow, text: str) -> bool:
    """The 导出完成 box: True when the clerk chose 打开文件, False for 关闭."""
    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", text, QMessageBox.StandardButton.NoButton, parent)
    open_button = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(close)
    box.exec()
    chosen = box.clickedButton() is open_button
    box.deleteLater()
    return chosen


@dataclass(frozen=True)
class PublicationFormat:
    """One file type of the 决算公开说明: its menu title, suffix and exporter."""

    title: str
    suffix: str
    exporter: str  # the function of desktop.io.child_export the child runs: (document, path, *, year, draft, progress)

    def job(self, document: Document, path: Path, year: int, draft: bool) -> ExportJob:
        return export_job(self.exporter, document, path, year=year, draft=draft)


PDF = PublicationFormat("导出PDF", ".pdf", "export_pdf")
WORD = PublicationFormat("导出Word", ".docx", "export_docx")


def export_job(exporter: str, document: Document, path: Path, **options) -> ExportJob:
    """A job running `desktop.io.child_export.<exporter>`, looked up when the export starts (tests
    replace it there with a fake of their own, which the child imports by name)."""
    return ExportJob(getattr(child_export, exporter), document, path, options)


def exported_text(result: ExportResult) -> str:
    """What was written, for the status bar: pages for a PDF, the kind for a Word document."""
    draft = "（草稿）" if result.draft else ""
    if result.pages is None:
        return f"已导出 Word 文档{draft}：{result.path}"
    return f"已导出 {result.pages} 页{draft}：{result.path}"


def guarded(controller, title: str, flow: Callable[[], T | None], message: str) -> T | None:
    """Run one flow of a menu command (an export, the print preview) unless the controller is busy
    or no document is open. A slot must never let an exception escape into Qt's event loop: it is
    logged for the developer and reported to the clerk (`message` with {exc})."""
    if controller.busy or controller.window.workspace is None:
        return None
    try:
        return flow()
    except Exception as exc:  # noqa: BLE001 — reported to the clerk, logged for the developer
        log.exception("%s failed", title)
        controller.failed(title, message.format(exc=exc))
        return None


class ExportController:
    """The two export actions of one main window (which owns the workspace and the file)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.busy = False
        self.progress_dialog: QProgressDialog | None = None  # while an export runs

    # -- the menu actions -----------------------------------------------------------------
    def export_publication(self) -> ExportResult | None:
        """导出PDF…: the 决算公开说明, or a 草稿 when the gate is closed and the clerk chooses it."""
        return self._guarded(PDF.title, lambda: self._export_publication(PDF))

    def export_word(self) -> ExportResult | None:
        """导出Word…: the same 决算公开说明 as an editable Word document, behind the same gate."""
        return self._guarded(WORD.title, lambda: self._export_publication(WORD))

    def export_audit(self) -> ExportResult | None:
        """导出审核说明PDF…: every warning with its explanation; not gated."""
        return self._guarded("导出审核说明PDF", self._export_audit)

    def _guarded(self, title: str, flow: Callable[[], ExportResult | None]) -> ExportResult | None:
        return guarded(self, title, flow, "导出时出错：{exc}\n没有生成文件。")

    def _export_publication(self, kind: PublicationFormat) -> ExportResult | None:
        workspace = self.window.workspace
        document, year = workspace.published_document(), workspace.year  # the shown unit's, or the department's
        report = export_gate(document, year)
        draft = not report.open
        name = publication_file_name(year, document.department_name, kind.suffix, document.publisher)
        if draft:
            if not self.ask_draft(refusal_summary(report, year), report.message()):
                self.window.statusBar().showMessage("未导出：请先处理审核面板中的问题", 6000)
                return None
            name = name.removesuffix(kind.suffix) + f"（草稿）{kind.suffix}"
        path = self._choose_path(kind.title, self._folder() / name)
        if path is None:
            return None
        result = self._run(kind.title, kind.job(document, path, year, draft))
        if result is not None and not draft:
            self._record_export(result.path)
        return result

    def _record_export(self, path: Path) -> None:
        """Note the final export in the 公开清单 (the department's or the shown unit's 公开情况)."""
        workspace = self.window.workspace
        if workspace.read_only:
            return
        from datetime import datetime

        from desktop.editing.commands import CellValue, SetCells
        key = workspace.section_key("unit_publication")
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        workspace.push(SetCells([CellValue(workspace.year, key, "", "exported_on", stamp),
                                 CellValue(workspace.year, key, "", "exported_file", path.name)], "记录导出正式文件"))

    def _export_audit(self) -> ExportResult | None:
        workspace = self.window.workspace
        document, year = workspace.document, workspace.year
        path = self._choose_path("导出审核说明PDF", self._folder() / audit_file_name(year, document.department_name))
        if path is None:
            return None
        return self._run("导出审核说明PDF", export_job("export_audit_pdf", document, path, year=year))

    def _choose_path(self, title: str, default: Path) -> Path | None:
        return with_suffix(self.ask_path(title, default), default.suffix.lower())

    def _folder(self) -> Path:
        return document_folder(self.window)

    # -- the modal steps (tests replace these) ------------------------------------------------
    def ask_path(self, title: str, default: Path) -> Path | None:
        """The file to write; None when the clerk cancelled."""
        from desktop.ui.folders import dialog_start
        chosen, _filter = QFileDialog.getSaveFileName(self.window, title, dialog_start(default),
                                                      FILTERS.get(default.suffix.lower(), PDF_FILTER))
        return Path(chosen) if chosen else None

    def ask_draft(self, summary: str, message: str) -> bool:
        """The refusal: True when the clerk chose 导出草稿, False for 取消."""
        box, draft = refusal_box(self.window, summary, message)
        box.exec()
        chosen = box.clickedButton() is draft
        box.deleteLater()
        return chosen

    def finished(self, result: ExportResult) -> None:
        """Say where the file is and offer to open it."""
        kind = "草稿" if result.draft else "文件"
        if result.pages is None:
            text = f"已导出 Word {kind}：\n{result.path}\n\n目录与页码在 Word 打开时更新。"
        else:
            text = f"已导出{kind}，共 {result.pages} 页：\n{result.path}"
        if offer_to_open(self.window, text):
            self.open_file(result.path)

    def open_file(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            kind = "Word 文档" if path.suffix.lower() == ".docx" else "PDF 文件"
            self.failed("打开文件", f"无法打开“{path}”：系统中没有可以打开{kind}的程序。")

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)

    # -- running one export -------------------------------------------------------------------
    def _run(self, title: str, job: ExportJob) -> ExportResult | None:
        path = job.path
        self.busy = True
        dialog = progress_dialog(self.window, title)
        self.progress_dialog = dialog
        try:
            result = run_in_child(job, dialog)
        except ExportCancelled:
            self.window.statusBar().showMessage(f"已取消导出，未写入“{path.name}”", 6000)
            return None
        except OSError as exc:
            reason = describe(exc)
            self.failed(title, f"无法写入“{path}”（{reason}）。\n没有生成文件，原有文件（如有）未受影响。")
            return None
        except Exception as exc:  # noqa: BLE001 — nothing may escape into Qt's event loop
            log.exception("%s failed; in the child:\n%s", title, getattr(exc, "child_traceback", ""))
            self.failed(title, f"导出“{path.name}”时出错：{exc}\n没有生成文件。")
            return None
        finally:
            self.progress_dialog = None
            close_progress(dialog)
            self.busy = False
        self.window.statusBar().showMessage(exported_text(result), 15000)
        self.finished(result)
        return result


def progress_dialog(window: QMainWindow, title: str) -> QProgressDialog:
    """A window-modal progress dialog with 取消 that shows only when the work lasts longer than
    MINIMUM_DURATION_MS (the exports and the Excel import share it)."""
    dialog = QProgressDialog("正在准备…", "取消", 0, 1, window)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(MINIMUM_DURATION_MS)
    dialog.setAutoReset(False)   # each layout pass reaches its maximum and starts again
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(360)
    dialog.setValue(0)           # starts the minimum-duration clock
    return dialog


def run_in_child(job: ExportJob, dialog: QProgressDialog):
    """Run `job` in a child process and return its result, showing its progress in `dialog`; the
    child's exception is raised here (with `child_traceback` for the log), ExportCancelled when
    the clerk pressed 取消 (the child is then terminated and its temporary file removed).

    A local event loop waits, woken by a timer that reads the child's messages: no busy loop, and
    the window repaints. Until the dialog shows (after MINIMUM_DURATION_MS), the loop holds the
    clerk's keys and clicks back, as the window-modal dialog does once it is visible."""
    child = ChildExport(job)
    loop = QEventLoop()
    state = {"cancelled": False, "visible": False}

    def poll() -> None:
        if dialog.wasCanceled():
            state["cancelled"] = True
            child.cancel()
            loop.quit()
            return
        if child.poll():
            loop.quit()
            return
        show_progress(dialog, child.stage, child.done, child.total)
        if dialog.isVisible() != state["visible"]:
            loop.quit()  # enter again with the other flags

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    timer.start()
    try:
        while not (child.finished or state["cancelled"]):
            state["visible"] = dialog.isVisible()
            code = loop.exec(QEventLoop.ProcessEventsFlag.AllEvents if state["visible"]
                             else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if code != 0:  # the program is quitting: no event loop runs any more, nor this timer
                state["cancelled"] = True
    finally:
        timer.stop()
        child.cancel()  # a no-op once finished; stops the child if anything here went wrong
    if state["cancelled"]:
        raise ExportCancelled
    try:
        return child.outcome()
    except Exception as exc:
        exc.child_traceback = child.traceback
        raise


def show_progress(dialog: QProgressDialog, stage: str, done: int, total: int) -> None:
    if dialog.labelText() != stage:
        dialog.setLabelText(stage)
    total = max(1, total)
    if dialog.maximum() != total:
        dialog.setMaximum(total)
    dialog.setValue(max(0, min(done, total)))


def close_progress(dialog: QProgressDialog) -> None:
    dialog.reset()  # stops its show-after-minimum-duration timer: quick work must not leave
    dialog.hide()   # a progress dialog that pops up (modal) once it is over
    dialog.deleteLater()


def progress_callback(dialog: QProgressDialog) -> Progress:
    """The `progress(stage, done, total)` work in the window's own process calls (the Excel import
    reads the workbook there, since its result is needed there): shows the stage, lets events through
    (so the window repaints and 取消 works) and raises ExportCancelled once 取消 was pressed."""
    def progress(stage: str, done: int, total: int) -> None:
        if dialog.wasCanceled():
            raise ExportCancelled
        show_progress(dialog, stage, done, total)
        # Until the dialog shows, nothing the clerk types may reach the document being worked on;
        # once it shows it blocks the window itself, and its 取消 button must work.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents if dialog.isVisible()
                                   else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if dialog.wasCanceled():
            raise ExportCancelled

    return progress
