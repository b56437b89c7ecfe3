"""第二部分 templates on small documents: every branch of changes, bases, reasons and emptiness."""

from desktop.domain.money import Money
from desktop.narrative import gaps, generate_narrative, missing_reasons

M = Money.from_yuan


def set_totals(data, **cells):
    """Set 收入支出决算总表 rows; a computed 合计 (本年数) is reached through its first part, so
    the grid adds it up, while 上年数 are typed as they are."""
    grid = data.section("income_expenditure")
    for key, (current, prior) in cells.items():
        row = key
        while grid.section.is_computed(row, "current"):
            row = grid.section.sum_parts(row, "current")[0][0]
        grid.set_value(row, "current", None if current is None else M(current))
        grid.set_value(key, "prior", None if prior is None else M(prior))


def line_with(text, needle):
    [line] = [line for line in text.splitlines() if needle in line]
    return line


def test_positive_change_vs_prior(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, income_total=("150", "100"))
    assert "2023年度本年收入合计150.00元，比上年增加50.00元，增长50.0%，其中：" in text_of(document)


def test_negative_change_vs_prior(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, expenditure_total=("80", "100"))
    assert "2023年度本年支出合计80.00元，比上年减少20.00元，下降20.0%，其中：" in text_of(document)


def test_zero_prior_base_prints_no_percentage(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, income_total=("150", "0"))
    line = line_with(text_of(document), "本年收入合计")
    assert line.startswith("2023年度本年收入合计150.00元，上年无此项收入，其中：")


def test_blank_prior_base_is_not_treated_as_zero(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, income_total=("150", None))
    line = line_with(text_of(document), "本年收入合计")
    assert line.startswith("2023年度本年收入合计150.00元，上年数（未填写），其中：")


def test_prior_comes_from_the_previous_year_in_the_document(make_doc, text_of):
    document, data = make_doc()
    earlier = document.add_year(2022)
    set_totals(earlier, income_total=("100", None))
    set_totals(data, income_total=("150", None))
    assert "比上年增加50.00元，增长50.0%" in text_of(document)
    assert "2022年度本年收入合计100.00元，上年数（未填写），其中：" in text_of(document, 2022)


def test_grand_total_is_the_income_side_cell(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, income_grand_total=("300", "200"), expenditure_grand_total=("290", "200"))
    text = text_of(document)
    assert "2023年度收、支总计300.00元，比上年增加100.00元，增长50.0%。" in text
    assert "590.00" not in text and "收、支总计290.00" not in text


def test_shares_use_the_stated_whole(make_doc, text_of):
    document, data = make_doc()
    set_totals(data, expenditure_total=("300", None), expenditure_basic=("100", None),
               expenditure_project=("200", None))
    text = text_of(document)
    assert "基本支出100.00元，占本年支出合计的33.3%；项目支出200.00元，占本年支出合计的66.7%。" in text


def functional(data, *rows):
    table = data.section("gp_functional")
    for code, name, budget, actual, reason in rows:
        table.add_row({"code": code, "name": name, "budget": None if budget is None else M(budget),
                       "total": None if actual is None else M(actual), "reason": reason})


def test_general_budget_hierarchy_and_reasons(make_doc):
    document, data = make_doc()
    functional(data,
               ("201", "一般公共服务支出", "100", "150", None),
               ("20101", "人大事务", "100", "150", None),
               ("2010101", "行政运行", "100", "150", "增人增支"),
               ("208", "社会保障和就业支出", "200", "160", None))
    text = generate_narrative(document).text()
    assert "1.“一般公共服务支出”（类）2023年度决算150.00元，比年初预算增加50.00元，增长50.0%。其中：" in text
    assert "“人大事务”（款）2023年度决算150.00元，比年初预算增加50.00元，增长50.0%。其中：" in text
    assert "“行政运行”（项）2023年度决算150.00元，比年初预算增加50.00元，增长50.0%。主要原因：增人增支。" in text
    assert ("2.“社会保障和就业支出”（类）2023年度决算160.00元，比年初预算减少40.00元，下降20.0%。"
            "主要原因：（未填写）。") in text
    # only the lowest level needs a reason: the 类 and 款 above 行政运行 are not reported
    assert missing_reasons(document) == [("gp_functional", "r4", "“社会保障和就业支出”（类）主要原因")]


def test_general_budget_blank_budget_and_unchanged_rows(make_doc, text_of):
    document, data = make_doc()
    functional(data, ("201", "一般公共服务支出", None, "150", None), ("208", "社会保障和就业支出", "90", "90", None))
    text = text_of(document)
    assert "“一般公共服务支出”（类）2023年度决算150.00元，年初预算数（未填写）。" in text
    assert "“社会保障和就业支出”（类）2023年度决算90.00元，与年初预算持平。" in text
    assert missing_reasons(document) == []


def test_row_name_falls_back_to_the_code_table(make_doc, text_of):
    document, data = make_doc()
    functional(data, ("201", None, "100", "100", None))
    assert "“一般公共服务支出”（类）" in text_of(document)


