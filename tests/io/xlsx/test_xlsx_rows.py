"""Excel import reads every row, whatever the workbook's metadata says, in work linear in the rows,
with a cap on rows and a progress callback (issue 19)."""

import cProfile
import pstats
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.io.xlsx import XlsxImportError, export_template, layout, read_xlsx
from desktop.io.xlsx import reader as xlsx_reader

STAFF = "填报-其他人员构成"  # a table of two columns: 类别 (text), 人数 (integer)


def staff_workbook(folder: Path, rows: int, name: str = "staff.xlsx") -> Path:
    """A template of 2023 with `rows` rows typed into 其他人员构成."""
    template = folder / "template.xlsx"
    export_template(template, 2023)
    book = openpyxl.load_workbook(template)
    sheet = book[STAFF]
    for index in range(rows):
        sheet.cell(layout.FIRST_DATA_ROW + index, 2, f"类别{index + 1}")
        sheet.cell(layout.FIRST_DATA_ROW + index, 3, index + 1)
    path = folder / name
    book.save(path)
    return path


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet title → its XML part in the archive."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="/?(?:xl/)?([^"]+)"', rels)) | \
        {rid: target for target, rid in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="(rId\d+)"', rels)}
    return {name: "xl/" + targets[rid] for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"',
                                                                    workbook)}


def with_dimension(path: Path, ref: str, titles: list[str] | None = None) -> Path:
    """A copy of the workbook whose sheets (all, or `titles`) claim the `<dimension ref>` given."""
    parts = sheet_parts(path)
    wanted = {parts[t] for t in (titles or parts)}
    target = path.with_name(f"dimension-{ref.replace(':', '-')}.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in wanted:
                text = data.decode()
                text, found = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text)
                if not found:
                    text = text.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)
                data = text.encode()
            copy.writestr(info, data)
    return target


def staff_rows(path: Path) -> list[dict]:
    return list(read_xlsx(path).document.latest_year().section("other_staff").rows.values())


def test_rows_below_a_stale_dimension_tag_are_read(tmp_path):
    """A workbook written by a program that does not update `<dimension>` (here: it says the sheet
    ends at its header) used to import as if the rows were not there."""
    path = with_dimension(staff_workbook(tmp_path, 30), f"A1:C{layout.HEADER_ROW}", [STAFF])
    rows = staff_rows(path)
    assert len(rows) == 30
    assert rows[0] == {"category": "类别1", "count": 1} and rows[-1] == {"category": "类别30", "count": 30}


def count_yielded_cells(monkeypatch) -> list[int]:
    """Counts every cell openpyxl's read-only sheets hand over (padding and empty rows included)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    counted = [0]
    real = ReadOnlyWorksheet.iter_rows

    def iter_rows(self, *args, **kwargs):
        for row in real(self, *args, **kwargs):
            counted[0] += len(row) + 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", iter_rows)
    return counted


def test_an_inflated_dimension_tag_costs_no_work(tmp_path, monkeypatch):
    """`<dimension ref="A1:Z1048576">` on every sheet: the import used to take the tag's word for
    the sheet's size (every row padded to 26 cells; 112 s in the drill of issue 19)."""
    plain = staff_workbook(tmp_path, 30)
    inflated = with_dimension(plain, "A1:Z1048576")
    counted = count_yielded_cells(monkeypatch)
    expected = staff_rows(plain)
    work_plain = counted[0]
    assert staff_rows(inflated) == expected
    assert counted[0] - work_plain <= work_plain * 1.01


def calls_to(action) -> int:
    profiler = cProfile.Profile()
    profiler.runcall(action)
    return pstats.Stats(profiler).total_calls


