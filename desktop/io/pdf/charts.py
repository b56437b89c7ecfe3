"""Charts for the published 部门决算公开说明, because a reader would rather look than read: the
income and expenditure composition as a pie, the 三公 budget against the actual as grouped bars, a
score breakdown as horizontal bars (each part against its own full points), all drawn soberly for print. Values arrive as integers (any
consistent scale) with their display strings already formatted; only reportlab turns them into
lengths, so no amount ever passes through a float here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import AttrMap, AttrMapValue, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.validators import isColorOrNone, isNumber
from reportlab.pdfbase.pdfmetrics import stringWidth

DARK_BLUE = colors.HexColor("#1F4E79")
MID_BLUE = colors.HexColor("#5B9BD5")
GREY = colors.HexColor("#A5A5A5")
GOLD = colors.HexColor("#C9A227")
GREEN = colors.HexColor("#70AD47")
PALETTE = (
    DARK_BLUE, MID_BLUE, GREY, GOLD, GREEN,
    colors.HexColor("#8064A2"),  # muted violet
    colors.HexColor("#4BACC6"),  # teal
    colors.HexColor("#9E480E"),  # rust
    colors.HexColor("#636363"),  # dark grey
    colors.HexColor("#997300"),  # dark gold
    colors.HexColor("#43682B"),  # dark green
    colors.HexColor("#9DC3E6"),  # pale blue
    colors.HexColor("#2E75B6"),  # strong blue
    colors.HexColor("#A9D18E"),  # pale green
    colors.HexColor("#F4B183"),  # pale orange
    colors.HexColor("#B4A7D6"),  # pale violet
)
_LIGHT = {colors.HexColor(code).hexval()  # fills that need dark text
          for code in ("#A5A5A5", "#C9A227", "#70AD47", "#4BACC6", "#9DC3E6", "#A9D18E", "#F4B183", "#B4A7D6")}
TEXT = colors.HexColor("#262626")
MUTED_TEXT = colors.HexColor("#595959")
RULE = colors.HexColor("#7F7F7F")
TRACK = colors.HexColor("#E3E3E3")
SERIES_FILLS = (MID_BLUE, DARK_BLUE)  # budget, actual

TITLE_SIZE = 10
TITLE_BAND = 22  # from the top edge to the area the chart may use
LABEL_SIZE = 8
VALUE_SIZE = 7
MIN_SIZE = 6
MARGIN = 4
WRAP_AT = 6  # category labels longer than this many characters go onto two lines
SCORE_ROW = 22
MAX_GROUP = 110  # widest slot a category of grouped bars gets; fewer categories are centred
PIE_SIDE = 34  # room beside the pie for the labels of narrow slices
INSIDE_SHARE = 8  # slices of at least this percentage carry their label inside

_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%")
_OPENING = "（(《“"
_CLOSING = "）)》”、，。"
_BREAK_AFTER = "）)、及和与车费"


class _HeavyString(String):
    """A String whose glyphs are also stroked thinly: the bold look of a font that has no bold face."""

    _attrMap = AttrMap(
        BASE=String,
        strokeColor=AttrMapValue(isColorOrNone),
        strokeWidth=AttrMapValue(isNumber),
    )


# ---------------------------------------------------------------- public API


def composition_chart(title: str, items: list[tuple[str, int, str]], *, font: str, width: float,
                      height: float = 190) -> Drawing | None:
    """A pie of the positive items, a percentage on each slice, a legend of label and display at right;
    nothing for fewer than two slices (a whole circle says no more than the sentence beside it)."""
    shown = [(label, value, display) for label, value, display in items if value is not None and value > 0]
    if len(shown) < 2:
        return None
    drawing = _canvas(title, font, width, height)
    top = height - TITLE_BAND
    legend_size, legend_width = _legend_fit(shown, font, width)
    diameter = min(top - 2 * MARGIN - 12, width - legend_width - 2 * PIE_SIDE - 2 * MARGIN)
    diameter = max(diameter, 60)
    pie_x = (width - diameter - legend_width) / 2  # pie, gaps and legend centred as one block
    pie_y = MARGIN + (top - MARGIN - diameter) / 2
    pie = _pie(shown, font, pie_x, pie_y, diameter)
    _turn_narrow_slices_left(pie, shown)
    drawing.add(pie)
    _draw_outside_labels(drawing, pie, shown, font, MARGIN, top)
    legend_left = pie_x + diameter + PIE_SIDE
    _draw_legend_rows(drawing, shown, font, legend_size, legend_left, legend_left + legend_width, MARGIN, top)
    return drawing


def budget_actual_chart(title: str, categories: list[tuple[str, int | None, int | None, str, str]], *,
                        font: str, width: float, height: float = 200,
                        series: tuple[str, str] = ("年初预算数", "决算数")) -> Drawing | None:
    """Grouped vertical bars, budget beside actual per category, each bar labelled with its display string."""
    values = [v for _, budget, actual, _, _ in categories for v in (budget, actual) if v is not None]
    if not values or max(values) <= 0:
        return None
    drawing = _canvas(title, font, width, height)
    legend_y = height - TITLE_BAND - 4
    _draw_series_legend(drawing, series, font, width, legend_y)
    names = [_wrap(label) for label, *_ in categories]
    group = min((width - 2 * MARGIN) / len(categories), MAX_GROUP)
    label_size = _fit_size([line for name in names for line in name.split("\n")], font, LABEL_SIZE, group - 6)
    lines = max(name.count("\n") + 1 for name in names)
    chart = VerticalBarChart()
    chart.width = group * len(categories)
    chart.x = (width - chart.width) / 2
    chart.y = MARGIN + lines * (label_size + 2) + 6
    chart.height = legend_y - 10 - chart.y
    budgets = [budget for _, budget, _, _, _ in categories]
    actuals = [actual for _, _, actual, _, _ in categories]
    displays = [[_label_for(b, d) for _, b, _, d, _ in categories],
                [_label_for(a, d) for _, _, a, _, d in categories]]
    chart.data = [budgets, actuals]
    _style_grouped_bars(chart)
    _style_bar_labels(chart, displays, font, group)
    _style_category_axis(chart, names, font, label_size)
    _hide_value_axis(chart, _with_room_above(max(values), _label_extent(chart, displays, font), int(chart.height)))
    drawing.add(chart)
    return drawing


def score_chart(title: str, items: list[tuple[str, int, int | None, str]], *, font: str, width: float,
                height: float | None = None) -> Drawing | None:
    """Horizontal bars: the points as a light grey track, the score as a dark blue bar over it."""
    shown = [item for item in items if item[1] is not None and item[1] > 0]
    if not shown:
        return None
    if height is None:
        height = TITLE_BAND + SCORE_ROW * len(shown) + 2 * MARGIN
    drawing = _canvas(title, font, width, height)
    label_size = _fit_size([label for label, *_ in shown], font, LABEL_SIZE, width / 3)
    display_size = _fit_size([display for *_, display in shown], font, LABEL_SIZE, width / 4)
    label_width = max(stringWidth(label, font, label_size) for label, *_ in shown)
    display_width = max(stringWidth(display, font, display_size) for *_, display in shown)
    left = MARGIN + label_width + 8
    right = width - MARGIN - display_width - 10
    top, bottom = height - TITLE_BAND, MARGIN
    drawing.add(_score_bars(shown, left, bottom, right - left, top - bottom))
    row = (top - bottom) / len(shown)
    for index, (label, _, _, display) in enumerate(shown):
        middle = top - (index + 0.5) * row - label_size / 3
        drawing.add(_text(left - 8, middle, label, font, label_size, anchor="end"))
        drawing.add(_text(width - MARGIN, middle, display, font, display_size, anchor="end"))
    return drawing


# ---------------------------------------------------------------- shared pieces


def _canvas(title: str, font: str, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    caption = _HeavyString(width / 2, height - TITLE_SIZE - 3, title, fontName=font, fontSize=TITLE_SIZE,
                           fillColor=TEXT, textAnchor="middle")
    caption.textRenderMode = 2  # fill and stroke
    caption.strokeColor, caption.strokeWidth = TEXT, 0.3
    drawing.add(caption)
    return drawing


def _text(x: float, y: float, text: str, font: str, size: float, *, anchor: str = "start",
          color: colors.Color = TEXT) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=color, textAnchor=anchor)


def _fit_size(texts: Sequence[str], font: str, size: float, room: float) -> float:
    """The largest font size, at most `size` and not below MIN_SIZE, at which every text fits in `room`."""
    widest = max((stringWidth(text, font, size) for text in texts), default=0)
    if widest <= room or widest == 0:
        return size
    return max(MIN_SIZE, size * room / widest)


def _wrap(label: str) -> str:
    """Put a long category label on two lines, breaking near the middle at a natural place."""
    if len(label) <= WRAP_AT:
        return label
    middle = (len(label) + 1) // 2
    candidates = [k for k in (middle, middle - 1, middle + 1) if 0 < k < len(label)]
    for k in candidates:
        if label[k] in _OPENING or label[k - 1] in _BREAK_AFTER:
            return label[:k] + "\n" + label[k:]
    k = middle
    while k < len(label) - 1 and (label[k] in _CLOSING or label[k - 1] in _OPENING):
        k += 1
    return label[:k] + "\n" + label[k:]


def _percent(value: int, total: int, display: str) -> str:
    """The share shown on a slice: the one the display string carries, else computed exactly (half up)."""
    found = _PERCENT.findall(display)
    if found:
        return found[-1].replace(" ", "")
    tenths = (2000 * value + total) // (2 * total)
    return f"{tenths // 10}.{tenths % 10}%"


def _label_for(value: int | None, display: str) -> str:
    return display if value is not None else ""


# ---------------------------------------------------------------- composition


def _pie(items: list[tuple[str, int, str]], font: str, x: float, y: float, diameter: float) -> Pie:
    """The pie with the labels of the wide slices inside; narrow slices get theirs from _draw_outside_labels."""
    total = sum(value for _, value, _ in items)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = x, y, diameter, diameter
    pie.data = [value for _, value, _ in items]
    pie.labels = [_percent(value, total, display) if _inside(value, total, len(items)) else ""
                  for _, value, display in items]
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.8
    pie.slices.fontName, pie.slices.fontSize = font, VALUE_SIZE
    for index in range(len(items)):
        wedge = pie.slices[index]
        wedge.fillColor = PALETTE[index % len(PALETTE)]
        wedge.fontColor = _ink_on(wedge.fillColor)
        wedge.labelRadius = 0 if len(items) == 1 else 0.66
    return pie


def _turn_narrow_slices_left(pie: Pie, items: list[tuple[str, int, str]]) -> None:
    """Rotate the pie so that a run of narrow slices faces left, where their outside labels have room."""
    total = sum(value for _, value, _ in items)
    narrow = [index for index, (_, value, _) in enumerate(items) if not _inside(value, total, len(items))]
    if not narrow:
        return
    angles = dict(_drawn_angles(pie))  # clockwise from 12 o'clock, as (low, high) in degrees
    narrow = [index for index in narrow if index in angles]
    if not narrow:
        return
    low = min(angles[index][0] for index in narrow)
    high = max(angles[index][1] for index in narrow)
    if high - low <= 150:
        pie.startAngle = (90 + 180 - (low + high) / 2) % 360


def _drawn_angles(pie: Pie) -> list[tuple[int, tuple[float, float]]]:
    """The slices' angles, without those too thin to draw (reportlab gives them no end angle)."""
    return [(index, (start, end)) for index, (start, end) in pie.makeAngles() if start is not None and end is not None]


