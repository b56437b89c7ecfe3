"""Where each text the clerk types is published, and whether the publication needs it.

Declared in resources/publication/texts.json for every text column of the schema, so no typed
text can silently go unpublished: the 说明 generator prints it where `where` says, the export
gate names a needed one that is empty, and the window tells the clerk where a field appears.
`validate_texts` is the one check of the file against the schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.domain.schema import DocumentSchema, document_schema
from desktop.paths import resource_path

NEEDS = ("always", "project", "key_project", "reason", "optional", "internal")


@dataclass(frozen=True)
class TextPlacement:
    section: str
    column: str
    where: str   # the place in the publication, as the 说明 outline names it
    need: str    # one of NEEDS

    @property
    def published(self) -> bool:
        return self.need != "internal"


def validate_texts(data: Any, schema: DocumentSchema) -> list[str]:
    """Every problem of the declaration; an empty list means it can be used."""
    texts = data.get("texts") if isinstance(data, dict) else None
    if not isinstance(texts, dict):
        return ["texts.json 须含 texts 对象"]
    problems = []
    declared = {f"{s.key}.{c.key}" for s in schema.sections for c in s.columns if c.type in ("text", "longtext")}
    problems += [f"texts: 文字列 {k} 没有声明发布位置" for k in sorted(declared - set(texts))]
    problems += [f"texts: {k} 不是文字列" for k in sorted(set(texts) - declared)]
    for key, entry in texts.items():
        if not isinstance(entry, dict) or set(entry) != {"where", "need"} or not isinstance(entry["where"], str) \
                or not entry["where"].strip() or entry["need"] not in NEEDS:
            problems.append(f"texts.{key}: 须有 where（发布位置）与 need（{'/'.join(NEEDS)}）")
    return problems


@cache
def text_placements() -> dict[tuple[str, str], TextPlacement]:
    data = json.loads(resource_path("publication", "texts.json").read_text(encoding="utf-8"))
    problems = validate_texts(data, document_schema())
    if problems:
        raise ValueError("；".join(problems))
    found = {}
    for key, entry in data["texts"].items():
        section, column = key.split(".", 1)
        found[(section, column)] = TextPlacement(section, column, entry["where"], entry["need"])
    return found


def placement(section: str, column: str) -> TextPlacement | None:
    return text_placements().get((section, column))
