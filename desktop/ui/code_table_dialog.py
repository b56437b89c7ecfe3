"""文件 ▸ 导入科目表…: the official 政府收支分类科目 of a year, from the 财政 office's xlsx or csv file.

The clerk picks the file; the dialog shows what it holds (how many 类/款/项, the rows not
understood, with sheet and row), asks the year (default: the document's year) and imports on
导入. The table is stored in the user data folder for every document on this PC, and 审核 runs
again at once: N-13 and W-09 then keep their catalogue severity for that year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.code_import import CodeImport
from desktop.domain.codes import MAX_YEAR, MIN_YEAR
from desktop.ui.qt import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit,
                           QPushButton, QSpinBox, Qt, QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

TITLE = "导入科目表"
FILE_FILTER = "科目表 (*.xlsx *.xlsm *.csv *.txt);;所有文件 (*)"


class CodeImportDialog(QDialog):
    """What the file holds, the year to import it as, 导入 and 取消."""

    def __init__(self, result: CodeImport, path: Path, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(f"从“{path.name}”读到的科目：")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary_label = QLabel("\n".join(result.summary_lines()))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        self.problems = QPlainTextEdit("\n".join(p.describe() for p in result.problems))
        self.problems.setReadOnly(True)
        self.problems.setStyleSheet("QPlainTextEdit { background:#fff8e1; }")
        self.problems.setVisible(bool(result.problems))
        layout.addWidget(self.problems, 1)
        form = QFormLayout()
        self.year_box = QSpinBox()
        self.year_box.setRange(MIN_YEAR, MAX_YEAR)
        self.year_box.setValue(year)
        form.addRow("科目表年度：", self.year_box)
        layout.addLayout(form)
        self.year_warning = QLabel()
        self.year_warning.setWordWrap(True)
        self.year_warning.setStyleSheet("color:#b26a00;")
        layout.addWidget(self.year_warning)
        self._mismatch = lambda chosen: result.year_mismatch(chosen, path.name)
        self.year_box.valueChanged.connect(self._check_year)
        self._check_year(year)
        hint = QLabel("导入后本机所有文档的该年度都使用此科目表（保存在用户数据文件夹），并立即重新审核。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(result.entry_count > 0)
        self.cancel_button = QPushButton("取消")
        self.import_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    @property
    def year(self) -> int:
        return self.year_box.value()

    def _check_year(self, year: int) -> None:
        warning = self._mismatch(year)
        self.year_warning.setText(warning or "")
        self.year_warning.setVisible(bool(warning))


class CodeTableController:
    """The menu's flow; the modal steps are methods so tests can answer them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def default_year(self) -> int:
        workspace = self.window.workspace
        return workspace.year if workspace is not None else date.today().year - 1

    def import_table(self) -> bool:
        from desktop.io.code_files import CodeFileError, read_code_file
        from desktop.store.code_tables import save_imported
        path = self.ask_open_path()
        if path is None:
            return False
        try:
            result = read_code_file(path)
        except CodeFileError as exc:
            self.failed(f"未导入“{path.name}”", str(exc))
            return False
        year = self.confirm(result, path, self.default_year())
        if year is None:
            self.window.statusBar().showMessage("已取消导入科目表", 6000)
            return False
        try:
            table = save_imported(year, result, path.name)
        except (ValueError, OSError) as exc:
            self.failed(f"未导入“{path.name}”", str(exc))
            return False
        self.window.code_tables_changed()
        self.window.statusBar().showMessage(
            f"已导入 {year} 年科目表（{table.source()}，共 {table.entry_count} 条），已重新审核", 10000)
        return True

    # -- the modal steps ----------------------------------------------------------------
    def ask_open_path(self) -> Path | None:
        folder = str(self.window.file.path.parent) if self.window.file is not None else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(self.window, TITLE, folder, FILE_FILTER)
        return Path(chosen) if chosen else None

    def confirm(self, result: CodeImport, path: Path, year: int) -> int | None:
        """The year to import as, or None when the clerk pressed 取消."""
        dialog = CodeImportDialog(result, path, year, self.window)
        try:
            return dialog.year if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)
