"""The Word renderer on hand-made publications (every kind of block, spans, awkward text), its
layout rules (orientation, column widths, cover lines, tall rows), the chart pictures, lazy
imports, and LibreOffice opening the file where it is installed."""

import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as open_docx
from PIL import Image

from desktop.io.docx import read_back
from desktop.io.docx.render import column_widths, cover_lines, orientation_for, render_publication, text_width
from desktop.io.pdf.raster import chart_png, full_scale_scores
from desktop.publication import model
from desktop.publication.model import Cell
from desktop.synthetic import build_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parents[3]


def grouped_table(rows: int = 2, long_text: str = "") -> model.Table:
    header = ((Cell("项目", "center", True, rowspan=2), Cell("金额", "center", True, colspan=2)),
              (Cell("预算", "center", True), Cell("决算", "center", True)))
    body = [(Cell("合计", "center", True), Cell("1,000.00", "right", True), Cell("900.00", "right", True))]
    body += [(Cell(f"第{i}项" + long_text, indent=1), Cell("500.00", "right"), Cell("450.00", "right"))
             for i in range(1, rows)]
    return model.Table("测试表", header, tuple(body), (30, 15, 15), number="表1", unit="单位：元",
                       empty_statement="", notes=("说明：本表金额保留两位小数。",))


def publication(*blocks, draft=False) -> model.Publication:
    return model.Publication("2023年度测试部门部门决算公开说明", "测试部门", 2023, "2024年8月",
                             (model.Part("第一部分 测试", tuple(blocks)),), draft=draft)


def render(tmp_path, pub) -> tuple:
    path = tmp_path / "t.docx"
    render_publication(pub, path)
    return open_docx(str(path)), path


def test_every_block_kind_and_level_is_rendered(tmp_path):
    pie = model.Chart("composition", "收入构成", (("财政拨款", 300, "300.00元（75.0%）"), ("其他", 100, "100.00元（25.0%）")),
                        number="图1")
    pub = publication(model.Heading("零级", 0), model.Heading("一、一级", 1), model.Heading("（一）二级", 2),
                      model.Heading("1.三级", 3), model.Paragraph("正文缩进。"), model.Paragraph("1.不缩进", indent=False),
                      grouped_table(), model.PageBreak(), pie,
                      model.Table("空表", ((Cell("项目", "center", True),),), (), (10,), unfilled="空表未填写",
                                  empty_statement="注：本表为空表。"))  # the statement carries its own 注：/说明：
    word, _path = render(tmp_path, pub)
    styles = {p.text: p.style.name for p in word.paragraphs if p.text}
    assert [styles[t] for t in ("第一部分 测试", "零级", "一、一级", "（一）二级", "1.三级")] == [
        "Heading 1", "Heading 1", "Heading 2", "Heading 3", "Heading 4"]
    assert styles["正文缩进。"] == "Normal" and styles["1.不缩进"] == "正文（无缩进）"
    indent = word.styles["Normal"].element.find(f"{W}pPr/{W}ind")
    assert indent.get(f"{W}firstLineChars") == "200"
    texts = [p.text for p in word.paragraphs]
    assert "图1 收入构成" in texts and "注：本表为空表。" in texts and "【草稿提示】空表未填写。" in texts
    assert "说明：本表金额保留两位小数。" in texts and "编制单位：测试部门\t单位：元" in texts
    after_break = next(p for p in word.paragraphs if p._p.findall(f".//{W}drawing"))
    assert after_break.paragraph_format.page_break_before  # the PageBreak starts the chart's page


def test_header_spans_and_a_merged_label(tmp_path):
    word, _path = render(tmp_path, publication(grouped_table()))
    table = word.tables[0]
    top, second = table.rows[0].cells, table.rows[1].cells
    assert top[0].text == "项目"
    assert top[1]._tc is top[2]._tc and top[1].text == "金额"  # one cell over two columns
    assert [c.text for c in second] == ["项目", "预算", "决算"]  # python-docx resolves the vertical merge
    rows = table._tbl.findall(f"{W}tr")
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True, True, False, False]
    total = rows[2]
    assert total.find(f"{W}tc/{W}tcPr/{W}shd").get(f"{W}fill") == "F7F7F7"  # the 合计 row, shaded as in the PDF
    label = rows[3].findall(f"{W}tc")[0]
    assert label.find(f"{W}p/{W}pPr/{W}ind").get(f"{W}leftChars") == "100"  # indented one level


def test_text_that_xml_cannot_carry_is_dropped_and_line_breaks_kept(tmp_path):
    pub = publication(model.Paragraph("控制\x01字符\x0b与\ufffe换行\r\n第二行😀"),
                      grouped_table(long_text="\x07"))
    word, _path = render(tmp_path, pub)
    texts = [p.text for p in word.paragraphs]
    assert "控制字符与换行\n第二行😀" in texts
    assert word.tables[0].rows[3].cells[0].text == "第1项"


