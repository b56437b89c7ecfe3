"""Chinese line breaking (desktop/io/pdf/linebreak.py, installed by importing styles.py): across
many widths, no line of a wordWrap="CJK" Paragraph after the first starts with a character of
ALL_CANNOT_START, in the single-font path (plain text) and the multi-font path (`markup` text),
and no character is lost or repeated; reportlab's own splitting breaks the same text badly.
"""

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from desktop.io.pdf import fonts, linebreak
from desktop.io.pdf.styles import build_styles

TEXTS = (
    "本年收入合计78,129,577.73元（其中：一般公共预算财政拨款收入78,129,577.73元）：主要用于“两区”建设。”"
    "支出决算（含项目支出），比上年增加（减少）：“三公”经费。",
    "主要原因是：（一）人员增加；（二）项目调整）：其他。”另外，“三公”经费（含公务接待费）：0.00元。”",
    "收入总计156,259,155.50元，支出总计156,259,155.50元，收支平衡。其中：基本支出9,311,521.13元，"
    "占11.9%；项目支出68,818,056.60元，占88.1%。",
    "指“因公出国（境）费”、“公务用车购置及运行维护费”、“公务接待费”。”（注：2023年度）。《办法》）：完成。",
)
WIDTHS = range(60, 400, 7)
BROKEN_AT = 95  # a width where reportlab alone starts a line of TEXTS[1] with "："


@pytest.fixture(scope="module")
def styles():
    fonts.register_fonts()
    return build_styles(fonts.typesetting()["sizes"])


def line_texts(paragraph: Paragraph) -> list[str]:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(frag.text for frag in line.words) for line in lines]


def bad_starts(lines: list[str]) -> list[str]:
    return [line for line in lines[1:] if line[:1] and line[0] in linebreak.ALL_CANNOT_START]


def wrapped(source: str, style, width: int) -> Paragraph:
    paragraph = Paragraph(source, style)
    paragraph.wrap(width, 10_000)
    return paragraph


def _styles_of(styles):
    return (styles.body, styles.headings[0], styles.cells[("left", False)], styles.cells[("right", True)])


def test_importing_styles_installs_the_patch(styles):
    assert rl_paragraph.cjkFragSplit is linebreak.cjk_split
    assert rl_paragraph.wordSplit is linebreak.word_split
    assert set("）：。”，、％") <= set(linebreak.ALL_CANNOT_START)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_single_font_lines_never_start_with_closing_punctuation(styles, text):
    for style in _styles_of(styles):
        for width in WIDTHS:
            paragraph = wrapped(text, style, width)
            assert paragraph.blPara.kind == 0  # reportlab's single-font path
            lines = line_texts(paragraph)
            assert bad_starts(lines) == [], (style.name, width, lines)
            assert "".join(lines) == text, (style.name, width, lines)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_mixed_font_lines_never_start_with_closing_punctuation(styles, text):
    for style in _styles_of(styles):
        source = fonts.markup(text, style.fontName)
        assert "<font " in source
        for width in WIDTHS:
            paragraph = wrapped(source, style, width)
            assert paragraph.blPara.kind == 1  # the multi-font (fragment) path
            lines = line_texts(paragraph)
            assert bad_starts(lines) == [], (style.name, width, lines)
            assert "".join(lines) == text, (style.name, width, lines)


def test_many_lines_are_really_produced(styles):
    assert len(line_texts(wrapped(TEXTS[0], styles.body, WIDTHS[0]))) > 10
    assert len(line_texts(wrapped(TEXTS[0], styles.body, WIDTHS[-1]))) >= 2


def test_reportlab_alone_starts_a_line_with_a_colon(styles):
    style = styles.body
    text = TEXTS[1]
    unpatched = [words for _, words in linebreak._ORIGINAL_WORD_SPLIT(text, [BROKEN_AT], style.fontName, style.fontSize)]
    assert "：其他。”另外，" in unpatched
    patched = [words for _, words in linebreak.word_split(text, [BROKEN_AT], style.fontName, style.fontSize)]
    assert bad_starts(patched) == [] and "".join(patched) == text


def test_reportlab_alone_breaks_the_mixed_font_case_too(styles):
    paragraph = Paragraph(fonts.markup(TEXTS[1], styles.body.fontName), styles.body)
    unpatched = linebreak._ORIGINAL_SPLIT(paragraph.frags, [BROKEN_AT], False)
    lines = ["".join(frag.text for frag in line.words) for line in unpatched.lines]
    assert bad_starts(lines) == ["：其他。”另外，"]
    assert bad_starts(line_texts(wrapped(fonts.markup(TEXTS[1], styles.body.fontName), styles.body, BROKEN_AT))) == []


def test_shortened_lines_are_justified_to_the_full_width(styles):
    style = styles.body
    lines = linebreak.word_split(TEXTS[1], [BROKEN_AT], style.fontName, style.fontSize)
    unpatched = linebreak._ORIGINAL_WORD_SPLIT(TEXTS[1], [BROKEN_AT], style.fontName, style.fontSize)
    shortened = next(index for index, (a, b) in enumerate(zip(lines, unpatched)) if a[1] != b[1])
    assert len(lines[shortened][1]) < len(unpatched[shortened][1])
    assert lines[shortened][0] > unpatched[shortened][0]  # the room given up is spread as extra space
