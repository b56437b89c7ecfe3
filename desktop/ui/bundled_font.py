"""The bundled window font (resources/fonts/wqy-microhei.ttc, 文泉驿微米黑), for a system without a
Chinese UI font of its own, and for the screenshots and the smoke test, which want the same look
on every machine.

A module of its own because importing it is what makes the one-file program unpack the font
(build.spec's "window-font" group, packaging/pyi_rth_lazy.py): a PC with 微软雅黑 or 思源黑体
never unpacks or reads the 5 MB.
"""

from __future__ import annotations

from desktop.paths import resource_path
from desktop.ui.qt import QFontDatabase

FONT_FILES = ("wqy-microhei.ttc",)
_families: list[str] = []


def register_bundled_font() -> str:
    """Register the bundled font files with Qt (once); the first family, "" when none could be read."""
    if not _families:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                _families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _families[0] if _families else ""


def bundled_families() -> list[str]:
    """The families registered so far (the smoke test names them)."""
    return list(dict.fromkeys(_families))