def test_a_very_tall_row_may_break_across_pages_and_others_not(tmp_path):
    long_text = "很长的说明文字" * 600
    word, _path = render(tmp_path, publication(_table_with_tall_row(long_text)))
    rows = word.tables[0]._tbl.findall(f"{W}tr")
    keep = [r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows]
    assert keep == [True, True, True, True, False, True]  # header ×2, 合计, 第1项, the tall one, 第2项


def _table_with_tall_row(long_text: str) -> model.Table:
    table = grouped_table(rows=3)
    rows = list(table.rows)
    rows.insert(2, (Cell(long_text), Cell("1.00", "right"), Cell("1.00", "right")))
    return model.Table(table.title, table.header, tuple(rows), table.widths, number=table.number, unit=table.unit)


def test_orientation_and_widths_follow_the_pdfs_rules():
    narrow = grouped_table()
    assert orientation_for(narrow, 462, 8.5) == "portrait"
    wide = model.Table("宽表", ((Cell("项目"), *(Cell(f"列{i}") for i in range(10))),),
                       ((Cell("一般公共服务"), *(Cell("123,456,789.00", "right") for _ in range(10))),), (20, *(10,) * 10))
    assert orientation_for(wide, 462, 8.5) == "landscape"
    assert orientation_for(model.Paragraph("x"), 462, 8.5) == "portrait"
    widths = column_widths(wide, 720, 8.5)
    assert sum(widths) == pytest.approx(720)
    assert min(widths[1:]) >= text_width("123,456,789.00", 8.5) + 6  # amounts never wrap
    assert text_width("1,234.00", 10) < text_width("一二三四", 10)


def test_cover_title_lines_break_at_natural_places():
    # too long for two lines without cutting 管理委员会: three natural lines, as printed covers have them
    assert cover_lines("2023年度中关村科技园区门头沟园管理委员会部门决算公开说明", 462, 24) == [
        "2023年度", "中关村科技园区门头沟园管理委员会", "部门决算公开说明"]
    assert cover_lines("2023年度示例区科学技术委员会部门决算公开说明", 462, 24) == [
        "2023年度示例区科学技术委员会", "部门决算公开说明"]
    assert cover_lines("短标题", 462, 24) == ["短标题"]
    lines = cover_lines("一二三四五六七八九十" * 5, 462, 24)  # no natural break: balanced pieces
    assert "".join(lines) == "一二三四五六七八九十" * 5 and all(text_width(line, 24) <= 462 for line in lines)


def test_chart_pictures_are_printable_and_scores_fill_their_own_points():
    chart = model.Chart("budget_actual", "三公", (("公务接待费", 6000, 4000, "6,000.00", "4,000.00"),
                                                 ("公务用车运行维护费", 40000, 30000, "40,000.00", "30,000.00")))
    png, width, height = chart_png(chart, 450)
    image = Image.open(BytesIO(png))
    assert round(image.info["dpi"][0]) == 200 and abs(image.width / 200 * 72 - width) < 1
    assert 100 < height < 220 and image.getextrema() != ((255, 255), (255, 255), (255, 255))
    items = [("产出", 3000, 3000, "30.00 / 30.00"), ("预算执行", 2000, 2000, "20.00 / 20.00"),
             ("效果", 3000, 1500, "15.00 / 30.00")]
    scaled = full_scale_scores(items)
    assert [points for _, points, _, _ in scaled] == [3000, 3000, 3000]
    assert [score for _, _, score, _ in scaled] == [3000, 3000, 1500]  # 20 of 20 is a full bar
    assert chart_png(model.Chart("composition", "空", ()), 450) is None


def test_read_back_summarises_the_file(tmp_path):
    _word, path = render(tmp_path, publication(model.Heading("一、概况", 1), grouped_table()))
    summary = read_back(path)
    assert summary["tables"] == 1 and summary["toc"] == 1 and summary["headings"] == 3
    assert "测试部门" in summary["text"]


def test_python_docx_is_not_imported_at_start():
    code = ("import sys, desktop.cli, desktop.io.docx, desktop.io.export, desktop.io.pdf; "
            "print(sorted(m for m in ('docx', 'lxml', 'reportlab', 'PIL') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (CI has none)")
def test_libreoffice_converts_the_document(tmp_path):
    from desktop.io.docx import export_docx

    export_docx(build_document(), tmp_path / "公开说明.docx", draft=True)
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "公开说明.docx")],
                            capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "公开说明.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000
