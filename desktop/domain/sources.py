"""Where a figure came from: typed, pasted, a FiscalDesk workbook, an official workbook (its
sheet and cell), last year's published PDF (its page and table).

A document keeps one `Source` per filled cell that has one (`Document.sources`); every edit
command records the source of the cells it sets and puts back the previous one on undo, and the
document file stores them beside the cells. A cell filled before sources were recorded has none
and says so. The window shows a cell's source in its tooltip and lists cells by source (来源).
"""

from __future__ import annotations

from dataclasses import dataclass

Scope = int | None
CellKey = tuple[Scope, str, str, str]  # (year or None, section, row id, column)

KINDS: dict[str, str] = {
    "typed": "手工输入",
    "pasted": "粘贴",
    "workbook": "FiscalDesk 工作簿",
    "official": "官方报表工作簿",
    "prior_pdf": "上年公开文件",
}
UNRECORDED = "未记录（录入时尚未记录来源）"
MAX_DETAIL = 200


@dataclass(frozen=True)
class Source:
    kind: str
    detail: str = ""  # “决算.xlsx” Sheet3!F8, “2024年度决算公开.pdf” 第3页 收入支出决算总表 …

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown source kind {self.kind!r}")
        if len(self.detail) > MAX_DETAIL:
            object.__setattr__(self, "detail", self.detail[:MAX_DETAIL - 1] + "…")

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def describe(self) -> str:
        """来源：官方报表工作簿 “决算.xlsx” Sheet3!F8"""
        return f"{self.label} {self.detail}".strip()


TYPED = Source("typed")
PASTED = Source("pasted")


def describe(source: Source | None) -> str:
    return source.describe() if source is not None else UNRECORDED


def record_everywhere(document, source: Source) -> None:
    """Give every filled cell of the document `source` (a new document read whole from one file)."""
    scopes = [(None, document.sections), *((year, data.sections) for year, data in document.years.items())]
    for scope, sections in scopes:
        for key, data in sections.items():
            for row_id, column, _value in data.cells():
                document.sources[(scope, key, row_id, column)] = source
