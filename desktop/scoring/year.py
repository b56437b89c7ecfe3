"""All scores of one fiscal year of a document, with the scoring profile the year names."""

from __future__ import annotations

from typing import Any

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
