"""文件 ▸ 导入科目表… end to end: the file dialog (replaced), the real summary dialog answered with
key and mouse events, the table stored in the user data folder and 审核 run again against it."""

from __future__ import annotations

import time

import pytest

from desktop.domain.codes import BUILTIN_SOURCE, INCOMPLETE_HINT, code_table
from desktop.io.samples import load_sample
from desktop.store.code_tables import recorded_stamp
from desktop.ui.code_table_dialog import TITLE, CodeImportDialog
from desktop.ui.qt import QApplication, QFileDialog, Qt, QTimer

from tests.ui.conftest import menu_action, open_dialog_answers, save

pytestmark = pytest.mark.usefixtures("no_dialog_left_open")


@pytest.fixture()
def official_csv(tmp_path):
    """The bundled 2023 codes as an 'official' GBK file, plus one 项 missing its 款 and one bad row."""
    table = code_table(2023)
    lines = ["2023年政府收支分类科目", "科目编码,科目名称"]
    lines += [f"{e.code},{'　' * (len(e.code) // 2 - 1)}{e.name}" for s in ("functional", "economic")
              for e in table.entries(s)]
    lines += ["2180101,无上级的项", "合计,"]
    path = tmp_path / "官方科目表.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    return path


def answer_dialog(qtbot, seen: list, year: str | None = None, button: str = "import_button") -> None:
    """Once the summary dialog is up: note what it says, type the year, click 导入 (or 取消)."""
    started = time.monotonic()

    def attempt():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CodeImportDialog):
            seen.append((dialog.windowTitle(), dialog.summary_label.text(), dialog.problems.toPlainText(),
                         dialog.year_box.value(), dialog.year_warning.isHidden()))
            if year is not None:
                dialog.year_box.setFocus()
                dialog.year_box.selectAll()
                qtbot.keyClicks(dialog.year_box, year)
                seen.append(dialog.year_warning.text() if dialog.year_warning.isVisible() else "")
            qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        elif time.monotonic() - started < 5:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


@pytest.fixture()
def window(codes_home, tmp_path, open_window, monkeypatch, official_csv):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(official_csv), ""))
    return open_window(save(tmp_path / "docs", "seed1.fdesk", load_sample(1)))


def _code_findings(window):
    return [f for f in window.workspace.session.findings if f.rule in ("N-13", "W-09")]


def test_the_status_bar_names_the_incomplete_bundled_table_and_the_document_records_it(window):
    assert window.codes_label.text() == f"科目表：{BUILTIN_SOURCE}"
    assert INCOMPLETE_HINT in window.codes_label.toolTip()
    assert recorded_stamp(window.file, 2023) == code_table(2023).stamp()


def test_importing_the_official_table_reruns_the_check_against_it(qtbot, window, codes_home):
    window.workspace.document.year(2023)  # seed 1 is a 2023 document
    before = _code_findings(window)
    assert before and all(f.severity == "warning" and INCOMPLETE_HINT in f.message for f in before)
    assert window.jump_to(before[0])  # the cell is on screen, its mark drawn
    marked = window.views[before[0].location.section][0].sheet()
    assert any(INCOMPLETE_HINT in f.message
               for f in marked.findings_at(before[0].location.row, before[0].location.column))
    seen = []
    answer_dialog(qtbot, seen)
    menu_action(window, "文件", "导入科目表…").trigger()
    [(title, summary, problems, year, no_year_warning)] = seen
    assert title == TITLE and year == 2023 and no_year_warning
    assert "功能分类：类 " in summary and "经济分类：类 " in summary and "未能识别或有冲突的行 2 处" in summary
    assert "工作表“官方科目表”第 " in problems and "上级款 21801 不在文件中" in problems and "科目编码“合计”不是数字编码" in problems
    assert (codes_home / "FiscalDesk" / "codes" / "2023.json").is_file()
    after = _code_findings(window)
    assert [f.location for f in after] == [f.location for f in before]
    assert all(f.severity == "warning" and INCOMPLETE_HINT not in f.message for f in after)
    assert window.codes_label.text() == "科目表：官方科目表.csv"
    assert INCOMPLETE_HINT not in window.codes_label.toolTip()
    stamp = recorded_stamp(window.file, 2023)
    assert stamp.source == "官方科目表.csv" and stamp.official and stamp == code_table(2023).stamp()
    assert window.statusBar().currentMessage().startswith("已导入 2023 年科目表（官方科目表.csv，共 ")
    assert window.badge_counts() and any(w for _e, w in window.badge_counts().values())
    marks = [f for f in marked.findings_at(before[0].location.row, before[0].location.column)
             if f.rule == before[0].rule]
    assert len(marks) == 1 and INCOMPLETE_HINT not in marks[0].message  # the cell's mark follows at once


def test_the_year_typed_in_the_dialog_is_the_one_imported(qtbot, window, codes_home):
    seen = []
    answer_dialog(qtbot, seen, year="2024")
    menu_action(window, "文件", "导入科目表…").trigger()
    assert seen[1] == "文件中写的年度为 2023，将作为 2024 年科目表导入，请确认年度"
    assert (codes_home / "FiscalDesk" / "codes" / "2024.json").is_file()
    assert not (codes_home / "FiscalDesk" / "codes" / "2023.json").exists()
    assert code_table(2024).official and not code_table(2023).official
    assert window.codes_label.text() == f"科目表：{BUILTIN_SOURCE}"  # the document is 2023


def test_cancel_writes_nothing(qtbot, window, codes_home):
    seen = []
    answer_dialog(qtbot, seen, button="cancel_button")
    menu_action(window, "文件", "导入科目表…").trigger()
    assert seen and not (codes_home / "FiscalDesk" / "codes").exists()
    assert window.statusBar().currentMessage() == "已取消导入科目表"
    assert all(INCOMPLETE_HINT in f.message for f in _code_findings(window))


def test_a_file_that_is_not_a_table_is_refused_with_a_message(window, tmp_path, monkeypatch, codes_home):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    shown = open_dialog_answers(monkeypatch, bad)
    menu_action(window, "文件", "导入科目表…").trigger()
    assert shown == [("未导入“坏.xlsx”", "“坏.xlsx”已损坏或不是 Excel 工作簿（.xlsx），无法打开。")]
    assert not (codes_home / "FiscalDesk" / "codes").exists()
