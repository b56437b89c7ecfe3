"""`fiscaldesk gui --screenshot DIR`: one PNG of the whole window per tab and sub-tab.

The pictures are how a person without a screen (and the developer on a headless machine) looks
at what the clerk sees: Chinese text, the badges, both docks — on the most common office screen,
1366×768, in the default layout for it.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.qt import QApplication, QTabWidget


OFFICE_SCREEN = (1366, 768)


def save_screenshots(window, folder: Path, size: tuple[int, int] = OFFICE_SCREEN) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.default_layout()
    written: list[Path] = []
    tabs: QTabWidget = window.tabs
    for number, tab in enumerate(window.workspace.editors.tabs):
        tabs.setCurrentIndex(number)
        page = tabs.widget(number)
        subpages = range(page.count()) if isinstance(page, QTabWidget) else [None]
        for sub in subpages:
            if sub is not None:
                page.setCurrentIndex(sub)
            QApplication.processEvents()
            suffix = f"-{sub + 1}" if sub is not None else ""
            path = folder / f"{number + 1:02d}-{tab.key}{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
    return written
