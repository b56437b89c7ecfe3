"""JSON interchange: a whole document as one canonical, documented JSON file.

Layout (schema in resources/schema/fdesk-document.schema.json): top-level `format` and
`version`, the document-scope sections (`department`, `units`), and `years`, each year an object
with `year`, `profile`, one key per section and optional `explanations` (the texts typed for
warnings, each naming its finding by rule id and location). A year entered per unit also has
`units`: one object per unit (`unit`, its id in the units table, and its per-unit sections); the
department's copies of those sections then hold only their own cells (说明 texts), the 汇总 being
computed from the units on reading, as in the document file. A form is an object of fields, a grid an object
of its rows, a table an array of rows with their `id`. Amounts are decimal strings in 元,
other exact numbers decimal strings, counts integers. A blank cell is simply absent.

Reading checks everything first and reports every problem with its JSON path; a document is
returned only when the whole file is valid, so an import never writes half a file.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from desktop.bulk import bulk
from desktop.domain import text as texts
from desktop.domain.department_units import is_split, reporting_units, summarise
from desktop.domain.document import MAX_YEAR, MIN_YEAR, Document, DocumentError, SectionData, YearData
from desktop.domain.parsing import InputError, parse_amount, parse_number
from desktop.domain.profiles import available_profiles
from desktop.domain.schema import FORM_ROW, Column, DocumentSchema, Section, ValueRejected, document_schema
from desktop.oserrors import describe

FORMAT = "fiscaldesk-document"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PROBLEMS = 50
MONEY_PATTERN = r"^-?[0-9]+(\.[0-9]{1,2})?$"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
_MONEY = re.compile(MONEY_PATTERN)
_DECIMAL = re.compile(DECIMAL_PATTERN)


class JsonImportError(ValueError):
    """A JSON document that cannot be imported; `problems` name each JSON path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [texts.shown_safely(problem) for problem in problems[:MAX_PROBLEMS]]
        more = len(problems) - len(self.problems)
        lines = self.problems + ([f"……另有 {more} 处问题"] if more > 0 else [])
        super().__init__("JSON 文件不能导入：\n" + "\n".join(lines))


# -- writing ---------------------------------------------------------------------------------
def _encode(column: Column, value: Any) -> Any:
    if column.type == "money":
        return value.to_json()
    if column.type == "decimal":
        return format(value, "f")
    return value


def _encode_section(data: SectionData, summary: bool = False) -> Any:
    """A section as JSON; of a 汇总 (`summary`), only the cells that are not computed from units."""
    section = data.section
    def row_object(values: dict[str, Any]) -> dict[str, Any]:
        return {c.key: _encode(c, values[c.key]) for c in section.columns
                if c.key in values and not (summary and c.summed_across_units)}
    if section.kind == "form":
        return row_object(data.rows[FORM_ROW])
    if section.kind == "grid":
        rows = {key: row_object(values) for key, values in data.rows.items()}
        return {key: values for key, values in rows.items() if values}
    if summary:
        return []
    return [{"id": row_id, **row_object(values)} for row_id, values in data.rows.items()]


