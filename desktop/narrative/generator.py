"""Assembles the 说明 of one year from the section builders, numbers the headings, and
reports the 主要原因 slots left empty.

Section builders return None when their inputs are absent, so an empty section never gets
invented text; the remaining sections are numbered in order (一、/（一）/1.), and a part with
no section at all is left out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from desktop.domain.document import Document
from desktop.domain.profiles import load_profile
from desktop.narrative import decision_overview as overview
from desktop.narrative import decision_spending as spending
from desktop.narrative import other_matters as other
from desktop.narrative import performance
from desktop.narrative.context import Context
from desktop.narrative.model import Narrative, NarrativePart, NarrativeSection
from desktop.narrative.phrases import MissingSlot, Phrases, chinese_numeral
from desktop.narrative.sangong import sangong

Builder = Callable[[Context], NarrativeSection | None]
PARTS: tuple[tuple[str, tuple[Builder, ...]], ...] = (
    ("第二部分 {year}年度部门决算说明",
     (overview.basic_info, overview.income_expenditure, overview.fiscal_overview, spending.general_budget,
      spending.government_fund, spending.state_capital, spending.economic)),
    ("第三部分 {year}年度其他重要事项的情况说明",
     (sangong, other.admin_operating_cost, other.procurement, other.purchased_services, other.assets,
      other.fee_items)),
    ("第四部分 {year}年度部门绩效评价情况",
     (performance.department_overall, performance.project_evaluation)),
)
_MARKERS: tuple[Callable[[int], str], ...] = (
    lambda n: f"{chinese_numeral(n)}、", lambda n: f"（{chinese_numeral(n)}）", lambda n: f"{n}.",
)


def generate_narrative(document: Document, year: int | None = None) -> Narrative:
    """The 说明 of `year` (default: the latest year), formatted as the year's profile asks."""
    return _compose(document, year)[0]


def missing_reasons(document: Document, year: int | None = None) -> list[MissingSlot]:
    """Every 主要原因 slot the narrative needed but found empty, as (section key, row id, label);
    the row id of a form field is "" (the form's single row)."""
    return _compose(document, year)[1]


def _compose(document: Document, year: int | None) -> tuple[Narrative, list[MissingSlot]]:
    data = document.latest_year() if year is None else document.year(year)
    ctx = Context(document, data, Phrases(load_profile(data.profile).format))
    parts = []
    for title, builders in PARTS:
        built = ((build.__name__, build(ctx)) for build in builders)
        sections = [replace(s, key=key) for key, s in built if s is not None]
        if sections:
            numbered = tuple(_numbered(s, n, 0) for n, s in enumerate(sections, 1))
            parts.append(NarrativePart(title.format(year=data.year), numbered))
    title = f"{data.year}年度{document.department_name}部门决算公开说明"
    return Narrative(title, tuple(parts)), list(ctx.say.missing)


def _numbered(section: NarrativeSection, number: int, depth: int) -> NarrativeSection:
    marker = _MARKERS[min(depth, len(_MARKERS) - 1)](number)
    children = tuple(_numbered(c, n, depth + 1) for n, c in enumerate(section.children, 1))
    return replace(section, heading=marker + section.heading, children=children)
