"""Starting the GUI: the application object, Chinese, fonts, the first document, smoke and screenshots.

The window's Chinese font is chosen before any window exists: the system's Chinese UI font
(微软雅黑, 思源黑体…) where there is one, else the bundled one, so Chinese renders on a PC (or a CI
machine) without Chinese fonts too; Qt's own zh_CN translations make standard dialogs say
确定/取消. The first run opens the complete example department (a document whose final export
passes the gate), copied into the user data folder; later runs reopen the last document.
`--smoke` and `--screenshot` drive the real window headless.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from desktop.io.samples import EXAMPLE, Bundled, load_bundled
from desktop.paths import resource_path, user_data_dir
from desktop.store.settings import load_settings
from desktop.ui.qt import (QApplication, QEvent, QFont, QFontDatabase, QIcon, QLibraryInfo, QLocale, QObject,
                           QtMsgType, QTimer, QTranslator, Qt, QWidget, qInstallMessageHandler)

SAMPLE_NAME = EXAMPLE.file_name
EXAMPLES_FOLDER = "示例"
# The window's font: the first of these Chinese UI fonts the system has (the look the clerk knows
# from the system, and nothing to load), else the bundled one (desktop.ui.bundled_font).
SYSTEM_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "PingFang SC")
FONT_POINT_SIZE = 10
_translators: list[QTranslator] = []
# Said by Qt's offscreen platform (used headless) about a feature only real windows have.
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def system_font() -> str:
    """The first of SYSTEM_FONTS this system has; "" for none."""
    return next((family for family in SYSTEM_FONTS if QFontDatabase.hasFamily(family)), "")


def register_fonts(app: QApplication, bundled: bool = False) -> str:
    """Make a Chinese font the application's font, FONT_POINT_SIZE points: the system's (see
    SYSTEM_FONTS) or, with `bundled` or when the system has none, the bundled one. Its family."""
    family = "" if bundled else system_font()
    if not family:
        from desktop.ui.bundled_font import register_bundled_font
        family = register_bundled_font()
    if family:
        font = QFont(family)
        font.setPointSize(FONT_POINT_SIZE)
        app.setFont(font)
    return family


def install_translations(app: QApplication) -> bool:
    """Qt's zh_CN translations (qtbase) from the Qt installation; True when loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = False
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded = True
    return loaded


def translations_loaded() -> bool:
    """Whether Qt's Chinese translations are installed (the smoke test fails a build without them)."""
    return bool(_translators)


def application(argv: list[str] | None = None, bundled_font: bool = False) -> QApplication:
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("FiscalDesk")
    app.setApplicationDisplayName("FiscalDesk 部门决算公开与绩效自评助手")
    app.setOrganizationName("FiscalDesk")
    app.setWindowIcon(QIcon(str(resource_path("icons", "fiscaldesk.png"))))
    register_fonts(app, bundled=bundled_font)
    install_translations(app)
    return app


def sample_document_path() -> Path:
    """The complete example in the user data folder, created on first use."""
    path = user_data_dir() / SAMPLE_NAME
    if not path.exists():
        from desktop.store.docfile import DocumentFile
        path.parent.mkdir(parents=True, exist_ok=True)
        DocumentFile.create(path, load_bundled(EXAMPLE.key)).close()
    return path


def fresh_bundled_copy(bundled: Bundled) -> Path:
    """A new copy of a bundled document (文件 ▸ 示例) in the user data folder's 示例 folder: the
    previous copy there is replaced (under its lock, with its journal), so the menu always gives
    the document as shipped. Raises DocumentLocked when that copy is open in another FiscalDesk,
    or another DocumentFileError when it cannot be written."""
    from desktop.store.replacing import write_document
    folder = user_data_dir() / EXAMPLES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / bundled.file_name
    write_document(load_bundled(bundled.key), path, force=True, backups=None)
    return path


def initial_document(requested: str | None, settings) -> Path:
    if requested:
        return Path(requested)
    if settings.last_document and Path(settings.last_document).exists():
        return Path(settings.last_document)
    return sample_document_path()


