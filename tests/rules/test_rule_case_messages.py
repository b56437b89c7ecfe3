"""Golden messages: every finding of every rule's failing case (tests/rules/test_rule_cases.py) and of
the two bundled samples, pinned whole — rule, severity, cell and the message with its figures — in
rule_case_findings.json.

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

from desktop.io.samples import load_sample  # noqa: E402
from desktop.rules.engine import check_document  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402

GOLDEN = Path(__file__).with_name("rule_case_findings.json")


def case_findings(rule_id: str) -> list[list[str]]:
    document = build_document(projects=2, functional_rows=12, units=2, year=YEAR)
    CASES[rule_id](document, document.year(YEAR))
    return pinned(check_document(document, YEAR))


def sample_findings(number: int) -> list[list[str]]:
    return pinned(check_document(load_sample(number)))


def pinned(findings) -> list[list[str]]:
    return [[f.rule, f.severity, f.location.key, f.message] for f in findings]


@pytest.fixture(scope="module")
def golden() -> dict[str, list[list[str]]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_case_is_pinned(golden):
    assert sorted(golden["cases"]) == sorted(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_case_findings_are_the_golden_ones(golden, rule_id):
    assert case_findings(rule_id) == golden["cases"][rule_id]


@pytest.mark.parametrize("number", [1, 2])
def test_sample_findings_are_the_golden_ones(golden, number):
    assert sample_findings(number) == golden["samples"][f"seed{number}"]


if __name__ == "__main__":
    everything = {"cases": {r: case_findings(r) for r in sorted(CASES)},
                  "samples": {f"seed{n}": sample_findings(n) for n in (1, 2)}}
    GOLDEN.write_text(json.dumps(everything, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(GOLDEN)
