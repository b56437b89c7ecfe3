"""The official-table import on four hand-made workbooks in different styles: every figure
imported exactly, every 合计 difference reported, nothing stored over a computed total; a
workbook FiscalDesk exported, read back into an empty year, prints the same tables."""

from __future__ import annotations

import pytest

import official_workbooks as wb
from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.schema import FORM_ROW
from desktop.editing.replace import plan_import
from desktop.io.official import OfficialImportError, read_official
from desktop.io.samples import load_example
from desktop.publication.tables import part_one_tables


def blank(department: str = wb.DEPARTMENT, profile: str = "national") -> Document:
    return Document.new(department, wb.YEAR, profile)


def rows_of(data, section: str) -> dict[str, dict]:
    return {r["code"]: r for r in data.section(section).rows.values()}


def fen(value) -> int | None:
    return None if value is None else value.fen


def assert_expenditure(data, section: str, columns=("total", "basic", "project")) -> None:
    rows = rows_of(data, section)
    assert list(rows) == [code for code, *_ in wb.EXPENDITURE]
    for code, name, *amounts in wb.EXPENDITURE:
        assert rows[code]["name"] == name
        assert [fen(rows[code].get(c)) for c in columns] == list(amounts)[:len(columns)], code


def test_client_style_one_table_per_sheet_with_table_codes(tmp_path):
    document = blank()
    result = read_official(wb.client_style(tmp_path / "client.xlsx"), document, wb.YEAR)
    data = result.document.year(wb.YEAR)
    grid = data.section("income_expenditure")
    assert fen(grid.value("income_gp", "current")) == wb.TOTAL
    assert [fen(grid.value(r, "current")) for r in ("income_fund", "income_soe", "income_other")] == [0, 0, 0]
    assert fen(grid.value("opening_balance", "current")) == wb.OPENING
    assert fen(grid.value("closing_balance", "current")) == wb.CLOSING
    assert "income_total" not in grid.rows["income_total"]  # a typed total is checked, never stored
    # 基本/项目支出 are not in the national 总表: filled from the 支出决算表's 合计
    assert fen(grid.value("expenditure_basic", "current")) == wb.BASIC
    assert fen(grid.value("expenditure_project", "current")) == wb.PROJECT
    # 类/款/项 columns; the hidden row is a row of the table; the hidden helper column is not read
    assert_expenditure(data, "functional_expenditure")
    income = rows_of(data, "functional_income")
    assert fen(income["2010350"]["total"]) == 20000000 and fen(income["2010350"]["fiscal"]) == 20000000
    assert any("内部编号" in s and "Sheet2!L" in s for s in result.skipped)
    sangong = data.section("sangong")
    assert fen(sangong.value("vehicle_operation", "actual")) == 2345678
    assert fen(sangong.value("reception", "budget")) == 500000
    assert fen(sangong.value("abroad", "actual")) == 0
    # the one wrong 总计 (one 分 off), named by cell, with both figures
    assert result.differences == [
        "Sheet1!C18：收入支出决算总表·总计写为 633,456.79元，按各项计算为 633,456.78元，相差 0.01元（合计不导入，以计算数为准）"]
    assert any("财政拨款收入支出决算总表" in w and "保持不变" in w for w in result.warnings)


def test_bureau_style_wan_text_amounts_and_an_empty_table(tmp_path):
    document = blank(profile="beijing-district")
    result = read_official(wb.bureau_style(tmp_path / "bureau.xlsx"), document, wb.YEAR)
    data = result.document.year(wb.YEAR)
    assert_expenditure(data, "functional_expenditure")
    assert_expenditure(data, "gp_functional")
    income = rows_of(data, "functional_income")
    assert [fen(income[c]["fiscal"]) for c, *_ in wb.EXPENDITURE] == [t for _, _, t, _, _ in wb.EXPENDITURE]
    assert income["2010301"]["name"] == "行政运行"  # the indent is no part of the name
    assert data.section("gov_fund").rows == {}
    sangong = data.section("sangong")
    assert fen(sangong.value("vehicle_operation", "actual")) == 2345678
    assert fen(sangong.value("vehicle_purchase", "budget")) == 0  # "-" is zero, not blank
    procurement = data.section("procurement")
    assert {k: fen(procurement.value(FORM_ROW, k)) for k in wb.PROCUREMENT} == wb.PROCUREMENT
    services = data.section("purchased_services").rows.values()
    assert [(r["item"], fen(r["amount"])) for r in services] == wb.SERVICES
    assert fen(data.section("purchased_services_summary").value(FORM_ROW, "total")) == 10000000
    assert result.differences == [
        "表二!C11：收入决算表·合计·本年收入合计写为 623,457.78元，按各项计算为 623,456.78元，相差 1.00元"
        "（合计不导入，以计算数为准）"]
    assert any("万元" in w and "已换算为元" in w for w in result.warnings)


