"""The scoring profile of a year: the typed `ScoringProfile` of its profile file.

The dataclass and its one validator live in the domain layer (desktop/domain/scoring_profile.py)
so that `validate_profile` refuses a broken file; this module is the scoring package's door to it.
"""

from __future__ import annotations

from desktop.domain.profiles import load_profile
from desktop.domain.scoring_profile import ScoringProfile, build_scoring_profile, validate_scoring

__all__ = ["ScoringProfile", "build_scoring_profile", "load_scoring_profile", "validate_scoring"]


def load_scoring_profile(profile_key: str) -> ScoringProfile:
    """The scoring settings of a bundled profile; KeyError for an unknown key."""
    return load_profile(profile_key).scoring
