"""Benchmark of the 审核 engine (issue 3): full and incremental validation, seed 1 and a large
generated document (200 projects × 12 indicators, 300 功能分类 rows, 5 units).

Run with `make bench`; prints a Markdown section that `bench/report.py` writes into
docs/performance.md. Budgets (DESIGN.md §10): incremental ≤ 5 ms median, full ≤ 100 ms.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

from desktop.domain.money import Money
from desktop.io.samples import load_sample
from desktop.rules.engine import Change, Engine
from desktop.synthetic import build_document
from tables import markdown_table, median, p95  # bench/ is not a package: run from its folder


def _timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _edits(document, year: int, count: int, seed: int = 7) -> list[tuple[str, str, str, object]]:
    """Random single-cell edits of the kinds a clerk makes: amounts, counts, indicator values."""
    rng = random.Random(seed)
    data = document.year(year)
    cells = [(key, row, column.key, column.type) for key, section in data.sections.items()
             for row in section.rows for column in section.section.columns
             if column.type in ("money", "integer", "decimal") or column.key in ("actual", "target")]
    edits = []
    for _ in range(count):
        key, row, column, kind = rng.choice(cells)
        value = {"money": Money(rng.randrange(0, 10**9)), "integer": rng.randrange(0, 50),
                 "decimal": Decimal(rng.randrange(0, 20))}.get(kind, str(rng.randrange(1, 200)))
        edits.append((key, row, column, value))
    return edits


def measure(name: str, document, year: int) -> dict[str, float | int | str]:
    engine = Engine(document, year)
    full = _timed(engine.validate, 15)
    incremental = []
    for key, row, column, value in _edits(document, year, 300):
        document.year(year).section(key).set_value(row, column, value)
        start = time.perf_counter()
        engine.update([Change(key, row, column)])
        incremental.append((time.perf_counter() - start) * 1000)
    return {"name": name, "findings": len(engine.findings()), "full_median": median(full),
            "incremental_median": median(incremental), "incremental_p95": p95(incremental),
            "incremental_max": max(incremental)}


def run() -> list[dict]:
    large = build_document(projects=200, functional_rows=300, units=5)
    data = large.latest_year()
    counts = (len(data.section("projects").rows), len(data.section("project_indicators").rows),
              len(data.section("gp_functional").rows), len(large.section("units").rows))
    return [measure("seed 1 sample", load_sample(1), 2023),
            measure(f"large: {counts[0]} projects, {counts[1]} indicators, {counts[2]} 功能分类 rows, "
                    f"{counts[3]} units", large, data.year)]


def markdown(results: list[dict]) -> str:
    return markdown_table(
        ["Document", "Full validation (median of 15)", "Incremental after one edit (median of 300)", "p95", "max",
         "Findings"],
        [[r["name"], f"{r['full_median']:.1f} ms", f"{r['incremental_median']:.2f} ms",
          f"{r['incremental_p95']:.2f} ms", f"{r['incremental_max']:.1f} ms", str(r["findings"])] for r in results])


if __name__ == "__main__":
    print(markdown(run()))
