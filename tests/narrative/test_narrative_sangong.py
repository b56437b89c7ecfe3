"""The 三公 paragraph as an inspector reads it (domain.md §9.2, §9.3): all four items every time,
each against 年初预算 and 上年 with its reasons, the quantities, "无“三公”经费财政拨款支出" only for
a department that had none, and a blank cell named as not filled, never as nil."""

import pytest

from desktop.domain.money import Money
from desktop.narrative import generate_narrative, missing_reasons
from desktop.synthetic import build_document

M = Money.from_yuan
LEAVES = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def sangong_text(document) -> str:
    [part] = [p for p in generate_narrative(document).parts if "其他重要事项" in p.title]
    [section] = [s for s in part.sections if s.key == "sangong"]
    return "\n".join(section.lines())


def fill(data, row, budget=None, actual=None, prior=None, reason=None, prior_reason=None):
    grid = data.section("sangong")
    for column, value in (("budget", budget), ("actual", actual), ("prior_actual", prior)):
        grid.set_value(row, column, None if value is None else M(value))
    grid.set_value(row, "reason", reason)
    grid.set_value(row, "prior_reason", prior_reason)


def test_nothing_filled_nothing_said_but_the_draft_asks_for_it(make_doc):
    document, _ = make_doc()
    [section] = [s for p in generate_narrative(document).parts for s in p.sections if s.key == "sangong"]
    assert section.paragraphs == ("【未填写：“三公”经费（“三公经费”页：各项年初预算数、决算数、上年决算数）】",)
    assert not section.children


def test_every_item_is_stated_even_when_nothing_was_spent(make_doc):
    document, data = make_doc()
    for row in LEAVES:
        fill(data, row, "0", "0", "0")
    fill(data, "reception", "5000", "0", "3000", "压减接待", "未开展接待")
    text = sangong_text(document)
    for item in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"):
        assert f"未发生{item}支出，决算数为0.00元" in text, item
    assert "2023年度未发生公务接待费支出，决算数为0.00元，年初预算5,000.00元，比年初预算减少5,000.00元，下降100.0%。" \
           "主要原因：压减接待。比上年减少3,000.00元，下降100.0%。主要原因：未开展接待。" in text
    assert "2023年度未发生因公出国（境）费支出，决算数为0.00元，年初预算为0。上年决算数亦为0。" in text
    assert "无“三公”经费" not in text and "无此项支出" not in text


def test_a_department_with_no_sangong_at_all_says_so_once(make_doc):
    document, data = make_doc()
    for row in LEAVES:
        fill(data, row, "0", "0")
    data.section("sangong_details").set("scope_admin_units", 1)
    text = sangong_text(document)
    assert "2023年度无“三公”经费财政拨款支出。" in text
    assert "未发生" not in text and "因公出国" not in text
    assert "“三公”经费预算支出单位包括1个行政单位。" in text


@pytest.mark.parametrize("change", [
    lambda d: fill(d, "abroad", "100", "0"),             # a budget that was not spent
    lambda d: fill(d, "reception", "0", "0", "800"),      # spent last year
    lambda d: d.section("sangong_details").set("vehicle_stock", 1),
])
def test_no_sangong_at_all_needs_every_item_nil(make_doc, change):
    document, data = make_doc()
    for row in LEAVES:
        fill(data, row, "0", "0")
    change(data)
    assert "无“三公”经费财政拨款支出" not in sangong_text(document)


def test_blank_is_named_as_not_filled_never_as_nil(make_doc):
    document, data = make_doc()
    fill(data, "vehicle_operation", "36000", "10298")
    text = sangong_text(document)
    assert "2023年度因公出国（境）费决算数（未填写），年初预算数（未填写）。上年决算数（未填写）。" in text
    assert "2023年度公务接待费决算数（未填写），年初预算数（未填写）。上年决算数（未填写）。" in text
    assert "公务用车购置费决算数（未填写）" in text
    assert "无此项支出" not in text and "未发生" not in text
    assert "2023年度公务用车保有量（未填写）。" in text


def test_each_item_against_budget_and_last_year_with_both_reasons(make_doc):
    document, data = make_doc()
    fill(data, "abroad", "20000", "15000", "18000", "压减出访", "出访团组减少")
    text = sangong_text(document)
    assert "2023年度因公出国（境）费决算数15,000.00元，年初预算20,000.00元，比年初预算减少5,000.00元，下降25.0%。" \
           "主要原因：压减出访。比上年减少3,000.00元，下降16.7%。主要原因：出访团组减少。" in text


def test_a_zero_base_last_year_has_no_percentage(make_doc):
    document, data = make_doc()
    fill(data, "vehicle_purchase", "0", "150000", "0", "车辆报废更新", "上年未购车")
    text = sangong_text(document)
    assert "公务用车购置费决算数150,000.00元，年初预算为0，比年初预算增加150,000.00元。主要原因：车辆报废更新。" \
           "上年决算数为0，比上年增加150,000.00元。主要原因：上年未购车。" in text
    assert "增长100" not in text


