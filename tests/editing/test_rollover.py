"""File ▸ 新建: a blank document, and next year's started from a filled year (rollover)."""

from decimal import Decimal

import pytest

from desktop.domain.document import DocumentError
from desktop.domain.money import Money
from desktop.domain.schema import document_schema
from desktop.editing import rollover
from desktop.editing.rollover import (CARRIED_COLUMNS, CODE_TABLES, PRIOR_FIGURES, mapping_problems,
                                      new_document, next_year_document)
from desktop.io.samples import load_sample


@pytest.fixture(scope="module")
def seed1():
    return load_sample(1)


@pytest.fixture(scope="module")
def seed2():
    return load_sample(2)


@pytest.fixture(scope="module")
def rolled1(seed1):
    return next_year_document(seed1, 2023, 2024)


@pytest.fixture(scope="module")
def rolled2(seed2):
    return next_year_document(seed2, 2022, 2023)


def test_new_document_is_blank_with_name_year_and_profile():
    document = new_document("  北京市某区某局 ", 2024, "beijing-municipal")
    assert document.department_name == "北京市某区某局"
    assert list(document.years) == [2024]
    year = document.year(2024)
    assert year.profile == "beijing-municipal"
    assert all(data.is_empty() for data in year.sections.values())


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_new_document_refuses_a_blank_department(name):
    with pytest.raises(DocumentError, match="部门名称不能为空"):
        new_document(name, 2024, "beijing-district")


def test_new_document_refuses_an_unknown_profile_and_a_bad_year():
    with pytest.raises(DocumentError, match="模板"):
        new_document("某局", 2024, "no-such-profile")
    with pytest.raises(DocumentError, match="年度"):
        new_document("某局", 1999, "beijing-district")


def test_the_mapping_names_existing_sections_and_columns():
    assert mapping_problems(document_schema()) == []


def test_the_mapping_covers_every_classification_code_table():
    schema = document_schema()
    code_tables = {s.key for s in schema.in_scope("year") if s.kind == "table" and "code" in s.column_keys}
    assert set(CODE_TABLES) == code_tables


def test_the_mapping_check_sees_a_wrong_entry(monkeypatch):
    monkeypatch.setattr(rollover, "PRIOR_FIGURES", PRIOR_FIGURES + (
        rollover.PriorFigure("sangong", target="prior_budget", source="budget"),
        rollover.PriorFigure("fiscal_summary", target="prior_grand_total", source="grand_total", row="nope"),
        rollover.PriorFigure("no_such_table", target="a", source="b"),
    ))
    monkeypatch.setattr(rollover, "CARRIED_WHOLE", rollover.CARRIED_WHOLE + ("units",))
    problems = mapping_problems(document_schema())
    assert any("prior_budget" in p for p in problems)
    assert any("nope" in p for p in problems)
    assert any("no_such_table" in p for p in problems)
    assert any("units" in p for p in problems)


def test_only_the_new_year_with_the_source_profile(seed1, rolled1):
    assert list(rolled1.years) == [2024]
    assert rolled1.year(2024).profile == seed1.year(2023).profile
    assert rolled1.year(2024).explanations == {}
    assert next_year_document(seed1, 2023, 2024, "beijing-municipal").year(2024).profile == "beijing-municipal"


def test_the_source_document_is_not_changed(seed1):
    before = load_sample(1)
    rolled = next_year_document(seed1, 2023, 2025)
    assert seed1 == before
    rolled.section("units").set_value("r1", "name", "改名")
    rolled.year(2025).section("gp_functional").set_value("r1", "name", "改名")
    assert seed1 == before


def test_document_scope_is_carried(seed1, rolled1):
    assert rolled1.department_name == seed1.department_name
    assert rolled1.section("department").rows == seed1.section("department").rows
    assert rolled1.section("units").rows == seed1.section("units").rows


def test_descriptive_sections_are_carried_whole_and_narrative_is_not(seed1, rolled1):
    source, target = seed1.year(2023), rolled1.year(2024)
    for key in ("basic_info", "internal_departments", "other_staff"):
        assert target.section(key).rows == source.section(key).rows, key
    assert not source.section("narrative").is_empty()
    assert target.section("narrative").is_empty()


