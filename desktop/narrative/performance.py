"""第四部分: the 部门整体绩效评价报告, the 项目支出绩效自评情况 and the 自评表, as the Beijing district
template (seed 1) lays them out.

一、部门整体绩效评价报告: （一）部门概况 (职责, 机构设置, 主要工作任务, 绩效目标设立 with its table),
（二）当年预算执行情况, （三）整体绩效目标实现情况 (产出, 效果, the completion table), （四）预算管理情况
分析 (财务, 资产, 绩效管理), （五）总体评价结论 (score and grade, problems, improvements). 二、项目支出
绩效自评情况: how it was done, then a report per 重点项目 (and any project whose report the clerk
wrote). 三、项目支出绩效自评表: one per project. Figures are generated in the profile's
performance unit (万元): 执行率 = 执行数 / 全年预算数 (P-01/P-03), 结转结余率 in 个百分点 (P-04),
scores computed by desktop.scoring. Everything the clerk typed is printed in its place; a needed
text still empty is the draft's placeholder, which the export gate names.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.domain.blocks import owner_block
from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.domain.schema import FORM_ROW
from desktop.narrative.context import Context
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import Phrases, clauses, free_text, inline, missing, ratio

_EXECUTION_PARTS = ("basic", "project", "other")
_GRADE_BANDS = (("grade_excellent", "评价得分在90分（含90分）以上的"), ("grade_good", "评价得分在80-90分（含80分）的"),
                ("grade_fair", "评价得分在60-80分（含60分）的"), ("grade_poor", "评价得分在60分以下的"))
_OUTPUTS = (("output_quantity", "数量指标"), ("output_quality", "质量指标"), ("output_progress", "时效指标"),
            ("output_cost", "成本指标"))
_EFFECTS = (("effect_economic", "经济效益"), ("effect_social", "社会效益"), ("effect_environmental", "环境效益"),
            ("effect_sustainable", "可持续影响"), ("effect_satisfaction", "服务对象满意度"))


def _text(value: Any, what: str) -> tuple[str, ...]:
    """A needed typed text as paragraphs, or the draft's placeholder naming what to fill."""
    return free_text(value) or (missing(what),)


def _labelled(pairs: tuple[tuple[str, str], ...], form: dict) -> tuple[str, ...]:
    """"数量指标：…" paragraphs for the filled texts of `pairs`, in their order."""
    lines: list[str] = []
    for key, label in pairs:
        paragraphs = free_text(form.get(key))
        if paragraphs:
            lines.append(f"{label}：{paragraphs[0]}")
            lines += paragraphs[1:]
    return tuple(lines)


# -- 一、部门整体绩效评价报告 -----------------------------------------------------------------------
def department_overall(ctx: Context) -> NarrativeSection:
    say = ctx.say.in_unit("performance")
    return NarrativeSection("部门整体绩效评价报告", (), (
        _overview(ctx), _execution_section(ctx, say), _achievement(ctx), _management_section(ctx, say),
        _conclusion(ctx, ctx.scores.get("department")),
    ))


def _overview(ctx: Context) -> NarrativeSection:
    info, texts = ctx.form("basic_info"), ctx.form("dept_evaluation_text")
    targets = ("table:dept_targets",) if ctx.section("dept_indicators").rows else ()
    goal = free_text(texts.get("goal_setting")) or (missing("部门整体绩效目标设立情况（“绩效指标”页“部门整体目标”）"),)
    if not targets:
        goal += (missing("部门整体绩效目标（“绩效指标”页“部门整体目标”：指标、指标性质、指标值、权重）"),)
    return NarrativeSection("部门概况", (), (
        NarrativeSection("部门职责情况", _text(info.get("responsibilities"), "部门职责（“基本情况”页）")),
        NarrativeSection("部门机构设置情况", _organisation(ctx)),
        NarrativeSection(f"{ctx.year}年主要工作任务", _text(info.get("main_tasks"), "年度主要工作任务（“基本情况”页）")),
        NarrativeSection("部门整体绩效目标设立情况", goal, inserts=targets),
    ))


