"""文件 ▸ 导出Word… end to end in the main window, offscreen: the same gate, file name, progress and
finish flow as 导出PDF, writing a Word document. The modal steps are replaced on the window's
ExportController (see test_export_pdf.py); real Qt modal calls fail loudly."""

from pathlib import Path

import export_fakes
import pytest

from desktop.io import child_export
from desktop.io.export import ExportResult
from desktop.ui.export_dialog import WORD_FILTER, exported_text
from desktop.ui.qt import QDesktopServices, QFileDialog, Qt
from test_export_pdf import YEAR, Clerk, answer, leftovers, menu_actions

CLEAN_DEPARTMENT = "示例区科学技术委员会"
SEED1_DEPARTMENT = "中关村科技园区门头沟园管理委员会"

pytestmark = pytest.mark.usefixtures("no_dialog_left_open")


def word_action(window):
    return menu_actions(window)["导出Word…"]


def is_docx(path: Path) -> bool:
    return path.is_file() and path.read_bytes()[:2] == b"PK" and path.stat().st_size > 20_000


def test_export_word_sits_beside_export_pdf_and_needs_a_document(qtbot, clean_path, open_window):
    window = open_window(None)
    labels = list(menu_actions(window))
    assert labels.index("导出PDF…") + 1 == labels.index("导出Word…") < labels.index("导出审核说明PDF…")
    assert word_action(window).shortcut().toString() == "Ctrl+Shift+E"
    assert not word_action(window).isEnabled()
    assert window.open_document(clean_path)
    assert word_action(window).isEnabled()


def test_a_clean_document_exports_the_word_document(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                    open_window):
    from docx import Document as open_docx

    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "out" / "公开说明"  # typed without the suffix
    clerk.target.parent.mkdir()
    word_action(window).trigger()
    written = tmp_path / "out" / "公开说明.docx"
    assert clerk.asked_paths == [("导出Word", clean_path.parent / f"{YEAR}年度{CLEAN_DEPARTMENT}部门决算公开说明.docx")]
    assert clerk.refusals == [] and clerk.failures == []
    assert is_docx(written)
    [result] = clerk.finished
    assert result.path == written and not result.draft and result.pages is None
    assert window.statusBar().currentMessage() == f"已导出 Word 文档：{written}"
    assert leftovers(written.parent) == []
    headings = [p.text for p in open_docx(str(written)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "第一部分 2023年度部门决算报表"


def test_the_shortcut_runs_the_same_flow_and_a_closed_gate_offers_a_draft(qtbot, tmp_path, seed1_path, monkeypatch,
                                                                         no_real_modals, open_window):
    window = open_window(seed1_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.draft = True
    clerk.target = tmp_path / "草稿.docx"
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(clerk.refusals) == 1 and clerk.failures == []
    [(title, default)] = clerk.asked_paths
    assert title == "导出Word"
    assert default == seed1_path.parent / f"{YEAR}年度{SEED1_DEPARTMENT}部门决算公开说明（草稿）.docx"
    assert is_docx(clerk.target)
    [result] = clerk.finished
    assert result.draft and window.statusBar().currentMessage() == f"已导出 Word 文档（草稿）：{clerk.target}"
    assert "PowerPlusWaterMarkObject" in _all_xml(clerk.target)


def _all_xml(path: Path) -> str:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


def test_cancel_at_the_refusal_writes_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "seed1.docx"
    word_action(window).trigger()
    assert len(clerk.refusals) == 1 and clerk.asked_paths == [] and clerk.finished == []
    assert not clerk.target.exists() and list(tmp_path.glob("*.docx")) == []
    assert window.statusBar().currentMessage().startswith("未导出")


def test_cancelling_during_the_export_keeps_the_previous_file(qtbot, tmp_path, clean_path, monkeypatch,
                                                             no_real_modals, open_window):
    from desktop.ui.qt import QTimer
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    clerk.target = folder / "公开说明.docx"
    clerk.target.write_bytes(b"the previous export")
    QTimer.singleShot(0, lambda: window.exporter.progress_dialog.cancel())
    assert window.exporter.export_word() is None
    assert clerk.target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["公开说明.docx"]
    assert window.statusBar().currentMessage().startswith("已取消导出")


def test_a_failure_is_reported_not_raised(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals, open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "x.docx"
    monkeypatch.setattr(child_export, "export_docx", export_fakes.broken)  # run in the child
    word_action(window).trigger()
    [(title, text)] = clerk.failures
    assert title == "导出Word" and "排版引擎内部错误" in text and "x.docx" in text
    assert not window.exporter.busy and not clerk.target.exists()


def test_the_file_dialog_offers_word_documents(qtbot, tmp_path, clean_path, monkeypatch, open_window):
    window = open_window(clean_path)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, default, filters: asked.append((title, default, filters)) or ("", ""))
    assert window.exporter.export_word() is None
    [(title, default, filters)] = asked
    assert title == "导出Word" and default.endswith(".docx") and filters == WORD_FILTER


def test_the_finish_dialog_names_the_word_document_and_opens_it(qtbot, tmp_path, clean_path, monkeypatch, open_window):
    window = open_window(clean_path)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    result = ExportResult(tmp_path / "公开说明.docx", None, False)
    seen = []
    answer("打开文件", seen)
    window.exporter.finished(result)
    assert opened == [str(result.path)]
    [(_title, text, _details, buttons)] = seen
    assert "Word" in text and str(result.path) in text and "None" not in text and "页" in text
    assert exported_text(ExportResult(Path("a.pdf"), 3, True)) == "已导出 3 页（草稿）：a.pdf"
