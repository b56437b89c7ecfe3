"""The checks behind the rule catalogue, registered by rule id.

The catalogue (resources/rules/catalogue.json) declares what a rule is: id, severity, wording,
the fields it reads, thresholds. The function registered here is how it is checked. The
catalogue validator insists that the two match one to one.
"""

from __future__ import annotations

from typing import Callable, Iterable

from desktop.rules.findings import Finding

Check = Callable[..., Iterable[Finding]]
CHECKS: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        if rule_id in CHECKS:
            raise ValueError(f"rule {rule_id} registered twice")
        CHECKS[rule_id] = function
        return function
    return register


def registered_checks() -> dict[str, Check]:
    import desktop.rules.checks  # noqa: F401  (registers every check module)
    return CHECKS
