"""Shared fixtures: the bundled samples and the seed texts they were entered from."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # GUI tests never need a screen

import pytest

from desktop.io.jsonio import read_json
from desktop.paths import resource_path

SEED_TEXTS = Path(__file__).parent / "golden" / "seed_texts"


@pytest.fixture(scope="session", autouse=True)
def user_data_elsewhere(tmp_path_factory: pytest.TempPathFactory):
    """Points the user data folder (settings, backups, examples) into the run's temporary folder.

    A window opened by a test keeps backups like the clerk's would; they must never land in the
    real folder of whoever runs the tests.
    """
    folder = tmp_path_factory.mktemp("user-data")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_DATA_HOME", "APPDATA"):
            patch.setenv(variable, str(folder))
        yield folder


@pytest.fixture()
def codes_home(tmp_path, monkeypatch):
    """A user data folder of this test's own: 科目表 it imports never reach other tests."""
    from desktop.domain.codes import forget_code_tables
    home = tmp_path / "home"
    for variable in ("XDG_DATA_HOME", "APPDATA"):
        monkeypatch.setenv(variable, str(home))
    forget_code_tables()
    yield home
    forget_code_tables()


@pytest.fixture(scope="session")
def seed1_text() -> str:
    return (SEED_TEXTS / "seed1.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed2_text() -> str:
    return (SEED_TEXTS / "seed2.txt").read_text(encoding="utf-8")


@pytest.fixture()
def seed1():
    return read_json(resource_path("samples", "seed1.json"))


@pytest.fixture()
def seed2():
    return read_json(resource_path("samples", "seed2.json"))
