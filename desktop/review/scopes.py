"""Which typed texts are checked against which parts of the 说明 (审核 K-22), as data.

resources/review/typed_scopes.json groups the prose columns a clerk types (a 功能分类 row's reason,
the 三公 reasons, the 绩效 texts…) with the parts of the generated 说明 whose figures they speak
of, and says which tables each part is built from. K-22 then runs once per group: an edit re-checks
only the groups that read the edited table, and builds only their parts of the 说明, so a reason
typed under 一般公共预算 never waits for 200 projects' scores. One validator checks the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.domain.schema import DocumentSchema, document_schema
from desktop.paths import resource_path

_SCOPE_KEYS = {"key", "title", "texts", "reference"}


@dataclass(frozen=True)
class Scope:
    key: str
    title: str                                  # what the group is about, for whoever reads the file
    texts: tuple[tuple[str, str], ...]          # (section, column or "*") of the typed texts checked
    reference: tuple[str, ...]                  # the 说明 builders whose figures they are checked against
    reads: tuple[str, ...]                      # every table the group depends on: its texts' and its builders'


def validate_scopes(data: Any, schema: DocumentSchema, builders: set[str]) -> list[str]:
    """Every problem with the file (`builders`: the names the 说明 generator knows)."""
    if not isinstance(data, dict) or not isinstance(data.get("builders"), dict) or not isinstance(data.get("scopes"), list):
        return ["typed_scopes.json: 应为含 builders 对象和 scopes 列表的对象"]
    sections = {s.key: s for s in schema.sections}
    problems: list[str] = []
    for name, reads in data["builders"].items():
        if name not in builders:
            problems.append(f"builders.{name}: 说明中没有这一部分")
        if not isinstance(reads, list) or not reads or not all(isinstance(r, str) for r in reads):
            problems.append(f"builders.{name}: 应为表名的非空列表")
            continue
        problems += [f"builders.{name}: 表 {r} 不存在" for r in reads if r not in sections]
    seen: set[str] = set()
    for index, scope in enumerate(data["scopes"]):
        where = f"scopes[{index}]"
        if not isinstance(scope, dict) or set(scope) != _SCOPE_KEYS:
            problems.append(f"{where}: 应为含 {'、'.join(sorted(_SCOPE_KEYS))} 的对象")
            continue
        if not isinstance(scope["key"], str) or not scope["key"] or scope["key"] in seen:
            problems.append(f"{where}: key 应为不重复的非空文字")
        seen.add(scope["key"])
        if not isinstance(scope["title"], str) or not scope["title"].strip():
            problems.append(f"{where}: title 应为非空文字")
        if not isinstance(scope["texts"], list) or not scope["texts"]:
            problems.append(f"{where}: texts 应为非空列表")
        else:
            for text in scope["texts"]:
                section, _, column = str(text).partition(".")
                if section not in sections:
                    problems.append(f"{where}: texts 中的表 {section} 不存在")
                elif column != "*" and column not in sections[section].column_keys:
                    problems.append(f"{where}: texts 中的列 {text} 不存在")
        if not isinstance(scope["reference"], list) or not scope["reference"]:
            problems.append(f"{where}: reference 应为非空列表")
        else:
            problems += [f"{where}: reference 中的 {name} 未在 builders 中声明"
                         for name in scope["reference"] if name not in data["builders"]]
    return problems


def _scope(raw: dict, builders: dict[str, list[str]]) -> Scope:
    texts = tuple((section, column) for section, _, column in (t.partition(".") for t in raw["texts"]))
    reads = {section for section, _ in texts} | {r for name in raw["reference"] for r in builders[name]}
    return Scope(raw["key"], raw["title"], texts, tuple(raw["reference"]), tuple(sorted(reads)))


@cache
def typed_scopes() -> tuple[Scope, ...]:
    """The groups of the file, checked once per process."""
    from desktop.narrative.generator import BUILDERS
    data = json.loads(resource_path("review", "typed_scopes.json").read_text(encoding="utf-8"))
    problems = validate_scopes(data, document_schema(), set(BUILDERS))
    if problems:
        raise ValueError("resources/review/typed_scopes.json 有误：" + "；".join(problems))
    return tuple(_scope(raw, data["builders"]) for raw in data["scopes"])


def typed_scope(key: str) -> Scope:
    """One group by its key (K-22's partition key)."""
    return next(scope for scope in typed_scopes() if scope.key == key)