def _organisation(ctx: Context) -> tuple[str, ...]:
    """"本部门共设3个内设机构，分别为…，下设1个事业单位…。" then each 内设机构's duties."""
    info = ctx.form("basic_info")
    departments = [r for r in ctx.section("internal_departments").rows.values() if r.get("name") or r.get("duties")]
    names = [str(r["name"]).strip() for r in departments if r.get("name")]
    count = info.get("internal_department_count")
    count = len(names) if count is None and names else count
    units, unit_names = info.get("subordinate_unit_count"), inline(info.get("subordinate_unit_names"))
    if count is None and not names:
        return (missing("部门机构设置（“基本情况”页：内设机构及其职责）"),)
    first = f"本部门共设{count}个内设机构" + (f"，分别为{'、'.join(names)}" if names else "")
    if units:
        first += f"，下设{units}个单位" + (f"，单位名称为{unit_names}" if unit_names else "")
    elif units == 0:
        first += "，无下设单位"
    duties = []
    for row in departments:
        text = inline(row.get("duties"))
        name = str(row.get("name") or "").strip()
        if text:
            duties.append(text + "。" if text.startswith(name) else f"{name}：{text}。")
    return (first + "。", *duties)


def _execution_section(ctx: Context, say: Phrases) -> NarrativeSection:
    lines = [p for p in (_execution(ctx, say), _carryover(ctx, say), _variance(ctx, say)) if p]
    lines += free_text(ctx.form("dept_evaluation_text").get("execution_note"))
    return NarrativeSection("当年预算执行情况", tuple(lines) or (
        missing("部门整体预算执行（“预算执行”页：全年预算数、执行数）"),))


def _execution(ctx: Context, say: Phrases) -> str:
    grid = ctx.section("dept_budget_execution")
    sentences, wholes = [], {}
    for column, subject in (("full_year_budget", f"{ctx.year}年全年预算数"),
                            ("executed", f"截至{ctx.year}年12月31日，预算资金总体支出")):
        whole: Money | None = grid.value("total", column)
        wholes[column] = whole
        if whole is None:
            continue
        parts = [(grid.section.row_label(r), grid.value(r, column)) for r in _EXECUTION_PARTS]
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


def _variance(ctx: Context, say: Phrases) -> str:
    """The 预算调整: 年初预算, 调整后, the increase by 功能分类, and why."""
    form, items = ctx.form("budget_variance"), list(ctx.section("budget_variance_items").rows.values())
    initial, adjusted, increase = form.get("initial_budget"), form.get("adjusted_budget"), form.get("increase")
    if initial is None and adjusted is None and increase is None and not items:
        return ""
    head = clauses(f"{ctx.year}年年初预算数{say.amount(initial)}" if initial is not None else "",
                   f"调整后预算数{say.amount(adjusted)}" if adjusted is not None else "",
                   f"预算调整增加{say.amount(increase)}" if increase is not None else "")
    listed = "、".join(f"{r.get('name') or r.get('code') or '（未命名）'}增加{say.amount(r.get('increase'))}"
                      for r in items)
    reason = inline(form.get("reason"))
    needed = increase is not None and increase.fen != 0 or bool(items)
    why = f"主要原因：{reason}。" if reason else (missing("预算调整的主要原因（“预算执行”页“部门预决算差异”）") if needed else "")
    return (head + (f"，其中：{listed}" if listed else "") + "。" if head or listed else "") + why


def _achievement(ctx: Context) -> NarrativeSection:
    texts = ctx.form("dept_evaluation_text")
    indicators = ctx.section("dept_indicators").rows
    children = tuple(NarrativeSection(title, lines) for title, lines in (
        ("产出", _labelled(_OUTPUTS, texts)), ("效果", _labelled(_EFFECTS, texts))) if lines)
    inserts = ("table:dept_completion",) if indicators else ()
    paragraphs = () if children or inserts else (
        missing("整体绩效目标实现情况（“绩效指标”页“部门整体目标”：完成值、偏差原因）"),)
    return NarrativeSection("整体绩效目标实现情况", paragraphs, children, inserts=inserts)


def _management_section(ctx: Context, say: Phrases) -> NarrativeSection:
    form = ctx.form("performance_management")
    return NarrativeSection("预算管理情况分析", (), (
        NarrativeSection("财务管理", _text(form.get("financial_management"), "财务管理情况（“绩效指标”页）")),
        NarrativeSection("资产管理", _text(form.get("asset_management"), "资产管理情况（“绩效指标”页）")),
        NarrativeSection("绩效管理", (), _performance_management(ctx, say)),
    ))


