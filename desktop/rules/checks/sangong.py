"""The 三公 quantities an inspector ticks (domain.md §9.2, §9.3): each amount with its counts.

The 说明 states 团组 and 人次 of 因公出国（境）, 购置数 and 保有量 of 公务用车 (by 车型 where
given), and 批次 and 人次 of 国内 and 外事 公务接待. These checks keep those counts and the
table's amounts telling one story: the 国内 + 外事 split adds up to 公务接待费 (T7-04), the 车型
breakdown adds up to the stated totals (T7-05), an amount spent has its counts and counts have an
amount (N-08c, N-08d), a 批次 or 团组 has at least one 人次 (N-08e), and a fleet that grew more than
it bought is explained (W-10).
"""

from __future__ import annotations

from typing import Iterator

from desktop.domain.money import Money
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check

RECEPTION_ROWS = ("domestic", "foreign")
ABROAD_COUNTS = ("abroad_groups", "abroad_people")


@check("T7-04")
def reception_split(ctx: RuleContext) -> Iterator[Finding]:
    parts = [("sangong_reception", row, "amount") for row in RECEPTION_ROWS]
    labels = [ctx.section("sangong_reception").row_label(row) for row in RECEPTION_ROWS]
    yield from ctx.identity(("sangong", "reception", "actual"), parts, part_labels=labels)


@check("T7-05")
def vehicles_by_type(ctx: RuleContext) -> Iterator[Finding]:
    rows = list(ctx.rows("sangong_vehicles"))
    if not rows:
        return
    seen: dict[str, str] = {}
    for row_id, row in rows:
        kind = row.get("type")
        if kind is None and (row.get("purchased") is not None or row.get("stock") is not None):
            yield ctx.finding("sangong_vehicles", row_id, "type",
                              f"{ctx.label('sangong_vehicles', row_id)}填写了车辆数，但未选择车型")
        elif kind is not None and kind in seen:
            yield ctx.finding("sangong_vehicles", row_id, "type",
                              f"车型“{kind}”在{ctx.section_name('sangong_vehicles')}中列了两行"
                              f"（{ctx.row_name('sangong_vehicles', seen[kind])}、{ctx.row_name('sangong_vehicles', row_id)}），"
                              "请合并为一行")
        elif kind is not None:
            seen[kind] = row_id
    for column, total_key in (("stock", "vehicle_stock"), ("purchased", "vehicles_purchased")):
        counts = [(row.get("type") or "未注明车型", row[column]) for _, row in rows if row.get(column) is not None]
        if not counts:
            continue
        summed = sum(count for _, count in counts)
        total = ctx.value("sangong_details", total_key)
        listed = " + ".join(f"{kind} {count}" for kind, count in counts)
        if total is None:
            yield ctx.finding("sangong_details", "", total_key,
                              f"{ctx.label('sangong_details', '', total_key)}未填写，但按车型列出 {listed} = {summed} 辆")
        elif total != summed:
            yield ctx.finding("sangong_details", "", total_key,
                              f"{ctx.label('sangong_details', '', total_key)} {total} 辆 ≠ 按车型合计 {listed} = {summed} 辆")


def _spent(ctx: RuleContext, row: str) -> Money | None:
    """The 决算 of a 三公 item when above 0, else None."""
    actual = ctx.money("sangong", "actual", row)
    return actual if actual is not None and actual.fen > 0 else None


