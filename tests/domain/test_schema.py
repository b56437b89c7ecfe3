"""The section declaration: the bundled one is valid, and the validator catches each mistake."""

import copy
import json
from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.domain.schema import ValueRejected, build_schema, document_schema, validate_sections
from desktop.paths import resource_path


@pytest.fixture()
def declaration():
    return json.loads(resource_path("schema", "sections.json").read_text(encoding="utf-8"))


def test_bundled_declaration_is_valid(declaration):
    assert validate_sections(declaration) == []


def test_covers_every_editor_tab():
    tabs = {s.tab for s in document_schema().sections}
    assert {"基本情况", "预算执行", "三公经费", "政府采购", "国有资产", "绩效指标"} <= tabs


def test_totals_of_the_official_forms_are_computed_cells():
    schema = document_schema()
    t1, t4, t7 = (schema.section(k) for k in ("income_expenditure", "fiscal_summary", "sangong"))
    assert t1.sum_parts("income_total", "current")[0] == ("income_gp", "current")
    assert t1.sum_parts("income_total", "prior") is None  # 上年数 are typed from last year's document
    assert t4.sum_parts("gp", "grand_total") == (("gp", "opening_balance"), ("gp", "income"))
    assert t4.sum_parts("total", "income") == (("gp", "income"), ("fund", "income"), ("soe", "income"))
    assert t7.sum_parts("total", "actual") == (("abroad", "actual"), ("vehicle", "actual"), ("reception", "actual"))
    assert t7.sum_parts("total", "reason") is None
    assert schema.section("procurement").sum_parts("", "total") == (("", "goods"), ("", "works"), ("", "services"))
    assert t4.depends_on("income") == ("grand_total",) and t4.depends_on("expenditure") == ()


@pytest.mark.parametrize("mutate, fragment", [
    (lambda rows, columns: rows[1].update(sum_of=["nowhere"]), "sum_of 应列出本表的其他行"),
    (lambda rows, columns: rows[1].update(sum_of=[rows[1]["key"]]), "sum_of 应列出本表的其他行"),
    (lambda rows, columns: rows[1].update(sum_of=[rows[0]["key"]], sum_columns=["reason"]), "sum_columns"),
    (lambda rows, columns: columns[0].update(sum_of=["reason"]), "sum_of 应列出本表的其他金额列"),
    (lambda rows, columns: (rows[1].update(sum_of=[rows[2]["key"]]), rows[2].update(sum_of=[rows[1]["key"]])),
     "循环"),
])
def test_total_rows_and_columns_are_validated(mutate, fragment):
    declaration = json.loads(resource_path("schema", "sections.json").read_text(encoding="utf-8"))
    sangong = next(s for s in declaration["sections"] if s["key"] == "sangong")
    for row in sangong["rows"]:
        row.pop("sum_of", None)
        row.pop("sum_columns", None)
    assert validate_sections(declaration) == []
    mutate(sangong["rows"], sangong["columns"])
    assert any(fragment in p for p in validate_sections(declaration))


@pytest.mark.parametrize("mutate, fragment", [
    (lambda d: d["sections"][0].update(kind="sheet"), "kind"),
    (lambda d: d["sections"][1].update(key=d["sections"][0]["key"]), "key 重复"),
    (lambda d: d["sections"][0].update(colour="red"), "未知属性 colour"),
    (lambda d: d["sections"][0]["fields"][0].update(type="float"), "type"),
    (lambda d: d["sections"][0]["fields"][0].update(key="id"), "不能为 id"),
    (lambda d: d["sections"][1]["columns"][1].update(choices=[]), "choices"),
    (lambda d: next(s for s in d["sections"] if s["key"] == "sangong")["rows"].append({"key": "total", "label": "x"}),
     "互不相同"),
    (lambda d: next(s for s in d["sections"] if s["key"] == "project_funds")["columns"][0].update(target="nowhere"),
     "target"),
    (lambda d: next(s for s in d["sections"] if s["key"] == "gp_functional")["columns"][0].update(scheme="x"),
     "scheme"),
    (lambda d: d["sections"][2].update(money_unit="美元"), "money_unit"),
])
def test_validator_catches(declaration, mutate, fragment):
    broken = copy.deepcopy(declaration)
    mutate(broken)
    problems = validate_sections(broken)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ValueError):
        build_schema(broken)


def column(section, key):
    return document_schema().section(section).column(key)


def test_money_column_accepts_money_only():
    money = column("sangong", "budget")
    assert money.check(Money(1)) == Money(1)
    for wrong in (1, 1.0, "1", Decimal(1)):
        with pytest.raises(ValueRejected):
            money.check(wrong)


def test_parse_uses_the_section_unit():
    assert column("dept_budget_execution", "executed").parse("7812.96", "万元") == Money.from_yuan("78129600")


@pytest.mark.parametrize("section, key, value, fragment", [
    ("basic_info", "admin_quota", -1, "不能为负数"),
    ("basic_info", "admin_quota", True, "整数"),
    ("dept_indicators", "nature", "≈", "不在可选项"),
    ("gp_functional", "code", "2011", "位数"),
    ("gp_functional", "code", "２０１", "数字"),
    ("gp_functional", "name", "a\x07b", "控制字符"),
    ("gp_functional", "name", "x" * 501, "过长"),
    ("dept_score", "total_reported", Decimal("NaN"), "有限"),
])
def test_values_refused_with_the_column_named(section, key, value, fragment):
    with pytest.raises(ValueRejected) as caught:
        column(section, key).check(value)
    assert fragment in str(caught.value)
    assert column(section, key).label in str(caught.value)


def test_longtext_keeps_line_breaks():
    assert column("basic_info", "responsibilities").check("一\n二") == "一\n二"


def test_parse_boolean_in_chinese():
    flag = column("projects", "is_key")
    assert flag.parse("是") is True and flag.parse("否") is False and flag.parse("") is None
    with pytest.raises(ValueRejected):
        flag.parse("也许")
