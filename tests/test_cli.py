"""The command line, run as a clerk or a script would: real processes, real files."""

import os
import subprocess
import sys

import pytest


def fiscaldesk(*args, env_home=None):
    env = dict(os.environ)
    if env_home:
        env["XDG_DATA_HOME"] = str(env_home)
        env["APPDATA"] = str(env_home)
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("seed", [1, 2])
def test_sample_export_import_export_is_identical(tmp_path, seed):
    a, b = tmp_path / "a.fdesk", tmp_path / "b.fdesk"
    a_json, b_json = tmp_path / "a.json", tmp_path / "b.json"
    for args in (["sample", "--seed", seed, "-o", a], ["export", a, "--format", "json", "-o", a_json],
                 ["import", a_json, "-o", b], ["export", b, "--format", "json", "-o", b_json]):
        result = fiscaldesk(*args)
        assert result.returncode == 0, result.stderr
    assert a_json.read_bytes() == b_json.read_bytes()


def test_import_refuses_bad_json_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fiscaldesk-document", "version": 1, "years": [{"year": 2023, '
                   '"profile": "beijing-district", "sangong": {"total": {"budget": "12a"}}}]}', encoding="utf-8")
    result = fiscaldesk("import", bad, "-o", tmp_path / "out.fdesk")
    assert result.returncode == 1
    assert "$.years[0].sangong.total.budget" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.fdesk").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_existing_document_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "a.fdesk"
    assert fiscaldesk("sample", "-o", out).returncode == 0
    refused = fiscaldesk("sample", "--seed", "2", "-o", out)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert fiscaldesk("sample", "--seed", "2", "-o", out, "--force").returncode == 0
    assert "石景山区投资促进服务中心" in fiscaldesk("summary", out).stdout


def test_damaged_document_gives_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "x.fdesk"
    path.write_text("not a database")
    result = fiscaldesk("export", path, "--format", "json", "-o", tmp_path / "x.json")
    assert result.returncode == 1 and "不是 FiscalDesk 文档" in result.stderr and "Traceback" not in result.stderr


