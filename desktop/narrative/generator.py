"""Assembles the 说明 of one year from the section builders, numbers the headings, and
reports the 主要原因 slots left empty.

Every section of the template's outline is always there, so any document, however partial,
drafts the whole publication: a builder whose inputs are absent returns None and the section
gets the placeholder of SKELETON ("【未填写：…】"), never invented text and never "无此项" for a
blank. Sections are numbered in order (一、/（一）/1./（1）); `gaps` lists every placeholder left,
which the export gate names (a final document carries none).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from desktop.domain.department_units import UNIT_PUBLISHER, worded
from desktop.domain.document import Document
from desktop.domain.profiles import load_profile
from desktop.narrative import decision_overview as overview
from desktop.narrative import decision_spending as spending
from desktop.narrative import other_matters as other
from desktop.narrative import performance
from desktop.narrative.context import Context
from desktop.narrative.model import Narrative, NarrativePart, NarrativeSection
from desktop.narrative.phrases import MISSING_MARK, UNFILLED, MissingSlot, Phrases, chinese_numeral, missing
from desktop.narrative.sangong import sangong

Builder = Callable[[Context], NarrativeSection | None]
PARTS: tuple[tuple[str, tuple[Builder, ...]], ...] = (
    ("第二部分 {year}年度部门决算说明",
     (overview.basic_info, overview.income_expenditure, overview.fiscal_overview, spending.general_budget,
      spending.government_fund, spending.state_capital, spending.economic)),
    ("第三部分 {year}年度其他重要事项的情况说明",
     (sangong, other.admin_operating_cost, other.procurement, other.purchased_services, other.assets,
      other.fee_items, other.glossary)),
    ("第四部分 {year}年度部门绩效评价情况",
     (performance.department_overall, performance.project_evaluation, performance.project_tables)),
)
# Every builder by name, plus evaluation_summary (project_evaluation without the projects' own
# reports), for callers that need some parts only: 审核 K-22 builds its references from these.
BUILDERS: dict[str, Builder] = {build.__name__: build for _, builders in PARTS for build in builders} | {
    "evaluation_summary": performance.evaluation_summary}
# The heading and placeholder of each section while its inputs are absent (the draft's skeleton).
SKELETON: dict[str, tuple[str, str]] = {
    "sangong": ("“三公”经费财政拨款决算情况", "“三公”经费（“三公经费”页：各项年初预算数、决算数、上年决算数）"),
    "admin_operating_cost": ("机关运行经费支出情况", "机关运行经费（“三公经费”页：本年数、上年数）"),
    "procurement": ("政府采购支出情况", "政府采购支出（“政府采购”页；无此项支出请填 0）"),
    "purchased_services": ("政府购买服务支出说明", "政府购买服务支出（“政府采购”页；无此项支出请填 0）"),
    "assets": ("国有资产占用情况", "国有资产占用情况（“国有资产”页）"),
    "fee_items": ("行政事业性收费重点项目信息", "行政事业性收费重点项目信息（“基本情况”页；无此项收入请写明“本年度无此项收入”）"),
}
_MARKERS: tuple[Callable[[int], str], ...] = (
    lambda n: f"{chinese_numeral(n)}、", lambda n: f"（{chinese_numeral(n)}）", lambda n: f"{n}.", lambda n: f"（{n}）",
)


def generate_narrative(document: Document, year: int | None = None) -> Narrative:
    """The 说明 of `year` (default: the latest year), formatted as the year's profile asks."""
    return _compose(document, year)[0]


def missing_reasons(document: Document, year: int | None = None) -> list[MissingSlot]:
    """Every 主要原因 slot the narrative needed but found empty, as (section key, row id, label);
    the row id of a form field is "" (the form's single row). Only 第二、三部分 have such slots,
    so the 绩效 part (and its scores) is not composed: this runs after many edits (rule N-06)."""
    return _compose(document, year, PARTS[:2])[1]


