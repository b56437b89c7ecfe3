"""Seed 1 (中关村科技园区门头沟园管理委员会 2023年度决算公开说明) entered as resources/samples/seed1.json.

The sample is entered exactly as the seed prints it, mistakes included, so that the product has
something real to catch. Each spot check asserts the sample's value and, where the seed prints
the figure directly, that the printed string is in the seed text. Figures the seed only implies
(a prior-year amount given as "current, 比上年增加 x") are checked as printed current − printed x.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.io.jsonio import dumps, read_json
from desktop.paths import resource_path

YEAR = 2023


def cell(document, section: str, row: str | None, key: str):
    """The figure the sample holds as printed: a typed 合计 that differs from its parts is kept
    as the seed printed it (stored), one that agrees is the grid's own computed total."""
    data = document.year(YEAR).section(section)
    row = "" if row is None else row
    if data.section.is_computed(row, key) and data.stored(row, key) is not None:
        return data.stored(row, key)
    return data.value(row, key)


def yuan(text: str) -> Money:
    return Money.from_yuan(text)


# -- money printed directly in 元 --------------------------------------------------------------
MONEY_YUAN = [
    # section, row (None = form), column, value in 元, as printed in the seed
    ("income_expenditure", "income_gp", "current", "78129577.73", "财政拨款收入78129577.73元"),
    ("income_expenditure", "income_total", "current", "78129577.73", "本年收入合计78129577.73元"),
    ("income_expenditure", "expenditure_total", "current", "78129577.73", "本年支出合计78129577.73元"),
    ("income_expenditure", "expenditure_basic", "current", "9311521.13", "基本支出9311521.13元"),
    ("income_expenditure", "expenditure_project", "current", "68818056.60", "项目支出68818056.60元"),
    ("income_expenditure", "income_grand_total", "current", "156259155.50", "收、支总计156259155.5元"),
    ("income_expenditure", "expenditure_grand_total", "current", "156259155.50", "收、支总计156259155.5元"),
    ("income_expenditure", "income_superior", "current", "0", "上级补助收入0元"),
    ("income_expenditure", "income_other", "current", "0", "其他收入0元"),
    ("income_expenditure", "expenditure_superior", "current", "0", "上缴上级支出0元"),
    ("fiscal_summary", "gp", "income", "78129577.73", "78129577.73"),
    ("fiscal_summary", "total", "grand_total", "156259155.50", "财政拨款收、支总计156259155.5元"),
    ("gp_functional", "r1", "total", "876600", "一般公共服务支出876600元"),
    ("gp_functional", "r2", "total", "876600", "“人大事务”（款）2023年度决算876600元"),
    ("gp_functional", "r3", "total", "103843", "农林水支出103843元"),
    ("gp_functional", "r4", "total", "103843", "“农业生产发展”（款）2023年度决算103843元"),
    ("gp_functional", "r5", "total", "77149134.73", "资源勘探工业信息等支出77149134.73元"),
    ("gp_functional", "r6", "total", "77149134.73", "（款）2022年度决算77149134.73元"),
    ("gp_basic_economic", "r1", "budget", "7658148.68", "年初预算7658148.68元"),
    ("gp_basic_economic", "r1", "actual", "8748039.39", "支出8748039.39元"),
    ("gp_basic_economic", "r2", "budget", "671738.48", "年初预算671738.48元"),
    ("gp_basic_economic", "r2", "actual", "560146.09", "支出560146.09元"),
    ("gp_basic_economic", "r3", "actual", "17.65", "支出17.65元"),
    ("gp_basic_economic", "r4", "actual", "3318", "专用设备购置等3318元"),
    ("gp_project_economic", "r1", "budget", "140000", "年初预算140000元"),
    ("gp_project_economic", "r1", "actual", "117740", "支出117740元"),
    ("gp_project_economic", "r2", "budget", "1646014.63", "年初预算1646014.63元"),
    ("gp_project_economic", "r2", "actual", "43342416.60", "支出43342416.60元"),
    ("gp_project_economic", "r5", "actual", "25357900", "增加25357900元"),
    ("sangong", "total", "budget", "44961.00", "比年初预算44961.00元"),
    ("sangong", "total", "actual", "10298.00", "财政拨款决算数10298.00元"),
    ("sangong", "vehicle", "budget", "36000", "比年初预算数36000元"),
    ("sangong", "vehicle_operation", "actual", "10298", "公务用车运行维护费决算数10298元"),
    ("sangong_details", None, "operation_fuel", "9000", "公务用车加油9000元"),
    ("sangong_details", None, "operation_repair", "0", "公务用车维修0元"),
    ("sangong_details", None, "operation_other", "1298", "公务用车其他支出1298元"),
    ("sangong_details", None, "reported_cost_per_vehicle", "10298", "车均运行维护费10298元"),
    ("admin_operating_cost", None, "current", "563464.09", "合计563464.09元"),
    ("procurement", None, "total", "12318", "政府采购支出总额12318元"),
    ("procurement", None, "goods", "3318", "政府采购货物支出3318元"),
    ("procurement", None, "works", "0", "政府采购工程支出0元"),
    ("procurement", None, "services", "9000", "政府采购服务支出9000元"),
    ("procurement", None, "sme", "3318", "授予中小企业合同金额3318元"),
    ("procurement", None, "small_micro", "3318", "授予小微企业合同金额3318元"),
    ("purchased_services_summary", None, "total", "8539100", "政府购买服务支出总额8539100元"),
    ("purchased_services", "r1", "amount", "180000", "科技公共服务180000元"),
    ("purchased_services", "r2", "amount", "5775000", "行业管理服务5775000元"),
    ("purchased_services", "r3", "amount", "379300", "咨询服务379300元"),
    ("purchased_services", "r4", "amount", "584800", "后勤服务584800元"),
    ("assets", None, "fixed_assets_total", "487966.62", "固定资产年末数总额487966.62元"),
    ("assets", None, "vehicle_amount", "364982.62", "汽车2辆，364982.62元"),
    ("assets", None, "building_amount", "0", "房屋面积0平方米，0元"),
]


