"""The printed 项目资金 block of each 项目支出绩效自评表 (财预〔2020〕10号): its four fixed rows,
年度资金总额 as the sum of its 其中 rows (never added to them again), 分值 / 执行率 / 得分 computed,
the same in the table model (PDF, Word) and the official Excel sheet."""

from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.domain.scoring_profile import ScoringProfile
from desktop.publication import performance_tables
from desktop.publication.performance_tables import fund_rows, project_table
from desktop.scoring import load_scoring_profile, score_project, score_year


def wan(text):
    return Money.from_yuan(D(text) * 10000)


def block_lines(table):
    """The block's body rows as texts: label, 年初, 全年, 执行, 分值, 执行率, 得分."""
    start = next(i for i, row in enumerate(table.rows) if row[0].text.startswith("项目资金"))
    rows = table.rows[start + 1:start + 5]
    return [tuple(c.text for c in row) for row in rows]


def test_seed1_block_prints_the_total_once(seed1):
    year = seed1.year(2023)
    result = score_year(seed1, 2023)["projects"][0]
    table = project_table(year, "r1", result, load_profile(year.profile).format)
    assert block_lines(table) == [
        ("年度资金总额", "", "22.58", "22.58", "10.00", "100.0%", "10.00"),
        ("其中：当年财政拨款", "", "22.58", "22.58", "—", "100.0%", "—"),
        ("　　　上年结转资金", "", "", "", "—", "—", "—"),
        ("　　　其他资金", "", "0.00", "0.00", "—", "—", "—"),
    ]
    assert not any("45.16" in c.text for row in table.rows for c in row)
    assert table.rows[2][0].rowspan == 5   # the 项目资金 label spans its header and the four rows


def project_year(*rows, profile="beijing-district"):
    document = Document.new("测试部门", 2023, profile)
    year = document.year(2023)
    pid = year.section("projects").add_row({"name": "测试项目"})
    for source, values in rows:
        year.section("project_funds").add_row({"project": pid, "source": source,
                                               **{k: wan(v) for k, v in values.items()}})
    return document, year, pid


def test_a_blank_total_is_printed_as_the_sum_of_its_parts():
    document, year, pid = project_year(
        ("当年财政拨款", {"initial_budget": "18", "full_year_budget": "20", "executed": "19"}),
        ("上年结转资金", {"initial_budget": "2", "full_year_budget": "2", "executed": "1"}))
    result = score_year(document, 2023)["projects"][0]
    lines = block_lines(project_table(year, pid, result, load_profile(year.profile).format))
    assert lines[0] == ("年度资金总额", "20.00", "22.00", "20.00", "10.00", "90.9%", "9.09")
    assert lines[1][1:4] == ("18.00", "20.00", "19.00") and lines[1][5] == "95.0%"
    assert lines[3] == ("　　　其他资金", "", "", "", "—", "—", "—")


def test_not_applicable_execution_says_so():
    document, year, pid = project_year(("年度资金总额", {"full_year_budget": "0", "executed": "0"}))
    result = score_year(document, 2023)["projects"][0]
    lines = block_lines(project_table(year, pid, result, load_profile(year.profile).format))
    assert lines[0][4:] == ("10.00", "—", "不适用")


def test_rates_follow_the_profile_base(monkeypatch):
    import dataclasses
    initial: ScoringProfile = dataclasses.replace(load_scoring_profile("beijing-district"), execution_base="initial")
    monkeypatch.setattr(performance_tables, "load_scoring_profile", lambda key: initial)
    document, year, pid = project_year(
        ("年度资金总额", {"initial_budget": "80", "full_year_budget": "100", "executed": "76"}))
    result = score_project(year, pid, initial).to_json()
    lines = block_lines(project_table(year, pid, result, load_profile(year.profile).format))
    assert lines[0] == ("年度资金总额", "80.00", "100.00", "76.00", "10.00", "95.0%", "9.50")


def test_fund_rows_give_every_fixed_row_in_order(seed1):
    rows = fund_rows(seed1.year(2023), "r1", score_year(seed1, 2023)["projects"][0])
    assert [r[0] for r in rows] == ["年度资金总额", "其中：当年财政拨款", "　　　上年结转资金", "　　　其他资金"]
    assert rows[0][1] == [None, wan("22.58"), wan("22.58")]


@pytest.mark.parametrize("profile", ["beijing-district", "yitihua-example"])
def test_the_official_excel_sheet_prints_the_same_block(profile):
    from desktop.io.xlsx.official import write_official_sheets
    document, year, pid = project_year(
        ("年度资金总额", {"full_year_budget": "30"}),
        ("当年财政拨款", {"full_year_budget": "20", "executed": "15"}),
        ("其他资金", {"full_year_budget": "5", "executed": "5"}), profile=profile)
    workbook = Workbook()
    write_official_sheets(workbook, document, year)
    values = [str(c.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
              if c.value is not None]
    assert "25.00" in values and "30.00" not in values      # the typed 30 is not published over the sum
    assert "20.00" in values and "80.0%" in values           # 20 / 25
    assert "8.00" in values                                  # 得分 = 80% × 10
