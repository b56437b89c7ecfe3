"""The provincial 预算管理一体化 scoring options (domain.md §9.4) as profile data, each at its boundaries:
the total capped by the 执行率 band, the deduction at 完成值 ≥ 130 % of the target, a profile's own
定性 band set, and the 执行率 base (全年预算数 or 年初预算数). All are off in the Beijing and national
profiles, whose results therefore do not change."""

import json
from decimal import Decimal as D

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.scoring_profile import build_scoring_profile
from desktop.paths import resource_path
from desktop.scoring import load_scoring_profile, qualitative_range, score_project, score_quantitative
from desktop.scoring.formulas import in_range
from desktop.scoring.profile import validate_scoring

W = D(10)
YITIHUA = load_scoring_profile("yitihua-example")


def block(key="yitihua-example"):
    return json.loads(resource_path("profiles", f"{key}.json").read_text(encoding="utf-8"))["scoring"]


def profile_with(change, key="yitihua-example"):
    data = block(key)
    change(data)
    return build_scoring_profile(data)


def wan(text):
    return Money.from_yuan(D(text) * 10000)


FULL_MARKS = [
    {"level1": "产出指标", "level3": "数量", "nature": "≥", "target": "10", "actual": "10", "points": "50"},
    {"level1": "效益指标", "level3": "效益", "nature": "≥", "target": "10", "actual": "10", "points": "30"},
    {"level1": "满意度指标", "level3": "满意度", "nature": "≥", "target": "90", "actual": "90", "points": "10"},
]


def year_with(funds, indicators=FULL_MARKS):
    """A one-project year; funds maps a source to {column: 万元 text}."""
    year = Document.new("测试部门", 2023, "yitihua-example").year(2023)
    pid = year.section("projects").add_row({"name": "测试项目"})
    for source, values in funds.items():
        year.section("project_funds").add_row({"project": pid, "source": source,
                                               **{k: wan(v) for k, v in values.items()}})
    for row in indicators:
        year.section("project_indicators").add_row(
            {"project": pid, **{k: D(v) if k == "points" else v for k, v in row.items()}})
    return year, pid


def total_at(executed, budget="100", profile=YITIHUA):
    year, pid = year_with({"年度资金总额": {"full_year_budget": budget, "executed": executed}})
    return score_project(year, pid, profile)


# -- the profile and its validator -------------------------------------------------------------
def test_the_example_profile_declares_every_option():
    assert validate_scoring(block()) == []
    assert YITIHUA.execution_base == "full_year"
    assert [(c.from_percent, c.to_percent, c.max_total) for c in YITIHUA.total_caps] == [
        (0, 50, 59), (50, 60, 69), (60, 70, 79), (70, 80, 89)]
    assert YITIHUA.quantitative.penalty_basis == "completion"
    assert [(b.from_percent, b.deduct_percent) for b in YITIHUA.quantitative.penalty_bands] == [(130, 20)]
    assert YITIHUA.qualitative.tier_bounds("部分达成") == (D("0.6"), D("0.8"))


@pytest.mark.parametrize("key", ["beijing-district", "beijing-municipal", "national"])
def test_the_options_are_off_in_the_other_profiles(key):
    profile = load_scoring_profile(key)
    assert profile.total_caps == () and profile.execution_base == "full_year"
    assert profile.quantitative.penalty_basis == "deviation"


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d["project"].update(execution_base="annual"), "execution_base: 应为 full_year 或 initial"),
    (lambda d: d["project"].update(total_caps={}), "total_caps: 应为数组"),
    (lambda d: d["project"]["total_caps"][0].update(to_percent="0"), "from_percent < to_percent"),
    (lambda d: d["project"]["total_caps"][1].update(from_percent="40"), "互不重叠"),
    (lambda d: d["project"]["total_caps"][0].update(max_total=89.5), "不能用浮点数"),
    (lambda d: d["project"]["total_caps"][0].update(max_total="101"), "max_total: 101 应在 0–100"),
    (lambda d: d["project"]["total_caps"][0].pop("max_total"), "缺少 max_total"),
    (lambda d: d["project"]["total_caps"][0].update(rate_below="80"), "未知属性 rate_below"),
    (lambda d: d["quantitative"]["over_target_penalty"].update(basis="ratio"), "basis: 应为 deviation 或 completion"),
    (lambda d: d["quantitative"]["over_target_penalty"]["bands"][0].update(from_percent="100"), "from_percent: 100"),
    (lambda d: d["qualitative"].update(tier_variant="70/40"), "tier_variant: 应为"),
])
def test_the_validator_refuses_a_wrong_option(change, fragment):
    data = block()
    change(data)
    problems = validate_scoring(data)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ValueError):
        build_scoring_profile(data)


# -- (a) the total capped by the 执行率 band -----------------------------------------------------
@pytest.mark.parametrize("executed, total", [
    ("69.99", "79.00"),   # 69.99 %: band 60–70, 96.999… capped at 79
    ("70", "89.00"),      # 70 % opens the 70–80 band: at most 89
    ("70.01", "89.00"),
    ("79.99", "89.00"),
    ("80", "98.00"),      # 80 %: no band, 8 + 90
    ("49.99", "59.00"),   # below 50 %: at most 59
    ("50", "69.00"),
])
def test_total_capped_by_the_execution_band(executed, total):
    result = score_project(*year_with({"年度资金总额": {"full_year_budget": "100", "executed": executed}}), YITIHUA)
    assert result.total == D(total)


def test_the_cap_is_explained_with_its_figures():
    result = total_at("75")
    assert result.total == D("89.00") and result.grade == "良好"
    assert any("预算执行率 75.00% 在 70%（含）至 80% 区间，总分上限 89.00：计算总分 97.50 按上限计为 89.00" in n
               for n in result.notes), result.notes


