"""三、预算管理情况 of the department 评分表 (domain.md §3.2): the seven rows of the grid.

Checklist rows: score = max(0, 分值 − 每项扣分 × 不合格项数). 结转结余率 = 结转结余总额 / 支出预算数;
not above last year's rate → full points, else a deduction per percentage point (step or
proportional), floor 0. 部门预决算差异率 = |决算数 − 年初预算数| / 年初预算数; above the benchmark →
a deduction per 10 points (full steps by default), floor 0. An exception flag restores full points
and the explanation names its reason and what the formula alone would give.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.document import SectionData, YearData
from desktop.domain.formatting import format_number
from desktop.domain.money import Money, total
from desktop.domain.scoring_profile import CHECKLIST_ROWS, DepartmentRules, ManagementRow
from desktop.domain.units import UnitSlip, slipped
from desktop.scoring.formulas import HUNDRED, whole_steps
from desktop.scoring.result import ScoreItem, num, pct, pts, quantize, scored, wan

CATEGORY = "预算管理"


def _points(row: ManagementRow, cells: dict) -> tuple[Decimal, list[str]]:
    typed = cells.get("points")
    if typed is None or typed == row.points:
        return row.points, []
    return typed, [f"分值 {pts(typed)} 与评分方案的 {pts(row.points)} 不一致"]


def _checklist(row: ManagementRow, cells: dict, label: str) -> ScoreItem:
    points, problems = _points(row, cells)
    base = dict(key=f"management:{row.key}", label=label, points=points, category=CATEGORY,
                reported=cells.get("score_reported"),
                formula=f"得分 = max(0, 分值 − {num(row.deduction)} × 不合格项数)（共 {row.checks} 项检查）")
    failed = cells.get("failed_checks")
    if failed is None:
        return ScoreItem(**base, score=None, explanation="未填写不合格项数，无法计分",
                         problems=(*problems, "未填写不合格项数（没有不合格请填 0）"))
    if row.checks is not None and failed > row.checks:
        problems.append(f"不合格项数 {failed} 多于所列检查项 {row.checks} 项")
    score = quantize(max(Decimal(0), points - row.deduction * failed))
    basis = f"检查均合格，{scored(score)}" if failed == 0 else \
        f"{failed}项不合格，每项扣{num(row.deduction)}分，{scored(score)}"
    return ScoreItem(**base, score=score, problems=tuple(problems), basis=basis, explanation=(
        f"不合格 {failed} 项（共 {row.checks} 项检查）；"
        f"得分 = max(0, {pts(points)} − {num(row.deduction)} × {failed}) = {pts(score)}"))


def _rate(part: Money | None, whole: Money | None) -> Decimal | None:
    """part / whole × 100 (percent), or None when either is blank or the base is 0."""
    if part is None or whole is None or not whole:
        return None
    return Decimal(part.fen) / Decimal(whole.fen) * HUNDRED


def _excepted(base: dict, points: Decimal, flag: object, reason: str | None, formula_score: Decimal | None,
              formula_text: str, problems: list[str]) -> ScoreItem | None:
    """Full points under an exception flag, keeping what the formula alone gives in the text."""
    if not flag:
        return None
    if not (reason or "").strip():
        problems.append("已选择例外情况，但未填写例外情况说明")
    without = f"不按例外情况应得 {pts(formula_score)} 分" if formula_score is not None else "不按例外情况无法计算得分"
    stated = (reason or "").strip().rstrip("。；;.")
    basis = f"{stated}，按例外情况{scored(quantize(points))}" if stated else f"按例外情况{scored(quantize(points))}"
    return ScoreItem(**base, score=quantize(points), problems=tuple(problems), basis=basis, explanation=(
        f"例外情况：{(reason or '').strip().rstrip('。；;.') or '未说明'}；按例外情况得满分 {pts(points)}。{without}（{formula_text}）"))


def _concluded(base: dict, points: Decimal, form: SectionData, exception: str, score: Decimal | None, text: str,
               problems: list[str], missing: str | None, basis: str = "") -> ScoreItem:
    """A rate item's result: full points under its exception flag, else the formula's score, with
    `missing` (why the rate could not be judged) among the problems."""
    excepted = _excepted(base, points, form.get(exception), form.get(f"{exception}_reason"), score, text, problems)
    if excepted:
        return excepted
    if missing:
        problems.append(missing)
    return ScoreItem(**base, score=score, explanation=text, problems=tuple(problems), basis=basis if score is not None else "")


def _carryover(year: YearData, rules: DepartmentRules, cells: dict, form: SectionData, label: str) -> ScoreItem:
    row = rules.row("carryover_rate")
    points, problems = _points(row, cells)
    step = "每高出 1 个百分点（不足 1 个百分点不扣）" if rules.carryover_mode == "step" else "按高出的百分点数"
    base = dict(key="management:carryover_rate", label=label, points=points, category=CATEGORY,
                reported=cells.get("score_reported"), formula=(
                    f"结转结余率 = 结转结余总额 / 支出预算数 × 100%；不高于上年得满分，{step}扣 {num(row.deduction)} 分，扣完为止"))
    balance = year.section("dept_balance")
    rate = _rate(balance.get("closing_balance"), balance.get("expenditure_budget"))
    prior = _rate(balance.get("prior_closing_balance"), balance.get("prior_expenditure_budget"))
    score, text, basis = None, "", ""
    if rate is None:
        text = "本年结转结余率无法计算（结转结余总额或支出预算数未填写，或支出预算数为 0）"
    elif prior is None:
        score = quantize(points)
        text = f"本年结转结余率 = {pct(rate / HUNDRED)}；上年结转结余率无法计算（上年数未填写），不扣分，得 {pts(score)}"
        basis = f"本年结转结余率{pct(rate / HUNDRED)}，{scored(score)}"
    elif rate <= prior:
        score = quantize(points)
        text = f"本年结转结余率 {pct(rate / HUNDRED)} 不高于上年 {pct(prior / HUNDRED)}，得满分 {pts(score)}"
        basis = f"本年结转结余率{pct(rate / HUNDRED)}，不高于上年的{pct(prior / HUNDRED)}，{scored(score)}"
    else:
        gap = rate - prior
        counted = whole_steps(gap, "floor") if rules.carryover_mode == "step" else gap
        score = quantize(max(Decimal(0), points - counted * row.deduction))
        text = (f"本年结转结余率 {pct(rate / HUNDRED)} 比上年 {pct(prior / HUNDRED)} 高 {num(quantize(gap))} 个百分点，"
                f"计 {num(quantize(counted))} × {num(row.deduction)} 分；得分 = max(0, {pts(points)} − "
                f"{num(quantize(counted))} × {num(row.deduction)}) = {pts(score)}")
        basis = (f"本年结转结余率{pct(rate / HUNDRED)}，比上年的{pct(prior / HUNDRED)}高{num(quantize(gap))}个百分点，"
                 f"{scored(score)}")
    missing = text if rate is None else (
        "上年结转结余率无法计算（上年支出预算数或结转结余总额未填写），本项不扣分" if prior is None else None)
    return _concluded(base, points, form, "carryover_exception", score, text, problems, missing, basis)


def execution_total(year: YearData, column: str) -> Money | None:
    """A column of the 资金总体 row, or 基本 + 项目 + 其他 when that row's cell is blank."""
    grid = year.section("dept_budget_execution")
    value = grid.value("total", column)
    return value if value is not None else total(grid.value(r, column) for r in ("basic", "project", "other"))


