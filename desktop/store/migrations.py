"""Schema migrations: `db/migrations/NNNN_name.sql`, applied in order, tracked by PRAGMA user_version.

Each migration runs in its own transaction together with the user_version bump, so a file is
always at exactly one version, never between two.

sqlite-utils was weighed for this (its `table.transform` rebuilds a table SQLite cannot ALTER) and
for writing imports, and left out: a rebuild is four statements in a migration file, reviewed
with the others and checked by `docfile`'s schema test (which refuses anything the migrations did
not make); imports reach the file as undo commands through `writes.py`, never as bulk rows; and it
would bring seven packages (click, tabulate, dateutil…) into an offline build for neither.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import migrations_dir

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def discover(directory: Path | None = None) -> list[Migration]:
    """The migrations in order; their numbers must run 1, 2, 3… without gaps."""
    directory = directory or migrations_dir()
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name {path.name!r} is not NNNN_name.sql")
        migrations.append(Migration(int(match[1]), path))
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        raise ValueError(f"migrations must be numbered {expected}, found {[m.version for m in migrations]}")
    return migrations


def latest_version(directory: Path | None = None) -> int:
    return len(discover(directory))


def user_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, directory: Path | None = None, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to `target` (default: all); returns the versions applied."""
    applied = []
    for migration in discover(directory):
        if migration.version <= user_version(connection) or (target is not None and migration.version > target):
            continue
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        try:
            connection.executescript(script)
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
