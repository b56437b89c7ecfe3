"""The figures of the texts a clerk types, checked against the tables while they are typed (审核
K-22, K-23).

核对说明 places every figure of a whole 说明 against the whole generated one. Live, after each edit,
that costs too much and says too much, so a typed text is checked only against the part of the 说明
it belongs to (`scopes`: a 功能分类 reason against 一般公共预算 figures; a project's 概况 against
that project's funds and score), the part is built only when a text of it holds a figure at all,
and only a figure that clearly names what it is about (or carries the tables' digits in the wrong
unit) is reported wrong: a typed text may well speak of figures the tables do not hold. While a
total of those tables adds up blank parts, nothing is judged: the 说明 would state the sum of the
filled ones, and a blank is not yet filled (the rules that name blanks say so).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from desktop.domain.document import Document, SectionData
from desktop.domain.profiles import load_profile
from desktop.review.checker import (LABEL_THRESHOLD, QUALIFIERS, UNIT_SLIP, UNIT_SLIP_DIGITS, WRONG, Placer, agrees, kind_key, shown,
                                    subject_similarity, written)
from desktop.review.claims import BUDGET, CHANGE, GROWTH, PRIOR, SHARE, VALUE, Claim, claims_of
from desktop.review.outline import sentences
from desktop.review.reference import TYPED_MIN, Quote, Reference, body, reference_of
from desktop.review.scopes import Scope

# a project's texts K-23 reads (the 自评报告's, and the 绩效目标完成情况 of its 自评表)
PROJECT_TEXTS = ("overview", "fund_management", "goal_analysis", "goal_actual", "problems", "other_notes")
LIVE_SIMILARITY = 0.8  # how closely the text must name the table's figure before it is called wrong
SUBJECT_MIN = 3        # "涉及", "以上": too few characters to say which figure is meant
_ROLE_WORDS = {CHANGE: "的增减额", GROWTH: "的增减幅度", SHARE: "的占比", BUDGET: "的年初预算", PRIOR: "的上年数"}


@dataclass(frozen=True)
class Mismatch:
    subject: str      # what the figure is about, as the text (or, when it names nothing, the 说明) names it
    role: str         # "的增减额", "的占比"…; "" for the figure itself
    written: str      # the figure as written ("减少25,702.00元")
    expected: str     # the figure the tables give, as the text would write it
    unit_slip: bool   # the tables' digits in the wrong unit ("33463.78元" for 33,463.78万元)

    def message(self) -> str:
        """The slip as the 审核 dock shows it, after the cell's name."""
        if self.unit_slip:
            return f"金额单位有误：“{self.subject or '该项'}”写为{self.written}，表中为{self.expected}"
        return f"“{self.subject}”{self.role}写为{self.written}，按表格应为{self.expected}"


@lru_cache(maxsize=4096)
def has_figures(text: str) -> bool:
    """Whether `text` states any figure a table could hold: a year is none, nor is a bare
    percentage ("金额超50%的重点项目", "100%完成"), which is a criterion, not a computed figure."""
    return any(_checkable(claim) for sentence in sentences(text.splitlines()) for claim in claims_of(sentence))


def _checkable(claim: Claim) -> bool:
    return not (claim.figure.kind == "percent" and claim.role == VALUE)


