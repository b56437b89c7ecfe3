"""File ▸ 新建 dialog: fields, OK enabling, never overwriting, and the document it builds."""

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.money import Money
from desktop.io.samples import load_sample
from desktop.ui.new_document import NewDocumentDialog, default_file_name
from desktop.ui.qt import QDialog, QFileDialog, QMessageBox, Qt


@pytest.fixture()
def home(tmp_path, monkeypatch):
    """The clerk's home, and 文档/FiscalDesk (where a new document starts when none is open) in it."""
    from desktop.ui import folders
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.setattr(folders, "documents_folder", lambda: tmp_path)
    assert Path.home() == tmp_path
    return tmp_path


def test_with_no_document_open_a_new_one_goes_to_documents_fiscaldesk_made_on_ok(qtbot, tmp_path, monkeypatch):
    from desktop.ui import folders
    documents = tmp_path / "文档" / "FiscalDesk"
    monkeypatch.setattr(folders, "documents_folder", lambda: documents)
    dialog = make(qtbot)
    dialog.name_edit.setText("北京市某区某局")  # QTest types ASCII only
    assert dialog.path().parent == documents and not documents.exists()
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and documents.is_dir()


@pytest.fixture()
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


def make(qtbot, current=None, current_path=None) -> NewDocumentDialog:
    dialog = NewDocumentDialog(None, current, current_path)
    qtbot.addWidget(dialog)
    return dialog


def test_default_file_name_replaces_unsafe_characters():
    assert default_file_name(" 某区/某局:财务 ", 2024) == "某区_某局_财务2024.fdesk"


def test_blank_dialog_enables_ok_once_a_name_is_typed(qtbot, home):
    dialog = make(qtbot)
    assert dialog.base_check.isHidden() and not dialog.based_on_current()
    assert dialog.year_spin.value() == date.today().year - 1
    assert (dialog.year_spin.minimum(), dialog.year_spin.maximum()) == (2000, 2100)
    assert dialog.profile_combo.count() >= 2 and dialog.profile() == "beijing-district"
    assert dialog.profile_combo.currentText().startswith("北京市区级部门")
    assert not dialog.ok_button.isEnabled()
    assert "部门名称" in dialog.hint_label.text()

    qtbot.keyClicks(dialog.name_edit, "Dept")  # QTest types ASCII only
    assert dialog.ok_button.isEnabled()
    assert dialog.path() == home / f"Dept{date.today().year - 1}.fdesk"
    dialog.name_edit.setText("北京市某区某局")
    dialog.year_spin.setValue(2024)
    assert dialog.ok_button.isEnabled()
    assert dialog.path() == home / "北京市某区某局2024.fdesk"
    assert dialog.path_edit.text() == str(home / "北京市某区某局2024.fdesk")

    dialog.name_edit.setText("   ")
    assert not dialog.ok_button.isEnabled()


def test_blank_document_result(qtbot, home):
    dialog = make(qtbot)
    dialog.name_edit.setText("北京市某区某局")
    dialog.year_spin.setValue(2025)
    dialog.profile_combo.setCurrentIndex(dialog.profile_combo.findData("beijing-municipal"))
    document = dialog.document()
    assert document.department_name == "北京市某区某局"
    assert list(document.years) == [2025]
    assert document.year(2025).profile == "beijing-municipal"
    assert all(data.is_empty() for data in document.year(2025).sections.values())


def test_a_path_the_user_typed_is_no_longer_replaced(qtbot, home):
    dialog = make(qtbot)
    dialog.name_edit.setText("某局")
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(home / "custom"))  # the tmp path is ASCII
    dialog.name_edit.setText("另一局")
    dialog.year_spin.setValue(2030)
    assert dialog.path() == home / "custom.fdesk"
    assert dialog.ok_button.isEnabled()


