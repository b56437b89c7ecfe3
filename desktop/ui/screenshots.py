"""`fiscaldesk gui --screenshot DIR [--screen 1920x1080@1.25]`: one PNG of the whole window per tab
and sub-tab (and, for a page taller than the window, one per further screenful: “…-下2.png”).

The pictures are how a person without a screen (and the developer on a headless machine) looks
at what the clerk sees: Chinese text, the badges, both docks — on the most common office screen,
1366×768, in the default layout for it.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.qt import QApplication, QScrollArea, QTabWidget
from desktop.ui.sheet_view import SheetView


OFFICE_SCREEN = (1366, 768)


def parse_screen(text: str) -> tuple[tuple[int, int], float]:
    """"1920x1080@1.25" -> ((1920, 1080), 1.25); the scaling defaults to 1."""
    size, _, scale = text.lower().replace("×", "x").partition("@")
    width, _, height = size.partition("x")
    try:
        pixels, factor = (int(width), int(height)), float(scale.rstrip("%") or 1)
    except ValueError:
        raise SystemExit(f"无法识别的屏幕“{text}”：应为 宽x高 或 宽x高@缩放，例如 1920x1080@1.25") from None
    if factor > 4:
        factor /= 100  # "125" as a percentage
    if min(pixels) < 320 or not 0.5 <= factor <= 4:
        raise SystemExit(f"无法识别的屏幕“{text}”：应为 宽x高 或 宽x高@缩放，例如 1920x1080@1.25")
    return pixels, factor


def settle(window) -> None:
    """Lay the window out completely: widths, then the row heights waiting for them, then the
    pages around the tables (a few rounds of posted layout requests)."""
    for _ in range(3):
        QApplication.processEvents()
        for view in window.findChildren(SheetView):
            view.settle()
    for _ in range(4):
        QApplication.processEvents()


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
            settle(window)
            suffix = f"-{sub + 1}" if sub is not None else ""
            path = folder / f"{number + 1:02d}-{tab.key}{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
            written += _further_down(window, page.widget(sub) if sub is not None else page, folder,
                                     f"{number + 1:02d}-{tab.key}{suffix}")
    window.score_dock.raise_()  # the other dock, over the first tab
    tabs.setCurrentIndex(0)
    settle(window)
    path = folder / f"{len(window.workspace.editors.tabs) + 1:02d}-绩效得分.png"
    window.grab().save(str(path))
    written.append(path)
    window.findings_dock.raise_()
    return written


def _further_down(window, page, folder: Path, stem: str, most: int = 4) -> list[Path]:
    """The rest of a page taller than the window, a screenful at a time (“…-下2.png”), then
    the page scrolled back to its top."""
    area = page if isinstance(page, QScrollArea) else getattr(page, "detail", None)
    if not isinstance(area, QScrollArea):
        return []
    bar = area.verticalScrollBar()
    written = []
    for screen in range(2, most + 2):
        if bar.value() >= bar.maximum():
            break
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        settle(window)
        path = folder / f"{stem}-下{screen}.png"
        window.grab().save(str(path))
        written.append(path)
    bar.setValue(0)
    return written
