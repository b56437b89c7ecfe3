"""Reads a FiscalDesk workbook (template or export) back into a document of one year.

Tolerant of what real files contain: amounts typed as text (`1,234.56`, full-width digits,
`12.3万元`), a 万元 unit line or column header, 合计 rows a clerk added under a table, blank rows,
hidden sheets, rows copied with their hidden identity, and formulas (their cached value is
used; a formula without one is reported and read as blank). Everything else that cannot be
read is a problem naming the sheet and cell (`三公经费!C5：…`); one problem and nothing is
imported, so an import is all or nothing.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from desktop.domain import text as texts
from desktop.domain.document import MAX_YEAR, MIN_YEAR, Document, DocumentError, SectionData
from desktop.domain.money import FEN_PER_YUAN, MAX_ABS_FEN, MAX_ABS_TEXT, Money
from desktop.domain.parsing import normalize
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import FORM_ROW, MAX_DECIMAL_PLACES, Column, DocumentSchema, ValueRejected, document_schema
from desktop.io.workbook_zip import unpacked_size
from desktop.io.xlsx import layout
from desktop.oserrors import describe

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a full FiscalDesk workbook unpacks to well under 1 MB
MAX_DATA_ROWS = 50_000    # rows with content in one sheet: the largest real table has a few thousand
MAX_TOTAL_ROWS = 200_000  # rows with content in the whole workbook
PROGRESS_ROWS = 1_000     # rows read between two progress reports
MAX_PROBLEMS = 50
HEADER_SEARCH_ROWS = 12
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_PLACES = re.compile(r"\.(0+)")
_WIDE = Context(prec=60)  # exact padding of any decimal a cell may hold (below 10^15, 6 places)


class XlsxImportError(ValueError):
    """A workbook that cannot be imported; `problems` name sheet and cell in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [texts.shown_safely(problem) for problem in problems[:MAX_PROBLEMS]]
        more = len(problems) - len(self.problems)
        lines = self.problems + ([f"……另有 {more} 处问题"] if more > 0 else [])
        super().__init__("Excel 工作簿不能导入：\n" + "\n".join(lines))


@dataclass
class WorkbookImport:
    """What a workbook holds: a document with the department and the one year, and the notes
    the clerk should see (合计 rows skipped, formulas read by value …)."""
    document: Document
    year: int
    kind: str
    warnings: list[str] = field(default_factory=list)
    explanation_cells: dict[tuple[str, str], str] = field(default_factory=dict)  # where each 说明 was read


@dataclass
class _Cell:
    value: Any
    number_format: str = "General"


Grid = dict[tuple[int, int], _Cell]  # (row, column), 1-based, filled cells only
Progress = Callable[[str, int, int], None]  # (stage text, done, total), as the exports report theirs


def read_workbook(path: str | Path, schema: DocumentSchema | None = None,
                  progress: Progress | None = None) -> WorkbookImport:
    """The workbook's document, or XlsxImportError naming every problem. `progress(stage, done,
    total)` is called while reading (about every PROGRESS_ROWS rows); whatever it raises (a
    clerk's 取消) ends the import and reaches the caller unchanged."""
    path = Path(path)
    sheets, warnings = _load(path, progress)
    _tell(progress, "核对工作簿内容", 1, 1)
    reader = _Reader(schema or document_schema(), sheets, warnings)
    result = reader.read()
    if reader.problems:
        raise XlsxImportError(reader.problems)
    return result


class _Interrupted(Exception):
    """What the progress callback raised, carried past _load's handlers (which would call any
    other failure a damaged workbook)."""

    def __init__(self, raised: BaseException) -> None:
        super().__init__()
        self.raised = raised


