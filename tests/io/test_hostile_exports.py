"""Exports of hostile but legal content, and exports that are safe to open.

Extreme amounts, the longest texts a cell takes, emoji and text that looks like a formula still
give a complete PDF and an Excel workbook that reads back equal; no text becomes a formula, and
the PDF carries no local path (folders, user name, font files) in its metadata or anywhere else.
"""

import re
import zlib
from pathlib import Path

import pytest

from desktop.domain.money import MAX_ABS_FEN, Money
from desktop.domain.schema import TEXT_LIMITS
from desktop.io.jsonio import dumps, loads
from desktop.io.pdf import export_audit_pdf, export_pdf
from desktop.io.xlsx import export_xlsx, read_xlsx
from desktop.paths import resources_dir
from desktop.synthetic import build_document

FORMULA_LIKE = ["=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3", "@HYPERLINK(\"http://x\")", "=1/0"]


def hostile_document():
    document = build_document()
    year = document.latest_year().year
    sections = [*document.sections.values(), *document.year(year).sections.values()]
    n, longest_written = 0, False
    for data in sections:
        section = data.section
        rows = [""] if section.kind == "form" else list(section.row_keys) if section.kind == "grid" else data.row_ids()
        for row in rows[:3]:
            for column in section.columns:
                n += 1
                if column.type == "money" and section.is_computed(row, column.key):
                    continue  # a 合计 is computed from its parts, never typed
                if column.type == "money":
                    data.set_value(row, column.key, Money([MAX_ABS_FEN, -MAX_ABS_FEN, 1, 0][n % 4]))
                elif column.type == "text" and column.key not in ("code",):
                    text = FORMULA_LIKE[n % len(FORMULA_LIKE)] if n % 3 else ("预算😀🇨🇳" * 200)[:TEXT_LIMITS["text"]]
                    data.set_value(row, column.key, text)
                elif column.type == "longtext" and section.kind == "form" and not longest_written:
                    data.set_value(row, column.key, ("说明😀，第二行" * 3000)[:TEXT_LIMITS["longtext"]])
                    longest_written = True
    return document


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("机密文件夹-user-secret")
    document = hostile_document()
    pdf = export_pdf(document, folder / "公开.pdf", draft=True)
    audit = export_audit_pdf(document, folder / "审核说明.pdf")
    workbook = export_xlsx(document, folder / "决算.xlsx")
    return document, folder, pdf, audit, workbook


def test_the_hostile_document_exports_a_complete_pdf(exported):
    _document, folder, pdf, audit, _workbook = exported
    for result in (pdf, audit):
        data = result.path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:] and result.pages > 1
    assert [p.name for p in folder.iterdir() if p.suffix not in (".pdf", ".xlsx")] == []  # no temporary left


def test_the_hostile_document_round_trips_through_excel_and_json(exported):
    document, _folder, _pdf, _audit, workbook = exported
    assert read_xlsx(workbook.path).document == document
    assert loads(dumps(document)) == document


def test_no_text_becomes_a_formula(exported):
    from openpyxl import load_workbook
    _document, _folder, _pdf, _audit, workbook = exported
    book = load_workbook(workbook.path)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value in FORMULA_LIKE:
                    seen += 1
                    assert cell.quotePrefix or cell.value[0] not in "=+-@"
    assert seen >= len(FORMULA_LIKE)


def pdf_text(path: Path) -> bytes:
    """The file's bytes with every Flate stream inflated, so nothing hides in a compressed stream."""
    data = path.read_bytes()
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            inflated.append(zlib.decompressobj().decompress(data[match.end():match.end() + 4_000_000]))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_pdf_metadata_and_content_carry_no_local_paths(exported):
    _document, folder, pdf, audit, _workbook = exported
    for result in (pdf, audit):
        text = pdf_text(result.path)
        info = re.search(rb"/Producer.*?>>", text, re.S)
        assert info is not None
        for needle in {str(folder), folder.name, str(Path.home()), str(resources_dir()), "/tmp", "fonts/", ".ttf", ".ttc"}:
            for encoding in ("utf-8", "utf-16-be"):
                assert needle.encode(encoding) not in text, (result.path.name, needle)
        assert b"FiscalDesk" in info.group(0)


def test_the_hostile_document_exports_a_word_document_without_local_paths(tmp_path_factory):
    import zipfile

    from desktop.io.docx import export_docx, read_back
    folder = tmp_path_factory.mktemp("机密文件夹-user-secret")
    result = export_docx(hostile_document(), folder / "公开.docx", draft=True)
    summary = read_back(result.path)
    xml = _word_xml(result.path)
    assert summary["tables"] > 10 and "预算😀" in xml and "说明😀，第二行" in xml
    assert "=cmd|' /C calc'!A0" in xml.replace("&apos;", "'")  # formula-like text is text in Word too
    for needle in {str(folder), folder.name, str(Path.home()), str(resources_dir()), "/tmp", "fonts/", ".ttf", ".ttc"}:
        assert needle not in xml, needle
    assert [p.name for p in folder.iterdir()] == ["公开.docx"]
    with zipfile.ZipFile(result.path) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name or "comments" in name]


def _word_xml(path: Path) -> str:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.endswith((".xml", ".rels")))
