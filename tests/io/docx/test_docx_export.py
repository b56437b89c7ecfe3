"""The Word document as a reader or an editor gets it, read back with python-docx: every text of
the publication in order, heading styles, real tables (spans, repeated headers, alignment), page
shapes, fields, properties, the draft marking, and the gate with its atomic write."""

from datetime import date

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Mm

from desktop.io.docx import ExportRefused, export_docx
from desktop.io.docx.render import heading_style, orientation_for, pages
from desktop.io.pdf.fonts import typesetting
from desktop.io.samples import load_sample
from desktop.publication import model
from desktop.publication.outline import build_publication
from desktop.synthetic import build_document

TODAY = date(2024, 8, 20)
DOCUMENTS = {"seed1": lambda: load_sample(1), "seed2": lambda: load_sample(2), "synthetic": build_document}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=sorted(DOCUMENTS))
def exported(request, tmp_path_factory):
    """(name, publication, python-docx Document, path) of a draft export."""
    document = DOCUMENTS[request.param]()
    path = tmp_path_factory.mktemp("docx") / f"{request.param}.docx"
    result = export_docx(document, path, draft=True, today=TODAY)
    assert result.path == path and result.draft and result.pages is None
    publication = build_publication(document, draft=True, today=TODAY)
    return request.param, publication, open_docx(str(path)), path


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    """The synthetic document (its gate is open) exported as the final file."""
    path = tmp_path_factory.mktemp("docx") / "final.docx"
    result = export_docx(build_document(), path, today=TODAY)
    assert not result.draft
    return open_docx(str(path)), path


def blocks(publication: model.Publication, kind: type) -> list:
    return [block for part in publication.parts for block in part.blocks if isinstance(block, kind)]


def body_texts(word) -> list[str]:
    """Every paragraph's text in reading order, table cells included (a cell covered by a merge
    counts once), line breaks removed."""
    texts = []
    for child in word.element.body.iterchildren():
        if child.tag == f"{W}p":
            texts.append(_text(child))
        elif child.tag == f"{W}tbl":
            for tc in child.iter(f"{W}tc"):
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                if merge is None or merge.get(f"{W}val") == "restart":
                    texts.append(_text(tc))
    return texts


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def expected_texts(publication: model.Publication) -> list[str]:
    """What Publication.text() lists (title, department, parts, headings, paragraphs, table
    captions, every cell, 空表 statements), one item each: a 第一部分 caption as "表N title" (its
    heading), other captions' number and title apart, and a cell whole even when it has line breaks."""
    items = [publication.title, publication.department]
    for part in publication.parts:
        items.append(part.title)
        for block in part.blocks:
            if isinstance(block, (model.Heading, model.Paragraph)):
                items.append(block.text)
            elif isinstance(block, model.Table):
                items += [f"{block.number} {block.title}"] if block.number.startswith("表") else \
                    [t for t in (block.number, block.title) if t]
                items += [cell.text for row in (*block.header, *block.rows) for cell in row if cell.text]
                if block.empty_statement:
                    items.append(block.empty_statement)
    return [item.replace("\n", "") for item in items]


def test_every_text_of_the_publication_appears_in_order(exported):
    _name, publication, word, _path = exported
    found = body_texts(word)
    position = 0
    for item in expected_texts(publication):
        while position < len(found) and item not in found[position]:
            position += 1
        assert position < len(found), f"missing or out of order: {item[:60]!r}"
        position += 1


def test_headings_use_the_built_in_heading_styles(exported):
    _name, publication, word, _path = exported
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    wanted = []
    for part in publication.parts:
        wanted.append(("Heading 1", part.title))
        for block in part.blocks:
            if isinstance(block, model.Heading):
                wanted.append((heading_style(block.level), block.text))
            elif isinstance(block, model.Table) and block.number.startswith("表"):
                wanted.append(("Heading 2", f"{block.number} {block.title}"))  # in the contents, as in the PDF
    assert styled == wanted
    assert heading_style(0) == "Heading 1" and heading_style(1) == "Heading 2" and heading_style(3) == "Heading 4"


