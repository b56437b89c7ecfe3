"""打印: the pages of the exported PDF sent to a QPrinter, one rendered page at a time.

Each page is rendered at the printer's resolution (at most PRINT_DPI: finer than that costs time
and memory, not sharpness) and fitted into the printable area, centred, its proportions kept. A
page whose orientation differs from the paper's (a landscape 第一部分 table on portrait paper) is
turned a quarter so it prints as large as it can, as PDF readers do. Only one page picture exists
at any time, so a 273-page document prints in the memory of one page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.io.pdf_pages import PdfPages
from desktop.ui.page_view import page_qimage
from desktop.ui.qt import QPageLayout, QPageSize, QPainter, QPrinter, QRectF, QSizeF

PRINT_DPI = 300
Progress = Callable[[str, int, int], None]


class PrintFailed(Exception):
    """The printer could not be started (no printer, or the output file cannot be written)."""


def prepare_printer(printer: QPrinter, pages: PdfPages, name: str) -> None:
    """The paper and orientation of the first page, all pages selectable, the document's name."""
    width, height = pages.size(0)
    printer.setPageSize(QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                               else QPageLayout.Orientation.Portrait)
    printer.setDocName(name)
    printer.setCreator("FiscalDesk")
    printer.setFromTo(1, len(pages))


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """The 1-based page numbers the print dialog asked for, in printing order, repeated for the
    copies the printer cannot make itself. `current` is the 1-based page on screen."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        numbers = [current]
    elif mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        spans = ([(r.from_, r.to) for r in ranges.toRangeList()] if not ranges.isEmpty()
                 else [(printer.fromPage(), printer.toPage())])
        numbers = [n for first, last in spans for n in range(max(1, first), min(count, last) + 1)]
    else:
        numbers = list(range(1, count + 1))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        numbers.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return numbers * copies


def print_pages(pages: PdfPages, printer: QPrinter, numbers: Sequence[int], progress: Progress | None = None) -> int:
    """Print the 1-based `numbers` of `pages`; the number of pages sent. PrintFailed when the
    printer does not start; an exception from `progress` (取消) aborts the job and propagates."""
    if not numbers:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("打印机没有响应，或输出文件无法写入")
    try:
        for done, number in enumerate(numbers):
            if progress is not None:
                progress(f"正在打印第 {number} 页（{done + 1}/{len(numbers)}）", done, len(numbers))
            if done:
                printer.newPage()
            draw_page(painter, printer, pages, number - 1)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return len(numbers)


def draw_page(painter: QPainter, printer: QPrinter, pages: PdfPages, index: int) -> None:
    """Page `index` (0-based) fitted into the printable area of the painter's current sheet."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel)  # the painter's origin is its top left
    room_width, room_height = area.width(), area.height()
    width, height = pages.size(index)
    turned = (width > height) != (room_width > room_height)
    shown_width, shown_height = (height, width) if turned else (width, height)
    scale = min(room_width / shown_width, room_height / shown_height)  # device pixels per point
    dpi = min(PRINT_DPI, printer.resolution(), scale * 72)
    image = page_qimage(pages.render(index, dpi))
    painter.save()
    painter.translate(room_width / 2, room_height / 2)
    if turned:
        painter.rotate(-90)  # the top of the page on the left edge, as printers print landscape
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(-width * scale / 2, -height * scale / 2, width * scale, height * scale), image)
    painter.restore()
