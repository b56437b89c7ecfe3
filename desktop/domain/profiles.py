"""Profiles: the format and scoring settings of a locality's template, as data.

A year of a document names its profile; `resources/profiles/<key>.json` holds it. Display
units, decimals and separators come from here, never from constants in code (domain.md §1.4);
so do the scoring constants (domain.md §3, §7), checked by `scoring_profile.validate_scoring`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.domain.scoring_profile import ScoringProfile, build_scoring_profile, validate_scoring
from desktop.paths import resource_path

_FORMAT_KEYS = {"decision_unit", "performance_unit", "decimals", "thousands", "percent_decimals"}
_PROFILE_KEYS = {"key", "label", "format", "scoring", "audit"}
# 审核 settings a region's practice decides; each key's allowed values, the first is the default
_AUDIT_CHOICES = {
    # 政府采购支出总额 counted by payment (≤ 本年支出, X-08 an error) or by contract (may exceed it: a warning)
    "procurement_basis": ("payment", "contract"),
}


@dataclass(frozen=True)
class FormatProfile:
    decision_unit: str
    performance_unit: str
    decimals: int
    thousands: bool
    percent_decimals: int

    def unit_for(self, money_unit: str) -> str:
        """The display unit (元/万元) of a section's money ("decision" or "performance")."""
        return self.performance_unit if money_unit == "performance" else self.decision_unit


@dataclass(frozen=True)
class AuditProfile:
    procurement_basis: str = "payment"   # "payment" or "contract": how 政府采购支出总额 is counted


@dataclass(frozen=True)
class Profile:
    key: str
    label: str
    format: FormatProfile
    scoring: ScoringProfile
    audit: AuditProfile = AuditProfile()


def validate_profile(data: Any, key: str) -> list[str]:
    """The one validator for a profile file; an empty list means it can be used."""
    if not isinstance(data, dict):
        return [f"{key}: 应为对象"]
    problems = [f"{key}: 未知属性 {k}" for k in sorted(set(data) - _PROFILE_KEYS)]
    if data.get("key") != key:
        problems.append(f"{key}: key 应与文件名一致")
    if not isinstance(data.get("label"), str) or not data.get("label"):
        problems.append(f"{key}: 缺少 label")
    if "scoring" in data:
        problems += validate_scoring(data["scoring"], f"{key}.scoring")
    else:
        problems.append(f"{key}: 缺少 scoring")
    problems += _validate_audit(data.get("audit", {}), key)
    fmt = data.get("format")
    if not isinstance(fmt, dict):
        return problems + [f"{key}: 缺少 format"]
    problems += [f"{key}.format: 未知属性 {k}" for k in sorted(set(fmt) - _FORMAT_KEYS)]
    problems += [f"{key}.format: 缺少 {k}" for k in sorted(_FORMAT_KEYS - set(fmt))]
    for unit_key in ("decision_unit", "performance_unit"):
        if unit_key in fmt and fmt[unit_key] not in ("元", "万元"):
            problems.append(f"{key}.format.{unit_key}: 应为 元 或 万元")
    for number_key, upper in (("decimals", 6), ("percent_decimals", 4)):
        value = fmt.get(number_key)
        if number_key in fmt and (type(value) is not int or not 0 <= value <= upper):
            problems.append(f"{key}.format.{number_key}: 应为 0–{upper} 的整数")
    if "thousands" in fmt and type(fmt["thousands"]) is not bool:
        problems.append(f"{key}.format.thousands: 应为 true 或 false")
    return problems


def _validate_audit(audit: Any, key: str) -> list[str]:
    if not isinstance(audit, dict):
        return [f"{key}.audit: 应为对象"]
    problems = [f"{key}.audit: 未知属性 {k}" for k in sorted(set(audit) - set(_AUDIT_CHOICES))]
    for name, choices in _AUDIT_CHOICES.items():
        if name in audit and audit[name] not in choices:
            problems.append(f"{key}.audit.{name}: 应为 {' 或 '.join(choices)}")
    return problems


def available_profiles() -> list[str]:
    return sorted(p.stem for p in resource_path("profiles").glob("*.json"))


@cache
def load_profile(key: str) -> Profile:
    path = resource_path("profiles", f"{key}.json")
    if not path.is_file():
        raise KeyError(f"没有名为“{key}”的格式与评分方案")
    data = json.loads(path.read_text(encoding="utf-8"))
    problems = validate_profile(data, key)
    if problems:
        raise ValueError("方案文件有误：\n" + "\n".join(problems))
    return Profile(key, data["label"], FormatProfile(**data["format"]), build_scoring_profile(data["scoring"]),
                   AuditProfile(**data.get("audit", {})))