@pytest.mark.parametrize("section,row,key,value,printed", MONEY_YUAN,
                         ids=[f"{s}.{r or ''}.{k}" for s, r, k, _, _ in MONEY_YUAN])
def test_money_in_yuan(seed1, seed1_text, section, row, key, value, printed):
    assert cell(seed1, section, row, key) == yuan(value)
    assert printed in seed1_text


# -- performance-part money printed in 万元, stored in 元 ---------------------------------------
MONEY_WAN = [
    ("dept_budget_execution", "total", "full_year_budget", "7812.96", "2023年全年预算数7812.96万元"),
    ("dept_budget_execution", "basic", "full_year_budget", "931.15", "基本支出931.15万元"),
    ("dept_budget_execution", "project", "full_year_budget", "6881.81", "项目支出6881.81万元"),
    ("dept_budget_execution", "other", "full_year_budget", "0", "其他支出0万元"),
    ("dept_budget_execution", "total", "executed", "7812.96", "预算资金总体支出7812.96万元"),
    ("dept_budget_execution", "project", "executed", "6881.81", "项目支出6881.81万元"),
    ("dept_balance", None, "expenditure_budget", "7812.96", "全年支出预算数为7812.96万元"),
    ("dept_balance", None, "closing_balance", "0", "2023年年末结转结余资金总额为0万元"),
    ("dept_balance", None, "prior_expenditure_budget", "1471.26", "全年支出预算数为1471.26万元"),
    ("dept_balance", None, "prior_closing_balance", "1.28", "2022年年末结转结余资金总额为1.28万元"),
    ("performance_management", None, "monitored_amount", "1977.31", "涉及资金1977.31万元"),
    ("performance_management", None, "self_eval_amount", "7812.96", "评价项目26个，涉及金额7812.96万元"),
    ("project_evaluation_summary", None, "evaluated_amount", "6881.82", "评价项目21个，涉及金额6881.82万元"),
    ("project_funds", "r1", "full_year_budget", "22.58", "本项目预算总额22.58万元"),
    ("project_funds", "r2", "executed", "22.58", "区级财政资金支出22.58万元"),
    ("project_funds", "r3", "full_year_budget", "0", "其他资金0万元"),
]


