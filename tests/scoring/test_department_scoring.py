"""部门整体绩效评价: seed 2's 评分表 recomputed, and each 预算管理 rule with its variants."""

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, strategies as st

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.scoring_profile import build_scoring_profile
from desktop.paths import resource_path
from desktop.scoring import load_scoring_profile, score_department, score_year
from desktop.scoring.department import share_points

PROFILE = load_scoring_profile("beijing-district")


def profile_with(change):
    data = json.loads(resource_path("profiles", "beijing-district.json").read_text(encoding="utf-8"))["scoring"]
    change(data["department"]["management"])
    return build_scoring_profile(data)


def wan(text):
    return Money.from_yuan(D(text) * 10000)


def seed2_year(seed2):
    return seed2.year(2022)


def test_seed2_total_parts_and_grade(seed2):
    result = score_department(seed2_year(seed2), PROFILE, seed2.department_name)
    # 资金总体 is computed: 基本 822.24 + 项目 32,542.73 (其他 blank) = 33,364.97, all executed, so 预算执行
    # scores 20.00 where the seed printed 19.94 from a typed 33,463.78 its parts do not add up to (P-01)
    assert result.total == D("95.00") and result.grade == "优秀"
    assert [(i.key, i.score) for i in result.items] == [
        ("budget_execution", D("20.00")), ("output", D("30.00")), ("effect", D("25.00")), ("management", D("20.00"))]
    assert result.reported_total == D("94.94") and result.name == "北京市石景山区投资促进服务中心"
    assert "33,364.97 / 33,364.97 = 100.00%" in result.item("budget_execution").explanation
    assert any(n.startswith("合计：计算总分 95.00，填报总分 94.94") for n in result.notes)


def test_seed2_with_its_blank_other_row_filled_scores_what_it_printed(seed2):
    """The 98.81万元 the seed's 资金总体 holds beyond 基本 + 项目 belongs in its blank 其他 row (P-01 names
    it); filled there, the computed 资金总体 is the printed 33,463.78 and the printed scores follow:
    94.94 with the recorded 差异率 exception, 90.94 without it."""
    year = seed2_year(seed2)
    year.section("dept_budget_execution").set_value("other", "full_year_budget", wan("98.81"))
    result = score_department(year, PROFILE)
    assert result.item("budget_execution").score == D("19.94")
    assert "= 99.70%" in result.item("budget_execution").explanation
    assert result.total == D("94.94") == result.reported_total
    year.section("dept_score").set("variance_exception", None)
    assert score_department(year, PROFILE).total == D("90.94")


def test_seed2_outputs_share_the_part_to_the_cent(seed2):
    output = score_department(seed2_year(seed2), PROFILE).item("output")
    assert [c.points for c in output.children] == [D("3.34")] * 3 + [D("3.33")] * 6
    assert all(c.score == c.points for c in output.children)          # all achieved, 优/高 → full


def test_seed2_judged_mid_grades_are_used_and_flagged(seed2):
    effect = score_department(seed2_year(seed2), PROFILE).item("effect")
    for child in effect.children:
        assert child.points == D(15) and child.score == D("12.50")
        assert any("不在完成值“中”对应的“部分达成”区间 7.50–12.00" in p for p in child.problems)


def test_seed2_without_the_variance_exception_earns_nothing_from_the_slipped_initial_budget(seed2):
    # seed 2 typed the 年初预算数 5,257.67 万元 as 5,257.67 元 (U-01): the rate would read 6,345,861.23%
    year = seed2_year(seed2)
    year.section("dept_score").set("variance_exception", None)
    result = score_department(year, PROFILE)
    item = result.item("management:budget_variance")
    # no usable rate earns no point: 0 (as the corrected unit gives too), never the absurd rate, total 91.00
    assert item.score == D("0.00") and result.total == D("91.00")
    assert item.basis == "部门预决算差异率因金额单位疑有误无法计算，得0.00分"
    assert "6345861" not in item.explanation and "6,345,861" not in item.explanation
    assert ("部门预决算差异的年初预算数 5,257.67元 仅为部门整体预算执行的年初预算数 50,063,800.00元 的约 1/9,522，"
            "疑为以万元为单位的数字按元录入（应为 5,257.67 万元）：单位改正前差异率没有意义，不能据此得分，本项计 0.00；"
            "改正单位后重新计分") == item.explanation
    assert item.problems == (item.explanation,)
    assert any("“部门预决算差异率”：计算得分 0.00，填报得分 4.00，相差 -4.00" in n for n in result.notes)


