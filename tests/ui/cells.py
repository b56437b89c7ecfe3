"""Cell helpers the window tests share: a real mouse click on a cell, and what the document
file (not the window) holds at a cell of the open year."""

from desktop.store.docfile import DocumentFile
from desktop.ui.qt import Qt


def click(qtbot, view, index):
    """Scroll the cell into view and click it with the left mouse button."""
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def stored(window, section, row, column):
    """The value the document file holds at a cell of the window's year (None when blank)."""
    with DocumentFile.open(window.file.path, read_only=True) as file:
        return file.load().year(window.workspace.year).section(section).rows.get(row, {}).get(column)
