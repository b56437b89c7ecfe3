"""desktop.ui.printing: pages fitted into the printer's sheet, turned when their orientation differs,
and the page list the print dialog asks for; printed to PDF files in tmp_path and read back."""

import pytest

from desktop.io.pdf_pages import PdfPages
from desktop.ui.printing import print_pages
from desktop.ui.qt import QPageLayout, QPrinter
from tests.io.test_pdf_pages import SIZES, draw

RED, BLACK, WHITE = "red", "black", "white"


def printed(tmp_path, number: int, orientation) -> PdfPages:
    """Page `number` of the test file printed on A4 in `orientation`, the output opened."""
    source = draw(tmp_path / "source.pdf")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    printer.setPageOrientation(orientation)
    with PdfPages(source) as pages:
        assert print_pages(pages, printer, [number]) == 1
    return PdfPages(tmp_path / "out.pdf")


def colour_near(image, x: float, y: float) -> str:
    """The colour at a fraction of the width and height, named (the PDF printer may round by one)."""
    red, green, blue = image.pixel(round(x * (image.width - 1)), round(y * (image.height - 1)))
    if min(red, green, blue) > 230:
        return WHITE
    if max(red, green, blue) < 60:
        return BLACK
    return RED if red > 200 and max(green, blue) < 60 else f"{red},{green},{blue}"


@pytest.mark.parametrize("number, orientation, turned", [
    (1, QPageLayout.Orientation.Portrait, False),   # portrait page on portrait paper
    (2, QPageLayout.Orientation.Landscape, False),  # landscape page on landscape paper
    (2, QPageLayout.Orientation.Portrait, True),    # landscape page on portrait paper: turned
])
def test_a_page_is_fitted_into_the_sheet_and_turned_top_to_the_left(qapp, tmp_path, number, orientation, turned):
    with printed(tmp_path, number, orientation) as out:
        width, height = out.size(0)
        assert (width > height) == (orientation == QPageLayout.Orientation.Landscape)
        image = out.render(0, 72)
    page_width, page_height = SIZES[number - 1]
    # the squares of the test page: black at its bottom left, red at its top right, 72 pt each
    if not turned:
        assert colour_near(image, 0.06, 0.94) == BLACK and colour_near(image, 0.94, 0.06) == RED
    else:  # turned a quarter anticlockwise: its top edge on the sheet's left edge
        assert colour_near(image, 0.06, 0.06) == RED and colour_near(image, 0.94, 0.94) == BLACK
    assert colour_near(image, 0.5, 0.5) == WHITE
    assert page_width and page_height


def test_nothing_to_print_starts_no_job(qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "none.pdf"))
    with PdfPages(draw(tmp_path / "source.pdf")) as pages:
        assert print_pages(pages, printer, []) == 0
    assert not (tmp_path / "none.pdf").exists()
