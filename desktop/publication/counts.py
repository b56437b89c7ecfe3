"""“三公”经费相关统计数: the quantities an inspector ticks beside the 三公 amounts (domain.md §9.2,
§9.3) — 团组 and 人次 abroad, cars bought and kept, receptions (国内 and 外事) with their 人次 — as
one small table under the 三公 paragraph. The paragraph says them too; the table lets them be read
at a glance and checked against the 决算 client's 相关统计数.
"""

from __future__ import annotations

from desktop.domain.document import YearData
from desktop.publication.model import Cell, Table

ROWS = (  # label, unit, section, row ("" for the form), column
    ("因公出国（境）团组数", "个", "sangong_details", "", "abroad_groups"),
    ("因公出国（境）人次", "人次", "sangong_details", "", "abroad_people"),
    ("公务用车购置数", "辆", "sangong_details", "", "vehicles_purchased"),
    ("公务用车保有量", "辆", "sangong_details", "", "vehicle_stock"),
    ("国内公务接待批次", "批次", "sangong_reception", "domestic", "batches"),
    ("国内公务接待人次", "人次", "sangong_reception", "domestic", "people"),
    ("外事接待批次", "批次", "sangong_reception", "foreign", "batches"),
    ("外事接待人次", "人次", "sangong_reception", "foreign", "people"),
)


def sangong_counts_table(data: YearData) -> Table | None:
    values = [data.section(section).value(row, column) for _, _, section, row, column in ROWS]
    if all(v is None for v in values):
        return None
    rows = tuple((Cell(label), Cell(unit, "center"), Cell("" if value is None else str(value), "right"))
                 for (label, unit, *_), value in zip(ROWS, values))
    return Table(title="“三公”经费相关统计数", header=((Cell("项目", "center", True), Cell("单位", "center", True),
                                                 Cell("数量", "center", True)),),
                 rows=rows, widths=(40, 10, 16), key="sangong_counts")
