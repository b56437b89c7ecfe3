"""The scoring settings of a profile (domain.md §3, §7): typed and immutable.

`build_scoring_profile` turns a valid "scoring" block of a profile file (see scoring_block.py for
its shape and validator) into a `ScoringProfile`. The scoring package reads only this, never
constants of its own: weights, formula variants, bands, mappings and deductions are all data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator, Mapping, TypeVar

from desktop.domain.scoring_block import (CHECKLIST_ROWS, FIVE_LEVEL, GRADE_WORDS, MANAGEMENT_ROWS, THREE_LEVEL,
                                          TIERS, validate_scoring)

__all__ = ["CHECKLIST_ROWS", "FIVE_LEVEL", "GRADE_WORDS", "MANAGEMENT_ROWS", "THREE_LEVEL", "TIERS",
           "DepartmentRules", "GradeBand", "ManagementRow", "PenaltyBand", "QualitativeRules", "QuantitativeRules",
           "ScoringProfile", "TotalCap", "build_scoring_profile", "validate_scoring"]


V = TypeVar("V")


class FrozenMap(Mapping[str, V]):
    """A read-only, hashable mapping, so that a ScoringProfile is a proper value (hashable, comparable)."""

    def __init__(self, data: Mapping[str, V]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


@dataclass(frozen=True)
class PenaltyBand:
    from_percent: Decimal    # deviation (B − A) / A × 100 at which the band starts (inclusive)
    deduct_percent: Decimal  # share of the indicator's points deducted in this band


@dataclass(frozen=True)
class QuantitativeRules:
    cap: bool
    reverse_variant: str     # "ratio": A/B × w; "linear": (1 − (B−A)/A) × w, 0 from B ≥ 2A
    equal_variant: str       # "deviation": max(0, 1 − |B−A|/A) × w; "anhui": 正向 when A > 0
    penalty_bands: tuple[PenaltyBand, ...]
    penalty_applies_to_reverse: bool
    penalty_basis: str = "deviation"  # band thresholds: "deviation" (B − A) / A or "completion" B / A


@dataclass(frozen=True)
class QualitativeRules:
    tier_variant: str                          # "80/50" or "80/60": the selected band set
    tier_lower_bounds: Mapping[str, Decimal]   # 达成 0.8, 部分达成 0.5, 未达成 0 (fractions of w)
    grade_mode: str                            # "tiers" or "fractions"
    grade_tiers: Mapping[str, str]             # 优 → 达成 …
    tier_default_fractions: Mapping[str, Decimal]
    grade_fractions: Mapping[str, Mapping[str, Decimal]]  # scale ("优良中低差"/"高中低") → word → fraction

    def tier_bounds(self, tier: str) -> tuple[Decimal, Decimal]:
        """(low, high) fractions of a tier; 达成 is closed at the top, the others half-open."""
        low = self.tier_lower_bounds[tier]
        above = {"未达成": "部分达成", "部分达成": "达成"}.get(tier)
        return low, (self.tier_lower_bounds[above] if above else Decimal(1))


@dataclass(frozen=True)
class ManagementRow:
    key: str
    points: Decimal
    deduction: Decimal          # per failed check, per percentage point, or per variance step
    checks: int | None = None   # the number of listed checks (checklist rows only)


@dataclass(frozen=True)
class DepartmentRules:
    execution_points: Decimal
    output_points: Decimal
    effect_points: Decimal
    management: tuple[ManagementRow, ...]
    carryover_mode: str                  # "step": floor(Δpp) × deduction; "proportional": Δpp × deduction
    variance_benchmark_percent: Decimal  # 市级平均差异率
    variance_step_percent: Decimal       # one deduction per this many percentage points above
    variance_step_count: str             # "floor": full steps only (default); "ceil": any started step

    def row(self, key: str) -> ManagementRow:
        return next(r for r in self.management if r.key == key)


@dataclass(frozen=True)
class GradeBand:
    grade: str
    label: str
    low: Decimal
    high: Decimal   # exclusive, except for the top band


@dataclass(frozen=True)
class TotalCap:
    from_percent: Decimal   # 执行率 × 100 at which the band starts (inclusive)
    to_percent: Decimal     # … and ends (exclusive)
    max_total: Decimal      # the most a project in this band can score


@dataclass(frozen=True)
class ScoringProfile:
    budget_execution_points: Decimal
    level1_points: Mapping[str, Decimal]
    quantitative: QuantitativeRules
    qualitative: QualitativeRules
    department: DepartmentRules
    grades: tuple[GradeBand, ...]   # highest first
    execution_base: str = "full_year"      # the budget column of 执行率: "full_year" or "initial"
    total_caps: tuple[TotalCap, ...] = ()  # a project's total capped by its 执行率 band (none: no cap)

    def cap_for(self, rate_percent: Decimal) -> TotalCap | None:
        """The total cap of an execution rate (in percent), or None."""
        return next((c for c in self.total_caps if c.from_percent <= rate_percent < c.to_percent), None)


def _frozen(mapping: dict[str, Any]) -> FrozenMap[Any]:
    return FrozenMap(mapping)


def build_scoring_profile(data: dict[str, Any]) -> ScoringProfile:
    """A ScoringProfile from a scoring block; refuses an invalid block with every problem listed."""
    problems = validate_scoring(data)
    if problems:
        raise ValueError("评分方案有误：\n" + "\n".join(problems))
    quantitative, qualitative, dept = data["quantitative"], data["qualitative"], data["department"]
    penalty = quantitative["over_target_penalty"]
    bounds = qualitative["tier_bands"][qualitative["tier_variant"]]
    rows = dept["management"]
    return ScoringProfile(
        budget_execution_points=Decimal(data["project"]["budget_execution_points"]),
        level1_points=_frozen({k: Decimal(v) for k, v in data["project"]["level1_points"].items()}),
        quantitative=QuantitativeRules(
            cap=quantitative["cap"], reverse_variant=quantitative["reverse_variant"],
            equal_variant=quantitative["equal_variant"],
            penalty_bands=tuple(PenaltyBand(Decimal(b["from_percent"]), Decimal(b["deduct_percent"]))
                                for b in penalty["bands"]),
            penalty_applies_to_reverse=penalty["apply_to_reverse"], penalty_basis=penalty.get("basis", "deviation")),
        qualitative=QualitativeRules(
            tier_variant=qualitative["tier_variant"],
            tier_lower_bounds=_frozen({"达成": Decimal(bounds["达成"]), "部分达成": Decimal(bounds["部分达成"]),
                                       "未达成": Decimal(0)}),
            grade_mode=qualitative["grade_mode"], grade_tiers=_frozen(qualitative["grade_tiers"]),
            tier_default_fractions=_frozen({k: Decimal(v) for k, v in qualitative["tier_default_fractions"].items()}),
            grade_fractions=_frozen({scale: _frozen({w: Decimal(f) for w, f in words.items()})
                                     for scale, words in qualitative["grade_fractions"].items()})),
        department=DepartmentRules(
            execution_points=Decimal(dept["execution_points"]), output_points=Decimal(dept["output_points"]),
            effect_points=Decimal(dept["effect_points"]),
            management=tuple(ManagementRow(key, Decimal(rows[key]["points"]), Decimal(rows[key]["deduction"]),
                                           rows[key].get("checks")) for key in MANAGEMENT_ROWS),
            carryover_mode=rows["carryover_rate"]["mode"],
            variance_benchmark_percent=Decimal(rows["budget_variance"]["benchmark_percent"]),
            variance_step_percent=Decimal(rows["budget_variance"]["step_percent"]),
            variance_step_count=rows["budget_variance"]["step_count"]),
        grades=tuple(GradeBand(g["grade"], g["label"], Decimal(g["min"]), Decimal(g["max"])) for g in data["grades"]),
        execution_base=data["project"].get("execution_base", "full_year"),
        total_caps=tuple(TotalCap(Decimal(c["from_percent"]), Decimal(c["to_percent"]), Decimal(c["max_total"]))
                         for c in data["project"].get("total_caps", ())),
    )
