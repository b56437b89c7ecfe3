"""When a document cannot simply be opened: it is damaged, or someone is already editing it.

A damaged file (truncated, overwritten, empty, not ours) is never touched: the clerk is told what
is wrong and offered the newest backup (or any other), which is copied to a new file beside the
original and opened. A document another FiscalDesk is editing can be opened read-only. 文件 ▸
从备份恢复 lists every backup with the same restore. Each question is one method, so tests (and
the smoke run) answer them without a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.backups import Backups
from desktop.store.errors import DocumentFileError
from desktop.ui.qt import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, Qt,
                           QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from desktop.store.backups import Backup
    from desktop.ui.main_window import MainWindow

NEWEST, CHOOSE = "newest", "choose"


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupDialog(QDialog):
    """Every backup, grouped by document, the given document's group first and its newest selected."""

    def __init__(self, parent: QWidget | None, backups: list[Backup], document: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("FiscalDesk 每次打开文档时自动备份，每个文档保留最近 5 份。选择一份备份，"
                       "将它恢复为一个新文档（原文档和备份都不会被改动）。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["文档 / 备份时间", "大小", "原文档位置"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(True)
        layout.addWidget(self.tree)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("恢复为新文档…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill(backups, document)
        self.tree.itemSelectionChanged.connect(self._update_button)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.accept() if self._backup(item) else None)
        self._update_button()

    def _fill(self, backups: list[Backup], document: Path | None) -> None:
        groups: dict[Path, list[Backup]] = {}
        for backup in backups:
            groups.setdefault(backup.source, []).append(backup)
        current = document.resolve() if document else None
        order = sorted(groups, key=lambda source: (source != current, source.name))
        for source in order:
            parent = QTreeWidgetItem([source.name, "", str(source.parent)])
            self.tree.addTopLevelItem(parent)
            for backup in groups[source]:
                item = QTreeWidgetItem([backup.label, _size(backup.size), ""])
                item.setData(0, Qt.ItemDataRole.UserRole, backup)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                parent.addChild(item)
            parent.setExpanded(source == current or len(order) == 1)
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        if not backups:
            self.tree.addTopLevelItem(QTreeWidgetItem(["还没有任何备份", "", ""]))
        for column, width in ((0, 300), (1, 80)):
            self.tree.setColumnWidth(column, width)

    @staticmethod
    def _backup(item: QTreeWidgetItem | None) -> Backup | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        return self._backup(self.tree.currentItem())


class RecoveryController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def backups(self) -> Backups | None:
        return self.window.backups

    # -- the questions (replaced in tests) -------------------------------------------------
    def ask_read_only(self, message: str, title: str = "文档正在编辑中") -> bool:
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=self.window)
        read_only = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is read_only

    def ask_recover(self, message: str, newest: Backup, count: int) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, "文档已损坏", message, parent=self.window)
        newest_button = box.addButton(f"从最新备份恢复（{newest.label}）…", QMessageBox.ButtonRole.AcceptRole)
        choose_button = box.addButton("选择其他备份…", QMessageBox.ButtonRole.ActionRole) if count > 1 else None
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is newest_button:
            return NEWEST
        if choose_button is not None and clicked is choose_button:
            return CHOOSE
        return ""

    def choose_backup(self, document: Path | None) -> Backup | None:
        dialog = BackupDialog(self.window, self.backups.all() if self.backups else [], document)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.selected()

    def ask_target(self, default: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, "恢复为新文档", str(default), "FiscalDesk 文档 (*.fdesk)")
        if not path:
            return None
        return Path(path if path.endswith(".fdesk") else path + ".fdesk")

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)

    # -- the flows --------------------------------------------------------------------------
    def locked(self, path: Path, error: DocumentFileError, title: str = "文档正在编辑中") -> bool:
        """Someone else edits it, or it cannot be written here: offer to open it read-only."""
        if not self.ask_read_only(f"{error}\n\n只读方式下可以查看、审核、导出，但不能修改。", title):
            return False
        return self.window.open_document(path, read_only=True)

    def damaged(self, path: Path, error: DocumentFileError) -> bool:
        backups = self.backups.list(path) if self.backups else []
        if not backups:
            self.failed("无法打开文档", f"{error}\n\n没有找到这个文档的备份（FiscalDesk 在每次打开文档时备份）。")
            return False
        newest = backups[0]
        message = (f"{error}\n\n找到这个文档的 {len(backups)} 份备份，最新的一份备份于 {newest.label}。"
                   "可以把备份恢复为一个新文档后继续工作；已损坏的文件保持原样，不会被改动或删除。")
        choice = self.ask_recover(message, newest, len(backups))
        if choice == CHOOSE:
            chosen = self.choose_backup(path)
            return self.restore(chosen) if chosen else False
        return self.restore(newest) if choice == NEWEST else False

    def restore_from_menu(self) -> bool:
        backup = self.choose_backup(self.window.file.path if self.window.file else None)
        return self.restore(backup) if backup else False

    def restore(self, backup: Backup) -> bool:
        folder = backup.source.parent if backup.source.parent.is_dir() else Path.home()
        target = self.ask_target(folder / Backups.restored_name(backup))
        if target is None:
            return False
        current = self.window.file.path.resolve() if self.window.file else None
        if target.resolve() in (current, backup.source.resolve()):
            self.failed("无法恢复", f"“{target.name}”是已打开或原来的文档，恢复不会覆盖它。请另选一个文件名。")
            return False
        from desktop.store.lock import acquire
        try:
            lock = acquire(target)  # never replace a document another FiscalDesk is editing
            try:
                Backups.restore(backup, target)
            finally:
                lock.release()
        except DocumentFileError as exc:
            self.failed("无法恢复", str(exc))
            return False
        opened = self.window.open_document(target)
        if opened:
            self.window.statusBar().showMessage(f"已从 {backup.label} 的备份恢复为“{target.name}”", 10000)
        return opened
