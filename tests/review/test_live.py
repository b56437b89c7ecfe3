"""审核 K-22 and K-23: the figures of typed texts against the tables, live (desktop/review/live.py).

The synthetic document's 说明 reads, for its first 项 of 一般公共服务: "“人大事务项目1”（项）2023年度
决算370,933.00元，比年初预算增加37,093.30元，增长11.1%。主要原因：…"; its 收、支总计 grew by
370,933.00元 (10.5%); project r1 has 131.50万元 budget, all spent, and scores 100.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import Money
from desktop.io.samples import load_sample
from desktop.review.live import TypedChecker, has_figures, scope_reference
from desktop.review.scopes import typed_scope
from desktop.rules.engine import Change, Engine, check_document
from desktop.synthetic import build_document

YEAR = 2023


def live(document, rule: str) -> list[str]:
    return [f.message for f in check_document(document) if f.rule == rule]


def leaf(document, name: str = "人大事务项目1") -> str:
    rows = document.year(YEAR).section("gp_functional").rows
    return next(r for r, v in rows.items() if v.get("name") == name)


def reason(document, text: str, name: str = "人大事务项目1") -> None:
    document.year(YEAR).section("gp_functional").set_value(leaf(document, name), "reason", text)


@pytest.fixture
def doc():
    return build_document()


def test_the_clean_documents_raise_nothing(doc):
    assert live(doc, "K-22") == live(doc, "K-23") == []
    for seed in (1, 2):
        assert [f for f in check_document(load_sample(seed)) if f.rule == "K-23"] == []
    assert live(load_sample(1), "K-22") == []


def test_seed2_execution_note_waits_for_its_blank_row_then_contradicts_its_parts():
    """"全年预算数33463.78万元，其中，基本支出预算数822.24万元，项目支出预算数32542.73万元": while
    the 其他 row of 部门预算执行 is blank, its 全年预算数 is no figure to hold the text against (the
    blank may be the 98.81万元, as P-01 says). Once it is 0, the parts make 33,364.97万元."""
    document = load_sample(2)
    assert live(document, "K-22") == []
    execution = document.year(2022).section("dept_budget_execution")
    for column in ("initial_budget", "adjustment", "full_year_budget", "executed"):
        execution.set_value("other", column, Money(0))
    assert live(document, "K-22") == [], "the 年初预算 of 基本 and 项目 are blank too"
    # "含调增基本支出预算118.08万元，调增项目支出预算28240.51万元": the 年初预算 the text implies
    execution.set_value("basic", "initial_budget", Money.from_yuan(Decimal("7041600")))
    execution.set_value("project", "initial_budget", Money.from_yuan(Decimal("43022200")))
    [message] = live(document, "K-22")
    assert message == ("部门整体绩效评价说明·当年预算执行情况说明 中：“预算数”写为33463.78万元，按表格应为33,364.97万元；"
                       "“预算执行率”写为99.70%，按表格应为100.0%")


def test_a_reason_stating_its_rows_change_wrongly(doc):
    reason(doc, "年中追加专项工作经费，比年初预算增加37,000.00元。")
    assert live(doc, "K-22") == ["表5 一般公共预算财政拨款支出决算表·2010101 人大事务项目1（主要原因） 中："
                                 "“人大事务项目1”的增减额写为增加37,000.00元，按表格应为增加37,093.30元"]


@pytest.mark.parametrize("text", [
    "年中追加专项工作经费，比年初预算增加37,093.30元。",   # the row's own change, right
    "年中追加专项工作经费，比年初预算增加3.71万元。",      # the same, in 万元
    "年中追加专项工作经费，增长11.1%。",                   # its growth, right
    "增加设备购置经费5万元，培训费2万元。",               # parts of the change: no figure of the tables
    "年中追加专项工作经费5项。",                          # a count the tables do not hold
    "年中追加专项工作经费，比上年增加1.00元。",            # against 上年: the row's line compares with 年初预算
    "5万元",                                            # too short to be found quoted anywhere
    "主要是会议费比年初预算增加2万元，培训费增加1.5万元。",  # parts of the change, each named
    "代表人数增长20%，相应追加经费。",                      # the growth of something else
    "其中办公费增加2.1万元，差旅费增加1.5万元。",
    "按要求完成100%的调研任务。",                           # a bare percentage is a criterion
    "新增代表8人，人均增加0.46万元。",                       # a per-person change is no change of the row
])
def test_a_reason_right_or_about_something_else_raises_nothing(doc, text):
    reason(doc, text)
    assert live(doc, "K-22") == []


def test_a_reason_the_clerk_began_with_主要原因_is_still_found_where_it_is_quoted(doc):
    """The 说明 prints "主要原因：主要原因：…"; the text is its row's all the same."""
    reason(doc, "主要原因：年中追加专项工作经费，比年初预算增加47,093.30元。")
    [message] = live(doc, "K-22")
    assert message.endswith("“人大事务项目1”的增减额写为增加47,093.30元，按表格应为增加37,093.30元")


