"""文件 ▸ 示例: the complete example and the two seeds, each opened as a fresh copy, and the first run
opening the complete example (a document whose final export passes the gate)."""

import pytest

from desktop.io.samples import BUNDLED, EXAMPLE
from desktop.publication.gate import export_gate
from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow

from tests.ui.conftest import menu_action


@pytest.fixture()
def window(qtbot, tmp_path, monkeypatch, no_real_modals):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    opened = MainWindow(Settings(), tmp_path / "settings.json")
    qtbot.addWidget(opened)
    return opened


def test_the_menu_lists_the_example_then_the_seeds(window):
    examples = menu_action(window, "文件", "示例").menu()
    assert [a.text() for a in examples.actions()] == [b.label for b in BUNDLED]
    assert "审核通过" in examples.actions()[0].statusTip()


@pytest.mark.parametrize("bundled", BUNDLED, ids=[b.key for b in BUNDLED])
def test_each_entry_opens_a_fresh_copy_in_the_user_data_folder(window, tmp_path, bundled):
    menu_action(window, "文件", "示例", bundled.label).trigger()
    assert window.file is not None and window.file.path.name == bundled.file_name
    assert (tmp_path / "data") in window.file.path.parents
    assert not window.file.read_only


def test_choosing_the_example_again_gives_it_back_as_shipped(window):
    action = menu_action(window, "文件", "示例", EXAMPLE.label)
    action.trigger()
    name = window.workspace.document.department_name
    model = window.views["basic_info"][0].sheet()
    assert model.setData(model.index_of("", "main_tasks"), "临时改动")
    action.trigger()
    assert window.workspace.document.latest_year().section("basic_info").get("main_tasks") != "临时改动"
    assert window.workspace.document.department_name == name


def test_the_example_passes_the_gate_and_the_seeds_do_not(window):
    for bundled, passes in zip(BUNDLED, (True, False, False)):
        menu_action(window, "文件", "示例", bundled.label).trigger()
        assert export_gate(window.workspace.document).open is passes, bundled.key
    assert window.badge_counts()  # the window shows the seed's findings
