"""The 审核 engine: runs the catalogue over one year, and after an edit only what the edit touches.

Each rule declares the fields it reads. After a change to (section, row, column) the engine
re-runs only the rules that read that field; a rule partitioned by the rows of a table (one
project, one indicator) re-runs only for the affected row. Results are kept per rule and per
partition, so the full list is a merge, not a re-validation.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Iterable

from desktop.domain.document import Document
from desktop.rules.catalogue import Catalogue, RuleSpec, load_catalogue
from desktop.rules.context import RuleContext
from desktop.rules.findings import SEVERITIES, Finding, Location

log = logging.getLogger(__name__)
WHOLE = None  # partition key of an unpartitioned rule
LABEL_COLUMNS = ("code", "name", "item", "level3")  # what RuleContext.row_name shows
STRICT_ENV = "FISCALDESK_STRICT_RULES"  # "1": a rule's exception propagates (set by the tests)


def strict_rules() -> bool:
    """Whether a rule's exception propagates instead of becoming a finding.

    The tests set FISCALDESK_STRICT_RULES=1 (tests/conftest.py): a rule that crashes exactly
    where it should report would otherwise still produce a finding with its id and pass.
    """
    return os.environ.get(STRICT_ENV) == "1"


@dataclass(frozen=True)
class Change:
    """One edit: a cell (row and column), a whole row (column None: added, removed, moved)."""
    section: str
    row: str | None = None
    column: str | None = None


@dataclass(frozen=True)
class Delta:
    added: tuple[Finding, ...]
    removed: tuple[Finding, ...]


class Engine:
    def __init__(self, document: Document, year: int, catalogue: Catalogue | None = None) -> None:
        self.document = document
        self.year = year
        self.catalogue = catalogue or load_catalogue()
        self.context = RuleContext(document, year)
        self._readers: dict[tuple[str, str], list[RuleSpec]] = {}
        for spec in self.catalogue.rules:
            for read in spec.reads:
                self._readers.setdefault(read, []).append(spec)
        self._results: dict[str, dict[str | None, list[Finding]]] = {}

    # -- running ------------------------------------------------------------------------
    def validate(self) -> list[Finding]:
        """Run every rule from scratch."""
        self.context = RuleContext(self.document, self.year)
        self._results = {spec.id: self._run_all(spec) for spec in self.catalogue.rules}
        return self.findings()

    def update(self, changes: Iterable[Change]) -> Delta:
        """Re-run what the changes touch; returns the findings that appeared and disappeared."""
        before = {f.identity: f for f in self._raw()}
        work: dict[str, set[str | None]] = {}
        for change in changes:
            self.context.forget(change.section)
            for spec in self._rules_reading(change):
                targets = work.setdefault(spec.id, set())
                if WHOLE not in targets:
                    targets.update(self._partitions_for(spec, change))
        for rule_id, targets in work.items():
            spec = self.catalogue.rule(rule_id)
            if WHOLE in targets or spec.partition is None:
                self._results[rule_id] = self._run_all(spec)
                continue
            results = self._results.setdefault(rule_id, {})
            rows = self.context.data.sections[spec.partition.section].rows
            for target in targets:
                results.pop(target, None)
                if target in rows:
                    results[target] = self._run(spec, target)
        after = {f.identity: f for f in self._raw()}
        return Delta(tuple(f for k, f in after.items() if k not in before or before[k] != f),
                     tuple(f for k, f in before.items() if k not in after))

    def _rules_reading(self, change: Change) -> list[RuleSpec]:
        readers = list(self._readers.get((change.section, "*"), ()))
        if change.column is None or change.column in LABEL_COLUMNS:  # messages name rows by these
            readers += [s for (section, _), specs in self._readers.items() if section == change.section
                        for s in specs]
        else:
            readers += self._readers.get((change.section, change.column), ())
            section = self.document.schema.section(change.section)
            for computed in section.depends_on(change.column):  # a 总计 column adds up other columns
                readers += self._readers.get((change.section, computed), ())
        unique: dict[str, RuleSpec] = {s.id: s for s in readers}
        return list(unique.values())

    def _partitions_for(self, spec: RuleSpec, change: Change) -> set[str | None]:
        partition = spec.partition
        if partition is None or change.row is None:
            return {WHOLE}
        if change.section == partition.section:
            return {change.row}
        via_column = partition.via.get(change.section)
        if via_column is None or change.column in (None, via_column):
            return {WHOLE}  # membership may have changed
        row = self.context.row(change.section, change.row) or {}
        return {row.get(via_column)} - {None}

    def _run_all(self, spec: RuleSpec) -> dict[str | None, list[Finding]]:
        if spec.partition is None:
            return {WHOLE: self._run(spec, WHOLE)}
        return {row: self._run(spec, row) for row in self.context.data.sections[spec.partition.section].rows}

    def _run(self, spec: RuleSpec, partition: str | None) -> list[Finding]:
        context = self.context
        context.rule_id, context.severity, context.params = spec.id, spec.severity, spec.params
        context.reads = spec.reads
        try:
            found = spec.check(context) if partition is WHOLE else spec.check(context, partition)
            return _merge_same_identity(found)
        except Exception as exc:  # a broken rule must not take the editor down with it
            if strict_rules():
                raise
            log.exception("rule %s failed", spec.id)
            return [self._failure(spec, partition, exc)]

    def _failure(self, spec: RuleSpec, partition: str | None, exc: Exception) -> Finding:
        """The finding that stands for a rule which raised instead of checking.

        It keeps the rule's own severity: the check did not run, so the document must not pass
        where the rule could have stopped it (强制性 keeps the gate closed), yet a crashing
        提示性 rule must not block more than its own finding could. It sits on the rule's
        partition row, or on the first section the rule reads.
        """
        if partition is not WHOLE and spec.partition is not None:
            location = Location(spec.partition.section, partition)
        else:
            location = Location(spec.reads[0][0])
        return Finding(spec.id, spec.severity, self.year, location,
                       f"规则执行出错：{spec.id} {spec.title}（{type(exc).__name__}: {exc}），"
                       "请将此文档反馈给维护人员")

    # -- results ------------------------------------------------------------------------
    def _raw(self) -> list[Finding]:
        return [f for per_rule in self._results.values() for found in per_rule.values() for f in found]

    def findings(self) -> list[Finding]:
        """All current findings, explanations attached, errors first."""
        explanations = self.context.data.explanations
        merged = {}
        for finding in self._raw():
            text = explanations.get(finding.identity)
            merged[finding.identity] = finding if text is None else _with_explanation(finding, text)
        order = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(merged.values(), key=lambda f: (order[f.severity], _rule_order(f.rule), f.location))

    def orphaned_explanations(self) -> list[tuple[str, str]]:
        """Explanations whose finding no longer exists (the GUI drops them after an edit)."""
        current = {f.identity for f in self._raw()}
        return [key for key in self.context.data.explanations if key not in current]

    def prune_explanations(self) -> list[tuple[str, str]]:
        """Drop the explanations whose finding has disappeared; returns their identities so the
        caller can remove them from the document file too."""
        orphans = self.orphaned_explanations()
        for key in orphans:
            del self.context.data.explanations[key]
        return orphans


def _merge_same_identity(found) -> list[Finding]:
    """Two problems a rule finds at the same cell become one finding with both messages."""
    merged: dict[tuple[str, str], Finding] = {}
    for finding in found:
        earlier = merged.get(finding.identity)
        if earlier is None:
            merged[finding.identity] = finding
        else:
            severity = min(earlier.severity, finding.severity, key=SEVERITIES.index)
            merged[finding.identity] = Finding(earlier.rule, severity, earlier.year, earlier.location,
                                               f"{earlier.message}；{finding.message}")
    return list(merged.values())


def _with_explanation(finding: Finding, text: str) -> Finding:
    return Finding(finding.rule, finding.severity, finding.year, finding.location, finding.message, text)


def _rule_order(rule_id: str) -> tuple:
    prefix, _, rest = rule_id.partition("-")
    digits = "".join(ch for ch in rest[:2] if ch in "0123456789")  # not isdigit(): "²" is a digit to it
    return (prefix, int(digits) if digits else 0, rule_id)


def check_document(document: Document, year: int | None = None) -> list[Finding]:
    """Validate one year (default: the latest) from scratch."""
    year = year if year is not None else document.latest_year().year
    return Engine(document, year).validate()
