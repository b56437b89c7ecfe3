"""The typesetting rules, checked on laid-out pages as a 财政 inspector sees them (read back with
pdfplumber, see conftest.py): both samples, the synthetic document, the 审核说明 and publications
built to break the rules (adversarial.py).

- no heading or table caption is the last thing on a page;
- no table row is split across pages (every cell on a page is a whole cell of the publication);
- a table starts with its header and at least two body rows, sends at least two on, repeats its
  header on every page and never shows it twice on one page;
- no number is parted from its sign or unit, no Latin word broken, no line starts with closing
  punctuation, no label of a table broken inside a word;
- the cover title is broken at the department's name, balanced, within the page.

test_typesetting_canaries.py lays the same documents out with each rule switched off and shows
that these checks then fail.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import adversarial
from checks import (break_problems, cover_lines, header_problems, headings_at_the_foot, lead_texts, line_pairs, norm,
                    split_cells, table_chains)
from desktop.io.pdf.render import render_publication
from desktop.io.jsonio import read_json
from desktop.io.samples import load_example, load_sample
from desktop.publication import model
from desktop.publication.audit import build_audit
from desktop.publication.outline import build_publication
from desktop.synthetic import build_document

TODAY = date(2024, 8, 20)
DOCUMENTS = ["seed1", "seed2", "seed1-corrected", "example", "synthetic", "seed1-audit", "adversarial", "sweep"]
CORRECTED = Path(__file__).resolve().parents[2] / "fixtures" / "seed1_corrected.json"


def documents() -> dict[str, model.Publication]:
    seed1, seed2, synthetic = load_sample(1), load_sample(2), build_document()
    return {
        "seed1": build_publication(seed1, draft=True, today=TODAY),
        "seed2": build_publication(seed2, draft=True, today=TODAY),
        "seed1-corrected": build_publication(read_json(CORRECTED), today=TODAY),
        "example": build_publication(load_example(), today=TODAY),
        "synthetic": build_publication(synthetic, today=TODAY),
        "seed1-audit": build_audit(seed1, today=TODAY),
        "adversarial": adversarial.adversarial(),
        "sweep": adversarial.sweep(),
    }


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, read) -> dict[str, tuple[model.Publication, list]]:
    folder = tmp_path_factory.mktemp("typesetting")
    result = {}
    for name, publication in documents().items():
        path = folder / f"{name}.pdf"
        render_publication(publication, path)
        result[name] = (publication, read(path))
    return result


# the rules ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_heading_or_caption_is_the_last_thing_on_a_page(laid_out, name):
    publication, pages = laid_out[name]
    assert headings_at_the_foot(publication, pages) == []


def test_the_adversarial_headings_really_reach_the_foot_of_pages(laid_out):
    """Its sections are long enough and varied enough that some page must be broken right after a
    heading's natural place: the page ends short of its foot at least once before a heading."""
    publication, pages = laid_out["adversarial"]
    leads = lead_texts(publication)
    starts = [page for page in pages[2:] if page.lines and page.first() in page.lines and page.first().text in leads]
    assert len(starts) >= 5


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_table_row_is_split_across_pages(laid_out, name):
    publication, pages = laid_out[name]
    assert split_cells(publication, pages) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_headers_stay_with_their_first_rows_and_repeat(laid_out, name):
    _, pages = laid_out[name]
    assert header_problems(pages) == []


def test_long_tables_do_break_and_repeat_their_merged_labels(laid_out):
    publication, pages = laid_out["adversarial"]
    chains = [chain for chain in table_chains(pages) if len(chain) > 1]
    assert len(chains) >= 2  # the long table and the landscape one at least
    long_chain = next(chain for chain in chains if chain[0].rows[0][0] == "类别")
    assert len(long_chain) >= 3 and all(piece.header == 2 for piece in long_chain)
    for piece in long_chain[1:]:
        assert piece.body[0][0] in adversarial.CATEGORIES  # the merged category is printed again


@pytest.mark.parametrize("name", DOCUMENTS)
def test_numbers_units_words_and_punctuation_stay_together(laid_out, name):
    _, pages = laid_out[name]
    assert break_problems(pages) == []


def test_the_adversarial_figures_do_reach_the_ends_of_lines(laid_out):
    """The check above is not vacuous: many lines of the figures paragraphs end right before or
    after an amount, a percentage or a year."""
    _, pages = laid_out["adversarial"]
    pairs = [(one, other) for one, other, _ in line_pairs(pages)]
    assert sum(1 for one, other in pairs if re.search(r"[元%度]$", one) or other[:1].isdigit()) >= 20


