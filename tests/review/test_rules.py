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


def test_the_disclosures_a_final_accounts_text_must_mention_are_data():
    from desktop.review.rules import disclosures
    names = [d.name for d in disclosures()]
    assert names[:4] == ["因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"]
    assert {"机关运行经费", "政府采购支出", "国有资产占用情况", "专业名词解释"} <= set(names)
    broken = {"rules": [], "disclosures": [{"name": "公务接待费", "of": "", "words": []}]}
    assert validate_text_rules(broken) == ["disclosures[0]: words 应为非空文字的列表"]


def test_a_text_that_never_mentions_a_required_item_is_told_which(seed1):
    from desktop.review.checker import check_text
    from desktop.review.reference import build_reference
    text = ["2023年度某部门部门决算公开说明", "“三公”经费财政拨款决算数0.00元，其中因公出国（境）费0.00元，公务接待费0.00元。"]
    missing = [f.message for f in check_text(text, build_reference(seed1, 2023)).findings if f.rule == "K-13"]
    assert missing == ["说明中没有提到“三公”经费中的公务用车购置费（为0或无此项也须写明）。",
                       "说明中没有提到“三公”经费中的公务用车运行维护费（为0或无此项也须写明）。",
                       "说明中没有提到“机关运行经费”（为0或无此项也须写明）。", "说明中没有提到“政府采购支出”（为0或无此项也须写明）。",
                       "说明中没有提到“国有资产占用情况”（为0或无此项也须写明）。", "说明中没有提到“专业名词解释”（为0或无此项也须写明）。"]
