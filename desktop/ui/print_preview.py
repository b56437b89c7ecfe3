"""文件 ▸ 打印预览… (Ctrl+P) and 打印…: the 决算公开说明 exactly as 导出PDF writes it, on screen and on paper.

The preview never lays the document out a second way: it runs the PDF export itself (the same
exporter in a child process, progress dialog and 取消 as 导出PDF) into a temporary folder, then shows that file's
pages (desktop.ui.page_view) and prints them (desktop.ui.printing). When the publication gate is
closed the file is the watermarked 草稿 导出PDF would offer, and the dialog's title and status
line say so. The temporary folder goes when the dialog closes (or, at the latest, when the
program ends). The print dialog is one method, `ask_print`, so tests set the printer up and
call the rest (`print_to`) without a modal dialog.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.io.pdf_pages import PdfPages
from desktop.oserrors import describe
from desktop.publication.gate import export_gate
from desktop.ui.export_dialog import (PDF, PDF_FILTER, ExportCancelled, close_progress, document_folder, guarded,
                                      progress_callback, progress_dialog, publication_file_name, refusal_summary,
                                      run_in_child, with_suffix)
from desktop.ui.page_view import FIT_PAGE, FIT_WIDTH, PageView
from desktop.ui.printing import PrintFailed, chosen_pages, prepare_printer, print_pages
from desktop.ui.qt import (QAbstractPrintDialog, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                           QPrintDialog, QPrinter, QPushButton, QSpinBox, QVBoxLayout)

if TYPE_CHECKING:
    from desktop.io.export import ExportResult
    from desktop.ui.main_window import MainWindow

TITLE = "打印预览"
ZOOM_CHOICES = (("适合页面", FIT_PAGE), ("适合宽度", FIT_WIDTH), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
                ("125%", 1.25), ("150%", 1.5), ("200%", 2.0), ("300%", 3.0))

log = logging.getLogger(__name__)


def _discard(pages: PdfPages, folder: Path) -> None:
    pages.close()  # Windows cannot remove an open file
    shutil.rmtree(folder, ignore_errors=True)


class PreviewController:
    """Builds the PDF of the open document and opens the preview on it (one per main window)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.busy = False
        self.temporary_root: Path | None = None  # None: the system's temporary folder (tests: theirs)
        self.dialog: PrintPreviewDialog | None = None

    def open_preview(self, print_now: bool = False) -> PrintPreviewDialog | None:
        """打印预览… (and 打印…, which opens the print dialog at once); None when not shown."""
        return guarded(self, TITLE, lambda: self._open(print_now), "生成打印预览时出错：{exc}")

    def _open(self, print_now: bool) -> PrintPreviewDialog | None:
        workspace = self.window.workspace
        document, year = workspace.document, workspace.year
        report = export_gate(document, year)
        draft = not report.open  # what 导出PDF would offer: the watermarked 草稿
        folder = Path(tempfile.mkdtemp(prefix="fiscaldesk-print-", dir=self.temporary_root))
        name = publication_file_name(year, document.department_name)
        if draft:
            name = name.removesuffix(".pdf") + "（草稿）.pdf"
        dialog = None
        try:
            result = self._build(folder / name, document, year, draft)
            if result is not None:
                dialog = PrintPreviewDialog(self.window, result, folder, refusal_summary(report, year) if draft else "")
        finally:
            if dialog is None:  # cancelled or failed: nothing may stay behind
                shutil.rmtree(folder, ignore_errors=True)
        if dialog is None:
            return None
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal: the document stays as it was printed
        dialog.view.setFocus()
        if print_now:
            dialog.print_document()
        return dialog

    def _build(self, path: Path, document, year: int, draft: bool) -> ExportResult | None:
        """The PDF export under its progress dialog; None when cancelled or failed (said why)."""
        self.busy = True
        dialog = progress_dialog(self.window, TITLE)
        try:
            return run_in_child(PDF.job(document, path, year, draft), dialog)
        except ExportCancelled:
            self.window.statusBar().showMessage("已取消打印预览", 6000)
            return None
        except OSError as exc:
            self.failed(TITLE, f"无法在临时文件夹中生成打印文件（{describe(exc)}）。")
            return None
        finally:
            close_progress(dialog)
            self.busy = False

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)


