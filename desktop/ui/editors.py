"""The layout of the editors as data: tabs, pages, transposed grids, computed columns and rows,
column widths.

Loaded from resources/ui/editors.json and checked by `validate_editors`, the one validator for
it (every section of the schema is on exactly one page, every formula exists and gets the
columns it needs, a transposed section is a grid and its header texts name its rows). A grid
declared `transposed` is shown as the official 样表 prints it: its rows (the items) as columns,
its columns (the measures) as rows. Qt-free: the table models turn these declarations into views.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from desktop.domain.schema import UNIT_SEPARATOR, Column, DocumentSchema, Section, document_schema
from desktop.editing.computed import FORMULAS
from desktop.paths import resource_path

NUMERIC_TYPES = ("money", "integer", "decimal")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an editor: a stored column, or a computed one (read-only)."""
    key: str
    label: str
    type: str                    # a schema column type, or "computed"
    editable: bool
    width: int
    align_right: bool
    column: Column | None = None
    formula: str = ""
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectsPage:
    list_section: str
    list_columns: tuple[str, ...]
    children: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    label: str
    sections: tuple[str, ...]
    projects: ProjectsPage | None = None


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    pages: tuple[Page, ...]

    def section_keys(self) -> list[str]:
        keys: list[str] = []
        for page in self.pages:
            keys += page.sections
            if page.projects:
                keys += [page.projects.list_section, *page.projects.children]
        return keys


@dataclass(frozen=True)
class Transposed:
    """A grid shown with its rows as columns; `headers` gives an item's column header text
    (line breaks included) where it differs from the row's label."""
    section: str
    headers: dict[str, str]

    def header(self, row_key: str, label: str) -> str:
        return self.headers.get(row_key, label)


@dataclass(frozen=True)
class Editors:
    tabs: tuple[Tab, ...]
    computed_columns: dict[str, tuple[ColumnSpec, ...]]
    computed_fields: dict[str, tuple[ColumnSpec, ...]]
    total_rows: dict[str, tuple[str, ...]]
    widths: dict[str, int]
    schema: DocumentSchema
    transposed: dict[str, Transposed] = field(default_factory=dict)

    def tab_of(self, section: str) -> Tab:
        for tab in self.tabs:
            if section in tab.section_keys():
                return tab
        raise KeyError(section)

    def tab_label(self, section: str) -> str:
        """The tab a section (or a unit's copy of it, "…@r2") is edited on; "" for none."""
        try:
            return self.tab_of(section.partition(UNIT_SEPARATOR)[0]).label
        except KeyError:
            return ""

    def columns(self, section: Section, hidden: tuple[str, ...] = ()) -> list[ColumnSpec]:
        """Stored columns then computed ones, as the table editors show them."""
        specs = [self.stored(column) for column in section.columns if column.key not in hidden]
        return specs + list(self.computed_columns.get(section.key, ()))

    def stored(self, column: Column) -> ColumnSpec:
        width = self.widths["name"] if column.key in ("name", "item", "level3") else self.widths[column.type]
        if column.choices:  # wide enough for the longest choice, up to a name column's width
            width = min(max(width, 14 * max(len(c) for c in column.choices) + 30), self.widths["name"])
        return ColumnSpec(column.key, column.label, column.type, True, width, column.type in NUMERIC_TYPES, column)


def _computed(raw: dict, width: int) -> ColumnSpec:
    return ColumnSpec(raw["key"], raw["label"], "computed", False, width, True, None, raw["formula"],
                      tuple(raw.get("args", ())))


