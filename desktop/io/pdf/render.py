"""Typesets a Publication with reportlab: cover, contents, parts; A4 pages (landscape for wide
tables), "第 X 页 共 Y 页" footers, bookmarks, repeated table headers, charts, draft watermark.

Two passes (reportlab's multiBuild) settle the contents' page numbers; the page count of the
footer comes from a canvas that holds every page until the document is complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table as RLTable, TableStyle)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.io.pdf import charts
from desktop.io.pdf.fonts import FONT_NAMES, latin_font, markup, register_fonts, typesetting
from desktop.io.pdf.styles import GREY, HEI, SONG, Styles, build_styles
from desktop.publication import model

Progress = Callable[[str, int, int], None]  # (stage text, done, total)
HEADER_FILL = colors.HexColor("#EDEFF2")
TOTAL_FILL = colors.HexColor("#F7F7F7")
LINE = colors.HexColor("#404040")


class _Outline:
    """Marks a flowable as a bookmark (and contents entry) when it is laid out."""

    def __init__(self, title: str, level: int, toc: bool) -> None:
        self.title, self.level, self.toc = title, level, toc


def _with_outline(flowable: Flowable, title: str, level: int, toc: bool) -> Flowable:
    flowable._fd_outline = _Outline(title, level, toc)
    return flowable


class _PagedCanvas(Canvas):
    """Keeps every page until save() so each footer can say how many pages there are; draws the
    running header, the footer and the draft watermark on every page but the cover."""

    publication: model.Publication
    footer_size: float = 9

    def __init__(self, *args, **kwargs) -> None:
        kwargs["initialFontName"] = SONG  # otherwise an unembedded Helvetica is listed
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages) - 1  # the cover is not counted
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            self._decorate(index, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, index: int, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        if index > 0:
            self.setFont(SONG, self.footer_size)
            self.setFillColor(GREY)
            self.drawCentredString(width / 2, 12 * mm, f"第 {index} 页 共 {total} 页")
            self.drawString(22 * mm, height - 15 * mm, self.publication.title)
            self.setStrokeColor(colors.HexColor("#A6A6A6"))
            self.setLineWidth(0.5)
            self.line(22 * mm, height - 17 * mm, width - 22 * mm, height - 17 * mm)
        if self.publication.draft:
            self.setFont(HEI, 120)
            self.setFillColor(colors.HexColor("#C00000"))
            self.setFillAlpha(0.12)
            self.translate(width / 2, height / 2)
            self.rotate(35)
            self.drawCentredString(0, -40, "草稿")
        self.restoreState()


class _Document(BaseDocTemplate):
    def __init__(self, path: str, publication: model.Publication, margins: dict) -> None:
        top, bottom, left, right = (margins[k] * mm for k in ("top", "bottom", "left", "right"))
        meta = dict(title=publication.title, author=publication.department, subject=publication.subject,
                    creator="FiscalDesk 部门决算公开与绩效自评助手", producer="FiscalDesk",
                    keywords=[publication.department, f"{publication.year}年度", "部门决算", "绩效评价"])
        super().__init__(path, pagesize=A4, leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
                         **meta)
        portrait_frame = Frame(left, bottom, A4[0] - left - right, A4[1] - top - bottom, id="portrait",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = landscape(A4)
        landscape_frame = Frame(top * 0.7, left, wide[0] - 1.4 * top, wide[1] - left - right - 8 * mm, id="landscape",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [portrait_frame], pagesize=A4),
            PageTemplate("portrait", [portrait_frame], pagesize=A4),
            PageTemplate("landscape", [landscape_frame], pagesize=wide),
        ])
        self.portrait_width = portrait_frame._width
        self.landscape_width = landscape_frame._width
        self._outline_levels: list[int] = []
        self._sequence = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        outline: _Outline | None = getattr(flowable, "_fd_outline", None)
        if outline is None:
            return
        previous = self._outline_levels[-1] if self._outline_levels else -1
        level = min(outline.level, previous + 1)  # the outline may not skip a level
        self._outline_levels.append(level)
        self._sequence += 1
        key = f"fd{self._sequence}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(outline.title, key, level=level, closed=level >= 1)
        if outline.toc:
            self.notify("TOCEntry", (min(level, 1), outline.title, self.page - 1, key))

    def handle_documentBegin(self) -> None:
        self._outline_levels = []
        self._sequence = 0
        super().handle_documentBegin()


class _Story:
    """Turns the publication's blocks into reportlab flowables."""

    def __init__(self, publication: model.Publication, styles: Styles, widths: tuple[float, float]) -> None:
        self.publication, self.styles = publication, styles
        self.portrait_width, self.landscape_width = widths
        self.flowables: list[Flowable] = []
        self.orientation = "portrait"
        self._indented: dict[tuple, ParagraphStyle] = {}

    def para(self, text: str, style) -> Paragraph:
        return Paragraph(markup(text, style.fontName), style)

    def build(self) -> list[Flowable]:
        self._cover()
        self._contents()
        for part in self.publication.parts:
            self._break("portrait")
            self.flowables.append(_with_outline(self.para(part.title, self.styles.part), part.title, 0, True))
            blocks = list(part.blocks)
            for index, block in enumerate(blocks):
                if isinstance(block, model.PageBreak):
                    following = next((b for b in blocks[index + 1:] if not isinstance(b, model.PageBreak)), None)
                    self._break(self._orientation_for(following))
                elif isinstance(block, model.Heading):
                    style = self.styles.headings[min(block.level, 3) - 1]
                    flowable = self.para(block.text, style)
                    self.flowables.append(_with_outline(flowable, block.text, block.level, block.level <= 1)
                                          if block.bookmark else flowable)
                elif isinstance(block, model.Paragraph):
                    self.flowables.append(self.para(block.text, self.styles.body if block.indent else self.styles.body_flush))
                elif isinstance(block, model.Table):
                    if self._orientation_for(block) != self.orientation:
                        self._break(self._orientation_for(block))
                    self._table(block, part_one=block.number.startswith("表"))
                elif isinstance(block, model.Chart):
                    self._chart(block)
        return self.flowables

    def _break(self, orientation: str) -> None:
        if self.flowables and isinstance(self.flowables[-1], PageBreak):
            self.flowables.pop()
            if isinstance(self.flowables[-1], NextPageTemplate):
                self.flowables.pop()
        self.flowables += [NextPageTemplate(orientation), PageBreak()]
        self.orientation = orientation

    def _cover(self) -> None:
        pub = self.publication
        self.flowables += [
            NextPageTemplate("portrait"), Spacer(1, 70 * mm), self.para(pub.title, self.styles.cover_title),
            Spacer(1, 95 * mm), self.para(pub.department, self.styles.cover_line), self.para(pub.date, self.styles.cover_line),
        ]
        if pub.draft:
            self.flowables.append(self.para("（草稿）", self.styles.cover_line))
        self.flowables.append(PageBreak())

    def _contents(self) -> None:
        flush = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
        toc = TableOfContents(levelStyles=list(self.styles.toc), dotsMinLevel=0, tableStyle=TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), SONG), ("VALIGN", (0, 0), (-1, -1), "TOP"), *flush]))
        self.flowables += [self.para("目　　录", self.styles.toc_title), toc]

    # tables -------------------------------------------------------------------------------
    def _amount_widths(self, table: model.Table, placed) -> list[float]:
        """Per column, the width its amount, code and rate cells need on one line; 0 for text."""
        size = self.styles.cells[("right", False)].fontSize
        needed = [0.0] * table.columns
        for cells in placed:
            for column, cell in cells:
                if cell.colspan == 1 and cell.text and (cell.align == "right" or cell.text.isascii()):
                    face = latin_font(HEI if cell.bold else SONG)  # amounts, codes and rates never wrap
                    needed[column] = max(needed[column], stringWidth(cell.text, face, size) + 8)
        return needed

    def _natural_width(self, table: model.Table) -> float:
        """The width the amount columns need unbroken plus a modest share for text columns."""
        needed = self._amount_widths(table, self._grid(table)[0])
        return sum(needed) + 55 * sum(1 for n in needed if n == 0)

    def _orientation_for(self, block: model.Block | None) -> str:
        if isinstance(block, model.Table) and self._natural_width(block) > self.portrait_width:
            return "landscape"
        return "portrait"

    @staticmethod
    def _grid(table: model.Table) -> tuple[list[list[tuple[int, model.Cell]]], list[tuple]]:
        """Each row's cells with their column index (spans skip covered positions), and the
        SPAN commands."""
        covered: set[tuple[int, int]] = set()
        placed, spans = [], []
        for row_index, row in enumerate((*table.header, *table.rows)):
            column, cells = 0, []
            for cell in row:
                while (row_index, column) in covered:
                    column += 1
                cells.append((column, cell))
                if cell.colspan > 1 or cell.rowspan > 1:
                    spans.append(("SPAN", (column, row_index), (column + cell.colspan - 1, row_index + cell.rowspan - 1)))
                for r in range(row_index, row_index + cell.rowspan):
                    for c in range(column, column + cell.colspan):
                        covered.add((r, c))
                column += cell.colspan
            placed.append(cells)
        return placed, spans

    def _table(self, table: model.Table, part_one: bool) -> None:
        width = self.landscape_width if self.orientation == "landscape" else self.portrait_width
        styles = self.styles
        caption: list[Flowable] = []
        if table.number:
            caption.append(self.para(table.number, styles.caption_small))
        title = _with_outline(self.para(table.title, styles.caption), f"{table.number} {table.title}".strip(),
                              1 if part_one and table.number else 3, part_one and bool(table.number))
        caption.append(title)
        if table.subtitle:
            caption.append(self.para(table.subtitle, styles.caption_small_center))
        caption.append(self._unit_line(table, width))
        placed, spans = self._grid(table)
        data = [[""] * table.columns for _ in placed]
        for row_index, cells in enumerate(placed):
            for column, cell in cells:
                style = self._cell_style(cell)
                data[row_index][column] = Paragraph(markup(cell.text, style.fontName), style) if cell.text else ""
        scale = width / sum(table.widths)
        widths = self._column_widths(table, placed, scale, width)
        header_rows = len(table.header)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), SONG), ("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BOX", (0, 0), (-1, -1), 0.9, LINE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3), *spans,
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
        for row_index, cells in enumerate(placed[header_rows:], header_rows):
            if cells and all(cell.bold for _, cell in cells if cell.text):
                commands.append(("BACKGROUND", (0, row_index), (-1, row_index), TOTAL_FILL))
        grid = _GridTable(data, colWidths=widths, repeatRows=header_rows, style=TableStyle(commands), hAlign="CENTER",
                          splitInRow=1)  # a cell taller than a page (a long text) continues on the next
        grid.caption = f"{table.number} {table.title}".strip()
        self.flowables += [KeepTogether(caption + [Spacer(1, 2)]), grid]
        if table.empty_statement:
            self.flowables.append(self.para(f"注：{table.empty_statement}", styles.note))
        if table.unfilled:
            self.flowables.append(self.para(f"【草稿提示】{table.unfilled}。", styles.warning))
        for note in table.notes:
            self.flowables.append(self.para(note, styles.note))
        self.flowables.append(Spacer(1, 8))

    def _cell_style(self, cell: model.Cell) -> ParagraphStyle:
        style = self.styles.cells[(cell.align, cell.bold)]
        if not cell.indent:
            return style
        key = (cell.align, cell.bold, cell.indent)
        if key not in self._indented:
            self._indented[key] = ParagraphStyle(f"{style.name}-{cell.indent}", parent=style,
                                                 leftIndent=cell.indent * style.fontSize)
        return self._indented[key]

    def _column_widths(self, table: model.Table, placed, scale: float, width: float) -> list[float]:
        """Relative widths scaled to the frame, widened where an amount would not fit on one line
        (taken from the text columns, which wrap)."""
        widths = [w * scale for w in table.widths]
        needed = self._amount_widths(table, placed)
        shortfall = sum(max(0.0, n - w) for n, w in zip(needed, widths))
        flexible = [i for i, n in enumerate(needed) if n == 0]
        if shortfall and flexible:
            room = sum(widths[i] for i in flexible)
            for i in range(table.columns):
                if needed[i] > widths[i]:
                    widths[i] = needed[i]
            for i in flexible:
                widths[i] -= shortfall * widths[i] / room
        total = sum(widths)
        return [w * width / total for w in widths]

    def _unit_line(self, table: model.Table, width: float) -> Flowable:
        styles = self.styles
        left = f"编制单位：{self.publication.department}"
        right = table.unit
        cells = [[self.para(left, styles.cells[("left", False)]), self.para(right, styles.cells[("right", False)])]]
        line = RLTable(cells, colWidths=[width * 0.7, width * 0.3], hAlign="CENTER")
        line.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SONG), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return line

    # charts -------------------------------------------------------------------------------
    def _chart(self, chart: model.Chart) -> None:
        width = self.landscape_width if self.orientation == "landscape" else self.portrait_width
        font = FONT_NAMES["hei"]
        if chart.kind == "composition":
            drawing = charts.composition_chart(chart.title, list(chart.items), font=font, width=width)
        elif chart.kind == "budget_actual":
            drawing = charts.budget_actual_chart(chart.title, list(chart.items), font=font, width=width)
        else:
            drawing = charts.score_chart(chart.title, list(chart.items), font=font, width=width)
        if drawing is not None:
            drawing.initialFontName = font  # otherwise renderPDF starts the drawing in Helvetica
            self.flowables += [Spacer(1, 4), KeepTogether([drawing]), Spacer(1, 6)]


