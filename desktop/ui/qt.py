"""The one module that imports Qt (PySide6); every other GUI module imports Qt names from here.

Keeping the binding behind one door makes the layering test simple and lets the frozen build
see exactly which Qt modules the application uses: QtCore, QtGui, QtWidgets and QtPrintSupport (打印),
nothing else.

QtCore, QtGui and QtWidgets are loaded here; QtPrintSupport (打印 only) when one of its names is
first asked for, so start-up neither loads its library nor, in the one-file program, unpacks it
(build.spec's "printing" group). Each class is looked up on first use too (PEP 562 `__getattr__`):
PySide6 builds a class and its enums when it is first asked for (Qt's namespace ≈ 15 ms, QStyle,
QMessageBox, QPrinter… several ms each), and the window paints before most of them are needed.
"""

from __future__ import annotations

from types import ModuleType

from PySide6 import QtCore, QtGui, QtWidgets

# The names the application uses, by module (what `from desktop.ui.qt import …` may ask for).
_NAMES = {
    "QtCore": """QAbstractListModel QAbstractTableModel QByteArray QCoreApplication QEvent QEventLoop QItemSelection
        QItemSelectionModel QLibraryInfo QLocale QModelIndex QObject QPersistentModelIndex QPoint QPointF
        QRect QRectF QSize QSizeF QSortFilterProxyModel QStandardPaths QStringListModel Qt QTimer QTranslator QUrl Signal
        Slot qInstallMessageHandler QtMsgType""".split(),
    "QtGui": """QAction QActionGroup QBrush QClipboard QColor QCursor QDesktopServices QFont QFontDatabase
        QFontMetrics QGuiApplication QIcon QImage QKeyEvent QKeySequence QMouseEvent QPainter QPalette QPen
        QPageLayout QPageSize QPixmap QTextCursor QUndoCommand QUndoStack QWheelEvent""".split(),
    "QtWidgets": """QAbstractItemDelegate QAbstractItemView QAbstractScrollArea QApplication QCheckBox QComboBox
        QCompleter QDialog QDialogButtonBox QDockWidget QFileDialog QFormLayout QFrame QGroupBox QHBoxLayout
        QHeaderView QLabel QLineEdit QListWidget QListWidgetItem QMainWindow QMenu QMessageBox QPlainTextEdit
        QProgressDialog QPushButton QScrollArea QSizePolicy QSpinBox QSplitter QStatusBar QStyle
        QStyledItemDelegate QStyleOptionViewItem QTableView QTabWidget QTextBrowser QTextEdit QToolButton
        QTreeWidget QTreeWidgetItem QVBoxLayout QWidget""".split(),
    "QtPrintSupport": """QAbstractPrintDialog QPrintDialog QPrinter""".split(),
}
_HOME = {name: module for module, module_names in _NAMES.items() for name in module_names}
__all__ = sorted(_HOME)


def _module(name: str) -> ModuleType:
    if name == "QtPrintSupport":
        from PySide6 import QtPrintSupport  # 打印 only: loaded (and unpacked) when first used
        return QtPrintSupport
    return {"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}[name]


def __getattr__(name: str) -> object:
    """A Qt class (or function, enum, signal type) the first time it is asked for; then a global."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_module(module), name)
    globals()[name] = value
    return value
