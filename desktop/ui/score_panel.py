"""The 绩效得分 panel: the department score and grade at a glance, every item and project below.

It shows the scoring core's JSON (`EditSession.scores()`) as it is: totals and scores are the
two-decimal strings the core computed, never re-rounded here. Each item's tooltip says how it
was computed (formula, worked explanation, problems), so a clerk can check any number. The
panel is rebuilt on every change; expansion, the current item and the scroll position are
restored by item key so a live update does not disturb the reader.
"""

from __future__ import annotations

import html
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.ui.qt import (QAbstractItemView, QBrush, QColor, QEvent, QFont, QHBoxLayout, QHeaderView, QLabel,
                           QScrollArea, QSplitter, Qt, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

AMBER = QColor("#b26a00")
GREY = QColor("#757575")
RED = QColor("#c62828")
NO_DEPARTMENT = "本年度未填写部门整体评分表"
NO_PROJECTS = "尚无项目"
DEPARTMENT_TITLE = "部门整体绩效评价"
PROJECTS_TITLE = "项目支出绩效自评"

COLUMNS = ("评分项", "分值", "得分", "填报", "等级")
LABEL_COLUMN, POINTS_COLUMN, SCORE_COLUMN, REPORTED_COLUMN, GRADE_COLUMN = range(len(COLUMNS))
KeyRole = Qt.ItemDataRole.UserRole
# Built once: 800 projects make some 11,000 rows, and combining Qt flags in Python is not free
FIGURE_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
GRADE_ALIGNMENT = Qt.AlignmentFlag.AlignCenter
FIGURE_COLUMNS = (POINTS_COLUMN, SCORE_COLUMN, REPORTED_COLUMN)


def difference(total: str | None, reported: str | None) -> str | None:
    """The amber line under a total that differs from the reported one, or None when they agree."""
    if reported is None:
        return None
    if total is None:
        return f"填报 {reported}，计算总分无法得出"
    try:
        gap = Decimal(total) - Decimal(reported)
    except InvalidOperation:
        return None
    return None if gap == 0 else f"填报 {reported}，相差 {gap:f}"


def item_tooltip(item: dict[str, Any]) -> str:
    parts = [f"<b>{html.escape(item['label'])}</b>"]
    if item.get("formula"):
        parts.append(f"公式：{html.escape(item['formula'])}")
    if item.get("explanation"):
        parts.append(f"计算：{html.escape(item['explanation'])}")
    parts += [f"<span style='color:{AMBER.name()}'>问题：{html.escape(p)}</span>" for p in item.get("problems", [])]
    return "<p>" + "<br>".join(parts) + "</p>"


def result_tooltip(result: dict[str, Any]) -> str:
    total = result.get("total")
    parts = [f"<b>{html.escape(result['name'])}</b>",
             f"总分 {total}　等级 {result.get('grade') or '—'}" if total is not None else "总分无法计算"]
    if result.get("reported_total") is not None:
        parts.append(f"填报总分 {result['reported_total']}")
    parts += [f"<span style='color:{AMBER.name()}'>{html.escape(n)}</span>" for n in result.get("notes", [])]
    return "<p>" + "<br>".join(parts) + "</p>"


def project_keys(projects: list[dict[str, Any]]) -> list[str]:
    """Each project's key in the tree: its name, numbered when two projects share it."""
    seen: dict[str, int] = {}
    keys = []
    for result in projects:
        seen[result["name"]] = seen.get(result["name"], 0) + 1
        keys.append(f"project:{result['name']}#{seen[result['name']]}")
    return keys


def projects_title(projects: list[dict[str, Any]]) -> str:
    return f"{PROJECTS_TITLE}（{len(projects)} 个）" if projects else PROJECTS_TITLE


class ScoreTree(QTreeWidget):
    """The tree; the label column takes the width left over, but never less than a readable minimum."""

    LABEL_MINIMUM = 100  # a narrow dock: names are elided (the tooltip has them whole), the figures stay in view

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_label_column()
        return super().viewportEvent(event)

    def fit_label_column(self) -> None:
        header = self.header()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != LABEL_COLUMN)
        header.resizeSection(LABEL_COLUMN, max(self.viewport().width() - others, self.LABEL_MINIMUM))