class LayoutFailed(Exception):
    """A table row that cannot be laid out on any page; the message names the table, in Chinese."""


class _GridTable(RLTable):
    """A table that remembers its caption, so a row no page can hold is reported by name.

    reportlab splits rows across pages only as a last resort, and that splitting fails inside
    some merged cells; such a split counts as impossible, which ends in LayoutFailed.
    """

    caption = ""
    unsplittable: list[str] = []  # captions of tables that could not be split, last one last

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        try:
            parts = super().split(availWidth, availHeight)
        except (UnboundLocalError, TypeError, IndexError):
            # reportlab's in-row split fails on a merged cell centred vertically: split top-aligned
            for row in self._cellStyles:
                for style in row:
                    style.valign = "TOP"
            try:
                parts = super().split(availWidth, availHeight)
            except (UnboundLocalError, TypeError, IndexError):
                parts = []
        if not parts:
            _GridTable.unsplittable.append(self.caption)
        return parts

    def _culprit(self):
        return self.caption  # reportlab's own version fails on rows it could not measure


def render_publication(publication: model.Publication, path: Path, progress: Progress | None = None) -> int:
    """Write the PDF to `path`; the number of pages (cover included)."""
    register_fonts()
    settings = typesetting()
    styles = build_styles(settings["sizes"])
    document = _Document(str(path), publication, settings["page"])
    story = _Story(publication, styles, (document.portrait_width, document.landscape_width)).build()
    state = {"pass": 0, "total": 1}

    def on_progress(kind: str, value: int) -> None:
        if kind == "PASS":
            state["pass"] = value
        elif kind == "SIZE_EST":
            state["total"] = max(1, value)
        elif kind == "PROGRESS" and progress is not None:
            progress(f"排版（第 {state['pass']} 遍）", value, state["total"])

    document.setProgressCallBack(on_progress)

    class Paged(_PagedCanvas):
        pass

    Paged.publication = publication
    Paged.footer_size = styles.footer_size
    _GridTable.unsplittable = []
    try:
        document.multiBuild(story, canvasmaker=Paged)
    except LayoutError:
        where = f"“{_GridTable.unsplittable[-1]}”" if _GridTable.unsplittable else "某个表格"
        raise LayoutFailed(f"{where}中有一行内容太多，一页放不下，无法排版。请缩短这一行中过长的文字后再导出。") from None
    return document.page