def _inside(value: int, total: int, count: int) -> bool:
    return count == 1 or value * 100 >= total * INSIDE_SHARE


def _draw_outside_labels(drawing: Drawing, pie: Pie, items: list[tuple[str, int, str]], font: str,
                         bottom: float, top: float) -> None:
    """Labels of the narrow slices beside the pie, joined to their slice by a thin leader, never overlapping."""
    total = sum(value for _, value, _ in items)
    radius = pie.width / 2
    centre_x, centre_y = pie.x + radius, pie.y + radius
    sides: dict[bool, list[tuple[float, float, float, str]]] = {True: [], False: []}
    for index, (start, end) in _drawn_angles(pie):
        _, value, display = items[index]
        if end is None or _inside(value, total, len(items)):
            continue
        middle = math.radians((start + end) / 2)
        dx, dy = math.cos(middle), math.sin(middle)
        sides[dx >= 0].append((dx, dy, centre_y + (radius + 8) * dy, _percent(value, total, display)))
    pitch = VALUE_SIZE + 2
    for right, labels in sides.items():
        labels.sort(key=lambda label: -label[2])
        heights = _spread([label[2] for label in labels], pitch, bottom + pitch / 2, top - pitch / 2)
        outward = 1 if right else -1
        for (dx, dy, _, text), y in zip(labels, heights):
            elbow = (centre_x + (radius + 6) * dx, centre_y + (radius + 6) * dy)
            text_x = elbow[0] + 8 * outward
            points = [centre_x + radius * dx, centre_y + radius * dy, *elbow, text_x - 2 * outward, y]
            drawing.add(PolyLine(points, strokeColor=RULE, strokeWidth=0.4))
            drawing.add(_text(text_x, y - VALUE_SIZE / 3, text, font, VALUE_SIZE, anchor="start" if right else "end"))