def test_the_right_figure_keeps_its_direction_in_the_texts_unit(doc):
    reason(doc, "年中追加专项工作经费，比年初预算增加2万元。")
    [message] = live(doc, "K-22")
    assert message.endswith("写为增加2万元，按表格应为增加3.71万元")


def test_a_wrong_growth_in_a_reason(doc):
    reason(doc, "年中追加专项工作经费，增长12.1%。")
    [message] = live(doc, "K-22")
    assert "写为增长12.1%，按表格应为增长11.1%" in message


def test_the_same_reason_under_rows_with_different_figures_is_not_judged(doc):
    """A text quoted under several rows cannot be told apart: which row's change it means is unknown."""
    for name in ("人大事务项目1", "人大事务"):
        reason(doc, "年中追加专项工作经费，比年初预算增加37,000.00元。", name)
    doc.year(YEAR).section("gp_functional").set_value(leaf(doc, "人大事务"), "budget", Money.from_yuan(Decimal("300000")))
    assert live(doc, "K-22") == []


def test_the_fiscal_change_reason_against_the_overview(doc):
    doc.year(YEAR).section("narrative").set("fiscal_change_reason", "项目增加，收、支总计比上年增加370,933.00元，增长10.5%。")
    assert live(doc, "K-22") == []
    doc.year(YEAR).section("narrative").set("fiscal_change_reason", "项目增加，收、支总计比上年增加370,933.00元，增长15.0%。")
    [message] = live(doc, "K-22")
    assert "写为增长15.0%，按表格应为增长10.5%" in message


def test_an_amount_with_the_tables_digits_in_the_wrong_unit(doc):
    doc.year(YEAR).section("dept_evaluation_text").set("execution_note", "2023年资金总支出370.93元，全部为财政资金。")
    [message] = live(doc, "K-22")
    assert message.endswith("金额单位有误：“资金总支出”写为370.93元，表中为370.93万元")


@pytest.mark.parametrize("text, wrong", [
    ("本项目全年预算数131.50万元，全年执行数131.50万元，预算执行率100.0%。", []),
    ("本项目全年预算数130.00万元，全年执行数131.50万元，预算执行率100.0%。", ["“预算数”写为130.00万元，按表格应为131.50万元"]),
    ("项目预算执行率为98.0%，实施后服务企业120家。", ["“项目预算执行率”写为98.0%，按表格应为100.0%"]),
    ("经评价，绩效自评得分为90分。", ["“绩效自评得分”写为90分，按表格应为100.00分"]),
    ("项目包括子项3个，其中子项一预算数50万元，执行数50万元。", []),  # parts, after 其中
])
def test_a_projects_texts_against_its_own_figures(doc, text, wrong):
    doc.year(YEAR).section("projects").set_value("r1", "goal_analysis", text)
    found = live(doc, "K-23")
    assert [m.split(" 中：", 1)[1] for m in found] == (["；".join(wrong)] if wrong else [])


