"""核对说明 on seed 2's 部门整体绩效评价报告 against the seed 2 sample: the slips of a 绩效 report
(a 元 written for 万元, a two-decimal 执行率, amounts without 千分号, a 全年预算数 that is not the sum
of its parts), each naming its sentence; the figures that agree are left alone."""

import pytest

from desktop.review.checker import MATCHED, UNPLACED, WRONG, check_text
from desktop.review.reference import build_reference


@pytest.fixture(scope="module")
def report(request):
    from desktop.io.jsonio import read_json
    from desktop.paths import resource_path
    document = read_json(resource_path("samples", "seed2.json"))
    text = (request.config.rootpath / "tests" / "golden" / "seed_texts" / "seed2.txt").read_text("utf-8")
    return check_text(text.splitlines(), build_reference(document, 2022), "seed2.txt")


def test_an_amount_in_yuan_that_the_tables_hold_in_wan_yuan(report):
    [slip] = [f for f in report.findings if f.rule == "K-14"]
    assert slip.sentence.text.startswith("2022年共安排预算资金33463.78元")
    assert "33364.97元" in slip.message and "33,364.97万元" in slip.message


def test_the_budget_total_that_is_not_the_sum_of_its_parts(report):
    wrong = {(r.claim.subject, r.claim.figure.text, r.expected) for r in report.figures if r.status == WRONG}
    assert ("预算数", "33463.78万元", "33,364.97万元") in wrong  # 822.24 + 32,542.73


def test_two_decimal_rates_and_missing_thousands_separators(report):
    assert any("99.70%" in f.message for f in report.findings if f.rule == "K-07")
    assert any("33364.97万元" in f.message for f in report.findings if f.rule == "K-05")


@pytest.mark.parametrize("figure", ["822.24万元", "32542.73万元", "32794.02万元", "32314.02万元"])
def test_figures_that_agree_are_not_flagged(report, figure):
    assert {r.status for r in report.figures if r.claim.figure.text == figure} <= {MATCHED}


def test_every_figure_is_accounted_for(report):
    assert report.checked + report.count(UNPLACED) == report.found
    assert all(r.reason for r in report.figures if r.status == UNPLACED)
