"""核对说明: every figure of a text placed against the document, and every slip reported.

A figure is placed by its heading, its role and its subject against the generated 说明 (see
`reference`): it then agrees (匹配), differs (有误, with the right value) or cannot be placed
(未核对, with the reason) — never silently passed. Besides the figures, the text is read for what
inspectors find in published 说明: a 收、支总计 that adds income to expenditure, a growth on a zero
base, a per-vehicle cost equal to the total, the profile's number formats, placeholders and
template phrases left in, the wrong year, and 三公 items never mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from desktop.domain.formatting import format_number
from desktop.review.claims import BUDGET, CHANGE, GROWTH, PRIOR, SHARE, VALUE, Claim, claims_of
from desktop.review.figures import AMOUNT_UNITS, Figure, find_figures
from desktop.review.outline import Sentence, heading_title, sentences
from desktop.review.reference import Reference
from desktop.review.rules import text_rule

MATCHED, WRONG, UNPLACED = "matched", "wrong", "unplaced"
ZERO_BASE, ADDED_TOTALS, PER_UNIT_TOTAL, UNIT_SLIP = "基数为0", "收入与支出相加", "等于总额", "单位有误"
_SPECIAL_REASONS = (ZERO_BASE, ADDED_TOTALS, PER_UNIT_TOTAL, UNIT_SLIP)  # reported by their own rule (K-02…K-04, K-14)
UNIT_SLIP_DIGITS = 5  # "33364.97元" read as 万元 equal to a figure of the tables: too many digits for chance
STATUS_NAMES = {MATCHED: "一致", WRONG: "有误", UNPLACED: "未核对"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
LABEL_THRESHOLD = 0.6
GLOBAL_THRESHOLD = 0.8  # a subject this close under another heading beats a vaguer one under the text's
HEADING_THRESHOLD = 0.6
TYPED_SIMILARITY = 0.8  # a sentence this close to one the clerk typed is that sentence, edited
PLACEHOLDERS = re.compile(r"[XxＸｘ]{2,}|[×＊*]{2,}|某某|_{2,}|＿{2,}|【[^】]*】|[（(]\s*[?？]\s*[)）]")
TEMPLATE_PHRASES = re.compile(r"增加[（(/／]减少[)）]?|增长[（(/／]下降[)）]?|减少[（(/／]增加[)）]?|上升[（(/／]下降[)）]?"
                              r"|[（(]增加[/／、]减少[)）]|[（(]增长[/／、]下降[)）]")


@dataclass(frozen=True)
class FigureResult:
    claim: Claim
    status: str
    expected: str = ""        # the right figure as the text should show it (有误)
    reason: str = ""          # why a figure is 未核对, or what it was matched by
    right: Claim | None = None  # the generated figure it was found to differ from (有误, from the tables)

    @property
    def sentence(self) -> Sentence:
        return self.claim.sentence


@dataclass(frozen=True)
class TextFinding:
    rule: str
    severity: str             # "error" or "warning"
    sentence: Sentence | None
    message: str
    figure: FigureResult | None = None  # the wrong figure the finding is about (K-01, K-02, K-14)


@dataclass
class TextReport:
    source: str
    figures: list[FigureResult] = field(default_factory=list)
    findings: list[TextFinding] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.figures if f.status == status)

    @property
    def found(self) -> int:
        return len(self.figures)

    @property
    def checked(self) -> int:
        return self.count(MATCHED) + self.count(WRONG)

    def summary(self) -> str:
        return (f"共找到{self.found}个数字：核对{self.checked}个（一致{self.count(MATCHED)}个，有误{self.count(WRONG)}个），"
                f"未核对{self.count(UNPLACED)}个；其他问题{len(self.findings) - self.count(WRONG)}处。")


# -- placing a figure ------------------------------------------------------------------------------
def _normal_heading(text: str) -> str:
    title = re.sub(r"[（(][^）)]*[）)]", "", heading_title(text))
    return re.sub(r"[“”\"\s]|说明$|情况说明$|情况$", "", title)


# words that tell figures apart however alike the rest of the label is
EXCLUSIVE_WORDS = (("一般公共预算", "政府性基金", "国有资本经营"), ("基本支出", "项目支出"), ("收入", "支出"),
                   ("购置", "运行维护"), ("货物", "工程", "服务"), ("小微企业", "中小企业"))


# words that make a different figure of the same thing when only one label has them
QUALIFIERS = ("调增", "调减", "调整", "年初", "上年", "同比", "车均", "人均", "累计", "结转", "结余")


@lru_cache(maxsize=65536)  # the same subjects meet again on every re-check (审核 K-22 after each edit)
def subject_similarity(a: str, b: str) -> float:
    """How alike two subjects are, 0 to 1: words that tell figures apart (基本/项目支出…) make 0,
    a qualifier only one has (上年, 调增…) lowers it, one contained in the other scores by length."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    factor = 1.0
    for group in EXCLUSIVE_WORDS:
        in_a, in_b = {w for w in group if w in a}, {w for w in group if w in b}
        if in_a and in_b and in_a != in_b:
            return 0.0
        if bool(in_a) != bool(in_b):  # "支出预算数" is not yet "基本支出预算数"
            factor *= 0.85
    factor *= 0.6 ** sum(1 for word in QUALIFIERS if (word in a) != (word in b))
    if a in b or b in a:  # "财政拨款收入" in "一般公共预算财政拨款收入"; a short word in a long title counts less
        return factor * (0.6 + 0.4 * min(len(a), len(b)) / max(len(a), len(b)))
    return factor * SequenceMatcher(None, a, b).ratio()


