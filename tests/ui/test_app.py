"""Start-up choices: which document opens first, and where the sample lives."""

from desktop.store.settings import Settings
from desktop.ui.app import SAMPLE_NAME, initial_document


def test_first_run_opens_the_sample_and_later_runs_the_last_document(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    first = initial_document(None, Settings())
    assert first.name == SAMPLE_NAME and first.exists()
    assert (tmp_path / "data") in first.parents, "the sample is written to the user data folder"
    last = tmp_path / "mine.fdesk"
    last.write_bytes(b"")
    assert initial_document(None, Settings(last_document=str(last))) == last
    assert initial_document(None, Settings(last_document=str(tmp_path / "gone.fdesk"))) == first
    assert initial_document(str(tmp_path / "asked.fdesk"), Settings(last_document=str(last))).name == "asked.fdesk"
