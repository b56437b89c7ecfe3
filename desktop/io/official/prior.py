"""Last year's figures from last year's published document (文件 ▸ 从上年公开文件导入上年数…).

The 第一部分 tables of last year's 决算公开 PDF (pdf_tables.py) are read, as any official tables
are, into a scratch document of last year; its figures then become this year's 上年数 exactly as
a new year started from last year's file would carry them (editing/rollover.PRIOR_FIGURES), and
only for the tables the PDF holds. The import goes through the same preview and single undo
step; the preview names, for every 上年 column filled, the page and table it was read from.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.document import Document
from desktop.domain.sources import Source
from desktop.editing.rollover import copy_prior_figures
from desktop.io.official import OfficialImport, OfficialImportError, copy_year, read_tables
from desktop.io.official.pdf_tables import PdfTablesError, read_pdf_tables

PRIOR_KIND = "上年公开文件"


def read_prior_year(path: str | Path, document: Document, year: int) -> OfficialImport:
    """This year's document with last year's published figures as its 上年数."""
    path = Path(path)
    try:
        sheets = read_pdf_tables(path)
    except PdfTablesError as exc:
        raise OfficialImportError([str(exc)], path.name) from None
    data = document.year(year)
    scratch = Document.new(document.department_name or "上年", year - 1, data.profile)
    last_year = read_tables(sheets, [], scratch, year - 1, path.name, purpose="上年数")
    incoming = copy_year(document, year)
    read = {table.section for table in last_year.blocks}
    figures = copy_prior_figures(last_year.document.year(year - 1), incoming.year(year), read)
    for figure in figures:  # each 上年数 names the page it was read from
        target = incoming.year(year).section(figure.section)
        title = next((b.where for b in last_year.blocks if b.section == figure.section), "")
        for row in ([figure.row] if figure.row else list(target.rows)):
            if target.stored(row, figure.target) is None:
                continue
            read_from = last_year.document.sources.get((year - 1, figure.section, row, figure.source))
            detail = read_from.detail if read_from is not None else f"“{path.name}” {title}"
            incoming.sources[(year, figure.section, row, figure.target)] = Source("prior_pdf", detail)
    sources = []
    for figure in figures:
        section = incoming.year(year).section(figure.section).section
        where = "；".join(f"{b.where}" for b in last_year.blocks if b.section == figure.section)
        sources.append(f"{section.label}·{section.column(figure.target).label}：取自上年公开文件{where}")
    blank = [f"{_label(incoming, year, figure, row)}" for figure in figures
             for row in ([figure.row] if figure.row else list(incoming.year(year).section(figure.section).rows))
             if incoming.year(year).section(figure.section).value(row, figure.target) is None]
    if blank:
        sources.append("上年公开文件的表中没有以下数字，其上年数未填：" + "、".join(blank))
    if not figures:
        raise OfficialImportError([f"“{path.name}”中没有找到含上年数的表（收入支出决算总表、财政拨款收入支出决算总表、"
                                   f"财政拨款“三公”经费支出决算表）；找到的表：{'；'.join(last_year.tables) or '无'}"],
                                  path.name)
    notes = [n for n in last_year.warnings if not n.startswith("工作簿中没有")]
    return OfficialImport(incoming, year, last_year.tables, [*last_year.differences, *sources, *notes],
                          last_year.differences, last_year.skipped, kind=PRIOR_KIND)


def _label(document: Document, year: int, figure, row: str) -> str:
    section = document.year(year).section(figure.section).section
    return section.label + (f"·{section.row_label(row)}" if row and section.row_label(row) else "")
