"""The one module that imports Qt (PySide6); every other GUI module imports Qt names from here.

Keeping the binding behind one door makes the layering test simple and lets the frozen build
see exactly which Qt modules the application uses: QtCore, QtGui, QtWidgets and QtPrintSupport (打印),
nothing else.
"""

from PySide6.QtCore import (QAbstractListModel, QAbstractTableModel, QByteArray, QCoreApplication, QEvent, QEventLoop,
                            QItemSelection, QItemSelectionModel, QLibraryInfo, QLocale, QModelIndex,
                            QObject, QPersistentModelIndex, QPoint, QPointF, QRect, QRectF, QSize, QSizeF, QSortFilterProxyModel,
                            QStringListModel, Qt, QTimer, QTranslator, QUrl, Signal, Slot, qInstallMessageHandler,
                            QtMsgType)
from PySide6.QtGui import (QAction, QActionGroup, QBrush, QClipboard, QColor, QCursor, QDesktopServices, QFont,
                           QFontDatabase, QFontMetrics, QGuiApplication, QIcon, QImage, QKeyEvent, QKeySequence, QMouseEvent,
                           QPainter, QPalette, QPen, QPageLayout, QPageSize, QPixmap, QUndoCommand, QUndoStack, QWheelEvent)
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QAbstractScrollArea, QApplication, QCheckBox,
                               QComboBox, QCompleter, QDialog, QDialogButtonBox, QDockWidget,
                               QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMenu,
                               QMessageBox, QPlainTextEdit, QProgressDialog, QPushButton, QScrollArea,
                               QSizePolicy, QSpinBox, QSplitter, QStatusBar, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QTabWidget, QTextBrowser, QTextEdit, QToolButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

__all__ = [name for name in dir() if name.startswith("Q") or name in ("Qt", "QtMsgType", "Signal", "Slot", "qInstallMessageHandler")]
