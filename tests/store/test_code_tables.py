"""Imported official tables in the user data folder, preferred over the bundled ones, and the
record in a document of the table it was checked against."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop.domain.code_import import parse_code_sheets
from desktop.domain.codes import BUILTIN_SOURCE, CodeTableStamp, code_table, imported_table_path
from desktop.io.samples import load_sample
from desktop.paths import user_data_dir
from desktop.store.code_tables import list_tables, record_stamp, recorded_stamp, save_imported
from desktop.store.docfile import DocumentFile

NOW = datetime(2024, 3, 1, 9, 30)
FUNCTIONAL = [["科目编码", "科目名称"], ["201", "一般公共服务支出"], ["20101", "人大事务"], ["2010101", "行政运行"]]
ECONOMIC = [["科目编码", "科目名称"], ["301", "工资福利支出"], ["30101", "基本工资"]]


def test_an_imported_table_lives_in_the_user_data_folder_and_is_preferred(codes_home):
    assert code_table(2023).source() == BUILTIN_SOURCE and not code_table(2023).official
    table = save_imported(2023, parse_code_sheets([("s", FUNCTIONAL + ECONOMIC[1:])]), "2023科目.xlsx", NOW)
    path = imported_table_path(2023)
    assert path == user_data_dir() / "codes" / "2023.json" and path.is_relative_to(codes_home)
    assert not path.with_name("2023.json.tmp").exists()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["imported"] == {s: {"file": "2023科目.xlsx", "imported_at": "2024-03-01T09:30:00"}
                                for s in ("functional", "economic")}
    assert code_table(2023) is table and table.official and table.entry_count == 5
    assert table.lookup("functional", "20102") is None  # only what the official file holds
    assert code_table(2024).source() == BUILTIN_SOURCE  # another year keeps its own table


def test_a_second_file_for_the_other_scheme_completes_the_year(codes_home):
    save_imported(2024, parse_code_sheets([("功能", FUNCTIONAL)]), "功能.csv", NOW)
    assert code_table(2024).source() == "功能分类：功能.csv；经济分类：内置（不完整）"
    table = save_imported(2024, parse_code_sheets([("经济", ECONOMIC)]), "经济.csv", NOW)
    assert table.source() == "功能分类：功能.csv；经济分类：经济.csv" and table.official
    assert table.lookup("functional", "2010101").name == "行政运行"


def test_a_file_without_codes_is_refused_and_nothing_is_written(codes_home):
    with pytest.raises(ValueError, match="没有可导入的科目"):
        save_imported(2023, parse_code_sheets([("s", [["无关"], ["内容"]])]), "空.xlsx", NOW)
    assert not imported_table_path(2023).exists()


def test_a_damaged_imported_file_falls_back_to_the_bundled_table(codes_home):
    path = imported_table_path(2023)
    path.parent.mkdir(parents=True)
    path.write_text("{ broken", encoding="utf-8")
    assert code_table(2023).source() == BUILTIN_SOURCE


def test_list_shows_bundled_and_imported_years(codes_home):
    save_imported(2025, parse_code_sheets([("s", FUNCTIONAL + ECONOMIC[1:])]), "2025.xlsx", NOW)
    infos = {info.year: info for info in list_tables()}
    assert {2022, 2023, 2024, 2025} <= set(infos)
    assert not infos[2023].imported and infos[2023].source == BUILTIN_SOURCE and infos[2023].imported_at == ""
    assert infos[2025].imported and infos[2025].entries == 5 and infos[2025].imported_at == "2024-03-01T09:30:00"
    assert len(infos[2025].sha256) == 64 and infos[2025].sha256 != infos[2024].sha256


def test_the_stamp_names_year_source_count_and_hash(codes_home):
    stamp = code_table(2023).stamp()
    assert (stamp.year, stamp.source, stamp.official) == (2023, BUILTIN_SOURCE, False)
    assert stamp.entries == code_table(2023).entry_count and len(stamp.sha256) == 64
    assert stamp.describe().startswith(f"2023 年科目表：内置（不完整），共 {stamp.entries} 条，SHA-256 {stamp.sha256[:12]}")
    assert CodeTableStamp.from_json(stamp.to_json()) == stamp
    assert CodeTableStamp.from_json({"year": "x"}) is None and CodeTableStamp.from_json(None) is None


def test_the_document_records_the_table_and_keeps_it_across_save_and_open(codes_home, tmp_path):
    path = tmp_path / "doc.fdesk"
    stamp = code_table(2023).stamp()
    with DocumentFile.create(path, load_sample(1)) as file:
        assert recorded_stamp(file, 2023) is None
        assert record_stamp(file, 2023, stamp) and not record_stamp(file, 2023, stamp)
        file.save(file.load())  # a whole save keeps the record
    with DocumentFile.open(path) as file:
        assert recorded_stamp(file, 2023) == stamp
    with DocumentFile.open(path, read_only=True) as file:
        assert not record_stamp(file, 2023, code_table(2022).stamp())


def test_a_file_named_with_a_superscript_digit_is_not_taken_for_a_year(codes_home):
    from desktop.domain.codes import imported_codes_dir
    from desktop.store.code_tables import imported_years
    folder = imported_codes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2023².json").write_text("{}", encoding="utf-8")  # "2023²".isdigit() is True; int() refuses it
    assert imported_years() == []
