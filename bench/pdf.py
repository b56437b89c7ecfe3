"""PDF export time (issue 5): seed 1 and the large generated document, from document to file.

Budgets (DESIGN.md §10): seed 1 ≤ 2 s, the large document ≤ 20 s. Each run is a full export as
the GUI and the command line do it: gate (审核), scores, 说明, layout in two passes, writing.
The first run of the process also pays for importing reportlab and loading the fonts, which a
clerk pays once per session; it is reported separately.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from tables import markdown_table, median

from desktop.io.pdf import export_pdf
from desktop.io.samples import load_sample
from desktop.synthetic import build_document

RUNS = 3
LARGE = dict(projects=200, functional_rows=300, units=5)


def _export(document, draft: bool, folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = export_pdf(document, folder / "bench.pdf", draft=draft, today=date(2024, 8, 20))
    return time.perf_counter() - start, result.pages


def run() -> list[dict]:
    cases = (("seed 1 (draft: it has errors)", load_sample(1), True, 2.0),
             ("large: 200 projects × 12 indicators, 300 功能分类 rows, 5 units", build_document(**LARGE), False, 20.0))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        first, _ = _export(load_sample(1), True, Path(folder))
        for name, document, draft, budget in cases:
            timings, pages = [], 0
            for _ in range(RUNS):
                elapsed, pages = _export(document, draft, Path(folder))
                timings.append(elapsed)
            results.append({"name": name, "pages": pages, "median": median(timings), "max": max(timings),
                            "budget": budget})
    results.append({"name": "first export of the process (imports reportlab, registers fonts)", "pages": None,
                    "median": first, "max": first, "budget": None})
    return results


def markdown(results: list[dict]) -> str:
    rows = [[r["name"], "" if r["pages"] is None else str(r["pages"]), f"{r['median']:.2f} s", f"{r['max']:.2f} s",
             "" if r["budget"] is None else f"≤ {r['budget']:.0f} s"] for r in results]
    return markdown_table(["document", "pages", f"median of {RUNS}", "max", "budget"], rows)


if __name__ == "__main__":
    print(markdown(run()))
