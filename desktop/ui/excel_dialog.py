"""The 文件 ▸ 导出Excel…, 导出Excel模板… and 导入Excel… flows.

导出Excel writes the open year as a workbook (the official tables for reading plus one 填报 sheet
per section); 导出Excel模板 writes the same layout with the 填报 sheets empty (both in a child process
under a progress dialog, like 导出PDF: desktop.ui.export_dialog.run_in_child). 导入Excel reads a
workbook back (a window-modal progress dialog names the sheet being read; 取消 stops it),
compares it with the open document and shows every change before anything is written; once the
clerk confirms, the whole import is one edit: committed to the document file in one transaction
and undone by one 撤销.

As in export_dialog, every modal step — the file names, the preview, the finish message, a
refusal or an error — is one method of ExcelController, so tests replace them and never block
on a dialog, and no slot lets an exception escape into Qt's event loop. `desktop.io.xlsx` is
imported when a flow starts: openpyxl is slow to load.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktop.domain.sources import Source
from desktop.oserrors import describe
from desktop.editing.replace import KIND_LABELS, Change, ImportPlan, plan_import
from desktop.ui.export_dialog import (ExportCancelled, close_progress, document_folder, export_job, offer_to_open,
                                      progress_callback, progress_dialog, run_in_child, safe_file_name, with_suffix)
from desktop.ui.qt import (QAbstractItemView, QApplication, QBrush, QColor, QCursor, QDesktopServices, QDialog,
                           QDialogButtonBox, QFileDialog, QFont, QHeaderView, QLabel, QListWidget, QMainWindow,
                           QMessageBox, QProgressDialog, QStyledItemDelegate, Qt, QTreeWidget, QTreeWidgetItem, QUrl,
                           QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from desktop.io.xlsx import ExportResult, WorkbookImport

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
IMPORT_TITLE = "导入Excel"
OFFICIAL_TITLE = "导入官方报表"
PRIOR_TITLE = "导入上年数"
PDF_FILTER = "PDF 文件 (*.pdf)"
IMPORT_REFUSED = "无法导入"
PREVIEW_TITLE = "导入Excel预览"
OFFICIAL_PREVIEW_TITLE = "导入官方报表预览"
OFFICIAL_KIND = "官方报表"  # desktop.io.official.KIND, without importing openpyxl here
PRIOR_KIND = "上年公开文件"  # desktop.io.official.prior.PRIOR_KIND
PRIOR_PREVIEW_TITLE = "导入上年数预览"
MAX_SHOWN_CHANGES = 2000  # a preview of more would only be scrolled past; the summary counts them all
ROW_KIND_LABELS = {"added": "新增行", "removed": "删除行", "changed": "调整行序"}
KIND_COLOURS = {"added": "#2e7d32", "changed": "#b26a00", "removed": "#c62828"}
CHANGE_COLUMNS = ("类型", "位置", "原值", "新值")
TEMPLATE_REMOVES = "这是一份填报模板：文档中有而模板中空白的内容会被删除。如只想补充数据，请在导出的工作簿中修改后再导入。"

log = logging.getLogger(__name__)
T = TypeVar("T")


def workbook_file_name(year: int, department: str) -> str:
    return safe_file_name(f"{year}年度{department}决算数据.xlsx")


def template_file_name(year: int, department: str) -> str:
    return safe_file_name(f"{year}年度{department}填报模板.xlsx")


def change_kind_label(change: Change) -> str:
    """新增/修改/删除 for a cell, 新增行/删除行 for a whole table row."""
    return ROW_KIND_LABELS[change.kind] if change.column is None else KIND_LABELS[change.kind]


@contextmanager
def _wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _ElideMiddle(QStyledItemDelegate):
    """A 位置 too long for its column keeps its table (start) and its column (end)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt override)
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ImportPreviewDialog(QDialog):
    """What an import would change — every cell and row — with 导入 and 取消."""

    def __init__(self, plan: ImportPlan, result: WorkbookImport, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        official = result.kind in (OFFICIAL_KIND, PRIOR_KIND)
        self.setWindowTitle({OFFICIAL_KIND: OFFICIAL_PREVIEW_TITLE, PRIOR_KIND: PRIOR_PREVIEW_TITLE}.get(result.kind, PREVIEW_TITLE))
        layout = QVBoxLayout(self)

        if result.kind == PRIOR_KIND:
            summary = f"将从上年公开文件“{Path(path).name}”的 {len(result.tables)} 张表导入{result.year}年度的上年数"
        else:
            source = f"“{Path(path).name}”" + (f"中的 {len(result.tables)} 张公开报表" if official else "")
            summary = f"将从{source}导入{result.year}年度的数据"
        self.summary_label = QLabel(f"{summary}：{plan.summary()}。")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)
        hint = QLabel("导入后立即保存到文档文件；如需恢复，使用 编辑 ▸ 撤销，一步即可撤销整个导入。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)

        self.notes = [*result.warnings, *plan.notes]
        if result.kind == "模板" and (plan.count("removed") or plan.count("removed", rows=True)):
            self.notes.insert(0, TEMPLATE_REMOVES)
        self.notes_label = QLabel(f"请注意（{len(self.notes)} 条）：")
        self.notes_list = QListWidget()
        self.notes_list.addItems(self.notes)
        self.notes_list.setWordWrap(True)
        self.notes_list.setAlternatingRowColors(True)
        self.notes_list.setStyleSheet("QListWidget { background:#fff8e1; }")
        row_height = self.notes_list.fontMetrics().height() + 6
        self.notes_list.setMaximumHeight(row_height * min(len(self.notes), 4) + 8)
        for widget in (self.notes_label, self.notes_list):
            widget.setVisible(bool(self.notes))
            layout.addWidget(widget)

        self.changes = QTreeWidget()
        self.changes.setColumnCount(len(CHANGE_COLUMNS))
        self.changes.setHeaderLabels(list(CHANGE_COLUMNS))
        self.changes.setRootIsDecorated(False)
        self.changes.setUniformRowHeights(True)  # thousands of rows stay quick to lay out
        self.changes.setAlternatingRowColors(True)
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.changes.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is in each tooltip
        self._where_delegate = _ElideMiddle(self.changes)
        self.changes.setItemDelegateForColumn(1, self._where_delegate)
        header = self.changes.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.changes.addTopLevelItems(self._items(plan.changes))
        if len(plan.changes) > MAX_SHOWN_CHANGES:  # spanning needs the item in the tree
            self.changes.topLevelItem(MAX_SHOWN_CHANGES).setFirstColumnSpanned(True)
        layout.addWidget(self.changes, 1)
        self._fit_columns(plan.changes[:MAX_SHOWN_CHANGES])

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.cancel_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.import_button.setFocus()

    def _fit_columns(self, shown: list[Change]) -> None:
        """位置 as wide as its longest text, within reason and within the screen; the values share
        the rest (whatever is cut off is in the tooltip)."""
        metrics = self.changes.fontMetrics()
        kind_width = metrics.horizontalAdvance("删除行") * 6 // 5 + 24  # bold for whole rows
        value_width = metrics.horizontalAdvance("0") * 24 + 16
        screen = self.screen()
        available = screen.availableGeometry().width() * 9 // 10 if screen is not None else 1280
        room = available - kind_width - 2 * value_width - 60
        wanted = max((metrics.horizontalAdvance(c.where) for c in shown), default=0) * 21 // 20 + 24
        where_width = max(240, min(wanted, room, 720))
        value_width = max(value_width, min(320, (room - where_width) // 2 + value_width))
        for column, width in enumerate((kind_width, where_width, value_width)):
            self.changes.setColumnWidth(column, width)
        self.resize(max(720, kind_width + where_width + 2 * value_width + 60), 600)

    @staticmethod
    def _items(changes: list[Change]) -> list[QTreeWidgetItem]:
        brushes = {kind: QBrush(QColor(colour)) for kind, colour in KIND_COLOURS.items()}
        bold = QFont()
        bold.setBold(True)
        items = []
        for change in changes[:MAX_SHOWN_CHANGES]:
            item = QTreeWidgetItem([change_kind_label(change), change.where, change.old, change.new])
            item.setForeground(0, brushes[change.kind])
            for column, text in ((1, change.where), (2, change.old), (3, change.new)):
                if text:
                    item.setToolTip(column, text)
            if change.column is None:  # a whole row: it stands out above its cells
                for column in range(len(CHANGE_COLUMNS)):
                    item.setFont(column, bold)
            items.append(item)
        hidden = len(changes) - MAX_SHOWN_CHANGES
        if hidden > 0:
            more = QTreeWidgetItem([f"……另有 {hidden} 项（导入时全部生效）"])
            more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            more.setForeground(0, QBrush(QColor("#555555")))
            items.append(more)
        return items


class ExcelController:
    """The Excel actions of one main window (which owns the workspace and the file)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.busy = False
        self.progress_dialog: QProgressDialog | None = None  # while a workbook is written or read

    # -- the menu actions -----------------------------------------------------------------
    def export_workbook(self) -> ExportResult | None:
        """导出Excel…: the open year, every table, as a workbook that can be imported back."""
        return self._guarded("导出Excel", lambda: self._export(template=False), "没有生成文件。")

    def export_template(self) -> ExportResult | None:
        """导出Excel模板…: the same layout with the 填报 sheets empty, for filling in."""
        return self._guarded("导出Excel模板", lambda: self._export(template=True), "没有生成文件。")

    def import_workbook(self) -> ImportPlan | None:
        """导入Excel…: the plan that was applied, or None when nothing was imported."""
        return self._guarded(IMPORT_TITLE, self._import, "文档未修改。")

    def import_official(self) -> ImportPlan | None:
        """导入官方报表…: the 公开 tables of any workbook (the 决算 client's, a bureau template …)."""
        return self._guarded(OFFICIAL_TITLE, self._import_official, "文档未修改。")

    def import_prior_year(self) -> ImportPlan | None:
        """从上年公开文件导入上年数…: last year's published PDF fills this year's 上年数."""
        return self._guarded(PRIOR_TITLE, self._import_prior_year, "文档未修改。")

    def _guarded(self, title: str, flow: Callable[[], T | None], consequence: str) -> T | None:
        """Run one flow; a slot must never let an exception escape into Qt's event loop."""
        if self.busy or self.window.workspace is None:
            return None
        self.busy = True
        try:
            return flow()
        except Exception as exc:  # noqa: BLE001 — reported to the clerk, logged for the developer
            log.exception("%s failed", title)
            self.failed(title, f"{title}时出错：{exc}\n{consequence}")
            return None
        finally:
            self.busy = False

    def _export(self, template: bool) -> ExportResult | None:
        title = "导出Excel模板" if template else "导出Excel"
        workspace = self.window.workspace
        document, year = workspace.published_document(), workspace.year
        name = (template_file_name if template else workbook_file_name)(year, document.department_name)
        path = self._choose_path(title, self._folder() / name)
        if path is None:
            return None
        from desktop.io import xlsx  # the exceptions only: openpyxl is imported in the child
        dialog = progress_dialog(self.window, title)
        self.progress_dialog = dialog
        try:
            result = run_in_child(export_job("export_xlsx", document, path, year=year, template=template), dialog)
        except ExportCancelled:
            self.window.statusBar().showMessage(f"已取消导出，未写入“{path.name}”", 6000)
            return None
        except xlsx.ExcelExportRefused as exc:
            self.failed(title, str(exc))
            return None
        except OSError as exc:
            reason = describe(exc)
            hint = "如该文件正在 Excel 中打开，请先关闭后再导出。\n" if isinstance(exc, PermissionError) else ""
            self.failed(title, f"无法写入“{path}”（{reason}）。\n{hint}没有生成文件，原有文件（如有）未受影响。")
            return None
        finally:
            self.progress_dialog = None
            close_progress(dialog)
        what = "Excel模板" if template else "Excel"
        self.window.statusBar().showMessage(f"已导出{what}，共 {result.sheets} 张工作表：{result.path}", 15000)
        self.finished(result, template)
        return result

    def _import(self) -> ImportPlan | None:
        workspace = self.window.workspace
        if self._refuse_summary(IMPORT_TITLE):
            return None
        path = self.ask_open_path(IMPORT_TITLE, self._folder())
        if path is None:
            return None
        from desktop.io import xlsx
        dialog = progress_dialog(self.window, IMPORT_TITLE)
        self.progress_dialog = dialog
        try:
            with _wait_cursor():
                result = xlsx.read_xlsx(path, progress=progress_callback(dialog))
        except ExportCancelled:
            self.window.statusBar().showMessage(f"已取消导入“{path.name}”，文档未修改", 6000)
            return None
        except xlsx.XlsxImportError as exc:
            self.window.statusBar().showMessage(f"未导入“{path.name}”：工作簿中有无法读取的内容", 10000)
            self.failed(IMPORT_REFUSED, str(exc))
            return None
        finally:
            self.progress_dialog = None
            close_progress(dialog)
        if result.year != workspace.year:
            self.warn(IMPORT_REFUSED,
                      f"工作簿是{result.year}年度的数据，当前文档打开的是{workspace.year}年度，未导入。")
            return None
        with _wait_cursor():
            plan = plan_import(workspace.document, result.document, workspace.year, text=_into(IMPORT_TITLE, workspace),
                               default_source=Source("workbook", f"“{path.name}”"), unit=workspace.import_unit())
            unmatched = xlsx.unmatched_explanations(workspace.document, workspace.year, plan, result.explanation_cells)
        if plan.command is None:
            self.inform(IMPORT_TITLE, "\n".join(["工作簿与当前文档一致，没有需要导入的内容。", *unmatched]))
            return None
        if not self.confirm_import(plan, result, path):
            self.window.statusBar().showMessage("已取消导入，文档未修改", 6000)
            return None
        if self.window.workspace is not workspace:  # another document was opened meanwhile
            return None
        with _wait_cursor():
            applied = workspace.push(plan.command)
        if not applied:
            return None  # refused: the workspace has said why (the problem bar)
        self.window.statusBar().showMessage(f"已导入“{path.name}”：{plan.summary()}", 15000)
        return plan

    def _import_official(self) -> ImportPlan | None:
        return self._import_tables(OFFICIAL_TITLE, XLSX_FILTER, "read_official", "工作簿中的报表与当前文档一致，没有需要导入的内容。")

    def _import_prior_year(self) -> ImportPlan | None:
        return self._import_tables(PRIOR_TITLE, PDF_FILTER, "read_prior_year",
                                   "上年公开文件中的数字与本年度的上年数一致，没有需要导入的内容。")

    def _import_tables(self, title: str, file_filter: str, reader: str, unchanged: str) -> ImportPlan | None:
        """导入官方报表 (a workbook) or 导入上年数 (last year's PDF): read, preview, one undo step."""
        workspace = self.window.workspace
        if self._refuse_summary(title):
            return None
        path = self.ask_open_path(title, self._folder(), file_filter)
        if path is None:
            return None
        from desktop.io.official import OfficialImportError, read_official
        from desktop.io.official.prior import read_prior_year
        read = {"read_official": read_official, "read_prior_year": read_prior_year}[reader]
        try:
            with _wait_cursor():
                base = workspace.document if workspace.import_unit() is None else workspace.published_document()
                result = read(path, base, workspace.year)
        except OfficialImportError as exc:
            self.window.statusBar().showMessage(f"未导入“{path.name}”：没有可导入的公开报表或其中有无法读取的内容", 10000)
            self.failed(IMPORT_REFUSED, str(exc))
            return None
        kind = "prior_pdf" if reader == "read_prior_year" else "official"
        with _wait_cursor():
            plan = plan_import(workspace.document, result.document, workspace.year, text=_into(title, workspace),
                               default_source=Source(kind, f"“{path.name}”"), unit=workspace.import_unit())
        if plan.command is None:
            blank = [f"{'、'.join(result.unread)}中没有数字（未填写）。"] if result.unread else []
            self.inform(title, "\n".join([unchanged, *blank, *result.differences]))
            return None
        if not self.confirm_import(plan, result, path):
            self.window.statusBar().showMessage("已取消导入，文档未修改", 6000)
            return None
        if self.window.workspace is not workspace:
            return None
        with _wait_cursor():
            applied = workspace.push(plan.command)
        if not applied:
            return None
        self.window.statusBar().showMessage(f"已导入“{path.name}”中的{len(result.tables)}张报表：{plan.summary()}", 15000)
        return plan

    def _refuse_summary(self, title: str) -> bool:
        """A year entered per unit takes its figures unit by unit: its 汇总 is computed, not imported."""
        from desktop.domain.department_units import is_split
        workspace = self.window.workspace
        if workspace.reporting_unit is not None or not is_split(workspace.session.year_data):
            return False
        self.warn(IMPORT_REFUSED, f"{workspace.year}年度分单位填报，部门的表为各单位的汇总，不能直接导入。"
                                  f"请先在页签栏左侧的“单位”框中选择要导入的单位，再{title}。")
        return True

    def _choose_path(self, title: str, default: Path) -> Path | None:
        return with_suffix(self.ask_path(title, default), ".xlsx")

    def _folder(self) -> Path:
        return document_folder(self.window)

    # -- the modal steps (tests replace these) ------------------------------------------------
    def ask_path(self, title: str, default: Path) -> Path | None:
        """The workbook to write; None when the clerk cancelled."""
        from desktop.ui.folders import dialog_start
        chosen, _filter = QFileDialog.getSaveFileName(self.window, title, dialog_start(default), XLSX_FILTER)
        return Path(chosen) if chosen else None

    def ask_open_path(self, title: str, folder: Path, file_filter: str = XLSX_FILTER) -> Path | None:
        """The workbook (or PDF) to import; None when the clerk cancelled."""
        from desktop.ui.folders import dialog_start
        chosen, _filter = QFileDialog.getOpenFileName(self.window, title, dialog_start(folder), file_filter)
        return Path(chosen) if chosen else None

    def confirm_import(self, plan: ImportPlan, result: WorkbookImport, path: Path) -> bool:
        """The preview: True when the clerk pressed 导入."""
        dialog = ImportPreviewDialog(plan, result, path, self.window)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def finished(self, result: ExportResult, template: bool = False) -> None:
        """Say where the workbook is and offer to open it."""
        what = "Excel模板" if template else "Excel工作簿"
        if offer_to_open(self.window, f"已导出{what}，共 {result.sheets} 张工作表：\n{result.path}"):
            self.open_file(result.path)

    def open_file(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.failed("打开文件", f"无法打开“{path}”：系统中没有可以打开 Excel 工作簿的程序。")

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.window, title, text)


def _into(title: str, workspace) -> str:
    """An import's undo text, naming the unit it fills ("导入Excel（所属服务中心1）")."""
    unit = workspace.shown_unit() if workspace.import_unit() is not None else None
    return title if unit is None else f"{title}（{unit.name}）"
