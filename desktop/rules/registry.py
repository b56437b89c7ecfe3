"""The checks behind the rule catalogue, registered by rule id.

The catalogue (resources/rules/catalogue.json) declares what a rule is: id, severity, wording,
the fields it reads, thresholds. The function registered here is how it is checked. The
catalogue validator insists that the two match one to one.

A check may also register its own partitions (`parts`) where they are not the rows of a table:
T0-01 runs once per published table and N-06 once per part of the 说明 with 主要原因 slots, so an
edit re-runs only the partitions that read the edited section. `parts(context)` maps each
partition key to the sections it reads; the check is then called as `check(context, key)`.
Or it groups the rows of the one table it reads (`groups`: the table and a row's group, e.g.
the 类 of its code), and is called once per group: an edit re-runs the row's old and new group.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterable, Mapping

from desktop.rules.findings import Finding

Check = Callable[..., Iterable[Finding]]
Parts = Callable[[Any], Mapping[str, Collection[str]]]  # RuleContext → {partition key: sections read}
Groups = tuple[str, Callable[[Mapping[str, Any]], str]]  # (table, a row's values → its group)
CHECKS: dict[str, Check] = {}
PARTS: dict[str, Parts] = {}
GROUPS: dict[str, Groups] = {}


def check(rule_id: str, parts: Parts | None = None, groups: Groups | None = None) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        if rule_id in CHECKS:
            raise ValueError(f"rule {rule_id} registered twice")
        CHECKS[rule_id] = function
        if parts is not None:
            PARTS[rule_id] = parts
        if groups is not None:
            GROUPS[rule_id] = groups
        return function
    return register


def registered_checks() -> dict[str, Check]:
    import desktop.rules.checks  # noqa: F401  (registers every check module)
    return CHECKS


def registered_parts() -> dict[str, Parts]:
    """The checks that partition themselves (after registered_checks has imported them)."""
    registered_checks()
    return PARTS


def registered_groups() -> dict[str, Groups]:
    """The checks that run once per group of a table's rows."""
    registered_checks()
    return GROUPS
