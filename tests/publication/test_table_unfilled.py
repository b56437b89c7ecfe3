"""One table's 未填写 without laying it out (rule T0-01): the same amounts and verdict as the
laid-out table, and the sections each table declares it reads are all it reads."""

from __future__ import annotations

import copy

import pytest

from desktop.domain.document import Document, SectionData
from desktop.domain.money import Money
from desktop.domain.profiles import available_profiles
from desktop.io.samples import load_bundled, load_sample
from desktop.publication.layouts import table_layouts
from desktop.publication.tables import _builders, layout_amounts, layout_sections, part_one_tables, table_unfilled
from desktop.domain.profiles import load_profile
from desktop.synthetic import build_document


def _documents() -> list[tuple[str, Document]]:
    blank = build_document(projects=1, functional_rows=4)
    data = blank.latest_year()
    for key in ("gp_functional", "functional_income", "procurement", "purchased_services"):
        for row_id in data.section(key).rows:
            data.section(key).rows[row_id] = {k: (Money(0) if isinstance(v, Money) else v)
                                              for k, v in data.section(key).rows[row_id].items()}
    return [("seed1", load_sample(1)), ("seed2", load_sample(2)), ("example", load_bundled("example")),
            ("synthetic", build_document(projects=2, functional_rows=12)), ("zeros", blank),
            ("new", Document.new("测试部门", 2023))]


CASES = [(name, document, profile) for name, document in _documents() for profile in available_profiles()]


def _with_profile(document: Document, profile: str):
    document = copy.deepcopy(document)
    data = document.latest_year()
    data.profile = profile
    return document, data


@pytest.mark.parametrize(("name", "document", "profile"), CASES, ids=[f"{n}-{p}" for n, _, p in CASES])
def test_one_tables_verdict_is_the_laid_out_tables(name, document, profile):
    document, data = _with_profile(document, profile)
    fmt = load_profile(profile).format
    tables = part_one_tables(document, data)
    for layout, table in zip(table_layouts(profile), tables, strict=True):
        amounts = layout_amounts(layout, data)
        if amounts is not None:
            assert amounts == _builders()[layout.layout](layout, data, fmt)[3], layout.key
        assert table_unfilled(layout, data) == table.unfilled, layout.key


@pytest.mark.parametrize(("name", "document", "profile"), CASES, ids=[f"{n}-{p}" for n, _, p in CASES])
def test_a_table_reads_only_the_sections_it_declares(name, document, profile):
    document, data = _with_profile(document, profile)
    fmt = load_profile(profile).format
    for layout in table_layouts(profile):
        read = layout_sections(layout, data.sections)
        alone = copy.copy(data)
        alone.sections = {key: section if key in read else SectionData.empty(section.section)
                          for key, section in data.sections.items()}
        build = _builders()[layout.layout]
        assert build(layout, alone, fmt) == build(layout, data, fmt), (layout.key, sorted(read))
