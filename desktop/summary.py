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
            shown = ("（未填写）" if amount is None
                     else f"{format_amount(amount, fmt.decision_unit, fmt.decimals, fmt.thousands)} {fmt.decision_unit}")
            lines.append(f"  {label}：{shown}")
        by_tab: dict[str, int] = {}
        for data_section in data.sections.values():
            by_tab[data_section.section.tab] = by_tab.get(data_section.section.tab, 0) + sum(1 for _ in data_section.cells())
        lines.append("  已填写单元格：" + "，".join(f"{tab} {count}" for tab, count in by_tab.items()))
        lines.append(f"  功能分类行 {len(data.section('gp_functional').rows)} 个，"
                     f"部门整体绩效指标 {len(data.section('dept_indicators').rows)} 个，"
                     f"自评项目 {len(data.section('projects').rows)} 个")
    return "\n".join(lines)


def render_scores(scores: dict) -> str:
    """`fiscaldesk score` as text: each result's total and grade, its items with their explanation."""
    lines: list[str] = []
    results = ([("部门整体绩效评价", scores["department"])] if scores.get("department") else []) + \
        [("项目支出绩效自评", project) for project in scores.get("projects", [])]
    if not results:
        return "本年度没有可计算的绩效评分（未填写部门整体评分表和项目自评表）。"
    for title, result in results:
        total = result["total"] if result["total"] is not None else "无法计算"
        lines.append(f"{title}：{result['name']}　得分 {total}　等级 {result['grade'] or '—'}")
        if result.get("reported_total") is not None:
            lines.append(f"  填报得分 {result['reported_total']}")
        for item in result["items"]:
            lines += _render_item(item, "  ")
        lines += [f"  注：{note}" for note in result.get("notes", [])]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _render_item(item: dict, indent: str) -> list[str]:
    score = "不适用" if item["not_applicable"] else (item["score"] if item["score"] is not None else "无法计算")
    points = f"/{item['points']}" if item["points"] is not None else ""
    lines = [f"{indent}{item['label']}：{score}{points}　{item['explanation']}"]
    lines += [f"{indent}  ！{problem}" for problem in item["problems"]]
    for child in item["children"]:
        lines += _render_item(child, indent + "  ")
    return lines
