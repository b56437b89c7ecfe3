"""文件 ▸ 打印预览… (Ctrl+P): the exported PDF, page by page, printed from the same file; offscreen.

The preview builds the PDF through the export itself, so the pages it shows and prints are
counted against a PDF exported here (pypdf). Printing goes to a QPrinter writing a PDF file into
tmp_path; the system print dialog is the one step replaced (`ask_print`)."""

from pathlib import Path

import export_fakes
import pytest
from pypdf import PdfReader

from desktop.io import child_export, pdf
from desktop.io.samples import load_example
from desktop.ui.page_view import CACHE_PAGES, FIT_WIDTH, PAGE_GAP
from desktop.ui.print_preview import PrintPreviewDialog
from desktop.ui import printing
from desktop.ui.printing import chosen_pages
from desktop.ui.qt import (QApplication, QPoint, QPointF, QPrinter, Qt, QWheelEvent)

from tests.ui.conftest import save

CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


@pytest.fixture()
def example_path(tmp_path):
    return save(tmp_path / "docs", "example.fdesk", load_example())


@pytest.fixture(scope="module")
def exported_pages(tmp_path_factory) -> int:
    """The page count of the example's 决算公开说明 as 导出PDF writes it."""
    path = tmp_path_factory.mktemp("export") / "example.pdf"
    result = pdf.export_pdf(load_example(), path)
    assert not result.draft
    return len(PdfReader(path).pages)


def file_menu(window) -> dict:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "文件(&F)")
    return {a.text(): a for a in menu.actions() if a.text()}


def open_preview(qtbot, window, tmp_path) -> PrintPreviewDialog:
    """Ctrl+P on the active window, as the clerk presses it."""
    window.previewer.temporary_root = tmp_path
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.tabs.currentWidget() or window, Qt.Key.Key_P, CTRL)
    dialog = window.previewer.dialog
    assert dialog is not None, "Ctrl+P opened no preview"
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog) -> None:
    """Paint the view now, as the screen would (grab paints synchronously, offscreen too)."""
    dialog.view.viewport().grab()


