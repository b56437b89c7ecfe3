"""What the clerk types, checked as it is typed: the slips 核对说明 finds in a published 说明 that a
single text can carry by itself (K-20, K-21: desktop/review/typed.py), and its figures against the
tables (K-22 per part of the 说明, K-23 per project: desktop/review/live.py).

K-20 and K-21 run one partition per section, so an edit re-checks the texts of its own table only;
K-22 one per group of texts (an edit of a table the group's part of the 说明 reads re-checks it),
K-23 one per project.
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
    return _cells(ctx, [(section, column) for section, column in ctx.reads if part is None or section == part])


def _cells(ctx: RuleContext, columns) -> Iterator[tuple[str, str, str, str]]:
    """(section, row, column, text) of every filled prose cell of `columns` ((section, column or "*"))."""
    for section_key, column_key in columns:
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


def _scope_parts(ctx: RuleContext) -> dict[str, tuple[str, ...]]:
    """K-22's partitions: the groups of typed_scopes.json, each with every table it reads."""
    from desktop.review.scopes import typed_scopes
    return {scope.key: scope.reads for scope in typed_scopes()}


@check("K-22", parts=_scope_parts)
def typed_figures(ctx: RuleContext, part: str | None = None) -> Iterator[Finding]:
    """Each typed text's figures against its part of the 说明 (resources/review/typed_scopes.json);
    the part is built only when a text of the group states a figure."""
    from desktop.review.live import TypedChecker, has_blanks, has_figures, scope_reference
    from desktop.review.scopes import typed_scope, typed_scopes
    for scope in typed_scopes() if part is None else (typed_scope(part),):
        cells = [(section, row, column, text) for section, row, column, text in _cells(ctx, scope.texts)
                 if has_figures(text)]
        if not cells or has_blanks(ctx.document, ctx.year, scope.reads):
            continue
        checker = TypedChecker(scope_reference(ctx.document, ctx.year, scope))
        for section, row, column, text in cells:
            found = checker.mismatches(text)
            if found:
                yield ctx.finding(section, row, column, _stated(ctx.label(section, row, column), found))


@check("K-23")
def project_text_figures(ctx: RuleContext, project: str) -> Iterator[Finding]:
    """A project's typed texts against its own funds, execution rate and score."""
    from desktop.review.live import PROJECT_TEXTS, TypedChecker, has_figures, project_has_blanks, project_reference
    from desktop.rules.checks.performance import project_score
    row = ctx.row("projects", project) or {}
    texts = [(column, row[column]) for column in PROJECT_TEXTS if isinstance(row.get(column), str) and has_figures(row[column])]
    if not texts or project_has_blanks(ctx.data.sections["project_funds"], project):
        return
    checker = TypedChecker(project_reference(ctx.document, ctx.year, project, project_score(ctx, project).to_json()))
    for column, text in texts:
        found = checker.mismatches(text)
        if found:
            yield ctx.finding("projects", project, column, _stated(ctx.label("projects", project, column), found))


def _stated(label: str, mismatches) -> str:
    """One finding per cell: its name, then each figure that differs."""
    return f"{label} 中：{'；'.join(m.message() for m in mismatches)}"
