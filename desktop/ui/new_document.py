"""File ▸ 新建: the dialog that asks for a department, a year, a template and where to save.

When a document is open, the new one is by default started from its latest year (units,
classification codes and indicator definitions carried, that year's figures as 上年数), which
is how a clerk begins each year's accounts. The dialog only gathers choices; the document is
built by `desktop.editing.rollover`, and the file is never overwritten: an existing path is
refused with a warning.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.document import MAX_YEAR, MIN_YEAR, Document, DocumentError
from desktop.domain.profiles import available_profiles, load_profile
from desktop.editing.rollover import new_document, next_year_document
from desktop.ui import folders
from desktop.ui.folders import default_folder, dialog_start
from desktop.ui.qt import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                           QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox,
                           QVBoxLayout, QWidget)

SUFFIX = ".fdesk"
FILE_FILTER = "FiscalDesk 文档 (*.fdesk)"
_UNSAFE_IN_FILE_NAMES = '\\/:*?"<>|'


def default_file_name(department: str, year: int) -> str:
    """`<部门名称><年度>.fdesk`, with characters no file system accepts replaced by "_"."""
    name = "".join("_" if ch in _UNSAFE_IN_FILE_NAMES or not ch.isprintable() else ch
                   for ch in department.strip())
    return f"{name}{year}{SUFFIX}"


class NewDocumentDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: Document | None, current_path: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建文档")
        self._current = current if current is not None and current.years else None
        self._base_year = self._current.latest_year().year if self._current else None
        self._folder = default_folder(current_path)  # beside the open document, or 文档/FiscalDesk
        self._path_edited = False

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("例如：北京市××区××局")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        default_year = self._base_year + 1 if self._base_year else date.today().year - 1
        self.year_spin.setValue(max(MIN_YEAR, min(MAX_YEAR, default_year)))
        self.profile_combo = QComboBox()
        for key in available_profiles():
            try:
                self.profile_combo.addItem(load_profile(key).label, key)
            except (KeyError, ValueError):
                continue  # a damaged profile file is reported elsewhere; it cannot be chosen here
        self._select_profile("beijing-district")

        self.base_check = QCheckBox(
            f"以当前文档 {self._base_year} 年度为基础（带入单位信息、科目编码、指标定义，"
            f"并将 {self._base_year} 年数填为上年数）")
        self.base_check.setVisible(self._current is not None)
        self.base_check.setChecked(self._current is not None)

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("浏览…")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("创建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

        form = QFormLayout()
        form.addRow("部门名称", self.name_edit)
        form.addRow("年度", self.year_spin)
        form.addRow("模板", self.profile_combo)
        form.addRow(self.base_check)
        form.addRow("保存位置", path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)

        if self._current is not None:
            self._fill_from_current()
        self.name_edit.textChanged.connect(self._refresh)
        self.year_spin.valueChanged.connect(self._refresh)
        self.base_check.toggled.connect(self._base_toggled)
        self.path_edit.textEdited.connect(self._path_typed)
        self.path_edit.textChanged.connect(self._update_state)
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._refresh()
        self.resize(560, self.sizeHint().height())

    # -- what the caller reads ---------------------------------------------------------------
    def based_on_current(self) -> bool:
        return self._current is not None and self.base_check.isChecked()

    def profile(self) -> str:
        return self.profile_combo.currentData() or ""

    def path(self) -> Path:
        """The chosen file, with the .fdesk suffix added when it was left off."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else Path()
        if text and path.name not in ("", ".", "..") and path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return path

    def document(self) -> Document:
        """Build the new document from the current choices (raises DocumentError if refused)."""
        name, year = self.name_edit.text().strip(), self.year_spin.value()
        if not self.based_on_current():
            return new_document(name, year, self.profile())
        assert self._current is not None and self._base_year is not None
        if not name:
            raise DocumentError("部门名称不能为空")
        document = next_year_document(self._current, self._base_year, year, self.profile())
        if name != document.department_name:
            document.section("department").set("name", name)
        return document

    # -- behaviour -----------------------------------------------------------------------
    def _select_profile(self, key: str) -> None:
        index = self.profile_combo.findData(key)
        if index >= 0:
            self.profile_combo.setCurrentIndex(index)

    def _fill_from_current(self) -> None:
        assert self._current is not None and self._base_year is not None
        if not self.name_edit.text().strip():
            self.name_edit.setText(self._current.department_name)
        self._select_profile(self._current.year(self._base_year).profile)

    def _base_toggled(self, checked: bool) -> None:
        if checked and self._current is not None:
            self._fill_from_current()
        self._refresh()

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _refresh(self) -> None:
        if not self._path_edited:
            default = self._folder / default_file_name(self.name_edit.text(), self.year_spin.value())
            self.path_edit.setText(str(default))
        self._update_state()

    def _problem(self) -> str:
        """Why the dialog cannot be accepted yet ("" when it can)."""
        if not self.name_edit.text().strip():
            return "请填写部门名称。"
        if self.based_on_current() and self.year_spin.value() <= (self._base_year or 0):
            return f"新年度应晚于作为基础的 {self._base_year} 年度。"
        if not self.profile():
            return "没有可用的模板。"
        text = self.path_edit.text().strip()
        if not text:
            return "请选择保存位置。"
        if text.endswith(("/", "\\")):
            return "保存位置缺少文件名。"
        path = self.path()
        if not path.is_absolute():
            return "保存位置应为完整路径（含文件夹）。"
        if not path.parent.is_dir() and path.parent != folders.documents_folder():  # that one is made on OK
            return f"文件夹“{path.parent}”不存在。"
        if path.is_dir() or path.name in ("", ".", ".."):
            return "保存位置是一个文件夹，请填写文件名。"
        return ""

    def _update_state(self) -> None:
        problem = self._problem()
        if not problem and self.path().exists():
            problem = "该文件已存在；新建不会覆盖已有文件，请另选保存位置。"
            self.ok_button.setEnabled(True)  # accepting explains the refusal with a warning
        else:
            self.ok_button.setEnabled(not problem)
        self.hint_label.setText(problem)
        self.hint_label.setVisible(bool(problem))

    def _warn_exists(self, path: Path) -> None:
        QMessageBox.warning(self, "文件已存在",
                            f"“{path}”已存在。\n新建文档不会覆盖已有文件，请另选保存位置或文件名。")

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "新建文档保存位置", dialog_start(self.path() if self.path_edit.text().strip() else self._folder),
            FILE_FILTER, "", QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        self._path_edited = True
        self.path_edit.setText(chosen)
        if self.path().exists():
            self._warn_exists(self.path())

    def accept(self) -> None:
        if self._problem():
            return
        path = self.path()
        if path.exists():
            self._warn_exists(path)
            return
        try:
            self.document()
            path.parent.mkdir(parents=True, exist_ok=True)  # 文档/FiscalDesk on first use
        except DocumentError as exc:
            QMessageBox.warning(self, "无法新建", str(exc))
            return
        except OSError as exc:
            QMessageBox.warning(self, "无法新建", f"无法建立文件夹“{path.parent}”（{exc.strerror or exc}）。")
            return
        super().accept()
