"""Typesets a Publication with reportlab: cover, contents, parts (or, for a publication without
front matter such as the 审核说明, a title block and the parts running on); A4 pages (landscape for
wide tables), "第 X 页 共 Y 页" footers, bookmarks, repeated table headers, charts, draft watermark.

The typesetting rules a reader checks live beside it: no heading or caption left at a page's foot
(keep.LeadIn), tables broken only between rows with their header kept with the first rows
(grid.GridTable), no word or number with its unit broken (linebreak, words, tablelayout), cover
titles broken between the department's name and the rest and balanced (words.fit_title).

One layout pass: the contents' entries are known before layout (every heading marked for it, in
story order), so the contents take their final room at once; each entry's dots and page number
are a form (PDF XObject) drawn where they belong and defined once the last page is laid out, as
the page count of the footer comes from a canvas that holds every page until the document is
complete. (reportlab's multiBuild needed a second full layout for the page numbers.)
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
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph as RLParagraph, Spacer, Table as RLTable, TableStyle)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from desktop.io.pdf import charts
from desktop.io.pdf.fonts import FONT_NAMES, markup, register_fonts, text_width, typesetting
from desktop.io.pdf.grid import GridTable
from desktop.io.pdf.keep import LeadIn
from desktop.io.pdf.paragraphs import Paragraph
from desktop.io.pdf.styles import GREY, HEI, SONG, Styles, build_styles
from desktop.io.pdf.tablelayout import TableBuilder, grid
from desktop.io.pdf.words import fit_title, label_lines
from desktop.publication import model

Progress = Callable[[str, int, int], None]  # (stage text, done, total)
SMALLEST_TITLE = 4  # points a title may be set smaller than its size to fit in two lines
FORM_REACH = 10_000  # points: a contents form's box, around wherever its entry is drawn


class _Outline:
    """Marks a flowable as a bookmark (and contents entry) when it is laid out."""

    def __init__(self, title: str, level: int, toc: bool) -> None:
        self.title, self.level, self.toc = title, level, toc


def _with_outline(flowable: Flowable, title: str, level: int, toc: bool) -> Flowable:
    flowable._fd_outline = _Outline(title, level, toc)
    return flowable


class _PagedCanvas(Canvas):
    """Keeps every page until save() so each footer can say how many pages there are; draws the
    running header, the footer and the draft watermark on every page but the cover (and, without
    a cover, the running header from page 2 on: page 1 carries the title block)."""

    publication: model.Publication
    footer_size: float = 9

    def __init__(self, *args, **kwargs) -> None:
        kwargs["initialFontName"] = SONG  # otherwise an unembedded Helvetica is listed
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._bookmarks: list[tuple[str, tuple, dict]] = []  # this page's, bound when it is written (save)
        self.entry_pages: dict[str, int] = {}  # contents key → the page number its heading is on
        self.entry_ends: list[_EntryEnd] = []  # where each contents entry's page number goes

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def bookmarkPage(self, key: str, *args, **kwargs) -> None:  # noqa: N802 (reportlab's name)
        """A destination on this page. reportlab binds it to the page being written, which, while
        pages are held, would be the first one for every bookmark: it is bound at save instead."""
        self._bookmarks.append((key, args, kwargs))

    def save(self) -> None:
        if any(end.key not in self.entry_pages for end in self.entry_ends):
            raise _ContentsMoved
        for end in self.entry_ends:
            self._entry_form(end)
        skipped = 1 if self.publication.front_matter else 0  # the cover is not counted
        total = len(self._pages) - skipped
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            for key, args, kwargs in state["_bookmarks"]:
                Canvas.bookmarkPage(self, key, *args, **kwargs)
            self._decorate(index - skipped + 1, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _entry_form(self, end: _EntryEnd) -> None:
        """The dots and page number of one contents entry, exactly as reportlab's contents draws
        them there (drawPageNumbers), now that the page is known; the number's link goes on the
        contents page (a form cannot carry one), where drawPageNumbers would have put it."""
        page = self.entry_pages[end.key]
        self.beginForm(end.form, -FORM_REACH, -FORM_REACH, FORM_REACH, FORM_REACH)
        self._curr_tx_info = {"cur_x": end.x, "cur_y": end.y}
        drawPageNumbers(self, end.style, [(page, None)], end.width, None, end.dot)
        self.endForm()
        size, text = end.style.fontSize, str(page)
        while stringWidth(text, end.style.fontName, size) > end.width - end.x and size >= 1.0:
            size *= 0.9  # as drawPageNumbers shrinks a number too wide for the room left
        left = end.width - stringWidth(text, end.style.fontName, size)
        right = left + stringWidth(text, end.style.fontName, size)
        current = self._currentMatrix, self._annotationrefs
        self._currentMatrix, self._annotationrefs = end.matrix, self._pages[end.page]["_annotationrefs"]
        self.linkRect("", end.key, (left, end.y, right, end.y + end.style.leading), relative=1)
        self._currentMatrix, self._annotationrefs = current

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        if number > 0:
            self.setFont(SONG, self.footer_size)
            self.setFillColor(GREY)
            self.drawCentredString(width / 2, 12 * mm, f"第 {number} 页 共 {total} 页")
            if self.publication.front_matter or number > 1:
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
                    keywords=list(publication.keywords) or [publication.department, f"{publication.year}年度", "部门决算",
                                                            "绩效评价"])
        super().__init__(path, pagesize=A4, leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
                         **meta)
        portrait_frame = Frame(left, bottom, A4[0] - left - right, A4[1] - top - bottom, id="portrait",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = landscape(A4)
        landscape_frame = Frame(top * 0.7, left, wide[0] - 1.4 * top, wide[1] - left - right - 8 * mm, id="landscape",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        first = "cover" if publication.front_matter else "portrait"
        self.addPageTemplates([
            PageTemplate(first, [portrait_frame], pagesize=A4),
            *([PageTemplate("portrait", [portrait_frame], pagesize=A4)] if publication.front_matter else []),
            PageTemplate("landscape", [landscape_frame], pagesize=wide),
        ])
        self.frames = {"portrait": (portrait_frame._width, portrait_frame._height),
                       "landscape": (landscape_frame._width, landscape_frame._height)}
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
            self.canv.entry_pages[key] = self.page - 1
            self.notify("TOCEntry", (min(level, 1), outline.title, self.page - 1, key))  # the two-pass fallback

    def handle_documentBegin(self) -> None:
        self._outline_levels = []
        self._sequence = 0
        super().handle_documentBegin()


class _ContentsMoved(Exception):
    """A heading the contents list was not laid out as itself (reportlab split it), so its page is
    unknown: the export falls back to two passes."""


class _EntryEnd:
    """Where one contents entry's dots and page number are drawn: form name, heading key, style,
    the point after the entry's text and the width they run to, the page and its transform then."""

    def __init__(self, form: str, key: str, style: ParagraphStyle, x: float, y: float, width: float, dot: str,
                 page: int, matrix: tuple) -> None:
        self.form, self.key, self.style, self.x, self.y, self.width, self.dot = form, key, style, x, y, width, dot
        self.page, self.matrix = page, matrix  # the contents page (index of the held pages) and its transform