def test_stacked_tables_on_one_sheet_with_formula_totals(tmp_path):
    result = read_official(wb.stacked_style(tmp_path / "stacked.xlsx"), blank(), wb.YEAR)
    data = result.document.year(wb.YEAR)
    assert len(result.tables) == 5
    assert_expenditure(data, "functional_expenditure")
    assert_expenditure(data, "gp_functional")
    economic = rows_of(data, "gp_basic_economic")
    assert [(c, economic[c]["name"], fen(economic[c]["actual"])) for c in economic] == wb.ECONOMIC
    summary = data.section("fiscal_summary")
    assert fen(summary.value("gp", "income")) == wb.TOTAL
    assert fen(summary.value("gp", "opening_balance")) == wb.OPENING
    assert fen(summary.value("gp", "closing_balance")) == wb.CLOSING
    assert result.differences == []  # the formulas' cached totals agree
    assert any("公式单元格按其计算结果读取" in w for w in result.warnings)


def test_other_department_with_fund_and_abroad(tmp_path):
    document = blank(wb.OTHER_DEPARTMENT, "beijing-district")
    result = read_official(wb.other_department(tmp_path / "other.xlsx"), document, wb.YEAR)
    data = result.document.year(wb.YEAR)
    grid = data.section("income_expenditure")
    assert fen(grid.value("income_fund", "current")) == 8000000
    assert fen(grid.value("expenditure_basic", "current")) == 20000000
    assert fen(grid.value("expenditure_project", "current")) == 18000000
    assert fen(grid.value("use_nonfiscal_balance", "current")) == 0
    fund = rows_of(data, "gov_fund")
    assert list(fund) == [c for c, _, _ in wb.FUND]
    assert [fen(fund[c]["income"]) for c in fund] == [8000000] * 3
    assert fen(fund["2070701"]["opening_balance"]) == 0 and fund["2070701"].get("basic") is None
    sangong = data.section("sangong")
    assert (fen(sangong.value("abroad", "budget")), fen(sangong.value("abroad", "actual"))) == wb.OTHER_ABROAD
    assert fen(sangong.value("reception", "actual")) == 200000
    assert result.differences == []
    assert not any("编制单位" in w for w in result.warnings)


def test_a_fiscaldesk_export_read_back_prints_the_same_tables(tmp_path):
    from desktop.io.xlsx import export_xlsx
    example = load_example()
    year = max(example.years)
    path = tmp_path / "example.xlsx"
    export_xlsx(example, path, year=year)
    assert plan_import(example, read_official(path, example, year).document, year).command is None
    empty = Document.new(example.department_name, year, example.year(year).profile)
    result = read_official(path, empty, year)
    assert result.differences == []

    def printed(document):
        return [(t.title, t.header, t.rows) for t in part_one_tables(document, document.year(year))]
    assert printed(result.document) == printed(example)


def test_the_import_is_one_undo_step(tmp_path):
    document = blank()
    result = read_official(wb.client_style(tmp_path / "client.xlsx"), document, wb.YEAR)
    plan = plan_import(document, result.document, wb.YEAR, text="导入官方报表")
    assert plan.command is not None and plan.count("added") > 50
    plan.command.apply(document)
    assert document.year(wb.YEAR).section("functional_expenditure").rows
    plan.command.revert(document)
    assert document == blank()


def test_rows_keep_what_the_workbook_does_not_hold(tmp_path):
    document = blank()
    gp = document.year(wb.YEAR).section("gp_functional")
    kept = gp.add_row({"code": "2010301", "name": "行政运行", "budget": Money(1), "reason": "人员增加"})
    gp.add_row({"code": "2130101", "name": "行政运行", "total": Money(5)})
    result = read_official(wb.bureau_style(tmp_path / "bureau.xlsx"), document, wb.YEAR)
    rows = result.document.year(wb.YEAR).section("gp_functional").rows
    assert rows[kept]["reason"] == "人员增加" and rows[kept]["budget"] == Money(1)
    assert fen(rows[kept]["total"]) == 30000000
    assert not any(r["code"] == "2130101" for r in rows.values())  # not in the workbook: removed (shown in the preview)
    plan = plan_import(document, result.document, wb.YEAR)
    assert plan.count("removed", rows=True) == 1


