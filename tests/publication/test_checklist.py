"""The 公开清单: per unit and for the department, what an inspector ticks, and the 20-day deadline."""

from __future__ import annotations

from datetime import date

from desktop.io.samples import load_sample
from desktop.publication.checklist import DEADLINE_DAYS, checklist
from desktop.synthetic import build_document

YEAR = 2023


def _department():
    return build_document(projects=2, functional_rows=20, units=3, per_unit=True)


def test_a_complete_department_and_its_units_are_ready_and_the_deadline_counts_from_the_approval():
    document = _department()
    data = document.year(YEAR)
    listed = checklist(document, YEAR)
    assert [row.name for row in listed.rows] == ["示例区科学技术委员会（部门汇总）", "示例区科学技术委员会", "所属服务中心1",
                                                 "所属服务中心2"]
    assert all(row.ready for row in listed.rows)
    assert [c.text for c in listed.rows[0].checks] == [
        "报表：✓", "空表说明：✓（2 张空表均已说明）", "三公经费分项：✓", "名词解释：✓（使用模板的名词解释）", "绩效评价：✓",
        "各单位：✓（3 个单位均已完成）"]
    assert "绩效评价" not in {c.label for c in listed.rows[2].checks}  # a unit's 公开 has no 绩效 part
    assert listed.deadline is None and listed.deadline_text(date(2024, 8, 1)).startswith("尚未填写决算批复日期")
    data.section("publication").set("approval_date", "2024年8月1日")
    data.section("unit_publication@r2").set("published_on", "2024-08-12")
    listed = checklist(document, YEAR)
    assert listed.deadline == date(2024, 8, 1 + DEADLINE_DAYS)
    assert listed.deadline_text(date(2024, 8, 15)) == (
        "公开期限 2024年8月21日（批复 2024年8月1日 后20日），还剩 6 天；尚未公开 3 个：示例区科学技术委员会（部门汇总）、"
        "示例区科学技术委员会、所属服务中心2")
    assert "已超过 1 天" in listed.deadline_text(date(2024, 8, 22))
    for key in ("unit_publication", "unit_publication@r1", "unit_publication@r3"):
        data.section(key).set("published_on", "2024-08-25")
    assert checklist(document, YEAR).deadline_text(date(2024, 9, 1)).endswith(
        "逾期公开：示例区科学技术委员会（部门汇总）、示例区科学技术委员会、所属服务中心2")


def test_what_is_missing_is_named_per_unit_and_holds_the_summary_back():
    document = _department()
    data = document.year(YEAR)
    data.section("sangong@r3").set_value("abroad", "actual", None)
    data.section("unit_publication@r3").set("published_on", "八月")
    listed = checklist(document, YEAR)
    summary, _home, _first, second = listed.rows
    assert [c.text for c in second.checks if not c.passed] == ["三公经费分项：未填写：因公出国（境）费"]
    assert not second.gate_open and "因公出国（境）费决算数未填写" in second.gate_message
    assert second.published_on is None and "“八月”不是日期" in second.published_problem
    assert not summary.ready and "各单位：未完成：所属服务中心2" in [c.text for c in summary.checks]
    assert not summary.gate_open and "所属服务中心2：" in summary.gate_message
    data.section("publication").set("approval_date", "2024-02-30")
    assert "不是有效的日期" in checklist(document, YEAR).deadline_text(date(2024, 3, 1))


def test_a_department_not_entered_per_unit_lists_its_units_without_figures_of_their_own():
    document = load_sample(1)
    listed = checklist(document, YEAR)
    summary, home, centre = listed.rows
    assert home.has_figures and not centre.has_figures and not centre.ready
    assert centre.checks[0].text == "报表：尚未分单位填报，该单位还没有自己的数字"
    assert [c.text for c in summary.checks][0] == "报表：未填写 2 张：表2 收入决算表、表3 支出决算表"
