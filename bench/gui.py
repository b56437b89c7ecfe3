"""Edit → last paint, through the real main window (offscreen), for every edit kind of every section.

An edit goes the way the clerk's does: a typed value reaches the table model's `setData` (what the
cell editor calls on Enter) for amounts, counts, numbers, texts, codes, choices, yes/no cells and
reasons; rows are inserted and removed through the view's commands (编辑 ▸ 插入行 / 删除所选行);
undo and redo through the 编辑 menu's actions; an indicator or fund row is moved to another
project by the same command the editing session applies (its project column is not shown in the
filtered tables). The clock starts before the edit and stops after the LAST paint it caused: an
application event filter counts every Paint and UpdateRequest event, events are processed round
after round until two rounds in a row paint nothing, and the time is taken at the end of the last
round that painted. The scores follow on a 120 ms timer; that refresh is timed on its own.

Three documents: the 200-project one, the same with 2,400 open warnings (every indicator raises
one), and the 200-project one with the 项目自评 page on screen (a project's header with its
计算总分 and the project list's scores visible) while the performance tables are edited.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tables import markdown_table, median, p95  # noqa: E402  (bench/ is not a package)

from desktop.domain.codes import code_table  # noqa: E402
from desktop.editing.commands import CellValue, SetCells  # noqa: E402
from desktop.store.docfile import DocumentFile  # noqa: E402
from desktop.store.settings import Settings  # noqa: E402
from desktop.synthetic import build_document  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.pages import ProjectsPage  # noqa: E402
from desktop.ui.qt import QEvent, QObject  # noqa: E402

EDITS_PER_COLUMN = 2     # typed values per editable column of every table
ROW_EDITS = 2            # inserts and removes per variable table
PROJECT_PAGE = "项目自评"
PAINTS = (QEvent.Type.Paint, QEvent.Type.UpdateRequest)


class PaintClock(QObject):
    """Counts every paint the application delivers (an event filter on the application)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in PAINTS:
            self.paints += 1
        return False


def settle(app, clock: PaintClock, start: float, cpu_start: float | None = None) -> float:
    """Process events until two rounds in a row paint nothing; ms from `start` to the end of the
    last round that painted (or to the end of the first round when nothing painted). With
    `cpu_start`, the process's CPU time to that moment is kept in `settle.cpu` (ms): on a machine
    shared with other work it shows the window's own cost where wall time also shows the others'."""
    last, quiet, cpu = None, 0, None
    while quiet < 2:
        before = clock.paints
        app.processEvents()
        now, now_cpu = time.perf_counter(), time.process_time()
        if last is None:
            last, cpu = now, now_cpu
        if clock.paints != before:
            last, cpu, quiet = now, now_cpu, 0
        else:
            quiet += 1
    settle.cpu = (cpu - cpu_start) * 1000 if cpu_start is not None else 0.0
    return (last - start) * 1000


