"""Text from Word and the clipboard in the window (issue 19): a cell pasted with Word's indent
(U+3000) and explanations pasted with Windows line ends or a control character, with real key
events; the same rule as every other entry point (tests/io/test_text_entry.py)."""

import pytest

from desktop.store.docfile import DocumentFile
from desktop.ui.qt import QApplication, Qt

YEAR = 2023


@pytest.fixture()
def document_path(seed1_path):
    return seed1_path


@pytest.fixture()
def window(open_window, document_path):
    return open_window(document_path)


def on_disk(path):
    with DocumentFile.open(path, read_only=True) as file:
        return file.load().year(YEAR)


def test_a_cell_pasted_with_the_ideographic_space_is_saved(qtbot, window, document_path):
    """U+3000 used to be refused as a control character in every text cell."""
    view = window.views["gp_functional"][0]
    model = view.sheet()
    QApplication.clipboard().setText("一般\u3000公共服务\r\n")  # one cell, as Word and Excel put it
    view.setFocus()
    view.setCurrentIndex(model.index_of("r1", "name"))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not window.problem_bar.isVisible(), window.problem_bar.text()
    assert on_disk(document_path).section("gp_functional").rows["r1"]["name"] == "一般\u3000公共服务"


def paste_explanation(qtbot, window, text: str):
    panel = window.findings_panel
    for row in range(panel.proxy.rowCount()):  # the first warning that takes an explanation
        panel.view.setCurrentIndex(panel.proxy.index(row, 0))
        if panel.editor.isEnabled():
            break
    finding = panel.current_finding()
    QApplication.clipboard().setText(text)
    panel.editor.setFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 保存
    return finding


def test_an_explanation_pasted_with_a_control_character_is_refused_by_name(qtbot, window, document_path):
    finding = paste_explanation(qtbot, window, "已核实：费用\x07由项目列支")
    assert window.problem_bar.isVisible()
    assert f"{finding.rule} 的说明：第 7 个字符（U+0007）是控制字符" in window.problem_bar.text()
    assert (finding.rule, finding.location.key) not in on_disk(document_path).explanations


def test_an_explanation_pasted_from_word_is_saved_normalised(qtbot, window, document_path):
    finding = paste_explanation(qtbot, window, "\u3000\u3000已核实：\r\n\u3000\u3000费用由项目列支。\r\n")
    assert not window.problem_bar.isVisible()
    assert on_disk(document_path).explanations[(finding.rule, finding.location.key)] == \
        "已核实：\n\u3000\u3000费用由项目列支。"