@pytest.mark.parametrize("key", CODE_TABLES)
def test_code_tables_keep_code_and_name_only(seed1, rolled1, seed2, rolled2, key):
    for source_doc, source_year, target_doc, target_year in ((seed1, 2023, rolled1, 2024), (seed2, 2022, rolled2, 2023)):
        source = source_doc.year(source_year).section(key).rows
        target = target_doc.year(target_year).section(key).rows
        assert list(target) == list(source)
        for row_id, values in source.items():
            assert target[row_id] == {k: v for k, v in values.items() if k in ("code", "name")}


def test_code_tables_of_seed1_really_had_amounts_and_reasons(seed1, rolled1):
    source = seed1.year(2023).section("gp_basic_economic").rows["r1"]
    assert source["actual"] == Money(874803939) and "reason" in source
    assert rolled1.year(2024).section("gp_basic_economic").rows["r1"] == {"code": "301", "name": "工资福利支出"}


def test_department_indicators_keep_their_definition(seed1, rolled1):
    source = seed1.year(2023).section("dept_indicators").rows
    target = rolled1.year(2024).section("dept_indicators").rows
    assert list(target) == list(source) and len(source) == 42
    assert target["r1"] == {"category": "产出", "group": 1, "name": "方案编制内容", "nature": "≥", "target": "4",
                            "unit": "项", "weight": source["r1"]["weight"], "planned": "4"}
    assert not any("actual" in row or "deviation_reason" in row for row in target.values())


def test_department_score_table_keeps_definitions_and_last_actual_becomes_target(seed2, rolled2):
    source = seed2.year(2022)
    target = rolled2.year(2023)
    indicators = target.section("dept_score_indicators").rows
    assert list(indicators) == list(source.section("dept_score_indicators").rows)
    assert indicators["r1"] == {"category": "产出", "name": "调研课题数量", "target": "≥1个"}
    for row_id, values in source.section("dept_score_indicators").rows.items():
        assert indicators[row_id] == {k: v for k, v in values.items() if k in ("category", "name", "target", "points")}
    assert not any({"actual", "score"} & set(row) for row in indicators.values())
    management = target.section("dept_score_management").rows
    for row_id, values in source.section("dept_score_management").rows.items():
        expected = {k: v for k, v in (("points", values.get("points")), ("target", values.get("actual")))
                    if v is not None}
        assert management[row_id] == expected
    assert management["finance_system"] == {"points": Decimal("1"), "target": "制度健全"}
    assert target.section("dept_score").is_empty()


def test_projects_indicators_and_funds_keep_definitions_and_refs(seed1, rolled1, rolled2):
    source, target = seed1.year(2023), rolled1.year(2024)
    project = target.section("projects").rows["r1"]
    assert project == {k: v for k, v in source.section("projects").rows["r1"].items()
                       if k in ("name", "department", "implementer", "is_key", "goal_expected")}
    assert project["name"] == "门头沟“两区”标识建设" and "goal_actual" not in project
    indicators = target.section("project_indicators").rows
    assert list(indicators) == list(source.section("project_indicators").rows)
    for row_id, values in source.section("project_indicators").rows.items():
        assert indicators[row_id] == {k: v for k, v in values.items() if k in CARRIED_COLUMNS["project_indicators"]}
        assert not {"actual", "score", "deviation_reason", "not_applicable"} & set(indicators[row_id])
    funds = target.section("project_funds").rows
    assert funds["r1"] == {"project": "r1", "source": "年度资金总额"}
    assert target.reference_problems(rolled1.schema) == []
    assert rolled2.year(2023).reference_problems(rolled2.schema) == []


def test_last_years_figures_become_prior_figures_exactly(seed1, rolled1):
    source, target = seed1.year(2023), rolled1.year(2024)
    income = source.section("income_expenditure")
    prior = target.section("income_expenditure").rows
    assert prior["income_gp"] == {"prior": Money(7812957773)}
    for row_id in income.rows:  # 上年数 are typed cells: last year's totals arrive as computed
        current = income.value(row_id, "current")
        assert prior[row_id] == ({"prior": current} if current is not None else {})
    assert prior["income_grand_total"] == {"prior": Money(7812957773)}  # not the typed, doubled 156,259,155.50
    sangong = source.section("sangong")
    for row_id in sangong.rows:
        actual = sangong.value(row_id, "actual")
        computed = sangong.section.is_computed(row_id, "prior_actual")
        assert target.section("sangong").rows[row_id] == ({"prior_actual": actual} if actual is not None and not computed
                                                          else {})
    assert target.section("sangong").value("total", "prior_actual") == Money(1029800)  # the parts add up
    assert target.section("admin_operating_cost").rows[""] == {"prior": Money(56346409)}
    assert target.section("dept_balance").rows[""] == {"prior_expenditure_budget": Money(7812960000),
                                                       "prior_closing_balance": Money(0)}
    assert source.section("fiscal_summary").stored("total", "grand_total") == Money(15625915550)
    assert target.section("fiscal_summary").rows["total"] == {"prior_grand_total": Money(7812957773)}
    assert all(target.section("fiscal_summary").rows[r] == {} for r in ("gp", "fund", "soe"))