def test_tables_keep_the_models_rows_columns_spans_headers_and_alignment(exported):
    _name, publication, word, _path = exported
    tables = blocks(publication, model.Table)
    elements = word.element.body.findall(f"{W}tbl")
    assert len(elements) == len(tables)
    for table, tbl in zip(tables, elements):
        rows = tbl.findall(f"{W}tr")
        assert len(rows) == len(table.header) + len(table.rows), table.title
        assert len(tbl.findall(f"{W}tblGrid/{W}gridCol")) == table.columns
        for index, (tr, cells) in enumerate(zip(rows, (*table.header, *table.rows))):
            tcs = tr.findall(f"{W}tc")
            spans = [int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) if tc.find(f"{W}tcPr/{W}gridSpan") is not None
                     else 1 for tc in tcs]
            assert sum(spans) == table.columns, (table.title, index)
            header = tr.find(f"{W}trPr/{W}tblHeader") is not None
            assert header == (index < len(table.header)), (table.title, index)
            starts = [tc for tc in tcs if _starts(tc)]
            assert len(starts) == len(cells), (table.title, index)
            for cell, tc in zip(cells, starts):
                assert _text(tc) == cell.text.replace("\n", "")
                if cell.colspan > 1:
                    assert tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == str(cell.colspan)
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                assert (merge is not None and merge.get(f"{W}val") == "restart") == (cell.rowspan > 1)
                jc = tc.find(f"{W}p/{W}pPr/{W}jc")
                if cell.align == "right":
                    assert jc is not None and jc.get(f"{W}val") == "right", cell.text
                if cell.text and cell.bold:
                    assert tc.find(f"{W}p/{W}r/{W}rPr/{W}b") is not None, cell.text
        continued = sum(1 for tc in tbl.iter(f"{W}tc") if _continues(tc))
        assert continued == sum(min(c.rowspan, len(rows) - r) - 1 for r, row in enumerate((*table.header, *table.rows))
                                for c in row if c.rowspan > 1), table.title


def _starts(tc) -> bool:
    return not _continues(tc)


def _continues(tc) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val") in (None, "continue")


def test_spans_in_the_samples_become_merged_cells(exported):
    name, _publication, word, _path = exported
    xml = word.element.xml
    assert 'w:gridSpan w:val="3"' in xml  # 表1's 收入 / 支出 over 项目, 行次, 金额
    assert 'w:vMerge w:val="restart"' in xml  # 表2's 本年收入合计 … over both header rows
    merged = word.tables[0].rows[0].cells
    assert merged[0] is not None and merged[0].text == merged[2].text == "收入", name  # python-docx sees one cell


def test_amounts_are_right_aligned_and_rows_kept_whole(final):
    word, _path = final
    first = word.tables[0]
    amount_cells = [c for row in first.rows for c in row.cells if c.text.replace(",", "").replace(".", "").isdigit()
                    and "," in c.text]
    assert amount_cells and all(c.paragraphs[0].alignment == 2 for c in amount_cells)  # WD_ALIGN_PARAGRAPH.RIGHT
    rows = word.element.body.findall(f"{W}tbl/{W}tr")
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)


def test_every_page_is_a4_and_wide_tables_are_in_landscape_sections(exported):
    name, publication, word, _path = exported
    for section in word.sections:
        size = sorted((round(section.page_width / Mm(1)), round(section.page_height / Mm(1))))
        assert size == [210, 297]
        assert (section.orientation == 1) == (section.page_width > section.page_height)
    portrait = pages(typesetting()["page"])["portrait"].text_width
    wanted = [orientation_for(t, portrait, typesetting()["sizes"]["table"]) for t in blocks(publication, model.Table)]
    found = [_section_of(tbl) for tbl in word.element.body.findall(f"{W}tbl")]
    assert found == wanted
    if name == "seed1":
        assert "landscape" in wanted  # 收入决算表 (eight amount columns) is wide


def _section_of(tbl) -> str:
    for following in tbl.itersiblings():
        sect_pr = following if following.tag == f"{W}sectPr" else following.find(f"{W}pPr/{W}sectPr")
        if sect_pr is not None:
            size = sect_pr.find(f"{W}pgSz")
            return "landscape" if int(size.get(f"{W}w")) > int(size.get(f"{W}h")) else "portrait"
    raise AssertionError("no section after the table")


