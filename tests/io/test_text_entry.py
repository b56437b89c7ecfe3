"""Text entry is the same at every entry point (issue 19): a cell typed or pasted, an explanation
typed in the window, a JSON file, an Excel workbook. Word and clipboard text (U+3000, \\r\\n) is
accepted and normalised; control characters and lone surrogates are refused with one Chinese
message; an explanation has one length limit."""

import json

import openpyxl
import pytest

from desktop.domain.document import DocumentError
from desktop.domain.schema import ValueRejected, document_schema
from desktop.domain.text import EXPLANATION_LIMIT
from desktop.editing.commands import SetExplanation
from desktop.editing.session import EditSession
from desktop.io.jsonio import JsonImportError, document_from_json, document_to_json, loads
from desktop.io.samples import load_sample
from desktop.io.xlsx import XlsxImportError, export_xlsx, layout, read_xlsx

SCHEMA = document_schema()
NAME = SCHEMA.section("projects").column("name")                      # single-line text
OVERVIEW = SCHEMA.section("projects").column("overview")              # multi-line text
DEPARTMENT = SCHEMA.section("department").column("name")
WORD_PARAGRAPHS = "\u3000\u3000本部门主要职责是：\r\n\u3000\u3000一、贯彻落实……\r二、负责……"
CONTROL = "预算\x07执行"      # BEL, as pasted from an old system
SURROGATE = "预算\ud800执行"  # half of a UTF-16 pair: text broken by a faulty conversion
CONTROL_REFUSAL = "第 3 个字符（U+0007）是控制字符，不能保存；请删除这个字符"
SURROGATE_REFUSAL = "第 3 个字符（U+D800）是损坏的文字"


# -- cells: typing, pasting, imports all go through Column.parse / Column.check -------------------
@pytest.mark.parametrize("column", [NAME, OVERVIEW, DEPARTMENT], ids=lambda c: c.key)
def test_the_ideographic_space_is_text(column):
    assert column.parse("北京市\u3000科技委") == "北京市\u3000科技委"
    assert column.check("\u3000\u3000缩进") == "\u3000\u3000缩进"


def test_word_line_breaks_become_newlines_in_multi_line_text():
    expected = "\u3000\u3000本部门主要职责是：\n\u3000\u3000一、贯彻落实……\n二、负责……"
    assert OVERVIEW.parse(WORD_PARAGRAPHS) == expected
    assert OVERVIEW.check(WORD_PARAGRAPHS) == expected
    assert OVERVIEW.check("手动换行\x0b段落\u2029结束") == "手动换行\n段落\n结束"  # Word's Shift+Enter, U+2029


@pytest.mark.parametrize("text", ["第一行\r\n第二行", "第一行\r第二行", "第一行\n第二行", "第一行\u2028第二行"])
def test_single_line_text_refuses_a_line_break_by_name(text):
    with pytest.raises(ValueRejected) as caught:
        NAME.parse(text)
    assert str(caught.value) == "项目名称：只能填写一行文字，第 4 个字符是换行；请删除换行"


@pytest.mark.parametrize("column", [NAME, OVERVIEW, DEPARTMENT], ids=lambda c: c.key)
@pytest.mark.parametrize("text, refusal", [(CONTROL, CONTROL_REFUSAL), (SURROGATE, SURROGATE_REFUSAL)])
def test_control_characters_and_lone_surrogates_are_refused_in_every_text_cell(column, text, refusal):
    for entry in (column.parse, column.check):
        with pytest.raises(ValueRejected) as caught:
            entry(text)
        message = str(caught.value)
        assert message.startswith(f"{column.label}：") and refusal in message
        message.encode("utf-8")  # printable: no lone surrogate quoted back


# -- explanations -----------------------------------------------------------------------------
@pytest.fixture()
def session():
    return EditSession(load_sample(1), None)


def explain(session, text):
    finding = next(f for f in session.findings if f.needs_explanation)
    session.do(SetExplanation(session.year, finding.rule, finding.location.key, text))
    return session.document.year(session.year).explanations[(finding.rule, finding.location.key)]


def test_an_explanation_typed_in_the_window_is_normalised(session):
    assert explain(session, WORD_PARAGRAPHS + "\r\n") == \
        "本部门主要职责是：\n\u3000\u3000一、贯彻落实……\n二、负责……"


