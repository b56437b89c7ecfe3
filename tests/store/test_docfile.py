"""The document file: exact round trip, one transaction per save, refusal of foreign or damaged files."""

import hashlib
import sqlite3

import pytest

from desktop.domain.document import Document, DocumentError
from desktop.domain.money import ZERO, Money
from desktop.store.docfile import DamagedFile, DocumentFile, DocumentFileError, NotAFiscalDeskFile


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_samples_round_trip_exactly(tmp_path, seed1, seed2):
    for number, document in ((1, seed1), (2, seed2)):
        path = tmp_path / f"seed{number}.fdesk"
        DocumentFile.create(path, document).close()
        with DocumentFile.open(path) as file:
            assert file.load() == document


def test_file_is_marked_wal_and_versioned(tmp_path):
    path = tmp_path / "a.fdesk"
    DocumentFile.create(path, Document.new("部门", 2023)).close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x46444B31
    connection.close()


def test_decimals_are_stored_exactly_not_as_float(tmp_path, seed2):
    path = tmp_path / "b.fdesk"
    DocumentFile.create(path, seed2).close()
    connection = sqlite3.connect(path)
    stored = connection.execute("SELECT value, typeof(value) FROM cells WHERE section='dept_score' "
                                "AND column_key='total_reported'").fetchone()
    assert stored == ("94.94", "text")
    money = connection.execute("SELECT typeof(value) FROM cells WHERE section='dept_budget_execution' "
                               "LIMIT 1").fetchone()
    assert money == ("integer",)


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "a.fdesk"
    path.write_text("keep me")
    with pytest.raises(DocumentFileError):
        DocumentFile.create(path, Document.new("部门", 2023))
    assert path.read_text() == "keep me"


def test_save_is_one_transaction(tmp_path, seed1, monkeypatch):
    path = tmp_path / "a.fdesk"
    file = DocumentFile.create(path, seed1)
    changed = Document.new("另一个部门", 2024)
    real_encode = __import__("desktop.store.docfile", fromlist=["_encode"])._encode
    calls = {"n": 0}

    def failing_encode(column, value):
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("disk yanked")
        return real_encode(column, value)

    monkeypatch.setattr("desktop.store.docfile._encode", failing_encode)
    changed.year(2024).section("sangong").set_value("abroad", "budget", Money(1))
    changed.year(2024).section("sangong").set_value("total", "actual", Money(2))
    with pytest.raises(RuntimeError):
        file.save(changed)
    monkeypatch.undo()
    assert file.load() == seed1
    file.close()


def test_write_cell_commits_one_edit(tmp_path):
    path = tmp_path / "a.fdesk"
    document = Document.new("部门", 2023)
    document.year(2023).section("gp_functional").add_row({"code": "201"}, row_id="r1")
    file = DocumentFile.create(path, document)
    file.write_cell(2023, "sangong", "abroad", "budget", Money.from_yuan("44961"))
    file.write_cell(2023, "gp_functional", "r1", "budget", ZERO)
    file.write_cell(None, "department", "", "name", "改名后的部门")
    file.close()
    with DocumentFile.open(path) as reopened:
        loaded = reopened.load()
        reopened.write_cell(2023, "sangong", "abroad", "budget", None)
        with pytest.raises(DocumentError):
            reopened.write_cell(2023, "gp_functional", "ghost", "budget", ZERO)
        with pytest.raises(DocumentError):
            reopened.write_cell(2023, "sangong", "abroad", "budget", 1.5)
        assert reopened.load().year(2023).section("sangong").value("abroad", "budget") is None
    assert loaded.year(2023).section("sangong").value("abroad", "budget") == Money.from_yuan("44961")
    assert loaded.year(2023).section("gp_functional").value("r1", "budget") == ZERO
    assert loaded.department_name == "改名后的部门"


@pytest.mark.parametrize("content, error, fragment", [
    (b"", NotAFiscalDeskFile, "空文件"),
    (b"PK\x03\x04 this is a zip", NotAFiscalDeskFile, "不是 FiscalDesk 文档"),
    ("部门,年度\n".encode(), NotAFiscalDeskFile, "不是 FiscalDesk 文档"),
])
def test_foreign_files_refused_untouched(tmp_path, content, error, fragment):
    path = tmp_path / "x.fdesk"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        DocumentFile.open(path)
    assert fragment in str(caught.value) and "x.fdesk" in str(caught.value)
    assert path.read_bytes() == content


def test_other_sqlite_database_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(NotAFiscalDeskFile) as caught:
        DocumentFile.open(path)
    assert "其他程序" in str(caught.value)
    assert digest(path) == before


def test_truncated_file_refused_as_damaged(tmp_path, seed1):
    path = tmp_path / "t.fdesk"
    DocumentFile.create(path, seed1).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(DocumentFileError) as caught:
        DocumentFile.open(path).load()
    assert "损坏" in str(caught.value)
    assert digest(path) == before


def test_missing_file(tmp_path):
    with pytest.raises(DocumentFileError) as caught:
        DocumentFile.open(tmp_path / "nope.fdesk")
    assert "找不到" in str(caught.value)


def test_cells_of_an_unknown_section_reported_as_damage(tmp_path):
    path = tmp_path / "a.fdesk"
    DocumentFile.create(path, Document.new("部门", 2023)).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO cells VALUES (2023, 'mystery', '', 'x', 1)")
    connection.commit()
    connection.close()
    with DocumentFile.open(path) as file, pytest.raises(DamagedFile) as caught:
        file.load()
    assert "表结构不符" in str(caught.value)


def test_save_and_load_keep_explanations(tmp_path, seed1):
    seed1.latest_year().explanations[("N-09", "admin_operating_cost//current")] = "事业单位已剔除"
    path = tmp_path / "explained.fdesk"
    DocumentFile.create(path, seed1).close()
    with DocumentFile.open(path) as file:
        loaded = file.load()
        assert loaded.latest_year().explanations == {("N-09", "admin_operating_cost//current"): "事业单位已剔除"}
        file.set_explanation(2023, "N-09", "admin_operating_cost//current", None)
        assert file.load().latest_year().explanations == {}


def _budget_in_a_copy_of_the_file_alone(path, tmp_path):
    """What a clerk gets who copies only the .fdesk (not its -wal) while the window has it open."""
    import shutil
    copy = tmp_path / "U盘" / "决算.fdesk"
    copy.parent.mkdir(exist_ok=True)
    copy.unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    with DocumentFile.open(copy, read_only=True) as file:
        return file.load().year(2023).section("sangong").value("abroad", "budget")


def test_settling_folds_saved_edits_into_the_file_itself(tmp_path, seed1):
    path = tmp_path / "决算.fdesk"
    file = DocumentFile.create(path, seed1)
    try:
        assert file.settle()  # the new file's own pages
        file.write_cell(2023, "sangong", "abroad", "budget", Money.from_yuan("44961"))
        assert _budget_in_a_copy_of_the_file_alone(path, tmp_path) != Money.from_yuan("44961"), "still in the -wal"
        assert file.settle()
        assert _budget_in_a_copy_of_the_file_alone(path, tmp_path) == Money.from_yuan("44961")
    finally:
        file.close()
    with DocumentFile.open(path, read_only=True) as looking:
        assert not looking.settle(), "a read-only look never writes"
