"""The 专业名词解释 of a year: the document's own entries, or the template's defaults.

The defaults (resources/publication/glossary.json) are what the district template prints; a
department edits, removes or adds terms in its 名词解释 table (基本情况 tab), and once that
table holds any entry it is printed instead, in its order.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from desktop.domain.document import YearData
from desktop.paths import resource_path


def validate_glossary(data: Any) -> list[str]:
    """The one validator of the defaults file; an empty list means it can be used."""
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        return ["glossary.json 须含非空的 entries 列表"]
    problems = []
    for index, entry in enumerate(entries):
        if not (isinstance(entry, dict) and set(entry) == {"term", "definition"}
                and all(isinstance(v, str) and v.strip() for v in entry.values())):
            problems.append(f"entries[{index}] 须有非空的 term 与 definition")
    return problems


@lru_cache(maxsize=1)
def default_glossary() -> tuple[tuple[str, str], ...]:
    data = json.loads(resource_path("publication", "glossary.json").read_text(encoding="utf-8"))
    problems = validate_glossary(data)
    if problems:
        raise ValueError("；".join(problems))
    return tuple((e["term"], e["definition"]) for e in data["entries"])


def glossary_entries(data: YearData) -> tuple[tuple[str, str], ...]:
    """(term, definition) pairs to print for the year."""
    own = tuple((str(r.get("term") or "").strip(), str(r.get("definition") or "").strip())
                for r in data.section("glossary").rows.values())
    own = tuple((t, d) for t, d in own if t or d)
    return own or default_glossary()
