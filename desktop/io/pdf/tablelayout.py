"""A publication table as a reportlab GridTable: cells as paragraphs, spans, header and total
fills, and column widths that keep every word whole.

Column widths start from the table's relative widths. A column is widened (taking the room from
columns that have some to spare) until each of its cells' unbreakable pieces fits on one line:
an amount, code or rate whole; a label's (header, bold cell or item name) longest word; a
text's longest number-with-unit. When those pieces ask for more than the page has (a Latin word
of 40 letters), the widest are cut to one common width and broken where the line is full; no
column is ever narrower than one character. Labels are then set by words.label_lines in balanced lines: a
header or bold label broken only between words ("指标/性质", never "指标性/质"), an item name
between words wherever that costs no extra line (so a table that fitted a page still does).
Other text follows linebreak.py's rules.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from desktop.io.pdf.fonts import latin_font, markup, text_width
from desktop.io.pdf.grid import GridTable
from desktop.io.pdf.linebreak import TOKEN
from desktop.io.pdf.paragraphs import Paragraph
from desktop.io.pdf.styles import HEI, SONG, Styles
from desktop.io.pdf.words import label_lines, pieces
from desktop.publication import model

HEADER_FILL = colors.HexColor("#EDEFF2")
TOTAL_FILL = colors.HexColor("#F7F7F7")
LINE = colors.HexColor("#404040")
PADDING = 3.0  # left and right padding of a cell
LABEL_CHARS = 24  # a body cell this short, without sentence punctuation, is a label: broken between words
SENTENCE = "，。；！？"
Placed = list[list[tuple[int, model.Cell]]]


def grid(table: model.Table) -> tuple[Placed, list[tuple]]:
    """Each row's cells with their column index (spans skip covered positions), and the SPAN commands."""
    placed: Placed = table.placed()
    spans = [("SPAN", (column, row_index), (column + cell.colspan - 1, row_index + cell.rowspan - 1))
             for row_index, cells in enumerate(placed) for column, cell in cells if cell.colspan > 1 or cell.rowspan > 1]
    return placed, spans


def is_figure(cell: model.Cell) -> bool:
    """Amounts, codes and rates: set on one line, never wrapped."""
    return bool(cell.text) and (cell.align == "right" or cell.text.isascii())


def is_label(cell: model.Cell, header: bool) -> bool:
    """Headers, bold cells (broken only between words) and item names (short, no sentence
    punctuation: broken between words wherever that takes no more lines)."""
    return header or cell.bold or (len(cell.text) <= LABEL_CHARS and not any(p in cell.text for p in SENTENCE))


