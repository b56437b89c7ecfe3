"""Where dialogs start (desktop/ui/folders.py): beside the open document, but in 文档/FiscalDesk
for the example and the 示例 copies (the program's own hidden folder) or with no document open;
that folder is made only when a dialog starts there."""

import pytest

from desktop.paths import user_data_dir
from desktop.ui import folders
from desktop.ui.app import sample_document_path


@pytest.fixture()
def documents(tmp_path, monkeypatch):
    """The clerk's 文档/FiscalDesk, in the test's folder (not made yet)."""
    folder = tmp_path / "文档" / "FiscalDesk"
    monkeypatch.setattr(folders, "documents_folder", lambda: folder)
    return folder


def test_the_real_documents_folder_is_named_after_the_program_and_not_made():
    folder = folders.documents_folder()
    assert folder.name == "FiscalDesk" and folder.parent.name != "FiscalDesk"


def test_a_document_of_the_clerks_keeps_its_folder(tmp_path, documents):
    assert folders.default_folder(tmp_path / "财务" / "决算.fdesk") == tmp_path / "财务"
    assert folders.default_folder(None) == documents
    assert not documents.exists()


def test_the_example_in_the_programs_own_folder_starts_in_documents(documents):
    example = sample_document_path()
    assert example.is_relative_to(user_data_dir()) and folders.program_managed(example)
    assert folders.default_folder(example) == documents
    assert folders.default_folder(user_data_dir() / "示例" / "样例.fdesk") == documents


def test_the_documents_folder_is_made_when_a_dialog_starts_there_and_only_then(tmp_path, documents):
    elsewhere = tmp_path / "别处"
    assert folders.dialog_start(elsewhere / "a.pdf") == str(elsewhere / "a.pdf") and not elsewhere.exists()
    assert folders.dialog_start(documents / "决算.pdf") == str(documents / "决算.pdf") and documents.is_dir()


def test_exports_of_the_example_default_to_documents_and_of_a_clerks_file_beside_it(open_window, seed1_path,
                                                                                    documents, no_real_modals):
    window = open_window(sample_document_path())
    assert window.exporter._folder() == documents
    window = open_window(seed1_path)
    assert window.exporter._folder() == seed1_path.parent
