"""The pages of a finished PDF as pictures: page count, page size in points, one page rendered.

打印预览 and 打印 show and print exactly the file the PDF export wrote, so the preview can never
differ from the published document: this module rasterises that file (pypdfium2, the PDFium
library) instead of laying the document out a second time. No Qt here: the GUI wraps the RGB
rows in a QImage, the smoke test and the unit tests read them as they are. pypdfium2 is imported
when a file is opened, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

POINTS_PER_INCH = 72
MAX_PIXELS = 60_000_000  # one rendered page never exceeds this (≈ 180 MB of RGB): A4 at 1200 dpi is 140 M


@dataclass(frozen=True)
class PageImage:
    """One rendered page: `height` rows of `stride` bytes, each row `width` RGB pixels (3 bytes)."""

    width: int
    height: int
    stride: int
    data: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        start = y * self.stride + 3 * x
        red, green, blue = self.data[start:start + 3]
        return red, green, blue


class PdfPages:
    """An open PDF file; pages are numbered from 0. Close it (or use `with`) before the file is
    deleted: on Windows an open file cannot be removed."""

    def __init__(self, path: Path) -> None:
        import pypdfium2

        self.path = Path(path)
        self._pdf = pypdfium2.PdfDocument(str(self.path))

    def __len__(self) -> int:
        return len(self._pdf)

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._pdf is None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def size(self, index: int) -> tuple[float, float]:
        """(width, height) of page `index` in points (1/72 inch), as displayed (rotation applied)."""
        page = self._page(index)
        try:
            return page.get_size()
        finally:
            page.close()

    def sizes(self) -> list[tuple[float, float]]:
        return [self.size(index) for index in range(len(self))]

    def render(self, index: int, dpi: float) -> PageImage:
        """Page `index` at `dpi` dots per inch on a white ground, as RGB rows."""
        if dpi <= 0:
            raise ValueError(f"dpi must be positive, not {dpi}")
        width, height = self.size(index)
        scale = dpi / POINTS_PER_INCH
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (width * height)) ** 0.5
        page = self._page(index)
        try:
            bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
            try:
                if bitmap.n_channels != 3:  # a page is rendered opaque: RGB, never grey or with alpha
                    raise ValueError(f"unexpected pixel format {bitmap.mode}")
                return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            finally:
                bitmap.close()
        finally:
            page.close()

    def _page(self, index: int):
        if self._pdf is None:
            raise ValueError(f"{self.path.name} is closed")
        if not 0 <= index < len(self._pdf):
            raise IndexError(f"page {index} of {len(self._pdf)}")
        return self._pdf[index]
