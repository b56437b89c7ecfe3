"""The 第一部分 tables (tables.py), their layouts (layouts.py) and the 专业名词解释 (glossary.py).

Tables: 表N numbering in tables.json order, formatted cells, the 合计 and footer rows of coded
tables, blank versus zero, 空表 statements only when the figures confirm them, header spans, and
that every row of every table (第四部分 too) fills exactly the table's grid once spans are counted.
"""

import copy
import json
from datetime import date

import pytest

from desktop.domain.formatting import format_amount
from desktop.domain.money import Money
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import document_schema
from desktop.io.samples import load_sample
from desktop.paths import resource_path
from desktop.narrative.glossary import default_glossary, glossary_entries, validate_glossary
from desktop.publication.layouts import table_layouts, validate_layouts
from desktop.publication.model import Cell, Table
from desktop.publication.outline import build_publication
from desktop.publication.tables import part_one_tables
from desktop.synthetic import build_document

TABLES_JSON = json.loads(resource_path("publication", "tables.json").read_text(encoding="utf-8"))
GLOSSARY_JSON = json.loads(resource_path("publication", "glossary.json").read_text(encoding="utf-8"))


def tables_of(document) -> dict[str, Table]:
    return {table.title: table for table in part_one_tables(document, document.latest_year())}


def texts(row) -> list[str]:
    return [cell.text for cell in row]


def row_labelled(table: Table, label: str) -> tuple[Cell, ...]:
    return next(row for row in table.rows if label in texts(row))


def grid_problem(rows, columns: int) -> str:
    """Lay `rows` out as HTML does (a cell covered by a span from above is absent from its row);
    "" when every row fills exactly `columns` positions, once, and no span runs past the end."""
    covered = [0] * columns  # rows still covered by a rowspan from above, per column
    for number, row in enumerate(rows):
        taken = [left > 0 for left in covered]
        column = 0
        for cell in row:
            if cell.colspan < 1 or cell.rowspan < 1:
                return f"row {number}: span below 1 in {cell.text!r}"
            while column < columns and taken[column]:
                column += 1
            if column + cell.colspan > columns:
                return f"row {number}: {cell.text!r} runs past column {columns}"
            for index in range(column, column + cell.colspan):
                taken[index] = True
                covered[index] = cell.rowspan
            column += cell.colspan
        if not all(taken):
            return f"row {number}: only {sum(taken)} of {columns} positions filled"
        covered = [max(left - 1, 0) for left in covered]
    return "" if not any(covered) else "a rowspan runs past the last row"


# ------------------------------------------------------------------ the span helper itself


def test_grid_helper_finds_short_long_and_dangling_rows():
    two = (Cell("a"), Cell("b"))
    assert grid_problem((two, two), 2) == ""
    assert grid_problem(((Cell("a", rowspan=2), Cell("b")), (Cell("c"),)), 2) == ""
    assert "only 1 of 2" in grid_problem(((Cell("a"),),), 2)
    assert "runs past column" in grid_problem(((Cell("a", rowspan=2), Cell("b")), two), 2)
    assert "past the last row" in grid_problem(((Cell("a", rowspan=2), Cell("b")),), 2)


# ------------------------------------------------------------------ seed 1


def test_seed1_has_the_district_set_numbered_in_file_order():
    tables = part_one_tables(load_sample(1), load_sample(1).latest_year())
    expected = [TABLES_JSON["tables"][key]["title"] for key in TABLES_JSON["sets"]["beijing-district"]]
    assert len(tables) == 11
    assert [t.title for t in tables] == expected
    assert [t.number for t in tables] == [f"表{n}" for n in range(1, 12)]
    assert {t.unit for t in tables} == {"单位：元"}


def test_seed1_income_expenditure_table_figures_and_line_numbers():
    table = tables_of(load_sample(1))["收入支出决算总表"]
    cells = [text for row in table.rows for text in texts(row)]
    assert "78,129,577.73" in cells and "156,259,155.50" not in cells  # 总计 computed, never the typed figure
    left = [row[1].text for row in table.rows if row[1].text]
    right = [row[4].text for row in table.rows if row[4].text]
    assert left + right == [str(n) for n in range(1, 41)]  # 行次 run on from 收入 (12) to 支出 (28)
    assert texts(table.rows[-1]) == ["总计", "12", "78,129,577.73", "总计", "40", "78,129,577.73"]
    assert texts(table.rows[-4])[:3] == ["本年收入合计", "9", "78,129,577.73"]
    assert texts(table.rows[-4])[3:] == ["本年支出合计", "37", "78,129,577.73"]