def close(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_the_print_actions_follow_the_pdf_exports_and_need_a_document(qtbot, example_path, open_window):
    window = open_window(None)
    labels = list(file_menu(window))
    assert labels.index("导出审核说明PDF…") < labels.index("打印预览…") < labels.index("打印…") < labels.index("导出Excel…")
    assert file_menu(window)["打印预览…"].shortcut().toString() == "Ctrl+P"
    assert not file_menu(window)["打印预览…"].isEnabled() and not file_menu(window)["打印…"].isEnabled()
    assert window.open_document(example_path)
    assert file_menu(window)["打印预览…"].isEnabled() and file_menu(window)["打印…"].isEnabled()


def test_the_preview_shows_page_one_of_the_exported_pdf(qtbot, tmp_path, example_path, open_window, exported_pages):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    assert dialog.isModal() or dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.count == exported_pages > 5
    assert len(PdfReader(dialog.result.path).pages) == exported_pages
    assert dialog.page_box.text() == f"第 1 页 / 共 {exported_pages} 页"
    assert dialog.windowTitle().startswith("打印预览（正式文件）")
    assert "草稿" not in dialog.status.text() and f"共 {exported_pages} 页" in dialog.status.text()
    assert not dialog.previous_button.isEnabled() and dialog.next_button.isEnabled()
    shown(dialog)
    assert 0 in dialog.view.cache and dialog.view.rendered <= 2  # page 1 (and at most the next)
    close(qtbot, dialog)


def test_a_document_with_errors_is_previewed_as_the_watermarked_draft(qtbot, tmp_path, seed1_path, open_window):
    window = open_window(seed1_path)
    dialog = open_preview(qtbot, window, tmp_path)
    assert dialog.result.draft and "草稿" in dialog.windowTitle()
    assert dialog.status.text().startswith("草稿：2023年度还有错误") and "水印" in dialog.status.text()
    text = PdfReader(dialog.result.path).pages[1].extract_text()
    assert "草稿" in text  # the export's own watermark
    close(qtbot, dialog)


def test_page_down_the_buttons_and_the_page_box_move_between_pages(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    view = dialog.view
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current == 1 and dialog.page_box.value() == 2
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert view.current == 2 and dialog.page_box.text().startswith("第 3 页")
    assert dialog.focusWidget() is view, "after a click on 下一页, PageDown still turns pages"
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current == 0 and not dialog.previous_button.isEnabled()
    dialog.page_box.lineEdit().selectAll()
    qtbot.keyClicks(dialog.page_box.lineEdit(), "5")
    qtbot.keyClick(dialog.page_box.lineEdit(), Qt.Key.Key_Return)
    assert view.current == 4
    assert view.verticalScrollBar().value() == view.rects[4].top() - PAGE_GAP
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current == dialog.count - 1 and not dialog.next_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # past the end: stays
    assert view.current == dialog.count - 1
    close(qtbot, dialog)


def test_stepping_through_every_page_keeps_only_a_few_rendered(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    view = dialog.view
    shown(dialog)
    for step in range(1, dialog.count):
        before = view.rendered
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        shown(dialog)
        assert view.current == step
        assert step in view.cache, "the page on screen is rendered"
        assert len(view.cache) <= CACHE_PAGES
        assert view.rendered - before <= 2, "only what came into view is rendered"
    assert view.rendered <= dialog.count + 2
    close(qtbot, dialog)


def test_the_wheel_scrolls_and_ctrl_wheel_zooms(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    view = dialog.view

    def wheel(steps: int, modifiers=Qt.KeyboardModifier.NoModifier):
        centre = QPointF(view.viewport().rect().center())
        event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(),
                            QPoint(0, 120 * steps), Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)

    for _ in range(30):
        wheel(-1)
        if view.current > 0:
            break
    assert view.verticalScrollBar().value() > 0 and view.current >= 1
    assert dialog.page_box.value() == view.current + 1
    page = view.current
    wheel(1, CTRL)  # zoom in from 适合页面
    assert dialog.zoom_box.currentText().endswith("%") and view.current == page
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findText("100%"))
    width, _height = view.sizes[page]
    assert view.rects[page].width() == round(width * 96 / 72)
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findData(FIT_WIDTH))
    assert view.rects[page].width() == view.viewport().width() - 2 * PAGE_GAP
    close(qtbot, dialog)


def pdf_printer(path: Path, resolution: int = 96) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(resolution)
    return printer


def test_print_sends_the_chosen_range_to_the_printer(qtbot, tmp_path, example_path, open_window, monkeypatch):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    output = tmp_path / "printed.pdf"
    asked, drawn = [], []

    def ask_print(printer: QPrinter) -> bool:  # the clerk chooses pages 2–4 and a PDF file
        asked.append((printer.fromPage(), printer.toPage(), printer.docName()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(96)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 4)
        return True

    draw_page = printing.draw_page
    dialog.ask_print = ask_print
    monkeypatch.setattr(printing, "draw_page", lambda painter, printer, pages, index: (
        drawn.append(index), draw_page(painter, printer, pages, index)))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked == [(1, dialog.count, dialog.result.path.stem)]
    assert drawn == [1, 2, 3]
    assert len(PdfReader(output).pages) == 3
    assert dialog.status.text().startswith("已送出 3 页")
    close(qtbot, dialog)


def test_print_to_prints_first_to_last_inclusive(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    last = dialog.count
    assert dialog.print_to(pdf_printer(tmp_path / "end.pdf"), last - 1, last) == 2
    assert len(PdfReader(tmp_path / "end.pdf").pages) == 2
    assert dialog.print_to(pdf_printer(tmp_path / "one.pdf"), 1, 1) == 1
    reader = PdfReader(tmp_path / "one.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.height) > float(box.width)  # the printer's portrait sheet, page 1 fitted into it
    close(qtbot, dialog)


def test_cancelling_the_print_dialog_prints_nothing(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    dialog.ask_print = lambda printer: False
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not list(tmp_path.glob("*.pdf"))
    close(qtbot, dialog)


@pytest.mark.parametrize("mode, first, last, copies, expected", [
    ("all", 1, 31, 1, list(range(1, 8))),
    ("range", 2, 4, 1, [2, 3, 4]),
    ("range", 6, 40, 1, [6, 7]),           # clipped to the document
    ("current", 1, 7, 1, [5]),
    ("range", 1, 2, 2, [1, 2, 1, 2]),      # copies the PDF printer cannot make itself
])
def test_chosen_pages(qapp, tmp_path, mode, first, last, copies, expected):
    printer = pdf_printer(tmp_path / "x.pdf")
    printer.setPrintRange({"all": QPrinter.PrintRange.AllPages,
                           "range": QPrinter.PrintRange.PageRange,
                           "current": QPrinter.PrintRange.CurrentPage}[mode])
    printer.setFromTo(first, last)
    printer.setCopyCount(copies)
    assert chosen_pages(printer, 7, current=5) == expected


def test_closing_removes_the_temporary_files(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    folder = dialog.folder
    assert folder.parent == tmp_path and dialog.result.path.parent == folder and dialog.result.path.is_file()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not folder.exists()
    assert window.previewer.dialog is None
    dialog = open_preview(qtbot, window, tmp_path)  # again, and closed with the button
    folder = dialog.folder
    close(qtbot, dialog)
    assert not folder.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith("fiscaldesk-print-")] == []


def test_save_as_pdf_copies_the_file_shown(qtbot, tmp_path, example_path, open_window):
    window = open_window(example_path)
    dialog = open_preview(qtbot, window, tmp_path)
    target = tmp_path / "saved"
    dialog.ask_path = lambda default: (asked.append(default), target)[1]
    asked = []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [example_path.parent / dialog.result.path.name]
    assert (tmp_path / "saved.pdf").read_bytes() == dialog.result.path.read_bytes()
    close(qtbot, dialog)


def test_a_failed_build_is_reported_and_leaves_no_temporary_files(qtbot, tmp_path, example_path, open_window,
                                                                  monkeypatch):
    window = open_window(example_path)
    window.previewer.temporary_root = tmp_path
    failures = []
    monkeypatch.setattr(window.previewer, "failed", lambda title, text: failures.append((title, text)))

    monkeypatch.setattr(child_export, "export_pdf", export_fakes.broken)  # run in the child
    file_menu(window)["打印预览…"].trigger()
    [(title, text)] = failures
    assert title == "打印预览" and "排版引擎内部错误" in text
    assert window.previewer.dialog is None and not window.previewer.busy
    assert [p for p in tmp_path.iterdir() if p.name.startswith("fiscaldesk-print-")] == []


def test_the_print_action_opens_the_print_dialog_at_once_and_prints_every_page(qtbot, tmp_path, example_path,
                                                                                open_window, monkeypatch):
    window = open_window(example_path)
    window.previewer.temporary_root = tmp_path
    output = tmp_path / "all.pdf"
    asked = []

    def ask_print(dialog, printer: QPrinter) -> bool:  # the clerk keeps 全部 and prints to a file
        asked.append(printer.printRange())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(48)
        return True

    monkeypatch.setattr(PrintPreviewDialog, "ask_print", ask_print)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.tabs.currentWidget() or window, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.previewer.dialog
    assert asked == [QPrinter.PrintRange.AllPages]
    assert len(PdfReader(output).pages) == dialog.count
    close(qtbot, dialog)
