"""部门整体 预算执行率: the score is min(执行数 / 预算数, 1) × 20, never above the part's points, never below 0."""

from decimal import Decimal as D

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.scoring import load_scoring_profile, score_department

PROFILE = load_scoring_profile("beijing-district")


def year_with(budget: str | None, executed: str | None):
    year = Document.new("测试部门", 2023).year(2023)
    grid = year.section("dept_budget_execution")
    if budget is not None:
        grid.set_value("basic", "full_year_budget", Money.from_yuan(D(budget) * 10000))
    if executed is not None:
        grid.set_value("basic", "executed", Money.from_yuan(D(executed) * 10000))
    year.section("dept_score").set("execution_score_reported", D("20"))
    return year


@pytest.mark.parametrize("budget, executed, rate, score", [
    ("100", "110", "110.00%", "20.00"),   # over-executed: capped at the part's 20 points
    ("100", "100", "100.00%", "20.00"),   # the cap's boundary
    ("100", "99.99", "99.99%", "20.00"),  # 19.998 rounds to 20.00
    ("100", "50", "50.00%", "10.00"),
    ("100", "0", "0.00%", "0.00"),
])
def test_execution_rate_is_capped_at_one(budget, executed, rate, score):
    item = score_department(year_with(budget, executed), PROFILE).item("budget_execution")
    assert item.score == D(score) and item.points == D("20")
    assert item.explanation == (f"执行率 = {D(executed):,.2f} / {D(budget):,.2f} = {rate}；"
                                f"得分 = min({rate}, 1) × 20.00 = {score}")
    assert item.basis == f"执行数{D(executed):,.2f}万元，预算数{D(budget):,.2f}万元，执行率{rate}，得{score}分"


def test_a_negative_execution_scores_zero():
    item = score_department(year_with("100", "-10"), PROFILE).item("budget_execution")
    assert item.score == D("0.00")


@pytest.mark.parametrize("budget, executed, why", [
    (None, "10", "全年预算数或执行数未填写"), ("10", None, "全年预算数或执行数未填写"), ("0", "10", "全年预算数为 0")])
def test_execution_without_a_budget_cannot_be_scored(budget, executed, why):
    item = score_department(year_with(budget, executed), PROFILE).item("budget_execution")
    assert item.score is None and item.problems == (why,)
    assert item.explanation == f"{why}，无法计算执行率"