def test_seed1_blank_cell_prints_empty_and_zero_prints_zero():
    table = tables_of(load_sample(1))["收入支出决算总表"]
    assert row_labelled(table, "结余分配")[5].text == ""  # not entered
    assert row_labelled(table, "二、政府性基金预算财政拨款收入")[2].text == "0.00"  # entered as 0


def test_coded_total_row_is_the_sum_of_the_class_rows():
    document = load_sample(1)
    data = document.latest_year()
    table = tables_of(document)["一般公共预算财政拨款支出决算表"]
    classes = [r for r in data.section("gp_functional").rows.values() if len(r["code"]) == 3]
    expected = Money(sum(r["total"].fen for r in classes))
    total_row = table.rows[0]
    assert (total_row[0].text, total_row[0].colspan) == ("合计", 2)
    assert total_row[2].text == format_amount(expected, "元", 2, True) == "78,129,577.73"
    assert total_row[1].text == "10,115,901.79"  # 年初预算数 summed the same way


def test_coded_rows_indent_kuan_under_lei():
    table = tables_of(load_sample(1))["一般公共预算财政拨款支出决算表"]
    body = table.rows[1:]
    assert {row[1].indent for row in body if len(row[0].text) == 3} == {0}
    assert {row[1].indent for row in body if len(row[0].text) == 5} == {1}
    assert texts(body[1])[:3] == ["20101", "人大事务", "220,000.00"]


def test_basic_expenditure_is_laid_out_in_personnel_and_public_cost_pairs():
    table = tables_of(load_sample(1))["一般公共预算财政拨款基本支出决算表"]
    assert [texts(row) for row in table.header] == [["经济分类科目编码", "科目名称", "决算数"] * 2]
    assert texts(table.rows[0]) == ["301", "工资福利支出", "8,748,039.39", "302", "商品和服务支出", "560,146.09"]
    assert texts(table.rows[1]) == ["303", "对个人和家庭的补助", "17.65", "310", "其他资本性支出", "3,318.00"]
    assert texts(table.rows[-1]) == ["人员经费合计", "8,748,057.04", "公用经费合计", "563,464.09"]
    assert [c.colspan for c in table.rows[-1]] == [2, 1, 2, 1]


def test_header_of_general_budget_table_groups_current_year_columns():
    table = tables_of(load_sample(1))["一般公共预算财政拨款支出决算表"]
    top, bottom = table.header
    assert [(c.text, c.colspan, c.rowspan) for c in top] == [("项目", 2, 1), ("年初预算数", 1, 2), ("本年支出", 3, 1)]
    assert texts(bottom) == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def test_seed1_gov_fund_is_an_empty_table_confirmed_by_explicit_zeros():
    table = tables_of(load_sample(1))["政府性基金预算财政拨款收入支出决算表"]
    assert table.empty_statement == "注：本部门2023年度无政府性基金预算财政拨款收支，故本表为空表。"
    assert table.unfilled == ""


def test_seed1_income_table_is_unfilled_because_table_one_has_income():
    table = tables_of(load_sample(1))["收入决算表"]
    assert table.empty_statement == ""
    assert "收入决算表未填写" in table.unfilled and "78,129,577.73" in table.unfilled


def test_non_zero_required_figure_turns_an_empty_table_into_unfilled():
    document = load_sample(1)
    document.latest_year().section("income_expenditure").set_value("income_fund", "current", Money.from_yuan("5.00"))
    table = tables_of(document)["政府性基金预算财政拨款收入支出决算表"]
    assert table.empty_statement == ""
    assert table.unfilled.endswith("为 5.00")


# ------------------------------------------------------------------ seed 2 and zeros


def test_seed2_blank_tables_are_unfilled_not_empty():
    tables = part_one_tables(load_sample(2), load_sample(2).latest_year())
    assert len(tables) == 11
    assert all(t.unfilled for t in tables)
    assert not any(t.empty_statement for t in tables)
    assert tables_of(load_sample(2))["政府采购情况表"].unfilled == "政府采购情况表未填写（金额均为空白，空表须填 0 确认）"