def test_k22_follows_the_tables_as_they_are_edited(doc):
    """The reason is right; the row's 决算 is then edited: the engine's update re-runs the group
    and reports the reason, and the undo takes the finding away again."""
    reason(doc, "年中追加专项工作经费，比年初预算增加37,093.30元。")
    engine = Engine(doc, YEAR)
    assert not [f for f in engine.validate() if f.rule == "K-22"]
    section, row = doc.year(YEAR).section("gp_functional"), leaf(doc)
    before = section.value(row, "total")
    section.set_value(row, "total", before + Money.from_yuan(Decimal("100")))
    delta = engine.update([Change("gp_functional", row, "total")])
    [added] = [f for f in delta.added if f.rule == "K-22"]
    assert "应为增加37,193.30元" in added.message
    section.set_value(row, "total", before)
    delta = engine.update([Change("gp_functional", row, "total")])
    assert [f.rule for f in delta.removed if f.rule == "K-22"] == ["K-22"]
    assert not [f for f in delta.added if f.rule == "K-22"]


def test_k23_follows_the_projects_fund_rows(doc):
    doc.year(YEAR).section("projects").set_value("r1", "overview", "本项目全年执行数131.50万元。")
    engine = Engine(doc, YEAR)
    assert not [f for f in engine.validate() if f.rule == "K-23"]
    funds = doc.year(YEAR).section("project_funds")
    rows = [r for r, v in funds.rows.items() if v.get("project") == "r1" and v.get("executed")]  # 总额 and 当年财政拨款
    for row in rows:
        funds.set_value(row, "executed", funds.value(row, "executed") - Money.from_yuan(Decimal("10000")))
    delta = engine.update([Change("project_funds", row, "executed") for row in rows])
    assert [f.rule for f in delta.added] == ["K-23"]
    assert delta.added[0].message.endswith("“执行数”写为131.50万元，按表格应为130.50万元")


def test_a_group_without_figures_builds_no_reference(doc, monkeypatch):
    """Texts without figures (most reasons) cost the group nothing: its part of the 说明 is not built."""
    import desktop.review.live as live_module
    monkeypatch.setattr(live_module, "scope_reference", lambda *a: pytest.fail("built a reference"))
    assert live(doc, "K-22") == []
    assert not has_figures("2023年事业单位增编，日常公用经费相应增加。") and has_figures("增加5万元")


def test_a_change_stated_against_a_blank_prior_is_not_judged(doc):
    """With 因公出国 上年 blank, the 说明's 上年 total is the sum of the other two: the 三公 group
    waits for the blank rather than call "减少6,000.00元" wrong."""
    sangong = doc.year(YEAR).section("sangong")
    sangong.set_value("total", "prior_reason", "厉行节约，比上年减少6,000.00元。")
    assert live(doc, "K-22") == [], "the 三公 total fell by 6,000.00元"
    sangong.set_value("abroad", "prior_actual", None)  # the 说明 would now say 增加12,000.00元
    assert live(doc, "K-22") == []


def test_a_projects_texts_wait_for_its_blank_fund_cells(doc):
    doc.year(YEAR).section("projects").set_value("r1", "overview", "本项目全年执行数100.00万元。")
    assert live(doc, "K-23") != []
    funds = doc.year(YEAR).section("project_funds")
    for row, values in funds.rows.items():
        if values.get("project") == "r1" and values.get("source") in ("年度资金总额", "当年财政拨款"):
            funds.set_value(row, "executed", None)
    assert live(doc, "K-23") == []


