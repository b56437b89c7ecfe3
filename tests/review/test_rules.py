"""The problems 核对说明 reports are data (resources/review/text_rules.json), checked by one validator."""

import json
import re
from pathlib import Path

import pytest

from desktop.paths import resource_path
from desktop.review.rules import text_rules, validate_text_rules

CHECKER = Path(__file__).resolve().parents[2] / "desktop" / "review" / "checker.py"


def test_the_file_is_valid_and_names_exactly_the_problems_the_checker_reports():
    data = json.loads(resource_path("review", "text_rules.json").read_text("utf-8"))
    assert validate_text_rules(data) == []
    used = set(re.findall(r'_finding\(\s*"(K-\d{2})"', CHECKER.read_text("utf-8")))
    assert used == set(text_rules())


@pytest.mark.parametrize("broken, problem", [
    ({"id": "K-1", "severity": "error", "title": "t", "description": "d"}, "id 应为 K-nn"),
    ({"id": "K-01", "severity": "fatal", "title": "t", "description": "d"}, "severity 应为"),
    ({"id": "K-01", "severity": "error", "title": " ", "description": "d"}, "title 应为非空文字"),
    ({"id": "K-01", "severity": "error", "title": "t"}, "缺少 description"),
    ({"id": "K-01", "severity": "error", "title": "t", "description": "d", "extra": 1}, "未知属性 extra"),
])
def test_each_kind_of_broken_entry_is_named(broken, problem):
    assert any(problem in p for p in validate_text_rules({"rules": [broken]}))


def test_a_repeated_id_is_named():
    entry = {"id": "K-01", "severity": "error", "title": "t", "description": "d"}
    assert validate_text_rules({"rules": [entry, entry]}) == ["rules[1]: id K-01 重复"]
