"""项目支出绩效自评 (domain.md §3.1, §9.4): the budget-execution line plus the project's indicators.

Budget execution reads the project's 项目资金 block (desktop.domain.blocks): A = the 年度资金总额's
全年预算数 — or its 年初预算数 when the profile's `execution_base` is "initial" — and B = its 全年
执行数, where a 年度资金总额 left blank is the sum of its 其中 rows; score = min(B / A, 1) × w
(w = the profile's budget execution points). A = 0 or blank makes the line 不适用, except that a
typed total differing from its filled 其中 rows is a problem named in the item. Indicators are
scored by `score_indicator`. When anything is 不适用, total = Σ applicable scores / Σ applicable
points × 100; otherwise total = Σ scores. A profile's `total_caps` then cap the total by the
执行率 band. A missing score leaves the total None, with notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.blocks import Block, build_block
from desktop.domain.document import DocumentError, YearData
from desktop.domain.formatting import format_percent
from desktop.domain.money import Money
from desktop.domain.schema import FixedRows
from desktop.domain.scoring_profile import ScoringProfile
from desktop.scoring.indicators import IndicatorRow, score_indicator
from desktop.scoring.result import (ScoreItem, ScoreResult, difference_notes, graded, num, pct, pts, quantize,
                                    scored, total_notes, wan)

TOTAL_SOURCE = "年度资金总额"
BASE_COLUMNS = {"full_year": ("full_year_budget", "全年预算数"), "initial": ("initial_budget", "年初预算数")}
BUDGET_FORMULA = "得分 = min(全年执行数 B / {base} A, 1) × {points}；A 为 0 或未填写时不适用"


def execution_base(profile: ScoringProfile) -> tuple[str, str]:
    """(column key, label) of the budget an execution rate is measured against."""
    return BASE_COLUMNS[profile.execution_base]


@dataclass(frozen=True)
class ProjectRows:
    """A year's indicator and fund rows grouped by project, so scoring every project reads each row once."""

    indicators: dict[Any, list[tuple[str, dict[str, Any]]]]
    funds: dict[Any, list[tuple[str, dict[str, Any]]]]
    spec: FixedRows

    @classmethod
    def of(cls, year: YearData) -> ProjectRows:
        indicators: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
        for row_id, row in year.section("project_indicators").rows.items():
            indicators.setdefault(row.get("project"), []).append((row_id, row))
        section = year.section("project_funds")
        spec = section.section.fixed_rows
        assert spec is not None, "project_funds declares its fixed rows in sections.json"
        funds: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
        for row_id, row in section.rows.items():
            funds.setdefault(row.get(spec.per), []).append((row_id, row))
        return cls(indicators, funds, spec)

    def block(self, project_id: str) -> Block:
        return build_block(self.spec, self.funds.get(project_id, []))


def _block_problems(block: Block, columns: tuple[tuple[str, str], ...]) -> list[str]:
    """What is wrong with the block's figures the execution rate reads: a typed total that its
    filled 其中 rows contradict (a 0 total over filled parts above all), rows outside the block."""
    problems = []
    for column, label in columns:
        typed = block.typed.get(column)
        if typed is not None:
            problems.append(f"年度资金总额的{label}填报为 {wan(typed)}，与其中各项之和 {wan(block.total[column])} "
                            f"不一致，按其中各项之和计算")
    if block.extra:
        problems.append(f"项目资金有 {len(block.extra)} 行资金来源重复或未选择，未计入执行率")
    return problems


def _budget_item(block: Block, profile: ScoringProfile) -> ScoreItem:
    points = profile.budget_execution_points
    base_key, base_label = execution_base(profile)
    base = dict(key="budget_execution", label="预算执行率", points=points, category="预算执行",
                formula=BUDGET_FORMULA.format(base=base_label, points=pts(points)))
    budget, executed = block.total.get(base_key), block.total.get("executed")
    problems = _block_problems(block, ((base_key, base_label), ("executed", "全年执行数")))
    derived = "，年度资金总额为其中各项之和" if base_key in block.derived else ""
    if budget is None or not budget:
        why = f"未填写年度资金总额的{base_label}" if budget is None else f"年度资金总额的{base_label}为 0"
        if budget is None:
            problems.insert(0, f"{why}，按不适用处理")
        elif executed:
            problems.insert(0, f"{why}，全年执行数却为 {wan(executed)}，请核实")
        return ScoreItem(**base, score=None, not_applicable=True, problems=tuple(problems), basis="不适用",
                         explanation=f"{why}，预算执行率不适用，总分按其余指标折算为百分制")
    if executed is None:
        return ScoreItem(**base, score=None, explanation="未填写全年执行数，无法计算执行率",
                         problems=("年度资金总额的全年执行数未填写", *problems))
    rate = execution_rate(executed, budget)
    used = min(max(rate, Decimal(0)), Decimal(1))
    score = quantize(used * points)
    return ScoreItem(**base, score=score, problems=tuple(problems), explanation=(
        f"执行率 = {wan(executed)} / {wan(budget)} = {pct(rate)}（全年执行数 / {base_label}{derived}）；"
        f"得分 = min({pct(rate)}, 1) × {pts(points)} = {pts(score)}"),
        basis=f"执行率{pct(rate)}，{scored(score)}")


