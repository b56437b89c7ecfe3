"""第二部分 四 to 七: 一般公共预算 spending by 功能分类, 政府性基金, 国有资本经营, and 基本 /
项目支出 by 经济分类.

Each whole is the sum of the rows it lists, so listed parts always add up to the stated whole
(N-03) and shares sum to 100% up to rounding. A row whose amounts are all blank or zero is not
listed; a table with rows that are all zero says "本年度无此项支出". Every section is always
present: a table with no rows at all gets the draft's placeholder (never "无此项", blank is not
zero). The 主要原因 slot is needed on the lowest listed level only (款/项 under a 类; each 经济分类
类), where the clerk types it.
"""

from __future__ import annotations

from desktop.domain.money import Money, total
from desktop.narrative.context import Context, Node, level
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import NONE_THIS_YEAR, changed, clauses, free_text, is_nil, missing


def _listed(node: Node, actual_key: str) -> bool:
    """A row worth a sentence: a non-zero 决算 or 年初预算 on it or on a row below it, or a reason
    the clerk typed for it (nothing typed is left unpublished)."""
    values = node.values
    return (not is_nil(values.get(actual_key)) or not is_nil(values.get("budget")) or bool(free_text(values.get("reason")))
            or any(_listed(child, actual_key) for child in node.children))


def _strict_sum(amounts: list[Money | None]) -> Money | None:
    """A total that is blank as soon as one of its parts is blank (blank is not zero)."""
    return None if any(a is None for a in amounts) else total(amounts)


def _by_category(ctx: Context, nodes: list[Node], intro: str, share_label: str) -> str:
    """"{year}年度{intro}X元，主要用于以下方面（按大类）：A x元，占…y%；…" over the non-zero top rows."""
    say = ctx.say
    spent = [n for n in nodes if _spent(n)]
    whole = total(n.values["total"] for n in spent)
    items = "；".join(clauses(f"{ctx.row_name(n.values, 'functional')}{say.amount(n.values['total'])}",
                              say.share(n.values["total"], whole, share_label)) for n in spent)
    return f"{ctx.year}年度{intro}{say.amount(whole)}" + (f"，主要用于以下方面（按大类）：{items}" if items else "") + "。"


def _spent(node: Node) -> bool:
    return not is_nil(node.values.get("total"))


def general_budget(ctx: Context) -> NarrativeSection:
    tree = ctx.code_tree("gp_functional")
    heading = "一般公共预算财政拨款支出决算情况说明"
    key_projects = free_text(ctx.form("narrative").get("key_projects"))
    extra = (NarrativeSection("财政拨款重点项目情况", key_projects),) if key_projects else ()
    if not tree:
        return NarrativeSection(heading, (missing("一般公共预算财政拨款支出决算表（“预算执行”页，按功能分类的类、款、项）"),),
                                extra)
    listed = [n for n in tree if _listed(n, "total")]
    if not listed:
        return NarrativeSection(heading, (NONE_THIS_YEAR,), extra)
    overall = _by_category(ctx, listed, "一般公共预算财政拨款支出", "本年财政拨款支出")
    details = [line for number, node in enumerate(listed, 1) for line in _detail(ctx, node, f"{number}.")]
    return NarrativeSection(heading, (), (
        NarrativeSection("一般公共预算财政拨款支出决算总体情况", (overall,)),
        NarrativeSection("一般公共预算财政拨款支出决算具体情况", tuple(details)),
        *extra,
    ))


def _detail(ctx: Context, node: Node, prefix: str) -> list[str]:
    """"1.“一般公共服务支出”（类）2023年度决算…，比年初预算…。其中：" then its 款 and 项 lines."""
    say, values = ctx.say, node.values
    tag, below, reason = _tag_below_reason(ctx, node)
    actual, budget = values.get("total"), values.get("budget")
    line = prefix + clauses(f"{tag}{ctx.year}年度决算{say.amount(actual)}", say.versus_budget(actual, budget))
    line += "。" + reason + ("其中：" if below else "")
    return [line] + [text for child in below for text in _detail(ctx, child, "")]


def _tag_below_reason(ctx: Context, node: Node) -> tuple[str, list[Node], str]:
    """A row's “name”（rank）, its listed rows below, and its 主要原因 (the slot recorded when
    needed but empty: _reason_needed)."""
    below = [c for c in node.children if _listed(c, "total")]
    tag = _tag(ctx, node)
    reason = ctx.say.reason(node.values.get("reason"), _reason_needed(node, below),
                            ("gp_functional", node.row_id, f"{tag}主要原因"))
    return tag, below, reason


