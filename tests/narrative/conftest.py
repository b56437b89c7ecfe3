"""Helpers for narrative tests: small documents built cell by cell."""

import pytest

from desktop.domain.document import Document
from desktop.narrative import generate_narrative


@pytest.fixture()
def make_doc():
    """make_doc(year=2023, profile="beijing-district") -> (document, year data)."""
    def make(year: int = 2023, profile: str = "beijing-district"):
        document = Document.new("测试委员会", year, profile)
        return document, document.year(year)
    return make


@pytest.fixture()
def text_of():
    """text_of(document, year=None) -> the narrative's plain text."""
    return lambda document, year=None: generate_narrative(document, year).text()
