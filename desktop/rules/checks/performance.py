"""Performance-part rules, domain.md §2.5 (P-01 … P-09), the department score table (D-xx) and
the 预算调整 figures (V-xx).

Project rules are partitioned by project: editing one indicator re-checks one project.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from desktop.domain.money import Money
from desktop.domain.units import EXECUTION_INITIAL, unit_slips as find_unit_slips
from desktop.rules.checks.common import compare
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check
from desktop.scoring import (ScoreResult, load_scoring_profile, parse_indicator_value, score_department,
                             score_project)
from desktop.scoring.indicators import BOUNDS, QUALITATIVE_FORMULA, actual_bound
from desktop.scoring.result import ScoreItem
from desktop.scoring.project import ProjectRows

EXECUTION = "dept_budget_execution"
PLACEHOLDERS = {"", "-", "—", "*", "_", "/", "无", "暂无"}
FUND_PARTS = ("当年财政拨款", "上年结转资金", "其他资金")
SCORE_TOLERANCE = Decimal("0.01")   # scores print with two decimals: a difference of one cent is rounding


@check("P-01")
def execution_parts(ctx: RuleContext) -> Iterator[Finding]:
    for column in ("initial_budget", "adjustment", "full_year_budget", "executed"):
        yield from ctx.identity((EXECUTION, "total", column), [(EXECUTION, r, column) for r in ("basic", "project", "other")])


@check("P-01b")
def execution_budget_adjustment(ctx: RuleContext) -> Iterator[Finding]:
    for row in ("basic", "project", "other", "total"):
        if ctx.money(EXECUTION, "initial_budget", row) is None or ctx.money(EXECUTION, "adjustment", row) is None:
            continue
        yield from ctx.identity((EXECUTION, row, "full_year_budget"),
                                [(EXECUTION, row, "initial_budget"), (EXECUTION, row, "adjustment")],
                                part_labels=["年初预算数", "预算调整数"])


@check("P-02")
def execution_matches_accounts(ctx: RuleContext) -> Iterator[Finding]:
    yield from compare(ctx, (EXECUTION, "total", "executed"),
                       ctx.money("income_expenditure", "current", "expenditure_total"),
                       "决算本年支出合计", tolerance_fen=ctx.params["tolerance_fen"],
                       right_blanks=ctx.blank_cells(("income_expenditure", "expenditure_total", "current")))


@check("P-04")
def balance_roll(ctx: RuleContext) -> Iterator[Finding]:
    budget, executed, closing = (ctx.money("dept_balance", c) for c in ("expenditure_budget", "executed", "closing_balance"))
    if None in (budget, executed, closing):
        return
    expected = budget - executed
    if abs(closing.fen - expected.fen) > ctx.tolerance_fen("dept_balance", 2):
        yield ctx.finding("dept_balance", "", "closing_balance",
                          f"年末结转结余总额 {ctx.amount(closing, 'dept_balance')} ≠ 全年支出预算数 "
                          f"{ctx.amount(budget, 'dept_balance')} − 实际支出 {ctx.amount(executed, 'dept_balance')} = "
                          f"{ctx.amount(expected, 'dept_balance')}")


@check("P-04b")
def balance_prior_year(ctx: RuleContext) -> Iterator[Finding]:
    current = [ctx.money("dept_balance", c) for c in ("expenditure_budget", "closing_balance")]
    prior = [ctx.money("dept_balance", c) for c in ("prior_expenditure_budget", "prior_closing_balance")]
    if None not in current and None in prior:
        yield ctx.finding("dept_balance", "", "prior_closing_balance",
                          "已填本年结转结余，但上年全年支出预算数或上年年末结转结余总额为空：无法计算上年结转结余率，"
                          "说明与评分都无法比较")
    elif None not in prior and prior[0].fen == 0:
        yield ctx.finding("dept_balance", "", "prior_expenditure_budget", "上年全年支出预算数为 0，无法计算上年结转结余率")


@check("P-05")
def project_counts_agree(ctx: RuleContext) -> Iterator[Finding]:
    counts = [("performance_management", "target_projects"), ("performance_management", "monitored_projects"),
              ("performance_management", "self_eval_projects"), ("project_evaluation_summary", "evaluated_projects")]
    stated = [(s, c, ctx.value(s, c)) for s, c in counts if ctx.value(s, c) is not None]
    if len({v for _, _, v in stated}) > 1:
        listing = "、".join(f"{ctx.section(s).column(c).label} {v} 个" for s, c, v in stated)
        yield ctx.finding(stated[0][0], "", stated[0][1], f"项目数前后不一致：{listing}")
    evaluated = ctx.value("project_evaluation_summary", "evaluated_projects")
    published = len(ctx.data.sections["projects"].rows)
    if evaluated is not None and published > evaluated:
        yield ctx.finding("project_evaluation_summary", "", "evaluated_projects",
                          f"评价项目数为 {evaluated} 个，但已填写 {published} 张项目自评表")
    tolerance = ctx.params["tolerance_fen"]
    yield from compare(ctx, ("project_evaluation_summary", "", "evaluated_amount"),
                       ctx.money("income_expenditure", "current", "expenditure_project"), "决算项目支出",
                       tolerance_fen=tolerance)
    yield from compare(ctx, ("performance_management", "", "self_eval_amount"),
                       ctx.money("project_evaluation_summary", "evaluated_amount"), "项目支出绩效自评涉及金额",
                       tolerance_fen=tolerance)


@check("P-06")
def grade_counts(ctx: RuleContext) -> Iterator[Finding]:
    bands = ("grade_excellent", "grade_good", "grade_fair", "grade_poor")
    values = [ctx.value("project_evaluation_summary", b) for b in bands]
    evaluated = ctx.value("project_evaluation_summary", "evaluated_projects")
    if evaluated is None or all(v is None for v in values):
        return
    if sum(v or 0 for v in values) != evaluated:
        shown = " + ".join(str(v or 0) for v in values)
        yield ctx.finding("project_evaluation_summary", "", "grade_excellent",
                          f"各分数段项目数 {shown} = {sum(v or 0 for v in values)} ≠ 评价项目数 {evaluated}")


def _funds(ctx: RuleContext, project: str) -> dict[str, str]:
    return {ctx.value("project_funds", "source", r): r for r in ctx.rows_by("project_funds", "project", project)}


def _indicators(ctx: RuleContext, project: str) -> list[tuple[str, dict]]:
    return [(r, ctx.row("project_indicators", r)) for r in ctx.rows_by("project_indicators", "project", project)]


PROJECT_SECTIONS = ("projects", "project_funds", "project_indicators")


def project_score(ctx: RuleContext, project: str) -> ScoreResult:
    """The project's score, computed once for all the rules that read it (P-07c, P-10, K-23)."""
    def score() -> ScoreResult:
        # the project's own rows, from the context's indexes (rebuilt once per edit), not a
        # grouping of every project's rows
        spec = ctx.data.sections["project_funds"].section.fixed_rows
        assert spec is not None
        grouped = ProjectRows({project: _indicators(ctx, project)},
                              {project: [(r, ctx.row("project_funds", r)) for r in ctx.rows_by("project_funds", spec.per, project)]},
                              spec)
        return score_project(ctx.data, project, load_scoring_profile(ctx.data.profile), grouped)
    return ctx.derived(("project_score", project), PROJECT_SECTIONS, score)


