"""The rule catalogue as data: resources/rules/catalogue.json, checked by one validator.

Each entry names a rule of domain.md §2 (or an additional reviewer's check), its severity, its
Chinese title and description, the fields it reads (`section.column`, or `section.*`), how it
is partitioned (per row of a table, so one edit re-runs one row) and its thresholds. Rules of
§2 the model cannot express, and those the generator satisfies by construction, are listed too
so `docs/rules.md` accounts for every id. Regenerate that file with
`python -m desktop.rules.catalogue`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from desktop.domain.schema import DocumentSchema, document_schema
from desktop.paths import resource_path
from desktop.rules.findings import SEVERITIES, SEVERITY_LABELS
from desktop.rules.registry import Check, Groups, Parts, registered_checks, registered_groups, registered_parts

_RULE_KEYS = {"id", "severity", "title", "description", "reads", "partition", "params", "source"}


@dataclass(frozen=True)
class Partition:
    section: str                                   # the check runs once per row of this table
    via: dict[str, str] = field(default_factory=dict)  # other tables whose ref column points at it


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: str
    title: str
    description: str
    source: str
    reads: tuple[tuple[str, str], ...]             # (section, column or "*")
    partition: Partition | None
    params: dict[str, Any]
    check: Check
    parts: Parts | None = None                     # partitions the check declares itself (registry.check)
    groups: Groups | None = None                   # or groups of its table's rows (registry.check)


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[RuleSpec, ...]
    not_expressed: tuple[dict[str, str], ...]
    by_construction: tuple[dict[str, str], ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(spec.id for spec in self.rules)

    def rule(self, rule_id: str) -> RuleSpec:
        for spec in self.rules:
            if spec.id == rule_id:
                return spec
        raise KeyError(rule_id)


def validate_catalogue(data: Any, schema: DocumentSchema, checks: dict[str, Check]) -> list[str]:
    """The one validator of the catalogue file; an empty list means it can be used."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return ["catalogue.json: 应为含 rules 列表的对象"]
    problems: list[str] = []
    seen: set[str] = set()
    sections = {s.key: s for s in schema.sections}
    for index, raw in enumerate(data["rules"]):
        where = f"rules[{index}] ({raw.get('id') if isinstance(raw, dict) else '?'})"
        if not isinstance(raw, dict):
            problems.append(f"{where}: 应为对象")
            continue
        problems += [f"{where}: 未知属性 {k}" for k in sorted(set(raw) - _RULE_KEYS)]
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            problems.append(f"{where}: 缺少 id")
        elif rule_id in seen:
            problems.append(f"{where}: id 重复")
        elif rule_id not in checks:
            problems.append(f"{where}: 没有对应的检查函数")
        seen.add(rule_id)
        if raw.get("severity") not in SEVERITIES:
            problems.append(f"{where}: severity 应为 {SEVERITIES}")
        for text_key in ("title", "description", "source"):
            if not isinstance(raw.get(text_key), str) or not raw.get(text_key):
                problems.append(f"{where}: 缺少 {text_key}")
        reads = raw.get("reads")
        if not isinstance(reads, list) or not reads:
            problems.append(f"{where}: reads 应为非空列表")
            reads = []
        for read in reads:
            section, _, column = str(read).partition(".")
            if section not in sections:
                problems.append(f"{where}: reads 中的表 {section} 不存在")
            elif column != "*" and column not in sections[section].column_keys:
                problems.append(f"{where}: reads 中的列 {read} 不存在")
        partition = raw.get("partition")
        if partition is not None:
            problems += _validate_partition(where, partition, sections, reads)
        if not isinstance(raw.get("params", {}), dict):
            problems.append(f"{where}: params 应为对象")
    problems += [f"检查函数 {rule_id} 不在目录中" for rule_id in sorted(set(checks) - seen)]
    for list_key in ("not_expressed", "by_construction"):
        for index, raw in enumerate(data.get(list_key, [])):
            if not isinstance(raw, dict) or set(raw) != {"id", "reason"} or not all(
                    isinstance(v, str) and v for v in raw.values()):
                problems.append(f"{list_key}[{index}]: 应为含 id 与 reason 的对象")
            elif raw["id"] in seen:
                problems.append(f"{list_key}[{index}]: {raw['id']} 已在 rules 中实现")
    return problems


