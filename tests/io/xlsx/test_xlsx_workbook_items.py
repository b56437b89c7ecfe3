"""The workbook items of issue 20: the 审核说明 sheet answered in Excel and imported as
explanations, drop-downs from the schema, 绩效 sheets in the window's unit, page numbers in the
print footer and 填报 sheet names that cannot be taken for the official tables."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.editing.replace import plan_import
from desktop.editing.session import EditSession
from desktop.io.jsonio import document_to_json
from desktop.io.samples import load_sample
from desktop.io.xlsx import export_template, export_xlsx, read_xlsx, unmatched_explanations
from desktop.io.xlsx import layout
from desktop.io.xlsx.styles import PAGE_FOOTER, PENDING_FILL
from desktop.rules.engine import check_document

ANSWERS = ("因园区服务保障事务中心为公益一类事业单位，其公用经费已单列。", "科目名称按本单位账套填列，已与财政部门核对。")


@pytest.fixture()
def seed1():
    return load_sample(1)


@pytest.fixture()
def exported(seed1, tmp_path) -> Path:
    path = tmp_path / "seed1.xlsx"
    export_xlsx(seed1, path)
    return path


def pending(document, year):
    return [f for f in check_document(document, year) if f.needs_explanation]


def listed_rows(sheet):
    """(规则, 位置, 提示内容, 说明) of each data row."""
    return [tuple(sheet.cell(row, column).value for column in range(1, 5))
            for row in range(layout.FIRST_DATA_ROW, sheet.max_row + 1) if sheet.cell(row, 1).value]


def answer(path: Path, answers: dict[int, str], name="answered.xlsx", extra=()) -> Path:
    """The workbook as a clerk leaves it after typing into the 说明 column (D) of some rows."""
    book = openpyxl.load_workbook(path)
    sheet = book[layout.EXPLANATIONS_SHEET]
    assert [c.value for c in sheet[layout.HEADER_ROW]] == list(layout.EXPLANATION_HEADERS)
    for row, text in answers.items():
        sheet.cell(row, 4, text)
    for values in extra:
        sheet.append(values)
    target = path.with_name(name)
    book.save(target)
    return target


# -- 审核说明 --------------------------------------------------------------------------------
def test_the_explanations_sheet_lists_every_warning_with_its_message_and_explanation(seed1, tmp_path):
    year = seed1.latest_year()
    warnings = [f for f in check_document(seed1, year.year) if f.severity == "warning"]
    first = warnings[0]
    year.explanations[first.identity] = "已说明的提示"
    export_xlsx(seed1, tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")[layout.EXPLANATIONS_SHEET]
    rows = listed_rows(sheet)
    assert len(warnings) > 50 and len(rows) == len(warnings)
    assert rows == [(f.rule, f.location.key, f.message, "已说明的提示" if f is first else None) for f in warnings]
    assert "待说明 %d 条" % (len(warnings) - 1) in sheet["A1"].value
    assert sheet.cell(layout.FIRST_DATA_ROW, 4).fill != PENDING_FILL  # answered
    assert sheet.cell(layout.FIRST_DATA_ROW + 1, 4).fill == PENDING_FILL  # still to answer
    assert not any(f.severity == "error" and (f.rule, f.location.key) in {r[:2] for r in rows}
                   for f in check_document(seed1, year.year))


def test_a_template_lists_no_warnings(tmp_path):
    export_template(tmp_path / "t.xlsx", 2023)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")[layout.EXPLANATIONS_SHEET]
    assert listed_rows(sheet) == [] and read_xlsx(tmp_path / "t.xlsx").document.latest_year().explanations == {}


def test_explanations_answered_in_excel_are_set_and_the_warnings_count_as_explained(seed1, exported):
    """The acceptance of issue 20: export, answer two rows in Excel, import as the window does."""
    year = seed1.latest_year().year
    before = pending(seed1, year)
    rows = listed_rows(openpyxl.load_workbook(exported)[layout.EXPLANATIONS_SHEET])
    chosen = {layout.FIRST_DATA_ROW: ANSWERS[0], layout.FIRST_DATA_ROW + 2: ANSWERS[1]}
    keys = [rows[row - layout.FIRST_DATA_ROW][:2] for row in chosen]
    result = read_xlsx(answer(exported, chosen))
    assert result.document.latest_year().explanations == dict(zip(keys, ANSWERS))
    assert result.explanation_cells == {keys[0]: f"{layout.EXPLANATIONS_SHEET}!D{layout.FIRST_DATA_ROW}",
                                        keys[1]: f"{layout.EXPLANATIONS_SHEET}!D{layout.FIRST_DATA_ROW + 2}"}
    plan = plan_import(seed1, result.document, year)
    assert unmatched_explanations(seed1, year, plan, result.explanation_cells) == []
    assert [c.section for c in plan.changes] == ["explanations", "explanations"]  # nothing else changes
    session = EditSession(seed1, None, year)  # what the window's workspace runs the command through
    outcome = session.do(plan.command)
    assert outcome.pruned == {}
    assert {k: seed1.year(year).explanations[k] for k in keys} == dict(zip(keys, ANSWERS))
    after = [f for f in session.findings if f.needs_explanation]
    assert len(after) == len(before) - 2
    explained = {f.identity: f.explanation for f in session.findings if f.identity in keys}
    assert explained == dict(zip(keys, ANSWERS))


def test_unanswered_rows_import_as_nothing(exported):
    assert read_xlsx(exported).document.latest_year().explanations == {}
    blank = answer(exported, {layout.FIRST_DATA_ROW: "   "})
    assert read_xlsx(blank).document.latest_year().explanations == {}


def test_an_explanation_for_a_warning_that_is_gone_is_named_in_the_preview_notes(seed1, exported):
    year = seed1.latest_year().year
    path = answer(exported, {layout.FIRST_DATA_ROW: ANSWERS[0]}, extra=[("N-11", "projects/r99/name", "", "过时的说明")])
    result = read_xlsx(path)
    assert result.document.latest_year().explanations[("N-11", "projects/r99/name")] == "过时的说明"
    plan = plan_import(seed1, result.document, year)
    original = document_to_json(seed1)
    notes = unmatched_explanations(seed1, year, plan, result.explanation_cells)
    last = openpyxl.load_workbook(path)[layout.EXPLANATIONS_SHEET].max_row
    assert notes == [f"{layout.EXPLANATIONS_SHEET}!D{last}：N-11（位置 projects/r99/name）的说明未导入："
                     f"导入后的数据中没有这条提示性审核提示（可能已更正，或所在的行已删除）"]
    assert notes[0] in plan.notes and document_to_json(seed1) == original  # looked at a copy
    assert [(c.column, c.row) for c in plan.changes] == [("N-09", "admin_operating_cost//current")]
    assert ("N-11", "projects/r99/name") not in plan.command.explanations


def test_only_a_stale_explanation_leaves_no_command(seed1, exported):
    year = seed1.latest_year().year
    result = read_xlsx(answer(exported, {}, extra=[("N-11", "projects/r99/name", "", "过时的说明")]))
    plan = plan_import(seed1, result.document, year)
    assert len(unmatched_explanations(seed1, year, plan, result.explanation_cells)) == 1
    assert plan.command is None and plan.changes == []


def test_the_older_three_column_sheet_still_imports(exported):
    book = openpyxl.load_workbook(exported)
    sheet = book[layout.EXPLANATIONS_SHEET]
    sheet.delete_cols(3)  # 规则, 位置, 说明: what workbooks of the first version hold
    sheet.cell(layout.FIRST_DATA_ROW, 3, ANSWERS[0])
    book.save(exported)
    rule, location = sheet.cell(layout.FIRST_DATA_ROW, 1).value, sheet.cell(layout.FIRST_DATA_ROW, 2).value
    assert read_xlsx(exported).document.latest_year().explanations == {(rule, location): ANSWERS[0]}


# -- drop-downs ----------------------------------------------------------------------------
def test_every_choice_and_boolean_column_has_its_drop_down_from_the_schema(seed1, exported):
    book = openpyxl.load_workbook(exported)
    checked = 0
    for spec in layout.data_sheets(seed1.schema):
        sheet = book[spec.name]
        lists = {}
        for validation in sheet.data_validations.dataValidation:
            for cell_range in validation.sqref.ranges:
                lists[cell_range.min_col] = (validation.type, validation.formula1, cell_range.min_row)
        headers = {cell.value: cell.column for cell in sheet[layout.HEADER_ROW] if cell.value}
        if spec.section.kind == "form":
            continue
        for column in spec.section.columns:
            if column.type not in ("choice", "boolean"):
                continue
            options = column.choices if column.type == "choice" else ("是", "否")
            assert lists[headers[column.label]] == ("list", '"' + ",".join(options) + '"', layout.FIRST_DATA_ROW), \
                (spec.name, column.label)
            checked += 1
    assert checked >= 10  # 指标性质 ×2, 一级指标, 类别, 车型, 资金来源, 重点项目, 不适用 …


# -- units ---------------------------------------------------------------------------------
def test_performance_sheets_are_in_the_windows_default_unit(seed1, exported):
    fmt = load_profile(seed1.latest_year().profile).format
    book = openpyxl.load_workbook(exported)
    units = {}
    for spec in layout.data_sheets(seed1.schema):
        if not spec.has_money:
            continue
        sheet = book[spec.name]
        stated = [c.value for row in sheet.iter_rows(max_row=layout.UNIT_ROW) for c in row
                  if isinstance(c.value, str) and layout.MONEY_UNIT_PREFIX in c.value]
        unit = fmt.unit_for(spec.section.money_unit)
        assert stated and stated[0].endswith(f"{layout.MONEY_UNIT_PREFIX}{unit}"), spec.name
        units[spec.section.key] = unit
    assert units["project_funds"] == units["dept_budget_execution"] == "万元" and units["functional_income"] == "元"
    funds = book["填报-项目资金"]
    headers = [c.value for c in funds[layout.HEADER_ROW]]
    assert "全年执行数（万元）" in headers
    row = next(r for r in range(layout.FIRST_DATA_ROW, funds.max_row + 1) if funds.cell(r, 1).value == "r1")
    cell = funds.cell(row, headers.index("全年执行数（万元）") + 1)
    assert Decimal(repr(cell.value)) == seed1.latest_year().section("project_funds").rows["r1"]["executed"].wan == Decimal("22.58")
    assert cell.number_format == "#,##0.00####"


@pytest.mark.parametrize("fen", [1, 99, 7_812_957_773, 123_456_789_012_345, -250])
def test_an_amount_in_wan_yuan_comes_back_to_the_fen(seed1, tmp_path, fen):
    data = seed1.latest_year()
    data.section("project_funds").rows["r1"]["executed"] = Money(fen)
    data.section("dept_budget_execution").rows["total"]["executed"] = Money(abs(fen))
    export_xlsx(seed1, tmp_path / "a.xlsx")
    back = read_xlsx(tmp_path / "a.xlsx").document.latest_year()
    assert back.section("project_funds").rows["r1"]["executed"] == Money(fen)
    assert back.section("dept_budget_execution").rows["total"]["executed"] == Money(abs(fen))


def test_the_stated_unit_is_what_the_reader_honours(exported):
    """A clerk who switches a 绩效 sheet's unit line to 元 has typed 元 figures: read as 元."""
    book = openpyxl.load_workbook(exported)
    funds = book["填报-项目资金"]
    for row in funds.iter_rows(max_row=layout.UNIT_ROW):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(layout.MONEY_UNIT_PREFIX):
                cell.value = f"{layout.MONEY_UNIT_PREFIX}元"
    for cell in funds[layout.HEADER_ROW]:
        if isinstance(cell.value, str):
            cell.value = cell.value.replace("（万元）", "")
    row = next(r for r in range(layout.FIRST_DATA_ROW, funds.max_row + 1) if funds.cell(r, 1).value == "r1")
    column = next(c.column for c in funds[layout.HEADER_ROW] if c.value == "全年执行数")
    funds.cell(row, column, 225800.5)
    book.save(exported)
    back = read_xlsx(exported).document.latest_year()
    assert back.section("project_funds").rows["r1"]["executed"] == Money(22_580_050)


