"""文件 ▸ 导出PDF… and 导出审核说明PDF… end to end in the main window, offscreen.

The modal steps (file name, refusal, finish message, error) are replaced on the window's
ExportController, and the real Qt modal calls are made to fail loudly, so no test can block on a
dialog; the real dialogs are exercised separately by clicking their buttons from a timer. The
exports run in a child process: a test replaces an exporter there by one of export_fakes, and
watches the progress dialog from a timer while the window waits for the child.
"""

import json
import multiprocessing
import sys
import time
from pathlib import Path

import export_fakes
import pytest

from desktop.io import child_export
from desktop.io.samples import load_sample
from desktop.publication.gate import export_gate
from desktop.ui.export_dialog import (MINIMUM_DURATION_MS, REFUSAL_TITLE, ExportController, refusal_box,
                                      refusal_summary)
from desktop.ui.qt import (QApplication, QDesktopServices, QMessageBox, QProgressDialog, Qt,
                          QTimer)

YEAR = 2023
CLEAN_DEPARTMENT = "示例区科学技术委员会"
SEED1_DEPARTMENT = "中关村科技园区门头沟园管理委员会"


pytestmark = pytest.mark.usefixtures("no_dialog_left_open")


class Clerk:
    """Stands in for the clerk at every modal step of one window's exports."""

    def __init__(self, exporter: ExportController, monkeypatch) -> None:
        self.target: Path | None = None  # what the file dialog returns; None = 取消
        self.draft = False                # the answer to the refusal
        self.asked_paths: list[tuple[str, Path]] = []
        self.refusals: list[tuple[str, str]] = []
        self.finished: list = []
        self.failures: list[tuple[str, str]] = []
        monkeypatch.setattr(exporter, "ask_path", self.ask_path)
        monkeypatch.setattr(exporter, "ask_draft", self.ask_draft)
        monkeypatch.setattr(exporter, "finished", self.finished.append)
        monkeypatch.setattr(exporter, "failed", lambda title, text: self.failures.append((title, text)))

    def ask_path(self, title: str, default: Path) -> Path | None:
        self.asked_paths.append((title, default))
        return self.target

    def ask_draft(self, summary: str, message: str) -> bool:
        self.refusals.append((summary, message))
        return self.draft


def fake(monkeypatch, exporter: str, replacement) -> None:
    """The child runs `replacement` (a function of export_fakes) instead of the real exporter."""
    monkeypatch.setattr(child_export, exporter, replacement)


