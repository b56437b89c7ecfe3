"""帮助: 帮助 ▸ 使用说明 shows the offline guide shipped in resources/; F1 on a table shows what goes
where in it and the 审核 rules that read it; F1 elsewhere shows the guide."""

import re
from pathlib import Path

import pytest

from desktop.paths import resource_path
from desktop.rules.catalogue import load_catalogue
from desktop.ui.help import GUIDE_FILE, HelpDialog, rules_reading
from desktop.ui.qt import QApplication, Qt

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def help_menu_action(window, label):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助")]
    [action] = [a for a in menu.actions() if a.text() == label]
    return action


def shown_help(qtbot, window) -> HelpDialog:
    dialog = window.help.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def close(qtbot, dialog):
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_the_guide_is_shipped_with_the_resources_and_covers_the_window():
    guide = resource_path(*GUIDE_FILE)
    assert guide.is_file() and guide.is_relative_to(ROOT / "resources")
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder is bundled
    text = guide.read_text(encoding="utf-8")
    for needed in ("基本情况", "预算执行", "三公经费", "政府采购", "国有资产", "绩效指标", "Alt+Enter", "Ctrl+V",
                   "审核", "说明", "导出PDF", "导出Word", "导出Excel", "打印预览", "Ctrl+P", "从备份恢复", "Ctrl+F", "F1",
                   "切换年度"):
        assert needed in text, needed


def test_the_guide_opens_from_the_help_menu(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    help_menu_action(window, "使用说明").trigger()
    dialog = shown_help(qtbot, window)
    assert not dialog.isModal()
    text = dialog.browser.toPlainText()
    assert "使用说明" in text and "三、审核与说明" in text
    close(qtbot, dialog)


def test_f1_on_a_table_explains_it_and_names_its_rules(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    view, page, _ = window.views["sangong"]
    window._show_page(page)
    index = view.sheet().index_of("abroad", "budget")
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_F1)
    dialog = shown_help(qtbot, window)
    text = dialog.browser.toPlainText()
    assert "“三公”经费" in text and "年初预算数" in text and "比上年增减原因" in text
    rules = rules_reading("sangong")
    assert rules and "T7-01" in {r.id for r in rules}
    for rule in rules:
        assert rule.id in text and rule.title in text
    others = {r.id for r in load_catalogue().rules} - {r.id for r in rules}
    assert not [rule for rule in others if re.search(rf"\b{re.escape(rule)}\b", text)]
    close(qtbot, dialog)

    glossary = window.views["glossary"][0]
    window._show_page(window.views["glossary"][1])
    glossary.setFocus()
    qtbot.keyClick(glossary, Qt.Key.Key_F1)
    text = shown_help(qtbot, window).browser.toPlainText()
    assert "添加行" in text and "Alt+Enter" in text and "T7-01" not in text
    close(qtbot, window.help.dialog)


def test_f1_outside_a_table_shows_the_guide(qtbot, seed1_path, open_window):
    window = open_window(seed1_path)
    activate(qtbot, window)
    search = window.findings_panel.search
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_F1)
    dialog = shown_help(qtbot, window)
    assert "一、窗口" in dialog.browser.toPlainText()
    close(qtbot, dialog)
