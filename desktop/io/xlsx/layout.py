"""The FiscalDesk workbook layout, shared by the writer and the reader (no openpyxl here).

A workbook holds, in order:

- 说明: what the workbook is (format, version, 年度, 方案) and how to use it;
- the published tables in their official layout (表1 …, 部门整体绩效目标, 部门整体评分表,
  项目支出自评表): for reading and printing; the importer never reads them, since they hold
  computed rows (合计, scores) that are not data;
- one 填报 sheet per section of sections.json (named 填报-<section>), in the one layout the importer reads: the title
  in row 1, 编制单位 and 金额单位 in row 2, column labels in row 3, data from row 4. Column A
  (hidden) holds the row's identity — a table row's id, a grid row's key, a form field's key —
  so an export comes back exactly; a row a clerk adds has none and gets a new id;
- 审核说明: every 提示性 warning of the year (规则, 位置, 提示内容) with its 说明 — typed ones filled
  in, pending ones blank for the clerk to answer; the reader takes the 说明 column back (a blank
  one is nothing) and finds the columns by their labels, so the older three-column sheet
  (规则, 位置, 说明) still imports.

The reader finds everything by label rather than by position, so a moved title, an inserted
column or an extra blank row does not break an import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.schema import DocumentSchema, Section

WORKBOOK_FORMAT = "fiscaldesk-workbook"
WORKBOOK_VERSION = 1
INFO_SHEET = "说明"
DATA_SHEET_PREFIX = "填报-"  # every 填报 sheet's name starts so
EXPLANATIONS_SHEET = "审核说明"
INFO_FORMAT, INFO_VERSION, INFO_DEPARTMENT, INFO_YEAR, INFO_PROFILE, INFO_KIND = (
    "格式", "版本", "部门", "年度", "方案", "类型")

TITLE_ROW, UNIT_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3, 4
ID_HEADER = "行标识"  # column A: the row's identity
ITEM_HEADER = "项目"  # a form's field labels, a grid's row labels
VALUE_HEADER = "内容"  # a form's values
EXPLANATION_HEADERS = ("规则", "位置", "提示内容", "说明")
EXPLANATION_RULE, EXPLANATION_LOCATION, EXPLANATION_MESSAGE, EXPLANATION_TEXT = EXPLANATION_HEADERS
MONEY_UNIT_PREFIX = "金额单位："
DEPARTMENT_PREFIX = "编制单位："
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "总额", "合 计", "总 计"})

NUMBER_FORMATS = {"money": "#,##0.00", "integer": "0"}
MONEY_FORMATS = {"元": "#,##0.00", "万元": "#,##0.00####"}  # 万元 to the 分: up to six places shown

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31


def sheet_name(text: str) -> str:
    """A valid Excel sheet name: no []:*?/\\, at most 31 characters."""
    return _SHEET_NAME_FORBIDDEN.sub("_", text).strip("'")[:SHEET_NAME_LIMIT] or "表"


@dataclass(frozen=True)
class DataSheet:
    """The 填报 sheet of one section."""
    name: str
    section: Section
    scope: str  # "document" or "year"
    legacy_name: str = ""  # what workbooks written before 填报- named it (the section's label): still read

    @property
    def has_money(self) -> bool:
        return any(c.type == "money" for c in self.section.columns)


def data_sheets(schema: DocumentSchema) -> list[DataSheet]:
    """Every section's sheet, document sections first, named 填报-<section> so that no 填报 sheet
    reads like an official table (收入决算表 is 表2's title too)."""
    reserved, legacy_reserved = {INFO_SHEET, EXPLANATIONS_SHEET}, {INFO_SHEET, EXPLANATIONS_SHEET}
    sheets = []
    for section in (*schema.in_scope("document"), *schema.in_scope("year")):
        name = unique_name(sheet_name(DATA_SHEET_PREFIX + section.label), reserved)
        legacy = unique_name(sheet_name(section.label), legacy_reserved)
        reserved.add(name)
        legacy_reserved.add(legacy)
        sheets.append(DataSheet(name, section, section.scope, legacy))
    return sheets


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name(2)` … trimmed to the sheet name limit, whichever is not taken yet."""
    candidate, counter = name, 2
    while candidate in taken:
        suffix = f"({counter})"
        candidate = name[:SHEET_NAME_LIMIT - len(suffix)] + suffix
        counter += 1
    return candidate


def header_labels(section: Section, unit: str = "元") -> list[str]:
    """Row 3 of a section's sheet, after the hidden identity column; in a 万元 sheet an amount
    column's label says so (收入（万元）), which label_key ignores when matching."""
    if section.kind == "form":
        return [ITEM_HEADER, VALUE_HEADER]
    labels = [f"{c.label}（万元）" if unit == "万元" and c.type == "money" else c.label for c in section.columns]
    return [ITEM_HEADER, *labels] if section.kind == "grid" else labels


def label_key(text: str) -> str:
    """A header or row label compared loosely: no spaces, no unit suffix, half-width brackets."""
    text = re.sub(r"\s+", "", text.replace("（", "(").replace("）", ")"))
    return re.sub(r"\((万元|元)\)$", "", text)