def _quantum(figure: Figure) -> Decimal:
    """The smallest step the figure shows, in 元 for an amount."""
    step = Decimal(1).scaleb(-figure.decimals)
    return step * AMOUNT_UNITS[figure.unit] if figure.kind == "amount" else step


def _signed(figure: Figure, negative: bool) -> Decimal:
    value = figure.yuan if figure.kind == "amount" else figure.value
    return -value if negative else value


def agrees(text: Claim, right: Claim) -> bool:
    """The same number at the coarser of the two precisions (HALF_UP): "298.45%" agrees with
    "298.5%", "876600元" with "876,600.00元", "3.35亿元" with "334,567,890.12元"."""
    written, computed = _signed(text.figure, text.negative), _signed(right.figure, right.negative)
    if text.role in (CHANGE, GROWTH) and right.negative != text.negative and written != 0:
        return False
    # each shown figure stands for the values that round to it (half a step either side, the upper
    # end open): they agree when those ranges overlap; 876,600.01 and 876,600.00 only touch
    return abs(written - computed) < (_quantum(text.figure) + _quantum(right.figure)) / 2


def kind_key(claim: Claim) -> tuple[str, str, str]:
    """What a figure can be compared with: the same role and kind; a count, only with the same 量词
    (21个 is never 0台（套））."""
    figure = claim.figure
    return claim.role, figure.kind, figure.unit if figure.kind == "count" else ""