def _validate_partition(where: str, partition: Any, sections: dict, reads: list) -> list[str]:
    if not isinstance(partition, dict) or partition.get("section") not in sections \
            or sections[partition["section"]].kind != "table":
        return [f"{where}: partition.section 应为某个 table"]
    problems = []
    for via_section, via_column in partition.get("via", {}).items():
        declared = sections.get(via_section)
        if declared is None or via_column not in declared.column_keys \
                or declared.column(via_column).target != partition["section"]:
            problems.append(f"{where}: partition.via {via_section}.{via_column} 应为指向 {partition['section']} 的引用列")
    read_sections = {str(r).partition(".")[0] for r in reads}
    if partition["section"] not in read_sections:
        problems.append(f"{where}: partition 的表应在 reads 中")
    return problems


def build_catalogue(data: dict, schema: DocumentSchema | None = None) -> Catalogue:
    checks = registered_checks()
    parts, groups = registered_parts(), registered_groups()
    problems = validate_catalogue(data, schema or document_schema(), checks)
    problems += [f"{raw['id']}: 目录中的 partition 与检查函数自己的分区不能同时使用" for raw in data["rules"]
                 if raw.get("partition") and (raw["id"] in parts or raw["id"] in groups)]
    if problems:
        raise ValueError("审核规则目录有误：\n" + "\n".join(problems))
    rules = []
    for raw in data["rules"]:
        partition = raw.get("partition")
        rules.append(RuleSpec(
            id=raw["id"], severity=raw["severity"], title=raw["title"], description=raw["description"],
            source=raw["source"],
            reads=tuple((r.partition(".")[0], r.partition(".")[2]) for r in raw["reads"]),
            partition=Partition(partition["section"], dict(partition.get("via", {}))) if partition else None,
            params=dict(raw.get("params", {})), check=checks[raw["id"]], parts=parts.get(raw["id"]),
            groups=groups.get(raw["id"]),
        ))
    return Catalogue(tuple(rules), tuple(data.get("not_expressed", ())), tuple(data.get("by_construction", ())))


@cache
def load_catalogue() -> Catalogue:
    return build_catalogue(json.loads(resource_path("rules", "catalogue.json").read_text(encoding="utf-8")))


def render_markdown(catalogue: Catalogue) -> str:
    """docs/rules.md: every rule with id, severity and wording, and what is not checked and why."""
    lines = ["# 审核规则目录", "",
             "Generated from `resources/rules/catalogue.json` by `python -m desktop.rules.catalogue`; "
             "do not edit by hand. Ids follow `../shared/domain.md` §2; W-xx are the §2.4 核实性 checks, "
             "U-, V- and D-xx and ids with a letter suffix are further checks a reviewer of the seed documents makes.", "",
             "Severity: 强制性 (error) blocks export; 提示性 (warning) needs a typed explanation; "
             "提示信息 (info) is a rounding residual or a note.", "",
             "Blank is not zero: where blank cells could account for a difference (a blank part on the side "
             "that falls short), a comparison reports one 提示性 finding at the first blank cell naming them "
             "(“…未填写；如为0请填0”, with the figures), never a mismatch; figures already filled that break "
             "the identity are reported with the rule's severity whatever the blanks hold.", "",
             "| ID | 级别 | 规则 | 说明 | 读取 | 参数 |", "|---|---|---|---|---|---|"]
    for spec in catalogue.rules:
        reads = ", ".join(f"`{s}.{c}`" for s, c in spec.reads)
        params = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in spec.params.items())
        lines.append(f"| {spec.id} | {SEVERITY_LABELS[spec.severity]} | {spec.title} | {spec.description} "
                     f"({spec.source}) | {reads} | {params} |")
    lines += ["", "## Satisfied by construction", "",
              "These rules constrain text FiscalDesk generates; the generator cannot break them.", "",
              "| ID | How |", "|---|---|"]
    lines += [f"| {item['id']} | {item['reason']} |" for item in catalogue.by_construction]
    lines += ["", "## Not expressed yet", "", "| ID | Reason |", "|---|---|"]
    lines += [f"| {item['id']} | {item['reason']} |" for item in catalogue.not_expressed]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from desktop.paths import resources_dir
    target = resources_dir().parent / "docs" / "rules.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    print(target)