def _variance(year: YearData, rules: DepartmentRules, cells: dict, form: SectionData, label: str) -> ScoreItem:
    row = rules.row("budget_variance")
    points, problems = _points(row, cells)
    benchmark, size = rules.variance_benchmark_percent, rules.variance_step_percent
    counting = "每满" if rules.variance_step_count == "floor" else "每高出（不足也计）"
    base = dict(key="management:budget_variance", label=label, points=points, category=CATEGORY,
                reported=cells.get("score_reported"), formula=(
                    f"差异率 = |决算数 − 年初预算数| / 年初预算数 × 100%；高于市级平均差异率 {num(benchmark)}% 的，"
                    f"{counting} {num(size)} 个百分点扣 {num(row.deduction)} 分，扣完为止"))
    executed = execution_total(year, "executed")
    initial = year.section("budget_variance").get("initial_budget")
    used = [VARIANCE_INITIAL, VARIANCE_EXECUTED]
    if initial is None:
        initial = execution_total(year, "initial_budget")
        used = used[1:]
    slips = [slip for slip in (slipped(year, cell) for cell in used) if slip is not None]
    gap = Money(abs(executed.fen - initial.fen)) if executed is not None and initial is not None else None
    rate = None if slips else _rate(gap, initial)
    score, text, basis = None, "", ""
    if slips:  # no usable rate is no earned point: 0 until the unit is fixed, never the absurd rate
        score = quantize(Decimal(0))
        text = ("；".join(_slip_text(slip) for slip in slips)
                + f"：单位改正前差异率没有意义，不能据此得分，本项计 {pts(score)}；改正单位后重新计分")
        basis = f"部门预决算差异率因金额单位疑有误无法计算，{scored(score)}"
    elif rate is None:
        text = "差异率无法计算（决算数或年初预算数未填写，或年初预算数为 0）"
    else:
        shown = (f"差异率 = |决算数 {wan(executed)} 万元 − 年初预算数 {wan(initial)} 万元| / {wan(initial)} 万元"
                 f" = {pct(rate / HUNDRED)}")
        if rate <= benchmark:
            score = quantize(points)
            text = f"{shown}，不高于 {num(benchmark)}%，得满分 {pts(score)}"
            basis = f"部门预决算差异率{pct(rate / HUNDRED)}，不高于市级平均差异率{num(benchmark)}%，{scored(score)}"
        else:
            steps = whole_steps((rate - benchmark) / size, rules.variance_step_count)
            score = quantize(max(Decimal(0), points - steps * row.deduction))
            text = (f"{shown}，高于 {num(benchmark)}% {num(quantize(rate - benchmark))} 个百分点，计 {num(steps)} 档；"
                    f"得分 = max(0, {pts(points)} − {num(steps)} × {num(row.deduction)}) = {pts(score)}")
            basis = (f"部门预决算差异率{pct(rate / HUNDRED)}，高于市级平均差异率{num(benchmark)}%"
                     f"{num(quantize(rate - benchmark))}个百分点，{scored(score)}")
    return _concluded(base, points, form, "variance_exception", score, text, problems,
                      text if rate is None or slips else None, basis)


