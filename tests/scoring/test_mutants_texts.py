"""Scoring results pinned field by field where `make mutate` found a field no test read (docs/mutation.md):
the formula of an indicator that cannot be scored, the blame of a negative target, the remark of a
written nature, the completion-basis formula text, the 差异率 basis and the project's 预算执行 item."""

from decimal import Decimal as D

from desktop.scoring import load_scoring_profile, score_department, score_project
from desktop.scoring.formulas import quantitative_formula
from desktop.scoring.indicators import IndicatorRow, score_indicator
from test_department_scoring import PROFILE, department
from test_project_funds_block import year_with

POSITIVE = ("正向指标：B ≥ A 得满分，否则 得分 = B / A × 分值；超额偏离度 (B − A) / A 达到 ≥200% 扣 10%、≥300% 扣 20%、"
            "≥500% 扣 30%（指标值设定偏低）")
REVERSE = "反向指标：B ≤ A 得满分，否则 得分 = A / B × 分值"


def indicator(target, actual, nature=None):
    return score_indicator(IndicatorRow(key="k", name="n", category="产出指标", target=target, actual=actual,
                                        points=D(10), nature=nature), PROFILE)


# -- indicators ---------------------------------------------------------------------------------
def test_an_indicator_without_an_actual_keeps_its_formula():
    item = indicator("10", None, "≥")
    assert (item.score, item.formula, item.blame) == (None, POSITIVE, "actual")


def test_a_negative_target_is_blamed_on_the_target():
    item = indicator("-5", "3", "≥")
    assert item.score is None and item.formula == POSITIVE and item.blame == "target"
    assert item.problems == ("指标值 -5 或分值 10 为负数，无法计分",)


def test_a_nature_written_in_the_target_adds_no_remark():
    item = indicator("≥90%", "95%")
    assert item.explanation == "正向指标，A = 90，B = 95：B ≥ A，得满分；得分 = 100.00% × 10.00 = 10.00"


def test_a_bound_short_of_the_target_keeps_its_formula():
    item = indicator("4", "≥3", "≥")
    assert (item.score, item.formula, item.blame) == (None, POSITIVE, "actual")
    assert item.explanation == ("完成值“≥3”写的是下限（比较符号“≥”），不是实际完成的数值，"
                                "无法确定是否达到指标值“4”，无法计分")


def test_an_upper_bound_meeting_a_reverse_target_says_nothing_about_the_over_target_deduction():
    item = indicator("≤12", "<10")
    assert (item.score, item.formula) == (D("10.00"), REVERSE)
    assert item.explanation == ("完成值“<10”写的是上限（比较符号“≤”），不是实际完成的数值；该上限已达到指标值“≤12”，"
                                "按达到指标值得满分 10.00（实际完成值未知）；完成值应改填实际完成的数值")


def test_the_completion_basis_formula_text():
    assert quantitative_formula("≥", load_scoring_profile("yitihua-example")) == (
        "正向指标：B ≥ A 得满分，否则 得分 = B / A × 分值；完成值 / 指标值 B / A 达到 ≥130% 扣 20%（指标值设定偏低）")


# -- 部门预决算差异率 --------------------------------------------------------------------------------
def variance(executed):
    return score_department(department(executed=executed), PROFILE).item("management:budget_variance")


def test_a_variance_at_the_benchmark_is_not_above_it():
    item = variance("128.3")          # 28.30 % against the benchmark 28.3 %
    assert item.score == D("4.00")
    assert item.explanation == ("差异率 = |决算数 128.30 万元 − 年初预算数 100.00 万元| / 100.00 万元 = 28.30%，"
                                "不高于 28.3%，得满分 4.00")
    assert item.basis == "部门预决算差异率28.30%，不高于市级平均差异率28.3%，得4.00分"


def test_a_variance_above_the_benchmark_states_by_how_much():
    item = variance("138.3")
    assert item.score == D("3.60")
    assert item.basis == "部门预决算差异率38.30%，高于市级平均差异率28.3%10个百分点，得3.60分"


# -- the project's 预算执行 item -------------------------------------------------------------------
def budget_item(*rows):
    year, pid = year_with(*rows)
    return score_project(year, pid, PROFILE).item("budget_execution")


def test_a_blank_budget_is_named_before_the_other_problems_of_the_block():
    item = budget_item(("当年财政拨款", {"executed": "5"}), (None, {"executed": "1"}))
    assert item.not_applicable and item.score is None and item.basis == "不适用"
    assert item.problems == ("未填写年度资金总额的全年预算数，按不适用处理", "项目资金有 1 行资金来源重复或未选择，未计入执行率")
    assert item.explanation == "未填写年度资金总额的全年预算数，预算执行率不适用，总分按其余指标折算为百分制"


def test_a_blank_executed_figure_says_the_rate_cannot_be_computed():
    item = budget_item(("年度资金总额", {"full_year_budget": "100"}))
    assert item.score is None and not item.not_applicable
    assert item.explanation == "未填写全年执行数，无法计算执行率"
    assert item.problems == ("年度资金总额的全年执行数未填写",)
