"""The crash-safety drill: random edits through the GUI's path, a SIGKILL, and a check of the file.

A driver process (`python -m desktop.crash_drill DOC SEED JOURNAL`) opens the document as
the window does (lock, check, backup), then applies seeded random edits through `EditSession`
— the path every GUI edit and undo takes — and after each one it was told is committed appends
its number to the journal. The harness kills it with SIGKILL at a random moment and then checks:
`PRAGMA integrity_check` is ok, the document opens for editing (the dead driver's lock is
recognised as stale), and its content is the seeded sequence replayed in memory up to the last
journalled commit, or one further (killed between committing and journalling). Nothing the
driver was told is saved may be missing, and nothing half-done may be present.

`make test` runs a short drill (tests/store/test_crash_safety.py), `make bench` a long one.

`cli_kill_once` adds the command line to the same run: while the driver edits, a `fiscaldesk`
command aimed at the same document (an import or a sample over it, an export from it, an export
over it) runs and is itself SIGKILLed at a random moment. The document must still hold exactly the
driver's journalled edits, the commands that would replace it must have been refused, and an
export's file must be either absent or complete — never half written.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from desktop.domain.document import Document, DocumentError
from desktop.domain.money import Money
from desktop.domain.schema import Column, Section
from desktop.editing.commands import CellValue, Command, InsertRows, RemoveRows, SetCells, SetExplanation
from desktop.editing.session import EditSession
from desktop.io.jsonio import document_to_json
from desktop.store.docfile import DocumentFileError, integrity_check
from desktop.store.lock import DocumentLocked

_TEXT = "预算执行支出项目经费管理绩效目标完成情况良好说明"
_EDITABLE_TYPES = ("money", "text", "longtext", "integer", "decimal", "boolean", "choice")


# -- the random edits (deterministic for a seed and a starting document) --------------------
def _value(column: Column, rng: random.Random) -> Any:
    if rng.random() < 0.1:
        return None
    kind = column.type
    if kind == "money":
        return Money(rng.randint(-10**9, 10**11))
    if kind in ("text", "longtext"):
        return "".join(rng.choice(_TEXT) for _ in range(rng.randint(1, 30)))
    if kind == "integer":
        return rng.randint(0, 500)
    if kind == "decimal":
        return Decimal(rng.randint(0, 10_000)) / 100
    if kind == "boolean":
        return rng.random() < 0.5
    return rng.choice(column.choices)


def _targets(document: Document, year: int) -> list[tuple[int | None, Section]]:
    scoped = [(None, data.section) for data in document.sections.values()]
    scoped += [(year, data.section) for data in document.year(year).sections.values()]
    return [(scope, section) for scope, section in scoped
            if any(column.type in _EDITABLE_TYPES for column in section.columns)]


def _rows(document: Document, scope: int | None, section: Section) -> list[str]:
    if section.kind == "form":
        return [""]
    if section.kind == "grid":
        return list(section.row_keys)
    data = document.section(section.key) if scope is None else document.year(scope).section(section.key)
    return data.row_ids()


def random_command(document: Document, year: int, rng: random.Random) -> Command:
    """One edit a clerk could make: a typed cell, a pasted block, an added or removed row, an explanation."""
    scope, section = rng.choice(_targets(document, year))
    columns = [column for column in section.columns if column.type in _EDITABLE_TYPES]
    rows = _rows(document, scope, section)
    roll = rng.random()
    if section.kind == "table" and (roll < 0.12 or not rows):
        values = {column.key: _value(column, rng) for column in rng.sample(columns, min(2, len(columns)))}
        return InsertRows(scope, section.key, rng.randint(0, len(rows)), [values], "插入行")
    if section.kind == "table" and roll < 0.18:
        return RemoveRows(scope, section.key, [rng.choice(rows)], "删除行")
    if roll < 0.23:
        text = "".join(rng.choice(_TEXT) for _ in range(rng.randint(4, 20))) if rng.random() < 0.8 else None
        return SetExplanation(year, f"W-{rng.randint(1, 9):02d}", f"{section.key}:{rng.randint(1, 3)}", text)
    count = 1 if roll < 0.75 else rng.randint(2, 8)  # a typed cell, or a pasted block
    cells = []
    for _ in range(count):
        column = rng.choice(columns)
        cells.append(CellValue(scope, section.key, rng.choice(rows), column.key, _value(column, rng)))
    return SetCells(cells, "编辑")


def edits(session: EditSession, seed: int) -> Iterator[int]:
    """Apply the seeded edits forever (with undo and redo among them); yield after each commit."""
    rng = random.Random(seed)
    done: list[Command] = []
    undone: list[Command] = []
    committed = 0
    while True:
        roll = rng.random()
        try:
            if roll < 0.1 and done:
                command = done.pop()
                session.undo(command)
                undone.append(command)
            elif roll < 0.15 and undone:
                command = undone.pop()
                session.redo(command)
                done.append(command)
            else:
                command = random_command(session.document, session.year, rng)
                session.do(command)
                done.append(command)
                undone.clear()
        except DocumentError:
            continue  # refused, as the GUI would refuse it: nothing was written
        committed += 1
        yield committed


def expected_states(document: Document, seed: int, steps: int) -> list[dict]:
    """The document as JSON after 0, 1, … `steps` commits, replayed in memory (no file)."""
    session = EditSession(document, None)
    states = [document_to_json(session.document)]
    if steps:
        for committed in edits(session, seed):
            states.append(document_to_json(session.document))
            if committed >= steps:
                break
    return states


# -- the driver process ------------------------------------------------------------------------
def drive(path: Path, seed: int, journal: Path, backups_root: Path) -> None:
    from desktop.store.backups import Backups
    from desktop.store.opening import open_for_editing

    opened = open_for_editing(path, Backups(backups_root))
    session = EditSession(opened.document, opened.file)
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.write(fd, b"ready\n")
    for committed in edits(session, seed):
        os.write(fd, f"{committed}\n".encode())  # unbuffered: in the kernel before the next edit


# -- the harness -------------------------------------------------------------------------------
@dataclass
class KillResult:
    seed: int
    committed: int          # commits the driver journalled before it died
    found: int              # the commit the file holds (committed or committed + 1)
    stale_lock_cleared: bool
    problem: str = ""


class _DriverFailed(Exception):
    pass


def _start_driver(folder: Path, start: Document, seed: int) -> tuple[subprocess.Popen, Path, Path]:
    """A fresh copy of `start` and a driver editing it, once it says it is ready."""
    from desktop.store.docfile import DocumentFile

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"drill-{seed}.fdesk"
    journal = folder / f"drill-{seed}.journal"
    DocumentFile.create(path, start).close()
    process = subprocess.Popen([sys.executable, "-m", "desktop.crash_drill", str(path), str(seed),
                                str(journal), str(folder / "backups")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (journal.exists() and journal.read_bytes().startswith(b"ready")):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise _DriverFailed("driver failed: " + process.stderr.read().decode()[-2000:])
        time.sleep(0.005)
    return process, path, journal


def _kill_driver(process: subprocess.Popen, journal: Path) -> int:
    """SIGKILL the driver; the last commit it journalled."""
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    lines = journal.read_text().split()
    return int(lines[-1]) if len(lines) > 1 else 0


def kill_once(folder: Path, start: Document, seed: int, max_delay: float = 0.3) -> KillResult:
    """One run: a fresh copy of `start`, a driver, SIGKILL after a random delay, then the checks."""
    try:
        process, path, journal = _start_driver(folder, start, seed)
    except _DriverFailed as failed:
        return KillResult(seed, 0, -1, False, str(failed))
    time.sleep(random.Random(seed).uniform(0, max_delay))
    return _verify(path, start, seed, _kill_driver(process, journal))


# The commands thrown at a document while a window edits it: (arguments, may it succeed?)
CLI_ATTACKS: list[tuple[list[str], bool]] = [
    (["import", "{json}", "-o", "{doc}", "--force"], False),
    (["sample", "--seed", "2", "-o", "{doc}", "--force"], False),
    (["export", "{doc}", "--format", "pdf", "--draft", "-o", "{doc}", "--force"], False),
    (["export", "{doc}", "--format", "pdf", "--draft", "-o", "{out}.pdf", "--force"], True),
    (["export", "{doc}", "--format", "xlsx", "-o", "{out}.xlsx", "--force"], True),
    (["export", "{doc}", "--format", "json", "-o", "{out}.json", "--force"], True),
]


@dataclass
class CliKillResult:
    seed: int
    command: str
    cli_status: int | None     # None: killed before it finished
    refused_correctly: bool    # a command that must be refused was (or was killed first)
    output_whole: bool         # the export's file is absent or complete
    drill: KillResult


def _complete(path: Path) -> bool:
    """An export's file is absent, or whole: a PDF ending in %%EOF, a workbook or JSON that parses."""
    if not path.exists():
        return True
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    if path.suffix == ".xlsx":
        import io
        import zipfile
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return archive.testzip() is None
        except zipfile.BadZipFile:
            return False
    try:
        json.loads(data.decode("utf-8"))
    except ValueError:
        return False
    return True


