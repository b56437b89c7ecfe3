"""部门整体绩效评价 (domain.md §3.2, seed 2's 评分表): 预算执行 20 + 产出 30 + 效果 30 + 预算管理 20.

预算执行: min(执行数 / 预算数, 1) × 20 from the 资金总体 row (or 基本 + 项目 + 其他 when it is blank).
产出/效果: the indicators of that 二级指标; a blank 分值 shares what the part has left equally, to the
cent (the first rows take the leftover cents), so full marks add up to the part exactly.
预算管理: see management.py. Total = Σ parts; notes compare every item with the reported score.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from desktop.domain.document import YearData
from desktop.domain.scoring_profile import ScoringProfile
from desktop.scoring.indicators import IndicatorRow, score_indicator
from desktop.scoring.management import CATEGORY as MANAGEMENT, execution_total, management_items
from desktop.scoring.result import (CENT, ScoreItem, ScoreResult, difference_notes, graded, pct, pts, quantize,
                                    scored, total_notes, wan)

INPUT_SECTIONS = ("dept_score", "dept_score_indicators", "dept_score_management")
PARTS = (("output", "产出", "output_points", "output_score_reported"),
         ("effect", "效果", "effect_points", "effect_score_reported"))


def _execution(year: YearData, profile: ScoringProfile) -> ScoreItem:
    points = profile.department.execution_points
    budget, executed = execution_total(year, "full_year_budget"), execution_total(year, "executed")
    base = dict(key="budget_execution", label="预算执行率", points=points, category="预算执行",
                reported=year.section("dept_score").get("execution_score_reported"),
                formula=f"执行率 = 执行数 / 预算数（资金总体 = 基本支出 + 项目支出 + 其他）；得分 = min(执行率, 1) × {pts(points)}")
    if budget is None or executed is None or not budget:
        why = "全年预算数或执行数未填写" if budget is None or executed is None else "全年预算数为 0"
        return ScoreItem(**base, score=None, explanation=f"{why}，无法计算执行率", problems=(why,))
    rate = Decimal(executed.fen) / Decimal(budget.fen)
    score = quantize(min(max(rate, Decimal(0)), Decimal(1)) * points)
    return ScoreItem(**base, score=score, explanation=(
        f"执行率 = {wan(executed)} / {wan(budget)} = {pct(rate)}；得分 = min({pct(rate)}, 1) × {pts(points)} = {pts(score)}"),
        basis=f"执行数{wan(executed)}万元，预算数{wan(budget)}万元，执行率{pct(rate)}，{scored(score)}")


def share_points(part: Decimal, given: list[Decimal | None]) -> tuple[list[Decimal | None], str]:
    """Fill blank points with equal cent shares of what the part has left; a problem text or ""."""
    blanks = [i for i, p in enumerate(given) if p is None]
    left = part - sum((p for p in given if p is not None), Decimal(0))
    if not blanks:
        return list(given), "" if left == 0 else f"各指标分值合计 {pts(part - left)} 与分值 {pts(part)} 不一致"
    if left < 0:
        return list(given), f"已填分值合计超过分值 {pts(part)}，未填分值的指标无法分配"
    cents = int(left / CENT)
    each = (Decimal(cents // len(blanks)) * CENT).quantize(CENT, rounding=ROUND_FLOOR)
    extra = cents - (cents // len(blanks)) * len(blanks)
    filled = list(given)
    for order, index in enumerate(blanks):
        filled[index] = each + (CENT if order < extra else 0)
    return filled, ""


def _part(year: YearData, profile: ScoringProfile, key: str, category: str, points_key: str,
          reported_key: str) -> ScoreItem:
    form = year.section("dept_score")
    template = getattr(profile.department, points_key)
    points = form.get(points_key)
    problems = [] if points in (None, template) else [f"分值 {pts(points)} 与评分方案的 {pts(template)} 不一致"]
    points = template if points is None else points
    rows = [(rid, r) for rid, r in year.section("dept_score_indicators").rows.items() if r.get("category") == category]
    shares, trouble = share_points(points, [r.get("points") for _, r in rows])
    children = tuple(score_indicator(IndicatorRow(
        key=f"indicator:{rid}", name=r.get("name") or rid, category=category, target=r.get("target"),
        actual=r.get("actual"), points=share, score=r.get("score")), profile, default_nature="≥")
        for (rid, r), share in zip(rows, shares))
    problems += [trouble] if trouble else []
    missing = [c.label for c in children if c.score is None]
    if not children:
        problems.append(f"未填写{category}指标")
    elif missing:
        problems.append(f"{len(missing)} 项指标无法计分（{'、'.join(missing)}）")
    score = None if missing or not children else sum((c.score for c in children if c.score is not None), Decimal(0))
    explanation = ("无法计分：" + "；".join(problems) if score is None else
                   f"得分 = {' + '.join(pts(c.score) for c in children if c.score is not None)} = {pts(score)}")
    return ScoreItem(key=key, label=category, points=points, score=score, category=category,
                     basis=f"{len(children)}项指标得分合计，{scored(score)}" if score is not None else "",
                     formula=f"{category}得分 = Σ 各指标得分（未填分值的指标平分本部分剩余分值）；定量指标 = 比率 × 分值，定性指标按评定",
                     explanation=explanation, reported=form.get(reported_key), problems=tuple(problems),
                     children=children)


def _management(year: YearData, profile: ScoringProfile) -> ScoreItem:
    children = management_items(year, profile.department)
    points = sum((c.points for c in children if c.points is not None), Decimal(0))
    missing = [c.label for c in children if c.score is None]
    score = None if missing else sum((c.score for c in children if c.score is not None), Decimal(0))
    reported = [c.reported for c in children]
    return ScoreItem(key="management", label="预算管理情况", points=points, score=score, category=MANAGEMENT,
                     formula="预算管理得分 = Σ 各项得分", children=children,
                     basis=f"{len(children)}项得分合计，{scored(score)}" if score is not None else "",
                     reported=None if None in reported else sum(reported, Decimal(0)),
                     explanation=f"{MANAGEMENT}得分 = {' + '.join(pts(c.score) for c in children if c.score is not None)}"
                                 + (f" = {pts(score)}" if score is not None else ""),
                     problems=(f"{'、'.join(missing)} 无法计分",) if missing else ())


def score_department(year: YearData, profile: ScoringProfile, department_name: str = "") -> ScoreResult | None:
    """The department's overall score, or None when the year holds no 评分表 inputs at all."""
    if all(year.section(key).is_empty() for key in INPUT_SECTIONS):
        return None
    items = (_execution(year, profile), *(_part(year, profile, *part) for part in PARTS), _management(year, profile))
    notes = [f"“{r.get('name') or rid}”未选择二级指标（产出/效果），未计分"
             for rid, r in year.section("dept_score_indicators").rows.items() if r.get("category") is None]
    missing = [i.label for i in items if i.score is None]
    total = None if missing else quantize(sum((i.score for i in items if i.score is not None), Decimal(0)))
    if missing:
        notes.append(f"合计无法计算：{'、'.join(missing)} 无法计分（见各项说明）")
    points = sum((i.points for i in items if i.points is not None), Decimal(0))
    if points != 100:
        notes.append(f"各部分分值合计为 {pts(points)}，不是 100")
    grade = graded(total, profile, notes)
    form = year.section("dept_score")
    notes += difference_notes(items) + total_notes(items, total, form.get("total_reported"), grade,
                                                   form.get("grade_reported"))
    return ScoreResult(name=department_name or "部门整体", total=total, grade=grade, items=items,
                       reported_total=form.get("total_reported"), notes=tuple(notes))
