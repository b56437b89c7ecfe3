"""Migrations: applied in order, one transaction each, tracked by PRAGMA user_version."""

import hashlib
import sqlite3

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.paths import migrations_dir
from desktop.store.docfile import DocumentFile, NewerVersionFile
from desktop.store.migrations import discover, latest_version, migrate, user_version


def test_bundled_migrations_are_numbered_without_gaps():
    versions = [m.version for m in discover()]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 2


def test_bad_migration_names_refused(tmp_path):
    (tmp_path / "0001_ok.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "0003_gap.sql").write_text("CREATE TABLE b (x);")
    with pytest.raises(ValueError):
        discover(tmp_path)


def test_failed_migration_leaves_the_file_at_the_previous_version(tmp_path):
    (tmp_path / "0001_ok.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "0002_broken.sql").write_text("CREATE TABLE b (x); INSERT INTO missing VALUES (1);")
    connection = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    with pytest.raises(sqlite3.Error):
        migrate(connection, tmp_path)
    assert user_version(connection) == 1
    assert [r[0] for r in connection.execute("SELECT name FROM sqlite_master")] == ["a"]


def test_old_version_file_upgrades_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.fdesk"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, migrations_dir(), target=1)
    connection.execute("INSERT INTO years VALUES (2023, 'beijing-district')")
    connection.execute("INSERT INTO cells VALUES (2023, 'sangong', 'total', 'budget', 4496100)")
    connection.execute("INSERT INTO cells VALUES (0, 'department', '', 'name', '旧部门')")
    connection.close()

    with DocumentFile.open(path) as file:
        assert file.version == latest_version()
        document = file.load()
        file.set_explanation(2023, "T7-01", "sangong.total", "年初预算含预留")
        assert file.explanations(2023) == {("T7-01", "sangong.total"): "年初预算含预留"}
    assert document.department_name == "旧部门"
    # an old file's typed 合计 is kept as it was typed; the grid computes its own (blank parts: none)
    assert document.year(2023).section("sangong").stored("total", "budget") == Money.from_yuan("44961")
    assert document.year(2023).section("sangong").value("total", "budget") is None


def test_newer_version_file_is_refused_untouched(tmp_path):
    path = tmp_path / "future.fdesk"
    DocumentFile.create(path, Document.new("部门", 2023)).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    connection.commit()
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerVersionFile) as caught:
        DocumentFile.open(path)
    assert "更新版本" in str(caught.value) and "未被修改" in str(caught.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.fdesk"]


def test_a_file_from_before_sources_opens_with_every_cell_unrecorded(tmp_path):
    path = tmp_path / "v3.fdesk"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, migrations_dir(), target=3)
    connection.execute("INSERT INTO years VALUES (2024, 'beijing-district')")
    connection.execute("INSERT INTO cells VALUES (2024, 'sangong', 'abroad', 'actual', 100)")
    connection.close()
    with DocumentFile.open(path) as file:
        assert file.version == latest_version() >= 4
        document = file.load()
    assert document.year(2024).section("sangong").value("abroad", "actual") == Money(100) and document.sources == {}


def test_seed_1_from_before_units_opens_with_the_same_figures_checks_and_publication(tmp_path):
    """Issue 25: a version-4 file is read as before: its figures are the department's (the 本级's),
    its 审核 and its 部门决算公开 are what they were."""
    from datetime import date

    from desktop.domain.department_units import is_split
    from desktop.io.samples import load_sample
    from desktop.publication.outline import build_publication
    from desktop.rules.engine import check_document
    from desktop.rules.unit_engine import check_units
    current = tmp_path / "v5.fdesk"
    DocumentFile.create(current, load_sample(1)).close()
    old = tmp_path / "v4.fdesk"
    connection = sqlite3.connect(old, isolation_level=None)
    migrate(connection, migrations_dir(), target=4)
    connection.execute("ATTACH DATABASE ? AS current", [str(current)])
    for table in ("meta", "table_rows", "cells", "explanations", "cell_sources"):
        connection.execute(f"INSERT OR REPLACE INTO main.{table} SELECT * FROM current.{table}")
    connection.execute("INSERT INTO main.years SELECT year, profile FROM current.years")
    connection.execute("DETACH DATABASE current")
    connection.close()
    seed = load_sample(1)
    with DocumentFile.open(old) as file:
        assert file.version == latest_version() >= 5
        document = file.load()
    assert document == seed and not is_split(document.year(2023))
    assert [(f.identity, f.message) for f in check_units(document, 2023)] == \
        [(f.identity, f.message) for f in check_document(seed, 2023)]
    today = date(2024, 8, 1)
    assert build_publication(document, 2023, today=today).text() == build_publication(seed, 2023, today=today).text()
