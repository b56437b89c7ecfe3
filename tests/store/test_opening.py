"""Opening as the window does: lock first, damaged files refused untouched, read-only writes nothing."""

import hashlib

import pytest

from desktop.domain.money import Money
from desktop.editing.commands import CellValue, SetCells, SetExplanation
from desktop.editing.session import EditSession
from desktop.store.docfile import DocumentFile, DocumentFileError
from desktop.store.lock import DocumentLocked, lock_path
from desktop.store.opening import create_for_editing, open_for_editing, open_read_only, save_copy


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def path(tmp_path, seed1):
    target = tmp_path / "决算.fdesk"
    DocumentFile.create(target, seed1).close()
    return target


def test_editing_holds_the_lock_until_closed(path):
    opened = open_for_editing(path, None)
    assert lock_path(path).exists() and not opened.read_only
    with pytest.raises(DocumentLocked):
        open_for_editing(path, None)
    opened.file.close()
    assert not lock_path(path).exists()
    open_for_editing(path, None).file.close()


def test_read_only_beside_a_writer_reads_and_never_writes(path):
    writer = open_for_editing(path, None)
    session = EditSession(writer.document, writer.file)
    session.do(SetCells([CellValue(2023, "sangong", "abroad", "budget", Money.from_yuan(12345))], "编辑"))
    reader = open_read_only(path)
    try:
        assert reader.read_only
        assert reader.document.year(2023).section("sangong").value("abroad", "budget") == Money.from_yuan(12345)
        with pytest.raises(DocumentFileError) as caught:
            reader.file.write_cell(2023, "sangong", "abroad", "budget", Money(1))
        assert "只读" in str(caught.value)
    finally:
        reader.file.close()
        writer.file.close()
    assert not lock_path(path).exists()


def test_a_failed_open_releases_the_lock(tmp_path):
    broken = tmp_path / "broken.fdesk"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = digest(broken)
    with pytest.raises(DocumentFileError):
        open_for_editing(broken, None)
    assert not lock_path(broken).exists() and digest(broken) == before


def test_missing_file_takes_no_lock(tmp_path):
    with pytest.raises(DocumentFileError) as caught:
        open_for_editing(tmp_path / "gone.fdesk", None)
    assert "找不到" in str(caught.value) and not lock_path(tmp_path / "gone.fdesk").exists()


def test_new_and_saved_as_documents_are_locked(tmp_path, seed1):
    created = create_for_editing(tmp_path / "new.fdesk", seed1)
    copy = save_copy(seed1, tmp_path / "copy.fdesk")
    try:
        for target in ("new.fdesk", "copy.fdesk"):
            with pytest.raises(DocumentLocked):
                open_for_editing(tmp_path / target, None)
    finally:
        created.file.close()
        copy.file.close()


def test_save_copy_never_replaces_a_document_being_edited(tmp_path, path, seed1):
    writer = open_for_editing(path, None)
    before = digest(path)
    try:
        with pytest.raises(DocumentLocked):
            save_copy(seed1, path)
    finally:
        writer.file.close()
    assert digest(path) == before


def test_an_edit_that_sets_and_drops_one_explanation_stores_the_last_word(path):
    """The crash drill found this: a set and a prune of the same explanation in one commit."""
    opened = open_for_editing(path, None)
    session = EditSession(opened.document, opened.file)
    session.do(SetExplanation(2023, "W-99", "nowhere:1", "没有对应提示的说明"))  # pruned at once
    assert ("W-99", "nowhere:1") not in session.year_data.explanations
    assert ("W-99", "nowhere:1") not in opened.file.explanations(2023)
    opened.file.close()
