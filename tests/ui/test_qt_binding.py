"""The Qt binding itself: PySide6 6.12.0 loses a reference to True on every Signal.emit from
Python, and a long editing session then aborts the interpreter (bool_dealloc). This pins the
behaviour we depend on, so an upgrade into that bug fails here, not on a clerk's PC."""

import sys

from desktop.ui.qt import QStringListModel


def test_emitting_a_signal_keeps_the_reference_counts_of_true_and_false(qapp):
    model = QStringListModel(["a", "b"])
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        model.dataChanged.emit(model.index(0, 0), model.index(1, 0))
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
