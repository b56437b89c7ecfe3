"""Excel import: what real files contain is read, what cannot be read is named by sheet and cell,
and a workbook with any problem imports nothing."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.money import Money
from desktop.io.jsonio import document_to_json
from desktop.io.xlsx import XlsxImportError, export_xlsx, read_xlsx
from desktop.io.xlsx import layout

SANGONG = "填报-财政拨款“三公”经费支出决算表"
INCOME = "填报-收入决算表"


@pytest.fixture()
def exported(seed1, tmp_path) -> Path:
    path = tmp_path / "seed1.xlsx"
    export_xlsx(seed1, path)
    return path


def edit(path: Path, change, name: str = "edited.xlsx") -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    target = path.with_name(name)
    book.save(target)
    return target


def row_of(sheet, identity: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == identity)


def column_of(sheet, label: str) -> int:
    return next(c for c in range(1, sheet.max_column + 1) if sheet.cell(layout.HEADER_ROW, c).value == label)


def set_cell(book, sheet_name: str, identity: str, label: str, value) -> str:
    sheet = book[sheet_name]
    cell = sheet.cell(row_of(sheet, identity), column_of(sheet, label))
    cell.value = value
    return cell.coordinate


def problems_of(path: Path) -> list[str]:
    with pytest.raises(XlsxImportError) as caught:
        read_xlsx(path)
    assert "Traceback" not in str(caught.value)
    return caught.value.problems


# -- tolerated ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("1,234.56", Money(123456)), ("１２３４．５６", Money(123456)), ("12.3万元", Money(12300000)),
    (" 88 ", Money(8800)), ("(1,000.00)", Money(-100000)), (1234.5, Money(123450)), (7, Money(700)),
])
def test_amounts_typed_as_text_or_numbers_are_read(exported, typed, expected):
    path = edit(exported, lambda b: set_cell(b, SANGONG, "abroad", "决算数", typed))
    assert read_xlsx(path).document.latest_year().section("sangong").value("abroad", "actual") == expected


def test_a_wan_yuan_unit_line_or_header_scales_the_sheet(exported):
    def change(book):
        sheet = book[SANGONG]
        for row in sheet.iter_rows(min_row=layout.UNIT_ROW, max_row=layout.UNIT_ROW):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(layout.MONEY_UNIT_PREFIX):
                    cell.value = "金额单位：万元"
        set_cell(book, SANGONG, "abroad", "决算数", 1.5)
        income = book[INCOME]
        income.cell(layout.HEADER_ROW, column_of(income, "财政拨款收入")).value = "财政拨款收入（万元）"
        income.cell(layout.FIRST_DATA_ROW, column_of(income, "财政拨款收入（万元）")).value = 2
    path = edit(exported, change)
    data = read_xlsx(path).document.latest_year()
    assert data.section("sangong").value("abroad", "actual") == Money(1_500_000)
    assert data.section("sangong").stored("total", "budget") == Money(44961 * 10_000 * 100)  # seed 1's typed 合计
    first = next(iter(data.section("functional_income").rows.values()))
    assert first["fiscal"] == Money(20_000 * 100)


def test_trailing_total_rows_blank_rows_and_copied_identities_are_handled(exported, seed1):
    def change(book):
        sheet = book[INCOME]
        last = sheet.max_row
        sheet.cell(last + 2, column_of(sheet, "科目名称")).value = "合计"
        sheet.cell(last + 2, column_of(sheet, "本年收入合计")).value = 999
        copied = last + 3  # a row copied with its hidden identity becomes a new row
        sheet.cell(copied, 1).value = sheet.cell(layout.FIRST_DATA_ROW, 1).value
        sheet.cell(copied, column_of(sheet, "科目编码")).value = 2010101
        sheet.cell(copied, column_of(sheet, "科目名称")).value = "行政运行"
        sheet.cell(copied, column_of(sheet, "本年收入合计")).value = "100"
    result = read_xlsx(edit(exported, change))
    rows = list(result.document.latest_year().section("functional_income").rows.values())
    before = list(seed1.latest_year().section("functional_income").rows.values())
    assert rows[:-1] == before
    assert rows[-1] == {"code": "2010101", "name": "行政运行", "total": Money(10000)}
    assert any("合计行" in w for w in result.warnings)


def test_hidden_sheets_are_still_read(exported):
    def change(book):
        set_cell(book, SANGONG, "abroad", "决算数", 5)
        book[SANGONG].sheet_state = "hidden"
    assert read_xlsx(edit(exported, change)).document.latest_year().section("sangong").value("abroad", "actual") \
        == Money(500)


def test_formulas_use_their_cached_value_and_warn_without_one(exported, tmp_path):
    def change(book):
        set_cell(book, SANGONG, "abroad", "决算数", "=1+2")
    path = edit(exported, change)  # openpyxl saves formulas without a cached value
    result = read_xlsx(path)
    assert result.document.latest_year().section("sangong").value("abroad", "actual") is None
    assert any("没有保存计算结果" in w and "=1+2" in w for w in result.warnings)
    cached = _with_cached_value(path, SANGONG, "=1+2", "3")
    result = read_xlsx(cached)
    assert result.document.latest_year().section("sangong").value("abroad", "actual") == Money(300)
    assert any("按其计算结果导入" in w for w in result.warnings)


def _with_cached_value(path: Path, sheet_name: str, formula: str, value: str) -> Path:
    """What Excel writes: the formula and its last computed value (<f>…</f><v>…</v>)."""
    import re
    import zipfile
    target = path.with_name("cached.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                text = re.sub(r"<f>1\+2</f><v\s*/>|<f>1\+2</f><v></v>|<f>1\+2</f>", f"<f>1+2</f><v>{value}</v>", text)
                data = text.encode("utf-8")
            out.writestr(item, data)
    return target


def test_merged_title_cells_moved_and_inserted_column_do_not_matter(exported, seed1):
    def change(book):
        sheet = book[INCOME]
        for merged in list(sheet.merged_cells.ranges):
            sheet.unmerge_cells(str(merged))
        sheet.merge_cells("A1:D2")
        sheet.insert_cols(4)  # a column of the clerk's own notes
        sheet.cell(layout.HEADER_ROW, 4).value = "备注"
    result = read_xlsx(edit(exported, change))
    assert document_to_json(result.document) == document_to_json(seed1)


def test_grid_rows_are_found_by_label_when_the_identity_column_is_gone(exported):
    def change(book):
        sheet = book[SANGONG]
        sheet.delete_cols(1)
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "因公出国（境）费")
        sheet.cell(row, 3).value = 42
    data = read_xlsx(edit(exported, change)).document.latest_year()
    assert data.section("sangong").value("abroad", "actual") == Money(4200)


# -- refused, naming sheet and cell ---------------------------------------------------------------
def test_text_in_a_money_cell_names_the_sheet_and_cell(exported):
    where = {}
    path = edit(exported, lambda b: where.setdefault("cell", set_cell(b, SANGONG, "abroad", "决算数", "12a")))
    problems = problems_of(path)
    assert problems == [f"{SANGONG}!{where['cell']}：决算数：'12a' 不是金额：可填写如 1,234.56、12.3万元、(1,234.00) 或 -1234"]


def test_every_problem_is_listed(exported):
    def change(book):
        set_cell(book, SANGONG, "abroad", "决算数", "12a")
        set_cell(book, "填报-部门基本情况", "admin_quota", "内容", "十五")
        set_cell(book, "填报-部门基本情况", "retired_total", "内容", -3)
        set_cell(book, "填报-部门基本情况", "admin_actual", "内容", 2.5)
    problems = problems_of(edit(exported, change))
    assert len(problems) == 4
    assert any(p.startswith("填报-部门基本情况!C") and "十五" in p for p in problems)
    assert any("负数" in p for p in problems) and any("不是整数" in p for p in problems)


def test_a_missing_sheet_is_named(exported):
    path = edit(exported, lambda b: b.remove(b[SANGONG]))
    label = SANGONG.removeprefix(layout.DATA_SHEET_PREFIX)
    assert problems_of(path) == [f"缺少工作表“{SANGONG}”（{label}）；请使用 FiscalDesk 导出的工作簿或模板，不要删除或改名工作表"]


def test_a_missing_column_is_named(exported):
    def change(book):
        sheet = book[INCOME]
        sheet.cell(layout.HEADER_ROW, column_of(sheet, "事业收入")).value = "事业"
    assert problems_of(edit(exported, change)) == [f"{INCOME}!A3：缺少列“事业收入”（列名须与导出的一致）"]


def test_an_extra_row_in_a_fixed_grid_is_refused(exported):
    def change(book):
        sheet = book[SANGONG]
        sheet.cell(sheet.max_row + 1, 2).value = "会议费"
        sheet.cell(sheet.max_row, 4).value = 100
    problems = problems_of(edit(exported, change))
    assert len(problems) == 1 and "“会议费”不是财政拨款“三公”经费支出决算表中的一项" in problems[0]


def test_a_bad_code_and_an_unknown_project_are_refused(exported):
    def change(book):
        sheet = book[INCOME]
        sheet.cell(layout.FIRST_DATA_ROW, column_of(sheet, "科目编码")).value = "20101a"
        funds = book["填报-项目资金"]
        funds.cell(layout.FIRST_DATA_ROW, column_of(funds, "项目")).value = "不存在的项目"
    problems = problems_of(edit(exported, change))
    assert any(p.startswith(f"{INCOME}!") and "科目编码" in p for p in problems)
    assert any(p.startswith("填报-项目资金!") and "没有这个项目" in p for p in problems)


def test_not_a_fiscaldesk_workbook(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "我的表格"
    book.save(tmp_path / "other.xlsx")
    assert "这不是 FiscalDesk 工作簿" in problems_of(tmp_path / "other.xlsx")[0]
    marker = edit(tmp_path / "other.xlsx", lambda b: setattr(b.active, "title", layout.INFO_SHEET), "marker.xlsx")
    assert "格式标记" in problems_of(marker)[0]


@pytest.mark.parametrize("content, fragment", [
    (b"hello, this is a text file\n", "不是 Excel 工作簿"),
    (b"", "不是 Excel 工作簿"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64, "设有打开密码"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\0" * 64, "旧版 Excel 97-2003"),
    (b"PK\x03\x04" + b"\0" * 100, "已损坏"),
])
def test_files_that_are_not_workbooks_get_a_clear_message(tmp_path, content, fragment):
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    problems = problems_of(path)
    assert len(problems) == 1 and fragment in problems[0] and "file.xlsx" in problems[0]


def test_a_truncated_workbook_is_reported_as_damaged(exported):
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) // 2])
    assert "已损坏" in problems_of(exported)[0]


def test_a_changed_year_or_profile_is_checked(exported):
    def change(book):
        sheet = book[layout.INFO_SHEET]
        row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == layout.INFO_YEAR)
        sheet.cell(row, 2).value = 1999
    assert "年度应为" in problems_of(edit(exported, change))[0]

    def profile(book):
        sheet = book[layout.INFO_SHEET]
        row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == layout.INFO_PROFILE)
        sheet.cell(row, 2).value = "shanghai"
    assert "未知的方案" in problems_of(edit(exported, profile))[0]


def test_a_decimal_comes_back_with_the_places_of_its_format(exported):
    def change(book):
        sheet = book["填报-部门整体绩效目标及完成情况"]
        cell = sheet.cell(layout.FIRST_DATA_ROW, column_of(sheet, "指标权重"))
        cell.value = 12.5
        cell.number_format = "0.000"
    data = read_xlsx(edit(exported, change)).document.latest_year()
    first = next(iter(data.section("dept_indicators").rows.values()))
    assert str(first["weight"]) == "12.500" and first["weight"] == Decimal("12.5")


def set_info(path: Path, label: str, value) -> Path:
    def change(book):
        sheet = book[layout.INFO_SHEET]
        row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == label)
        sheet.cell(row, 2).value = value
    return edit(path, change)


@pytest.mark.parametrize("typed", ["2023²", "２０２³", "①⓪②③", "2023.0"])
def test_a_year_in_other_digits_is_refused_in_chinese(exported, typed):
    """Issue 19: "2023²" passed str.isdigit() and then int() raised "invalid literal for int()"."""
    problems = problems_of(set_info(exported, layout.INFO_YEAR, typed))
    assert problems == [f"{layout.INFO_SHEET}!B6：年度应为 2000–2100 之间的整数"]


@pytest.mark.parametrize("typed", ["2023", " 2023 ", "２０２３"])
def test_a_year_typed_as_text_in_ascii_or_full_width_digits_is_read(exported, typed):
    assert read_xlsx(set_info(exported, layout.INFO_YEAR, typed)).year == 2023


def test_a_version_in_other_digits_is_refused_in_chinese(exported):
    problems = problems_of(set_info(exported, layout.INFO_VERSION, "1¹"))
    assert len(problems) == 1 and "不支持的工作簿版本 '1¹'" in problems[0]


@pytest.mark.parametrize("places", [24, 30])
def test_a_decimal_formatted_with_many_places_is_read_not_a_traceback(exported, places):
    """Issue 19: a format of 24 or more places made the padding raise decimal.InvalidOperation."""
    def change(book):
        sheet = book["填报-部门整体绩效目标及完成情况"]
        cell = sheet.cell(layout.FIRST_DATA_ROW, column_of(sheet, "指标权重"))
        cell.value = 12345.5
        cell.number_format = "0." + "0" * places
    data = read_xlsx(edit(exported, change)).document.latest_year()
    weight = next(iter(data.section("dept_indicators").rows.values()))["weight"]
    assert weight == Decimal("12345.5") and str(weight) == "12345.500000"  # padded to the 6 places a number holds


def test_a_decimal_stored_with_too_many_places_is_refused_naming_the_cell(exported):
    def change(book):
        sheet = book["填报-部门整体绩效目标及完成情况"]
        cell = sheet.cell(layout.FIRST_DATA_ROW, column_of(sheet, "指标权重"))
        cell.value = 0.1234567891234567
        cell.number_format = "0." + "0" * 28
        return cell.coordinate
    [problem] = problems_of(edit(exported, change))
    assert problem.startswith("填报-部门整体绩效目标及完成情况!") and "最多 6 位小数" in problem