def _tell(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is None:
        return
    try:
        progress(stage, done, total)
    except Exception as exc:  # noqa: BLE001 - handed back to read_workbook's caller as it was
        raise _Interrupted(exc) from None


# -- loading ---------------------------------------------------------------------------------
def _refuse(message: str) -> XlsxImportError:
    return XlsxImportError([message])


def check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _refuse(f"无法读取文件“{path.name}”（{describe(exc)}）") from None
    if size > MAX_FILE_BYTES:
        raise _refuse(f"“{path.name}”过大（{size // (1024 * 1024)} MB），不是 FiscalDesk 工作簿")
    if head == _OLE_MAGIC:
        content = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in content:
            raise _refuse(f"“{path.name}”设有打开密码。请在 Excel 中打开，于 文件 ▸ 信息 ▸ 保护工作簿 中删除密码并保存，再导入。")
        raise _refuse(f"“{path.name}”是旧版 Excel 97-2003 文件（.xls）。请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再导入。")
    if not head.startswith(b"PK\x03\x04"):
        raise _refuse(f"“{path.name}”不是 Excel 工作簿（.xlsx）：文件内容是其他格式。")
    _check_unpacked_size(path)


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook that would unpack to far more than any FiscalDesk workbook (a zip bomb)."""
    unpacked = unpacked_size(path)
    if unpacked is None:
        raise _refuse(f"“{path.name}”已损坏或不是 Excel 工作簿（.xlsx），无法打开。")
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(f"“{path.name}”解压后有 {unpacked // (1024 * 1024)} MB，远超 FiscalDesk 工作簿的大小，不能导入。")


def _load(path: Path, progress: Progress | None) -> tuple[dict[str, Grid], list[str]]:
    """Every sheet's filled cells; formulas replaced by their cached values."""
    check_file(path)
    _tell(progress, "打开工作簿", 0, 1)
    from openpyxl import load_workbook  # openpyxl costs ~0.15 s to import: only when importing
    warnings: list[str] = []
    try:
        sheets, formulas = _read_cells(load_workbook(path, read_only=True, data_only=False), progress)
        if formulas:
            titles = {title for title, _, _ in formulas}
            cached, _ = _read_cells(load_workbook(path, read_only=True, data_only=True), progress, titles)
            warnings += _resolve_formulas(sheets, cached, formulas)
    except _Interrupted as interrupted:
        raise interrupted.raised from None
    except XlsxImportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        raise _refuse(f"“{path.name}”已损坏或不是 Excel 工作簿（.xlsx），无法打开。") from None
    except MemoryError:
        raise _refuse(f"“{path.name}”内容过大，无法读取。") from None
    except Exception as exc:  # openpyxl raises many kinds for damaged parts  # noqa: BLE001
        raise _refuse(f"“{path.name}”已损坏，无法读取（{type(exc).__name__}）。") from None
    return sheets, warnings


def _read_cells(workbook: Any, progress: Progress | None,
                only: set[str] | None = None) -> tuple[dict[str, Grid], dict[tuple[str, int, int], str]]:
    """The filled cells of every sheet (or, for the cached values of formulas, of the sheets named
    in `only`), read to the last row the sheet holds whatever its `<dimension>` tag claims; a sheet
    of more than MAX_DATA_ROWS rows with content, or a workbook of more than MAX_TOTAL_ROWS, is
    refused as soon as it shows."""
    sheets: dict[str, Grid] = {}
    formulas: dict[tuple[str, int, int], str] = {}
    try:
        worksheets = [sheet for sheet in workbook.worksheets if only is None or sheet.title in only]
        total = 0
        for number, sheet in enumerate(worksheets, 1):
            if only is None:
                stage = f"读取工作表“{sheet.title}”（第 {number} 张，共 {len(worksheets)} 张）"
                done, of = number - 1, len(worksheets)
            else:  # after every sheet was read: the bar stays full
                stage, done, of = f"读取公式的计算结果：工作表“{sheet.title}”", 1, 1
            _tell(progress, stage, done, of)
            sheet.reset_dimensions()  # the tag may be stale (rows below it) or inflated (A1:Z1048576)
            grid: Grid = {}
            filled = 0
            for row_index, row in enumerate(sheet.iter_rows(), 1):
                cells = 0
                for column_index, cell in enumerate(row, 1):
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    if getattr(cell, "data_type", None) == "f":  # plain, array and table formulas
                        formulas[(sheet.title, row_index, column_index)] = str(getattr(value, "text", value))
                        value = None
                    grid[(row_index, column_index)] = _Cell(value, getattr(cell, "number_format", "General") or "General")
                    cells += 1
                if not cells:
                    continue
                filled += 1
                total += 1
                if filled > MAX_DATA_ROWS:
                    raise _refuse(f"工作表“{sheet.title}”有超过 {MAX_DATA_ROWS:,} 行内容（到第 {row_index:,} 行已有 "
                                  f"{filled:,} 行），FiscalDesk 的一张表最多导入 {MAX_DATA_ROWS:,} 行；"
                                  f"请删除多余的行后再导入")
                if total > MAX_TOTAL_ROWS:
                    raise _refuse(f"工作簿有超过 {MAX_TOTAL_ROWS:,} 行内容（读到工作表“{sheet.title}”第 {row_index:,} 行时），"
                                  f"FiscalDesk 一次最多导入 {MAX_TOTAL_ROWS:,} 行；请删除多余的行后再导入")
                if filled % PROGRESS_ROWS == 0:
                    _tell(progress, f"{stage}：已读 {filled:,} 行", done, of)
            sheets[sheet.title] = grid
        _tell(progress, "读取完毕", 1, 1)
    finally:
        workbook.close()
    return sheets, formulas


def _resolve_formulas(sheets: dict[str, Grid], cached: dict[str, Grid],
                      formulas: dict[tuple[str, int, int], str]) -> list[str]:
    warnings = []
    used: dict[str, list[str]] = {}
    for (title, row, column), formula in formulas.items():
        value = cached.get(title, {}).get((row, column))
        where = f"{title}!{cell_coordinate(row, column)}"
        if value is None or value.value is None:
            sheets[title].pop((row, column), None)
            warnings.append(f"{where}：公式 {formula[:40]} 没有保存计算结果，按空白导入"
                            f"（请用 Excel 打开并保存后重新导入）")
        else:
            sheets[title][(row, column)] = value
            used.setdefault(title, []).append(cell_coordinate(row, column))
    for title, cells in used.items():
        shown = "、".join(cells[:5]) + ("等" if len(cells) > 5 else "")
        warnings.append(f"{title}：{len(cells)} 个公式单元格按其计算结果导入（{shown}）")
    return warnings


def cell_coordinate(row: int, column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row}"


# -- reading ---------------------------------------------------------------------------------
class _Reader:
    def __init__(self, schema: DocumentSchema, sheets: dict[str, Grid], warnings: list[str]) -> None:
        self.schema = schema
        self.sheets = sheets
        self.warnings = warnings
        self.problems: list[str] = []

    def problem(self, sheet: str, row: int | None, column: int | None, message: str) -> None:
        where = sheet if row is None else f"{sheet}!{cell_coordinate(row, column or 1)}"
        self.problems.append(f"{where}：{message}")

    def read(self) -> WorkbookImport:
        document = Document.blank(self.schema)
        info = self._info()
        if info is None:
            return WorkbookImport(document, 0, "")
        year, profile, kind = info
        data = document.add_year(year, profile)
        specs = layout.data_sheets(self.schema)
        titles = {layout.label_key(title): title for title in self.sheets}
        pending_refs: list[tuple[str, SectionData, str, Column, str, int, int]] = []
        for spec in specs:
            title = next((name for name in (spec.name, spec.legacy_name) if name in self.sheets), None) \
                or titles.get(layout.label_key(spec.name)) or titles.get(layout.label_key(spec.legacy_name))
            if title is None:
                self.problems.append(f"缺少工作表“{spec.name}”（{spec.section.label}）；"
                                     f"请使用 FiscalDesk 导出的工作簿或模板，不要删除或改名工作表")
                continue
            target = document.section(spec.section.key) if spec.scope == "document" else data.section(spec.section.key)
            _SectionReader(self, title, target, pending_refs).read()
        self._resolve_refs(data.section("projects"), pending_refs)
        cells: dict[tuple[str, str], str] = {}
        if layout.EXPLANATIONS_SHEET in self.sheets:
            self._explanations(data.explanations, cells)
        if not self.problems:
            self.problems += data.reference_problems(self.schema)
        return WorkbookImport(document, year, kind, self.warnings, cells)

    def _info(self) -> tuple[int, str, str] | None:
        grid = self.sheets.get(layout.INFO_SHEET)
        if grid is None:
            self.problems.append(f"这不是 FiscalDesk 工作簿：没有“{layout.INFO_SHEET}”工作表。"
                                 f"请先用 文件 ▸ 导出Excel 或 fiscaldesk export --template 生成工作簿，在其中填写后再导入")
            return None
        facts: dict[str, tuple[int, Any]] = {}
        for (row, column), cell in sorted(grid.items()):
            if column == 1 and isinstance(cell.value, str):
                value = grid.get((row, 2))
                facts[cell.value.strip()] = (row, None if value is None else value.value)
        def fact(label: str) -> tuple[int, Any]:
            return facts.get(label, (0, None))
        if fact(layout.INFO_FORMAT)[1] != layout.WORKBOOK_FORMAT:
            self.problems.append(f"这不是 FiscalDesk 工作簿：“{layout.INFO_SHEET}”表中的格式标记缺失或被修改")
            return None
        row, version = fact(layout.INFO_VERSION)
        if _whole(version) != layout.WORKBOOK_VERSION:
            self.problem(layout.INFO_SHEET, row or None, 2, f"不支持的工作簿版本 {version!r}（本程序读取版本 {layout.WORKBOOK_VERSION}）")
            return None
        row, year = fact(layout.INFO_YEAR)
        year = _whole(year)
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            self.problem(layout.INFO_SHEET, row or None, 2, f"年度应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数")
            return None
        row, profile = fact(layout.INFO_PROFILE)
        profiles = available_profiles()
        if profile not in profiles:
            self.problem(layout.INFO_SHEET, row or None, 2,
                         f"未知的方案 {profile!r}（可用：{'、'.join(sorted(profiles))}）")
            return None
        kind = fact(layout.INFO_KIND)[1]
        return year, profile, kind if isinstance(kind, str) else ""

    def _resolve_refs(self, projects: SectionData, pending: list) -> None:
        """A project is referred to by its name (or, when names repeat, its identity)."""
        by_name: dict[str, list[str]] = {}
        for row_id, values in projects.rows.items():
            if values.get("name"):
                by_name.setdefault(values["name"], []).append(row_id)
        for title, data, row_id, column, text, row, column_index in pending:
            matches = by_name.get(text, [])
            if len(matches) == 1:
                target = matches[0]
            elif text in projects.rows:
                target = text
            else:
                reason = "有多个同名项目" if matches else "在项目支出绩效自评表中没有这个项目"
                self.problem(title, row, column_index, f"{column.label}“{text}”：{reason}")
                continue
            data.rows[row_id][column.key] = target

    def _explanations(self, explanations: dict[tuple[str, str], str], cells: dict[tuple[str, str], str]) -> None:
        """The 审核说明 sheet: columns found by their labels (规则, 位置, 说明; 提示内容 is only
        shown), each text checked as every entry point checks it. A row whose 说明 is blank is
        nothing; `cells` records where each explanation was read (审核说明!D5)."""
        title = layout.EXPLANATIONS_SHEET
        grid = self.sheets[title]
        wanted = {layout.label_key(label): label for label in layout.EXPLANATION_HEADERS}
        header_row, columns = 0, {}
        for row in range(1, HEADER_SEARCH_ROWS + 1):
            found = {wanted[key]: column for (r, column), cell in grid.items()
                     if r == row and isinstance(cell.value, str) and (key := layout.label_key(cell.value)) in wanted}
            if {layout.EXPLANATION_RULE, layout.EXPLANATION_LOCATION, layout.EXPLANATION_TEXT} <= set(found):
                header_row, columns = row, found
                break
        if not header_row:
            self.problem(title, None, None, f"找不到表头（应有“{layout.EXPLANATION_RULE}”“{layout.EXPLANATION_LOCATION}”"
                                            f"“{layout.EXPLANATION_TEXT}”三列）")
            return
        keys = (layout.EXPLANATION_RULE, layout.EXPLANATION_LOCATION, layout.EXPLANATION_TEXT)
        for row in sorted({row for row, _ in grid if row > header_row}):
            values = [grid.get((row, columns[key])) for key in keys]
            shown = [_as_text(v.value).strip() if v and v.value is not None else "" for v in values]
            if not shown[2]:
                continue  # not answered: nothing to import
            for index, key in enumerate(keys[:2]):
                if not shown[index]:
                    self.problem(title, row, columns[key], f"这一行填写了说明，但{key}是空的；规则和位置由程序填写，请勿删除")
            if not (shown[0] and shown[1]):
                continue
            column = columns[keys[0]]
            try:
                rule = texts.key_text(shown[0], "规则")
                column = columns[keys[1]]
                location = texts.key_text(shown[1], "位置")
                column = columns[keys[2]]
                text = texts.explanation(_as_text(values[2].value))
            except texts.TextRejected as exc:
                self.problem(title, row, column, str(exc))
                continue
            if text is not None:
                explanations[(rule, location)] = text
                cells[(rule, location)] = f"{title}!{cell_coordinate(row, columns[keys[2]])}"


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and texts.is_ascii_digits(normalize(value)):
        return int(normalize(value))  # "2023" or "２０２３"; never "2023²", which isdigit() accepts
    return None


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


class _SectionReader:
    """One 填报 sheet into its section."""

    def __init__(self, reader: _Reader, title: str, data: SectionData, pending_refs: list) -> None:
        self.reader, self.title, self.data = reader, title, data
        self.section = data.section
        self.grid = reader.sheets[title]
        self.pending_refs = pending_refs

    def problem(self, row: int, column: int, message: str) -> None:
        self.reader.problem(self.title, row, column, message)

    def read(self) -> None:
        found = self._header()
        if found is None:
            return
        header_row, columns, id_column, label_column = found
        sheet_unit = self._sheet_unit(header_row)
        rows = sorted({row for row, _ in self.grid if row > header_row})
        if self.section.kind == "table":
            self._table(rows, columns, id_column, sheet_unit)
        else:
            self._fixed(rows, columns, id_column, label_column, sheet_unit)

    # -- header ---------------------------------------------------------------------------
    def _header(self) -> tuple[int, dict[int, tuple[Column, str]], int | None, int | None] | None:
        """The header row, its value columns (column index → column, unit), the identity
        column and the label column (项目)."""
        wanted = {layout.label_key(label) for label in layout.header_labels(self.section)}
        found = [0] * (HEADER_SEARCH_ROWS + 1)
        for (r, _), cell in self.grid.items():  # one pass, however many rows the sheet has
            if r <= HEADER_SEARCH_ROWS and isinstance(cell.value, str) and layout.label_key(cell.value) in wanted:
                found[r] += 1
        best = max(found)
        best_row = found.index(best)
        if not best:
            self.reader.problem(self.title, None, None,
                                f"找不到表头（应有“{'”“'.join(layout.header_labels(self.section))}”等列名）")
            return None
        labels = {c: cell.value for (r, c), cell in self.grid.items() if r == best_row and isinstance(cell.value, str)}
        by_key = {layout.label_key(text): column for column, text in labels.items()}
        id_column = by_key.get(layout.label_key(layout.ID_HEADER))
        label_column = by_key.get(layout.label_key(layout.ITEM_HEADER))
        columns: dict[int, tuple[Column, str]] = {}
        if self.section.kind == "form":
            value_column = by_key.get(layout.label_key(layout.VALUE_HEADER))
            if value_column is None or label_column is None:
                self.reader.problem(self.title, best_row, 1, f"表头应有“{layout.ITEM_HEADER}”和“{layout.VALUE_HEADER}”两列")
                return None
            columns[value_column] = (self.section.columns[0], _unit_of(labels[value_column]))
            return best_row, columns, id_column, label_column
        missing = []
        for column in self.section.columns:
            index = by_key.get(layout.label_key(column.label))
            if index is None:
                missing.append(column.label)
            else:
                columns[index] = (column, _unit_of(labels[index]))
        if missing:
            self.reader.problem(self.title, best_row, 1, f"缺少列“{'”“'.join(missing)}”（列名须与导出的一致）")
            return None
        if self.section.kind == "grid" and label_column is None:
            self.reader.problem(self.title, best_row, 1, f"缺少“{layout.ITEM_HEADER}”列（行名）")
            return None
        return best_row, columns, id_column, label_column

    def _sheet_unit(self, header_row: int) -> str:
        for (row, _), cell in self.grid.items():
            if row < header_row and isinstance(cell.value, str) and "万元" in cell.value:
                return "万元"
        return "元"

    # -- bodies ---------------------------------------------------------------------------
    def _table(self, rows: list[int], columns: dict[int, tuple[Column, str]], id_column: int | None,
               sheet_unit: str) -> None:
        seen_total = False
        for row in rows:
            cells = {c: self.grid[(row, c)] for c in columns if (row, c) in self.grid}
            identity = self.grid.get((row, id_column)) if id_column else None
            if not any(_filled(cell) for cell in cells.values()):
                continue  # a blank row (or one of spaces only)
            if _is_total_row(cells, columns):
                seen_total = True
                continue
            values: dict[str, Any] = {}
            refs: list[tuple[Column, str, int]] = []
            for index, cell in cells.items():
                column, unit = columns[index]
                if column.type == "ref":
                    refs.append((column, _as_text(cell.value).strip(), index))
                    continue
                value = self._value(row, index, column, cell, unit or sheet_unit)
                if value is not None:
                    values[column.key] = value
            row_id = _as_text(identity.value).strip() if identity and _filled(identity) else None
            if row_id is not None and (not _ROW_ID.match(row_id) or row_id in self.data.rows):
                row_id = None  # a row copied with its hidden identity: it is a new row
            try:
                added = self.data.add_row(values, row_id=row_id)
            except DocumentError as exc:
                self.problem(row, 1, str(exc))
                continue
            for column, text, index in refs:
                if text:
                    self.pending_refs.append((self.title, self.data, added, column, text, row, index))
        if seen_total:
            self.reader.warnings.append(f"{self.title}：合计行不是数据，已跳过")

    def _fixed(self, rows: list[int], columns: dict[int, tuple[Column, str]], id_column: int | None,
               label_column: int | None, sheet_unit: str) -> None:
        """A form (one field per row) or a grid (declared rows): rows found by key, else by label."""
        if self.section.kind == "form":
            keys = {c.key: c.key for c in self.section.columns}
            labels = {layout.label_key(c.label): c.key for c in self.section.columns}
        else:
            keys = {r.key: r.key for r in self.section.rows}
            labels = {}
            for grid_row in self.section.rows:
                labels.setdefault(layout.label_key(grid_row.label), grid_row.key)
        done: set[str] = set()
        for row in rows:
            cells = {c: self.grid[(row, c)] for c in columns if (row, c) in self.grid}
            identity = self.grid.get((row, id_column)) if id_column else None
            label_cell = self.grid.get((row, label_column)) if label_column else None
            label = _as_text(label_cell.value).strip() if label_cell and _filled(label_cell) else ""
            key = keys.get(_as_text(identity.value).strip()) if identity and _filled(identity) else None
            key = key or labels.get(layout.label_key(label))
            if key is None:
                if any(_filled(cell) for cell in cells.values()) and not (label and layout.label_key(label) in layout.TOTAL_LABELS):
                    shown = f"“{label}”" if label else "（无行名）"
                    self.problem(row, label_column or 1, f"{shown}不是{self.section.label}中的一项，不能导入")
                continue
            if key in done:
                if any(_filled(cell) for cell in cells.values()):
                    self.problem(row, label_column or 1, f"“{label or key}”出现了两次")
                continue
            done.add(key)
            for index, cell in cells.items():
                column, unit = columns[index]
                if self.section.kind == "form":
                    column = self.section.column(key)
                value = self._value(row, index, column, cell, unit or sheet_unit)
                if value is not None:
                    row_key = FORM_ROW if self.section.kind == "form" else key
                    self.data.rows[row_key][column.key] = value
        self.data.drop_agreeing_totals()  # a 合计 equal to its parts is the computed one; a differing one is kept

    # -- values ---------------------------------------------------------------------------
    def _value(self, row: int, index: int, column: Column, cell: _Cell, unit: str) -> Any:
        try:
            return convert(column, cell.value, unit, cell.number_format)
        except ValueRejected as exc:
            self.problem(row, index, str(exc))
            return None


def _filled(cell: _Cell) -> bool:
    return cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip())


