"""The published document as its readers get it: a fully corrected copy of seed 1 (every error fixed,
every warning explained, every table and text filled: tests/fixtures/seed1_corrected.json) and the
bundled complete example export a final PDF and Word file; read back, each carries every text the
clerk typed and nothing of the machinery (no 无法计算, no formula, no placeholder)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from desktop.domain.published_texts import text_placements
from desktop.io.docx import export_docx
from desktop.io.jsonio import read_json
from desktop.io.pdf import export_pdf
from desktop.io.samples import load_example
from desktop.publication.gate import export_gate

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed1_corrected.json"
MM = 72 / 25.4
MACHINERY = ("无法计算", "max(", "min(", "未填写", "【", "（空）", "填报数", "草稿", "None")
_TRAILING = "。；;，,、 "


def corrected_seed1():
    return read_json(FIXTURE)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """Every page's body (the running header and the page footer cut off) and every table cell,
    so a text wrapped inside a table cell is read whole."""
    pieces = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            body = page.crop((0, 20 * MM, page.width, page.height - 20 * MM))
            pieces.append(body.extract_text() or "")
            for table in body.extract_tables():
                pieces += [cell or "" for row in table for cell in row]
    return squeeze("\n".join(pieces))


def word_text(path: Path) -> str:
    word = open_docx(str(path))
    pieces = [p.text for p in word.paragraphs]
    pieces += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return squeeze("\n".join(pieces))


def typed_texts(document) -> list[tuple[str, str]]:
    """(where, line) for every line of every published text the document holds."""
    found = []
    placements = text_placements()
    scoped = [(data, None) for data in document.sections.values()]
    scoped += [(data, year) for year in document.years.values() for data in year.sections.values()]
    for data, _year in scoped:
        for row_id, key, value in data.cells():
            place = placements.get((data.section.key, key))
            if place is None or not place.published or not isinstance(value, str):
                continue
            for line in value.splitlines():
                line = squeeze(line).rstrip(_TRAILING)
                if line:
                    found.append((f"{data.section.key}.{key}[{row_id}]", line))
    return found


@pytest.fixture(scope="module", params=["seed1_corrected", "example"])
def published(request, tmp_path_factory):
    document = corrected_seed1() if request.param == "seed1_corrected" else load_example()
    folder = tmp_path_factory.mktemp(request.param)
    pdf = export_pdf(document, folder / "公开.pdf")
    word = export_docx(document, folder / "公开.docx")
    assert not pdf.draft and not word.draft
    return request.param, document, pdf_text(pdf.path), word_text(word.path)


def test_the_corrected_copy_is_fully_corrected():
    document = corrected_seed1()
    report = export_gate(document)
    assert report.open, report.message()
    assert document.department_name == "中关村科技园区门头沟园管理委员会"
    assert document.latest_year().explanations, "its warnings are explained, not hidden"


@pytest.mark.parametrize("medium", ["pdf", "word"])
def test_every_typed_text_is_published(published, medium):
    name, document, pdf, word = published
    text = pdf if medium == "pdf" else word
    typed = typed_texts(document)
    assert len(typed) > 50
    missing = [(where, line[:40]) for where, line in typed if line not in text]
    assert missing == [], f"{name} {medium}: {missing[:10]}"


@pytest.mark.parametrize("medium", ["pdf", "word"])
def test_nothing_of_the_machinery_reaches_a_reader(published, medium):
    name, _document, pdf, word = published
    text = pdf if medium == "pdf" else word
    assert [piece for piece in MACHINERY if piece in text] == [], name


def test_the_published_totals_are_the_computed_ones(published):
    name, _document, pdf, word = published
    if name != "seed1_corrected":
        return
    for text in (pdf, word):
        assert "收、支总计78,129,577.73元" in text
        assert "156,259,155" not in text and "44,961" not in text  # seed 1's typed totals


def test_a_check_that_cannot_fail_is_no_check():
    """The readers above find what is there and miss what is not."""
    assert "部门职责" in squeeze("本部门\n职责：部门 职责")
    lines = [line for _, line in typed_texts(corrected_seed1())]
    assert any("两区" in line for line in lines) and all(line == line.strip() for line in lines)
