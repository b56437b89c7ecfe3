"""The shape of a profile's "scoring" block and its one validator, `validate_scoring`.

The block holds every constant of the 绩效 scoring rules (domain.md §3, §7): project weights,
the 反向/等于 formula variants, the over-target penalty bands, the 定性 tier bands and grade-word
mapping, the department template (预算管理 rows, 结转结余率 and 预决算差异率 deductions) and the
grade bands. Numbers are decimal strings ("0.8") or integers, never JSON floats. The validator
returns Chinese problem strings naming the path of each wrong value; empty means usable.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

TIERS = ("达成", "部分达成", "未达成")
FIVE_LEVEL = "优良中低差"
THREE_LEVEL = "高中低"
GRADE_WORDS = ("优", "良", "中", "低", "差", "高")
MANAGEMENT_ROWS = ("finance_system", "fund_compliance", "accounting_info", "asset_management",
                   "performance_management", "carryover_rate", "budget_variance")
CHECKLIST_ROWS = MANAGEMENT_ROWS[:5]
_CHOICES = {
    "reverse_variant": ("ratio", "linear"), "equal_variant": ("deviation", "anhui"),
    "grade_mode": ("tiers", "fractions"), "mode": ("step", "proportional"), "step_count": ("floor", "ceil"),
    "execution_base": ("full_year", "initial"), "basis": ("deviation", "completion"),
}
# Optional settings (absent = off, the national and Beijing behaviour):
#   project.execution_base      "full_year" (default): 执行率 = 全年执行数 / 全年预算数; "initial": / 年初预算数
#   project.total_caps          [{"from_percent", "to_percent", "max_total"}]: 执行率 in [from, to) caps the
#                               project's total at max_total (provincial 一体化 systems: 70–80 % → at most 89)
#   quantitative.over_target_penalty.basis
#                               "deviation" (default): a band's from_percent is (B − A) / A;
#                               "completion": it is B / A ("完成值达到指标值的 130% 以上扣分值的 20%")
_HUNDRED = Decimal(100)
_MISSING = object()  # a key that is absent: its parent already reported "缺少"


def _object(value: Any, where: str, required: tuple[str, ...], problems: list[str],
            optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        problems.append(f"{where}: 应为对象")
        return {}
    problems += [f"{where}: 未知属性 {k}" for k in sorted(set(value) - set(required) - set(optional))]
    problems += [f"{where}: 缺少 {k}" for k in required if k not in value]
    return value


def _member(parent: dict, key: str, where: str, required: tuple[str, ...], problems: list[str]) -> dict:
    """A nested object; a missing one was already reported by its parent."""
    return _object(parent[key], f"{where}.{key}", required, problems) if key in parent else {}


def _decimal(value: Any, where: str, problems: list[str], low: Decimal = Decimal(0),
             high: Decimal | None = None) -> Decimal | None:
    if value is _MISSING:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        problems.append(f"{where}: 应为写成字符串的数字（如 \"0.8\"）或整数，不能用浮点数")
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{where}: “{value}”不是数字")
        return None
    if not number.is_finite() or number < low or (high is not None and number > high):
        problems.append(f"{where}: {value} 应在 {low}–{high if high is not None else '∞'} 之间")
        return None
    return number


def _flag(value: Any, where: str, problems: list[str]) -> None:
    if type(value) is not bool:
        problems.append(f"{where}: 应为 true 或 false")


def _choice(data: dict, key: str, where: str, problems: list[str], choices: tuple[str, ...] | None = None) -> None:
    choices = choices or _CHOICES[key]
    if key in data and data[key] not in choices:
        problems.append(f"{where}.{key}: 应为 {' 或 '.join(choices)}")


def _check_caps(data: Any, where: str, problems: list[str]) -> None:
    """Total caps by 执行率 band: half-open [from, to), ascending, never overlapping."""
    if not isinstance(data, list):
        problems.append(f"{where}: 应为数组")
        return
    previous_end = Decimal(-1)
    for index, band in enumerate(data):
        at = f"{where}[{index}]"
        band = _object(band, at, ("from_percent", "to_percent", "max_total"), problems)
        start = _decimal(band.get("from_percent", _MISSING), f"{at}.from_percent", problems, high=Decimal(10_000))
        end = _decimal(band.get("to_percent", _MISSING), f"{at}.to_percent", problems, high=Decimal(10_000))
        _decimal(band.get("max_total", _MISSING), f"{at}.max_total", problems, high=_HUNDRED)
        if start is not None and end is not None:
            if start >= end:
                problems.append(f"{at}: 执行率区间应满足 from_percent < to_percent")
            elif start < previous_end:
                problems.append(f"{at}: 执行率区间应由低到高排列且互不重叠")
            previous_end = max(previous_end, end)


def _check_project(data: Any, where: str, problems: list[str]) -> Decimal:
    project = _object(data, where, ("budget_execution_points", "level1_points"), problems,
                      optional=("execution_base", "total_caps"))
    _choice(project, "execution_base", where, problems)
    if "total_caps" in project:
        _check_caps(project["total_caps"], f"{where}.total_caps", problems)
    total = Decimal(0)
    if "budget_execution_points" in project:
        total += _decimal(project["budget_execution_points"], f"{where}.budget_execution_points", problems,
                          high=_HUNDRED) or Decimal(0)
    levels = _member(project, "level1_points", where, ("产出指标", "效益指标", "满意度指标"),
                     problems)
    for name, value in levels.items():
        total += _decimal(value, f"{where}.level1_points.{name}", problems, high=_HUNDRED) or Decimal(0)
    return total


def _check_quantitative(data: Any, where: str, problems: list[str]) -> None:
    rules = _object(data, where, ("cap", "reverse_variant", "equal_variant", "over_target_penalty"), problems)
    if "cap" in rules:
        _flag(rules["cap"], f"{where}.cap", problems)
    _choice(rules, "reverse_variant", where, problems)
    _choice(rules, "equal_variant", where, problems)
    if "over_target_penalty" not in rules:
        return
    penalty = _object(rules["over_target_penalty"], f"{where}.over_target_penalty", ("apply_to_reverse", "bands"),
                      problems, optional=("basis",))
    _choice(penalty, "basis", f"{where}.over_target_penalty", problems)
    if "apply_to_reverse" in penalty:
        _flag(penalty["apply_to_reverse"], f"{where}.over_target_penalty.apply_to_reverse", problems)
    bands = penalty.get("bands", [])
    if not isinstance(bands, list):
        problems.append(f"{where}.over_target_penalty.bands: 应为数组")
        return
    previous = (Decimal(-1), Decimal(-1))
    for index, band in enumerate(bands):
        at = f"{where}.over_target_penalty.bands[{index}]"
        band = _object(band, at, ("from_percent", "deduct_percent"), problems)
        start = _decimal(band.get("from_percent", _MISSING), f"{at}.from_percent", problems,
                         low=Decimal("100.01") if penalty.get("basis") == "completion" else Decimal("0.01"))
        deduct = _decimal(band.get("deduct_percent", _MISSING), f"{at}.deduct_percent", problems, high=_HUNDRED)
        if start is not None and deduct is not None:
            if start <= previous[0] or deduct < previous[1]:
                problems.append(f"{at}: 区间起点应递增、扣分比例不应递减")
            previous = (start, deduct)


def _check_qualitative(data: Any, where: str, problems: list[str]) -> None:
    keys = ("tier_variant", "tier_bands", "grade_mode", "grade_tiers", "tier_default_fractions", "grade_fractions")
    rules = _object(data, where, keys, problems)
    variants = rules.get("tier_bands", {})
    if not isinstance(variants, dict) or not variants:
        if "tier_bands" in rules:
            problems.append(f"{where}.tier_bands: 应为非空对象")
        variants = {}
    selected: dict[str, Decimal] = {}
    for name, bounds in variants.items():
        at = f"{where}.tier_bands.{name}"
        bounds = _object(bounds, at, ("达成", "部分达成"), problems)
        top = _decimal(bounds.get("达成", _MISSING), f"{at}.达成", problems, high=Decimal(1))
        middle = _decimal(bounds.get("部分达成", _MISSING), f"{at}.部分达成", problems, high=Decimal(1))
        if top is not None and middle is not None:
            if not Decimal(0) < middle < top:
                problems.append(f"{at}: 应满足 0 < 部分达成下限 < 达成下限 ≤ 1")
            elif name == rules.get("tier_variant"):
                selected = {"达成": top, "部分达成": middle, "未达成": Decimal(0)}
    if variants:
        _choice(rules, "tier_variant", where, problems, tuple(variants))
    _choice(rules, "grade_mode", where, problems)
    tiers = _member(rules, "grade_tiers", where, GRADE_WORDS, problems)
    problems += [f"{where}.grade_tiers.{w}: 应为 {'、'.join(TIERS)} 之一" for w, t in tiers.items() if t not in TIERS]
    defaults = _member(rules, "tier_default_fractions", where, TIERS, problems)
    for tier, value in defaults.items():
        fraction = _decimal(value, f"{where}.tier_default_fractions.{tier}", problems, high=Decimal(1))
        if fraction is not None and selected and tier in selected:
            low = selected[tier]
            high = {"未达成": selected["部分达成"], "部分达成": selected["达成"]}.get(tier, Decimal(1))
            if not (low <= fraction < high or (tier == "达成" and fraction == high)):
                problems.append(f"{where}.tier_default_fractions.{tier}: {value} 不在该档区间内")
    scales = _member(rules, "grade_fractions", where, (FIVE_LEVEL, THREE_LEVEL), problems)
    for scale, words in scales.items():
        words = _object(words, f"{where}.grade_fractions.{scale}", tuple(scale), problems)
        for word, value in words.items():
            _decimal(value, f"{where}.grade_fractions.{scale}.{word}", problems, high=Decimal(1))


def _check_department(data: Any, where: str, problems: list[str]) -> Decimal:
    dept = _object(data, where, ("execution_points", "output_points", "effect_points", "management"), problems)
    total = Decimal(0)
    for key in ("execution_points", "output_points", "effect_points"):
        if key in dept:
            total += _decimal(dept[key], f"{where}.{key}", problems, high=_HUNDRED) or Decimal(0)
    rows = _member(dept, "management", where, MANAGEMENT_ROWS, problems)
    extra = {"carryover_rate": ("mode",), "budget_variance": ("benchmark_percent", "step_percent", "step_count")}
    for key, row in rows.items():
        at = f"{where}.management.{key}"
        row = _object(row, at, ("points", "deduction") + extra.get(key, ("checks",)), problems)
        total += _decimal(row.get("points", _MISSING), f"{at}.points", problems, high=_HUNDRED) or Decimal(0)
        _decimal(row.get("deduction", _MISSING), f"{at}.deduction", problems, high=_HUNDRED)
        if "checks" in row and (type(row["checks"]) is not int or not 1 <= row["checks"] <= 50):
            problems.append(f"{at}.checks: 应为 1–50 的整数")
        for choice in ("mode", "step_count"):
            _choice(row, choice, at, problems)
        if "benchmark_percent" in row:
            _decimal(row["benchmark_percent"], f"{at}.benchmark_percent", problems, high=Decimal(10_000))
        if "step_percent" in row:
            _decimal(row["step_percent"], f"{at}.step_percent", problems, low=Decimal("0.01"), high=_HUNDRED)
    return total


def _check_grades(data: Any, where: str, problems: list[str]) -> None:
    if not isinstance(data, list) or not data:
        problems.append(f"{where}: 应为非空数组")
        return
    expected_high, seen = _HUNDRED, set()
    for index, band in enumerate(data):
        at = f"{where}[{index}]"
        band = _object(band, at, ("grade", "label", "min", "max"), problems)
        for key in ("grade", "label"):
            if key in band and (not isinstance(band[key], str) or not band[key]):
                problems.append(f"{at}.{key}: 应为非空文字")
        if band.get("grade") in seen:
            problems.append(f"{at}.grade: 等级重复")
        seen.add(band.get("grade"))
        low = _decimal(band.get("min", _MISSING), f"{at}.min", problems, high=_HUNDRED)
        high = _decimal(band.get("max", _MISSING), f"{at}.max", problems, high=_HUNDRED)
        if low is not None and high is not None:
            if high != expected_high or low >= high:
                problems.append(f"{at}: 等级区间应从 100 起由高到低首尾相接（本档上限应为 {expected_high}）")
            expected_high = low
    if expected_high != 0:
        problems.append(f"{where}: 最低一档的下限应为 0")


def validate_scoring(data: Any, where: str = "scoring") -> list[str]:
    """Every problem of a scoring block, in Chinese; an empty list means it can be used."""
    problems: list[str] = []
    scoring = _object(data, where, ("grades", "project", "quantitative", "qualitative", "department"), problems)
    if "project" in scoring:
        total = _check_project(scoring["project"], f"{where}.project", problems)
        if total != _HUNDRED:
            problems.append(f"{where}.project: 预算执行与一级指标分值合计为 {total}，应为 100")
    if "quantitative" in scoring:
        _check_quantitative(scoring["quantitative"], f"{where}.quantitative", problems)
    if "qualitative" in scoring:
        _check_qualitative(scoring["qualitative"], f"{where}.qualitative", problems)
    if "department" in scoring:
        total = _check_department(scoring["department"], f"{where}.department", problems)
        if total != _HUNDRED:
            problems.append(f"{where}.department: 各部分分值合计为 {total}，应为 100")
    if "grades" in scoring:
        _check_grades(scoring["grades"], f"{where}.grades", problems)
    return problems
