"""A plain-text summary of a document: what `make run` prints until the main window exists,
and what `fiscaldesk summary` prints for a quick look at a file.
"""

from __future__ import annotations

from desktop.domain.document import Document
from desktop.domain.formatting import format_amount
from desktop.domain.profiles import load_profile


def summarize(document: Document) -> str:
    lines = [f"部门：{document.department_name or '（未填写）'}"]
    units = document.section("units").rows
    if units:
        lines.append("单位：" + "、".join(r.get("name", "（未命名）") for r in units.values()))
    for year, data in document.years.items():
        fmt = load_profile(data.profile).format
        lines.append(f"\n{year}年度（方案：{data.profile}）")
        totals = data.section("income_expenditure")
        for row_id, label in (("income_total", "本年收入合计"), ("expenditure_total", "本年支出合计")):
            amount = totals.value(row_id, "current")
            shown = "（未填写）" if amount is None else f"{format_amount(amount, fmt.decision_unit, fmt.decimals, fmt.thousands)} {fmt.decision_unit}"
            lines.append(f"  {label}：{shown}")
        by_tab: dict[str, int] = {}
        for data_section in data.sections.values():
            by_tab[data_section.section.tab] = by_tab.get(data_section.section.tab, 0) + sum(1 for _ in data_section.cells())
        lines.append("  已填写单元格：" + "，".join(f"{tab} {count}" for tab, count in by_tab.items()))
        lines.append(f"  功能分类行 {len(data.section('gp_functional').rows)} 个，"
                     f"部门整体绩效指标 {len(data.section('dept_indicators').rows)} 个，"
                     f"自评项目 {len(data.section('projects').rows)} 个")
    return "\n".join(lines)