class Placer:
    def __init__(self, reference: Reference):
        self.reference = reference
        self._section_cache: dict[tuple[str, ...], str | None] = {}
        self._typed_cache: dict[Sentence, Sentence | None] = {}
        self._kinds: dict[tuple[str, str, str], list[Claim]] = {}  # (role, kind, 量词) → the generated claims
        for claim in reference.claims:
            self._kinds.setdefault(kind_key(claim), []).append(claim)

    def section_of(self, headings: tuple[str, ...]) -> str | None:
        """The generated heading the text's deepest recognisable heading corresponds to."""
        if headings not in self._section_cache:
            found = None
            for heading in reversed(headings):
                wanted = _normal_heading(heading)
                scored = [(subject_similarity(wanted, _normal_heading(h)), h) for h in self.reference.headings]
                best = max(scored, default=(0.0, ""))
                if best[0] >= HEADING_THRESHOLD:
                    found = best[1]
                    break
            self._section_cache[headings] = found
        return self._section_cache[headings]

    def candidates(self, claim: Claim) -> tuple[list[Claim], list[Claim]]:
        """The generated claims of the same role and kind: under the matching heading, and anywhere."""
        section = self.section_of(claim.sentence.headings)
        pool = self._kinds.get(kind_key(claim), [])
        if claim.base and claim.role in (CHANGE, GROWTH):
            pool = [c for c in pool if not c.base or c.base == claim.base]
        if claim.base and claim.role == SHARE:  # a share of 部门项目总金额 is none of 本年支出合计
            pool = [c for c in pool if not c.base or subject_similarity(claim.base, c.base) >= LABEL_THRESHOLD]
        if section is not None:
            return [c for c in pool if section in (heading_title(h) for h in c.sentence.headings)], pool
        return pool, pool

    def typed_counterpart(self, claim: Claim) -> Claim | None:
        """The same figure in the sentence the clerk typed into the document that this sentence is a
        version of (edited in Word, say): the figure at the same position with the same unit."""
        sentence = claim.sentence
        if sentence not in self._typed_cache:
            found = None
            best = TYPED_SIMILARITY
            for typed in self.reference.typed:
                matcher = SequenceMatcher(None, sentence.text, typed.text, autojunk=False)
                if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best and matcher.ratio() >= best:
                    found, best = typed, matcher.ratio()
            self._typed_cache[sentence] = found
        typed = self._typed_cache[sentence]
        if typed is None:
            return None
        mine, theirs = claims_of(sentence), claims_of(typed)
        if len(mine) != len(theirs):
            return None
        index = next(i for i, c in enumerate(mine) if c.figure.start == claim.figure.start)
        other = theirs[index]
        return other if (other.figure.kind, other.figure.unit, other.role) == (
            claim.figure.kind, claim.figure.unit, claim.role) else None

    def unit_slip(self, claim: Claim, pool: list[Claim]) -> Claim | None:
        """"33463.78元" where the tables have 33,463.78万元 (seed 2): the same digits, the wrong unit."""
        figure = claim.figure
        digits = sum(ch.isdigit() for ch in figure.text)
        if figure.kind != "amount" or figure.unit != "元" or digits < UNIT_SLIP_DIGITS:
            return None
        as_wan = Claim(claim.sentence, replace(figure, unit="万元"), claim.role, claim.subject, claim.base, claim.negative)
        same = [c for c in pool if c.figure.unit == "万元" and agrees(as_wan, c)]
        return same[0] if same else None

    def place(self, claim: Claim, by_value: bool = True) -> FigureResult:
        """The claim's result. `by_value`: a figure no subject places may still match a generated
        figure of the same value (a 核对说明 counts it 一致); a caller after wrong figures only
        skips that search."""
        pool, everywhere = self.candidates(claim)
        scored = sorted(((subject_similarity(claim.subject, c.subject), c) for c in pool), key=lambda p: -p[0])
        anywhere = scored if everywhere is pool else sorted(
            ((subject_similarity(claim.subject, c.subject), c) for c in everywhere), key=lambda p: -p[0])
        # the same words under another heading of the template, when the text's own part has such figures
        # (a part with none, like a project's own report, has nothing computed to compare with)
        if scored and anywhere[0][0] >= GLOBAL_THRESHOLD and anywhere[0][0] > scored[0][0] + 0.1:
            pool, scored = everywhere, anywhere
        best = [c for score, c in scored if score >= LABEL_THRESHOLD and score >= scored[0][0] - 0.05]
        if best:
            if any(agrees(claim, c) for c in best):
                return FigureResult(claim, MATCHED, reason="按项目名称对应")
            slip = self.unit_slip(claim, best)
            if slip is not None:
                return FigureResult(claim, WRONG, expected=shown(slip, replace(claim.figure, unit="万元")),
                                    reason=UNIT_SLIP, right=slip)
            expected = {shown(c, claim.figure) for c in best}
            if len(expected) == 1:
                return FigureResult(claim, WRONG, expected=expected.pop(),
                                    reason=f"对应“{best[0].subject or best[0].sentence.text[:20]}”", right=best[0])
            return FigureResult(claim, UNPLACED, reason=f"“{claim.subject}”可对应多个数字（{'、'.join(sorted(expected))}）")
        if by_value and claim.figure.value != 0 and claim.role == VALUE:
            same_value = [c for c in pool if agrees(claim, c)]
            if same_value:
                return FigureResult(claim, MATCHED, reason="按数值对应")
        slip = self.unit_slip(claim, everywhere)
        if slip is not None:
            return FigureResult(claim, WRONG, expected=shown(slip, replace(claim.figure, unit="万元")), reason=UNIT_SLIP,
                                right=slip)
        typed = self.typed_counterpart(claim)
        if typed is not None:
            if agrees(claim, typed):
                return FigureResult(claim, MATCHED, reason="与文档中填写的文字一致")
            return FigureResult(claim, WRONG, expected=shown(typed, claim.figure), reason="文档中填写的文字")
        if not pool:
            return FigureResult(claim, UNPLACED, reason="表格中没有可对应的数字")
        return FigureResult(claim, UNPLACED, reason=f"未找到“{claim.subject or '（无名称）'}”对应的表格数字")


