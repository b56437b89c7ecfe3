"""`make mutate`: mutation testing of desktop/rules and desktop/scoring; writes docs/mutation.md.

mutmut runs from a staged copy of the tree (build/mutation/) for one reason: it leaves decorated
functions alone, and every rule check is registered by a decorator (`@check("T7-01")`). The
staged copy registers the checks with a call after the module instead (`check("T7-01")(f)`),
the decorator line left blank so line numbers stay those of the real source. The tests run are
tests/rules and tests/scoring (pyproject.toml, [tool.mutmut]).

    python bench/mutation.py            # stage, run mutmut, write docs/mutation.md
    python bench/mutation.py --report   # only rewrite docs/mutation.md from the last run
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "mutation"
COPIED = ("desktop", "tests", "resources", "db", "docs", "pyproject.toml")
PACKAGES = ("desktop.rules", "desktop.scoring")
MUTMUT = [sys.executable, "-m", "mutmut"]


def stage() -> None:
    """A fresh copy of what the tests need, the rule checks registered without decorators."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, STAGE / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, STAGE / name)
    for path in (STAGE / "desktop" / "rules" / "checks").glob("*.py"):
        path.write_text(undecorated(path.read_text(encoding="utf-8")), encoding="utf-8")


def undecorated(source: str) -> str:
    """`@check(...)` above a function becomes `check(...)(name)` at the end of the module."""
    lines = source.splitlines()
    calls: list[str] = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "check":
                text = ast.get_source_segment(source, decorator)
                for line in range(decorator.lineno - 1, decorator.end_lineno):
                    lines[line] = ""
                calls.append(f"{text}({node.name})")
    return "\n".join(lines + [""] + calls) + "\n"


def run(max_children: int) -> float:
    """Runs mutmut in the staged tree; returns the wall-clock seconds it took."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    subprocess.run([*MUTMUT, "run", "--max-children", str(max_children)], cwd=STAGE, env=environment,
                   check=False)
    elapsed = time.monotonic() - started
    (STAGE / "mutants" / "run-seconds.txt").write_text(f"{elapsed:.0f}\n", encoding="utf-8")
    return elapsed


def results() -> dict[str, str]:
    """Every mutant's status (killed, survived, timeout, …) from the last run."""
    out = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=STAGE, capture_output=True, text=True,
                         check=True).stdout
    statuses: dict[str, str] = {}
    for line in out.splitlines():
        name, _, status = line.strip().partition(": ")
        if status:
            statuses[name] = status.strip()
    return statuses


def diff(name: str) -> str:
    shown = subprocess.run([*MUTMUT, "show", name], cwd=STAGE, capture_output=True, text=True, check=False)
    return shown.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only write docs/mutation.md from the last run")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.report:
        stage()
        run(args.max_children)
    sys.path.insert(0, str(ROOT / "bench"))
    from mutation_report import write_report  # noqa: E402  (bench/ is not a package)
    statuses = results()
    seconds = float((STAGE / "mutants" / "run-seconds.txt").read_text().strip())
    write_report(statuses, diff, seconds, args.max_children, ROOT / "docs" / "mutation.md")
    print(json.dumps({p: sum(1 for n in statuses if n.startswith(p)) for p in PACKAGES}))


if __name__ == "__main__":
    main()
