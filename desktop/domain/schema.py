"""The declaration of every section of a document, loaded from resources/schema/sections.json.

A section is a form (named fields), a grid (fixed rows × columns, as on the official forms) or a
table (rows the clerk adds: 功能分类 rows, projects, indicators). The domain model, the document
file, JSON interchange, Excel and the table editors are all generic over this one declaration,
so a new field or table is a data change. `validate_sections` is the one validator for it, and
`Column.check` / `Column.parse` are the one place a cell value is accepted or refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

from desktop.domain.codes import code_level
from desktop.domain.money import MAX_ABS_FEN, MAX_ABS_TEXT, Money
from desktop.domain.parsing import InputError, parse_amount, parse_count, parse_number, shown
from desktop.domain.text import TEXT_LIMITS, TextRejected, clean
from desktop.paths import resource_path

COLUMN_TYPES = ("money", "text", "longtext", "integer", "decimal", "boolean", "choice", "code", "ref")
SECTION_KINDS = ("form", "grid", "table")
SCOPES = ("document", "year")
MONEY_UNITS = ("decision", "performance")
SUMMED_TYPES = ("money", "integer", "decimal")  # the column types a department's 汇总 adds up
UNIT_SEPARATOR = "@"  # "functional_income@r2": unit r2's copy of a section (row ids never hold "@")
MAX_COUNT = 10**12                 # counts (people, cars, rooms)
MAX_DECIMAL = Decimal(10) ** 12    # areas, scores, rates
MAX_DECIMAL_PLACES = 6
FORM_ROW = ""  # the single row id of a form
_TRUE = {"是", "true", "True", "TRUE", "1", "√", "✓", "Y", "y", "yes"}
_FALSE = {"否", "false", "False", "FALSE", "0", "×", "N", "n", "no"}


class ValueRejected(ValueError):
    """A value that does not fit its column; the message names the column and is shown as is."""


_STORED_TYPES: dict[str, type] = {"money": Money, "integer": int, "decimal": Decimal, "boolean": bool}  # else str


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str
    choices: tuple[str, ...] = ()
    scheme: str = ""
    target: str = ""
    sum_of: tuple[str, ...] = ()  # a grid column computed, in every row, as the sum of these columns
    profiles: tuple[str, ...] = ()  # filled only for these profiles' tables (empty: every profile)
    unit_sum: bool = True  # in a per-unit section: the department's figure is the units' sum

    def used_by(self, profile: str) -> bool:
        return not self.profiles or profile in self.profiles

    @property
    def summed_across_units(self) -> bool:
        """Whether the department's 汇总 of this column is the sum of its units' cells."""
        return self.unit_sum and self.type in SUMMED_TYPES

    def check(self, value: Any) -> Any:
        """Accept an already-typed value (None = blank) as stored (a multi-line text with its line
        breaks as \\n, desktop/domain/text.py) or raise ValueRejected."""
        if value is None or (self.type in ("text", "longtext") and isinstance(value, str) and not value.strip()):
            return None  # an empty text (or one of spaces only) is a blank cell: absent, as every other blank
        expected = _STORED_TYPES.get(self.type, str)
        if type(value) is not expected:
            raise ValueRejected(f"{self.label}：应为{_TYPE_NAMES[self.type]}，而不是 {type(value).__name__}")
        if self.type == "integer" and value < 0:
            raise ValueRejected(f"{self.label}：不能为负数（{value}）")
        if self.type == "integer" and value > MAX_COUNT:
            raise ValueRejected(f"{self.label}：{shown(str(value))} 超出可处理范围（不超过 {MAX_COUNT:,}）")
        if self.type == "decimal" and not value.is_finite():
            raise ValueRejected(f"{self.label}：不是有限数值")
        if self.type == "decimal" and (abs(value) > MAX_DECIMAL or value.as_tuple().exponent < -MAX_DECIMAL_PLACES):
            raise ValueRejected(f"{self.label}：{shown(str(value))} 超出可处理范围"
                                f"（绝对值不超过 10^12，最多 {MAX_DECIMAL_PLACES} 位小数）")
        if self.type == "money" and abs(value.fen) > MAX_ABS_FEN:
            raise ValueRejected(f"{self.label}：金额超出可处理范围（{MAX_ABS_TEXT}）")
        if self.type in TEXT_LIMITS or self.type == "ref":
            value = self._check_text(value)
        if self.type == "choice" and value not in self.choices:
            raise ValueRejected(f"{self.label}：“{shown(value)}”不在可选项（{'、'.join(self.choices)}）中")
        if self.type == "code":
            if len(value) > 12:
                raise ValueRejected(f"{self.label}：科目编码“{shown(value)}”过长（{len(value)} 位）")
            if not value.isascii() or not value.isdigit():
                raise ValueRejected(f"{self.label}：科目编码“{shown(value)}”只能由数字组成")
            try:
                code_level(self.scheme, value)
            except ValueError as exc:
                raise ValueRejected(f"{self.label}：{exc}") from exc
        if self.type == "ref" and not value:
            raise ValueRejected(f"{self.label}：引用不能为空")
        return value

    def _check_text(self, value: str) -> str:
        """The text as stored (line breaks of a multi-line text as \\n), or ValueRejected."""
        try:
            return clean(value, label=self.label, multiline=self.type == "longtext",
                         limit=TEXT_LIMITS.get(self.type, TEXT_LIMITS["text"]))
        except TextRejected as exc:
            raise ValueRejected(str(exc)) from None

    def parse(self, text: str, money_unit: str = "元") -> Any:
        """Turn what a clerk typed or pasted into a typed value, or raise ValueRejected."""
        try:
            if self.type == "money":
                value: Any = parse_amount(text, money_unit)
            elif self.type == "integer":
                value = parse_count(text)
            elif self.type == "decimal":
                value = parse_number(text)
            elif self.type == "boolean":
                value = _parse_boolean(text, self.label)
            elif self.type in ("text", "longtext"):
                value = text if text.strip() else None
            else:
                value = text.strip() or None
        except InputError as exc:
            raise ValueRejected(f"{self.label}：{exc}") from exc
        return self.check(value)


_TYPE_NAMES = {
    "money": "金额", "text": "文字", "longtext": "文字", "integer": "整数", "decimal": "数字",
    "boolean": "是/否", "choice": "选项", "code": "科目编码", "ref": "引用",
}


def _parse_boolean(text: str, label: str) -> bool | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise ValueRejected(f"{label}：“{shown(cleaned)}”应为“是”或“否”")


@dataclass(frozen=True)
class GridRow:
    key: str
    label: str
    total: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    sum_of: tuple[str, ...] = ()        # a total row: the sum of these rows …
    sum_columns: tuple[str, ...] = ()   # … in these columns (every money column when empty)


@dataclass(frozen=True)
class FixedRows:
    """A table whose rows come in fixed blocks, one block per row of another table (each project's
    项目资金 rows 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金): one row per choice of the `by`
    column, in choice order. The `total` choice's row is the sum of the other choices' rows in
    `sum_columns` where any of them is filled, and the typed figure where none is."""
    per: str                       # the ref column naming the owner row
    by: str                        # the choice column naming the row within the block
    total: str                     # the choice whose row is the sum of the others
    sum_columns: tuple[str, ...]   # the money columns the total adds up
    choices: tuple[str, ...]       # every row of a block, in order (the `by` column's choices)

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(c for c in self.choices if c != self.total)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    kind: str
    scope: str
    tab: str
    columns: tuple[Column, ...]
    rows: tuple[GridRow, ...] = ()
    money_unit: str = "decision"
    profiles: tuple[str, ...] = ()  # a table only these profiles publish (empty: every profile)
    fixed_rows: FixedRows | None = None  # a table of fixed per-owner blocks (see FixedRows)
    per_unit: bool = False  # filled per unit of the department, the department's being their 汇总
    unit_match: tuple[str, ...] = ()  # a per-unit table: the columns that make units' rows one 汇总 row

    def used_by(self, profile: str) -> bool:
        return not self.profiles or profile in self.profiles

    def column(self, key: str) -> Column:
        column = self._columns_by_key.get(key)
        if column is None:
            raise KeyError(f"{self.label} 没有“{key}”这一列")
        return column

    @cached_property
    def _columns_by_key(self) -> dict[str, Column]:
        """column() is asked for every cell read, written and checked: one look-up, not a scan."""
        return {column.key: column for column in reversed(self.columns)}  # the first of a key wins, as a scan

    @cached_property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)

    def row_label(self, row_id: str) -> str:
        for row in self.rows:
            if row.key == row_id:
                return row.label
        return row_id

    @cached_property
    def sums(self) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
        """The computed cells of a grid or form: (row, column) -> the cells it adds up. A total
        row sums its rows in its columns; a total column (or form field) sums its columns in
        every row; where both apply the row's sum is used (the same figure when the parts agree)."""
        sums: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        money = [c.key for c in self.columns if c.type == "money"]
        row_keys = (FORM_ROW,) if self.kind == "form" else self.row_keys
        for column in self.columns:
            if column.sum_of:
                for row_key in row_keys:
                    sums[(row_key, column.key)] = tuple((row_key, part) for part in column.sum_of)
        for row in self.rows:
            if row.sum_of:
                for key in row.sum_columns or money:
                    sums[(row.key, key)] = tuple((part, key) for part in row.sum_of)
        return sums

    def sum_parts(self, row_id: str, key: str) -> tuple[tuple[str, str], ...] | None:
        """The cells a computed cell adds up, or None for a cell the clerk fills."""
        return self.sums.get((row_id, key)) if self.sums else None

    def is_computed(self, row_id: str, key: str) -> bool:
        return (row_id, key) in self.sums

    def depends_on(self, key: str) -> tuple[str, ...]:
        """The computed columns whose value changes when `key` changes (a column sum reads
        other columns; a row sum stays in its own column)."""
        return tuple(c.key for c in self.columns if key in c.sum_of)