def test_gui_smoke_runs_the_whole_day_on_the_bundled_sample_and_leaves_the_user_data_alone(tmp_path):
    result = fiscaldesk("--smoke", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    for step in ("资源", "文档", "窗口", "编辑", "审核", "评分", "PDF", "Excel"):
        assert f"✓ {step}：" in result.stdout, result.stdout
    assert result.stdout.rstrip().endswith("冒烟测试通过")
    assert not list(tmp_path.rglob("*")), "a smoke run writes only to its temporary folder"


def test_gui_smoke_on_a_given_document_works_on_a_copy(tmp_path):
    path = tmp_path / "seed2.fdesk"
    assert fiscaldesk("sample", "--seed", 2, "-o", path).returncode == 0
    before = path.read_bytes()
    result = fiscaldesk("gui", "--smoke", path, env_home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert f"✓ 文档：{path} 的副本" in result.stdout
    assert path.read_bytes() == before


def test_a_document_as_the_only_argument_opens_the_window(tmp_path):
    """What Explorer runs for a double-clicked .fdesk: `FiscalDesk.exe 文档.fdesk`."""
    path = tmp_path / "mine.fdesk"
    assert fiscaldesk("sample", "-o", path).returncode == 0
    result = fiscaldesk(path, "--startup-probe", env_home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"first-window {path}", f"document-window {path}"]


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header.startswith(b"\x89PNG")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_gui_screenshot_writes_one_png_per_tab(tmp_path):
    result = fiscaldesk("gui", "--screenshot", tmp_path / "shots", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    pictures = sorted(p.name for p in (tmp_path / "shots").iterdir())
    tabs = ["01-basic.png", "02-execution.png", "03-sangong.png", "04-procurement.png", "05-assets.png",
            "06-performance-1.png", "06-performance-2.png", "06-performance-3.png"]
    further = [name for name in pictures if "-下" in name]  # a page taller than the window: its further screenfuls
    assert pictures == sorted(tabs + further + ["07-绩效得分.png"])
    assert further and all(name.split("-下")[0] + ".png" in tabs for name in further)
    assert all(png_size(tmp_path / "shots" / name) == (1366, 768) for name in pictures)


def test_gui_screenshot_on_a_screen_scaled_to_125_percent(tmp_path):
    result = fiscaldesk("gui", "--screenshot", tmp_path / "shots", "--screen", "1920x1080@1.25", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(tmp_path / "shots" / "02-execution.png") == (1920, 1080)  # 1536×864 logical pixels, scaled


def test_narrative_prints_the_generated_text_as_utf8(tmp_path):
    path = tmp_path / "seed1.fdesk"
    assert fiscaldesk("sample", "--seed", 1, "-o", path).returncode == 0
    result = subprocess.run([sys.executable, "-m", "desktop", "narrative", str(path)], capture_output=True, timeout=120)
    text = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "本年收入合计78,129,577.73元" in text and "车均运行维护费5,149.00元" in text
    assert "占本年支出合计的11.9%" in text


def test_pdf_export_is_refused_with_errors_and_drafted_with_draft(tmp_path):
    document, pdf = tmp_path / "s1.fdesk", tmp_path / "s1.pdf"
    assert fiscaldesk("sample", "--seed", 1, "-o", document).returncode == 0
    refused = fiscaldesk("export", document, "--format", "pdf", "-o", pdf)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "不能导出正式文件" in refused.stderr and "T7-01" in refused.stderr and "请加 --draft" in refused.stderr
    assert not pdf.exists()
    drafted = fiscaldesk("export", document, "--format", "pdf", "--draft", "-o", pdf)
    assert drafted.returncode == 0, drafted.stderr
    import pypdf

    pages = len(pypdf.PdfReader(str(pdf)).pages)  # the count the command reports is the file's
    assert f"已导出草稿，共 {pages} 页" in drafted.stderr and pages > 20
    audit = fiscaldesk("export", document, "--format", "audit-pdf", "-o", tmp_path / "audit.pdf")
    assert audit.returncode == 0 and "已导出审核说明" in audit.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.pdf", "s1.fdesk", "s1.pdf"]


def test_docx_export_is_refused_with_errors_and_drafted_with_draft(tmp_path):
    document, word = tmp_path / "s1.fdesk", tmp_path / "s1.docx"
    clean = tmp_path / "clean.fdesk"
    assert fiscaldesk("sample", "--seed", 1, "-o", document).returncode == 0
    refused = fiscaldesk("export", document, "--format", "docx", "-o", word)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "不能导出正式文件" in refused.stderr and "T7-01" in refused.stderr and "请加 --draft" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s1.fdesk"]
    drafted = fiscaldesk("export", document, "--format", "docx", "--draft", "-o", word)
    assert drafted.returncode == 0, drafted.stderr
    assert f"已导出草稿（Word 文档）：{word}" in drafted.stderr and word.read_bytes()[:2] == b"PK"
    from desktop.store.docfile import DocumentFile
    from desktop.synthetic import build_document
    DocumentFile.create(clean, build_document()).close()
    final = fiscaldesk("export", clean, "--format", "docx", "-o", tmp_path / "clean.docx")
    assert final.returncode == 0 and "已导出正式文件（Word 文档）" in final.stderr
    assert "docx" in fiscaldesk("export", "--help").stdout


@pytest.mark.parametrize("seed", [1, 2])
def test_xlsx_export_import_gives_the_same_json(tmp_path, seed):
    a, b, book = tmp_path / "a.fdesk", tmp_path / "b.fdesk", tmp_path / "a.xlsx"
    a_json, b_json = tmp_path / "a.json", tmp_path / "b.json"
    for args in (["sample", "--seed", seed, "-o", a], ["export", a, "--format", "xlsx", "-o", book],
                 ["import", book, "-o", b], ["export", a, "--format", "json", "-o", a_json],
                 ["export", b, "--format", "json", "-o", b_json]):
        result = fiscaldesk(*args)
        assert result.returncode == 0, result.stderr
    assert a_json.read_bytes() == b_json.read_bytes()
    from desktop.store.docfile import DocumentFile
    with DocumentFile.open(b) as file:
        imported = file.load()
    assert imported.sources and {s.describe() for s in imported.sources.values()} == {"FiscalDesk 工作簿 “a.xlsx”"}


def test_template_export_and_refused_xlsx_import(tmp_path):
    template = tmp_path / "模板.xlsx"
    result = fiscaldesk("export", "--template", "--year", "2024", "--department", "某局", "-o", template)
    assert result.returncode == 0 and "模板" in result.stderr
    result = fiscaldesk("import", template, "-o", tmp_path / "t.fdesk")
    assert result.returncode == 0, result.stderr
    assert "2024年度" in fiscaldesk("summary", tmp_path / "t.fdesk").stdout

    fake = tmp_path / "fake.xlsx"
    fake.write_text("科目编码,金额\n201,12a\n", encoding="utf-8")
    result = fiscaldesk("import", fake, "-o", tmp_path / "out.fdesk")
    assert result.returncode == 1 and "不是 Excel 工作簿" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.fdesk").exists()
    result = fiscaldesk("export", "--template", "--profile", "nowhere", "-o", tmp_path / "x.xlsx")
    assert result.returncode == 1 and "未知的方案" in result.stderr


def test_xlsx_import_names_explanations_whose_warning_is_gone(tmp_path):
    from desktop.io.xlsx import layout
    from desktop.store.docfile import DocumentFile
    from tests.io.xlsx.test_xlsx_workbook_items import ANSWERS, answer
    document, book = tmp_path / "seed1.fdesk", tmp_path / "seed1.xlsx"
    for args in (["sample", "-o", document], ["export", document, "--format", "xlsx", "-o", book]):
        assert fiscaldesk(*args).returncode == 0
    answered = answer(book, {layout.FIRST_DATA_ROW: ANSWERS[0]}, extra=[("N-11", "projects/r99/name", "", "过时的说明")])
    result = fiscaldesk("import", answered, "-o", tmp_path / "imported.fdesk")
    assert result.returncode == 0, result.stderr
    assert "N-11（位置 projects/r99/name）的说明未导入" in result.stderr
    assert f"{layout.EXPLANATIONS_SHEET}!D" in result.stderr
    with DocumentFile.open(tmp_path / "imported.fdesk", read_only=True) as file:
        explanations = file.load().latest_year().explanations
    assert ("N-11", "projects/r99/name") not in explanations
    assert list(explanations.values()) == [ANSWERS[0]]


def test_sample_large_writes_a_department_sized_document_that_passes_the_check(tmp_path):
    from desktop.store.docfile import DocumentFile
    out = tmp_path / "large.fdesk"
    result = fiscaldesk("sample", "--large", "60", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "60 个项目、90 行功能分类、5 个单位" in result.stderr
    with DocumentFile.open(out, read_only=True) as file:
        data = file.load().latest_year()
    assert len(data.section("projects").rows) == 60
    assert len(data.section("project_indicators").rows) == 60 * 12
    assert len(data.section("gp_functional").rows) == 90
    checked = fiscaldesk("check", out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "共 0 个错误（强制性）、0 个提示（需说明）" in checked.stdout
    assert fiscaldesk("sample", "--large", "60", "-o", out).returncode == 1  # never over a file without --force


@pytest.mark.parametrize("value", ["0", "-5", "5001", "1e3", "many"])
def test_sample_large_refuses_a_nonsense_project_count_and_writes_nothing(tmp_path, value):
    result = fiscaldesk("sample", f"--large={value}", "-o", tmp_path / "large.fdesk")
    assert result.returncode == 2
    assert f"项目数“{value}”无效：应为 1–5000 之间的整数" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sample_large_and_example_exclude_each_other(tmp_path):
    result = fiscaldesk("sample", "--large", "10", "--example", "-o", tmp_path / "x.fdesk")
    assert result.returncode == 2 and "--large 与 --example 不能同时使用" in result.stderr
    assert list(tmp_path.iterdir()) == []