def test_explicit_zero_amounts_make_an_empty_table():
    document = load_sample(2)
    procurement = document.latest_year().section("procurement")
    for key in ("total", "goods", "works", "services", "sme", "small_micro"):
        procurement.set(key, Money(0))
    table = tables_of(document)["政府采购情况表"]
    assert table.unfilled == ""
    assert table.empty_statement == "注：本部门2022年度无政府采购支出，故本表为空表。"
    assert texts(table.rows[0]) == ["0.00"] * 6


def test_explicit_zero_required_figures_make_a_coded_table_empty():
    document = load_sample(2)
    data = document.latest_year()
    data.section("income_expenditure").set_value("income_fund", "current", Money(0))
    data.section("fiscal_summary").set_value("fund", "income", Money(0))
    table = tables_of(document)["政府性基金预算财政拨款收入支出决算表"]
    assert (table.unfilled, table.empty_statement) == ("", "注：本部门2022年度无政府性基金预算财政拨款收支，故本表为空表。")


def test_one_zero_beside_blanks_prints_zero_and_blank():
    document = load_sample(2)
    document.latest_year().section("procurement").set("goods", Money(0))
    # the 合计 adds up what is filled: 货物 0.00 gives 0.00; the others stay blank
    assert texts(tables_of(document)["政府采购情况表"].rows[0]) == ["0.00", "0.00", "", "", "", ""]


# ------------------------------------------------------------------ every grid is whole


def _all_tables():
    for name, document in (("seed1", load_sample(1)), ("seed2", load_sample(2)), ("synthetic", build_document())):
        publication = build_publication(document, today=date(2024, 8, 20))
        for part in publication.parts:
            for block in part.blocks:
                if isinstance(block, Table):
                    yield f"{name} {part.title[:4]} {block.number}{block.title}", block


def test_every_row_of_every_table_fills_the_grid():
    seen = set()
    for label, table in _all_tables():
        seen.add(label.split()[1])
        assert grid_problem(table.header, table.columns) == "", f"{label} header"
        assert grid_problem(table.rows, table.columns) == "", f"{label} body"
    assert seen == {"第一部分", "第三部分", "第四部分"}


def test_fourth_part_tables_are_checked_for_every_kind():
    titles = {label.split(" ", 2)[2] for label, _ in _all_tables() if "第四部分" in label}
    assert titles == {"部门整体绩效目标表", "部门整体绩效目标完成情况表", "部门整体绩效评价评分表", "项目支出绩效自评表"}


# ------------------------------------------------------------------ layouts


def _problems(data) -> list[str]:
    return validate_layouts(data, document_schema(), available_profiles())


def test_committed_layouts_validate_for_every_profile():
    assert _problems(TABLES_JSON) == []
    for profile in available_profiles():
        layouts = table_layouts(profile)
        assert [layout.title for layout in layouts] == [TABLES_JSON["tables"][k]["title"]
                                                        for k in TABLES_JSON["sets"][profile]]
    assert len(table_layouts("beijing-municipal")) == 13  # the 2023 municipal set (domain.md §1.3)
    assert len(table_layouts("national")) == 9  # the 财政部 template (shared/references)


def test_layout_column_labels_come_from_the_schema_or_the_file():
    layout = next(t for t in table_layouts("beijing-district") if t.key == "gp_functional")
    assert [(c.label, c.group) for c in layout.columns] == [
        ("年初预算数", ""), ("合计", "本年支出"), ("基本支出", "本年支出"), ("项目支出", "本年支出")]


def test_layouts_report_unknown_section():
    data = copy.deepcopy(TABLES_JSON)
    data["tables"]["sangong"]["section"] = "no_such_section"
    assert _problems(data) == ["tables.sangong: 没有节 'no_such_section'"]


def test_layouts_report_unknown_column():
    data = copy.deepcopy(TABLES_JSON)
    data["tables"]["gp_functional"]["columns"].append({"key": "no_such_column"})
    assert _problems(data) == ["tables.gp_functional: gp_functional 没有列 'no_such_column'"]


def test_layouts_report_unknown_layout_and_key():
    data = copy.deepcopy(TABLES_JSON)
    data["tables"]["sangong"]["layout"] = "pie"
    data["tables"]["sangong"]["colour"] = "red"
    problems = _problems(data)
    assert "tables.sangong: 未知键 colour" in problems
    assert any(p.startswith("tables.sangong: layout 须为") for p in problems)


