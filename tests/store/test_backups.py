"""Backups on open: consistent copies, last five kept, identical copies skipped, restore to a new file."""

import hashlib
from datetime import datetime, timedelta

import pytest

from desktop.domain.money import Money
from desktop.io.jsonio import document_to_json
from desktop.store.backups import Backups
from desktop.store.docfile import DamagedFile, DocumentFile, DocumentFileError
from desktop.store.opening import open_for_editing

T0 = datetime(2026, 11, 21, 9, 30, 0)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def document_path(tmp_path, seed1):
    path = tmp_path / "docs" / "决算2023.fdesk"
    path.parent.mkdir()
    DocumentFile.create(path, seed1).close()
    return path


def edit(path, yuan):
    with DocumentFile.open(path) as file:
        file.write_cell(2023, "sangong", "abroad", "budget", Money.from_yuan(yuan))


def test_a_backup_is_a_complete_self_contained_copy_named_by_date_and_time(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    opened = open_for_editing(document_path, backups)
    try:
        backup = opened.backup
        assert backup is not None and backup.path.parent.parent == tmp_path / "backups"
        assert backup.path.name.startswith("决算2023_") and backup.path.suffix == ".fdesk"
        assert backup.taken_at.strftime("%Y-%m-%d_%H%M%S") in backup.path.name
        assert not backup.path.with_name(backup.path.name + "-wal").exists()
        with DocumentFile.open(backup.path) as copy:
            assert document_to_json(copy.load()) == document_to_json(opened.document)
        assert backups.list(document_path) == [backup]
        assert backup.source == document_path.resolve()
    finally:
        opened.file.close()


def test_the_last_five_are_kept_and_identical_copies_are_skipped(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    taken = []
    for number in range(7):
        edit(document_path, 1000 + number)
        with DocumentFile.open(document_path) as file:
            taken.append(backups.take(document_path, file.connection, T0 + timedelta(minutes=number)))
            assert backups.take(document_path, file.connection, T0 + timedelta(minutes=number, seconds=30)) is None
    listed = backups.list(document_path)
    assert [b.taken_at for b in listed] == [T0 + timedelta(minutes=n) for n in (6, 5, 4, 3, 2)]
    assert not taken[0].path.exists() and not taken[1].path.exists()
    with DocumentFile.open(listed[0].path) as newest:
        assert newest.load().year(2023).section("sangong").value("abroad", "budget") == Money.from_yuan(1006)


def test_two_backups_in_the_same_second_both_survive(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    with DocumentFile.open(document_path) as file:
        first = backups.take(document_path, file.connection, T0)
    edit(document_path, 5)
    with DocumentFile.open(document_path) as file:
        second = backups.take(document_path, file.connection, T0)
    assert first.path != second.path and backups.list(document_path)[0].path == second.path


def test_documents_with_the_same_name_in_different_folders_keep_separate_backups(tmp_path, seed1):
    backups = Backups(tmp_path / "backups")
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "决算.fdesk"
        DocumentFile.create(path, seed1).close()
        open_for_editing(path, backups).file.close()
        paths.append(path)
    assert len(backups.list(paths[0])) == len(backups.list(paths[1])) == 1
    assert {b.source for b in backups.all()} == {p.resolve() for p in paths}


def test_restore_copies_to_a_new_file_and_leaves_everything_else_alone(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    open_for_editing(document_path, backups).file.close()
    backup = backups.newest(document_path)
    document_path.write_bytes(b"garbage" * 100)
    before = digest(document_path), digest(backup.path)
    target = document_path.with_name(Backups.restored_name(backup))
    Backups.restore(backup, target)
    assert (digest(document_path), digest(backup.path)) == before
    with DocumentFile.open(target) as restored:
        assert restored.load().department_name
    assert "的备份" in target.name and target.name.startswith("决算2023（")


def test_a_damaged_backup_is_refused_and_nothing_is_written(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    open_for_editing(document_path, backups).file.close()
    backup = backups.newest(document_path)
    data = backup.path.read_bytes()
    backup.path.write_bytes(data[: len(data) // 3])
    target = tmp_path / "restored.fdesk"
    with pytest.raises(DocumentFileError):
        Backups.restore(backup, target)
    assert not target.exists()


def test_a_damaged_document_is_not_backed_up_and_keeps_its_older_backups(tmp_path, document_path):
    backups = Backups(tmp_path / "backups")
    open_for_editing(document_path, backups).file.close()
    data = document_path.read_bytes()
    document_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedFile):
        open_for_editing(document_path, backups)
    assert len(backups.list(document_path)) == 1


def test_a_failing_backup_still_opens_the_document_and_says_so(tmp_path, document_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    opened = open_for_editing(document_path, Backups(blocker / "backups"))
    try:
        assert opened.backup is None and "未能备份" in opened.backup_problem
    finally:
        opened.file.close()


def test_unrelated_folders_in_the_backup_root_are_ignored(tmp_path):
    root = tmp_path / "backups"
    (root / "stray").mkdir(parents=True)
    (root / "stray" / "x_2026-01-01_000000.fdesk").write_bytes(b"")
    assert Backups(root).all() == []
    assert Backups(tmp_path / "none").all() == []