def _project_name(ctx: RuleContext, project: str) -> str:
    return ctx.value("projects", "name", project) or ctx.row_name("projects", project)


@check("P-07")
def project_table(ctx: RuleContext, project: str) -> Iterator[Finding]:
    name = _project_name(ctx, project)
    funds = _funds(ctx, project)
    if "年度资金总额" in funds:
        parts = [funds[p] for p in FUND_PARTS if p in funds]
        for column in ("initial_budget", "full_year_budget", "executed"):
            yield from ctx.identity(("project_funds", funds["年度资金总额"], column),
                                    [("project_funds", r, column) for r in parts],
                                    total_label=f"项目“{name}”年度资金总额（{ctx.section('project_funds').column(column).label}）",
                                    part_labels=[ctx.value("project_funds", "source", r) for r in parts])
    indicators = _indicators(ctx, project)
    points = [row["points"] for _, row in indicators if row.get("points") is not None]
    budget_points = load_scoring_profile(ctx.data.profile).budget_execution_points
    if indicators and not points:
        yield ctx.finding("projects", project, "name", f"项目“{name}”的绩效指标未填写分值，无法计算自评得分", "warning")
    elif points and sum(points) + budget_points != 100:
        yield ctx.finding("projects", project, "name",
                          f"项目“{name}”：预算执行率 {ctx.number(budget_points)} 分 + 指标分值合计 "
                          f"{ctx.number(sum(points))} = {ctx.number(sum(points) + budget_points)} ≠ 100")
    for row_id, row in indicators:
        if row.get("score") is not None and row.get("points") is not None and row["score"] > row["points"]:
            yield ctx.finding("project_indicators", row_id, "score",
                              f"项目“{name}”指标“{row.get('level3', '')}”得分 {ctx.number(row['score'])} 超过分值 "
                              f"{ctx.number(row['points'])}")