@pytest.mark.parametrize("text, refusal", [(CONTROL, CONTROL_REFUSAL), (SURROGATE, SURROGATE_REFUSAL),
                                           ("字" * (EXPLANATION_LIMIT + 1), f"文字过长（{EXPLANATION_LIMIT + 1} 字，"
                                                                            f"最多 {EXPLANATION_LIMIT} 字）")])
def test_an_explanation_typed_in_the_window_is_refused_as_everywhere(session, text, refusal):
    before = dict(session.document.year(session.year).explanations)
    with pytest.raises(DocumentError) as caught:
        explain(session, text)
    assert "的说明：" in str(caught.value) and refusal in str(caught.value)
    assert session.document.year(session.year).explanations == before


def json_with_explanation(text: str) -> dict:
    raw = document_to_json(load_sample(1))
    raw["years"][0]["explanations"] = [{"rule": "W-01", "location": "sangong:abroad", "text": text}]
    return raw


def test_json_import_normalises_and_refuses_as_the_window_does():
    document = document_from_json(json_with_explanation(WORD_PARAGRAPHS))
    assert document.latest_year().explanations[("W-01", "sangong:abroad")] == \
        "本部门主要职责是：\n\u3000\u3000一、贯彻落实……\n二、负责……"
    for text, refusal in [(CONTROL, CONTROL_REFUSAL), ("字" * (EXPLANATION_LIMIT + 1), "文字过长")]:
        with pytest.raises(JsonImportError) as caught:
            document_from_json(json_with_explanation(text))
        assert caught.value.problems[0].startswith("$.years[0].explanations[0]：说明：") and refusal in str(caught.value)


def test_a_lone_surrogate_in_json_gets_a_chinese_message_that_can_be_printed():
    raw = json.dumps(json_with_explanation("说明"), ensure_ascii=True).replace("\\u8bf4\\u660e", "\\ud800")
    raw = raw.replace('"\\u5ba1', '"\\ud800\\u5ba1', 1)  # and a key
    with pytest.raises(JsonImportError) as caught:
        loads(raw)
    message = str(caught.value)
    assert SURROGATE_REFUSAL.replace("第 3", "第 1") in message
    message.encode("utf-8")


def workbook_with_explanation(tmp_path, text: str):
    path = tmp_path / "seed1.xlsx"
    export_xlsx(load_sample(1), path)
    book = openpyxl.load_workbook(path)
    sheet = book[layout.EXPLANATIONS_SHEET]
    row = layout.FIRST_DATA_ROW
    sheet.cell(row, 1, "W-01")
    sheet.cell(row, 2, "sangong:abroad")
    sheet.cell(row, 4, text)  # column D: 说明
    book.save(path)
    return path


def test_excel_import_normalises_and_refuses_as_the_window_does(tmp_path):
    document = read_xlsx(workbook_with_explanation(tmp_path, WORD_PARAGRAPHS)).document
    assert document.latest_year().explanations[("W-01", "sangong:abroad")] == \
        "本部门主要职责是：\n\u3000\u3000一、贯彻落实……\n二、负责……"


def test_excel_import_refuses_an_explanation_the_json_import_refuses(tmp_path):
    """The importer used to accept a 1 MB explanation that the JSON import then refused."""
    path = workbook_with_explanation(tmp_path, "字" * (EXPLANATION_LIMIT + 1))
    with pytest.raises(XlsxImportError) as caught:
        read_xlsx(path)
    assert caught.value.problems == [f"{layout.EXPLANATIONS_SHEET}!D{layout.FIRST_DATA_ROW}：说明：文字过长"
                                     f"（{EXPLANATION_LIMIT + 1} 字，最多 {EXPLANATION_LIMIT} 字）"]
    assert read_xlsx(workbook_with_explanation(tmp_path, "字" * EXPLANATION_LIMIT)) is not None


def test_an_excel_cell_with_word_text_is_accepted(tmp_path):
    path = tmp_path / "seed1.xlsx"
    export_xlsx(load_sample(1), path)
    book = openpyxl.load_workbook(path)
    sheet = book["填报-部门"]
    value_column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(layout.HEADER_ROW, c).value == "内容")
    name_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "name")
    sheet.cell(name_row, value_column, "北京市\u3000示例区科学技术委员会")
    book.save(path)
    assert read_xlsx(path).document.department_name == "北京市\u3000示例区科学技术委员会"
