"""The log (desktop/logs.py) and what goes into it: nothing is written until there is something
to say; a failure that is the program's own fault reaches the clerk as a sentence (exit status 3)
and the log with its traceback; a log that cannot be written stops nothing."""

import logging

import pytest

from desktop import cli, commands
from desktop.logs import _LogFile, log_path, start_logging, stop_logging


@pytest.fixture()
def logging_started(tmp_path, monkeypatch):
    """start_logging() as the program calls it, with its own folder; undone afterwards."""
    for variable in ("XDG_DATA_HOME", "LOCALAPPDATA"):
        monkeypatch.setenv(variable, str(tmp_path / "local"))
    yield start_logging()
    stop_logging()


def test_nothing_is_written_until_something_is_logged(logging_started):
    assert logging_started == log_path() and not log_path().exists()
    start_logging()
    assert sum(isinstance(h, _LogFile) for h in logging.getLogger().handlers) == 1, "once per process"
    logging.getLogger("desktop.io.pdf.fonts").info("字体文件“simsun.ttc”无法使用")
    logging.getLogger("some.library").info("a library's chatter")  # below WARNING: not kept
    logging.getLogger("some.library").warning("a library's warning")
    text = log_path().read_text(encoding="utf-8")
    assert "INFO" in text and "desktop.io.pdf.fonts" in text and "simsun.ttc" in text
    assert "a library's warning" in text and "chatter" not in text


def test_an_internal_error_is_a_sentence_for_the_clerk_and_a_traceback_in_the_log(logging_started, tmp_path,
                                                                                 monkeypatch, capsys):
    def broken(_args):
        raise KeyError("没有这一栏")
    monkeypatch.setattr(commands, "cmd_summary", broken)
    assert cli.main(["summary", str(tmp_path / "a.fdesk")]) == cli.INTERNAL_ERROR == 3
    err = capsys.readouterr().err
    assert err.startswith("错误：程序内部错误（KeyError") and str(log_path()) in err
    assert "Traceback" not in err
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "没有这一栏" in logged and "fiscaldesk summary" in logged


def test_a_refusal_is_still_exit_status_1_with_its_own_message(logging_started, tmp_path, capsys):
    assert cli.main(["summary", str(tmp_path / "没有的.fdesk")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "程序内部错误" not in err


def test_a_log_in_a_folder_that_cannot_be_made_stops_nothing(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    handler = _LogFile(blocker / "logs" / "fiscaldesk.log")
    handler.emit(logging.LogRecord("desktop", logging.ERROR, __file__, 1, "写不进去", None, None))
    assert capsys.readouterr() == ("", "") and blocker.is_file()