VARIANCE_INITIAL = ("budget_variance", "", "initial_budget")
VARIANCE_EXECUTED = ("dept_budget_execution", "total", "executed")
SLIP_NAMES = {VARIANCE_INITIAL: "部门预决算差异的年初预算数", VARIANCE_EXECUTED: "部门整体预算执行的执行数",
              ("dept_budget_execution", "total", "initial_budget"): "部门整体预算执行的年初预算数",
              ("dept_budget_execution", "total", "full_year_budget"): "部门整体预算执行的全年预算数",
              ("income_expenditure", "expenditure_total", "current"): "决算本年支出合计"}


def _slip_text(slip: UnitSlip) -> str:
    """Why a rate is not computed from a figure typed in the wrong unit (the U-01 test)."""
    return (f"{SLIP_NAMES[slip.cell]} {format_number(slip.value.yuan, 2)}元 仅为"
            f"{SLIP_NAMES[slip.counterpart]} {format_number(slip.counterpart_value.yuan, 2)}元 的约 1/{format_number(slip.ratio, 0)}，"
            f"疑为以万元为单位的数字按元录入（应为 {wan(Money(slip.value.fen * 10000))} 万元）")


def management_items(year: YearData, rules: DepartmentRules) -> tuple[ScoreItem, ...]:
    grid = year.section("dept_score_management")
    form = year.section("dept_score")
    items = []
    for row in rules.management:
        cells, label = grid.rows.get(row.key, {}), grid.section.row_label(row.key)
        if row.key in CHECKLIST_ROWS:
            items.append(_checklist(row, cells, label))
        elif row.key == "carryover_rate":
            items.append(_carryover(year, rules, cells, form, label))
        else:
            items.append(_variance(year, rules, cells, form, label))
    return tuple(items)
