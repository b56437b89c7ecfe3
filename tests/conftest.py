"""Shared fixtures: the bundled samples and the seed texts they were entered from.

Also what makes the run sealed and strict: hypothesis writes no example database into the tree
(and derandomizes in CI), and a rule that raises fails its test instead of becoming a finding.
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from desktop.io.jsonio import read_json
from desktop.paths import resource_path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # GUI tests never need a screen
os.environ["FISCALDESK_STRICT_RULES"] = "1"  # desktop.rules.engine: a rule's exception propagates

# No `.hypothesis/` folder is ever written; CI (CI=true, set by .ci/run) draws the same examples
# on every run, so a red CI run is reproducible and a green one is not luck.
settings.register_profile("dev", database=None)
settings.register_profile("ci", database=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
# Hypothesis still caches Unicode tables and literals it finds in the code; outside the tree.
set_hypothesis_home_dir(os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
                        or Path(tempfile.gettempdir()) / "fiscaldesk-hypothesis")

SEED_TEXTS = Path(__file__).parent / "golden" / "seed_texts"


@pytest.fixture(autouse=True)
def fresh_rule_caches():
    """Each test loads the rule catalogue and parses indicator texts afresh (under a millisecond).

    The mutation run (make mutate) forks every test session from a process that already ran the
    tests, and maps each test to the functions it calls: a filled cache would hide a mutant in the
    code that fills it, and the tests that reach it.
    """
    from desktop.rules.catalogue import load_catalogue
    from desktop.scoring import values
    for cached in (load_catalogue, *(f for f in vars(values).values() if hasattr(f, "cache_clear"))):
        cached.cache_clear()
    yield


@pytest.fixture(autouse=True)
def no_program_log_left():
    """A test that runs `fiscaldesk` in this process (cli.main) starts the program's log; the
    tests after it must not write there."""
    yield
    from desktop.logs import stop_logging
    stop_logging()


@pytest.fixture(scope="session", autouse=True)
def user_data_elsewhere(tmp_path_factory: pytest.TempPathFactory):
    """Points the user data folders (settings, backups, examples, the log) into the run's temporary folder.

    A window opened by a test keeps backups like the clerk's would; they must never land in the
    real folder of whoever runs the tests.
    """
    folder = tmp_path_factory.mktemp("user-data")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"):
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


class EditingWindow:
    """A window's stand-in editing a document in another process (tests/store/editor_process.py):
    it opens, locks and commits exactly as the window does."""

    SCRIPT = Path(__file__).resolve().parent / "store" / "editor_process.py"

    def __init__(self, path: Path) -> None:
        import subprocess
        import sys
        self.process = subprocess.Popen([sys.executable, str(self.SCRIPT), str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "open"

    def edit(self, amount: int) -> None:
        """Set the 三公 出国 budget to `amount` 元 and wait until it is committed."""
        self.process.stdin.write(f"edit {amount}\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == f"saved {amount}"

    def quit(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
            assert self.process.wait(timeout=30) == 0

    def kill(self) -> None:
        import signal
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@pytest.fixture()
def editing_window():
    """Start EditingWindow(path); any still running at the end of the test is killed."""
    started: list[EditingWindow] = []

    def start(path: Path) -> EditingWindow:
        started.append(EditingWindow(path))
        return started[-1]
    yield start
    for window in started:
        if window.process.poll() is None:
            window.kill()
        for stream in (window.process.stdin, window.process.stdout):
            stream.close()


@pytest.fixture()
def stored_budget():
    """Read the 三公 出国 budget (what EditingWindow.edit sets) of a document file's latest year."""
    from desktop.store.docfile import DocumentFile

    def read(path: Path):
        with DocumentFile.open(path, read_only=True) as file:
            return file.load().latest_year().sections["sangong"].rows["abroad"]["budget"]
    return read