def test_invalid_paths_disable_ok(qtbot, home):
    dialog = make(qtbot)
    dialog.name_edit.setText("某局")
    for text in ("", "/", "相对路径.fdesk", str(home / "没有的文件夹" / "a.fdesk"), str(home) + "/", str(home / "..")):
        dialog.path_edit.setText(text)
        assert not dialog.ok_button.isEnabled(), text
    (home / "目录.fdesk").mkdir()
    dialog.path_edit.setText(str(home / "目录.fdesk"))
    assert not dialog.ok_button.isEnabled()


def test_an_existing_file_is_never_overwritten(qtbot, home, warnings):
    existing = home / "某局2024.fdesk"
    existing.write_bytes(b"keep me")
    dialog = make(qtbot)
    dialog.year_spin.setValue(2024)
    dialog.name_edit.setText("某局")
    assert dialog.path() == existing
    assert "已存在" in dialog.hint_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert warnings and "已存在" in warnings[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert existing.read_bytes() == b"keep me"


def test_ok_accepts_a_valid_new_path(qtbot, home, warnings):
    dialog = make(qtbot)
    dialog.name_edit.setText("某局")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not warnings
    assert not dialog.path().exists()  # the dialog only chooses; the caller creates the file


def test_browse_sets_the_path_with_suffix(qtbot, home, monkeypatch, warnings):
    calls = []

    def fake(parent, caption, directory, filter_, *rest):
        calls.append((caption, directory, filter_))
        return str(home / "选择的文件"), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    dialog = make(qtbot)
    dialog.name_edit.setText("某局")
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert calls and calls[0][2] == "FiscalDesk 文档 (*.fdesk)"
    assert dialog.path() == home / "选择的文件.fdesk"
    dialog.name_edit.setText("别的局")
    assert dialog.path() == home / "选择的文件.fdesk"
    assert not warnings

    (home / "旧.fdesk").write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(home / "旧.fdesk"), ""))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert warnings and "已存在" in warnings[0]


def test_based_on_the_current_document(qtbot, tmp_path):
    current = load_sample(1)
    current_path = tmp_path / "docs" / "seed1.fdesk"
    current_path.parent.mkdir()
    dialog = make(qtbot, current, current_path)
    assert not dialog.base_check.isHidden() and dialog.base_check.isChecked()
    assert "以当前文档 2023 年度为基础" in dialog.base_check.text()
    assert "将 2023 年数填为上年数" in dialog.base_check.text()
    assert dialog.name_edit.text() == current.department_name
    assert dialog.year_spin.value() == 2024
    assert dialog.profile() == current.year(2023).profile
    assert dialog.path() == tmp_path / "docs" / f"{current.department_name}2024.fdesk"
    assert dialog.ok_button.isEnabled()

    document = dialog.document()
    assert list(document.years) == [2024]
    assert document.section("units").rows == current.section("units").rows
    year = document.year(2024)
    assert year.section("income_expenditure").rows["income_gp"] == {"prior": Money(7812957773)}
    assert year.section("gp_functional").rows["r1"] == {"code": "201", "name": "一般公共服务支出"}
    assert year.reference_problems(document.schema) == []
    assert list(current.years) == [2023]  # the open document is untouched

    dialog.name_edit.setText("改名后的部门")
    assert dialog.document().department_name == "改名后的部门"

    dialog.year_spin.setValue(2023)
    assert not dialog.ok_button.isEnabled() and "晚于" in dialog.hint_label.text()
    dialog.year_spin.setValue(2026)
    assert dialog.ok_button.isEnabled()
    assert list(dialog.document().years) == [2026]


def test_unchecking_the_base_gives_a_blank_document(qtbot, tmp_path):
    current = load_sample(2)
    dialog = make(qtbot, current, tmp_path / "seed2.fdesk")
    assert dialog.year_spin.value() == 2023
    dialog.base_check.setChecked(False)
    assert not dialog.based_on_current()
    dialog.year_spin.setValue(2022)  # no base: any year
    assert dialog.ok_button.isEnabled()
    document = dialog.document()
    assert document.department_name == current.department_name
    assert list(document.years) == [2022]
    assert document.section("units").is_empty()
    assert all(data.is_empty() for data in document.year(2022).sections.values())
