"""Starting the GUI: the application object, Chinese, fonts, the first document, smoke and screenshots.

The bundled CJK font is registered before any window exists, so Chinese renders on a PC (or a
CI machine) without Chinese fonts; Qt's own zh_CN translations make standard dialogs say
确定/取消. The first run opens the seed 1 sample, copied into the user data folder; later runs
reopen the last document. `--smoke` and `--screenshot` drive the real window headless.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.io.samples import load_sample
from desktop.paths import resource_path, user_data_dir
from desktop.store.docfile import DocumentFile
from desktop.store.settings import load_settings
from desktop.ui.qt import (QApplication, QFont, QFontDatabase, QLibraryInfo, QLocale, QtMsgType, QTranslator, Qt,
                           qInstallMessageHandler)

SAMPLE_NAME = "样例-门头沟园2023.fdesk"
FONT_FILES = ("wqy-microhei.ttc",)
_translators: list[QTranslator] = []
# Said by Qt's offscreen platform (used headless) about a feature only real windows have.
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def register_fonts(app: QApplication) -> str:
    """Register the bundled fonts and make the first one the application font; its family name."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        font = QFont(family)
        font.setPointSize(10)
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


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("FiscalDesk")
    app.setApplicationDisplayName("FiscalDesk 部门决算公开与绩效自评助手")
    app.setOrganizationName("FiscalDesk")
    register_fonts(app)
    install_translations(app)
    return app


def sample_document_path() -> Path:
    """The seed 1 sample in the user data folder, created on first use."""
    path = user_data_dir() / SAMPLE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        DocumentFile.create(path, load_sample(1)).close()
    return path


def initial_document(requested: str | None, settings) -> Path:
    if requested:
        return Path(requested)
    if settings.last_document and Path(settings.last_document).exists():
        return Path(settings.last_document)
    return sample_document_path()


def run_gui(document: str | None = None, smoke: bool = False, screenshot: str | None = None) -> int:
    from desktop.ui.main_window import MainWindow

    warnings: list[str] = []
    if smoke or screenshot:
        def collect(kind: QtMsgType, _context, message: str) -> None:
            if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and message not in IGNORED_QT_MESSAGES:
                warnings.append(message)
        qInstallMessageHandler(collect)
    app = application()
    settings = load_settings()
    window = MainWindow(settings, persist=not (smoke or screenshot))
    window.restore_layout()
    path = initial_document(document, settings)
    if smoke:
        return _smoke(app, window, path, warnings)
    if not window.open_document(path):
        if not window.open_document(sample_document_path()):
            return 1
    window.show()
    if screenshot:
        from desktop.ui.screenshots import save_screenshots
        for written in save_screenshots(window, Path(screenshot)):
            print(written)
        window.close()
        return 0
    return app.exec()


def _smoke(app: QApplication, window, path: Path, warnings: list[str]) -> int:
    """Open a copy of the document, make one edit that must change a badge, and report."""
    import shutil
    import tempfile

    from desktop.ui.smoke import smoke_edit

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        if not window.open_document(copy):
            print("冒烟测试失败：无法打开文档", file=sys.stderr)
            return 1
        window.show()
        app.processEvents()
        message = smoke_edit(window)
        window.close()
    if message:
        print(f"冒烟测试失败：{message}", file=sys.stderr)
        return 1
    if warnings:
        print("冒烟测试失败：Qt 警告：" + "；".join(warnings), file=sys.stderr)
        return 1
    print("冒烟测试通过")
    return 0
