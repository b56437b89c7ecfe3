"""Start-up: which document opens first, where the sample lives, and what loads before the first paint."""

import os
import subprocess
import sys

from desktop.store.docfile import DocumentFile
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


# `fiscaldesk DOC --startup-probe`, printing the modules loaded when the window has painted first,
# on a system with a Chinese UI font of its own (as every 政务 PC has).
FIRST_PAINT_MODULES = """
import sys
from desktop.ui import app

app.system_font = lambda: "Sans Serif"

class Recording(app.FirstPaint):
    def __init__(self, window, then):
        def record():
            print("loaded", " ".join(sorted(sys.modules)), flush=True)
            then()
        super().__init__(window, record)

app.FirstPaint = Recording
from desktop.cli import main
sys.exit(main([sys.argv[1], "--startup-probe"]))
"""
# What the document needs and the empty window does not: reading it (SQLite, the schema, the
# JSON reader), the 审核 (the engine, its catalogue and checks), the scores, the editing session,
# the tables' modules, the 审核 and 绩效得分 panels, the headless commands. Loaded after the first
# paint, never before; nor the bundled font, which a system with a Chinese font never needs.
DOCUMENT_MACHINERY = ("desktop.ui.bundled_font", "sqlite3", "difflib", "desktop.commands", "desktop.ui.findings_panel",
                      "desktop.ui.score_panel", "desktop.domain.document", "desktop.domain.schema",
                      "desktop.domain.codes", "desktop.io.jsonio", "desktop.rules.engine", "desktop.rules.catalogue",
                      "desktop.scoring", "desktop.editing.session", "desktop.store.docfile", "desktop.store.opening",
                      "desktop.store.lock", "desktop.summary", "desktop.ui.pages", "desktop.ui.workspace",
                      "desktop.ui.sheet_view")


def test_the_window_paints_before_the_document_machinery_loads(tmp_path, seed1):
    """The one-file program's start (issue 21): the window is on screen first, then the document.
    A module-level import of the document machinery by the window's modules or the command line
    would be paid before every first paint."""
    path = tmp_path / "mine.fdesk"
    DocumentFile.create(path, seed1).close()
    home = tmp_path / "home"
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home), APPDATA=str(home),
                       HOME=str(home))
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT_MODULES, str(path)], capture_output=True, text=True,
                            env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["loaded", "first-window", "document-window"], result.stdout
    loaded = set(lines[0].split()[1:])
    assert {"desktop.ui.main_window", "desktop.ui.qt"} <= loaded
    assert not sorted(name for name in loaded if name.startswith(DOCUMENT_MACHINERY)), "loaded before the first paint"


def test_an_unforeseen_failure_in_the_window_is_logged_and_told_to_the_clerk(qapp, tmp_path, monkeypatch):
    import logging

    from desktop.ui import app as start
    from desktop.ui.qt import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args))
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("desktop.ui").addHandler(handler)
    try:
        hook = start.report_unhandled(tmp_path / "fiscaldesk.log", show=True)
        try:
            raise ZeroDivisionError("除以零")
        except ZeroDivisionError as exc:
            hook(type(exc), exc, exc.__traceback__)
    finally:
        logging.getLogger("desktop.ui").removeHandler(handler)
    assert records and records[0].exc_info[0] is ZeroDivisionError
    title, text = shown[0][1], shown[0][2]
    assert title == "程序出错" and "除以零" in text and "每次修改在做出时就已写入文档" in text
    assert str(tmp_path / "fiscaldesk.log") in text


def test_the_help_menu_opens_the_log_folder(qtbot, tmp_path, monkeypatch):
    from desktop.logs import log_dir
    from desktop.store.settings import Settings
    from desktop.ui.main_window import MainWindow
    from desktop.ui.qt import QDesktopServices
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False)
    qtbot.addWidget(window)
    helper = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助"))
    action = next(a for a in helper.actions() if a.text() == "打开日志文件夹")
    action.trigger()
    assert opened == [str(log_dir())] and log_dir().is_dir()
