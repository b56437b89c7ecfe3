"""Editing the units of a department, any edit of any kind: after every step the session's
findings (the 汇总's and each unit's, kept up to date incrementally) are what a fresh 审核 finds,
the 汇总 is the units' sum, and undoing every step gives back the document it started from."""

from __future__ import annotations

import copy
import random

import pytest

from desktop.domain.department_units import summarise
from desktop.editing.session import EditSession
from desktop.rules.unit_engine import check_units
from desktop.synthetic import build_document
from desktop.synthetic_edits import KINDS, random_command

YEAR = 2023


@pytest.mark.parametrize("seed", range(3))
def test_any_unit_edit_keeps_the_findings_and_the_summary_as_a_fresh_look_sees_them(seed):
    document = build_document(projects=2, functional_rows=20, units=3, per_unit=True)
    start = copy.deepcopy(document)
    session = EditSession(document, None, YEAR)
    rng = random.Random(seed)
    done = []
    for step in range(25):
        kind, command = random_command(rng, document, YEAR, rng.choice(KINDS), in_units=True)
        try:
            session.do(command)
        except Exception as refused:  # a value a column refuses is refused as in the window
            assert "：" in str(refused)
            continue
        done.append(command)
        fresh = copy.deepcopy(document)
        expected = {f.identity: f.message for f in check_units(fresh, YEAR)}
        assert {f.identity: f.message for f in session.findings} == expected, (step, kind)
        assert not summarise(fresh, fresh.year(YEAR))  # nothing left to recompute: the 汇总 was kept current
    assert done
    for command in reversed(done):
        session.undo(command)
    assert document == start
    assert session.findings == check_units(copy.deepcopy(start), YEAR) == []
