"""The 审核 panel after edits: it applies each edit's delta row by row, and must show exactly what
a panel filled from scratch with the session's findings shows (rows, order, explanations,
counts, badges), keep the clerk's selection and scroll position, and keep the model contract."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from desktop.editing.commands import CellValue, InsertRows, RemoveRows, SetCells, SetExplanation
from desktop.synthetic import build_document
from desktop.ui.findings_panel import NONE_HINT, FindingRole, FindingsPanel
from desktop.ui.qt import QApplication, Qt
from tests.ui.cells import click
from tests.ui.conftest import save

YEAR = 2023


@pytest.fixture()
def warned_path(tmp_path):
    """Three projects whose every indicator raises a warning awaiting an explanation."""
    return save(tmp_path / "docs", "warned.fdesk", build_document(projects=3, indicator_warnings=True))


@pytest.fixture()
def window(open_window, warned_path):
    window = open_window(warned_path)
    window.findings_dock.raise_()
    QApplication.processEvents()
    return window


def shown(panel: FindingsPanel) -> list:
    """The findings as the list shows them, top to bottom."""
    return [panel.proxy.index(row, 0).data(FindingRole) for row in range(panel.proxy.rowCount())]


def texts(panel: FindingsPanel) -> list[list[str]]:
    return [[str(panel.proxy.index(row, column).data() or "") for column in range(panel.proxy.columnCount())]
            for row in range(panel.proxy.rowCount())]


def fresh(window) -> FindingsPanel:
    """A panel filled from scratch with the session's findings, filtered and sorted like the window's."""
    workspace = window.workspace
    panel = FindingsPanel(workspace.editors.tab_label, [t.label for t in workspace.editors.tabs])
    panel.severity_combo.setCurrentIndex(window.findings_panel.severity_combo.currentIndex())
    header = window.findings_panel.view.horizontalHeader()
    panel.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
    panel.set_findings(workspace.session.findings)
    return panel


def badges_from_scratch(window) -> dict[str, tuple[int, int]]:
    """(errors, warnings awaiting an explanation) per badge, counted over the session's findings."""
    editors = window.workspace.editors
    pages = window._page_of()
    counts = {key: [0, 0] for key in window.badges}
    for finding in window.workspace.session.findings:
        tab = editors.tab_label(finding.location.section)
        for key in {tab, pages.get(finding.location.section, tab)}:
            if key in counts:
                if finding.severity == "error":
                    counts[key][0] += 1
                elif finding.needs_explanation:
                    counts[key][1] += 1
    return {key: (e, w) for key, (e, w) in counts.items()}


def assert_same_as_fresh(window) -> None:
    panel, other = window.findings_panel, fresh(window)
    try:
        assert shown(panel) == shown(other)
        assert texts(panel) == texts(other)
        assert panel.summary_label.text() == other.summary_label.text()
        assert panel.shown_label.text() == other.shown_label.text()
        assert window.badge_counts() == badges_from_scratch(window)
    finally:
        other.deleteLater()


