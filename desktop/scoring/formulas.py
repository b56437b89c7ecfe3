"""The indicator formulas of domain.md §3.1: 正向/反向/等于 quantitative scores and 定性 ranges.

A = 年度指标值 (target), B = 实际完成值 (actual), w = 分值. Every variant and constant comes from
the scoring profile. A score never exceeds w when the profile caps (it does by default) and never
goes below 0; a target of 0 is handled without division. Scores are quantized to 0.01.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from desktop.domain.scoring_profile import (FIVE_LEVEL, GRADE_WORDS, THREE_LEVEL, TIERS, QuantitativeRules,
                                              ScoringProfile)
from desktop.scoring.result import num, pct, pts, quantize

ONE = Decimal(1)
HUNDRED = Decimal(100)
NATURE_NAMES = {"≥": "正向指标", "≤": "反向指标", "=": "等于型指标"}


def whole_steps(value: Decimal, mode: str) -> Decimal:
    """floor or ceil of a non-negative quantity: counting full (or started) steps."""
    return value.to_integral_value(rounding=ROUND_FLOOR if mode == "floor" else ROUND_CEILING)


def quantitative_formula(nature: str, profile: ScoringProfile) -> str:
    """The formula an indicator's tooltip and 评分依据 state: the same text for every indicator of
    a nature under one profile, so it is composed once (12 indicators × 800 projects ask for it)."""
    key = (nature, profile.quantitative)
    formula = _FORMULAS.get(key)
    if formula is None:
        if len(_FORMULAS) > 256:  # profiles made up by tests: keep the cache small
            _FORMULAS.clear()
        formula = _FORMULAS[key] = _quantitative_formula(nature, profile.quantitative)
    return formula


_FORMULAS: dict[tuple[str, QuantitativeRules], str] = {}


def _quantitative_formula(nature: str, rules: QuantitativeRules) -> str:
    if nature == "≥":
        bands = "、".join(f"≥{num(b.from_percent)}% 扣 {num(b.deduct_percent)}%" for b in rules.penalty_bands)
        measure = "完成值 / 指标值 B / A" if rules.penalty_basis == "completion" else "超额偏离度 (B − A) / A"
        return ("正向指标：B ≥ A 得满分，否则 得分 = B / A × 分值"
                + (f"；{measure} 达到 {bands}（指标值设定偏低）" if bands else ""))
    if nature == "≤":
        if rules.reverse_variant == "ratio":
            return "反向指标：B ≤ A 得满分，否则 得分 = A / B × 分值"
        return "反向指标：B ≤ A 得满分；A < B < 2A 时 得分 = (1 − (B − A) / A) × 分值；B ≥ 2A 得 0 分"
    if rules.equal_variant == "deviation":
        return "等于型指标：B = A 得满分，否则 得分 = max(0, 1 − |B − A| / A) × 分值；A = 0 且 B ≠ 0 得 0 分"
    return "等于型指标：A > 0 时按正向指标计分；A = 0 时 B ≤ 0 得满分，否则得 0 分"


def _penalty(measure_percent: Decimal, profile: ScoringProfile) -> tuple[Decimal, Decimal]:
    """(share of w deducted, the band's threshold) for a target set too low; (0, 0) below the first band.

    `measure_percent` is on the profile's basis: the deviation (B − A) / A or the completion B / A."""
    deduct, threshold = Decimal(0), Decimal(0)
    for band in profile.quantitative.penalty_bands:
        if measure_percent >= band.from_percent:
            deduct, threshold = band.deduct_percent, band.from_percent
    return deduct / HUNDRED, threshold


def _with_penalty(fraction: Decimal, deviation: Decimal, over: str, profile: ScoringProfile) -> tuple[Decimal, str]:
    """Apply the over-target deduction to a fraction of w; deviation is a ratio (1 = 100%).

    With the "completion" basis the bands are read against 1 + deviation (B / A, or A / B for a
    反向 indicator), one rule with two ways of writing its threshold."""
    completion = profile.quantitative.penalty_basis == "completion"
    measure = deviation + ONE if completion else deviation
    deduct, threshold = _penalty(measure * HUNDRED, profile)
    if not deduct:
        return fraction, ""
    if completion:
        over = "完成值 / 指标值 B / A" if over.startswith("超额") else "指标值 / 完成值 A / B"
    return fraction - deduct, (f"；{over} = {pct(measure)}，达到 {num(threshold)}%，指标值设定偏低，"
                               f"扣分值的 {pct(deduct)}")


def _positive(target: Decimal, actual: Decimal, profile: ScoringProfile, penalise: bool) -> tuple[Decimal, str]:
    if target == 0:
        if actual >= 0:
            return ONE, "A = 0，B ≥ 0，得满分（A 为 0 时不计算超额偏离度）"
        return Decimal(0), "A = 0，B < 0，得 0 分"
    if actual < target:
        return max(actual / target, Decimal(0)), f"B < A，得分比例 = B / A = {num(actual)} / {num(target)}"
    fraction = actual / target if not profile.quantitative.cap else ONE
    text = "B ≥ A，得满分" if profile.quantitative.cap else f"B ≥ A，得分比例 = B / A = {num(actual)} / {num(target)}"
    if penalise:
        fraction, extra = _with_penalty(fraction, (actual - target) / target, "超额偏离度 (B − A) / A", profile)
        text += extra
    return fraction, text


def _reverse(target: Decimal, actual: Decimal, profile: ScoringProfile) -> tuple[Decimal, str]:
    rules = profile.quantitative
    if actual <= target:
        text = "B ≤ A，得满分"
        if rules.penalty_applies_to_reverse and actual > 0:
            fraction, extra = _with_penalty(ONE, (target - actual) / actual, "偏离度 (A − B) / B", profile)
            return fraction, text + extra
        return ONE, text
    if rules.reverse_variant == "ratio":
        return target / actual, f"B > A，得分比例 = A / B = {num(target)} / {num(actual)}"
    if actual >= 2 * target:
        return Decimal(0), "B ≥ 2A，得 0 分"
    return ONE - (actual - target) / target, (
        f"A < B < 2A，得分比例 = 1 − (B − A) / A = 1 − ({num(actual)} − {num(target)}) / {num(target)}")


def _equal(target: Decimal, actual: Decimal, profile: ScoringProfile) -> tuple[Decimal, str]:
    if profile.quantitative.equal_variant == "anhui":
        if target > 0:
            fraction, text = _positive(target, actual, profile, penalise=False)
            return fraction, f"A > 0，按正向指标计分：{text}"
        return (ONE, "A = 0，B ≤ 0，得满分") if actual <= 0 else (Decimal(0), "A = 0，B > 0，得 0 分")
    if actual == target:
        return ONE, "B = A，得满分"
    if target == 0:
        return Decimal(0), "A = 0 而 B ≠ 0，得 0 分"
    fraction = max(Decimal(0), ONE - abs(actual - target) / target)
    return fraction, f"得分比例 = max(0, 1 − |B − A| / A) = max(0, 1 − |{num(actual)} − {num(target)}| / {num(target)})"


def score_quantitative(nature: str, target: Decimal, actual: Decimal, points: Decimal,
                       profile: ScoringProfile) -> tuple[Decimal, str]:
    """(score, explanation) of a quantitative indicator; ValueError for an unknown nature or A < 0."""
    if nature not in NATURE_NAMES:
        raise ValueError(f"指标性质“{nature}”不是 ≥、≤ 或 =，无法按定量指标计分")
    if target < 0 or points < 0:
        raise ValueError(f"指标值 {num(target)} 或分值 {num(points)} 为负数，无法计分")
    if nature == "≥":
        fraction, text = _positive(target, actual, profile, penalise=True)
    elif nature == "≤":
        fraction, text = _reverse(target, actual, profile)
    else:
        fraction, text = _equal(target, actual, profile)
    fraction = max(fraction, Decimal(0))
    if profile.quantitative.cap:
        fraction = min(fraction, ONE)
    score = quantize(fraction * points)
    return score, (f"{NATURE_NAMES[nature]}，A = {num(target)}，B = {num(actual)}：{text}；"
                   f"得分 = {pct(fraction)} × {pts(points)} = {pts(score)}")


def scale_of(word: str, scale: str | None = None) -> str:
    """The grade scale a word belongs to: the given one, or 高中低 for 高, else 优良中低差."""
    if scale in (FIVE_LEVEL, THREE_LEVEL) and word in scale:
        return scale
    return THREE_LEVEL if word == "高" else FIVE_LEVEL


def qualitative_range(word_or_tier: str, points: Decimal, profile: ScoringProfile,
                      scale: str | None = None) -> tuple[Decimal, Decimal, str] | None:
    """(low, high, tier name) in points for a tier or a grade word; None for any other text.

    A tier's range is its band from the profile ([0.8w, w] for 达成, [0.5w, 0.8w) for 部分达成 …;
    the top is inclusive only for 达成). A grade word maps to its tier in mode "tiers"; in mode
    "fractions" it fixes the score, so its range is the single point fraction × w.
    """
    rules = profile.qualitative
    if word_or_tier in TIERS:
        tier = word_or_tier
    elif word_or_tier in GRADE_WORDS and rules.grade_mode == "tiers":
        tier = rules.grade_tiers[word_or_tier]
    elif word_or_tier in GRADE_WORDS:
        fraction = rules.grade_fractions[scale_of(word_or_tier, scale)][word_or_tier]
        return fraction * points, fraction * points, f"{word_or_tier}（{pct(fraction)}）"
    else:
        return None
    low, high = rules.tier_bounds(tier)
    return low * points, high * points, tier


def in_range(score: Decimal, low: Decimal, high: Decimal, points: Decimal) -> bool:
    """Whether a judged score lies in a qualitative range (the top is closed only at w or a point)."""
    return low <= score < high or score == high == low or (score == high == points)


def default_qualitative(word_or_tier: str, points: Decimal, profile: ScoringProfile,
                        scale: str | None = None) -> tuple[Decimal, str] | None:
    """(score, explanation) for a 定性 indicator with no judged score, from the profile's mapping."""
    rules = profile.qualitative
    if word_or_tier in GRADE_WORDS and rules.grade_mode == "fractions":
        used = scale_of(word_or_tier, scale)
        fraction = rules.grade_fractions[used][word_or_tier]
        source = f"按评分方案“{used}”固定比例，“{word_or_tier}”得 {pct(fraction)}"
    elif word_or_tier in TIERS or word_or_tier in GRADE_WORDS:
        tier = word_or_tier if word_or_tier in TIERS else rules.grade_tiers[word_or_tier]
        fraction = rules.tier_default_fractions[tier]
        mapped = "" if tier == word_or_tier else f"“{word_or_tier}”对应“{tier}”，"
        source = f"未评定得分，{mapped}按评分方案取该档默认比例 {pct(fraction)}"
    else:
        return None
    score = quantize(fraction * points)
    return score, f"{source}；得分 = {pct(fraction)} × {pts(points)} = {pts(score)}"
