"""One performance indicator row → one ScoreItem (project 自评表 and department 评分表 alike).

The target and actual texts are read with `parse_indicator_value`; a quantitative indicator is
scored with the §3.1 formula of its nature, a 定性 one takes the clerk's judged score (checked
against the range of its grade word or tier) or, failing that, the profile's default fraction.
Whatever cannot be scored gets score None and a Chinese problem naming the indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.scoring_profile import ScoringProfile
from desktop.scoring.formulas import (default_qualitative, in_range, qualitative_range, quantitative_formula,
                                      score_quantitative)
from desktop.scoring.result import ScoreItem, pts, quantize, scored
from desktop.scoring.values import IndicatorValue, parse_indicator_value, same_unit

QUALITATIVE = "定性"
QUALITATIVE_FORMULA = "定性指标：按评定得分；未评定时按评分方案对完成等级的默认比例 × 分值"


@dataclass(frozen=True)
class IndicatorRow:
    key: str
    name: str
    category: str
    target: str | None
    actual: str | None
    points: Decimal | None
    score: Decimal | None = None      # the clerk's score column (judged for 定性, reported otherwise)
    nature: str | None = None         # the 指标性质 column, when the form has one
    unit: str | None = None           # the 度量单位 column, when the form has one
    not_applicable: bool = False


def _nature(row: IndicatorRow, target: IndicatorValue | None, actual: IndicatorValue | None,
            default: str | None) -> tuple[str | None, list[str], str]:
    """The nature to score by, problems about it, and a remark for the explanation."""
    problems: list[str] = []
    written = target.nature if target and target.value is not None else None
    if row.nature:
        if written and written != row.nature:
            problems.append(f"指标性质为“{row.nature}”，但指标值写作“{row.target}”")
        return row.nature, problems, ""
    if written:
        return written, problems, ""
    if target and (target.scale or target.grade) or (actual and actual.grade and not target):
        return QUALITATIVE, problems, ""
    if default and target and target.value is not None:
        return default, problems, f"未注明指标性质，按“{default}”计分；"
    return None, problems, ""


def _qualitative(row: IndicatorRow, target: IndicatorValue | None, actual: IndicatorValue | None,
                 profile: ScoringProfile) -> tuple[Decimal | None, str, list[str]]:
    points = row.points or Decimal(0)
    word = actual.grade if actual else None
    scale = target.scale if target else None
    if row.score is not None:
        problems, text = [], f"定性指标，评定得分 {pts(row.score)}"
        span = qualitative_range(word, points, profile, scale) if word else None
        if span:
            low, high, tier = span
            text += f"（完成值“{word}”对应“{tier}”：{pts(low)}–{pts(high)} 分）"
            if not in_range(row.score, low, high, points):
                problems.append(f"评定得分 {pts(row.score)} 不在完成值“{word}”对应的“{tier}”"
                                f"区间 {pts(low)}–{pts(high)} 分内（评分方案 {profile.qualitative.tier_variant}），请核实")
        if row.score > points or row.score < 0:
            problems.append(f"评定得分 {pts(row.score)} 超出 0–{pts(points)} 分")
        return quantize(row.score), text, problems
    default = default_qualitative(word, points, profile, scale) if word else None
    if default:
        return default[0], f"定性指标，完成值“{word}”：{default[1]}", []
    return None, "", [f"定性指标未评定得分，完成值“{row.actual or ''}”也不是等级（优良中低差/高中低）或达成档次"]


def score_indicator(row: IndicatorRow, profile: ScoringProfile, default_nature: str | None = None) -> ScoreItem:
    """Score one indicator row; default_nature applies when neither the form nor the target says."""
    base = dict(key=row.key, label=row.name, points=row.points, category=row.category, reported=row.score)
    if row.not_applicable:
        return ScoreItem(**base, score=None, formula="不适用指标不计入得分和分值", not_applicable=True, basis="不适用",
                         explanation="不适用：不计入得分，也不计入分值合计（总分按适用指标折算为百分制）")
    target, actual = parse_indicator_value(row.target), parse_indicator_value(row.actual)
    nature, problems, remark = _nature(row, target, actual, default_nature)
    if nature == QUALITATIVE:
        formula = QUALITATIVE_FORMULA
    else:
        formula = quantitative_formula(nature, profile) if nature else "未注明指标性质"
    if row.points is None:
        return ScoreItem(**base, score=None, formula=formula, explanation="未填写分值，无法计分",
                         problems=(*problems, "未填写分值"), blame="points")
    if nature == QUALITATIVE:
        score, text, more = _qualitative(row, target, actual, profile)
        return ScoreItem(**base, score=score, formula=formula, explanation=text, problems=(*problems, *more),
                         basis=_basis(row, score, qualitative=True), blame="" if score is not None else "score")
    if nature is None:
        shown = f"指标值“{row.target}”无法判断" if row.target else "指标值也未填写"
        problems.append(f"未注明指标性质（≥、≤、= 或 定性），{shown}")
        return ScoreItem(**base, score=None, formula=formula, explanation="无法判断指标性质", problems=tuple(problems),
                         blame="nature")
    if target is None or actual is None or target.value is None or actual.value is None:
        for label, text, value in (("指标值", row.target, target), ("完成值", row.actual, actual)):
            if value is None or value.value is None:
                problems.append(f"{label}“{text or ''}”{'不是可计算的数值' if text else '未填写'}")
        return ScoreItem(**base, score=None, formula=formula, explanation="缺少可计算的指标值或完成值",
                         problems=tuple(problems),
                         blame="target" if target is None or target.value is None else "actual")
    target_unit = target.unit or row.unit or ""
    if not same_unit(target_unit, actual.unit):
        problems.append(f"完成值单位“{actual.unit}”与指标值单位“{target_unit}”不一致")
    if actual.nature in BOUNDS:
        return _bounded(row, nature, target, actual, base, formula, problems)
    try:
        score, text = score_quantitative(nature, target.value, actual.value, row.points, profile)
    except ValueError as exc:
        return ScoreItem(**base, score=None, formula=formula, explanation=str(exc),
                         problems=(*problems, str(exc)), blame="target")
    return ScoreItem(**base, score=score, formula=formula, explanation=remark + text, problems=tuple(problems),
                     basis=_basis(row, score))


BOUNDS = {"≥": "下限", "≤": "上限"}


def actual_bound(text: str | None) -> str | None:
    """"≥" or "≤" when a 完成值 is written with a comparison ("≥18家", "不低于90%", "<5%"): it
    states a bound, i.e. a target, not the achieved figure a 完成值 must be."""
    value = parse_indicator_value(text)
    return value.nature if value is not None and value.value is not None and value.nature in BOUNDS else None


def _bounded(row: IndicatorRow, nature: str, target: IndicatorValue, actual: IndicatorValue, base: dict,
             formula: str, problems: list[str]) -> ScoreItem:
    """A 完成值 written as a bound ("≥18家"). It can only be scored when the bound itself decides the
    score: a lower bound at or above a 正向 target (or an upper bound at or below a 反向 one) means the
    target was met, so full points, the over-target deduction not being judgeable; anything else
    leaves the achieved figure unknown, so no score."""
    bound = BOUNDS[actual.nature]
    met = (nature == "≥" and actual.nature == "≥" and actual.value >= target.value
           or nature == "≤" and actual.nature == "≤" and actual.value <= target.value)
    stated = f"完成值“{(row.actual or '').strip()}”写的是{bound}（比较符号“{actual.nature}”），不是实际完成的数值"
    if not met:
        why = f"{stated}，无法确定是否达到指标值“{(row.target or '').strip()}”，无法计分"
        return ScoreItem(**base, score=None, formula=formula, explanation=why, problems=(*problems, why),
                         blame="actual")
    score = quantize(row.points)
    over = "，超额偏离度无法判断" if nature == "≥" else ""
    return ScoreItem(**base, score=score, formula=formula, problems=tuple(problems), basis=_basis(row, score),
                     explanation=(f"{stated}；该{bound}已达到指标值“{(row.target or '').strip()}”，按达到指标值得满分"
                                  f" {pts(score)}（实际完成值未知{over}）；完成值应改填实际完成的数值"))


def _basis(row: IndicatorRow, score: Decimal | None, qualitative: bool = False) -> str:
    """"指标值≥90%，完成值95%，得5.00分" or "评定为“优”，得3.34分": what was set and achieved, in
    the row's own words, never a formula."""
    if score is None:
        return ""
    if qualitative:
        judged = (row.actual or "").strip()
        return f"评定为“{judged}”，{scored(score)}" if judged else f"评定{scored(score)}"
    stated = [f"{label}{text.strip()}" for label, text in (("指标值", row.target), ("完成值", row.actual))
              if text and text.strip()]
    return "，".join([*stated, scored(score)])
