"""The start-up floor: a bare PySide6 window, frozen by build.spec exactly like FiscalDesk.

`make bench` times how long this takes to put its first window on screen and compares
FiscalDesk's own start with it. It prints the same marker FiscalDesk's --startup-probe prints.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
window = QLabel("FloorWindow")
window.resize(640, 480)
window.show()


def shown() -> None:
    print("first-window", flush=True)
    app.quit()


QTimer.singleShot(0, shown)
app.exec()
