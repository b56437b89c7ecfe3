"""Issue 18 item 2: score problems reach 审核 at the indicator's cell.

P-10b an indicator that cannot be scored (at the column to fix, with the reason), P-07d a typed
indicator 得分 that differs from the formula (with the formula's worked figures), P-09c / P-09d a
完成值 written as a bound ("≥18家"). Each: the cells filled correctly (nothing), broken (the
finding's location and figures), and the boundary."""

from decimal import Decimal

import pytest

from desktop.io.samples import load_sample
from desktop.rules.engine import Change, Engine, check_document
from desktop.rules.findings import Location
from desktop.scoring import load_scoring_profile, score_project
from desktop.synthetic import build_document

YEAR = 2023
PROJECT = "科技创新服务项目1"


@pytest.fixture()
def doc():
    return build_document(projects=2, functional_rows=12, units=2, year=YEAR)


def indicators(doc):
    return doc.year(YEAR).section("project_indicators")


def row_of(doc, level3, project="r1"):
    return next(r for r, v in indicators(doc).rows.items() if v["project"] == project and v["level3"] == level3)


def found(doc, rule, year=YEAR):
    return [f for f in check_document(doc, year) if f.rule == rule]


def score_of(doc, row_id):
    year = doc.year(YEAR)
    return score_project(year, "r1", load_scoring_profile(year.profile)).item(f"indicator:{row_id}")


def test_the_clean_document_has_no_score_finding(doc):
    findings = check_document(doc, YEAR)
    assert not [f for f in findings if f.rule in ("P-10", "P-10b", "P-07d", "P-09c", "P-09d")]


# -- P-10b an indicator that cannot be scored -------------------------------------------------------------
def test_p10b_blank_actual_is_reported_at_the_actual_cell_and_p10_stays_quiet(doc):
    row = row_of(doc, "完成调研报告")
    indicators(doc).set_value(row, "actual", None)
    [finding] = found(doc, "P-10b")
    assert finding.severity == "error" and finding.location == Location("project_indicators", row, "actual")
    assert finding.message == (f"项目“{PROJECT}”指标“完成调研报告”无法计分：完成值“”未填写。"
                               "公开的自评表须印出每项得分，请填写实际完成值")  # blank: not yet filled
    assert found(doc, "P-10") == []       # the project is not reported a second time


@pytest.mark.parametrize("column, value, cell, reason", [
    ("nature", None, "nature", "未注明指标性质（≥、≤、= 或 定性），指标值“4”无法判断"),
    ("target", "四项", "target", "指标值“四项”不是可计算的数值"),
    ("actual", "已完成", "actual", "完成值“已完成”不是可计算的数值"),
    ("points", None, "points", "未填写分值"),
])
def test_p10b_names_the_cell_and_why(doc, column, value, cell, reason):
    row = row_of(doc, "完成调研报告")
    indicators(doc).set_value(row, column, value)
    [finding] = found(doc, "P-10b")
    assert finding.location == Location("project_indicators", row, cell)
    assert f"指标“完成调研报告”无法计分：{reason}。" in finding.message
    label = indicators(doc).section.column(cell).label
    assert finding.message.endswith(f"请填写{label}" if value is None else f"请改正{label}")  # blank: not yet filled


def test_p10b_an_unjudged_qualitative_indicator_is_blamed_on_its_score(doc):
    row = row_of(doc, "资料归档完整")
    indicators(doc).set_value(row, "actual", "按时归档")
    [finding] = found(doc, "P-10b")
    assert finding.location == Location("project_indicators", row, "score")
    assert "定性指标未评定得分，完成值“按时归档”也不是等级" in finding.message


def test_p10b_a_table_without_any_points_is_one_project_problem(doc):
    for row_id, row in indicators(doc).rows.items():
        if row["project"] == "r1":
            indicators(doc).set_value(row_id, "points", None)
    assert found(doc, "P-10b") == []
    [finding] = found(doc, "P-10")
    assert finding.location == Location("projects", "r1", "name") and "12 项指标未填写分值" in finding.message


def test_p10b_a_not_applicable_indicator_needs_no_score(doc):
    row = row_of(doc, "完成调研报告")
    indicators(doc).set_value(row, "actual", None)
    indicators(doc).set_value(row, "not_applicable", True)
    assert found(doc, "P-10b") == [] and found(doc, "P-10") == []


