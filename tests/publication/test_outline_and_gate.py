"""The assembled publication (outline.build_publication) and the export gate (gate.export_gate).

Outline: the part titles of the year, the 专业名词解释 numbered after the generated sections of
第三部分, one 项目支出绩效自评表 per project, the charts beside their sections and the 绩效 score
table. Gate: what keeps a year from being published, and how the refusal message is capped.
"""

from datetime import date

import pytest

from desktop.io.samples import load_sample
from desktop.publication.gate import SHOWN, GateReport, export_gate
from desktop.publication.model import Chart, Heading, Paragraph, Table
from desktop.publication.outline import build_publication
from desktop.synthetic import build_document

TODAY = date(2024, 8, 20)


@pytest.fixture(scope="module")
def seed1_publication():
    return build_publication(load_sample(1), today=TODAY)


@pytest.fixture(scope="module")
def seed2_publication():
    return build_publication(load_sample(2), today=TODAY)


@pytest.fixture(scope="module")
def seed1_gate():
    return export_gate(load_sample(1))


def part(publication, prefix: str):
    return next(p for p in publication.parts if p.title.startswith(prefix))


def blocks_of(publication, kind) -> list:
    return [b for p in publication.parts for b in p.blocks if isinstance(b, kind)]


# ------------------------------------------------------------------ outline


def test_seed1_cover_data_and_part_titles(seed1_publication):
    assert seed1_publication.title == "2023年度中关村科技园区门头沟园管理委员会部门决算公开说明"
    assert (seed1_publication.year, seed1_publication.date) == (2023, "2024年8月")
    assert [p.title for p in seed1_publication.parts] == [
        "第一部分 2023年度部门决算报表", "第二部分 2023年度部门决算说明",
        "第三部分 2023年度其他重要事项的情况说明", "第四部分 2023年度部门绩效评价情况"]


def test_part_one_holds_the_eleven_numbered_tables(seed1_publication):
    tables = [b for b in part(seed1_publication, "第一部分").blocks if isinstance(b, Table)]
    assert [t.number for t in tables] == [f"表{n}" for n in range(1, 12)]


