"""Golden messages: every finding of every rule's failing case (tests/rules/test_rule_cases.py), pinned
whole — rule, severity, cell and the message with its figures — in rule_case_findings.json.

A changed wording or figure fails here first. When the change is intended, rewrite the file with
`python tests/rules/test_rule_case_messages.py` and review its diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this tree's desktop package

from test_rule_cases import CASES, YEAR  # noqa: E402  (tests/ is not a package)

from desktop.rules.engine import check_document  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402

GOLDEN = Path(__file__).with_name("rule_case_findings.json")


def case_findings(rule_id: str) -> list[list[str]]:
    document = build_document(projects=2, functional_rows=12, units=2, year=YEAR)
    CASES[rule_id](document, document.year(YEAR))
    return [[f.rule, f.severity, f.location.key, f.message] for f in check_document(document, YEAR)]


@pytest.fixture(scope="module")
def golden() -> dict[str, list[list[str]]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_case_is_pinned(golden):
    assert sorted(golden) == sorted(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_case_findings_are_the_golden_ones(golden, rule_id):
    assert case_findings(rule_id) == golden[rule_id]


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps({r: case_findings(r) for r in sorted(CASES)}, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    print(GOLDEN)
