"""The official forms laid out as the 样表 (shared/references: the 2024 财政部 template, and the
Beijing 2023 municipal set of domain.md §1.3): 表1 and 表4 two-sided with the 支出 side by
功能分类 类, 表6 in 人员经费 | 公用经费 column pairs, the 三公 table crosswise; their totals are the
sums of what they print."""

import copy
import json

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import document_schema
from desktop.io.samples import load_sample
from desktop.paths import resource_path
from desktop.publication.layouts import validate_layouts
from desktop.publication.tables import part_one_tables
from desktop.synthetic import build_document

TABLES_JSON = json.loads(resource_path("publication", "tables.json").read_text(encoding="utf-8"))
NATIONAL_TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                   "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                   "国有资本经营预算财政拨款收入支出决算表"]
MUNICIPAL_TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款收入支出决算表",
                    "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表", "政府性基金预算财政拨款收入支出决算表",
                    "政府性基金预算财政拨款基本支出决算表", "国有资本经营预算财政拨款支出决算表", "财政拨款“三公”经费支出决算表",
                    "政府采购情况表", "政府购买服务决算公开情况表"]
TEMPLATE_CLASSES = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
                    "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
                    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
                    "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出",
                    "抗疫特别国债安排的支出"]
ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八",
            "十九", "二十", "二十一", "二十二", "二十三", "二十四"]


def texts(row) -> list[str]:
    return [cell.text for cell in row]


def spans(row) -> list[tuple]:
    return [(cell.text, cell.colspan, cell.rowspan) for cell in row]


def tables(document, profile: str | None = None) -> dict:
    data = document.latest_year()
    if profile:
        data.profile = profile
    return {table.key: table for table in part_one_tables(document, data)}


@pytest.fixture(scope="module")
def synthetic_national():
    return tables(build_document(projects=2, units=2), "national")


@pytest.fixture(scope="module")
def seed1_district():
    return tables(load_sample(1))


def test_the_national_set_is_the_templates_nine_tables_in_its_order(synthetic_national):
    assert [t.title for t in synthetic_national.values()] == NATIONAL_TITLES
    assert [t.number for t in synthetic_national.values()] == [f"表{n}" for n in range(1, 10)]
    assert {t.unit for t in synthetic_national.values()} == {"单位：万元"}


def test_the_municipal_set_is_the_thirteen_tables_of_2023():
    assert [t.title for t in tables(build_document(), "beijing-municipal").values()] == MUNICIPAL_TITLES


def test_table_one_header_and_sides_as_the_template(synthetic_national):
    table = synthetic_national["income_expenditure_national"]
    assert [spans(row) for row in table.header] == [
        [("收入", 2, 1), ("支出", 2, 1)], [("项目", 1, 1), ("决算数", 1, 1), ("项目", 1, 1), ("决算数", 1, 1)]]
    income = [row[0].text for row in table.rows if row[0].text]
    assert income == ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
                      "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入",
                      "本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
    spending = [row[2].text for row in table.rows]
    assert spending[:24] == [f"{n}、{name}" for n, name in zip(ORDINALS, TEMPLATE_CLASSES)]
    assert spending[24:] == ["本年支出合计", "结余分配", "年末结转和结余", "总计"]
    assert [texts(row)[0] for row in table.rows[-4:]] == ["本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
    assert table.notes == ("注：本表反映部门本年度的总收支和年末结转结余情况。",)


def test_table_one_spending_classes_come_from_table_three_and_add_up(synthetic_national):
    document = build_document(projects=2, units=2)
    data = document.latest_year()
    table = synthetic_national["income_expenditure_national"]
    shown = {row[2].text.split("、", 1)[1]: row[3].text for row in table.rows[:24] if row[3].text}
    classes = {r["name"]: r["total"] for r in data.section("functional_expenditure").rows.values() if len(r["code"]) == 3}
    assert set(shown) == set(classes) and shown
    assert all(shown[name] == f"{classes[name].wan:.2f}" for name in classes)
    total = sum(classes.values(), Money(0))
    assert table.rows[-4][3].text == f"{total.wan:.2f}"  # 本年支出合计 = Σ 类 (X-01 holds on the synthetic document)
    assert table.rows[-1][1].text == table.rows[-1][3].text  # 收入总计 = 支出总计


def test_table_four_is_two_sided_with_the_fund_columns(seed1_district):
    table = seed1_district["fiscal_summary"]
    assert [spans(row) for row in table.header] == [
        [("收入", 2, 1), ("支出", 5, 1)],
        [("项目", 1, 1), ("决算数", 1, 1), ("项目", 1, 1), ("合计", 1, 1), ("一般公共预算财政拨款", 1, 1),
         ("政府性基金预算财政拨款", 1, 1), ("国有资本经营预算财政拨款", 1, 1)]]
    left = [row[0].text for row in table.rows if row[0].text]
    assert left == ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款", "本年收入合计",
                    "年初财政拨款结转和结余", "一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款",
                    "总计"]
    by_label = {row[2].text: texts(row)[3:] for row in table.rows}
    assert by_label["一、一般公共服务支出"] == ["876,600.00", "876,600.00", "", ""]
    assert by_label["十四、资源勘探工业信息等支出"] == ["77,149,134.73", "77,149,134.73", "", ""]
    assert by_label["本年支出合计"] == ["78,129,577.73", "78,129,577.73", "", ""]  # Σ of the 类 rows above
    assert texts(table.rows[-1]) == ["总计", "78,129,577.73", "总计", "78,129,577.73", "78,129,577.73", "", ""]
    assert "156,259,155.50" not in [c.text for row in table.rows for c in row]  # seed 1's typed total


