"""Reading a 说明 from outside (desktop/io/text_sources.py): text encodings, Word, PDF lines, refusals."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.io.text_sources import TextSourceError, decode_text, join_wrapped_lines, read_paragraphs


def test_a_text_file_saved_by_chinese_windows_is_read(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_bytes("本年收入合计78,129,577.73元。\r\n二、支出".encode("gb18030"))
    assert read_paragraphs(path) == ["本年收入合计78,129,577.73元。", "二、支出"]


def test_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_bytes("\ufeff收入".encode("utf-8"))
    assert read_paragraphs(path) == ["收入"]


@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=("Cs",)), max_size=60))
def test_any_gb18030_or_utf8_text_decodes_to_itself(text):
    assert decode_text(text.encode("utf-8")) == text.removeprefix("\ufeff")
    if not _decodes_as_utf8(text.encode("gb18030")):
        assert decode_text(text.encode("gb18030")) == text


def _decodes_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("suffix, named", [(".doc", "Word 97-2003"), (".wps", "WPS 文字")])
def test_old_word_and_wps_files_ask_to_be_saved_as_docx(tmp_path, suffix, named):
    path = tmp_path / f"说明{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TextSourceError, match=f"{named}.*另存为.*docx"):
        read_paragraphs(path)


def test_a_damaged_word_file_and_an_unknown_kind_are_refused_with_a_sentence(tmp_path):
    broken = tmp_path / "说明.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(TextSourceError, match="不是有效的 Word 文档"):
        read_paragraphs(broken)
    with pytest.raises(TextSourceError, match="可核对的说明文件"):
        read_paragraphs(tmp_path / "说明.xlsx")


def test_pdf_lines_are_joined_into_paragraphs_but_headings_and_table_rows_stay_alone():
    lines = ["二、收入支出决算总体情况说明", "2023年度本年收入合计78,129,577.73元，比上年", "增加63,404,143.31元。",
             "201 一般公共服务支出 220,000.00 876,600.00", "下一段"]
    assert join_wrapped_lines(lines) == [
        "二、收入支出决算总体情况说明", "2023年度本年收入合计78,129,577.73元，比上年增加63,404,143.31元。",
        "201\t一般公共服务支出\t220,000.00\t876,600.00", "下一段"]


def test_a_table_rows_cells_stay_apart():
    """A 绩效目标 row's 指标性质, 指标值 and 度量单位 are cells, not a figure written "95 %"."""
    lines = ["部门整体绩效目标表", "2 任务按时完成率 ≥ 95 % 20.00", "3 资金支付及时 ≤ 12 月 10.00"]
    assert join_wrapped_lines(lines) == ["部门整体绩效目标表", "2\t任务按时完成率\t≥\t95\t%\t20.00",
                                         "3\t资金支付及时\t≤\t12\t月\t10.00"]


def test_page_numbers_and_the_running_header_are_no_part_of_the_text():
    """"…收入第15页共30页某部门决算公开说明…" once joined a paragraph across a page break."""
    from desktop.io.text_sources import _without_running_lines
    pages = [["某部门2024年度决算公开说明", f"正文第{n}页的第一行", f"接着第{n}页", f"第 {n} 页 共 4 页"] for n in range(1, 5)]
    pages[1].insert(1, "某部门2024年度决算公开说明的附注")  # once only: kept
    lines = _without_running_lines(pages)
    assert "某部门2024年度决算公开说明" not in lines and not any("共 4 页" in line for line in lines)
    assert lines[:4] == ["正文第1页的第一行", "接着第1页", "某部门2024年度决算公开说明的附注", "正文第2页的第一行"]
    two_pages = [["标题", "正文"], ["标题", "正文二"]]  # too few pages to tell a running header
    assert _without_running_lines(two_pages) == ["标题", "正文", "标题", "正文二"]
