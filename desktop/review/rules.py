"""The problems 核对说明 reports, as data: resources/review/text_rules.json, checked by one validator.

The checker names a problem by its id (K-01 …); its severity, title and description live in the
file, so docs and the window describe the same list, and a severity can change without code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.paths import resource_path

SEVERITIES = ("error", "warning", "info")
_KEYS = {"id", "severity", "title", "description"}


@dataclass(frozen=True)
class TextRule:
    id: str
    severity: str
    title: str
    description: str


def validate_text_rules(data: Any) -> list[str]:
    """Every problem with the file; an empty list means it can be used."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return ["text_rules.json: 应为含 rules 列表的对象"]
    problems, seen = [], set()
    for index, entry in enumerate(data["rules"]):
        where = f"rules[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: 应为对象")
            continue
        problems += [f"{where}: 未知属性 {key}" for key in sorted(set(entry) - _KEYS)]
        problems += [f"{where}: 缺少 {key}" for key in sorted(_KEYS - set(entry))]
        rule_id = entry.get("id")
        if not isinstance(rule_id, str) or not re.fullmatch(r"K-\d{2}", rule_id):
            problems.append(f"{where}: id 应为 K-nn")
        elif rule_id in seen:
            problems.append(f"{where}: id {rule_id} 重复")
        seen.add(rule_id)
        if entry.get("severity") not in SEVERITIES:
            problems.append(f"{where}: severity 应为 {'、'.join(SEVERITIES)} 之一")
        for key in ("title", "description"):
            if not isinstance(entry.get(key), str) or not entry.get(key, "").strip():
                problems.append(f"{where}: {key} 应为非空文字")
    return problems


@cache
def text_rules() -> dict[str, TextRule]:
    data = json.loads(resource_path("review", "text_rules.json").read_text(encoding="utf-8"))
    problems = validate_text_rules(data)
    if problems:
        raise ValueError("resources/review/text_rules.json 有误：" + "；".join(problems))
    return {entry["id"]: TextRule(**entry) for entry in data["rules"]}


def text_rule(rule_id: str) -> TextRule:
    return text_rules()[rule_id]