@pytest.mark.parametrize("section,row,key,wan,printed", MONEY_WAN,
                         ids=[f"{s}.{r or ''}.{k}" for s, r, k, _, _ in MONEY_WAN])
def test_money_in_wan(seed1, seed1_text, section, row, key, wan, printed):
    value = cell(seed1, section, row, key)
    assert value == Money.from_yuan(Decimal(wan) * 10000)
    assert value.wan == Decimal(wan)
    assert printed in seed1_text


# -- counts and reported scores ---------------------------------------------------------------
COUNTS = [
    ("basic_info", "internal_department_count", 3, "本部门共设3个内设机构"),
    ("basic_info", "subordinate_unit_count", 1, "下设1个事业单位"),
    ("basic_info", "admin_quota", 15, "行政编制15名"),
    ("basic_info", "admin_actual", 14, "实际14人"),
    ("basic_info", "institution_quota", 26, "事业编制26名"),
    ("basic_info", "institution_actual", 15, "实际15人"),
    ("basic_info", "retired_total", 0, "离退休人员0人"),
    ("basic_info", "other_staff_total", 6, "其他人员6人"),
    ("sangong_details", "scope_admin_units", 1, "所属1个行政单位"),
    ("sangong_details", "scope_institution_units", 1, "1个事业单位"),
    ("sangong_details", "vehicle_stock", 2, "公务用车保有量2辆"),
    ("sangong_details", "vehicles_purchased", 0, "没有新购置车辆"),
    ("assets", "vehicle_count", 2, "汽车2辆"),
    ("assets", "large_equipment_count", 0, "专用设备0台（套）"),
    ("performance_management", "target_projects", 12, "2023年部门预算项目12个"),
    ("performance_management", "target_disclosed_projects", 12, "公开绩效目标的预算项目12个"),
    ("performance_management", "monitored_projects", 18, "18个预算项目进行绩效运行监控"),
    ("performance_management", "self_eval_projects", 26, "评价项目26个"),
    ("project_evaluation_summary", "evaluated_projects", 21, "评价项目21个"),
    ("project_evaluation_summary", "grade_excellent", 21, "90分（含90分）以上的21个"),
    ("project_evaluation_summary", "grade_poor", 0, "60分以下的0个"),
]


@pytest.mark.parametrize("section,key,value,printed", COUNTS, ids=[f"{s}.{k}" for s, k, _, _ in COUNTS])
def test_counts(seed1, seed1_text, section, key, value, printed):
    assert cell(seed1, section, None, key) == value
    assert printed in seed1_text


def test_other_staff(seed1, seed1_text):
    rows = seed1.year(YEAR).section("other_staff").rows
    assert [(r["category"], r["count"]) for r in rows.values()] == [("社会化用工", 2), ("社区工作者", 4)]
    assert "社会化用工2人，社区工作者4人" in seed1_text


def test_reported_scores(seed1, seed1_text):
    performance = seed1.year(YEAR).section("performance_management")
    assert performance.get("overall_score_reported") == Decimal("98")
    assert performance.get("overall_grade_reported") == "优秀"
    assert "绩效自评总分：98分" in seed1_text and "绩效自评等级：优秀" in seed1_text
    project = seed1.year(YEAR).section("projects")
    assert project.value("r1", "score_reported") == Decimal("100")
    assert project.value("r1", "grade_reported") == "优秀"
    assert "绩效自评总分：100分优秀" in seed1_text