class TypedChecker:
    """A reference made ready for checking any number of typed texts against it.

    A typed text is read where the 说明 quotes it. A figure naming nothing else ("比年初预算增加
    12.5万元" in a 功能分类 row's reason) is about the figures of the quoting paragraph (that row's
    决算 and 增减). Any other figure is compared with the figures under the same heading only, and
    must name what it is about closely (LIVE_SIMILARITY) to be called wrong: a typed text may well
    speak of figures the tables do not hold, and a figure left out of the 说明 because its cell is
    blank must not make another one look like it."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self._paragraphs: dict[int, list[Claim]] = {}
        for claim in reference.claims:
            self._paragraphs.setdefault(claim.sentence.paragraph, []).append(claim)
        self._placers: dict[tuple[str, ...], Placer] = {}
        self._quoting: dict[str, set[int]] = {}     # quoted words → the paragraphs quoting them
        self._first: dict[int, Quote] = {}          # paragraph → its first quote
        for quote in reference.quoted:
            self._quoting.setdefault(quote.words, set()).add(quote.paragraph)
            self._first.setdefault(quote.paragraph, quote)

    def mismatches(self, text: str) -> list[Mismatch]:
        """The figures of `text` that clearly differ from the tables, in the order of the text."""
        quotes = self._quotes(text)
        local = [claim for quote in quotes for claim in self._paragraphs.get(quote.paragraph, [])]
        placer = self._placer(quotes[0].headings if quotes else ())
        found: list[Mismatch] = []
        for sentence in sentences(text.splitlines()):
            for claim in filter(_checkable, claims_of(sentence)):
                verdict = _against_paragraph(claim, local)
                if verdict is _NOT_ABOUT_IT:
                    verdict = _against_heading(claim, placer)
                if isinstance(verdict, Mismatch):
                    found.append(verdict)
        return list(dict.fromkeys(found))

    def _quotes(self, text: str) -> list[Quote]:
        """One quote per generated paragraph holding the whole of `text` (every sentence of it): a
        generated sentence that merely reads like one of its sentences quotes nothing."""
        wanted = {words for sentence in sentences(text.splitlines()) if len(words := body(sentence)) >= TYPED_MIN}
        if not wanted:
            return []
        paragraphs = set.intersection(*(self._quoting.get(words, set()) for words in wanted))
        return [self._first[number] for number in sorted(paragraphs)]

    def _placer(self, home: tuple[str, ...]) -> Placer:
        """A placer over the claims under `home` (the headings a text is quoted under; () for all)."""
        if home not in self._placers:
            claims = tuple(c for c in self.reference.claims if c.sentence.headings[:len(home)] == home)
            self._placers[home] = Placer(replace(self.reference, claims=claims))
        return self._placers[home]


def _against_heading(claim: Claim, placer: Placer) -> Mismatch | None:
    """The verdict on `claim` from the figures under the heading its text is quoted under."""
    if len(claim.subject) < SUBJECT_MIN and not _may_be_unit_slip(claim):
        return None  # named too vaguely to be judged: not worth placing
    result = placer.place(claim, by_value=False)
    if result.status != WRONG or result.right is None:
        return None
    if result.reason == UNIT_SLIP:
        return Mismatch(claim.subject, "", written(claim), result.expected, True)
    if (len(claim.subject) < SUBJECT_MIN or _narrower(claim.subject, result.right.subject) or _a_part(claim, result.right)
            or subject_similarity(claim.subject, result.right.subject) < LIVE_SIMILARITY):
        return None
    return Mismatch(claim.subject, _ROLE_WORDS.get(claim.role, ""), written(claim), result.expected, False)


_NEUTRAL = ("项目", "部门", "本年", "当年", "年度", "全年", "总", "共", "共计")  # words that narrow nothing down


def _may_be_unit_slip(claim: Claim) -> bool:
    figure = claim.figure
    return figure.kind == "amount" and figure.unit == "元" and sum(ch.isdigit() for ch in figure.text) >= UNIT_SLIP_DIGITS


def _narrower(text_subject: str, table_subject: str) -> bool:
    """"区级预算数" is a part of the 预算数: the text names something within the table's figure
    ("项目预算执行率" of a project is its 预算执行率, no part of it)."""
    if table_subject == text_subject or table_subject not in text_subject:
        return False
    return text_subject.replace(table_subject, "", 1) not in _NEUTRAL


def _a_part(claim: Claim, whole: Claim) -> bool:
    """"…其中子项一预算数50万元": an amount or a count after 其中 is a part, never the 说明's whole
    figure (a rate closing the sentence, "预算执行率为99.70%", is no part)."""
    return claim.figure.kind in ("amount", "count") and _after_part_marker(claim) and not _after_part_marker(whole)


def _after_part_marker(claim: Claim) -> bool:
    return "其中" in claim.sentence.text[:claim.figure.start]


_NOT_ABOUT_IT = object()
_ROW_WORDS = ("", "主要原因", "原因")  # a change naming nothing but these is the change of the row the text explains


def _against_paragraph(claim: Claim, local: list[Claim]) -> Mismatch | None | object:
    """The verdict on `claim` from the figures of the paragraph quoting its text: a Mismatch, None
    when it agrees (or cannot be told), _NOT_ABOUT_IT when none of them is what it speaks of.

    A reason explains its row's change: an increase or a growth naming nothing else is that row's.
    Any other figure must name one of the paragraph's figures."""
    about_row = claim.role in (CHANGE, GROWTH) and (claim.subject in _ROW_WORDS or len(claim.subject) < SUBJECT_MIN
                                                     and not any(word in claim.subject for word in QUALIFIERS))
    same = [c for c in local if kind_key(c) == kind_key(claim) and (not claim.base or not c.base or c.base == claim.base)
            and not _a_part(claim, c)
            and (about_row or (len(claim.subject) >= SUBJECT_MIN and not _narrower(claim.subject, c.subject)
                               and subject_similarity(claim.subject, c.subject) >= LABEL_THRESHOLD))]
    if not same:
        return _NOT_ABOUT_IT
    if any(agrees(claim, c) for c in same):
        return None
    expected = {shown(c, claim.figure) for c in same}
    if len(expected) != 1:
        return None
    subject = claim.subject if not about_row else same[0].subject
    return Mismatch(subject, _ROLE_WORDS.get(claim.role, ""), written(claim), expected.pop(), False)