@check("N-08c")
def amounts_without_counts(ctx: RuleContext) -> Iterator[Finding]:
    abroad = _spent(ctx, "abroad")
    if abroad is not None:
        for key in ABROAD_COUNTS:
            if ctx.value("sangong_details", key) is None:
                yield ctx.finding("sangong_details", "", key,
                                  f"因公出国（境）费决算 {ctx.amount(abroad)}，但{ctx.label('sangong_details', '', key)}"
                                  "未填写，说明中须列明团组数和人次")
    purchase = _spent(ctx, "vehicle_purchase")
    if purchase is not None and ctx.value("sangong_details", "vehicles_purchased") is None:
        yield ctx.finding("sangong_details", "", "vehicles_purchased",
                          f"公务用车购置费决算 {ctx.amount(purchase)}，但{ctx.label('sangong_details', '', 'vehicles_purchased')}"
                          "未填写，说明中须列明购置数量")
    reception = _spent(ctx, "reception")
    for row in RECEPTION_ROWS:
        amount = ctx.money("sangong_reception", "amount", row)
        if reception is not None and amount is None:
            yield ctx.finding("sangong_reception", row, "amount",
                              f"公务接待费决算 {ctx.amount(reception)}，但{ctx.label('sangong_reception', row, 'amount')}"
                              "未填写（没有此类接待请填 0）")
        if amount is not None and amount.fen > 0:
            for key in ("batches", "people"):
                if ctx.value("sangong_reception", key, row) is None:
                    yield ctx.finding("sangong_reception", row, key,
                                      f"{ctx.label('sangong_reception', row, 'amount')} {ctx.amount(amount)}，但"
                                      f"{ctx.label('sangong_reception', row, key)}未填写，说明中须列明接待批次和人次")


@check("N-08d")
def counts_without_amounts(ctx: RuleContext) -> Iterator[Finding]:
    def zero(section: str, column: str, row: str = "") -> Money | None:
        value = ctx.money(section, column, row)
        return value if value is not None and value.fen == 0 else None

    if zero("sangong", "actual", "abroad") is not None:
        for key in ABROAD_COUNTS:
            count = ctx.value("sangong_details", key)
            if count:
                yield ctx.finding("sangong_details", "", key,
                                  f"{ctx.label('sangong_details', '', key)}为 {count}，但因公出国（境）费决算为 0")
    for key, row, item in (("vehicles_purchased", "vehicle_purchase", "公务用车购置费"),
                           ("vehicle_stock", "vehicle_operation", "公务用车运行维护费")):
        count = ctx.value("sangong_details", key)
        if count and zero("sangong", "actual", row) is not None:
            yield ctx.finding("sangong_details", "", key,
                              f"{ctx.label('sangong_details', '', key)}为 {count} 辆，但{item}决算为 0")
    for row in RECEPTION_ROWS:
        if zero("sangong_reception", "amount", row) is None:
            continue
        for key in ("batches", "people"):
            count = ctx.value("sangong_reception", key, row)
            if count:
                yield ctx.finding("sangong_reception", row, key,
                                  f"{ctx.label('sangong_reception', row, key)}为 {count}，但"
                                  f"{ctx.label('sangong_reception', row, 'amount')}为 0")


@check("N-08e")
def batches_within_people(ctx: RuleContext) -> Iterator[Finding]:
    pairs = [("sangong_details", "", "abroad_groups", "abroad_people")]
    pairs += [("sangong_reception", row, "batches", "people") for row in RECEPTION_ROWS]
    for section, row, batches_key, people_key in pairs:
        batches, people = ctx.value(section, batches_key, row), ctx.value(section, people_key, row)
        if batches is not None and people is not None and batches > people:
            yield ctx.finding(section, row, people_key,
                              f"{ctx.label(section, row, people_key)} {people} 少于{ctx.label(section, row, batches_key)} "
                              f"{batches}：每个团组或批次至少一人次")


@check("W-10")
def fleet_growth(ctx: RuleContext) -> Iterator[Finding]:
    stock, previous = ctx.value("sangong_details", "vehicle_stock"), ctx.value("sangong_details", "vehicle_stock_prior")
    bought = ctx.value("sangong_details", "vehicles_purchased")
    if stock is not None and previous is not None and stock > previous + (bought or 0):
        stated = "本年购置数未填写" if bought is None else f"本年购置 {bought} 辆"
        yield ctx.finding("sangong_details", "", "vehicle_stock",
                          f"年末公务用车保有量 {stock} 辆比上年末 {previous} 辆增加 {stock - previous} 辆，"
                          f"但{stated}，请说明其余车辆的来源（如调入、划转）")