def test_p10b_follows_an_edit_incrementally(doc):
    engine = Engine(doc, YEAR)
    engine.validate()
    row = row_of(doc, "服务企业数量")
    indicators(doc).set_value(row, "actual", "很多")
    delta = engine.update([Change("project_indicators", row, "actual")])
    assert [(f.rule, f.location.key) for f in delta.added if f.rule == "P-10b"] == \
        [("P-10b", f"project_indicators/{row}/actual")]
    indicators(doc).set_value(row, "actual", "126")
    delta = engine.update([Change("project_indicators", row, "actual")])
    assert [f.rule for f in delta.removed] == ["P-10b"] and engine.findings() == check_document(doc, YEAR)


# -- P-07d a typed indicator score against the formula -------------------------------------------------
def test_p07d_a_typed_score_equal_to_the_formula_is_fine(doc):
    indicators(doc).set_value(row_of(doc, "服务企业数量"), "score", Decimal("10"))
    assert found(doc, "P-07d") == []


def test_p07d_reports_typed_and_computed_with_the_formula(doc):
    row = row_of(doc, "服务企业数量")      # 正向, A = 120, 10 points
    indicators(doc).set_value(row, "actual", "90")
    indicators(doc).set_value(row, "score", Decimal("10"))
    [finding] = found(doc, "P-07d")
    assert finding.severity == "warning" and finding.location == Location("project_indicators", row, "score")
    assert finding.message == (f"项目“{PROJECT}”指标“服务企业数量”得分（填报数）10.00 ≠ 计算得分 7.50，相差 2.50"
                               "（正向指标，A = 120，B = 90：B < A，得分比例 = B / A = 90 / 120；"
                               "得分 = 75.00% × 10.00 = 7.50）")


@pytest.mark.parametrize("typed, reported", [("7.51", False), ("7.49", False), ("7.52", True), ("7.48", True)])
def test_p07d_tolerance_is_one_cent(doc, typed, reported):
    row = row_of(doc, "服务企业数量")
    indicators(doc).set_value(row, "actual", "90")
    indicators(doc).set_value(row, "score", Decimal(typed))
    assert bool(found(doc, "P-07d")) is reported


def test_p07d_a_judged_qualitative_score_is_the_score(doc):
    indicators(doc).set_value(row_of(doc, "资料归档完整"), "score", Decimal("4"))
    assert found(doc, "P-07d") == []


# -- P-09c a 完成值 written as a bound -----------------------------------------------------------------------
def test_p09c_a_lower_bound_meeting_the_target_scores_full_but_is_flagged(doc):
    row = row_of(doc, "完成调研报告")       # 正向, target 4, 10 points
    indicators(doc).set_value(row, "actual", "≥4")
    [finding] = found(doc, "P-09c")
    assert finding.severity == "warning" and finding.location == Location("project_indicators", row, "actual")
    assert finding.message == ("指标“完成调研报告”：完成值“≥4”带比较符号，写的是下限而不是实际完成的数值；"
                               "评分暂按已达到指标值计满分 10.00，实际完成情况（如超额多少）无法判断；"
                               "请改填实际达到的数值（不带比较符号）")
    item = score_of(doc, row)
    assert item.score == Decimal("10.00") and "实际完成值未知，超额偏离度无法判断" in item.explanation
    assert found(doc, "P-10b") == []


def test_p09c_a_bound_short_of_the_target_cannot_be_scored(doc):
    row = row_of(doc, "完成调研报告")
    indicators(doc).set_value(row, "actual", "不低于3项")
    [warning] = found(doc, "P-09c")
    assert "完成值“不低于3项”带比较符号，写的是下限而不是实际完成的数值；按此无法计分" in warning.message
    [error] = found(doc, "P-10b")
    assert error.location == Location("project_indicators", row, "actual")
    assert "完成值“不低于3项”写的是下限（比较符号“≥”），不是实际完成的数值，无法确定是否达到指标值“4”，无法计分" in error.message
    assert score_of(doc, row).score is None


def test_p09c_an_upper_bound_on_a_reverse_indicator(doc):
    row = row_of(doc, "完成时间")          # 反向, target ≤ 12 月
    indicators(doc).set_value(row, "actual", "<12")
    [finding] = found(doc, "P-09c")
    assert "写的是上限" in finding.message and score_of(doc, row).score == Decimal("10.00")
    indicators(doc).set_value(row, "actual", "≥11")   # a lower bound says nothing about a 反向 target
    assert score_of(doc, row).score is None and found(doc, "P-10b")


