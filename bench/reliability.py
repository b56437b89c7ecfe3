"""The long crash-safety drill and docs/reliability.md (run by `make bench`, or on its own).

`make test` kills the editing driver 50 times; this kills it KILLS times (default 500) with the
same harness (desktop.crash_drill), on both a finding-free synthetic document and the seed 1
sample, runs the one-writer drills (bench/drills.py), and rewrites docs/reliability.md with the
figures, the machine and the commands.

    .venv/bin/python bench/reliability.py [KILLS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import drills  # noqa: E402
from desktop import crash_drill  # noqa: E402
from desktop.io.samples import load_sample  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402

KILLS = 500


def run(kills: int = KILLS) -> dict:
    starts = [build_document(), load_sample(1)]
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fiscaldesk-drill-") as folder:
        def one(seed: int) -> crash_drill.KillResult:
            return crash_drill.kill_once(Path(folder) / f"run{seed}", starts[seed % 2], 10_000 + seed)
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(one, range(kills)))
    seconds = time.perf_counter() - began
    writers = drills.run()
    return {
        "kills": kills,
        "seconds": seconds,
        "committed": sum(r.committed for r in results),
        "in_flight": sum(1 for r in results if r.found == r.committed + 1),
        "before_first": sum(1 for r in results if r.committed == 0),
        "stale": sum(1 for r in results if r.stale_lock_cleared),
        "problems": [f"seed {r.seed}: {r.problem}" for r in results if r.problem] + writers["problems"],
        "writers": writers,
    }


def markdown(result: dict) -> str:
    lost = sum(1 for p in result["problems"] if p.startswith("seed "))
    lines = [
        "| kills | edits committed before the kills | kills between a commit and its report | "
        "stale locks cleared | files failing integrity_check or missing an edit | time |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {result['kills']} | {result['committed']:,} | {result['in_flight']} | {result['stale']} | "
        f"{lost} | {result['seconds']:.0f} s |",
    ]
    if lost:
        lines += ["", "Failures:", ""] + [f"- {p}" for p in result["problems"][:20] if p.startswith("seed ")]
    return "\n".join(lines)


def write(result: dict, machine: str) -> Path:
    template = (Path(__file__).resolve().parent / "reliability_template.md").read_text(encoding="utf-8")
    text = template.format(date=date.today().isoformat(), machine=machine, drill=markdown(result),
                           kills=result["kills"], writers=drills.markdown(result["writers"]))
    target = ROOT / "docs" / "reliability.md"
    target.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    from tables import machine
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else KILLS
    result = run(kills)
    print(markdown(result))
    print(write(result, machine()))
    if result["problems"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
