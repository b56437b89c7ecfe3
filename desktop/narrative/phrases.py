"""Sentence pieces shared by every part of the 说明: amounts, shares, changes and reasons.

The wording rules of domain.md §1.4 and §2.3 live here, once, so every section obeys them:
amounts in the profile's unit with their trailing zeros; shares and rates computed from the
exact amounts and rounded once (ROUND_HALF_UP); 增加/减少 and 增长/下降 chosen by sign, never
"增长-x%"; no percentage on a zero or blank base (N-07); changes of a rate in 个百分点 (P-04);
an empty 主要原因 printed as "（未填写）" and recorded, so the rules module can raise N-06.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from desktop.domain.formatting import format_amount, format_number, format_percent, format_yuan_value, round_half_up
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile

UNFILLED = "（未填写）"
MISSING_MARK = "【未填写："  # a whole piece of the 说明 the clerk has still to write (drafts only)
NONE_THIS_YEAR = "本年度无此项支出。"
# (section key, row id, Chinese label) or, where a row has more than one reason column,
# (section key, row id, Chinese label, column key)
MissingSlot = tuple[str, ...]

_DIGITS = "零一二三四五六七八九"
_COUNT_WORDS = {1: "一", 2: "两"}
_TRAILING = "。；;，,、 \t"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (heading numbers, 1–99)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def count_word(number: int) -> str:
    """A small count as read in 位小数: 1 → 一, 2 → 两, 3 → 三."""
    return _COUNT_WORDS.get(number) or chinese_numeral(number)


def is_nil(amount: Money | None) -> bool:
    """Blank or zero: nothing to report (used to decide "本年度无此项支出")."""
    return amount is None or amount.fen == 0


def ratio(part: Money | int | None, whole: Money | int | None) -> Decimal | None:
    """part / whole (amounts or counts), unrounded; None when either is blank or the whole is zero."""
    if part is None or whole is None:
        return None
    numerator, denominator = (v.fen if isinstance(v, Money) else v for v in (part, whole))
    return None if denominator == 0 else Decimal(numerator) / Decimal(denominator)


def changed(current: Money | None, base: Money | None) -> bool:
    """Both filled and different: the case that needs a 主要原因 (N-06)."""
    return current is not None and base is not None and current != base


def missing(what: str) -> str:
    """The placeholder of a draft for text or figures still to be filled: "【未填写：…】". The export
    gate refuses a final document while any is left, so no reader ever sees one."""
    return f"{MISSING_MARK}{what}】"


def clauses(*parts: str) -> str:
    """Join the non-empty clauses of one sentence with "，"."""
    return "，".join(p for p in parts if p)


def inline(text: str | None) -> str:
    """Clerk-typed text as one clause: lines joined, trailing punctuation dropped."""
    if not text:
        return ""
    return "".join(line.strip() for line in text.splitlines()).rstrip(_TRAILING)


def free_text(text: str | None) -> tuple[str, ...]:
    """Clerk-typed text as paragraphs, one per non-empty line."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def format_rule_text(fmt: FormatProfile) -> str:
    """The format note carried by the heading of 二 (e.g. "金额到分，加千分号，百分数留一位小数，以下同")."""
    decimals = {2: "金额到分", 1: "金额到角", 0: "金额到元"} if fmt.decision_unit == "元" else {}
    rules = [decimals.get(fmt.decimals)
             or f"金额以{fmt.decision_unit}为单位，" + (f"保留{count_word(fmt.decimals)}位小数" if fmt.decimals else "取整")]
    if fmt.thousands:
        rules.append("加千分号")
    rules.append(f"百分数留{count_word(fmt.percent_decimals)}位小数" if fmt.percent_decimals else "百分数取整")
    return "，".join(rules) + "，以下同"