def test_glossary_is_numbered_after_the_generated_sections(seed1_publication):
    blocks = part(seed1_publication, "第三部分").blocks
    headings = [b for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert [h.text[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert headings[-1].text == "七、专业名词解释"
    after = blocks[blocks.index(headings[-1]) + 1:]
    assert all(isinstance(b, Paragraph) for b in after)
    assert len(after) == 7
    assert after[0].text.startswith("1.基本支出：") and after[-1].text.startswith("7.非公企业党建经费：")


def test_one_project_form_per_project(seed1_publication):
    forms = [b for b in part(seed1_publication, "第四部分").blocks
             if isinstance(b, Table) and b.title == "项目支出绩效自评表"]
    assert len(forms) == len(load_sample(1).latest_year().section("projects").rows) == 1
    assert forms[0].subtitle == "（2023年度）"
    assert forms[0].rows[0][1].text == "门头沟“两区”标识建设"


def test_three_projects_give_three_project_forms():
    publication = build_publication(build_document(projects=3), today=TODAY)
    forms = [b for b in blocks_of(publication, Table) if b.title == "项目支出绩效自评表"]
    assert len(forms) == 3
    assert len({f.rows[0][1].text for f in forms}) == 3  # each names its own project


def test_seed1_charts_beside_income_expenditure_and_sangong(seed1_publication):
    charts = {c.title: c for c in blocks_of(seed1_publication, Chart)}
    assert "2023年度收入构成" not in charts  # one source, 100%: said in words, never a one-slice pie
    assert charts["2023年度支出构成"].kind == "composition"
    assert [i[0] for i in charts["2023年度支出构成"].items] == ["基本支出", "项目支出"]
    assert [c.number for c in blocks_of(seed1_publication, Chart)] == [f"图{n}" for n in range(1, len(charts) + 1)]
    sangong = charts["2023年度“三公”经费财政拨款预算与决算（元）"]
    assert sangong.kind == "budget_actual"
    assert ("公务用车运行维护费", 3600000, 1029800, "36,000.00", "10,298.00") in sangong.items
    third = part(seed1_publication, "第三部分").blocks
    assert sangong in third


def test_sangong_chart_keeps_explicit_zero_apart_from_blank(seed1_publication):
    sangong = next(c for c in blocks_of(seed1_publication, Chart) if c.kind == "budget_actual")
    assert sangong.items[0] == ("因公出国（境）费", 0, 0, "0.00", "0.00")


def test_seed2_score_chart_and_score_table(seed2_publication):
    fourth = part(seed2_publication, "第四部分")
    assert fourth.title == "第四部分 2022年度部门绩效评价情况"
    chart = next(b for b in fourth.blocks if isinstance(b, Chart))
    assert chart.kind == "score" and chart.title == "2022年度部门整体绩效评价得分构成"
    # 资金总体 is computed (基本 + 项目 + 其他 = 33,364.97 executed of 33,364.97): the printed 19.94
    # rested on a typed 资金总体 its parts do not add up to (P-01 reports it)
    assert chart.items[0] == ("预算执行", 2000, 2000, "20.00 / 20.00")
    table = next(b for b in fourth.blocks if isinstance(b, Table) and b.title == "部门整体绩效评价评分表")
    assert [c.text for c in table.rows[-1]] == ["合计", "100.00", "95.00", "评价等级：优秀"]


def test_seed2_drafts_every_part_with_placeholders_for_what_it_lacks(seed2_publication):
    assert [p.title[:4] for p in seed2_publication.parts] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    third = part(seed2_publication, "第三部分")
    texts = [b.text for b in third.blocks if isinstance(b, Paragraph)]
    assert "【未填写：政府采购支出（“政府采购”页；无此项支出请填 0）】" in texts
    gaps = [b for b in third.blocks if isinstance(b, Paragraph) and b.gap]
    assert gaps and all(b.text.startswith("【未填写：") for b in gaps)  # marked, so a draft prints them in red
    assert any(t.startswith("1.基本支出：") for t in texts)  # the profile's default 名词解释


# ------------------------------------------------------------------ gate


def test_seed1_gate_is_closed_by_errors_and_unfilled_tables(seed1_gate):
    assert not seed1_gate.open
    assert len(seed1_gate.errors) == 3
    assert all(f.severity == "error" for f in seed1_gate.errors)
    assert len(seed1_gate.unfilled) == 2
    assert seed1_gate.unfilled[0].startswith("收入决算表未填写") and seed1_gate.unfilled[1].startswith("支出决算表未填写")


def test_seed2_gate_lists_every_unfilled_table():
    assert len(export_gate(load_sample(2)).unfilled) == 11


def test_synthetic_document_passes_the_gate():
    report = export_gate(build_document())
    assert report.open
    assert (report.errors, report.unexplained, report.unfilled) == ((), (), ())


def test_gate_message_names_every_group(seed1_gate):
    message = seed1_gate.message()
    assert message.startswith("不能导出正式文件")
    assert "错误（强制性）3 个：" in message and "未填写的报表 2 张：" in message
    assert f"说明和绩效表中尚未填写的内容 {len(seed1_gate.missing)} 处：" in message
    assert "  · 第四部分 项目支出绩效自评表“门头沟“两区”标识建设”：实施单位" in message
    for finding in seed1_gate.errors:
        assert f"  · {finding.text}" in message
    assert "  · 收入决算表未填写" in message


def test_gate_message_caps_each_list_and_counts_the_rest(seed1_gate):
    unexplained = len(seed1_gate.unexplained)
    assert unexplained > SHOWN
    lines = seed1_gate.message().splitlines()
    start = lines.index(f"未说明的提示 {unexplained} 个（请在审核面板中填写说明）：")
    shown = lines[start + 1:start + 1 + SHOWN]
    assert [line[4:] for line in shown] == [f.text for f in seed1_gate.unexplained[:SHOWN]]
    assert lines[start + 1 + SHOWN] == f"  · ……另有 {unexplained - SHOWN} 个"


def test_gate_message_cap_at_the_boundary():
    exactly = GateReport((), (), tuple(f"表{n}未填写" for n in range(SHOWN))).message()
    assert "另有" not in exactly and exactly.count("\n  · ") == SHOWN
    over = GateReport((), (), tuple(f"表{n}未填写" for n in range(SHOWN + 5))).message().splitlines()
    assert over[-1] == "  · ……另有 5 个"
    assert over[-2] == f"  · 表{SHOWN - 1}未填写"
    assert len(over) == 1 + 1 + SHOWN + 1


def test_sangong_counts_are_tabled_under_the_sangong_paragraph_and_a_blank_one_closes_the_gate():
    from pathlib import Path

    from desktop.io.jsonio import read_json
    document = read_json(Path(__file__).resolve().parents[1] / "fixtures" / "seed1_corrected.json")
    third = part(build_publication(document, today=TODAY), "第三部分")
    [counts] = [b for b in third.blocks if isinstance(b, Table) and b.key == "sangong_counts"]
    assert [c.text for c in counts.rows[3]] == ["公务用车保有量", "辆", "2"]
    assert third.blocks.index(counts) < next(i for i, b in enumerate(third.blocks)
                                             if isinstance(b, Heading) and b.text.startswith("二、"))
    assert export_gate(document).open
    document.latest_year().section("sangong_details").set("abroad_people", None)
    report = export_gate(document)
    assert report.missing == ("第三部分 “三公”经费相关统计数：因公出国（境）人次",)


def _corrected():
    from pathlib import Path

    from desktop.io.jsonio import read_json
    return read_json(Path(__file__).resolve().parents[1] / "fixtures" / "seed1_corrected.json")


def _needed_texts(*needs):
    from desktop.domain.published_texts import text_placements
    return [p for p in text_placements().values() if p.need in needs and p.section != "department"]


@pytest.mark.parametrize("place", _needed_texts("always", "project", "key_project"),
                         ids=lambda p: f"{p.section}.{p.column}")
def test_every_needed_text_closes_the_gate_while_empty(place):
    """texts.json and the 说明 agree: emptying a text the publication needs leaves a gap the gate names."""
    document = _corrected()
    assert export_gate(document).open
    data = document.latest_year().section(place.section)
    rows = [""] if data.section.kind == "form" else [next(iter(data.rows))]  # the corrected seed's 重点项目 r1
    for row in rows:
        data.set_value(row, place.column, None)
    report = export_gate(document)
    assert report.missing, f"{place.section}.{place.column} emptied, yet nothing is missing"
