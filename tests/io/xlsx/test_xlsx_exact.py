"""Nothing leaves for Excel changed (issue 19): every amount a cell may hold comes back to the 分, and
a figure Excel's binary numbers would change, or a text XML cannot carry, refuses the export with a
message naming the sheet and cell; no file is written."""

import re
import subprocess
import sys
from decimal import Decimal

import pytest

from desktop.domain.document import Document
from desktop.domain.money import MAX_ABS_FEN, Money
from desktop.io.samples import load_sample
from desktop.io.xlsx import ExcelExportRefused, export_xlsx, layout, read_xlsx
from desktop.io.xlsx.exact import read_back
from desktop.synthetic import build_document

BEYOND = 2**53 + 1  # 分: 90,071,992,547,409.93 元, which comes back from a workbook as …409.94


def test_what_a_cell_may_hold_survives_and_what_it_may_not_would_change():
    assert read_back(Money(BEYOND).yuan) == Decimal("90071992547409.94")
    for fen in [*range(MAX_ABS_FEN - 3000, MAX_ABS_FEN + 1), *range(-MAX_ABS_FEN, -MAX_ABS_FEN + 3000),
                999_999_999_999_99, 1, -1, 0, 123_456_789_012_345]:
        assert read_back(Money(fen).yuan) == Money(fen).yuan, fen


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_largest_amounts_a_cell_holds_round_trip_to_the_fen(tmp_path):
    document = Document.new("测试部门", 2023)
    staff = document.year(2023).section("purchased_services")
    amounts = [MAX_ABS_FEN, -MAX_ABS_FEN, MAX_ABS_FEN - 1, 999_999_999_999_97, 2**49 + 1]
    for fen in amounts:
        staff.add_row({"item": f"服务{fen}", "amount": Money(fen)})
    export_xlsx(document, tmp_path / "a.xlsx")
    back = read_xlsx(tmp_path / "a.xlsx").document.year(2023).section("purchased_services")
    assert [row["amount"].fen for row in back.rows.values()] == amounts


def test_an_amount_beyond_excel_in_an_old_document_refuses_the_export(tmp_path):
    """A document saved before the limit was 10^13 元 may hold 2^53 + 1 分 in a cell."""
    document = Document.new("测试部门", 2023)
    services = document.year(2023).section("purchased_services")
    row = services.add_row({"item": "大额服务"})
    services.rows[row]["amount"] = Money(BEYOND)  # as the file holds it, past today's check
    with pytest.raises(ExcelExportRefused) as caught:
        export_xlsx(document, tmp_path / "a.xlsx")
    message = str(caught.value)
    assert re.search(r"工作表“[^”]+”[A-Z]+[0-9]+ 的数值 90,071,992,547,409\.93 ", message), message
    assert "写入后会变成 90,071,992,547,409.94" in message
    assert leftovers(tmp_path) == []


def test_a_computed_total_beyond_excel_refuses_the_export(tmp_path):
    """Every row within the limit, their 合计 on the official tables (表1, 表3 …) not: 2^53 + 1 分."""
    document = build_document()
    table = document.latest_year().section("functional_expenditure")
    table.rows.clear()
    for fen in [MAX_ABS_FEN] * 9 + [BEYOND - 9 * MAX_ABS_FEN]:
        table.add_row({"code": "201", "name": "一般公共服务支出", "total": Money(fen), "basic": Money(fen)})
    with pytest.raises(ExcelExportRefused) as caught:
        export_xlsx(document, tmp_path / "a.xlsx")
    message = str(caught.value)
    assert re.search(r"工作表“表[0-9]+ [^”]+”[A-Z]+[0-9]+ 的数值 90,071,992,547,409\.93 ", message), message
    assert leftovers(tmp_path) == []


def test_a_control_character_in_an_old_explanation_refuses_the_export_naming_it(tmp_path):
    """Control characters typed into explanations before they were refused at entry used to make
    every later Excel export fail with openpyxl's message."""
    document = load_sample(1)
    data = document.latest_year()
    data.explanations[("W-01", "sangong:abroad")] = "因公出国\x07（境）费用减少"
    with pytest.raises(ExcelExportRefused) as caught:
        export_xlsx(document, tmp_path / "a.xlsx")
    message = str(caught.value)
    assert f"工作表“{layout.EXPLANATIONS_SHEET}”D" in message  # the 说明 column
    assert "W-01 的说明，位置 sangong:abroad" in message and "第 5 个字符（U+0007）是控制字符" in message
    assert leftovers(tmp_path) == []


def test_the_command_line_says_why_and_writes_nothing(tmp_path):
    from desktop.store.docfile import DocumentFile
    document = load_sample(1)
    document.latest_year().explanations[("W-01", "sangong:abroad")] = "说明\x1b"
    DocumentFile.create(tmp_path / "a.fdesk", document).close()
    result = subprocess.run([sys.executable, "-m", "desktop", "export", str(tmp_path / "a.fdesk"), "--format", "xlsx",
                             "-o", str(tmp_path / "a.xlsx")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "U+001B" in result.stderr and "W-01" in result.stderr
    assert not (tmp_path / "a.xlsx").exists()
