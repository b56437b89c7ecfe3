"""Writes the FiscalDesk workbook (layout.py): 说明, the official tables, one 填报 sheet per
section and 审核说明. A template is the same workbook with the 填报 sheets empty.

Amounts are real numbers in the unit the window shows the section in by default (元
`#,##0.00`; the 绩效 sheets in 万元, `#,##0.00####`, every 分 kept), counts whole numbers, other figures numbers that
show exactly their own places; text is always written as text, so `=1+1` typed into a 说明
stays those characters and never becomes a formula. A figure Excel would not give back exactly
(a total beyond 15 digits) or a text XML cannot carry refuses the export (exact.py).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.document import Document, SectionData, YearData
from desktop.domain.money import Money
from desktop.domain.profiles import load_profile
from desktop.rules.engine import check_document
from desktop.domain.schema import FORM_ROW, Column
from desktop.io.xlsx import layout
from desktop.io.xlsx.official import write_official_sheets
from desktop.io.xlsx.styles import (BODY_FONT, BOLD_FONT, BORDER, CENTER, DATA_TAB_COLOR, HEADER_FILL, INDENTED, NOTE_FONT,
                                    PENDING_FILL, TITLE_FONT, TOTAL_FILL, WRAP, decimal_format, display_width, fit_row_height,
                                    lines_needed, merge, page_setup, put_number, put_text, style)

MAX_WIDTH = 50  # characters; longer text wraps
VALIDATION_ROWS = 2000  # rows below the header that get the 是/否 and choice drop-downs
TEMPLATE_TABLE_ROWS = 30  # bordered empty rows in a template's tables, to show where to type


def build_workbook(document: Document, data: YearData, *, template: bool = False,
                   now: datetime | None = None) -> Workbook:
    workbook = Workbook()
    info = workbook.active
    info.title = layout.INFO_SHEET
    _write_info(info, document, data, template, now or datetime.now())
    if not template:
        write_official_sheets(workbook, document, data)
    names = {row_id: values.get("name") for row_id, values in data.section("projects").rows.items()}
    money_format = load_profile(data.profile).format
    for sheet in layout.data_sheets(document.schema):
        section = document.section(sheet.section.key) if sheet.scope == "document" else data.section(sheet.section.key)
        worksheet = workbook.create_sheet(sheet.name)
        unit = money_format.unit_for(sheet.section.money_unit)  # as the window shows it by default
        _write_section(worksheet, sheet, section, document.department_name, _ref_labels(names), template, unit)
    _write_explanations(workbook.create_sheet(layout.EXPLANATIONS_SHEET), document, data, template)
    return workbook


def _ref_labels(names: dict[str, Any]) -> dict[str, str]:
    """What a project reference shows: the project's name when it names one project only."""
    counts: dict[Any, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {row_id: name if name and counts[name] == 1 else row_id for row_id, name in names.items()}


def _write_info(sheet: Worksheet, document: Document, data: YearData, template: bool, now: datetime) -> None:
    profile = load_profile(data.profile)
    put_text(sheet, 1, 1, "FiscalDesk 部门决算与绩效数据工作簿").font = TITLE_FONT
    facts = [
        (layout.INFO_FORMAT, layout.WORKBOOK_FORMAT, "请勿修改：导入时据此识别本工作簿"),
        (layout.INFO_VERSION, layout.WORKBOOK_VERSION, ""),
        (layout.INFO_DEPARTMENT, document.department_name, ""),
        (layout.INFO_YEAR, data.year, "导入时数据进入文档的这一年度"),
        (layout.INFO_PROFILE, data.profile, profile.label),
        (layout.INFO_KIND, "模板" if template else "导出", f"生成于 {now:%Y-%m-%d %H:%M}"),
    ]
    for offset, (label, value, note) in enumerate(facts):
        row = 3 + offset
        put_text(sheet, row, 1, label).font = BOLD_FONT
        cell = put_number(sheet, row, 2, value, "0") if isinstance(value, int) else put_text(sheet, row, 2, str(value))
        cell.font = BODY_FONT
        if note:
            put_text(sheet, row, 3, note).font = NOTE_FONT
    guide = [
        "使用方法：",
        "1. 绿色标签、名称以“填报-”开头的工作表是填报格式：每张表对应程序中的一张表，可直接填写、修改，或从其他表格粘贴数值。",
        "2. 蓝色标签的工作表（表1、表2……及绩效表）是公开格式，由程序根据填报数据生成，只供查阅和打印，导入时不读取。",
        "3. 金额单位见各表第 2 行（与程序中默认显示的单位一致，绩效表通常为万元），"
        "可填数字或文字（如 1,234.56、12.3万元）；空白表示未填写，不等于 0。",
        "4. 表格中可以增删行；隐藏的 A 列是行标识，新增的行留空即可。合计行会被自动跳过；灰色的合计、总计单元格由程序计算，无需填写。",
        "5. 填好后在 FiscalDesk 中选择 文件 ▸ 导入Excel，先预览将要修改的内容，确认后才会写入，并可撤销。",
        "6. “审核说明”表列出需要说明的提示性审核提示：在“说明”列填写后导入，即成为这些提示的说明。",
    ]
    for offset, line in enumerate(guide):
        put_text(sheet, 11 + offset, 1, line).font = BOLD_FONT if offset == 0 else BODY_FONT
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 60
    page_setup(sheet, "1:1", landscape=False)


def _write_section(sheet: Worksheet, spec: layout.DataSheet, data: SectionData, department: str,
                   ref_labels: dict[str, str], template: bool, unit: str) -> None:
    """`unit` (元 or 万元) is the one every amount of the sheet is written in, stated in the unit
    line and, when 万元, after each amount column's label (the reader honours either)."""
    section = spec.section
    sheet.sheet_properties.tabColor = DATA_TAB_COLOR
    headers = layout.header_labels(section, unit)
    last_column = 1 + len(headers)
    put_text(sheet, layout.TITLE_ROW, 2, section.label).font = TITLE_FONT
    sheet.cell(layout.TITLE_ROW, 2).alignment = CENTER
    if last_column > 2:
        merge(sheet, layout.TITLE_ROW, 2, layout.TITLE_ROW, last_column)
    sheet.row_dimensions[layout.TITLE_ROW].height = 24
    unit_line = f"{layout.MONEY_UNIT_PREFIX}{unit}" if spec.has_money else ""
    if last_column > 3:
        put_text(sheet, layout.UNIT_ROW, 2, f"{layout.DEPARTMENT_PREFIX}{department}").font = BODY_FONT
        if unit_line:
            put_text(sheet, layout.UNIT_ROW, last_column, unit_line).font = BODY_FONT
    else:  # too narrow for two cells: one line, "编制单位：…    金额单位：元"
        put_text(sheet, layout.UNIT_ROW, 2, f"{layout.DEPARTMENT_PREFIX}{department}    {unit_line}".rstrip()).font = BODY_FONT
    for index, label in enumerate([layout.ID_HEADER, *headers], 1):
        cell = put_text(sheet, layout.HEADER_ROW, index, label)
        style(cell, font=BOLD_FONT, fill=HEADER_FILL, border=BORDER, alignment=CENTER)
    if section.kind == "form":
        _form_rows(sheet, data, unit)
    else:
        _table_rows(sheet, data, ref_labels, template, unit)
        first = 3 if section.kind == "grid" else 2
        _validations(sheet, section.columns, first, section.kind == "table")
    _fit(sheet, last_column)
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = sheet.cell(layout.FIRST_DATA_ROW, 3 if section.kind != "table" else 2)
    wide = len(headers) > 6 or (section.kind != "form" and any(c.type == "longtext" for c in section.columns))
    page_setup(sheet, f"{layout.TITLE_ROW}:{layout.HEADER_ROW}", landscape=wide)


def _form_rows(sheet: Worksheet, data: SectionData, unit: str) -> None:
    values = data.rows[FORM_ROW]
    for offset, column in enumerate(data.section.columns):
        row = layout.FIRST_DATA_ROW + offset
        put_text(sheet, row, 1, column.key)
        label = put_text(sheet, row, 2, column.label)
        style(label, font=BOLD_FONT, border=BORDER, alignment=WRAP)
        cell = _put_value(sheet, row, 3, column, values.get(column.key), {}, unit)
        cell.border = BORDER
        if data.section.is_computed(FORM_ROW, column.key):
            cell.fill = TOTAL_FILL  # computed by FiscalDesk: left blank unless a typed figure came in
        if column.type in ("choice", "boolean"):
            validation = _list_validation(column)
            sheet.add_data_validation(validation)
            validation.add(cell.coordinate)


def _table_rows(sheet: Worksheet, data: SectionData, ref_labels: dict[str, str], template: bool, unit: str) -> None:
    section = data.section
    grid = section.kind == "grid"
    first = 3 if grid else 2
    items = [(r.key, data.rows[r.key], r) for r in section.rows] if grid else \
        [(row_id, values, None) for row_id, values in data.rows.items()]
    for offset, (row_id, values, grid_row) in enumerate(items):
        row = layout.FIRST_DATA_ROW + offset
        put_text(sheet, row, 1, row_id)
        if grid_row is not None:
            label = put_text(sheet, row, 2, grid_row.label)
            style(label, border=BORDER, font=BOLD_FONT if grid_row.total else BODY_FONT)
            if "parent" in grid_row.attributes:
                style(label, alignment=INDENTED)
        for index, column in enumerate(section.columns):
            cell = _put_value(sheet, row, first + index, column, values.get(column.key), ref_labels, unit)
            if grid and section.is_computed(row_id, column.key):
                style(cell, border=BORDER, fill=TOTAL_FILL)  # computed by FiscalDesk: blank unless typed
            else:
                style(cell, border=BORDER)
    if template and not grid:
        for offset in range(len(items), TEMPLATE_TABLE_ROWS):
            for index in range(len(section.columns)):
                style(sheet.cell(layout.FIRST_DATA_ROW + offset, first + index), border=BORDER)


def _put_value(sheet: Worksheet, row: int, column_index: int, column: Column, value: Any,
               ref_labels: dict[str, str], unit: str = "元") -> Any:
    money_format = layout.MONEY_FORMATS[unit]
    if value is None:
        cell = sheet.cell(row, column_index)
        if column.type in layout.NUMBER_FORMATS:
            cell.number_format = money_format if column.type == "money" else layout.NUMBER_FORMATS[column.type]
        return style(cell, font=BODY_FONT)
    if column.type == "money":
        amount = value if not isinstance(value, Money) else value.wan if unit == "万元" else value.yuan
        cell = put_number(sheet, row, column_index, amount, money_format)
    elif column.type == "integer":
        cell = put_number(sheet, row, column_index, value, layout.NUMBER_FORMATS["integer"])
    elif column.type == "decimal":
        cell = put_number(sheet, row, column_index, value, decimal_format(value))
    elif column.type == "boolean":
        cell = put_text(sheet, row, column_index, "是" if value else "否")
    elif column.type == "ref":
        cell = put_text(sheet, row, column_index, ref_labels.get(value, value))
    else:
        cell = put_text(sheet, row, column_index, str(value))
    if column.type not in ("money", "integer", "decimal"):
        return style(cell, font=BODY_FONT, alignment=WRAP)
    return style(cell, font=BODY_FONT)


def _fit(sheet: Worksheet, last_column: int) -> None:
    """Column widths that fit their content (within limits), then row heights for wrapped text."""
    widths: dict[int, float] = {}
    for column in range(2, last_column + 1):
        letter = get_column_letter(column)
        texts = [sheet.cell(row, column).value for row in range(layout.HEADER_ROW, sheet.max_row + 1)]
        numbers = any(isinstance(t, (int, Decimal)) for t in texts)
        longest = max((display_width(t) for t in texts if isinstance(t, str)), default=0)
        header = display_width(str(texts[0] or ""))
        width = max(header + 2, 16 if numbers else 10, min(longest + 2, MAX_WIDTH))
        widths[column] = sheet.column_dimensions[letter].width = min(width, MAX_WIDTH)
    for row in range(layout.HEADER_ROW, sheet.max_row + 1):
        lines = max((lines_needed(value, widths[column]) for column in widths
                     if isinstance(value := sheet.cell(row, column).value, str)), default=1)
        fit_row_height(sheet, row, lines)


def _list_validation(column: Column) -> DataValidation:
    options = column.choices if column.type == "choice" else ("是", "否")
    validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    validation.error = f"{column.label}应为：{'、'.join(options)}"
    validation.errorTitle = "FiscalDesk"
    validation.showErrorMessage = False  # a wrong entry is reported on import, naming the cell
    return validation


def _validations(sheet: Worksheet, columns: tuple[Column, ...], first: int, open_ended: bool) -> None:
    last = layout.FIRST_DATA_ROW + (VALIDATION_ROWS if open_ended else max(sheet.max_row - layout.FIRST_DATA_ROW, 0))
    for offset, column in enumerate(columns):
        if column.type not in ("choice", "boolean"):
            continue
        if len(",".join(column.choices)) > 250:
            continue
        letter = get_column_letter(first + offset)
        validation = _list_validation(column)
        sheet.add_data_validation(validation)
        validation.add(f"{letter}{layout.FIRST_DATA_ROW}:{letter}{last}")


def _write_explanations(sheet: Worksheet, document: Document, data: YearData, template: bool) -> None:
    """Every 提示性 warning of the year, for the clerk to answer in the 说明 column: the pending
    ones blank (and tinted), the explained ones with their 说明; then any explanation kept for a
    warning that is no longer found. A template lists nothing (it has no figures to check)."""
    sheet.sheet_properties.tabColor = DATA_TAB_COLOR
    warnings = [] if template else [f for f in check_document(document, data.year) if f.severity == "warning"]
    pending = sum(1 for f in warnings if f.needs_explanation)
    title = "审核提示的说明" + (f"（{len(warnings)} 条提示，待说明 {pending} 条）" if warnings else "")
    put_text(sheet, layout.TITLE_ROW, 1, title).font = TITLE_FONT
    put_text(sheet, layout.UNIT_ROW, 1, "请在“说明”列填写对每条提示性审核提示的说明（黄色为待说明）；规则、位置和提示内容由程序填写，"
                                        "请勿修改。说明留空的行导入时不读取。").font = NOTE_FONT
    for index, label in enumerate(layout.EXPLANATION_HEADERS, 1):
        cell = put_text(sheet, layout.HEADER_ROW, index, label)
        style(cell, font=BOLD_FONT, fill=HEADER_FILL, border=BORDER, alignment=CENTER)
    listed = {f.identity for f in warnings}
    rows = [(f.rule, f.location.key, f.message, f.explanation or "") for f in warnings]
    rows += [(rule, location, "（当前审核没有这条提示）", text)
             for (rule, location), text in sorted(data.explanations.items()) if (rule, location) not in listed]
    widths = (8, 28, 60, 50)
    for offset, (rule, location, message, text) in enumerate(rows):
        row = layout.FIRST_DATA_ROW + offset
        what = f"（{rule} 的说明，位置 {location}）"
        for index, value in enumerate((rule, location, message, text), 1):
            cell = put_text(sheet, row, index, value, what) if value else sheet.cell(row, index)
            cell.border, cell.alignment, cell.font = BORDER, WRAP, BODY_FONT
        if not text:
            sheet.cell(row, 4).fill = PENDING_FILL
        lines = max(lines_needed(value, width) for value, width in zip((rule, location, message, text), widths) if value)
        fit_row_height(sheet, row, lines)
    for letter, width in zip("ABCD", widths):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(layout.FIRST_DATA_ROW, 1)
    page_setup(sheet, f"{layout.TITLE_ROW}:{layout.HEADER_ROW}", landscape=True)
