"""The problems 核对说明 reports, as data: resources/review/text_rules.json, checked by one validator.

The checker names a problem by its id (K-01 …); its severity, title and description live in the
file, so docs and the window describe the same list, and a severity can change without code. So
do the items a 决算公开说明 must mention (K-13), with the words that count as mentioning each.
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
class Disclosure:
    name: str                 # "公务接待费"
    of: str                   # what it belongs to ("“三公”经费"), "" for an item of its own
    words: tuple[str, ...]    # any of these in the text counts as mentioning it


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
    if not isinstance(data.get("disclosures", []), list):
        return ["text_rules.json: disclosures 应为列表"]
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
    for index, entry in enumerate(data.get("disclosures", [])):
        where = f"disclosures[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"name", "of", "words"}:
            problems.append(f"{where}: 应为含 name、of、words 的对象")
            continue
        if not isinstance(entry["name"], str) or not entry["name"].strip() or not isinstance(entry["of"], str):
            problems.append(f"{where}: name 应为非空文字，of 应为文字")
        if not isinstance(entry["words"], list) or not entry["words"] or not all(
                isinstance(w, str) and w.strip() for w in entry["words"]):
            problems.append(f"{where}: words 应为非空文字的列表")
    return problems


def _load() -> dict:
    data = json.loads(resource_path("review", "text_rules.json").read_text(encoding="utf-8"))
    problems = validate_text_rules(data)
    if problems:
        raise ValueError("resources/review/text_rules.json 有误：" + "；".join(problems))
    return data


@cache
def disclosures() -> tuple[Disclosure, ...]:
    """What a 决算公开说明 must mention, in the order of the template."""
    return tuple(Disclosure(e["name"], e["of"], tuple(e["words"])) for e in _load().get("disclosures", []))


@cache
def text_rules() -> dict[str, TextRule]:
    return {entry["id"]: TextRule(**entry) for entry in _load()["rules"]}


def text_rule(rule_id: str) -> TextRule:
    return text_rules()[rule_id]
