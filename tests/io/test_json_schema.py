"""The published JSON Schema matches the importer: committed file current, samples valid."""

import json

import jsonschema
import pytest

from desktop.io.json_schema import SCHEMA_FILE, build_json_schema, render
from desktop.io.jsonio import document_to_json
from desktop.paths import resource_path
from desktop.synthetic import build_document


@pytest.fixture(scope="module")
def published():
    return json.loads(resource_path(*SCHEMA_FILE).read_text(encoding="utf-8"))


def test_committed_schema_is_current():
    assert resource_path(*SCHEMA_FILE).read_text(encoding="utf-8") == render(), \
        "run: python -m desktop.io.json_schema"


def test_schema_is_a_valid_draft_2020_12_schema(published):
    jsonschema.Draft202012Validator.check_schema(published)


def test_samples_validate(published, seed1, seed2):
    for document in (seed1, seed2):
        jsonschema.validate(document_to_json(document), published)


def test_a_department_entered_per_unit_validates(published):
    data = document_to_json(build_document(projects=1, functional_rows=12, units=3, per_unit=True))
    assert [unit["unit"] for unit in data["years"][0]["units"]] == ["r1", "r2", "r3"]
    jsonschema.validate(data, published)
    data["years"][0]["units"][0]["projects"] = []  # the 绩效 is the department's, not a unit's
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, published)


@pytest.mark.parametrize("mutate", [
    lambda d: d["years"][0]["sangong"].update(total={"budget": 44961}),
    lambda d: d["years"][0]["gp_functional"].append({"id": "x", "code": "20"}),
    lambda d: d["years"][0].update(extra=1),
    lambda d: d.update(version=2),
])
def test_schema_rejects_what_the_importer_rejects(published, seed1, mutate):
    data = document_to_json(seed1)
    mutate(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, published)


def test_every_section_is_described():
    years = build_json_schema()["properties"]["years"]["items"]["properties"]
    assert "sangong" in years and years["sangong"]["title"].startswith("财政拨款")
