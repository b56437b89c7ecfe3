"""When a written figure agrees with a computed one: at the coarser of the two precisions, each
figure standing for the values that round to it (desktop/review/checker.agrees)."""

import pytest

from desktop.review.checker import agrees
from desktop.review.claims import CHANGE, VALUE, Claim
from desktop.review.figures import find_figures
from desktop.review.outline import Sentence

SENTENCE = Sentence("", 1, ())


def claim(text: str, role: str = VALUE, negative: bool = False) -> Claim:
    [figure] = find_figures(text)
    return Claim(SENTENCE, figure, role, "", "", negative)


@pytest.mark.parametrize("written, computed", [
    ("876600元", "876,600.00元"), ("876,600.40元", "876,600元"), ("298.45%", "298.5%"), ("98.75%", "98.7%"),
    ("3.35亿元", "334,567,890.12元"), ("33,364.97万元", "333,649,700.00元"), ("100%", "100.0%"),
])
def test_agree(written, computed):
    assert agrees(claim(written), claim(computed))


@pytest.mark.parametrize("written, computed", [
    ("876,600.01元", "876,600.00元"), ("98.76%", "98.7%"), ("298.56%", "298.5%"), ("3.36亿元", "334,567,890.12元"),
    ("1,234.50万元", "12,345,100.00元"), ("876,601元", "876,600.00元"),
])
def test_differ(written, computed):
    assert not agrees(claim(written), claim(computed))


def test_a_decrease_never_agrees_with_an_increase():
    assert not agrees(claim("25,702.00元", CHANGE, negative=True), claim("25,702.00元", CHANGE))
    assert agrees(claim("25,702元", CHANGE, negative=True), claim("25,702.00元", CHANGE, negative=True))