@dataclass(frozen=True)
class DocumentSchema:
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        """The section of `key`; a unit's copy of a section ("functional_income@r2") is its section."""
        base = key.partition(UNIT_SEPARATOR)[0]
        for section in self.sections:
            if section.key == base:
                return section
        raise KeyError(f"没有名为“{key}”的表")

    @cached_property
    def per_unit_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections if s.per_unit)

    def in_scope(self, scope: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.scope == scope)

    def referrers(self, target: str) -> list[tuple[Section, Column]]:
        """The (section, column) pairs whose ref column points at rows of `target`."""
        return [(s, c) for s in self.sections for c in s.columns if c.type == "ref" and c.target == target]


_SECTION_KEYS = {"key", "label", "kind", "scope", "tab", "fields", "columns", "rows", "money_unit", "profiles",
                 "fixed_rows", "per_unit"}
_FIXED_ROWS_KEYS = ("per", "by", "total", "sum_columns")
_COLUMN_KEYS = {"key", "label", "type", "choices", "scheme", "target", "sum_of", "profiles", "unit_sum"}
_ROW_FIELDS = ("key", "label", "total", "sum_of", "sum_columns")


def validate_sections(data: Any) -> list[str]:
    """Every problem in a sections declaration; an empty list means it can be loaded."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return ["sections.json: 应为含 sections 列表的对象"]
    seen: set[str] = set()
    table_keys = {s.get("key") for s in data["sections"] if isinstance(s, dict) and s.get("kind") == "table"}
    for index, raw in enumerate(data["sections"]):
        where = f"sections[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: 应为对象")
            continue
        where = f"sections[{index}] ({raw.get('key')})"
        problems += [f"{where}: 未知属性 {k}" for k in sorted(set(raw) - _SECTION_KEYS)]
        key = raw.get("key")
        if not isinstance(key, str) or not key.isidentifier():
            problems.append(f"{where}: key 应为标识符")
        elif key in seen:
            problems.append(f"{where}: key 重复")
        seen.add(key)
        if not isinstance(raw.get("label"), str) or not raw.get("label"):
            problems.append(f"{where}: 缺少 label")
        if raw.get("kind") not in SECTION_KINDS:
            problems.append(f"{where}: kind 应为 {SECTION_KINDS}")
        if raw.get("scope", "year") not in SCOPES:
            problems.append(f"{where}: scope 应为 {SCOPES}")
        if raw.get("money_unit", "decision") not in MONEY_UNITS:
            problems.append(f"{where}: money_unit 应为 {MONEY_UNITS}")
        problems += _validate_profiles(where, raw.get("profiles"))
        columns_key = "fields" if raw.get("kind") == "form" else "columns"
        columns = raw.get(columns_key)
        if not isinstance(columns, list) or not columns:
            problems.append(f"{where}: 缺少 {columns_key}")
            columns = []
        problems += _validate_columns(where, columns, table_keys)
        if raw.get("kind") == "grid":
            rows = raw.get("rows")
            if not isinstance(rows, list) or not rows:
                problems.append(f"{where}: grid 缺少 rows")
            else:
                row_keys = [r.get("key") for r in rows if isinstance(r, dict)]
                if len(set(row_keys)) != len(rows) or not all(isinstance(k, str) and k.isidentifier() for k in row_keys):
                    problems.append(f"{where}: rows 的 key 应为互不相同的标识符")
                for r in rows:
                    if isinstance(r, dict) and r.get("parent") not in (None, *row_keys):
                        problems.append(f"{where}: 行 {r.get('key')} 的 parent 不存在")
                problems += _validate_sums(where, rows, columns)
        elif "rows" in raw:
            problems.append(f"{where}: 只有 grid 可以声明 rows")
        elif raw.get("kind") == "form":
            problems += _validate_sums(where, [], columns)
        elif any(isinstance(c, dict) and "sum_of" in c for c in columns):
            problems.append(f"{where}: 只有 grid 和 form 可以声明计算列 sum_of")
        if "fixed_rows" in raw:
            problems += _validate_fixed_rows(where, raw, columns)
        if "per_unit" in raw:
            problems += _validate_per_unit(where, raw, columns)
    return problems


def _validate_per_unit(where: str, raw: dict, columns: list) -> list[str]:
    per_unit = raw["per_unit"]
    keys = {c.get("key") for c in columns if isinstance(c, dict)}
    if raw.get("scope", "year") != "year" or not isinstance(per_unit, dict) or set(per_unit) - {"match"}:
        return [f"{where}: per_unit 应为年度表的对象，可含 match"]
    match = per_unit.get("match")
    if raw.get("kind") == "table":
        if not isinstance(match, list) or not match or not all(m in keys for m in match):
            return [f"{where}: 分单位填报的 table 应以 per_unit.match 列出本表用来合并各单位行的列"]
    elif match is not None:
        return [f"{where}: 只有 table 需要 per_unit.match"]
    return []


def _validate_fixed_rows(where: str, raw: dict, columns: list) -> list[str]:
    """A table's fixed per-owner blocks: a ref column, a choice column holding the total."""
    spec = raw["fixed_rows"]
    at = f"{where}.fixed_rows"
    if raw.get("kind") != "table":
        return [f"{at}: 只有 table 可以声明固定行"]
    if not isinstance(spec, dict):
        return [f"{at}: 应为对象"]
    problems = [f"{at}: 未知属性 {k}" for k in sorted(set(spec) - set(_FIXED_ROWS_KEYS))]
    problems += [f"{at}: 缺少 {k}" for k in _FIXED_ROWS_KEYS if k not in spec]
    by_key = {c.get("key"): c for c in columns if isinstance(c, dict)}
    if "per" in spec and by_key.get(spec["per"], {}).get("type") != "ref":
        problems.append(f"{at}.per: 应为本表的引用列")
    choices = by_key.get(spec.get("by"), {}).get("choices") if "by" in spec else None
    if "by" in spec and (by_key.get(spec["by"], {}).get("type") != "choice" or not isinstance(choices, list)):
        problems.append(f"{at}.by: 应为本表的选项列")
    elif "total" in spec and (spec["total"] not in choices or len(choices) < 2):
        problems.append(f"{at}.total: 应为 by 列的一个选项（且至少还有一个其他选项）")
    sums = spec.get("sum_columns")
    if "sum_columns" in spec and (not isinstance(sums, list) or not sums
                                  or not all(by_key.get(c, {}).get("type") == "money" for c in sums)):
        problems.append(f"{at}.sum_columns: 应列出本表的金额列")
    return problems


