"""Last year's published PDF as this year's 上年数: FiscalDesk's own PDF of one year, imported into
the next year's document, fills every 上年数 the 第一部分 tables print, exactly as starting the new
year from last year's file would; and the PDF's tables read back print the same tables."""

from __future__ import annotations

import pytest

from desktop.domain.document import Document
from desktop.editing.replace import plan_import
from desktop.editing.rollover import PRIOR_FIGURES, next_year_document
from desktop.io.official import OfficialImportError, read_tables
from desktop.io.official.pdf_tables import read_pdf_tables
from desktop.io.official.prior import read_prior_year
from desktop.io.pdf import export_pdf
from desktop.io.samples import load_example, load_sample
from desktop.publication.tables import part_one_tables

# the national 总表 prints 支出 by 类, not these rows, and the example's 支出决算表 leaves their columns blank
NOT_PRINTED = {("income_expenditure", "expenditure_superior"), ("income_expenditure", "expenditure_operating"),
               ("income_expenditure", "expenditure_affiliated")}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    example = load_example()
    year = max(example.years)
    path = tmp_path_factory.mktemp("pdf") / "2024年度决算公开.pdf"
    export_pdf(example, path, year=year)
    return example, year, path


def test_the_pdf_fills_every_printed_prior_year_figure_exactly(published):
    example, year, path = published
    this_year = Document.new(example.department_name, year + 1, example.year(year).profile)
    result = read_prior_year(path, this_year, year + 1)
    carried = next_year_document(example, year, year + 1).year(year + 1)
    imported = result.document.year(year + 1)
    checked = 0
    for figure in PRIOR_FIGURES:
        if figure.section not in {"income_expenditure", "sangong", "fiscal_summary"}:
            assert imported.section(figure.section).rows == this_year.year(year + 1).section(figure.section).rows
            continue
        for row in ([figure.row] if figure.row else imported.section(figure.section).rows):
            want = carried.section(figure.section).value(row, figure.target)
            got = imported.section(figure.section).value(row, figure.target)
            if (figure.section, row) in NOT_PRINTED:
                assert got is None
                continue
            assert got == want, (figure.section, row)
            checked += want is not None
    assert checked >= 20
    assert result.differences == []
    assert any("上年数未填：收入支出决算总体情况·上缴上级支出" in w for w in result.warnings)
    plan = plan_import(this_year, result.document, year + 1, text="导入上年数")
    assert {c.section for c in plan.changes} == {"income_expenditure", "sangong", "fiscal_summary"}


def test_the_pdfs_tables_read_back_print_the_same_tables(published):
    example, year, path = published
    empty = Document.new(example.department_name, year, example.year(year).profile)
    result = read_tables(read_pdf_tables(path), [], empty, year, path.name)
    assert len(result.tables) == len(part_one_tables(example, example.year(year)))

    def printed(document):
        return [(t.title, t.rows) for t in part_one_tables(document, document.year(year))]
    assert printed(result.document) == printed(example)
    assert result.tables[2] == "第6页的“支出决算表”"


def test_this_years_pdf_is_refused_as_last_years(published):
    example, year, path = published
    same_year = Document.new(example.department_name, year, example.year(year).profile)
    with pytest.raises(OfficialImportError) as raised:
        read_prior_year(path, same_year, year)
    assert f"{year}年度的上年数应取自{year - 1}年度的公开文件" in str(raised.value)


def test_a_pdf_without_tables_is_refused(tmp_path):
    from desktop.io.pdf import export_audit_pdf
    document = load_sample(1)
    year = max(document.years)
    path = tmp_path / "审核说明.pdf"
    export_audit_pdf(document, path, year=year)
    with pytest.raises(OfficialImportError) as raised:
        read_prior_year(path, Document.new("某部门", year + 1), year + 1)
    assert "没有找到" in str(raised.value)


def test_a_file_that_is_no_pdf_is_refused(tmp_path):
    path = tmp_path / "上年.pdf"
    path.write_bytes(b"not a pdf")
    with pytest.raises(OfficialImportError) as raised:
        read_prior_year(path, Document.new("某部门", 2025), 2025)
    assert "不是有效的 PDF 文件" in str(raised.value)


def test_a_pdf_printed_by_another_program_reads_back_the_same_tables():
    """LibreOffice's PDF of the example's official sheets: other ruling lines, other fonts, a space
    between spaced-out Chinese characters (tests/fixtures/official/README.md)."""
    from pathlib import Path
    path = Path(__file__).parents[2] / "fixtures" / "official" / "example-printed-by-libreoffice.pdf"
    example = load_example()
    year = max(example.years)
    empty = Document.new(example.department_name, year, example.year(year).profile)
    result = read_tables(read_pdf_tables(path), [], empty, year, path.name)

    def printed(document):
        return [(t.title, t.rows) for t in part_one_tables(document, document.year(year))]
    assert printed(result.document) == printed(example)
    assert result.differences == []


def test_a_draft_with_its_watermark_reads_back_the_same_tables(tmp_path):
    """The 草稿 watermark is drawn large and aslant across the tables: no part of any cell."""
    example = load_example()
    year = max(example.years)
    path = tmp_path / "草稿.pdf"
    export_pdf(example, path, year=year, draft=True)
    empty = Document.new(example.department_name, year, example.year(year).profile)
    result = read_tables(read_pdf_tables(path), [], empty, year, path.name)
    assert [(t.title, t.rows) for t in part_one_tables(result.document, result.document.year(year))] == \
        [(t.title, t.rows) for t in part_one_tables(example, example.year(year))]
