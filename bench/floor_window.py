"""The start-up floor: a bare PySide6 window, frozen by build.spec exactly like FiscalDesk.

`make bench` times how long this takes to paint its first window and compares FiscalDesk's own
start with it. It prints the same marker FiscalDesk's --startup-probe prints, at the same moment:
from a zero timer started by the window's first Paint event, so after the whole first frame.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
window = QLabel("FloorWindow")
window.resize(640, 480)


def painted() -> None:
    print("first-window", flush=True)
    app.quit()


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
