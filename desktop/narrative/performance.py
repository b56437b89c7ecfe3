"""第四部分: the figures of the 绩效 part, in the profile's performance unit (万元).

当年预算执行情况 (shares of the 资金总体 row, 执行率 = 执行数 / 全年预算数, P-01/P-03),
结转结余率 this year and last with the change in 个百分点 (P-04), the 绩效管理 counts and the
项目支出绩效自评 summary. Only figures are generated here; the clerk's long texts (problems,
improvements, the 执行情况说明 and 自评开展情况 notes, which carry hand-typed numbers) are not
repeated, so no typed figure can contradict a generated one.
Year tokens are always the document year; last year is "上年", so no other year is printed.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.money import Money, total
from desktop.domain.schema import FORM_ROW
from desktop.narrative.context import Context
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import Phrases, clauses, ratio

_EXECUTION_PARTS = ("basic", "project", "other")
_GRADE_BANDS = (("grade_excellent", "评价得分在90分（含90分）以上的"), ("grade_good", "评价得分在80-90分（含80分）的"),
                ("grade_fair", "评价得分在60-80分（含60分）的"), ("grade_poor", "评价得分在60分以下的"))


def department_overall(ctx: Context) -> NarrativeSection | None:
    say = ctx.say.in_unit("performance")
    execution = [p for p in (_execution(ctx, say), _carryover(ctx, say)) if p]
    management = _management(ctx, say)
    children = []
    if execution:
        children.append(NarrativeSection("当年预算执行情况", tuple(execution)))
    if management:
        children.append(NarrativeSection("绩效管理情况", management))
    return NarrativeSection("部门整体绩效评价报告", (), tuple(children)) if children else None


def _execution(ctx: Context, say: Phrases) -> str:
    grid = ctx.section("dept_budget_execution")
    sentences, wholes = [], {}
    for column, subject in (("full_year_budget", f"{ctx.year}年全年预算数"),
                            ("executed", f"截至{ctx.year}年12月31日，预算资金总体支出")):
        parts = [(grid.section.row_label(r), grid.value(r, column)) for r in _EXECUTION_PARTS]
        whole: Money | None = grid.value("total", column)
        if whole is None:
            whole = total(amount for _, amount in parts)
        wholes[column] = whole
        if whole is None:
            continue
        listed = "；".join(_with_share(say, label, amount, whole) for label, amount in parts if amount is not None)
        sentences.append(f"{subject}{say.amount(whole)}" + (f"，其中：{listed}" if listed else "") + "。")
    rate = ratio(wholes["executed"], wholes["full_year_budget"])
    if rate is not None:
        sentences.append(f"部门预算执行率为{say.percent(rate)}。")
    return "".join(sentences)


def _with_share(say: Phrases, label: str, amount: Money, whole: Money) -> str:
    share = ratio(amount, whole)
    return clauses(f"{label}{say.amount(amount)}", f"占比{say.percent(share)}" if share is not None else "")


def _carryover(ctx: Context, say: Phrases) -> str:
    """结转结余率 = 结转结余总额 / 支出预算数, this year and last, compared in 个百分点."""
    form = ctx.form("dept_balance")
    closing, budget = form.get("closing_balance"), form.get("expenditure_budget")
    if closing is None and budget is None:
        return ""
    prior_closing = ctx.prior("dept_balance", FORM_ROW, "prior_closing_balance", "closing_balance")
    prior_budget = ctx.prior("dept_balance", FORM_ROW, "prior_expenditure_budget", "expenditure_budget")
    rate, prior_rate = ratio(closing, budget), ratio(prior_closing, prior_budget)
    sentences = [_balance(say, f"{ctx.year}年", closing, budget, rate)]
    if prior_closing is not None or prior_budget is not None:
        sentences.append(_balance(say, "上年", prior_closing, prior_budget, prior_rate))
    if rate is not None and prior_rate is not None:
        sentences.append(f"{ctx.year}年度部门结转结余率{say.points_change(rate, prior_rate)}")
    return "；".join(sentences) + "。"


def _balance(say: Phrases, when: str, closing: Money | None, budget: Money | None,
             rate: Decimal | None) -> str:
    return clauses(f"{when}年末结转结余资金总额为{say.amount(closing)}", f"全年支出预算数为{say.amount(budget)}",
                   f"资金结转结余率为{say.percent(rate)}" if rate is not None else "")


def _management(ctx: Context, say: Phrases) -> tuple[str, ...]:
    form, year, scope = ctx.form("performance_management"), ctx.year, ctx.scope_phrase()
    lines = []
    planned, disclosed = form.get("target_projects"), form.get("target_disclosed_projects")
    if planned is not None or disclosed is not None:
        share = ratio(disclosed, planned)
        lines.append(clauses(f"{year}年部门预算项目{planned}个" if planned is not None else "",
                             f"部门预算公开绩效目标的预算项目{disclosed}个" if disclosed is not None else "",
                             f"占本部门全部预算项目的{say.percent(share)}" if share is not None else "") + "。")
    monitored, monitored_amount = form.get("monitored_projects"), form.get("monitored_amount")
    if monitored is not None or monitored_amount is not None:
        count = f"{monitored}个" if monitored is not None else ""
        lines.append(clauses(f"{year}年对{scope}{count}预算项目进行绩效运行监控",
                             f"涉及资金{say.amount(monitored_amount)}" if monitored_amount is not None else "") + "。")
    evaluated = _evaluated(ctx, say, form.get("self_eval_projects"), form.get("self_eval_amount"))
    if evaluated:
        lines.append(evaluated + "。")
    return tuple(lines)


def _evaluated(ctx: Context, say: Phrases, projects: int | None, amount: Money | None) -> str:
    """"对2023年度本部门及所属单位项目支出实施了绩效自评，评价项目21个，涉及金额…万元"."""
    if projects is None and amount is None:
        return ""
    subject = ctx.document.department_name or "本部门"
    return clauses(f"{subject}对{ctx.year}年度{ctx.scope_phrase()}项目支出实施了绩效自评",
                   f"评价项目{projects}个" if projects is not None else "",
                   f"涉及金额{say.amount(amount)}" if amount is not None else "")


def project_evaluation(ctx: Context) -> NarrativeSection | None:
    say, form = ctx.say.in_unit("performance"), ctx.form("project_evaluation_summary")
    sentences = []
    evaluated = _evaluated(ctx, say, form.get("evaluated_projects"), form.get("evaluated_amount"))
    if evaluated:
        sentences.append(evaluated + "。")
    kinds = []
    for prefix, label in (("unit_eval", "单位自评项目"), ("dept_eval", "部门评价项目")):
        count, amount = form.get(f"{prefix}_projects"), form.get(f"{prefix}_amount")
        if count is None and amount is None:
            continue
        names = form.get("dept_eval_project_names") if prefix == "dept_eval" else None
        kinds.append(clauses(label + (f"{count}个" if count is not None else "") + (f"（{names}）" if names else ""),
                             f"涉及金额{say.amount(amount)}" if amount is not None else ""))
    if kinds:
        sentences.append("其中，" + "；".join(kinds) + "。")
    bands = [f"{label}{form[key]}个" for key, label in _GRADE_BANDS if form.get(key) is not None]
    if bands:
        sentences.append("，".join(bands) + "。")
    return NarrativeSection("项目支出绩效自评情况", ("".join(sentences),)) if sentences else None
