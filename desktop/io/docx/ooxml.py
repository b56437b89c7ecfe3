"""WordprocessingML pieces that python-docx has no API for: East Asian fonts, fields (contents,
page numbers), table borders and shading, merged cells, repeated header rows, the draft
watermark, and the setting that makes Word refresh the fields when the file is opened.

Kept apart from the renderer so that render.py reads as layout, and so each piece of raw XML is
written once. Every element is placed where the OOXML schema orders it, because Word rejects a
file whose elements are out of order ("unreadable content") even where LibreOffice does not.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

TWIPS_PER_POINT = 20
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The order of the children of w:rPr, w:pPr, w:tblPr, w:trPr and w:tcPr (ECMA-376 Part 1, §17).
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
              "tblHeader", "tblCellSpacing", "jc", "hidden")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark")
SETTINGS_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                                "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                                "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                                "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                                "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_IN_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def element(tag: str, **attributes: str | int) -> etree._Element:
    """A w: element with w: attributes: element("sz", val=24)."""
    made = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), str(value))
    return made


def put(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """Insert `child` into `parent` where `order` says, replacing an element of the same tag."""
    name = etree.QName(child).localname
    for existing in parent.findall(qn(f"w:{name}")):
        parent.remove(existing)
    rank = order.index(name)
    for index, sibling in enumerate(parent):
        sibling_name = etree.QName(sibling).localname
        if sibling_name in order and order.index(sibling_name) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def properties(parent: etree._Element, tag: str, first: bool = True) -> etree._Element:
    """The w:<tag> properties element of `parent` (w:pPr of a w:p, …), created first if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.insert(0, found) if first else parent.append(found)
    return found


# -- fonts ----------------------------------------------------------------------------------

