"""The 项目资金 block of 财预〔2020〕10号 (sections.json fixed_rows): four fixed rows per project,
年度资金总额 = the sum of its filled 其中 rows, and the execution line read from it."""

from decimal import Decimal as D

import pytest

from desktop.domain.blocks import build_block, owner_block
from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.schema import build_schema, document_schema, validate_sections
from desktop.scoring import load_scoring_profile, score_project

PROFILE = load_scoring_profile("beijing-district")
SPEC = document_schema().section("project_funds").fixed_rows


def wan(text):
    return Money.from_yuan(D(text) * 10000)


def year_with(*rows):
    """A one-project year; each row is (source, {column: 万元 text})."""
    year = Document.new("测试部门", 2023).year(2023)
    pid = year.section("projects").add_row({"name": "测试项目"})
    for source, values in rows:
        year.section("project_funds").add_row({"project": pid, **({"source": source} if source else {}),
                                               **{k: wan(v) for k, v in values.items()}})
    return year, pid


def test_the_block_is_declared_as_data():
    assert SPEC.per == "project" and SPEC.by == "source" and SPEC.total == "年度资金总额"
    assert SPEC.choices == ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
    assert SPEC.parts == ("当年财政拨款", "上年结转资金", "其他资金")
    assert SPEC.sum_columns == ("initial_budget", "full_year_budget", "executed")


@pytest.mark.parametrize("change, fragment", [
    (lambda s: s["fixed_rows"].update(per="source"), "per: 应为本表的引用列"),
    (lambda s: s["fixed_rows"].update(by="project"), "by: 应为本表的选项列"),
    (lambda s: s["fixed_rows"].update(total="合计"), "total: 应为 by 列的一个选项"),
    (lambda s: s["fixed_rows"].update(sum_columns=["source"]), "sum_columns: 应列出本表的金额列"),
    (lambda s: s["fixed_rows"].update(extra=1), "未知属性 extra"),
    (lambda s: s["fixed_rows"].pop("total"), "缺少 total"),
    (lambda s: s.update(kind="grid", rows=[{"key": "a", "label": "a"}]), "只有 table 可以声明固定行"),
])
def test_the_declaration_is_validated(change, fragment):
    import json
    from desktop.paths import resource_path
    data = json.loads(resource_path("schema", "sections.json").read_text(encoding="utf-8"))
    change(next(s for s in data["sections"] if s["key"] == "project_funds"))
    problems = validate_sections(data)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ValueError):
        build_schema(data)


def test_seed1_total_is_not_counted_twice(seed1):
    block = owner_block(seed1.year(2023).section("project_funds"), "r1")
    assert block.total["full_year_budget"] == Money.from_yuan("225800")       # 22.58 万元, never 45.16
    assert block.row_ids == {"年度资金总额": "r1", "当年财政拨款": "r2", "上年结转资金": None, "其他资金": "r3"}
    assert block.values["上年结转资金"] == {} and block.typed == {} and block.extra == ()


def test_a_blank_total_is_the_sum_of_its_parts():
    year, pid = year_with(("当年财政拨款", {"full_year_budget": "20", "executed": "18"}),
                          ("上年结转资金", {"full_year_budget": "5", "executed": "5"}))
    block = owner_block(year.section("project_funds"), pid)
    assert block.total == {"full_year_budget": wan("25"), "executed": wan("23")}
    assert block.row_ids["年度资金总额"] is None and block.derived == ("full_year_budget", "executed")
    item = score_project(year, pid, PROFILE).item("budget_execution")
    assert item.score == D("9.20") and not item.not_applicable and item.problems == ()
    assert "23.00 / 25.00 = 92.00%（全年执行数 / 全年预算数，年度资金总额为其中各项之和）" in item.explanation


def test_a_typed_total_without_parts_stands():
    year, pid = year_with(("年度资金总额", {"full_year_budget": "100", "executed": "95"}))
    block = owner_block(year.section("project_funds"), pid)
    assert (block.total["full_year_budget"], block.total["executed"]) == (wan("100"), wan("95"))
    assert block.derived == ()
    assert score_project(year, pid, PROFILE).item("budget_execution").score == D("9.50")


def test_a_zero_total_over_filled_parts_is_a_problem_not_not_applicable():
    year, pid = year_with(("年度资金总额", {"full_year_budget": "0", "executed": "0"}),
                          ("当年财政拨款", {"full_year_budget": "22.58", "executed": "20"}))
    item = score_project(year, pid, PROFILE).item("budget_execution")
    assert not item.not_applicable and item.score == D("8.86")             # 20 / 22.58 × 10
    assert "年度资金总额的全年预算数填报为 0.00，与其中各项之和 22.58 不一致，按其中各项之和计算" in item.problems
    assert any("全年执行数填报为 0.00" in p for p in item.problems)


def test_a_differing_typed_total_is_named_and_the_parts_win():
    year, pid = year_with(("年度资金总额", {"full_year_budget": "30", "executed": "25"}),
                          ("当年财政拨款", {"full_year_budget": "20", "executed": "20"}),
                          ("其他资金", {"full_year_budget": "5", "executed": "5"}))
    block = owner_block(year.section("project_funds"), pid)
    assert block.typed == {"full_year_budget": wan("30")} and block.total["full_year_budget"] == wan("25")
    assert score_project(year, pid, PROFILE).item("budget_execution").score == D("10.00")


@pytest.mark.parametrize("budget, executed, problem", [
    ("0", "0", None),                                    # nothing budgeted, nothing spent: 不适用
    ("0", "3", "年度资金总额的全年预算数为 0，全年执行数却为 3.00，请核实"),
])
def test_a_zero_budget_is_not_applicable(budget, executed, problem):
    year, pid = year_with(("年度资金总额", {"full_year_budget": budget, "executed": executed}))
    item = score_project(year, pid, PROFILE).item("budget_execution")
    assert item.not_applicable and item.score is None
    assert item.problems == ((problem,) if problem else ())


def test_duplicate_and_sourceless_rows_are_kept_outside_the_block_and_reported():
    year, pid = year_with(("当年财政拨款", {"full_year_budget": "20", "executed": "20"}),
                          ("当年财政拨款", {"full_year_budget": "7", "executed": "7"}),
                          (None, {"full_year_budget": "1"}))
    block = owner_block(year.section("project_funds"), pid)
    assert block.row_ids["当年财政拨款"] == "r1" and block.extra == ("r2", "r3")
    assert block.total["full_year_budget"] == wan("20")
    item = score_project(year, pid, PROFILE).item("budget_execution")
    assert item.problems == ("项目资金有 2 行资金来源重复或未选择，未计入执行率",)


def test_blank_parts_columns_do_not_hide_a_typed_total_in_another_column():
    block = build_block(SPEC, [("a", {"source": "年度资金总额", "initial_budget": wan("9"), "full_year_budget": wan("10")}),
                               ("b", {"source": "当年财政拨款", "full_year_budget": wan("10")})])
    assert block.total["initial_budget"] == wan("9") and block.total["full_year_budget"] == wan("10")
    assert block.derived == ("full_year_budget",) and block.parts_filled("full_year_budget")
    assert not block.parts_filled("initial_budget")
