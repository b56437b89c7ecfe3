"""国有资产占用情况表: the assets a department reports beside its 决算 (domain.md §1.2 其他重要事项),
as one table — 房屋, 车辆 (by category where given), 单价100万元以上设备 and 固定资产 in total —
with quantity and amount side by side. Not one of the numbered 第一部分 tables; the Excel
workbook carries it for colleagues who keep the asset ledger.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.document import YearData
from desktop.domain.profiles import FormatProfile
from desktop.domain.schema import FORM_ROW
from desktop.publication.model import Cell, Table
from desktop.publication.tables import money_text


def assets_table(data: YearData, fmt: FormatProfile) -> Table | None:
    """None when nothing about assets was filled in."""
    assets = data.section("assets").rows[FORM_ROW]
    vehicles = list(data.section("asset_vehicles").rows.values())
    if not assets and not vehicles:
        return None

    rows = [
        (Cell("房屋", bold=True), Cell("平方米", "center"), _quantity(assets.get("building_area")),
         Cell(money_text(assets.get("building_amount"), fmt), "right")),
        (Cell("车辆", bold=True), Cell("辆", "center"), _quantity(assets.get("vehicle_count")),
         Cell(money_text(assets.get("vehicle_amount"), fmt), "right")),
    ]
    for vehicle in vehicles:
        rows.append((Cell(str(vehicle.get("category") or ""), indent=1), Cell("辆", "center"),
                     _quantity(vehicle.get("count")), Cell(money_text(vehicle.get("amount"), fmt), "right")))
    rows += [
        (Cell("单价100万元以上设备", bold=True), Cell("台（套）", "center"),
         _quantity(assets.get("large_equipment_count")),
         Cell(money_text(assets.get("large_equipment_amount"), fmt), "right")),
        (Cell("固定资产总额", "center", True), Cell("—", "center"), Cell("—", "center"),
         Cell(money_text(assets.get("fixed_assets_total"), fmt), "right", True)),
    ]
    note = assets.get("change_note")
    return Table(title="国有资产占用情况表", widths=(26, 10, 14, 18),
                 header=(tuple(Cell(label, "center", True) for label in ("项目", "计量单位", "数量", "金额")),),
                 rows=tuple(rows), unit=f"单位：{fmt.decision_unit}", subtitle=f"（截至{data.year}年12月31日）",
                 notes=(f"说明：{note}",) if note else ())


def _quantity(value: Decimal | int | None) -> Cell:
    if value is None:
        return Cell("", "right")
    return Cell(f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}", "right")  # as entered
