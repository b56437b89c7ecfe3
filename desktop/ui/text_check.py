"""文件 ▸ 核对说明…: a 说明 from Word, a text file or a published PDF, checked figure by figure.

The window shows the text as it was read, every figure marked (一致 green, 有误 red, 未核对 grey),
and the list of problems; choosing a problem scrolls to its sentence and selects it. 重新核对 reads the file again and
checks it against the document as it is now, so the clerk can correct the tables or the Word copy
and see the marks change. The checking itself is desktop/review (no Qt).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ui.qt import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox,
                           QPushButton, QSplitter, Qt, QTextBrowser, QTextCursor, QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from desktop.review.checker import TextReport
    from desktop.ui.main_window import MainWindow

TITLE = "核对说明"
TYPED_NAME = "本文档填写的文字"
FILE_FILTER = "说明文件 (*.docx *.txt *.pdf);;Word 文档 (*.docx);;文本文件 (*.txt);;PDF 文件 (*.pdf);;所有文件 (*)"
MARKS = {"matched": ("#1b7f3b", "#e6f4ea"), "wrong": ("#b00020", "#fde7e9"), "unplaced": ("#666666", "#eeeeee")}
SEVERITY_NAMES = {"error": "强制性", "warning": "提示性", "info": "提示信息"}


def render_html(paragraphs: list[str], report: TextReport) -> str:
    """The text as read, one block per line; headings bold, each figure marked by its result, each
    sentence with a problem anchored (#s<n>) so the list can show it."""
    from desktop.review.outline import _SENTENCE_END, heading_level, sentences
    results: dict = {}
    for result in report.figures:
        results.setdefault(result.sentence, []).append(result)
    anchors = anchor_names(report)
    ordered = iter(sentences(paragraphs))
    blocks = []
    for paragraph in paragraphs:
        for line in paragraph.splitlines() or [""]:
            if not line.strip():
                continue
            if heading_level(line) is not None:
                blocks.append(f"<p><b>{html.escape(line.strip())}</b></p>")
                continue
            pieces = [piece for piece in _SENTENCE_END.split(line) if piece.strip()]
            shown = []
            for _piece in pieces:
                sentence = next(ordered)
                text = _marked(sentence.text, results.get(sentence, []))
                if sentence in anchors:
                    text = f'<a name="{anchors[sentence]}">{text}</a>'
                shown.append(text)
            blocks.append(f"<p>{''.join(shown)}</p>")
    return "\n".join(blocks)


def anchor_names(report: TextReport) -> dict:
    """Each sentence with a problem → the name of its anchor in the page ("s0", "s1", …)."""
    names: dict = {}
    for finding in report.findings:
        if finding.sentence is not None and finding.sentence not in names:
            names[finding.sentence] = f"s{len(names)}"
    return names


def _marked(text: str, results: list) -> str:
    parts, position = [], 0
    for result in sorted(results, key=lambda r: r.claim.figure.start):
        figure = result.claim.figure
        colour, background = MARKS[result.status]
        tip = {"matched": "一致", "wrong": f"有误：应为{result.expected}", "unplaced": f"未核对：{result.reason}"}[result.status]
        parts.append(html.escape(text[position:figure.start]))
        parts.append(f'<span style="color:{colour}; background:{background};" title="{html.escape(tip)}">'
                     f"{html.escape(text[figure.start:figure.end])}</span>")
        position = figure.end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


class TextCheckWindow(QDialog):
    """The marked text beside the problems; 重新核对 and 关闭."""

    def __init__(self, controller: TextCheckController, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.path = controller, path  # None: the texts typed into the document
        self.setWindowTitle(f"{TITLE} — {path.name if path is not None else TYPED_NAME}")
        self.resize(1180, 640)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)
        legend = QLabel('<span style="color:#1b7f3b">■ 一致</span>　<span style="color:#b00020">■ 有误</span>　'
                        '<span style="color:#666">■ 未核对</span>　（鼠标停在数字上可看应为多少或未核对的原因）')
        layout.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.text_view = QTextBrowser()
        self.text_view.setOpenLinks(False)
        self.findings_list = QListWidget()
        self.findings_list.setWordWrap(True)
        self.findings_list.currentRowChanged.connect(self.show_finding)
        splitter.addWidget(self.text_view)
        splitter.addWidget(self.findings_list)
        splitter.setSizes([640, 520])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.locate_button = QPushButton("在表格中查看")
        self.locate_button.setToolTip("选中一条“有误”的问题后，转到表格中保存该数字的单元格")
        self.locate_button.setEnabled(False)
        self.locate_button.clicked.connect(self.locate)
        self.recheck_button = QPushButton("重新核对")
        self.recheck_button.setToolTip("重新读取文件，按文档当前的表格再核对一次")
        self.recheck_button.clicked.connect(self.recheck)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.locate_button)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.report: TextReport | None = None

    def show_report(self, paragraphs: list[str], report: TextReport) -> None:
        self.report = report
        self.summary_label.setText(report.summary())
        self.text_view.setHtml(render_html(paragraphs, report))
        self.findings_list.clear()
        for finding in report.findings:
            where = f"\n{finding.sentence.place}：“{finding.sentence.text}”" if finding.sentence else ""
            item = QListWidgetItem(f"[{finding.rule} {SEVERITY_NAMES[finding.severity]}] {finding.message}{where}")
            if finding.severity == "error":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.findings_list.addItem(item)
        if not report.findings:
            self.findings_list.addItem("没有发现问题。")

    def show_finding(self, row: int) -> None:
        self.locate_button.setEnabled(bool(self.cells_of(row)))
        if self.report is None or not 0 <= row < len(self.report.findings):
            return
        sentence = self.report.findings[row].sentence
        if sentence is None:
            return
        self.text_view.scrollToAnchor(anchor_names(self.report)[sentence])
        # the sentence selected, from its anchor on (the same words may stand earlier in the text)
        cursor = self.text_view.cursorForPosition(self.text_view.viewport().rect().topLeft())
        self.text_view.setTextCursor(cursor)
        if not self.text_view.find(sentence.text):
            self.text_view.moveCursor(QTextCursor.MoveOperation.Start)
            self.text_view.find(sentence.text)

    def cells_of(self, row: int) -> list:
        """The cells holding the right figure of the problem in `row` (none for a computed figure)."""
        if self.report is None or not 0 <= row < len(self.report.findings):
            return []
        figure = self.report.findings[row].figure
        if figure is None or figure.right is None:
            return []
        from desktop.review.cells import cells_holding
        workspace = self.controller.window.workspace
        return cells_holding(workspace.document, workspace.year, figure.right) if workspace is not None else []

    def locate(self) -> bool:
        """Show the first cell holding the right figure in the main window."""
        row = self.findings_list.currentRow()
        cells = self.cells_of(row)
        if not cells:
            return False
        from desktop.rules.findings import Finding
        finding = self.report.findings[row]
        window = self.controller.window
        shown = window.jump_to(Finding(finding.rule, finding.severity, window.workspace.year, cells[0], finding.message))
        if shown:
            window.activateWindow()
        return shown

    def recheck(self) -> None:
        if self.path is None:
            self.controller.check_typed(self)
        else:
            self.controller.check(self.path, self)


