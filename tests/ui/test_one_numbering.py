"""One numbering: a table's number and title read the same in the window's box titles, the 审核
messages, the PDF's contents, the Excel sheet names and the Word headings (for every profile)."""

import re

import openpyxl
import pypdf
import pytest
from docx import Document as open_docx

from desktop.domain.table_sets import published_tables
from desktop.io.docx import export_docx
from desktop.io.pdf import export_pdf
from desktop.io.xlsx import export_xlsx
from desktop.rules.engine import check_document
from desktop.store.settings import Settings
from desktop.synthetic import build_document
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QGroupBox

CAPTION = re.compile(r"^表\d+ ")


def outline_titles(path) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(pypdf.PdfReader(str(path)).outline)
    return titles


@pytest.mark.parametrize("profile", ["beijing-district", "beijing-municipal", "national"])
def test_the_same_numbers_and_titles_everywhere(qtbot, tmp_path, profile, no_real_modals):
    document = build_document(projects=1)
    document.latest_year().profile = profile
    expected = [t.caption for t in published_tables(profile)]

    from desktop.store.docfile import DocumentFile
    path = tmp_path / "doc.fdesk"
    DocumentFile.create(path, document).close()
    window = MainWindow(Settings(), tmp_path / "settings.json")
    qtbot.addWidget(window)
    assert window.open_document(path)
    boxes = [box.title().split("（单位")[0] for box in window.findChildren(QGroupBox) if CAPTION.match(box.title())]
    captions = [caption for title in boxes for caption in title.split("、表")]
    captions = [c if c.startswith("表") else f"表{c}" for c in captions]
    assert sorted(captions, key=expected.index) == expected  # every published table has its box, titled alike

    pdf = export_pdf(document, tmp_path / "a.pdf", draft=True)
    assert [t for t in outline_titles(pdf.path) if CAPTION.match(t)] == expected

    workbook = export_xlsx(document, tmp_path / "a.xlsx")
    sheets = openpyxl.load_workbook(workbook.path, read_only=True).sheetnames
    assert [s for s in sheets if CAPTION.match(s)] == expected

    word = export_docx(document, tmp_path / "a.docx", draft=True)
    headings = [p.text for p in open_docx(str(word.path)).paragraphs if p.style.name == "Heading 2"]
    assert [h for h in headings if CAPTION.match(h)] == expected


def test_a_finding_names_its_table_as_the_window_does():
    document = build_document()
    document.latest_year().section("sangong").set_value("total", "budget", build_money("1"))
    [finding] = [f for f in check_document(document) if f.rule == "T7-01"]
    sangong = next(t for t in published_tables("beijing-district") if t.section == "sangong")
    assert finding.message.startswith(f"{sangong.caption}·合计")


def build_money(yuan: str):
    from desktop.domain.money import Money
    return Money.from_yuan(yuan)
