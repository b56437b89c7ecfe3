"""Migration 3: every project of an older file gets its four fixed 项目资金 rows; existing rows keep
their ids, positions and figures; a duplicate source row or a row without a source is kept as is."""

import sqlite3

from desktop.domain.blocks import owner_block
from desktop.domain.money import Money
from desktop.paths import migrations_dir
from desktop.scoring import load_scoring_profile, score_project
from desktop.store.docfile import DocumentFile
from desktop.store.migrations import latest_version, migrate

SOURCES = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"]


def old_file(path, funds, projects=("p1", "p2"), year=2023):
    """A version-2 file holding `projects` and the fund rows (row id, project, source or None, {column: 分})."""
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, migrations_dir(), target=2)
    connection.execute("INSERT INTO years VALUES (?, 'beijing-district')", [year])
    for position, project in enumerate(projects):
        connection.execute("INSERT INTO table_rows VALUES (?, 'projects', ?, ?)", [year, project, position])
        connection.execute("INSERT INTO cells VALUES (?, 'projects', ?, 'name', ?)", [year, project, f"项目{project}"])
    for position, (row_id, project, source, figures) in enumerate(funds):
        connection.execute("INSERT INTO table_rows VALUES (?, 'project_funds', ?, ?)", [year, row_id, position])
        connection.execute("INSERT INTO cells VALUES (?, 'project_funds', ?, 'project', ?)", [year, row_id, project])
        if source:
            connection.execute("INSERT INTO cells VALUES (?, 'project_funds', ?, 'source', ?)", [year, row_id, source])
        for column, fen in figures.items():
            connection.execute("INSERT INTO cells VALUES (?, 'project_funds', ?, ?, ?)", [year, row_id, column, fen])
    cells = sorted(connection.execute("SELECT * FROM cells").fetchall())
    connection.close()
    return cells


def opened(path):
    with DocumentFile.open(path) as file:
        assert file.version == latest_version() >= 3
        cells = sorted(tuple(c) for c in file.connection.execute("SELECT * FROM cells").fetchall())
        return file.load(), cells


def test_missing_source_rows_are_added_and_every_figure_kept(tmp_path):
    path = tmp_path / "old.fdesk"
    before = old_file(path, [
        ("r1", "p1", "年度资金总额", {"full_year_budget": 2_258_000, "executed": 2_258_000}),
        ("r2", "p1", "当年财政拨款", {"full_year_budget": 2_258_000, "executed": 2_258_000}),
    ])
    document, after = opened(path)
    assert set(before) <= set(after)                                  # nothing lost, nothing changed
    funds = document.year(2023).section("project_funds")
    assert list(funds.rows)[:2] == ["r1", "r2"]                       # existing rows first, same ids
    for project in ("p1", "p2"):
        block = owner_block(funds, project)
        assert all(block.row_ids[s] for s in SOURCES) and block.extra == ()
        assert sorted(v["source"] for v in funds.rows.values() if v["project"] == project) == sorted(SOURCES)
    assert funds.rows["r1"]["full_year_budget"] == Money(2_258_000)
    added = [v for r, v in funds.rows.items() if r not in ("r1", "r2")]
    assert len(added) == 6 and all(set(v) == {"project", "source"} for v in added)   # blank, never 0
    result = score_project(document.year(2023), "p1", load_scoring_profile("beijing-district"))
    assert result.item("budget_execution").score == 10


def test_duplicate_and_sourceless_rows_are_kept(tmp_path):
    path = tmp_path / "dup.fdesk"
    before = old_file(path, [
        ("r1", "p1", "当年财政拨款", {"full_year_budget": 1_000_000}),
        ("r2", "p1", "当年财政拨款", {"full_year_budget": 500_000}),
        ("r3", "p1", None, {"executed": 100}),
    ], projects=("p1",))
    document, after = opened(path)
    assert set(before) <= set(after)
    funds = document.year(2023).section("project_funds")
    block = owner_block(funds, "p1")
    assert block.row_ids["当年财政拨款"] == "r1" and block.extra == ("r2", "r3")
    assert [v.get("source") for v in funds.rows.values()].count("当年财政拨款") == 2
    assert len(funds.rows) == 6                                       # 3 kept + 3 missing sources added


def test_a_complete_block_is_left_alone(tmp_path):
    path = tmp_path / "full.fdesk"
    rows = [(f"r{i}", "p1", source, {"executed": i}) for i, source in enumerate(SOURCES, 1)]
    before = old_file(path, rows, projects=("p1",))
    document, after = opened(path)
    assert after == [tuple(c) for c in before]
    assert list(document.year(2023).section("project_funds").rows) == ["r1", "r2", "r3", "r4"]


def test_a_taken_id_is_skipped_not_overwritten(tmp_path):
    path = tmp_path / "taken.fdesk"
    old_file(path, [("m0-1", "p1", "其他资金", {"executed": 7})], projects=("p1",))
    document, _ = opened(path)
    funds = document.year(2023).section("project_funds")
    assert funds.rows["m0-1"] == {"project": "p1", "source": "其他资金", "executed": Money(7)}
    block = owner_block(funds, "p1")
    assert block.row_ids["其他资金"] == "m0-1" and block.row_ids["当年财政拨款"] is None   # shown as a fixed row
    assert block.row_ids["年度资金总额"] and block.row_ids["上年结转资金"]


def test_years_are_migrated_apart(tmp_path):
    path = tmp_path / "years.fdesk"
    old_file(path, [], projects=("p1",), year=2022)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("INSERT INTO years VALUES (2023, 'national')")
    connection.execute("INSERT INTO table_rows VALUES (2023, 'projects', 'p1', 0)")
    connection.close()
    document, _ = opened(path)
    for year in (2022, 2023):
        assert len(document.year(year).section("project_funds").rows) == 4
