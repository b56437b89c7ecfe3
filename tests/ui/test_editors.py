"""The editors layout (resources/ui/editors.json, desktop/ui/editors.py) without Qt: the bundled file
loads, places every schema section on exactly one page, and validate_editors reports each kind of
mistake (a section on no page or on two, an unknown formula, a wrong argument count, an argument
that is not a column, totals on a fixed grid, a missing column width)."""

import json
import subprocess
import sys
from collections import Counter

import pytest

from desktop.domain.schema import document_schema
from desktop.paths import resource_path
from desktop.ui.editors import load_editors, validate_editors


@pytest.fixture(scope="module")
def schema():
    return document_schema()


@pytest.fixture()
def data():
    return json.loads(resource_path("ui", "editors.json").read_text(encoding="utf-8"))


def test_the_bundled_layout_is_valid_and_loads(schema, data):
    assert validate_editors(data, schema) == []
    editors = load_editors()
    assert [tab.key for tab in editors.tabs][:3] == ["basic", "execution", "sangong"]
    assert editors.tab_label("sangong_details") == "三公经费"
    assert editors.tab_label("no_such_section") == ""
    assert [c.formula for c in editors.computed_fields["sangong_details"]] == ["cost_per_vehicle"]
    assert editors.total_rows["gp_functional"] == ("budget", "opening_balance", "income", "basic", "project", "total", "closing_balance")


def test_every_section_is_on_exactly_one_page(schema):
    editors = load_editors()
    placed = Counter(key for tab in editors.tabs for key in tab.section_keys())
    assert set(placed) == {section.key for section in schema.sections}
    assert {key: n for key, n in placed.items() if n != 1} == {}


def test_columns_put_stored_columns_first_then_computed_read_only_ones(schema):
    editors = load_editors()
    columns = editors.columns(schema.section("sangong"))
    stored = [c.key for c in schema.section("sangong").columns]
    assert [c.key for c in columns] == stored + ["completion", "change", "change_rate"]
    assert [c.editable for c in columns] == [True] * len(stored) + [False] * 3
    budget = next(c for c in columns if c.key == "budget")
    assert budget.align_right and budget.width == 130


