"""Hand-made workbooks holding the 公开 tables in the styles other software and bureaus write them,
each with the figures it must yield (in 分).

- `client_style`: the 决算 client's export — one table per sheet (sheets named Sheet1…), a 财决公开
  table code above each title, 行次 columns and a 栏次 row, 科目编码 split into 类/款/项, 合计 at the
  top, a hidden helper column and a hidden row, and one wrong 总计.
- `bureau_style`: a bureau template — sheets 表一…, 万元 tables, amounts as text with 千分号, names
  indented with spaces, the code in one column, 合计 at the bottom (one off by 0.01万元), an empty
  政府性基金 table with its note, "-" for zero.
- `stacked_style`: every table on one sheet, one under the other, 合计 rows as formulas (their
  cached values written as Excel saves them), the code written before the name.
- `other_department`: a different department with 政府性基金 and 因公出国 filled, 收入支出决算总表 in
  the Beijing layout (基本支出/项目支出 rows), only five tables.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DEPARTMENT = "北京市某区测试局"
YEAR = 2024

# (code, name, total, basic, project) in 分
EXPENDITURE = [
    ("201", "一般公共服务支出", 50000000, 30000000, 20000000),
    ("20103", "政府办公厅(室)及相关机构事务", 50000000, 30000000, 20000000),
    ("2010301", "行政运行", 30000000, 30000000, None),
    ("2010350", "事业运行", 20000000, None, 20000000),
    ("208", "社会保障和就业支出", 12345678, 12345678, None),
    ("20805", "行政事业单位养老支出", 12345678, 12345678, None),
    ("2080505", "机关事业单位基本养老保险缴费支出", 12345678, 12345678, None),
]
TOTAL, BASIC, PROJECT = 62345678, 42345678, 20000000
OPENING, CLOSING = 1000000, 1000000
ECONOMIC = [("301", "工资福利支出", 30000000), ("30101", "基本工资", 20000000), ("30102", "津贴补贴", 10000000),
            ("302", "商品和服务支出", 12345678), ("30201", "办公费", 10000000), ("30231", "公务用车运行维护费", 2345678)]
# 三公: (budget, actual) per row
SANGONG = {"abroad": (0, 0), "vehicle_purchase": (0, 0), "vehicle_operation": (3000000, 2345678),
           "reception": (500000, 300000)}
PROCUREMENT = {"total": 15000000, "goods": 5000000, "works": 0, "services": 10000000, "sme": 12000000,
               "small_micro": 8000000}
SERVICES = [("物业服务", 6000000), ("信息系统运行维护", 4000000)]

INCOME_LEFT = [("一、一般公共预算财政拨款收入", TOTAL), ("二、政府性基金预算财政拨款收入", 0),
               ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", 0),
               ("六、经营收入", 0), ("七、附属单位上缴收入", 0), ("八、其他收入", 0)]


def yuan(fen: int | None, unit: int = 1) -> float | None:
    """The number a workbook holds for `fen` in a unit of `unit` 元 (Excel stores doubles)."""
    return None if fen is None else fen / 100 / unit


def text_amount(fen: int | None, unit: int = 1, places: int = 2) -> str:
    """An amount as text with 千分号 ("1,234.56"), "-" for zero, "" for blank."""
    if fen is None:
        return ""
    if fen == 0:
        return "-"
    value = f"{fen / 100 / unit:,.{places}f}"
    return value


def _title(sheet: Worksheet, row: int, title: str, unit: str, code: str = "", width: int = 6) -> int:
    if code:
        sheet.cell(row, width, code)
        row += 1
    sheet.cell(row, 1, title)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.cell(row + 1, 1, f"编制单位：{DEPARTMENT}")
    sheet.cell(row + 1, width, f"单位：{unit}")
    return row + 2


# -- A: the 决算 client's export ---------------------------------------------------------------------
def client_style(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    # 表1 收入支出决算总表, national layout, with 行次
    sheet = book.create_sheet("Sheet1")
    row = _title(sheet, 1, "收入支出决算总表", "元", "财决公开01表")
    sheet.cell(row, 1, "收入")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.cell(row, 4, "支出")
    sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=6)
    for column, text in enumerate(["项目", "行次", "金额", "项目", "行次", "金额"], 1):
        sheet.cell(row + 1, column, text)
    sheet.cell(row + 2, 1, "栏次")
    sheet.cell(row + 2, 3, 1)
    sheet.cell(row + 2, 4, "栏次")
    sheet.cell(row + 2, 6, 2)
    right = [("一、一般公共服务支出", 50000000), ("二、外交支出", None), ("八、社会保障和就业支出", 12345678)]
    left = [*INCOME_LEFT, ("本年收入合计", TOTAL), ("使用非财政拨款结余", 0), ("年初结转和结余", OPENING),
            ("总计", TOTAL + OPENING + 1)]  # the 总计 is one 分 wrong
    right_tail = [("本年支出合计", TOTAL), ("结余分配", 0), ("年末结转和结余", CLOSING), ("总计", TOTAL + CLOSING)]
    body = row + 3
    for index, (label, fen) in enumerate(left):
        sheet.cell(body + index, 1, label)
        sheet.cell(body + index, 2, index + 1)
        sheet.cell(body + index, 3, yuan(fen))
    rights = right + [("", None)] * (len(left) - len(right) - len(right_tail)) + right_tail
    for index, (label, fen) in enumerate(rights):
        if label:
            sheet.cell(body + index, 4, label)
            sheet.cell(body + index, 5, 30 + index)
            sheet.cell(body + index, 6, yuan(fen))

    # 表2 收入决算表: 类/款/项, 合计 at the top, a hidden helper column G and a hidden row
    sheet = book.create_sheet("Sheet2")
    row = _title(sheet, 1, "收入决算表", "元", "财决公开02表", width=11)
    sheet.cell(row, 1, "项目")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.cell(row + 1, 1, "科目编码")
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=3)
    sheet.cell(row + 1, 4, "科目名称")
    for offset, part in enumerate(("类", "款", "项")):
        sheet.cell(row + 2, 1 + offset, part)
    headers = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    for offset, text in enumerate(headers):
        sheet.cell(row, 5 + offset, text)
        sheet.merge_cells(start_row=row, start_column=5 + offset, end_row=row + 2, end_column=5 + offset)
    sheet.cell(row, 12, "内部编号")
    sheet.column_dimensions["L"].hidden = True
    body = row + 3
    sheet.cell(body, 1, "合计")
    sheet.merge_cells(start_row=body, start_column=1, end_row=body, end_column=4)
    sheet.cell(body, 5, yuan(TOTAL))
    sheet.cell(body, 6, yuan(TOTAL))
    for index, (code, name, total, _basic, _project) in enumerate(EXPENDITURE, 1):
        r = body + index
        _split_code(sheet, r, code, name)
        sheet.cell(r, 5, yuan(total))
        sheet.cell(r, 6, yuan(total))
        sheet.cell(r, 12, f"ID{index:04d}")
    sheet.row_dimensions[body + 4].hidden = True  # 2010350 事业运行: hidden, still a row of the table

    # 表3 支出决算表: the same style
    sheet = book.create_sheet("Sheet3")
    row = _title(sheet, 1, "支出决算表", "元", "财决公开03表", width=10)
    sheet.cell(row, 1, "科目编码")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.cell(row, 4, "科目名称")
    for offset, part in enumerate(("类", "款", "项")):
        sheet.cell(row + 1, 1 + offset, part)
    headers = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    for offset, text in enumerate(headers):
        sheet.cell(row, 5 + offset, text)
    body = row + 2
    sheet.cell(body, 1, "合计")
    for offset, fen in enumerate((TOTAL, BASIC, PROJECT)):
        sheet.cell(body, 5 + offset, yuan(fen))
    for index, (code, name, total, basic, project) in enumerate(EXPENDITURE, 1):
        r = body + index
        _split_code(sheet, r, code, name)
        for offset, fen in enumerate((total, basic, project)):
            sheet.cell(r, 5 + offset, yuan(fen))

    # 表7 三公: the national 样表, merged headers
    sheet = book.create_sheet("Sheet7")
    _sangong(sheet, _title(sheet, 1, "财政拨款“三公”经费支出决算表", "元", "财决公开07表", width=12), yuan)
    path = Path(path)
    book.save(path)
    return path


def _split_code(sheet: Worksheet, row: int, code: str, name: str) -> None:
    """科目编码 in 类 / 款 / 项 columns (A–C), the name in D, as the 决算 client writes them."""
    for column, part in enumerate((code[:3], code[3:5], code[5:7]), 1):
        if part:
            sheet.cell(row, column, part)
    sheet.cell(row, 4, name)


def _sangong(sheet: Worksheet, row: int, amount, merged: bool = True) -> None:
    groups = [("合计", 1), ("因公出国（境）费", 1), ("公务用车购置及运行维护费", 3), ("公务接待费", 1)]
    column = 1
    for label, width in groups:
        sheet.cell(row, column, label)
        if merged:
            if width == 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column + 1)
            else:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + 2 * width - 1)
        column += 2 * width
    for offset, label in enumerate(("小计", "公务用车购置费", "公务用车运行维护费")):
        sheet.cell(row + 1, 5 + 2 * offset, label)
        if merged:
            sheet.merge_cells(start_row=row + 1, start_column=5 + 2 * offset, end_row=row + 1, end_column=6 + 2 * offset)
    for index in range(6):
        sheet.cell(row + 2, 1 + 2 * index, "预算数")
        sheet.cell(row + 2, 2 + 2 * index, "决算数")
    purchase, operation = SANGONG["vehicle_purchase"], SANGONG["vehicle_operation"]
    vehicle = (purchase[0] + operation[0], purchase[1] + operation[1])
    total = tuple(SANGONG["abroad"][i] + vehicle[i] + SANGONG["reception"][i] for i in range(2))
    values = [total, SANGONG["abroad"], vehicle, purchase, operation, SANGONG["reception"]]
    for index, (budget, actual) in enumerate(values):
        sheet.cell(row + 3, 1 + 2 * index, amount(budget))
        sheet.cell(row + 3, 2 + 2 * index, amount(actual))


# -- B: a bureau template in 万元, amounts as text -----------------------------------------------------
def bureau_style(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    wan = 10000

    def coded(name: str, title: str, headers: list[str], rows: list[tuple], total: tuple, off_by: int = 0) -> None:
        sheet = book.create_sheet(name)
        sheet.cell(1, 1, f"{DEPARTMENT}{YEAR}年度{title}")
        sheet.cell(2, 1, f"编制部门：{DEPARTMENT}")
        sheet.cell(2, len(headers) + 2, "金额单位：万元")
        sheet.cell(3, 1, "科目编码")
        sheet.cell(3, 2, "科目名称")
        for offset, text in enumerate(headers):
            sheet.cell(3, 3 + offset, text)
        for index, (code, label, *amounts) in enumerate(rows, 4):
            sheet.cell(index, 1, code)
            depth = (len(code) - 3) // 2
            sheet.cell(index, 2, "  " * depth + label)  # indented with spaces
            for offset, fen in enumerate(amounts):
                sheet.cell(index, 3 + offset, text_amount(fen, wan, 6 if fen and fen % 100 else 2))
        last = 4 + len(rows)
        sheet.cell(last, 1, "合计")
        for offset, fen in enumerate(total):
            shown = None if fen is None else fen + (off_by if offset == 0 else 0)
            sheet.cell(last, 3 + offset, text_amount(shown, wan, 6))

    coded("表二", "收入决算表", ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
          [(c, n, t, t) for c, n, t, _b, _p in EXPENDITURE], (TOTAL, TOTAL), off_by=100)  # 合计 off by 1 元
    coded("表三", "支出决算表", ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
          [(c, n, t, b, p) for c, n, t, b, p in EXPENDITURE], (TOTAL, BASIC, PROJECT))
    coded("表五", "一般公共预算财政拨款支出决算表", ["合计", "基本支出", "项目支出"],
          [(c, n, t, b, p) for c, n, t, b, p in EXPENDITURE], (TOTAL, BASIC, PROJECT))
    # an empty table: header, an empty 合计 row and the note
    sheet = book.create_sheet("表七")
    sheet.cell(1, 1, f"{YEAR}年度政府性基金预算财政拨款收入支出决算表")
    sheet.cell(2, 1, f"编制部门：{DEPARTMENT}")
    sheet.cell(2, 8, "单位：万元")
    for column, text in enumerate(["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"], 1):
        if text:
            sheet.cell(3, column, text)
    for column, text in ((5, "合计"), (6, "基本支出"), (7, "项目支出")):
        sheet.cell(4, column, text)
    sheet.cell(5, 1, "合计")
    sheet.cell(6, 1, f"注：本部门{YEAR}年度没有使用政府性基金预算财政拨款安排的支出，故本表为空表。")
    # 三公 in 万元, text amounts, no merged cells
    sheet = book.create_sheet("表九")
    sheet.cell(1, 1, f"{YEAR}年度财政拨款“三公”经费支出决算表")
    sheet.cell(2, 12, "单位：万元")
    _sangong(sheet, 3, lambda fen: text_amount(fen, wan, 6), merged=False)
    # 政府采购 and 政府购买服务
    sheet = book.create_sheet("表十")
    sheet.cell(1, 1, "政府采购情况表")
    sheet.cell(2, 6, "单位：万元")
    sheet.cell(3, 1, "政府采购支出总额")
    sheet.cell(3, 5, "授予中小企业合同金额")
    sheet.cell(3, 6, "其中：授予小微企业合同金额")
    for column, text in enumerate(["合计", "货物", "工程", "服务"], 1):
        sheet.cell(4, column, text)
    for column, key in enumerate(["total", "goods", "works", "services", "sme", "small_micro"], 1):
        sheet.cell(5, column, text_amount(PROCUREMENT[key], wan))
    sheet = book.create_sheet("表十一")
    sheet.cell(1, 1, "政府购买服务决算公开情况表")
    sheet.cell(2, 3, "单位：万元")
    for column, text in enumerate(["序号", "项目", "金额"], 1):
        sheet.cell(3, column, text)
    sheet.cell(4, 1, "合计")
    sheet.cell(4, 3, text_amount(sum(fen for _, fen in SERVICES), wan))
    for index, (label, fen) in enumerate(SERVICES, 1):
        sheet.cell(4 + index, 1, index)
        sheet.cell(4 + index, 2, label)
        sheet.cell(4 + index, 3, text_amount(fen, wan))
    path = Path(path)
    book.save(path)
    return path


# -- C: every table on one sheet, 合计 rows as formulas ---------------------------------------------------
def stacked_style(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "公开报表"
    cached: dict[str, float] = {}
    row = 1

    def coded(title: str, headers: list[str], rows: list[tuple]) -> None:
        nonlocal row
        row = _title(sheet, row, title, "元", width=2 + len(headers))
        sheet.cell(row, 1, "科目编码")
        sheet.cell(row, 2, "科目名称")
        for offset, text in enumerate(headers):
            sheet.cell(row, 3 + offset, text)
        total_row = row + 1
        sheet.cell(total_row, 1, "合计")
        first = total_row + 1
        for index, (code, label, *amounts) in enumerate(rows):
            sheet.cell(first + index, 2, f"{code} {label}")  # the code written before the name
            for offset, fen in enumerate(amounts):
                sheet.cell(first + index, 3 + offset, yuan(fen))
        classes = [first + i for i, r in enumerate(rows) if len(r[0]) == 3]
        for offset in range(len(headers)):
            letter = chr(ord("C") + offset)
            sheet.cell(total_row, 3 + offset, "=" + "+".join(f"{letter}{r}" for r in classes))
            values = [rows[r - first][2 + offset] for r in classes]
            if any(v is not None for v in values):
                cached[f"{letter}{total_row}"] = sum(v or 0 for v in values) / 100
        row = first + len(rows) + 2  # a blank row between tables

    coded("表2 收入决算表", ["本年收入合计", "财政拨款收入"], [(c, n, t, t) for c, n, t, _b, _p in EXPENDITURE])
    coded("表3 支出决算表", ["本年支出合计", "基本支出", "项目支出"], [(c, n, t, b, p) for c, n, t, b, p in EXPENDITURE])
    coded("表5 一般公共预算财政拨款支出决算表", ["合计", "基本支出", "项目支出"],
          [(c, n, t, b, p) for c, n, t, b, p in EXPENDITURE])
    # 表6 in column pairs, each pair's 合计 a formula
    row = _title(sheet, row, "表6 一般公共预算财政拨款基本支出决算表", "元")
    for offset, text in enumerate(["科目编码", "科目名称", "决算数"] * 2):
        sheet.cell(row, 1 + offset, text)
    personnel = [e for e in ECONOMIC if e[0].startswith("301")]
    public = [e for e in ECONOMIC if not e[0].startswith("301")]
    for index, (code, name, fen) in enumerate(personnel):
        sheet.cell(row + 1 + index, 1, code)
        sheet.cell(row + 1 + index, 2, name)
        sheet.cell(row + 1 + index, 3, yuan(fen))
    for index, (code, name, fen) in enumerate(public):
        sheet.cell(row + 1 + index, 4, code)
        sheet.cell(row + 1 + index, 5, name)
        sheet.cell(row + 1 + index, 6, yuan(fen))
    foot = row + 1 + max(len(personnel), len(public))
    sheet.cell(foot, 1, "人员经费合计")
    sheet.cell(foot, 3, f"=C{row + 1}")
    cached[f"C{foot}"] = personnel[0][2] / 100
    sheet.cell(foot, 4, "公用经费合计")
    sheet.cell(foot, 6, f"=F{row + 1}")
    cached[f"F{foot}"] = public[0][2] / 100
    row = foot + 2
    # 表4 财政拨款收入支出决算总表
    row = _title(sheet, row, "表4 财政拨款收入支出决算总表", "元", width=6)
    sheet.cell(row, 1, "收入")
    sheet.cell(row, 3, "支出")
    for column, text in enumerate(["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"], 1):
        sheet.cell(row + 1, column, text)
    lines = [(("一、一般公共预算财政拨款", TOTAL), ("一、一般公共服务支出", 50000000)),
             (("二、政府性基金预算财政拨款", 0), ("八、社会保障和就业支出", 12345678)),
             (("三、国有资本经营预算财政拨款", 0), None),
             (("本年收入合计", TOTAL), ("本年支出合计", TOTAL)),
             (("年初财政拨款结转和结余", OPENING), ("年末财政拨款结转和结余", CLOSING)),
             (("一、一般公共预算财政拨款", OPENING), None),
             (("二、政府性基金预算财政拨款", 0), None),
             (("三、国有资本经营预算财政拨款", 0), None),
             (("总计", TOTAL + OPENING), ("总计", TOTAL + CLOSING))]
    for index, (left, right) in enumerate(lines, row + 2):
        sheet.cell(index, 1, left[0])
        sheet.cell(index, 2, yuan(left[1]))
        if right:
            sheet.cell(index, 3, right[0])
            sheet.cell(index, 4, yuan(right[1]))
            sheet.cell(index, 5, yuan(right[1]))
    path = Path(path)
    book.save(path)
    return with_cached_values(path, "公开报表", cached)


def with_cached_values(path: Path, sheet_title: str, values: dict[str, float]) -> Path:
    """The workbook as Excel saves it: each formula cell also holds its last computed value (openpyxl
    writes formulas only)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "xl/worksheets/sheet1.xml"
    assert sheet_title.encode() in parts["xl/workbook.xml"]
    xml = parts[name].decode("utf-8")
    for coordinate, value in values.items():
        xml, count = re.subn(rf'(<c r="{coordinate}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                             lambda m: f"{m.group(1)}<f>{m.group(2)}</f><v>{value!r}</v>", xml)
        assert count == 1, coordinate
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    return path


# -- D: another department, 政府性基金 and 因公出国 filled ----------------------------------------------------
OTHER_DEPARTMENT = "北京市某区文化和旅游局"
FUND = [("207", "文化旅游体育与传媒支出", 8000000), ("20707", "国家电影事业发展专项资金安排的支出", 8000000),
        ("2070701", "资助国产影片放映", 8000000)]
OTHER_GP = 30000000
OTHER_ABROAD = (5000000, 4200050)  # 预算数, 决算数


def other_department(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("总表")
    sheet.cell(1, 1, f"{OTHER_DEPARTMENT}收入支出决算总表")
    sheet.cell(2, 1, f"编制单位：{OTHER_DEPARTMENT}")
    sheet.cell(2, 4, "单位：元")
    for column, text in enumerate(["收入项目", "本年决算数", "支出项目", "本年决算数"], 1):
        sheet.cell(3, column, text)
    income = [("一、一般公共预算财政拨款收入", OTHER_GP), ("二、政府性基金预算财政拨款收入", 8000000),
              ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", 0), ("六、经营收入", 0),
              ("七、附属单位上缴收入", 0), ("八、其他收入", 0), ("本年收入合计", OTHER_GP + 8000000),
              ("用事业基金弥补收支差额", 0), ("年初结转和结余", 0), ("收入总计", OTHER_GP + 8000000)]
    spending = [("一、基本支出", 20000000), ("二、项目支出", 18000000), ("三、上缴上级支出", 0), ("四、经营支出", 0),
                ("五、对附属单位补助支出", 0), ("本年支出合计", 38000000), ("结余分配", 0), ("年末结转和结余", 0),
                ("支出总计", 38000000)]
    for index, (label, fen) in enumerate(income, 4):
        sheet.cell(index, 1, label)
        sheet.cell(index, 2, yuan(fen))
    for index, (label, fen) in enumerate(spending, 4 + len(income) - len(spending)):
        sheet.cell(index, 3, label)
        sheet.cell(index, 4, yuan(fen))
    # 政府性基金: filled, 本年支出 split in a merged group
    sheet = book.create_sheet("基金")
    sheet.cell(1, 1, "政府性基金预算财政拨款收入支出决算表")
    sheet.cell(2, 1, f"编制单位：{OTHER_DEPARTMENT}")
    sheet.cell(2, 8, "单位：元")
    sheet.cell(3, 1, "科目编码")
    sheet.cell(3, 2, "科目名称")
    for column, text in ((3, "年初结转和结余"), (4, "本年收入"), (5, "本年支出"), (8, "年末结转和结余")):
        sheet.cell(3, column, text)
    sheet.merge_cells("E3:G3")
    for column, text in ((5, "小计"), (6, "基本支出"), (7, "项目支出")):
        sheet.cell(4, column, text)
    sheet.cell(5, 1, "合计")
    sheet.cell(5, 4, yuan(8000000))
    sheet.cell(5, 5, yuan(8000000))
    sheet.cell(5, 7, yuan(8000000))
    for index, (code, name, fen) in enumerate(FUND, 6):
        sheet.cell(index, 1, int(code))  # codes typed as numbers
        sheet.cell(index, 2, name)
        sheet.cell(index, 3, "-")
        sheet.cell(index, 4, yuan(fen))
        sheet.cell(index, 5, yuan(fen))
        sheet.cell(index, 7, yuan(fen))
        sheet.cell(index, 8, "-")
    # 三公: the 因公出国 row filled, one row per measure
    sheet = book.create_sheet("三公")
    sheet.cell(1, 1, "财政拨款“三公”经费支出决算表")
    sheet.cell(2, 7, "单位：元")
    for column, text in enumerate(["项目", "合计", "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费"], 1):
        sheet.cell(3, column, text)
    for row, label, index in ((4, "预算数", 0), (5, "决算数", 1)):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, yuan(OTHER_ABROAD[index] + 100000 * (1 + index)))
        sheet.cell(row, 3, yuan(OTHER_ABROAD[index]))
        sheet.cell(row, 4, yuan(0))
        sheet.cell(row, 5, yuan(0))
        sheet.cell(row, 6, yuan(100000 * (1 + index)))
    path = Path(path)
    book.save(path)
    return path