class ScorePanel(QWidget):
    """Department header (total, grade, gap to the reported total), the item tree, the notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._expanded: dict[str, bool] = {}   # explicit expand/collapse by the user, by item key
        self._building = False
        self._scores: dict[str, Any] = {"department": None, "projects": []}

        self.title_label = QLabel(DEPARTMENT_TITLE)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.name_label = QLabel()
        self.name_label.setStyleSheet(f"color: {GREY.name()}")
        self.total_label = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 2.2)
        big.setBold(True)
        self.total_label.setFont(big)
        self.grade_label = QLabel()
        grade_font = QFont(self.font())
        grade_font.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 1.4)
        grade_font.setBold(True)
        self.grade_label.setFont(grade_font)
        self.reported_label = QLabel()
        self.reported_label.setStyleSheet(f"color: {AMBER.name()}")
        self.empty_label = QLabel(NO_DEPARTMENT)
        self.empty_label.setStyleSheet(f"color: {GREY.name()}")

        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addWidget(self.name_label, 1)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_label)
        total_row.addSpacing(8)
        total_row.addWidget(self.grade_label, 0, Qt.AlignmentFlag.AlignBottom)
        total_row.addSpacing(12)
        total_row.addWidget(self.reported_label, 0, Qt.AlignmentFlag.AlignBottom)
        total_row.addStretch(1)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addLayout(title_row)
        header.addLayout(total_row)
        header.addWidget(self.empty_label)

        self.tree = ScoreTree()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(False)
        tree_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        for column, sample in ((POINTS_COLUMN, "100.00"), (SCORE_COLUMN, "无法计算"), (REPORTED_COLUMN, "100.00"),
                               (GRADE_COLUMN, "优秀")):
            tree_header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                                  metrics.horizontalAdvance(COLUMNS[column])) + 16)
        self.tree.fit_label_column()

        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes_label.setStyleSheet(f"color: {AMBER.name()}")
        self.notes_area = QScrollArea()
        self.notes_area.setWidget(self.notes_label)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QScrollArea.Shape.NoFrame)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.notes_area)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        self.tree.itemExpanded.connect(lambda item: self._remember(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._remember(item, False))
        self.setFocusProxy(self.tree)
        self.set_scores(self._scores)

    # -- public ---------------------------------------------------------------------------
    def set_scores(self, scores: dict[str, Any]) -> None:
        """Show `EditSession.scores()`: {"department": result | None, "projects": [result …]}."""
        previous, self._scores = self._scores, scores
        department, projects = scores.get("department"), list(scores.get("projects") or [])
        self._show_header(department)
        self._show_notes(department, projects)
        if self._update_in_place(previous, department, projects):
            return
        current = self.tree.currentItem()
        current_key = current.data(LABEL_COLUMN, KeyRole) if current is not None else None
        scroll = self.tree.verticalScrollBar().value()
        self._building = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            if department is not None:
                self._add_result(self.tree.invisibleRootItem(), "department", department, title=DEPARTMENT_TITLE)
            group = self._row(self.tree.invisibleRootItem(), "projects", [projects_title(projects)])
            self._bold(group)
            if projects:
                for key, result in zip(project_keys(projects), projects):
                    self._add_result(group, key, result)
            else:
                empty = self._row(group, "projects/empty", [NO_PROJECTS])
                empty.setForeground(LABEL_COLUMN, QBrush(GREY))
            self._restore_expansion(self.tree.invisibleRootItem())
            if current_key is not None:
                found = self._find(self.tree.invisibleRootItem(), current_key)
                if found is not None:
                    self.tree.setCurrentItem(found)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._building = False
        self.tree.verticalScrollBar().setValue(scroll)

    def _update_in_place(self, previous: dict[str, Any], department: dict[str, Any] | None,
                         projects: list[dict[str, Any]]) -> bool:
        """After an edit: replace only the results that changed (the session keeps an untouched
        project's result as the same object), take out the projects removed and put in the ones
        added or renamed, where they belong; False when the tree must be built again (no project
        before or after, the department appeared or went)."""
        before = list(previous.get("projects") or [])
        root = self.tree.invisibleRootItem()
        offset = 1 if previous.get("department") is not None else 0
        if (previous.get("department") is None) != (department is None) or not before or not projects \
                or root.childCount() != offset + 1:
            return False
        self._building = True
        try:
            if department is not None and department != previous.get("department"):
                self._replace(root, 0, "department", department, DEPARTMENT_TITLE)
            group = root.child(offset)
            old_keys, keys = project_keys(before), project_keys(projects)
            from difflib import SequenceMatcher  # loaded on first use: not before the window's first paint
            matcher = SequenceMatcher(None, old_keys, keys, autojunk=False)
            for tag, start, end, new_start, new_end in reversed(matcher.get_opcodes()):  # from the end: places hold
                if tag == "equal":
                    for offset_in_run in range(end - start):
                        old, new = before[start + offset_in_run], projects[new_start + offset_in_run]
                        if new is not old and new != old:
                            self._replace(group, start + offset_in_run, keys[new_start + offset_in_run], new)
                    continue
                for index in reversed(range(start, end)):
                    group.takeChild(index)
                for position in range(new_start, new_end):
                    self._insert(group, start + position - new_start, keys[position], projects[position])
            if len(before) != len(projects):
                group.setText(LABEL_COLUMN, projects_title(projects))
        finally:
            self._building = False
        return True

    def _insert(self, parent: QTreeWidgetItem, index: int, key: str, result: dict[str, Any]) -> None:
        """A result put in at `index` of `parent`, opened as it was when it was last shown."""
        self._add_result(parent, key, result)
        fresh = parent.takeChild(parent.childCount() - 1)
        parent.insertChild(index, fresh)
        fresh.setExpanded(self._expanded.get(key, self._default_expanded(fresh)))
        self._restore_expansion(fresh)

    def _replace(self, parent: QTreeWidgetItem, index: int, key: str, result: dict[str, Any],
                 title: str | None = None) -> None:
        """The result at `index` of `parent` shown anew, where it was, opened as it was."""
        current = self.tree.currentItem()
        current_key = current.data(LABEL_COLUMN, KeyRole) if current is not None else None
        self._add_result(parent, key, result, title)
        fresh = parent.takeChild(parent.childCount() - 1)
        parent.takeChild(index)
        parent.insertChild(index, fresh)
        fresh.setExpanded(self._expanded.get(key, self._default_expanded(fresh)))
        self._restore_expansion(fresh)
        if current_key is not None and (current_key == key or str(current_key).startswith(f"{key}/")):
            found = self._find(fresh, current_key) if current_key != key else fresh
            if found is not None:
                self.tree.setCurrentItem(found)

    def scores(self) -> dict[str, Any]:
        return self._scores

    def item_by_key(self, key: str) -> QTreeWidgetItem | None:
        return self._find(self.tree.invisibleRootItem(), key)

    # -- header and notes -----------------------------------------------------------------
    def _show_header(self, department: dict[str, Any] | None) -> None:
        present = department is not None
        for widget in (self.name_label, self.total_label, self.grade_label):
            widget.setVisible(present)
        self.empty_label.setVisible(not present)
        if department is None:
            self.reported_label.hide()
            return
        total = department.get("total")
        self.name_label.setText(department.get("name") or "")
        self.total_label.setText(total if total is not None else "—")
        self.total_label.setToolTip(result_tooltip(department))
        self.total_label.setStyleSheet("" if total is not None else f"color: {GREY.name()}")
        self.grade_label.setText(department.get("grade") or ("" if total is not None else "无法计算"))
        gap = difference(total, department.get("reported_total"))
        self.reported_label.setText(gap or "")
        self.reported_label.setVisible(gap is not None)

    def _show_notes(self, department: dict[str, Any] | None, projects: list[dict[str, Any]]) -> None:
        lines = [f"· {note}" for note in (department or {}).get("notes", [])]
        for result in projects:
            lines += [f"· {result['name']}：{note}" for note in result.get("notes", [])]
        self.notes_label.setText("\n".join(lines))
        self.notes_area.setVisible(bool(lines))

    # -- tree -----------------------------------------------------------------------------
    def _row(self, parent: QTreeWidgetItem, key: str, texts: list[str]) -> QTreeWidgetItem:
        # Made with its parent, so Qt owns it from the start: an item cloned in Python and added
        # afterwards can be freed twice (by Qt's clear() and by Python's collector) and crash later.
        item = QTreeWidgetItem(parent, texts + [""] * (len(COLUMNS) - len(texts)))
        item.setData(LABEL_COLUMN, KeyRole, key)
        for column in FIGURE_COLUMNS:
            item.setTextAlignment(column, FIGURE_ALIGNMENT)
        item.setTextAlignment(GRADE_COLUMN, GRADE_ALIGNMENT)
        return item

    @staticmethod
    def _bold(item: QTreeWidgetItem) -> None:
        font = QFont(item.font(LABEL_COLUMN))
        font.setBold(True)
        for column in range(len(COLUMNS)):
            item.setFont(column, font)

    def _add_result(self, parent: QTreeWidgetItem, key: str, result: dict[str, Any], title: str | None = None) -> None:
        total = result.get("total")
        row = self._row(parent, key, [title or result["name"], "", total if total is not None else "无法计算",
                                      result.get("reported_total") or "", result.get("grade") or ""])
        self._bold(row)
        tip = result_tooltip(result)
        for column in range(len(COLUMNS)):
            row.setToolTip(column, tip)
        if total is None:
            row.setForeground(SCORE_COLUMN, QBrush(GREY))
        if difference(total, result.get("reported_total")) is not None:
            row.setForeground(REPORTED_COLUMN, QBrush(AMBER))
        for item in result.get("items", []):
            self._add_item(row, key, item)

    def _add_item(self, parent: QTreeWidgetItem, prefix: str, item: dict[str, Any]) -> None:
        key = f"{prefix}/{item['key']}"
        if item.get("not_applicable"):
            score = "不适用"
        else:
            score = item["score"] if item.get("score") is not None else "无法计算"
        row = self._row(parent, key, [item["label"], item.get("points") or "", score, item.get("reported") or ""])
        tip = item_tooltip(item)
        for column in range(len(COLUMNS)):
            row.setToolTip(column, tip)
        if item.get("not_applicable") or item.get("score") is None:
            row.setForeground(SCORE_COLUMN, QBrush(GREY))
        if item.get("problems"):
            row.setForeground(LABEL_COLUMN, QBrush(AMBER))
        reported, score_value = item.get("reported"), item.get("score")
        if reported is not None and not item.get("not_applicable") and reported != score_value:
            row.setForeground(REPORTED_COLUMN, QBrush(AMBER))
        for child in item.get("children", []):
            self._add_item(row, key, child)

    def _default_expanded(self, item: QTreeWidgetItem) -> bool:
        """Groups and the department open; projects and item groups closed until the user opens them."""
        key = item.data(LABEL_COLUMN, KeyRole)
        return key in ("department", "projects")

    def _restore_expansion(self, parent: QTreeWidgetItem) -> None:
        for index in range(parent.childCount()):
            item = parent.child(index)
            if item.childCount():
                key = item.data(LABEL_COLUMN, KeyRole)
                item.setExpanded(self._expanded.get(key, self._default_expanded(item)))
                self._restore_expansion(item)

    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        if not self._building:
            self._expanded[item.data(LABEL_COLUMN, KeyRole)] = expanded

    def _find(self, parent: QTreeWidgetItem, key: str) -> QTreeWidgetItem | None:
        for index in range(parent.childCount()):
            item = parent.child(index)
            if item.data(LABEL_COLUMN, KeyRole) == key:
                return item
            found = self._find(item, key)
            if found is not None:
                return found
        return None