# -- figures the seed implies: printed current − printed increase -----------------------------
IMPLIED = [
    ("income_expenditure", "income_total", "prior", "78129577.73", "63404143.31", "比上年增加63404143.31元"),
    ("income_expenditure", "expenditure_total", "prior", "78129577.73", "63416003.51", "比上年增加63416003.51元"),
    ("income_expenditure", "income_grand_total", "prior", "156259155.5", "126820146.8", "比上年增加126820146.8元"),
    ("income_expenditure", "expenditure_grand_total", "prior", "156259155.5", "126820146.8", "比上年增加126820146.8元"),
    ("fiscal_summary", "total", "prior_grand_total", "156259155.5", "126820146.8", "比上年增加126820146.8元"),
    ("admin_operating_cost", None, "prior", "563464.09", "50154.14", "比上年增加50154.14元"),
    ("gp_functional", "r1", "budget", "876600", "656600", "比年初预算增加656600元"),
    ("gp_functional", "r2", "budget", "876600", "656600", "比年初预算增加656600元"),
    ("gp_functional", "r5", "budget", "77149134.73", "67253232.94", "比年初预算增加67253232.94元"),
    ("gp_functional", "r6", "budget", "77149134.73", "67253232.94", "比年初预算增加67253232.94元"),
]


@pytest.mark.parametrize("section,row,key,current,increase,printed", IMPLIED,
                         ids=[f"{s}.{r or ''}.{k}" for s, r, k, *_ in IMPLIED])
def test_implied_figures(seed1, seed1_text, section, row, key, current, increase, printed):
    assert cell(seed1, section, row, key).yuan == Decimal(current) - Decimal(increase)
    assert current in seed1_text
    assert printed in seed1_text


def test_implied_prior_values_spelled_out(seed1):
    ie = seed1.year(YEAR).section("income_expenditure")
    assert ie.value("income_total", "prior") == yuan("14725434.42")
    assert ie.value("expenditure_total", "prior") == yuan("14713574.22")
    assert ie.value("income_grand_total", "prior") == yuan("29439008.70")
    assert cell(seed1, "admin_operating_cost", None, "prior") == yuan("513309.95")


# -- the seed's mistakes are kept, not corrected ------------------------------------------------
def test_grand_total_is_income_plus_expenditure_as_printed(seed1):
    # The seed adds income and expenditure (78129577.73 × 2 = 156259155.46) and prints it to one
    # decimal place, 156259155.5; the sample keeps the printed figure.
    ie = seed1.year(YEAR).section("income_expenditure")
    doubled = ie.value("income_total", "current") + ie.value("expenditure_total", "current")
    assert doubled == yuan("156259155.46")
    for section, row, key in (("income_expenditure", "income_grand_total", "current"),
                              ("income_expenditure", "expenditure_grand_total", "current"),
                              ("fiscal_summary", "total", "grand_total")):
        data = seed1.year(YEAR).section(section)
        grand_total = data.stored(row, key)  # as printed, kept as a typed figure …
        assert grand_total == yuan("156259155.50")
        assert grand_total - doubled == yuan("0.04")
        assert data.value(row, key) == yuan("78129577.73")  # … while the total is computed from its parts


def test_cost_per_vehicle_kept_as_reported(seed1):
    details = seed1.year(YEAR).section("sangong_details")
    assert details.get("reported_cost_per_vehicle") == yuan("10298")
    assert cell(seed1, "sangong", "vehicle_operation", "actual").yuan / details.get("vehicle_stock") == Decimal("5149")


def test_purchased_services_do_not_sum_to_total(seed1):
    rows = seed1.year(YEAR).section("purchased_services").rows
    items = sum(r["amount"].yuan for r in rows.values())
    assert items == Decimal("6919100")
    assert cell(seed1, "purchased_services_summary", None, "total") != yuan(items)


def test_project_name_printed_as_kuan(seed1, seed1_text):
    assert cell(seed1, "gp_functional", "r4", "code") == "21301"
    assert cell(seed1, "gp_functional", "r4", "name") == "农业生产发展"
    assert "“农业生产发展”（款）" in seed1_text


