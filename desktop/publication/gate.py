"""Whether a year may be published: no 审核 error, every warning explained, every table filled,
and nothing left to write.

The PDF and Word exports refuse while the gate is closed and name what stands in the way; a draft
(草稿, watermarked on every page) is exported anyway, for review inside the office. "Nothing left
to write" is what a reader would otherwise see as a gap: every placeholder of the generated 说明
("（未填写）", "【未填写：…】") and every text a published 自评表 needs (texts.json, need
"project"). A final document therefore never carries a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.department_units import UNIT_PUBLISHER, is_split, reporting_units, unit_publication
from desktop.domain.document import Document, YearData
from desktop.domain.published_texts import text_placements
from desktop.narrative import gaps, generate_narrative
from desktop.publication.counts import sangong_counts_table
from desktop.publication.tables import part_one_tables
from desktop.rules.catalogue import load_catalogue
from desktop.rules.engine import check_document
from desktop.rules.unit_engine import check_units
from desktop.rules.findings import Finding

SHOWN = 20  # findings named per group in the message; the rest are counted
UNFILLED_RULE = "T0-01"  # 审核's finding of an unfilled table (Table.unfilled): the gate's `unfilled`


@dataclass(frozen=True)
class GateReport:
    errors: tuple[Finding, ...]
    unexplained: tuple[Finding, ...]
    unfilled: tuple[str, ...]
    missing: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return not (self.errors or self.unexplained or self.unfilled or self.missing)

    def message(self) -> str:
        """The refusal in Chinese, naming every problem (up to SHOWN per group)."""
        if self.open:
            return "审核通过：可以导出正式文件。"
        lines = ["不能导出正式文件：以下问题须先处理（或选择“草稿”导出，每页加“草稿”水印）。"]
        for title, items in ((f"错误（强制性）{len(self.errors)} 个：", [f.text for f in self.errors]),
                             (f"未说明的提示 {len(self.unexplained)} 个（请在审核面板中填写说明）：",
                              [f.text for f in self.unexplained]),
                             (f"未填写的报表 {len(self.unfilled)} 张：", list(self.unfilled)),
                             (f"说明和绩效表中尚未填写的内容 {len(self.missing)} 处：", list(self.missing))):
            if items:
                lines.append(title)
                lines += [f"  · {text}" for text in items[:SHOWN]]
                if len(items) > SHOWN:
                    lines.append(f"  · ……另有 {len(items) - SHOWN} 个")
        return "\n".join(lines)


def missing_content(document: Document, data: YearData) -> list[str]:
    """Every gap a published document would show: the 说明's placeholders, the blank counts of the
    三公 相关统计数 and the empty texts the 自评表 need, each naming where it is."""
    found = gaps(generate_narrative(document, data.year))
    counts = sangong_counts_table(data)
    if counts is not None:
        found += [f"第三部分 “三公”经费相关统计数：{row[0].text}" for row in counts.rows if not row[2].text]
    needed = [p for p in text_placements().values() if p.need == "project"]
    for row_id, project in data.section("projects").rows.items():
        name = project.get("name") or f"第{list(data.section('projects').rows).index(row_id) + 1}个项目"
        for place in needed:
            if not str(project.get(place.column) or "").strip():
                column = data.section(place.section).section.column(place.column)
                found.append(f"第四部分 项目支出绩效自评表“{name}”：{column.label}")
    return found


def gate_errors(findings: list[Finding]) -> list[Finding]:
    """The 强制性 errors, but for the unfilled tables: the gate lists those (Table.unfilled, the
    definition T0-01 reports) as their own group, so each is counted once."""
    return [f for f in findings if f.severity == "error" and f.rule != UNFILLED_RULE]


PERFORMANCE_TAB = "绩效指标"  # the sections of 第四部分, which a unit's 单位决算公开 does not print
EVALUATION_ONLY = ("dept_budget_execution", "dept_balance", "budget_variance", "budget_variance_items")  # read by 第四部分 alone


def _units_gaps(document: Document, data: YearData) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A 汇总 adds up what its units filled: each unit's table not yet filled, and each gap its own
    单位决算公开 would show, holds the department's back too (each named with its unit)."""
    if document.publisher == UNIT_PUBLISHER or not is_split(data):
        return (), ()
    unfilled: list[str] = []
    missing: list[str] = []
    for unit in reporting_units(document):
        view = unit_publication(document, data.year, unit)
        year = view.year(data.year)
        unfilled += [f"{unit.name}：{table.unfilled}" for table in part_one_tables(view, year) if table.unfilled]
        missing += [f"{unit.name}：{gap}" for gap in missing_content(view, year)]
    return tuple(unfilled), tuple(missing)


def _about_evaluation(document: Document, finding: Finding) -> bool:
    """Whether a finding is about the department's 绩效 (第四部分): where it is or what its rule reads."""
    evaluation = {s.key for s in document.schema.sections if s.tab == PERFORMANCE_TAB} | set(EVALUATION_ONLY)
    catalogue = load_catalogue()
    reads = {section for section, _ in catalogue.rule(finding.rule).reads} if finding.rule in catalogue.ids else set()
    return finding.location.section in evaluation or bool(reads & evaluation)


def export_gate(document: Document, year: int | None = None) -> GateReport:
    data = document.latest_year() if year is None else document.year(year)
    # a department entered per unit: its units' own problems hold its 汇总 back too
    findings = check_units(document, data.year) if is_split(data) and document.publisher != UNIT_PUBLISHER \
        else check_document(document, data.year)
    if document.publisher == UNIT_PUBLISHER:  # what the unit's publication does not print stops nothing
        findings = [f for f in findings if not _about_evaluation(document, f)]
    units_unfilled, units_missing = _units_gaps(document, data)
    return GateReport(
        errors=tuple(gate_errors(findings)),
        unexplained=tuple(f for f in findings if f.needs_explanation),
        unfilled=tuple(t.unfilled for t in part_one_tables(document, data) if t.unfilled) + units_unfilled,
        missing=tuple(missing_content(document, data)) + units_missing,
    )
