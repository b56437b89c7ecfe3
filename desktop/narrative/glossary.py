"""The 专业名词解释 of a year: the document's own entries, or the defaults of the year's profile.

The defaults (resources/publication/glossary.json) are what each template prints: the Beijing
district template's terms, the eleven the 财政部 template requires. A department edits, removes
or adds terms in its 名词解释 table (基本情况 tab), and once that table holds any entry it is
printed instead, in its order.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from desktop.domain.document import YearData
from desktop.domain.profiles import available_profiles
from desktop.paths import resource_path

DEFAULT_PROFILE = "beijing-district"


def _entries_problems(entries: Any, where: str) -> list[str]:
    if not isinstance(entries, list) or not entries:
        return [f"{where} 须为非空的名词列表"]
    return [f"{where}[{index}] 须有非空的 term 与 definition" for index, entry in enumerate(entries)
            if not (isinstance(entry, dict) and set(entry) == {"term", "definition"}
                    and all(isinstance(v, str) and v.strip() for v in entry.values()))]


def validate_glossary(data: Any, profiles: list[str] | None = None) -> list[str]:
    """The one validator of the defaults file; an empty list means it can be used."""
    lists = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(lists, dict) or not lists:
        return ["glossary.json 须含 profiles：每个方案的默认名词解释"]
    problems = []
    for profile, entries in lists.items():
        if isinstance(entries, str):
            if not isinstance(lists.get(entries), list):
                problems.append(f"profiles.{profile} 引用的方案 {entries} 没有名词列表")
            continue
        problems += _entries_problems(entries, f"profiles.{profile}")
    problems += [f"方案 {p} 没有默认名词解释" for p in (profiles or []) if p not in lists]
    return problems


@lru_cache(maxsize=None)
def default_glossary(profile: str = DEFAULT_PROFILE) -> tuple[tuple[str, str], ...]:
    data = json.loads(resource_path("publication", "glossary.json").read_text(encoding="utf-8"))
    problems = validate_glossary(data, available_profiles())
    if problems:
        raise ValueError("；".join(problems))
    entries = data["profiles"].get(profile, data["profiles"][DEFAULT_PROFILE])
    if isinstance(entries, str):
        entries = data["profiles"][entries]
    return tuple((e["term"], e["definition"]) for e in entries)


def glossary_entries(data: YearData) -> tuple[tuple[str, str], ...]:
    """(term, definition) pairs to print for the year."""
    own = tuple((str(r.get("term") or "").strip(), str(r.get("definition") or "").strip())
                for r in data.section("glossary").rows.values())
    own = tuple((t, d) for t, d in own if t or d)
    return own or default_glossary(data.profile)
