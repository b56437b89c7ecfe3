"""The PDF's charts as PNG pictures, for the Word document.

Word cannot take a reportlab drawing, and reportlab's own bitmap renderer (renderPM) needs a
Cairo backend that FiscalDesk does not ship. So the chart is drawn exactly as for the PDF
(charts.py, same layout, colours and labels) and this module paints that drawing with Pillow,
which reportlab already depends on: rectangles, lines, polygons (pie slices arrive as polygons)
and strings in the bundled or Windows fonts, at twice the final resolution and then reduced, so
edges are smooth. Only the shapes charts.py uses are supported; anything else is an error, not a
silently missing piece.
"""

from __future__ import annotations

import math
from io import BytesIO
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Rect
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.io.pdf import charts
from desktop.io.pdf.fonts import FONT_NAMES, register_fonts
from desktop.publication import model

DPI = 200  # legible at print size
SUPERSAMPLE = 2  # drawn this many times larger, then reduced: smooth edges without an antialiasing rasteriser
PADDING = 4  # points of white kept around the drawn part after trimming
BUILDERS = {"composition": charts.composition_chart, "budget_actual": charts.budget_actual_chart,
            "score": charts.score_chart}
RGBA = tuple[int, int, int, int]


def chart_png(chart: model.Chart, width: float, dpi: int = DPI) -> tuple[bytes, float, float] | None:
    """The chart drawn `width` points wide without its title (the document sets the title as a
    caption) as PNG data with its width and height in points; None when there is nothing to draw."""
    register_fonts()
    items = list(chart.items)
    if chart.kind == "score":
        items = full_scale_scores(items)
    drawing = BUILDERS[chart.kind]("", items, font=FONT_NAMES["hei"], width=width)
    if drawing is None:
        return None
    return render_png(drawing, dpi)