def test_a_class_beyond_the_template_list_is_added_in_code_order():
    document = build_document()
    data = document.latest_year()
    data.section("functional_expenditure").add_row({"code": "227", "name": "预备费", "total": Money(100)})
    table = tables(document)["income_expenditure"]
    labels = [row[3].text for row in table.rows]
    assert labels[24] == "二十五、预备费" and texts(table.rows[24])[5] == "1.00"


def test_table_six_pairs_as_the_template(synthetic_national):
    table = synthetic_national["gp_basic_economic_national"]
    assert [texts(row) for row in table.header] == [["经济分类科目编码", "科目名称", "决算数"] * 2]
    left = {row[0].text[:3] for row in table.rows[:-1] if row[0].text}
    right = {row[3].text[:3] for row in table.rows[:-1] if row[3].text}
    assert left <= {"301", "303"} and left and right and not right & {"301", "303"}
    assert [c.text for c in table.rows[-1] if not c.text[0].isdigit()] == ["人员经费合计", "公用经费合计"]


def test_sangong_is_laid_crosswise_as_the_template(seed1_district):
    table = seed1_district["sangong"]
    assert [spans(row) for row in table.header] == [
        [("财政拨款“三公”经费", 12, 1)],
        [("合计", 2, 2), ("因公出国（境）费", 2, 2), ("公务用车购置及运行维护费", 6, 1), ("公务接待费", 2, 2)],
        [("小计", 2, 1), ("公务用车购置费", 2, 1), ("公务用车运行维护费", 2, 1)],
        [("预算数", 1, 1), ("决算数", 1, 1)] * 6]
    # the 合计 is computed from the items (seed 1 typed 44,961.00 for it)
    assert texts(table.rows[0]) == ["36,000.00", "10,298.00", "0.00", "0.00", "36,000.00", "10,298.00", "0.00", "0.00",
                                    "36,000.00", "10,298.00", "0.00", "0.00"]


def test_national_empty_fund_tables_keep_their_format_with_the_template_statement():
    document = build_document()
    found = tables(document, "national")
    statement = found["soe_capital_national"].empty_statement
    assert statement == f"说明：{document.department_name}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    assert [texts(row) for row in found["soe_capital_national"].header][1][:2] == ["科目编码", "科目名称"]


def test_every_profile_lays_out_both_seeds_and_the_synthetic_document():
    for profile in available_profiles():
        for document in (load_sample(1), load_sample(2), build_document()):
            assert len(tables(document, profile)) == len(TABLES_JSON["sets"][profile])


def test_profile_only_columns_and_sections_name_existing_profiles():
    profiles = set(available_profiles())
    for section in document_schema().sections:
        assert set(section.profiles) <= profiles, section.key
        assert all(set(c.profiles) <= profiles for c in section.columns), section.key
    assert not Document.new("x", 2023).year(2023).section("gov_fund_basic_economic").section.used_by("beijing-district")


# ------------------------------------------------------------------ the validator


def _problems(data) -> list[str]:
    return validate_layouts(data, document_schema(), available_profiles())


@pytest.mark.parametrize("mutate, fragment", [
    (lambda t: t["fiscal_summary"]["sides"][1]["tail"][0]["cells"].pop(), "须有 4 个单元格"),
    (lambda t: t["fiscal_summary"]["sides"][0]["items"][0]["cells"].__setitem__(0, ["fiscal_summary", "nowhere", "income"]),
     "的行不存在"),
    (lambda t: t["fiscal_summary"]["sides"][1]["tail"][2]["cells"].__setitem__(0, {"rows": ["ghost"]}), "不存在的行"),
    (lambda t: t["income_expenditure"]["sides"][1]["items"][0]["classes"].update(list="provincial"), "没有类级编码清单"),
    (lambda t: t["income_expenditure"]["sides"][1]["items"][0]["classes"]["cells"].__setitem__(0, ["sangong", "actual"]),
     "须指向有科目编码的表"),
    (lambda t: t["income_expenditure"]["sides"].pop(), "左右两侧"),
    (lambda t: t["gp_basic_economic"]["pairs"][0].pop("classes"), "pairs 须为两组"),
    (lambda t: t["sangong"]["items"][0].update(row="nowhere"), "items 中的"),
    (lambda t: t["gp_functional_national"].update(total_row="middle"), "total_row"),
])
def test_the_validator_names_each_mistake(mutate, fragment):
    data = copy.deepcopy(TABLES_JSON)
    assert _problems(data) == []
    mutate(data["tables"])
    assert any(fragment in p for p in _problems(data)), _problems(data)
