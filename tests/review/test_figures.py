"""Figures as a reader sees them: value, unit, decimals, 千分号 and stray spaces (desktop/review/figures.py)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from desktop.review.figures import find_figures


def test_amounts_percentages_counts_scores_and_years():
    figures = find_figures("2023年度收、支总计1,234.50万元，增长430.79%，保有2辆，得分94.94分，占0 %。")
    assert [(f.kind, f.value, f.unit) for f in figures] == [
        ("year", Decimal("2023"), "年度"), ("amount", Decimal("1234.50"), "万元"), ("percent", Decimal("430.79"), "%"),
        ("count", Decimal("2"), "辆"), ("score", Decimal("94.94"), "分"), ("percent", Decimal("0"), "%")]
    amount = figures[1]
    assert (amount.yuan, amount.decimals, amount.grouped, amount.spaced) == (Decimal("12345000"), 2, True, False)
    assert figures[-1].spaced and figures[-1].text == "0 %"


def test_numbers_inside_codes_and_document_numbers_are_no_figures():
    assert find_figures("（石财绩效〔2023〕161号）科目2010301") == []
    assert [f.text for f in find_figures("科目2010301人大事务876,600.00元")] == ["876,600.00元"]


def test_a_bare_zero_after_the_budget_is_an_amount():
    [zero] = [f for f in find_figures("年初预算为0，比年初预算增加3,318.00元") if f.value == 0]
    assert (zero.kind, zero.unit, zero.text) == ("amount", "元", "0")


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False),
       st.sampled_from(["元", "万元", "亿元", "千元"]), st.booleans(), st.sampled_from(["", " "]),
       st.sampled_from(["收入", "，其中", "：", "合计为"]))
def test_any_written_amount_is_read_back_exactly(value, unit, grouped, space, before):
    written = f"{value:,.2f}" if grouped else f"{value:.2f}"
    [figure] = find_figures(f"{before}{written}{space}{unit}。")
    assert (figure.kind, figure.value, figure.unit, figure.decimals) == ("amount", value, unit, 2)
    assert figure.grouped == ("," in written) and figure.spaced == bool(space)


def test_a_minus_sign_is_a_negative_figure_except_after_a_ranges_lower_end():
    assert [f.value for f in find_figures("-5万元")] == [Decimal("-5")]
    assert [f.text for f in find_figures("评价得分在90(含)-100分的12个")] == ["12个"]
