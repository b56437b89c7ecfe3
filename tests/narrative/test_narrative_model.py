"""The narrative data model and its plain-text rendering; the coded-table hierarchy."""

from desktop.domain.money import Money
from desktop.narrative import Narrative, NarrativePart, NarrativeSection, generate_narrative


def test_text_renders_headings_paragraphs_and_children_in_order():
    narrative = Narrative("标题", (
        NarrativePart("第二部分 说明", (
            NarrativeSection("一、甲", ("段落一", "段落二"), (NarrativeSection("（一）乙", ("段落三",)),)),
            NarrativeSection("二、丙", ()),
        )),
    ))
    assert narrative.text() == "标题\n第二部分 说明\n一、甲\n段落一\n段落二\n（一）乙\n段落三\n二、丙\n"


def test_rows_without_their_parent_row_are_listed_not_dropped(make_doc):
    document, data = make_doc()
    table = data.section("gp_functional")
    table.add_row({"code": "20101", "name": "人大事务", "budget": Money.from_yuan("10"), "total": Money.from_yuan("10")})
    table.add_row({"code": "2130101", "name": "行政运行", "budget": Money.from_yuan("5"), "total": Money.from_yuan("5")})
    section = generate_narrative(document).parts[0].sections[3]
    assert section.heading == "四、一般公共预算财政拨款支出决算情况说明"
    details = section.children[1].paragraphs
    assert details == ("1.“人大事务”（款）2023年度决算10.00元，与年初预算持平。",
                       "2.“行政运行”（项）2023年度决算5.00元，与年初预算持平。")


def test_every_section_of_the_outline_is_there_in_order_filled_or_not(make_doc):
    document, data = make_doc()
    data.section("narrative").set("fee_items", "本年度无此项经费收入。")
    [other] = [p for p in generate_narrative(document).parts if p.title.startswith("第三部分")]
    assert [s.heading for s in other.sections] == [
        "一、“三公”经费财政拨款决算情况", "二、机关运行经费支出情况", "三、政府采购支出情况", "四、政府购买服务支出说明",
        "五、国有资产占用情况", "六、行政事业性收费重点项目信息", "七、专业名词解释"]
    assert other.sections[5].paragraphs == ("本年度无此项经费收入。",)
    assert other.sections[2].paragraphs == ("【未填写：政府采购支出（“政府采购”页；无此项支出请填 0）】",)


def test_the_requested_year_is_used(make_doc):
    document, data = make_doc()
    data.section("fiscal_summary").set_value("fund", "expenditure", Money(0))
    document.add_year(2024)
    assert generate_narrative(document).title == "2024年度测试委员会部门决算公开说明"
    assert generate_narrative(document, 2023).parts[0].title == "第二部分 2023年度部门决算说明"