@check("P-07b")
def project_weights(ctx: RuleContext, project: str) -> Iterator[Finding]:
    indicators = _indicators(ctx, project)
    if not any(row.get("points") is not None for _, row in indicators):
        return
    expected = load_scoring_profile(ctx.data.profile).level1_points
    actual = {level: sum((row.get("points") or Decimal(0)) for _, row in indicators if row.get("level1") == level)
              for level in expected}
    differing = {k: v for k, v in actual.items() if v != expected[k]}
    if differing:
        shown = "、".join(f"{k} {ctx.number(v)}（通常 {ctx.number(expected[k])}）" for k, v in differing.items())
        yield ctx.finding("projects", project, "level1_points",
                          f"项目“{_project_name(ctx, project)}”一级指标分值与通常权重不同：{shown}；如有特殊情况请说明")


@check("P-07c")
def project_reported_score(ctx: RuleContext, project: str) -> Iterator[Finding]:
    reported = ctx.value("projects", "score_reported", project)
    if reported is None:
        return
    result = project_score(ctx, project)
    if result.total is None:
        return
    if abs(result.total - reported) > SCORE_TOLERANCE:
        yield ctx.finding("projects", project, "score_reported",
                          f"项目“{_project_name(ctx, project)}”自评总分（填报数）{ctx.number(reported)} ≠ 计算得分 "
                          f"{ctx.number(result.total)}")


def _unscorable_indicators(ctx: RuleContext, project: str) -> list[ScoreItem]:
    """The project's applicable indicators that cannot be scored, each reported at its cell (P-10b).

    A missing 分值 is an indicator's problem only when others have one; a 自评表 with no 分值 at all
    is one problem of the project (P-07, P-10)."""
    indicators = [i for i in project_score(ctx, project).items
                  if i.key.startswith("indicator:") and not i.not_applicable]
    any_points = any(i.points is not None for i in indicators)
    return [i for i in indicators if i.score is None and (i.points is not None or any_points)]


@check("P-10")
def project_score_computable(ctx: RuleContext, project: str) -> Iterator[Finding]:
    """A published 自评表 prints its scores: one that cannot be computed keeps the year from being published.

    When every cause is an indicator P-10b reports at its own cell, the project is not reported again."""
    result = project_score(ctx, project)
    if result.total is not None and result.grade:
        return
    at_cells = {i.key for i in _unscorable_indicators(ctx, project)}
    elsewhere = [i for i in result.items if i.score is None and not i.not_applicable and i.key not in at_cells]
    if result.total is None and at_cells and not elsewhere:
        return
    why = "；".join(n for n in result.notes if "无法" in n or "不在" in n) or "分值或完成值不全"
    yield ctx.finding("projects", project, "name",
                      f"项目“{_project_name(ctx, project)}”的自评得分无法计算（{why}）：公开的自评表须印出每项得分和总分，"
                      "请补全分值、指标值和完成值")


@check("P-10b")
def indicator_scorable(ctx: RuleContext, project: str) -> Iterator[Finding]:
    """Each indicator that cannot be scored, at the cell to fix, with the reason (the score dock's 无法计算)."""
    columns = ctx.section("project_indicators")
    for item in _unscorable_indicators(ctx, project):
        row_id, column = item.key.partition(":")[2], item.blame or "actual"
        why = "；".join(item.problems) or item.explanation
        to_do = "填写" if ctx.value("project_indicators", column, row_id) is None else "改正"  # blank: not yet filled
        yield ctx.finding("project_indicators", row_id, column,
                          f"项目“{_project_name(ctx, project)}”指标“{item.label}”无法计分：{why}。公开的自评表须印出"
                          f"每项得分，请{to_do}{columns.column(column).label}")


