"""The scoring block of a profile: every default of domain.md §3 as data, and one validator for it."""

import json
from decimal import Decimal as D

import pytest

from desktop.domain.profiles import available_profiles
from desktop.paths import resource_path
from desktop.scoring import load_scoring_profile
from desktop.scoring.profile import build_scoring_profile, validate_scoring


def scoring_block():
    return json.loads(resource_path("profiles", "beijing-district.json").read_text(encoding="utf-8"))["scoring"]


def test_defaults_of_domain_md():
    profile = load_scoring_profile("beijing-district")
    assert profile.budget_execution_points == D(10)
    assert dict(profile.level1_points) == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    rules = profile.quantitative
    assert (rules.cap, rules.reverse_variant, rules.equal_variant, rules.penalty_applies_to_reverse) == \
        (True, "ratio", "deviation", False)
    assert [(b.from_percent, b.deduct_percent) for b in rules.penalty_bands] == [(200, 10), (300, 20), (500, 30)]
    qualitative = profile.qualitative
    assert qualitative.tier_bounds("达成") == (D("0.8"), D(1))
    assert qualitative.tier_bounds("部分达成") == (D("0.5"), D("0.8"))
    assert qualitative.tier_bounds("未达成") == (D(0), D("0.5"))
    assert qualitative.grade_mode == "tiers" and qualitative.grade_tiers["中"] == "部分达成"
    assert qualitative.grade_fractions["高中低"]["低"] == D("0.2")
    dept = profile.department
    assert (dept.execution_points, dept.output_points, dept.effect_points) == (20, 30, 30)
    assert [(r.key, r.points, r.deduction, r.checks) for r in dept.management] == [
        ("finance_system", 1, D("0.5"), 3), ("fund_compliance", 2, D("0.5"), 7), ("accounting_info", 1, D("0.5"), 3),
        ("asset_management", 4, D("0.8"), 6), ("performance_management", 4, 2, 2),
        ("carryover_rate", 4, D("0.4"), None), ("budget_variance", 4, D("0.4"), None)]
    assert (dept.carryover_mode, dept.variance_benchmark_percent, dept.variance_step_percent,
            dept.variance_step_count) == ("step", D("28.3"), 10, "floor")
    assert [(g.grade, g.label, g.low, g.high) for g in profile.grades] == [
        ("优", "优秀", 90, 100), ("良", "良好", 80, 90), ("中", "中", 60, 80), ("差", "差", 0, 60)]


@pytest.mark.parametrize("key", available_profiles())
def test_every_bundled_profile_has_a_valid_scoring_block(key):
    data = json.loads(resource_path("profiles", f"{key}.json").read_text(encoding="utf-8"))
    assert validate_scoring(data["scoring"]) == []
    assert load_scoring_profile(key).department.output_points == D(30)


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d["quantitative"].update(equal_variant="exact"), "equal_variant: 应为 deviation 或 anhui"),
    (lambda d: d["quantitative"].update(cap="yes"), "cap: 应为 true 或 false"),
    (lambda d: d["quantitative"]["over_target_penalty"]["bands"].reverse(), "区间起点应递增"),
    (lambda d: d["quantitative"]["over_target_penalty"]["bands"][0].update(deduct_percent="120"), "deduct_percent"),
    (lambda d: d["qualitative"].update(tier_variant="70/40"), "tier_variant: 应为 80/50 或 80/60"),
    (lambda d: d["qualitative"]["tier_bands"]["80/60"].update(部分达成="0.9"), "部分达成下限 < 达成下限"),
    (lambda d: d["qualitative"].update(grade_mode="points"), "grade_mode"),
    (lambda d: d["qualitative"]["grade_tiers"].update(优="满分"), "grade_tiers.优"),
    (lambda d: d["qualitative"]["grade_tiers"].pop("差"), "grade_tiers: 缺少 差"),
    (lambda d: d["qualitative"]["tier_default_fractions"].update(部分达成="0.9"), "不在该档区间内"),
    (lambda d: d["qualitative"]["grade_fractions"]["高中低"].update(高="1.5"), "grade_fractions.高中低.高"),
    (lambda d: d["qualitative"]["grade_fractions"]["优良中低差"].update(良=0.8), "不能用浮点数"),
    (lambda d: d["project"].update(budget_execution_points="20"), "合计为 110"),
    (lambda d: d["project"]["level1_points"].update(产出指标="abc"), "不是数字"),
    (lambda d: d["department"]["management"].pop("asset_management"), "management: 缺少 asset_management"),
    (lambda d: d["department"]["management"]["finance_system"].update(checks=0), "checks: 应为 1–50 的整数"),
    (lambda d: d["department"]["management"]["carryover_rate"].update(mode="linear"), "mode: 应为 step 或 proportional"),
    (lambda d: d["department"]["management"]["budget_variance"].update(step_count="round"), "step_count"),
    (lambda d: d["department"]["management"]["budget_variance"].update(step_percent="0"), "step_percent"),
    (lambda d: d["department"]["management"]["budget_variance"].update(benchmark_percent="NaN"), "benchmark_percent"),
    (lambda d: d["department"].update(effect_points="-1"), "effect_points"),
    (lambda d: d["grades"][1].update(max="85"), "首尾相接"),
    (lambda d: d["grades"].pop(), "最低一档的下限应为 0"),
    (lambda d: d["grades"][0].update(label=""), "label: 应为非空文字"),
    (lambda d: d.update(colour=1), "未知属性 colour"),
    (lambda d: d.pop("department"), "缺少 department"),
])
def test_validator_catches(change, fragment):
    data = scoring_block()
    change(data)
    problems = validate_scoring(data)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ValueError, match="评分方案有误"):
        build_scoring_profile(data)


def test_not_an_object():
    assert validate_scoring([], "x.scoring") == ["x.scoring: 应为对象"]


def test_the_alternative_variants_are_accepted():
    data = scoring_block()
    data["quantitative"].update(reverse_variant="linear", equal_variant="anhui")
    data["qualitative"].update(tier_variant="80/60", grade_mode="fractions")
    data["department"]["management"]["carryover_rate"]["mode"] = "proportional"
    data["department"]["management"]["budget_variance"]["step_count"] = "ceil"
    assert validate_scoring(data) == []
    profile = build_scoring_profile(data)
    assert profile.qualitative.tier_bounds("部分达成") == (D("0.6"), D("0.8"))


def test_a_scoring_profile_is_an_immutable_value():
    first, second = build_scoring_profile(scoring_block()), build_scoring_profile(scoring_block())
    assert first == second and hash(first) == hash(second)
    with pytest.raises(TypeError):
        first.level1_points["产出指标"] = D(60)
    changed = scoring_block()
    changed["qualitative"]["grade_mode"] = "fractions"
    assert build_scoring_profile(changed) != first
