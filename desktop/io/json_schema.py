"""The published JSON Schema of the interchange format, derived from the section declaration.

`resources/schema/fdesk-document.schema.json` is this module's output, committed so that other
systems can validate files without FiscalDesk; a test keeps the two identical. Regenerate with
`python -m desktop.io.json_schema`.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.document import MAX_YEAR, MIN_YEAR
from desktop.domain.schema import TEXT_LIMITS, Column, DocumentSchema, Section, document_schema
from desktop.domain.text import EXPLANATION_LIMIT, KEY_LIMIT
from desktop.io.jsonio import DECIMAL_PATTERN, FORMAT, MONEY_PATTERN, VERSION
from desktop.paths import resource_path

SCHEMA_FILE = ("schema", "fdesk-document.schema.json")


def _column(column: Column) -> dict[str, Any]:
    described = {"description": column.label}
    if column.type == "money":
        return {**described, "type": "string", "pattern": MONEY_PATTERN,
                "$comment": "amount in 元 as a decimal string, at most two decimals"}
    if column.type == "decimal":
        return {**described, "type": "string", "pattern": DECIMAL_PATTERN}
    if column.type == "integer":
        return {**described, "type": "integer", "minimum": 0}
    if column.type == "boolean":
        return {**described, "type": "boolean"}
    if column.type == "choice":
        return {**described, "enum": list(column.choices)}
    if column.type == "code":
        lengths = "3|5|7" if column.scheme == "functional" else "3|5"
        return {**described, "type": "string", "pattern": f"^([0-9]{{{lengths.replace('|', '}|[0-9]{')}}})$"}
    if column.type == "ref":
        return {**described, "type": "string", "minLength": 1,
                "$comment": f"id of a row of the {column.target} table of the same year"}
    return {**described, "type": "string", "maxLength": TEXT_LIMITS[column.type]}


def _row(section: Section, with_id: bool) -> dict[str, Any]:
    properties = {c.key: _column(c) for c in section.columns}
    required = []
    if with_id:
        properties = {"id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$"}, **properties}
        required = ["id"]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _section(section: Section) -> dict[str, Any]:
    title = {"title": section.label}
    if section.kind == "form":
        return {**title, **_row(section, with_id=False)}
    if section.kind == "grid":
        return {**title, "type": "object", "additionalProperties": False,
                "properties": {r.key: {"description": r.label, **_row(section, with_id=False)} for r in section.rows}}
    return {**title, "type": "array", "items": _row(section, with_id=True)}


def build_json_schema(schema: DocumentSchema | None = None) -> dict[str, Any]:
    schema = schema or document_schema()
    year_properties: dict[str, Any] = {
        "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        "profile": {"type": "string", "description": "resources/profiles/<profile>.json"},
    }
    year_properties.update({s.key: _section(s) for s in schema.in_scope("year")})
    text = {"type": "string", "minLength": 1}
    year_properties["explanations"] = {
        "description": "explanations typed for warnings, each naming its finding (rule id, location)",
        "type": "array", "items": {
            "type": "object", "required": ["rule", "location", "text"], "additionalProperties": False,
            "properties": {"rule": {**text, "maxLength": KEY_LIMIT}, "location": {**text, "maxLength": KEY_LIMIT},
                           "text": {**text, "maxLength": EXPLANATION_LIMIT}}}}
    unit_properties: dict[str, Any] = {"unit": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$",
                                                "description": "id of the unit's row in the units table"}}
    unit_properties.update({s.key: _section(s) for s in schema.sections if s.per_unit})
    year_properties["units"] = {
        "description": "a year entered per unit: each unit's own per-unit sections; the department's copies of "
                       "them then hold only what is not computed from the units (the 汇总 is their sum)",
        "type": "array", "minItems": 1, "items": {"type": "object", "required": ["unit"], "additionalProperties": False,
                                                  "properties": unit_properties}}
    properties: dict[str, Any] = {"format": {"const": FORMAT}, "version": {"const": VERSION}}
    properties.update({s.key: _section(s) for s in schema.in_scope("document")})
    properties["years"] = {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["year", "profile"], "additionalProperties": False,
        "properties": year_properties}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "fiscaldesk-document-v1",
        "title": "FiscalDesk 文档（部门决算公开与绩效自评）",
        "description": "A whole FiscalDesk document. Amounts are decimal strings in 元; a blank cell is an "
                       "absent key, never 0. Generated from resources/schema/sections.json.",
        "type": "object", "required": ["format", "version", "years"], "additionalProperties": False,
        "properties": properties,
    }


def render() -> str:
    return json.dumps(build_json_schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    resource_path(*SCHEMA_FILE).write_text(render(), encoding="utf-8")
    print(resource_path(*SCHEMA_FILE))