def test_unchanged_figures_need_no_reason(make_doc):
    document, data = make_doc()
    fill(data, "reception", "4000", "4000", "4000")
    assert "2023年度公务接待费决算数4,000.00元，年初预算4,000.00元，与年初预算持平。与上年持平。" in sangong_text(document)
    assert missing_reasons(document) == []


def test_missing_reasons_name_their_own_column(make_doc):
    document, data = make_doc()
    fill(data, "abroad", "20000", "15000", "18000")
    fill(data, "total", "20000", "15000", "18000")  # a total's reasons are optional
    assert "主要原因：（未填写）。比上年减少3,000.00元，下降16.7%。主要原因：（未填写）。" in sangong_text(document)
    assert missing_reasons(document) == [("sangong", "abroad", "因公出国（境）费比年初预算增减原因", "reason"),
                                         ("sangong", "abroad", "因公出国（境）费比上年增减原因", "prior_reason")]


def test_last_year_from_the_previous_year_in_the_document(make_doc):
    document, data = make_doc()
    fill(data, "reception", "4000", "4000", None)
    document.add_year(2022).section("sangong").set_value("reception", "actual", M("5000"))
    assert "比上年减少1,000.00元，下降20.0%。主要原因：（未填写）。" in sangong_text(document)


def test_abroad_groups_and_people(make_doc):
    document, data = make_doc()
    fill(data, "abroad", "20000", "15000")
    details = data.section("sangong_details")
    assert "全年安排因公出国（境）团组个（未填写）、累计人次（未填写）。" in sangong_text(document)
    details.set("abroad_groups", 2)
    details.set("abroad_people", 7)
    assert "全年安排因公出国（境）团组2个、累计7人次。" in sangong_text(document)


def test_reception_split_into_domestic_and_foreign_guests(make_doc):
    document, data = make_doc()
    fill(data, "reception", "6000", "4000")
    reception = data.section("sangong_reception")
    text = sangong_text(document)
    assert "其中：国内公务接待支出（未填写），接待批次（未填写）、人次（未填写）；" \
           "外事接待支出（未填写），接待外宾批次（未填写）、人次（未填写）。" in text
    for row, values in (("domestic", (M("4000"), 5, 30)), ("foreign", (M("0"), 0, 0))):
        for column, value in zip(("amount", "batches", "people"), values):
            reception.set_value(row, column, value)
    assert "其中：国内公务接待支出4,000.00元，接待5批次、30人次；未发生外事接待。" in sangong_text(document)
    reception.set_value("domestic", "amount", M("3000"))
    reception.set_value("foreign", "amount", M("1000"))
    reception.set_value("foreign", "batches", 1)
    reception.set_value("foreign", "people", 4)
    assert "外事接待支出1,000.00元，接待外宾1批次、4人次。" in sangong_text(document)


def test_vehicles_by_type_stock_change_and_cost_per_car(make_doc):
    document, data = make_doc()
    fill(data, "vehicle_purchase", "200000", "180000", "0", "更新执法车", "上年未购车")
    fill(data, "vehicle_operation", "40000", "30000", "30000", "节约")
    details = data.section("sangong_details")
    for key, value in (("vehicles_purchased", 1), ("vehicle_stock", 3), ("vehicle_stock_prior", 2)):
        details.set(key, value)
    vehicles = data.section("sangong_vehicles")
    vehicles.add_row({"type": "执法执勤用车", "purchased": 1, "stock": 2})
    vehicles.add_row({"type": "其他用车", "purchased": 0, "stock": 1})
    text = sangong_text(document)
    assert "本年购置公务用车1辆（其中：执法执勤用车1辆），车均购置费180,000.00元。" in text
    assert "2023年度公务用车保有量3辆（其中：执法执勤用车2辆、其他用车1辆），比上年末增加1辆，车均运行维护费10,000.00元。" \
        in text


def test_the_synthetic_document_reads_completely():
    text = sangong_text(build_document())
    assert "（未填写）" not in text
    for words in ("团组1个、累计3人次", "国内公务接待支出3,000.00元，接待4批次、26人次", "接待外宾1批次、5人次",
                  "保有量3辆（其中：执法执勤用车2辆、其他用车1辆），与上年末持平", "未发生公务用车购置费支出"):
        assert words in text, words
    assert text.count("比上年") >= 5 and text.count("比年初预算") >= 5


def test_in_wan_with_the_municipal_profile(make_doc):
    document, data = make_doc(profile="beijing-municipal")
    fill(data, "abroad", "200000", "150000", "180000", "压减出访", "团组减少")
    assert "2023年度因公出国（境）费决算数15.00万元，年初预算20.00万元，比年初预算减少5.00万元，下降25.00%。" \
        in sangong_text(document)