def _performance_management(ctx: Context, say: Phrases) -> tuple[NarrativeSection, ...]:
    form, year, scope = ctx.form("performance_management"), ctx.year, ctx.scope_phrase()
    planned, disclosed = form.get("target_projects"), form.get("target_disclosed_projects")
    share = ratio(disclosed, planned)
    targets = clauses(f"{year}年部门预算项目{planned}个" if planned is not None else "",
                      f"部门预算公开绩效目标的预算项目{disclosed}个" if disclosed is not None else "",
                      f"占本部门全部预算项目的{say.percent(share)}" if share is not None else "")
    monitored, monitored_amount = form.get("monitored_projects"), form.get("monitored_amount")
    monitoring = clauses(f"{year}年对{scope}{monitored}个预算项目进行绩效运行监控" if monitored is not None else "",
                         f"涉及资金{say.amount(monitored_amount)}" if monitored_amount is not None else "")
    evaluated = _evaluated(ctx, say, form.get("self_eval_projects"), form.get("self_eval_amount"))
    return (
        NarrativeSection("预算绩效管理制度情况", _text(form.get("performance_system"), "预算绩效管理制度情况（“绩效指标”页）")),
        NarrativeSection("绩效目标管理情况", (targets + "。",) if targets else (
            missing("绩效目标管理情况（“绩效指标”页：部门预算项目数、公开绩效目标的项目数）"),)),
        NarrativeSection("绩效运行监控情况", (monitoring + "。",) if monitoring else (
            missing("绩效运行监控情况（“绩效指标”页：监控项目数、涉及资金）"),)),
        NarrativeSection("绩效自评情况", (evaluated + "。",) if evaluated else (
            missing("绩效自评情况（“绩效指标”页：自评项目数、涉及金额）"),)),
    )


def _evaluated(ctx: Context, say: Phrases, projects: int | None, amount: Money | None) -> str:
    """"对2023年度本部门及所属单位项目支出实施了绩效自评，评价项目21个，涉及金额…万元"."""
    if projects is None and amount is None:
        return ""
    subject = ctx.document.department_name or "本部门"
    return clauses(f"{subject}对{ctx.year}年度{ctx.scope_phrase()}项目支出实施了绩效自评",
                   f"评价项目{projects}个" if projects is not None else "",
                   f"涉及金额{say.amount(amount)}" if amount is not None else "")


def _conclusion(ctx: Context, department: dict | None) -> NarrativeSection:
    form = ctx.form("performance_management")
    conclusion = free_text(ctx.form("dept_evaluation_text").get("conclusion"))
    return NarrativeSection("总体评价结论", conclusion, (
        _score_section(form, department),
        NarrativeSection("存在的问题及原因分析", _text(form.get("problems"), "存在的问题及原因分析（“绩效指标”页）")),
        NarrativeSection("改进措施", _text(form.get("improvements"), "改进措施（“绩效指标”页）")),
    ))


def _score_section(form: dict, department: dict | None) -> NarrativeSection:
    """The computed score and grade with the 评分表 when the department has one; else what the
    department reports (a narrative-only template, as seed 1)."""
    if department is not None:
        if department["total"] is None or not department["grade"]:
            return NarrativeSection("评价得分情况", (missing("部门整体绩效评价得分（评分表中有无法计分的项目，见审核）"),),
                                    inserts=("table:dept_score",))
        return NarrativeSection("评价得分情况", (f"绩效自评总分：{department['total']}分；绩效自评等级：{department['grade']}。",),
                                inserts=("table:dept_score", "chart:department_scores"))
    score, grade = form.get("overall_score_reported"), inline(form.get("overall_grade_reported"))
    if score is None or not grade:
        return NarrativeSection("评价得分情况", (missing("部门整体绩效自评总分和等级（“绩效指标”页）"),))
    shown = format(score.normalize(), "f") if isinstance(score, Decimal) else str(score)
    return NarrativeSection("评价得分情况", (f"绩效自评总分：{shown}分；绩效自评等级：{grade}。",))


# -- 二、项目支出绩效自评情况 -----------------------------------------------------------------------
def project_evaluation(ctx: Context) -> NarrativeSection:
    children = [evaluation_summary(ctx)]
    reports = _project_reports(ctx, ctx.say.in_unit("performance"))
    if reports:
        key_only = all(ctx.section("projects").rows[r.key].get("is_key") for r in reports)
        children.append(NarrativeSection("重点支出项目绩效自评情况" if key_only else "项目支出绩效自评报告", (),
                                         tuple(reports)))
    return NarrativeSection("项目支出绩效自评情况", (), tuple(children))