def validate_editors(data: Any, schema: DocumentSchema) -> list[str]:
    """Every problem in an editors declaration; empty when it can be used."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("tabs"), list):
        return ["editors.json：应为含 tabs 列表的对象"]
    known = {s.key: s for s in schema.sections}
    placed: list[str] = []
    for tab in data["tabs"]:
        for page in tab.get("pages", []):
            placed += page.get("sections", [])
            projects = page.get("projects")
            if projects:
                placed += [projects.get("list", ""), *projects.get("children", [])]
                listed = known.get(projects.get("list", ""))
                for key in projects.get("list_columns", []):
                    if listed is None or key not in listed.column_keys:
                        problems.append(f"{tab.get('label')}：项目列表没有“{key}”列")
    for key in placed:
        if key not in known:
            problems.append(f"未知的表“{key}”")
    for key in sorted({k for k in placed if placed.count(k) > 1}):
        problems.append(f"表“{key}”出现在多个页面")
    for key in sorted(set(known) - set(placed)):
        problems.append(f"表“{key}”没有放在任何页面上")
    for group in ("computed_columns", "computed_fields"):
        for section_key, entries in data.get(group, {}).items():
            section = known.get(section_key)
            if section is None:
                problems.append(f"{group}：未知的表“{section_key}”")
                continue
            for entry in entries:
                problems += _check_formula(group, section, entry)
    for section_key, columns in data.get("total_rows", {}).items():
        section = known.get(section_key)
        if section is None or section.kind != "table":
            problems.append(f"total_rows：“{section_key}”不是可增删行的表")
            continue
        computed = {entry.get("key") for entry in data.get("computed_columns", {}).get(section_key, ())}
        for key in columns:
            if key in computed:
                continue  # a computed column (计算得分): its 合计 adds up what each row computes
            if key not in section.column_keys or section.column(key).type not in NUMERIC_TYPES:
                problems.append(f"total_rows：{section.label}没有数值列“{key}”")
    problems += _check_transposed(data.get("transposed", {}), known)
    widths = data.get("widths", {})
    for needed in (*{c.type for s in schema.sections for c in s.columns}, "computed", "name", "item"):
        if not isinstance(widths.get(needed), int) or widths[needed] <= 0:
            problems.append(f"widths：缺少“{needed}”的列宽")
    return problems


def _check_transposed(declared: Any, known: dict[str, Section]) -> list[str]:
    """A transposed section is a grid; its header texts name rows of it and are not empty."""
    if not isinstance(declared, dict):
        return ["transposed：应为对象（表 → 设置）"]
    problems = []
    for key, settings in declared.items():
        section = known.get(key)
        if section is None or section.kind != "grid":
            problems.append(f"transposed：“{key}”不是固定行的表（grid）")
            continue
        headers = settings.get("headers", {}) if isinstance(settings, dict) else None
        if not isinstance(headers, dict) or set(settings) - {"headers"}:
            problems.append(f"transposed.{key}：只能声明 headers（行 → 表头文字）")
            continue
        for row, text in headers.items():
            if row not in section.row_keys:
                problems.append(f"transposed.{key}.headers：{section.label}没有行“{row}”")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"transposed.{key}.headers.{row}：表头文字不能为空")
    return problems


def _check_formula(group: str, section: Section, entry: dict) -> list[str]:
    where = f"{group}.{section.key}.{entry.get('key')}"
    function = FORMULAS.get(entry.get("formula", ""))
    if function is None:
        return [f"{where}：未知的公式“{entry.get('formula')}”"]
    args = entry.get("args", [])
    parameters = list(inspect.signature(function).parameters.values())[1:]
    variadic = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters)
    expected = len([p for p in parameters if p.kind is not inspect.Parameter.VAR_POSITIONAL])
    problems = []
    if len(args) != expected and not (variadic and len(args) > expected):
        needed = f"至少 {expected + 1}" if variadic else f"{expected}"
        problems.append(f"{where}：公式 {entry['formula']} 需要 {needed} 个参数，给了 {len(args)} 个")
    problems += [f"{where}：{section.label}没有“{a}”列" for a in args if a not in section.column_keys]
    if not entry.get("label"):
        problems.append(f"{where}：缺少标题")
    return problems


@cache
def load_editors() -> Editors:
    schema = document_schema()
    data = json.loads(resource_path("ui", "editors.json").read_text(encoding="utf-8"))
    problems = validate_editors(data, schema)
    if problems:
        raise ValueError("editors.json：" + "；".join(problems))
    width = data["widths"]["computed"]
    tabs = []
    for tab in data["tabs"]:
        pages = []
        for page in tab["pages"]:
            projects = page.get("projects")
            pages.append(Page(page["label"], tuple(page["sections"]), ProjectsPage(
                projects["list"], tuple(projects["list_columns"]), tuple(projects["children"])) if projects else None))
        tabs.append(Tab(tab["key"], tab["label"], tuple(pages)))
    return Editors(
        tuple(tabs),
        {k: tuple(_computed(e, width) for e in v) for k, v in data.get("computed_columns", {}).items()},
        {k: tuple(_computed(e, width) for e in v) for k, v in data.get("computed_fields", {}).items()},
        {k: tuple(v) for k, v in data.get("total_rows", {}).items()},
        dict(data["widths"]), schema,
        {k: Transposed(k, dict(v.get("headers", {}))) for k, v in data.get("transposed", {}).items()})
