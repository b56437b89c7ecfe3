"""User settings (desktop/store/settings.py): JSON round trip, the recent-documents list (newest first,
no duplicates, at most MAX_RECENT), forget, damaged or mistyped files falling back to defaults, and
atomic saving (the previous file survives a failed write, no .tmp is left behind)."""

import json

import pytest

from desktop.store import settings as settings_module
from desktop.store.settings import MAX_RECENT, Settings, load_settings, save_settings


@pytest.fixture()
def path(tmp_path):
    return tmp_path / "config" / "settings.json"


def test_round_trip(path, tmp_path):
    settings = Settings(unit="万元", window_geometry="AdnQywADAAAAAAB", window_state="AAAA/wAAAAD9")
    settings.remember(tmp_path / "某区某局2023年决算.fdesk")
    save_settings(settings, path)  # creates the missing folder
    loaded = load_settings(path)
    assert loaded == settings
    assert loaded.recent == [str((tmp_path / "某区某局2023年决算.fdesk").resolve())]
    assert "某区某局" in path.read_text(encoding="utf-8")  # written as UTF-8, not \\u escapes


def test_a_missing_file_gives_defaults(path):
    assert load_settings(path) == Settings()
    assert Settings().unit == "按模板" and Settings().recent == []


def test_remember_puts_the_newest_first_without_duplicates(tmp_path):
    settings = Settings()
    for name in ("a", "b", "c"):
        settings.remember(tmp_path / f"{name}.fdesk")
    settings.remember(tmp_path / "sub" / ".." / "a.fdesk")  # the same file, spelled differently
    assert settings.recent == [str(tmp_path.resolve() / f"{n}.fdesk") for n in ("a", "c", "b")]
    assert settings.last_document == str(tmp_path.resolve() / "a.fdesk")


def test_remember_keeps_at_most_max_recent(tmp_path):
    settings = Settings()
    names = [f"doc{i}.fdesk" for i in range(MAX_RECENT + 3)]
    for name in names:
        settings.remember(tmp_path / name)
    assert len(settings.recent) == MAX_RECENT
    assert settings.recent == [str(tmp_path.resolve() / n) for n in reversed(names)][:MAX_RECENT]
    settings.remember(tmp_path / names[-MAX_RECENT])  # the oldest kept moves to the front, none drops
    assert settings.recent[0] == str(tmp_path.resolve() / names[-MAX_RECENT])
    assert len(settings.recent) == MAX_RECENT == len(set(settings.recent))


def test_forget(tmp_path):
    settings = Settings()
    settings.remember(tmp_path / "a.fdesk")
    settings.remember(tmp_path / "b.fdesk")
    settings.forget(tmp_path / "a.fdesk")
    assert settings.recent == [str(tmp_path.resolve() / "b.fdesk")]
    assert settings.last_document == str(tmp_path.resolve() / "b.fdesk")  # another file was last
    settings.forget(tmp_path / "b.fdesk")
    assert settings.recent == [] and settings.last_document == ""
    settings.forget(tmp_path / "never-seen.fdesk")
    assert settings.recent == []


@pytest.mark.parametrize("text", ["", "{", "{\"recent\": [", "null", "[\"a\"]", "\"text\"", "42", "\ufffd\x00"])
def test_a_damaged_file_gives_defaults(path, text):
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_undecodable_bytes_give_defaults(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe{\x00\x80")
    assert load_settings(path) == Settings()


def test_wrong_types_fall_back_field_by_field(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"recent": "C:/a.fdesk", "last_document": 3, "unit": "元",
                                "window_geometry": None, "window_state": ["x"], "unknown": 1}), encoding="utf-8")
    assert load_settings(path) == Settings(unit="元")


def test_recent_entries_that_are_not_strings_are_dropped_and_the_list_capped(path):
    path.parent.mkdir(parents=True)
    recent = [f"/docs/{i}.fdesk" for i in range(MAX_RECENT + 4)]
    path.write_text(json.dumps({"recent": [1, None, recent[0], {"p": 2}, *recent[1:]]}), encoding="utf-8")
    assert load_settings(path).recent == recent[:MAX_RECENT]


def test_save_leaves_no_temporary_file(path):
    save_settings(Settings(unit="元"), path)
    save_settings(Settings(unit="万元"), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    assert load_settings(path).unit == "万元"


def test_a_failed_save_keeps_the_previous_settings(path, monkeypatch):
    save_settings(Settings(unit="元"), path)
    previous = path.read_bytes()

    def interrupted(source, target):
        raise OSError("断电")

    monkeypatch.setattr(settings_module.os, "replace", interrupted)
    with pytest.raises(OSError):
        save_settings(Settings(unit="万元"), path)
    assert path.read_bytes() == previous
    assert load_settings(path).unit == "元"


def test_the_layout_is_kept_per_screen_size(path):
    settings = Settings()
    settings.remember_layout("1366x768", "G1", "S1")
    settings.remember_layout("1920x1080", "G2", "S2")
    settings.remember_layout("1366x768", "G3", "S3")  # left again on the small screen: replaced
    settings.remember_layout("", "G4", "S4")  # no screen known: nothing to key it by
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.layout_for("1366x768") == ("G3", "S3") and loaded.layout_for("1920x1080") == ("G2", "S2")
    assert loaded.layout_for("1536x864") is None and set(loaded.layouts) == {"1366x768", "1920x1080"}


def test_damaged_layouts_are_ignored(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"layouts": {"1366x768": "x", "1536x864": {"geometry": 1, "state": "S"},
                                            "1920x1080": {"geometry": "G", "state": "S"}, "800x600": {}}}),
                    encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.layout_for("1366x768") is None and loaded.layout_for("1536x864") is None
    assert loaded.layout_for("800x600") is None and loaded.layout_for("1920x1080") == ("G", "S")
    path.write_text(json.dumps({"layouts": ["1366x768"]}), encoding="utf-8")
    assert load_settings(path).layouts == {}


def test_the_year_last_shown_is_remembered_per_recent_document(path, tmp_path):
    settings = Settings()
    settings.remember(tmp_path / "a.fdesk", 2022)
    settings.remember(tmp_path / "b.fdesk")
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.year_for(tmp_path / "sub" / ".." / "a.fdesk") == 2022
    assert loaded.year_for(tmp_path / "b.fdesk") is None
    loaded.forget(tmp_path / "a.fdesk")
    assert loaded.year_for(tmp_path / "a.fdesk") is None and loaded.years == {}


def test_years_of_documents_no_longer_recent_are_dropped(tmp_path):
    settings = Settings()
    settings.remember(tmp_path / "first.fdesk", 2020)
    for index in range(MAX_RECENT):
        settings.remember(tmp_path / f"{index}.fdesk", 2023)
    assert settings.year_for(tmp_path / "first.fdesk") is None
    assert len(settings.years) == MAX_RECENT


def test_mistyped_years_are_ignored(path, tmp_path):
    recent = str((tmp_path / "a.fdesk").resolve())
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"recent": [recent], "years": {recent: "2023", "/elsewhere.fdesk": 2022}}),
                    encoding="utf-8")
    assert load_settings(path).years == {}
