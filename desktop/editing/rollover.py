"""Starting a document: a blank one, or next year's started from a year the clerk already filled.

Most of a department's final accounts change every year, but its units, its classification
codes, its performance indicator definitions and its projects mostly do not, and this year's
figures are next year's 上年数. `next_year_document` carries exactly that and nothing else, so
the clerk starts from the right skeleton and never retypes a prior-year figure by hand.

What is carried is declared as data below (`CARRIED_*`, `PRIOR_FIGURES`), not spread through
code; `mapping_problems` checks that every entry names a section and column that exists.
Qt-free: the GUI's File ▸ 新建 dialog and any headless caller use the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.department_units import is_split, reporting_units, split_year, summarise, unit_year
from desktop.domain.document import Document, DocumentError, SectionData, YearData
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import DocumentSchema

# Year-scope sections copied whole: they describe the department and rarely change.
CARRIED_WHOLE: tuple[str, ...] = ("basic_info", "internal_departments", "other_staff", "glossary")

# Classification-code tables: each row keeps its code and name; amounts and reasons start blank.
CODE_TABLES: tuple[str, ...] = (
    "functional_income", "functional_expenditure", "gp_functional", "gp_basic_economic",
    "gp_project_economic", "gov_fund", "gov_fund_basic_economic", "soe_capital", "budget_variance_items",
)
CODE_COLUMNS: tuple[str, ...] = ("code", "name")

# Definitions carried column by column (same row ids, so project refs stay valid); every
# other column of these sections starts blank.
CARRIED_COLUMNS: dict[str, tuple[str, ...]] = {
    **{table: CODE_COLUMNS for table in CODE_TABLES},
    "dept_indicators": ("category", "group", "name", "nature", "target", "unit", "weight", "planned"),
    "dept_score_indicators": ("category", "name", "target", "points"),
    "dept_score_management": ("points",),
    "projects": ("name", "department", "implementer", "is_key", "goal_expected"),
    "project_indicators": ("project", "level1", "level2", "level3", "nature", "target", "unit", "points"),
    "project_funds": ("project", "source"),
    "sangong_vehicles": ("type",),  # the fleet's 车型; this year's counts start blank
}


@dataclass(frozen=True)
class PriorFigure:
    """The source year's `source` column becomes the new year's `target` column (上年数).

    `row` limits the copy to one row; by default every row of the section is copied to the
    same row of the new year (forms have the single row "").
    """
    section: str
    target: str
    source: str
    row: str | None = None


PRIOR_FIGURES: tuple[PriorFigure, ...] = (
    PriorFigure("income_expenditure", target="prior", source="current"),
    PriorFigure("sangong", target="prior_actual", source="actual"),
    PriorFigure("sangong_details", target="vehicle_stock_prior", source="vehicle_stock"),  # 年末 → 上年末保有量
    PriorFigure("admin_operating_cost", target="prior", source="current"),
    PriorFigure("fiscal_summary", target="prior_grand_total", source="grand_total", row="total"),
    PriorFigure("dept_balance", target="prior_expenditure_budget", source="expenditure_budget"),
    PriorFigure("dept_balance", target="prior_closing_balance", source="closing_balance"),
    # 预算管理情况: last year's 完成值（本年） is this year's 指标值（上年）.
    PriorFigure("dept_score_management", target="target", source="actual"),
)


def mapping_problems(schema: DocumentSchema) -> list[str]:
    """Every entry of the tables above that names a missing section or column (empty = fine)."""
    problems: list[str] = []

    def check(section_key: str, columns: tuple[str, ...] = (), row: str | None = None) -> None:
        try:
            section = schema.section(section_key)
        except KeyError:
            problems.append(f"没有表“{section_key}”")
            return
        if section.scope != "year":
            problems.append(f"{section.label}（{section_key}）不是按年度填写的表")
        problems.extend(f"{section.label}（{section_key}）没有列“{c}”" for c in columns
                        if c not in section.column_keys)
        if row is not None and row not in section.row_keys:
            problems.append(f"{section.label}（{section_key}）没有行“{row}”")

    for key in CARRIED_WHOLE:
        check(key)
    for key, columns in CARRIED_COLUMNS.items():
        check(key, columns)
    for figure in PRIOR_FIGURES:
        check(figure.section, (figure.target, figure.source), figure.row)
    return problems


def _check_profile(profile: str) -> None:
    if profile not in available_profiles():
        raise DocumentError(f"没有名为“{profile}”的模板")


def new_document(department: str, year: int, profile: str) -> Document:
    """A blank document for one department and one year."""
    name = department.strip() if isinstance(department, str) else ""
    if not name:
        raise DocumentError("部门名称不能为空")
    _check_profile(profile)
    return Document.new(name, year, profile)


def _copy_rows(source: SectionData, target: SectionData, columns: tuple[str, ...] | None) -> None:
    """Copy `columns` (None = all) of every source row into the same row id of `target`."""
    for row_id, values in source.rows.items():
        kept = {k: v for k, v in values.items() if columns is None or k in columns}
        if target.section.kind == "table":
            target.add_row(kept, row_id=row_id)
        elif row_id in target.rows:
            for key, value in kept.items():
                target.set_value(row_id, key, value)


def copy_prior_figures(source: YearData, target: YearData, sections: set[str] | None = None) -> list[PriorFigure]:
    """Last year's figures, totals as computed; a 上年 cell that is itself a computed total
    (the 三公 合计 上年决算数) is left to add up its parts. `sections` limits the copy to the
    figures of those sections (what a published PDF's tables gave); returns the entries copied."""
    copied = []
    for figure in PRIOR_FIGURES:
        if sections is not None and figure.section not in sections:
            continue
        copied.append(figure)
        data = source.section(figure.section)
        for row_id in ([figure.row] if figure.row is not None else list(data.rows)):
            value = data.value(row_id, figure.source) if row_id in data.rows else None
            section = target.section(figure.section)
            if value is not None and not (section.section.kind == "grid"
                                          and section.section.is_computed(row_id, figure.target)):
                section.set_value(row_id, figure.target, value)  # blank stays blank, never zero
    return copied


def next_year_document(previous: Document, source_year: int, year: int, profile: str | None = None) -> Document:
    """A new document holding only `year`, started from `previous`'s `source_year`.

    Carries the units, the year-scope sections in `CARRIED_WHOLE`, the columns in
    `CARRIED_COLUMNS` and the 上年数 in `PRIOR_FIGURES`; everything else starts blank.
    """
    source = previous.year(source_year)
    if year <= source_year:
        raise DocumentError(f"新年度（{year}）应晚于作为基础的 {source_year} 年度")
    if profile is None:
        profile = source.profile
    else:
        _check_profile(profile)
    document = Document.blank(previous.schema)
    for key, data in previous.sections.items():
        _copy_rows(data, document.section(key), None)
    target = document.add_year(year, profile)
    for key in CARRIED_WHOLE:
        _copy_rows(source.section(key), target.section(key), None)
    for key, columns in CARRIED_COLUMNS.items():
        _copy_rows(source.section(key), target.section(key), columns)
    copy_prior_figures(source, target)
    if is_split(source):
        _carry_units(previous, source, document, target)
    return document


def _carry_units(previous: Document, source: YearData, document: Document, target: YearData) -> None:
    """A year entered per unit starts the next one per unit: each unit carries its own rows and
    its own 上年数 (the department's 汇总 of them follows)."""
    split_year(document, target)
    keys = set(document.schema.per_unit_keys)
    for unit in reporting_units(document):
        for key in keys:
            target.units[unit.id][key] = SectionData.empty(target.section(key).section)
        mine, theirs = unit_year(document, target, unit), unit_year(previous, source, unit)
        for key in keys & set(CARRIED_WHOLE):
            _copy_rows(theirs.section(key), mine.section(key), None)
        for key, columns in CARRIED_COLUMNS.items():
            if key in keys:
                _copy_rows(theirs.section(key), mine.section(key), columns)
        copy_prior_figures(theirs, mine, keys)
    summarise(document, target)
