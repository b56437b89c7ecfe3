"""SQLite URIs for document paths (desktop/store/uris.py): Windows drive, mapped-drive and UNC
paths checked as path strings (this machine is not Windows), and real read-only opens of
documents whose folder and name hold every character a URI treats specially."""

import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import unquote

import pytest

from desktop.store.docfile import DocumentFile, connect_read_only
from desktop.store.uris import document_uri, sqlite_uri


@pytest.mark.parametrize(("path", "uri"), [
    (r"C:\Users\张三\Documents\决算 2024.fdesk",
     "file:///C:/Users/%E5%BC%A0%E4%B8%89/Documents/%E5%86%B3%E7%AE%97%202024.fdesk?mode=ro"),
    (r"Z:\财务科\决算.fdesk", "file:///Z:/%E8%B4%A2%E5%8A%A1%E7%A7%91/%E5%86%B3%E7%AE%97.fdesk?mode=ro"),
    (r"\\fileserver\共享\决算#1 (终稿)?.fdesk",
     "file:////fileserver/%E5%85%B1%E4%BA%AB/%E5%86%B3%E7%AE%97%231%20%28%E7%BB%88%E7%A8%BF%29%3F.fdesk?mode=ro"),
    (r"\\10.0.0.5\d$\100%.fdesk", "file:////10.0.0.5/d%24/100%25.fdesk?mode=ro"),
])
def test_windows_paths_keep_their_drive_and_a_unc_share_has_no_host(path, uri):
    assert sqlite_uri(PureWindowsPath(path), mode="ro") == uri
    authority = uri.removeprefix("file:")[2:].split("/", 1)[0]
    assert authority == "", "SQLite refuses any host but an empty one (or localhost)"
    decoded = unquote(uri.removeprefix("file:").split("?")[0])
    assert decoded == ("//" if path.startswith("\\\\") else "///") + path.replace("\\", "/")


def test_posix_paths_and_query_parameters():
    assert sqlite_uri(PurePosixPath("/home/张三/a b/x%y#z?.fdesk"), immutable="1") \
        == "file:///home/%E5%BC%A0%E4%B8%89/a%20b/x%25y%23z%3F.fdesk?immutable=1"
    assert sqlite_uri(PurePosixPath("/media/U盘/决算.fdesk")) == "file:///media/U%E7%9B%98/%E5%86%B3%E7%AE%97.fdesk"


def test_a_relative_path_is_refused():
    with pytest.raises(ValueError):
        sqlite_uri(PureWindowsPath(r"决算\a.fdesk"))
    with pytest.raises(ValueError):
        sqlite_uri(PurePosixPath("a.fdesk"))


def test_a_document_in_a_folder_with_uri_characters_opens_read_only(tmp_path, seed1, monkeypatch):
    folder = tmp_path / "财务科 #2 (100%)? 共享"
    folder.mkdir()
    path = folder / "决算 2023 #终稿?.fdesk"
    DocumentFile.create(path, seed1).close()
    monkeypatch.chdir(folder)
    relative = Path(path.name)
    assert document_uri(relative, mode="ro").startswith("file:///")
    connection = connect_read_only(relative)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] != 0
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("CREATE TABLE t (x)")
    finally:
        connection.close()
    with DocumentFile.open(relative, read_only=True) as file:
        assert file.load().department_name == seed1.department_name


def test_a_symbolic_link_is_opened_as_itself_not_resolved(tmp_path, seed1):
    target = tmp_path / "real" / "决算.fdesk"
    target.parent.mkdir()
    DocumentFile.create(target, seed1).close()
    link = tmp_path / "共享盘"
    link.symlink_to(target.parent, target_is_directory=True)
    uri = document_uri(link / "决算.fdesk", mode="ro")
    assert "%E5%85%B1%E4%BA%AB%E7%9B%98" in uri  # 共享盘, as the clerk named it (a mapped drive's case)
    connection = connect_read_only(link / "决算.fdesk")
    connection.close()