# The builders that record 主要原因 slots (Phrases.reason), each with the sections its slots
# depend on; general_budget through its slot-only twin. Rule N-06 re-runs one after an edit of
# one of its sections instead of composing the whole 说明.
REASON_PARTS: dict[str, tuple[Builder | Callable[[Context], None], tuple[str, ...]]] = {
    "fiscal_overview": (overview.fiscal_overview, ("fiscal_summary", "narrative")),
    "general_budget": (spending.general_budget_reasons, ("gp_functional",)),
    "economic": (spending.economic, ("gp_basic_economic", "gp_project_economic")),
    "sangong": (sangong, ("sangong", "sangong_details", "sangong_reception", "sangong_vehicles")),
    "admin_operating_cost": (other.admin_operating_cost, ("admin_operating_cost",)),
}


def missing_reasons_of(document: Document, year: int, part: str) -> list[MissingSlot]:
    """The empty 主要原因 slots of one part of REASON_PARTS (missing_reasons is all of them, in order)."""
    data = document.year(year)
    ctx = Context(document, data, Phrases(load_profile(data.profile).format))
    REASON_PARTS[part][0](ctx)
    return list(ctx.say.missing)


def _compose(document: Document, year: int | None, parts_wanted=PARTS) -> tuple[Narrative, list[MissingSlot]]:
    data = document.latest_year() if year is None else document.year(year)
    ctx = Context(document, data, Phrases(load_profile(data.profile).format))
    parts = []
    if document.publisher == UNIT_PUBLISHER:  # the 绩效 part is the department's evaluation
        parts_wanted = tuple(part for part in parts_wanted if part is not PARTS[2])
    for title, builders in parts_wanted:
        built = ((build.__name__, build(ctx)) for build in builders)
        sections = [_worded_headings(document, replace(s if s is not None else _placeholder(key), key=key))
                    for key, s in built]
        numbered = tuple(_numbered(s, n, 0) for n, s in enumerate(sections, 1))
        parts.append(NarrativePart(worded(document, title.format(year=data.year)), numbered))
    title = worded(document, f"{data.year}年度{document.department_name}部门决算公开说明")
    return Narrative(title, tuple(parts)), list(ctx.say.missing)


def _worded_headings(document: Document, section: NarrativeSection) -> NarrativeSection:
    """A section's headings (all generated) in the publisher's words (department_units.worded)."""
    if document.publisher != UNIT_PUBLISHER:
        return section
    return replace(section, heading=worded(document, section.heading),
                   children=tuple(_worded_headings(document, child) for child in section.children))


def _placeholder(key: str) -> NarrativeSection:
    heading, what = SKELETON[key]
    return NarrativeSection(heading, (missing(what),))


def gaps(narrative: Narrative) -> list[str]:
    """Every placeholder still in the 说明 ("（未填写）" figures, "【未填写：…】" pieces), each with
    the heading it is under and the words before it, so the gate can say where."""
    found: list[str] = []

    def visit(section: NarrativeSection, where: str) -> None:
        heading = section.heading
        if heading.endswith("）") and "（" in heading[2:]:  # the format note of 二 is not a place name
            heading = heading[:heading.rindex("（")]
        here = f"{where}{heading}"
        for text in (section.heading, *section.paragraphs):
            for marker in (UNFILLED, MISSING_MARK):
                start = text.find(marker)
                while start >= 0:
                    if marker == MISSING_MARK:
                        end = text.find("】", start)
                        shown = text[start + len(marker):end if end > 0 else None]
                    else:
                        shown = text[max(0, start - 16):start].split("。")[-1].lstrip("，；：") + "未填写"
                    found.append(f"{here}：{shown}")
                    start = text.find(marker, start + len(marker))
        for child in section.children:
            visit(child, f"{here} ")
    for part in narrative.parts:
        for section in part.sections:
            visit(section, f"{part.title.split()[0]} ")
    return found


def section_lines(section: NarrativeSection) -> list[str]:
    """One section alone, as plain lines numbered the way the 说明 numbers its headings (一、, （一）…)."""
    return _numbered(section, 1, 0).lines()


def _numbered(section: NarrativeSection, number: int, depth: int) -> NarrativeSection:
    marker = _MARKERS[min(depth, len(_MARKERS) - 1)](number)
    children = tuple(_numbered(c, n, depth + 1) for n, c in enumerate(section.children, 1))
    return replace(section, heading=marker + section.heading, children=children)