def test_the_module_does_not_import_qt():
    code = ("import sys, desktop.ui.editors; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt6', 'PyQt5', 'shiboken6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_section_on_no_page(schema, data):
    data["tabs"][2]["pages"][0]["sections"].remove("sangong_details")
    assert validate_editors(data, schema) == ["表“sangong_details”没有放在任何页面上"]


def test_a_section_on_two_pages(schema, data):
    data["tabs"][0]["pages"][0]["sections"].append("sangong")
    assert validate_editors(data, schema) == ["表“sangong”出现在多个页面"]


def test_a_project_child_on_two_pages(schema, data):
    data["tabs"][0]["pages"][0]["sections"].append("project_funds")
    assert validate_editors(data, schema) == ["表“project_funds”出现在多个页面"]


def test_an_unknown_section(schema, data):
    data["tabs"][0]["pages"][0]["sections"].append("no_such_table")
    assert validate_editors(data, schema) == ["未知的表“no_such_table”"]


def test_an_unknown_formula(schema, data):
    data["computed_columns"]["sangong"][0]["formula"] = "quotient"
    assert validate_editors(data, schema) == ["computed_columns.sangong.completion：未知的公式“quotient”"]


def test_a_wrong_argument_count(schema, data):
    data["computed_columns"]["sangong"][0]["args"] = ["actual"]
    assert validate_editors(data, schema) == ["computed_columns.sangong.completion：公式 ratio 需要 2 个参数，给了 1 个"]
    data["computed_columns"]["sangong"][0]["args"] = ["actual", "budget"]
    data["computed_fields"]["sangong_details"][0]["args"] = ["vehicle_stock"]
    assert validate_editors(data, schema) == [
        "computed_fields.sangong_details.cost_per_vehicle：公式 cost_per_vehicle 需要 0 个参数，给了 1 个"]


def test_an_argument_that_is_not_a_column(schema, data):
    data["computed_fields"]["procurement"][0]["args"] = ["sme", "totla"]
    problems = validate_editors(data, schema)
    assert len(problems) == 1 and problems[0].startswith("computed_fields.procurement.sme_share：")
    assert problems[0].endswith("没有“totla”列")


def test_computed_columns_on_an_unknown_section_and_without_a_label(schema, data):
    data["computed_columns"]["no_such_table"] = []
    del data["computed_columns"]["sangong"][1]["label"]
    assert sorted(validate_editors(data, schema)) == ["computed_columns.sangong.change：缺少标题",
                                                      "computed_columns：未知的表“no_such_table”"]


def test_total_rows_on_a_fixed_grid(schema, data):
    data["total_rows"]["sangong"] = ["budget"]
    assert validate_editors(data, schema) == ["total_rows：“sangong”不是可增删行的表"]


def test_total_rows_on_a_text_column(schema, data):
    data["total_rows"]["purchased_services"] = ["amount", "item"]
    problems = validate_editors(data, schema)
    assert len(problems) == 1 and problems[0].startswith("total_rows：") and problems[0].endswith("没有数值列“item”")


def test_the_sangong_table_is_transposed_with_the_form_s_headers():
    editors = load_editors()
    assert list(editors.transposed) == ["sangong"]
    layout = editors.transposed["sangong"]
    assert layout.header("vehicle_purchase", "公务用车购置费") == "其中：\n购置费"
    assert layout.header("total", "合计") == "合计"


@pytest.mark.parametrize("section, message", [
    ("sangong_details", "transposed：“sangong_details”不是固定行的表（grid）"),
    ("purchased_services", "transposed：“purchased_services”不是固定行的表（grid）"),
    ("no_such_table", "transposed：“no_such_table”不是固定行的表（grid）"),
])
def test_only_a_grid_can_be_transposed(schema, data, section, message):
    data["transposed"][section] = {}
    assert validate_editors(data, schema) == [message]


def test_transposed_headers_name_rows_and_are_not_empty(schema, data):
    data["transposed"]["sangong"]["headers"]["vehicles"] = "车"
    data["transposed"]["sangong"]["headers"]["abroad"] = " "
    assert sorted(validate_editors(data, schema)) == [
        "transposed.sangong.headers.abroad：表头文字不能为空",
        "transposed.sangong.headers：财政拨款“三公”经费支出决算表没有行“vehicles”"]


def test_transposed_settings_are_only_headers(schema, data):
    data["transposed"]["sangong"]["widths"] = {}
    assert validate_editors(data, schema) == ["transposed.sangong：只能声明 headers（行 → 表头文字）"]
    data["transposed"] = ["sangong"]
    assert validate_editors(data, schema) == ["transposed：应为对象（表 → 设置）"]


@pytest.mark.parametrize("width", ["money", "computed", "name", "item"])
def test_a_missing_width(schema, data, width):
    del data["widths"][width]
    assert validate_editors(data, schema) == [f"widths：缺少“{width}”的列宽"]


def test_a_width_that_is_not_a_positive_integer(schema, data):
    data["widths"]["text"] = 0
    data["widths"]["code"] = "90"
    assert sorted(validate_editors(data, schema)) == ["widths：缺少“code”的列宽", "widths：缺少“text”的列宽"]


def test_an_unusable_document(schema):
    assert validate_editors([], schema) == ["editors.json：应为含 tabs 列表的对象"]
    assert validate_editors({"tabs": {}}, schema) == ["editors.json：应为含 tabs 列表的对象"]


def test_total_rows_may_total_a_computed_column_of_the_section(schema, data):
    data["total_rows"]["dept_score_indicators"] = ["points", "computed_score"]
    assert validate_editors(data, schema) == []
    data["total_rows"]["dept_score_indicators"] = ["points", "computed_total"]  # dept_score's, not this table's
    assert validate_editors(data, schema) == ["total_rows：整体绩效目标实现情况指标没有数值列“computed_total”"]
