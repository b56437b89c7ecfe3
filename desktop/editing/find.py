"""查找 (Ctrl+F): whether a cell or a finding holds the text the clerk typed — no Qt.

A cell is matched on what it shows and on what its editor holds, so an amount shown as
"36,000.00" is found by "36,000", by "36000" and by "36000.00"; case and surrounding blanks
do not count, and neither do the thousands separators of what is shown.
"""

from __future__ import annotations


def normalized(query: str) -> str:
    return query.strip().casefold()


def cell_matches(query: str, shown: str, raw: str = "") -> bool:
    """`query` already normalized (an empty query matches nothing)."""
    if not query:
        return False
    shown = shown.casefold()
    return query in shown or query in shown.replace(",", "") or query in raw.casefold()


def text_matches(query: str, *texts: str) -> bool:
    return bool(query) and any(query in (text or "").casefold() for text in texts)