def set_fonts(rpr: etree._Element, east_asia: str, latin: str) -> None:
    """Chinese text in `east_asia`, Latin letters and digits in `latin`; theme fonts removed, since
    a theme font attribute wins over the named font in Word, WPS and LibreOffice alike."""
    put(rpr, element("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin), RPR_ORDER)


def set_language(rpr: etree._Element) -> None:
    put(rpr, element("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"), RPR_ORDER)


# -- fields ---------------------------------------------------------------------------------

def field_char(kind: str, dirty: bool = False) -> etree._Element:
    run = OxmlElement("w:r")
    char = element("fldChar", fldCharType=kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def instruction(text: str) -> etree._Element:
    return _run_of("w:instrText", f" {text} ")


def text_run(text: str) -> etree._Element:
    return _run_of("w:t", clean(text))


def _run_of(tag: str, text: str) -> etree._Element:
    """A run holding one text-like element whose spaces Word must keep."""
    run = OxmlElement("w:r")
    content = OxmlElement(tag)
    content.set(qn("xml:space"), "preserve")
    content.text = text
    run.append(content)
    return run


def field(instruction_text: str, shown: str, dirty: bool = False) -> list[etree._Element]:
    """The runs of a complex field (PAGE, NUMPAGES, TOC …) whose last computed result is `shown`."""
    return [field_char("begin", dirty), instruction(instruction_text), field_char("separate"), text_run(shown),
            field_char("end")]


def update_fields_on_open(settings: etree._Element) -> None:
    """Word asks to refresh the contents and page numbers when the file is opened."""
    flag = element("updateFields", val="true")
    for existing in settings.findall(qn("w:updateFields")):
        settings.remove(existing)
    for name in SETTINGS_AFTER_UPDATE_FIELDS:
        follower = settings.find(qn(f"w:{name}"))
        if follower is not None:
            follower.addprevious(flag)
            return
    settings.append(flag)


# -- paragraphs -----------------------------------------------------------------------------

def bottom_border(ppr: etree._Element, size_eighths: int = 4, colour: str = "A6A6A6") -> None:
    borders = element("pBdr")
    borders.append(element("bottom", val="single", sz=size_eighths, space=1, color=colour))
    put(ppr, borders, PPR_ORDER)


def right_tab(ppr: etree._Element, position_twips: int, leader: str | None = None) -> None:
    tabs = element("tabs")
    tab = element("tab", val="right", pos=position_twips)
    if leader:
        tab.set(qn("w:leader"), leader)
    tabs.append(tab)
    put(ppr, tabs, PPR_ORDER)


def outline_level(ppr: etree._Element, level: int) -> None:
    put(ppr, element("outlineLvl", val=level), PPR_ORDER)


def first_line_chars(ppr: etree._Element, chars: int, size_points: float) -> None:
    """A first-line indent of `chars` characters (firstLineChars for Word and WPS, twips for the rest)."""
    indent = element("ind", firstLineChars=chars * 100, firstLine=round(chars * size_points * TWIPS_PER_POINT))
    put(ppr, indent, PPR_ORDER)


def left_chars(ppr: etree._Element, chars: int, size_points: float) -> None:
    put(ppr, element("ind", leftChars=chars * 100, left=round(chars * size_points * TWIPS_PER_POINT)), PPR_ORDER)


# -- tables ---------------------------------------------------------------------------------

def table_properties(width_twips: int, cell_margin_twips: int, inner: int = 4, outer: int = 8,
                     colour: str = "404040") -> etree._Element:
    """Centred, fixed layout (the widths are ours, not Word's autofit), a line around every cell."""
    tblpr = OxmlElement("w:tblPr")
    put(tblpr, element("tblW", w=width_twips, type="dxa"), TBLPR_ORDER)
    put(tblpr, element("jc", val="center"), TBLPR_ORDER)
    borders = element("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = inner if side.startswith("inside") else outer
        borders.append(element(side, val="single", sz=size, space=0, color=colour))
    put(tblpr, borders, TBLPR_ORDER)
    put(tblpr, element("tblLayout", type="fixed"), TBLPR_ORDER)
    margins = element("tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(element(side, w=cell_margin_twips if side in ("left", "right") else 28, type="dxa"))
    put(tblpr, margins, TBLPR_ORDER)
    put(tblpr, element("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1,
                       noVBand=1), TBLPR_ORDER)
    return tblpr


def table_grid(widths_twips: list[int]) -> etree._Element:
    grid = OxmlElement("w:tblGrid")
    for width in widths_twips:
        grid.append(element("gridCol", w=width))
    return grid


def row(header: bool, keep_whole: bool) -> etree._Element:
    """A w:tr; header rows repeat on every page, a row kept whole never breaks across pages."""
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    if keep_whole:
        put(trpr, element("cantSplit"), TRPR_ORDER)
    if header:
        put(trpr, element("tblHeader"), TRPR_ORDER)
    if len(trpr):
        tr.append(trpr)
    return tr


def cell(width_twips: int, colspan: int, merge: str | None, fill: str | None) -> etree._Element:
    """A w:tc spanning `colspan` grid columns; `merge` "restart" opens a vertical merge, "continue"
    is a cell covered by the one above (python-docx's merge writes the same gridSpan and vMerge)."""
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    put(tcpr, element("tcW", w=width_twips, type="dxa"), TCPR_ORDER)
    if colspan > 1:
        put(tcpr, element("gridSpan", val=colspan), TCPR_ORDER)
    if merge == "restart":
        put(tcpr, element("vMerge", val="restart"), TCPR_ORDER)
    elif merge == "continue":
        put(tcpr, element("vMerge"), TCPR_ORDER)
    if fill:
        put(tcpr, element("shd", val="clear", color="auto", fill=fill), TCPR_ORDER)
    put(tcpr, element("vAlign", val="center"), TCPR_ORDER)
    tc.append(tcpr)
    return tc


# -- the draft watermark --------------------------------------------------------------------

def watermark(text: str, font: str, width_points: int = 420, height_points: int = 210,
              colour: str = "#C00000", opacity: str = ".12") -> etree._Element:
    """Word's own kind of watermark (设计 ▸ 水印): a rotated text shape behind the text of every
    page of the header's sections; WPS and LibreOffice show it as a watermark too."""
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width_points}pt;height:{height_points}pt;"
             "rotation:315;z-index:-251654144;mso-wrap-edited:f;mso-position-horizontal:center;"
             "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
             "mso-position-vertical-relative:margin")
    xml = (
        f'<w:r {nsdecls("w")} xmlns:v="{VML}" xmlns:o="{OFFICE}"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
        '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
        '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        f'<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" style="{style}" '
        f'o:allowincell="f" fillcolor="{colour}" stroked="f"><v:fill opacity="{opacity}"/>'
        f'<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/></v:shape>'
        '</w:pict></w:r>'
    )
    return parse_xml(xml)
