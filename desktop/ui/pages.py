"""The pages of the tabs: each section in a titled box, laid out as editors.json declares.

A page is one scrolling column of tables (the tables never scroll themselves), titled as on the official forms (表7 财政拨款“三公”经费
支出决算表，单位：元). The 项目自评 page lists the projects on the left and shows the selected
project's 自评表 — its header fields, funds and indicators — and the summary form on the right, in
one scroll area. Every view a finding
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


class SectionColumn(QWidget):
    """A column of section boxes, each table as tall as its rows (the page around it scrolls)."""

    def __init__(self, workspace: Workspace, sections: tuple[str, ...], register: Callable, page: QWidget,
                 parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.column = QVBoxLayout(self)
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
            register(key, view, page, None)
        self.column.addStretch(1)
        workspace.unit_changed.connect(self._retitle)

    def _retitle(self) -> None:
        for box in self.boxes:
            box.setTitle(section_title(self.workspace, box.view.sheet().section.key))


def reveal_in(area: QScrollArea, view: SheetView) -> None:
    """Scroll `area` to the view's current cell (or, without one, to the top of its box)."""
    current = view.currentIndex()
    if current.isValid():
        view.scrollTo(current)
    else:
        area.ensureWidgetVisible(view.parentWidget(), 10, 40)


class SectionPage(QScrollArea):
    """A scrolling column of section boxes: the page's one vertical scrollbar."""

    def __init__(self, workspace: Workspace, sections: tuple[str, ...], register: Callable, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWidgetResizable(True)
        self.sections = SectionColumn(workspace, sections, register, self)
        self.column = self.sections.column
        self.boxes = self.sections.boxes
        self.setWidget(self.sections)

    def reveal(self, view: SheetView) -> None:
        reveal_in(self, view)


class ProjectsPage(QWidget):
    """The 项目自评 page: the project list on the left; on the right, in the page's one scroll area,
    the selected project's 自评表 (header fields, funds, indicators) and then the summary form."""

    def __init__(self, workspace: Workspace, page: Page, register: Callable, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        spec = page.projects
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 4, 10)
        self.list_model = SheetModel(workspace, spec.list_section, only_columns=spec.list_columns)
        self.list_view = SheetView(self.list_model)
        self.list_view.scrolls_itself()  # not inside a scroll area: the list keeps its own scrollbar
        list_box = SectionBox(self.list_view, "项目（选中后在右侧填写其自评表）")
        left_layout.addWidget(list_box, 1)
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
        self.summary = SectionColumn(workspace, page.sections, register, self)
        self.summary.column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addStretch(1)
        self.detail.setWidget(inner)
        for view in self.children:
            register(view.sheet().section.key, view, self, view.sheet().filter_column)
        register(f"{spec.list_section}#record", self.record_view, self, None)

        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 780])  # the names need little room, the 自评表 the rest
        layout.addWidget(splitter)
        self.list_view.selectionModel().currentRowChanged.connect(self._project_changed)
        self.list_model.modelReset.connect(self._after_list_reset)
        self.list_model.rowsInserted.connect(lambda *_args: self._after_list_reset())
        self.list_model.rowsRemoved.connect(lambda *_args: self._after_list_reset())
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
        self.record_view.lay_out()
        for view in self.children:
            view.sheet().set_filter_value(project)
        name = self.workspace.document.year(self.workspace.year).section("projects").rows.get(project or "", {}).get("name")
        self.heading.setText(f"项目支出绩效自评表：{name}" if project else "尚无项目：在左侧“添加行”新建项目")

    def reveal(self, view: SheetView) -> None:
        if view is not self.list_view:
            reveal_in(self.detail, view)
