"""Benchmark of the 审核 engine (issue 3): full and incremental validation, seed 1 and a large
generated document (200 projects × 12 indicators, 300 功能分类 rows, 5 units).

Run with `make bench`; prints a Markdown section that `bench/report.py` writes into
docs/performance.md. Budgets (DESIGN.md §10): incremental ≤ 5 ms median, full ≤ 100 ms; issue 21:
incremental p95 ≤ 5 ms on the large document over every edit kind (amounts, counts, decimals,
indicator values, texts, codes, choices, the project of an indicator or fund row, row insert and
remove, in every section).
"""

from __future__ import annotations

import random
import time

from desktop.io.samples import load_sample
from desktop.rules.engine import Engine
from desktop.synthetic import build_document
from desktop.synthetic_edits import KINDS, changes_of, random_command
from tables import markdown_table, median, p95  # bench/ is not a package: run from its folder


def _timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


EDITS_PER_KIND = 40
REPEATS = 3  # each edit's update is run again: the least time is the engine's, not other processes'


def measure(name: str, document, year: int) -> dict:
    """Full validation, then EDITS_PER_KIND edits of every kind (desktop.synthetic_edits), each
    applied as the editor's command and fed to `Engine.update` as the editing session does.

    Each update is timed as it happens, then run REPEATS − 1 times more with the same changes
    (the same work: the engine forgets the sections and re-runs the same partitions); the least
    of these is reported beside, since on a shared 2-core machine another process's time slice
    can land in any update."""
    engine = Engine(document, year)
    full = _timed(engine.validate, 15)
    rng = random.Random(7)
    kinds = [kind for kind in KINDS for _ in range(EDITS_PER_KIND)]
    rng.shuffle(kinds)
    by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    least: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for kind in kinds:
        _, command = random_command(rng, document, year, kind)
        changes = changes_of(command.apply(document), year)
        times = _timed(lambda: engine.update(changes), REPEATS)
        by_kind[kind].append(times[0])
        least[kind].append(min(times))
    incremental = [t for times in by_kind.values() for t in times]
    least_all = [t for times in least.values() for t in times]
    worst = max(KINDS, key=lambda kind: p95(by_kind[kind]))
    return {"name": name, "findings": len(engine.findings()), "full_median": median(full),
            "incremental_median": median(incremental), "incremental_p95": p95(incremental),
            "incremental_max": max(incremental), "least_p95": p95(least_all), "edits": len(incremental),
            "worst_kind": worst, "worst_p95": p95(by_kind[worst]),
            "kinds": {kind: (median(times), p95(times), max(times), p95(least[kind]))
                      for kind, times in by_kind.items()}}


TYPED_FIGURES = "比上年增加{n}.50万元，增长3.2%，执行率98.5%，涉及金额1,234.00万元。"  # n: each text its own
TEXTS_PER_COLUMN = 20


def with_typed_figures(document) -> int:
    """Figures in the typed texts, as real reasons and 绩效 texts carry them: the first
    TEXTS_PER_COLUMN rows of every prose column 审核 K-22 reads, and every project's 概况 (K-23).
    Each such text makes K-22 build its part of the 说明 after an edit of the tables it reads.
    Returns how many texts were written."""
    from desktop.review.scopes import typed_scopes
    data, written = document.latest_year(), 0
    for scope in typed_scopes():
        for section_key, column in scope.texts:
            section = data.section(section_key)
            columns = [c.key for c in section.section.columns
                       if column in ("*", c.key) and c.type in ("text", "longtext")]
            for row in list(section.rows)[:TEXTS_PER_COLUMN]:
                for key in columns:
                    written += 1
                    section.rows[row][key] = "主要原因：业务量增加，" + TYPED_FIGURES.format(n=written)
    for row in data.section("projects").rows.values():
        written += 1
        row["overview"] = f"本项目全年预算数{written}.00万元，全年执行数48.00万元，预算执行率96.0%。"
    return written


def run() -> list[dict]:
    large = build_document(projects=200, functional_rows=300, units=5)
    data = large.latest_year()
    counts = (len(data.section("projects").rows), len(data.section("project_indicators").rows),
              len(data.section("gp_functional").rows), len(large.section("units").rows))
    name = f"large: {counts[0]} projects, {counts[1]} indicators, {counts[2]} 功能分类 rows, {counts[3]} units"
    typed = build_document(projects=200, functional_rows=300, units=5)
    texts = with_typed_figures(typed)
    return [measure("seed 1 sample", load_sample(1), 2023), measure(name, large, data.year),
            measure(f"the same, with figures in {texts} typed texts (审核 K-22, K-23 at work)", typed, data.year)]


def markdown(results: list[dict]) -> str:
    """The overall table (one row per document), then the large document's figures per edit kind."""
    overall = markdown_table(
        ["Document", "Full validation (median of 15)", f"Incremental after one edit (median of {results[0]['edits']})",
         "p95", "max", f"p95, least of {REPEATS} runs", "Slowest kind (its p95)", "Findings"],
        [[r["name"], f"{r['full_median']:.1f} ms", f"{r['incremental_median']:.2f} ms",
          f"{r['incremental_p95']:.2f} ms", f"{r['incremental_max']:.1f} ms", f"{r['least_p95']:.2f} ms",
          f"{r['worst_kind']} ({r['worst_p95']:.2f} ms)", str(r["findings"])] for r in results])
    large, typed = results[1], results[2]
    per_kind = markdown_table(
        ["Edit kind (large document)", "median", "p95", "max", f"p95, least of {REPEATS} runs",
         "with typed figures: median", "p95", "p95, least of runs"],
        [[kind, f"{m:.2f} ms", f"{p:.2f} ms", f"{x:.1f} ms", f"{q:.2f} ms",
          f"{typed['kinds'][kind][0]:.2f} ms", f"{typed['kinds'][kind][1]:.2f} ms", f"{typed['kinds'][kind][3]:.2f} ms"]
         for kind, (m, p, x, q) in large["kinds"].items()])
    return overall + "\n\n" + per_kind


if __name__ == "__main__":
    print(markdown(run()))