@dataclass
class Phrases:
    """Formats of one profile in one money unit ("decision" = 决算 part, "performance" = 绩效 part);
    collects the 主要原因 slots found empty."""

    fmt: FormatProfile
    money_unit: str = "decision"
    missing: list[MissingSlot] = field(default_factory=list)

    def in_unit(self, money_unit: str) -> Phrases:
        """The same phrases in another money unit; missing reasons are still collected in one list."""
        return replace(self, money_unit=money_unit)

    @property
    def unit(self) -> str:
        return self.fmt.unit_for(self.money_unit)

    def amount(self, value: Money | None) -> str:
        if value is None:
            return UNFILLED
        return format_amount(value, self.unit, self.fmt.decimals, self.fmt.thousands) + self.unit

    @staticmethod
    def count(value: int | None, unit: str) -> str:
        """A count with its unit ("3个", "25人次"), or "人次（未填写）" when blank."""
        return f"{unit}{UNFILLED}" if value is None else f"{value}{unit}"

    def per_unit(self, value: Money, count: int) -> str:
        """value / count (e.g. 车均运行维护费), rounded once for display."""
        return format_yuan_value(value.yuan / count, self.unit, self.fmt.decimals, self.fmt.thousands) + self.unit

    def percent(self, value: Decimal) -> str:
        return format_percent(value, self.fmt.percent_decimals)

    def share(self, part: Money | None, whole: Money | None, whole_label: str) -> str:
        """"占" + whole_label + "100.0%" (the label carries any "的"), or "" when there is no base."""
        value = ratio(part, whole)
        return "" if value is None else f"占{whole_label}{self.percent(value)}"

    def _change(self, delta: Money, base: Money) -> str:
        rate = self.percent(abs(ratio(delta, base)))
        if delta.fen > 0:
            return f"增加{self.amount(delta)}，增长{rate}"
        return f"减少{self.amount(-delta)}，下降{rate}"

    def versus_prior(self, current: Money | None, prior: Money | None, noun: str = "支出") -> str:
        """"比上年增加…，增长x%" / "与上年持平" / "上年无此项支出" (no % on a zero base)."""
        if current is None:
            return ""
        if prior is None:
            return f"上年数{UNFILLED}"
        delta = current - prior
        if delta.fen == 0:
            return "与上年持平"
        if prior.fen == 0:
            return f"上年无此项{noun}" if delta.fen > 0 else f"比上年减少{self.amount(-delta)}"
        return "比上年" + self._change(delta, prior)

    def versus_last_year(self, current: Money | None, prior: Money | None) -> str:
        """Against 上年决算 with the prior figure's own wording: "比上年减少…，下降x%", "与上年持平",
        "上年决算数为0，比上年增加…" (no % on a zero base, N-07), "上年亦为0"; a blank 上年 is
        named as not filled, never read as zero."""
        if prior is None:
            return f"上年决算数{UNFILLED}"
        if current is None:
            return f"上年决算数{self.amount(prior)}"
        delta = current - prior
        if prior.fen == 0:
            if delta.fen == 0:
                return "上年决算数亦为0"
            word, size = ("增加", delta) if delta.fen > 0 else ("减少", -delta)
            return f"上年决算数为0，比上年{word}{self.amount(size)}"
        return "与上年持平" if delta.fen == 0 else "比上年" + self._change(delta, prior)

    def versus_budget(self, actual: Money | None, budget: Money | None, state_budget: bool = False) -> str:
        """"比年初预算增加…，增长x%"; on a zero 年初预算 "年初预算为0，比年初预算增加…" without %."""
        if budget is None:
            return f"年初预算数{UNFILLED}"
        if budget.fen == 0:
            if actual is None or actual.fen == 0:
                return "年初预算为0"
            word, size = ("增加", actual) if actual.fen > 0 else ("减少", -actual)
            return f"年初预算为0，比年初预算{word}{self.amount(size)}"
        stated = f"年初预算{self.amount(budget)}" if state_budget else ""
        if actual is None:
            return stated
        delta = actual - budget
        compared = "与年初预算持平" if delta.fen == 0 else "比年初预算" + self._change(delta, budget)
        return clauses(stated, compared)

    def points_change(self, current_rate: Decimal, prior_rate: Decimal) -> str:
        """A change of a rate in 个百分点 (P-04), never in %."""
        points = (current_rate - prior_rate) * 100
        if points == 0:
            return "与上年持平"
        if round_half_up(abs(points), self.fmt.percent_decimals) == 0:
            return "与上年基本持平"
        word = "上升" if points > 0 else "下降"
        return f"较上年{word}{format_number(abs(points), self.fmt.percent_decimals, thousands=False)}个百分点"

    def reason(self, text: str | None, needed: bool, slot: MissingSlot) -> str:
        """"主要原因：…。"; "主要原因：（未填写）。" (and the slot recorded) when needed but empty."""
        typed = inline(text)
        if typed:
            return f"主要原因：{typed}。"
        if needed:
            self.missing.append(slot)
            return f"主要原因：{UNFILLED}。"
        return ""
