"""An unbroken Latin word longer than its column (issue 19: 40 letters stopped the PDF with a reportlab
message) is broken where its line is full, in a table cell as in a long text, and every letter
is printed; no column of a table is ever squeezed below one character."""

import subprocess
import sys

import pdfplumber
import pytest

from desktop.io.pdf import fonts
from desktop.io.pdf.styles import build_styles
from desktop.io.pdf.tablelayout import PADDING, TableBuilder, grid
from desktop.domain.document import Document
from desktop.publication import model
from desktop.store.docfile import DocumentFile


def word(letters: int) -> str:
    """Wide Latin letters that read back in order, e.g. WMQBDGHKNORWMQ…"""
    return "".join("WMQBDGHKNOR"[i % 11] for i in range(letters))


@pytest.fixture(scope="module")
def builder() -> TableBuilder:
    fonts.register_fonts()
    return TableBuilder(build_styles(fonts.typesetting()["sizes"]))


def indicator_table(text: str) -> model.Table:
    """Five columns of a 绩效 table: two short labels, two cells of `text`, one sentence."""
    header = (tuple(model.Cell(label, bold=True) for label in ("序号", "指标", "指标值", "实际完成值", "偏差原因")),)
    rows = tuple((model.Cell(str(n), align="center"), model.Cell(text), model.Cell(text), model.Cell(text),
                  model.Cell("受天气影响，部分工程推迟到下一年度完成，实际完成值低于年初设定的目标值。"))
                 for n in range(1, 4))
    return model.Table("部门整体绩效目标完成情况表", header, rows, (6, 20, 20, 20, 34))


@pytest.mark.parametrize("letters", [40, 120])
def test_no_column_is_squeezed_below_one_character(builder, letters):
    table = indicator_table(word(letters))
    widths = builder.column_widths(table, grid(table)[0], 453.5)
    assert sum(widths) == pytest.approx(453.5)
    assert min(widths) >= 2 * PADDING + builder.size
    minimum = builder.minimum_widths(table, grid(table)[0])
    assert widths[0] >= minimum[0]  # the 序号 column keeps what its header needs


def letters_printed(path) -> str:
    """The Latin letters of the PDF in the order they are drawn (a cell's lines one after another)."""
    with pdfplumber.open(path) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars if c["text"].isascii() and c["text"].isalpha())


@pytest.mark.parametrize("letters", [40, 160])  # 160: the old proportional widths gave 序号 a negative room
def test_the_draft_export_prints_every_letter_of_a_long_word(tmp_path, letters):
    latin = word(letters)
    document = Document.new("示例区科学技术委员会", 2023)
    data = document.latest_year()
    data.section("dept_indicators").add_row({"name": latin, "target": latin, "unit": latin})
    data.section("narrative").set("key_projects", f"本年度重点项目包括{latin}等，均已按期完成。" * 3)
    source = tmp_path / "长单词.fdesk"
    DocumentFile.create(source, document).close()
    target = tmp_path / "长单词.pdf"
    result = subprocess.run([sys.executable, "-m", "desktop", "export", str(source), "--format", "pdf", "--draft",
                             "-o", str(target)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    printed = letters_printed(target)
    assert printed.count(latin) >= 6, "three table cells and the text, each whole"