def test_seed2_without_the_variance_exception_loses_four_points_once_the_unit_is_fixed(seed2):
    year = seed2_year(seed2)
    year.section("dept_score").set("variance_exception", None)
    year.section("budget_variance").set("initial_budget", wan("5257.67"))
    result = score_department(year, PROFILE)
    assert result.total == D("91.00") and result.item("management").score == D("16.00")
    item = result.item("management:budget_variance")
    assert item.score == D("0.00") and item.reported == D(4)
    assert any("“部门预决算差异率”：计算得分 0.00，填报得分 4.00，相差 -4.00" in n for n in result.notes)
    assert any(n.startswith("合计：计算总分 91.00，填报总分 94.94，相差 -3.94") and "部门预决算差异率 -4.00" in n
               for n in result.notes)


def test_a_slipped_executed_figure_also_makes_the_variance_unusable(seed2):
    year = seed2_year(seed2)
    year.section("dept_score").set("variance_exception", None)
    year.section("budget_variance").set("initial_budget", wan("5257.67"))
    year.section("income_expenditure").set_value("expenditure_basic", "current", wan("33364.97"))
    execution = year.section("dept_budget_execution")
    for row in ("basic", "project"):       # 822.24 and 32,542.73 万元 typed as 元
        execution.set_value(row, "executed", Money(execution.value(row, "executed").fen // 10000))
    item = score_department(year, PROFILE).item("management:budget_variance")
    assert item.score == D("0.00") and item.explanation.startswith("部门整体预算执行的执行数 33,364.97元 仅为决算本年支出合计")
    assert item.explanation.endswith("单位改正前差异率没有意义，不能据此得分，本项计 0.00；改正单位后重新计分")


def test_the_variance_exception_explains_what_the_formula_gives(seed2):
    item = score_department(seed2_year(seed2), PROFILE).item("management:budget_variance")
    assert item.score == D("4.00")
    assert "例外情况：预算调整系按照上级批示" in item.explanation and "不按例外情况应得 0.00 分" in item.explanation
    assert "约 1/9,522，疑为以万元为单位的数字按元录入" in item.explanation


def test_a_variance_of_534_6_percent_scores_zero(seed2):
    year = seed2_year(seed2)
    year.section("budget_variance").set("initial_budget", wan("5257.67"))   # the figure read as 万元
    year.section("dept_score").set("variance_exception", None)
    item = score_department(year, PROFILE).item("management:budget_variance")
    assert "= 534.60%" in item.explanation and "计 50 档" in item.explanation
    assert item.score == D("0.00")


def test_seed2_carryover_without_last_year_is_not_deducted(seed2):
    item = score_department(seed2_year(seed2), PROFILE).item("management:carryover_rate")
    assert item.score == D("4.00") and "0.30%" in item.explanation
    assert any("上年结转结余率无法计算" in p for p in item.problems)


def test_seed1_has_no_department_score_inputs(seed1):
    assert score_department(seed1.year(2023), PROFILE) is None


def test_score_year_gives_the_department_as_json(seed2):
    scores = score_year(seed2, 2022)
    department = scores["department"]
    assert department["total"] == "95.00" and department["grade"] == "优秀" and department["reported_total"] == "94.94"
    assert department["items"][1]["children"][0]["points"] == "3.34"
    assert scores["projects"] == []
    json.dumps(scores, ensure_ascii=False)


# -- a small department built cell by cell -------------------------------------------------------
def department(executed="138.3", initial="100", closing="55", budget="1000", prior_closing="30",
               prior_budget="1000", failed=0, **form):
    year = Document.new("测试部门", 2023).year(2023)
    grid = year.section("dept_budget_execution")
    grid.set_value("basic", "full_year_budget", wan(executed))
    grid.set_value("basic", "executed", wan(executed))
    if initial is not None:
        year.section("budget_variance").set("initial_budget", wan(initial))
    balance = year.section("dept_balance")
    for key, value in (("closing_balance", closing), ("expenditure_budget", budget),
                       ("prior_closing_balance", prior_closing), ("prior_expenditure_budget", prior_budget)):
        if value is not None:
            balance.set(key, wan(value))
    management = year.section("dept_score_management")
    for row in ("finance_system", "fund_compliance", "accounting_info", "asset_management", "performance_management"):
        management.set_value(row, "failed_checks", failed)
    indicators = year.section("dept_score_indicators")
    indicators.add_row({"category": "产出", "name": "数量", "target": "≥10个", "actual": "8个"})
    indicators.add_row({"category": "效果", "name": "效益", "target": "高中低", "actual": "高"})
    for key, value in form.items():
        year.section("dept_score").set(key, value)
    return year


@pytest.mark.parametrize("executed, count, expected", [
    ("128.3", "floor", "4.00"),    # 28.3%: at the benchmark
    ("138.2", "floor", "4.00"),    # 9.9 points above: no full step
    ("138.2", "ceil", "3.60"),
    ("138.3", "floor", "3.60"),    # exactly 10 points above (含): one step
    ("148.3", "floor", "3.20"),
    ("148.4", "ceil", "2.80"),
    ("300", "floor", "0.00"),      # floor at 0
])
def test_variance_steps(executed, count, expected):
    profile = profile_with(lambda m: m["budget_variance"].__setitem__("step_count", count))
    item = score_department(department(executed=executed), profile).item("management:budget_variance")
    assert item.score == D(expected)


def test_variance_falls_back_to_the_initial_budget_of_the_execution_grid():
    year = department(initial=None)
    year.section("dept_budget_execution").set_value("basic", "initial_budget", wan("100"))
    assert score_department(year, PROFILE).item("management:budget_variance").score == D("3.60")
    year.section("dept_budget_execution").set_value("basic", "initial_budget", None)
    item = score_department(year, PROFILE).item("management:budget_variance")
    assert item.score is None and any("差异率无法计算" in p for p in item.problems)


@pytest.mark.parametrize("mode, closing, expected", [
    ("step", "30", "4.00"),          # same rate as last year
    ("step", "20", "4.00"),          # lower
    ("step", "55", "3.20"),          # 2.5 points above: 2 full points × 0.4
    ("proportional", "55", "3.00"),  # 2.5 × 0.4
    ("step", "120", "0.40"),         # 9 points above: 4 − 3.6
    ("step", "500", "0.00"),
])
def test_carryover_rate_modes(mode, closing, expected):
    profile = profile_with(lambda m: m["carryover_rate"].__setitem__("mode", mode))
    year = department(closing=closing)                            # last year 30 / 1000 = 3%
    assert score_department(year, profile).item("management:carryover_rate").score == D(expected)


def test_carryover_exception_restores_full_points_and_says_why():
    year = department(closing="55", carryover_exception=True,
                      carryover_exception_reason="年底追加预算，非部门主观因素")
    item = score_department(year, PROFILE).item("management:carryover_rate")
    assert item.score == D("4.00")
    assert "年底追加预算" in item.explanation and "不按例外情况应得 3.20 分" in item.explanation
    year.section("dept_score").set("carryover_exception_reason", None)
    item = score_department(year, PROFILE).item("management:carryover_rate")
    assert item.score == D("4.00") and any("未填写例外情况说明" in p for p in item.problems)


def test_carryover_without_this_years_rate_cannot_be_scored():
    result = score_department(department(closing=None), PROFILE)
    assert result.item("management:carryover_rate").score is None and result.total is None
    assert any("合计无法计算" in n and "预算管理情况" in n for n in result.notes)


@pytest.mark.parametrize("row, failed, expected", [
    ("asset_management", 1, "3.20"), ("asset_management", 5, "0.00"), ("performance_management", 1, "2.00"),
    ("fund_compliance", 3, "0.50"), ("finance_system", 2, "0.00"),
])
def test_checklist_deductions(row, failed, expected):
    year = department()
    year.section("dept_score_management").set_value(row, "failed_checks", failed)
    assert score_department(year, PROFILE).item(f"management:{row}").score == D(expected)


def test_more_failures_than_listed_checks_is_a_problem():
    year = department()
    year.section("dept_score_management").set_value("finance_system", "failed_checks", 4)
    item = score_department(year, PROFILE).item("management:finance_system")
    assert item.score == D("0.00") and any("多于所列检查项 3 项" in p for p in item.problems)


def test_blank_failed_checks_is_not_zero():
    year = department()
    year.section("dept_score_management").set_value("accounting_info", "failed_checks", None)
    result = score_department(year, PROFILE)
    assert result.item("management:accounting_info").score is None and result.total is None


def test_typed_row_points_win_over_the_profile_with_a_problem():
    year = department()
    year.section("dept_score_management").set_value("asset_management", "points", D(5))
    item = score_department(year, PROFILE).item("management:asset_management")
    assert item.points == D(5) and item.score == D("5.00") and any("不一致" in p for p in item.problems)


def test_a_built_department_adds_up():
    result = score_department(department(), PROFILE)
    assert result.item("output").score == D("24.00")       # 8 / 10 × 30
    assert result.item("effect").score == D("30.00")       # 高 → 达成 → 100%
    assert result.item("management").score == D("18.80")  # carryover 2.5 pts above → 3.20; variance → 3.60
    assert result.total == D("92.80") and result.grade == "优秀"


def test_indicators_without_a_part_are_noted():
    year = department()
    year.section("dept_score_indicators").add_row({"name": "游离指标", "target": "≥1个", "actual": "1个"})
    assert any("“游离指标”未选择二级指标" in n for n in score_department(year, PROFILE).notes)


@given(st.decimals(min_value=0, max_value=100, places=2),
       st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=10, places=2)), min_size=1, max_size=12))