@check("P-07d")
def indicator_reported_score(ctx: RuleContext, project: str) -> Iterator[Finding]:
    """An indicator's 得分 as typed, against the §3.1 formula (定性 scores are the clerk's judgement)."""
    for item in project_score(ctx, project).items:
        if not item.key.startswith("indicator:") or item.not_applicable or item.reported is None or item.score is None:
            continue
        if abs(item.score - item.reported) > SCORE_TOLERANCE:
            yield ctx.finding("project_indicators", item.key.partition(":")[2], "score",
                              f"项目“{_project_name(ctx, project)}”指标“{item.label}”得分（填报数）"
                              f"{ctx.number(item.reported)} ≠ 计算得分 {ctx.number(item.score)}，相差 "
                              f"{ctx.number(abs(item.score - item.reported))}（{item.explanation}）")


@check("P-08")
def project_targets(ctx: RuleContext, project: str) -> Iterator[Finding]:
    name = _project_name(ctx, project)
    goal = (ctx.value("projects", "goal_expected", project) or "").strip()
    if goal in PLACEHOLDERS:
        yield ctx.finding("projects", project, "goal_expected", f"项目“{name}”的年度总体目标（预期目标）为空或仅为占位符")
    indicators = _indicators(ctx, project)
    levels = {row.get("level1") for _, row in indicators if (row.get("level3") or "").strip()}
    for level in ("产出指标", "效益指标"):
        if level not in levels:
            yield ctx.finding("projects", project, f"level:{level}", f"项目“{name}”没有{level}的三级指标")


def _ratio_like(actual: str, reference: str, unit: str | None) -> bool:
    """A completion value written as a ratio ("1", "0.6") against a target in another unit."""
    value, target = parse_indicator_value(actual), parse_indicator_value(reference)
    if value is None or value.value is None or not Decimal(0) < value.value <= Decimal(1):
        return False
    if value.unit and value.unit not in ("", unit):
        return False
    if target is None:
        return False
    if target.scale or target.grade:
        return True
    return target.value is not None and target.value > 1


def _completion(ctx: RuleContext, section: str, row_id: str, row: dict, reference_key: str,
                name: str) -> Iterator[Finding]:
    actual, reference = row.get("actual"), row.get(reference_key) or row.get("target")
    if actual and reference and _ratio_like(actual, reference, row.get("unit")):
        unit = row.get("unit") or ""
        yield ctx.finding(section, row_id, "actual",
                          f"{name}：完成值“{actual}”与指标值“{reference}{unit}”不是同一单位，疑为完成比例；"
                          f"请填写实际完成的{unit or '数值或等级'}")


@check("P-09")
def project_indicator_values(ctx: RuleContext, row_id: str) -> Iterator[Finding]:
    row = ctx.row("project_indicators", row_id) or {}
    name = f"指标“{row.get('level3', '')}”"
    yield from _completion(ctx, "project_indicators", row_id, row, "target", name)
    score, points = row.get("score"), row.get("points")
    if score is not None and points is not None and score < points and not (row.get("deviation_reason") or "").strip():
        yield ctx.finding("project_indicators", row_id, "deviation_reason",
                          f"{name}得分 {ctx.number(score)} 低于分值 {ctx.number(points)}，需填写偏差原因分析及改进措施")


@check("P-09b")
def dept_indicator_values(ctx: RuleContext, row_id: str) -> Iterator[Finding]:
    row = ctx.row("dept_indicators", row_id) or {}
    name = f"部门整体指标“{row.get('name', '')}”"
    yield from _completion(ctx, "dept_indicators", row_id, row, "planned", name)
    if row.get("actual") and not (row.get("target") or row.get("planned")):
        yield ctx.finding("dept_indicators", row_id, "target", f"{name}填写了完成值，但没有指标值")
    if (row.get("planned") or row.get("actual")) and row.get("weight") is None:
        yield ctx.finding("dept_indicators", row_id, "weight", f"{name}没有指标权重（绩效目标表中缺少此指标）")
    planned, actual = parse_indicator_value(row.get("planned") or ""), parse_indicator_value(row.get("actual") or "")
    if planned and actual and planned.value is not None and actual.value is not None \
            and row.get("nature") != "≤" and actual.value < planned.value \
            and not (row.get("deviation_reason") or "").strip() and not _ratio_like(row["actual"], row["planned"], row.get("unit")):
        yield ctx.finding("dept_indicators", row_id, "deviation_reason",
                          f"{name}完成值 {row['actual']} 低于计划值 {row['planned']}，需填写偏差原因")