def test_an_unknown_layout_names_what_was_found_and_what_is_missing(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "人员名单"
    book.active["A1"] = "姓名"
    book.create_sheet("Sheet2")
    path = tmp_path / "unknown.xlsx"
    book.save(path)
    document = blank()
    with pytest.raises(OfficialImportError) as raised:
        read_official(path, document, wb.YEAR)
    message = str(raised.value)
    assert "没有找到任何公开报表" in message and "“人员名单”（首个文字“姓名”）" in message and "“Sheet2”（空白）" in message
    assert "收入支出决算总表" in message and "支出决算表" in message
    assert document == blank()


def test_a_table_without_its_columns_refuses_the_whole_import(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "支出决算表"
    sheet["A2"] = "单位：元"
    sheet.append(["科目编码", "科目名称", "备注"])
    sheet.append(["201", "一般公共服务支出", "无"])
    sheet2 = book.create_sheet("三公")
    sheet2.append(["财政拨款“三公”经费支出决算表"])
    sheet2.append(["合计", "因公出国（境）费"])
    sheet2.append(["预算数", "决算数"])
    sheet2.append(["1,2,3", 5])
    path = tmp_path / "partial.xlsx"
    book.save(path)
    with pytest.raises(OfficialImportError) as raised:
        read_official(path, blank(), wb.YEAR)
    problems = raised.value.problems
    assert any("支出决算表" in p and "没有一列的表头是本表的金额列" in p for p in problems)


def test_an_unreadable_amount_names_its_cell_and_nothing_is_imported(tmp_path):
    from openpyxl import load_workbook
    path = wb.client_style(tmp_path / "client.xlsx")
    book = load_workbook(path)
    book["Sheet3"]["F8"] = "三十万"
    book.save(path)
    with pytest.raises(OfficialImportError) as raised:
        read_official(path, blank(), wb.YEAR)
    assert raised.value.problems == ["Sheet3!F8：“三十万”不是金额（支出决算表）"]


def test_a_workbook_of_another_year_is_refused(tmp_path):
    path = wb.bureau_style(tmp_path / "bureau.xlsx")
    document = Document.new(wb.DEPARTMENT, wb.YEAR + 1, "beijing-district")
    with pytest.raises(OfficialImportError) as raised:
        read_official(path, document, wb.YEAR + 1)
    assert "是2024年度的报表，当前导入的是2025年度" in str(raised.value)


def fiscaldesk(*args):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_the_command_line_makes_a_new_document_from_official_tables(tmp_path):
    from desktop.store.docfile import DocumentFile
    source = wb.bureau_style(tmp_path / "模板.xlsx")
    output = tmp_path / "新文档.fdesk"
    result = fiscaldesk("import", source, "--official", "-o", output)
    assert result.returncode == 0, result.stderr
    assert "注意：表二!C11：收入决算表·合计·本年收入合计写为 623,457.78元" in result.stderr
    file = DocumentFile.open(output)
    try:
        document = file.load()
    finally:
        file.close()
    assert document.department_name == wb.DEPARTMENT and list(document.years) == [wb.YEAR]
    assert_expenditure(document.year(wb.YEAR), "gp_functional")
    row = next(r for r, v in document.year(wb.YEAR).section("gp_functional").rows.items() if v["code"] == "201")
    assert document.sources[(wb.YEAR, "gp_functional", row, "total")].describe() == "官方报表工作簿 “模板.xlsx” 表五!C4"


def test_the_command_line_refuses_a_workbook_without_official_tables(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active["A1"] = "通讯录"
    book.save(tmp_path / "通讯录.xlsx")
    result = fiscaldesk("import", tmp_path / "通讯录.xlsx", "--official", "-o", tmp_path / "x.fdesk")
    assert result.returncode == 1 and "没有找到任何公开报表" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.fdesk").exists()


def test_a_blank_table_is_not_yet_filled_and_changes_nothing(tmp_path):
    """A table with no figure and no 空表 note says nothing: the document's figures stay."""
    from openpyxl import load_workbook
    path = wb.client_style(tmp_path / "client.xlsx")
    book = load_workbook(path)
    for row in book["Sheet7"].iter_rows(min_row=7):
        for cell in row:
            if cell.coordinate not in book["Sheet7"].merged_cells:
                cell.value = None
    book.save(path)
    document = blank()
    document.year(wb.YEAR).section("sangong").set_value("abroad", "actual", Money(500))
    result = read_official(path, document, wb.YEAR)
    assert result.document.year(wb.YEAR).section("sangong").value("abroad", "actual") == Money(500)
    assert result.unread == ["工作表“Sheet7”的“财政拨款“三公”经费支出决算表”"]
    assert any("中没有数字（未填写），这些表的数据保持不变" in w for w in result.warnings)


def test_a_table_declared_empty_leaves_its_table_without_rows(tmp_path):
    document = blank(profile="beijing-district")
    document.year(wb.YEAR).section("gov_fund").add_row({"code": "2070701", "income": Money(1)})
    result = read_official(wb.bureau_style(tmp_path / "bureau.xlsx"), document, wb.YEAR)
    assert result.document.year(wb.YEAR).section("gov_fund").rows == {}
    assert not result.unread
