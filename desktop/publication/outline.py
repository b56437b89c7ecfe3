"""Assembles the whole publication of one year: cover data, 第一部分 tables, then the generated 说明
(第二至四部分) with the tables and charts it asks for placed where it asks.

The outline is the template's (domain.md §1.2, the Beijing district template the seeds use), and
every part and section is always present: a section still to be written carries the draft's
placeholder, which the export gate names, so a final document never shows one. Charts are
numbered 图1, 图2 … in reading order; a composition with a single slice is said in words only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Callable

from desktop.domain.department_units import worded
from desktop.domain.document import Document, YearData
from desktop.domain.formatting import format_number
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.domain.totals import summable_rows
from desktop.narrative import generate_narrative
from desktop.narrative.model import NarrativeSection
from desktop.narrative.phrases import MISSING_MARK
from desktop.publication.counts import sangong_counts_table
from desktop.publication.model import Block, Chart, Heading, PageBreak, Paragraph, Part, Publication
from desktop.publication.performance_tables import (department_completion_table, department_score_table,
                                                    department_targets_table, project_table)
from desktop.publication.tables import money_text, part_one_tables
from desktop.scoring import score_year

PART_ONE = "第一部分 {year}年度部门决算报表"
PROJECT_TABLE = "table:project:"


def build_publication(document: Document, year: int | None = None, *, draft: bool = False,
                      today: date | None = None) -> Publication:
    data = document.latest_year() if year is None else document.year(year)
    fmt = load_profile(data.profile).format
    scores = score_year(document, data.year)
    narrative = generate_narrative(document, data.year)
    charts = _chart_builders(data, fmt, scores)
    inserts = _insert_builders(data, fmt, scores, charts)
    parts = [_part_one(document, data)]
    for part in narrative.parts:
        blocks: list[Block] = []
        for section in part.sections:
            blocks += _section_blocks(section, 1, inserts)
            blocks += [c for c in (build() for build in charts.get(section.key, ())) if c]
        parts.append(Part(part.title, tuple(blocks)))
    today = today or date.today()
    return Publication(title=narrative.title, department=document.department_name, year=data.year,
                       date=f"{today.year}年{today.month}月", parts=_numbered_charts(parts), draft=draft,
                       subject=worded(document, "部门决算公开说明"),
                       keywords=(document.department_name, f"{data.year}年度", worded(document, "部门决算"),
                                 *(("绩效评价",) if len(narrative.parts) > 2 else ())))


def _part_one(document: Document, data: YearData) -> Part:
    blocks: list[Block] = []
    for index, table in enumerate(part_one_tables(document, data)):
        blocks += [PageBreak(), table] if index else [table]  # each table on its own page, as published
    return Part(worded(document, PART_ONE.format(year=data.year)), tuple(blocks))


def _section_blocks(section: NarrativeSection, level: int, inserts: Callable[[str], list[Block]]) -> list[Block]:
    # a project's 自评表 starts on a new page, its heading with it
    blocks: list[Block] = [PageBreak()] if any(i.startswith(PROJECT_TABLE) for i in section.inserts) else []
    blocks.append(Heading(section.heading, level, bookmark=level <= 2 or bool(section.inserts)))
    blocks += [Paragraph(text, gap=text.startswith(MISSING_MARK)) for text in section.paragraphs if text.strip()]
    for child in section.children:
        blocks += _section_blocks(child, level + 1, inserts)
    for key in section.inserts:  # after what the section says (the 三公 相关统计数 under its paragraphs)
        blocks += inserts(key)
    return blocks


def _insert_builders(data: YearData, fmt: FormatProfile, scores: dict,
                     charts: dict[str, tuple[Callable[[], Chart | None], ...]]) -> Callable[[str], list[Block]]:
    projects = data.section("projects").rows
    results = dict(zip(projects, scores["projects"]))
    fixed: dict[str, Callable[[], object]] = {
        "table:dept_targets": lambda: department_targets_table(data),
        "table:dept_completion": lambda: department_completion_table(data),
        "table:dept_score": lambda: department_score_table(scores["department"]),
        "table:sangong_counts": lambda: sangong_counts_table(data),
        "chart:department_scores": lambda: charts["chart:department_scores"][0](),
    }

    def build(key: str) -> list[Block]:
        if key.startswith(PROJECT_TABLE):
            project_id = key[len(PROJECT_TABLE):]
            return [project_table(data, project_id, results[project_id], fmt)] if project_id in results else []
        found = fixed[key]()
        return [found] if found is not None else []
    return build


def _numbered_charts(parts: list[Part]) -> tuple[Part, ...]:
    """图1, 图2 … in reading order, the number printed with the chart's title."""
    count = 0
    numbered = []
    for part in parts:
        blocks = []
        for block in part.blocks:
            if isinstance(block, Chart):
                count += 1
                block = replace(block, number=f"图{count}")
            blocks.append(block)
        numbered.append(Part(part.title, tuple(blocks)))
    return tuple(numbered)


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
        return Chart("composition", title, items) if len(items) > 1 else None  # one slice: the text says 100%

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
        "chart:department_scores": (department_scores,),  # placed by the 说明's insert, not after a section
    }


def _hundredths(text: str | None) -> int | None:
    return None if text is None else int(Decimal(text) * 100)