def _spread(wanted: list[float], pitch: float, low: float, high: float) -> list[float]:
    """Heights as near `wanted` (descending) as possible, at least `pitch` apart, within [low, high].

    Labels that would collide are merged into runs, each run centred on the mean of what its labels
    want; the whole stack is then slid inside the bounds."""
    runs: list[list[float]] = []  # each run: the wanted heights of its labels, top first
    for y in wanted:
        runs.append([y])
        while len(runs) > 1 and _run_top(runs[-1], pitch) > _run_top(runs[-2], pitch) - len(runs[-2]) * pitch:
            last = runs.pop()
            runs[-1].extend(last)
    placed: list[float] = []
    for run in runs:
        top = _run_top(run, pitch)
        placed.extend(top - index * pitch for index in range(len(run)))
    if placed and placed[0] > high:
        placed = [y - (placed[0] - high) for y in placed]
    if placed and placed[-1] < low:
        placed = [y + (low - placed[-1]) for y in placed]
    return placed


def _run_top(run: list[float], pitch: float) -> float:
    """The height of the first label of a run centred on the mean of what its labels want."""
    return sum(run) / len(run) + pitch * (len(run) - 1) / 2


def _ink_on(fill: colors.Color) -> colors.Color:
    """White text on the dark fills, dark text on the light ones."""
    return TEXT if fill.hexval() in _LIGHT else colors.white


