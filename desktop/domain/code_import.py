"""Reading an official 政府收支分类科目 table from the rows of the file the 财政 office distributes.

The file is an Excel workbook or a CSV file (desktop.io.code_files turns either into sheets of
rows); this module understands the rows, with no file, Excel or Qt in sight:

- the header row is found on each sheet: a code column (科目编码, 科目代码, 编码, 代码 …) and a
  name column (科目名称, 名称), or split 类/款/项 columns instead of, or beside, the code;
- codes may be numbers (201, 2010101.0) or text ('201', “２０１”, “201 01 01”);
- names may be indented with spaces or full-width spaces; blank rows are skipped;
- the scheme comes from the code: 2xx is 支出功能分类 (类 3 digits, 款 5, 项 7), 3xx is
  部门预算支出经济分类 (类 3, 款 5); 1xx 收入分类 and 5xx 政府预算支出经济分类 are not used by
  FiscalDesk and are counted as skipped.

Nothing is refused silently: every row that is not understood is reported with its sheet and
row number, as is every code given twice with different names (the first name is kept) and every
款 or 项 whose 类 or 款 is not in the file (left out: a table must hold the parents of its codes).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Sequence

from desktop.domain.codes import LEVELS, SCHEMES

CODE_HEADERS = ("科目编码", "科目代码", "科目编号", "功能科目编码", "经济科目编码", "编码", "代码", "编号")
NAME_HEADERS = ("科目名称", "功能科目名称", "经济科目名称", "名称")
SPLIT_HEADERS = ("类", "款", "项")
HEADER_SEARCH_ROWS = 30
SKIPPED_KINDS = {"1": "收入分类科目", "5": "政府预算支出经济分类科目（5 开头）"}
_SPACES = re.compile(r"[\s\u3000\u00a0\ufeff]+")


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None   # 1-based row number as the spreadsheet shows it; None for the whole sheet
    message: str

    def describe(self) -> str:
        where = f"工作表“{self.sheet}”" if self.row is None else f"工作表“{self.sheet}”第 {self.row} 行"
        return f"{where}：{self.message}"


@dataclass
class CodeImport:
    """What one file gave: the codes understood, and an account of everything else."""
    entries: dict[str, dict[str, str]] = field(default_factory=lambda: {s: {} for s in SCHEMES})
    origins: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (scheme, code) -> (sheet, row)
    problems: list[RowProblem] = field(default_factory=list)
    repeated: int = 0                                       # the same code and name again: merged
    skipped: dict[str, int] = field(default_factory=dict)   # kind -> rows of schemes not used here
    rows_read: int = 0                                      # non-blank rows below a header
    title_years: set[int] = field(default_factory=set)      # years named above a header (“2024年政府收支…”)

    def year_mismatch(self, year: int, file_name: str = "") -> str | None:
        """A warning when the file's titles or name name other years than `year`, else None."""
        named = self.title_years | years_in(file_name)
        if not named or year in named:
            return None
        shown = "、".join(str(y) for y in sorted(named))
        return f"文件中写的年度为 {shown}，将作为 {year} 年科目表导入，请确认年度"

    @property
    def schemes(self) -> list[str]:
        """The schemes the file holds codes of."""
        return [scheme for scheme in SCHEMES if self.entries[scheme]]

    @property
    def entry_count(self) -> int:
        return sum(len(codes) for codes in self.entries.values())

    def level_counts(self, scheme: str) -> dict[str, int]:
        counts = {level: 0 for level in LEVELS[scheme].values()}
        for code in self.entries[scheme]:
            counts[LEVELS[scheme][len(code)]] += 1
        return counts

    def summary_lines(self) -> list[str]:
        """The import summary shown before confirming, in Chinese."""
        lines = []
        for scheme, label in SCHEMES.items():
            if self.entries[scheme]:
                counts = "、".join(f"{level} {n} 个" for level, n in self.level_counts(scheme).items())
                lines.append(f"{label}：{counts}，共 {len(self.entries[scheme])} 条")
            else:
                lines.append(f"{label}：文件中没有（仍使用内置科目表，审核为提示性）")
        if self.repeated:
            lines.append(f"重复出现且名称相同的科目 {self.repeated} 行，已合并")
        for kind, n in self.skipped.items():
            lines.append(f"{kind} {n} 行：本软件不使用，已跳过")
        if self.problems:
            lines.append(f"未能识别或有冲突的行 {len(self.problems)} 处：")
        return lines

    def table_data(self, year: int, file_name: str, imported_at: datetime | None = None) -> dict[str, Any]:
        """The code-table document stored for `year` (schemes not in the file stay bundled)."""
        stamp = (imported_at or datetime.now()).isoformat(timespec="seconds")
        data: dict[str, Any] = {"year": year, "note": f"导入自财政部门下发的科目表“{file_name}”"}
        for scheme in SCHEMES:
            data[scheme] = [{"code": code, "name": name} for code, name in sorted(self.entries[scheme].items())]
        data["imported"] = {scheme: {"file": file_name, "imported_at": stamp} for scheme in self.schemes}
        return data


