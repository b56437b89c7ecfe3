"""Fixtures of the dialog-driven GUI tests: document files to open, and no test may block on, or
leave behind, a modal dialog."""

from pathlib import Path

import pytest

from desktop.io.samples import load_sample
from desktop.store.docfile import DocumentFile
from desktop.store.settings import Settings
from desktop.synthetic import build_document
from desktop.ui.main_window import MainWindow
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


def menu_action(window, *path):
    """The action at a menu path: menu_action(window, "文件", "导入科目表…") (menus by their start)."""
    menu = window.menuBar()
    for title in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith(title))
    return next(a for a in menu.actions() if a.text() == path[-1])


def open_dialog_answers(monkeypatch, chosen: Path) -> list[tuple[str, str]]:
    """The file dialog picks `chosen`; the error boxes shown after it are collected, (title, text)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(chosen), ""))
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: said.append((title, text)))
    return said


def save(folder: Path, name: str, document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    DocumentFile.create(path, document).close()
    return path


@pytest.fixture()
def seed1_path(tmp_path):
    return save(tmp_path / "docs", "seed1.fdesk", load_sample(1))


@pytest.fixture()
def clean_path(tmp_path):
    return save(tmp_path / "docs", "clean.fdesk", build_document())


@pytest.fixture()
def open_window(qtbot, tmp_path):
    """Opens a main window (settings not persisted) on a document file, or on none."""
    def opener(path: Path | None) -> MainWindow:
        window = MainWindow(Settings(), tmp_path / "settings.json", persist=False)
        qtbot.addWidget(window)
        if path is not None:
            assert window.open_document(path)
        window.show()
        return window
    return opener
