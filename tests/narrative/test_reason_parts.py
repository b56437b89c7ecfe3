"""The 主要原因 slots one part at a time (rule N-06 after an edit) are exactly those of the whole 说明."""

from __future__ import annotations

import random

import pytest

from desktop.io.samples import load_bundled, load_sample
from desktop.narrative import missing_reasons
from desktop.narrative.generator import REASON_PARTS, missing_reasons_of
from desktop.synthetic import build_document
from desktop.synthetic_edits import random_command


def _slots_by_part(document, year):
    return [slot for part in REASON_PARTS for slot in missing_reasons_of(document, year, part)]


@pytest.mark.parametrize("name", ["seed1", "seed2", "example"])
def test_the_bundled_documents(name):
    document = load_sample(int(name[-1])) if name.startswith("seed") else load_bundled(name)
    for year in document.years:
        assert _slots_by_part(document, year) == missing_reasons(document, year)


def test_after_random_edits_of_every_kind():
    rng = random.Random(2026)
    document = build_document(projects=2, functional_rows=30, units=3)
    year = document.latest_year().year
    seen = 0
    for _ in range(300):
        _, command = random_command(rng, document, year)
        command.apply(document)
        whole = missing_reasons(document, year)
        seen += bool(whole)
        assert _slots_by_part(document, year) == whole
    assert seen > 50  # the edits do leave slots empty