def _operator_in_actual(ctx: RuleContext, section: str, row_id: str, name: str,
                        item: ScoreItem | None) -> Iterator[Finding]:
    """A 完成值 written with ≥ / ≤ / > / < / 不低于 …: a bound (a target), not the achieved figure."""
    actual = ctx.value(section, "actual", row_id)
    bound = actual_bound(actual)
    if bound is None:
        return
    if item is None or item.not_applicable or item.score is not None and item.formula == QUALITATIVE_FORMULA:
        effect = ""           # not scored from the 完成值 (不适用, or a judged 定性 score)
    elif item.score is None:
        effect = "；按此无法计分"
    else:
        effect = f"；评分暂按已达到指标值计满分 {ctx.number(item.score)}，实际完成情况（如超额多少）无法判断"
    yield ctx.finding(section, row_id, "actual",
                      f"{name}：完成值“{actual.strip()}”带比较符号，写的是{BOUNDS[bound]}而不是实际完成的数值"
                      f"{effect}；请改填实际达到的数值（不带比较符号）")


@check("P-09c")
def project_actual_is_a_figure(ctx: RuleContext, row_id: str) -> Iterator[Finding]:
    project = ctx.value("project_indicators", "project", row_id)
    item = None
    if project is not None and ctx.row("projects", project) is not None:
        item = project_score(ctx, project).item(f"indicator:{row_id}")
    name = f"指标“{ctx.value('project_indicators', 'level3', row_id) or ''}”"
    yield from _operator_in_actual(ctx, "project_indicators", row_id, name, item)


@check("P-09d")
def department_actual_is_a_figure(ctx: RuleContext) -> Iterator[Finding]:
    for row_id, row in ctx.rows("dept_indicators"):
        yield from _operator_in_actual(ctx, "dept_indicators", row_id, f"部门整体指标“{row.get('name', '')}”", None)
    result = _department_score(ctx)
    for row_id, row in ctx.rows("dept_score_indicators"):
        item = None
        if result is not None:
            try:
                item = result.item(f"indicator:{row_id}")
            except KeyError:   # an indicator with no 二级指标 is not scored
                item = None
        yield from _operator_in_actual(ctx, "dept_score_indicators", row_id, f"评分表指标“{row.get('name', '')}”", item)


@check("P-08b")
def dept_indicator_weights(ctx: RuleContext) -> Iterator[Finding]:
    weights = [row["weight"] for _, row in ctx.rows("dept_indicators") if row.get("weight") is not None]
    expected = Decimal(str(ctx.params["weight_total"]))
    if weights and sum(weights) != expected:
        yield ctx.finding("dept_indicators", "", "weight",
                          f"部门整体绩效目标指标权重合计 {ctx.number(sum(weights))} ≠ {ctx.number(expected)}"
                          f"（{len(weights)} 个指标有权重）")


DEPARTMENT_SECTIONS = ("dept_score", "dept_score_indicators", "dept_score_management", EXECUTION, "dept_balance",
                       "budget_variance", "income_expenditure")


def _department_score(ctx: RuleContext) -> ScoreResult | None:
    """The department's score, computed once for the rules that read it (D-01, D-03, P-09d)."""
    return ctx.derived("department_score", DEPARTMENT_SECTIONS, lambda: score_department(
        ctx.data, load_scoring_profile(ctx.data.profile), ctx.document.department_name))


@check("D-01")
def department_score(ctx: RuleContext) -> Iterator[Finding]:
    result = _department_score(ctx)
    if result is None:
        return
    for item in _walk(result.items):
        section, row, column = _score_cell(item.key)
        for problem in item.problems:
            yield ctx.finding(section, row, column, f"{item.label}：{problem}")
        if item.reported is not None and item.score is not None and abs(item.reported - item.score) > Decimal("0.01"):
            yield ctx.finding(section, row, column,
                              f"{item.label} 得分（填报数）{ctx.number(item.reported)} ≠ 计算得分 {ctx.number(item.score)}："
                              f"{item.explanation}")
    if result.reported_total is not None and result.total is not None and abs(result.reported_total - result.total) > Decimal("0.01"):
        yield ctx.finding("dept_score", "", "total_reported",
                          f"部门整体绩效评价合计得分（填报数）{ctx.number(result.reported_total)} ≠ 计算得分 {ctx.number(result.total)}")
    for flag in ("carryover_exception", "variance_exception"):
        if ctx.value("dept_score", flag) and not (ctx.value("dept_score", f"{flag}_reason") or "").strip():
            yield ctx.finding("dept_score", "", f"{flag}_reason",
                              f"已勾选{ctx.section('dept_score').column(flag).label}，但未填写例外情况说明")