def _legend_fit(items: list[tuple[str, int, str]], font: str, width: float) -> tuple[float, float]:
    """The legend's font size and width: at most ~58% of the drawing, shrinking the text if it must."""
    def needed(size: float) -> float:
        labels = max(stringWidth(label, font, size) for label, _, _ in items)
        displays = max(stringWidth(display, font, size) for _, _, display in items)
        return 8 + 5 + labels + 12 + displays
    room = width * 0.58
    size = LABEL_SIZE
    while size > MIN_SIZE and needed(size) > room:
        size -= 0.5
    return size, max(needed(size), width / 3)


def _draw_legend_rows(drawing: Drawing, items: list[tuple[str, int, str]], font: str, size: float,
                      left: float, right: float, bottom: float, top: float) -> None:
    pitch = min(size + 7, (top - bottom) / len(items))
    size = min(size, pitch - 1.5)
    swatch = min(7, pitch - 2)
    first = (top + bottom) / 2 + pitch * (len(items) - 1) / 2
    for index, (label, _, display) in enumerate(items):
        middle = first - index * pitch
        drawing.add(Rect(left, middle - swatch / 2, 8, swatch, fillColor=PALETTE[index % len(PALETTE)],
                         strokeColor=None))
        drawing.add(_text(left + 13, middle - size / 3, label, font, size))
        drawing.add(_text(right, middle - size / 3, display, font, size, anchor="end", color=MUTED_TEXT))
        if index < len(items) - 1:
            drawing.add(Line(left, middle - pitch / 2, right, middle - pitch / 2,
                             strokeColor=TRACK, strokeWidth=0.4))


# ---------------------------------------------------------------- budget against actual


def _draw_series_legend(drawing: Drawing, series: tuple[str, str], font: str, width: float, y: float) -> None:
    """One centred row under the caption: a swatch and the name of each series."""
    widths = [8 + 4 + stringWidth(name, font, LABEL_SIZE) for name in series]
    x = (width - sum(widths) - 16 * (len(series) - 1)) / 2
    for name, fill, used in zip(series, SERIES_FILLS, widths):
        drawing.add(Rect(x, y - 3.5, 8, 7, fillColor=fill, strokeColor=None))
        drawing.add(_text(x + 12, y - LABEL_SIZE / 3, name, font, LABEL_SIZE))
        x += used + 16


