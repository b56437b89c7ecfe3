"""The 决算公开说明 narrative, generated from the tables so no figure in it can drift from them.

    generate_narrative(document, year=None) -> Narrative
    missing_reasons(document, year=None) -> [(section key, row id, label[, column key]), ...]
    gaps(narrative) -> ["第二部分 一、部门基本情况：…", ...]  (placeholders a final document may not carry)

Every amount, share and rate is computed from the table cells and formatted by the year's
profile (domain.md §1.4, §2.3); the clerk types only the reasons and descriptive texts.
"""

from desktop.narrative.generator import gaps, generate_narrative, missing_reasons
from desktop.narrative.model import Narrative, NarrativePart, NarrativeSection

__all__ = ["Narrative", "NarrativePart", "NarrativeSection", "gaps", "generate_narrative", "missing_reasons"]
