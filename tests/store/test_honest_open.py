"""Issue 19, items 5–7 and 10: what opens is what a FiscalDesk document can be, reading changes
nothing, and each failure is called by its true name (damaged, read-only, full disk, busy).
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.editing.commands import CellValue, SetCells
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample
from desktop.store.backups import Backups
from desktop.store.docfile import (DamagedFile, DiskFull, DocumentFile, DocumentFileError, UnknownProfile,
                                   UnsafeFile, integrity_check, inspect_file)
from desktop.store.leftovers import STALE_AFTER_SECONDS, remove_stale
from desktop.store.migrations import latest_version, migrate
from desktop.store.opening import open_for_editing, open_read_only
from desktop.store.replacing import leftovers

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fiscaldesk(*args, env=None):
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=180, env=env)


@pytest.fixture()
def document(tmp_path):
    path = tmp_path / "决算.fdesk"
    DocumentFile.create(path, load_sample(1)).close()
    return path


def tamper(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA writable_schema = ON")
    for statement in statements:
        connection.execute(statement)
    connection.close()


# -- crafted documents (item 5) -----------------------------------------------------------------
@pytest.mark.parametrize("statements, named", [
    (["CREATE TRIGGER wipe AFTER INSERT ON cells BEGIN DELETE FROM cells WHERE rowid <> new.rowid; END"],
     "触发器“wipe”"),
    (["CREATE TABLE kept_cells AS SELECT * FROM explanations", "DROP TABLE explanations",
      "CREATE VIEW explanations AS SELECT * FROM kept_cells"], "视图“explanations”"),
    (["CREATE TABLE extra (x)"], "表“extra”"),
    (["CREATE INDEX slow ON cells (value)"], "索引“slow”"),
])
def test_a_crafted_document_is_refused_before_anything_runs(document, statements, named):
    tamper(document, *statements)
    before = digest(document)
    for read_only in (False, True):
        with pytest.raises(UnsafeFile) as caught:
            DocumentFile.open(document, read_only=read_only)
        assert named in str(caught.value) and "不打开" in str(caught.value) and "文件未被修改" in str(caught.value)
    assert digest(document) == before


def test_a_trigger_cannot_delete_cells_through_an_edit(document):
    tamper(document, "CREATE TRIGGER wipe AFTER INSERT ON cells BEGIN DELETE FROM cells WHERE rowid <> new.rowid; END")
    with pytest.raises(UnsafeFile):
        open_for_editing(document, None)
    result = fiscaldesk("check", document)
    assert result.returncode == 1 and "触发器“wipe”" in result.stderr and "Traceback" not in result.stderr


# -- a truncated file (item 6) ------------------------------------------------------------------
@pytest.mark.parametrize("cut", [1, 2, 3, 4, 4096])
def test_a_file_cut_short_is_refused_not_shown_with_changed_amounts(document, cut):
    data = document.read_bytes()
    document.write_bytes(data[:-cut])
    with pytest.raises(DamagedFile) as caught:
        inspect_file(document)
    assert "已损坏" in str(caught.value) and "截断" in str(caught.value)


# -- reading converts nothing (item 6) -----------------------------------------------------------
def test_reading_commands_never_convert_a_rollback_journal_file(document, tmp_path):
    connection = sqlite3.connect(str(document))
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    assert not inspect_file(document).wal
    before = digest(document)
    for command in (["check", document], ["summary", document], ["score", document], ["narrative", document],
                    ["export", document, "--format", "json", "-o", tmp_path / "a.json"],
                    ["export", document, "--format", "pdf", "--draft", "-o", tmp_path / "a.pdf"]):
        result = fiscaldesk(*command)
        assert "Traceback" not in result.stderr, command
        assert digest(document) == before, command
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.pdf", "决算.fdesk"]


def write_version_2(path: Path) -> None:
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    migrate(connection, target=2)
    connection.execute("INSERT INTO years (year, profile) VALUES (2023, 'beijing-district')")
    connection.execute("INSERT INTO meta (key, value) VALUES ('department', '旧部门')")
    connection.close()


def test_an_old_document_is_read_by_check_without_being_upgraded(tmp_path):
    path = tmp_path / "旧.fdesk"
    write_version_2(path)
    before = digest(path)
    result = fiscaldesk("check", path)
    assert "Traceback" not in result.stderr and "共 " in result.stdout
    assert digest(path) == before
    assert inspect_file(path).version == 2
    with DocumentFile.open(path, read_only=True) as file:
        assert 2023 in file.load().years


def test_the_window_upgrades_an_old_document_only_after_backing_it_up(tmp_path):
    path = tmp_path / "旧.fdesk"
    write_version_2(path)
    backups = Backups(tmp_path / "backups")
    opened = open_for_editing(path, backups)
    opened.file.close()
    assert inspect_file(path).version == latest_version()
    assert opened.backup is not None and inspect_file(opened.backup.path).version == 2


def test_an_upgrade_that_cannot_be_backed_up_is_not_made(tmp_path):
    path = tmp_path / "旧.fdesk"
    write_version_2(path)
    before = digest(path)
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backups folder should be", encoding="utf-8")
    with pytest.raises(DocumentFileError) as caught:
        open_for_editing(path, Backups(blocked))
    assert "升级前未能备份" in str(caught.value) and "没有升级" in str(caught.value)
    assert digest(path) == before and inspect_file(path).version == 2


# -- an unknown 评价方案 (item 8) -----------------------------------------------------------------
def test_a_document_naming_an_unknown_profile_is_refused_with_a_message(document):
    connection = sqlite3.connect(str(document))
    connection.execute("UPDATE years SET profile = 'guangdong-2031'")
    connection.commit()
    connection.close()
    with pytest.raises(UnknownProfile) as caught:
        DocumentFile.open(document, read_only=True).load()
    assert "guangdong-2031" in str(caught.value) and "升级" in str(caught.value)
    for command in (["check", document], ["summary", document], ["export", document, "--format", "json", "-o",
                                                                  document.with_suffix(".json")]):
        result = fiscaldesk(*command)
        assert result.returncode == 1 and "guangdong-2031" in result.stderr and "Traceback" not in result.stderr


# -- true diagnoses (item 7) ---------------------------------------------------------------------


def test_reading_while_another_window_edits_never_looks_damaged(document):
    with DocumentFile.open(document, read_only=True) as file:
        base = len(file.load().latest_year().sections["purchased_services"].rows)
    writer = subprocess.Popen([sys.executable, "-m", "desktop.crash_drill", "churn", str(document)],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert writer.stdout.readline().strip() == "open"
        for _trial in range(150):
            opened = open_read_only(document)  # DamagedFile here fails the test
            rows = opened.document.latest_year().sections["purchased_services"].rows
            assert len(rows) in (base, base + 20)  # never a half-seen commit
            opened.file.close()
    finally:
        writer.kill()
        writer.wait()
    assert integrity_check(document) == ["ok"]


def test_a_full_disk_during_an_edit_is_called_a_full_disk_and_the_edit_undone(document):
    opened = open_for_editing(document, None)
    session = EditSession(opened.document, opened.file)
    pages = opened.file.connection.execute("PRAGMA page_count").fetchone()[0]
    opened.file.connection.execute(f"PRAGMA max_page_count = {pages}")
    long_text = "很长的说明" * 3_000
    year = session.year
    command = SetCells([CellValue(year, "basic_info", "", "responsibilities", long_text)], "编辑")
    with pytest.raises(DiskFull) as caught:
        session.do(command)
    message = str(caught.value)
    assert "磁盘空间不足" in message and "本次修改未保存" in message and "no transaction" not in message
    assert opened.document.year(year).sections["basic_info"].value("", "responsibilities") != long_text
    opened.file.connection.execute(f"PRAGMA max_page_count = {pages * 100}")
    session.do(SetCells([CellValue(year, "basic_info", "", "responsibilities", "短")], "编辑"))  # works on
    opened.file.close()
    with DocumentFile.open(document, read_only=True) as file:
        assert file.load().year(year).sections["basic_info"].value("", "responsibilities") == "短"


def _namespace_available() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


needs_namespace = pytest.mark.skipif(not _namespace_available(),
                                     reason="needs `unshare -m` to mount a read-only or a full file system")


def in_namespace(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@needs_namespace
def test_a_healthy_document_on_a_read_only_disk_opens_read_only_not_damaged(document, tmp_path):
    view = tmp_path / "只读盘"
    view.mkdir()
    probe = ("from pathlib import Path; import sys\n"
             "from desktop.store.opening import open_for_editing, open_read_only\n"
             "from desktop.store.docfile import ReadOnlyLocation\n"
             "path = Path(sys.argv[1])\n"
             "try:\n    open_for_editing(path, None)\nexcept ReadOnlyLocation as exc:\n    print('EDIT', exc)\n"
             "opened = open_read_only(path)\n"
             "print('READ', opened.document.department_name)\n")
    result = in_namespace(f'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && '
                          f'"{sys.executable}" -c "$3" "$2/{document.name}"', str(document.parent), str(view), probe)
    assert result.returncode == 0, result.stderr
    assert "EDIT" in result.stdout and "只读" in result.stdout and "损坏" not in result.stdout
    assert f"READ {load_sample(1).department_name}" in result.stdout


PROBE = ("import sys; from pathlib import Path; from desktop.store.docfile import DocumentFile; "
         "f = DocumentFile.open(Path(sys.argv[1]), read_only=True); print('SOUND', len(f.load().years)); f.close()")


@needs_namespace
@pytest.mark.parametrize("size", [96, 208, 224, 240, 256, 320])
def test_a_full_disk_during_sample_is_a_message_and_leaves_nothing_or_a_whole_document(tmp_path, size):
    disk = tmp_path / "小盘"
    disk.mkdir()
    script = (f'mount -t tmpfs -o size={size}k none "$1" && cd "$2" && '
              f'"{sys.executable}" -m desktop sample --seed 1 -o "$1/新.fdesk"; echo "status $?"; ls -A "$1"; '
              f'[ -f "$1/新.fdesk" ] && "{sys.executable}" -c "$3" "$1/新.fdesk"')
    result = in_namespace(script, str(disk), str(ROOT), PROBE)
    assert "Traceback" not in result.stderr
    listed = result.stdout.split("status", 1)[1].split("SOUND")[0].split()[1:]
    if "status 1" in result.stdout:
        assert "磁盘空间不足" in result.stderr and listed == []
    else:  # it fitted: one document, whole (at 240 KB its pages once stayed behind in `.new-wal`)
        assert "status 0" in result.stdout and listed == ["新.fdesk"] and "SOUND 1" in result.stdout


# -- leftovers (item 10) -------------------------------------------------------------------------
def test_a_killed_writers_temporaries_go_when_the_document_is_next_opened(document):
    for path in leftovers(document):
        path.write_bytes(b"half")
    opened = open_for_editing(document, None)
    opened.file.close()
    assert not any(path.exists() for path in leftovers(document))


def test_stale_temporaries_in_the_data_and_work_folders_go_at_start(tmp_path):
    data, work = tmp_path / "data", tmp_path / "work"
    (data / "backups" / "决算-abc").mkdir(parents=True)
    work.mkdir()
    old = [data / "backups" / "决算-abc" / "决算_2026-01-01_101010.fdesk.partial", data / "settings.json.tmp",
           work / ".说明.pdf.part"]
    fresh = data / "backups" / "决算-abc" / "决算_2026-12-05_101010.fdesk.partial"
    kept = work / "说明.pdf"
    for path in [*old, fresh, kept]:
        path.write_bytes(b"x")
    hour_ago = time.time() - STALE_AFTER_SECONDS - 60
    for path in old + [kept]:
        os.utime(path, (hour_ago, hour_ago))
    removed = remove_stale(data, [work])
    assert sorted(removed) == sorted(old)
    assert fresh.exists() and kept.exists()


def test_a_rollback_journal_left_by_a_crash_is_not_called_truncated(document):
    connection = sqlite3.connect(str(document), isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    crash = ("import os, sqlite3, sys\n"
             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "c.execute('PRAGMA cache_size = 2')\n"
             "c.execute('BEGIN')\n"
             "for i in range(3000):\n"
             "    c.execute('INSERT INTO meta VALUES (?, ?)', (f'k{i}', 'x' * 200))\n"
             "os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", crash, str(document)])
    assert Path(f"{document}-journal").stat().st_size > 0
    with pytest.raises(DocumentFileError) as caught:  # looking cannot roll it back, and says so
        open_read_only(document)
    assert "被中断" in str(caught.value) and "以编辑方式打开" in str(caught.value) and "损坏" not in str(caught.value)
    assert "只读的" not in str(caught.value)
    opened = open_for_editing(document, None)  # the writer lets SQLite roll the crash back
    opened.file.close()
    assert integrity_check(document) == ["ok"] and not Path(f"{document}-journal").exists()
