"""第三部分 (三公, 机关运行经费, 采购, 购买服务, 资产) and 第四部分 (绩效, 万元) on small documents."""

from desktop.domain.money import Money
from desktop.narrative import generate_narrative, missing_reasons

M = Money.from_yuan


def fill_sangong(data, **rows):
    grid = data.section("sangong")
    for row_id, (budget, actual, *reason) in rows.items():
        grid.set_value(row_id, "budget", None if budget is None else M(budget))
        grid.set_value(row_id, "actual", None if actual is None else M(actual))
        if reason:
            grid.set_value(row_id, "reason", reason[0])


def part(document, title_word):
    [found] = [p for p in generate_narrative(document).parts if title_word in p.title]
    return "\n".join(line for s in found.sections for line in s.lines())


def test_sangong_total_is_computed_from_its_parts_never_the_typed_figure(make_doc):
    document, data = make_doc()
    # a typed 合计 90 / 100 (an import), but the parts add up to 80 / 80 (T7-01 reports the typed one)
    fill_sangong(data, total=("100", "90"), abroad=("50", "50"), reception=("30", "30"),
                 vehicle=("0", "0"), vehicle_purchase=("0", "0"), vehicle_operation=("0", "0"))
    text = part(document, "其他重要事项")
    assert "2023年度“三公”经费财政拨款决算数80.00元，年初预算80.00元，与年初预算持平。上年决算数（未填写）。其中：" in text
    assert "90.00" not in text and "100.00" not in text
    assert "2023年度因公出国（境）费决算数50.00元，年初预算50.00元，与年初预算持平。上年决算数（未填写）。" in text
    assert "3.公务用车购置及运行维护费\n2023年度未发生公务用车购置及运行维护费支出，决算数为0.00元，年初预算为0。" in text
    assert missing_reasons(document) == []


def test_sangong_items_need_reasons_and_say_not_filled_when_blank(make_doc):
    document, data = make_doc()
    fill_sangong(data, total=("100", "60"), abroad=("0", "0"), reception=("100", "60"))
    text = part(document, "其他重要事项")
    assert "1.因公出国（境）费用\n2023年度未发生因公出国（境）费支出，决算数为0.00元，年初预算为0。" in text
    assert "2023年度公务接待费决算数60.00元，年初预算100.00元，比年初预算减少40.00元，下降40.0%。主要原因：（未填写）。" in text
    assert "公务用车购置费决算数（未填写），年初预算数（未填写）。上年决算数（未填写）。" in text
    assert all("无此项支出" not in line or line.startswith("【未填写：") for line in text.splitlines())
    assert missing_reasons(document) == [("sangong", "reception", "公务接待费比年初预算增减原因", "reason")]


def test_vehicle_costs_per_car(make_doc):
    document, data = make_doc()
    fill_sangong(data, total=("400000", "390000"), vehicle=("400000", "390000", "按计划更新"),
                 vehicle_purchase=("300000", "300000"), vehicle_operation=("100000", "90000", "节约"))
    details = data.section("sangong_details")
    details.set("vehicle_stock", 3)
    details.set("vehicles_purchased", 2)
    text = part(document, "其他重要事项")
    assert "公务用车购置费决算数300,000.00元，年初预算300,000.00元，与年初预算持平。上年决算数（未填写）。" \
           "本年购置公务用车2辆，车均购置费150,000.00元。" in text
    assert "2023年度公务用车保有量3辆，车均运行维护费30,000.00元。" in text


def test_no_cost_per_car_without_cars(make_doc):
    document, data = make_doc()
    fill_sangong(data, vehicle=("100", "100"), vehicle_operation=("100", "100"))
    data.section("sangong_details").set("vehicle_stock", 0)
    text = part(document, "其他重要事项")
    assert "2023年度公务用车保有量0辆。" in text
    assert "车均" not in text
    data.section("sangong_details").set("vehicle_stock", None)
    assert "2023年度公务用车保有量（未填写）。" in part(document, "其他重要事项")


def test_sangong_scope(make_doc):
    document, data = make_doc()
    data.section("sangong_details").set("scope_admin_units", 2)
    data.section("sangong_details").set("scope_institution_units", 0)
    assert "“三公”经费预算支出单位包括2个行政单位。" in part(document, "其他重要事项")


def test_admin_operating_cost_decrease_and_missing_reason(make_doc):
    document, data = make_doc()
    form = data.section("admin_operating_cost")
    form.set("current", M("900"))
    form.set("prior", M("1000"))
    text = part(document, "其他重要事项")
    assert "日常公用经费支出合计900.00元，比上年减少100.00元，下降10.0%。主要原因：（未填写）。" in text
    assert missing_reasons(document) == [("admin_operating_cost", "", "机关运行经费增减原因")]


