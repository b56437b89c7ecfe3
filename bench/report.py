"""`make bench`: run every benchmark and write docs/performance.md with the machine and command.

Benchmarks never run inside `make test`; budgets are checked by reading this report.
"""

from __future__ import annotations

import os
import platform
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import validation  # noqa: E402  (bench/ is not a package)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def main() -> None:
    results = validation.run()
    report = "\n".join([
        "# Performance", "",
        f"Measured {date.today().isoformat()} on: {machine()}.", "",
        "Command: `make bench` (runs `bench/report.py`, which rewrites this file).", "",
        "## 审核 validation (issue 3)", "",
        "Budgets (DESIGN.md §10): incremental re-validation after one edit ≤ 5 ms median; "
        "full validation ≤ 100 ms. Edits are 300 random single-cell changes (amounts, counts, points, "
        "indicator values) applied through `Engine.update`, as the editor will.", "",
        validation.markdown(results), "",
    ])
    target = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
    target.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
