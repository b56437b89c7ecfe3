"""The 科目表 file's rows understood: header variants, number or text codes, indentation, split
类/款/项 columns, and an account of every row that is not a code (property-tested)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from desktop.domain.code_import import RowProblem, normalize_code, parse_code_sheets
from desktop.domain.codes import CodeTable, merge_imported, bundled_table

HEADER = ["科目编码", "科目名称"]


def parse(*rows, sheet="Sheet1"):
    return parse_code_sheets([(sheet, [list(r) for r in rows])])


def test_a_plain_table_with_a_title_and_blank_rows():
    result = parse(["2023年政府收支分类科目"], [], HEADER, [201, "一般公共服务支出"], [None, None],
                   ["20101", "　人大事务"], [2010101.0, "    行政运行"], ["301", "工资福利支出"], [30101, "基本工资"])
    assert result.entries == {"functional": {"201": "一般公共服务支出", "20101": "人大事务", "2010101": "行政运行"},
                              "economic": {"301": "工资福利支出", "30101": "基本工资"}}
    assert result.problems == [] and result.rows_read == 5
    assert result.level_counts("functional") == {"类": 1, "款": 1, "项": 1}
    assert result.summary_lines()[:2] == ["功能分类：类 1 个、款 1 个、项 1 个，共 3 条", "经济分类：类 1 个、款 1 个，共 2 条"]


@pytest.mark.parametrize("header", [["科目代码", "科目名称"], ["编码", "名称"], ["代码", "名称"], ["科目 编码", "科目名称\n"],
                                    ["序号", "功能科目编码", "功能科目名称"]])
def test_header_variants(header):
    offset = [""] * (len(header) - 2)
    result = parse(header, offset + ["201", "一般公共服务支出"])
    assert result.entries["functional"] == {"201": "一般公共服务支出"} and result.problems == []


@pytest.mark.parametrize("cell, code", [(201, "201"), (2010101.0, "2010101"), (Decimal("20101"), "20101"),
                                        ("'2010101", "2010101"), ("２０１", "201"), ("201 01 01", "2010101"),
                                        ("2010101.0", "2010101"), (None, ""), ("　", ""), ("abc", None), (True, None),
                                        (-201, None), (201.5, None)])
def test_code_cells(cell, code):
    assert normalize_code(cell) == code


def test_split_columns_carry_the_class_and_the_kuan_down():
    result = parse(["类", "款", "项", "科目名称"], ["201", None, None, "一般公共服务支出"], [None, "1", None, "人大事务"],
                   [None, None, 1, "行政运行"], [None, None, "02", "一般行政管理事务"], [None, "20102", None, "政协事务"],
                   ["201", "02", "01", "行政运行"])
    assert result.entries["functional"] == {"201": "一般公共服务支出", "20101": "人大事务", "2010101": "行政运行",
                                            "2010102": "一般行政管理事务", "20102": "政协事务", "2010201": "行政运行"}
    assert result.problems == []


def test_rows_not_understood_are_reported_with_sheet_and_row():
    result = parse(HEADER, ["201", "一般公共服务支出"], ["abc", "某科目"], ["", "合计"], ["20101", ""], ["2011", "四位"],
                   ["401", "四开头"], ["2019999", "无上级"], sheet="功能分类")
    assert [(p.sheet, p.row) for p in result.problems] == [("功能分类", n) for n in (3, 4, 5, 6, 7, 8)]
    messages = [p.message for p in result.problems]
    assert "不是数字编码" in messages[0] and "没有科目编码" in messages[1] and "没有科目名称" in messages[2]
    assert "位数不对" in messages[3] and "不是支出功能分类" in messages[4] and "上级款 20199 不在文件中" in messages[5]
    assert result.problems[0].describe() == "工作表“功能分类”第 3 行：科目编码“abc”不是数字编码"
    assert result.entries["functional"] == {"201": "一般公共服务支出"}


def test_a_name_of_blanks_of_any_kind_is_no_name_and_blanks_around_a_name_go():
    result = parse(HEADER, ["201", "\x85"], ["202", "\ufeff\u2003外交支出\u3000\x85"])
    assert [p.message for p in result.problems] == ["科目 201 没有科目名称"]
    assert result.entries["functional"] == {"202": "外交支出"}


def test_duplicates_with_another_name_are_reported_and_the_first_is_kept():
    result = parse(HEADER, ["201", "一般公共服务支出"], ["201", "一般公共服务支出 "], ["201", "一般公共服务"])
    assert result.repeated == 1
    assert result.problems == [
        RowProblem("Sheet1", 4, "科目 201 重复，名称不同：此处为“一般公共服务”，第 2 行为“一般公共服务支出”（保留前者）")]
    assert result.entries["functional"] == {"201": "一般公共服务支出"}


def test_income_and_government_economic_codes_are_counted_as_skipped():
    result = parse(HEADER, ["101", "税收收入"], ["10101", "增值税"], ["501", "机关工资福利支出"])
    assert result.skipped == {"收入分类科目": 2, "政府预算支出经济分类科目（5 开头）": 1}
    assert result.problems == [] and result.entry_count == 0


def test_a_sheet_without_header_is_reported_whole():
    result = parse_code_sheets([("说明", [["本表为……"], ["请按科目填列"]]), ("Sheet2", [HEADER, ["201", "一般公共服务支出"]])])
    assert result.problems == [RowProblem("说明", None, "没有找到“科目编码”和“科目名称”表头，整张工作表未导入")]
    assert result.entries["functional"] == {"201": "一般公共服务支出"}


def test_the_stored_document_is_a_valid_table_with_bundled_schemes_for_the_rest():
    result = parse(HEADER, ["201", "一般公共服务支出"], ["20101", "人大事务"])
    data = result.table_data(2024, "科目.xlsx")
    assert set(data["imported"]) == {"functional"} and data["economic"] == []
    table = CodeTable(merge_imported(data, bundled_table(2024)), 2024)
    assert table.is_official("functional") and not table.is_official("economic") and not table.official
    assert table.lookup("economic", "301") is not None and table.lookup("functional", "202") is None
    assert table.source() == "功能分类：科目.xlsx；经济分类：内置（不完整）"


# -- properties -----------------------------------------------------------------------------------
NAMES = st.text(alphabet="一般公共服务支出人大事务行政运行政协外交国防", min_size=1, max_size=8)


@st.composite
def tables(draw):
    """A consistent functional + economic table: every 款 has its 类, every 项 its 款."""
    entries: dict[str, str] = {}
    for lei in draw(st.lists(st.integers(201, 234), min_size=1, max_size=3, unique=True)):
        entries[str(lei)] = draw(NAMES)
        for kuan in draw(st.lists(st.integers(1, 99), max_size=3, unique=True)):
            entries[f"{lei}{kuan:02d}"] = draw(NAMES)
            for xiang in draw(st.lists(st.integers(1, 99), max_size=2, unique=True)):
                entries[f"{lei}{kuan:02d}{xiang:02d}"] = draw(NAMES)
    for lei in draw(st.lists(st.sampled_from([301, 302, 303, 310, 399]), max_size=2, unique=True)):
        entries[str(lei)] = draw(NAMES)
        for kuan in draw(st.lists(st.integers(1, 99), max_size=3, unique=True)):
            entries[f"{lei}{kuan:02d}"] = draw(NAMES)
    return entries


def _cell(code: str, style: int):
    return [code, int(code), float(code), f"'{code}", f" {code} "][style]


@settings(max_examples=80, deadline=None)
@given(tables(), st.data())
def test_any_table_written_any_usual_way_reads_back(entries, data):
    header = data.draw(st.sampled_from([["科目编码", "科目名称"], ["科目代码", "名称"], ["编码", "名称"], ["代码", "科目名称"]]))
    rows: list[list] = [["政府收支分类科目"]] if data.draw(st.booleans()) else []
    rows.append(header)
    for code, name in entries.items():
        indent = data.draw(st.sampled_from(["", "  ", "　　", "\t"]))
        rows.append([_cell(code, data.draw(st.integers(0, 4))), indent * (len(code) // 2 - 1) + name])
        if data.draw(st.integers(0, 5)) == 0:
            rows.append(data.draw(st.sampled_from([[], [None, None], ["", "  "]])))
    result = parse_code_sheets([("科目表", rows)])
    assert result.problems == []
    functional = {c: n for c, n in entries.items() if c.startswith("2")}
    economic = {c: n for c, n in entries.items() if c.startswith("3")}
    assert result.entries == {"functional": functional, "economic": economic}


CELLS = st.one_of(st.none(), st.integers(-10, 10**8), st.floats(allow_nan=True), st.booleans(),
                  st.text(max_size=10), st.sampled_from(["201", "20101", "2010101", "301", "30101", "101", "类", "款"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=5), max_size=30), st.sampled_from([HEADER, ["类", "款", "项", "名称"]]))
def test_every_row_is_accounted_for_and_nothing_raises(rows, header):
    result = parse_code_sheets([("表", [header, *rows])])
    used = len(result.origins)
    row_problems = [p for p in result.problems if p.row is not None]
    assert used + result.repeated + sum(result.skipped.values()) + len(row_problems) == result.rows_read
    assert result.rows_read <= len(rows)
    for scheme, codes in result.entries.items():
        assert set(codes) == {c for s, c in result.origins if s == scheme}
        for code, name in codes.items():
            assert code.isdigit() and name == name.strip() and name
            assert len(code) == 3 or code[:-2] in codes


def test_the_year_a_title_or_file_name_names_is_compared_with_the_year_chosen():
    result = parse(["２０２４年政府收支分类科目"], HEADER, ["201", "一般公共服务支出"])
    assert result.title_years == {2024}
    assert result.year_mismatch(2024) is None and result.year_mismatch(2024, "2023年科目.xlsx") is None
    assert result.year_mismatch(2023) == "文件中写的年度为 2024，将作为 2023 年科目表导入，请确认年度"
    assert parse(HEADER, ["201", "一般公共服务支出"]).year_mismatch(2023, "科目表.csv") is None
    assert parse(HEADER).year_mismatch(2023, "2025年科目表.csv").startswith("文件中写的年度为 2025")


@settings(max_examples=80, deadline=None)
@given(tables(), st.data())
def test_any_table_in_split_columns_reads_back(entries, data):
    """类/款/项 columns, the parent carried down (blank) or repeated on every row, as numbers or text."""
    repeat = data.draw(st.booleans())
    rows: list[list] = [["类", "款", "项", "科目名称"]]
    for code, name in sorted(entries.items()):
        lei, kuan, xiang = code[:3], code[3:5], code[5:7]
        as_number = data.draw(st.booleans())
        kuan_cell = (int(kuan) if as_number else kuan) if kuan else None
        xiang_cell = (int(xiang) if as_number else xiang) if xiang else None
        if repeat or len(code) == 3:
            rows.append([int(lei) if as_number else lei, kuan_cell, xiang_cell, name])
        else:
            rows.append([None, kuan_cell if len(code) == 5 or repeat else None, xiang_cell, name])
    result = parse_code_sheets([("分列", rows)])
    assert result.problems == []
    assert result.entries == {"functional": {c: n for c, n in entries.items() if c.startswith("2")},
                              "economic": {c: n for c, n in entries.items() if c.startswith("3")}}
