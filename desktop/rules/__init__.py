"""审核: the rule catalogue (resources/rules/catalogue.json), the checks behind it, and the engine
that runs them over one year of a document, incrementally after each edit.
"""

from desktop.rules.engine import Change, Delta, Engine, check_document
from desktop.rules.findings import SEVERITIES, Finding, Location, counts

__all__ = ["Change", "Delta", "Engine", "Finding", "Location", "SEVERITIES", "check_document", "counts"]