def test_a_text_is_quoted_only_where_all_of_it_stands():
    """A generated paragraph holding one sentence that reads like one of the text's is no quote of it."""
    from desktop.domain.profiles import load_profile
    from desktop.review.reference import reference_of
    text = "评价项目2个，涉及金额263.01万元。其中，单位自评项目2个。"
    lines = ["一、绩效自评开展情况", "其中，单位自评项目2个。评价项目3个，涉及金额300.00万元。",
             "二、部门整体绩效", "数量指标：" + text]
    reference = reference_of(lines, [text], YEAR, "", load_profile("beijing-district").format)
    checker = TypedChecker(reference)
    assert [q.paragraph for q in checker._quotes(text)] == [4]
    assert checker.mismatches(text) == []


def test_a_project_without_figures_in_its_texts_builds_no_reference(doc, monkeypatch):
    import desktop.review.live as live_module
    doc.year(YEAR).section("projects").set_value("r1", "overview", "项目按计划实施完成。")
    monkeypatch.setattr(live_module, "project_reference", lambda *a: pytest.fail("built a reference"))
    assert live(doc, "K-23") == []


def test_the_department_context_has_no_project_scores(doc):
    """Built for the 绩效 group, it must not let a builder believe there are no projects."""
    from desktop.domain.profiles import load_profile
    from desktop.narrative.context import DepartmentContext
    from desktop.narrative.generator import BUILDERS
    from desktop.narrative.phrases import Phrases
    data = doc.year(YEAR)
    ctx = DepartmentContext(doc, data, Phrases(load_profile(data.profile).format))
    assert set(ctx.scores) == {"department"}
    with pytest.raises(KeyError):
        BUILDERS["project_evaluation"](ctx)


def test_a_generated_sentence_that_reads_like_one_of_a_texts_is_no_quote():
    """Seed 2's 绩效自评开展情况 says "其中，单位自评项目12个" itself while the 涉及金额 is blank, and the
    clerk's 产出数量 text says the same words among others: its other figures are not read against
    that paragraph (they would be "wrong" against 评价项目13个)."""
    document = load_sample(2)
    document.year(2022).section("project_evaluation_summary").rows[""].pop("unit_eval_amount")
    checker = TypedChecker(scope_reference(document, 2022, typed_scope("performance")))
    text = document.year(2022).section("dept_evaluation_text").rows[""]["output_quantity"]
    assert checker.mismatches(text) == []


@pytest.mark.parametrize("text, wrong", [
    ("对2个项目开展监控，涉及资金5万元。", "“涉及资金”写为5万元，按表格应为263.01万元"),
    ("其中市级项目涉及资金5万元。", None),  # a part of the 涉及资金
    ("涉及5万元。", None),   # "涉及": too little to tell which figure is meant
    ("其中区级资金5万元。", None),
])
def test_a_text_the_说明_does_not_quote_is_read_against_its_whole_group(doc, text, wrong):
    """An indicator's deviation reason stands nowhere in the 说明: its figures are compared with all
    of the 绩效 group's, and only a figure that names its subject fully is judged."""
    doc.year(YEAR).section("performance_management").set("monitored_amount", Money.from_yuan(Decimal("2630100")))
    indicators = doc.year(YEAR).section("dept_indicators")
    indicators.set_value(next(iter(indicators.rows)), "deviation_reason", text)
    found = live(doc, "K-22")
    assert [m.split(" 中：", 1)[1] for m in found] == ([wrong] if wrong else [])


def test_only_a_change_naming_nothing_is_taken_as_the_rows(doc):
    """"涉及2个团组" in the 因公出国 reason names too little to be the row's 团组数 (1个): a reason
    explains its row's change, not its counts."""
    doc.year(YEAR).section("sangong").set_value("abroad", "reason", "压减出访计划，涉及2个团组。")
    assert live(doc, "K-22") == []



def test_the_evaluated_projects_against_the_summary(doc):
    summary = doc.year(YEAR).section("project_evaluation_summary")
    summary.set("description", "共评价项目2个，涉及金额263.01万元。")
    assert live(doc, "K-22") == []
    summary.set("description", "共评价项目3个，涉及金额263.01万元。")
    [message] = live(doc, "K-22")
    assert message.endswith("“共评价项目”写为3个，按表格应为2个")