def test_a_row_taller_than_a_page_is_still_laid_out(tmp_path, read):
    """Split inside the row (the one exception), read from its top, and no empty tail of it goes on
    as header rows over nothing."""
    publication = adversarial.tall_cell()
    path = tmp_path / "tall.pdf"
    count = render_publication(publication, path)
    pages = read(path)
    cells = [norm(cell or "") for page in pages for piece in page.pieces for row in piece.rows for cell in row]
    text = "".join(cells) + "".join(line.text for page in pages for line in page.lines)  # an open piece reads as lines
    assert 4 <= count <= 7 and text.count("说明，第二行") >= 1490 and "无。" in cells
    assert text.count("项目说明") <= count - 1  # its header once a page, never stacked over an empty tail
    start = next(page for page in pages if page.pieces)  # the row's label is read with its first lines
    assert "概况" in "".join(line.text for line in start.lines) + "".join(
        cell or "" for piece in start.pieces for row in piece.rows for cell in row)


@pytest.mark.parametrize("name, lines", [
    ("seed1", ["2023年度中关村科技园区门头沟园管理委员会", "部门决算公开说明"]),
    ("seed2", ["2022年度北京市石景山区投资促进服务中心", "部门决算公开说明"]),
    ("synthetic", ["2023年度示例区科学技术委员会", "部门决算公开说明"]),
])
def test_the_cover_title_is_broken_at_the_department_name(laid_out, name, lines):
    _, pages = laid_out[name]
    assert [line.text for line in cover_lines(pages)] == lines


def test_the_cover_title_is_the_most_balanced_break_at_the_name(laid_out):
    publication, pages = laid_out["seed1"]
    (first, second) = cover_lines(pages)
    title, department = publication.title, publication.department
    # the other break at the department's boundaries would give a wider widest line
    start = title.index(department)
    other_widest = max(len(title[:start]), len(title[start:]))
    assert max(len(first.text), len(second.text)) <= other_widest
    assert all(line.x0 > 60 and line.x1 < pages[0].width - 55 for line in (first, second))


@pytest.mark.parametrize("department", [adversarial.LONG_DEPARTMENT, "测试单位", "某某区" * 4 + "科学技术委员会"])
def test_long_and_short_titles_are_set_within_the_page(tmp_path, read, department):
    publication = adversarial.titled(department)
    path = tmp_path / "title.pdf"
    render_publication(publication, path)
    pages = read(path)
    lines = cover_lines(pages)
    assert "".join(line.text for line in lines) == publication.title
    assert 1 <= len(lines) <= 3
    assert all(line.x0 > 60 and line.x1 < pages[0].width - 55 for line in lines)
    assert "部门决算公开说明" in lines[-1].text and lines[0].text.startswith("2023年度")
    for one, other in zip(lines, lines[1:]):
        assert not any(one.text.endswith(word[:k]) and other.text.startswith(word[k:])
                       for word in ("委员会", "街道", "办事处", "社区", "建设", "公共", "服务", "综合", "管理", "科学", "技术")
                       for k in range(1, len(word)))


def test_charts_are_numbered_and_a_single_slice_is_not_drawn(laid_out):
    _, pages = laid_out["adversarial"]
    text = "".join(line.text for page in pages for line in page.lines)
    assert "图2第2部分支出构成" in text and "图99得分构成" in text
    assert "图98" not in text and "单一收入构成" not in text


def test_score_bars_are_scaled_to_each_parts_points(tmp_path):
    import pdfplumber

    chart = model.Chart("score", "得分构成", (("预算执行", 2000, 2000, "20.00 / 20.00"),
                                            ("产出", 3000, 2400, "24.00 / 30.00"), ("效果", 1000, 500, "5.00 / 10.00")))
    publication = model.Publication("2023年度测试单位部门决算公开说明", "测试单位", 2023, "2024年8月",
                                    (model.Part("第一部分", (chart,)),))
    path = tmp_path / "score.pdf"
    render_publication(publication, path)
    with pdfplumber.open(str(path)) as pdf:
        rects = [rect for page in pdf.pages for rect in page.rects]

    def filled(color):
        return sorted((r for r in rects if tuple(round(v, 3) for v in r["non_stroking_color"] or ()) == color),
                      key=lambda r: r["top"])
    tracks, bars = filled((0.89, 0.89, 0.89)), filled((0.122, 0.306, 0.475))
    assert len(tracks) == 3 and len(bars) == 3
    assert max(r["width"] for r in tracks) - min(r["width"] for r in tracks) < 0.5  # every part's full points
    full = tracks[0]["width"]
    assert [round(bar["width"] / full, 2) for bar in bars] == [1.0, 0.8, 0.5]


def test_a_table_of_header_rows_only_stays_where_it_fits(tmp_path, read):
    header = ((model.Cell("项目", "center", True, rowspan=2), model.Cell("金额", "center", True)),
              (model.Cell("本年", "center", True),))
    blocks = (*(model.Paragraph("本段一行。") for _ in range(31)), model.Table("空表", header, (), (10, 10)))
    publication = model.Publication("2023年度测试单位部门决算公开说明", "测试单位", 2023, "2024年8月",
                                    (model.Part("第一部分", blocks),))
    path = tmp_path / "empty.pdf"
    render_publication(publication, path)
    last = read(path)[-1]
    assert [line.text for line in last.lines][:1] == ["本段一行。"] and last.pieces  # the table under the text
