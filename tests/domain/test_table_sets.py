"""One numbering: the profile's table set numbers the published tables, and every face asks it."""

import json

import pytest

from desktop.domain.profiles import available_profiles
from desktop.domain.table_sets import published_tables, section_title, table_for
from desktop.paths import resource_path


def test_tables_are_numbered_in_the_order_of_the_profile_set():
    sets = json.loads(resource_path("publication", "tables.json").read_text(encoding="utf-8"))["sets"]
    for profile in available_profiles():
        tables = published_tables(profile)
        assert [t.key for t in tables] == sets[profile]
        assert [t.number for t in tables] == [f"表{n}" for n in range(1, len(tables) + 1)]


@pytest.mark.parametrize("profile", ["beijing-district", "beijing-municipal"])
def test_a_section_is_named_by_its_table(profile):
    sangong = table_for(profile, "sangong")
    assert sangong.title == "财政拨款“三公”经费支出决算表"
    assert section_title(profile, "sangong", "三公") == f"{sangong.number} 财政拨款“三公”经费支出决算表"
    assert section_title(profile, "dept_balance", "结转结余") == "结转结余"  # not a published table
    assert table_for(profile, "income_expenditure").number == "表1"


def test_a_section_two_tables_print_is_named_by_both():
    assert section_title("beijing-municipal", "gp_functional", "x") == (
        "表5 一般公共预算财政拨款收入支出决算表、表6 一般公共预算财政拨款支出决算表")
    assert section_title("beijing-district", "gp_functional", "x") == "表5 一般公共预算财政拨款支出决算表"