class TextCheckController:
    """The menu's flow; the file question is a method so tests can answer it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open_windows: list[TextCheckWindow] = []

    def check_text_file(self) -> TextCheckWindow | None:
        path = self.ask_open_path()
        if path is None:
            return None
        return self.check(path)

    def check(self, path: Path, shown: TextCheckWindow | None = None) -> TextCheckWindow | None:
        from desktop.io.text_sources import TextSourceError, read_paragraphs
        from desktop.review.checker import check_text
        from desktop.review.reference import build_reference
        workspace = self.window.workspace
        if workspace is None:
            return None
        try:
            paragraphs = read_paragraphs(path)
        except (TextSourceError, OSError) as exc:
            self.failed(f"无法核对“{path.name}”", str(exc))
            return None
        report = check_text(paragraphs, build_reference(workspace.document, workspace.year), path.name)
        return self._show(path, paragraphs, report, shown)

    def check_typed(self, shown: TextCheckWindow | None = None) -> TextCheckWindow | None:
        """文件 ▸ 核对填写的文字: the reasons, 概况 and other texts typed into the document, their
        figures placed against the tables (not against themselves)."""
        from desktop.review.checker import check_text
        from desktop.review.reference import build_reference, typed_texts
        workspace = self.window.workspace
        if workspace is None:
            return None
        paragraphs = typed_texts(workspace.document, workspace.year)
        report = check_text(paragraphs, build_reference(workspace.document, workspace.year, typed=False), TYPED_NAME)
        return self._show(None, paragraphs, report, shown)

    def _show(self, path: Path | None, paragraphs: list[str], report: TextReport,
              shown: TextCheckWindow | None) -> TextCheckWindow:
        name = path.name if path is not None else TYPED_NAME
        if shown is None:
            shown = TextCheckWindow(self, path, self.window)
            shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            shown.destroyed.connect(lambda _=None, w=shown: self.open_windows.remove(w) if w in self.open_windows else None)
            self.open_windows.append(shown)
        shown.show_report(paragraphs, report)
        shown.show()
        self.window.statusBar().showMessage(f"核对“{name}”：{report.summary()}", 10000)
        return shown

    # -- the modal steps ----------------------------------------------------------------
    def ask_open_path(self) -> Path | None:
        from desktop.ui.folders import default_folder, dialog_start
        folder = default_folder(self.window.file.path if self.window.file is not None else None)
        chosen, _filter = QFileDialog.getOpenFileName(self.window, TITLE, dialog_start(folder), FILE_FILTER)
        return Path(chosen) if chosen else None

    def failed(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)
