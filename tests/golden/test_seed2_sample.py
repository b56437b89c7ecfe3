"""Golden checks: the bundled seed 2 sample is the real document exactly as printed.

Seed 2 is 北京市石景山区投资促进服务中心's 2022年部门整体绩效评价报告 with its 评分表. The sample keeps
the document's own mistakes (the 元-for-万元 unit slip in 四(四)/(五), the variance items that do
not add up to the printed increase), because the sample demonstrates what the product catches.
Every spot check asserts both the stored value and that the printed figure occurs in the seed.
"""

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.io.jsonio import dumps, read_json
from desktop.paths import resource_path

YEAR = 2022
TEN_THOUSAND = Decimal(10000)


def _section(doc, key):
    return doc.year(YEAR).section(key)


# (section, row id or None for a form, column, printed figure, its unit in the seed: "万" or "元")
MONEY_CHECKS = [
    ("dept_budget_execution", "total", "full_year_budget", "33463.78", "万"),
    ("dept_budget_execution", "basic", "full_year_budget", "822.24", "万"),
    ("dept_budget_execution", "project", "full_year_budget", "32542.73", "万"),
    ("dept_budget_execution", "basic", "adjustment", "118.08", "万"),
    ("dept_budget_execution", "project", "adjustment", "28240.51", "万"),
    ("dept_budget_execution", "total", "executed", "33364.97", "万"),
    ("dept_budget_execution", "basic", "executed", "822.24", "万"),
    ("dept_budget_execution", "project", "executed", "32542.73", "万"),
    ("dept_balance", None, "expenditure_budget", "33463.78", "元"),
    ("dept_balance", None, "executed", "33364.97", "元"),
    ("dept_balance", None, "closing_balance", "98.81", "元"),
    ("budget_variance", None, "initial_budget", "5257.67", "元"),
    ("budget_variance", None, "adjusted_budget", "33386.96", "元"),
    ("budget_variance", None, "increase", "28129.29", "元"),
    ("project_evaluation_summary", None, "evaluated_amount", "32794.02", "万"),
    ("project_evaluation_summary", None, "unit_eval_amount", "32314.02", "万"),
    ("project_evaluation_summary", None, "dept_eval_amount", "480.00", "万"),
]


@pytest.mark.parametrize(("section", "row", "column", "printed", "unit"), MONEY_CHECKS)
def test_money_as_printed(seed2, seed2_text, section, row, column, printed, unit):
    assert printed in seed2_text
    data = _section(seed2, section)
    row = "" if row is None else row
    # a printed 合计 that differs from its parts is kept as printed (stored); one that agrees is computed
    value = data.stored(row, column) if data.section.is_computed(row, column) and data.stored(row, column) \
        else data.value(row, column)
    assert isinstance(value, Money)
    expected = Decimal(printed) * TEN_THOUSAND if unit == "万" else Decimal(printed)
    assert value == Money.from_yuan(expected)
    assert (value.wan if unit == "万" else value.yuan) == Decimal(printed)


DECIMAL_CHECKS = [
    ("dept_score", None, "execution_score_reported", "19.94"),
    ("dept_score", None, "output_points", "30"),
    ("dept_score", None, "output_score_reported", "30"),
    ("dept_score", None, "effect_points", "30"),
    ("dept_score", None, "effect_score_reported", "25"),
    ("dept_score", None, "total_reported", "94.94"),
    ("performance_management", None, "overall_score_reported", "94.94"),
    ("dept_score_management", "finance_system", "points", "1"),
    ("dept_score_management", "fund_compliance", "score_reported", "2"),
    ("dept_score_management", "accounting_info", "score_reported", "1"),
    ("dept_score_management", "asset_management", "score_reported", "4"),
    ("dept_score_management", "performance_management", "score_reported", "4"),
    ("dept_score_management", "carryover_rate", "points", "4"),
    ("dept_score_management", "budget_variance", "score_reported", "4"),
]


