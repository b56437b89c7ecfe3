import json
from pathlib import Path

import pytest

from desktop.domain.codes import validate_code_table
from desktop.paths import resource_path

CODE_FILES = sorted(resource_path("codes").glob("*.json"))

# domain.md §4.1: 类 201–234 without the unused numbers 218, 225, 226 and 228.
FUNCTIONAL_LEI = [str(n) for n in range(201, 235) if n not in (218, 225, 226, 228)]


def test_required_years_present() -> None:
    assert {"2022", "2023", "2024"} <= {p.stem for p in CODE_FILES}


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda p: p.name)
def test_code_file_is_valid(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_code_table(data) == []
    assert str(data["year"]) == path.stem
    functional = {e["code"]: e["name"] for e in data["functional"]}
    assert [c for c in FUNCTIONAL_LEI if c not in functional] == []
    assert functional["201"] == "一般公共服务支出"
    assert functional["209"] == "社会保险基金支出"
    assert functional["234"] == "抗疫特别国债安排的支出"
    assert [e["code"] for e in data["functional"]] == sorted(functional)
    assert [e["code"] for e in data["economic"]] == sorted(e["code"] for e in data["economic"])
