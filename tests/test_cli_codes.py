"""`fiscaldesk codes import FILE --year Y`, `fiscaldesk codes list`, and the table `check` names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.domain.codes import BUILTIN_SOURCE, code_table
from desktop.io.samples import load_sample
from desktop.store.code_tables import recorded_stamp
from desktop.store.docfile import DocumentFile

CSV = "科目编码,科目名称\r\n201,一般公共服务支出\r\n20101,　人大事务\r\n2010101,　　行政运行\r\n,\r\nabc,看不懂\r\n301,工资福利支出\r\n"


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_reports_the_summary_and_the_rows_not_understood(capsys, codes_home, tmp_path):
    source = tmp_path / "2023年科目.csv"
    source.write_bytes(CSV.encode("gbk"))
    status, out, err = run(capsys, "codes", "import", source, "--year", "2023")
    assert status == 0 and out == ""
    assert "功能分类：类 1 个、款 1 个、项 1 个，共 3 条" in err and "经济分类：类 1 个、款 0 个，共 1 条" in err
    assert "注意：工作表“2023年科目”第 6 行：科目编码“abc”不是数字编码" in err
    stored = codes_home / "FiscalDesk" / "codes" / "2023.json"
    assert f"已导入 2023 年科目表（2023年科目.csv），共 4 条：{stored}" in err
    assert json.loads(stored.read_text(encoding="utf-8"))["imported"]["functional"]["file"] == "2023年科目.csv"

    status, out, _ = run(capsys, "codes", "list")
    lines = {line.split("　")[0]: line for line in out.splitlines()}
    assert lines["2023"].startswith("2023　已导入　4 条　来源：2023年科目.csv，导入于 ")
    assert lines["2024"].startswith(f"2024　内置　{code_table(2024).entry_count} 条　来源：{BUILTIN_SOURCE}")
    status, out, _ = run(capsys, "codes", "list", "--json")
    listed = {entry["year"]: entry for entry in json.loads(out)}
    assert listed[2023]["imported"] is True and listed[2023]["entries"] == 4 and len(listed[2023]["sha256"]) == 64
    assert listed[2022] == {"year": 2022, "imported": False, "entries": code_table(2022).entry_count,
                            "source": BUILTIN_SOURCE, "imported_at": None, "sha256": code_table(2022).sha256}


@pytest.mark.parametrize("name, content, year, message", [
    ("a.pdf", b"%PDF", "2023", "只能导入 Excel 工作簿（.xlsx）或 CSV 文件"),
    ("empty.csv", "说明\r\n没有科目\r\n".encode(), "2023", "没有可导入的科目"),
    ("ok.csv", CSV.encode(), "1999", "年度 1999 无效"),
])
def test_refused_imports_exit_1_with_a_message_and_write_nothing(capsys, codes_home, tmp_path, name, content, year,
                                                                 message):
    source = tmp_path / name
    source.write_bytes(content)
    status, _, err = run(capsys, "codes", "import", source, "--year", year)
    assert status == 1 and "错误：" in err and message in err.split("错误：", 1)[1] and "Traceback" not in err
    assert not (codes_home / "FiscalDesk" / "codes").exists()


def test_import_needs_a_year(capsys, codes_home, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["codes", "import", str(tmp_path / "x.csv")])
    assert exit_info.value.code == 2


def test_check_names_the_table_and_the_document_records_it(capsys, codes_home, tmp_path):
    path = tmp_path / "seed1.fdesk"
    DocumentFile.create(path, load_sample(1)).close()
    builtin = code_table(2023).stamp()
    _, out, _ = run(capsys, "check", path)
    assert f"审核依据 2023 年科目表：内置（不完整），共 {builtin.entries} 条，SHA-256 {builtin.sha256[:12]}" in out
    with DocumentFile.open(path) as file:
        assert recorded_stamp(file, 2023) == builtin

    source = tmp_path / "official.csv"
    source.write_text(CSV, encoding="utf-8-sig")
    assert run(capsys, "codes", "import", source, "--year", "2023")[0] == 0
    _, out, _ = run(capsys, "check", path)
    assert "审核依据 2023 年科目表：official.csv，共 4 条" in out
    assert f"（上次审核依据 {builtin.describe()}）" in out
    _, out, _ = run(capsys, "check", path, "--json")
    report = json.loads(out)
    assert report["code_table"]["source"] == "official.csv"
    assert report["code_table"]["official"] is True and report["code_table"]["entries"] == 4
    w09 = [f for f in report["findings"] if f["rule"] == "W-09"]
    assert w09 and all(f["severity"] == "warning" for f in w09)
    _, out, _ = run(capsys, "check", path)
    assert "上次审核依据" not in out  # checked against the same table as last time
    with DocumentFile.open(path) as file:
        assert recorded_stamp(file, 2023).source == "official.csv"


def test_codes_list_as_a_real_process_leaves_the_user_folder_alone(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), APPDATA=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "desktop", "codes", "list"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0 and "2023　内置" in result.stdout and "fiscaldesk codes import" in result.stderr
    assert list(tmp_path.iterdir()) == []
