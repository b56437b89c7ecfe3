"""Profiles (format and scoring settings) are data, each checked by the one validator."""

import json
from decimal import Decimal

import pytest

from desktop.domain.profiles import available_profiles, load_profile, validate_profile
from desktop.paths import resource_path


@pytest.mark.parametrize("key", available_profiles())
def test_bundled_profiles_are_valid(key):
    data = json.loads(resource_path("profiles", f"{key}.json").read_text(encoding="utf-8"))
    assert validate_profile(data, key) == []


def test_default_profile_is_the_district_template():
    fmt = load_profile("beijing-district").format
    assert (fmt.decision_unit, fmt.performance_unit, fmt.decimals, fmt.thousands, fmt.percent_decimals) == \
        ("元", "万元", 2, True, 1)
    assert fmt.unit_for("performance") == "万元"


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d["format"].update(decision_unit="美元"), "decision_unit"),
    (lambda d: d.pop("scoring"), "缺少 scoring"),
    (lambda d: d["scoring"]["quantitative"].update(reverse_variant="inverse"), "reverse_variant: 应为 ratio 或 linear"),
    (lambda d: d["scoring"]["qualitative"]["tier_bands"]["80/50"].update(达成=0.8), "不能用浮点数"),
    (lambda d: d["scoring"]["department"].update(execution_points="25"), "合计为 105"),
    (lambda d: d["format"].update(decimals=9), "decimals"),
    (lambda d: d["format"].update(thousands="yes"), "thousands"),
    (lambda d: d["format"].pop("percent_decimals"), "缺少 percent_decimals"),
    (lambda d: d.update(key="other"), "文件名"),
    (lambda d: d.update(colour=1), "未知属性"),
])
def test_validator_catches(change, fragment):
    data = json.loads(resource_path("profiles", "beijing-district.json").read_text(encoding="utf-8"))
    change(data)
    assert any(fragment in p for p in validate_profile(data, "beijing-district"))


def test_the_scoring_block_is_typed():
    scoring = load_profile("beijing-district").scoring
    assert scoring.budget_execution_points == Decimal(10)
    assert scoring.department.row("asset_management").deduction == Decimal("0.8")
    assert scoring.grades[0].label == "优秀"


def test_unknown_profile():
    with pytest.raises(KeyError):
        load_profile("nowhere")
