"""Hostile values in every kind of cell: anything typed or pasted ends as a correct value or a
Chinese message naming the column, never an exception of another kind and never a stored oddity."""

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from desktop.domain.document import Document, DocumentError
from desktop.domain.money import MAX_ABS_FEN, Money
from desktop.domain.schema import ValueRejected, document_schema

SCHEMA = document_schema()


def distinct_columns():
    seen, columns = set(), []
    for section in SCHEMA.sections:
        for column in section.columns:
            key = (column.type, column.choices, column.scheme)
            if key not in seen:
                seen.add(key)
                columns.append(column)
    return columns


COLUMNS = distinct_columns()
CRAFTED = [
    "1e309", "-1e309", "NaN", "nan", "inf", "-Infinity", "1E+3", "0x1F", "1_000", "(1,2)", "--5",
    "100000000000000.01", "-100000000000000.01", "100000000000000", "99999999999999.99", "9" * 20,
    "1" * 100_000, "字" * 100_000, "😀", "预算😀🇨🇳执行", "\x00", "12\x00", "\x07响铃", "\u202e123", "\ufeff12",
    "\r\n", "\t", "a\x1bb", "\ud7ff", "　", "１２３．４５", "－５", "٣", "=1+2", "@SUM(A1)", "+1", "-",
]


def assert_fits(column, value):
    """A parsed value is stored as is: it passes the column's own check unchanged."""
    assert column.check(value) == value
    if isinstance(value, Money):
        assert abs(value.fen) <= MAX_ABS_FEN
    if isinstance(value, Decimal):
        assert value.is_finite()
    if isinstance(value, str):  # printable, a space of any kind (U+3000 …), or a line break or tab
        assert all(ch.isprintable() or unicodedata.category(ch) == "Zs" or ch in "\n\t" for ch in value)
        assert "\r" not in value


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c.type}-{c.key}")
@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_text_in_every_kind_of_cell(column, text):
    try:
        value = column.parse(text)
    except ValueRejected as exc:
        message = str(exc)
        assert message.startswith(column.label) and len(message) < 300
        assert "\x00" not in message and "\x07" not in message
        return
    if value is not None:
        assert_fits(column, value)


@settings(max_examples=300, deadline=None)
@given(column=st.sampled_from(COLUMNS), text=st.text(max_size=80))
def test_any_text_in_any_cell(column, text):
    try:
        value = column.parse(text)
    except ValueRejected as exc:
        assert str(exc).startswith(column.label)
        return
    if value is not None:
        assert_fits(column, value)


TYPED = [float("nan"), float("inf"), 1e309, 1.5, Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
         Decimal("1e400"), Decimal("1e-30"), 10**30, -1, True, Money(MAX_ABS_FEN + 1), Money(-MAX_ABS_FEN - 1),
         "x" * 1_000_000, "\x00", b"bytes", ["list"], {"a": 1}, object()]


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c.type}-{c.key}")
@pytest.mark.parametrize("value", TYPED, ids=range(len(TYPED)))
def test_typed_values_that_do_not_belong_are_refused_by_the_document(column, value):
    """What an import or a broken caller might hand over: refused with a message, cell unchanged."""
    section = next(s for s in SCHEMA.sections if column in s.columns)
    document = Document.new("部门", 2023)
    data = document.section(section.key) if section.scope == "document" else document.year(2023).section(section.key)
    row = "" if section.kind == "form" else section.row_keys[0] if section.kind == "grid" else data.add_row()
    before = data.value(row, column.key)
    try:
        checked = column.check(value)
    except ValueRejected:
        with pytest.raises(DocumentError):
            data.set_value(row, column.key, value)
        assert data.value(row, column.key) == before
        return
    assert_fits(column, checked)  # the few that belong (True in a 是/否 cell, -1 nowhere)
