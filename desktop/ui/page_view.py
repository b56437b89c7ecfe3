"""The pages of a PDF, one under the other, in a scrolling view that renders only what is shown.

打印预览 shows the exported 决算公开说明, which can run to hundreds of pages: the view lays the
pages out from their sizes alone, renders a page when it first becomes visible, and keeps only
the last CACHE_PAGES pictures (an A4 page at 100 % is ≈ 2.7 MB). PageDown/PageUp (and Home/End)
step whole pages, the wheel scrolls, Ctrl+wheel zooms; `current` is the page the clerk is on.
"""

from __future__ import annotations

from collections import OrderedDict

from desktop.io.pdf_pages import PageImage, PdfPages
from desktop.ui.qt import (QAbstractScrollArea, QColor, QImage, QPainter, QPen, QRect, QSize, Qt,
                           Signal)

CACHE_PAGES = 6          # rendered pages kept at most
SCREEN_DPI = 96          # 100 % shows a page at its printed size on a 96-dpi screen
PAGE_GAP = 16            # pixels between pages and around them
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH, FIT_PAGE = "width", "page"
BACKGROUND = QColor("#8a8f96")


def page_qimage(image: PageImage) -> QImage:
    """The rendered RGB rows as a QImage that owns its pixels."""
    return QImage(image.data, image.width, image.height, image.stride, QImage.Format.Format_RGB888).copy()


class PageView(QAbstractScrollArea):
    """The pages of an open PdfPages at a zoom (FIT_WIDTH, FIT_PAGE or a factor of 100 %)."""

    current_changed = Signal(int)  # 0-based page number
    zoom_changed = Signal(object)  # the new zoom (Ctrl+wheel)

    def __init__(self, pages: PdfPages, parent=None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.sizes = pages.sizes()  # points, read once: layout never opens a page
        self.zoom: str | float = FIT_PAGE
        self.rects: list[QRect] = []
        self.cache: OrderedDict[int, QImage] = OrderedDict()
        self.rendered = 0  # pages rendered so far (tests bound it)
        self._current = 0
        self._jumping = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self.viewport().update())
        self._layout()

    # -- what is shown ------------------------------------------------------------------------
    @property
    def current(self) -> int:
        return self._current

    def count(self) -> int:
        return len(self.sizes)

    def go_to(self, index: int) -> None:
        """Scroll page `index` (clamped) to the top of the view and make it the current page."""
        index = max(0, min(self.count() - 1, index))
        self._jumping = True
        try:
            self.verticalScrollBar().setValue(self.rects[index].top() - PAGE_GAP if self.rects else 0)
        finally:
            self._jumping = False
        self._set_current(index)
        self.viewport().update()

    def set_zoom(self, zoom: str | float) -> None:
        self.zoom = zoom
        self._relayout()

    def scale(self, index: int) -> float:
        """Screen pixels per point for page `index` at the current zoom and view size."""
        width, height = self.sizes[index]
        room_width = max(50, self.viewport().width() - 2 * PAGE_GAP)
        room_height = max(50, self.viewport().height() - 2 * PAGE_GAP)
        if self.zoom == FIT_WIDTH:
            return room_width / width
        if self.zoom == FIT_PAGE:
            return min(room_width / width, room_height / height)
        return float(self.zoom) * SCREEN_DPI / 72

    def visible_pages(self) -> list[int]:
        shown = QRect(self.horizontalScrollBar().value(), self.verticalScrollBar().value(),
                      self.viewport().width(), self.viewport().height())
        return [index for index, rect in enumerate(self.rects) if rect.intersects(shown)]

    def image(self, index: int) -> QImage:
        """Page `index` at the size it is shown, rendered now unless cached at that size."""
        rect = self.rects[index]
        ratio = self.devicePixelRatioF()
        wanted = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
        cached = self.cache.get(index)
        if cached is not None and abs(cached.width() - wanted.width()) <= 1:
            self.cache.move_to_end(index)
            return cached
        dpi = wanted.width() * 72 / self.sizes[index][0]
        image = page_qimage(self.pages.render(index, dpi))
        image.setDevicePixelRatio(ratio)
        self.rendered += 1
        self.cache[index] = image
        self.cache.move_to_end(index)
        while len(self.cache) > CACHE_PAGES:
            self.cache.popitem(last=False)
        return image

    def forget(self) -> None:
        self.cache.clear()

    # -- layout -------------------------------------------------------------------------------
    def _layout(self) -> None:
        sizes = [(round(w * self.scale(i)), round(h * self.scale(i))) for i, (w, h) in enumerate(self.sizes)]
        content_width = max([self.viewport().width()] + [w + 2 * PAGE_GAP for w, _h in sizes])
        self.rects, top = [], PAGE_GAP
        for width, height in sizes:
            self.rects.append(QRect((content_width - width) // 2, top, width, height))
            top += height + PAGE_GAP
        bars = (self.horizontalScrollBar(), self.verticalScrollBar())
        for bar, total, shown in zip(bars, (content_width, top), (self.viewport().width(), self.viewport().height())):
            bar.setRange(0, max(0, total - shown))
            bar.setPageStep(shown)
            bar.setSingleStep(max(20, shown // 10))
        self.viewport().update()

    def _relayout(self) -> None:
        """Lay out again (zoom or size changed), keeping the current page at the top."""
        current = self._current
        self._layout()
        self.go_to(current)

    def _scrolled(self, _value: int) -> None:
        self.viewport().update()
        if self._jumping or not self.rects:
            return
        top, bottom = self.verticalScrollBar().value(), self.verticalScrollBar().value() + self.viewport().height()

        def shown(index: int) -> int:
            rect = self.rects[index]
            return max(0, min(rect.bottom(), bottom) - max(rect.top(), top))

        self._set_current(max(self.visible_pages() or [self._current], key=lambda i: (shown(i), -i)))

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.current_changed.emit(index)

    # -- Qt -----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if self.pages.closed:  # the dialog is closing
            painter.end()
            return
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        painter.setPen(QPen(QColor("#5f6368"), 1))
        for index in self.visible_pages():
            rect = self.rects[index].translated(-dx, -dy)
            if not rect.intersects(event.rect()):
                continue
            painter.drawImage(rect, self.image(index))
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        steps = {Qt.Key.Key_PageDown: self._current + 1, Qt.Key.Key_PageUp: self._current - 1,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: self.count() - 1}
        if event.key() in steps and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.go_to(steps[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = self.scale(self._current) * 72 / SCREEN_DPI
            if event.angleDelta().y() > 0:
                zoom = next((step for step in ZOOM_STEPS if step > factor + 0.01), ZOOM_STEPS[-1])
            else:
                zoom = next((step for step in reversed(ZOOM_STEPS) if step < factor - 0.01), ZOOM_STEPS[0])
            self.set_zoom(zoom)
            self.zoom_changed.emit(zoom)
            event.accept()
            return
        super().wheelEvent(event)
