"""T0-01 (every 第一部分 table filled) re-runs after an edit to anything a table is built from."""

from desktop.domain.profiles import available_profiles
from desktop.domain.schema import document_schema
from desktop.publication.layouts import table_layouts
from desktop.rules.catalogue import load_catalogue


def sections_named(value, keys):
    if isinstance(value, str):
        if value in keys:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from sections_named(item, keys)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from sections_named(item, keys)


def test_t0_01_reads_every_section_a_published_table_is_built_from():
    keys = {section.key for section in document_schema().sections}
    used = set()
    for profile in available_profiles():
        for layout in table_layouts(profile):
            used |= {layout.section, *sections_named(layout.options, keys)}
    reads = load_catalogue().rule("T0-01").reads
    assert {section for section, column in reads if column == "*"} >= used
    assert len(used) >= 12


def test_an_edit_re_runs_the_tables_built_from_its_section_and_only_those():
    from desktop.publication.tables import layout_sections
    from desktop.rules.engine import Change, Engine
    from desktop.synthetic import build_document

    for profile in available_profiles():
        document = build_document()
        data = document.latest_year()
        data.profile = profile
        engine = Engine(document, data.year)
        spec = engine.catalogue.rule("T0-01")
        for section in data.sections:
            wanted = {layout.section for layout in table_layouts(profile)
                      if section in layout_sections(layout, data.sections)}
            assert engine._partitions_for(spec, Change(section, "r1", "amount")) == wanted, (profile, section)
        assert engine._partitions_for(spec, Change("fiscal_summary", "gp", "income")) >= {"fiscal_summary"}
