import copy
import json
from pathlib import Path

import pytest

from desktop.domain.codes import (
    CodeEntry,
    CodeTable,
    available_years,
    code_level,
    code_table,
    validate_code_table,
)

VALID = {
    "year": 2023,
    "note": "测试用",
    "functional": [
        {"code": "201", "name": "一般公共服务支出"},
        {"code": "20105", "name": "统计信息事务"},
        {"code": "2010507", "name": "专项普查活动"},
    ],
    "economic": [
        {"code": "302", "name": "商品和服务支出"},
        {"code": "30217", "name": "公务接待费", "uncertain": False},
    ],
}


def broken(scheme: str, entry: dict) -> list[str]:
    data = copy.deepcopy(VALID)
    data[scheme].append(entry)
    return validate_code_table(data)


@pytest.mark.parametrize(
    "scheme, code, level",
    [("functional", "201", "类"), ("functional", "20101", "款"), ("functional", "2010507", "项"),
     ("economic", "301", "类"), ("economic", "30101", "款")],
)
def test_code_level(scheme: str, code: str, level: str) -> None:
    assert code_level(scheme, code) == level


@pytest.mark.parametrize(
    "scheme, code, hint",
    [("functional", "2011", "3位（类）、5位（款）或7位（项）"),
     ("functional", "20105071", "3位（类）、5位（款）或7位（项）"),
     ("economic", "3010101", "3位（类）或5位（款）"),
     ("functional", "20a01", "只能由数字组成")],
)
def test_bad_code_raises_chinese_message(scheme: str, code: str, hint: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        code_level(scheme, code)
    assert f"科目编码“{code}”" in str(excinfo.value)
    assert hint in str(excinfo.value)


def test_unknown_scheme_raises() -> None:
    with pytest.raises(ValueError, match="未知的科目体系"):
        code_level("budget", "501")


@pytest.mark.parametrize(
    "scheme, code, name, level",
    [("functional", "201", "一般公共服务支出", "类"),
     ("functional", "21508", "支持中小企业发展和管理支出", "款"),
     ("functional", "2080505", "机关事业单位基本养老保险缴费支出", "项"),
     ("economic", "30212", "因公出国（境）费用", "款"),
     ("economic", "30217", "公务接待费", "款"),
     ("economic", "30231", "公务用车运行维护费", "款"),
     ("economic", "31013", "公务用车购置", "款")],
)
def test_lookup_known_entries(scheme: str, code: str, name: str, level: str) -> None:
    assert code_table(2023).lookup(scheme, code) == CodeEntry(scheme, code, name, level, False)


def test_lookup_missing_is_none() -> None:
    assert code_table(2023).lookup("functional", "2019999") is None
    assert code_table(2023).lookup("economic", "201") is None


def test_399_kuan_flagged_uncertain_but_sangong_not() -> None:
    table = code_table(2023)
    assert table.lookup("economic", "39907").uncertain is True
    assert table.lookup("economic", "399").uncertain is False
    assert table.lookup("economic", "30217").uncertain is False


def test_year_fallback() -> None:
    assert {2022, 2023, 2024} <= set(available_years())
    exact = code_table(2023)
    assert (exact.year, exact.source_year) == (2023, 2023)
    before = code_table(2021)
    assert (before.year, before.source_year) == (2021, 2022)
    after = code_table(2030)
    assert (after.year, after.source_year) == (2030, 2024)
    assert code_table(2030) is after


def test_search_by_code_prefix_and_name() -> None:
    table = code_table(2023)
    by_code = [e.code for e in table.search("economic", "3021")]
    assert by_code == ["30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218"]
    assert [e.code for e in table.search("functional", " 2080 ")][:2] == ["20801", "20802"]
    by_name = [e.code for e in table.search("economic", "公务用车")]
    assert by_name == ["30231", "30913", "31013"]
    assert table.search("functional", "没有这个科目") == []


def test_children() -> None:
    table = code_table(2023)
    assert [e.code for e in table.children("functional", "20805")] == [
        "2080501", "2080502", "2080505", "2080506", "2080599"]
    kuan_201 = table.children("functional", "201")
    assert kuan_201[0].code == "20101" and all(e.level == "款" for e in kuan_201)
    assert [e.code for e in table.children("economic", "313")] == ["31302", "31303"]
    assert table.children("economic", "30217") == []


def test_entries_sorted_and_levelled() -> None:
    entries = code_table(2023).entries("functional")
    assert [e.code for e in entries] == sorted(e.code for e in entries)
    assert {e.level for e in entries} == {"类", "款", "项"}


def test_valid_sample_has_no_problems() -> None:
    assert validate_code_table(VALID) == []


def test_validator_bad_code() -> None:
    problems = broken("functional", {"code": "2011", "name": "错位"})
    assert len(problems) == 1 and "科目编码“2011”位数不对" in problems[0]


def test_validator_economic_rejects_seven_digits() -> None:
    problems = broken("economic", {"code": "3021701", "name": "七位"})
    assert len(problems) == 1 and "经济分类应为3位（类）或5位（款）" in problems[0]


def test_validator_duplicate() -> None:
    problems = broken("functional", {"code": "20105", "name": "统计信息事务"})
    assert len(problems) == 1 and "“20105”重复" in problems[0]


def test_validator_orphan_kuan() -> None:
    problems = broken("functional", {"code": "20805", "name": "行政事业单位养老支出"})
    assert problems == ["功能分类科目“20805”的上级类“208”不存在"]


def test_validator_orphan_xiang() -> None:
    problems = broken("functional", {"code": "2010601", "name": "行政运行"})
    assert problems == ["功能分类科目“2010601”的上级款“20106”不存在"]


def test_validator_unknown_keys() -> None:
    problems = broken("economic", {"code": "30201", "name": "办公费", "level": "款"})
    assert len(problems) == 1 and "未知的字段“level”" in problems[0]
    data = dict(VALID, version=1)
    assert validate_code_table(data) == ["未知的字段“version”"]


@pytest.mark.parametrize("name, message", [("", "科目名称为空"), ("  ", "科目名称为空"),
                                           (None, "科目名称为空"), (" 办公费", "首尾有空格")])
def test_validator_bad_name(name: object, message: str) -> None:
    problems = broken("economic", {"code": "30201", "name": name})
    assert len(problems) == 1 and message in problems[0] and "30201" in problems[0]


def test_validator_non_bool_uncertain() -> None:
    problems = broken("economic", {"code": "30201", "name": "办公费", "uncertain": "yes"})
    assert len(problems) == 1 and "uncertain 应为 true 或 false" in problems[0]


@pytest.mark.parametrize("year", [1999, 2101, "2023", None, True])
def test_validator_bad_year(year: object) -> None:
    problems = validate_code_table(dict(VALID, year=year))
    assert len(problems) == 1 and "年度" in problems[0]


def test_validator_missing_or_wrong_scheme() -> None:
    data = {k: v for k, v in VALID.items() if k != "economic"}
    assert validate_code_table(data) == ["缺少经济分类（economic）"]
    assert validate_code_table(dict(VALID, functional={})) == ["功能分类（functional）应为列表"]
    assert validate_code_table([]) == ["科目表应为 JSON 对象"]


def test_invalid_file_raises_with_problems(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["functional"].append({"code": "20105", "name": ""})
    path = tmp_path / "2023.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError) as excinfo:
        CodeTable.from_file(path)
    assert "重复" in str(excinfo.value) and "科目名称为空" in str(excinfo.value)


def test_file_year_must_match_name(tmp_path: Path) -> None:
    path = tmp_path / "2024.json"
    path.write_text(json.dumps(VALID, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="与文件名不符"):
        CodeTable.from_file(path)
