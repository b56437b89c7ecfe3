"""Fixtures of the dialog-driven GUI tests: no test may block on, or leave behind, a modal dialog."""

import pytest

from desktop.ui.qt import QApplication, QDialog, QFileDialog, QMessageBox


@pytest.fixture()
def no_dialog_left_open(qapp):
    yield
    QApplication.processEvents()
    assert QApplication.activeModalWidget() is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


@pytest.fixture()
def no_real_modals(monkeypatch):
    """Any real modal dialog would block the test run: make opening one fail instead."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a real modal dialog was opened")
    for name in ("exec", "critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", refuse)
