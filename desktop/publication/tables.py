"""The 第一部分 tables of a year, laid out as the profile's table set declares (layouts.py).

Cells print what the document holds, formatted by the profile (元 or 万元, 千分号, two decimals);
totals are the document's computed totals or, on the official forms' own 合计 rows, exact sums
of the rows printed above them, so a published table always adds up. A blank cell stays blank;
a table without any non-zero amount carries its 空表 statement. The two-sided 总表 and the
sideways forms (表6's column pairs, the 三公 样表) are laid out in official_forms.py.
"""

from __future__ import annotations

from typing import Any, Iterable

from desktop.domain.department_units import worded
from desktop.domain.document import Document, SectionData, YearData
from desktop.domain.formatting import format_amount
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.domain.schema import FORM_ROW
from desktop.domain.table_sets import published_tables
from desktop.domain.totals import column_total, summable_rows
from desktop.publication.layouts import ColumnSpec, TableLayout, table_layouts
from desktop.publication.model import Cell, Table

CODE_WIDTH, NAME_WIDTH, AMOUNT_WIDTH = 9, 22, 13


def _builders() -> dict:
    from desktop.publication import official_forms
    return {"two_sided": official_forms.two_sided, "pairs": official_forms.pairs,
            "crosswise": official_forms.crosswise, "coded": _coded, "grid": _grid, "form_row": _form_row,
            "items": _items}


def part_one_tables(document: Document, data: YearData) -> list[Table]:
    """Every table of the year's profile, numbered 表1, 表2 … as the profile's set orders them."""
    fmt = load_profile(data.profile).format
    builders = _builders()
    tables = []
    for published, layout in zip(published_tables(data.profile), table_layouts(data.profile)):
        header, rows, widths, amounts = builders[layout.layout](layout, data, fmt)
        unfilled = _unfilled_of(layout, data, fmt, amounts)
        empty = _empty(amounts)
        statement = worded(document, layout.empty.format(year=data.year, department=document.department_name))
        tables.append(Table(
            title=layout.title, header=header, rows=rows, widths=widths, number=published.number,
            unit=f"单位：{fmt.decision_unit}", empty_statement=statement if empty and not unfilled else "",
            unfilled=unfilled, notes=layout.notes, key=layout.key,
        ))
    return tables


def table_unfilled(layout: TableLayout, data: YearData) -> str:
    """`Table.unfilled` of one table, as part_one_tables gives it, without laying the table out
    where its amounts can be read straight from the document (rule T0-01 asks after every edit)."""
    from desktop.publication.official_forms import two_sided_prints_nonzero

    fmt = load_profile(data.profile).format
    amounts = layout_amounts(layout, data)
    if amounts is None and layout.layout == "two_sided" and two_sided_prints_nonzero(layout, data):
        return ""  # not empty, so not unfilled
    if amounts is None:
        amounts = _builders()[layout.layout](layout, data, fmt)[3]
    return _unfilled_of(layout, data, fmt, amounts)


def layout_amounts(layout: TableLayout, data: YearData) -> list | None:
    """The amounts a coded, grid, form-row or items table prints (those its builder returns), or
    None for the official forms, whose amounts are computed as they are laid out."""
    keys = [c.key for c in layout.columns]
    if layout.layout == "coded":
        return [values.get(k) for values in data.section(layout.section).rows.values() for k in keys]
    if layout.layout == "grid":
        section = data.section(layout.section)
        return [section.value(grid_row.key, k) for grid_row in section.section.rows for k in keys]
    if layout.layout == "form_row":
        return [data.section(layout.section).value(FORM_ROW, k) for k in keys]
    if layout.layout == "items":
        total_spec = layout.options["total"]
        amount_key = layout.options["amount_column"]
        return [data.section(total_spec["section"]).value(FORM_ROW, total_spec["column"]),
                *(values.get(amount_key) for values in data.section(layout.section).rows.values())]
    return None


def layout_sections(layout: TableLayout, sections: Iterable[str]) -> frozenset[str]:
    """The sections (among `sections`) a table reads: its own and every one its layout names."""
    known = set(sections)
    found = {layout.section}

    def visit(value: Any) -> None:
        if isinstance(value, str) and value in known:
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
    visit(layout.options)
    return frozenset(found)


def _empty(amounts: list) -> bool:
    return not any(a for a in amounts if a is not None)


def _unfilled_of(layout: TableLayout, data: YearData, fmt: FormatProfile, amounts: list) -> str:
    return _unfilled(layout, data, fmt, amounts) if _empty(amounts) else ""


def _unfilled(layout: TableLayout, data: YearData, fmt: FormatProfile, amounts: list) -> str:
    """Why this table without a non-zero amount is not a 空表, or "" when it is one. Blank is not
    zero: the table must hold an explicit 0, or every figure its layout names must be an explicit
    0; a non-zero figure there means the table was simply not filled in."""
    figures = []
    for section_key, row, column in layout.options.get("required_by", []):
        section = data.section(section_key)
        value = section.value(row or FORM_ROW, column)
        where = section.section.label + (f"·{section.section.row_label(row)}" if row else "")
        label = f"{where}（{section.section.column(column).label}）"
        if value:
            return f"{layout.title}未填写，但{label}为 {money_text(value, fmt)}"
        figures.append(value)
    if any(a is not None for a in amounts) or (figures and all(f is not None for f in figures)):
        return ""
    return f"{layout.title}未填写（金额均为空白，空表须填 0 确认）"