def random_command(rng: random.Random, window):
    """An edit of the kinds a clerk makes in the performance tables, the 说明 of a warning included."""
    data = window.workspace.document.year(YEAR)
    indicators = list(data.section("project_indicators").rows)
    projects = list(data.section("projects").rows)
    choice = rng.randrange(9)
    row = rng.choice(indicators)
    if choice == 0:  # a 完成值 written as a bound (a warning) or as a figure (none)
        value = rng.choice(["≥5", "5", "≤3", "120", "≥120", ""]) or None
        return SetCells([CellValue(YEAR, "project_indicators", row, "actual", value)], "完成值")
    if choice == 1:  # points and judged scores: weights and scores move (P-07b, P-09 …)
        column = rng.choice(["points", "score"])
        value = rng.choice([None, Decimal(rng.randrange(0, 15))])
        return SetCells([CellValue(YEAR, "project_indicators", row, column, value)], "分值")
    if choice == 2:  # a 偏差原因 answers P-09
        value = rng.choice([None, "受客观因素影响，部分指标未完成。"])
        return SetCells([CellValue(YEAR, "project_indicators", row, "deviation_reason", value)], "偏差原因")
    if choice == 3:  # the row moved to another project
        return SetCells([CellValue(YEAR, "project_indicators", row, "project", rng.choice(projects))], "所属项目")
    if choice == 4:
        return InsertRows(YEAR, "project_indicators", rng.randrange(len(indicators) + 1),
                          [{"project": rng.choice(projects), "level3": "新增指标", "nature": "≥", "target": "5",
                            "actual": "≥5", "points": Decimal(5)}], "插入行")
    if choice == 5:
        return RemoveRows(YEAR, "project_indicators", [row], "删除行")
    if choice == 6:  # a figure of the final accounts (errors elsewhere)
        value = rng.choice([None, Decimal(rng.randrange(0, 10**6))])
        from desktop.domain.money import Money
        cell = CellValue(YEAR, "sangong", "abroad", "actual", None if value is None else Money.from_yuan(value))
        return SetCells([cell], "三公")
    warnings = [f for f in window.workspace.session.findings if f.severity == "warning"]
    if not warnings:
        return None
    finding = rng.choice(warnings)
    text = rng.choice([None, "已核实，情况属实。", "指标按实际情况填写。"])
    return SetExplanation(YEAR, finding.rule, finding.location.key, text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_edits_the_panel_shows_what_a_fresh_panel_shows(qtmodeltester, window, seed):
    panel = window.findings_panel
    qtmodeltester.check(panel.model)   # the testers stay attached: every insert and remove is checked
    qtmodeltester.check(panel.proxy)
    rng = random.Random(seed)
    workspace = window.workspace
    for step in range(40):
        if step % 7 == 3 and workspace.undo_stack.canUndo():
            workspace.undo()
        elif step % 7 == 5 and workspace.undo_stack.canRedo():
            workspace.redo()
        else:
            command = random_command(rng, window)
            if command is not None:
                workspace.push(command)
        if step % 10 == 9:  # another filter and sort order: they must hold through the deltas
            panel.severity_combo.setCurrentIndex(rng.randrange(panel.severity_combo.count()))
            panel.view.sortByColumn(rng.randrange(5), rng.choice([Qt.SortOrder.AscendingOrder,
                                                                 Qt.SortOrder.DescendingOrder]))
        assert_same_as_fresh(window)
    assert workspace.undo_stack.count() > 20


def find_row(panel: FindingsPanel, predicate) -> int:
    return next(row for row, finding in enumerate(shown(panel)) if predicate(finding))


def type_into(qtbot, view, index, text):
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text[:1])
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_an_edit_elsewhere_keeps_the_selected_finding_and_the_scroll_position(qtbot, window):
    panel = window.findings_panel
    panel.view.verticalScrollBar().setValue(panel.view.verticalScrollBar().maximum() // 2)
    QApplication.processEvents()
    top = panel.view.rowAt(5)
    target = shown(panel)[top]
    click(qtbot, panel.view, panel.proxy.index(top, 0))
    assert panel.current_finding() == target
    position = panel.view.verticalScrollBar().value()
    # a bound typed as another indicator's 完成值 adds a warning above and below the selection
    indicators = window.views["project_indicators"][0]
    model = indicators.sheet()
    row = next(r for r in model.document_rows() if f"project_indicators/{r}/actual" != target.location.key)
    window.jump_to(target)
    type_into(qtbot, indicators, model.index_of(row, "actual"), "26")
    assert panel.current_finding().identity == target.identity
    assert shown(panel)[panel.view.currentIndex().row()].identity == target.identity
    assert panel.view.verticalScrollBar().value() == position
    assert_same_as_fresh(window)


def test_a_fixed_warning_leaves_the_list_and_the_selection_goes_with_it(qtbot, window):
    panel = window.findings_panel
    row = find_row(panel, lambda f: f.rule == "P-09c")
    target = shown(panel)[row]
    click(qtbot, panel.view, panel.proxy.index(row, 0))
    assert panel.editor.isEnabled()
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=panel.view.visualRect(panel.proxy.index(row, 0)).center())
    view = window.views["project_indicators"][0]
    assert view.sheet().address(view.currentIndex()) == (target.location.row, "actual")
    type_into(qtbot, view, view.currentIndex(), "130")  # the figure achieved, not a bound
    assert target.identity not in {f.identity for f in shown(panel)}
    assert panel.current_finding() is None and panel.hint_label.text() == NONE_HINT
    assert not panel.view.currentIndex().isValid()
    assert_same_as_fresh(window)
    window.undo_action.trigger()
    assert target.identity in {f.identity for f in shown(panel)}
    assert_same_as_fresh(window)


def test_an_explanation_typed_in_the_panel_updates_its_row_counts_and_badge(qtbot, window):
    panel = window.findings_panel
    row = find_row(panel, lambda f: f.needs_explanation)
    target = shown(panel)[row]
    badges = window.badge_counts()
    click(qtbot, panel.view, panel.proxy.index(row, 0))
    qtbot.keyClicks(panel.editor, "checked 2023")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    now = shown(panel)[panel.view.currentIndex().row()]
    assert now.identity == target.identity and now.explanation == "checked 2023"
    assert panel.current_finding().explanation == "checked 2023"
    assert window.badge_counts()["绩效指标"][1] == badges["绩效指标"][1] - 1
    assert_same_as_fresh(window)
    window.undo_action.trigger()
    assert panel.current_finding().explanation is None and panel.editor.toPlainText() == ""
    assert_same_as_fresh(window)
