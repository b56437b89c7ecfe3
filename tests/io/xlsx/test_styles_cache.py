"""`style` sets a cell's styles exactly as openpyxl's own assignments do, in any workbook."""

from openpyxl import Workbook

from desktop.io.xlsx.styles import BODY_FONT, BOLD_FONT, BORDER, CENTER, HEADER_FILL, aligned, style


def test_style_equals_openpyxls_assignment_in_each_workbook(tmp_path):
    for _book in range(2):  # the indexes are the workbook's own: a second workbook starts afresh
        book = Workbook()
        sheet = book.active
        expected = sheet.cell(1, 1)
        expected.font, expected.fill, expected.border, expected.alignment = BOLD_FONT, HEADER_FILL, BORDER, CENTER
        cell = style(sheet.cell(2, 1), font=BOLD_FONT, fill=HEADER_FILL, border=BORDER, alignment=CENTER)
        assert list(cell._style) == list(expected._style)  # the same indexes into the same tables
        style(cell, font=BODY_FONT)  # one attribute changed, the others kept
        assert book._fonts[cell._style.fontId] == BODY_FONT
        assert book._fills[cell._style.fillId] == HEADER_FILL and book._alignments[cell._style.alignmentId] == CENTER
        other = style(sheet.cell(3, 1), alignment=aligned("right", 2))
        assert other.alignment.horizontal == "right" and other.alignment.indent == 2 and other.alignment.wrap_text
        assert aligned("right", 2) is aligned("right", 2)
        book.save(tmp_path / "styled.xlsx")
