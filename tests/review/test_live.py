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


def test_seed2_execution_note_states_a_budget_its_own_parts_contradict():
    """"全年预算数33463.78万元，其中，基本支出预算数822.24万元，项目支出预算数32542.73万元" (the parts
    make 33,364.97万元) and the 执行率 99.70% computed from it; nothing else of seed 2's texts."""
    [message] = live(load_sample(2), "K-22")
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
])
def test_a_reason_right_or_about_something_else_raises_nothing(doc, text):
    reason(doc, text)
    assert live(doc, "K-22") == []


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


def test_an_amount_with_the_tables_digits_in_the_wrong_unit():
    document = load_sample(2)
    texts = document.year(2022).section("dept_evaluation_text")
    texts.set("execution_note", "2022年资金总支出33364.97元，其中，基本支出822.24万元。")
    [message] = live(document, "K-22")
    assert message.endswith("金额单位有误：“资金总支出”写为33364.97元，表中为33,364.97万元")


@pytest.mark.parametrize("text, wrong", [
    ("本项目全年预算数131.50万元，全年执行数131.50万元，预算执行率100.0%。", []),
    ("本项目全年预算数130.00万元，全年执行数131.50万元，预算执行率100.0%。", ["“预算数”写为130.00万元，按表格应为131.50万元"]),
    ("项目预算执行率为98.0%，实施后服务企业120家。", ["“项目预算执行率”写为98.0%，按表格应为100.0%"]),
    ("经评价，绩效自评得分为90分。", ["“绩效自评得分”写为90分，按表格应为100.00分"]),
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
    doc.year(YEAR).section("narrative").set("key_projects", "本部门无重点项目。")
    monkeypatch.setattr(live_module, "scope_reference", lambda *a: pytest.fail("built a reference"))
    assert live(doc, "K-22") == []
    assert not has_figures("2023年事业单位增编，日常公用经费相应增加。") and has_figures("增加5万元")


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
    ("监控项目涉及资金5万元。", "“监控项目涉及资金”写为5万元，按表格应为1,977.31万元"),
    ("涉及5万元。", None),   # "涉及": too little to tell which figure is meant
])
def test_a_text_the_说明_does_not_quote_is_read_against_its_whole_group(text, wrong):
    """An indicator's deviation reason stands nowhere in the 说明: its figures are compared with all
    of the 绩效 group's, and only a figure that names its subject fully is judged."""
    document = load_sample(1)
    indicators = document.year(YEAR).section("dept_indicators")
    indicators.set_value(next(iter(indicators.rows)), "deviation_reason", text)
    found = live(document, "K-22")
    assert [m.split(" 中：", 1)[1] for m in found] == ([wrong] if wrong else [])