def full_scale_scores(items: list[tuple]) -> list[tuple]:
    """Score items rescaled so each bar is measured against its own points: every track is as long
    as the longest, and 20 of 20 fills it, as 30 of 30 does. Integers throughout (hundredths)."""
    shown = [item for item in items if item[1] is not None and item[1] > 0]
    if not shown:
        return items
    full = max(points for _, points, _, _ in shown)
    return [(label, full, None if score is None else score * full // points, display)
            for label, points, score, display in shown]


def render_png(drawing: Drawing, dpi: int = DPI) -> tuple[bytes, float, float]:
    """`drawing` painted at `dpi`, the blank bands above and below trimmed; (PNG, width, height in points)."""
    scale = dpi / 72 * SUPERSAMPLE
    size = (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale)))
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    _PillowRenderer(image, scale, drawing.height).render(drawing)
    image = image.convert("RGB").resize((size[0] // SUPERSAMPLE, size[1] // SUPERSAMPLE), Image.Resampling.LANCZOS)
    image = _trim_vertically(image, round(PADDING * dpi / 72))
    data = BytesIO()
    image.save(data, "PNG", dpi=(dpi, dpi), optimize=True)
    return data.getvalue(), image.width * 72 / dpi, image.height * 72 / dpi


def _trim_vertically(image: Image.Image, padding: int) -> Image.Image:
    inverted = Image.eval(image.convert("L"), lambda value: 255 - value)
    box = inverted.point(lambda value: 255 if value > 8 else 0).getbbox()
    if box is None:
        return image
    top, bottom = max(0, box[1] - padding), min(image.height, box[3] + padding)
    return image.crop((0, top, image.width, bottom))


class _NoCanvas:
    """What reportlab's Renderer.draw expects of a canvas; everything is drawn on the image instead."""

    def saveState(self) -> None:  # noqa: N802 (reportlab's names)
        pass

    def restoreState(self) -> None:  # noqa: N802
        pass


class _PillowRenderer(Renderer):
    """Walks the drawing with reportlab's state tracking (transforms, colours, fonts) and paints
    each shape on a Pillow image; y grows downwards there, so every point is flipped."""

    def __init__(self, image: Image.Image, scale: float, height: float) -> None:
        self.image, self.scale, self.height = image, scale, height
        self.draw_on = ImageDraw.Draw(image, "RGBA")
        self.fonts = {choice.name: (str(choice.path), choice.index) for choice in register_fonts().values()}
        self._faces: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def render(self, drawing: Drawing) -> None:
        self.draw(drawing, _NoCanvas(), 0, 0, showBoundary=False)

    # -- reportlab's renderer protocol ----------------------------------------------------
    def drawNode(self, node: Any) -> None:  # noqa: N802
        self._tracker.push(getStateDelta(node))
        self.drawNodeDispatcher(node)
        self._tracker.pop()

    def drawRect(self, rect: Rect) -> None:  # noqa: N802
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._shape([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed=True)

    def drawLine(self, line) -> None:  # noqa: N802
        self._shape([(line.x1, line.y1), (line.x2, line.y2)], closed=False)

    def drawPolyLine(self, polyline) -> None:  # noqa: N802
        points = polyline.points
        self._shape(list(zip(points[0::2], points[1::2])), closed=False)

    def drawPolygon(self, polygon) -> None:  # noqa: N802
        points = polygon.points
        self._shape(list(zip(points[0::2], points[1::2])), closed=True)

    def drawCircle(self, circle: Circle) -> None:  # noqa: N802
        self._ellipse(circle.cx, circle.cy, circle.r, circle.r)

    def drawEllipse(self, ellipse: Ellipse) -> None:  # noqa: N802
        self._ellipse(ellipse.cx, ellipse.cy, ellipse.rx, ellipse.ry)

    def drawString(self, string) -> None:  # noqa: N802
        state = self._tracker.getState()
        fill = _colour(state["fillColor"], state.get("fillOpacity"))
        if fill is None or not string.text:
            return
        font_name, size = state["fontName"], state["fontSize"]
        x, y = string.x, string.y
        anchor = state["textAnchor"]
        if anchor in ("end", "middle"):
            width = stringWidth(string.text, font_name, size)
            x -= width if anchor == "end" else width / 2
        a, b, c, d, _e, _f = self._tracker.getCTM()
        factor = math.sqrt(abs(a * d - b * c))
        face = self._face(font_name, size * factor * self.scale)
        origin = self._pixel(x, y)
        stroke = {}
        if getattr(string, "textRenderMode", 0) == 2 and getattr(string, "strokeWidth", None):
            stroke = dict(stroke_width=max(1, round(string.strokeWidth * factor * self.scale / 2)),
                          stroke_fill=_colour(getattr(string, "strokeColor", None), None) or fill)
        angle = math.degrees(math.atan2(b, a))
        if abs(angle) < 0.01:
            self.draw_on.text(origin, string.text, font=face, fill=fill, anchor="ls", **stroke)
            return
        layer = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).text(origin, string.text, font=face, fill=fill, anchor="ls", **stroke)
        self.image.alpha_composite(layer.rotate(angle, resample=Image.Resampling.BICUBIC, center=origin))

    def applyStateChanges(self, delta, newState) -> None:  # noqa: N802 — state is read when drawing
        pass

    def drawImage(self, *args, **kwargs) -> None:  # noqa: N802
        raise ValueError("charts carry no images")

    # -- painting ---------------------------------------------------------------------------
    def _pixel(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._tracker.getCTM()
        return (a * x + c * y + e) * self.scale, (self.height - (b * x + d * y + f)) * self.scale

    def _shape(self, points: list[tuple[float, float]], closed: bool) -> None:
        state = self._tracker.getState()
        pixels = [self._pixel(x, y) for x, y in points]
        stroke = _colour(state["strokeColor"], state.get("strokeOpacity"))
        width = max(1, round((state["strokeWidth"] or 0) * self.scale)) if stroke else 0
        if closed:
            fill = _colour(state["fillColor"], state.get("fillOpacity"))
            if fill is not None and len(pixels) >= 3:
                self.draw_on.polygon(pixels, fill=fill)
            if stroke is not None and width:
                self.draw_on.line(pixels + pixels[:1], fill=stroke, width=width, joint="curve")
        elif stroke is not None and width:
            self.draw_on.line(pixels, fill=stroke, width=width, joint="curve")

    def _ellipse(self, cx: float, cy: float, rx: float, ry: float) -> None:
        steps = 96
        self._shape([(cx + rx * math.cos(2 * math.pi * k / steps), cy + ry * math.sin(2 * math.pi * k / steps))
                     for k in range(steps)], closed=True)

    def _face(self, font_name: str, pixels: float) -> ImageFont.FreeTypeFont:
        path, index = self.fonts.get(font_name) or self.fonts[FONT_NAMES["hei"]]
        key = (font_name, max(1, round(pixels)))
        if key not in self._faces:
            self._faces[key] = ImageFont.truetype(path, key[1], index=index)
        return self._faces[key]


def _colour(colour, opacity: float | None) -> RGBA | None:
    if colour is None:
        return None
    alpha = getattr(colour, "alpha", 1) if opacity is None else opacity
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255), round(alpha * 255))