# -- blank is not zero --------------------------------------------------------------------------
BLANK = [
    ("sangong", "abroad", "prior_actual"),
    ("sangong", "total", "prior_actual"),
    # the seed states no 上年 reason, no 团组/人次 (nothing was spent abroad), no 上年末保有量, no 接待 split
    ("sangong", "vehicle_operation", "prior_reason"),
    ("sangong_details", None, "abroad_groups"),
    ("sangong_details", None, "abroad_people"),
    ("sangong_details", None, "vehicle_stock_prior"),
    ("sangong_reception", "domestic", "amount"),
    ("sangong_reception", "foreign", "batches"),
    ("income_expenditure", "opening_balance", "current"),
    ("income_expenditure", "closing_balance", "current"),
    ("income_expenditure", "income_gp", "prior"),
    ("gp_functional", "r1", "basic"),
    ("gp_functional", "r6", "project"),
    ("dept_budget_execution", "total", "initial_budget"),
    ("dept_balance", None, "executed"),
    ("project_funds", "r1", "initial_budget"),
    ("assets", None, "large_equipment_amount"),
    ("dept_evaluation_text", None, "goal_setting"),
]


@pytest.mark.parametrize("section,row,key", BLANK, ids=[f"{s}.{r or ''}.{k}" for s, r, k in BLANK])
def test_blank_cells(seed1, section, row, key):
    assert cell(seed1, section, row, key) is None


ZERO = [
    ("sangong", "abroad", "actual"),
    ("sangong", "abroad", "budget"),
    ("sangong", "reception", "actual"),
    ("sangong", "vehicle_purchase", "actual"),
    ("income_expenditure", "income_fund", "current"),
    ("fiscal_summary", "soe", "expenditure"),
    ("dept_budget_execution", "other", "executed"),
    ("gp_project_economic", "r3", "actual"),
]


@pytest.mark.parametrize("section,row,key", ZERO, ids=[f"{s}.{r or ''}.{k}" for s, r, k in ZERO])
def test_stated_zero_cells(seed1, section, row, key):
    value = cell(seed1, section, row, key)
    assert isinstance(value, Money) and value == Money(0)


def test_sections_with_nothing_printed_are_empty(seed1):
    year = seed1.year(YEAR)
    for key in ("functional_income", "functional_expenditure", "gov_fund", "soe_capital",
                "asset_vehicles", "dept_score", "dept_score_indicators", "dept_score_management",
                "sangong_reception", "sangong_vehicles"):
        assert year.section(key).is_empty(), key


# -- department and units -----------------------------------------------------------------------
def test_department_and_units(seed1, seed1_text):
    assert seed1.department_name == "中关村科技园区门头沟园管理委员会"
    units = seed1.section("units").rows
    assert [(u["name"], u["kind"], u["role"]) for u in units.values()] == [
        ("中关村科技园区门头沟园管理委员会", "行政单位", "本级"),
        ("北京市门头沟区园区服务保障事务中心", "事业单位", "所属单位"),
    ]
    assert "事业单位名称为北京市门头沟区园区服务保障事务中心" in seed1_text
    names = [r["name"] for r in seed1.year(YEAR).section("internal_departments").rows.values()]
    assert names == ["综合办公室", "规划建设科", "产业促进发展科"]
    assert "分别为综合办公室、规划建设科、产业促进发展科" in seed1_text


# -- 部门整体绩效指标 ---------------------------------------------------------------------------
def indicator_rows(seed1):
    return list(seed1.year(YEAR).section("dept_indicators").rows.values())


@pytest.mark.parametrize("category", ["产出", "效果"])
def test_indicator_count_per_category(seed1, category):
    rows = [r for r in indicator_rows(seed1) if r["category"] == category]
    assert len(rows) == 21
    assert [r["group"] for r in rows] == [g for g in range(1, 8) for _ in range(3)]


def test_indicators_ordered_outputs_then_effects(seed1):
    assert [r["category"] for r in indicator_rows(seed1)] == ["产出"] * 21 + ["效果"] * 21


