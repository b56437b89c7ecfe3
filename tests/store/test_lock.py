"""One writer per document: a live lock refuses, a dead process's lock is cleared, release tidies up."""

import os
import signal
import subprocess
import sys
import time

import pytest

from desktop.store.docfile import DocumentFileError, ReadOnlyLocation
from desktop.store.lock import DocumentLocked, LockOwner, acquire, lock_path

HOLDER = """
import sys, time
from pathlib import Path
from desktop.store.docfile import DocumentFileError, ReadOnlyLocation
from desktop.store.lock import acquire
lock = acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(120)
"""


@pytest.fixture()
def document(tmp_path):
    path = tmp_path / "决算.fdesk"
    path.write_bytes(b"x")
    return path


def hold_in_other_process(document):
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(document)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_second_holder_in_the_same_process_is_refused(document):
    lock = acquire(document)
    with pytest.raises(DocumentLocked) as caught:
        acquire(document)
    assert "本程序的另一个窗口" in str(caught.value) and "只读" in str(caught.value)
    lock.release()
    acquire(document).release()


def test_live_lock_of_another_process_is_refused_with_its_owner(document):
    process = hold_in_other_process(document)
    try:
        with pytest.raises(DocumentLocked) as caught:
            acquire(document)
        owner = caught.value.owner
        assert owner is not None and owner.pid == process.pid
        assert f"进程 {process.pid}" in str(caught.value) and "本机" in str(caught.value)
    finally:
        process.kill()
        process.wait()


def test_lock_of_a_killed_process_is_recognised_as_stale_and_cleared(document):
    process = hold_in_other_process(document)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert lock_path(document).exists()  # the dead process could not tidy up
    lock = acquire(document)
    assert lock.stale is not None and lock.stale.pid == process.pid
    assert LockOwner.parse(lock_path(document).read_bytes()).pid == os.getpid()
    lock.release()
    assert not lock_path(document).exists()


def test_garbage_in_a_stale_lock_file_is_harmless(document):
    lock_path(document).write_bytes(b"\x00\xffnot json")
    lock = acquire(document)
    assert lock.stale is None
    lock.release()


def test_release_is_idempotent_and_frees_for_others(document):
    lock = acquire(document)
    lock.release()
    lock.release()
    process = hold_in_other_process(document)  # another process can now take it
    try:
        with pytest.raises(DocumentLocked):
            acquire(document)
    finally:
        process.kill()
        process.wait()
    time.sleep(0.05)
    acquire(document).release()


def test_unwritable_folder_gives_a_message(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("desktop.store.lock.os.open", refuse)
    with pytest.raises(DocumentFileError) as caught:
        acquire(tmp_path / "a.fdesk")
    assert not isinstance(caught.value, DocumentLocked) and isinstance(caught.value, ReadOnlyLocation)
    assert str(tmp_path) in str(caught.value) and "只读" in str(caught.value) and "Permission" not in str(caught.value)
