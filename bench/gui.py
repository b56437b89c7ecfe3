"""Edit → badges on screen, through the real main window (offscreen), on the seed and large documents.

One measurement is the time from a clerk's typed value reaching the table model (`setData`, what
the cell editor calls on Enter) to the moment the event loop is idle again with the badges, the
审核 panel and the cell repainted: parse, undo stack, SQLite commit, incremental 审核, model
refresh and repaint. The scores follow on a short timer and are timed separately.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tables import markdown_table, median, p95  # noqa: E402  (bench/ is not a package)

from desktop.io.samples import load_sample  # noqa: E402
from desktop.store.docfile import DocumentFile  # noqa: E402
from desktop.store.settings import Settings  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

EDITS = 120
# Visible tables a clerk types into, with the money columns edited.
TARGETS = (("sangong", ("budget", "actual")), ("gp_functional", ("budget", "basic", "project", "total")),
           ("income_expenditure", ("current", "prior")), ("project_funds", ("executed", "full_year_budget")))


def measure(name: str, document) -> dict:
    app = application()
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.fdesk"
    DocumentFile.create(path, document).close()
    window = MainWindow(Settings(), folder / "settings.json", persist=False)
    start = time.perf_counter()
    window.open_document(path)
    window.show()
    app.processEvents()
    opened = (time.perf_counter() - start) * 1000
    rng = random.Random(11)
    latencies, scores = [], []
    for number in range(EDITS):
        section, columns = TARGETS[number % len(TARGETS)]
        view = window.views[section][0]
        model = view.sheet()
        rows = model.document_rows()
        if not rows:
            continue
        index = model.index_of(rng.choice(rows), rng.choice(columns))
        window._show_page(window.views[section][1])
        view.setCurrentIndex(index)
        app.processEvents()
        start = time.perf_counter()
        model.setData(index, f"{rng.randrange(0, 10**7)}.{rng.randrange(0, 100):02d}")
        app.processEvents()
        latencies.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.score_timer.stop()
        window._refresh_scores()
        app.processEvents()
        scores.append((time.perf_counter() - start) * 1000)
    window.close()
    return {"name": name, "open": opened, "median": median(latencies), "p95": p95(latencies),
            "max": max(latencies), "scores_median": median(scores), "edits": len(latencies)}


def run() -> list[dict]:
    large = build_document(projects=200, functional_rows=300, units=5)
    return [measure("seed 1 sample", load_sample(1)),
            measure("large: 200 projects × 12 indicators, 300 功能分类 rows, 5 units", large)]


def markdown(results: list[dict]) -> str:
    return markdown_table(
        ["Document", "Open + first paint", "Edit → badges on screen (median)", "p95", "max",
         "Score panel refresh (median, after a 120 ms pause)"],
        [[r["name"], f"{r['open']:.0f} ms", f"{r['median']:.1f} ms", f"{r['p95']:.1f} ms", f"{r['max']:.1f} ms",
          f"{r['scores_median']:.1f} ms"] for r in results])


if __name__ == "__main__":
    sys.exit(print(markdown(run())))