class TableBuilder:
    """Builds the GridTables of one document (caching label layouts, which repeat from table to table)."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.size = styles.cells[("left", False)].fontSize
        self._indented: dict[tuple, ParagraphStyle] = {}
        self._labels: dict[tuple, str] = {}

    # widths --------------------------------------------------------------------------------------
    def figure_widths(self, table: model.Table, placed: Placed) -> list[float]:
        """Per column, the width its amount, code and rate cells need on one line; 0 for text."""
        needed = [0.0] * table.columns
        for cells in placed:
            for column, cell in cells:
                if cell.colspan == 1 and is_figure(cell):
                    face = latin_font(HEI if cell.bold else SONG)
                    needed[column] = max(needed[column], text_width(cell.text, face, self.size) + 8)
        return needed

    def minimum_widths(self, table: model.Table, placed: Placed) -> list[float]:
        """Per column, the width below which a word, a number with its unit or a figure would break."""
        needed = self.figure_widths(table, placed)
        header = len(table.header)
        for row_index, cells in enumerate(placed):
            for column, cell in cells:
                if cell.colspan != 1 or not cell.text or is_figure(cell):
                    continue
                font = HEI if cell.bold else SONG
                if is_label(cell, row_index < header):
                    parts = [part for line in cell.text.split("\n") for part in pieces(line)]
                else:
                    parts = [match.group() for match in TOKEN.finditer(cell.text)]
                if parts:
                    widest = max(text_width(part, font, self.size) for part in parts)
                    needed[column] = max(needed[column], widest + 2 * PADDING + cell.indent * self.size + 1)
        return needed

    def column_widths(self, table: model.Table, placed: Placed, width: float) -> list[float]:
        """The relative widths scaled to `width`, each raised to its minimum with room taken from
        the columns that have some to spare."""
        widths = [w * width / sum(table.widths) for w in table.widths]
        minimum = self.fitted_minimum(self.minimum_widths(table, placed), width)
        if sum(minimum) >= width:
            return [m * width / sum(minimum) for m in minimum]
        raised = [max(w, m) for w, m in zip(widths, minimum)]
        excess = sum(raised) - width
        spare = [r - m for r, m in zip(raised, minimum)]
        room = sum(spare)
        return [r - excess * s / room if room else r for r, s in zip(raised, spare)]

    def fitted_minimum(self, minimum: list[float], width: float) -> list[float]:
        """Minimum widths that fit `width` together, each at least one character wide: when the
        words and figures ask for more than the table has, the widest demands are cut down to one
        common width (those words then break where the line is full), so an unbroken word of 40
        letters can never squeeze another column to nothing."""
        floor = 2 * PADDING + self.size + 1
        wanted = [max(m, floor) for m in minimum]
        if sum(wanted) <= width or len(wanted) * floor >= width:
            return wanted
        low, high = floor, max(wanted)
        for _ in range(50):  # the cap at which the columns add up to `width`
            cap = (low + high) / 2
            low, high = (cap, high) if sum(min(w, cap) for w in wanted) < width else (low, cap)
        return [min(w, low) for w in wanted]

    # the table -----------------------------------------------------------------------------------
    def build(self, table: model.Table, width: float, frame_height: float) -> GridTable:
        placed, spans = grid(table)
        widths = self.column_widths(table, placed, width)
        header = len(table.header)
        data: list[list] = [[""] * table.columns for _ in placed]
        for row_index, cells in enumerate(placed):
            for column, cell in cells:
                if not cell.text:
                    continue
                style = self._cell_style(cell)
                text = cell.text
                if is_label(cell, row_index < header) and not is_figure(cell):
                    room = sum(widths[column:column + cell.colspan]) - 2 * PADDING - style.leftIndent
                    text = self._label(text, style.fontName, room, strict=row_index < header or cell.bold)
                data[row_index][column] = Paragraph(markup(text, style.fontName), style)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), SONG), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
            ("BOX", (0, 0), (-1, -1), 0.9, LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING), *spans,
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, header - 1), HEADER_FILL))
        for row_index, cells in enumerate(placed[header:], header):
            if cells and all(cell.bold for _, cell in cells if cell.text):  # a total or a row of labels
                commands += [("BACKGROUND", (column, row_index), (column + cell.colspan - 1, row_index + cell.rowspan - 1),
                              TOTAL_FILL) for column, cell in cells]  # whole cells: never half a merged one
        table_flowable = GridTable(data, colWidths=widths, repeatRows=header, style=TableStyle(commands),
                                   hAlign="CENTER")
        table_flowable.caption = f"{table.number} {table.title}".strip()
        table_flowable.frame_height = frame_height
        return table_flowable

    def _label(self, text: str, font: str, room: float, strict: bool) -> str:
        key = (text, font, round(room, 1), strict)
        if key not in self._labels:
            measure: Callable[[str], float] = lambda part: text_width(part, font, self.size)  # noqa: E731
            self._labels[key] = "\n".join(label_lines(text, room + 0.01, measure, strict))
        return self._labels[key]

    def _cell_style(self, cell: model.Cell) -> ParagraphStyle:
        style = self.styles.cells[(cell.align, cell.bold)]
        if not cell.indent:
            return style
        key = (cell.align, cell.bold, cell.indent)
        if key not in self._indented:
            self._indented[key] = ParagraphStyle(f"{style.name}-{cell.indent}", parent=style,
                                                 leftIndent=cell.indent * style.fontSize)
        return self._indented[key]