class Bench:
    def __init__(self, name: str, document, project_page_only: bool = False, seed: int = 11) -> None:
        self.name, self.document, self.project_page_only = name, document, project_page_only
        self.rng = random.Random(seed)
        self.app = application()
        self.clock = PaintClock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.cpu: dict[str, list[float]] = defaultdict(list)  # the same edits' CPU time
        self.scores: list[float] = []
        self.counter = 0

    # -- the window ---------------------------------------------------------------------
    def open(self) -> float:
        folder = Path(tempfile.mkdtemp())
        path = folder / "bench.fdesk"
        DocumentFile.create(path, self.document).close()
        self.window = MainWindow(Settings(), folder / "settings.json", persist=False)
        self.app.installEventFilter(self.clock)
        start = time.perf_counter()
        self.window.open_document(path)
        self.window.show()
        opened = settle(self.app, self.clock, start)
        self.window.score_timer.stop()
        return opened

    def close(self) -> None:
        self.app.removeEventFilter(self.clock)
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()

    def timed(self, kind: str, action) -> None:
        """One edit: the clock from the action to its last paint; then the score refresh."""
        start, cpu = time.perf_counter(), time.process_time()
        done = action()
        self.window.score_timer.stop()  # the 120 ms pause is not part of the keystroke
        elapsed = settle(self.app, self.clock, start, cpu)
        if done is False:
            return
        self.latencies[kind].append(elapsed)
        self.cpu[kind].append(settle.cpu)
        start = time.perf_counter()
        self.window._refresh_scores()
        self.scores.append(settle(self.app, self.clock, start))

    # -- choosing what to edit ------------------------------------------------------------
    def show(self, key: str) -> None:
        view, page, _filter = self.window.views[key]
        if isinstance(page, ProjectsPage):
            if key != "projects" and page.current_project() is None and page.list_model.document_rows():
                page.select_project(page.list_model.document_rows()[0])
            page.detail.verticalScrollBar().setValue(0)  # the project's header (计算总分) on screen
        self.window._show_page(page)
        settle(self.app, self.clock, time.perf_counter())

    def targets(self) -> list[str]:
        keys = []
        for key, (_view, page, _filter) in self.window.views.items():
            if self.project_page_only and not isinstance(page, ProjectsPage):
                continue
            keys.append(key)
        return keys

    def value(self, spec, model, row_id: str) -> str | None:
        self.counter += 1
        rng, kind = self.rng, spec.type
        if kind == "money":
            return f"{rng.randrange(0, 10**6)}.{rng.randrange(0, 100):02d}"
        if kind == "integer":
            return str(rng.randrange(0, 60))
        if kind == "decimal":
            return f"{rng.randrange(1, 20)}"
        if kind == "boolean":
            return "否" if model.edit_text(spec, row_id) == "是" else "是"
        if kind == "choice":
            return rng.choice([c for c in spec.column.choices if c != model.edit_text(spec, row_id)] or [""])
        if kind == "code":
            used = [model.edit_text(spec, r) for r in model.document_rows()]
            used = [c for c in used if c and c != model.edit_text(spec, row_id)]
            if not used:
                table = code_table(self.window.workspace.year)
                used = [e.code for e in table.children(spec.column.scheme, "201")[:5]]
            return rng.choice(used) if used else None
        if kind in ("text", "longtext"):
            return f"基准测试文字{self.counter}"
        return None

    def kind(self, model, spec) -> str:
        return f"{model.section.key}·{spec.type}"

    # -- the edits ------------------------------------------------------------------------
    def cell_edits(self, key: str) -> None:
        view = self.window.views[key][0]
        model = view.sheet()
        self.show(key)
        for column, spec in enumerate(model.specs):
            if not spec.editable or spec.type == "computed" or model.specs_down:
                continue
            for _ in range(EDITS_PER_COLUMN):
                rows = model.document_rows() if not model.fields else [model.record]
                if not rows or rows == [None]:
                    break
                row_id = self.rng.choice(rows)
                index = model.index_of(row_id, spec.key)
                if not index.isValid() or not model.is_editable(index):
                    break
                text = self.value(spec, model, row_id)
                if text is None:
                    break
                view.setCurrentIndex(index)
                self.timed(self.kind(model, spec), lambda m=model, i=index, t=text: m.setData(i, t))
        if model.specs_down:  # a transposed grid: the measures are rows
            for _ in range(EDITS_PER_COLUMN * 2):
                row = self.rng.randrange(model.rowCount())
                column = self.rng.randrange(model.columnCount())
                index = model.index(row, column)
                if not model.is_editable(index):
                    continue
                spec = model.spec_at(index)
                text = self.value(spec, model, model.address(index)[0])
                if text is not None:
                    self.timed(self.kind(model, spec), lambda m=model, i=index, t=text: m.setData(i, t))

    def row_edits(self, key: str) -> None:
        view = self.window.views[key][0]
        model = view.sheet()
        if not model.is_variable():
            return
        self.show(key)
        for _ in range(ROW_EDITS):
            rows = model.document_rows()
            row = self.rng.randrange(len(rows)) if rows else 0
            view.setCurrentIndex(model.index(row, 0))
            self.timed(f"{key}·插入行", view.insert_row)
            rows = model.document_rows()
            if not rows:
                continue
            view.selectRow(min(row, len(rows) - 1))
            self.timed(f"{key}·删除行", view.remove_selected_rows)

    def history(self, steps: int) -> None:
        for _ in range(steps):
            self.timed("撤销", lambda: self.window.undo_action.trigger())
        for _ in range(steps):
            self.timed("重做", lambda: self.window.redo_action.trigger())

    def move_to_project(self, section: str) -> None:
        """An indicator or fund row moved to another project (its project reference), then undone."""
        workspace = self.window.workspace
        data = workspace.document.year(workspace.year)
        projects = list(data.section("projects").rows)
        rows = list(data.section(section).rows)
        self.show(section)
        for _ in range(EDITS_PER_COLUMN):
            row = self.rng.choice(rows)
            target = self.rng.choice(projects)
            command = SetCells([CellValue(workspace.year, section, row, "project", target)], "基准：改所属项目")
            self.timed(f"{section}·ref", lambda c=command: workspace.push(c))
            self.timed("撤销", lambda: self.window.undo_action.trigger())

    def run(self) -> dict:
        opened = self.open()
        for key in self.targets():
            self.cell_edits(key)
            self.history(2)
        for key in self.targets():
            self.row_edits(key)
        for section in ("project_indicators", "project_funds"):
            self.move_to_project(section)
        self.history(4)
        self.close()
        everything = [v for values in self.latencies.values() for v in values]
        cpu = [v for values in self.cpu.values() for v in values]
        worst = max(self.latencies, key=lambda k: (p95(self.latencies[k]), len(self.latencies[k])))
        return {"name": self.name, "open": opened, "median": median(everything), "p95": p95(everything),
                "max": max(everything), "edits": len(everything), "kinds": len(self.latencies),
                "cpu_median": median(cpu), "cpu_p95": p95(cpu),
                "worst": worst, "worst_p95": p95(self.latencies[worst]),
                "scores_median": median(self.scores), "scores_p95": p95(self.scores),
                "per_kind": {k: (p95(self.cpu[k]), p95(v), len(v)) for k, v in self.latencies.items()}}


