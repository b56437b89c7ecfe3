"""Format profiles are data, each checked by the one validator."""

import json

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


def test_unknown_profile():
    with pytest.raises(KeyError):
        load_profile("nowhere")
