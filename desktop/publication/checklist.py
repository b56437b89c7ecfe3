"""The 公开清单: has the department and every one of its units published, in time and in full?

预算法 第十四条 wants the approved 决算 published within 20 days of the 批复. An inspector ticking the
公开检查表 looks, for the department's 部门决算公开 and each unit's 单位决算公开, at: every table
present (or declared empty), the 三公 stated item by item, the 名词解释, and (for the department) the
绩效 parts. This module answers those per unit from the document, with the export gate's verdict,
the last final export recorded and the 公开 date the clerk entered (section unit_publication).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop.domain.dates import DateRejected, format_date, parse_date
from desktop.domain.department_units import ReportingUnit, is_split, reporting_units, section_key, unit_publication
from desktop.domain.document import Document, YearData
from desktop.publication.gate import export_gate
from desktop.publication.tables import part_one_tables

DEADLINE_DAYS = 20
SANGONG_ITEMS = (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                 ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))
PERFORMANCE_PARTS = (("dept_indicators", "部门整体绩效目标"), ("projects", "项目支出绩效自评表"))


@dataclass(frozen=True)
class Check:
    """One item an inspector ticks: passed, and what is missing when not."""
    label: str
    passed: bool
    detail: str = ""

    @property
    def text(self) -> str:
        if self.passed:
            return f"{self.label}：✓" + (f"（{self.detail}）" if self.detail else "")
        return f"{self.label}：{self.detail or '未完成'}"


@dataclass(frozen=True)
class PublisherStatus:
    """The department (unit None) or one unit: what its publication holds and where it stands."""
    name: str
    unit: ReportingUnit | None
    has_figures: bool          # a 所属单位 of a year not entered per unit has none of its own
    checks: tuple[Check, ...]
    gate_open: bool
    gate_message: str
    exported_on: str
    exported_file: str
    published_on: date | None
    published_problem: str     # the 公开日期 typed but no date
    published_where: str

    @property
    def ready(self) -> bool:
        return self.has_figures and self.gate_open and all(c.passed for c in self.checks)


@dataclass(frozen=True)
class Checklist:
    year: int
    approval: date | None
    approval_problem: str
    rows: tuple[PublisherStatus, ...]

    @property
    def deadline(self) -> date | None:
        return self.approval + timedelta(days=DEADLINE_DAYS) if self.approval else None

    def deadline_text(self, today: date) -> str:
        if self.approval_problem:
            return f"决算批复日期{self.approval_problem}"
        if self.deadline is None:
            return "尚未填写决算批复日期：填写后按批复后20日计算公开期限"
        left = (self.deadline - today).days
        late = [row.name for row in self.rows if row.published_on is None]
        when = f"公开期限 {format_date(self.deadline)}（批复 {format_date(self.approval)} 后{DEADLINE_DAYS}日）"
        if not late:
            overdue = [row.name for row in self.rows if row.published_on and row.published_on > self.deadline]
            return when + ("；全部已公开" if not overdue else f"；逾期公开：{'、'.join(overdue)}")
        if left >= 0:
            return f"{when}，还剩 {left} 天；尚未公开 {len(late)} 个：{'、'.join(late)}"
        return f"{when}，已超过 {-left} 天；尚未公开 {len(late)} 个：{'、'.join(late)}"


def _date(text: object) -> tuple[date | None, str]:
    if text is None or not str(text).strip():
        return None, ""
    try:
        return parse_date(str(text)), ""
    except DateRejected as exc:
        return None, str(exc)


def checklist(document: Document, year: int) -> Checklist:
    data = document.year(year)
    approval, approval_problem = _date(data.section("publication").get("approval_date"))
    department = _status(document, data, None)
    units = reporting_units(document)
    rows = [_status(document, data, unit) for unit in units] if len(units) >= 2 else []
    if rows and is_split(data):  # the 汇总 is complete when every unit's tables are
        behind = [row.name for row in rows if not all(c.passed for c in row.checks)]
        whole = Check("各单位", not behind, f"未完成：{'、'.join(behind)}" if behind else f"{len(rows)} 个单位均已完成")
        department = replace(department, checks=(*department.checks, whole))
    return Checklist(year, approval, approval_problem, (department, *rows))


def _status(document: Document, data: YearData, unit: ReportingUnit | None) -> PublisherStatus:
    has_figures = unit is None or unit.home or is_split(data)
    published = document if unit is None else unit_publication(document, data.year, unit)
    year = published.year(data.year)
    record: dict = {}
    if has_figures:  # the 本级 of a year not entered per unit keeps the department's record
        key = "unit_publication" if unit is None else section_key(document, data, unit.id, "unit_publication")
        record = data.section(key).rows[""]
    if unit is not None and not has_figures:
        checks: tuple[Check, ...] = (Check("报表", False, "尚未分单位填报，该单位还没有自己的数字"),)
        gate_open, message = False, "尚未分单位填报：在“单位”框中选择该单位后按提示改为分单位填报"
    else:
        checks = _checks(document if unit is None else published, year, unit is None)
        report = export_gate(published, data.year)
        gate_open, message = report.open, report.message()
    published_on, problem = _date(record.get("published_on"))
    return PublisherStatus(
        name=document.department_name + "（部门汇总）" if unit is None else unit.name, unit=unit,
        has_figures=has_figures, checks=checks, gate_open=gate_open, gate_message=message,
        exported_on=str(record.get("exported_on") or ""), exported_file=str(record.get("exported_file") or ""),
        published_on=published_on, published_problem=problem, published_where=str(record.get("published_where") or ""))


def _checks(document: Document, year: YearData, department: bool) -> tuple[Check, ...]:
    tables = part_one_tables(document, year)
    unfilled = [f"{t.number} {t.title}" for t in tables if t.unfilled]
    empty = [t for t in tables if t.empty_statement]
    checks = [Check("报表", not unfilled, f"未填写 {len(unfilled)} 张：{'、'.join(unfilled)}"
                    if unfilled else ""),
              Check("空表说明", True, f"{len(empty)} 张空表均已说明" if empty else "")]
    sangong = year.section("sangong")
    missing = [label for row, label in SANGONG_ITEMS if sangong.value(row, "actual") is None]
    checks.append(Check("三公经费分项", not missing, f"未填写：{'、'.join(missing)}" if missing else ""))
    glossary = [r for r in year.section("glossary").rows.values() if r.get("term")]
    checks.append(Check("名词解释", True, f"{len(glossary)} 条" if glossary else "使用模板的名词解释"))
    if department:
        absent = [label for key, label in PERFORMANCE_PARTS if not year.section(key).rows]
        checks.append(Check("绩效评价", not absent, f"未填写：{'、'.join(absent)}" if absent else ""))
    return tuple(checks)