@check("D-03")
def department_score_computable(ctx: RuleContext) -> Iterator[Finding]:
    """The 评分表 is published with its scores: a total that cannot be computed keeps the year back."""
    result = _department_score(ctx)
    if result is None or result.total is not None and result.grade:
        return
    why = "；".join(n for n in result.notes if "无法" in n or "不在" in n) or "有无法计分的项目"
    yield ctx.finding("dept_score", "", "total_reported",
                      f"部门整体绩效评价总分无法计算（{why}）：公开的评分表须印出每项得分和合计，请补全评分表")


SCORE_CELLS = {"budget_execution": ("dept_score", "", "execution_score_reported"),
               "output": ("dept_score", "", "output_score_reported"),
               "effect": ("dept_score", "", "effect_score_reported"),
               "management": ("dept_score_management", "", "")}


def _score_cell(key: str) -> tuple[str, str, str]:
    """The cell a department score item is typed in (where its problems are marked)."""
    kind, _, row = key.partition(":")
    if kind == "indicator":
        return ("dept_score_indicators", row, "score")
    if kind == "management":
        return ("dept_score_management", row, "score_reported")
    return SCORE_CELLS.get(key, ("dept_score", "", ""))


def _walk(items) -> Iterator:
    for item in items:
        yield item
        yield from _walk(item.children)


@check("D-02")
def failed_checks_listed(ctx: RuleContext) -> Iterator[Finding]:
    management = load_scoring_profile(ctx.data.profile).department.management
    for row, limit in ((r.key, r.checks) for r in management if r.checks is not None):
        failed = ctx.value("dept_score_management", "failed_checks", row)
        if failed is not None and failed > limit:
            yield ctx.finding("dept_score_management", row, "failed_checks",
                              f"{ctx.label('dept_score_management', row, 'failed_checks')} {failed} 项，超过评分标准列出的 {limit} 项")


@check("V-01")
def variance_increase(ctx: RuleContext) -> Iterator[Finding]:
    section = "budget_variance"
    yield from ctx.identity((section, "", "adjusted_budget"), [(section, "", "initial_budget"), (section, "", "increase")])
    items = [("budget_variance_items", r, "increase") for r, _ in ctx.rows("budget_variance_items")]
    yield from ctx.identity((section, "", "increase"), items, total_label="部门预决算差异·调增数",
                            part_labels=[ctx.row_name("budget_variance_items", r) for _, r, _ in items])


@check("V-02")
def variance_adjusted_matches(ctx: RuleContext) -> Iterator[Finding]:
    yield from compare(ctx, ("budget_variance", "", "adjusted_budget"), ctx.money("dept_balance", "expenditure_budget"),
                       "结转结余·全年支出预算数", tolerance_fen=None)


@check("U-01")
def unit_slips(ctx: RuleContext) -> Iterator[Finding]:
    """A figure about 10,000 times smaller than its counterpart was typed in 元 where 万元 was meant
    (desktop.domain.units decides; the department score uses the same test)."""
    for slip in find_unit_slips(ctx.data):
        section, row, column = slip.cell
        other_label = "部门整体预算执行·年初预算数" if slip.counterpart == EXECUTION_INITIAL else ctx.label(
            slip.counterpart[0], slip.counterpart[1], slip.counterpart[2])
        yield ctx.finding(section, row, column,
                          f"{ctx.label(section, row, column)} 为 {ctx.amount(slip.value, section, '元')}元，而"
                          f"{other_label} 为 {ctx.amount(slip.counterpart_value, section, '元')}元，"
                          f"约为其 {ctx.number(slip.ratio, 0)} 倍：疑为以万元为单位的数字按元录入（应为 "
                          f"{ctx.amount(Money(slip.value.fen * 10000), section, '元')}元）")
