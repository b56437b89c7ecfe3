"""The narrative of the two seed documents: seed 1's figures come out right and none of its
hand-typed slips can reappear, because every number is generated from the tables."""

import re

import pytest

from desktop.narrative import Narrative, generate_narrative, missing_reasons


@pytest.fixture()
def seed1_narrative(seed1) -> Narrative:
    return generate_narrative(seed1)


@pytest.fixture()
def text1(seed1_narrative) -> str:
    return seed1_narrative.text()


def line_with(text: str, needle: str) -> str:
    lines = [line for line in text.splitlines() if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


def test_title_and_parts(seed1_narrative):
    assert seed1_narrative.title == "2023年度中关村科技园区门头沟园管理委员会部门决算公开说明"
    assert [p.title for p in seed1_narrative.parts] == [
        "第二部分 2023年度部门决算说明", "第三部分 2023年度其他重要事项的情况说明", "第四部分 2023年度部门绩效评价情况"]


def test_section_headings_follow_the_outline(seed1_narrative):
    decision, other, performance = seed1_narrative.parts
    assert [s.heading for s in decision.sections] == [
        "一、部门基本情况",
        "二、收入支出决算总体情况说明（金额到分，加千分号，百分数留一位小数，以下同）",
        "三、财政拨款收入支出决算总体情况说明",
        "四、一般公共预算财政拨款支出决算情况说明",
        "五、政府性基金预算财政拨款支出决算情况说明",
        "六、国有资本经营预算财政拨款收支情况说明",
        "七、财政拨款基本支出、项目支出情况说明",
    ]
    assert [c.heading for c in decision.sections[3].children] == [
        "（一）一般公共预算财政拨款支出决算总体情况", "（二）一般公共预算财政拨款支出决算具体情况",
        "（三）财政拨款重点项目情况"]
    assert [s.heading[:2] for s in other.sections] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert other.sections[-1].heading == "七、专业名词解释"
    assert [s.heading for s in performance.sections] == ["一、部门整体绩效评价报告", "二、项目支出绩效自评情况",
                                                         "三、项目支出绩效自评表"]
    overall = performance.sections[0]
    assert [c.heading for c in overall.children] == ["（一）部门概况", "（二）当年预算执行情况", "（三）整体绩效目标实现情况",
                                                     "（四）预算管理情况分析", "（五）总体评价结论"]
    assert [c.heading for c in overall.children[0].children] == [
        "1.部门职责情况", "2.部门机构设置情况", "3.2023年主要工作任务", "4.部门整体绩效目标设立情况"]
    assert [c.heading for c in overall.children[4].children] == ["1.评价得分情况", "2.存在的问题及原因分析", "3.改进措施"]
    projects = performance.sections[1].children
    assert [c.heading for c in projects] == ["（一）绩效自评开展情况", "（二）重点支出项目绩效自评情况"]
    assert projects[1].children[0].heading == "1.门头沟“两区”标识建设"
    assert [c.heading for c in projects[1].children[0].children] == [
        "（1）基本情况", "（2）绩效自评结论", "（3）绩效目标完成情况分析", "（4）存在的问题和改进措施", "（5）其他需要说明的事项"]


def test_text_puts_every_heading_and_paragraph_on_its_own_line(seed1_narrative, text1):
    lines = text1.splitlines()
    assert lines[0] == seed1_narrative.title
    assert "第二部分 2023年度部门决算说明" in lines
    assert "（二）人员构成情况" in lines
    assert text1.endswith("\n")


def test_staff_sentence(text1):
    assert ("本部门共设3个内设机构，下设1个事业单位。行政编制15名，实际14人；事业编制26名，实际15人；"
            "离退休人员0人，其中：离休0人，行政退休0人，事业退休0人；其他人员6人，其中：社会化用工2人，社区工作者4人。") in text1


def test_income_and_expenditure_totals_and_shares(text1):
    assert "2023年度本年收入合计78,129,577.73元，比上年增加63,404,143.31元，增长430.6%" in text1
    assert "一般公共预算财政拨款收入78,129,577.73元，占本年收入合计的100.0%" in text1
    assert "基本支出9,311,521.13元，占本年支出合计的11.9%" in text1
    assert "项目支出68,818,056.60元，占本年支出合计的88.1%" in text1


def test_grand_total_is_the_single_total_never_income_plus_expenditure(text1):
    occurrences = [m.start() for m in re.finditer(re.escape("收、支总计"), text1)]
    assert len(occurrences) == 2  # 二 (收、支总计) and 三 (财政拨款收、支总计)
    assert all(text1[start + 5:start + 19] == "78,129,577.73元" for start in occurrences)
    # the computed total (本年收入合计 + 使用非财政拨款结余 + 年初结转和结余), never the typed, doubled
    # 156,259,155.50; 上年 is the typed 上年数 (itself doubled in the seed, which T1-03 reports)
    assert "2023年度收、支总计78,129,577.73元，比上年增加48,690,569.03元，增长165.4%。" in text1
    assert "156,259,155" not in text1 and "312,518,311" not in text1


def test_fiscal_overview_carries_its_reason(text1):
    line = line_with(text1, "财政拨款收、支总计")
    assert line.endswith("主要原因：2023年人员增加，工作量增加，产业项目经费加大，财政拨款收、支总量相应增加。")


def test_general_budget_by_category(text1):
    assert ("2023年度一般公共预算财政拨款支出78,129,577.73元，主要用于以下方面（按大类）："
            "一般公共服务支出876,600.00元，占本年财政拨款支出1.1%；农林水支出103,843.00元，占本年财政拨款支出0.1%；"
            "资源勘探工业信息等支出77,149,134.73元，占本年财政拨款支出98.7%。") in text1


def test_general_budget_versus_initial_budget(text1):
    assert ("1.“一般公共服务支出”（类）2023年度决算876,600.00元，比年初预算增加656,600.00元，增长298.5%。其中："
            in text1)
    assert "“人大事务”（款）2023年度决算876,600.00元，比年初预算增加656,600.00元，增长298.5%。主要原因：专项普查活动支出。" in text1


def test_zero_initial_budget_gets_no_percentage(text1):
    for needle in ("“农林水支出”（类）", "“农业生产发展”（款）"):
        line = line_with(text1, needle)
        assert "年初预算为0" in line and "103,843.00元" in line
        assert "%" not in line


def test_economic_classification(text1):
    assert "2023年度本部门使用一般公共预算财政拨款安排基本支出9,311,521.13元，比年初预算增加981,633.97元，增长11.8%。其中：" in text1
    assert "3.对个人和家庭的补助17.65元，年初预算为0，比年初预算增加17.65元。主要原因：补缴职工医疗保险。" in text1
    assert "2023年度本部门使用一般公共预算财政拨款安排项目支出68,818,056.60元，比年初预算增加67,032,041.97元，增长3753.2%。" in text1
    # rows that are zero in both 决算 and 年初预算 are listed only for the reason the clerk typed
    project = text1.split("一般公共预算财政拨款项目支出情况")[1].split("第三部分")[0]
    assert "4.其他资本性支出0.00元，年初预算为0。主要原因：暂无此项经费支出。" in project
    assert "5.对企业补助25,357,900.00元，年初预算为0，比年初预算增加25,357,900.00元。" in project


def test_empty_fund_tables_say_so(seed1_narrative):
    decision = seed1_narrative.parts[0]
    assert decision.sections[4].paragraphs == ("本年度无此项支出。",)
    assert decision.sections[5].paragraphs == ("本年度无此项支出。",)


def test_sangong(text1):
    assert "“三公”经费预算支出单位包括1个行政单位、1个事业单位。" in text1
    # the 合计 is computed from the items: the typed 年初预算 44,961.00 is not what its items add up to
    assert "2023年度“三公”经费财政拨款决算数10,298.00元，年初预算36,000.00元，比年初预算减少25,702.00元，下降71.4%。" \
           "上年决算数（未填写）。其中：" in text1
    assert "44,961" not in text1
    # the seed states 因公出国 and 公务接待 as nil (本年度无此项支出), its 上年 figures not at all
    assert "2023年度未发生因公出国（境）费支出，决算数为0.00元，年初预算为0。上年决算数（未填写）。" in text1
    assert "2023年度未发生公务接待费支出，决算数为0.00元，年初预算为0。上年决算数（未填写）。" in text1
    assert "未发生公务用车购置费支出，决算数为0.00元，年初预算为0。上年决算数（未填写）。" in text1
    assert "公务用车运行维护费决算数10,298.00元，年初预算36,000.00元，比年初预算减少25,702.00元，下降71.4%。" \
           "主要原因：没有新购置车辆仅运行维护费用。上年决算数（未填写）。" in text1
    assert "无此项支出" not in text1.split("“三公”经费财政拨款决算情况")[1].split("机关运行经费")[0]
    assert "公务用车运行维护费中，公务用车加油9,000.00元，公务用车维修0.00元，公务用车保险0.00元，公务用车其他支出1,298.00元。" in text1


def test_cost_per_vehicle_is_computed_not_copied(text1):
    assert "2023年度公务用车保有量2辆，车均运行维护费5,149.00元。" in text1
    assert "车均运行维护费10,298" not in text1
    assert "10298元" not in text1


def test_other_matters(text1):
    assert "合计563,464.09元，比上年增加50,154.14元，增长9.8%。主要原因：2023年事业单位增编，日常公用经费相应增加。" in text1
    assert "授予中小企业合同金额3,318.00元，占政府采购支出总额的26.9%" in text1
    # the four listed services add up to 6,919,100.00, not the 8,539,100.00 total
    assert "政府购买服务支出总额8,539,100.00元，主要包括科技公共服务180,000.00元、" in text1
    assert "后勤服务584,800.00元等。" in text1
    assert "汽车2辆，364,982.62元" in text1


def test_performance_part_in_wan(text1):
    assert "2023年全年预算数7,812.96万元，其中：基本支出931.15万元，占比11.9%；项目支出6,881.81万元，占比88.1%" in text1
    assert "部门预算执行率为100.0%。" in text1
    assert "评价项目21个，涉及金额6,881.82万元。评价得分在90分（含90分）以上的21个" in text1


def test_carryover_rate_change_is_in_percentage_points(text1):
    line = line_with(text1, "结转结余率")
    assert "资金结转结余率为0.0%" in line and "资金结转结余率为0.1%" in line
    assert line.endswith("2023年度部门结转结余率较上年下降0.1个百分点。")
    assert "8.39%" not in text1


def test_every_year_token_is_the_document_year(seed1, seed1_narrative):
    """Generated sentences name the document year only (last year is "上年"); what the clerk typed is
    printed as typed (its years are checked by the 核对说明, not here)."""
    typed = {line.strip() for data in seed1.latest_year().sections.values() for _, _, value in data.cells()
             if isinstance(value, str) for line in value.splitlines() if line.strip()}
    generated = [line for line in seed1_narrative.text().splitlines()
                 if line not in typed and line.split("：", 1)[-1] not in typed]
    assert set(re.findall(r"(\d{4})年", "\n".join(generated))) == {"2023"}
    assert "2022年度决算" not in seed1_narrative.text()


@pytest.mark.parametrize("slip", ["430.79%", "156259155.5", "10298元", "增长100%", "298.45%", "0 %", "增长-", "11.92%"])
def test_none_of_seed1s_slips_appear(text1, slip):
    assert slip not in text1


def test_seed1_has_every_reason(seed1):
    assert missing_reasons(seed1) == []
    assert missing_reasons(seed1, 2023) == []


def test_seed2_narrative(seed2):
    text = generate_narrative(seed2).text()
    assert text.startswith("2022年度北京市石景山区投资促进服务中心部门决算公开说明\n")
    execution = generate_narrative(seed2).parts[-1].sections[0].children[1].paragraphs[0]
    assert set(re.findall(r"(\d{4})年", execution)) == {"2022"}
    # 资金总体 = 基本 + 项目 + 其他 (computed): the printed 33,463.78 is not what 822.24 + 32,542.73 add up to
    assert "2022年全年预算数33,364.97万元" in text and "33,463.78" not in text
    assert "部门预算执行率为100.0%。" in text
    assert "部门评价项目1个（优化升级区域高精尖产业发展政策课题项目），涉及金额480.00万元" in text
    assert "本部门共设7个内设机构。" in text
    assert "收、支总计（未填写）" in text  # seed 2 has no 决算 tables: no invented totals, placeholders
    assert missing_reasons(seed2) == []


def test_a_performance_only_document_claims_no_missing_fund_spending(seed2):
    text = generate_narrative(seed2).text()
    assert "本年度无此项支出" not in text  # blank is not nil: the draft asks for the table instead
    assert "【未填写：政府性基金预算财政拨款收入支出决算表（无此项收支请填 0）】" in text