def contents_entries(story: list[Flowable]) -> list[tuple[int, str, str]]:
    """(level, title, key) of every contents entry, in the order the headings will be laid out
    (_Document.afterFlowable numbers them the same way)."""
    entries, levels = [], []
    for flowable in story:
        for piece in (*flowable.lead, flowable.follower) if isinstance(flowable, LeadIn) else (flowable,):
            outline: _Outline | None = getattr(piece, "_fd_outline", None)
            if outline is None:
                continue
            level = min(outline.level, (levels[-1] if levels else -1) + 1)
            levels.append(level)
            if outline.toc:
                entries.append((min(level, 1), outline.title, f"fd{len(levels)}"))
    return entries


class _Contents(TableOfContents):
    """reportlab's contents with its entries given before layout: it has its final height in the
    one pass, and each entry's end (dots and page number) is a form defined once pages are known."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[tuple[int, str, str]] = []

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        def entry_end(canvas: _PagedCanvas, _kind: str, label: str) -> None:
            level, key = label.split(",")
            form = f"fdpage-{key}"
            dot = " . " if 0 <= self.dotsMinLevel <= int(level) else ""
            info = canvas._curr_tx_info
            canvas.entry_ends.append(_EntryEnd(form, key, self.getLevelStyle(int(level)), info["cur_x"],
                                               info["cur_y"], availWidth, dot, len(canvas._pages),
                                               canvas._currentMatrix))
            canvas.doForm(form)

        self.canv.setNamedCB("fdContentsEntryEnd", entry_end)
        rows = []
        for level, text, key in self.entries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([RLParagraph(f'<a href="#{key}">{text}</a><onDraw name="fdContentsEntryEnd" '
                                   f'label="{level},{key}"/>', style)])
        self._table = RLTable(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


class _Story:
    """Turns the publication's blocks into reportlab flowables. Headings and captions wait in
    `pending` until what follows them arrives, and are then kept with it (keep.LeadIn); a page
    break that would leave them behind is moved before them."""

    def __init__(self, publication: model.Publication, styles: Styles, frames: dict[str, tuple[float, float]],
                 one_pass: bool = True) -> None:
        self.publication, self.styles, self.frames = publication, styles, frames
        self.one_pass = one_pass
        self.flowables: list[Flowable] = []
        self.pending: list[Flowable] = []
        self.orientation = "portrait"
        self.tables = TableBuilder(styles)

    @property
    def width(self) -> float:
        return self.frames[self.orientation][0]

    def para(self, text: str, style) -> Paragraph:
        return Paragraph(markup(text, style.fontName), style)

    def lines(self, lines: list[str], style) -> Paragraph:
        return Paragraph("<br/>".join(markup(line, style.fontName) for line in lines), style)

    def follow(self, flowable: Flowable) -> None:
        """Add `flowable`, with the headings and captions waiting for it."""
        self.flowables.append(LeadIn(self.pending, flowable) if self.pending else flowable)
        self.pending = []

    def flush(self) -> None:
        self.flowables += self.pending
        self.pending = []

    def build(self) -> list[Flowable]:
        if self.publication.front_matter:
            self._cover()
            self._contents()
        else:
            self._title_block()
        for part in self.publication.parts:
            if self.publication.front_matter:
                self._break("portrait")
                self.pending.append(_with_outline(self.para(part.title, self.styles.part), part.title, 0, True))
            elif part.title:
                self.pending.append(_with_outline(self.para(part.title, self.styles.report_part), part.title, 0, True))
            self._blocks(list(part.blocks))
            self.flush()
        return self.flowables

    def _blocks(self, blocks: list[model.Block]) -> None:
        for index, block in enumerate(blocks):
            if isinstance(block, model.PageBreak):
                following = next((b for b in blocks[index + 1:] if not isinstance(b, model.PageBreak)), None)
                self._break(self._orientation_for(following))
            elif isinstance(block, model.Heading):
                style = self.styles.headings[min(block.level, 3) - 1]
                flowable = self.para(block.text, style)
                self.pending.append(_with_outline(flowable, block.text, block.level, block.level <= 1)
                                    if block.bookmark else flowable)
            elif isinstance(block, model.Paragraph):
                style = self.styles.body if block.indent else self.styles.body_flush
                if block.gap:  # a draft's placeholder: red, as the other draft notes
                    style = self.styles.warning
                self.follow(self.para(block.text, style))
            elif isinstance(block, model.Table):
                if self._orientation_for(block) != self.orientation:
                    self._break(self._orientation_for(block))
                self._table(block, part_one=block.number.startswith("表"))
            elif isinstance(block, model.Chart):
                self._chart(block)

    def _break(self, orientation: str) -> None:
        """A page break (to a page of `orientation`) before the headings still waiting."""
        if self.flowables and isinstance(self.flowables[-1], PageBreak):
            self.flowables.pop()
            if isinstance(self.flowables[-1], NextPageTemplate):
                self.flowables.pop()
        self.flowables += [NextPageTemplate(orientation), PageBreak()]
        self.orientation = orientation

    # front matter ------------------------------------------------------------------------------------
    def _title(self, text: str, style: ParagraphStyle, width: float) -> Paragraph:
        """A title in balanced lines broken only around the department's name, set smaller (by up
        to SMALLEST_TITLE points) when that keeps it to two lines."""
        size, lines = fit_title(text, self.publication.department, width,
                                lambda part, at: text_width(part, style.fontName, at),
                                style.fontSize, style.fontSize - SMALLEST_TITLE)
        if size != style.fontSize:
            style = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                                   leading=style.leading * size / style.fontSize)
        return self.lines(lines, style)

    def _words(self, text: str, style: ParagraphStyle) -> Paragraph:
        lines = label_lines(text, self.width, lambda part: text_width(part, style.fontName, style.fontSize))
        return self.lines(lines, style)

    def _cover(self) -> None:
        pub, styles = self.publication, self.styles
        self.flowables += [NextPageTemplate("portrait"), Spacer(1, 70 * mm),
                           self._title(pub.title, styles.cover_title, self.width), Spacer(1, 95 * mm),
                           self._words(pub.department, styles.cover_line), self.para(pub.date, styles.cover_line)]
        if pub.draft:
            self.flowables.append(self.para("（草稿）", styles.cover_line))
        self.flowables.append(PageBreak())

    def _contents(self) -> None:
        flush = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
        toc = (_Contents if self.one_pass else TableOfContents)(levelStyles=list(self.styles.toc), dotsMinLevel=0, tableStyle=TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), SONG), ("VALIGN", (0, 0), (-1, -1), "TOP"), *flush]))
        self.flowables += [self.para("目　　录", self.styles.toc_title), toc]

    def _title_block(self) -> None:
        """Page 1 of a publication without a cover: its title, then who, which year and when."""
        pub, styles = self.publication, self.styles
        details = f"编制单位：{pub.department}　　年度：{pub.year}年度　　日期：{pub.date}"
        if pub.draft:
            details += "　　（草稿）"
        self.flowables += [self._title(pub.title, styles.report_title, self.width), self._words(details, styles.report_line),
                           Spacer(1, 6)]

    # tables --------------------------------------------------------------------------------------------
    def _natural_width(self, table: model.Table) -> float:
        """The width the amount columns need unbroken plus a modest share for text columns."""
        needed = self.tables.figure_widths(table, grid(table)[0])
        return sum(needed) + 55 * sum(1 for n in needed if n == 0)

    def _orientation_for(self, block: model.Block | None) -> str:
        if isinstance(block, model.Table) and self._natural_width(block) > self.frames["portrait"][0]:
            return "landscape"
        return "portrait"

    def _table(self, table: model.Table, part_one: bool) -> None:
        styles = self.styles
        if table.number:
            self.pending.append(self.para(table.number, styles.caption_small))
        if table.title:
            title = _with_outline(self.para(table.title, styles.caption), f"{table.number} {table.title}".strip(),
                                  1 if part_one and table.number else 3, part_one and bool(table.number))
            self.pending.append(title)
        if table.subtitle:
            self.pending.append(self.para(table.subtitle, styles.caption_small_center))
        if table.unit or self.publication.front_matter:
            self.pending.append(self._unit_line(table))
        self.pending.append(Spacer(1, 2))
        self.follow(self.tables.build(table, self.width, self.frames[self.orientation][1]))
        if table.empty_statement:
            self.flowables.append(self.para(table.empty_statement, styles.note))  # carries its own 注：/说明：
        if table.unfilled:
            self.flowables.append(self.para(f"【草稿提示】{table.unfilled}。", styles.warning))
        for note in table.notes:
            self.flowables.append(self.para(note, styles.note))
        self.flowables.append(Spacer(1, 8))

    def _unit_line(self, table: model.Table) -> Flowable:
        styles, width = self.styles, self.width
        left = f"编制单位：{self.publication.department}"
        cells = [[self.para(left, styles.cells[("left", False)]), self.para(table.unit, styles.cells[("right", False)])]]
        line = RLTable(cells, colWidths=[width * 0.7, width * 0.3], hAlign="CENTER")
        line.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SONG), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return line

    # charts --------------------------------------------------------------------------------------------
    def _chart(self, chart: model.Chart) -> None:
        font, width = FONT_NAMES["hei"], self.width
        title = f"{chart.number} {chart.title}".strip()
        if chart.kind == "composition":
            drawing = charts.composition_chart(title, list(chart.items), font=font, width=width)
        elif chart.kind == "budget_actual":
            drawing = charts.budget_actual_chart(title, list(chart.items), font=font, width=width)
        else:
            drawing = charts.score_chart(title, list(chart.items), font=font, width=width)
        if drawing is not None:
            drawing.initialFontName = font  # otherwise renderPDF starts the drawing in Helvetica
            self.pending.append(Spacer(1, 4))
            self.follow(drawing)
            self.flowables.append(Spacer(1, 6))


class LayoutFailed(Exception):
    """A table row that cannot be laid out on any page; the message names the table, in Chinese."""


def render_publication(publication: model.Publication, path: Path, progress: Progress | None = None) -> int:
    """Write the PDF to `path`; the number of pages (cover included)."""
    register_fonts()
    try:
        return _render(publication, path, progress, one_pass=True)
    except _ContentsMoved:
        return _render(publication, path, progress, one_pass=False)


def _render(publication: model.Publication, path: Path, progress: Progress | None, one_pass: bool) -> int:
    settings = typesetting()
    styles = build_styles(settings["sizes"])
    document = _Document(str(path), publication, settings["page"])
    story = _Story(publication, styles, document.frames, one_pass).build()
    for flowable in story:
        if isinstance(flowable, _Contents):
            flowable.entries = contents_entries(story)
    state = {"pass": 1, "total": 1}

    def on_progress(kind: str, value: int) -> None:
        if kind == "PASS":
            state["pass"] = value
        elif kind == "SIZE_EST":
            state["total"] = max(1, value)
        elif kind == "PROGRESS" and progress is not None:
            progress("排版" if one_pass else f"排版（第 {state['pass']} 遍）", value, state["total"])

    document.setProgressCallBack(on_progress)

    class Paged(_PagedCanvas):
        pass

    Paged.publication = publication
    Paged.footer_size = styles.footer_size
    GridTable.unsplittable = []
    try:
        if publication.front_matter and not one_pass:
            document.multiBuild(story, canvasmaker=Paged)
        else:
            document.build(story, canvasmaker=Paged)
    except LayoutError:
        where = f"“{GridTable.unsplittable[-1]}”" if GridTable.unsplittable else "某个表格"
        raise LayoutFailed(f"{where}中有一行内容太多，一页放不下，无法排版。请缩短这一行中过长的文字后再导出。") from None
    return document.page
