"""Finding the department's other year documents (desktop.store.siblings): beside the open file
and in the recent list, same department only, damaged and foreign files left out, nothing written."""

import sqlite3

from desktop.domain.document import Document
from desktop.store.docfile import DocumentFile
from desktop.store.siblings import YearChoice, candidate_paths, peek, year_choices

DEPARTMENT = "北京市某区财政局"


def save(path, department, *years):
    document = Document.new(department, years[0])
    for year in years[1:]:
        document.add_year(year)
    path.parent.mkdir(parents=True, exist_ok=True)
    DocumentFile.create(path, document).close()
    return path


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_peek_reads_department_and_years_without_writing(tmp_path):
    path = save(tmp_path / "a.fdesk", DEPARTMENT, 2022, 2023)
    before = (listing(tmp_path), path.read_bytes())
    found = peek(path)
    assert found is not None
    assert (found.department, found.years) == (DEPARTMENT, (2022, 2023))
    assert (listing(tmp_path), path.read_bytes()) == before, "no -wal/-shm left, file unchanged"


def test_peek_skips_what_is_not_a_readable_fiscaldesk_document(tmp_path):
    garbage = tmp_path / "garbage.fdesk"
    garbage.write_bytes(b"not a database at all" * 50)
    empty = tmp_path / "empty.fdesk"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.fdesk"
    truncated.write_bytes(save(tmp_path / "whole.fdesk", DEPARTMENT, 2023).read_bytes()[:5000])
    other_program = tmp_path / "other.fdesk"
    connection = sqlite3.connect(other_program)
    connection.execute("CREATE TABLE t (x)")
    connection.close()
    for path in (garbage, empty, truncated, other_program, tmp_path / "missing.fdesk"):
        assert peek(path) is None, path.name


def test_choices_list_the_documents_years_and_the_same_departments_files(tmp_path):
    folder = tmp_path / "docs"
    current = save(folder / f"{DEPARTMENT}2024.fdesk", DEPARTMENT, 2024)
    save(folder / f"{DEPARTMENT}2023.fdesk", DEPARTMENT, 2023)
    save(folder / f"{DEPARTMENT}2021.fdesk", f" {DEPARTMENT} ", 2020, 2021)  # spaces around the name do not matter
    save(folder / "另一个部门2023.fdesk", "另一个部门", 2023)
    (folder / "damaged.fdesk").write_bytes(b"\x00" * 4096)
    (folder / "notes.txt").write_text("2023", encoding="utf-8")
    elsewhere = save(tmp_path / "archive" / "old.fdesk", DEPARTMENT, 2019)
    choices = year_choices(current, DEPARTMENT, [2024, 2022], recent=[str(elsewhere), str(current)])
    assert [c.label for c in choices] == [
        "2019年度（old.fdesk）", f"2020年度（{DEPARTMENT}2021.fdesk）", f"2021年度（{DEPARTMENT}2021.fdesk）",
        "2022年度", f"2023年度（{DEPARTMENT}2023.fdesk）", "2024年度"]
    assert choices[-1] == YearChoice(2024)


def test_the_open_documents_own_year_comes_first_at_a_year_another_file_also_holds(tmp_path):
    current = save(tmp_path / "b.fdesk", DEPARTMENT, 2023)
    save(tmp_path / "a.fdesk", DEPARTMENT, 2023)
    assert [c.label for c in year_choices(current, DEPARTMENT, [2023])] == ["2023年度", "2023年度（a.fdesk）"]


def test_a_document_without_a_department_name_lists_only_its_years(tmp_path):
    current = save(tmp_path / "a.fdesk", "", 2023)
    save(tmp_path / "b.fdesk", "", 2022)
    assert year_choices(current, "", [2023]) == [YearChoice(2023)]


def test_candidates_count_each_file_once_and_never_the_current_one(tmp_path):
    current = save(tmp_path / "a.fdesk", DEPARTMENT, 2023)
    other = save(tmp_path / "B.FDESK", DEPARTMENT, 2022)
    recent = [str(current), str(other), str(tmp_path / "." / "B.FDESK"), str(tmp_path / "gone.fdesk")]
    assert candidate_paths(current, recent) == [other]