@pytest.mark.parametrize(("section", "row", "column", "printed"), DECIMAL_CHECKS)
def test_scores_as_printed(seed2, seed2_text, section, row, column, printed):
    assert printed in seed2_text
    data = _section(seed2, section)
    value = data.get(column) if row is None else data.value(row, column)
    assert value == Decimal(printed)


INTEGER_CHECKS = [
    ("project_evaluation_summary", "evaluated_projects", 13, "评价项目13个"),
    ("project_evaluation_summary", "unit_eval_projects", 12, "单位自评项目12个"),
    ("project_evaluation_summary", "dept_eval_projects", 1, "部门普评项目1个"),
    ("project_evaluation_summary", "grade_excellent", 12, "90(含)-100分的12个"),
    ("project_evaluation_summary", "grade_good", 1, "80(含)-90分的1个"),
    ("basic_info", "internal_department_count", 7, "六部一室"),
]


@pytest.mark.parametrize(("section", "field", "expected", "printed"), INTEGER_CHECKS)
def test_counts_as_printed(seed2, seed2_text, section, field, expected, printed):
    assert printed in seed2_text
    assert _section(seed2, section).get(field) == expected


# (row id, category, name, target, actual): the 评分表 cells with their stray full-width spaces removed
INDICATORS = [
    ("r1", "产出", "调研课题数量", "≥1个", "≥1个"),
    ("r2", "产出", "课题研究进度", "优良中低差", "优"),
    ("r3", "产出", "兑现企业数量", "≥18家", "≥18家"),
    ("r4", "产出", "开展异地招商引资", "≥3次", "≥3"),
    ("r5", "产出", "开展宣传推介活动", "≥2次", "≥2次"),
    ("r6", "产出", "网文宣传", "≥200篇", "≥200篇"),
    ("r7", "产出", "举办座谈交流会", "≥1次", "≥1次"),
    ("r8", "产出", "开展党建活动", "≥2次", "≥2次"),
    ("r9", "产出", "保障中心业务正常开展", "高中低", "高"),
    ("r10", "效果", "促进区域经济发展", "高中低", "中"),
    ("r11", "效果", "持续提高区域影响力", "高中低", "中"),
]


@pytest.mark.parametrize(("row", "category", "name", "target", "actual"), INDICATORS)
def test_score_indicators_as_printed(seed2, seed2_text, row, category, name, target, actual):
    for printed in (name, target, actual):
        assert printed in seed2_text
    data = _section(seed2, "dept_score_indicators")
    assert data.value(row, "category") == category
    assert data.value(row, "name") == name
    assert data.value(row, "target") == target
    assert data.value(row, "actual") == actual


VARIANCE_ITEMS = [
    ("r1", "201", "一般公共服务支出", "243.42"),
    ("r2", "208", "社会保障和就业支出", "33.99"),
    ("r3", "210", "卫生健康支出", "11.48"),
    ("r4", "215", "资源勘探工业信息支出", "27760.18"),
    ("r5", "221", "住房保障支出", "58.24"),
]


@pytest.mark.parametrize(("row", "code", "name", "printed"), VARIANCE_ITEMS)
def test_variance_items_as_printed(seed2, seed2_text, row, code, name, printed):
    assert f"{name}增加{printed}元" in seed2_text
    data = _section(seed2, "budget_variance_items")
    assert data.value(row, "code") == code
    assert data.value(row, "name") == name
    assert data.value(row, "increase") == Money.from_yuan(printed)


def test_reported_scores_add_up_to_reported_total(seed2, seed2_text):
    score = _section(seed2, "dept_score")
    management = _section(seed2, "dept_score_management")
    parts = [score.get(k) for k in ("execution_score_reported", "output_score_reported", "effect_score_reported")]
    parts += [management.value(row, "score_reported") for row in (
        "finance_system", "fund_compliance", "accounting_info", "asset_management",
        "performance_management", "carryover_rate", "budget_variance")]
    assert None not in parts
    assert sum(parts) == score.get("total_reported") == Decimal("94.94")
    assert "94.94" in seed2_text


