"""`make bench`: run every benchmark and write docs/performance.md with the machine and command.

Benchmarks never run inside `make test`; budgets are checked by reading this report.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frozen  # noqa: E402  (bench/ is not a package)
import gui  # noqa: E402
import pdf  # noqa: E402
import reliability  # noqa: E402
import scaling  # noqa: E402
import validation  # noqa: E402
import xlsx  # noqa: E402
from tables import machine  # noqa: E402


def main() -> None:
    results = validation.run()
    gui_results = gui.run()
    pdf_results = pdf.run()
    xlsx_results = xlsx.run()
    scaling_results = scaling.run()
    frozen_results = frozen.run()
    reliability_results = reliability.run()
    report = "\n".join([
        "# Performance", "",
        f"Measured {date.today().isoformat()} on: {machine()}.", "",
        "Command: `make bench` (runs `bench/report.py`, which rewrites this file).", "",
        "## 审核 validation (issue 3)", "",
        "Budgets (DESIGN.md §10): incremental re-validation after one edit ≤ 5 ms median; "
        "full validation ≤ 100 ms. Edits are 300 random single-cell changes (amounts, counts, points, "
        "indicator values) applied through `Engine.update`, as the editor will.", "",
        validation.markdown(results), "",
        "## Main window: edit → badges (issue 4)", "",
        "Budget (DESIGN.md §10): edit → badges on screen ≤ 50 ms on the large document. Each of "
        f"{gui.EDITS} edits sets a random amount in a visible table through the table model, as the cell editor "
        "does on Enter, and the clock stops when the event loop is idle again: parsing, the undo stack, the "
        "SQLite commit, incremental 审核, badges, 审核 panel and repaint. The score panel refreshes after "
        "120 ms without typing, so its cost never adds to a keystroke; it is timed separately. "
        "Offscreen platform (`QT_QPA_PLATFORM=offscreen`).", "",
        gui.markdown(gui_results), "",
        "## PDF export (issue 5)", "",
        "Budgets (DESIGN.md §10): seed 1 ≤ 2 s, the large document ≤ 20 s, with a progress indicator. "
        "A run is the whole export: gate (审核), scores, 说明, two layout passes (the contents' page numbers), "
        "fonts embedded as subsets, file written. Measured by `bench/pdf.py`.", "",
        pdf.markdown(pdf_results), "",
        "## Excel export and import (issue 6)", "",
        "An export is the whole workbook: the official tables (第一部分, 绩效 tables with computed scores, "
        "every project's 自评表) and one 填报 sheet per section, written through a temporary file. An import "
        "reads the 填报 sheets back into a document (checked cell by cell), which is what 文件 ▸ 导入Excel "
        "does before its preview. Measured by `bench/xlsx.py`.", "",
        xlsx.markdown(xlsx_results), "",
        "## Scaling: 50, 200 and 800 projects (issue 21)", "",
        "Budgets (issue 21): the 800-project document opens (open + first paint of the main window) in ≤ 2 s; "
        "Excel import, JSON import and `score_year` grow linearly: at 800 projects ≤ 4.5 × their 200-project "
        "time. The documents are what `fiscaldesk sample --large N` writes (12 indicators and 4 fund rows per "
        "project, 功能分类 rows 1.5 × the projects up to 1,200, 5 units), one process per size. Open is "
        "`MainWindow.open_document` on the saved file (lock, backup, load, 审核, scores, tabs) until the window "
        "has painted; an import reads the file back and plans it into an empty document (what 文件 ▸ 导入 does "
        "before its preview); full 审核 validation has no ratio budget and is shown for comparison. "
        "Measured by `bench/scaling.py`.", "",
        scaling.markdown(scaling_results), "",
        "## The frozen program (issue 7)", "",
        "Budgets (DESIGN.md §10): size ≤ 75 MB; cold start ≤ 1.5 × a bare PySide6 window frozen the same way. "
        "`bench/frozen.py` builds both with build.spec (FiscalDesk, and `bench/floor_window.py` with `-- --floor`), "
        "one file and one folder each, and times launch → the line `first-window`, printed once the window is "
        "shown and the event loop has run: for FiscalDesk that includes unpacking, Python, Qt, the bundled font, "
        "opening the last document (the sample), the 审核 and the tabs. Runs alternate between the programs.", "",
        frozen.markdown(frozen_results), "",
    ])
    target = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
    target.write_text(report, encoding="utf-8")
    print(report)
    print(reliability.write(reliability_results, machine()))  # docs/reliability.md
    if reliability_results["problems"]:
        raise SystemExit("crash drill: " + "; ".join(reliability_results["problems"][:5]))


if __name__ == "__main__":
    main()
