"""第三部分 二 to 七: 机关运行经费, 政府采购, 政府购买服务, 国有资产占用, 行政事业性收费 and the
专业名词解释 (the document's own, else the profile's defaults).

政府采购支出总额 is stated as 货物 + 工程 + 服务 (T12-01 / N-10) with the 中小企业 and 小微企业
shares of that total. 政府购买服务 lists its items as "其中：…" only when they add up exactly to
the stated total; otherwise as "主要包括…等", never implying that they sum (N-11).
"""

from __future__ import annotations

from desktop.domain.money import total
from desktop.domain.schema import FORM_ROW
from desktop.narrative.context import Context
from desktop.narrative.glossary import glossary_entries
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import NONE_THIS_YEAR, UNFILLED, changed, clauses, free_text, is_nil

_PROCUREMENT_PARTS = (("goods", "货物"), ("works", "工程"), ("services", "服务"))


def admin_operating_cost(ctx: Context) -> NarrativeSection | None:
    form = ctx.form("admin_operating_cost")
    if not form:
        return None
    say, current = ctx.say, form.get("current")
    prior = ctx.prior("admin_operating_cost", FORM_ROW, "prior", "current")
    reason = say.reason(form.get("reason"), changed(current, prior),
                        ("admin_operating_cost", FORM_ROW, "机关运行经费增减原因"))
    text = clauses(f"{ctx.year}年度使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出合计{say.amount(current)}",
                   say.versus_prior(current, prior, "支出"))
    return NarrativeSection("机关运行经费支出情况", (text + "。" + reason,))


def procurement(ctx: Context) -> NarrativeSection | None:
    form = ctx.form("procurement")
    if not form:
        return None
    say = ctx.say
    parts = [(label, form.get(key)) for key, label in _PROCUREMENT_PARTS]
    whole = total(amount for _, amount in parts)
    if whole is None:
        whole = form.get("total")
    if is_nil(whole) and is_nil(form.get("sme")):
        return NarrativeSection("政府采购支出情况", (NONE_THIS_YEAR,))
    listed = "，".join(f"政府采购{label}支出{say.amount(amount)}" for label, amount in parts)
    lines = [f"{ctx.year}年度{ctx.noun}政府采购支出总额{say.amount(whole)}"
             + (f"，其中：{listed}。" if any(a is not None for _, a in parts) else "。")]
    sme, small = form.get("sme"), form.get("small_micro")
    if sme is not None or small is not None:
        text = clauses(f"授予中小企业合同金额{say.amount(sme)}", say.share(sme, whole, "政府采购支出总额的"))
        if small is not None:
            text += "，其中：" + clauses(f"授予小微企业合同金额{say.amount(small)}",
                                      say.share(small, whole, "政府采购支出总额的"))
        lines.append(text + "。")
    return NarrativeSection("政府采购支出情况", tuple(lines))


def purchased_services(ctx: Context) -> NarrativeSection | None:
    whole = ctx.form("purchased_services_summary").get("total")
    rows = list(ctx.section("purchased_services").rows.values())
    if whole is None and not rows:
        return None
    if is_nil(whole) and not rows:
        return NarrativeSection("政府购买服务支出说明", (NONE_THIS_YEAR,))
    say = ctx.say
    amounts = [r.get("amount") for r in rows]
    items = [f"{r.get('item') or '（未命名）'}{say.amount(r.get('amount'))}" for r in rows]
    text = f"{ctx.year}年度{ctx.noun}政府购买服务支出总额{say.amount(whole)}"
    if items and whole is not None and None not in amounts and total(amounts) == whole:
        text += "，其中：" + "，".join(items)
    elif items:
        text += "，主要包括" + "、".join(items) + "等"
    return NarrativeSection("政府购买服务支出说明", (text + "。",))


def assets(ctx: Context) -> NarrativeSection | None:
    form = ctx.form("assets")
    vehicles = list(ctx.section("asset_vehicles").rows.values())
    if not form and not vehicles:
        return None
    say = ctx.say
    details = []
    area, building = form.get("building_area"), form.get("building_amount")
    if area is not None or building is not None:
        details.append(clauses(f"房屋面积{format(area, 'f')}平方米" if area is not None else "房屋",
                               say.amount(building) if building is not None else ""))
    count, amount = form.get("vehicle_count"), form.get("vehicle_amount")
    if count is not None or amount is not None or vehicles:
        text = clauses(f"汽车{count if count is not None else UNFILLED}辆", say.amount(amount) if amount is not None else "")
        by_kind = "；".join(clauses(f"{v.get('category') or '（未命名）'}{v.get('count', UNFILLED)}辆",
                                   say.amount(v["amount"]) if v.get("amount") is not None else "") for v in vehicles)
        details.append(text + (f"（其中：{by_kind}）" if by_kind else ""))
    equipment, equipment_amount = form.get("large_equipment_count"), form.get("large_equipment_amount")
    if equipment is not None or equipment_amount is not None:
        details.append(clauses(f"单价100万元以上的专用设备{equipment if equipment is not None else UNFILLED}台（套）",
                               say.amount(equipment_amount) if equipment_amount is not None else ""))
    fixed = form.get("fixed_assets_total")
    lines: list[str] = []
    if fixed is not None:
        lines.append(f"{ctx.year}年度固定资产年末数总额{say.amount(fixed)}"
                     + ("，其中：" + "；".join(details) if details else "") + "。")
    elif details:
        lines.append(f"{ctx.year}年度年末国有资产占用情况：" + "；".join(details) + "。")
    lines += free_text(form.get("change_note"))
    return NarrativeSection("国有资产占用情况", tuple(lines)) if lines else None


def fee_items(ctx: Context) -> NarrativeSection | None:
    text = free_text(ctx.form("narrative").get("fee_items"))
    return NarrativeSection("行政事业性收费重点项目信息", text) if text else None


def glossary(ctx: Context) -> NarrativeSection:
    entries = glossary_entries(ctx.data)
    return NarrativeSection("专业名词解释", tuple(f"{index}.{term}：{definition}"
                                            for index, (term, definition) in enumerate(entries, 1)))
