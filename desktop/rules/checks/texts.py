"""What the clerk types, checked as it is typed (K-20, K-21): the slips 核对说明 finds in a
published 说明 that a single text can carry by itself (desktop/review/typed.py).

Every prose column the catalogue entry reads is checked, one partition per section, so an edit
re-checks the texts of its own table only.
"""

from __future__ import annotations

from typing import Callable, Iterator

from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding
from desktop.rules.registry import check


def _per_section(rule_id: str) -> Callable[[RuleContext], dict[str, tuple[str]]]:
    def parts(ctx: RuleContext) -> dict[str, tuple[str]]:
        from desktop.rules.catalogue import load_catalogue  # the catalogue loads the checks
        return {section: (section,) for section, _ in load_catalogue().rule(rule_id).reads}
    return parts


def _texts(ctx: RuleContext, part: str | None) -> Iterator[tuple[str, str, str, str]]:
    """(section, row, column, text) of every filled prose cell the rule reads."""
    for section_key, column_key in ctx.reads:
        if part is not None and section_key != part:
            continue
        for row_id, row in ctx.data.sections[section_key].rows.items():
            for column, value in row.items():
                if column_key in ("*", column) and isinstance(value, str) and value.strip():
                    yield section_key, row_id, column, value


@check("K-20", parts=_per_section("K-20"))
def unfinished_texts(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    from desktop.review.typed import unfinished
    for section, row, column, text in _texts(ctx, part):
        left = unfinished(text)
        if left:
            yield ctx.finding(section, row, column,
                              f"{ctx.label(section, row, column)} 中留有“{'”“'.join(left)}”，公开前请改为实际内容")


@check("K-21", parts=_per_section("K-21"))
def figure_formats(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    from desktop.review.typed import figure_slips
    for section, row, column, text in _texts(ctx, part):
        slips = figure_slips(text, ctx.format)
        if slips:
            yield ctx.finding(section, row, column, f"{ctx.label(section, row, column)} 中：{'；'.join(slips)}")