def _tag(ctx: Context, node: Node) -> str:
    name, rank = ctx.row_name(node.values, "functional"), level("functional", node.values.get("code"))
    return f"“{name}”（{rank}）" if rank else f"“{name}”"


def _reason_needed(node: Node, below: list[Node]) -> bool:
    """On the lowest listed level only, where 决算 differs from 年初预算."""
    return not below and changed(node.values.get("total"), node.values.get("budget"))


def general_budget_reasons(ctx: Context) -> None:
    """Record the 主要原因 slots general_budget records, in the same order, without composing
    its text (rule N-06 asks after every edit of the 功能分类 table)."""
    listed: dict[str, bool] = {}

    def is_listed(node: Node) -> bool:  # _listed, each row once
        if node.row_id not in listed:
            values = node.values
            listed[node.row_id] = (not is_nil(values.get("total")) or not is_nil(values.get("budget"))
                                   or bool(free_text(values.get("reason"))) or any(is_listed(c) for c in node.children))
        return listed[node.row_id]

    def visit(node: Node) -> None:
        below = [c for c in node.children if is_listed(c)]
        if _reason_needed(node, below):  # else say.reason records nothing
            ctx.say.reason(node.values.get("reason"), True, ("gp_functional", node.row_id, f"{_tag(ctx, node)}主要原因"))
        for child in below:
            visit(child)
    for node in ctx.code_tree("gp_functional"):
        if is_listed(node):
            visit(node)


def _fund_section(ctx: Context, key: str, fund: str, heading: str, intro: str, table: str) -> NarrativeSection:
    """五 and 六: "本年度无此项支出" unless some row has spending (an empty table is published too).

    A placeholder while neither the table nor the 财政拨款 summary says anything about this fund:
    a document holding only the 绩效 part must not claim there was no such spending.
    """
    listed = [n for n in ctx.code_tree(key) if _spent(n)]
    if not listed:
        stated = ctx.data.section(key).rows or ctx.data.section("fiscal_summary").rows[fund]
        return NarrativeSection(heading, (NONE_THIS_YEAR if stated else missing(f"{table}（无此项收支请填 0）"),))
    return NarrativeSection(heading, (_by_category(ctx, listed, intro, f"本年{intro}"),))



def government_fund(ctx: Context) -> NarrativeSection:
    return _fund_section(ctx, "gov_fund", "fund", "政府性基金预算财政拨款支出决算情况说明", "政府性基金预算财政拨款支出",
                         "政府性基金预算财政拨款收入支出决算表")


def state_capital(ctx: Context) -> NarrativeSection:
    return _fund_section(ctx, "soe_capital", "soe", "国有资本经营预算财政拨款收支情况说明", "国有资本经营预算财政拨款支出",
                         "国有资本经营预算财政拨款支出决算表")


def economic(ctx: Context) -> NarrativeSection:
    return NarrativeSection("财政拨款基本支出、项目支出情况说明", (), (
        _economic_part(ctx, "gp_basic_economic", "基本支出"), _economic_part(ctx, "gp_project_economic", "项目支出")))


def _economic_part(ctx: Context, key: str, kind: str) -> NarrativeSection:
    """基本支出 or 项目支出 by 经济分类 类: total vs 年初预算, then each 类 with its reason."""
    tree = ctx.code_tree(key)
    heading = f"一般公共预算财政拨款{kind}情况"
    if not tree:
        return NarrativeSection(heading, (missing(f"一般公共预算财政拨款{kind}（“预算执行”页，按经济分类；无此项支出请填 0）"),))
    listed = [n for n in tree if _listed(n, "actual")]
    if not listed:
        return NarrativeSection(heading, (NONE_THIS_YEAR,))
    say = ctx.say
    actual = total(n.values.get("actual") for n in listed)
    budget = _strict_sum([n.values.get("budget") for n in listed])
    lines = [clauses(f"{ctx.year}年度{ctx.noun}使用一般公共预算财政拨款安排{kind}{say.amount(actual)}",
                     say.versus_budget(actual, budget)) + "。其中："]
    for number, node in enumerate(listed, 1):
        values = node.values
        name = ctx.row_name(values, "economic")
        reason = say.reason(values.get("reason"), changed(values.get("actual"), values.get("budget")),
                            (key, node.row_id, f"{kind}“{name}”主要原因"))
        lines.append(f"{number}." + clauses(f"{name}{say.amount(values.get('actual'))}",
                                            say.versus_budget(values.get("actual"), values.get("budget"), True))
                     + "。" + reason)
    return NarrativeSection(heading, tuple(lines))