def test_general_budget_all_zero_says_none(make_doc):
    document, data = make_doc()
    functional(data, ("201", "一般公共服务支出", "0", "0", None))
    section = generate_narrative(document).parts[0].sections[3]
    assert section.heading == "四、一般公共预算财政拨款支出决算情况说明"
    assert section.paragraphs == ("本年度无此项支出。",)


def test_fund_tables_list_their_spending(make_doc, text_of):
    document, data = make_doc()
    data.section("gov_fund").add_row({"code": "212", "name": "城乡社区支出", "total": M("300")})
    data.section("gov_fund").add_row({"code": "229", "name": "其他支出", "total": M("100")})
    text = text_of(document)
    assert ("2023年度政府性基金预算财政拨款支出400.00元，主要用于以下方面（按大类）：城乡社区支出300.00元，"
            "占本年政府性基金预算财政拨款支出75.0%；其他支出100.00元，占本年政府性基金预算财政拨款支出25.0%。") in text


def test_an_empty_document_drafts_the_whole_outline_as_placeholders_and_invents_nothing(make_doc):
    document, _ = make_doc()
    narrative = generate_narrative(document)
    assert [p.title for p in narrative.parts] == ["第二部分 2023年度部门决算说明", "第三部分 2023年度其他重要事项的情况说明",
                                                  "第四部分 2023年度部门绩效评价情况"]
    assert [len(p.sections) for p in narrative.parts] == [7, 7, 3]
    text = narrative.text()
    # blank is not nil, nor zero: "无此项" only inside a placeholder's hint, never as a statement
    assert all("无此项" not in line or line.startswith("【未填写：") for line in text.splitlines())
    assert "0.00" not in text
    assert text.count("【未填写：") >= 20
    places = gaps(narrative)
    assert any(p.startswith("第三部分 三、政府采购支出情况：") for p in places)
    assert any("年度收、支总计未填写" in p for p in places)
    assert missing_reasons(document) == []


def test_funds_stated_as_zero_get_the_empty_table_statement(make_doc):
    document, data = make_doc()
    for fund in ("fund", "soe"):
        data.section("fiscal_summary").set_value(fund, "expenditure", Money(0))
    narrative = generate_narrative(document)
    assert [(s.heading, s.paragraphs) for s in narrative.parts[0].sections][4:6] == [
        ("五、政府性基金预算财政拨款支出决算情况说明", ("本年度无此项支出。",)),
        ("六、国有资本经营预算财政拨款收支情况说明", ("本年度无此项支出。",)),
    ]


def test_economic_sections_and_missing_reasons(make_doc, text_of):
    document, data = make_doc()
    basic = data.section("gp_basic_economic")
    basic.add_row({"code": "301", "name": "工资福利支出", "budget": M("100"), "actual": M("120")})
    basic.add_row({"code": "30101", "name": "基本工资", "budget": M("100"), "actual": M("120")})
    basic.add_row({"code": "302", "name": "商品和服务支出", "budget": M("50"), "actual": M("40"), "reason": "节约"})
    data.section("gp_project_economic").add_row({"code": "312", "name": "对企业补助", "budget": M("0"), "actual": M("0")})
    text = text_of(document)
    assert "2023年度本部门使用一般公共预算财政拨款安排基本支出160.00元，比年初预算增加10.00元，增长6.7%。其中：" in text
    assert "1.工资福利支出120.00元，年初预算100.00元，比年初预算增加20.00元，增长20.0%。主要原因：（未填写）。" in text
    assert "2.商品和服务支出40.00元，年初预算50.00元，比年初预算减少10.00元，下降20.0%。主要原因：节约。" in text
    assert "基本工资" not in text  # listed by 类 only
    assert "（二）一般公共预算财政拨款项目支出情况\n本年度无此项支出。" in text
    assert missing_reasons(document) == [("gp_basic_economic", "r1", "基本支出“工资福利支出”主要原因")]


def test_fiscal_overview_reason_slot(make_doc, text_of):
    document, data = make_doc()
    summary = data.section("fiscal_summary")
    summary.set_value("gp", "income", M("450"))
    summary.set_value("gp", "opening_balance", M("50"))  # 收入总计 = 本年收入 + 年初结转和结余, computed
    summary.set_value("total", "prior_grand_total", M("400"))
    assert "2023年度财政拨款收、支总计500.00元，比上年增加100.00元，增长25.0%。主要原因：（未填写）。" in text_of(document)
    assert missing_reasons(document) == [("narrative", "", "财政拨款收支总计变动主要原因")]
    data.section("narrative").set("fiscal_change_reason", "项目增加")
    assert missing_reasons(document) == []


def test_wan_profile_formatting(make_doc, text_of):
    document, data = make_doc(profile="beijing-municipal")
    set_totals(data, income_total=("1234567.89", "1000000"), income_gp=("1234567.89", None))
    functional(data, ("201", "一般公共服务支出", "0", "876600", "追加"))
    text = text_of(document)
    assert "二、收入支出决算总体情况说明（金额以万元为单位，保留两位小数，百分数留两位小数，以下同）" in text
    assert "2023年度本年收入合计123.46万元，比上年增加23.46万元，增长23.46%" in text
    assert "占本年收入合计的100.00%" in text
    assert "“一般公共服务支出”（类）2023年度决算87.66万元，年初预算为0，比年初预算增加87.66万元。" in text
