"""The 科目表 file as the 财政 office distributes it: .xlsx, or CSV in UTF-8 (BOM or not) or GBK."""

from __future__ import annotations

import openpyxl
import pytest
from hypothesis import example, given, settings, strategies as st

from desktop.io.code_files import CodeFileError, csv_rows, decode_csv, read_code_file

ROWS = [["2023年政府收支分类科目", ""], ["科目编码", "科目名称"], ["201", "一般公共服务支出"], ["", ""],
        ["20101", "　　人大事务"], ["2010101", "　　　　行政运行"], ["301", "工资福利支出"], ["30101", "  基本工资"]]
EXPECTED = {"functional": {"201": "一般公共服务支出", "20101": "人大事务", "2010101": "行政运行"},
            "economic": {"301": "工资福利支出", "30101": "基本工资"}}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
@pytest.mark.parametrize("separator", [",", "\t"])
def test_csv_in_every_usual_encoding(tmp_path, encoding, separator):
    path = tmp_path / "科目.csv"
    path.write_bytes("\r\n".join(separator.join(row) for row in ROWS).encode(encoding))
    result = read_code_file(path)
    assert result.entries == EXPECTED and result.problems == []


def test_xlsx_with_number_codes_and_two_sheets(tmp_path):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "功能分类"
    for row in (["科目代码", "科目名称"], [201, "一般公共服务支出"], [20101, "  人大事务"], [2010101, "　行政运行"],
                ["x", "不是编码"]):
        first.append(row)
    second = workbook.create_sheet("经济分类")
    for row in (["编码", "名称"], [301, "工资福利支出"], [30101, "基本工资"]):
        second.append(row)
    path = tmp_path / "科目.xlsx"
    workbook.save(path)
    result = read_code_file(path)
    assert result.entries == EXPECTED
    assert [p.describe() for p in result.problems] == ["工作表“功能分类”第 5 行：科目编码“x”不是数字编码"]


@pytest.mark.parametrize("name, content, fragment", [
    ("旧.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
    ("表.pdf", b"%PDF", "只能导入 Excel 工作簿（.xlsx）或 CSV 文件"),
    ("坏.xlsx", b"not a zip", "已损坏或不是 Excel 工作簿"),
])
def test_files_that_are_not_tables_are_refused_with_a_message(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CodeFileError, match=fragment):
        read_code_file(path)


TEXT = st.text(alphabet=st.sampled_from(list("一般公共服务支出人大事务科目编码名称0123456789 　,\"\t;")), max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(TEXT, min_size=2, max_size=2), min_size=1, max_size=8),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
@example(rows=[["", "支"]], encoding="gb18030")  # GBK "支" is also valid UTF-8 (U+05A7)
def test_csv_text_survives_any_of_the_encodings(rows, encoding):
    import csv
    import io
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    assert decode_csv(text.encode(encoding)) == text
    if not any("\t" in c or ";" in c for row in rows for c in row):
        assert csv_rows(text) == rows
