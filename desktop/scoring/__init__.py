"""Performance scoring (domain.md §3): project self-evaluation and department overall evaluation.

Every constant comes from the year's scoring profile (resources/profiles/*.json, "scoring");
every score carries its formula and a worked explanation in Chinese. Pure Python, no Qt.
"""

from desktop.scoring.department import score_department
from desktop.scoring.formulas import qualitative_range, score_quantitative
from desktop.scoring.profile import ScoringProfile, load_scoring_profile
from desktop.scoring.project import score_project
from desktop.scoring.result import ScoreItem, ScoreResult, grade_for
from desktop.scoring.values import IndicatorValue, parse_indicator_value
from desktop.scoring.year import score_year

__all__ = [
    "IndicatorValue", "ScoreItem", "ScoreResult", "ScoringProfile", "grade_for", "load_scoring_profile",
    "parse_indicator_value", "qualitative_range", "score_department", "score_project", "score_quantitative",
    "score_year",
]