def _style_grouped_bars(chart: VerticalBarChart) -> None:
    chart.barWidth, chart.barSpacing, chart.groupSpacing = 10, 1, 7
    chart.bars.strokeColor = None
    for index, fill in enumerate(SERIES_FILLS):
        chart.bars[index].fillColor = fill


def _style_bar_labels(chart: VerticalBarChart, displays: list[list[str]], font: str, group: float) -> None:
    """Display strings above the bars; turned upright when they would not fit side by side."""
    pitch = group * (chart.barWidth + chart.barSpacing) / (2 * chart.barWidth + chart.barSpacing + chart.groupSpacing)
    texts = [text for row in displays for text in row if text]
    size = _fit_size(texts, font, VALUE_SIZE, pitch - 2)
    upright = any(stringWidth(text, font, size) > pitch - 2 for text in texts)
    chart.barLabelFormat, chart.barLabelArray = "values", displays
    labels = chart.barLabels
    labels.fontName, labels.fontSize, labels.fillColor = font, size, TEXT
    if upright:
        labels.angle, labels.boxAnchor, labels.dy, labels.dx = 90, "w", 3, 0
    else:
        labels.boxAnchor, labels.dy = "s", 2


def _label_extent(chart: VerticalBarChart, displays: list[list[str]], font: str) -> int:
    """Points above the tallest bar that its label needs."""
    labels = chart.barLabels
    if labels.angle == 90:
        widest = max(stringWidth(text, font, labels.fontSize) for row in displays for text in row if text)
        return int(widest) + 6
    return int(labels.fontSize) + 5


def _style_category_axis(chart: VerticalBarChart, names: list[str], font: str, size: float) -> None:
    axis = chart.categoryAxis
    axis.categoryNames = names
    axis.strokeColor, axis.strokeWidth = RULE, 0.6
    axis.tickDown = 0
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = font, size, TEXT
    axis.labels.boxAnchor, axis.labels.dy, axis.labels.leading = "n", -4, size + 2
    axis.labels.textAnchor = "middle"


def _with_room_above(largest: int, room: int, length: int) -> int:
    """The axis maximum that leaves `room` points of an axis `length` points long free above `largest`."""
    return largest * length // max(length - room, 1) + 1


def _hide_value_axis(chart: VerticalBarChart | HorizontalBarChart, maximum: int) -> None:
    """An invisible value axis from 0 to `maximum`: the display strings carry the numbers."""
    axis = chart.valueAxis
    axis.visible = False
    axis.valueMin, axis.valueMax = 0, maximum
    axis.valueStep = maximum  # one step: no tick computation needed


# ---------------------------------------------------------------- scores


def _score_bars(items: list[tuple[str, int, int | None, str]], x: float, y: float, width: float,
                height: float) -> Group:
    """The track (points) and the score, drawn as two charts of identical geometry, one over the other.
    Each item is scaled to its own points: every track is full width, a full score a full bar."""
    scale = math.lcm(*(points for _, points, _, _ in items))
    group = Group()
    tracks = _score_layer([scale for _ in items], TRACK, 0.56, x, y, width, height, scale)
    scores = _score_layer([None if score is None else score * scale // points for _, points, score, _ in items],
                          DARK_BLUE, 0.34, x, y, width, height, scale)
    group.add(tracks)
    group.add(scores)
    return group


def _score_layer(values: list[int | None], fill: colors.Color, thickness: float, x: float, y: float,
                 width: float, height: float, longest: int) -> HorizontalBarChart:
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, width, height
    chart.data = [values]
    chart.barWidth, chart.groupSpacing = thickness, 1 - thickness
    chart.bars.strokeColor, chart.bars[0].fillColor = None, fill
    chart.categoryAxis.reverseDirection = True  # first item on top
    chart.categoryAxis.visible = False
    chart.categoryAxis.categoryNames = [str(index) for index in range(len(values))]
    _hide_value_axis(chart, longest)
    return chart
