"""Property: after any sequence of edits of every kind (amounts, counts, decimals, indicator
values, texts, codes, choices, the project of an indicator or fund row, rows inserted and
removed, undo), `Engine.update` holds exactly the findings of a fresh validation, and the Delta
it returns is exactly the difference (hypothesis, derandomized)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.rules.engine import Engine
from desktop.synthetic import build_document
from desktop.editing.commands import CellValue, SetCells
from desktop.synthetic_edits import KINDS, changes_of, random_command

YEAR = 2023


def _by_identity(findings) -> dict:
    by_identity = {f.identity: f for f in findings}
    assert len(by_identity) == len(findings), "two findings share an identity"
    return by_identity


def _walk(rng: random.Random, steps: int, kinds: tuple[str, ...], sections: tuple[str, ...] = ()) -> None:
    document = build_document(projects=3, functional_rows=12, units=3)
    engine = Engine(document, YEAR)
    before = _by_identity(engine.validate())
    done = []
    for step in range(steps):
        if done and rng.random() < 0.15:
            kind, command = "undo", done.pop()
            applied = command.revert(document)
        else:
            kind, command = random_command(rng, document, YEAR, rng.choice(kinds), sections)
            applied = command.apply(document)
            done.append(command)
        delta = engine.update(changes_of(applied, YEAR))
        fresh = _by_identity(Engine(document, YEAR).validate())
        after = _by_identity(engine.findings())
        assert after == fresh, f"step {step} ({kind}): {sorted(set(after.items()) ^ set(fresh.items()), key=str)[:3]}"
        assert sorted(delta.added, key=str) == sorted((f for k, f in after.items() if before.get(k) != f), key=str), \
            f"step {step} ({kind}): added"
        assert sorted(delta.removed, key=str) == sorted((f for k, f in before.items() if k not in after), key=str), \
            f"step {step} ({kind}): removed"
        before = after


@settings(derandomize=True, max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(min_value=5, max_value=40))
def test_updates_equal_a_fresh_validation_after_edits_of_every_kind(rng, steps):
    _walk(rng, steps, KINDS)


@settings(derandomize=True, max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(min_value=5, max_value=40))
def test_updates_equal_a_fresh_validation_when_rows_move_between_projects(rng, steps):
    # moving, inserting and removing projects, indicator and fund rows, with edits that blank their names
    _walk(rng, steps, ("project reference", "row insert", "row remove", "text", "choice", "indicator value"),
          ("projects", "project_funds", "project_indicators"))


def test_a_finding_on_a_row_moved_to_another_project_is_changed_not_removed():
    # The P-10b of an indicator without 指标值 leaves its old project's partition and enters the
    # new one's: the Delta lists it once, as changed (it names the new project), never as removed.
    document = build_document(projects=3, functional_rows=12, units=3)
    engine = Engine(document, YEAR)
    engine.validate()
    indicators = document.year(YEAR).sections["project_indicators"]
    reference = next(c.key for c in indicators.section.columns if c.type == "ref")
    row = next(iter(indicators.rows))
    blank = SetCells([CellValue(YEAR, "project_indicators", row, "target", None)], "编辑").apply(document)
    engine.update(changes_of(blank, YEAR))
    finding = next(f for f in engine.findings() if f.rule == "P-10b" and f.location.row == row)
    other = next(p for p in document.year(YEAR).sections["projects"].rows if p != indicators.rows[row][reference])
    moved = SetCells([CellValue(YEAR, "project_indicators", row, reference, other)], "编辑").apply(document)
    delta = engine.update(changes_of(moved, YEAR))
    assert finding.identity not in {f.identity for f in delta.removed}
    assert [f.identity for f in delta.added].count(finding.identity) == 1
    assert _by_identity(engine.findings()) == _by_identity(Engine(document, YEAR).validate())