def execution_rate(executed: Money, budget: Money) -> Decimal:
    return Decimal(executed.fen) / Decimal(budget.fen)


def fund_rate(block: Block, source: str, profile: ScoringProfile) -> Decimal | None:
    """The execution rate of one row of the block against the profile's base (None on a blank or 0 base)."""
    budget, executed = block.value(source, execution_base(profile)[0]), block.value(source, "executed")
    if not isinstance(budget, Money) or not isinstance(executed, Money) or not budget.fen:
        return None
    return execution_rate(executed, budget)


def _indicator_rows(grouped: ProjectRows, project_id: str) -> list[IndicatorRow]:
    rows = []
    for row_id, row in grouped.indicators.get(project_id, []):
        rows.append(IndicatorRow(
            key=f"indicator:{row_id}", name=row.get("level3") or row.get("level2") or row_id,
            category=row.get("level1") or "", target=row.get("target"), actual=row.get("actual"),
            points=row.get("points"), score=row.get("score"), nature=row.get("nature"), unit=row.get("unit"),
            not_applicable=bool(row.get("not_applicable"))))
    return rows


def combine(items: tuple[ScoreItem, ...]) -> tuple[Decimal | None, list[str]]:
    """The total of project items with the 不适用 renormalisation, and notes explaining it."""
    applicable = [i for i in items if not i.not_applicable]
    no_points = [i.label for i in applicable if i.points is None]
    no_score = [i for i in applicable if i.points is not None and i.score is None]
    notes = []
    if no_points:
        notes.append(f"总分无法计算：{len(no_points)} 项指标未填写分值（{'、'.join(no_points)}）")
    if no_score:
        reasons = "；".join(f"{i.label}：{'，'.join(i.problems) or '无法计分'}" for i in no_score)
        notes.append(f"总分无法计算：{len(no_score)} 项无法计分（{reasons}）")
    if notes:
        return None, notes
    scores = sum((i.score for i in applicable if i.score is not None), Decimal(0))
    points = sum((i.points for i in applicable if i.points is not None), Decimal(0))
    skipped = [i.label for i in items if i.not_applicable]
    if not skipped:
        if points != 100:
            notes.append(f"适用项分值合计为 {pts(points)}，不是 100；总分按各项得分直接相加")
        return quantize(scores), notes
    if not points:
        return None, [f"所有项目均不适用或分值为 0（{'、'.join(skipped)}），无法计算总分"]
    total = quantize(scores / points * 100)
    notes.append(f"{len(skipped)} 项不适用（{'、'.join(skipped)}），按适用项分值折算为百分制："
                 f"总分 = {pts(scores)} / {pts(points)} × 100 = {pts(total)}")
    return total, notes


def _capped(total: Decimal | None, block: Block, profile: ScoringProfile, notes: list[str]) -> Decimal | None:
    """The total after the profile's cap for the project's 执行率 band, with a note when it bites."""
    if total is None or not profile.total_caps:
        return total
    rate = fund_rate(block, TOTAL_SOURCE, profile)
    if rate is None:
        return total
    cap = profile.cap_for(rate * 100)
    if cap is None:
        return total
    band = f"{num(cap.from_percent)}%（含）至 {num(cap.to_percent)}%"
    shown = pct(rate)
    if shown == format_percent(cap.to_percent / 100, 2):  # 69.999 % rounds to the end of its band
        shown += f"（不足 {num(cap.to_percent)}%）"
    if total <= cap.max_total:
        notes.append(f"预算执行率 {shown} 在 {band} 区间，总分上限 {pts(cap.max_total)}；"
                     f"计算总分 {pts(total)} 未超过上限")
        return total
    notes.append(f"预算执行率 {shown} 在 {band} 区间，总分上限 {pts(cap.max_total)}："
                 f"计算总分 {pts(total)} 按上限计为 {pts(cap.max_total)}")
    return quantize(cap.max_total)


def score_project(year: YearData, project_id: str, profile: ScoringProfile,
                  grouped: ProjectRows | None = None) -> ScoreResult:
    """The self-evaluation score of one project (a row id of the year's 项目支出绩效自评表).

    `grouped` is the year's rows by project, built once by a caller that scores many projects.
    """
    project = year.section("projects").rows.get(project_id)
    if project is None:
        raise DocumentError(f"{year.year}年度没有项目“{project_id}”")
    grouped = grouped or ProjectRows.of(year)
    block = grouped.block(project_id)
    items = (_budget_item(block, profile),
             *(score_indicator(row, profile) for row in _indicator_rows(grouped, project_id)))
    total, notes = combine(items)
    total = _capped(total, block, profile, notes)
    grade = graded(total, profile, notes)
    reported = project.get("score_reported")
    notes += difference_notes(items) + total_notes(items, total, reported, grade, project.get("grade_reported"))
    return ScoreResult(name=project.get("name") or project_id, total=total, grade=grade, items=items,
                       reported_total=reported, notes=tuple(notes))