def test_p09c_says_nothing_about_scoring_where_the_value_is_not_scored(doc):
    row = row_of(doc, "完成调研报告")
    indicators(doc).set_value(row, "actual", "≥4")
    indicators(doc).set_value(row, "not_applicable", True)
    [finding] = found(doc, "P-09c")
    assert "计分" not in finding.message and found(doc, "P-10b") == []
    judged = row_of(doc, "资料归档完整")            # 定性, judged 4 of 5
    indicators(doc).set_value(judged, "actual", "≥90%")
    indicators(doc).set_value(judged, "score", Decimal("4"))
    [flag] = [f for f in found(doc, "P-09c") if f.location.row == judged]
    assert "计分" not in flag.message and "写的是下限" in flag.message


def test_p09c_a_judged_qualitative_score_is_not_read_from_the_bound_but_an_unjudged_one_cannot_be_scored(doc):
    judged = row_of(doc, "资料归档完整")            # 定性
    indicators(doc).set_value(judged, "actual", "≥90%")
    indicators(doc).set_value(judged, "score", Decimal("4"))
    [flag] = [f for f in found(doc, "P-09c") if f.location.row == judged]
    assert flag.message == ("指标“资料归档完整”：完成值“≥90%”带比较符号，写的是下限而不是实际完成的数值；"
                            "请改填实际达到的数值（不带比较符号）")
    indicators(doc).set_value(judged, "score", None)
    assert score_of(doc, judged).score is None
    [flag] = [f for f in found(doc, "P-09c") if f.location.row == judged]
    assert flag.message == ("指标“资料归档完整”：完成值“≥90%”带比较符号，写的是下限而不是实际完成的数值；按此无法计分；"
                            "请改填实际达到的数值（不带比较符号）")


@pytest.mark.parametrize("actual", ["4", "=4", "4项"])
def test_p09c_a_figure_is_not_a_bound(doc, actual):
    indicators(doc).set_value(row_of(doc, "完成调研报告"), "actual", actual)
    assert found(doc, "P-09c") == []


# -- P-09d department 目标表 and 评分表 -------------------------------------------------------------------
def test_p09d_department_target_table(doc):
    table = doc.year(YEAR).section("dept_indicators")
    row = next(r for r, v in table.rows.items() if v["name"] == "完成重点任务")
    table.set_value(row, "actual", "≥10项")
    [finding] = found(doc, "P-09d")
    assert finding.severity == "warning" and finding.location == Location("dept_indicators", row, "actual")
    assert finding.message == ("部门整体指标“完成重点任务”：完成值“≥10项”带比较符号，写的是下限而不是实际完成的数值；"
                               "请改填实际达到的数值（不带比较符号）")
    table.set_value(row, "actual", "11项")
    assert found(doc, "P-09d") == []


def test_p09d_seed2_score_table_keeps_its_total_and_flags_each_bound():
    seed2 = load_sample(2)
    findings = [f for f in check_document(seed2) if f.rule == "P-09d"]
    assert sorted(f.location.row for f in findings) == ["r1", "r3", "r4", "r5", "r6", "r7", "r8"]
    r3 = next(f for f in findings if f.location.row == "r3")
    assert r3.location == Location("dept_score_indicators", "r3", "actual")
    assert "评分表指标“兑现企业数量”：完成值“≥18家”带比较符号" in r3.message and "计满分 3.34" in r3.message
    assert not [f for f in check_document(seed2) if f.rule == "D-03"]    # seed 2's 评分表 still adds up


def test_p09d_seed2_a_bound_below_the_target_makes_the_item_unscorable():
    seed2 = load_sample(2)
    seed2.latest_year().section("dept_score_indicators").set_value("r3", "actual", "≥15家")
    findings = check_document(seed2)
    [flag] = [f for f in findings if f.rule == "P-09d" and f.location.row == "r3"]
    assert "按此无法计分" in flag.message
    [d01] = [f for f in findings if f.rule == "D-01" and f.location.key == "dept_score_indicators/r3/score"]
    assert "无法确定是否达到指标值“≥18家”" in d01.message
    assert [f.rule for f in findings if f.rule == "D-03"] == ["D-03"]
