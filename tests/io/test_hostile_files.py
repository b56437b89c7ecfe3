"""Hostile files: JSON, Excel workbooks and document files built to break the importer. Each ends in
the importer's own Chinese refusal or a correct document, never another exception, never a write."""

import json
import sqlite3
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from desktop.io.jsonio import JsonImportError, document_to_json, dumps, loads, read_json
from desktop.io.xlsx import export_xlsx, read_xlsx
from desktop.io.xlsx.reader import XlsxImportError
from desktop.domain.schema import document_schema
from desktop.store.docfile import DamagedFile, DocumentFile, DocumentFileError
from desktop.synthetic import build_document

DOCUMENT = build_document()
GOOD_JSON = document_to_json(DOCUMENT)


# -- JSON ----------------------------------------------------------------------------------------
# Crafted JSON texts (deep nesting, NaN, 5 000-digit numbers …): tests/io/test_jsonio.py::test_malformed_json


def test_a_huge_json_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(70 * 1024 * 1024)
    with pytest.raises(JsonImportError) as caught:
        read_json(path)
    assert "过大" in str(caught.value)


def json_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*path, index))


PATHS = [p for p in json_paths(GOOD_JSON) if p]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)


def replaced(document, path, value):
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=json_values)
def test_any_value_anywhere_in_a_document_json(path, value):
    text = json.dumps(replaced(GOOD_JSON, path, value), ensure_ascii=False)
    try:
        document = loads(text)
    except JsonImportError as exc:
        assert str(exc).startswith("JSON 文件不能导入")
        return
    assert loads(dumps(document)) == document  # what was accepted is a real, lossless document


# -- Excel ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "good.xlsx"
    export_xlsx(DOCUMENT, path)
    return path


def rewrite(source, target, change):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info.filename, change(info.filename, original.read(info.filename)))
    return target


def first_sheet(change_xml):
    def change(name, data):
        return change_xml(data) if name == "xl/worksheets/sheet1.xml" else data
    return change


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lollollollol">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(9))
          + b"]>")
CELL = b'<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>'


@pytest.mark.parametrize("name, change, fragment", [
    ("billion-laughs", first_sheet(lambda xml: LAUGHS + xml.replace(b"<sheetData>", b"<sheetData>" + CELL % b"&j;", 1)),
     "已损坏"),
    ("external-entity", first_sheet(lambda xml: b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                    + xml.replace(b"<sheetData>", b"<sheetData>" + CELL % b"&e;", 1)), "已损坏"),
    ("zip-bomb", first_sheet(lambda xml: xml + b"<!--" + b" " * (60 * 1024 * 1024) + b"-->"), "解压后"),
    ("not-xml", first_sheet(lambda xml: b"\x00\xff" * 100), "已损坏"),
])
def test_crafted_workbooks_are_refused(tmp_path, workbook, name, change, fragment):
    path = rewrite(workbook, tmp_path / f"{name}.xlsx", change)
    with pytest.raises(XlsxImportError) as caught:
        read_xlsx(path)
    assert fragment in str(caught.value) and path.name in str(caught.value)
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "renamed-text"])
def test_broken_zip_files_are_refused(tmp_path, workbook, damage):
    data = workbook.read_bytes()
    broken = {"truncate": data[: len(data) // 2],
              "flip": data[:2000] + bytes(b ^ 0x55 for b in data[2000:4000]) + data[4000:],
              "empty": b"", "renamed-text": "部门,年度\n".encode()}[damage]
    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken)
    with pytest.raises(XlsxImportError):
        read_xlsx(path)


# Text a workbook can carry: XML 1.0 has no surrogates and no U+FFFE/U+FFFF, so openpyxl's own save
# (not the importer) would fail on them. Control characters stay: openpyxl refuses them on assignment.
xlsx_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff"), max_size=60)
cell_values = st.one_of(
    st.none(), xlsx_text, st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.sampled_from(["=1/0", "=A1+B1", "=SUM(A:A)", "#DIV/0!", "1e309", "NaN", "😀", "\u202e", "=HYPERLINK(\"x\")"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 53), st.integers(1, 30), st.integers(1, 12), cell_values),
                      min_size=1, max_size=12))
def test_random_cell_contents_in_a_workbook(tmp_path_factory, workbook, edits):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError
    book = load_workbook(workbook)
    for sheet_index, row, column, value in edits:
        sheet = book.worksheets[sheet_index % len(book.worksheets)]
        target = sheet.cell(row=row, column=column)
        previous = target.value
        try:
            target.value = value
        except (ValueError, TypeError, AttributeError, IllegalCharacterError):  # openpyxl refuses some; merged cells
            try:  # a refused text leaves the cell typed as text around its old number; put the number back
                target.value = previous
            except AttributeError:
                pass
            continue
    path = tmp_path_factory.mktemp("random") / "random.xlsx"
    book.save(path)
    try:
        result = read_xlsx(path)
    except XlsxImportError as exc:
        assert str(exc).startswith("Excel 工作簿不能导入")
        return
    assert loads(dumps(result.document)) == result.document


# -- document files ------------------------------------------------------------------------------
ONE_NUMBER = ("(scope_year, section, row_id, column_key) IN (SELECT scope_year, section, row_id, column_key "
              "FROM cells WHERE typeof(value) = 'integer' LIMIT 1)")
ONE_CELL = ("(scope_year, section, row_id, column_key) IN (SELECT scope_year, section, row_id, column_key "
            "FROM cells LIMIT 1)")


@pytest.mark.parametrize("statement", [
    f"UPDATE cells SET value = 'abc' WHERE {ONE_NUMBER}",
    f"UPDATE cells SET value = 1e309 WHERE {ONE_NUMBER}",
    f"UPDATE cells SET value = 100000000000000000 WHERE {ONE_NUMBER}",
    f"UPDATE cells SET value = x'00ff' WHERE {ONE_NUMBER}",
    "UPDATE cells SET value = 'NaN' WHERE " + " OR ".join(
        f"(section = '{section.key}' AND column_key = '{column.key}')"
        for section in document_schema().sections for column in section.columns if column.type == "decimal"),
    "UPDATE cells SET value = printf('%.*c', 100000, 'x') WHERE column_key = 'name'",
    "UPDATE cells SET value = char(7) WHERE column_key = 'name'",
    f"UPDATE cells SET section = 'nonsense' WHERE {ONE_CELL}",
    "UPDATE table_rows SET row_id = '../../etc' WHERE (scope_year, section, row_id) IN "
    "(SELECT scope_year, section, row_id FROM table_rows LIMIT 1)",
    "DROP TABLE cells",
    "UPDATE years SET year = 99999",
])
def test_document_files_with_crafted_contents_are_refused_untouched(tmp_path, statement):
    path = tmp_path / "crafted.fdesk"
    DocumentFile.create(path, DOCUMENT).close()
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DocumentFileError) as caught:
        with DocumentFile.open(path) as file:
            file.load()
    assert isinstance(caught.value, DamagedFile) and "crafted.fdesk" in str(caught.value)
    assert path.read_bytes() == before
