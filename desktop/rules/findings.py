"""Findings: what a rule reports, where, and how a clerk's explanation attaches to it.

A finding's identity is (rule id, location key). The location names a cell (section, row,
column) of one year, so the same problem found again after an edit, a save or a reopen has the
same identity, and the explanation typed for it is found again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "强制性", "warning": "提示性", "info": "提示信息"}


@dataclass(frozen=True, order=True)
class Location:
    section: str
    row: str = ""       # "" for a form (or for a finding about a whole section)
    column: str = ""    # "" for a finding about a whole row or section

    @cached_property
    def key(self) -> str:
        # cached: the engine and the 审核 panel ask for it after every edit (frozen dataclasses
        # keep an instance __dict__, where cached_property stores it without __setattr__)
        return "/".join((self.section, self.row, self.column)).rstrip("/")

    @classmethod
    def from_key(cls, key: str) -> Location:
        parts = key.split("/") + ["", ""]
        return cls(parts[0], parts[1], parts[2])


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    year: int
    location: Location
    message: str
    explanation: str | None = None

    @cached_property
    def identity(self) -> tuple[str, str]:
        """(rule id, location key); computed once per finding."""
        return (self.rule, self.location.key)

    @property
    def text(self) -> str:
        """The line shown in lists: rule id, then the message."""
        return f"{self.rule} {self.message}"

    @property
    def needs_explanation(self) -> bool:
        return self.severity == "warning" and not (self.explanation or "").strip()

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "year": self.year,
                "location": self.location.key, "message": self.message, "explanation": self.explanation}


def counts(findings: list[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}


@dataclass(frozen=True)
class Delta:
    """What an edit changed in the findings (Engine.update): the 审核 panel applies exactly this."""
    added: tuple[Finding, ...]
    removed: tuple[Finding, ...]


_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def rule_order(rule_id: str) -> tuple:
    """"T-02" before "T-10" before "TA-01": by prefix, then the rule's number."""
    prefix, _, rest = rule_id.partition("-")
    digits = "".join(ch for ch in rest[:2] if ch in "0123456789")  # not isdigit(): "²" is a digit to it
    return (prefix, int(digits) if digits else 0, rule_id)


def finding_order(finding: Finding) -> tuple:
    """The order findings are listed in (Engine.findings, the 审核 panel): errors first, then by
    rule, then by place."""
    return (_SEVERITY_ORDER[finding.severity], rule_order(finding.rule), finding.location)
