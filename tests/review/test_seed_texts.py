"""核对说明 on the real 说明 the product was made from (issue 23): seed 1's text against the seed 1
sample finds each slip the document carried, naming its sentence, and accounts for every figure."""

import pytest

from desktop.review.checker import MATCHED, UNPLACED, WRONG, check_text
from desktop.review.reference import build_reference


@pytest.fixture(scope="module")
def report(request):
    from desktop.io.jsonio import read_json
    from desktop.paths import resource_path
    document = read_json(resource_path("samples", "seed1.json"))
    text = (request.config.rootpath / "tests" / "golden" / "seed_texts" / "seed1.txt").read_text("utf-8")
    return check_text(text.splitlines(), build_reference(document, 2023), "seed1.txt")


def findings(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_the_doubled_income_and_expenditure_total_is_found_in_both_sentences(report):
    doubled = findings(report, "K-02")
    assert [f.sentence.text.startswith(("2023年度收、支总计156259155.5元", "2023年度财政拨款收、支总计156259155.5元"))
            for f in doubled] == [True, True]
    assert all("156259155.5元" in f.message and "78,129,577.73元" in f.message for f in doubled)


def test_the_per_vehicle_cost_equal_to_the_whole_is_found(report):
    [per_vehicle] = findings(report, "K-04")
    assert per_vehicle.sentence.text == "2023年度公务用车保有量2辆，车均运行维护费10298元。"
    assert "10298元" in per_vehicle.message and "5,149.00元" in per_vehicle.message


def test_growth_on_a_zero_budget_is_found_for_the_class_and_the_item(report):
    zero = findings(report, "K-03")
    assert [f.message.split("”")[0].lstrip("“") for f in zero] == ["农林水支出", "农业生产发展"]
    assert all("103843元" in f.message and "增长100" in f.message for f in zero)


def test_two_decimal_percentages_and_missing_thousands_separators_are_named(report):
    percents = " ".join(f.message for f in findings(report, "K-07"))
    for written in ("430.79%", "11.92%", "88.08%", "298.45%", "679.61%"):
        assert written in percents, written
    separators = " ".join(f.message for f in findings(report, "K-05"))
    for written in ("78129577.73元", "9311521.13元", "876600元", "563464.09元"):
        assert written in separators, written


def test_last_years_date_on_this_years_figure_is_found(report):
    [year] = findings(report, "K-12")
    assert year.sentence.text.startswith("“支持中小企业发展和管理支出”（款）2022年度决算77149134.73元")
    assert "2023年度" in year.message


def test_unresolved_template_phrases_and_stray_spaces(report):
    assert len(findings(report, "K-11")) == 2 and all("增加（减少）" in f.message for f in findings(report, "K-11"))
    assert any("“0 %”" in f.message for f in findings(report, "K-09"))


def test_the_wrong_figures_are_exactly_the_slips(report):
    wrong = {(r.claim.figure.text, r.expected) for r in report.figures if r.status == WRONG}
    assert ("44961.00元", "36,000.00元") in wrong  # 三公 年初预算
    assert ("10298元", "5,149.00元") in wrong  # 车均
    assert ("156259155.5元", "78,129,577.73元") in wrong
    assert ("430.79%", "增长165.4%") in wrong


@pytest.mark.parametrize("figure", ["78129577.73元", "9311521.13元", "68818056.60元", "876600元", "11.92%",
                                    "88.08%", "98.75%", "298.45%", "563464.09元", "12318元", "8539100元"])
def test_right_figures_are_not_flagged_whatever_their_format(report, figure):
    results = {r.status for r in report.figures if r.claim.figure.text == figure}
    assert results == {MATCHED}, (figure, results)


def test_every_figure_is_accounted_for_and_few_stay_unplaced(report):
    assert report.checked + report.count(UNPLACED) == report.found
    assert report.found > 200
    assert report.count(UNPLACED) / report.found < 0.2
    assert all(r.reason for r in report.figures if r.status == UNPLACED), "every 未核对 says why"


def test_every_finding_names_its_sentence_except_a_missing_disclosure(report):
    assert all(f.sentence is not None and f.sentence.text for f in report.findings if f.rule != "K-13")


def test_errors_come_first_then_warnings_each_in_the_order_of_the_text(report):
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    errors = [f for f in report.findings if f.severity == "error" and f.sentence is not None]
    paragraphs = [f.sentence.paragraph for f in errors]
    assert paragraphs == sorted(paragraphs)
