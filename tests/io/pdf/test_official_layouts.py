"""The rendered PDF's 表1, 表4, 表6 and 三公 headers read as the 样表 (the 2024 财政部 template in
shared/references): read back with pdfplumber from the national set of the synthetic document."""

from __future__ import annotations

import pdfplumber
import pytest

from desktop.io.pdf import export_pdf
from desktop.synthetic import build_document

EXPECTED = {
    "收入支出决算总表": [["收入", None, "支出", None], ["项目", "决算数", "项目", "决算数"]],
    "财政拨款收入支出决算总表": [
        ["收入", None, "支出", None, None, None, None],
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]],
    "一般公共预算财政拨款基本支出决算表": [["经济分类科目编码", "科目名称", "决算数"] * 2],
    "财政拨款“三公”经费支出决算表": [
        ["财政拨款“三公”经费", *[None] * 11],
        ["合计", None, "因公出国（境）费", None, "公务用车购置及运行维护费", *[None] * 5, "公务接待费", None],
        [None, None, None, None, "小计", None, "公务用车购置费", None, "公务用车运行维护费", None, None, None],
        ["预算数", "决算数"] * 6],
}


@pytest.fixture(scope="module")
def first_tables(tmp_path_factory) -> dict[str, list[list]]:
    """The first table on the page each 第一部分 title opens, its cells' line breaks removed."""
    document = build_document(projects=1)
    document.latest_year().profile = "national"
    path = tmp_path_factory.mktemp("national") / "national.pdf"
    export_pdf(document, path, draft=True)
    found: dict[str, list[list]] = {}
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages[:16]:
            lines = (page.extract_text() or "").splitlines()
            title = next((line for line in lines[:5] if line in EXPECTED), None)
            tables = page.extract_tables()
            if title and tables and title not in found:
                found[title] = [[None if c is None else c.replace("\n", "") for c in row] for row in tables[0]]
    return found


@pytest.mark.parametrize("title", list(EXPECTED))
def test_the_header_cells_are_the_templates(first_tables, title):
    header = EXPECTED[title]
    assert first_tables[title][:len(header)] == header


def test_table_six_ends_with_the_two_totals(first_tables):
    last = [c for c in first_tables["一般公共预算财政拨款基本支出决算表"][-1] if c]
    assert last[0] == "人员经费合计" and last[2] == "公用经费合计"


def test_table_one_lists_the_classes_on_the_spending_side(first_tables):
    spending = [row[2] for row in first_tables["收入支出决算总表"][2:] if row[2]]
    assert spending[:3] == ["一、一般公共服务支出", "二、外交支出", "三、国防支出"]
    assert spending[-4:] == ["本年支出合计", "结余分配", "年末结转和结余", "总计"]
