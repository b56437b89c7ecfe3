"""What each figure says: its subject ("本年收入合计"), its role (the value, a change, a growth, a
share, the 年初预算, the 上年数) and the sentence it stands in.

The same reading serves both sides: the 说明 FiscalDesk generates from the tables (whose figures are
right by construction) and the text being checked. A figure of the text is then placed by finding
the generated claim with the same role and a matching subject under a matching heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.review.figures import Figure, find_figures
from desktop.review.outline import Sentence

VALUE, CHANGE, GROWTH, SHARE, BUDGET, PRIOR, RATE = "value", "change", "growth", "share", "budget", "prior", "rate"
ROLE_NAMES = {VALUE: "", CHANGE: "增减额", GROWTH: "增减幅度", SHARE: "占比", BUDGET: "年初预算", PRIOR: "上年数",
              RATE: "比率"}

_BOUNDARY = re.compile(r"[，,。；;：:（(）)]|其中|包括|主要用于以下方面")
_LABEL_NOISE = re.compile(r"(19|20)\d{2}年度?|[“”\"'‘’「」《》【】\s]|[（(](类|款|项|按大类|按功能分类|含[^）)]*)[）)]"
                          r"|^\d{1,2}[.．、]|^[（(]\d{1,2}[）)]|^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]")
_LABEL_EDGES = re.compile(r"^(本部门|本单位|本项目|该项目|我单位|我中心|主要原因是|主要是|主要|原因是|由于|使用|安排|其中|包括|全年|累计"
                          r"|共计|合计为|为|是|、)+"
                          r"|(决算数|决算|支出数|数额|金额|共计|合计为|总额为|达到|为|是|约|共|的)+$")
_THRESHOLD = re.compile(r"[（(]?(含|及)?\d*[^）)]{0,3}[）)]?(以上|以下|以内|及以上|及以下)")
_BOUND = re.compile(r"[（(]含$")
_REMNANT = re.compile(r"^(以上|以下|以内|之间|[-－~～至]?\d)")  # the rest of a clause cut at a threshold or a range
_ASIDE = re.compile(r"[（(][^）)]*[）)]")
_MARKERS = re.compile(r"[（(](类|款|项|按大类)[）)]")
_COMPARED = re.compile(r"(同比|(与|比|较)(年初预算|预算|上年度?|上年决算|上年同期)(数)?(相比)?)")
_CHANGE_WORDS = re.compile(r"(增加|减少|增长|下降|节约|超支)(?:了)?$")
_DOWN_WORDS = ("减少", "下降", "节约")


@dataclass(frozen=True)
class Claim:
    sentence: Sentence
    figure: Figure
    role: str
    subject: str                  # the cleaned label the figure is about ("" when none was found)
    base: str = ""                # what a change, growth or share is measured against: "上年", "年初预算", the denominator
    negative: bool = False        # 减少/下降: the text's number is a decrease

    @property
    def signed_value(self):
        return -self.figure.value if self.negative else self.figure.value


def clean_label(text: str) -> str:
    label = _LABEL_NOISE.sub("", text)
    previous = None
    while previous != label:
        previous, label = label, _LABEL_EDGES.sub("", label)
    return label


def _clause_label(sentence: str, figure: Figure) -> str:
    """The label of the whole clause before the figure, asides left out: "评价得分在80-90分" for the
    0个 of "…，评价得分在80-90分（含80分）的0个", whose own lead ("的") names nothing."""
    clause = re.split(r"[，,。；;：:]", _ASIDE.sub("", sentence[:figure.start]))[-1]
    return clean_label(clause)


def _lead(sentence: str, figure: Figure, previous_end: int) -> str:
    """The words between the figure before (or the clause start) and this figure."""
    return sentence[previous_end:figure.start]


def claims_of(sentence: Sentence) -> list[Claim]:
    """Every figure of the sentence with what it is about, in order (a year, a threshold and a
    band's bounds are none)."""
    return list(_claims(sentence))


@lru_cache(maxsize=16384)  # 审核 K-22 reads the same generated sentences again after every edit
def _claims(sentence: Sentence) -> tuple[Claim, ...]:
    text = sentence.text
    # a threshold ("单价100万元以上", "90分以下") is no figure of the document
    # nor is the bound of a band ("80-90分（含80分）")
    figures = [f for f in find_figures(text) if f.kind != "year" and not _THRESHOLD.match(text, f.end)
               and not _BOUND.search(text, 0, f.start)]
    claims: list[Claim] = []
    # "5.对企业补助支出：年初预算0元…" names its subject before the colon; a sentence naming none is
    # about its heading ("3.公务用车购置及运行维护费" › "2023年度决算数10,298元")
    head = re.match(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])?([^，,。；：:0-9]{2,30})[：:]", text)
    subject = clean_label(head[1]) if head else (clean_label(sentence.headings[-1]) if sentence.headings else "")
    previous_end = 0
    for figure in figures:
        lead = _MARKERS.sub("", _lead(text, figure, previous_end))
        if "包括" in lead and previous_end == 0:  # "工资福利支出：包括基本工资、…等支出8,748,039.39元"
            lead = re.split(r"[:：]?包括", lead)[0]
        clause = _BOUNDARY.split(lead)[-1] if _BOUNDARY.search(lead) else lead
        role, base, negative = VALUE, "", False
        stripped = clause.rstrip("为了是约达 ")
        if figure.kind == "percent" and re.search(r"占.*(的|比)?$|占比$", stripped):
            role, base = SHARE, clean_label(re.sub(r"^.*?占", "", stripped).removesuffix("的").removesuffix("比"))
        elif figure.kind in ("amount", "percent") and _CHANGE_WORDS.search(stripped):
            role = CHANGE if figure.kind == "amount" else GROWTH
            negative = any(stripped.endswith(w) or stripped.endswith(w + "了") for w in _DOWN_WORDS)
            base = "年初预算" if "预算" in lead else "上年" if "上年" in lead or "同比" in lead else ""
        elif figure.kind == "amount" and re.search(r"年初预算(数)?$", stripped):
            role = BUDGET
        elif figure.kind == "amount" and re.search(r"上年(决算)?(数)?$", stripped):
            role = PRIOR
        elif figure.kind == "percent" and re.search(r"率$", stripped):
            role, subject = RATE, clean_label(stripped)
        own = ""
        if role in (CHANGE, GROWTH):  # "会议费比年初预算增加2万元" is the 会议费's change, not the row's
            own = clean_label(_CHANGE_WORDS.sub("", _COMPARED.sub("", stripped)))
        if role == VALUE:
            label = clean_label(clause)
            if not label:  # "其中：" followed directly by the figure: the clause before names it
                label = clean_label(_BOUNDARY.split(lead.rstrip("：: "))[-1])
            if not label or _REMNANT.match(label):  # "评价得分在90分（含90分）以上的21个": the whole clause
                label = _clause_label(text, figure) or label
            if label and len(label) <= 2 and subject:  # "行政编制15名，实际14人": 实际 of 行政编制
                label = f"{subject}{label}"
            subject = label or subject
        claims.append(Claim(sentence, figure, role, own or subject, base, negative))
        previous_end = figure.end
    return tuple(claims)
