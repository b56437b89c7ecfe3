"""Any text at all can be checked: no crash, every figure accounted for, every figure inside its
sentence, every problem with a message (property tests over the reading of a 说明)."""

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.review.checker import UNPLACED, check_text
from desktop.review.claims import claims_of
from desktop.review.outline import heading_level, sentences

PIECES = st.sampled_from(["收入", "支出", "合计", "本年", "上年", "年初预算", "比", "增加", "减少", "增长", "下降", "占",
                          "的", "车均", "收、支总计", "其中", "：", "，", "。", "；", "（类）", "“", "”", " ", "　", "\n",
                          "一、", "（二）", "3.", "元", "万元", "亿元", "%", "个", "辆", "分", "年度", "XX", "增加（减少）",
                          "2023", "2022", "0", "1,234.50", "876600", "100", "98.75", "-", "为"])
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@cache
def reference():
    from desktop.io.jsonio import read_json
    from desktop.paths import resource_path
    from desktop.review.reference import build_reference
    return build_reference(read_json(resource_path("samples", "seed1.json")), 2023)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS, max_size=6))
def test_any_text_is_checked_and_every_figure_accounted_for(paragraphs):
    report = check_text(paragraphs, reference())
    assert report.checked + report.count(UNPLACED) == report.found
    assert all(r.reason for r in report.figures if r.status == UNPLACED)
    assert all(f.message and f.rule.startswith("K-") for f in report.findings)
    assert report.summary().startswith(f"共找到{report.found}个数字")


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_sentences_keep_every_word_and_figures_stay_inside_them(text):
    lines = [line for line in text.splitlines() if line.strip() and heading_level(line) is None]
    kept = "".join(s.text for s in sentences([text]))
    assert kept == "".join("".join(piece.strip() for piece in _pieces(line)) for line in lines)
    for sentence in sentences([text]):
        for claim in claims_of(sentence):
            figure = claim.figure
            assert sentence.text[figure.start:figure.end] == figure.text


def _pieces(line):
    import re
    return [p for p in re.split(r"(?<=[。！？；;])", line) if p.strip()]
