"""The 审核说明: the internal companion of the publication for the finance bureau's reviewer.

It lists what the 审核 found for the year: every warning with the explanation the department
typed, every info finding, and any error still open, each with its rule and the cell it names.
Built as a Publication so the same renderer typesets it (cover, contents, page X of Y).
"""

from __future__ import annotations

from datetime import date

from desktop.domain.document import Document
from desktop.domain.schema import document_schema
from desktop.publication.model import Cell, Heading, Paragraph, Part, Publication, Table
from desktop.publication.tables import part_one_tables
from desktop.rules.engine import check_document
from desktop.rules.findings import Finding

UNEXPLAINED = "（未说明）"


def _where(finding: Finding) -> str:
    """The section (and row) a finding names, in words."""
    location = finding.location
    try:
        section = document_schema().section(location.section)
    except KeyError:
        return location.section
    if location.row and section.kind == "grid":
        return f"{section.label}·{section.row_label(location.row)}"
    return section.label


def _findings_table(title: str, findings: list[Finding], with_explanation: bool) -> Table:
    header = ("序号", "规则", "位置", "问题", *(("说明",) if with_explanation else ()))
    rows = []
    for number, finding in enumerate(findings, 1):
        cells = [Cell(str(number), "center"), Cell(finding.rule, "center"), Cell(_where(finding)),
                 Cell(finding.message)]
        if with_explanation:
            cells.append(Cell(finding.explanation or UNEXPLAINED, bold=not finding.explanation))
        rows.append(tuple(cells))
    widths = (5, 7, 14, 40, 30) if with_explanation else (5, 7, 16, 60)
    return Table(title=title, header=(tuple(Cell(h, "center", True) for h in header),), rows=tuple(rows),
                 widths=widths)


def build_audit(document: Document, year: int | None = None, *, today: date | None = None) -> Publication:
    data = document.latest_year() if year is None else document.year(year)
    findings = check_document(document, data.year)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    infos = [f for f in findings if f.severity == "info"]
    explained = sum(1 for f in warnings if f.explanation)
    unfilled = [t.unfilled for t in part_one_tables(document, data) if t.unfilled]
    summary = (f"本说明列示{data.year}年度部门决算及绩效自评资料的审核结果：强制性错误 {len(errors)} 个，"
               f"提示性问题 {len(warnings)} 个（已说明 {explained} 个，未说明 {len(warnings) - explained} 个），"
               f"提示信息 {len(infos)} 条，未填写的报表 {len(unfilled)} 张。")
    verdict = ("审核通过：没有强制性错误，提示性问题均已说明，报表均已填写，可以导出正式文件。"
               if not (errors or unfilled or explained < len(warnings)) else
               "尚不能导出正式文件：须先更正强制性错误、说明全部提示性问题并填写全部报表。")
    parts = [Part("一、审核结果概要", (Paragraph(summary), Paragraph(verdict),
                                  *(Paragraph(f"· {text}", indent=False) for text in unfilled)))]
    sections = (("二、提示性问题及说明", warnings, True, "没有提示性问题。"),
                ("三、提示信息", infos, False, "没有提示信息。"),
                ("四、强制性错误", errors, False, "没有强制性错误。"))
    for title, items, with_explanation, none in sections:
        blocks = (_findings_table(title[2:], items, with_explanation),) if items else (Paragraph(none),)
        parts.append(Part(title, (Heading(f"共 {len(items)} 个", 2, bookmark=False), *blocks)))
    today = today or date.today()
    return Publication(title=f"{data.year}年度{document.department_name}部门决算审核说明",
                       department=document.department_name, year=data.year, date=f"{today.year}年{today.month}月",
                       parts=tuple(parts), subject="部门决算审核说明（内部审核用）")
