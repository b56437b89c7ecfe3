"""The published document as plain data: parts of headings, paragraphs, tables and charts.

Built from the domain (tables, 说明, scores) and rendered by the PDF exporter (and the Excel
exporter for the tables). Every figure is already formatted here, by the year's profile, so the
renderers only lay out text: they never compute or round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Cell:
    text: str
    align: Align = "left"
    bold: bool = False
    colspan: int = 1
    rowspan: int = 1
    indent: int = 0  # levels of indentation (款 under 类, 项 under 款)


@dataclass(frozen=True)
class Table:
    """A table with its header rows (cells may span) and body rows; a cell covered by a span is
    simply absent from its row, as in HTML."""

    title: str
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths
    number: str = ""  # "表1"
    subtitle: str = ""  # "（2023年度）"
    unit: str = ""  # "单位：元"
    empty_statement: str = ""  # printed under an empty table
    unfilled: str = ""  # why an empty table cannot be published as 空表 (a figure elsewhere says otherwise)
    notes: tuple[str, ...] = ()
    key: str = ""  # the layout it was built from (tables.json), or the kind of 绩效 table

    @property
    def columns(self) -> int:
        return len(self.widths)

    def placed(self) -> list[list[tuple[int, Cell]]]:
        """Each row's cells (header rows first) with their column index: positions covered by a
        span from above or from the left are skipped, as in HTML. Every renderer lays cells out so."""
        covered: set[tuple[int, int]] = set()
        rows = []
        for row_index, row in enumerate((*self.header, *self.rows)):
            column, cells = 0, []
            for cell in row:
                while (row_index, column) in covered:
                    column += 1
                cells.append((column, cell))
                covered.update((r, c) for r in range(row_index, row_index + cell.rowspan)
                               for c in range(column, column + cell.colspan))
                column += cell.colspan
            rows.append(cells)
        return rows


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 part, 1 一、, 2 （一）, 3 1.
    bookmark: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # first-line indent of two characters
    gap: bool = False  # a draft's placeholder for what is still to be written ("【未填写：…】")


@dataclass(frozen=True)
class Chart:
    """Data of a chart; values are integers on one scale (分, or hundredths of a point) with
    their display strings, so no binary float reaches the core."""

    kind: Literal["composition", "budget_actual", "score"]
    title: str
    items: tuple[tuple, ...]
    number: str = ""  # "图1", given in reading order by the outline, printed before the title


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, Table, Chart, PageBreak]


@dataclass(frozen=True)
class Part:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Publication:
    title: str
    department: str
    year: int
    date: str  # the date printed on the cover, e.g. "2024年8月"
    parts: tuple[Part, ...]
    draft: bool = False
    subject: str = "部门决算公开说明"
    keywords: tuple[str, ...] = field(default=())
    # a cover, a contents page and every part on a new page (the 决算公开说明); False: a title
    # block on page 1 and the parts running on after it (the 审核说明); a part titled "" has no heading
    front_matter: bool = True

    def text(self) -> str:
        """Every heading, paragraph and table cell in reading order (for tests and previews)."""
        lines = [self.title, self.department]
        for part in self.parts:
            lines.append(part.title)
            for block in part.blocks:
                if isinstance(block, (Heading, Paragraph)):
                    lines.append(block.text)
                elif isinstance(block, Table):
                    lines.append(f"{block.number} {block.title}".strip())
                    for row in (*block.header, *block.rows):
                        lines.append("\t".join(cell.text for cell in row))
                    if block.empty_statement:
                        lines.append(block.empty_statement)
        return "\n".join(lines) + "\n"