def faked_export(open_window, path: Path, monkeypatch, target: Path, replacement) -> tuple:
    """The window on `path`, its clerk choosing `target`, and the child running `replacement`
    (a function of export_fakes) for 导出PDF: (window, clerk)."""
    window = open_window(path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = target
    fake(monkeypatch, "export_pdf", replacement)
    return window, clerk


def menu_actions(window, title: str = "文件(&F)") -> dict:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return {a.text(): a for a in menu.actions() if a.text()}


def export_action(window):
    return menu_actions(window)["导出PDF…"]


def audit_action(window):
    return menu_actions(window)["导出审核说明PDF…"]


def is_pdf(path: Path) -> bool:
    return path.is_file() and path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 10_000


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_the_export_actions_follow_save_as_in_the_file_menu_and_need_a_document(qtbot, tmp_path, clean_path,
                                                                                open_window):
    window = open_window(None)
    labels = list(menu_actions(window))
    assert labels.index("另存为…") < labels.index("导出PDF…") < labels.index("导出审核说明PDF…") < labels.index("退出")
    assert export_action(window).shortcut().toString() == "Ctrl+E"
    assert not export_action(window).isEnabled() and not audit_action(window).isEnabled()
    assert window.open_document(clean_path)
    assert export_action(window).isEnabled() and audit_action(window).isEnabled()


def test_a_clean_document_exports_the_publication(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                  open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "out" / "公开说明"  # typed without the suffix
    clerk.target.parent.mkdir()
    export_action(window).trigger()
    written = tmp_path / "out" / "公开说明.pdf"
    assert clerk.asked_paths == [("导出PDF", clean_path.parent / f"{YEAR}年度{CLEAN_DEPARTMENT}部门决算公开说明.pdf")]
    assert clerk.refusals == [] and clerk.failures == []
    assert is_pdf(written)
    [result] = clerk.finished
    assert result.path == written and not result.draft and result.pages > 1
    message = window.statusBar().currentMessage()
    assert message == f"已导出 {result.pages} 页：{written}"
    assert leftovers(written.parent) == []
    assert not window.exporter.busy and window.exporter.progress_dialog is None


def test_a_closed_gate_is_explained_and_cancel_writes_nothing(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                              open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "seed1.pdf"
    export_action(window).trigger()
    [(summary, message)] = clerk.refusals
    report = export_gate(load_sample(1), YEAR)
    assert "错误" in message and message == report.message()
    assert f"错误 {len(report.errors)} 个" in summary and f"未说明的提示 {len(report.unexplained)} 个" in summary
    assert clerk.asked_paths == [] and clerk.finished == [] and clerk.failures == []
    assert not clerk.target.exists() and list(tmp_path.glob("*.pdf")) == []
    assert window.statusBar().currentMessage().startswith("未导出")


def test_a_closed_gate_still_exports_a_draft(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.draft = True
    clerk.target = tmp_path / "seed1-草稿.pdf"
    export_action(window).trigger()
    assert len(clerk.refusals) == 1 and clerk.failures == []
    [(_title, default)] = clerk.asked_paths
    assert default == seed1_path.parent / f"{YEAR}年度{SEED1_DEPARTMENT}部门决算公开说明（草稿）.pdf"
    assert is_pdf(clerk.target)
    [result] = clerk.finished
    assert result.draft and result.path == clerk.target
    assert str(clerk.target) in window.statusBar().currentMessage()


def test_cancelling_during_the_export_leaves_the_folder_as_it_was(qtbot, tmp_path, clean_path, monkeypatch,
                                                                   no_real_modals, open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    clerk.target = folder / "公开说明.pdf"
    clerk.target.write_bytes(b"the previous export")
    # 取消 as the clerk presses it: the first time the export lets events through
    QTimer.singleShot(0, lambda: window.exporter.progress_dialog.cancel())
    assert window.exporter.export_publication() is None
    assert clerk.target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["公开说明.pdf"]
    assert clerk.finished == [] and clerk.failures == []
    assert window.statusBar().currentMessage().startswith("已取消导出")
    assert not window.exporter.busy


def test_a_cancelled_new_file_leaves_no_file_and_no_part(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                         open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    clerk.target = folder / "公开说明.pdf"
    stages = []

    def press_cancel_during_layout():
        dialog = window.exporter.progress_dialog
        if dialog is None or dialog.wasCanceled():
            return
        stages.append(dialog.labelText())
        if dialog.labelText().startswith("排版") and dialog.value() >= 10:
            dialog.cancel()

    watcher = QTimer()
    watcher.timeout.connect(press_cancel_during_layout)
    watcher.start(5)
    export_action(window).trigger()
    watcher.stop()
    assert any(stage.startswith("排版") for stage in stages), "cancelled during layout, not before"
    assert list(folder.iterdir()) == [] and leftovers(folder) == []
    assert clerk.finished == [] and clerk.failures == []
    assert window.statusBar().currentMessage().startswith("已取消导出")


def test_cancel_kills_the_child_and_removes_its_temporary_file(qtbot, tmp_path, clean_path, monkeypatch,
                                                               no_real_modals, open_window):
    window, clerk = faked_export(open_window, clean_path, monkeypatch, tmp_path / "公开说明.pdf", export_fakes.endless)
    part = tmp_path / ".公开说明.pdf.part"
    seen = []

    def cancel_once_writing():
        dialog = window.exporter.progress_dialog
        if dialog is not None and not dialog.wasCanceled() and part.exists() and dialog.value() > 0:
            seen.append(multiprocessing.active_children())
            dialog.cancel()

    watcher = QTimer()
    watcher.timeout.connect(cancel_once_writing)
    watcher.start(10)
    assert window.exporter.export_publication() is None
    watcher.stop()
    [children] = seen
    assert len(children) == 1 and children[0].name == "fiscaldesk-export"
    assert multiprocessing.active_children() == []
    assert list(tmp_path.glob("*.pdf")) == [] and leftovers(tmp_path) == []
    assert clerk.finished == [] and clerk.failures == []


def test_the_progress_dialog_is_window_modal_and_shows_the_stage(qtbot, tmp_path, clean_path, monkeypatch,
                                                                  no_real_modals, open_window):
    window, clerk = faked_export(open_window, clean_path, monkeypatch, tmp_path / "slow.pdf", export_fakes.slow)
    seen = []

    def look():
        dialog = window.exporter.progress_dialog
        if dialog is not None and dialog.isVisible():
            seen.append((dialog.isVisible(), dialog.windowModality(), dialog.windowTitle(), dialog.labelText(),
                         dialog.maximum(), dialog.value()))

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(20)
    export_action(window).trigger()
    watcher.stop()
    assert seen[-1] == (True, Qt.WindowModality.WindowModal, "导出PDF", "排版", 7, 7)
    assert [r.pages for r in clerk.finished] == [3]
    assert clerk.target.read_bytes() == b"%PDF-1.4 slow"


def test_a_quick_export_leaves_no_progress_dialog_to_pop_up(qtbot, tmp_path, clean_path, monkeypatch,
                                                           no_real_modals, open_window):
    window, clerk = faked_export(open_window, clean_path, monkeypatch, tmp_path / "quick.pdf", export_fakes.quick)

    def finish_dialog_open_a_while(result):
        # the finish dialog runs a nested event loop, where the progress dialog is not yet deleted
        qtbot.wait(MINIMUM_DURATION_MS + 300)
        seen.append([w for w in window.findChildren(QProgressDialog) if w.isVisible()])

    seen = []
    monkeypatch.setattr(window.exporter, "finished", finish_dialog_open_a_while)
    QTimer.singleShot(0, export_action(window).trigger)  # from the event loop, as a menu click is
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == [[]]


def test_a_write_error_names_the_path_and_the_reason(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                     open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "no such folder" / "公开说明.pdf"
    export_action(window).trigger()
    [(title, text)] = clerk.failures
    assert title == "导出PDF" and str(clerk.target) in text and "无法写入" in text
    assert clerk.finished == [] and not clerk.target.parent.exists()


@pytest.mark.parametrize("failure, said", [
    (export_fakes.broken, "排版引擎内部错误"),        # the exporter raised: reported, never raised into Qt
    (export_fakes.dies, "导出进程意外退出（退出码 3）"),  # the child died without a result
])
def test_a_failed_export_is_reported_and_leaves_nothing(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                         open_window, failure, said):
    window, clerk = faked_export(open_window, clean_path, monkeypatch, tmp_path / "x.pdf", failure)
    export_action(window).trigger()
    [(title, text)] = clerk.failures
    assert title == "导出PDF" and said in text and "x.pdf" in text and "没有生成文件" in text
    assert list(tmp_path.iterdir()) == [tmp_path / "docs"] and clerk.finished == []
    assert not window.exporter.busy and multiprocessing.active_children() == []


def test_the_window_never_loads_the_pdf_exporter(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals,
                                                 open_window):
    """The export runs in the child: importing reportlab or desktop.io.pdf here would fail."""
    import desktop.io
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "公开说明.pdf"
    for name in [m for m in sys.modules if m.split(".")[0] == "reportlab" or m.startswith("desktop.io.pdf")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ("reportlab", "desktop.io.pdf"):
        monkeypatch.setitem(sys.modules, name, None)  # `import` raises ImportError
    monkeypatch.delattr(desktop.io, "pdf", raising=False)
    export_action(window).trigger()
    assert clerk.failures == [] and is_pdf(clerk.target)
    assert sys.modules["reportlab"] is None and sys.modules["desktop.io.pdf"] is None


def test_the_child_writes_the_file_the_exporter_writes(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals,
                                                       open_window):
    from pypdf import PdfReader

    from desktop.io.pdf import export_pdf
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.draft = True
    clerk.target = tmp_path / "child.pdf"
    export_action(window).trigger()
    [result] = clerk.finished
    here = export_pdf(load_sample(1), tmp_path / "here.pdf", year=YEAR, draft=True)
    assert result.pages == here.pages and result.draft
    texts = [[page.extract_text() for page in PdfReader(path).pages] for path in (clerk.target, here.path)]
    assert texts[0] == texts[1]


def test_choosing_no_file_name_exports_nothing(qtbot, tmp_path, clean_path, monkeypatch, no_real_modals, open_window):
    window = open_window(clean_path)
    clerk = Clerk(window.exporter, monkeypatch)
    export_action(window).trigger()
    assert len(clerk.asked_paths) == 1 and clerk.finished == [] and clerk.failures == []
    assert list(tmp_path.rglob("*.pdf")) == []


def test_the_audit_export_is_not_gated(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "审核说明.pdf"
    fake(monkeypatch, "export_audit_pdf", export_fakes.audit)
    audit_action(window).trigger()
    assert clerk.refusals == [] and clerk.failures == []
    assert clerk.asked_paths == [("导出审核说明PDF", seed1_path.parent / f"{YEAR}年度{SEED1_DEPARTMENT}审核说明.pdf")]
    assert json.loads(clerk.target.read_text("utf-8")) == [SEED1_DEPARTMENT, str(clerk.target), YEAR]
    assert window.statusBar().currentMessage() == f"已导出 2 页：{clerk.target}"


def test_the_audit_export_writes_a_pdf(qtbot, tmp_path, seed1_path, monkeypatch, no_real_modals, open_window):
    window = open_window(seed1_path)
    clerk = Clerk(window.exporter, monkeypatch)
    clerk.target = tmp_path / "审核说明.pdf"
    audit_action(window).trigger()
    assert clerk.refusals == [] and clerk.failures == []
    assert is_pdf(clerk.target)
    [result] = clerk.finished
    assert result.path == clerk.target and not result.draft
    assert leftovers(tmp_path) == []


# -- the real dialogs, answered from a timer --------------------------------------------------

def answer(button_text: str, seen: list) -> None:
    """Click `button_text` on the modal dialog once it is up (closing it anyway after 5 s)."""
    started = time.monotonic()

    def attempt():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text(), box.detailedText(), [b.text() for b in box.buttons()]))
            button = next((b for b in box.buttons() if b.text() == button_text), None)
            if button is not None:
                button.click()
            else:
                box.reject()
        elif time.monotonic() - started < 5:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def test_the_refusal_dialog_offers_draft_and_cancel_only(qtbot, tmp_path, seed1_path, open_window):
    window = open_window(seed1_path)
    report = export_gate(load_sample(1), YEAR)
    summary = refusal_summary(report, YEAR)
    box, draft = refusal_box(window, summary, report.message())
    qtbot.addWidget(box)
    assert box.windowTitle() == REFUSAL_TITLE and box.text() == summary
    assert box.detailedText() == report.message() and draft.text() == "导出草稿"
    assert [b.text() for b in box.buttons() if b.text() in ("导出草稿", "取消")] == ["导出草稿", "取消"]
    assert box.defaultButton().text() == "取消"
    seen = []
    answer("导出草稿", seen)
    assert window.exporter.ask_draft(summary, report.message()) is True
    answer("取消", seen)
    assert window.exporter.ask_draft(summary, report.message()) is False
    assert [s[0] for s in seen] == [REFUSAL_TITLE, REFUSAL_TITLE]


def test_the_finish_dialog_offers_to_open_the_file(qtbot, tmp_path, clean_path, monkeypatch, open_window):
    from desktop.io.pdf import ExportResult
    window = open_window(clean_path)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    result = ExportResult(tmp_path / "公开说明.pdf", 25, False)
    seen = []
    answer("关闭", seen)
    window.exporter.finished(result)
    assert opened == []
    answer("打开文件", seen)
    window.exporter.finished(result)
    assert opened == [str(result.path)]
    [(title, text, _details, buttons)] = seen[:1]
    assert "已导出" in text and str(result.path) in text and "25 页" in text
    assert {"打开文件", "关闭"} <= set(buttons)


QUIT_DURING_EXPORT = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[3]]  # tests/ui (export_fakes), the checkout (desktop)
import export_fakes
from desktop.io import child_export
from desktop.ui.app import application
from desktop.ui.export_dialog import ExportCancelled, export_job, progress_dialog, run_in_child
from desktop.ui.qt import QMainWindow, QTimer
if __name__ == "__main__":
    app = application()
    window = QMainWindow()
    window.show()
    child_export.export_pdf = export_fakes.endless
    def export():
        try:
            run_in_child(export_job("export_pdf", None, Path(sys.argv[2])), progress_dialog(window, "导出PDF"))
        except ExportCancelled:
            print("cancelled")
    QTimer.singleShot(0, export)
    QTimer.singleShot(1000, app.quit)
    app.exec()
"""


def test_quitting_the_program_during_an_export_stops_the_child(tmp_path):
    """Once the program quits no event loop runs, nor the timer that reads the child: the wait
    must end (cancelled) rather than spin, and the child's temporary file goes."""
    import os
    import subprocess
    script = tmp_path / "quit_during_export.py"
    script.write_text(QUIT_DURING_EXPORT, "utf-8")
    target = tmp_path / "x.pdf"
    here = Path(__file__).resolve().parent
    completed = subprocess.run([sys.executable, str(script), str(here), str(target), str(here.parents[1])],
                               capture_output=True, text=True, timeout=60,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert completed.stdout.split() == ["cancelled"], completed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quit_during_export.py"]