def test_shared_points_fill_the_part_exactly(part, given_points):
    filled, problem = share_points(part, given_points)
    if not problem:
        assert sum(filled) == part
        assert all(f == g for f, g in zip(filled, given_points) if g is not None)
        assert all(f == f.quantize(D("0.01")) for f in filled)


def test_part_points_and_typed_indicator_points():
    year = department(output_points=D(40))
    year.section("dept_score_indicators").add_row({"category": "产出", "name": "质量", "target": "100%", "actual": "90%",
                                                   "points": D(10)})
    result = score_department(year, PROFILE)
    output = result.item("output")
    assert [c.points for c in output.children] == [D(30), D(10)]          # the blank one takes what is left
    assert output.score == D("33.00")                                       # 24 + 9 (no nature written: 正向)
    assert any("分值 40.00 与评分方案的 30.00 不一致" in p for p in output.problems)
    assert "未注明指标性质" in result.item("indicator:r3").explanation
    assert any("各部分分值合计为 110.00，不是 100" in n for n in result.notes)
    assert not any("分值合计" in n for n in score_department(department(), PROFILE).notes)


def test_a_part_without_indicators_cannot_be_scored():
    year = department()
    year.section("dept_score_indicators").remove_row("r2")
    result = score_department(year, PROFILE)
    assert result.item("effect").score is None and result.total is None
    assert any("未填写效果指标" in p for p in result.item("effect").problems)