def test_a_stray_cell_far_below_is_read_and_named(tmp_path):
    """A value in Excel's last row is read (and refused here, naming its cell) instead of the
    sheet being called too long."""
    path = staff_workbook(tmp_path, 3)
    book = openpyxl.load_workbook(path)
    book[layout.EXPLANATIONS_SHEET].cell(1_048_576, 4, "一条没有规则和位置的说明")  # column D: 说明
    book.save(path)
    with pytest.raises(XlsxImportError) as caught:
        read_xlsx(path)
    assert caught.value.problems == [
        f"{layout.EXPLANATIONS_SHEET}!A1048576：这一行填写了说明，但规则是空的；规则和位置由程序填写，请勿删除",
        f"{layout.EXPLANATIONS_SHEET}!B1048576：这一行填写了说明，但位置是空的；规则和位置由程序填写，请勿删除"]


def test_the_work_of_an_import_grows_linearly_with_its_rows(tmp_path):
    """Measured as calls made, not seconds: 16,000 rows took 114 s when each row cost as much as
    all the rows before it."""
    empty, small, large = (staff_workbook(tmp_path, rows, f"{rows}.xlsx") for rows in (0, 500, 2000))
    read_xlsx(small)  # caches (schema, profiles) filled before counting
    base = calls_to(lambda: read_xlsx(empty))
    per_row_small = (calls_to(lambda: read_xlsx(small)) - base) / 500
    per_row_large = (calls_to(lambda: read_xlsx(large)) - base) / 2000
    assert per_row_large < 1.1 * per_row_small


def test_a_sheet_of_too_many_rows_is_refused_naming_it_and_the_count(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_DATA_ROWS", 40)
    monkeypatch.setattr(xlsx_reader, "PROGRESS_ROWS", 10)
    path = staff_workbook(tmp_path, 200)
    seen: list[str] = []
    with pytest.raises(XlsxImportError) as caught:
        xlsx_reader.read_workbook(path, progress=lambda stage, done, total: seen.append(stage))
    [problem] = caught.value.problems
    assert f"工作表“{STAFF}”" in problem and "超过 40 行" in problem and "已有 41 行" in problem
    assert not any("已读 50 行" in stage for stage in seen), "refused as soon as the cap was passed"


def test_a_workbook_of_too_many_rows_in_all_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_TOTAL_ROWS", 60)
    with pytest.raises(XlsxImportError, match="工作簿有超过 60 行内容"):
        read_xlsx(staff_workbook(tmp_path, 100))


def test_progress_names_each_sheet_and_never_goes_backwards(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "PROGRESS_ROWS", 10)
    path = staff_workbook(tmp_path, 35)
    book = openpyxl.load_workbook(path)
    book[STAFF].cell(layout.FIRST_DATA_ROW + 35, 2, "=\"类别\"&36")  # a formula: a second pass reads its value
    book.save(path)
    seen: list[tuple[str, int, int]] = []
    result = xlsx_reader.read_workbook(path, progress=lambda *report: seen.append(report))
    assert len(result.document.latest_year().section("other_staff").rows) == 35
    assert any(stage == f"读取公式的计算结果：工作表“{STAFF}”" for stage, _, _ in seen)
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert all(any(f"“{title}”" in stage for stage, _, _ in seen) for title in sheets)
    assert [stage for stage, _, _ in seen if stage.startswith("读取工作表") and stage.endswith("已读 30 行")] == \
        [f"读取工作表“{STAFF}”（第 {sheets.index(STAFF) + 1} 张，共 {len(sheets)} 张）：已读 30 行"]
    fractions = [done / total for _, done, total in seen]
    assert all(0 <= f <= 1 for f in fractions) and fractions == sorted(fractions)
    assert seen[-1] == ("核对工作簿内容", 1, 1)


class Cancelled(Exception):
    pass


def test_what_the_progress_callback_raises_ends_the_import_unchanged(tmp_path):
    """A clerk's 取消 reaches the caller as it was raised, not as "damaged workbook"."""
    path = staff_workbook(tmp_path, 5)

    def cancel(stage, done, total):
        if STAFF in stage:
            raise Cancelled

    with pytest.raises(Cancelled):
        xlsx_reader.read_workbook(path, progress=cancel)
