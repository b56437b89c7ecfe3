"""What a section builder reads: the document, the year's sections and the shared phrases.

Also the two lookups several builders need: a prior-year figure (the stored 上年 cell, else the
previous year kept in the same document, DESIGN.md §3) and the hierarchy of a coded table
(类 → 款 → 项, or 经济分类 类 → 款), so no builder re-implements either.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping

from desktop.domain.codes import code_level, code_table
from desktop.domain.department_units import worded
from desktop.domain.document import Document, SectionData, YearData
from desktop.domain.schema import FORM_ROW
from desktop.narrative.phrases import Phrases


@dataclass(frozen=True)
class Node:
    """One row of a coded table with the rows below it (款 under 类, 项 under 款)."""

    row_id: str
    values: Mapping[str, Any]
    children: tuple[Node, ...] = ()


@dataclass
class Context:
    document: Document
    data: YearData
    say: Phrases

    @property
    def year(self) -> int:
        return self.data.year

    def section(self, key: str) -> SectionData:
        return self.data.section(key)

    def form(self, key: str) -> Mapping[str, Any]:
        """A form's filled fields (absent = blank)."""
        return self.section(key).rows[FORM_ROW]

    def cell(self, key: str, row_id: str, column: str) -> Any:
        return self.section(key).value(row_id, column)

    def prior(self, key: str, row_id: str, prior_column: str, current_column: str) -> Any:
        """The stored prior-year cell; when blank, the same cell of the previous year in this document."""
        value = self.cell(key, row_id, prior_column)
        previous = self.document.years.get(self.year - 1)
        if value is None and previous is not None:
            value = previous.section(key).value(row_id, current_column)
        return value

    @cached_property
    def scores(self) -> dict:
        """The year's computed scores (desktop.scoring), once per 说明."""
        from desktop.scoring import score_year
        return score_year(self.document, self.year)

    def has_subordinate_units(self) -> bool:
        units = self.document.section("units").rows.values()
        return bool(self.form("basic_info").get("subordinate_unit_count")) or any(
            u.get("role") == "所属单位" for u in units)

    @property
    def noun(self) -> str:
        """How the publication names its publisher: "本部门", or "本单位" in a unit's 单位决算公开."""
        return worded(self.document, "本部门")

    def scope_phrase(self) -> str:
        """"本部门及所属单位" when the department has subordinate units, else "本部门" ("本单位")."""
        return "本部门及所属单位" if self.has_subordinate_units() else self.noun

    def code_tree(self, key: str) -> list[Node]:
        """The rows of a coded table as a forest, in table order; a row whose parent code is
        absent (or that has no code) is a top-level node, so no row is ever dropped."""
        rows = self.section(key).rows
        first: dict[str, str] = {}
        for row_id, values in rows.items():
            if values.get("code"):
                first.setdefault(values["code"], row_id)
        children: dict[str, list[str]] = {row_id: [] for row_id in rows}
        roots: list[str] = []
        for row_id, values in rows.items():
            parent = _parent_row(values.get("code") or "", first)
            (children[parent] if parent else roots).append(row_id)

        def node(row_id: str) -> Node:
            return Node(row_id, rows[row_id], tuple(node(c) for c in children[row_id]))
        return [node(r) for r in roots]

    def row_name(self, values: Mapping[str, Any], scheme: str) -> str:
        """The row's own name; when blank, the name its code has in the year's code table."""
        if values.get("name"):
            return values["name"]
        entry = code_table(self.year).lookup(scheme, values.get("code") or "")
        return entry.name if entry else values.get("code") or "（未命名）"


class DepartmentContext(Context):
    """A context whose scores are the department's alone: enough for the department parts of the
    说明 and the 绩效自评开展情况, without scoring every project (审核 K-22 builds those parts after
    an edit, and must not pay for 200 projects' scores). A builder asking for the projects' scores
    fails loudly rather than finding none."""

    @cached_property
    def scores(self) -> dict:
        from desktop.scoring.department import score_department
        from desktop.scoring.profile import load_scoring_profile
        department = score_department(self.data, load_scoring_profile(self.data.profile), self.document.department_name)
        return {"department": department.to_json() if department else None}


def _parent_row(code: str, first: Mapping[str, str]) -> str | None:
    for length in range(len(code) - 2, 2, -2):
        if code[:length] in first:
            return first[code[:length]]
    return None


def level(scheme: str, code: str | None) -> str:
    """类/款/项 of a code, "" when the code is missing or malformed."""
    try:
        return code_level(scheme, code or "")
    except ValueError:
        return ""