def money_text(value: Any, fmt: FormatProfile, unit: str | None = None) -> str:
    if not isinstance(value, Money):
        return "" if value is None else str(value)
    return format_amount(value, unit or fmt.decision_unit, fmt.decimals, fmt.thousands)


def amount_cell(value: Any, fmt: FormatProfile, bold: bool = False) -> Cell:
    return Cell(money_text(value, fmt), "right", bold)


def column_headers(lead: list[Cell], columns: Iterable[ColumnSpec], lead_below: list[Cell] = ()) -> tuple:
    """One header row, or two when a column belongs to a group (the group spans its columns);
    `lead` cells come first and span both rows unless `lead_below` gives their second row."""
    columns = list(columns)
    if not any(c.group for c in columns) and not lead_below:
        return (tuple(lead) + tuple(Cell(c.label, "center", True) for c in columns),)
    top = [c if lead_below else Cell(c.text, c.align, c.bold, c.colspan, 2) for c in lead]
    bottom = list(lead_below)
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.group:
            top.append(Cell(column.label, "center", True, rowspan=2))
            index += 1
            continue
        run = 0
        while index + run < len(columns) and columns[index + run].group == column.group:
            run += 1
        top.append(Cell(column.group, "center", True, colspan=run))
        bottom += [Cell(c.label, "center", True) for c in columns[index:index + run]]
        index += run
    return tuple(top), tuple(bottom)


def code_level(code: str, top: int) -> int:
    return max(0, (len(code) - top) // 2)


def _coded(layout: TableLayout, data: YearData, fmt: FormatProfile):
    section = data.section(layout.section)
    header = column_headers([Cell("项目", "center", True, colspan=2)], layout.columns,
                            lead_below=[Cell("科目编码", "center", True), Cell("科目名称", "center", True)])
    top_rows = summable_rows(data, layout.section)
    top = min((len(r["code"]) for r in top_rows if r.get("code")), default=3)
    keys = [c.key for c in layout.columns]
    amounts = []
    total = (Cell("合计", "center", True, colspan=2),
             *(amount_cell(column_total(data, layout.section, k, top_rows), fmt, True) for k in keys))
    body = []
    for values in section.rows.values():
        code = str(values.get("code") or "")
        cells = [values.get(k) for k in keys]
        amounts += cells
        body.append((Cell(code), Cell(str(values.get("name") or ""), indent=code_level(code, top)),
                     *(amount_cell(v, fmt) for v in cells)))
    rows = [*body, total] if layout.options.get("total_row") == "bottom" else [total, *body]
    widths = (CODE_WIDTH, NAME_WIDTH, *(AMOUNT_WIDTH for _ in keys))
    return header, tuple(rows), widths, amounts


def _grid(layout: TableLayout, data: YearData, fmt: FormatProfile):
    section = data.section(layout.section)
    header = column_headers([Cell(layout.options.get("row_header", "项目"), "center", True)], layout.columns)
    keys = [c.key for c in layout.columns]
    rows, amounts = [], []
    for grid_row in section.section.rows:
        values = [section.value(grid_row.key, k) for k in keys]
        amounts += values
        indent = 1 if grid_row.attributes.get("parent") else 0
        rows.append((Cell(grid_row.label, "left", grid_row.total, indent=indent),
                     *(amount_cell(v, fmt, grid_row.total) for v in values)))
    return header, tuple(rows), (NAME_WIDTH, *(AMOUNT_WIDTH for _ in keys)), amounts


def _form_row(layout: TableLayout, data: YearData, fmt: FormatProfile):
    form = data.section(layout.section)
    header = column_headers([], layout.columns)
    values = [form.value(FORM_ROW, c.key) for c in layout.columns]
    return header, (tuple(amount_cell(v, fmt) for v in values),), tuple(AMOUNT_WIDTH for _ in values), values


def _items(layout: TableLayout, data: YearData, fmt: FormatProfile):
    options = layout.options
    section: SectionData = data.section(layout.section)
    label_key, amount_key = options["label_column"], options["amount_column"]
    total_spec = options["total"]
    total = data.section(total_spec["section"]).value(FORM_ROW, total_spec["column"])
    header = (tuple(Cell(text, "center", True) for text in ("序号", "项目", "金额")),)
    rows = [(Cell("合计", "center", True, colspan=2), amount_cell(total, fmt, True))]
    amounts = [total]
    for number, values in enumerate(section.rows.values(), 1):
        amounts.append(values.get(amount_key))
        rows.append((Cell(str(number), "center"), Cell(str(values.get(label_key) or "")),
                     amount_cell(values.get(amount_key), fmt)))
    return header, tuple(rows), (6, 40, 16), amounts