def _validate_sums(where: str, rows: list, columns: list) -> list[str]:
    """Total rows and columns add up money cells of the same grid, never themselves (even
    through another total)."""
    problems: list[str] = []
    row_keys = [r.get("key") for r in rows if isinstance(r, dict)]
    types = {c.get("key"): c.get("type") for c in columns if isinstance(c, dict)}
    money = [k for k, t in types.items() if t == "money"]
    graph: dict[str, list[str]] = {}
    for r in rows:
        if not isinstance(r, dict) or "sum_of" not in r and "sum_columns" not in r:
            continue
        parts, sum_columns = r.get("sum_of"), r.get("sum_columns", money)
        if not isinstance(parts, list) or not parts or not all(p in row_keys and p != r["key"] for p in parts):
            problems.append(f"{where}: 行 {r.get('key')} 的 sum_of 应列出本表的其他行")
            parts = []
        if not isinstance(sum_columns, list) or not all(types.get(c) == "money" for c in sum_columns):
            problems.append(f"{where}: 行 {r.get('key')} 的 sum_columns 应为本表的金额列")
        graph[f"row:{r['key']}"] = [f"row:{p}" for p in parts]
    for c in columns:
        if not isinstance(c, dict) or "sum_of" not in c:
            continue
        parts = c.get("sum_of")
        if c.get("type") != "money" or not isinstance(parts, list) or not parts \
                or not all(types.get(p) == "money" and p != c.get("key") for p in parts):
            problems.append(f"{where}.{c.get('key')}: sum_of 应列出本表的其他金额列")
            parts = []
        graph[f"column:{c['key']}"] = [f"column:{p}" for p in parts]
    if _has_cycle(graph):
        problems.append(f"{where}: 合计行或合计列互相引用，形成循环")
    return problems