def document_to_json(document: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    out.update({key: _encode_section(data) for key, data in document.sections.items()})
    out["years"] = [_encode_year(data) for data in document.years.values()]
    return out


def _encode_year(data: YearData) -> dict[str, Any]:
    out: dict[str, Any] = {"year": data.year, "profile": data.profile}
    out.update({k: _encode_section(s, is_split(data) and s.section.per_unit) for k, s in data.sections.items()})
    if is_split(data):
        out["units"] = [{"unit": unit, **{k: _encode_section(s) for k, s in sections.items()}}
                        for unit, sections in data.units.items()]
    if data.explanations:
        out["explanations"] = [{"rule": rule, "location": location, "text": text}
                               for (rule, location), text in sorted(data.explanations.items())]
    return out


def dumps(document: Document) -> str:
    return json.dumps(document_to_json(document), ensure_ascii=False, indent=1) + "\n"


def write_json(document: Document, path: str | Path) -> None:
    """Write atomically: a crash leaves either the old file or the new one, never half."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(dumps(document), encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# -- reading ---------------------------------------------------------------------------------
class _Reader:
    def __init__(self, schema: DocumentSchema) -> None:
        self.schema = schema
        self.problems: list[str] = []
        self.profiles = set(available_profiles())

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}：{message}")

    def value(self, column: Column, raw: Any, path: str) -> Any:
        try:
            if raw is None:
                return None
            if column.type == "money":
                if not isinstance(raw, str) or not _MONEY.match(raw):
                    raise ValueRejected(f"金额应写成以元为单位的字符串，如 \"1234.56\"，而不是 {json.dumps(raw, ensure_ascii=False)[:40]}")
                return column.check(parse_amount(raw))
            if column.type == "decimal":
                if not isinstance(raw, str) or not _DECIMAL.match(raw):
                    raise ValueRejected(f"数字应写成字符串，如 \"19.94\"，而不是 {json.dumps(raw, ensure_ascii=False)[:40]}")
                return column.check(parse_number(raw))
            if column.type == "integer" and (type(raw) is not int):
                raise ValueRejected(f"应为整数，而不是 {json.dumps(raw, ensure_ascii=False)[:40]}")
            if column.type == "boolean" and type(raw) is not bool:
                raise ValueRejected("应为 true 或 false")
            if column.type in ("text", "longtext", "choice", "code", "ref") and not isinstance(raw, str):
                raise ValueRejected("应为字符串")
            return column.check(raw)
        except (ValueRejected, InputError) as exc:
            self.problem(path, str(exc))
            return None

    def row(self, section: Section, raw: Any, path: str, allow_id: bool = False) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.problem(path, "应为对象")
            return {}
        values: dict[str, Any] = {}
        known = set(section.column_keys) | ({"id"} if allow_id else set())
        for key in raw:
            if key not in known:
                self.problem(f"{path}.{key}", f"{section.label}没有这一项")
        for column in section.columns:
            if column.key in raw:
                value = self.value(column, raw[column.key], f"{path}.{column.key}")
                if value is not None:
                    values[column.key] = value
        return values

    def section(self, data: SectionData, raw: Any, path: str) -> None:
        section = data.section
        if section.kind == "form":
            data.rows[FORM_ROW] = self.row(section, raw, path)
            data.drop_agreeing_totals()
        elif section.kind == "grid":
            if not isinstance(raw, dict):
                self.problem(path, "应为以行名为键的对象")
                return
            for key, row_raw in raw.items():
                if key not in data.rows:
                    self.problem(f"{path}.{key}", f"{section.label}没有这一行")
                    continue
                data.rows[key] = self.row(section, row_raw, f"{path}.{key}")
            data.drop_agreeing_totals()  # a 合计 equal to its parts is the computed one; a differing one is kept
        else:
            if not isinstance(raw, list):
                self.problem(path, "应为数组")
                return
            for index, row_raw in enumerate(raw):
                row_path = f"{path}[{index}]"
                values = self.row(section, row_raw, row_path, allow_id=True)
                row_id = row_raw.get("id") if isinstance(row_raw, dict) else None
                if not isinstance(row_id, str):
                    self.problem(f"{row_path}.id", "每行都需要字符串 id")
                    continue
                try:
                    data.add_row(values, row_id=row_id)
                except DocumentError as exc:
                    self.problem(f"{row_path}.id", str(exc))

    def sections(self, targets: dict[str, SectionData], raw: dict, path: str, extra: set[str]) -> None:
        for key in raw:
            if key not in targets and key not in extra:
                self.problem(f"{path}.{key}", "未知的表或项")
        for key, data in targets.items():
            if key in raw:
                self.section(data, raw[key], f"{path}.{key}")

    def units(self, document: Document, data: YearData, raw: Any, path: str) -> None:
        """A year entered per unit: each unit's sections, then the department's 汇总 of them."""
        known = {unit.id for unit in reporting_units(document)}
        if not isinstance(raw, list) or not raw:
            self.problem(path, "应为各单位的数组（至少一个单位）")
            return
        for key in self.schema.per_unit_keys:  # the 汇总 is computed: the file gives the units' cells
            if any(column in row for row in data.section(key).rows.values()
                   for column in (c.key for c in data.section(key).section.columns if c.summed_across_units)) \
                    or (data.section(key).section.kind == "table" and data.section(key).rows):
                self.problem(f"{path[:-len('.units')]}.{key}", "分单位填报的年度，部门的汇总数由各单位计算，不能填写")
        data.units = {unit: {} for unit in known}
        for index, item in enumerate(raw):
            where = f"{path}[{index}]"
            unit = item.get("unit") if isinstance(item, dict) else None
            if unit not in known:
                self.problem(f"{where}.unit", f"单位表中没有标识为 {unit!r} 的单位")
                continue
            targets = {key: data.unit_section(unit, key) for key in self.schema.per_unit_keys}
            self.sections(targets, item, where, {"unit"})
        if not self.problems:
            summarise(document, data)

    def explanations(self, data: YearData, raw: Any, path: str) -> None:
        if not isinstance(raw, list):
            self.problem(path, "应为数组")
            return
        for index, item in enumerate(raw):
            where = f"{path}[{index}]"
            if not isinstance(item, dict) or set(item) != {"rule", "location", "text"} \
                    or not all(isinstance(v, str) and v.strip() for v in item.values()):
                self.problem(where, "应为含非空字符串 rule、location、text 的对象")
                continue
            try:
                key = (texts.key_text(item["rule"], "规则"), texts.key_text(item["location"], "位置"))
                text = texts.explanation(item["text"])
            except texts.TextRejected as exc:
                self.problem(where, str(exc))
                continue
            if text is None:
                self.problem(where, "说明只有空白")
                continue
            if key in data.explanations:
                self.problem(where, "同一审核结果的说明重复")
            data.explanations[key] = text

    def document(self, raw: Any) -> Document:
        document = Document.blank(self.schema)
        if not isinstance(raw, dict):
            self.problem("$", "应为对象")
            return document
        if raw.get("format") != FORMAT:
            self.problem("$.format", f"应为 \"{FORMAT}\"，这不是 FiscalDesk 文档")
            return document
        if raw.get("version") != VERSION:
            self.problem("$.version", f"不支持的版本 {raw.get('version')!r}（本程序读取版本 {VERSION}）")
            return document
        self.sections(document.sections, raw, "$", {"format", "version", "years"})
        years = raw.get("years")
        if not isinstance(years, list) or not years:
            self.problem("$.years", "至少需要一个年度")
            return document
        for index, year_raw in enumerate(years):
            path = f"$.years[{index}]"
            if not isinstance(year_raw, dict):
                self.problem(path, "应为对象")
                continue
            year, profile = year_raw.get("year"), year_raw.get("profile")
            if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
                self.problem(f"{path}.year", f"年度应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数")
                continue
            if not isinstance(profile, str) or profile not in self.profiles:
                self.problem(f"{path}.profile", f"未知的方案 {profile!r}（可用：{'、'.join(sorted(self.profiles))}）")
                continue
            try:
                data = document.add_year(year, profile)
            except DocumentError as exc:
                self.problem(f"{path}.year", str(exc))
                continue
            self.sections(data.sections, year_raw, path, {"year", "profile", "explanations", "units"})
            if "units" in year_raw:
                self.units(document, data, year_raw["units"], f"{path}.units")
            self.explanations(data, year_raw.get("explanations", []), f"{path}.explanations")
            self.problems += [f"{path}：{p}" for p in data.reference_problems(self.schema)]
        return document


def document_from_json(raw: Any, schema: DocumentSchema | None = None) -> Document:
    reader = _Reader(schema or document_schema())
    document = reader.document(raw)
    if reader.problems:
        raise JsonImportError(reader.problems)
    return document


class _ConstantRefused(ValueError):
    pass


def _refuse_constant(name: str) -> None:
    raise _ConstantRefused(f"含有 {name}（不是数值）")


@bulk
def loads(text: str) -> Document:
    try:
        raw = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise JsonImportError([f"第 {exc.lineno} 行第 {exc.colno} 列：不是有效的 JSON（{exc.msg}）"]) from None
    except RecursionError:
        raise JsonImportError(["$：嵌套层次过深，不是 FiscalDesk 文档"]) from None
    except ValueError as exc:  # an integer of thousands of digits, or NaN/Infinity
        reason = str(exc) if isinstance(exc, _ConstantRefused) else "含有位数过多的数字"
        raise JsonImportError([f"$：{reason}，不是有效的 FiscalDesk 文档"]) from None
    return document_from_json(raw)


def read_json(path: str | Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise JsonImportError([f"文件过大（{size // (1024 * 1024)} MB），不是 FiscalDesk 文档"])
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonImportError(["文件不是 UTF-8 编码的文本"]) from None
    except OSError as exc:
        raise JsonImportError([f"无法读取文件 {path.name}：{describe(exc)}"]) from None
    return loads(text)
