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
from functools import cache
from typing import Any

from desktop.domain.codes import code_level
from desktop.domain.money import MAX_ABS_FEN, Money
from desktop.domain.parsing import InputError, parse_amount, parse_count, parse_number, shown
from desktop.paths import resource_path

COLUMN_TYPES = ("money", "text", "longtext", "integer", "decimal", "boolean", "choice", "code", "ref")
SECTION_KINDS = ("form", "grid", "table")
SCOPES = ("document", "year")
MONEY_UNITS = ("decision", "performance")
TEXT_LIMITS = {"text": 500, "longtext": 20_000}
MAX_COUNT = 10**12                 # counts (people, cars, rooms)
MAX_DECIMAL = Decimal(10) ** 12    # areas, scores, rates
MAX_DECIMAL_PLACES = 6
FORM_ROW = ""  # the single row id of a form
_TRUE = {"是", "true", "True", "TRUE", "1", "√", "✓", "Y", "y", "yes"}
_FALSE = {"否", "false", "False", "FALSE", "0", "×", "N", "n", "no"}


class ValueRejected(ValueError):
    """A value that does not fit its column; the message names the column and is shown as is."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str
    choices: tuple[str, ...] = ()
    scheme: str = ""
    target: str = ""

    def check(self, value: Any) -> Any:
        """Accept an already-typed value (None = blank) or raise ValueRejected."""
        if value is None or (value == "" and self.type in ("text", "longtext")):
            return None  # an empty text is a blank cell: absent, as every other blank
        expected = {
            "money": Money, "integer": int, "decimal": Decimal, "boolean": bool,
        }.get(self.type, str)
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
            raise ValueRejected(f"{self.label}：金额超出可处理范围（绝对值不超过 10^14 元）")
        if self.type in TEXT_LIMITS or self.type == "ref":
            self._check_text(value)
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

    def _check_text(self, value: str) -> None:
        limit = TEXT_LIMITS.get(self.type, TEXT_LIMITS["text"])
        if len(value) > limit:
            raise ValueRejected(f"{self.label}：文字过长（{len(value)} 字，最多 {limit} 字）")
        allowed = "\n\t" if self.type == "longtext" else ""
        bad = [ch for ch in value if not ch.isprintable() and ch not in allowed]
        if bad:
            raise ValueRejected(f"{self.label}：含有不可打印的控制字符（U+{ord(bad[0]):04X}）")

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
    table_no: int | None = None

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.label} 没有“{key}”这一列")

    @property
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


@dataclass(frozen=True)
class DocumentSchema:
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"没有名为“{key}”的表")

    def in_scope(self, scope: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.scope == scope)

    def referrers(self, target: str) -> list[tuple[Section, Column]]:
        """The (section, column) pairs whose ref column points at rows of `target`."""
        return [(s, c) for s in self.sections for c in s.columns if c.type == "ref" and c.target == target]


_SECTION_KEYS = {"key", "label", "kind", "scope", "tab", "fields", "columns", "rows", "money_unit", "table_no"}
_COLUMN_KEYS = {"key", "label", "type", "choices", "scheme", "target"}


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
        if "table_no" in raw and not isinstance(raw["table_no"], int):
            problems.append(f"{where}: table_no 应为整数")
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
        elif "rows" in raw:
            problems.append(f"{where}: 只有 grid 可以声明 rows")
    return problems


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
    return problems


def _column(raw: dict) -> Column:
    return Column(key=raw["key"], label=raw["label"], type=raw["type"], choices=tuple(raw.get("choices", ())),
                  scheme=raw.get("scheme", ""), target=raw.get("target", ""))


def build_schema(data: dict) -> DocumentSchema:
    problems = validate_sections(data)
    if problems:
        raise ValueError("表结构声明有误：\n" + "\n".join(problems))
    sections = []
    for raw in data["sections"]:
        columns = raw["fields"] if raw["kind"] == "form" else raw["columns"]
        rows = tuple(
            GridRow(key=r["key"], label=r["label"], total=bool(r.get("total")),
                    attributes={k: str(v) for k, v in r.items() if k not in ("key", "label", "total")})
            for r in raw.get("rows", ())
        )
        sections.append(Section(
            key=raw["key"], label=raw["label"], kind=raw["kind"], scope=raw.get("scope", "year"),
            tab=raw.get("tab", ""), columns=tuple(_column(c) for c in columns), rows=rows,
            money_unit=raw.get("money_unit", "decision"), table_no=raw.get("table_no"),
        ))
    return DocumentSchema(tuple(sections))


@cache
def document_schema() -> DocumentSchema:
    """The schema of the bundled sections.json (loaded once)."""
    data = json.loads(resource_path("schema", "sections.json").read_text(encoding="utf-8"))
    return build_schema(data)