def years_in(text: str) -> set[int]:
    """The years a title names: “2024年政府收支分类科目”, “2024年度”."""
    return {int(y) for y in re.findall(r"(?<!\d)(20\d{2})\s*年", unicodedata.normalize("NFKC", text))}


def normalize_header(value: Any) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(value))) if value is not None else ""


def normalize_name(value: Any) -> str:
    """A name without its indentation or trailing blanks: every kind of Unicode space (full-width,
    no-break, NEL…) and a byte-order mark, in any mix."""
    if value is None:
        return ""
    text, previous = str(value), None
    while text != previous:
        previous, text = text, text.strip().strip("\ufeff")
    return text


def normalize_code(value: Any) -> str | None:
    """The digits of a code cell; "" for a blank cell; None for a cell that is not a code."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, (float, Decimal)):
        try:
            number = Decimal(str(value)) if isinstance(value, float) else value
            if number.is_finite() and number >= 0 and number == number.to_integral_value():
                return str(int(number))
        except (InvalidOperation, ValueError, OverflowError):
            pass
        return None
    text = _SPACES.sub("", unicodedata.normalize("NFKC", str(value))).lstrip("'")
    if not text:
        return ""
    text = re.sub(r"^(\d+)\.0*$", r"\1", text)
    return text if text.isascii() and text.isdigit() else None


@dataclass(frozen=True)
class _Header:
    code: int | None
    name: int
    split: tuple[int | None, int | None, int | None]   # 类, 款, 项 columns


def _find_header(row: Sequence[Any]) -> _Header | None:
    cells = [normalize_header(v) for v in row]

    def column(names: Iterable[str]) -> int | None:
        for wanted in names:
            if wanted in cells:
                return cells.index(wanted)
        return None

    name = column(NAME_HEADERS)
    code = column(CODE_HEADERS)
    split = tuple(column((h, f"{h}级", f"{h}编码", f"{h}代码")) for h in SPLIT_HEADERS)
    if name is None or (code is None and split[0] is None):
        return None
    return _Header(code, name, split)  # type: ignore[arg-type]


def _cell(row: Sequence[Any], column: int | None) -> Any:
    return row[column] if column is not None and column < len(row) else None


def _is_blank(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not _SPACES.sub("", v)) for v in row)


def scheme_of(code: str) -> str | None:
    """functional or economic by the first digit and the length; None when neither fits."""
    scheme = {"2": "functional", "3": "economic"}.get(code[:1])
    return scheme if scheme is not None and len(code) in LEVELS[scheme] else None


class _SplitCodes:
    """Codes from 类/款/项 columns; a blank 类 (or 款) carries the one above down."""

    def __init__(self) -> None:
        self.lei = ""
        self.kuan = ""

    def code(self, parts: list[str | None]) -> str | None:
        """The composed code, "" for a row without any, None when the parts do not make one."""
        lei, kuan, xiang = parts
        if lei is None or kuan is None or xiang is None:
            return None
        if lei:
            self.lei, self.kuan = lei, ""
        if kuan:
            if len(kuan) <= 2:
                self.kuan = kuan.zfill(2)
            elif len(kuan) == 5 and kuan[:3] == self.lei:
                self.kuan = kuan[3:]
            else:
                return None
        if xiang:
            if len(xiang) <= 2:
                xiang = xiang.zfill(2)
            elif len(xiang) == 7 and xiang[:5] == self.lei + self.kuan:
                xiang = xiang[5:]
            else:
                return None
            return self.lei + self.kuan + xiang if self.lei and self.kuan else None
        if kuan:
            return self.lei + self.kuan if self.lei else None
        return lei


def parse_code_sheets(sheets: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> CodeImport:
    """Understand the sheets (name, rows) of a 科目表 file; see the module text for what is accepted."""
    result = CodeImport()
    for sheet, rows in sheets:
        _parse_sheet(result, sheet, rows)
    _drop_orphans(result)
    return result


def _parse_sheet(result: CodeImport, sheet: str, rows: Iterable[Sequence[Any]]) -> None:
    header: _Header | None = None
    split = _SplitCodes()
    seen_content = False
    for number, row in enumerate(rows, start=1):
        row = list(row)
        if _is_blank(row):
            continue
        found = _find_header(row) if (header is not None or number <= HEADER_SEARCH_ROWS) else None
        if found is not None:  # the first header, or one repeated on a later page
            header, split = found, _SplitCodes()
            continue
        if header is None:
            seen_content = True
            result.title_years |= years_in(" ".join(str(v) for v in row if v is not None))
            continue  # a title above the header
        result.rows_read += 1
        _parse_row(result, sheet, number, row, header, split)
    if header is None and seen_content:
        result.problems.append(RowProblem(sheet, None, "没有找到“科目编码”和“科目名称”表头，整张工作表未导入"))


def _parse_row(result: CodeImport, sheet: str, number: int, row: list[Any], header: _Header,
               split: _SplitCodes) -> None:
    def problem(message: str) -> None:
        result.problems.append(RowProblem(sheet, number, message))

    raw_code = _cell(row, header.code)
    code = normalize_code(raw_code)
    name = normalize_name(_cell(row, header.name))
    if code is None:
        problem(f"科目编码“{raw_code}”不是数字编码")
        return
    if header.split[0] is not None:
        parts = [normalize_code(_cell(row, c)) if c is not None else "" for c in header.split]
        from_split = split.code(parts)
        if not code:
            if from_split is None:
                shown = "、".join(f"{h}“{_cell(row, c) if _cell(row, c) is not None else ''}”"
                                 for h, c in zip(SPLIT_HEADERS, header.split) if c is not None)
                problem(f"类、款、项列组不成科目编码（{shown}，名称“{name}”）")
                return
            code = from_split
    if not code:
        problem(f"没有科目编码（名称“{name}”）" if name else "没有科目编码")
        return
    if not name:
        problem(f"科目 {code} 没有科目名称")
        return
    if code[:1] in SKIPPED_KINDS and len(code) >= 3:
        kind = SKIPPED_KINDS[code[:1]]
        result.skipped[kind] = result.skipped.get(kind, 0) + 1
        return
    scheme = scheme_of(code)
    if scheme is None:
        if code[:1] in ("2", "3"):
            label = SCHEMES["functional" if code[:1] == "2" else "economic"]
            lengths = "3、5 或 7 位" if code[:1] == "2" else "3 或 5 位"
            problem(f"科目编码 {code}（{name}）位数不对：{label}应为{lengths}")
        else:
            problem(f"科目编码 {code}（{name}）不是支出功能分类（2 开头）或部门预算支出经济分类（3 开头）科目")
        return
    known = result.entries[scheme].get(code)
    if known is None:
        result.entries[scheme][code] = name
        result.origins[(scheme, code)] = (sheet, number)
    elif _plain(known) == _plain(name):
        result.repeated += 1
    else:
        first_sheet, first_row = result.origins[(scheme, code)]
        where = f"第 {first_row} 行" if first_sheet == sheet else f"工作表“{first_sheet}”第 {first_row} 行"
        problem(f"科目 {code} 重复，名称不同：此处为“{name}”，{where}为“{known}”（保留前者）")


def _plain(name: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", name))


def _drop_orphans(result: CodeImport) -> None:
    """A 款 needs its 类 and a 项 its 款 in the same file; those without are reported and left out."""
    for scheme in SCHEMES:
        codes = result.entries[scheme]
        for code in sorted(codes, key=len):
            if len(code) > 3 and code[:-2] not in codes:
                sheet, row = result.origins.pop((scheme, code))
                parent = "类" if len(code) == 5 else "款"
                result.problems.append(RowProblem(sheet, row, f"科目 {code}（{codes[code]}）的上级{parent} {code[:-2]} "
                                                              "不在文件中，未导入"))
                del codes[code]