# -- print footer and sheet names ----------------------------------------------------------
def test_every_sheet_prints_its_page_number(exported):
    book = openpyxl.load_workbook(exported)
    assert len(book.worksheets) > 50
    for sheet in book.worksheets:
        assert sheet.oddFooter.center.text == PAGE_FOOTER == "第 &P 页 共 &N 页", sheet.title


def test_data_sheet_names_cannot_be_taken_for_official_tables(seed1, exported):
    names = openpyxl.load_workbook(exported, read_only=True).sheetnames
    data = [s.name for s in layout.data_sheets(seed1.schema)]
    official = [n for n in names if n not in data and n not in (layout.INFO_SHEET, layout.EXPLANATIONS_SHEET)]
    assert all(name.startswith("填报-") for name in data) and len(data) == len(set(data)) > 40
    assert set(data) <= set(names) and official
    stripped = {n.split(" ", 1)[-1] for n in official}  # 表2 收入决算表 → 收入决算表
    assert not {n.removeprefix("填报-") for n in data} & set(official)
    assert not stripped & set(data)


def test_a_workbook_with_the_old_sheet_names_still_imports(seed1, exported):
    expected = document_to_json(read_xlsx(exported).document)
    book = openpyxl.load_workbook(exported)
    for spec in layout.data_sheets(seed1.schema):
        book[spec.name].title = spec.legacy_name
    old = exported.with_name("old.xlsx")
    book.save(old)
    assert "收入决算表" in openpyxl.load_workbook(old, read_only=True).sheetnames
    assert document_to_json(read_xlsx(old).document) == expected

