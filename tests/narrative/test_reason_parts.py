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


def _every_reason_missing():
    """A synthetic document where every part has empty 主要原因 slots: figures moved off their
    年初预算 and 上年, every reason cleared."""
    from desktop.domain.money import Money
    document = build_document(projects=1, functional_rows=30)
    for data in document.years.values():
        for section in data.sections.values():
            for row in section.rows.values():
                for key in [k for k in row if k.endswith("reason")]:
                    del row[key]
                for key in ("budget", "prior", "prior_actual", "prior_grand_total"):
                    if isinstance(row.get(key), Money):
                        row[key] = Money(row[key].fen + 100)
    return document


@pytest.mark.parametrize("name", ["seed1", "seed2", "example", "reasons missing"])
def test_each_part_reads_only_the_sections_it_declares(name):
    import copy

    from desktop.domain.document import SectionData
    if name == "reasons missing":
        document = _every_reason_missing()
        assert all(missing_reasons_of(document, 2023, part) for part in REASON_PARTS)
    else:
        document = load_sample(int(name[-1])) if name.startswith("seed") else load_bundled(name)
    for year, data in document.years.items():
        for part, (_, sections) in REASON_PARTS.items():
            alone = copy.deepcopy(document)
            kept = alone.year(year)
            kept.sections = {key: section if key in sections else SectionData.empty(section.section)
                             for key, section in kept.sections.items()}
            assert missing_reasons_of(alone, year, part) == missing_reasons_of(document, year, part), part


def test_n_06_re_runs_the_part_of_the_edited_section():
    from desktop.rules.engine import Change, Engine
    engine = Engine(build_document(), 2023)
    spec = engine.catalogue.rule("N-06")
    for part, (_, sections) in REASON_PARTS.items():
        for section in sections:
            assert part in engine._partitions_for(spec, Change(section, "", "reason"))
    assert engine._partitions_for(spec, Change("gp_functional", "r1", "budget")) == {"general_budget"}
