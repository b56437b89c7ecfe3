"""Where a right figure stands in the tables (desktop/review/cells.py)."""

from desktop.review.cells import cells_holding
from desktop.review.claims import CHANGE, VALUE, Claim
from desktop.review.figures import find_figures
from desktop.review.outline import Sentence
from desktop.rules.findings import Location


def claim(text, role=VALUE):
    [figure] = find_figures(text)
    return Claim(Sentence(text, 1, ()), figure, role, "")


def test_an_entered_amount_is_found_in_its_cell(seed1):
    assert cells_holding(seed1, 2023, claim("36,000.00元")) == [Location("sangong", "vehicle_operation", "budget")]


def test_a_figure_in_wan_yuan_is_found_at_its_precision(seed1):
    assert Location("sangong", "vehicle_operation", "budget") in cells_holding(seed1, 2023, claim("3.60万元"))


def test_computed_and_zero_figures_point_nowhere(seed1):
    assert cells_holding(seed1, 2023, claim("25,702.00元", CHANGE)) == []
    assert cells_holding(seed1, 2023, claim("0.00元")) == []
    assert cells_holding(seed1, 2023, claim("5,149.00元")) == []  # 车均: a quotient
