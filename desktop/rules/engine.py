"""The 审核 engine: runs the catalogue over one year, and after an edit only what the edit touches.

Each rule declares the fields it reads. After a change to (section, row, column) the engine
re-runs only the rules that read that field; a rule partitioned by the rows of a table (one
project, one indicator) re-runs only for the affected row. Results are kept per rule and per
partition, so the full list is a merge, not a re-validation, and the Delta compares only what
was re-run.

What a partition depends on beyond its own row is remembered between edits, so that every
edit kind stays local (issue 21): each indicator/fund row's project (a row moved, added or
removed re-runs its old and its new project), each row's group for a check run per group of
rows (a 功能分类 row's 类: a code edit re-runs the old and the new 类), and the rows without a
name, which messages show by their ordinal (第N行) and a row added before them renumbers.
A check may also declare its own partitions (registry.check parts=): T0-01 per published
table, N-06 per part of the 说明.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Iterable

from desktop.domain.document import Document
from desktop.rules.catalogue import Catalogue, RuleSpec, load_catalogue
from desktop.rules.context import LABEL_COLUMNS, RuleContext
from desktop.rules.findings import SEVERITIES, Delta, Finding, Location, finding_order

log = logging.getLogger(__name__)
WHOLE = None  # partition key of an unpartitioned rule
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


class Engine:
    def __init__(self, document: Document, year: int, catalogue: Catalogue | None = None) -> None:
        self.document = document
        self.year = year
        self.catalogue = catalogue or load_catalogue()
        self.context = RuleContext(document, year)
        self._specs = {spec.id: spec for spec in self.catalogue.rules}
        self._readers: dict[tuple[str, str], list[RuleSpec]] = {}
        for spec in self.catalogue.rules:
            for read in spec.reads:
                self._readers.setdefault(read, []).append(spec)
        self._results: dict[str, dict[str | None, list[Finding]]] = {}
        self._parts: dict[str, tuple[str, dict[str, frozenset[str]]]] = {}  # rule → (profile, its parts)
        # each row's owner (its project) in the tables partitioned rules reach through a ref column,
        # as the engine last saw it: moving a row re-runs its old owner as well as its new one
        self._via = sorted({(section, column) for spec in self.catalogue.rules if spec.partition
                            for section, column in spec.partition.via.items()})
        self._owners: dict[tuple[str, str], dict[str, str | None]] = {}
        self._remember_owners()
        # the rows without a name (shown as 第N行) of the tables partitioned rules run over
        self._tracked = {section for spec in self.catalogue.rules for section in (
            ([spec.partition.section, *spec.partition.via] if spec.partition else [])
            + ([spec.groups[0]] if spec.groups else []))}
        self._unnamed: dict[str, set[str]] = {}
        self._remember_unnamed()
        # each row's group, as the engine last saw it, for the rules run once per group of rows
        self._grouped: dict[str, dict[str, str]] = {}  # rule id → row → group
        self._remember_all_groups()

    # -- running ------------------------------------------------------------------------
    def validate(self) -> list[Finding]:
        """Run every rule from scratch."""
        self.context = RuleContext(self.document, self.year)
        self._parts.clear()
        self._remember_unnamed()
        self._remember_all_groups()
        self._remember_owners()
        self._results = {spec.id: self._run_all(spec) for spec in self.catalogue.rules}
        return self.findings()

    def update(self, changes: Iterable[Change]) -> Delta:
        """Re-run what the changes touch; returns the findings that appeared (or whose message
        changed) and those that disappeared.

        Only the rules and partitions re-run are compared: a finding's identity is unique
        across the findings of all rules and partitions, so the rest cannot have changed."""
        changes = list(changes)
        for change in changes:
            self.context.forget(change.section)
        self._remember_unnamed(changes)
        work: dict[str, set[str | None]] = {}
        for change in changes:
            for spec in self._rules_reading(change):
                targets = work.setdefault(spec.id, set())
                if WHOLE not in targets:
                    targets.update(self._partitions_for(spec, change))
        self._remember_owners(changes)
        self._remember_groups(changes)
        added: list[Finding] = []
        removed: list[Finding] = []
        for rule_id, targets in work.items():
            spec = self._specs[rule_id]
            if WHOLE in targets or not self._partitioned(spec):
                old = self._results.get(rule_id, {})
                self._results[rule_id] = self._run_all(spec)
                _diff([f for found in old.values() for f in found],
                      [f for found in self._results[rule_id].values() for f in found], added, removed)
                continue
            results = self._results.setdefault(rule_id, {})
            present = self._partition_keys(spec)
            old_found: list[Finding] = []
            new_found: list[Finding] = []
            for target in targets:
                old_found += results.pop(target, [])
                if target in present:
                    results[target] = self._run(spec, target)
                    new_found += results[target]
            # One comparison over all the re-run partitions: a finding whose row moved from one
            # project to another leaves one partition and enters the other, and is not removed.
            _diff(old_found, new_found, added, removed)
        return Delta(tuple(added), tuple(removed))

    def rerun(self, rule_ids: Iterable[str]) -> Delta:
        """Run these rules again in full (what they read changed outside this engine's document)."""
        added: list[Finding] = []
        removed: list[Finding] = []
        for rule_id in rule_ids:
            old = self._results.get(rule_id, {})
            self._results[rule_id] = self._run_all(self._specs[rule_id])
            _diff([f for found in old.values() for f in found],
                  [f for found in self._results[rule_id].values() for f in found], added, removed)
        return Delta(tuple(added), tuple(removed))

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

    @staticmethod
    def _partitioned(spec: RuleSpec) -> bool:
        return spec.partition is not None or spec.parts is not None or spec.groups is not None

    def _remember_all_groups(self) -> None:
        self._grouped = {}
        for spec in self.catalogue.rules:
            if spec.groups is not None:
                section, group_of = spec.groups
                self._grouped[spec.id] = {row_id: group_of(values) for row_id, values
                                          in self.context.data.sections[section].rows.items()}

    def _remember_groups(self, changes: list[Change]) -> None:
        for rule_id, known in self._grouped.items():
            section, group_of = self._specs[rule_id].groups
            _follow(known, self.context.data.sections[section].rows, section, changes, group_of)

    def _parts_of(self, spec: RuleSpec) -> dict[str, frozenset[str]]:
        """The partitions a check declares itself, with the sections each reads (per profile)."""
        profile = self.context.data.profile
        known = self._parts.get(spec.id)
        if known is None or known[0] != profile:
            assert spec.parts is not None
            known = (profile, {key: frozenset(sections) for key, sections in spec.parts(self.context).items()})
            self._parts[spec.id] = known
        return known[1]

    def _partition_keys(self, spec: RuleSpec):
        if spec.parts is not None:
            return self._parts_of(spec)
        if spec.groups is not None:
            section, group_of = spec.groups
            return dict.fromkeys(group_of(values) for values in self.context.data.sections[section].rows.values())
        assert spec.partition is not None
        return self.context.data.sections[spec.partition.section].rows

    def _partitions_for(self, spec: RuleSpec, change: Change) -> set[str | None]:
        if spec.parts is not None:
            return {key for key, sections in self._parts_of(spec).items() if change.section in sections}
        if spec.groups is not None:
            return self._groups_for(spec, change)
        partition = spec.partition
        if partition is None or change.row is None:
            return {WHOLE}
        targets: set[str | None] = set()
        if change.column is None:  # a row added or removed: unnamed rows after it are renumbered
            targets |= self._unnamed_owners(spec, change.section)
        if change.section == partition.section:
            return targets | {change.row}
        via_column = partition.via.get(change.section)
        if via_column is None:
            return {WHOLE}
        row = self.context.row(change.section, change.row)
        current = None if row is None else row.get(via_column)
        if change.column in (None, via_column):  # membership changed: the old owner and the new one
            targets.add(self._owners[(change.section, via_column)].get(change.row))
        return (targets | {current}) - {None}

    def _groups_for(self, spec: RuleSpec, change: Change) -> set[str | None]:
        """The row's group before and after the change; on a row added or removed, also the groups
        of rows without a name (第N行, renumbered)."""
        section, group_of = spec.groups
        if change.section != section or change.row is None:
            return {WHOLE}
        known = self._grouped[spec.id]
        values = self.context.data.sections[section].rows.get(change.row)
        targets = {known.get(change.row), None if values is None else group_of(values)}
        if change.column is None:
            rows = self.context.data.sections[section].rows
            targets |= {group_of(rows[row_id]) for row_id in self._unnamed[section]}
        return targets - {None}

    def _unnamed_owners(self, spec: RuleSpec, section: str) -> set[str | None]:
        """The partitions whose messages may name a row of `section` by its ordinal (第N行, what
        RuleContext.row_name shows for a row without code or name): a row inserted or removed
        before it renumbers it."""
        assert spec.partition is not None
        if section == spec.partition.section:
            owner = None
        else:
            owner = spec.partition.via.get(section)
            if owner is None:
                return set()
        rows = self.context.data.sections[section].rows
        return {row_id if owner is None else rows[row_id].get(owner) for row_id in self._unnamed[section]}

    def _remember_unnamed(self, changes: list[Change] | None = None) -> None:
        """Note the rows without a name: of every tracked table (None), or of the changed rows."""
        for section in self._tracked:
            rows = self.context.data.sections[section].rows
            if changes is None:
                self._unnamed[section] = {row_id for row_id, values in rows.items() if _unnamed(values)}
                continue
            unnamed = self._unnamed[section]
            for change in changes:
                if change.section == section and change.row is not None:
                    values = rows.get(change.row)
                    if values is not None and _unnamed(values):
                        unnamed.add(change.row)
                    else:
                        unnamed.discard(change.row)

    def _remember_owners(self, changes: list[Change] | None = None) -> None:
        """Note each row's owner: all rows (None), or the rows the changes touched."""
        for section, column in self._via:
            rows = self.context.data.sections[section].rows
            if changes is None:
                self._owners[(section, column)] = {row_id: values.get(column) for row_id, values in rows.items()}
                continue
            _follow(self._owners[(section, column)], rows, section, changes, lambda values: values.get(column))

    def _run_all(self, spec: RuleSpec) -> dict[str | None, list[Finding]]:
        if not self._partitioned(spec):
            return {WHOLE: self._run(spec, WHOLE)}
        return {key: self._run(spec, key) for key in self._partition_keys(spec)}

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
        elif partition is not WHOLE:  # a partition the check declares (registry.check parts)
            location = Location(spec.reads[0][0], partition)
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
        return sorted(merged.values(), key=finding_order)

    def raw(self) -> list[Finding]:
        """The current findings as the rules gave them (no explanations attached, not sorted)."""
        return self._raw()

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


def _unnamed(values: dict) -> bool:
    """Whether RuleContext.row_name shows the row by its ordinal (no code, no name)."""
    return not any(values.get(c) for c in LABEL_COLUMNS)


def _follow(known: dict, rows: dict, section: str, changes: list[Change], value_of) -> None:
    """Bring `known` (row id → what a rule partitions by) up to date with the rows of `section`
    the changes touched: a removed row is forgotten, any other is read again."""
    for change in changes:
        if change.section == section and change.row is not None:
            values = rows.get(change.row)
            if values is None:
                known.pop(change.row, None)
            else:
                known[change.row] = value_of(values)


def _diff(old: list[Finding], new: list[Finding], added: list[Finding], removed: list[Finding]) -> None:
    """Add to `added` the findings of `new` that are not in `old` or differ from it there, to
    `removed` those of `old` whose identity is gone."""
    before = {f.identity: f for f in old}
    after = {f.identity: f for f in new}
    added += [f for key, f in after.items() if before.get(key) != f]
    removed += [f for key, f in before.items() if key not in after]


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


def check_document(document: Document, year: int | None = None) -> list[Finding]:
    """Validate one year (default: the latest) from scratch."""
    year = year if year is not None else document.latest_year().year
    return Engine(document, year).validate()
