"""帮助: the offline 使用说明 and, on F1, the help of the table the cursor is in.

The guide is resources/help/guide.html (shipped with the rest of resources/). The help of a
table is written from the same declarations the window and the 审核 use: its columns and what
each takes, what is computed, where its texts are published, and the 审核 rules of the catalogue
that read it (their ids and titles, as the 审核 panel lists them).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from desktop.paths import resource_path
from desktop.ui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.rules.catalogue import RuleSpec
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sheet_model import SheetModel

GUIDE_FILE = ("help", "guide.html")
SEVERITY_NAMES = {"error": "强制性", "warning": "提示性", "info": "提示信息"}
TYPE_HINTS = {
    "money": "金额：按当前单位（{unit}）直接输入数字，可带千分号；“-”“—”表示 0",
    "integer": "整数",
    "decimal": "数字",
    "boolean": "是/否",
    "text": "文字",
    "longtext": "长文字：Alt+Enter 换行，Enter 确认",
    "choice": "从下拉列表中选择",
    "code": "科目编码：输入编码后自动带出名称",
    "ref": "选择所属项目或单位",
    "computed": "自动计算，不能填写",
}


def guide_html() -> str:
    return resource_path(*GUIDE_FILE).read_text(encoding="utf-8")


def rules_reading(section_key: str) -> list[RuleSpec]:
    """The catalogue's rules that read this table (any of its columns), in catalogue order."""
    from desktop.rules.catalogue import load_catalogue  # loaded with the first document, as the engine is
    return [rule for rule in load_catalogue().rules if any(section == section_key for section, _ in rule.reads)]


def section_help_html(model: "SheetModel") -> str:
    """What goes where in one table, and the 审核 rules that check it."""
    from desktop.domain.published_texts import placement
    from desktop.ui.pages import section_title  # the tables' modules: loaded with the first document
    workspace = model.workspace
    section = model.section
    unit = workspace.unit_for(section.key)
    parts = [f"<h2>{html.escape(section_title(workspace, section.key))}</h2>"]
    kind = {"form": "表单：每项填一格", "grid": "固定行的表：按行列填写，合计等行自动计算",
            "table": "可增删行的表：用“添加行”（Ctrl+Shift+N）、“插入行”（Ctrl+I）增加行，"
                     "可从 Excel 粘贴整块，超出的部分自动添加行"}[section.kind]
    parts.append(f"<p>{kind}。</p>")
    parts.append("<h3>各栏填写什么</h3><table border='1' cellspacing='0' cellpadding='4'>"
                 "<tr><th>栏目</th><th>填写</th><th>说明</th></tr>")
    for spec in model.specs:
        hint = TYPE_HINTS.get(spec.type, spec.type).format(unit=unit)
        note = ""
        if spec.type == "computed":
            note = "由同一行（或列）的其他数字计算；鼠标停留在单元格上可看到算法"
        elif spec.type in ("text", "longtext"):
            place = placement(section.key, spec.key)
            if place is not None:
                note = f"发布位置：{place.where}" if place.published else place.where
        elif spec.column is not None and spec.column.sum_of:
            hint = "自动计算（各栏之和），不能填写"
        parts.append(f"<tr><td>{html.escape(spec.label)}</td><td>{html.escape(hint)}</td>"
                     f"<td>{html.escape(note)}</td></tr>")
    parts.append("</table>")
    if model.total_columns:
        labels = "、".join(s.label for s in model.specs if s.key in model.total_columns)
        parts.append(f"<p>末行“合计”自动计算：{html.escape(labels)}。</p>")
    computed_rows = [r.label for r in section.rows if getattr(r, "sum_of", None) or getattr(r, "total", False)]
    if computed_rows:
        parts.append(f"<p>自动计算的行（由其各部分相加，不能填写）：{html.escape('、'.join(computed_rows))}。</p>")
    rules = rules_reading(section.key)
    parts.append("<h3>审核本表的规则</h3>")
    if rules:
        parts.append("<table border='1' cellspacing='0' cellpadding='4'><tr><th>规则</th><th>级别</th><th>内容</th></tr>")
        for rule in rules:
            parts.append(f"<tr><td>{html.escape(rule.id)}</td><td>{SEVERITY_NAMES.get(rule.severity, rule.severity)}</td>"
                         f"<td>{html.escape(rule.title)}</td></tr>")
        parts.append("</table><p>问题出现在“审核”面板中：双击跳到单元格；提示性问题可在面板下方填写说明。</p>")
    else:
        parts.append("<p>没有审核规则读取本表。</p>")
    parts.append("<p>完整的使用说明：帮助 ▸ 使用说明。</p>")
    return "".join(parts)


class HelpDialog(QDialog):
    """A window beside the main window (not modal: the clerk reads it while typing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.resize(760, 640)
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def show_html(self, title: str, text: str) -> None:
        self.setWindowTitle(title)
        self.browser.setHtml(text)
        if self.isVisible():
            self.raise_()  # already open behind the main window: bring it forward
        else:
            self.show()
        self.activateWindow()


class HelpController:
    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.dialog: HelpDialog | None = None

    def _dialog(self) -> HelpDialog:
        if self.dialog is None:
            self.dialog = HelpDialog(self.window)
        return self.dialog

    def show_guide(self) -> None:
        self._dialog().show_html("使用说明 — FiscalDesk", guide_html())

    def show_context_help(self) -> None:
        """F1: the help of the table the cursor is in, else the guide."""
        from desktop.ui.sheet_view import SheetView
        widget = self.window.focusWidget()
        while widget is not None and not isinstance(widget, SheetView):
            widget = widget.parentWidget()
        if widget is None or self.window.workspace is None:
            self.show_guide()
            return
        model = widget.sheet()
        self._dialog().show_html(f"本表说明：{model.section.label}", section_help_html(model))