def _is_total_row(cells: dict[int, _Cell], columns: dict[int, tuple[Column, str]]) -> bool:
    labels = [layout.label_key(cell.value) for index, cell in cells.items()
              if isinstance(cell.value, str) and columns[index][0].type in ("text", "code", "choice")]
    return any(label in layout.TOTAL_LABELS for label in labels)


def _unit_of(header: str) -> str:
    compact = header.replace("（", "(").replace("）", ")")
    if "(万元)" in compact:
        return "万元"
    if "(元)" in compact:
        return "元"
    return ""


def convert(column: Column, raw: Any, unit: str = "元", number_format: str = "General") -> Any:
    """A cell's value (as openpyxl gives it) as the column's typed value, or ValueRejected."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and column.type not in ("text", "longtext")):
        return None
    if isinstance(raw, str):  # text columns keep the text exactly as it went out
        return column.check(raw) if column.type in ("text", "longtext") else column.parse(raw, unit)
    if isinstance(raw, (datetime, date, time)):
        if column.type in ("text", "longtext"):
            return column.check(_as_text(raw))
        raise ValueRejected(f"{column.label}：单元格是日期（{_as_text(raw)}），应为{_KIND_NAMES.get(column.type, '文字')}")
    if isinstance(raw, bool):
        if column.type == "boolean":
            return raw
        raise ValueRejected(f"{column.label}：单元格是逻辑值 {raw}，应为{_KIND_NAMES.get(column.type, '文字')}")
    number = _number(raw)
    if number is None:
        raise ValueRejected(f"{column.label}：单元格的数值无效")
    if column.type == "money":
        return column.check(_money(column, number, unit))
    if column.type == "integer":
        if number != number.to_integral_value():
            raise ValueRejected(f"{column.label}：'{_as_text(raw)}' 不是整数")
        if number < 0:
            raise ValueRejected(f"{column.label}：不能为负数（{number}）")
        if abs(number) > 10**12:
            raise ValueRejected(f"{column.label}：数值过大")
        return column.check(int(number))
    if column.type == "decimal":
        if number.adjusted() > 14:
            raise ValueRejected(f"{column.label}：数值过大")
        return column.check(_with_places(number, number_format))
    if column.type == "boolean":
        if number in (0, 1):
            return bool(number)
        raise ValueRejected(f"{column.label}：“{_as_text(raw)}”应为“是”或“否”")
    return column.parse(_as_text(raw), unit)


_KIND_NAMES = {"money": "金额", "integer": "整数", "decimal": "数字", "boolean": "是/否", "choice": "选项",
               "code": "科目编码", "ref": "项目名称"}


def _number(raw: Any) -> Decimal | None:
    """An exact Decimal of a cell number: a float becomes its shortest repr, which is what
    Excel displays, so 1234.56 stays 1234.56 and never 1234.5599999."""
    try:
        if isinstance(raw, Decimal):
            value = raw
        elif isinstance(raw, int):
            value = Decimal(raw)
        elif isinstance(raw, float):
            value = Decimal(repr(raw))
        else:
            return None
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _money(column: Column, number: Decimal, unit: str) -> Money:
    yuan = number * 10_000 if unit.startswith("万") else number
    if abs(yuan) * FEN_PER_YUAN > MAX_ABS_FEN:
        raise ValueRejected(f"{column.label}：金额超出可处理范围（{MAX_ABS_TEXT}）")
    fen = yuan * 100
    whole = fen.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if abs(fen - whole) > Decimal("0.0001"):  # more than binary noise of a computed cell
        raise ValueRejected(f"{column.label}：'{number}' 不是金额：精确到分，最多两位小数（以{unit}计）")
    return Money(int(whole))


def _with_places(number: Decimal, number_format: str) -> Decimal:
    """Pad to the places the cell's format shows (the writer gives 19.90 the format 0.00), so
    a number comes back with the places it went out with; never drops a digit. A format of more
    places than a number may hold (0.000… with 24 zeros) pads only to MAX_DECIMAL_PLACES."""
    match = _PLACES.search(number_format or "")
    places = min(len(match.group(1)) if match else 0, MAX_DECIMAL_PLACES)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < places:
        return number.quantize(Decimal(1).scaleb(-places), context=_WIDE)
    return number
