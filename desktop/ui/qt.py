"""The one module that imports Qt (PySide6); every other GUI module imports Qt names from here.

Keeping the binding behind one door makes the layering test simple and lets the frozen build
see exactly which Qt modules the application uses: QtCore, QtGui, QtWidgets and QtPrintSupport (打印),
nothing else.

The modules are loaded here, but each class is looked up on first use (PEP 562 `__getattr__`):
PySide6 builds a class and its enums when it is first asked for (Qt's namespace ≈ 15 ms, QStyle,
QMessageBox, QPrinter… several ms each), and the window paints before most of them are needed.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

# The names the application uses, by module (what `from desktop.ui.qt import …` may ask for).
_NAMES = {
    QtCore: """QAbstractListModel QAbstractTableModel QByteArray QCoreApplication QEvent QEventLoop QItemSelection
        QItemSelectionModel QLibraryInfo QLocale QModelIndex QObject QPersistentModelIndex QPoint QPointF
        QRect QRectF QSize QSizeF QSortFilterProxyModel QStringListModel Qt QTimer QTranslator QUrl Signal
        Slot qInstallMessageHandler QtMsgType""".split(),
    QtGui: """QAction QActionGroup QBrush QClipboard QColor QCursor QDesktopServices QFont QFontDatabase
        QFontMetrics QGuiApplication QIcon QImage QKeyEvent QKeySequence QMouseEvent QPainter QPalette QPen
        QPageLayout QPageSize QPixmap QUndoCommand QUndoStack QWheelEvent""".split(),
    QtWidgets: """QAbstractItemDelegate QAbstractItemView QAbstractScrollArea QApplication QCheckBox QComboBox
        QCompleter QDialog QDialogButtonBox QDockWidget QFileDialog QFormLayout QFrame QGroupBox QHBoxLayout
        QHeaderView QLabel QLineEdit QListWidget QListWidgetItem QMainWindow QMenu QMessageBox QPlainTextEdit
        QProgressDialog QPushButton QScrollArea QSizePolicy QSpinBox QSplitter QStatusBar QStyle
        QStyledItemDelegate QStyleOptionViewItem QTableView QTabWidget QTextBrowser QTextEdit QToolButton
        QTreeWidget QTreeWidgetItem QVBoxLayout QWidget""".split(),
    QtPrintSupport: """QAbstractPrintDialog QPrintDialog QPrinter""".split(),
}
_HOME = {name: module for module, module_names in _NAMES.items() for name in module_names}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> object:
    """A Qt class (or function, enum, signal type) the first time it is asked for; then a global."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value
