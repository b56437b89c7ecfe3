"""Paragraph styles of the published PDF, from the sizes in typesetting.json and the fonts chosen.
Importing it installs the Chinese line breaking of linebreak.py for every paragraph.

No style says keepWithNext: headings and captions are kept with what follows them by keep.LeadIn,
which reportlab's keepWithNext would otherwise wrap into a KeepTogether of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from desktop.io.pdf import linebreak
from desktop.io.pdf.fonts import FONT_NAMES

linebreak.install()

SONG, HEI, FANG = FONT_NAMES["song"], FONT_NAMES["hei"], FONT_NAMES["fang"]
ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
GREY = colors.HexColor("#595959")


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    part: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]  # level 1, 2, 3
    body: ParagraphStyle
    body_flush: ParagraphStyle  # no first-line indent (list items)
    caption: ParagraphStyle
    caption_small: ParagraphStyle
    caption_small_center: ParagraphStyle
    note: ParagraphStyle
    warning: ParagraphStyle
    cells: dict[tuple[str, bool], ParagraphStyle]  # (align, bold)
    toc: tuple[ParagraphStyle, ...]
    toc_title: ParagraphStyle
    report_title: ParagraphStyle  # the title block of a publication without a cover
    report_line: ParagraphStyle
    report_part: ParagraphStyle  # a part title when parts run on
    footer_size: float


def build_styles(sizes: dict[str, float]) -> Styles:
    def style(name: str, font: str, size: float, leading: float | None = None, **extra) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.5,
                              wordWrap="CJK", **extra)

    body_size, table_size = sizes["body"], sizes["table"]
    headings = (
        style("h1", HEI, sizes["heading1"], spaceBefore=10, spaceAfter=6),
        style("h2", HEI, sizes["heading2"], spaceBefore=6, spaceAfter=4, firstLineIndent=2 * body_size),
        style("h3", FANG, sizes["heading3"], leading=sizes["body_leading"], spaceBefore=2, spaceAfter=2,
              firstLineIndent=2 * body_size),
    )
    cells = {}
    for align, code in ALIGNMENTS.items():
        for bold in (False, True):
            cells[(align, bold)] = style(f"cell-{align}-{bold}", HEI if bold else SONG, table_size,
                                         sizes["table_leading"], alignment=code)
    return Styles(
        cover_title=style("cover-title", HEI, sizes["cover_title"], sizes["cover_title"] * 1.6, alignment=TA_CENTER),
        cover_line=style("cover-line", FANG, sizes["cover_line"], sizes["cover_line"] * 1.8, alignment=TA_CENTER),
        part=style("part", HEI, sizes["part"], sizes["part"] * 1.6, alignment=TA_CENTER, spaceAfter=12),
        headings=headings,
        body=style("body", FANG, body_size, sizes["body_leading"], firstLineIndent=2 * body_size,
                   alignment=TA_JUSTIFY, spaceAfter=2),
        body_flush=style("body-flush", FANG, body_size, sizes["body_leading"], alignment=TA_JUSTIFY, spaceAfter=2),
        caption=style("caption", HEI, sizes["caption"] + 2, alignment=TA_CENTER, spaceAfter=2),
        caption_small=style("caption-small", SONG, table_size + 1),
        caption_small_center=style("caption-small-center", SONG, table_size + 1.5, alignment=TA_CENTER),
        note=style("note", SONG, table_size + 1, spaceBefore=4),
        warning=style("warning", HEI, table_size + 1, spaceBefore=4, textColor=colors.HexColor("#C00000")),
        cells=cells,
        toc=(style("toc0", HEI, 12, 22, leftIndent=0), style("toc1", SONG, 11, 18, leftIndent=2 * 11)),
        toc_title=style("toc-title", HEI, 18, 30, alignment=TA_CENTER, spaceAfter=14),
        report_title=style("report-title", HEI, sizes["report_title"], sizes["report_title"] * 1.5, alignment=TA_CENTER,
                           spaceAfter=4),
        report_line=style("report-line", FANG, body_size, sizes["body_leading"], alignment=TA_CENTER, spaceAfter=2),
        report_part=style("report-part", HEI, sizes["heading1"], spaceBefore=12, spaceAfter=6),
        footer_size=sizes["footer"],
    )
