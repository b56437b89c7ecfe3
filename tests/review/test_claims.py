"""What each figure is about (desktop/review/claims.py): the subject a figure is placed by, and
the figures that are none of the document's (a band's bounds, a range's upper end)."""

from __future__ import annotations

import pytest

from desktop.review.checker import Placer
from desktop.review.claims import claims_of
from desktop.review.outline import sentences
from desktop.review.reference import reference_of
from desktop.domain.profiles import load_profile


def read(text: str) -> list[tuple[str, str]]:
    return [(c.figure.text, c.subject) for c in claims_of(sentences([text])[0])]


@pytest.mark.parametrize("text, expected", [
    # an aside with 包括 before the figures does not swallow their subjects (seed 1's 自评开展情况)
    ("某委员会实施了绩效自评（包括中央对地方转移支付项目、部门预算项目），评价项目21个，涉及金额6881.82万元。",
     [("21个", "评价项目"), ("6881.82万元", "评价项目涉及")]),
    # a list after 包括 up to the figure still names the item before it, parentheses and all
    ("商品和服务支出：包括办公费、维修（护）费、租赁费等支出671,738.48元。", [("671,738.48元", "商品和服务支出")]),
    # a band's count is about the band; its bounds ("（含80分）") are no figures
    ("评价得分在90分（含90分）以上的21个，评价得分在80-90分（含80分）的0个，评价得分在60分以下的0个。",
     [("21个", "评价得分在90分以上"), ("0个", "评价得分在80-90分"), ("0个", "评价得分在60分以下")]),
    # "90(含)-100分" is a range, not a score of minus 100
    ("评价项目13个，评价得分在90(含)-100分的12个，评价得分在80(含)-90分的1个。",
     [("13个", "评价项目"), ("12个", "评价得分在90-100分"), ("1个", "评价得分在80-90分")]),
    # a project's own figures are named without "本项目"
    ("本项目全年预算数50.00万元，全年执行数48.00万元。", [("50.00万元", "预算数"), ("48.00万元", "执行数")]),
])
def test_subjects(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["评价得分在90分（含90分）以上的21个。", "新建立党组织3家。"])
def test_a_count_is_compared_only_with_counts_of_its_measure_word(text):
    """"…以上的21个" never meets "专用设备21台（套）", nor "3家" the "3个" 内设机构 (seed 1's typed
    texts once matched so, by value)."""
    fmt = load_profile("beijing-district").format
    reference = reference_of(["一、国有资产占用情况", "单价100万元以上的专用设备21台（套）。", "本部门共设3个内设机构。"],
                             [], 2023, "", fmt)
    [claim] = claims_of(sentences([text])[0])
    assert Placer(reference).place(claim).status == "unplaced"


def test_a_short_sentence_of_the_说明_is_its_own_even_when_a_typed_text_holds_it():
    """"共5人。" is too short to be told from the clerk's words: it stays a figure of the 说明."""
    fmt = load_profile("beijing-district").format
    reference = reference_of(["一、人员情况", "共5人。"], ["本单位机构改革后共5人。"], 2023, "", fmt)
    assert [c.figure.text for c in reference.claims] == ["5人"] and reference.quoted == ()


def test_a_share_is_compared_only_with_shares_of_the_same_whole():
    """"占部门项目总金额的50.0%" is no share of 本年财政拨款支出, however alike the subjects."""
    fmt = load_profile("beijing-district").format
    reference = reference_of(["一、总体情况", "一般公共服务支出741,866.00元，占本年财政拨款支出的20.0%。"], [], 2023, "", fmt)
    placer = Placer(reference)
    [_, share] = claims_of(sentences(["一般公共服务支出741,866.00元，占部门项目总金额的50.0%。"])[0])
    assert placer.place(share).status == "unplaced"
    [_, share] = claims_of(sentences(["一般公共服务支出741,866.00元，占本年财政拨款支出的25.0%。"])[0])
    assert placer.place(share).status == "wrong"


def test_a_list_item_wrapped_at_a_comma_is_no_heading():
    from desktop.review.outline import heading_level
    assert heading_level("（三）负责科技成果转化和技术市场管理工作，培育科技型中小企业") is None
    assert heading_level("（二）“三公”经费财政拨款决算情况说明") == 2
