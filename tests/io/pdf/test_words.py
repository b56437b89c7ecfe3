"""Word-aware breaking of labels and titles (desktop/io/pdf/words.py) and the number-with-unit
tokens of the paragraph breaker (linebreak.py), at many widths: a header label is broken only
between words, an item name between words wherever that costs no extra line, a title at the
department's name; no paragraph line ends inside an amount, a percentage or a year."""

import pytest
from reportlab.platypus import Paragraph

from desktop.io.pdf import fonts
from desktop.io.pdf.linebreak import TOKEN, break_opportunities
from desktop.io.pdf.styles import build_styles
from desktop.io.pdf.words import balanced_lines, fit_title, label_lines, pieces, title_lines

SIZE = 8.5


@pytest.fixture(scope="module")
def measure():
    fonts.register_fonts()
    return lambda text: fonts.text_width(text, fonts.FONT_NAMES["hei"], SIZE)


@pytest.mark.parametrize("label, words", [
    ("指标性质", ("指标", "性质")),
    ("科目编码", ("科目", "编码")),
    ("其中：授予小微企业合同金额", ("其中：", "授予", "小微企业", "合同", "金额")),
    ("项目资金（万元）", ("项目", "资金", "（万元）")),
    ("2023年12月前完成", ("2023年", "12月", "前", "完成")),
])
def test_labels_are_cut_into_words(label, words):
    assert pieces(label) == words


@pytest.mark.parametrize("label", ["指标性质", "度量单位", "附属单位上缴收入", "偏差原因分析及改进措施", "年初结转和结余"])
def test_a_header_label_breaks_only_between_words_at_every_width(measure, label):
    widest = max(measure(word) for word in pieces(label))
    for width in range(int(widest) + 1, int(measure(label)) + 20, 3):
        lines = label_lines(label, width, measure)
        assert "".join(lines) == label
        assert all(measure(line) <= width + 0.01 for line in lines)
        boundaries = {sum(len(p) for p in pieces(label)[:k]) for k in range(len(pieces(label)) + 1)}
        ends = {sum(len(line) for line in lines[:k]) for k in range(len(lines) + 1)}
        assert ends <= boundaries, (width, lines)


def test_header_lines_are_balanced(measure):
    assert label_lines("偏差原因分析及改进措施", measure("偏差原因分析及") + 1, measure) == ["偏差原因分析", "及改进措施"]


def test_an_item_name_takes_no_more_lines_than_breaking_anywhere(measure):
    name = "吸引产业链上下游企业精准落地园区"
    for width in range(30, 140, 4):
        soft = label_lines(name, width, measure, strict=False)
        anywhere = balanced_lines(list(name), width, measure)
        assert "".join(soft) == name and len(soft) == len(anywhere), width
    assert label_lines("国有资本经营预算财政拨款收入", measure("国有资本经营预算财政拨款收") + 1, measure,
                       strict=False) == ["国有资本经营预算", "财政拨款收入"]


def test_a_word_wider_than_the_column_is_cut_between_characters(measure):
    lines = label_lines("附属单位", measure("附属") + 1, measure)
    assert lines == ["附属", "单位"]
    assert label_lines("附属单位", measure("附") + 1, measure) == ["附", "属", "单", "位"]


def test_titles_break_at_the_department_and_shrink_a_little_to_keep_two_lines(measure):
    title, department = "2023年度中关村科技园区门头沟园管理委员会部门决算公开说明", "中关村科技园区门头沟园管理委员会"

    def at(text, size):
        return fonts.text_width(text, fonts.FONT_NAMES["hei"], size)

    size, lines = fit_title(title, department, 462, at, 24, 20)
    assert lines == ["2023年度中关村科技园区门头沟园管理委员会", "部门决算公开说明"] and 20 <= size <= 24
    assert title_lines(title, department, 10_000, measure) == [title]
    three = title_lines(title, department, at("中关村科技园区门头沟园管理委员会", 24) + 1, lambda t: at(t, 24))
    assert three == ["2023年度", "中关村科技园区门头沟园管理委员会", "部门决算公开说明"]


@pytest.mark.parametrize("text", ["比年初预算减少111,592.39元，下降16.6%。", "目标值≥90%，2023年度完成12.3万元。",
                                  "规则T1-03：80-90分（含80分）的0个。"])
def test_no_break_inside_a_number_with_its_unit(text):
    allowed = break_opportunities(text)
    for match in TOKEN.finditer(text):
        assert not any(allowed[index] for index in range(match.start() + 1, match.end())), match.group()
    assert {match.group() for match in TOKEN.finditer(text)} & {"111,592.39元", "16.6%", "≥90%", "2023年度", "12.3万元",
                                                                 "T1-03", "80-90分", "80分", "0个"}


def test_paragraph_lines_keep_amounts_whole_at_every_width():
    fonts.register_fonts()
    style = build_styles(fonts.typesetting()["sizes"]).body
    text = "本年度" + "资金使用规范，比年初预算减少111,592.39元，增长98.7%，目标值≥90%，2023年度，" * 6
    tokens = [match.span() for match in TOKEN.finditer(text)]
    for width in range(120, 460, 9):
        paragraph = Paragraph(fonts.markup(text, style.fontName), style)
        paragraph.wrap(width, 10_000)
        lines = ["".join(frag.text for frag in line.words) for line in paragraph.blPara.lines]
        assert "".join(lines) == text
        ends = {sum(len(line) for line in lines[:k]) for k in range(1, len(lines))}
        assert not any(start < end < stop for end in ends for start, stop in tokens), width
