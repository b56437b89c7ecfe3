"""Run by test_window_layout in a subprocess, because QT_SCALE_FACTOR only counts before the
application exists: opens DOC in a window of WIDTH×HEIGHT logical pixels and prints, as JSON, what
tests/ui/layout_checks.py finds on every tab, the 预算执行 rows in view and any Qt warning.

    QT_SCALE_FACTOR=1.25 QT_QPA_PLATFORM=offscreen python tests/ui/layout_probe.py DOC 1536 864
"""

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from desktop.store.settings import Settings  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.qt import QApplication, qInstallMessageHandler, QtMsgType  # noqa: E402
from layout_checks import execution_page, layout_problems, rows_in_view  # noqa: E402

IGNORED = ("This plugin does not support propagateSizeHints",)


def main(document: str, width: int, height: int) -> int:
    warnings: list[str] = []

    def collect(kind, _context, message: str) -> None:
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and not message.startswith(IGNORED):
            warnings.append(message)

    qInstallMessageHandler(collect)
    application()
    window = MainWindow(Settings(), Path(tempfile.mkdtemp()) / "settings.json", persist=False)
    window.resize(width, height)
    window.show()
    if not window.open_document(Path(document)):
        return 2
    QApplication.processEvents()
    page = execution_page(window)
    result = {"scale": window.devicePixelRatio(), "size": [window.width(), window.height()],
              "execution_rows": rows_in_view(page, page.boxes[0].view),
              "dock": window.findings_dock.width(), "problems": layout_problems(window)}
    window.close()
    result["warnings"] = warnings
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