def evaluation_summary(ctx: Context) -> NarrativeSection:
    """（一）绩效自评开展情况: how many projects were evaluated, for how much, in which grades."""
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
    done = ("".join(sentences),) if sentences else ()
    done += free_text(form.get("description"))
    return NarrativeSection("绩效自评开展情况", done or (
        missing("绩效自评开展情况（“绩效指标”页“项目自评”：评价项目数、涉及金额、各等级项目数）"),))


_REPORT_TEXTS = ("overview", "fund_management", "goal_analysis", "problems", "other_notes")


def _project_reports(ctx: Context, say: Phrases) -> list[NarrativeSection]:
    """A 自评报告 for each 重点项目 and each project whose report texts the clerk wrote; the
    report's needed texts of a 重点项目 are placeholders while empty."""
    projects = ctx.section("projects").rows
    results = ctx.scores["projects"]
    reports = []
    for (row_id, project), result in zip(projects.items(), results):
        key = bool(project.get("is_key"))
        if not key and not any(project.get(k) for k in _REPORT_TEXTS):
            continue
        name = project.get("name") or row_id

        def text(field: str, what: str) -> tuple[str, ...]:
            typed = free_text(project.get(field))
            return typed or ((missing(f"项目“{name}”的{what}（“绩效指标”页“项目自评”）"),) if key else ())
        basics = [*_prefixed("项目概况", text("overview", "项目概况")), _funds(ctx, say, row_id),
                  *_prefixed("项目绩效目标", free_text(project.get("goal_expected"))),
                  *_prefixed("项目资金管理情况", text("fund_management", "资金管理情况"))]
        parts = [NarrativeSection("基本情况", tuple(p for p in basics if p)),
                 NarrativeSection("绩效自评结论", (_project_score(result, name),)),
                 NarrativeSection("绩效目标完成情况分析", text("goal_analysis", "总体绩效目标完成情况分析")),
                 NarrativeSection("存在的问题和改进措施", text("problems", "存在的问题和改进措施"))]
        notes = free_text(project.get("other_notes"))
        if notes:
            parts.append(NarrativeSection("其他需要说明的事项", notes))
        reports.append(NarrativeSection(name, (), tuple(p for p in parts if p.paragraphs), key=row_id))
    return reports


def project_figures(ctx: Context, row_id: str, result: dict) -> NarrativeSection:
    """What a project's 自评报告 states from its tables alone (funds, execution rate, score): 审核
    K-23 checks the texts typed for the project against these. `result`: the project's score JSON."""
    project = ctx.section("projects").rows[row_id]
    name = project.get("name") or row_id
    sentences = (_funds(ctx, ctx.say.in_unit("performance"), row_id), _project_score(result, name))
    return NarrativeSection(name, tuple(s for s in sentences if s))


def _prefixed(label: str, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    if not paragraphs:
        return ()
    return (f"{label}：{paragraphs[0]}", *paragraphs[1:])


def _funds(ctx: Context, say: Phrases, project_id: str) -> str:
    block = owner_block(ctx.section("project_funds"), project_id)
    if not any(block.row_ids.values()):
        return ""
    initial = load_profile(ctx.data.profile).scoring.execution_base == "initial"
    key, label = ("initial_budget", "年初预算数") if initial else ("full_year_budget", "全年预算数")
    budget, executed = block.total.get(key), block.total.get("executed")
    rate = ratio(executed, budget)
    return "项目资金到位及执行情况：" + clauses(
        f"本项目{label}{say.amount(budget)}", f"全年执行数{say.amount(executed)}",
        f"预算执行率{say.percent(rate)}" if rate is not None else "") + "。"


def _project_score(result: dict, name: str) -> str:
    if result["total"] is None or not result["grade"]:
        return missing(f"项目“{name}”的自评得分（自评表中有无法计分的指标，见审核）")
    return f"绩效自评得分{result['total']}分，自评等级为“{result['grade']}”。"


# -- 三、项目支出绩效自评表 -------------------------------------------------------------------------
def project_tables(ctx: Context) -> NarrativeSection:
    projects = ctx.section("projects").rows
    if not projects:
        return NarrativeSection("项目支出绩效自评表", (missing("项目支出绩效自评表（“绩效指标”页“项目自评”）"),))
    return NarrativeSection("项目支出绩效自评表", (), tuple(
        NarrativeSection(str(row.get("name") or row_id), (), inserts=(f"table:project:{row_id}",), key=row_id)
        for row_id, row in projects.items()))
