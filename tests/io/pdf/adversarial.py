"""Publications built to break the typesetting rules: headings at every height of a page, tables
with merged cells and multi-line cells longer than a page, narrow header columns, amounts and
percentages at every position of a line, numbered charts (one a single slice, one of scores), a
heading followed by a page break, a wide table after a part title; a table after fillers of every
height; a cell taller than a page; long titles. Deterministic, small enough to lay out in well under a second each.
"""

from __future__ import annotations

from desktop.publication.model import Cell, Chart, Heading, PageBreak, Paragraph, Part, Publication, Table

DEPARTMENT = "中关村科技园区门头沟园管理委员会"
NUMERALS = "一二三四五六七八九十"
CATEGORIES = ("产出", "效益", "满意度")
SENTENCE = "本年度各项工作有序推进，资金使用规范，"
FIGURES = ("比年初预算减少111,592.39元", "增长98.7%", "目标值≥90%", "2023年度", "12.3万元", "下降16.6%",
           "规则T1-03", "执行率100.0%", "面积1,234.56平方米", "增加6,881,820.00元")


def _numeral(number: int) -> str:
    return NUMERALS[number - 1] if number <= 10 else f"十{NUMERALS[number - 11]}" if number < 20 else str(number)


def small_table(number: int, rows: int, tall_first_row: bool = False) -> Table:
    """Six columns, narrow header labels; the first row's name of four lines when `tall_first_row`."""
    header = (tuple(Cell(text, "center", True) for text in
                    ("科目编码", "科目名称", "指标性质", "度量单位", "年初预算数", "决算数")),)
    tall = "主要用于保障机构正常运转、完成日常工作任务，包括人员经费和公用经费，以及专项业务工作经费，"
    body = tuple((Cell(f"2{number:02d}{row:02d}", "center"),
                  Cell(f"{tall if tall_first_row and row == 1 else ''}一般公共服务支出{row}"), Cell("≥", "center"),
                  Cell("万元", "center"), Cell(f"{number * 1000 + row:,}.00", "right"),
                  Cell(f"{number * 900 + row:,}.50", "right")) for row in range(1, rows + 1))
    return Table(title=f"测试表格{number}", header=header, rows=body, widths=(7, 20, 4, 4, 10, 10),
                 number=f"表{number}", unit="单位：元", subtitle="（2023年度）")


def long_table() -> Table:
    """Three merged categories of 30 rows each, two header rows, some cells of several lines."""
    header = ((Cell("类别", "center", True, rowspan=2), Cell("三级指标", "center", True, rowspan=2),
               Cell("指标值", "center", True, colspan=2), Cell("偏差原因分析及改进措施", "center", True, rowspan=2)),
              (Cell("年度指标值", "center", True), Cell("实际完成值", "center", True)))
    rows = []
    for category in CATEGORIES:
        for row in range(30):
            cells = [Cell(category, "center", rowspan=30)] if row == 0 else []
            reason = (f"第{row + 1}项：" + "原因说明，" * (4 + row % 8)) if row % 5 else ""
            cells += [Cell(f"{category}指标第{row + 1}项"), Cell(f"≥{90 + row % 10}%", "center"),
                      Cell(f"{95 + row % 5}%", "center"), Cell(reason)]
            rows.append(tuple(cells))
    return Table(title="部门整体绩效目标及完成情况表", header=header, rows=tuple(rows), widths=(8, 30, 10, 10, 42))


def wide_table() -> Table:
    """Twelve amount columns (landscape), forty rows."""
    labels = ("项目", *(f"第{index}季度决算数" for index in range(1, 12)))
    header = (tuple(Cell(label, "center", True) for label in labels),)
    rows = tuple((Cell(f"项目{row}"), *(Cell(f"{row * 123457 + column:,}.00", "right") for column in range(11)))
                 for row in range(1, 41))
    return Table(title="宽表", header=header, rows=rows, widths=(10, *([8] * 11)), number="表99", unit="单位：元")