def has_blanks(document: Document, year: int, sections: tuple[str, ...]) -> bool:
    """Whether a total of `sections` adds up parts some of which are blank: the 说明 states the sum
    of the filled ones, which is no figure to hold a typed text against (seed 2's 全年预算数 while
    its 其他 row is blank). A column left blank throughout is not such a part."""
    data = document.year(year)
    for key in sections:
        section = data.sections.get(key) or document.sections.get(key)
        if section is not None and any(_partly_blank(section, parts) for parts in section.section.sums.values()):
            return True
    return False


def _partly_blank(section: SectionData, parts: tuple[tuple[str, str], ...]) -> bool:
    values = [section.value(row, column) for row, column in parts]
    return None in values and any(value is not None for value in values)


def project_has_blanks(section: SectionData, project: str) -> bool:
    """Whether one of the project's fund rows (项目资金) has some amounts filled and some blank."""
    spec = section.section
    amounts = [c.key for c in spec.columns if c.type == "money"]
    owner = spec.fixed_rows.per if spec.fixed_rows else "project"
    for values in section.rows.values():
        if values.get(owner) == project:
            filled = sum(values.get(key) is not None for key in amounts)
            if 0 < filled < len(amounts):
                return True
    return False


def _typed_of(document: Document, year: int, sections: tuple[str, ...]) -> list[str]:
    """Everything typed as text in `sections`: the quotes the 说明 builds from them are no reference."""
    data = document.year(year)
    texts = []
    for key in sections:
        section = data.sections.get(key) or document.sections.get(key)
        if section is not None:
            texts += [v for row in section.rows.values() for v in row.values() if isinstance(v, str) and v.strip()]
    return texts


def scope_reference(document: Document, year: int, scope: Scope) -> Reference:
    """The figures of the scope's parts of the 说明, built from the tables as they are now."""
    from desktop.narrative.context import DepartmentContext
    from desktop.narrative.generator import BUILDERS, section_lines
    from desktop.narrative.phrases import Phrases
    data = document.year(year)
    fmt = load_profile(data.profile).format
    ctx = DepartmentContext(document, data, Phrases(fmt))
    lines = [line for name in scope.reference if (built := BUILDERS[name](ctx)) is not None
             for line in section_lines(built)]
    return reference_of(lines, _typed_of(document, year, scope.reads), year, document.department_name, fmt)


def project_reference(document: Document, year: int, project: str, score: dict) -> Reference:
    """A project's funds, execution rate and score as its 自评报告 states them (`score`: its JSON)."""
    from desktop.narrative.context import Context
    from desktop.narrative.generator import section_lines
    from desktop.narrative.performance import project_figures
    from desktop.narrative.phrases import Phrases
    data = document.year(year)
    fmt = load_profile(data.profile).format
    lines = section_lines(project_figures(Context(document, data, Phrases(fmt)), project, score))
    return reference_of(lines, [], year, document.department_name, fmt)
