"""项目支出绩效自评 (domain.md §3.1): the budget-execution line plus the project's indicators.

Budget execution: A = 全年预算数 and B = 全年执行数 of the project's 年度资金总额 row, score =
min(B / A, 1) × w (w = 10 by default); A = 0 or blank makes the line 不适用. Indicators are
scored by `score_indicator`. When anything is 不适用, total = Σ applicable scores / Σ applicable
points × 100; otherwise total = Σ scores. A missing score leaves the total None, with notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.domain.document import DocumentError, YearData
from desktop.domain.scoring_profile import ScoringProfile
from desktop.scoring.indicators import IndicatorRow, score_indicator
from desktop.scoring.result import (ScoreItem, ScoreResult, difference_notes, graded, pct, pts, quantize,
                                    scored, total_notes, wan)

TOTAL_SOURCE = "年度资金总额"
BUDGET_FORMULA = "得分 = min(全年执行数 B / 全年预算数 A, 1) × {points}；A 为 0 或未填写时不适用"


@dataclass(frozen=True)
class ProjectRows:
    """A year's indicator and fund rows grouped by project, so scoring every project reads each row once."""

    indicators: dict[Any, list[tuple[str, dict[str, Any]]]]
    funds: dict[Any, list[dict[str, Any]]]

    @classmethod
    def of(cls, year: YearData) -> ProjectRows:
        indicators: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
        for row_id, row in year.section("project_indicators").rows.items():
            indicators.setdefault(row.get("project"), []).append((row_id, row))
        funds: dict[Any, list[dict[str, Any]]] = {}
        for row in year.section("project_funds").rows.values():
            funds.setdefault(row.get("project"), []).append(row)
        return cls(indicators, funds)


def _budget_item(grouped: ProjectRows, project_id: str, points: Decimal) -> ScoreItem:
    funds = [row for row in grouped.funds.get(project_id, []) if row.get("source") == TOTAL_SOURCE]
    base = dict(key="budget_execution", label="预算执行率", points=points, category="预算执行",
                formula=BUDGET_FORMULA.format(points=pts(points)))
    budget = funds[0].get("full_year_budget") if funds else None
    executed = funds[0].get("executed") if funds else None
    if budget is None or not budget:
        why = "未填写年度资金总额的全年预算数" if budget is None else "年度资金总额的全年预算数为 0"
        problems = (f"{why}，按不适用处理",) if budget is None else ()
        return ScoreItem(**base, score=None, not_applicable=True, problems=problems, basis="不适用",
                         explanation=f"{why}，预算执行率不适用，总分按其余指标折算为百分制")
    if executed is None:
        return ScoreItem(**base, score=None, explanation="未填写全年执行数，无法计算执行率",
                         problems=("年度资金总额的全年执行数未填写",))
    rate = Decimal(executed.fen) / Decimal(budget.fen)
    used = min(max(rate, Decimal(0)), Decimal(1))
    score = quantize(used * points)
    return ScoreItem(**base, score=score, explanation=(
        f"执行率 = {wan(executed)} / {wan(budget)} = {pct(rate)}；得分 = min({pct(rate)}, 1) × {pts(points)} = {pts(score)}"),
        basis=f"执行率{pct(rate)}，{scored(score)}")


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


def score_project(year: YearData, project_id: str, profile: ScoringProfile,
                  grouped: ProjectRows | None = None) -> ScoreResult:
    """The self-evaluation score of one project (a row id of the year's 项目支出绩效自评表).

    `grouped` is the year's rows by project, built once by a caller that scores many projects.
    """
    project = year.section("projects").rows.get(project_id)
    if project is None:
        raise DocumentError(f"{year.year}年度没有项目“{project_id}”")
    grouped = grouped or ProjectRows.of(year)
    items = (_budget_item(grouped, project_id, profile.budget_execution_points),
             *(score_indicator(row, profile) for row in _indicator_rows(grouped, project_id)))
    total, notes = combine(items)
    grade = graded(total, profile, notes)
    reported = project.get("score_reported")
    notes += difference_notes(items) + total_notes(items, total, reported, grade, project.get("grade_reported"))
    return ScoreResult(name=project.get("name") or project_id, total=total, grade=grade, items=items,
                       reported_total=reported, notes=tuple(notes))