def test_layouts_report_profile_without_a_set_and_set_naming_missing_table():
    data = copy.deepcopy(TABLES_JSON)
    del data["sets"]["beijing-municipal"]
    data["sets"]["beijing-district"].append("ghost")
    assert _problems(data) == ["sets: 配置 beijing-municipal 没有报表清单", "sets.beijing-district: 没有表 'ghost'"]


def test_layouts_report_required_by_naming_a_missing_row():
    data = copy.deepcopy(TABLES_JSON)
    data["tables"]["gov_fund"]["required_by"].append(["fiscal_summary", "no_such_row", "income"])
    assert _problems(data) == ["tables.gov_fund: required_by ['fiscal_summary', 'no_such_row', 'income'] 不存在"]


def test_layouts_reject_a_file_without_tables_and_sets():
    assert _problems({"tables": {}}) == ["tables.json 须含 tables 与 sets 两个对象"]


def test_layouts_report_a_total_that_is_not_an_object():
    data = copy.deepcopy(TABLES_JSON)
    data["tables"]["purchased_services"]["total"] = "purchased_services_summary"
    assert any("total" in p for p in _problems(data))


def test_layouts_report_an_items_table_without_its_total():
    data = copy.deepcopy(TABLES_JSON)
    del data["tables"]["purchased_services"]["total"]
    assert _problems(data) != []


# ------------------------------------------------------------------ glossary


def test_default_glossary_validates_and_has_the_template_terms():
    assert validate_glossary(GLOSSARY_JSON, available_profiles()) == []
    terms = [term for term, _ in default_glossary()]
    assert "基本支出" in terms and "“三公”经费" in terms
    assert all(definition for _, definition in default_glossary())


def test_the_national_profile_defaults_to_the_eleven_terms_of_the_template():
    assert [term for term, _ in default_glossary("national")] == [
        "财政拨款收入", "事业收入", "经营收入", "其他收入", "年初结转和结余", "年末结转和结余", "基本支出", "项目支出",
        "经营支出", "“三公”经费", "机关运行经费"]
    assert default_glossary("beijing-municipal") == default_glossary("beijing-district")
    data = build_document().latest_year()
    data.profile = "national"
    assert glossary_entries(data) == default_glossary("national")


def test_glossary_uses_the_documents_own_rows_in_order():
    data = load_sample(1).latest_year()
    entries = glossary_entries(data)
    assert len(entries) == 7
    assert entries[-1][0] == "非公企业党建经费"
    assert [t for t, _ in entries] == [r["term"] for r in data.section("glossary").rows.values()]


def test_glossary_falls_back_to_defaults_when_the_table_is_empty():
    data = build_document().latest_year()
    assert not data.section("glossary").rows
    assert glossary_entries(data) == default_glossary()


def test_one_own_entry_replaces_all_defaults():
    data = build_document().latest_year()
    data.section("glossary").add_row({"term": "专项资金", "definition": "指有指定用途的资金。"})
    assert glossary_entries(data) == (("专项资金", "指有指定用途的资金。"),)


@pytest.mark.parametrize("bad", [
    {}, {"profiles": {}}, {"profiles": {"p": []}}, {"profiles": {"p": "基本支出"}},
    {"profiles": {"p": [{"term": "基本支出"}]}},
    {"profiles": {"p": [{"term": "  ", "definition": "x"}]}},
    {"profiles": {"p": [{"term": "a", "definition": "b", "note": "c"}]}},
])
def test_glossary_validator_rejects_empty_or_incomplete_entries(bad):
    assert validate_glossary(bad) != []


def test_glossary_validator_names_a_profile_without_defaults():
    assert validate_glossary({"profiles": {"p": [{"term": "a", "definition": "b"}]}}, ["p", "q"]) == ["方案 q 没有默认名词解释"]


def test_assets_table_lists_quantities_and_amounts(seed1, seed2):
    from desktop.domain.profiles import load_profile
    from desktop.publication.assets import assets_table
    data = seed1.latest_year()
    table = assets_table(data, load_profile(data.profile).format)
    assert [[c.text for c in row] for row in table.rows] == [
        ["房屋", "平方米", "0", "0.00"], ["车辆", "辆", "2", "364,982.62"],
        ["单价100万元以上设备", "台（套）", "0", ""], ["固定资产总额", "—", "—", "487,966.62"]]
    assert assets_table(seed2.latest_year(), load_profile("beijing-district").format) is None
