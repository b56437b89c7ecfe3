"""The pages of the tabs: each section in a titled box, laid out as editors.json declares.

A page is a scrolling column of tables, titled as on the official forms (表7 财政拨款“三公”经费
支出决算表，单位：元). The 项目自评 page lists the projects on the left and shows the selected
project's 自评表 — its header fields, funds and indicators — on the right. Every view a finding
can point at is registered, so the 审核 panel can jump to its cell.
"""

from __future__ import annotations

from typing import Callable

from desktop.domain import table_sets
from desktop.ui.editors import Page
from desktop.ui.qt import (QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, Qt, QVBoxLayout,
                           QWidget)
from desktop.ui.sheet_model import SheetModel
from desktop.ui.sheet_view import SheetView
from desktop.ui.workspace import Workspace


class SectionBox(QGroupBox):
    """A titled table with, for variable tables, 添加行 / 插入行 / 删除行 buttons."""

    def __init__(self, view: SheetView, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        model = view.sheet()
        if model.is_variable():
            buttons = QHBoxLayout()
            for label, slot in (("添加行", view.append_row), ("插入行", view.insert_row),
                                ("删除行", view.remove_selected_rows)):
                button = QPushButton(label)
                button.setAutoDefault(False)
                button.setEnabled(not model.workspace.read_only)
                if model.workspace.read_only:
                    button.setToolTip("文档以只读方式打开，不能修改")
                button.clicked.connect(slot)
                buttons.addWidget(button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        layout.addWidget(view)


def section_title(workspace: Workspace, section_key: str) -> str:
    """"表7 财政拨款“三公”经费支出决算表（单位：元）": the number and title the PDF, the Excel
    workbook and the 审核 messages use (the profile's table set), else the section's label."""
    section = workspace.editors.schema.section(section_key)
    profile = workspace.document.year(workspace.year).profile if section.scope == "year" else ""
    name = table_sets.section_title(profile, section_key, section.label) if profile else section.label
    has_money = any(c.type == "money" for c in section.columns)
    unit = f"（单位：{workspace.unit_for(section_key)}）" if has_money else ""
    return f"{name}{unit}"


class SectionPage(QScrollArea):
    """A scrolling column of section boxes."""

    def __init__(self, workspace: Workspace, sections: tuple[str, ...], register: Callable, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWidgetResizable(True)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(10, 10, 10, 10)
        self.column.setSpacing(12)
        self.boxes: list[SectionBox] = []
        profile = workspace.document.year(workspace.year).profile
        for key in sections:
            if not workspace.editors.schema.section(key).used_by(profile):
                continue  # a table only other profiles publish (the 2023 municipal set's extra tables)
            view = SheetView(SheetModel(workspace, key))
            box = SectionBox(view, section_title(workspace, key))
            self.boxes.append(box)
            self.column.addWidget(box)
            register(key, view, self, None)
        self.column.addStretch(1)
        self.setWidget(inner)
        workspace.unit_changed.connect(self._retitle)

    def _retitle(self) -> None:
        for box in self.boxes:
            box.setTitle(section_title(self.workspace, box.view.sheet().section.key))

    def reveal(self, view: SheetView) -> None:
        self.ensureWidgetVisible(view.parentWidget(), 10, 40)


class ProjectsPage(QWidget):
    """The 项目自评 page: summary form on top, project list on the left, its 自评表 on the right."""

    def __init__(self, workspace: Workspace, page: Page, register: Callable, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        spec = page.projects
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.summary = SectionPage(workspace, page.sections, register)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 4, 10)
        self.list_model = SheetModel(workspace, spec.list_section, only_columns=spec.list_columns)
        self.list_view = SheetView(self.list_model)
        self.list_view.setMaximumHeight(16777215)
        self.list_view.setMinimumHeight(160)
        list_box = SectionBox(self.list_view, "项目（选中后在右侧填写其自评表）")
        left_layout.addWidget(list_box, 1)
        left_layout.addWidget(self.summary, 1)
        register(spec.list_section, self.list_view, self, None)

        self.detail = QScrollArea()
        self.detail.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 10, 10, 10)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        column.addWidget(self.heading)
        self.record_model = SheetModel(workspace, spec.list_section, fields=True, record=None)
        self.record_view = SheetView(self.record_model)
        column.addWidget(SectionBox(self.record_view, "项目基本信息与自评结论"))
        self.children: list[SheetView] = []
        for key in spec.children:
            section = workspace.editors.schema.section(key)
            ref = next(c.key for c in section.columns if c.type == "ref" and c.target == spec.list_section)
            view = SheetView(SheetModel(workspace, key, filter_column=ref, filter_value=None))
            self.children.append(view)
            column.addWidget(SectionBox(view, section_title(workspace, key)))
        column.addStretch(1)
        self.detail.setWidget(inner)
        for view in self.children:
            register(view.sheet().section.key, view, self, view.sheet().filter_column)
        register(f"{spec.list_section}#record", self.record_view, self, None)

        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter)
        self.list_view.selectionModel().currentRowChanged.connect(self._project_changed)
        self.list_model.modelReset.connect(self._after_list_reset)
        self._after_list_reset()

    def current_project(self) -> str | None:
        index = self.list_view.currentIndex()
        rows = self.list_model.document_rows()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def select_project(self, row_id: str) -> None:
        index = self.list_model.index_of(row_id, self.list_model.specs[0].key)
        if index.isValid():
            self.list_view.setCurrentIndex(index)

    def _after_list_reset(self) -> None:
        if self.current_project() is None and self.list_model.document_rows():
            self.list_view.setCurrentIndex(self.list_model.index(0, 0))
        self._project_changed()

    def _project_changed(self, *_args) -> None:
        project = self.current_project()
        if project == self.record_model.record:
            return
        self.record_model.set_record(project)
        self.record_view.apply_widths()
        self.record_view._fit_height()
        for view in self.children:
            view.sheet().set_filter_value(project)
        name = self.workspace.document.year(self.workspace.year).section("projects").rows.get(project or "", {}).get("name")
        self.heading.setText(f"项目支出绩效自评表：{name}" if project else "尚无项目：在左侧“添加行”新建项目")

    def reveal(self, view: SheetView) -> None:
        if view in self.children or view is self.record_view:
            self.detail.ensureWidgetVisible(view.parentWidget(), 10, 40)
        else:
            self.summary.reveal(view) if view.parentWidget() in [b for b in self.summary.boxes] else None