def test_blank_stays_blank_in_prior_figures(seed2, rolled2):
    # seed 2 has no 收入支出决算总体情况: nothing is invented as zero.
    assert seed2.year(2022).section("income_expenditure").is_empty()
    assert rolled2.year(2023).section("income_expenditure").is_empty()
    assert rolled2.year(2023).section("dept_balance").rows[""] == {"prior_expenditure_budget": Money(3346378),
                                                                   "prior_closing_balance": Money(9881)}


def test_everything_else_starts_blank(rolled1):
    carried = set(rolled1.year(2024).sections) & (
        set(rollover.CARRIED_WHOLE) | set(CARRIED_COLUMNS) | {f.section for f in PRIOR_FIGURES})
    for key, data in rolled1.year(2024).sections.items():
        if key not in carried:
            assert data.is_empty(), key


def test_a_later_year_is_allowed_and_an_earlier_or_same_year_refused(seed1):
    assert list(next_year_document(seed1, 2023, 2026).years) == [2026]
    for year in (2023, 2022):
        with pytest.raises(DocumentError, match="应晚于"):
            next_year_document(seed1, 2023, year)
    with pytest.raises(DocumentError, match="没有 2021 年度"):
        next_year_document(seed1, 2021, 2024)
    with pytest.raises(DocumentError, match="模板"):
        next_year_document(seed1, 2023, 2024, "no-such-profile")


def test_the_sangong_quantities_roll_over_as_last_year_s_stock_and_fleet(seed1, rolled1):
    from desktop.synthetic import build_document
    assert rolled1.year(2024).section("sangong_details").rows[""] == {"vehicle_stock_prior": 2}  # seed 1: 保有量 2 辆
    rolled = next_year_document(build_document(), 2023, 2024).year(2024)
    assert rolled.section("sangong_details").rows[""] == {"vehicle_stock_prior": 3}
    assert [v for v in rolled.section("sangong_vehicles").rows.values()] == [{"type": "执法执勤用车"}, {"type": "其他用车"}]
    assert rolled.section("sangong_reception").is_empty()
    assert all("reason" not in v and "prior_reason" not in v for v in rolled.section("sangong").rows.values())
    assert rolled.section("sangong").value("abroad", "prior_actual") == Money.from_yuan(15000)


@pytest.mark.parametrize("which", ["seed1", "seed2", "example"])
def test_a_rolled_over_year_inherits_no_finding_from_last_years_figures(seed1, seed2, which):
    """The new year's 上年数 raise nothing (last year's typed totals are not carried), and every
    error it opens with is either an unfilled table or cell, or one its carried definitions
    already had last year (the clerk fixes those once, in the definitions)."""
    from desktop.io.samples import load_example
    from desktop.rules.engine import check_document
    source = {"seed1": seed1, "seed2": seed2, "example": None}[which] or load_example()
    year = source.latest_year().year
    rolled = next_year_document(source, year, year + 1)
    before = {(f.rule, f.location.section, f.location.row, f.location.column) for f in check_document(source, year)}
    prior_cells = {(f.section, f.target) for f in PRIOR_FIGURES}
    for finding in check_document(rolled, year + 1):
        location = finding.location
        assert (location.section, location.column) not in prior_cells, finding.message
        if finding.severity != "error" or finding.rule == "T0-01":
            continue
        filled = rolled.year(year + 1).section(location.section).rows.get(location.row, {}).get(location.column)
        blank_cell = filled is None and ("填写" in finding.message or "补全" in finding.message)
        carried = (finding.rule, location.section, location.row, location.column) in before
        assert blank_cell or carried, finding.message
