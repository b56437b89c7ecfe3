"""Each typesetting check can fail: the adversarial publication (and a cover) laid out with one
rule switched off, as reportlab alone would set them, and the check then finds the fault on the
pages. If a check ever stops seeing its fault, the passing tests in test_typesetting.py would
prove nothing, and this module says so.
"""

from __future__ import annotations

import pytest
from reportlab.platypus import Table
from reportlab.platypus import paragraph as rl_paragraph

import adversarial
from checks import break_problems, cover_lines, header_problems, headings_at_the_foot, split_cells
from desktop.io.pdf import grid, keep, linebreak, render, tablelayout


def lay_out(tmp_path, read, publication=None):
    publication = publication or adversarial.adversarial()
    path = tmp_path / "canary.pdf"
    render.render_publication(publication, path)
    return publication, read(path)


def test_without_lead_ins_a_heading_ends_a_page(tmp_path, read, monkeypatch):
    def loose(self, width, height):  # each heading and caption goes where it fits, as reportlab places them
        return [*self.lead, self.follower] if self.lead[0].wrap(width, height)[1] <= height else []

    monkeypatch.setattr(keep.LeadIn, "split", loose)
    assert headings_at_the_foot(*lay_out(tmp_path, read, adversarial.sweep()))


def test_with_reportlabs_own_table_split_rows_are_split_and_headers_doubled(tmp_path, read, monkeypatch):
    def reportlab_split(self, width, height):
        self.splitInRow = 1
        return Table.split(self, width, height)

    monkeypatch.setattr(grid.GridTable, "split", reportlab_split)
    monkeypatch.setattr(grid.GridTable, "_getFirstPossibleSplitRowPosition", Table._getFirstPossibleSplitRowPosition)
    publication, pages = lay_out(tmp_path, read, adversarial.sweep())
    assert split_cells(publication, pages)
    assert header_problems(pages)


def test_with_one_row_kept_a_header_goes_with_one_row(tmp_path, read, monkeypatch):
    monkeypatch.setattr(grid, "KEEP_FIRST", 1)
    monkeypatch.setattr(grid, "KEEP_LAST", 1)
    _, pages = lay_out(tmp_path, read, adversarial.sweep())
    assert any("body rows" in problem for problem in header_problems(pages))


def test_with_reportlabs_line_breaking_numbers_lose_their_units(tmp_path, read, monkeypatch):
    monkeypatch.setattr(rl_paragraph, "cjkFragSplit", linebreak._ORIGINAL_SPLIT)
    monkeypatch.setattr(rl_paragraph, "wordSplit", linebreak._ORIGINAL_WORD_SPLIT)
    monkeypatch.setattr(linebreak._textsplit, "wordSplit", linebreak._ORIGINAL_WORD_SPLIT)
    _, pages = lay_out(tmp_path, read)
    problems = break_problems(pages)
    assert any(one[-1].isdigit() and other[:1] in "元%年万" for one, other in problems), problems[:10]


def test_without_word_aware_labels_a_header_is_broken_inside_a_word(tmp_path, read, monkeypatch):
    monkeypatch.setattr(tablelayout, "is_label", lambda cell, header: False)
    _, pages = lay_out(tmp_path, read)
    assert any(one[-1] + other[0] in ("性质", "编码", "单位") for one, other in break_problems(pages))


def test_without_title_breaking_the_cover_breaks_inside_the_name(tmp_path, read, monkeypatch):
    monkeypatch.setattr(render, "fit_title", lambda title, department, width, measure, size, smallest: (size, [title]))
    publication, pages = lay_out(tmp_path, read, adversarial.titled(adversarial.DEPARTMENT))
    lines = [line.text for line in cover_lines(pages)]
    assert lines != ["2023年度中关村科技园区门头沟园管理委员会", "部门决算公开说明"]
    assert any(line.endswith("管理委员") for line in lines), lines


@pytest.mark.parametrize("rule", ["KEEP_FIRST", "KEEP_LAST"])
def test_the_kept_rows_are_two(rule):
    assert getattr(grid, rule) == 2
