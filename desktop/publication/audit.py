"""The 审核说明: the internal companion of the publication for the finance bureau's reviewer.

It lists what the 审核 found for the year, most urgent first: 强制性 errors, unfilled tables and
the 说明's unwritten pieces (they block the final export), warnings still awaiting an explanation, warnings with the
explanation the department typed, then info findings, each with its rule and the cell it names.
A reviewer reads findings, not a cover: the publication has no front matter, so page 1 opens with
a title block (title, department, year, date), the counts and the verdict, and the findings
follow at once.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.document import Document
from desktop.domain.schema import document_schema
from desktop.domain.table_sets import section_title
from desktop.narrative.phrases import chinese_numeral
from desktop.publication.gate import gate_errors, missing_content
from desktop.publication.model import Cell, Paragraph, Part, Publication, Table
from desktop.publication.tables import part_one_tables
from desktop.rules.engine import check_document
from desktop.rules.findings import Finding


def _where(finding: Finding, profile: str) -> str:
    """The section (and row) a finding names, in words: a published table by its number and title."""
    location = finding.location
    try:
        section = document_schema().section(location.section)
    except KeyError:
        return location.section
    name = section_title(profile, section.key, section.label)
    if location.row and section.kind == "grid":
        return f"{name}·{section.row_label(location.row)}"
    return name


def _findings_table(findings: list[Finding], with_explanation: bool, profile: str) -> Table:
    header = ("序号", "规则", "位置", "问题", *(("说明",) if with_explanation else ()))
    rows = []
    for number, finding in enumerate(findings, 1):
        cells = [Cell(str(number), "center"), Cell(finding.rule, "center"), Cell(_where(finding, profile)),
                 Cell(finding.message)]
        if with_explanation:
            cells.append(Cell(finding.explanation))
        rows.append(tuple(cells))
    widths = (5, 7, 14, 40, 30) if with_explanation else (5, 7, 16, 60)
    return Table(title="", header=(tuple(Cell(h, "center", True) for h in header),), rows=tuple(rows),
                 widths=widths)


def _findings(findings: list[Finding], with_explanation: bool, none: str, profile: str) -> tuple:
    return (_findings_table(findings, with_explanation, profile),) if findings else (Paragraph(none, indent=False),)


def build_audit(document: Document, year: int | None = None, *, today: date | None = None) -> Publication:
    data = document.latest_year() if year is None else document.year(year)
    findings = check_document(document, data.year)
    errors = gate_errors(findings)
    unexplained = [f for f in findings if f.severity == "warning" and not f.explanation]
    explained = [f for f in findings if f.severity == "warning" and f.explanation]
    infos = [f for f in findings if f.severity == "info"]
    unfilled = [t.unfilled for t in part_one_tables(document, data) if t.unfilled]
    missing = missing_content(document, data)
    profile = data.profile
    summary = (f"审核结果：强制性错误 {len(errors)} 个；未填写的报表 {len(unfilled)} 张；说明和绩效表中尚未填写的内容 "
               f"{len(missing)} 处；未说明的提示性问题 {len(unexplained)} 个；已说明的提示性问题 {len(explained)} 个；"
               f"提示信息 {len(infos)} 条。")
    verdict = ("审核通过：没有强制性错误，报表和说明均已填写，提示性问题均已说明，可以导出正式文件。"
               if not (errors or unexplained or unfilled or missing) else
               "尚不能导出正式文件：须先更正强制性错误、填写全部报表和说明并逐条说明提示性问题。")
    sections: list[tuple[str, tuple]] = [
        (f"强制性错误（{len(errors)} 个）", _findings(errors, False, "没有强制性错误。", profile))]
    for title, items in ((f"未填写的报表（{len(unfilled)} 张）", unfilled),
                         (f"说明和绩效表中尚未填写的内容（{len(missing)} 处）", missing)):
        if items:  # they close the gate as errors do
            sections.append((title, tuple(Paragraph(f"{number}.{text}。", indent=False)
                                          for number, text in enumerate(items, 1))))
    sections += [
        (f"未说明的提示性问题（{len(unexplained)} 个）", _findings(unexplained, False, "没有未说明的提示性问题。", profile)),
        (f"已说明的提示性问题及说明（{len(explained)} 个）", _findings(explained, True, "没有已说明的提示性问题。", profile)),
        (f"提示信息（{len(infos)} 条）", _findings(infos, False, "没有提示信息。", profile)),
    ]
    parts = (Part("", (Paragraph(summary, indent=False), Paragraph(verdict, indent=False))),
             *(Part(f"{chinese_numeral(number)}、{title}", blocks) for number, (title, blocks) in enumerate(sections, 1)))
    today = today or date.today()
    return Publication(title=f"{data.year}年度{document.department_name}部门决算审核说明",
                       department=document.department_name, year=data.year, date=f"{today.year}年{today.month}月",
                       parts=parts, subject="部门决算审核说明（内部审核用）", front_matter=False)