def report_unhandled(log_file: Path, show: bool) -> Callable[..., None]:
    """The GUI's sys.excepthook: a failure the program did not foresee goes to the log with its
    traceback and, with `show`, to the clerk as a sentence that says their edits are safe;
    without (smoke runs, screenshots, the start-up probe), to stderr as before."""
    def report(kind, value, traceback) -> None:  # noqa: ANN001 — sys.excepthook's signature
        import logging
        logging.getLogger("desktop.ui").critical("未处理的错误", exc_info=(kind, value, traceback))
        if not show or QApplication.instance() is None:
            sys.__excepthook__(kind, value, traceback)
        else:
            from desktop.ui.qt import QMessageBox
            QMessageBox.critical(None, "程序出错",
                                 f"FiscalDesk 遇到了一个内部错误（{kind.__name__}: {value}）。\n\n"
                                 "已做的修改不受影响：每次修改在做出时就已写入文档。\n"
                                 f"详细信息已写入日志：{log_file}\n（帮助 ▸ 打开日志文件夹）")
    return report


class FirstPaint(QObject):
    """Calls `then` once `window` has painted for the first time (the start-up probe's clock).

    The window's own Paint event comes first in a repaint; its children are painted and the
    backing store flushed before control returns to the event loop, so `then` runs from a zero
    timer: after the whole first frame, not before it (bench/floor_window.py does the same)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def run_gui(document: str | None = None, smoke: bool = False, screenshot: str | None = None,
            startup_probe: bool = False, screen: str = "1366x768") -> int:
    """The main window. `smoke` runs desktop.ui.smoke headless; `screenshot` saves each tab as PNG;
    `startup_probe` prints "first-window" and the document once the window has painted, then
    "document-window" and the document once that is open and painted, and quits
    (`make bench` times it). `screen` ("1920x1080@1.25") is the screen the screenshots are taken on:
    its size in pixels and its scaling (QT_SCALE_FACTOR, set before the application exists)."""
    import os

    pixels, scale = (1366, 768), 1.0
    if screenshot:  # the screenshot module loads the tables' modules: never before a clerk's first paint
        from desktop.ui.screenshots import parse_screen
        pixels, scale = parse_screen(screen)
        if scale != 1:
            os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"

    if smoke and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a build machine need not have a screen
    from desktop.ui.main_window import MainWindow

    from desktop.logs import start_logging
    sys.excepthook = report_unhandled(start_logging(), show=not (smoke or screenshot or startup_probe))
    warnings: list[str] = []
    if smoke or screenshot:
        def collect(kind: QtMsgType, _context, message: str) -> None:
            if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and message not in IGNORED_QT_MESSAGES:
                warnings.append(message)
        qInstallMessageHandler(collect)
    app = application(bundled_font=bool(screenshot))  # screenshots look the same on every machine
    settings = load_settings()
    if not (smoke or screenshot or startup_probe):
        from desktop.store.leftovers import remove_stale
        remove_stale(user_data_dir(), [Path(p).parent for p in settings.recent])
    window = MainWindow(settings, persist=not (smoke or screenshot or startup_probe))
    window.restore_layout()
    if smoke:
        from desktop.ui.smoke import run_smoke
        return run_smoke(window, Path(document) if document else None, warnings)
    path = initial_document(document, settings)
    if screenshot:
        if not window.open_document(path) and not window.open_document(sample_document_path()):
            return 1
        window.show()
        from desktop.ui.screenshots import save_screenshots
        size = (round(pixels[0] / scale), round(pixels[1] / scale))  # the window's size in logical pixels
        for written in save_screenshots(window, Path(screenshot), size):
            print(written)
        window.close()
        return 0

    # The window is on screen first, the document (reading it, the 审核, the tabs) a moment later:
    # the clerk sees FiscalDesk answer at once, and a damaged or locked document's questions come
    # up over the window they belong to.
    def open_first() -> None:
        if startup_probe:
            print(f"first-window {path}", flush=True)
        if not window.open_document(path) and not window.open_document(sample_document_path()):
            window.close()
            app.exit(1)
            return
        window.statusBar().clearMessage()
        if startup_probe:
            window.repaint()  # the tabs of the document, painted now rather than at the next turn
            print(f"document-window {window.file.path if window.file else ''}", flush=True)
            window.close()
            app.quit()

    window.statusBar().showMessage(f"正在打开“{path.name}”…")
    probe = FirstPaint(window, open_first)  # noqa: F841 — lives until the event loop ends
    window.show()
    return app.exec()
