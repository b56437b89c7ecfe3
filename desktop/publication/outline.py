"""Assembles the whole publication of one year: cover data, 第一部分 tables, the generated 说明
(第二至四部分) with charts beside the figures they show, 专业名词解释 and the 绩效 tables.

The outline follows domain.md §1.2 (the Beijing district template the seeds use); a part with
nothing to say is left out, as the 说明 generator leaves out empty sections.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from desktop.domain.document import Document, YearData
from desktop.domain.formatting import format_number
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.domain.totals import summable_rows
from desktop.narrative import generate_narrative
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import chinese_numeral
from desktop.publication.glossary import glossary_entries
from desktop.publication.model import Block, Chart, Heading, PageBreak, Paragraph, Part, Publication
from desktop.publication.performance_tables import department_score_table, department_targets_table, project_table
from desktop.publication.tables import money_text, part_one_tables
from desktop.scoring import score_year

PART_ONE = "第一部分 {year}年度部门决算报表"
OTHER_MATTERS = "第三部分"
PERFORMANCE = "第四部分 {year}年度部门绩效评价情况"


def build_publication(document: Document, year: int | None = None, *, draft: bool = False,
                      today: date | None = None) -> Publication:
    data = document.latest_year() if year is None else document.year(year)
    fmt = load_profile(data.profile).format
    scores = score_year(document, data.year)
    narrative = generate_narrative(document, data.year)
    parts = [_part_one(document, data)]
    charts = _chart_builders(data, fmt, scores)
    performance_seen = False
    for part in narrative.parts:
        blocks: list[Block] = []
        for section in part.sections:
            blocks += _section_blocks(section, 1)
            blocks += [c for c in (build() for build in charts.get(section.key, ())) if c]
        if part.title.startswith(OTHER_MATTERS):
            blocks += _glossary(data, len(part.sections) + 1)
        if part.title.startswith(PERFORMANCE[:4]):
            performance_seen = True
            blocks += _performance_tables(data, fmt, scores, len(part.sections) + 1)
        parts.append(Part(part.title, tuple(blocks)))
    if not performance_seen:
        tables = _performance_tables(data, fmt, scores, 1)
        if tables:
            parts.append(Part(PERFORMANCE.format(year=data.year), tuple(tables)))
    today = today or date.today()
    return Publication(title=narrative.title, department=document.department_name, year=data.year,
                       date=f"{today.year}年{today.month}月", parts=tuple(parts), draft=draft)


def _part_one(document: Document, data: YearData) -> Part:
    blocks: list[Block] = []
    for index, table in enumerate(part_one_tables(document, data)):
        blocks += [PageBreak(), table] if index else [table]  # each table on its own page, as published
    return Part(PART_ONE.format(year=data.year), tuple(blocks))


def _section_blocks(section: NarrativeSection, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(section.heading, level, bookmark=level <= 2)]
    blocks += [Paragraph(text) for text in section.paragraphs if text.strip()]
    for child in section.children:
        blocks += _section_blocks(child, level + 1)
    return blocks


def _glossary(data: YearData, number: int) -> list[Block]:
    entries = glossary_entries(data)
    blocks: list[Block] = [Heading(f"{chinese_numeral(number)}、专业名词解释", 1)]
    blocks += [Paragraph(f"{index}.{term}：{definition}") for index, (term, definition) in enumerate(entries, 1)]
    return blocks


def _performance_tables(data: YearData, fmt: FormatProfile, scores: dict, number: int) -> list[Block]:
    blocks: list[Block] = []
    department = [t for t in (department_targets_table(data), department_score_table(scores["department"])) if t]
    if department:
        blocks.append(Heading(f"{chinese_numeral(number)}、部门整体绩效目标完成情况及评价评分表", 1))
        blocks += department
        number += 1
    projects = list(data.section("projects").rows)
    if projects:
        blocks.append(Heading(f"{chinese_numeral(number)}、项目支出绩效自评表", 1))
        for index, (project_id, result) in enumerate(zip(projects, scores["projects"]), 1):
            name = data.section("projects").rows[project_id].get("name") or f"项目{index}"
            blocks += [PageBreak(), Heading(f"{index}.{name}", 3, bookmark=True),
                       project_table(data, project_id, result, fmt)]
    return blocks


def _amount_items(pairs: list[tuple[str, Money | None]], fmt: FormatProfile, percent: int) -> tuple:
    filled = [(label, value) for label, value in pairs if isinstance(value, Money) and value.fen > 0]
    whole = sum(v.fen for _, v in filled)
    return tuple((label, value.fen, f"{money_text(value, fmt)}{fmt.decision_unit}（"
                  f"{format_number(Decimal(value.fen) * 100 / whole, percent, False)}%）")
                 for label, value in filled)


def _chart_builders(data: YearData, fmt: FormatProfile, scores: dict) -> dict[str, tuple[Callable[[], Chart | None], ...]]:
    totals = data.section("income_expenditure")
    grid = totals.section

    def side(name: str) -> list[tuple[str, Money | None]]:
        return [(r.label, totals.value(r.key, "current")) for r in grid.rows
                if r.attributes.get("side") == name and not r.total and r.key not in (
                    "use_nonfiscal_balance", "opening_balance", "balance_distribution", "closing_balance")]

    def composition(title: str, pairs: list) -> Chart | None:
        items = _amount_items(pairs, fmt, fmt.percent_decimals)
        return Chart("composition", title, items) if items else None

    def by_class() -> Chart | None:
        rows = summable_rows(data, "gp_functional")
        return composition(f"{data.year}年度一般公共预算财政拨款支出构成（按功能分类）",
                           [(str(r.get("name") or r.get("code")), r.get("total")) for r in rows])

    def sangong() -> Chart | None:
        section = data.section("sangong")
        items = []
        for key in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
            budget, actual = section.value(key, "budget"), section.value(key, "actual")
            if budget is None and actual is None:
                continue
            items.append((section.section.row_label(key), None if budget is None else budget.fen,
                          None if actual is None else actual.fen,
                          money_text(budget, fmt), money_text(actual, fmt)))
        if not any((b or 0) or (a or 0) for _, b, a, _, _ in items):
            return None
        return Chart("budget_actual", f"{data.year}年度“三公”经费财政拨款预算与决算（{fmt.decision_unit}）", tuple(items))

    def department_scores() -> Chart | None:
        result = scores.get("department")
        if not result:
            return None
        items = tuple((i.get("category") or i["label"], _hundredths(i["points"]), _hundredths(i["score"]),
                       f"{i['score'] or '—'} / {i['points'] or '—'}") for i in result["items"] if i["points"])
        return Chart("score", f"{data.year}年度部门整体绩效评价得分构成", items) if items else None

    return {
        "income_expenditure": (lambda: composition(f"{data.year}年度收入构成", side("收入")),
                               lambda: composition(f"{data.year}年度支出构成", side("支出"))),
        "general_budget": (by_class,),
        "sangong": (sangong,),
        "department_overall": (department_scores,),
    }


def _hundredths(text: str | None) -> int | None:
    return None if text is None else int(Decimal(text) * 100)