def test_procurement_total_is_the_sum_of_its_parts(make_doc):
    document, data = make_doc()
    form = data.section("procurement")
    for key, amount in (("total", "999"), ("goods", "100"), ("works", "0"), ("services", "50"),
                        ("sme", "60"), ("small_micro", "30")):
        form.set(key, M(amount))
    text = part(document, "其他重要事项")
    assert ("2023年度本部门政府采购支出总额150.00元，其中：政府采购货物支出100.00元，政府采购工程支出0.00元，"
            "政府采购服务支出50.00元。") in text
    assert "授予中小企业合同金额60.00元，占政府采购支出总额的40.0%，其中：授予小微企业合同金额30.00元，占政府采购支出总额的20.0%。" in text
    assert "999" not in text


def test_procurement_zero_says_none(make_doc):
    document, data = make_doc()
    for key in ("goods", "works", "services"):
        data.section("procurement").set(key, M("0"))
    assert "三、政府采购支出情况\n本年度无此项支出。" in part(document, "其他重要事项")


def test_purchased_services_items_that_sum_and_that_do_not(make_doc):
    document, data = make_doc()
    data.section("purchased_services_summary").set("total", M("300"))
    items = data.section("purchased_services")
    items.add_row({"item": "咨询服务", "amount": M("100")})
    items.add_row({"item": "后勤服务", "amount": M("200")})
    assert "政府购买服务支出总额300.00元，其中：咨询服务100.00元，后勤服务200.00元。" in part(document, "其他重要事项")
    data.section("purchased_services_summary").set("total", M("500"))
    text = part(document, "其他重要事项")
    assert "政府购买服务支出总额500.00元，主要包括咨询服务100.00元、后勤服务200.00元等。" in text
    assert "其中：咨询服务" not in text


def test_assets_with_vehicle_rows(make_doc):
    document, data = make_doc()
    form = data.section("assets")
    form.set("fixed_assets_total", M("1000"))
    form.set("vehicle_count", 2)
    form.set("vehicle_amount", M("600"))
    data.section("asset_vehicles").add_row({"category": "一般公务用车", "count": 2, "amount": M("600")})
    assert ("2023年度固定资产年末数总额1,000.00元，其中：汽车2辆，600.00元（其中：一般公务用车2辆，600.00元）。"
            in part(document, "其他重要事项"))


def test_budget_execution_in_wan_with_shares_and_rate(make_doc):
    document, data = make_doc()
    grid = data.section("dept_budget_execution")
    for row_id, budget, executed in (("basic", "1000000", "1000000"), ("project", "3000000", "2500000"),
                                     ("total", "4000000", "3500000")):
        grid.set_value(row_id, "full_year_budget", M(budget))
        grid.set_value(row_id, "executed", M(executed))
    text = part(document, "绩效")
    assert "2023年全年预算数400.00万元，其中：基本支出100.00万元，占比25.0%；项目支出300.00万元，占比75.0%。" in text
    assert "截至2023年12月31日，预算资金总体支出350.00万元，其中：基本支出100.00万元，占比28.6%；项目支出250.00万元，占比71.4%。" in text
    assert "部门预算执行率为87.5%。" in text


def test_carryover_rate_rise_in_points_and_no_comparison_without_last_year(make_doc):
    document, data = make_doc()
    form = data.section("dept_balance")
    form.set("expenditure_budget", M("1000000"))
    form.set("closing_balance", M("50000"))
    text = part(document, "绩效")
    assert "\n2023年年末结转结余资金总额为5.00万元，全年支出预算数为100.00万元，资金结转结余率为5.0%。\n" in text
    assert "个百分点" not in text
    form.set("prior_expenditure_budget", M("1000000"))
    form.set("prior_closing_balance", M("20000"))
    text = part(document, "绩效")
    assert "上年年末结转结余资金总额为2.00万元，全年支出预算数为100.00万元，资金结转结余率为2.0%" in text
    assert "2023年度部门结转结余率较上年上升3.0个百分点。\n" in text


def test_performance_counts(make_doc):
    document, data = make_doc()
    form = data.section("performance_management")
    form.set("target_projects", 8)
    form.set("target_disclosed_projects", 6)
    form.set("monitored_projects", 8)
    form.set("monitored_amount", M("1234500"))
    text = part(document, "绩效")
    assert "2023年部门预算项目8个，部门预算公开绩效目标的预算项目6个，占本部门全部预算项目的75.0%。" in text
    assert "2023年对本部门8个预算项目进行绩效运行监控，涉及资金123.45万元。" in text


def test_project_evaluation_in_the_municipal_profile(make_doc):
    document, data = make_doc(profile="beijing-municipal")
    document.section("units").add_row({"name": "下属中心", "kind": "事业单位", "role": "所属单位"})
    form = data.section("project_evaluation_summary")
    form.set("evaluated_projects", 3)
    form.set("evaluated_amount", M("12345678"))
    form.set("grade_excellent", 2)
    form.set("grade_good", 1)
    text = part(document, "绩效")
    assert ("测试委员会对2023年度本部门及所属单位项目支出实施了绩效自评，评价项目3个，涉及金额1234.57万元。"
            "评价得分在90分（含90分）以上的2个，评价得分在80-90分（含80分）的1个。") in text