# The 部门整体绩效目标设立情况 table, in its printed order (序号 1–21).
TARGETS = [
    ("产出", 1, "方案编制内容", "≥", "4", "项", "3"),
    ("产出", 1, "方案编制通过验收率", "≥", "90", "%", "3"),
    ("产出", 1, "全部工作完成", "≤", "12", "月", "1"),
    ("效果", 1, "方案辐射期间", "≥", "1", "年", "4"),
    ("效果", 1, "方案收益方抽访满意度", "≥", "95", "%", "1"),
    ("效果", 1, "年末预算执行率", "≥", "90", "%", "2"),
    ("产出", 2, "重点项目", "≥", "1", "个", "3"),
    ("产出", 2, "重点产业集群", "≥", "3", "类", "3"),
    ("产出", 2, "全部工作完成", "≤", "12", "月", "1"),
    ("效果", 2, "促进产业空间升级", "定性", "优良中低差", "项", "4"),
    ("效果", 2, "重点项目参与人员抽访满意度", "≥", "95", "%", "1"),
    ("效果", 2, "年末预算执行率", "≥", "90", "%", "2"),
    ("产出", 3, "主导产业细分领域外出活动", "≥", "1", "次", "3"),
    ("产出", 3, "外出考察活动成功率", "=", "100", "%", "3"),
    ("产出", 3, "全部工作完成", "≤", "12", "月", "1"),
    ("效果", 3, "了解产业发展前沿，学习其他园区发展经验。", "定性", "优良中低差", None, "4"),
    ("效果", 3, "招商人员服务及专业度抽访满意度", "≥", "95", "%", "1"),
    ("效果", 3, "年末预算执行率", "≥", "90", "%", "2"),
    ("产出", 4, "开展人工智能算力算法平台基座搭建", "≥", "1", "个", "3"),
    ("产出", 4, "发展成果", "≥", "1", "项", "3"),
    ("产出", 4, "全部工作完成", "≤", "12", "月", "1"),
]


@pytest.mark.parametrize("category,group,name,nature,target,unit,weight", TARGETS,
                         ids=[f"{n}-{t[0]}{t[1]}-{t[2]}" for n, t in enumerate(TARGETS, 1)])
def test_target_rows(seed1, seed1_text, category, group, name, nature, target, unit, weight):
    matches = [r for r in indicator_rows(seed1)
               if (r["category"], r["group"], r["name"]) == (category, group, name)]
    assert len(matches) == 1
    row = matches[0]
    assert row.get("nature") == nature
    assert row.get("target") == target
    assert row.get("unit") == unit
    assert row.get("weight") == Decimal(weight)
    assert f"\t{name}\n" in seed1_text
    assert ("\t＝\n" if nature == "=" else f"\t{nature}\n") in seed1_text


def test_target_weights(seed1):
    weighted = [r for r in indicator_rows(seed1) if "weight" in r]
    assert len(weighted) == 21
    assert sum(r["weight"] for r in weighted) == sum(Decimal(t[6]) for t in TARGETS) == Decimal("49")
    # rows of tasks 5–7 (and effects of task 4) have no target in the seed
    assert all("nature" not in r and "target" not in r for r in indicator_rows(seed1) if "weight" not in r)


COMPLETION = [
    # category, group, name, planned, actual, deviation reason
    ("产出", 1, "方案编制内容", "4", "1", None),
    ("产出", 5, "活动动员人数", "2000", "1", None),
    ("产出", 6, "党组织建设", "5", "0.6", "2023年新建立党组织3家"),
    ("产出", 6, "党组织建设完成率", "90", "0.6", "2023年新建立党组织3家"),
    ("产出", 7, "在岗人员", "25", "1", None),
    ("效果", 2, "促进产业空间升级", "优良中低差", "1", None),
    ("效果", 6, "年末预算执行率", "90", "0.8", "支出进度未完成"),
    ("效果", 7, "员工满意度", "95", "1", None),
]


@pytest.mark.parametrize("category,group,name,planned,actual,reason", COMPLETION,
                         ids=[f"{c}{g}-{n}" for c, g, n, *_ in COMPLETION])
