"""Issue 19, items 1–4: every writer honours the lock, whatever name the document is reached by.

A document a window is editing (another process, tests/store/editor_process.py) is never
replaced by the command line, an export never writes over its input or any document, a document
replaced after a crash does not inherit its old journal, and a symlink or a hard link to a
document being edited cannot be opened for writing a second time.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.money import Money
from desktop.io.samples import load_sample
from desktop.store.docfile import DocumentFile, integrity_check
from desktop.store.lock import DocumentLocked, acquire
from desktop.store.opening import open_for_editing, open_read_only

ROOT = Path(__file__).resolve().parents[2]


def fiscaldesk(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=180)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def document(tmp_path):
    path = tmp_path / "决算.fdesk"
    DocumentFile.create(path, load_sample(1)).close()
    return path


def test_the_command_line_refuses_to_replace_a_document_a_window_is_editing(document, tmp_path, editing_window, stored_budget):
    (tmp_path / "in.json").write_text("{}", encoding="utf-8")
    assert fiscaldesk("export", document, "--format", "json", "-o", tmp_path / "in.json", "--force").returncode == 0
    editor = editing_window(document)
    try:
        editor.edit(111)
        for command in (["import", tmp_path / "in.json", "-o", document, "--force"],
                        ["sample", "--seed", "2", "-o", document, "--force"]):
            refused = fiscaldesk(*command)
            assert refused.returncode == 1, command
            assert "正在由本机的" in refused.stderr and "编辑" in refused.stderr and "Traceback" not in refused.stderr
        editor.edit(222)  # the window's later edits still reach the file
    finally:
        editor.quit()
    assert integrity_check(document) == ["ok"]
    assert stored_budget(document) == Money.from_yuan(222)
    assert not list(tmp_path.glob("*.new*"))


def test_export_never_writes_over_its_input_a_document_or_an_existing_file(document, tmp_path):
    before = digest(document)
    own = fiscaldesk("export", document, "--format", "pdf", "--draft", "-o", document, "--force")
    assert own.returncode == 1 and "就是输入文件" in own.stderr
    link = tmp_path / "别名.fdesk"
    os.symlink(document, link)
    assert fiscaldesk("export", link, "--format", "json", "-o", document).returncode == 1
    other = tmp_path / "另一个.fdesk"
    DocumentFile.create(other, load_sample(2)).close()
    over_document = fiscaldesk("export", document, "--format", "json", "-o", other, "--force")
    assert over_document.returncode == 1 and "是 FiscalDesk 文档，导出不会覆盖文档" in over_document.stderr
    existing = tmp_path / "说明.json"
    existing.write_text("keep", encoding="utf-8")
    refused = fiscaldesk("export", document, "--format", "json", "-o", existing)
    assert refused.returncode == 1 and "已存在；如需覆盖请加 --force" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "keep"
    assert fiscaldesk("export", document, "--format", "json", "-o", existing, "--force").returncode == 0
    assert existing.read_text(encoding="utf-8") != "keep"
    assert digest(document) == before


def test_a_document_replaced_after_a_crash_does_not_inherit_its_old_journal(document, tmp_path, editing_window, stored_budget):
    editor = editing_window(document)
    editor.edit(4321)
    editor.kill()  # the committed edit sits in the -wal the dead window left
    assert Path(f"{document}-wal").stat().st_size > 0
    json_file = tmp_path / "s2.json"
    DocumentFile.create(tmp_path / "s2.fdesk", load_sample(2)).close()
    assert fiscaldesk("export", tmp_path / "s2.fdesk", "--format", "json", "-o", json_file).returncode == 0
    data_home = tmp_path / "data"
    environment = {**os.environ, "XDG_DATA_HOME": str(data_home), "APPDATA": str(data_home)}
    result = subprocess.run([sys.executable, "-m", "desktop", "import", str(json_file), "-o", str(document), "--force"],
                            capture_output=True, text=True, cwd=ROOT, env=environment, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "原文档已备份" in result.stderr
    assert integrity_check(document) == ["ok"]
    with DocumentFile.open(document, read_only=True) as file:
        assert file.load().department_name == load_sample(2).department_name
    backups = list(data_home.rglob("*.fdesk"))
    assert len(backups) == 1
    assert stored_budget(backups[0]) == Money.from_yuan(4321)  # the dead window's edit is in the backup


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_second_name_for_a_document_being_edited_cannot_open_it_for_writing(document, tmp_path, link,
                                                                             editing_window, stored_budget):
    other = tmp_path / "sub" / "别名.fdesk"
    other.parent.mkdir()
    (os.symlink if link == "symlink" else os.link)(document, other)
    editor = editing_window(document)
    try:
        with pytest.raises(DocumentLocked) as caught:
            open_for_editing(other, None)
        assert "只读" in str(caught.value)
        refused = fiscaldesk("sample", "--seed", "2", "-o", other, "--force")
        assert refused.returncode == 1 and "编辑" in refused.stderr
        editor.edit(777)
        viewer = open_read_only(other)  # looking is still allowed
        viewer.file.close()
    finally:
        editor.quit()
    opened = open_for_editing(other, None)  # free again once the window closed
    opened.file.close()
    assert stored_budget(document) == Money.from_yuan(777)


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_two_names_in_one_process_are_one_document(document, tmp_path, link):
    other = tmp_path / "别名.fdesk"
    (os.symlink if link == "symlink" else os.link)(document, other)
    lock = acquire(document)
    try:
        with pytest.raises(DocumentLocked):
            acquire(other)
    finally:
        lock.release()
    acquire(other).release()


def test_save_as_over_a_hard_link_of_the_open_document_is_refused(document, tmp_path):
    from desktop.store.opening import save_copy
    other = tmp_path / "硬链接.fdesk"
    os.link(document, other)
    opened = open_for_editing(document, None)
    try:
        with pytest.raises(DocumentLocked):
            save_copy(opened.document, other)
    finally:
        opened.file.close()
    assert integrity_check(document) == ["ok"]


def test_replacing_a_document_leaves_no_identity_behind_in_the_registry(document):
    from desktop.store import lock as lock_module
    from desktop.store.replacing import write_document
    write_document(load_sample(2), document, force=True, backups=None)
    opened = open_for_editing(document, None)
    opened.file.close()
    assert not lock_module._held  # a stale device:inode key would refuse a file that reuses the inode


def test_a_crashed_editors_last_edits_survive_a_replacement_that_fails(document, editing_window, stored_budget,
                                                                      monkeypatch):
    from desktop.store.replacing import write_document
    editor = editing_window(document)
    editor.edit(2468)
    editor.kill()  # its committed edit sits in the -wal
    assert Path(f"{document}-wal").stat().st_size > 0

    def failing_replace(_source, _target):
        raise PermissionError(13, "denied")
    monkeypatch.setattr("desktop.store.replacing.os.replace", failing_replace)
    with pytest.raises(Exception) as caught:
        write_document(load_sample(2), document, force=True, backups=None)
    assert "保持原样" in str(caught.value)
    assert stored_budget(document) == Money.from_yuan(2468)  # folded into the file before its journal went
    assert not list(document.parent.glob("*.new*"))


def test_a_file_from_a_newer_fiscaldesk_is_kept_as_it_is_before_a_forced_replace(document, tmp_path):
    import sqlite3

    from desktop.store.backups import Backups
    from desktop.store.replacing import write_document
    connection = sqlite3.connect(str(document))
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    original = digest(document)
    replaced = write_document(load_sample(2), document, force=True, backups=Backups(tmp_path / "backups"))
    assert replaced.backup is None and "已原样保存一份" in replaced.note and "更新版本" in replaced.note
    copies = list((tmp_path / "backups").rglob("*_原样.fdesk"))
    assert len(copies) == 1 and digest(copies[0]) == original


def test_a_full_disk_while_writing_the_lock_record_is_named_and_leaves_no_lock(document, monkeypatch):
    import errno

    from desktop.store.docfile import DiskFull
    from desktop.store.lock import lock_path

    def full(_fd, _data):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("desktop.store.lock.os.write", full)
    with pytest.raises(DiskFull) as caught:
        acquire(document)
    assert "磁盘空间不足" in str(caught.value) and "No space" not in str(caught.value)
    assert not lock_path(document).exists()
    monkeypatch.undo()
    acquire(document).release()


def test_a_write_protected_document_is_offered_read_only(document, monkeypatch):
    import errno

    from desktop.store.docfile import ReadOnlyLocation
    real_open = os.open

    def protected(path, flags, *args):
        if Path(path) == document and flags & os.O_RDWR:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)
    monkeypatch.setattr("desktop.store.lock.os.open", protected)
    with pytest.raises(ReadOnlyLocation) as caught:
        open_for_editing(document, None)
    assert "只读" in str(caught.value)
    monkeypatch.undo()
    open_for_editing(document, None).file.close()  # nothing was left held


def test_closing_a_viewer_never_checkpoints_a_crashed_editors_journal(document, editing_window):
    viewer = open_read_only(document)
    editor = editing_window(document)
    editor.edit(1357)
    editor.kill()
    before = digest(document)
    viewer.file.close()
    assert digest(document) == before  # the frames stay in the -wal for the next editor to recover
    assert Path(f"{document}-wal").stat().st_size > 0


@pytest.mark.parametrize("command, message", [
    (["sample", "--seed", "1", "-o", "{tmp}/没有的文件夹/x.fdesk"], "不存在"),
    (["export", "{doc}", "--format", "json", "-o", "{tmp}", "--force"], "是一个文件夹"),
    (["export", "{doc}", "--format", "pdf", "--draft", "-o", "{tmp}/没有的文件夹/x.pdf"], "不存在"),
])
def test_command_line_targets_that_cannot_be_files_are_named_in_chinese(document, tmp_path, command, message):
    before = sorted(p.name for p in tmp_path.iterdir())
    result = fiscaldesk(*[a.format(tmp=tmp_path, doc=document) for a in command])
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and "No such" not in result.stderr and "directory" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
