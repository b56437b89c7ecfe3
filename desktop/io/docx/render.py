"""Writes a Publication as a Word document (python-docx): the editable copy of the PDF.

Offices make last-minute wording changes for the 财政 bureau or a leader, so this is the same
content in the same order as the PDF, built the way a Word user expects to edit it: the built-in
Heading styles (the navigation pane and the contents field work), styles rather than direct
formatting, real tables (merged header and label cells, header rows repeated on every page,
rows kept whole), a TOC field Word refreshes on opening, PAGE/NUMPAGES fields in the footer,
sections for landscape tables, and Word's own kind of watermark on a draft.

It only lays out: every figure arrives formatted in the model, and the decisions the PDF makes
from the model (which tables go landscape, how wide a column must be for its amounts) are made
here by the same rules. Charts are pictures of the PDF's own chart drawings (pdf/raster.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Callable

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from desktop.io.docx import ooxml
from desktop.publication import model

Progress = Callable[[str, int, int], None]

SONG, HEI, FANG, LATIN = "宋体", "黑体", "仿宋", "Times New Roman"
A4 = (210, 297)  # millimetres
HEADER_FILL, TOTAL_FILL = "EDEFF2", "F7F7F7"  # as the PDF
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
CELL_PADDING = 3  # points left and right inside a cell, as the PDF
TEXT_COLUMN_SHARE = 55  # points a text column counts for when deciding the orientation, as the PDF
SHORT_WORD = 4  # header labels of at most this many characters are never broken (科目编码)
TALL_ROW_SHARE = 1 / 3  # a row taller than this share of the page may break across pages
COVER_TITLE_BREAKS = ("年度", "部门决算", "决算公开")  # natural places for a line break in a cover title
ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "（目录将在 Word 打开本文件时生成；如未生成，请右击此处选择“更新域”，或按 F9。）"


@dataclass(frozen=True)
class Page:
    """A page shape in points: size and margins (left/right are the text's sides)."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


def pages(margins: dict[str, float]) -> dict[str, Page]:
    """Portrait and landscape A4 with the PDF's margins (its landscape frame, turned)."""
    mm = 72 / 25.4
    top, bottom, left, right = (margins[k] * mm for k in ("top", "bottom", "left", "right"))
    portrait = Page(A4[0] * mm, A4[1] * mm, top, bottom, left, right)
    landscape = Page(A4[1] * mm, A4[0] * mm, top, bottom, top * 0.7, top * 0.7)
    return {"portrait": portrait, "landscape": landscape}


# -- measuring, as the PDF measures -------------------------------------------------------------

_NARROW = {",": 0.25, ".": 0.25, " ": 0.25, ":": 0.28, ";": 0.28, "-": 0.333, "(": 0.333, ")": 0.333,
           "/": 0.278, "%": 0.833, "I": 0.333, "i": 0.278, "l": 0.278, "j": 0.278, "t": 0.278, "f": 0.333,
           "r": 0.333, "M": 0.889, "W": 0.944, "m": 0.778, "w": 0.722}


def text_width(text: str, size: float) -> float:
    """The width of `text` in points: Times New Roman metrics for ASCII, a full em for Chinese."""
    ems = 0.0
    for char in text:
        if char.isascii():
            ems += _NARROW.get(char, 0.722 if char.isupper() else 0.5)
        else:
            ems += 1.0
    return ems * size


def amount_widths(table: model.Table, size: float) -> list[float]:
    """Per column, the width its amount, code and rate cells need on one line; 0 for text columns."""
    needed = [0.0] * table.columns
    for cells in table.placed():
        for column, cell in cells:
            if column < table.columns and cell.colspan == 1 and cell.text and (
                    cell.align == "right" or cell.text.isascii()):
                needed[column] = max(needed[column], text_width(cell.text, size) + 2 * CELL_PADDING + 2)
    return needed


def orientation_for(block: model.Block | None, portrait_width: float, size: float) -> str:
    """Landscape for a table whose amount columns cannot fit unbroken in portrait (the PDF's rule)."""
    if isinstance(block, model.Table):
        needed = amount_widths(block, size)
        if sum(needed) + TEXT_COLUMN_SHARE * sum(1 for n in needed if n == 0) > portrait_width:
            return "landscape"
    return "portrait"


def column_widths(table: model.Table, width: float, size: float) -> list[float]:
    """Relative widths scaled to `width`, widened where an amount would not fit on one line
    (taken from the text columns, which wrap) — the PDF's rule."""
    scale = width / sum(table.widths)
    widths = [w * scale for w in table.widths]
    needed = amount_widths(table, size)
    for cells in table.placed()[:len(table.header)]:  # a short header word over such a column stays whole
        for column, cell in cells:
            if column < table.columns and needed[column] and cell.colspan == 1 and len(cell.text) <= SHORT_WORD:
                needed[column] = max(needed[column], text_width(cell.text, size) + 2 * CELL_PADDING + 2)
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


def heading_style(level: int) -> str:
    """Word's heading style of a model heading: parts (level 0) are Heading 1, 一、 Heading 2,
    （一） Heading 3, 1. Heading 4: the contents field (levels 1–3) lists the parts, the 一、 and
    （一） headings and the 第一部分 tables, and the navigation pane shows every level."""
    return f"Heading {min(max(level, 0), 3) + 1}"


def cover_lines(title: str, room: float, size: float) -> list[str]:
    """The cover title in as few balanced lines as fit `room`, broken at a natural place when one
    is near, so that no word is cut ("管理委员 / 会")."""
    if text_width(title, size) <= room:
        return [title]
    fewest = math.ceil(text_width(title, size) / room)
    breaks = sorted({index + len(word) if word == "年度" else index
                     for word in COVER_TITLE_BREAKS for index in _find_all(title, word)} - {0, len(title)})
    for count in (fewest, fewest + 1):  # one line more is better than a word cut in two
        best: list[str] | None = None
        for chosen in _combinations(breaks, count - 1):
            lines = [title[a:b] for a, b in zip((0, *chosen), (*chosen, len(title)))]
            if all(text_width(line, size) <= room for line in lines):
                if best is None or max(map(len, lines)) < max(map(len, best)):
                    best = lines
        if best is not None:
            return best
    step = math.ceil(len(title) / fewest)
    return [title[i:i + step] for i in range(0, len(title), step)]


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _combinations(items: list[int], count: int) -> list[tuple[int, ...]]:
    from itertools import combinations
    return list(combinations(items, count)) if 0 <= count <= len(items) else []


# -- the writer ---------------------------------------------------------------------------------

class _Writer:
    def __init__(self, publication: model.Publication, settings: dict, progress: Progress | None) -> None:
        self.publication, self.progress = publication, progress
        self.sizes = settings["sizes"]
        self.pages = pages(settings["page"])
        self.document: WordDocument = Document()
        self.body = self.document.element.body
        self.orientation = "portrait"
        self.fresh_page = True  # nothing written on the current page yet
        self.break_pending = False  # the next paragraph starts a new page
        self.styles: dict[str, ParagraphStyle] = {}

    # -- the whole document -------------------------------------------------------------------
    def write(self, path: Path) -> None:
        self._define_styles()
        self._properties()
        first = self.document.sections[0]
        self._shape(first, "portrait")
        self._cover()
        self._new_section("portrait")
        self._decorate(self.document.sections[-1])
        self._contents()
        blocks = sum(len(part.blocks) + 1 for part in self.publication.parts)
        done = 0
        for part in self.publication.parts:
            self._break("portrait")
            self._paragraph(part.title, heading_style(0))
            done += 1
            for index, block in enumerate(part.blocks):
                self._block(block, part.blocks[index + 1:])
                done += 1
                if self.progress is not None and done % 20 == 0:
                    self.progress("生成 Word 文档", done, blocks)
        ooxml.update_fields_on_open(self.document.settings.element)
        self._drop_thumbnail()
        if self.progress is not None:
            self.progress("保存 Word 文档", blocks, blocks)
        self.document.save(str(path))

    def _block(self, block: model.Block, following: tuple) -> None:
        size = self.sizes["table"]
        portrait = self.pages["portrait"].text_width
        if isinstance(block, model.PageBreak):
            after = next((b for b in following if not isinstance(b, model.PageBreak)), None)
            self._break(orientation_for(after, portrait, size))
        elif isinstance(block, model.Heading):
            self._paragraph(block.text, heading_style(block.level))
        elif isinstance(block, model.Paragraph):
            style = "Normal" if block.indent else "正文（无缩进）"
            self._paragraph(block.text, "草稿提示" if block.gap else style)  # a draft's placeholder: red
        elif isinstance(block, model.Table):
            wanted = orientation_for(block, portrait, size)
            if wanted != self.orientation:
                self._break(wanted)
            self._table(block)
        elif isinstance(block, model.Chart):
            self._chart(block)

    # -- styles ---------------------------------------------------------------------------------
    def _define_styles(self) -> None:
        styles = self.document.styles
        sizes = self.sizes
        body, leading = sizes["body"], sizes["body_leading"]
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        ooxml.set_fonts(rpr, SONG, LATIN)
        ooxml.set_language(rpr)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        ooxml.put(ppr, ooxml.element("spacing", after=0, line=240, lineRule="auto"), ooxml.PPR_ORDER)

        normal = self._style("Normal", FANG, body, align=WD_ALIGN_PARAGRAPH.JUSTIFY, leading=leading, after=2)
        ooxml.first_line_chars(normal.element.get_or_add_pPr(), 2, body)
        normal.paragraph_format.widow_control = True
        flush = self._style("正文（无缩进）", FANG, body, style_id="FDBodyFlush", base="Normal")
        ooxml.put(flush.element.get_or_add_pPr(), ooxml.element("ind", firstLineChars=0, firstLine=0), ooxml.PPR_ORDER)

        headings = (("Heading 1", HEI, sizes["part"], WD_ALIGN_PARAGRAPH.CENTER, 0, 12, sizes["part"] * 1.6, 0),
                    ("Heading 2", HEI, sizes["heading1"], WD_ALIGN_PARAGRAPH.LEFT, 10, 6, sizes["heading1"] * 1.5, 0),
                    ("Heading 3", HEI, sizes["heading2"], WD_ALIGN_PARAGRAPH.LEFT, 6, 4, sizes["heading2"] * 1.5, 2),
                    ("Heading 4", FANG, sizes["heading3"], WD_ALIGN_PARAGRAPH.LEFT, 2, 2, leading, 2))
        for name, font, size, align, before, after, line, indent in headings:
            style = self._style(name, font, size, align=align, leading=line, before=before, after=after,
                                keep_next=True, base="Normal")
            style.font.bold, style.font.italic = False, False
            style.font.color.rgb = RGBColor(0, 0, 0)
            pr = style.element.get_or_add_pPr()
            ooxml.put(pr, ooxml.element("ind", firstLineChars=indent * 100, firstLine=round(indent * body * 20)),
                      ooxml.PPR_ORDER)
            ooxml.outline_level(pr, int(name[-1]) - 1)

        cover_title = sizes["cover_title"]
        self._style("封面标题", HEI, cover_title, style_id="FDCoverTitle", align=WD_ALIGN_PARAGRAPH.CENTER,
                    leading=cover_title * 1.6, no_indent=True)
        self._style("封面信息", FANG, sizes["cover_line"], style_id="FDCoverLine", align=WD_ALIGN_PARAGRAPH.CENTER,
                    leading=sizes["cover_line"] * 1.8, no_indent=True)
        self._style("目录标题", HEI, 18, style_id="FDContentsTitle", align=WD_ALIGN_PARAGRAPH.CENTER, leading=30,
                    after=14, no_indent=True)
        width = round(self.pages["portrait"].text_width * ooxml.TWIPS_PER_POINT)
        for level, font, size, indent in ((1, HEI, 12, 0), (2, SONG, 11, 2), (3, SONG, 10.5, 4)):
            toc = self._style(f"toc {level}", font, size, style_id=f"TOC{level}", leading=size * 1.6, no_indent=True)
            pr = toc.element.get_or_add_pPr()
            ooxml.right_tab(pr, width, leader="dot")
            if indent:
                ooxml.left_chars(pr, indent, size)

        table_size = sizes["table"]
        caption = sizes["caption"] + 2
        self._style("表格标题", HEI, caption, style_id="FDTableTitle", align=WD_ALIGN_PARAGRAPH.CENTER,
                    leading=caption * 1.5, after=2, keep_next=True, no_indent=True)
        self._style("表号", SONG, table_size + 1, style_id="FDTableNumber", leading=(table_size + 1) * 1.5,
                    keep_next=True, no_indent=True)
        self._style("表格副标题", SONG, table_size + 1.5, style_id="FDTableSubtitle", align=WD_ALIGN_PARAGRAPH.CENTER,
                    leading=(table_size + 1.5) * 1.5, keep_next=True, no_indent=True)
        self._style("编制单位", SONG, table_size, style_id="FDTableUnit", leading=sizes["table_leading"] + 2, after=2,
                    keep_next=True, no_indent=True)  # its right tab stop is set per page shape
        self._style("表格文字", SONG, table_size, style_id="FDTableText", align=WD_ALIGN_PARAGRAPH.LEFT,
                    leading=sizes["table_leading"], no_indent=True)
        self._style("表注", SONG, table_size + 1, style_id="FDTableNote", leading=(table_size + 1) * 1.5, before=4,
                    no_indent=True)
        warning = self._style("草稿提示", HEI, table_size + 1, style_id="FDDraftNote", leading=(table_size + 1) * 1.5,
                              before=4, no_indent=True)
        warning.font.color.rgb = RED
        self._style("图片", SONG, body, style_id="FDPicture", align=WD_ALIGN_PARAGRAPH.CENTER, before=4,
                    keep_next=True, no_indent=True, leading=None)
        captioned = self._style("Caption", HEI, sizes["caption"] - 1.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=8,
                                leading=(sizes["caption"] - 1.5) * 1.5, no_indent=True)
        captioned.font.bold, captioned.font.italic = False, False
        captioned.font.color.rgb = RGBColor(0, 0, 0)
        self._style("间隔", SONG, 1, style_id="FDSpacer", leading=1, no_indent=True)
        for name in ("Header", "Footer"):
            style = self._style(name, SONG, sizes["footer"], leading=sizes["footer"] * 1.4, no_indent=True)
            style.font.color.rgb = GREY

    def _style(self, name: str, font: str, size: float, *, style_id: str | None = None, base: str | None = None,
               align=None, leading: float | None = None, before: float = 0, after: float = 0,
               keep_next: bool = False, no_indent: bool = False) -> ParagraphStyle:
        styles = self.document.styles
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if style_id:
                style.style_id = style_id
            style.base_style = styles[base or "Normal"]
            style.quick_style = True
        if base:
            style.base_style = styles[base]
        rpr = style.element.get_or_add_rPr()
        ooxml.set_fonts(rpr, font, LATIN)
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        if align is not None:
            fmt.alignment = align
        if leading is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(leading)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if keep_next:
            fmt.keep_with_next = True
        if no_indent:
            ooxml.put(style.element.get_or_add_pPr(), ooxml.element("ind", firstLineChars=0, firstLine=0),
                      ooxml.PPR_ORDER)
        self.styles[name] = style
        return style

    # -- document properties --------------------------------------------------------------------
    def _properties(self) -> None:
        pub = self.publication
        core = self.document.core_properties
        core.title = pub.title
        core.author = pub.department
        core.last_modified_by = pub.department
        core.subject = pub.subject
        keywords = pub.keywords or (pub.department, f"{pub.year}年度", "部门决算", "绩效评价")
        core.keywords = ", ".join(keywords)
        core.category = pub.subject
        core.comments = "FiscalDesk 部门决算公开与绩效自评助手" + ("（草稿）" if pub.draft else "")
        core.content_status = "草稿" if pub.draft else ""
        core.revision = 1
        now = datetime.now().replace(microsecond=0)
        core.created = core.modified = now

    def _drop_thumbnail(self) -> None:
        """python-docx's template carries a thumbnail of an empty English page; Explorer would show it."""
        package = self.document.part.package
        for key, relationship in list(package.rels.items()):
            if relationship.reltype.endswith("/thumbnail"):
                del package.rels[key]

    # -- sections, pages and breaks ----------------------------------------------------------------
    def _shape(self, section, orientation: str) -> None:
        page = self.pages[orientation]
        section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(page.width), Pt(page.height)
        section.top_margin, section.bottom_margin = Pt(page.top), Pt(page.bottom)
        section.left_margin, section.right_margin = Pt(page.left), Pt(page.right)
        section.header_distance, section.footer_distance = Mm(12), Mm(10)
        section.gutter = 0

    def _new_section(self, orientation: str) -> None:
        """A new section on a new page; its header and footer are the previous section's. The
        section break goes into the last paragraph, as Word itself puts it (a spacer after a table)."""
        last = self.body.sectPr.getprevious()
        if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            self._spacer()
            last = self.body.sectPr.getprevious()
        sentinel = self.body.sectPr
        last.set_sectPr(sentinel.clone())
        for reference in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(reference)
        self._shape(self.document.sections[-1], orientation)
        self.orientation = orientation
        self.fresh_page, self.break_pending = True, False

    def _break(self, orientation: str) -> None:
        """The next block starts a new page in `orientation`; consecutive breaks make one."""
        if orientation != self.orientation:
            if self.fresh_page and not self.break_pending and len(self.document.sections) > 2:
                self._shape(self.document.sections[-1], orientation)  # nothing on this section's page yet
                self.orientation = orientation
            else:
                self._new_section(orientation)
            return
        if not self.fresh_page:
            self.break_pending = True
            self.fresh_page = True

    def _decorate(self, section) -> None:
        """The running header (title, a rule, the draft watermark) and the "第 X 页 共 Y 页" footer,
        for this section and, linked, every later one; the cover section gets only the watermark.

        The cover counts as page 1, unlike in the PDF: NUMPAGES counts every page, and the one
        field that could subtract the cover ({= {NUMPAGES} - 1}) prints nonsense in LibreOffice."""
        pub = self.publication
        cover = self.document.sections[0]
        cover.header.is_linked_to_previous = False
        cover_header = cover.header.paragraphs[0]
        cover_header.style = self.styles["Header"]
        if pub.draft:
            cover_header._p.append(ooxml.watermark("草稿", HEI))
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = self.styles["Header"]
        header.add_run(ooxml.clean(pub.title))
        ooxml.bottom_border(header._p.get_or_add_pPr())
        if pub.draft:
            header._p.append(ooxml.watermark("草稿", HEI))
        section.footer.is_linked_to_previous = False
        footer = section.footer.paragraphs[0]
        footer.style = self.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer._p.append(ooxml.text_run("第 "))
        for run in ooxml.field("PAGE", "1"):
            footer._p.append(run)
        footer._p.append(ooxml.text_run(" 页 共 "))
        for run in ooxml.field("NUMPAGES", "1"):
            footer._p.append(run)
        footer._p.append(ooxml.text_run(" 页"))

    # -- paragraphs -----------------------------------------------------------------------------
    def _new_paragraph(self, style: str) -> Paragraph:
        p = OxmlElement("w:p")
        self.body.sectPr.addprevious(p) if self.body.sectPr is not None else self.body.append(p)
        paragraph = Paragraph(p, self.document._body)
        if style != "Normal":
            self._set_style(p, style)
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        self.fresh_page = False
        return paragraph

    def _paragraph(self, text: str, style: str, center: bool = False) -> Paragraph:
        paragraph = self._new_paragraph(style)
        if text:
            paragraph.add_run(ooxml.clean(text))
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def _spacer(self) -> None:
        """A paragraph of one point: what must stand between two tables, or hold a section break."""
        p = OxmlElement("w:p")
        self.body.sectPr.addprevious(p)
        self._set_style(p, "间隔")

    def _set_style(self, p, name: str) -> None:
        p.get_or_add_pPr().style = self.styles[name].style_id

    def _cover(self) -> None:
        pub = self.publication
        size = self.sizes["cover_title"]
        lines = cover_lines(pub.title, self.pages["portrait"].text_width, size)
        title = self._paragraph("\n".join(lines), "封面标题")
        title.paragraph_format.space_before = Mm(70)
        first = self._paragraph(pub.department, "封面信息")
        first.paragraph_format.space_before = Mm(95)
        self._paragraph(pub.date, "封面信息")
        if pub.draft:
            self._paragraph("（草稿）", "封面信息")

    def _contents(self) -> None:
        self._paragraph("目\u3000\u3000录", "目录标题")
        paragraph = self._new_paragraph("toc 1")
        for run in (ooxml.field_char("begin", dirty=True), ooxml.instruction(TOC_INSTRUCTION),
                    ooxml.field_char("separate"), ooxml.text_run(TOC_PLACEHOLDER), ooxml.field_char("end")):
            paragraph._p.append(run)

    # -- tables ---------------------------------------------------------------------------------
    def _table(self, table: model.Table) -> None:
        page = self.pages[self.orientation]
        size = self.sizes["table"]
        part_one = table.number.startswith("表")
        if table.number and not part_one:
            self._paragraph(table.number, "表号")
        if part_one:  # "表9 财政拨款“三公”经费支出决算表": the numbering every face uses, in the contents too
            self._paragraph(f"{table.number} {table.title}", "Heading 2", center=True)
        else:
            title = self._paragraph(table.title, "表格标题")
            ooxml.outline_level(title._p.get_or_add_pPr(), 3)
        if table.subtitle:
            self._paragraph(table.subtitle, "表格副标题")
        unit = self._paragraph(f"编制单位：{self.publication.department}\t{table.unit}", "编制单位")
        ooxml.right_tab(unit._p.get_or_add_pPr(), round(page.text_width * ooxml.TWIPS_PER_POINT))
        widths = column_widths(table, page.text_width, size)
        twips = [round(w * ooxml.TWIPS_PER_POINT) for w in widths]
        twips[-1] += round(page.text_width * ooxml.TWIPS_PER_POINT) - sum(twips)
        self.body.sectPr.addprevious(self._table_element(table, widths, twips, page))
        self.fresh_page = False
        if table.empty_statement:
            self._paragraph(table.empty_statement, "表注")  # carries its own 注：/说明：
        if table.unfilled:
            self._paragraph(f"【草稿提示】{table.unfilled}。", "草稿提示")
        for note in table.notes:
            self._paragraph(note, "表注")
        self._spacer()

    def _table_element(self, table: model.Table, widths: list[float], twips: list[int], page: Page):
        columns = table.columns
        tbl = OxmlElement("w:tbl")
        tbl.append(ooxml.table_properties(sum(twips), CELL_PADDING * ooxml.TWIPS_PER_POINT))
        tbl.append(ooxml.table_grid(twips))
        rows = (*table.header, *table.rows)
        origin: dict[tuple[int, int], tuple[int, model.Cell]] = {}  # grid position -> (first row, cell)
        for row_index, cells in enumerate(table.placed()):
            for column, cell in cells:
                for r in range(row_index, min(row_index + cell.rowspan, len(rows))):
                    for c in range(column, min(column + cell.colspan, columns)):
                        origin[(r, c)] = (row_index, cell)
        heights = self._row_heights(table, widths)
        header_rows = len(table.header)
        tall = page.text_height * TALL_ROW_SHARE
        for row_index, row in enumerate(rows):
            header = row_index < header_rows
            total = not header and bool(row) and all(cell.bold for cell in row if cell.text)
            tr = ooxml.row(header, keep_whole=heights[row_index] <= tall)
            fill = HEADER_FILL if header else TOTAL_FILL if total else None
            column = 0
            while column < columns:
                found = origin.get((row_index, column))
                if found is None:  # a row shorter than the grid: an empty cell keeps the table rectangular
                    tc = ooxml.cell(twips[column], 1, None, fill)
                    tc.append(self._cell_paragraph(model.Cell("")))
                    tr.append(tc)
                    column += 1
                    continue
                first_row, cell = found
                span = max(1, min(cell.colspan, columns - column))
                merge = None if cell.rowspan <= 1 else "restart" if first_row == row_index else "continue"
                tc = ooxml.cell(sum(twips[column:column + span]), span, merge, fill)
                tc.append(self._cell_paragraph(cell if first_row == row_index else model.Cell("")))
                tr.append(tc)
                column += span
            tbl.append(tr)
        return tbl

    def _cell_paragraph(self, cell: model.Cell):
        p = OxmlElement("w:p")
        paragraph = Paragraph(p, self.document._body)
        self._set_style(p, "表格文字")
        if cell.align != "left":
            paragraph.alignment = ALIGNMENTS[cell.align]
        if cell.indent:
            ooxml.left_chars(p.get_or_add_pPr(), cell.indent, self.sizes["table"])
        if cell.text:
            run = paragraph.add_run(ooxml.clean(cell.text))
            if cell.bold:
                run.bold = True
        return p

    def _row_heights(self, table: model.Table, widths: list[float]) -> list[float]:
        """Each row's estimated height in points (to let only very tall rows break across pages)."""
        size, leading = self.sizes["table"], self.sizes["table_leading"]
        heights = [leading + 3.0] * (len(table.header) + len(table.rows))
        for row_index, cells in enumerate(table.placed()):
            for column, cell in cells:
                room = max(sum(widths[column:column + cell.colspan]) - 2 * CELL_PADDING, size)
                lines = sum(max(1, math.ceil(text_width(line, size) / room)) for line in cell.text.split("\n"))
                height = (lines * leading + 3) / max(1, cell.rowspan)
                heights[row_index] = max(heights[row_index], height)
        return heights

    # -- charts ---------------------------------------------------------------------------------
    def _chart(self, chart: model.Chart) -> None:
        from desktop.io.pdf.raster import chart_png  # reportlab and Pillow draw the PDF's own chart

        width = self.pages[self.orientation].text_width
        drawn = chart_png(chart, width)
        if drawn is None:
            return
        png, picture_width, _height = drawn
        picture = self._new_paragraph("图片")
        picture.add_run().add_picture(BytesIO(png), width=Pt(min(picture_width, width)))
        self._paragraph(f"{chart.number} {chart.title}".strip(), "Caption")


def render_publication(publication: model.Publication, path: Path, progress: Progress | None = None) -> None:
    """Write the Word document of `publication` to `path`."""
    from desktop.io.pdf.fonts import typesetting  # the page and type sizes the PDF uses (reads JSON only)

    _Writer(publication, typesetting(), progress).write(path)
