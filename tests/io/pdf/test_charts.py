"""The PDF's charts: nothing drawn when there is nothing to show, otherwise a frame-wide drawing that
renders, carries every label and display string, skips missing bars and wraps long category names."""

import inspect
import re
from itertools import combinations

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Rect, String, UserNode
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.io.pdf import charts
from desktop.io.pdf.charts import budget_actual_chart, composition_chart, score_chart
from desktop.paths import resource_path

FONT = "TestHei"
WIDTH = 450

EXPENDITURE = [("基本支出", 931152113, "9,311,521.13元（11.9%）"),
               ("项目支出", 6890000000, "68,900,000.00元（88.1%）")]
SANGONG = [("因公出国（境）费", 0, 0, "0.00", "0.00"),
           ("公务用车购置费", None, 25000000, "", "250,000.00"),
           ("公务用车运行维护费", 18000000, 16543210, "180,000.00", "165,432.10"),
           ("公务接待费", 3000000, 1234500, "30,000.00", "12,345.00")]
SCORES = [("预算执行", 2000, 1994, "19.94 / 20.00"),
          ("项目管理", 1500, 1200, "12.00 / 15.00"),
          ("资产管理", 1000, None, "— / 10.00")]


@pytest.fixture(scope="module", autouse=True)
def cjk_font():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0))


def shapes(node):
    """Every primitive shape of a drawing, widgets expanded."""
    if isinstance(node, UserNode):
        yield from shapes(node.provideNode())
    elif isinstance(node, Group):
        for child in node.contents:
            yield from shapes(child)
    else:
        yield node


def texts(drawing: Drawing) -> list[str]:
    return [shape.text for shape in shapes(drawing) if isinstance(shape, String)]


def bars_filled(drawing: Drawing, fill) -> list[Rect]:
    return [shape for shape in shapes(drawing) if isinstance(shape, Rect) and shape.fillColor == fill]


def every_chart(width: float = WIDTH) -> list[Drawing]:
    return [composition_chart("图1 支出构成", EXPENDITURE, font=FONT, width=width),
            budget_actual_chart("图2 三公经费", SANGONG, font=FONT, width=width),
            score_chart("图3 评分", SCORES, font=FONT, width=width)]


def test_nothing_to_draw_gives_none():
    assert composition_chart("t", [], font=FONT, width=WIDTH) is None
    assert composition_chart("t", [("a", 0, "0.00"), ("b", -5, "-0.05")], font=FONT, width=WIDTH) is None
    assert budget_actual_chart("t", [], font=FONT, width=WIDTH) is None
    assert budget_actual_chart("t", [("a", 0, None, "0.00", ""), ("b", None, 0, "", "0.00")],
                               font=FONT, width=WIDTH) is None
    assert score_chart("t", [], font=FONT, width=WIDTH) is None
    assert score_chart("t", [("a", 0, None, "—"), ("b", 0, 0, "0 / 0")], font=FONT, width=WIDTH) is None


@pytest.mark.parametrize("width", [300, 450, 451.28])
def test_a_drawing_is_as_wide_as_the_frame(width):
    for drawing in every_chart(width):
        assert isinstance(drawing, Drawing)
        assert drawing.width == width


def test_every_chart_renders_to_pdf():
    for drawing in every_chart():
        assert renderPDF.drawToString(drawing).startswith(b"%PDF")


def test_the_caption_is_drawn_above_the_chart():
    for drawing in every_chart():
        caption = next(shape for shape in shapes(drawing) if isinstance(shape, String) and shape.text.startswith("图"))
        assert caption.y > max(shape.y for shape in shapes(drawing)
                               if isinstance(shape, String) and shape is not caption)
        assert caption.fontName == FONT


def test_composition_shows_labels_displays_and_shares():
    drawing = composition_chart("图1 支出构成", EXPENDITURE + [("其他支出", 0, "0.00元（0.0%）")],
                                font=FONT, width=WIDTH)
    shown = texts(drawing)
    for label, _, display in EXPENDITURE:
        assert label in shown and display in shown
    assert "11.9%" in shown and "88.1%" in shown  # on the slices, taken from the display strings
    assert "其他支出" not in shown  # nothing to show for a zero item


