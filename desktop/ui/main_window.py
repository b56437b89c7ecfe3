"""The main window: tabbed editors, the 审核 and score docks, the menus, the saved-at status.

The window owns a Workspace (the open document, its session and undo stack) and rebuilds its
tabs when another document is opened. After every edit it updates, at once, the tab badges
(errors red, warnings awaiting an explanation amber) and the 审核 panel; the scores follow a
moment later so typing never waits for them. Nothing is ever unsaved: each edit was committed
when it was made, so closing asks nothing.

The window paints before the document machinery loads (start-up, issue 21): the store, the 审核
engine, the scores, the two panels and the tables' modules are imported by the methods that first
need them, after the first paint (tests/ui/test_app.py holds it to that).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.text import is_ascii_digits
from desktop.io.samples import BUNDLED, Bundled
from desktop.rules.findings import Finding, Location
from desktop.oserrors import describe
from desktop.store.errors import DamagedFile, DocumentFileError, NotAFiscalDeskFile, ReadOnlyLocation
from desktop.store.settings import UNIT_CHOICES, Settings, save_settings
from desktop.ui.app import EXAMPLES_FOLDER, fresh_bundled_copy
from desktop.ui.find_bar import FindBar
from desktop.ui.help import HelpController
from desktop.ui.qt import (QAction, QActionGroup, QByteArray, QDockWidget, QEvent, QFileDialog, QHBoxLayout, QKeySequence, QLabel,
                           QMainWindow, QMessageBox, Qt, QTabWidget, QTimer, QVBoxLayout, QWidget)
from desktop.ui.unit_chooser import UnitChooser
from desktop.ui.year_switcher import YearSwitcher

if TYPE_CHECKING:
    from desktop.domain.document import Document
    from desktop.ui.checklist_dialog import ChecklistDialog
    from desktop.ui.units_overview import UnitsOverview
    from desktop.store.backups import Backups
    from desktop.ui.recovery import RecoveryController
    from desktop.ui.findings_panel import FindingsPanel
    from desktop.ui.score_panel import ScorePanel
    from desktop.store.docfile import DocumentFile
    from desktop.store.opening import OpenedDocument
    from desktop.ui.sheet_view import SheetView
    from desktop.ui.workspace import Workspace
    from desktop.ui.code_table_dialog import CodeTableController
    from desktop.ui.text_check import TextCheckController
    from desktop.ui.excel_dialog import ExcelController
    from desktop.ui.export_dialog import ExportController
    from desktop.ui.print_preview import PreviewController

ERROR_COLOUR, WARNING_COLOUR = "#c62828", "#b26a00"
DOCK_SHARE, DOCK_MINIMUM, DOCK_MAXIMUM = 0.26, 340, 500  # the docks' default width
SETTLE_AFTER_MS = 1000  # a pause in typing after which the saved edits are folded into the file itself


def badge_html(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f'<span style="color:white;background:{ERROR_COLOUR};">&nbsp;{errors}&nbsp;</span>')
    if warnings:
        parts.append(f'<span style="color:white;background:{WARNING_COLOUR};">&nbsp;{warnings}&nbsp;</span>')
    return "&nbsp;".join(parts)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, settings_file: Path | None = None, persist: bool = True,
                 backups: Backups | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.settings_file = settings_file
        self.persist = persist  # False for smoke runs and screenshots: they leave the settings alone
        if backups is not None or not persist:
            self.backups = backups  # smoke runs and tests: theirs, or none
        self.workspace: Workspace | None = None
        self.file: DocumentFile | None = None
        self.checklist_dialog: ChecklistDialog | None = None  # 文件 ▸ 公开清单, made when first opened
        self.units_overview: UnitsOverview | None = None  # 视图 ▸ 单位一览, likewise
        self.views: dict[str, tuple[SheetView, QWidget, str | None]] = {}
        self.badges: dict[str, tuple[QTabWidget, int, QLabel]] = {}
        self._layout_restored = False  # a layout saved for this screen size was restored
        self._docks_dragged = False  # the clerk set the docks' width: resizing the window keeps it
        self._fit_to_screen()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.problem_bar = QLabel()
        self.problem_bar.setWordWrap(True)
        self.problem_bar.setStyleSheet(f"background:#fdecea; color:{ERROR_COLOUR}; padding:6px; border:1px solid #f5c2c0;")
        self.problem_bar.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.problem_bar)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._build_docks()
        self.saved_label = QLabel("")
        self.file_label = QLabel("")
        self.codes_label = QLabel("")  # the code table 审核 uses for the year (tooltip: its stamp)
        self.statusBar().addPermanentWidget(self.codes_label)
        self.statusBar().addPermanentWidget(self.file_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.score_timer = QTimer(self)
        self.score_timer.setSingleShot(True)
        self.score_timer.setInterval(120)
        self.score_timer.timeout.connect(self._refresh_scores)
        # a second after the last edit, the edits are folded into the .fdesk itself (no -wal needed)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_AFTER_MS)
        self.settle_timer.timeout.connect(self._settle)
        self._build_menus()

    # -- building -----------------------------------------------------------------------
    # What only a document, a failure or a menu needs is loaded on first use, after the window's
    # first paint: the backups, the recovery questions, the export and import machinery.
    @cached_property
    def backups(self) -> Backups | None:
        """The rotating backups in the user data folder (set in __init__ for smoke runs and tests)."""
        from desktop.store.backups import default_backups
        return default_backups()

    @cached_property
    def recovery(self) -> RecoveryController:
        from desktop.ui.recovery import RecoveryController
        return RecoveryController(self)

    @cached_property
    def exporter(self) -> ExportController:
        from desktop.ui.export_dialog import ExportController
        return ExportController(self)

    @cached_property
    def previewer(self) -> PreviewController:
        from desktop.ui.print_preview import PreviewController
        return PreviewController(self)

    @cached_property
    def excel(self) -> ExcelController:
        from desktop.ui.excel_dialog import ExcelController
        return ExcelController(self)

    @cached_property
    def text_checks(self) -> TextCheckController:
        from desktop.ui.text_check import TextCheckController
        return TextCheckController(self)

    @cached_property
    def code_tables(self) -> CodeTableController:
        from desktop.ui.code_table_dialog import CodeTableController
        return CodeTableController(self)

    def _fit_to_screen(self) -> None:
        """1400×900, or the screen's available area when it is smaller (a 1366×768 office screen)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1400, 900
        if area is not None and area.width() >= 640 and area.height() >= 480:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def _build_docks(self) -> None:
        """审核 and 绩效得分 share the right side as two tabs, so the tables keep the full height
        of the window; either dock can be dragged elsewhere, floated or closed (视图 menu)."""
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.findings_dock = QDockWidget("审核", self)
        self.findings_dock.setObjectName("findings_dock")
        self.findings_panel: FindingsPanel | None = None
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.score_dock = QDockWidget("绩效得分", self)
        self.score_dock.setObjectName("score_dock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.score_dock)
        self.tabifyDockWidget(self.findings_dock, self.score_dock)
        self.findings_dock.raise_()

    @cached_property
    def score_panel(self) -> ScorePanel:
        """The 绩效得分 panel, made when the first document's scores are shown: like the 审核 panel it
        has nothing to show before, and its dock starts behind the 审核 tab, so the window's first
        paint (start-up) does without it."""
        from desktop.ui.score_panel import ScorePanel
        panel = ScorePanel()
        self.score_dock.setWidget(panel)
        return panel

    def dock_width(self) -> int:
        """The docks' default width: about a quarter of the window's (within 340–500 pixels)."""
        return max(DOCK_MINIMUM, min(DOCK_MAXIMUM, round(self.width() * DOCK_SHARE)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """The docks keep their share of a resized (maximized, moved to a smaller screen) window,
        unless the clerk dragged their edge: then the clerk's width stays."""
        super().resizeEvent(event)
        if self._docks_dragged or event.oldSize().width() == event.size().width() or self.workspace is None:
            return
        if not self.findings_dock.isFloating() \
                and self.dockWidgetArea(self.findings_dock) == Qt.DockWidgetArea.RightDockWidgetArea:
            self.resizeDocks([self.findings_dock], [self.dock_width()], Qt.Orientation.Horizontal)

    def event(self, event) -> bool:  # noqa: D102 (Qt override)
        """A drag of the docks' edge (the separator belongs to the window) makes their width the clerk's."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._dock_width_pressed = self.findings_dock.width()
        handled = super().event(event)
        if kind == QEvent.Type.MouseButtonRelease and getattr(self, "_dock_width_pressed", None) is not None:
            if self.findings_dock.width() != self._dock_width_pressed:
                self._docks_dragged = True
            self._dock_width_pressed = None
        return handled

    def default_layout(self) -> None:
        """The docks at their default size for this window: about a quarter of its width (within
        340–500 pixels), the tables everything else."""
        for dock in (self.findings_dock, self.score_dock):
            if dock.isFloating():
                dock.setFloating(False)
            if self.dockWidgetArea(dock) != Qt.DockWidgetArea.RightDockWidgetArea:
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if self.tabifiedDockWidgets(self.findings_dock) != [self.score_dock]:
            self.tabifyDockWidget(self.findings_dock, self.score_dock)
        self.findings_dock.raise_()
        self._docks_dragged = False
        self.resizeDocks([self.findings_dock], [self.dock_width()], Qt.Orientation.Horizontal)

    def _action(self, menu, label: str, slot, shortcut=None) -> QAction:
        action = QAction(label, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu("文件(&F)")
        self._action(files, "新建…", self.new_document, QKeySequence.StandardKey.New)
        self._action(files, "打开…", self.choose_and_open, QKeySequence.StandardKey.Open)
        self.recent_menu = files.addMenu("最近打开")
        self.year_switcher = YearSwitcher(self, files)  # 年度 box left of the tabs, 文件 ▸ 切换年度
        self.unit_chooser = UnitChooser(self)  # 单位 box beside it, once the department has units
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 4, 0)
        corner_layout.setSpacing(4)
        corner_layout.addWidget(self.year_switcher.combo)
        corner_layout.addWidget(self.unit_chooser.combo)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopLeftCorner)
        self.year_switcher.combo.show()  # setCornerWidget hid it as the corner it was
        examples = files.addMenu("示例")
        for bundled in BUNDLED:
            action = self._action(examples, bundled.label, lambda _checked=False, b=bundled: self.open_bundled(b))
            action.setStatusTip(bundled.note)
            action.setToolTip(bundled.note)
        self._action(files, "从备份恢复…", lambda _checked=False: self.recovery.restore_from_menu())
        self.save_action = self._action(files, "保存", self.save, QKeySequence.StandardKey.Save)
        self.save_action.setStatusTip("每次修改都已自动写入文档，无需另行保存")
        self._action(files, "另存为…", self.save_as, QKeySequence.StandardKey.SaveAs)
        files.addSeparator()
        pdf_actions = (self._action(files, "导出PDF…", lambda _checked=False: self.exporter.export_publication(), "Ctrl+E"),
                       self._action(files, "导出Word…", lambda _checked=False: self.exporter.export_word(), "Ctrl+Shift+E"),
                       self._action(files, "导出审核说明PDF…", lambda _checked=False: self.exporter.export_audit()))
        print_actions = (self._action(files, "打印预览…", lambda _checked=False: self.previewer.open_preview(), "Ctrl+P"),
                         self._action(files, "打印…", lambda _checked=False: self.previewer.open_preview(print_now=True),
                                      "Ctrl+Shift+P"))
        print_actions[0].setStatusTip("按“导出PDF”生成的决算公开说明逐页预览，可直接打印")
        files.addSeparator()
        excel_actions = (self._action(files, "导出Excel…", lambda _checked=False: self.excel.export_workbook()),
                         self._action(files, "导出Excel模板…", lambda _checked=False: self.excel.export_template()),
                         self._action(files, "导入Excel…", lambda _checked=False: self.excel.import_workbook()),
                         self._action(files, "导入官方报表…", lambda _checked=False: self.excel.import_official()))
        excel_actions[-1].setStatusTip("从决算软件、一体化系统导出或财政局下发的公开报表工作簿导入第一部分各表的数据")
        prior_action = self._action(files, "从上年公开文件导入上年数…", lambda _checked=False: self.excel.import_prior_year())
        prior_action.setStatusTip("读取上年度已公开的决算公开 PDF 中第一部分的表，填入本年度各表的上年数")
        excel_actions += (prior_action,)
        files.addSeparator()
        check_action = self._action(files, "核对说明…", lambda _checked=False: self.text_checks.check_text_file())
        check_action.setStatusTip("把 Word、文本或已公开的 PDF 说明中的每个数字与表格核对")
        typed_action = self._action(files, "核对填写的文字", lambda _checked=False: self.text_checks.check_typed())
        typed_action.setStatusTip("把本文档中填写的原因、概况等文字里的每个数字与表格核对")
        checklist_action = self._action(files, "公开清单…", lambda _checked=False: self.open_checklist(), "Ctrl+Shift+L")
        checklist_action.setStatusTip("部门和各单位的公开情况：报表、三公、名词解释、绩效、导出检查、公开日期和批复后20日的期限")
        self.export_actions = pdf_actions + print_actions + excel_actions + (check_action, typed_action, checklist_action)
        self.import_codes_action = self._action(files, "导入科目表…", lambda _checked=False: self.code_tables.import_table())
        self.import_codes_action.setStatusTip("导入财政部门下发的政府收支分类科目（.xlsx 或 .csv），本机所有文档使用")
        for action in self.export_actions:
            action.setEnabled(False)  # until a document is open (_install)
        files.addSeparator()
        self._action(files, "退出", self.close, QKeySequence.StandardKey.Quit)
        self.edit_menu = bar.addMenu("编辑(&E)")
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        view = bar.addMenu("视图(&V)")
        units = view.addMenu("金额单位")
        self.unit_group = QActionGroup(self)
        self.unit_actions: dict[str, QAction] = {}
        for unit in UNIT_CHOICES:
            action = QAction(unit if unit != "按模板" else "按模板（决算表元、绩效表万元）", self, checkable=True)
            action.triggered.connect(lambda _checked=False, u=unit: self.set_unit(u))
            self.unit_group.addAction(action)
            units.addAction(action)
            self.unit_actions[unit] = action
        self.unit_actions.get(self.settings.unit, self.unit_actions["按模板"]).setChecked(True)
        view.addSeparator()
        overview = self._action(view, "单位一览…", lambda _checked=False: self.open_units_overview())
        overview.setStatusTip("部门汇总和每个单位的收入、支出合计，待处理的问题，是否可以公开")
        view.addAction(self.unit_chooser.pick_action)
        view.addSeparator()
        view.addAction(self.findings_dock.toggleViewAction())
        view.addAction(self.score_dock.toggleViewAction())
        self.find_bar = FindBar(self)  # 查找 (Ctrl+F, F3, Shift+F3): its actions join the 编辑 menu
        self.help = HelpController(self)
        helper = bar.addMenu("帮助(&H)")
        self._action(helper, "使用说明", lambda _checked=False: self.help.show_guide())
        table_help = self._action(helper, "本表说明", lambda _checked=False: self.help.show_context_help(), "F1")
        table_help.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        helper.addSeparator()
        self._action(helper, "打开日志文件夹", lambda _checked=False: self.open_log_folder())
        self._action(helper, "关于 FiscalDesk", self._about)
        self._refresh_recent()

    def _rebuild_edit_menu(self) -> None:
        self.edit_menu.clear()
        # not the stack's own actions: Workspace.undo/redo leave the history alone when a step fails
        self.undo_action = self._history_action("撤销", QKeySequence.StandardKey.Undo, forward=False)
        self.redo_action = self._history_action("重做", QKeySequence.StandardKey.Redo, forward=True)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        for label, method, shortcut in (("复制", "copy", None), ("粘贴", "paste", None),
                                        ("清除内容", "clear_selection_cells", None),
                                        ("插入行", "insert_row", "Ctrl+I"), ("添加行", "append_row", "Ctrl+Shift+N"),
                                        ("删除所选行", "remove_selected_rows", "Ctrl+Shift+Del")):
            action = QAction(label, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, m=method: self._on_focused_view(m))
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(self.find_bar.actions_for_menu())

    def _history_action(self, label: str, keys: QKeySequence.StandardKey, forward: bool) -> QAction:
        workspace = self.workspace
        stack = workspace.undo_stack
        action = QAction(label, self)
        action.setShortcuts(keys)

        def show_text(text: str) -> None:  # the signals' values only: the stack may be going away
            action.setText(f"{label} {text}" if text else label)

        (stack.redoTextChanged if forward else stack.undoTextChanged).connect(show_text)
        (stack.canRedoChanged if forward else stack.canUndoChanged).connect(action.setEnabled)
        show_text(stack.redoText() if forward else stack.undoText())
        action.setEnabled(stack.canRedo() if forward else stack.canUndo())
        action.triggered.connect(lambda _checked=False: workspace.redo() if forward else workspace.undo())
        return action

    def _on_focused_view(self, method: str) -> None:
        from desktop.ui.sheet_view import SheetView  # the tables' modules come with the first document
        widget = self.focusWidget()
        while widget is not None and not isinstance(widget, SheetView):
            widget = widget.parentWidget()
        if widget is None:
            self.statusBar().showMessage("请先点选一个表格中的单元格", 4000)
            return
        getattr(widget, method)()

    # -- documents ----------------------------------------------------------------------
    def open_document(self, path: Path, read_only: bool = False) -> bool:
        """Open for editing (locked, checked, backed up) or read-only; damaged and locked
        documents go to the recovery questions."""
        from desktop.store.lock import DocumentLocked, same_file  # with the first document: after the first paint
        path = Path(path)
        if self.file is not None and not self.file.read_only and not read_only and path.exists() \
                and (path.resolve() == self.file.path.resolve() or same_file(path, self.file.path)):
            return True  # already open here
        from desktop.store.opening import open_for_editing, open_read_only
        try:
            opened = open_read_only(path) if read_only else open_for_editing(path, self.backups)
        except DocumentLocked as exc:
            return self.recovery.locked(path, exc)
        except ReadOnlyLocation as exc:
            return self.recovery.locked(path, exc, title="文档所在位置只读")
        except (DamagedFile, NotAFiscalDeskFile) as exc:
            self.settings.forget(path)
            self._refresh_recent()
            return self.recovery.damaged(path, exc)
        except DocumentFileError as exc:
            QMessageBox.critical(self, "无法打开文档", str(exc))
            self.settings.forget(path)
            self._refresh_recent()
            return False
        except OSError as exc:
            QMessageBox.critical(self, "无法打开文档", f"无法读取“{path.name}”（{describe(exc)}）。")
            return False
        if not opened.document.years:
            opened.file.close()
            QMessageBox.critical(self, "无法打开文档", f"“{path.name}”中没有任何年度。")
            return False
        self._install(opened)
        if opened.backup_problem:
            self.show_problem(opened.backup_problem)
        elif opened.stale_lock is not None:
            self.statusBar().showMessage(f"“{path.name}”上次没有正常关闭（{opened.stale_lock.describe()}），"
                                         "遗留的文档锁已清除；已保存的修改都在文档中。", 15000)
        return True

    def _install(self, opened: OpenedDocument, year: int | None = None) -> None:
        """Edit `opened` at `year` (the 年度 switcher's choice; by default the year last shown)."""
        from desktop.editing.session import EditSession  # the editing machinery comes with the first document
        from desktop.ui.workspace import Workspace
        document, file = opened.document, opened.file
        try:  # before the current document is let go
            session = EditSession(document, file, self.year_switcher.year_to_open(file.path, document, year))
        except BaseException:
            if file is not self.file:
                file.close()
            raise
        if self.file is not None and self.file is not file:
            self.file.close()
        self.file = file
        if self.workspace is not None:
            self.workspace.deleteLater()
        self.workspace = Workspace(session, self, read_only=file.read_only)
        self.workspace.unit_override = self.settings.unit if self.settings.unit in UNIT_CHOICES else "按模板"
        self.workspace.changed.connect(self._on_changed)
        self.workspace.problem.connect(self.show_problem)
        self.workspace.reporting_unit_changed.connect(self._on_unit_shown)
        self.workspace.undo_stack.cleanChanged.connect(lambda _clean: None)
        self._rebuild_edit_menu()
        self._build_tabs()
        for action in self.export_actions:
            action.setEnabled(True)
        self.settings.remember(file.path, session.year)
        self._save_settings()
        self._refresh_recent()
        marker = "（只读）" if file.read_only else ""
        self.setWindowTitle(f"{document.department_name} {session.year}年度{marker} — FiscalDesk 部门决算公开与绩效自评助手")
        self.file_label.setText(file.path.name + marker)
        self.saved_label.setText("只读：不能修改" if file.read_only else "已保存")
        self.problem_bar.hide()
        self._refresh_findings()
        self._refresh_scores()
        self._show_code_table()
        self.year_switcher.refresh()
        self.unit_chooser.refresh()
        if self.checklist_dialog is not None and self.checklist_dialog.isVisible():
            self.checklist_dialog.refresh()
        if not self._layout_restored:
            self.default_layout()

    def _build_tabs(self) -> None:
        from desktop.ui.pages import ProjectsPage, SectionPage
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.views.clear()
        self.badges.clear()
        workspace = self.workspace
        for tab in workspace.editors.tabs:
            if len(tab.pages) == 1 and not tab.pages[0].projects:
                page = SectionPage(workspace, tab.pages[0].sections, self._register)
                self._add_tab(self.tabs, tab.label, page, tab.label)
                continue
            inner = QTabWidget()
            for sub in tab.pages:
                widget = ProjectsPage(workspace, sub, self._register) if sub.projects else \
                    SectionPage(workspace, sub.sections, self._register)
                self._add_tab(inner, sub.label, widget, f"{tab.label}/{sub.label}")
            self._add_tab(self.tabs, tab.label, inner, tab.label)
        from desktop.ui.findings_panel import FindingsPanel
        panel = FindingsPanel(workspace.editors.tab_label, [t.label for t in workspace.editors.tabs])
        panel.jumpRequested.connect(self.jump_to)
        panel.explanationEdited.connect(self._explain)
        from desktop.domain.department_units import reporting_units
        panel.set_units([(u.id, u.name) for u in reporting_units(workspace.document)])
        old = self.findings_dock.widget()
        self.findings_dock.setWidget(panel)
        if old is not None:
            old.deleteLater()
        self.findings_panel = panel
        self._badge_pages = self._page_of()
        if workspace.read_only:
            panel.read_only = True
            panel.editor.setPlaceholderText("文档以只读方式打开，不能填写说明")
        panel.editor.setMaximumHeight(120)  # the list of findings gets the height, not the text box

    def _add_tab(self, tabs: QTabWidget, label: str, widget: QWidget, key: str) -> None:
        index = tabs.addTab(widget, label)
        badge = QLabel()
        badge.setTextFormat(Qt.TextFormat.RichText)
        tabs.tabBar().setTabButton(index, tabs.tabBar().ButtonPosition.RightSide, badge)
        self.badges[key] = (tabs, index, badge)

    def _register(self, section: str, view: SheetView, page: QWidget, filter_column: str | None) -> None:
        self.views[section] = (view, page, filter_column)

    def open_bundled(self, bundled: Bundled) -> bool:
        """文件 ▸ 示例: a fresh copy of a bundled document, opened for editing."""
        if self.file is not None and self.file.path.name == bundled.file_name \
                and self.file.path.parent.name == EXAMPLES_FOLDER:
            self.file.close()  # the menu gives it back as shipped
            self.file = None
        try:
            path = fresh_bundled_copy(bundled)
        except (OSError, DocumentFileError) as exc:
            QMessageBox.critical(self, "无法打开示例", f"无法生成示例文档（{exc}）。如该示例已在另一个窗口中打开，请先关闭它。")
            return False
        return self.open_document(path)

    def choose_and_open(self) -> None:
        from desktop.ui.folders import default_folder, dialog_start
        from desktop.ui.new_document import FILE_FILTER
        folder = default_folder(self.file.path if self.file else None)
        path, _ = QFileDialog.getOpenFileName(self, "打开文档", dialog_start(folder), FILE_FILTER)
        if path:
            self.open_document(Path(path))

    def new_document(self) -> None:
        from desktop.ui.new_document import NewDocumentDialog
        current = self.workspace.document if self.workspace else None
        dialog = NewDocumentDialog(self, current, self.file.path if self.file else None)
        if dialog.exec() != NewDocumentDialog.DialogCode.Accepted:
            return
        self.create_document(dialog.document(), dialog.path())

    def create_document(self, document: Document, path: Path) -> bool:
        from desktop.store.opening import create_for_editing
        try:
            opened = create_for_editing(path, document)
        except (DocumentFileError, OSError) as exc:
            QMessageBox.critical(self, "无法新建文档", str(exc))
            return False
        self._install(opened)
        self.statusBar().showMessage(f"已新建：{path}", 6000)
        return True

    def save(self) -> None:
        """Ctrl+S: every edit is already in the file (committed as it is made); say so, no dialog."""
        if self.workspace is None:
            self.statusBar().showMessage("没有打开的文档。", 6000)
        elif self.file is not None and self.file.read_only:
            self.statusBar().showMessage("文档以只读方式打开，不能在这里保存。要保留一份可以修改的副本，请用 文件 ▸ 另存为…。",
                                         10000)
        else:
            saved_at = self.workspace.session.saved_at
            when = f"已自动保存 {saved_at:%H:%M:%S}" if saved_at is not None else "已自动保存"
            self.statusBar().showMessage(f"{when}（每次修改都已写入文档，无需另行保存）", 8000)

    def save_as(self) -> None:
        from desktop.ui.new_document import FILE_FILTER
        if self.workspace is None:
            return
        from desktop.ui.folders import default_folder, dialog_start
        default = default_folder(self.file.path) / f"{self.file.path.stem}-副本.fdesk"
        path, _ = QFileDialog.getSaveFileName(self, "另存为", dialog_start(default), FILE_FILTER)
        if path:
            self.save_copy_as(Path(path if path.endswith(".fdesk") else path + ".fdesk"))

    def save_copy_as(self, path: Path) -> bool:
        """Write the document to `path` (atomically replacing it) and continue editing there."""
        from desktop.store.lock import same_file
        from desktop.store.opening import save_copy
        if self.file is not None and (path.resolve() == self.file.path.resolve() or same_file(path, self.file.path)):
            return True
        try:
            opened = save_copy(self.workspace.document, path, self.backups)
        except DocumentFileError as exc:
            QMessageBox.critical(self, "另存为失败", f"{exc}\n原文档未受影响。")
            return False
        except OSError as exc:
            QMessageBox.critical(self, "另存为失败", f"无法写入“{path.name}”（{describe(exc)}）。原文档未受影响。")
            return False
        self._install(opened)
        if opened.backup_problem:
            self.show_problem(opened.backup_problem)
        elif opened.backup is not None:
            self.statusBar().showMessage(f"被替换的“{path.name}”已先备份（{opened.backup.label}），可从 文件 ▸ 从备份恢复 找回。",
                                         15000)
        return True

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for text in self.settings.recent:
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, p=text: self.open_document(Path(p)))
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(self.settings.recent))

    def _save_settings(self) -> None:
        if not self.persist:
            return
        try:
            save_settings(self.settings, self.settings_file)
        except OSError:
            pass  # settings are a convenience; the document is already safe

    # -- live updates ---------------------------------------------------------------------
    def _on_changed(self, outcome) -> None:
        self.problem_bar.hide()
        self._apply_findings(outcome)
        if outcome.saved_at is not None:
            self.saved_label.setText(f"已保存 {outcome.saved_at:%H:%M:%S}")
        if outcome.pruned:
            self.statusBar().showMessage(f"问题已消除，{len(outcome.pruned)} 条说明随之删除（撤销可恢复）", 6000)
        self.score_timer.start()
        self.settle_timer.start()
        self.unit_chooser.refresh()  # its entries carry each unit's open problems
        if self.checklist_dialog is not None:
            self.checklist_dialog.follow()
        if self.units_overview is not None:
            self.units_overview.follow()
        if any(f.scope is None and f.section == "units" for f in outcome.applied.fields):
            from desktop.domain.department_units import reporting_units
            self.findings_panel.set_units([(u.id, u.name) for u in reporting_units(self.workspace.document)])

    def _settle(self) -> None:
        if self.file is not None:
            self.file.settle()

    def _refresh_findings(self) -> None:
        """The 审核 panel and the badges from the session's whole list (a document opened, the
        year 审核 again)."""
        self.findings_panel.set_findings(self.workspace.session.findings)
        self._refresh_badges()

    def _apply_findings(self, outcome) -> None:
        """After an edit: the panel applies the edit's delta (and the explanations it changed)
        row by row, and the badges are recounted from the panel's per-section tally."""
        session = self.workspace.session
        explanations = session.year_data.explanations
        explained = [(rule, location) for year, rule, location, _text in outcome.applied.write.explanations
                     if year == session.year]
        panel = self.findings_panel
        panel.apply(outcome.delta, explanations.get, explained)
        if panel.model.rowCount() != session.finding_count():  # never expected: show the session's list
            panel.set_findings(session.findings)
        self._refresh_badges()

    def _page_of(self) -> dict[str, str]:
        """Section key -> the badge key of its page ("tab/page", or the tab when it has one page)."""
        page_of = {}
        for tab in self.workspace.editors.tabs:
            for page in tab.pages:
                keys = list(page.sections) + ([page.projects.list_section, *page.projects.children] if page.projects else [])
                for key in keys:
                    page_of[key] = f"{tab.label}/{page.label}" if len(tab.pages) > 1 else tab.label
        return page_of

    def open_units_overview(self):
        """视图 ▸ 单位一览…: the department's units at a glance."""
        from desktop.ui.units_overview import open_overview
        return open_overview(self)

    def open_checklist(self):
        """文件 ▸ 公开清单…: the department's and every unit's publication, beside the tables."""
        from desktop.ui.checklist_dialog import open_checklist
        return open_checklist(self)

    def _on_unit_shown(self) -> None:
        """Another unit (or the 汇总) shown: the badges count what it shows; the 审核 panel lists it."""
        self._refresh_badges()
        self.findings_panel.show_unit(self.workspace.reporting_unit)
        self.unit_chooser.refresh()

    def _refresh_badges(self) -> None:
        counts: dict[str, list[int]] = {key: [0, 0] for key in self.badges}
        editors = self.workspace.editors
        page_of = self._badge_pages
        from desktop.domain.department_units import split_key
        shown = self.workspace.reporting_unit
        per_unit = set(self.workspace.document.schema.per_unit_keys)
        for qualified, (errors, warnings) in self.findings_panel.model.tally.sections.items():
            section, unit = split_key(qualified)
            if unit != shown and (unit is not None or section in per_unit):
                continue  # another unit's, or the 汇总's while a unit is shown
            tab = editors.tab_label(section)
            for key in {tab, page_of.get(section, tab)}:
                if key in counts:
                    counts[key][0] += errors
                    counts[key][1] += warnings
        for key, (tabs, index, badge) in self.badges.items():
            errors, warnings = counts[key]
            text = badge_html(errors, warnings)
            tip = f"错误 {errors} 个，待说明的提示 {warnings} 个"
            if tip != badge.toolTip():
                badge.setToolTip(tip)
            if text != badge.text():
                badge.setText(text)
                badge.adjustSize()
                self._reseat_badge(tabs, index, badge)

    @staticmethod
    def _reseat_badge(tabs: QTabWidget, index: int, badge: QLabel) -> None:
        """The tab bar sizes a tab for its button when the button is set: set it again so a badge
        that grew (1 → 163) widens its tab instead of overlapping the label."""
        bar = tabs.tabBar()
        position = bar.ButtonPosition.RightSide
        if bar.tabButton(index, position) is badge:
            bar.setTabButton(index, position, None)
        bar.setTabButton(index, position, badge)

    def badge_counts(self) -> dict[str, tuple[int, int]]:
        """(errors, warnings awaiting an explanation) per tab label, as the badges show them."""
        result = {}
        for key, (_tabs, _index, badge) in self.badges.items():
            text = badge.toolTip()
            numbers = [int(n) for n in text.replace("，", " ").split() if is_ascii_digits(n)]
            result[key] = (numbers[0], numbers[1]) if len(numbers) == 2 else (0, 0)
        return result

    def _show_code_table(self) -> None:
        """The status bar names the code table 审核 used; the document records it."""
        from desktop.domain.codes import INCOMPLETE_HINT, code_table
        from desktop.store.code_tables import record_stamp
        stamp = code_table(self.workspace.year).stamp()
        if self.file is not None:
            record_stamp(self.file, self.workspace.year, stamp)
        self.codes_label.setText(f"科目表：{stamp.source}")
        self.codes_label.setStyleSheet("" if stamp.official else f"color:{WARNING_COLOUR};")
        hint = "" if stamp.official else f"\n{INCOMPLETE_HINT}；在此之前科目名称和编码的审核（N-13、W-09）为提示信息。"
        self.codes_label.setToolTip(f"审核依据 {stamp.describe()}{hint}")
        self.findings_dock.setToolTip(self.codes_label.toolTip())

    def code_tables_changed(self) -> None:
        """A code table was imported: 审核 the open year again against it."""
        if self.workspace is None:
            return
        self.workspace.session.revalidate()
        for view, _page, _filter in self.views.values():
            view.sheet().refresh_findings()
        self._refresh_findings()
        self._show_code_table()

    def _refresh_scores(self) -> None:
        if self.workspace is not None:
            self.score_panel.set_scores(self.workspace.show_scores())

    def show_problem(self, message: str) -> None:
        self.problem_bar.setText(f"未修改：{message}")
        self.problem_bar.show()
        self.statusBar().showMessage(message, 10000)

    def set_unit(self, unit: str) -> None:
        self.settings.unit = unit
        self._save_settings()
        if self.workspace is not None:
            self.workspace.set_unit(unit)

    # -- the 审核 panel -----------------------------------------------------------------
    def _explain(self, finding: Finding, text: str) -> None:
        from desktop.editing.commands import SetExplanation
        self.workspace.push(SetExplanation(finding.year, finding.rule, finding.location.key, text))

    def jump_to(self, finding: Finding) -> bool:
        """Show the tab, page and cell a finding names, and put the cursor there."""
        from desktop.ui.pages import ProjectsPage
        from desktop.domain.department_units import split_key
        location = finding.location
        section, unit = split_key(location.section)
        if location.section in self.workspace.document.schema.per_unit_keys or unit is not None:
            if unit != self.workspace.reporting_unit and not self.unit_chooser.choose(unit):
                return False
            location = Location(section, location.row, location.column)
        entry = self.views.get(location.section)
        if entry is None:
            return False
        view_key, project = location.section, None
        _view, page, filter_column = entry
        if isinstance(page, ProjectsPage):
            if location.section == "projects":
                project = location.row
                if location.column and location.column not in {s.key for s in page.list_model.specs}:
                    view_key = "projects#record"
            elif filter_column:
                row = self.workspace.document.year(self.workspace.year).section(location.section).rows.get(location.row, {})
                project = row.get(filter_column) or None
        return self.show_cell(view_key, location.row, location.column, project, focus=True)

    def show_cell(self, view_key: str, row_id: str, column: str | None, project: str | None = None,
                  focus: bool = False) -> bool:
        """Show the tab, page (and project) of a cell and make it current; with `focus` the table
        takes the keyboard and a cell that is not there falls back to the table's first."""
        from desktop.ui.pages import ProjectsPage
        entry = self.views.get(view_key)
        if entry is None:
            return False
        view, page, _filter = entry
        if project is not None and isinstance(page, ProjectsPage):
            page.select_project(project)
        self._show_page(page)
        model = view.sheet()
        index = model.index_of(row_id, column)
        if not index.isValid() and focus and model.rowCount():
            index = model.index(0, 0)
        if index.isValid():
            view.setCurrentIndex(index)
            view.scrollTo(index)
        page.reveal(view)
        if focus:
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        return index.isValid()

    def _show_page(self, page: QWidget) -> None:
        widget = page
        while widget is not None:
            parent = widget.parentWidget()
            tabs = parent.parentWidget() if parent is not None else None
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(widget)
            widget = parent

    # -- closing ------------------------------------------------------------------------
    def screen_key(self) -> str:
        """The size of the screen the window is on ("1366x768"): the layout is remembered per size."""
        screen = self.screen()
        if screen is None:
            return ""
        area = screen.geometry()
        return f"{area.width()}x{area.height()}"

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        state = bytes(self.saveState().toBase64()).decode("ascii")
        self.settings.window_geometry, self.settings.window_state = geometry, state
        self.settings.remember_layout(self.screen_key(), geometry, state)
        if self.screen_key() in self.settings.layouts:
            self.settings.layouts[self.screen_key()]["dragged"] = self._docks_dragged
        self._save_settings()
        if self.file is not None:
            self.file.close()
            self.file = None
        super().closeEvent(event)

    def restore_layout(self) -> None:
        """The window and docks as last left on a screen of this size; on a screen size not seen
        before, the default layout for it (a layout from a larger screen would not fit)."""
        saved = self.settings.layout_for(self.screen_key())
        if saved is None:
            return
        geometry, state = saved
        self._docks_dragged = bool(self.settings.layouts.get(self.screen_key(), {}).get("dragged"))
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if state:
            self._layout_restored = self.restoreState(QByteArray.fromBase64(state.encode("ascii")))

    def open_log_folder(self) -> bool:
        """帮助 ▸ 打开日志文件夹: where the log is, for the office's IT staff."""
        from desktop.logs import log_dir
        from desktop.ui.qt import QDesktopServices, QUrl
        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(self, "打开日志文件夹", f"无法建立日志文件夹“{folder}”（{describe(exc)}）。")
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        QMessageBox.information(self, "打开日志文件夹", f"日志文件夹：{folder}")
        return False

    def _about(self) -> None:
        from desktop import __version__
        QMessageBox.about(self, "关于 FiscalDesk",
                          f"FiscalDesk 部门决算公开与绩效自评助手 {__version__}\n离线运行，不连接网络。")
