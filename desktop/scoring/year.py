"""All scores of one fiscal year of a document, with the scoring profile the year names.

`score_year` scores everything; `YearScores` keeps an editing session's scores and, after an
edit, scores again only the projects the edit touched (a project's score reads its own row of
项目支出绩效自评表, its indicators and its fund rows, nothing else), so an edit costs one project,
not the whole year. The department's score is cheap and always computed again.
"""

from __future__ import annotations

from typing import Any, Iterable

from desktop.domain.document import Document
from desktop.scoring.department import score_department
from desktop.scoring.profile import load_scoring_profile
from desktop.scoring.project import ProjectRows, score_project


def score_year(document: Document, year: int) -> dict[str, Any]:
    """{"department": result JSON or None, "projects": [result JSON per project, in table order]}."""
    data = document.year(year)
    profile = load_scoring_profile(data.profile)
    department = score_department(data, profile, document.department_name)
    grouped = ProjectRows.of(data)
    projects = [score_project(data, row_id, profile, grouped) for row_id in data.section("projects").rows]
    return {
        "department": department.to_json() if department else None,
        "projects": [result.to_json() for result in projects],
    }


PROJECT_SECTIONS = ("projects", "project_indicators", "project_funds")  # what a project's score reads


class YearScores:
    """score_year's JSON for an editing session, kept per project between edits."""

    def __init__(self, document: Document, year: int) -> None:
        self.document, self.year = document, year
        self._projects: dict[str, dict[str, Any]] = {}  # project row id -> its result JSON
        self._owners: dict[tuple[str, str], str] = {}  # (section, row) -> the project it was scored with
        self._json: dict[str, Any] | None = None

    def changed(self, changes: Iterable[tuple[str, str | None]]) -> None:
        """(section, row) of each edited cell or row (row None: the whole section): the projects
        they belonged to when last scored, and belong to now, are scored again when next asked."""
        self._json = None
        rows = self.document.year(self.year).sections
        for section, row in changes:
            if section not in PROJECT_SECTIONS:
                continue
            if row is None:
                self._projects.clear()
                return
            if section == "projects":
                self._projects.pop(row, None)
                continue
            self._projects.pop(self._owners.pop((section, row), ""), None)  # where it was
            owner_column = "project" if section == "project_indicators" else rows[section].section.fixed_rows.per
            self._projects.pop(rows[section].rows.get(row, {}).get(owner_column, ""), None)  # where it is now

    def clear(self) -> None:
        """Score everything again (the year's profile or code table changed)."""
        self._projects.clear()
        self._json = None

    def json(self) -> dict[str, Any]:
        """{"department": …, "projects": [… in table order]}, equal to score_year's."""
        if self._json is not None:
            return self._json
        data = self.document.year(self.year)
        profile = load_scoring_profile(data.profile)
        department = score_department(data, profile, self.document.department_name)
        order = list(data.section("projects").rows)
        missing = [row_id for row_id in order if row_id not in self._projects]
        if missing:
            grouped = ProjectRows.of(data)
            for row_id in missing:
                self._projects[row_id] = score_project(data, row_id, profile, grouped).to_json()
                for indicator, _values in grouped.indicators.get(row_id, []):
                    self._owners[("project_indicators", indicator)] = row_id
                for fund, _values in grouped.funds.get(row_id, []):
                    self._owners[("project_funds", fund)] = row_id
        if len(self._projects) > len(order):  # projects removed since
            kept = set(order)
            self._projects = {k: v for k, v in self._projects.items() if k in kept}
        self._json = {"department": department.to_json() if department else None,
                      "projects": [self._projects[row_id] for row_id in order]}
        return self._json