def test_a_share_missing_from_the_display_is_computed_exactly():
    drawing = composition_chart("t", [("甲", 1, "0.01元"), ("乙", 2, "0.02元")], font=FONT, width=WIDTH)
    assert {"33.3%", "66.7%"} <= set(texts(drawing))


def test_a_single_slice_draws_no_pie():
    assert composition_chart("t", [("财政拨款收入", 100, "1.00元（100.0%）")], font=FONT, width=WIDTH) is None
    assert composition_chart("t", [("财政拨款收入", 100, "1.00元"), ("其他收入", 0, "0.00元")],
                             font=FONT, width=WIDTH) is None
    assert composition_chart("t", [("甲", 1, "0.01元"), ("乙", 1, "0.01元")], font=FONT, width=WIDTH) is not None


def test_the_labels_of_narrow_slices_do_not_overlap():
    values = [9000, 400, 300, 150, 100, 30, 20]
    items = [(f"项目{index}", value, f"{value}元") for index, value in enumerate(values)]
    drawing = composition_chart("t", items, font=FONT, width=WIDTH)
    outside = [shape for shape in shapes(drawing) if isinstance(shape, String) and shape.text.endswith("%")
               and shape.fontSize == charts.VALUE_SIZE and shape.textAnchor != "middle"]
    assert len(outside) >= 5
    for one, other in combinations(outside, 2):
        if one.textAnchor == other.textAnchor:
            assert abs(one.y - other.y) >= charts.VALUE_SIZE


def test_budget_actual_shows_series_labels_and_displays():
    shown = texts(budget_actual_chart("图2 三公经费", SANGONG, font=FONT, width=WIDTH))
    assert {"年初预算数", "决算数", "公务接待费", "250,000.00", "165,432.10", "12,345.00"} <= set(shown)
    other = texts(budget_actual_chart("t", SANGONG, font=FONT, width=WIDTH, series=("预算数", "执行数")))
    assert {"预算数", "执行数"} <= set(other) and "年初预算数" not in other


def test_a_missing_value_draws_no_bar():
    complete = [("甲", 5, 4, "5", "4"), ("乙", 3, 2, "3", "2")]
    missing = [("甲", None, 4, "", "4"), ("乙", 3, 2, "3", "2")]
    with_all = budget_actual_chart("t", complete, font=FONT, width=WIDTH)
    with_gap = budget_actual_chart("t", missing, font=FONT, width=WIDTH)
    budget_fill = charts.SERIES_FILLS[0]
    assert len(bars_filled(with_gap, budget_fill)) == len(bars_filled(with_all, budget_fill)) - 1
    assert len(bars_filled(with_gap, charts.SERIES_FILLS[1])) == len(bars_filled(with_all, charts.SERIES_FILLS[1]))


def test_long_category_labels_are_wrapped_onto_two_lines():
    shown = texts(budget_actual_chart("t", SANGONG, font=FONT, width=WIDTH))
    assert "公务用车运行维护费" not in shown
    assert {"公务用车", "运行维护费", "因公出国", "（境）费", "公务接待费"} <= set(shown)


def test_crowded_value_labels_are_turned_upright():
    many = [(f"类别{index}", 123456789 * index, 120000000 * index, f"{index:,}234,567.89", f"{index:,}200,000.00")
            for index in range(1, 8)]
    drawing = budget_actual_chart("t", many, font=FONT, width=WIDTH)
    assert "7234,567.89" in texts(drawing)
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")


def test_score_shows_labels_and_displays_and_skips_a_missing_score():
    drawing = score_chart("图3 评分", SCORES, font=FONT, width=WIDTH)
    shown = texts(drawing)
    for label, _, _, display in SCORES:
        assert label in shown and display in shown
    assert len(bars_filled(drawing, charts.TRACK)) == 3
    assert len(bars_filled(drawing, charts.DARK_BLUE)) == 2


def test_score_height_grows_with_the_items():
    two = score_chart("t", SCORES[:2], font=FONT, width=WIDTH)
    three = score_chart("t", SCORES, font=FONT, width=WIDTH)
    assert three.height - two.height == charts.SCORE_ROW
    assert score_chart("t", SCORES, font=FONT, width=WIDTH, height=300).height == 300


def test_no_amount_passes_through_a_float():
    assert not re.search(r"\bfloat\(", inspect.getsource(charts))