def cli_kill_once(folder: Path, start: Document, seed: int, json_source: Path, max_delay: float = 2.0) -> CliKillResult:
    """One run: a driver edits a fresh copy of `start`; a CLI command aimed at the document is
    SIGKILLed after a random delay (or finishes); then the driver is killed and all is checked."""
    rng = random.Random(seed)
    try:
        driver, path, journal = _start_driver(folder, start, seed)
    except _DriverFailed as failed:
        return CliKillResult(seed, "", None, False, False, KillResult(seed, 0, -1, False, str(failed)))
    template, may_succeed = CLI_ATTACKS[seed % len(CLI_ATTACKS)]
    out = folder / f"export-{seed}"
    arguments = [a.format(doc=path, json=json_source, out=out) for a in template]
    environment = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "APPDATA": str(folder / "data")}
    command = subprocess.Popen([sys.executable, "-m", "desktop", *arguments], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment)
    try:
        status: int | None = command.wait(timeout=rng.uniform(0.2, max_delay))
    except subprocess.TimeoutExpired:
        command.send_signal(signal.SIGKILL)
        command.wait()
        status = None
    time.sleep(rng.uniform(0, 0.1))
    drill = _verify(path, start, seed, _kill_driver(driver, journal))
    refused = may_succeed or status in (None, 1)
    outputs = [Path(a) for a in arguments if a.startswith(str(out))]
    return CliKillResult(seed, " ".join(template), status, refused, all(_complete(p) for p in outputs), drill)