def shown(right: Claim, like: Figure) -> str:
    """The right figure as the text would write it: in the text's unit, at the reference's precision."""
    figure = right.figure
    if figure.kind == "amount" and like.unit != figure.unit:
        value = figure.yuan / AMOUNT_UNITS[like.unit]
        return _with_direction(right, f"{format_number(value, 2)}{like.unit}")
    return _with_direction(right, figure.text)


def _with_direction(claim: Claim, shown: str) -> str:
    """"减少25,702.00元" rather than a signed number, as a 说明 writes a change."""
    if claim.role == CHANGE:
        return ("减少" if claim.negative else "增加") + shown
    if claim.role == GROWTH:
        return ("下降" if claim.negative else "增长") + shown
    return shown


# -- the checks ----------------------------------------------------------------------------------
def _finding(rule: str, sentence: Sentence | None, message: str, figure: FigureResult | None = None) -> TextFinding:
    return TextFinding(rule, text_rule(rule).severity, sentence, message, figure)


def check_text(paragraphs: list[str], reference: Reference, source: str = "") -> TextReport:
    report = TextReport(source)
    placer = Placer(reference)
    text_sentences = sentences(paragraphs)
    for sentence in text_sentences:
        claims = claims_of(sentence)
        results = [placer.place(claim) for claim in claims]
        results = _zero_base_growth(results, report)
        results = _doubled_totals(results, reference, report)
        results = _per_unit_totals(results, reference, report)
        report.figures += results
        _formats(sentence, results, reference, report)
        _years(sentence, results, reference, report)
        _placeholders(sentence, report)
    _unit_mix(text_sentences, report)
    _disclosures(paragraphs, report)
    for result in report.figures:
        if result.status == WRONG and result.reason == UNIT_SLIP:
            report.findings.append(_finding("K-14", result.sentence,
                f"金额单位有误：“{result.claim.subject or '该项'}”写为{result.claim.figure.text}，表中为{result.expected}。",
                result))
        if result.status == WRONG and result.reason not in _SPECIAL_REASONS:
            role = {VALUE: "", CHANGE: "的增减额", GROWTH: "的增减幅度", SHARE: "的占比", BUDGET: "的年初预算",
                    PRIOR: "的上年数"}.get(result.claim.role, "")
            subject = result.claim.subject or "该项"
            report.findings.append(_finding("K-01", result.sentence,
                f"“{subject}”{role}写为{written(result.claim)}，按表格应为{result.expected}。", result))
    # 强制性 before 提示性, each in the order of the text (a missing disclosure, about no sentence, first)
    position = {sentence: index for index, sentence in enumerate(text_sentences)}
    report.findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], position.get(f.sentence, -1)))
    return report


def written(claim: Claim) -> str:
    """The figure as the text wrote it, with its direction ("减少25,702.00元")."""
    return _with_direction(claim, claim.figure.text)


def _replace(results: list[FigureResult], old: FigureResult, new: FigureResult) -> list[FigureResult]:
    return [new if r is old else r for r in results]


