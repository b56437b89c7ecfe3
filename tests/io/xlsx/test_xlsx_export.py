"""Excel export: the round trip, the official sheets, real numbers, text that stays text, print setup."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.io.jsonio import document_to_json
from desktop.io.xlsx import export_template, export_xlsx, read_xlsx
from desktop.io.xlsx import layout
from desktop.synthetic import build_document


def round_trip(document: Document, path: Path) -> Document:
    export_xlsx(document, path)
    return read_xlsx(path).document


@pytest.mark.parametrize("fixture", ["seed1", "seed2"])
def test_seed_round_trip_gives_the_same_json(fixture, request, tmp_path):
    document = request.getfixturevalue(fixture)
    result = export_xlsx(document, tmp_path / "out.xlsx")
    imported = read_xlsx(tmp_path / "out.xlsx")
    assert imported.warnings == []
    assert imported.kind == "导出"
    assert document_to_json(imported.document) == document_to_json(document)
    assert result.sheets == len(openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True).sheetnames)


def test_synthetic_document_with_explanations_round_trips(tmp_path):
    document = build_document(projects=3)
    data = document.latest_year()
    data.explanations[("W-02", "projects:r1")] = "=含公式样式的说明，仍是文字"
    data.section("glossary").add_row({"term": "-负号开头", "definition": "@at 开头\n第二行"})
    data.section("internal_departments").add_row({"name": "+加号", "duties": "  前后空格  "})
    assert document_to_json(round_trip(document, tmp_path / "s.xlsx")) == document_to_json(document)


def test_decimals_keep_their_places_and_money_its_cents(tmp_path):
    document = Document.new("部门", 2023)
    data = document.latest_year()
    data.section("dept_indicators").add_row({"name": "指标", "weight": Decimal("19.90")})
    data.section("dept_indicators").add_row({"name": "指标2", "weight": Decimal("10")})
    data.section("dept_indicators").add_row({"name": "指标3", "weight": Decimal("0.125")})
    data.section("sangong").set_value("abroad", "budget", Money(-123456789012))
    back = round_trip(document, tmp_path / "d.xlsx")
    weights = [r.get("weight") for r in back.latest_year().section("dept_indicators").rows.values()]
    assert [str(w) for w in weights] == ["19.90", "10", "0.125"]
    assert back.latest_year().section("sangong").value("abroad", "budget") == Money(-123456789012)


def sheet_rows(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_numbers_are_numbers_with_thousands_format(seed1, tmp_path):
    export_xlsx(seed1, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    sangong = book["填报-财政拨款“三公”经费支出决算表"]
    total = next(row for row in sangong.iter_rows(min_row=layout.FIRST_DATA_ROW) if row[0].value == "total")
    assert total[2].value == 44961 and total[2].data_type == "n" and total[2].number_format == "#,##0.00"
    official = book["表1 收入支出决算总表"]
    figures = [c for row in official.iter_rows() for c in row if c.data_type == "n" and c.value is not None]
    assert Decimal("78129577.73") in {Decimal(str(c.value)) for c in figures}
    assert all(c.number_format in ("#,##0.00", "0.00", "0", "#,##0") for c in figures)
    assert all(not (isinstance(c.value, str) and c.value.replace(",", "").replace(".", "").isdigit()
                    and c.alignment.horizontal == "right") for row in official.iter_rows() for c in row)


def test_official_sheets_have_merged_headers_frozen_panes_and_print_setup(seed1, tmp_path):
    export_xlsx(seed1, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    names = book.sheetnames
    assert names[0] == layout.INFO_SHEET and names[-1] == layout.EXPLANATIONS_SHEET
    assert names.index("表1 收入支出决算总表") < names.index("填报-部门")
    assert {"国有资产占用情况表", "部门整体绩效目标", "项目自评表"} <= set(names)
    table1 = book["表1 收入支出决算总表"]
    assert table1["A1"].value == "表1 收入支出决算总表"
    merged = {str(r) for r in table1.merged_cells.ranges}
    assert "A1:F1" in merged or any(r.startswith("A1:") for r in merged)
    assert len(merged) >= 3  # title, unit line and the 收入/支出 header groups
    assert table1.freeze_panes is not None
    assert str(table1.page_setup.paperSize) == table1.PAPERSIZE_A4 == "9"
    assert table1.sheet_properties.pageSetUpPr.fitToPage and table1.page_setup.fitToWidth == 1
    assert table1.print_title_rows == "$1:$4"  # title, unit line and two header rows
    projects = book["项目自评表"]
    assert any("项目名称" == c.value for row in projects.iter_rows() for c in row)
    assert len(projects.merged_cells.ranges) > 10
    for name in ("填报-收入决算表", "填报-项目绩效指标"):
        sheet = book[name]
        assert sheet.column_dimensions["A"].hidden
        assert sheet.freeze_panes == "B4"
        assert sheet.print_title_rows == "$1:$3"


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    document = Document.new("=HYPERLINK(\"http://x\")", 2023)
    document.latest_year().section("glossary").add_row({"term": "=1+1", "definition": "+SUM(A1:A2)"})
    export_xlsx(document, tmp_path / "f.xlsx")
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert {c.value for c in cells} >= {"=1+1", "+SUM(A1:A2)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    text = (tmp_path / "f.xlsx").read_bytes()
    import zipfile
    with zipfile.ZipFile(tmp_path / "f.xlsx") as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and text


def test_template_has_every_data_sheet_empty_and_imports_as_blank(tmp_path):
    result = export_template(tmp_path / "t.xlsx", 2024, department="某部门")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert not any(name.startswith("表") for name in book.sheetnames)
    assert len(book.sheetnames) == result.sheets == len(layout.data_sheets(Document.new("x", 2024).schema)) + 2
    imported = read_xlsx(tmp_path / "t.xlsx")
    assert imported.year == 2024 and imported.kind == "模板"
    assert document_to_json(imported.document) == document_to_json(Document.new("某部门", 2024))


def test_template_from_a_document_keeps_department_and_units(seed1, tmp_path):
    export_xlsx(seed1, tmp_path / "t.xlsx", template=True)
    imported = read_xlsx(tmp_path / "t.xlsx").document
    assert imported.department_name == seed1.department_name
    assert imported.section("units").rows == seed1.section("units").rows
    assert imported.latest_year().section("sangong").is_empty()


def test_export_replaces_the_file_only_when_complete(seed1, tmp_path, monkeypatch):
    target = tmp_path / "s.xlsx"
    target.write_bytes(b"old")
    from openpyxl import Workbook

    def broken(self, filename):
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(Workbook, "save", broken)
    with pytest.raises(OSError):
        export_xlsx(seed1, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_the_sangong_quantity_sheets_are_in_the_template_and_come_back(tmp_path):
    export_template(tmp_path / "t.xlsx", 2023)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for title, headers in (("填报-公务接待情况（国内与外事）", ["项目", "决算数", "接待批次", "接待人次"]),
                           ("填报-公务用车购置数与保有量（按车型）", ["车型", "本年购置数（辆）", "年末保有量（辆）"])):
        row = [c.value for c in book[title][layout.HEADER_ROW]]
        assert [h for h in row[1:] if h] == headers, row
    assert "比上年增减原因" in [c.value for c in book["填报-财政拨款“三公”经费支出决算表"][layout.HEADER_ROW]]
    details = [c.value for c in book["填报-三公经费明细"]["B"]]
    assert {"因公出国（境）团组数（个）", "因公出国（境）人次", "上年末公务用车保有量（辆）"} <= set(details)
    document = build_document()
    back = round_trip(document, tmp_path / "s.xlsx").latest_year()
    assert back.section("sangong_reception").value("foreign", "people") == 5
    assert [v["type"] for v in back.section("sangong_vehicles").rows.values()] == ["执法执勤用车", "其他用车"]
    assert back.section("sangong_details").get("abroad_people") == 3
    assert back.section("sangong").value("reception", "prior_reason") == "严控公务活动规模，支出较上年减少。"