class PrintPreviewDialog(QDialog):
    """The pages of one exported PDF: navigation, zoom, 打印… and 另存为PDF…."""

    def __init__(self, window: MainWindow, result: ExportResult, folder: Path, note: str = "") -> None:
        super().__init__(window)
        self.main_window = window
        self.result = result
        self.folder = folder
        self.pages = PdfPages(result.path)
        self._cleanup = weakref.finalize(self, _discard, self.pages, folder)
        count = len(self.pages)
        kind = "草稿" if result.draft else "正式文件"
        self.setWindowTitle(f"{TITLE}（{kind}）— {result.path.stem.removesuffix('（草稿）')}")
        self.view = PageView(self.pages, self)

        self.previous_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.page_box = QSpinBox()
        self.page_box.setRange(1, count)
        self.page_box.setPrefix("第 ")
        self.page_box.setSuffix(f" 页 / 共 {count} 页")
        self.page_box.setKeyboardTracking(False)
        self.zoom_box = QComboBox()
        for label, zoom in ZOOM_CHOICES:
            self.zoom_box.addItem(label, zoom)
        self.save_button = QPushButton("另存为PDF…")
        self.print_button = QPushButton("打印…")
        self.close_button = QPushButton("关闭")
        for button in (self.previous_button, self.next_button, self.save_button, self.print_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the page box goes to that page; it never prints

        bar = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.page_box, QLabel("缩放："), self.zoom_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        if result.draft:
            self.status.setText(f"草稿：{note}打印出的每页都有“草稿”水印，与“导出PDF”导出的草稿相同。")
            self.status.setStyleSheet("color:#b26a00;")
        else:
            self.status.setText(f"与“导出PDF”导出的文件相同，共 {count} 页。")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.page_box.valueChanged.connect(lambda number: self.view.go_to(number - 1))
        self.zoom_box.activated.connect(lambda _i: self.view.setFocus())
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.view.set_zoom(self.zoom_box.currentData()))
        self.view.current_changed.connect(self._show_current)
        self.view.zoom_changed.connect(self._show_zoom)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self._show_current(0)
        self._fit(window)

    def _fit(self, window: MainWindow) -> None:
        screen = window.screen().availableGeometry() if window.screen() is not None else None
        width, height = (1100, 900) if screen is None else (min(1100, screen.width() - 40), screen.height() - 60)
        self.resize(max(640, width), max(480, height))

    def _step(self, pages: int) -> None:
        self.view.go_to(self.view.current + pages)
        self.view.setFocus()  # PageDown keeps working after a click on 下一页

    @property
    def count(self) -> int:
        return len(self.pages)

    def _show_current(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.count - 1)

    def _show_zoom(self, zoom: float) -> None:
        position = self.zoom_box.findData(zoom)
        self.zoom_box.blockSignals(True)
        if position >= 0:
            self.zoom_box.setCurrentIndex(position)
        self.zoom_box.blockSignals(False)

    # -- printing -------------------------------------------------------------------------------
    def print_document(self) -> int:
        """打印…: the print dialog (range, copies, printer), then the chosen pages; pages sent."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.pages, self.result.path.stem)
        if not self.ask_print(printer):
            return 0
        return self.print_numbers(printer, chosen_pages(printer, self.count, self.view.current + 1))

    def print_to(self, printer: QPrinter, first: int, last: int) -> int:
        """Pages `first`…`last` (1-based, inclusive, as QPrinter's fromPage/toPage) to `printer`."""
        return self.print_numbers(printer, list(range(first, last + 1)))

    def print_numbers(self, printer: QPrinter, numbers: list[int]) -> int:
        numbers = [n for n in numbers if 1 <= n <= self.count]
        progress = progress_dialog(self, "打印")
        try:
            sent = print_pages(self.pages, printer, numbers, progress_callback(progress))
        except ExportCancelled:
            self.status.setText("已取消打印。")
            return 0
        except PrintFailed as failure:
            self.failed("打印", f"无法打印：{failure}。")
            return 0
        except Exception as exc:  # noqa: BLE001 — a slot must not let an exception into Qt's event loop
            log.exception("printing failed")
            self.failed("打印", f"打印时出错：{exc}")
            return 0
        finally:
            close_progress(progress)
        self.status.setText(f"已送出 {sent} 页到“{printer.printerName() or printer.outputFileName()}”。")
        return sent

    def ask_print(self, printer: QPrinter) -> bool:
        """The system's print dialog on `printer`; False when the clerk cancelled."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, self.count)
        dialog.setOptions(QAbstractPrintDialog.PrintDialogOption.PrintPageRange
                          | QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
                          | QAbstractPrintDialog.PrintDialogOption.PrintToFile
                          | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    # -- saving ---------------------------------------------------------------------------------
    def save_pdf(self) -> Path | None:
        """另存为PDF…: a copy of the file shown, which is what 导出PDF would write."""
        default = document_folder(self.main_window) / self.result.path.name
        path = with_suffix(self.ask_path(default), ".pdf")
        if path is None:
            return None
        try:
            shutil.copyfile(self.result.path, path)
        except OSError as exc:
            self.failed("另存为PDF", f"无法写入“{path}”（{describe(exc)}）。")
            return None
        self.status.setText(f"已另存为：{path}")
        return path

    def ask_path(self, default: Path) -> Path | None:
        from desktop.ui.folders import dialog_start
        chosen, _filter = QFileDialog.getSaveFileName(self, "另存为PDF", dialog_start(default), PDF_FILTER)
        return Path(chosen) if chosen else None

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self, title, text)

    # -- closing --------------------------------------------------------------------------------
    def done(self, code: int) -> None:  # noqa: D401 (Qt override): every way of closing ends here
        self.view.forget()
        self._cleanup()  # closes the file, removes the temporary folder; once
        super().done(code)
        self.deleteLater()
