"""The test run is sealed: hypothesis keeps no example database (and draws fixed examples in CI), writes
nothing into the tree, and a rule's exception fails the test that triggered it."""

import os
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent


def test_hypothesis_keeps_no_database_and_is_derandomized_in_ci():
    assert settings().database is None
    assert settings().derandomize == (os.environ.get("CI") == "true")
    assert settings.get_profile("ci").derandomize and settings.get_profile("ci").database is None


def test_hypothesis_stores_nothing_in_the_tree():
    from hypothesis.configuration import storage_directory
    assert ROOT not in storage_directory("x", intent_to_write=False).path.parents


def test_rules_run_strict():
    assert os.environ["FISCALDESK_STRICT_RULES"] == "1"
