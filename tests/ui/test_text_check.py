"""文件 ▸ 核对说明… end to end: the file dialog (replaced) gives seed 1's 说明 as a Word-less text
file; the window marks every figure, lists the problems, shows a problem's sentence when it is
clicked, and 重新核对 checks again against the tables as they are now."""

from __future__ import annotations

import pytest

from decimal import Decimal

from desktop.domain.money import Money
from desktop.editing.commands import CellValue, SetCells
from desktop.io.samples import load_sample
from desktop.ui.qt import QFileDialog, Qt
from desktop.ui.text_check import TextCheckWindow

from tests.ui.conftest import menu_action, open_dialog_answers, save


@pytest.fixture()
def seed_text(tmp_path, request):
    source = request.config.rootpath / "tests" / "golden" / "seed_texts" / "seed1.txt"
    path = tmp_path / "去年的说明.txt"
    path.write_bytes(source.read_text("utf-8").encode("gb18030"))  # as Chinese Windows saves it
    return path


@pytest.fixture()
def window(tmp_path, open_window, monkeypatch, seed_text):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(seed_text), ""))
    opened = open_window(save(tmp_path / "docs", "seed1.fdesk", load_sample(1)))
    yield opened
    close_check_windows(opened)


def close_check_windows(window) -> None:
    """The check windows are not modal and stay open with the main window: the tests after see none."""
    for shown in list(window.text_checks.open_windows):
        shown.close()


def checked_window(window) -> TextCheckWindow:
    [shown] = window.text_checks.open_windows
    return shown


def test_the_menu_checks_a_text_file_and_marks_every_figure(qtbot, window):
    menu_action(window, "文件", "核对说明…").trigger()
    shown = checked_window(window)
    qtbot.waitExposed(shown)
    report = shown.report
    assert shown.windowTitle() == "核对说明 — 去年的说明.txt"
    assert shown.summary_label.text() == report.summary() and report.count("wrong") > 0
    page = shown.text_view.toHtml()
    assert page.count("#b00020") >= report.count("wrong") and "#1b7f3b" in page  # wrong and matched marked
    items = [shown.findings_list.item(i).text() for i in range(shown.findings_list.count())]
    assert len(items) == len(report.findings)
    assert any(i.startswith("[K-02 强制性]") and "156259155.5元" in i for i in items)
    assert window.statusBar().currentMessage().startswith("核对“去年的说明.txt”：共找到")


def test_clicking_a_problem_shows_its_sentence(qtbot, window):
    menu_action(window, "文件", "核对说明…").trigger()
    shown = checked_window(window)
    qtbot.waitExposed(shown)
    row = next(i for i, f in enumerate(shown.report.findings) if f.rule == "K-04")
    shown.text_view.verticalScrollBar().setValue(0)
    shown.findings_list.scrollToItem(shown.findings_list.item(row))
    target = shown.findings_list.visualItemRect(shown.findings_list.item(row)).center()
    qtbot.mouseClick(shown.findings_list.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert shown.findings_list.currentRow() == row
    assert shown.text_view.verticalScrollBar().value() > 0, "the 车均 sentence is far down the text"


def status_of(shown, figure: str) -> set[str]:
    return {r.status for r in shown.report.figures if r.claim.figure.text == figure}


def test_recheck_follows_the_tables(qtbot, window):
    menu_action(window, "文件", "核对说明…").trigger()
    shown = checked_window(window)
    assert status_of(shown, "44961.00元") == {"wrong"}  # the text's 三公 年初预算; the tables say 36,000.00
    # the clerk finds the 年初预算 of 公务用车运行维护费 was 44,961.00 after all
    assert window.workspace.push(SetCells([CellValue(2023, "sangong", "vehicle_operation", "budget",
                                                     Money.from_yuan(Decimal("44961")))], "修改年初预算"))
    qtbot.mouseClick(shown.recheck_button, Qt.MouseButton.LeftButton)
    assert checked_window(window) is shown
    assert status_of(shown, "44961.00元") == {"matched"}


def test_an_old_word_file_is_refused_with_a_sentence(qtbot, window, monkeypatch, tmp_path):
    old = tmp_path / "说明.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    said = open_dialog_answers(monkeypatch, old)
    menu_action(window, "文件", "核对说明…").trigger()
    assert said and said[0][0] == "无法核对“说明.doc”" and "另存为" in said[0][1]
    assert window.text_checks.open_windows == []


def test_the_chosen_problems_sentence_is_selected(qtbot, window):
    menu_action(window, "文件", "核对说明…").trigger()
    shown = checked_window(window)
    row = next(i for i, f in enumerate(shown.report.findings) if f.rule == "K-12")
    shown.findings_list.setFocus()
    shown.findings_list.setCurrentRow(0)
    for _ in range(row):
        qtbot.keyClick(shown.findings_list, Qt.Key.Key_Down)
    assert shown.text_view.textCursor().selectedText() == shown.report.findings[row].sentence.text


def test_a_wrong_figure_leads_to_the_cell_that_holds_the_right_one(qtbot, window):
    menu_action(window, "文件", "核对说明…").trigger()
    shown = checked_window(window)
    budget = next(i for i, f in enumerate(shown.report.findings)
                  if f.rule == "K-01" and f.figure is not None and f.figure.claim.figure.text == "44961.00元")
    computed = next(i for i, f in enumerate(shown.report.findings) if f.rule == "K-04")
    shown.findings_list.setCurrentRow(computed)
    assert not shown.locate_button.isEnabled(), "a 车均 is computed: no cell holds it"
    shown.findings_list.setCurrentRow(budget)
    assert shown.locate_button.isEnabled()
    qtbot.mouseClick(shown.locate_button, Qt.MouseButton.LeftButton)
    view = window.focusWidget()
    assert view.currentIndex() == view.sheet().index_of("vehicle_operation", "budget")


def test_the_documents_own_typed_texts_are_checked_against_the_tables(qtbot, tmp_path, open_window):
    window = open_window(save(tmp_path / "docs", "seed2.fdesk", load_sample(2)))
    menu_action(window, "文件", "核对填写的文字").trigger()
    [shown] = window.text_checks.open_windows
    assert shown.windowTitle() == "核对说明 — 本文档填写的文字"
    wrong = {(r.claim.figure.text, r.expected) for r in shown.report.figures if r.status == "wrong"}
    assert ("33463.78万元", "33,364.97万元") in wrong  # typed 全年预算数 ≠ 基本支出 + 项目支出
    assert not any(r.reason == "与文档中填写的文字一致" for r in shown.report.figures), "never against themselves"
    qtbot.mouseClick(shown.recheck_button, Qt.MouseButton.LeftButton)
    assert window.text_checks.open_windows == [shown] and shown.report.found > 0
    close_check_windows(window)