def test_contents_page_number_fields_and_refresh_on_open(exported):
    _name, _publication, word, _path = exported
    codes = [t.text.strip() for t in word.element.body.iter(f"{W}instrText")]
    assert 'TOC \\o "1-3" \\h \\z \\u' in codes
    footer = word.sections[1].footer
    footer_codes = [t.text.strip() for t in footer._element.iter(f"{W}instrText")]
    assert footer_codes == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("第 ") and "页 共" in footer.paragraphs[0].text
    assert word.sections[0]._sectPr.find(f"{W}footerReference") is None  # the cover has no page number
    assert word.sections[1].header.paragraphs[0].text == _publication_title(word)
    assert all(s.header.is_linked_to_previous and s.footer.is_linked_to_previous for s in word.sections[2:])
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def _publication_title(word) -> str:
    return word.core_properties.title


def test_document_properties(final):
    word, _path = final
    core = word.core_properties
    assert core.title == "2023年度示例区科学技术委员会部门决算公开说明"
    assert core.author == "示例区科学技术委员会" and core.subject == "部门决算公开说明"
    assert "示例区科学技术委员会" in core.keywords and "2023年度" in core.keywords
    assert core.created is not None and core.created.year >= 2024


def test_styles_set_east_asian_and_latin_fonts(final):
    word, _path = final
    styles = word.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {k.split("}")[1]: v for k, v in default.attrib.items()} == {
        "ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "宋体", "cs": "Times New Roman"}
    for name, face in (("Normal", "仿宋"), ("Heading 1", "黑体"), ("Heading 2", "黑体"), ("Heading 3", "黑体"),
                       ("表格文字", "宋体"), ("Caption", "黑体")):
        fonts = word.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:eastAsia")) == face and fonts.get(qn("w:ascii")) == "Times New Roman", name
        assert not [k for k in fonts.attrib if "Theme" in k or "theme" in k], name
    assert word.styles["Heading 1"].font.bold is False  # 黑体 is heavy enough: no synthetic bold


def test_charts_are_pictures_with_captions(exported):
    _name, publication, word, _path = exported
    charts = blocks(publication, model.Chart)
    paragraphs = word.paragraphs
    pictures = [i for i, p in enumerate(paragraphs) if p._p.findall(f".//{qn('w:drawing')}")]
    assert len(pictures) == len(charts) == len(word.inline_shapes)
    for index, chart in zip(pictures, charts):
        assert paragraphs[index + 1].style.name == "Caption"
        assert paragraphs[index + 1].text == f"{chart.number} {chart.title}" and chart.number.startswith("图")
        assert paragraphs[index].paragraph_format.keep_with_next is not False


def test_a_draft_is_marked_on_every_page_and_a_final_file_nowhere(exported, final):
    _name, publication, word, _path = exported
    for section in word.sections[:2]:  # the cover's header, and the one every later section inherits
        xml = section.header._element.xml
        assert "PowerPlusWaterMarkObject" in xml and 'string="草稿"' in xml
    assert "（草稿）" in [p.text for p in word.paragraphs[:6]]
    assert word.core_properties.content_status == "草稿"
    final_word, final_path = final
    for section in final_word.sections:
        for part in (section.header, section.footer):
            assert "草稿" not in part._element.xml and "WaterMark" not in part._element.xml
    assert not [p.text for p in final_word.paragraphs if "草稿" in p.text]
    assert final_word.core_properties.content_status == ""


def test_a_document_with_errors_is_refused_and_nothing_written(tmp_path):
    target = tmp_path / "out.docx"
    with pytest.raises(ExportRefused) as refused:
        export_docx(load_sample(1), target, today=TODAY)
    assert "错误（强制性）" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_half_file_and_the_old_one_intact(tmp_path, monkeypatch):
    from desktop.io.docx import render

    target = tmp_path / "公开说明.docx"
    target.write_bytes(b"the previous export")

    def broken_chart(self, chart):
        raise RuntimeError("画图失败")

    monkeypatch.setattr(render._Writer, "_chart", broken_chart)
    with pytest.raises(RuntimeError, match="画图失败"):
        export_docx(load_sample(1), target, draft=True, today=TODAY)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["公开说明.docx"]


def test_progress_is_reported(tmp_path):
    calls = []
    export_docx(build_document(), tmp_path / "p.docx", progress=lambda *args: calls.append(args), today=TODAY)
    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "审核" and "生成 Word 文档" in stages and stages[-1] == "保存 Word 文档"