def figures_paragraph(offset: int) -> Paragraph:
    """Amounts with units at every position of a line: each paragraph shifts them by `offset` characters."""
    return Paragraph("经" * offset + "".join(f"{SENTENCE}{figure}，" for figure in FIGURES) + "情况良好。")


def adversarial() -> Publication:
    blocks: list = []
    table_number = 0
    for section in range(1, 15):
        blocks += [Heading(f"{_numeral(section)}、第{section}部分工作情况", 1),
                   Paragraph(SENTENCE * (section % 6 + 1) + FIGURES[section % len(FIGURES)] + "。"),
                   Heading(f"（一）第{section}项具体情况", 2), Heading(f"{section}.细项", 3)]
        if section % 3 == 0:
            table_number += 1
            blocks.append(small_table(table_number, 3 + section % 4))
        elif section % 3 == 1:
            blocks.append(figures_paragraph(section))
        else:
            blocks += [Paragraph(SENTENCE * 3),
                       Chart("composition", f"第{section}部分支出构成",
                             (("基本支出", 931152113, "9,311,521.13元（11.9%）"),
                              ("项目支出", 6890000000, "68,900,000.00元（88.1%）")), number=f"图{section}")]
    blocks += [Heading("十五、单一构成", 1), Paragraph("本年收入全部为财政拨款收入。"),
               Chart("composition", "单一收入构成", (("财政拨款收入", 100, "1.00元（100.0%）"),), number="图98"),
               Chart("score", "得分构成", (("预算执行", 2000, 2000, "20.00 / 20.00"), ("产出", 3000, 2500, "25.00 / 30.00"),
                                          ("效果", 1500, 1200, "12.00 / 15.00")), number="图99"),
               Heading("十六、长表", 1), long_table(),
               Heading("十七、分页之前的标题", 1), PageBreak(), Heading("1.分页之后", 3), small_table(90, 4)]
    parts = (Part("第一部分 版式测试", tuple(blocks)),
             Part("第二部分 宽表", (wide_table(),)),
             Part("第三部分 数字与单位", tuple(figures_paragraph(offset) for offset in range(24))))
    return Publication(title=f"2023年度{DEPARTMENT}部门决算公开说明", department=DEPARTMENT, year=2023,
                       date="2024年8月", parts=parts)


def sweep() -> Publication:
    """A table (caption, header, six rows) after fillers of every height near a page's length, one
    per page: somewhere only its caption, or its caption, header and a row or two, fit."""
    blocks: list = []
    for headings in range(5):
        for lines in range(23, 29):
            blocks += [Heading(f"{_numeral(index + 1)}、第{lines}组", 1) for index in range(headings)]
            blocks += [Paragraph(f"本段一行，第{index + 1}段。") for index in range(lines)]
            blocks += [small_table(headings * 10 + lines, 6, tall_first_row=headings % 2 == 1), PageBreak()]
    return Publication(title=f"2023年度{DEPARTMENT}部门决算公开说明", department=DEPARTMENT, year=2023,
                       date="2024年8月", parts=(Part("第一部分 表格位置", tuple(blocks[:-1])),))


def tall_cell() -> Publication:
    """A table row taller than a whole page: it must still be laid out (split inside the row)."""
    text = "说明，第二行" * 1500
    table = Table(title="超长说明", header=((Cell("项目", "center", True), Cell("说明", "center", True)),),
                  rows=((Cell("概况"), Cell(text)), (Cell("其他"), Cell("无。"))), widths=(10, 40))
    return Publication(title="2023年度测试单位部门决算公开说明", department="测试单位", year=2023, date="2024年8月",
                       parts=(Part("第一部分 超长单元格", (Paragraph("说明如下。"), table)),))


LONG_DEPARTMENT = "北京市某某区某某街道办事处社区建设与公共服务综合管理委员会"


def titled(department: str) -> Publication:
    return Publication(title=f"2023年度{department}部门决算公开说明", department=department, year=2023,
                       date="2024年8月", parts=(Part("第一部分 正文", (Paragraph("正文。"),)),))