def run() -> list[dict]:
    arguments = dict(projects=200, functional_rows=300, units=5)
    return [Bench("200 projects × 12 indicators, 300 功能分类 rows, 5 units", build_document(**arguments)).run(),
            Bench("the same with 2,400 open warnings (every indicator)",
                  build_document(**arguments, indicator_warnings=True)).run(),
            Bench("200 projects, 项目自评 page on screen (a project header with 计算总分)",
                  build_document(**arguments), project_page_only=True).run()]


def markdown(results: list[dict]) -> str:
    return markdown_table(
        ["Document", "Open + first paint", "Edits (kinds)", "Edit → last paint (median)", "p95", "max",
         "Worst kind (p95)", "CPU per edit (median / p95)", "Score panel refresh (median / p95)"],
        [[r["name"], f"{r['open']:.0f} ms", f"{r['edits']} ({r['kinds']})", f"{r['median']:.1f} ms",
          f"{r['p95']:.1f} ms", f"{r['max']:.1f} ms", f"{r['worst']} ({r['worst_p95']:.1f} ms)",
          f"{r['cpu_median']:.1f} / {r['cpu_p95']:.1f} ms",
          f"{r['scores_median']:.1f} / {r['scores_p95']:.1f} ms"] for r in results])


def slowest(results: list[dict], count: int = 8) -> str:
    """The slowest edit kinds of each document (p95 of CPU time, then of wall time), for finding what to fix."""
    lines = []
    for r in results:
        kinds = sorted(r["per_kind"].items(), key=lambda item: -item[1][0])[:count]
        lines.append(f"{r['name']}: " + ", ".join(f"{k} {c:.0f} / {p:.0f} ms (n={n})" for k, (c, p, n) in kinds))
    return "\n".join(lines)


if __name__ == "__main__":
    found = run()
    print(markdown(found))
    print()
    sys.exit(print(slowest(found)))
