"""desktop.io.pdf_pages: page count, sizes and pictures of a PDF, on small files drawn here."""

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from desktop.io.pdf_pages import MAX_PIXELS, PdfPages

# (width, height) in points: A4 portrait, A4 landscape, a small odd size
SIZES = [(595.0, 842.0), (842.0, 595.0), (200.0, 100.0)]


def draw(path: Path) -> Path:
    """One page per SIZES entry; each has a black square of 1 inch at its bottom-left corner and
    a red square of 1 inch at its top-right corner (PDF y grows upwards)."""
    canvas = Canvas(str(path))
    for width, height in SIZES:
        canvas.setPageSize((width, height))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(0, 0, 72, 72, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 0, 0)
        canvas.rect(width - 72, height - 72, 72, 72, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return draw(tmp_path_factory.mktemp("pdf-pages") / "three.pdf")


def test_count_and_sizes(sample):
    with PdfPages(sample) as pages:
        assert len(pages) == 3
        assert [tuple(round(v, 3) for v in size) for size in pages.sizes()] == SIZES


@settings(max_examples=25, deadline=None)
@given(index=st.integers(0, 2), dpi=st.floats(18, 150))
def test_a_rendered_page_has_the_size_of_the_page_at_that_resolution(sample, index, dpi):
    with PdfPages(sample) as pages:
        image = pages.render(index, dpi)
    width, height = SIZES[index]
    assert image.width == math.ceil(width * dpi / 72)
    assert image.height == math.ceil(height * dpi / 72)
    assert image.stride >= 3 * image.width
    assert len(image.data) == image.stride * image.height


@pytest.mark.parametrize("index", range(3))
def test_the_picture_is_the_page_the_right_way_up(sample, index):
    with PdfPages(sample) as pages:
        image = pages.render(index, 72)  # one pixel per point
    width, height = SIZES[index]
    inch = 72
    assert image.pixel(inch // 2, round(height) - inch // 2) == (0, 0, 0)   # bottom left: black
    assert image.pixel(round(width) - inch // 2, inch // 2) == (255, 0, 0)  # top right: red
    assert image.pixel(round(width) // 2 + 1, round(height) // 2) == (255, 255, 255)  # white ground


def test_a_huge_resolution_is_capped(sample):
    with PdfPages(sample) as pages:
        image = pages.render(0, 2400)
    assert image.width * image.height <= MAX_PIXELS * 1.01
    assert image.width / image.height == pytest.approx(595 / 842, rel=0.01)


def test_pages_outside_the_file_and_a_closed_file_are_refused(sample):
    pages = PdfPages(sample)
    with pytest.raises(IndexError):
        pages.render(3, 72)
    with pytest.raises(IndexError):
        pages.size(-1)
    with pytest.raises(ValueError):
        pages.render(0, 0)
    pages.close()
    assert pages.closed
    with pytest.raises(ValueError):
        pages.render(0, 72)
    pages.close()  # twice is harmless


def test_a_closed_file_can_be_deleted(tmp_path):
    path = draw(tmp_path / "gone.pdf")
    with PdfPages(path) as pages:
        pages.render(0, 30)
    path.unlink()
    assert not path.exists()