def test_unit_mistake_is_preserved(seed2, seed2_text):
    # 四(四) prints "33463.78元" for a figure the 评分表 and 二 print as 33463.78万元.
    assert "33463.78元" in seed2_text and "33463.78万元" in seed2_text
    assert _section(seed2, "dept_balance").get("expenditure_budget").yuan == Decimal("33463.78")
    execution = _section(seed2, "dept_budget_execution")
    assert execution.stored("total", "full_year_budget").wan == Decimal("33463.78")  # as printed …
    assert execution.value("total", "full_year_budget").wan == Decimal("33364.97")  # … but 基本 + 项目 add up to this


def test_variance_items_do_not_add_up_as_printed(seed2):
    items = _section(seed2, "budget_variance_items")
    total = sum((items.value(r, "increase").yuan for r, *_ in VARIANCE_ITEMS), Decimal(0))
    assert total == Decimal("28107.31")
    assert _section(seed2, "budget_variance").get("increase").yuan == Decimal("28129.29")


def test_blank_is_not_zero(seed2):
    summary = _section(seed2, "project_evaluation_summary")
    assert summary.get("grade_fair") is None
    assert summary.get("grade_poor") is None
    assert _section(seed2, "dept_budget_execution").value("other", "full_year_budget") is None
    assert _section(seed2, "dept_budget_execution").value("total", "initial_budget") is None
    assert _section(seed2, "dept_score").get("grade_reported") is None
    assert _section(seed2, "dept_balance").get("prior_closing_balance") is None
    assert _section(seed2, "dept_score_management").value("carryover_rate", "failed_checks") is None
    assert _section(seed2, "dept_score_management").value("finance_system", "failed_checks") == 0


def test_row_counts(seed2):
    indicators = _section(seed2, "dept_score_indicators")
    categories = [values["category"] for values in indicators.rows.values()]
    assert categories.count("产出") == 9
    assert categories.count("效果") == 2
    assert len(categories) == 11
    assert len(_section(seed2, "internal_departments").rows) == 7
    assert len(_section(seed2, "budget_variance_items").rows) == 5


def test_identity(seed2, seed2_text):
    name = "北京市石景山区投资促进服务中心"
    assert name in seed2_text
    assert seed2.section("department").get("name") == name
    units = seed2.section("units")
    assert [(v.get("name"), v.get("role"), v.get("kind")) for v in units.rows.values()] == [(name, "本级", None)]
    assert seed2.year(YEAR).profile == "beijing-district"


def test_texts_come_from_the_seed(seed2, seed2_text):
    texts = _section(seed2, "dept_evaluation_text")
    for key in ("goal_setting", "execution_note", "output_quantity", "output_quality", "output_progress",
                "output_cost", "effect_economic", "effect_social", "effect_environmental",
                "effect_sustainable", "effect_satisfaction", "conclusion"):
        value = texts.get(key)
        assert value, key
        assert "bookmark" not in value
        for line in value.split("\n"):
            assert line in seed2_text, key
    management = _section(seed2, "performance_management")
    for key in ("financial_management", "asset_management", "performance_system", "problems", "improvements"):
        for line in management.get(key).split("\n"):
            assert line in seed2_text, key
    assert len(management.get("problems").split("\n")) == 3
    assert len(management.get("improvements").split("\n")) == 3
    responsibilities = _section(seed2, "basic_info").get("responsibilities").split("\n")
    assert responsibilities[-1] == "十二是承办区政府交办的其他工作。"
    assert all(line in seed2_text for line in responsibilities)


def test_sections_seed2_does_not_print_are_empty(seed2):
    year = seed2.year(YEAR)
    for key in ("income_expenditure", "functional_expenditure", "sangong", "procurement", "assets", "projects"):
        assert year.section(key).is_empty(), key


def test_canonical_form():
    path = resource_path("samples", "seed2.json")
    assert dumps(read_json(path)) == path.read_text(encoding="utf-8")
