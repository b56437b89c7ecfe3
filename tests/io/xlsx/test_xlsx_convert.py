"""The cell parser of the Excel import (hypothesis): any value openpyxl can hand over becomes the
column's typed value or a ValueRejected with a message, never another exception; numbers that
went out come back exactly."""

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.schema import ValueRejected, document_schema
from desktop.io.xlsx import export_xlsx, layout, read_xlsx
from desktop.io.xlsx.reader import convert

SCHEMA = document_schema()
COLUMNS = {c.type: c for s in SCHEMA.sections for c in s.columns}
cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=80),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**16, max_value=10**16),
    st.datetimes(min_value=datetime(1900, 1, 1)), st.dates(),
)


@settings(max_examples=400)
@given(kind=st.sampled_from(sorted(COLUMNS)), value=cell_values, unit=st.sampled_from(["元", "万元"]),
       number_format=st.sampled_from(["General", "0.00", "#,##0.00", "0.000", "@"]))
def test_any_cell_value_is_typed_or_refused_with_a_message(kind, value, unit, number_format):
    column = COLUMNS[kind]
    try:
        result = convert(column, value, unit, number_format)
    except ValueRejected as exc:
        assert str(exc).startswith(column.label) or "不是" in str(exc) or str(exc)
        return
    assert column.check(result) == result


@settings(max_examples=300)
@given(fen=st.integers(min_value=-10**15, max_value=10**15))
def test_an_amount_written_as_a_number_comes_back_to_the_fen(fen):
    """Up to 10^13 元 (15 significant digits, Excel's own precision) an amount survives the
    binary number Excel stores."""
    yuan = Money(fen).yuan
    assert convert(COLUMNS["money"], float(yuan)) == Money(fen)
    assert convert(COLUMNS["money"], float(yuan / 10_000), "万元") == Money(fen)


@settings(max_examples=200)
@given(number=st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9))
def test_a_decimal_keeps_its_places_through_the_format(number):
    from desktop.io.xlsx.styles import decimal_format
    back = convert(COLUMNS["decimal"], float(number), number_format=decimal_format(number))
    assert back == number and str(back) == str(number)


def test_dates_and_logical_values_in_number_columns_are_refused():
    for column in (COLUMNS["money"], COLUMNS["integer"], COLUMNS["decimal"]):
        with pytest.raises(ValueRejected, match="日期"):
            convert(column, date(2023, 1, 1))
        with pytest.raises(ValueRejected, match="逻辑值"):
            convert(column, True)
    assert convert(COLUMNS["boolean"], 1) is True and convert(COLUMNS["boolean"], "否") is False


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(term=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60),
       definition=st.text(st.characters(blacklist_categories=("Cs",), whitelist_characters="\n\t",
                                        blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x1f\x85"), max_size=200),
       fen=st.integers(min_value=-10**14, max_value=10**14))
@example(term="  ", definition="=1+1\n\t@", fen=-1)
@example(term="x", definition="", fen=10**14)
@example(term="\u3000", definition="", fen=0)  # a row of Word's indent only is blank, in the document too
def test_text_and_amounts_survive_a_real_workbook(tmp_path_factory, term, definition, fen):
    # A row whose text reads 合计 / 小计 is a table's total to the importer, skipped with a warning by design
    assume(layout.label_key(term) not in layout.TOTAL_LABELS)
    document = Document.new("部门", 2023)
    data = document.latest_year()
    try:
        data.section("glossary").add_row({"term": term, "definition": definition})
    except Exception:  # text the document itself refuses (unprintable) is not the importer's business
        return
    data.section("sangong").set_value("abroad", "budget", Money(fen))
    path = tmp_path_factory.mktemp("prop") / "t.xlsx"
    export_xlsx(document, path)
    back = read_xlsx(path).document.latest_year()
    assert back.section("sangong").value("abroad", "budget") == Money(fen)
    rows = list(back.section("glossary").rows.values())
    expected = {k: v for k, v in {"term": term, "definition": definition}.items() if v.strip()}  # spaces are blank
    assert rows == ([expected] if expected else [])
