"""The 审核 panel on the real samples: model contract, filters, jump and explanation signals."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.schema import document_schema
from desktop.editing.commands import SetExplanation
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample
from desktop.rules.findings import counts
from desktop.ui.findings_panel import (ERROR_HINT, PENDING_TEXT, EXPLANATION_COLUMN, FindingRole, FindingsModel,
                                       FindingsPanel, MESSAGE_COLUMN, SEVERITY_COLUMN, TAB_COLUMN)
from desktop.ui.qt import QColor, QModelIndex, Qt

SCHEMA = document_schema()
TABS = list(dict.fromkeys(section.tab for section in SCHEMA.sections))


def tab_of(section: str) -> str:
    return SCHEMA.section(section).tab


@pytest.fixture()
def session() -> EditSession:
    return EditSession(load_sample(1), None)


@pytest.fixture()
def panel(qtbot, session) -> FindingsPanel:
    widget = FindingsPanel(tab_of, TABS)
    qtbot.addWidget(widget)
    widget.set_findings(session.findings)
    return widget


def rows(panel: FindingsPanel) -> list:
    return [panel.proxy.index(row, 0).data(FindingRole) for row in range(panel.proxy.rowCount())]


def select_row(panel: FindingsPanel, predicate) -> QModelIndex:
    for row in range(panel.proxy.rowCount()):
        index = panel.proxy.index(row, 0)
        if predicate(index.data(FindingRole)):
            panel.view.setCurrentIndex(index)
            return index
    raise AssertionError("no such finding")


def test_model_passes_the_model_tester(qtmodeltester, session):
    model = FindingsModel(tab_of)
    model.set_findings(session.findings)
    qtmodeltester.check(model)
    model.set_findings(session.findings[:5])
    qtmodeltester.check(model)


def test_proxy_passes_the_model_tester(qtmodeltester, panel):
    panel.severity_combo.setCurrentText("提示性")
    qtmodeltester.check(panel.proxy)


def test_rows_show_severity_rule_tab_message_and_explanation(panel, session):
    model = panel.model
    assert model.rowCount() == len(session.findings) == 85
    first = model.index(0, 0)
    error = first.data(FindingRole)
    assert error.severity == "error"
    assert first.data() == "● 强制性"
    assert QColor(first.data(Qt.ItemDataRole.ForegroundRole)) == QColor("#c62828")
    assert model.index(0, TAB_COLUMN).data() == tab_of(error.location.section)
    assert model.index(0, MESSAGE_COLUMN).data() == error.message
    assert model.index(0, EXPLANATION_COLUMN).data() == ""
    warning_row = next(r for r, f in enumerate(session.findings) if f.severity == "warning")
    assert model.index(warning_row, SEVERITY_COLUMN).data() == "● 提示性"
    assert model.index(warning_row, EXPLANATION_COLUMN).data() == PENDING_TEXT
    tip = model.index(warning_row, MESSAGE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert session.findings[warning_row].rule in tip and PENDING_TEXT in tip
    assert session.findings[warning_row].message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in tip
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == ["级别", "规则", "位置", "说明内容", "说明"]


def test_summary_counts(panel, session):
    n = counts(session.findings)
    # seed 1's three code-table findings (N-13, W-09) are 提示信息 while the 2023 table is the bundled one
    assert (n["error"], n["warning"], n["info"]) == (5, 75, 5)  # 2 of the errors: unfilled tables (T0-01)
    assert panel.summary_label.text() == "错误 5　提示 75（待说明 75）　提示信息 5"


def test_errors_are_listed_first(panel):
    severities = [f.severity for f in rows(panel)]
    assert severities == sorted(severities, key=("error", "warning", "info").index)


# 提示信息: one of them K-21, seed 1's typed "6881.82万元" without 千分号
@pytest.mark.parametrize("label, expected", [("全部", 85), ("强制性", 5), ("提示性", 75), ("提示信息", 5), ("待说明", 75)])
def test_severity_filter(panel, label, expected):
    panel.severity_combo.setCurrentText(label)
    assert panel.proxy.rowCount() == expected


def test_tab_filter_and_text_search(panel, session):
    panel.tab_combo.setCurrentText("三公经费")
    shown = rows(panel)
    assert shown and all(tab_of(f.location.section) == "三公经费" for f in shown)
    assert len(shown) == sum(1 for f in session.findings if tab_of(f.location.section) == "三公经费")
    panel.tab_combo.setCurrentText("全部")
    panel.search.setText("t1-03")
    assert {f.rule for f in rows(panel)} == {"T1-03"}
    assert panel.shown_label.text() == "显示 2 / 85 条"
    panel.severity_combo.setCurrentText("提示性")   # seed 1's 收入总计 rests on blank cells: 提示性, not 强制性
    assert panel.proxy.rowCount() == 2
    panel.severity_combo.setCurrentText("强制性")
    assert panel.proxy.rowCount() == 0
    panel.search.clear()
    panel.severity_combo.setCurrentText("全部")
    assert panel.proxy.rowCount() == 85


def test_double_click_and_enter_request_a_jump(qtbot, panel):
    panel.resize(900, 600)
    panel.layout().activate()
    index = panel.proxy.index(3, MESSAGE_COLUMN)
    panel.view.scrollTo(index)
    expected = index.data(FindingRole)
    with qtbot.waitSignal(panel.jumpRequested) as blocker:
        rect = panel.view.visualRect(index)
        assert rect.isValid() and panel.view.viewport().rect().contains(rect.center())
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]
    panel.view.setCurrentIndex(panel.proxy.index(5, 0))
    with qtbot.waitSignal(panel.jumpRequested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [panel.proxy.index(5, 0).data(FindingRole)]


def test_editor_enabled_only_for_warnings(panel):
    assert not panel.editor.isEnabled() and not panel.save_button.isEnabled()
    select_row(panel, lambda f: f.severity == "error")
    assert not panel.editor.isEnabled()
    assert panel.hint_label.text() == ERROR_HINT
    select_row(panel, lambda f: f.severity == "info")
    assert not panel.editor.isEnabled()
    select_row(panel, lambda f: f.severity == "warning")
    assert panel.editor.isEnabled()
    assert panel.editor.toPlainText() == ""
    assert not panel.save_button.isEnabled()  # nothing typed yet


def test_save_button_and_ctrl_enter_emit_the_explanation(qtbot, panel):
    select_row(panel, lambda f: f.severity == "warning")
    warning = panel.current_finding()
    panel.editor.setPlainText("  已核实：工资由项目列支  ")
    assert panel.save_button.isEnabled()
    with qtbot.waitSignal(panel.explanationEdited) as blocker:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [warning, "已核实：工资由项目列支"]
    with qtbot.waitSignal(panel.explanationEdited) as blocker:
        qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [warning, "已核实：工资由项目列支"]
    assert panel.editor.toPlainText() == "  已核实：工资由项目列支  "  # Ctrl+Enter did not insert a line


def test_explanation_round_trip_through_a_command(qtbot, panel, session):
    """What the main window does: the signal becomes a command, the panel is refreshed."""
    select_row(panel, lambda f: f.severity == "warning")
    panel.explanationEdited.connect(lambda finding, text: (
        session.do(SetExplanation(session.year, finding.rule, finding.location.key, text)),
        panel.set_findings(session.findings)))
    identity = panel.current_finding().identity
    panel.editor.setPlainText("由他处统一列支")
    panel.save_explanation()
    current = panel.current_finding()
    assert current.identity == identity and current.explanation == "由他处统一列支"
    assert panel.editor.toPlainText() == "由他处统一列支"
    assert not panel.save_button.isEnabled()
    assert "待说明 74" in panel.summary_label.text()
    row = panel.view.currentIndex().row()
    assert panel.proxy.index(row, EXPLANATION_COLUMN).data() == "由他处统一列支"
    panel.severity_combo.setCurrentText("待说明")
    assert identity not in {f.identity for f in rows(panel)}


def test_refresh_keeps_the_selection_and_unsaved_text(panel, session):
    select_row(panel, lambda f: f.severity == "warning")
    identity = panel.current_finding().identity
    panel.editor.setPlainText("尚未保存")
    findings = list(reversed(session.findings))  # another order: the selection follows the finding
    panel.set_findings(findings)
    assert panel.current_finding().identity == identity
    assert panel.view.currentIndex().data(FindingRole).identity == identity
    assert panel.editor.toPlainText() == "尚未保存"
    panel.set_findings([f for f in session.findings if f.identity != identity])
    assert panel.current_finding() is None
    assert not panel.editor.isEnabled()


def test_refresh_loads_an_explanation_changed_elsewhere(panel, session):
    select_row(panel, lambda f: f.severity == "warning")
    identity = panel.current_finding().identity
    changed = [dataclasses.replace(f, explanation="撤销后恢复的说明") if f.identity == identity else f
               for f in session.findings]
    panel.set_findings(changed)
    assert panel.editor.toPlainText() == "撤销后恢复的说明"


def test_empty_findings(qtbot):
    widget = FindingsPanel(tab_of, TABS)
    qtbot.addWidget(widget)
    assert widget.summary_label.text() == "错误 0　提示 0（待说明 0）　提示信息 0"
    assert widget.model.rowCount() == 0


def test_enter_in_the_search_box_goes_to_the_first_match(qtbot, panel):
    qtbot.keyClicks(panel.search, "N-11")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.current_finding().rule == "N-11"
    assert panel.editor.isEnabled()