def _has_cycle(graph: dict[str, list[str]]) -> bool:
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        if state.get(node) == 1:
            return True
        if state.get(node) == 2:
            return False
        state[node] = 1
        if any(visit(n) for n in graph.get(node, ())):
            return True
        state[node] = 2
        return False
    return any(visit(n) for n in graph)


def _validate_columns(where: str, columns: list, table_keys: set) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for raw in columns:
        if not isinstance(raw, dict):
            problems.append(f"{where}: 列应为对象")
            continue
        label = f"{where}.{raw.get('key')}"
        problems += [f"{label}: 未知属性 {k}" for k in sorted(set(raw) - _COLUMN_KEYS)]
        key = raw.get("key")
        if not isinstance(key, str) or not key.isidentifier() or key == "id":
            problems.append(f"{label}: key 应为标识符且不能为 id")
        elif key in seen:
            problems.append(f"{label}: key 重复")
        seen.add(key)
        if not isinstance(raw.get("label"), str) or not raw.get("label"):
            problems.append(f"{label}: 缺少 label")
        kind = raw.get("type")
        if kind not in COLUMN_TYPES:
            problems.append(f"{label}: type 应为 {COLUMN_TYPES}")
        if kind == "choice":
            choices = raw.get("choices")
            if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c for c in choices):
                problems.append(f"{label}: choice 需要非空的 choices")
        if kind == "code" and raw.get("scheme") not in ("functional", "economic"):
            problems.append(f"{label}: code 的 scheme 应为 functional 或 economic")
        if kind == "ref" and raw.get("target") not in table_keys:
            problems.append(f"{label}: ref 的 target 应为某个 table 的 key")
        problems += _validate_profiles(label, raw.get("profiles"))
        if "unit_sum" in raw and (raw["unit_sum"] is not False or kind not in SUMMED_TYPES):
            problems.append(f"{label}: unit_sum 只能为 false，且只用于金额、整数或小数列")
    return problems


