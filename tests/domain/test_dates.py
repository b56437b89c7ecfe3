"""The dates a clerk types for the publication checklist: every common way, never a guess."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.dates import DateRejected, format_date, parse_date


@pytest.mark.parametrize("text", ["2024-08-05", "2024/8/5", "2024.8.5", "20240805", "2024年8月5日", " 2024年08月05日 ",
                                  "２０２４－０８－０５", "2024 年 8 月 5 日"])
def test_the_ways_a_date_is_written(text):
    assert parse_date(text) == date(2024, 8, 5)


@pytest.mark.parametrize("text, message", [
    ("八月五日", "“八月五日”不是日期"), ("2024-13-01", "2024年没有13月1日"), ("2023-02-29", "2023年没有2月29日"),
    ("", "“”不是日期"), ("2024-8", "不是日期"), ("05/08/2024", "不是日期")])
def test_what_is_no_date_is_named(text, message):
    with pytest.raises(DateRejected, match=message):
        parse_date(text)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_date_reads_back_from_each_form(day):
    for text in (day.isoformat(), format_date(day), f"{day.year}/{day.month}/{day.day}", day.strftime("%Y%m%d")):
        assert parse_date(text) == day


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_refused_with_a_message(text):
    try:
        parsed = parse_date(text)
    except DateRejected as refused:
        assert "日期" in str(refused)
    else:
        assert isinstance(parsed, date)
