"""What a scorer returns: items with their formula and worked explanation, and the total.

Scores are exact Decimals quantized to 0.01 ROUND_HALF_UP at the item level, as the official
forms print two decimals; a total is the sum of its items (or their 百分制 conversion). The
notes say, in Chinese, why a total is missing and where the computed scores differ from what
the clerk reported. `to_json` gives the interchange form with every Decimal as "94.94".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator

from desktop.domain.formatting import format_number, format_percent, round_half_up
from desktop.domain.money import Money
from desktop.domain.scoring_profile import ScoringProfile

CENT = Decimal("0.01")


def quantize(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def pts(value: Decimal) -> str:
    """A score or points as printed on the forms: two decimals."""
    return format_number(value, 2, thousands=False)


def num(value: Decimal) -> str:
    """An exact number as typed (indicator values, deductions): no rounding, no exponent."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def pct(ratio: Decimal) -> str:
    return format_percent(ratio, 2)


def scored(score: Decimal) -> str:
    """The end of a 评分依据 sentence: "得19.94分"."""
    return f"得{pts(score)}分"


def wan(amount: Money) -> str:
    return format_number(amount.wan, 2)


def _json_decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{quantize(value):f}"


@dataclass(frozen=True)
class ScoreItem:
    key: str                         # "budget_execution", "indicator:<row id>", "output", "management:<row>" …
    label: str
    points: Decimal | None           # the item's maximum (分值)
    score: Decimal | None            # 0.01-quantized; None = cannot be computed (see problems)
    formula: str
    explanation: str
    category: str = ""
    not_applicable: bool = False
    reported: Decimal | None = None  # what the clerk or the source document reported
    problems: tuple[str, ...] = ()  # about this item; the label is not repeated in them
    children: tuple["ScoreItem", ...] = ()
    basis: str = ""  # the 评分依据 a reader sees: a sentence, never a formula ("执行率 99.70%，得 19.94 分")
    blame: str = ""  # an indicator that cannot be scored: the input column to fix (points, nature, target, actual, score)

    def walk(self) -> Iterator["ScoreItem"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "label": self.label, "points": _json_decimal(self.points),
            "score": _json_decimal(self.score), "formula": self.formula, "explanation": self.explanation,
            "category": self.category, "not_applicable": self.not_applicable,
            "reported": _json_decimal(self.reported), "problems": list(self.problems),
            "basis": self.basis, "children": [c.to_json() for c in self.children],
        }


@dataclass(frozen=True)
class ScoreResult:
    name: str
    total: Decimal | None
    grade: str | None
    items: tuple[ScoreItem, ...]
    reported_total: Decimal | None
    notes: tuple[str, ...]

    def item(self, key: str) -> ScoreItem:
        """An item or a nested child by key."""
        for item in self.items:
            for found in item.walk():
                if found.key == key:
                    return found
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "total": _json_decimal(self.total), "grade": self.grade,
                "reported_total": _json_decimal(self.reported_total),
                "items": [i.to_json() for i in self.items], "notes": list(self.notes)}


def grade_for(total: Decimal, profile: ScoringProfile) -> str:
    """The grade label of a total: bands are [low, high) except the top one, which is closed."""
    top = profile.grades[0]
    for band in profile.grades:
        if band.low <= total < band.high or (band is top and total == top.high):
            return band.label
    raise ValueError(f"总分 {pts(total)} 不在 {pts(profile.grades[-1].low)}–{pts(top.high)} 分之间，无法评定等级")


def graded(total: Decimal | None, profile: ScoringProfile, notes: list[str]) -> str | None:
    """The grade of a total, or None (with a note saying why when the total is out of range)."""
    if total is None:
        return None
    try:
        return grade_for(total, profile)
    except ValueError as exc:
        notes.append(str(exc))
        return None


def _differing(items: tuple[ScoreItem, ...]) -> Iterator[ScoreItem]:
    for item in (found for top in items for found in top.walk()):
        if item.reported is not None and not item.not_applicable and (
                item.score is None or quantize(item.score) != quantize(item.reported)):
            yield item


def difference_notes(items: tuple[ScoreItem, ...]) -> list[str]:
    """One note per item (at any depth) whose computed score differs from the reported one."""
    notes = []
    for item in _differing(items):
        if item.score is None:
            notes.append(f"“{item.label}”：填报得分 {pts(item.reported)}，计算得分无法得出")
        else:
            notes.append(f"“{item.label}”：计算得分 {pts(item.score)}，填报得分 {pts(item.reported)}，"
                         f"相差 {pts(item.score - item.reported)}")
    return notes


def total_notes(items: tuple[ScoreItem, ...], total: Decimal | None, reported: Decimal | None,
                grade: str | None, reported_grade: str | None) -> list[str]:
    """Notes comparing the total and grade with what was reported, naming the items behind a gap."""
    notes = []
    if reported is not None and total is None:
        notes.append(f"填报总分 {pts(reported)}，计算总分无法得出")
    elif reported is not None and total is not None and quantize(total) != quantize(reported):
        leaves = [f"{i.label} {pts(i.score - i.reported)}" for i in _differing(items)
                  if not i.children and i.score is not None and i.reported is not None]
        because = f"；差异来自：{'、'.join(leaves)}" if leaves else "；各项得分与填报数一致，差异来自合计或折算"
        notes.append(f"合计：计算总分 {pts(total)}，填报总分 {pts(reported)}，相差 {pts(total - reported)}{because}")
    if reported_grade and grade and reported_grade.strip() != grade:
        notes.append(f"等级：按计算总分应为“{grade}”，填报为“{reported_grade.strip()}”")
    return notes
