"""核对说明 on FiscalDesk's own exports: the Word copy edited by a person is checked back and exactly
the changed figures are reported; the exported PDF's text has no wrong figure (issue 23)."""

import pytest
from docx import Document as open_docx

from desktop.io.docx import export_docx
from desktop.io.pdf import export_pdf
from desktop.io.text_sources import read_paragraphs
from desktop.review.checker import WRONG, check_text
from desktop.review.reference import build_reference

EDITS = {  # paragraph start → (figure as exported, figure a leader typed over it)
    "2023年度本年收入合计": ("78,129,577.73元", "78,129,578.73元"),
    "2023年度公务用车保有量": ("5,149.00元", "5,194.00元"),
    "2023年度本部门政府采购支出总额": ("12,318.00元", "12,381.00元"),
}


@pytest.fixture(scope="module")
def seed1_document():
    from desktop.io.jsonio import read_json
    from desktop.paths import resource_path
    return read_json(resource_path("samples", "seed1.json"))


def wrong_figures(report):
    return sorted((r.claim.figure.text, r.expected) for r in report.figures if r.status == WRONG)


def test_a_word_copy_with_three_figures_changed_reports_exactly_those_three(tmp_path, seed1_document):
    exported = tmp_path / "说明.docx"
    export_docx(seed1_document, exported, draft=True)
    reference = build_reference(seed1_document, 2023)
    assert wrong_figures(check_text(read_paragraphs(exported), reference)) == []

    word = open_docx(str(exported))
    for paragraph in word.paragraphs:
        for start, (old, new) in EDITS.items():
            if paragraph.text.startswith(start) and old in paragraph.text:
                paragraph.text = paragraph.text.replace(old, new, 1)
    edited = tmp_path / "领导修改.docx"
    word.save(str(edited))

    report = check_text(read_paragraphs(edited), reference)
    assert wrong_figures(report) == sorted([("12,381.00元", "12,318.00元"), ("5,194.00元", "5,149.00元"),
                                            ("78,129,578.73元", "78,129,577.73元")])
    assert sorted(f.rule for f in report.findings if f.rule in ("K-01", "K-02", "K-03", "K-04")) == ["K-01"] * 3


def test_the_exported_pdf_has_no_wrong_figure(tmp_path, seed1_document):
    exported = tmp_path / "说明.pdf"
    export_pdf(seed1_document, exported, draft=True)
    report = check_text(read_paragraphs(exported), build_reference(seed1_document, 2023))
    assert report.found > 200
    assert wrong_figures(report) == []


def test_a_threshold_percentage_is_no_percentage_to_format(seed1_document):
    text = ["（1）部门无金额超部门项目总金额50%的重点项目；", "农林水支出103,843.00元，占本年财政拨款支出0.13%。"]
    report = check_text(text, build_reference(seed1_document, 2023))
    decimals = [f.message for f in report.findings if f.rule == "K-07"]
    assert decimals == ["百分数应保留1位小数：0.13%。"]
