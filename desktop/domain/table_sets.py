"""The numbered 决算公开 tables of each profile: one numbering for every place a table is named.

The profile's table set (resources/publication/tables.json, "sets") lists the published tables
in order; a table's number is its position there and its title is declared once beside it. The
window's box titles, the 审核 messages, the PDF, the Word copy and the Excel sheets all ask here,
so "表9" means the same table to the clerk, the reviewer and the reader. The layouts themselves
are checked and laid out by desktop/publication/layouts.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from desktop.paths import resource_path


@dataclass(frozen=True)
class PublishedTable:
    key: str        # the layout's key in tables.json
    section: str    # the document section the clerk fills for it
    number: str     # "表7"
    title: str      # "财政拨款“三公”经费支出决算表"

    @property
    def caption(self) -> str:
        return f"{self.number} {self.title}"


@cache
def _declarations() -> dict:
    return json.loads(resource_path("publication", "tables.json").read_text(encoding="utf-8"))


@cache
def published_tables(profile: str) -> tuple[PublishedTable, ...]:
    """The profile's tables in publication order, numbered 表1, 表2 …"""
    data = _declarations()
    keys = data["sets"].get(profile, ())
    return tuple(PublishedTable(key, data["tables"][key]["section"], f"表{number}", data["tables"][key]["title"])
                 for number, key in enumerate(keys, 1) if key in data["tables"])


@cache
def _by_section(profile: str) -> dict[str, tuple[PublishedTable, ...]]:
    found: dict[str, tuple[PublishedTable, ...]] = {}
    for table in published_tables(profile):
        found[table.section] = found.get(table.section, ()) + (table,)
    return found


def tables_for(profile: str, section: str) -> tuple[PublishedTable, ...]:
    """The published tables a section is entered for (the 2023 municipal set prints 功能分类 rows
    twice: 表5 with balances, 表6 without), in order; () for a section that is not one."""
    return _by_section(profile).get(section, ())


def table_for(profile: str, section: str) -> PublishedTable | None:
    """The first published table a section is entered for, or None."""
    found = tables_for(profile, section)
    return found[0] if found else None


def section_title(profile: str, section: str, label: str) -> str:
    """How a section is named to a person: "表7 财政拨款“三公”经费支出决算表" (every table it fills,
    joined with 、), else its label."""
    found = tables_for(profile, section)
    return "、".join(t.caption for t in found) if found else label
