"""Whether a year may be published: no 审核 error, every warning explained, every table filled.

The PDF export refuses while the gate is closed and names what stands in the way; a draft
(草稿, watermarked on every page) is exported anyway, for review inside the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.document import Document
from desktop.publication.tables import part_one_tables
from desktop.rules.engine import check_document
from desktop.rules.findings import Finding

SHOWN = 20  # findings named per group in the message; the rest are counted


@dataclass(frozen=True)
class GateReport:
    errors: tuple[Finding, ...]
    unexplained: tuple[Finding, ...]
    unfilled: tuple[str, ...]

    @property
    def open(self) -> bool:
        return not (self.errors or self.unexplained or self.unfilled)

    def message(self) -> str:
        """The refusal in Chinese, naming every problem (up to SHOWN per group)."""
        if self.open:
            return "审核通过：可以导出正式文件。"
        lines = ["不能导出正式文件：以下问题须先处理（或选择“草稿”导出，每页加“草稿”水印）。"]
        for title, items in ((f"错误（强制性）{len(self.errors)} 个：", [f.text for f in self.errors]),
                             (f"未说明的提示 {len(self.unexplained)} 个（请在审核面板中填写说明）：",
                              [f.text for f in self.unexplained]),
                             (f"未填写的报表 {len(self.unfilled)} 张：", list(self.unfilled))):
            if items:
                lines.append(title)
                lines += [f"  · {text}" for text in items[:SHOWN]]
                if len(items) > SHOWN:
                    lines.append(f"  · ……另有 {len(items) - SHOWN} 个")
        return "\n".join(lines)


def export_gate(document: Document, year: int | None = None) -> GateReport:
    data = document.latest_year() if year is None else document.year(year)
    findings = check_document(document, data.year)
    return GateReport(
        errors=tuple(f for f in findings if f.severity == "error"),
        unexplained=tuple(f for f in findings if f.needs_explanation),
        unfilled=tuple(t.unfilled for t in part_one_tables(document, data) if t.unfilled),
    )