def _verify(path: Path, start: Document, seed: int, committed: int) -> KillResult:
    from desktop.store.opening import open_for_editing

    integrity = integrity_check(path)
    if integrity != ["ok"]:
        return KillResult(seed, committed, -1, False, f"integrity_check: {integrity[:3]}")
    try:
        opened = open_for_editing(path, None)
    except (DocumentFileError, DocumentLocked) as exc:
        return KillResult(seed, committed, -1, False, f"reopen failed: {exc}")
    try:
        stored = document_to_json(opened.document)
        stale = opened.stale_lock is not None
    finally:
        opened.file.close()
    states = expected_states(_copy(start), seed, committed + 1)
    for found in (committed, committed + 1):
        if found < len(states) and states[found] == stored:
            return KillResult(seed, committed, found, stale)
    return KillResult(seed, committed, -1, stale, f"content matches neither commit {committed} nor {committed + 1}")


def _copy(document: Document) -> Document:
    from desktop.io.jsonio import document_from_json
    return document_from_json(json.loads(json.dumps(document_to_json(document))))


def churn(path: Path) -> None:
    """A window that never stops committing: 20 rows of 政府购买服务 inserted (with their cells) in
    one commit, removed in the next. Prints "open" once editing; readers must only ever see the
    table with or without all twenty (`python -m desktop.crash_drill churn DOC`)."""
    from desktop.store.opening import open_for_editing

    opened = open_for_editing(path, None)
    session = EditSession(opened.document, opened.file)
    print("open", flush=True)
    number = 0
    while True:
        number += 1
        row = {"item": f"服务{number}", "amount": Money.from_yuan(number)}
        session.do(InsertRows(session.year, "purchased_services", 0, [row] * 20, "插入"))
        rows = list(session.year_data.sections["purchased_services"].rows)
        session.do(RemoveRows(session.year, "purchased_services", rows[:20], "删除"))


def main(argv: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if argv[:1] == ["churn"]:
        churn(Path(argv[1]))
        return
    path, seed, journal, backups_root = argv
    drive(Path(path), int(seed), Path(journal), Path(backups_root))


if __name__ == "__main__":
    main(sys.argv[1:])