def zero_base_growths(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """(subject, growth) pairs where a growth rate is written on a zero base: the 年初预算 or 上年 is
    stated as 0, or the whole amount is the increase ("决算103,843元，比年初预算增加103,843元，增长100%")."""
    pairs = []
    value = change = base = None
    for claim in claims:
        if claim.role == VALUE:
            value, change, base = claim, None, None
        elif claim.role in (BUDGET, PRIOR):
            base = claim
        elif claim.role == CHANGE:
            change = claim
        elif claim.role == GROWTH and value is not None:
            if (base is not None and base.figure.value == 0) or (
                    change is not None and value.figure.value != 0 and agrees(change, value) and not change.negative):
                pairs.append((value, claim))
    return pairs


def _zero_base_growth(results: list[FigureResult], report: TextReport) -> list[FigureResult]:
    """"增加103,843元，增长100%" where the 年初预算/上年 was 0: no growth rate exists."""
    by_claim = {id(r.claim): r for r in results}
    for value, growth in zero_base_growths([r.claim for r in results]):
        report.findings.append(_finding("K-03", growth.sentence,
            f"“{value.subject or '该项'}”的比较基数为0（{value.figure.text}全部为增加额），不能写“增长{growth.figure.text}”；"
            "应写明“年初预算为0”（或“上年为0”）而不写增长率。"))
        results = _replace(results, by_claim[id(growth)], FigureResult(growth, WRONG, expected="（基数为0，不计算增长率）",
                                                                       reason=ZERO_BASE))
    return results


def _doubled_totals(results: list[FigureResult], reference: Reference, report: TextReport) -> list[FigureResult]:
    """收、支总计 written as 收入总计 + 支出总计 (domain.md T1-05): twice the single 总计."""
    for result in list(results):
        claim = result.claim
        if claim.role != VALUE or claim.figure.kind != "amount" or not re.search(r"收[、，,]?支总计", claim.subject):
            continue
        rights = [c for c in reference.claims if c.role == VALUE and re.search(r"收[、，,]?支总计", c.subject)
                  and c.subject.startswith("财政拨款") == claim.subject.startswith("财政拨款")]
        for right in rights:
            doubled = Figure("amount", right.figure.yuan * 2, "元", "", 0, 0, 2, True, False)
            if agrees(claim, Claim(right.sentence, doubled, VALUE, right.subject)):
                wrong = FigureResult(claim, WRONG, expected=right.figure.text, right=right, reason=ADDED_TOTALS)
                report.findings.append(_finding("K-02", claim.sentence,
                    f"“{claim.subject}”写为{claim.figure.text}，是收入总计与支出总计相加之和；收、支总计是表中同一个总计，"
                    f"应为{right.figure.text}。", wrong))
                results = _replace(results, result, wrong)
                break
    return results


def _per_unit_totals(results: list[FigureResult], reference: Reference, report: TextReport) -> list[FigureResult]:
    """车均运行维护费 equal to the whole 运行维护费 while more than one vehicle is kept."""
    for result in list(results):
        claim = result.claim
        if "车均" not in claim.subject or claim.figure.kind != "amount":
            continue
        totals = [c for c in reference.claims if c.role == VALUE and c.figure.kind == "amount"
                  and c.subject.endswith("运行维护费") and "车均" not in c.subject and "中" not in c.subject]
        vehicles = [f for f in find_figures(claim.sentence.text) if f.kind == "count" and f.unit == "辆"]
        for total in totals:
            if agrees(claim, total) and (not vehicles or vehicles[0].value > 1):
                count = f"{vehicles[0].text}" if vehicles else "多辆车"
                report.findings.append(_finding("K-04", claim.sentence,
                    f"车均运行维护费写为{claim.figure.text}，等于运行维护费总额{total.figure.text}；保有{count}时应为总额除以车辆数"
                    + (f"，即{result.expected}。" if result.expected else "。")))
                if result.status != WRONG:
                    results = _replace(results, result, FigureResult(claim, WRONG, expected=result.expected or "总额÷车辆数",
                                                                     reason=PER_UNIT_TOTAL))
                break
    return results


def _formats(sentence: Sentence, results: list[FigureResult], reference: Reference, report: TextReport) -> None:
    """The profile's number formats, for the figures that stand for table figures (placed ones)."""
    fmt = reference.format
    # a bare "0" ("年初预算为0") is the template's own wording, not an amount to format
    placed = [r.claim.figure for r in results if r.status != UNPLACED and r.claim.figure.text.endswith(r.claim.figure.unit)]
    ungrouped = [f.text for f in placed if f.kind == "amount" and fmt.thousands and f.integer_digits >= 4 and not f.grouped]
    if ungrouped:
        report.findings.append(_finding("K-05", sentence,
                                           f"金额未加千分号：{'、'.join(ungrouped)}（如 1,234,567.89元）。"))
    decimals = [f.text for f in placed if f.kind == "amount" and f.decimals != fmt.decimals]
    if decimals:
        report.findings.append(_finding("K-06", sentence,
                                           f"金额应保留{fmt.decimals}位小数：{'、'.join(decimals)}。"))
    # a growth, share or rate is computed; a bare percentage ("金额50%的重点项目", "满意度≥95%") is a threshold
    placed_claims = [r.claim for r in results if r.status != UNPLACED]
    percents = [c.figure.text for c in placed_claims
                if c.figure.kind == "percent" and c.role != VALUE and c.figure.decimals != fmt.percent_decimals]
    if percents:
        report.findings.append(_finding("K-07", sentence,
                                           f"百分数应保留{fmt.percent_decimals}位小数：{'、'.join(percents)}。"))
    spaced = [f"“{f.text}”" for f in find_figures(sentence.text) if f.spaced]
    spaced += [f"“{m.group(0)}”" for m in re.finditer(r"\S[ \u3000\u00a0]+[，。；：、]|[，。；：、][ \u3000\u00a0]+\S",
                                                     sentence.text)]
    if spaced:
        report.findings.append(_finding("K-09", sentence, f"有多余的空格：{'、'.join(spaced)}。"))


_YEAR_BEFORE_FIGURE = re.compile(r"((?:19|20)\d{2})(年度?)(决算|预算|全年|共|实际)?[^，。；：,;:]{0,30}?$")


def _years(sentence: Sentence, results: list[FigureResult], reference: Reference, report: TextReport) -> None:
    """A year that dates a figure must be the document's or the one before; "2022年度决算" before a
    figure that is this year's 决算 is a year left over from last year's text."""
    for result in results:
        claim = result.claim
        if claim.role != VALUE:
            continue
        clause = re.split(r"[，。；;]", sentence.text[:claim.figure.start])[-1]
        match = _YEAR_BEFORE_FIGURE.search(clause)
        if not match or "上年" in clause:
            continue
        year = int(match[1])
        stale = year == reference.year - 1 and match[2] == "年度" and match[3] == "决算" and result.status == MATCHED
        if year not in (reference.year, reference.year - 1) or stale:
            subject = f"的“{claim.subject}”" if claim.subject else ""
            report.findings.append(_finding("K-12", sentence,
                f"年度有误：“{match[1]}{match[2]}”{subject}{claim.figure.text}，本文档为{reference.year}年度。"))


def _placeholders(sentence: Sentence, report: TextReport) -> None:
    for match in PLACEHOLDERS.finditer(sentence.text):
        report.findings.append(_finding("K-10", sentence, f"留有占位符“{match.group(0)}”，请填写实际内容。"))
    for match in TEMPLATE_PHRASES.finditer(sentence.text):
        report.findings.append(_finding("K-11", sentence,
                                           f"模板用语“{match.group(0)}”未改写：请按实际写“增加”或“减少”（“增长”或“下降”）。"))


def _unit_mix(text_sentences: list[Sentence], report: TextReport) -> None:
    units: dict[int, dict[str, Sentence]] = {}
    for sentence in text_sentences:
        for figure in (claim.figure for claim in claims_of(sentence)):
            if figure.kind == "amount":
                units.setdefault(sentence.paragraph, {}).setdefault(figure.unit, sentence)
    for paragraph, used in units.items():
        if len(used) > 1:
            first = next(iter(used.values()))
            report.findings.append(_finding("K-08", first,
                                               f"同一段中金额单位不一致：{'、'.join(used)}。"))


def _disclosures(paragraphs: list[str], report: TextReport) -> None:
    """A 决算公开说明 must state each 三公 item and the other required parts, even when 0 or absent."""
    from desktop.review.rules import disclosures
    text = "\n".join(paragraphs)
    opening = "\n".join(p for p in paragraphs[:5])
    if not re.search(r"决算公开|决算说明", opening) and "部门决算说明" not in text:
        return
    for item in disclosures():
        if not any(word in text for word in item.words):
            what = f"{item.of}中的{item.name}" if item.of else f"“{item.name}”"
            report.findings.append(_finding("K-13", None, f"说明中没有提到{what}（为0或无此项也须写明）。"))