def test_a_rate_just_under_a_band_end_is_not_shown_as_the_end():
    result = total_at("69.99999")
    assert result.total == D("79.00")
    assert any(n.startswith("预算执行率 70.00%（不足 70%） 在 60%（含）至 70% 区间") for n in result.notes), result.notes


def test_a_total_under_its_cap_is_kept_and_said_so():
    year, pid = year_with({"年度资金总额": {"full_year_budget": "100", "executed": "75"}},
                          [dict(FULL_MARKS[0], actual="5"), *FULL_MARKS[1:]])
    result = score_project(year, pid, YITIHUA)
    assert result.total == D("72.50")                          # 7.5 + 25 + 30 + 10
    assert any("计算总分 72.50 未超过上限" in n for n in result.notes)


def test_no_cap_without_an_execution_rate():
    year, pid = year_with({})
    result = score_project(year, pid, YITIHUA)
    assert result.item("budget_execution").not_applicable and result.total == D("100.00")
    assert not any("上限" in n for n in result.notes)


def test_the_same_project_is_not_capped_by_the_national_profile():
    assert total_at("75", profile=load_scoring_profile("national")).total == D("97.50")


# -- (b) the deduction at 完成值 ≥ 130 % of the target --------------------------------------------
@pytest.mark.parametrize("actual, expected", [
    ("129.99", "10.00"),  # just below 130 %: full points
    ("130", "8.00"),      # at 130 %: 20 % of w off
    ("130.01", "8.00"),
    ("500", "8.00"),      # one band only
    ("99", "9.90"),       # below target: the ratio, untouched
])
def test_completion_deduction_at_its_threshold(actual, expected):
    assert score_quantitative("≥", D(100), D(actual), W, YITIHUA)[0] == D(expected)


def test_the_deduction_is_explained_with_its_figures():
    score, text = score_quantitative("≥", D(100), D(140), W, YITIHUA)
    assert score == D("8.00")
    assert "完成值 / 指标值 B / A = 140.00%，达到 130%，指标值设定偏低，扣分值的 20.00%" in text
    assert "得分 = 80.00% × 10.00 = 8.00" in text


def test_the_deduction_reaches_a_project_indicator_and_its_total():
    year, pid = year_with({"年度资金总额": {"full_year_budget": "100", "executed": "100"}},
                          [dict(FULL_MARKS[0], actual="13"), *FULL_MARKS[1:]])
    result = score_project(year, pid, YITIHUA)
    assert result.item("indicator:r1").score == D("40.00") and result.total == D("90.00")


def test_reverse_and_equal_indicators_are_not_deducted():
    assert score_quantitative("≤", D(100), D(50), W, YITIHUA)[0] == W
    assert score_quantitative("=", D(100), D(100), W, YITIHUA)[0] == W


def test_the_deviation_basis_reads_the_same_band_as_b_minus_a():
    profile = profile_with(lambda d: d["quantitative"]["over_target_penalty"].update(
        basis="deviation", bands=[{"from_percent": "30", "deduct_percent": "20"}]))
    for actual in ("129.99", "130", "130.01"):
        assert score_quantitative("≥", D(100), D(actual), W, profile)[0] == \
            score_quantitative("≥", D(100), D(actual), W, YITIHUA)[0]


# -- (c) a profile's own 定性 band set ------------------------------------------------------------
def test_a_profile_declares_its_own_qualitative_band_set():
    def own(data):
        data["qualitative"]["tier_bands"]["省级 85/60"] = {"达成": "0.85", "部分达成": "0.6"}
        data["qualitative"]["tier_variant"] = "省级 85/60"
        data["qualitative"]["tier_default_fractions"] = {"达成": "1", "部分达成": "0.7", "未达成": "0.3"}
    profile = profile_with(own)
    assert qualitative_range("达成", W, profile) == (D("8.5"), W, "达成")
    low, high, tier = qualitative_range("部分达成", W, profile)
    assert (low, high, tier) == (D(6), D("8.5"), "部分达成")
    assert not in_range(D("5.99"), low, high, W)     # just below
    assert in_range(D(6), low, high, W)              # at
    assert in_range(D("6.01"), low, high, W)         # just above
    assert not in_range(D("8.5"), low, high, W)      # the top belongs to 达成


@pytest.mark.parametrize("score, inside", [("5.99", False), ("6", True), ("6.01", True)])
def test_the_example_profile_partial_tier_starts_at_60_percent(score, inside):
    low, high, _ = qualitative_range("部分达成", W, YITIHUA)
    assert in_range(D(score), low, high, W) is inside


# -- 执行率 base ---------------------------------------------------------------------------------
def test_execution_measured_against_the_initial_budget():
    funds = {"年度资金总额": {"initial_budget": "80", "full_year_budget": "100", "executed": "76"}}
    initial = profile_with(lambda d: d["project"].update(execution_base="initial"))
    item = score_project(*year_with(funds), initial).item("budget_execution")
    assert item.score == D("9.50") and "76.00 / 80.00 = 95.00%（全年执行数 / 年初预算数）" in item.explanation
    assert "年初预算数" in item.formula
    assert score_project(*year_with(funds), YITIHUA).item("budget_execution").score == D("7.60")


def test_initial_base_left_blank_is_not_applicable_and_said_so():
    funds = {"年度资金总额": {"full_year_budget": "100", "executed": "76"}}
    initial = profile_with(lambda d: d["project"].update(execution_base="initial"))
    item = score_project(*year_with(funds), initial).item("budget_execution")
    assert item.not_applicable and "未填写年度资金总额的年初预算数，按不适用处理" in item.problems