def _validate_profiles(where: str, profiles: Any) -> list[str]:
    if profiles is None:
        return []
    if not isinstance(profiles, list) or not profiles or not all(isinstance(p, str) and p for p in profiles):
        return [f"{where}: profiles 应为方案名的非空列表"]
    return []


def _column(raw: dict) -> Column:
    return Column(key=raw["key"], label=raw["label"], type=raw["type"], choices=tuple(raw.get("choices", ())),
                  scheme=raw.get("scheme", ""), target=raw.get("target", ""), sum_of=tuple(raw.get("sum_of", ())),
                  profiles=tuple(raw.get("profiles", ())), unit_sum=raw.get("unit_sum", True))


def build_schema(data: dict) -> DocumentSchema:
    problems = validate_sections(data)
    if problems:
        raise ValueError("表结构声明有误：\n" + "\n".join(problems))
    sections = []
    for raw in data["sections"]:
        columns = raw["fields"] if raw["kind"] == "form" else raw["columns"]
        rows = tuple(
            GridRow(key=r["key"], label=r["label"], total=bool(r.get("total")),
                    attributes={k: str(v) for k, v in r.items() if k not in _ROW_FIELDS},
                    sum_of=tuple(r.get("sum_of", ())), sum_columns=tuple(r.get("sum_columns", ())))
            for r in raw.get("rows", ())
        )
        fixed = raw.get("fixed_rows")
        built = tuple(_column(c) for c in columns)
        sections.append(Section(
            key=raw["key"], label=raw["label"], kind=raw["kind"], scope=raw.get("scope", "year"),
            tab=raw.get("tab", ""), columns=built, rows=rows,
            money_unit=raw.get("money_unit", "decision"), profiles=tuple(raw.get("profiles", ())),
            fixed_rows=FixedRows(fixed["per"], fixed["by"], fixed["total"], tuple(fixed["sum_columns"]),
                                 next(c.choices for c in built if c.key == fixed["by"])) if fixed else None,
            per_unit="per_unit" in raw, unit_match=tuple(raw.get("per_unit", {}).get("match", ())),
        ))
    return DocumentSchema(tuple(sections))


@cache
def document_schema() -> DocumentSchema:
    """The schema of the bundled sections.json (loaded once)."""
    data = json.loads(resource_path("schema", "sections.json").read_text(encoding="utf-8"))
    return build_schema(data)
