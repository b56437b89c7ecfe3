"""How the costs a clerk feels grow with the document (issue 21): 50, 200 and 800 projects.

Each size is `desktop.synthetic.build_document` with the proportions of `fiscaldesk sample
--large` (`desktop.synthetic.large_proportions`): 12 indicators and 4 fund rows per project,
功能分类 rows 1.5 × the projects (capped), 5 units. Measured per size, median of 3:

- open + first paint: `MainWindow.open_document` on the saved document (offscreen), then the
  event loop until the window has painted once: reading the file, the 审核, the scores and the tabs;
- Excel import and JSON import: reading the file back into a document and planning the import
  into an empty document of the same year (what 文件 ▸ 导入 does before its preview);
- `score_year` (every project's 自评 and the department's 整体绩效) and full 审核 validation.

The table gives each measurement at the three sizes and the ratio 800/200 with its budget: 4 × the
projects, so a linear cost is ≤ 4.5 × its 200-project time; the 800-project open ≤ 2 s.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tables import markdown_table, median  # noqa: E402  (bench/ is not a package)

from desktop.domain.document import Document  # noqa: E402
from desktop.editing.replace import plan_import  # noqa: E402
from desktop.io.jsonio import read_json, write_json  # noqa: E402
from desktop.io.xlsx import export_xlsx, read_xlsx  # noqa: E402
from desktop.rules.engine import Engine  # noqa: E402
from desktop.scoring import score_year  # noqa: E402
from desktop.store.docfile import DocumentFile  # noqa: E402
from desktop.store.settings import Settings  # noqa: E402
from desktop.synthetic import build_document, large_proportions  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.qt import QEvent, QObject  # noqa: E402

SIZES = (50, 200, 800)
RUNS = 3
LINEAR = 4.5  # 800/200 is 4 × the projects: a linear cost stays within 4.5 × (noise)
OPEN_BUDGET = 2.0  # seconds, 800 projects
MEASUREMENTS = (("open", "Open + first paint (main window)"), ("excel", "Excel import (read + plan)"),
                ("json", "JSON import (read + plan)"), ("scores", "`score_year`"),
                ("validation", "Full 审核 validation"))


class _Painted(QObject):
    """Notes that the window (or any widget in it) received a paint event."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seen = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self.seen and watched.isWidgetType() \
                and (watched is self.window or self.window.isAncestorOf(watched)):
            self.seen = True
        return False


def _open_and_paint(path: Path, folder: Path) -> float:
    """Seconds from `open_document` to the end of the event-loop pass that painted the window."""
    app = application()
    window = MainWindow(Settings(), folder / "settings.json", persist=False)
    painted = _Painted(window)
    app.installEventFilter(painted)
    start = time.perf_counter()
    opened = window.open_document(path)
    window.show()
    while not painted.seen:
        app.processEvents()
    elapsed = time.perf_counter() - start
    app.removeEventFilter(painted)
    assert opened, path
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone now: the next run's heap holds no old window
    return elapsed


def _timed(action: Callable[[], object]) -> float:
    gc.collect()  # the previous run's garbage is not this one's cost
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _import(read: Callable[[], Document], year: int) -> Callable[[], object]:
    def run() -> object:
        incoming = read()
        return plan_import(Document.new(incoming.department_name, year), incoming, year)
    return run


def measure(projects: int, folder: Path) -> dict:
    document = build_document(**large_proportions(projects))
    year = document.latest_year().year
    base = folder / str(projects)
    base.mkdir()
    DocumentFile.create(base / "doc.fdesk", document).close()
    export_xlsx(document, base / "doc.xlsx")
    write_json(document, base / "doc.json")
    engine = Engine(document, year)
    actions: dict[str, Callable[[], object]] = {
        "open": lambda: None,
        "excel": _import(lambda: read_xlsx(base / "doc.xlsx").document, year),
        "json": _import(lambda: read_json(base / "doc.json"), year),
        "scores": lambda: score_year(document, year),
        "validation": engine.validate,
    }
    times: dict[str, list[float]] = {key: [] for key in actions}
    for run in range(RUNS):
        gc.collect()
        times["open"].append(_open_and_paint(base / "doc.fdesk", base))
        for key, action in actions.items():
            if key != "open":
                times[key].append(_timed(action))
    return {"projects": projects, **{key: median(values) for key, values in times.items()}}


def run() -> list[dict]:
    """Each size in a process of its own, as a clerk opens one document: no heap left by another size."""
    results = []
    for projects in SIZES:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--size", str(projects)],
                              capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        if done.returncode:
            raise SystemExit(f"bench/scaling.py --size {projects} failed:\n{done.stderr[-3000:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def _measure_one(projects: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(projects, Path(folder))), flush=True)


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _verdict(key: str, by_size: dict[int, dict]) -> str:
    ratio = by_size[800][key] / by_size[200][key]
    if key == "open":
        ok = by_size[800][key] <= OPEN_BUDGET
        return f"{ratio:.1f} × (budget: 800 projects ≤ {OPEN_BUDGET:.0f} s: {'met' if ok else 'NOT MET'})"
    if key == "validation":
        return f"{ratio:.1f} ×"
    return f"{ratio:.1f} × (budget ≤ {LINEAR} ×: {'met' if ratio <= LINEAR else 'NOT MET'})"


def markdown(results: list[dict]) -> str:
    by_size = {r["projects"]: r for r in results}
    headers = ["Measurement (median of 3)", *(f"{p} projects" for p in SIZES), "800 / 200"]
    rows = [[label, *(_seconds(by_size[p][key]) for p in SIZES), _verdict(key, by_size)] for key, label in MEASUREMENTS]
    return markdown_table(headers, rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--size"]:
        _measure_one(int(sys.argv[2]))
    else:
        print(markdown(run()))