def test_completion_rows(seed1, seed1_text, category, group, name, planned, actual, reason):
    matches = [r for r in indicator_rows(seed1)
               if (r["category"], r["group"], r["name"]) == (category, group, name)]
    assert len(matches) == 1
    row = matches[0]
    assert (row["planned"], row["actual"], row.get("deviation_reason")) == (planned, actual, reason)
    assert f"\t{planned}\n\t{actual}\n" in seed1_text
    if reason:
        assert f"\t{reason}\n" in seed1_text


# -- 项目 -------------------------------------------------------------------------------------
def test_key_project(seed1, seed1_text):
    projects = seed1.year(YEAR).section("projects")
    assert projects.row_ids() == ["r1"]
    assert projects.value("r1", "name") == "门头沟“两区”标识建设"
    assert projects.value("r1", "is_key") is True
    assert "项目名称：门头沟“两区”标识建设" in seed1_text
    funds = seed1.year(YEAR).section("project_funds").rows
    assert [(f["project"], f["source"]) for f in funds.values()] == [
        ("r1", "年度资金总额"), ("r1", "当年财政拨款"), ("r1", "其他资金")]


def test_project_indicators(seed1, seed1_text):
    rows = list(seed1.year(YEAR).section("project_indicators").rows.values())
    assert len(rows) == 10
    assert all(r["project"] == "r1" for r in rows)
    assert [r["level2"] for r in rows if r["level1"] == "产出指标"] == ["数量指标", "质量指标", "进度指标", "成本指标"]
    assert [r["level3"] for r in rows if r.get("not_applicable")] == ["不涉及", "不涉及"]
    satisfaction = [r for r in rows if r["level1"] == "满意度指标"]
    assert [(r["level3"], r["nature"], r["target"], r["unit"]) for r in satisfaction] == [("使用者满意度", "≥", "95", "%")]
    assert "使用者满意度≥95%" in seed1_text
    for r in rows:
        assert r["level3"] in seed1_text
        assert "points" not in r and "score" not in r


# -- texts are verbatim from the seed -----------------------------------------------------------
TEXTS = [
    ("basic_info", None, "responsibilities"),
    ("basic_info", None, "main_tasks"),
    ("internal_departments", "r2", "duties"),
    ("gp_functional", "r4", "reason"),
    ("gp_project_economic", "r2", "reason"),
    ("gp_project_economic", "r5", "reason"),
    ("sangong", "vehicle", "reason"),
    ("admin_operating_cost", None, "reason"),
    ("narrative", None, "fiscal_change_reason"),
    ("narrative", None, "key_projects"),
    ("narrative", None, "fee_items"),
    ("performance_management", None, "financial_management"),
    ("performance_management", None, "asset_management"),
    ("performance_management", None, "performance_system"),
    ("performance_management", None, "problems"),
    ("performance_management", None, "improvements"),
    ("dept_evaluation_text", None, "execution_note"),
    ("project_evaluation_summary", None, "description"),
    ("projects", "r1", "overview"),
    ("projects", "r1", "goal_expected"),
    ("projects", "r1", "goal_actual"),
    ("projects", "r1", "fund_management"),
]


@pytest.mark.parametrize("section,row,key", TEXTS, ids=[f"{s}.{r or ''}.{k}" for s, r, k in TEXTS])
def test_texts_verbatim(seed1, seed1_text, section, row, key):
    text = cell(seed1, section, row, key)
    assert text
    for line in text.split("\n"):
        assert line and line in seed1_text


def test_main_tasks_complete(seed1):
    tasks = cell(seed1, "basic_info", None, "main_tasks")
    assert tasks.startswith("2023年是全面贯彻落实党的二十大精神的开局之年")
    assert tasks.endswith("提供车位1074个，向社会开放并实现市场化运营。")
    assert "（四）安全生产常抓不懈，全力打造平安园区。" in tasks.split("\n")


# -- the file itself ----------------------------------------------------------------------------
def test_sample_is_in_canonical_form():
    path = resource_path("samples", "seed1.json")
    assert dumps(read_json(path)) == path.read_text(encoding="utf-8")


def test_single_year_profile(seed1):
    assert list(seed1.years) == [YEAR]
    assert seed1.year(YEAR).profile == "beijing-district"
