"""The tables of 第四部分: 部门整体绩效目标及完成情况, 部门整体绩效评价评分表 and each project's
项目支出绩效自评表, laid out like the official forms (merged label cells, 万元 amounts).

Scores are the computed ones (desktop.scoring), so the published table always agrees with its
own rules; where a score cannot be computed a draft says so instead of showing a stale figure,
and the export gate refuses a final document until it can (rule S-01).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.domain.blocks import owner_block
from desktop.domain.document import YearData
from desktop.domain.formatting import format_number, format_percent
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile
from desktop.publication.model import Cell, Table
from desktop.publication.tables import money_text
from desktop.scoring.profile import load_scoring_profile
from desktop.scoring.project import fund_rate

NOT_COMPUTED = "无法计算"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _head(*labels: str) -> tuple[Cell, ...]:
    return tuple(Cell(label, "center", True) for label in labels)


def _merged_runs(values: list[str]) -> list[int]:
    """Row spans for a column whose equal neighbours are merged: the run length at its first
    row, 0 for the rows it covers."""
    spans = [0] * len(values)
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start] or not values[start]:
            spans[start] = index - start
            start = index
    return spans


def department_targets_table(data: YearData) -> Table | None:
    """部门整体绩效目标 as set (seed 1's （一）4): 三级指标, 指标性质, 指标值, 度量单位, 指标权重."""
    rows = list(data.section("dept_indicators").rows.values())
    if not rows:
        return None
    spans = _merged_runs([_text(r.get("category")) for r in rows])
    body = []
    for number, (row, span) in enumerate(zip(rows, spans), 1):
        cells = [Cell(str(number), "center")]
        cells += [Cell(_text(row.get("category")), "center", rowspan=span)] if span else []
        cells += [Cell(_text(row.get("name"))), Cell(_text(row.get("nature")), "center"),
                  Cell(_text(row.get("target")), "center"), Cell(_text(row.get("unit")), "center"),
                  Cell(_points(row.get("weight")), "right")]
        body.append(tuple(cells))
    return Table(title="部门整体绩效目标表", widths=(5, 8, 30, 7, 12, 8, 8), key="dept_targets",
                 header=(_head("序号", "类别", "三级指标", "指标性质", "指标值", "度量单位", "指标权重"),),
                 rows=tuple(body))


def department_completion_table(data: YearData) -> Table | None:
    """部门整体绩效目标完成情况 (seed 1's （三）): 计划值, 完成值 and the reason for a deviation."""
    rows = list(data.section("dept_indicators").rows.values())
    if not rows:
        return None
    spans = _merged_runs([_text(r.get("category")) for r in rows])
    body = []
    for row, span in zip(rows, spans):
        cells = [Cell(_text(row.get("category")), "center", rowspan=span)] if span else []
        planned = _text(row.get("planned")) or _indicator_value(row, "target")
        cells += [Cell(_text(row.get("name"))), Cell(planned, "center"), Cell(_text(row.get("actual")), "center"),
                  Cell(_text(row.get("deviation_reason")))]
        body.append(tuple(cells))
    return Table(title="部门整体绩效目标完成情况表", widths=(8, 28, 12, 12, 26), key="dept_completion",
                 header=(_head("类别", "三级指标", "计划值", "完成值", "偏差原因"),), rows=tuple(body))


def _score(value: str | None) -> str:
    return value if value is not None else NOT_COMPUTED


def department_score_table(result: dict | None) -> Table | None:
    """The 评分表 with the computed scores; 评分依据 is a sentence for the reader (what was achieved
    and what it scored), never the formula — formulas belong to the 审核说明."""
    if not result:
        return None
    body = []
    for item in result["items"]:
        children = item.get("children") or []
        label = Cell(item.get("category") or item["label"], "center", True, rowspan=1 + len(children))
        body.append((label, Cell(item["label"] + ("（小计）" if children else ""), bold=bool(children)),
                     Cell(item["points"] or "", "right"), Cell(_score(item["score"]), "right"),
                     Cell(_basis(item))))
        for child in children:
            body.append((Cell(child["label"], indent=1), Cell(child["points"] or "", "right"),
                         Cell(_score(child["score"]), "right"), Cell(_basis(child))))
    points = sum((_decimal(i["points"]) for i in result["items"]), start=_decimal("0"))
    body.append((Cell("合计", "center", True, colspan=2), Cell(format_number(points, 2, False), "right", True),
                 Cell(_score(result.get("total")), "right", True), Cell(f"评价等级：{result.get('grade') or NOT_COMPUTED}")))
    return Table(title="部门整体绩效评价评分表", widths=(9, 20, 7, 7, 40), key="dept_score",
                 header=(_head("一级指标", "二级指标", "分值", "得分", "评分依据"),), rows=tuple(body))


def _basis(item: dict) -> str:
    if item.get("not_applicable"):
        return "不适用"
    return item.get("basis") or ("" if item.get("score") is not None else NOT_COMPUTED)


def _decimal(text: str | None) -> Decimal:
    return Decimal(text) if text else Decimal(0)


FUND_LABELS = {"当年财政拨款": "其中：当年财政拨款", "上年结转资金": "　　　上年结转资金", "其他资金": "　　　其他资金"}
FUND_COLUMNS = ("initial_budget", "full_year_budget", "executed")


def fund_rows(data: YearData, project_id: str, result: dict,
              percent_decimals: int = 2) -> list[tuple[str, list[Money | None], str, str, str]]:
    """The 项目资金 block as printed: (row label, 年初/全年/执行 amounts, 分值, 执行率, 得分) per fixed
    row. 年度资金总额 is the sum of its 其中 rows where those are filled (never added to them again:
    the block has no 合计 row); 执行率 is measured against the profile's base; 分值 and 得分 are the
    computed budget-execution line's, printed on the 年度资金总额 row only."""
    profile = load_scoring_profile(data.profile)
    block = owner_block(data.section("project_funds"), project_id)
    execution = next((i for i in result["items"] if i["key"] == "budget_execution"), None) or {}
    rows = []
    for source in block.spec.choices:
        rate = fund_rate(block, source, profile)
        first = source == block.spec.total
        score = "—"
        if first and execution:
            score = "不适用" if execution.get("not_applicable") else _score(execution.get("score"))
        rows.append((FUND_LABELS.get(source, source), [block.value(source, k) for k in FUND_COLUMNS],
                     (execution.get("points") or "") if first else "—",
                     format_percent(rate, percent_decimals) if rate is not None else "—", score))
    return rows


def project_table(data: YearData, project_id: str, result: dict, fmt: FormatProfile) -> Table:
    """One 项目支出绩效自评表: 9 columns, label cells merged down the left as on the form."""
    project = data.section("projects").rows[project_id]
    unit = fmt.performance_unit
    rows: list[tuple[Cell, ...]] = [
        (Cell("项目名称", "center", True), Cell(_text(project.get("name")), colspan=8)),
        (Cell("主管部门", "center", True), Cell(_text(project.get("department")), colspan=3),
         Cell("实施单位", "center", True, colspan=2), Cell(_text(project.get("implementer")), colspan=3)),
    ]
    funds = fund_rows(data, project_id, result, fmt.percent_decimals)
    rows.append((Cell(f"项目资金（{unit}）", "center", True, rowspan=1 + len(funds)), Cell("", colspan=2),
                 *_head("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")))
    for label, amounts, points, rate, score in funds:
        rows.append((Cell(label, colspan=2), *(Cell(money_text(a, fmt, unit), "right") for a in amounts),
                     Cell(points, "center"), Cell(rate, "center"), Cell(score, "center")))
    rows += [
        (Cell("年度总体目标", "center", True, rowspan=2), Cell("预期目标", "center", True, colspan=4),
         Cell("实际完成情况", "center", True, colspan=4)),
        (Cell(_text(project.get("goal_expected")), colspan=4), Cell(_text(project.get("goal_actual")), colspan=4)),
    ]
    indicators = [(rid, r) for rid, r in data.section("project_indicators").rows.items() if r.get("project") == project_id]
    scores = {i["key"]: i for i in result["items"]}
    rows.append((Cell("绩效指标", "center", True, rowspan=1 + len(indicators)),
                 *_head("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")))
    spans = _merged_runs([_text(r.get("level1")) for _, r in indicators])
    for (row_id, row), span in zip(indicators, spans):
        item = scores.get(f"indicator:{row_id}", {})
        cells = [Cell(_text(row.get("level1")), "center", rowspan=span)] if span else []
        not_applicable = bool(row.get("not_applicable"))
        cells += [Cell(_text(row.get("level2")), "center"), Cell(_text(row.get("level3"))),
                  Cell(_indicator_value(row, "target"), "center"), Cell(_indicator_value(row, "actual"), "center"),
                  Cell("不适用" if not_applicable else _points(row.get("points")), "center"),
                  Cell("—" if not_applicable else _score(item.get("score")), "center"),
                  Cell(_text(row.get("deviation_reason")))]
        rows.append(tuple(cells))
    rows.append((Cell("总分", "center", True, colspan=7), Cell(_score(result.get("total")), "center", True),
                 Cell(f"自评等级：{result.get('grade') or NOT_COMPUTED}", "center", True)))
    return Table(title="项目支出绩效自评表", widths=(10, 9, 10, 15, 10, 10, 7, 7, 14), header=(), rows=tuple(rows),
                 subtitle=f"（{data.year}年度）", unit=f"单位：{unit}", key="project")


def _points(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, 2, False)


def _indicator_value(row: dict, key: str) -> str:
    value = _text(row.get(key))
    nature = row.get("nature")
    if key == "target" and nature in ("≥", "≤", "=") and value:
        value = f"{nature}{value}"
    unit = _text(row.get("unit"))
    return f"{value}{unit}" if value and unit and not value.endswith(unit) else value

