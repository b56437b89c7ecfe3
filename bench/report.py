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
import official  # noqa: E402
import pdf  # noqa: E402
import reliability  # noqa: E402
import scaling  # noqa: E402
import units  # noqa: E402
import validation  # noqa: E402
import xlsx  # noqa: E402
from tables import machine  # noqa: E402


def main() -> None:
    results = validation.run()
    gui_results = gui.run()
    pdf_results = pdf.run()
    pdf_window = pdf.window_run()
    xlsx_results = xlsx.run()
    official_results = official.run()
    units_results = units.run()
    scaling_results = scaling.run()
    frozen_results = frozen.run()
    reliability_results = reliability.run()
    report = "\n".join([
        "# Performance", "",
        f"Measured {date.today().isoformat()} on: {machine()}.", "",
        "Command: `make bench` (runs `bench/report.py`, which rewrites this file).", "",
        "## 审核 validation (issue 3)", "",
        "Budgets (DESIGN.md §10): incremental re-validation after one edit ≤ 5 ms median; "
        "full validation ≤ 100 ms; issue 21: incremental p95 ≤ 5 ms on the large document over every edit kind. "
        f"Edits are {validation.EDITS_PER_KIND} of each kind a clerk makes, in every section "
        "(`desktop/synthetic_edits.py`: amounts, counts, decimals, indicator values, texts such as names "
        "and reasons, codes, choices, the project of an indicator or fund row, row insert and row remove), "
        "each applied as the editor's command and fed to `Engine.update` as the editing session does; "
        "the second table gives the large document's figures per kind. Each update is also run again "
        f"{validation.REPEATS - 1} times with the same changes (the same work); the least of these, beside "
        "the first, leaves out another process's time slice landing in an update on a shared machine. "
        "The third document is the large one with figures in its typed texts "
        f"({validation.TEXTS_PER_COLUMN} rows of every prose column 审核 K-22 reads, and every project's 概况): "
        "an edit of a table such a text's group reads rebuilds that group's part of the 说明 before the texts "
        "are checked (the 300-row 一般公共预算 part takes about 3 ms), so this document's p95 is above the 5 ms "
        "budget, which holds on the large document (its texts, like most reasons, state no figure).", "",
        validation.markdown(results), "",
        "## Main window: edit → last paint (issues 4 and 21)", "",
        "Budgets: edit → last paint p95 ≤ 50 ms on the 200-project document over all edit kinds, also with "
        "2,400 open warnings and with a project header on screen; score panel work after an edit ≤ 20 ms "
        "(DESIGN.md §10, issue 21). `bench/gui.py` makes every edit kind of every section through the real window "
        f"(offscreen): {gui.EDITS_PER_COLUMN} typed values per editable column of every table (amounts, counts, "
        "numbers, texts, codes, choices, yes/no, reasons, indicator values) through the table model's `setData`, "
        "as the cell editor does on Enter; row insert and remove through the view's commands (编辑 ▸ 插入行 / "
        "删除所选行); undo and redo through the 编辑 menu; an indicator or fund row moved to another project. "
        "The clock stops at the LAST paint: an application event filter counts Paint and UpdateRequest events and "
        "events are processed until two rounds in a row paint nothing. Documents: the 200-project one; the same "
        "with every indicator raising a warning (2,400 open warnings); the 200-project one edited on the 项目自评 "
        "page with a project's header (计算总分) and the project list's scores on screen. The worst kind is the "
        "one with the highest p95. CPU time per edit is the window process's own (the machine may be shared). "
        "The score panel (and the 计算得分 cells) refresh after 120 ms without typing; that refresh is timed "
        "separately.", "",
        gui.markdown(gui_results), "",
        "## PDF export (issue 5)", "",
        "Budgets (DESIGN.md §10): seed 1 ≤ 2 s, the large document ≤ 20 s, with a progress indicator "
        "(issue 21: ≤ 10 s). A run is the whole export: gate (审核), scores, 说明, one layout pass (the "
        "contents' page numbers are forms filled in once the pages are known; issue 21, was two passes), fonts "
        "embedded as subsets, file written. Measured by `bench/pdf.py`.", "",
        "In the program the export runs in a child process (`desktop/io/child_export.py`), so the window "
        "neither freezes nor keeps the exporter's memory. The second table is a fresh process with the main "
        "window (offscreen) on the large document, exporting it twice through 文件 ▸ 导出PDF's controller: "
        "the time from the command to the result (child start, sending the document, export) and the "
        "window's resident memory before the first and after the second export (issue 21: within 20 MiB; "
        "run in the window's own process the export left it ~260 MiB larger).", "",
        pdf.markdown(pdf_results, pdf_window), "",
        "## Excel export and import (issue 6)", "",
        "An export is the whole workbook: the official tables (第一部分, 绩效 tables with computed scores, "
        "every project's 自评表) and one 填报 sheet per section, written through a temporary file. An import "
        "reads the 填报 sheets back into a document (checked cell by cell), which is what 文件 ▸ 导入Excel "
        "does before its preview. Measured by `bench/xlsx.py`.", "",
        xlsx.markdown(xlsx_results), "",
        "## Official-table import (issue 24)", "",
        "文件 ▸ 导入官方报表… reads the 公开 tables of a workbook in their official layout (here FiscalDesk's "
        "own export, whose 表1…表11 sheets are found by their titles; its 填报 sheets are passed over) and "
        "assembles the import; 文件 ▸ 从上年公开文件导入上年数… reads the 第一部分 tables of a published PDF "
        "(here the exported 决算公开说明, a 草稿 with its watermark) from their ruling lines and text layer and "
        "carries them into the next year's 上年数. Both times are what happens before the preview. The large "
        "document's PDF has about 275 pages, most of them 自评表 tables that are looked at and passed over. "
        "Measured by `bench/official.py`.", "",
        official.markdown(official_results), "",
        "## A department of 5 units (issue 25)", "",
        "The large document (200 projects × 12 indicators, 300 功能分类 rows) entered per unit: 本级 and 4 所属单位, "
        "each a consistent department of its own (`fiscaldesk sample --large 200 --units 5`), the department's "
        "tables their 汇总, computed on loading and after every unit edit, never stored. Budgets are those above: "
        "full validation ≤ 100 ms and one edit's 审核 ≤ 5 ms at p95 (DESIGN.md §10 names this very document: "
        "200 projects, 300 功能分类 rows, 5 units), the PDF ≤ 10 s (issue 21). Full validation here is the "
        "department's 汇总 and each unit's own 审核 (`YearEngine`); one unit edit is the editing session's whole "
        f"step without the file: the edit, the 汇总 of that section, the unit's and the 汇总's 审核 "
        f"({units.EDITS} edits: amounts, counts and codes of every per-unit section, row inserts). The 公开清单 asks "
        "every unit's export gate. The row below is the same document not entered per unit, for comparison. "
        "Measured by `bench/units.py`.", "",
        units.markdown(units_results), "",
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
        "## The frozen program (issues 7 and 21)", "",
        "Budgets (issue 21): one file ≤ 55 MB; cold start to the first paint ≤ 1.2 × a bare PySide6 window "
        "frozen the same way; one folder, cold start to the first paint ≤ 450 ms. "
        "`bench/frozen.py` builds both with build.spec (FiscalDesk, and `bench/floor_window.py` with `-- --floor`), "
        "one file and one folder each, and times launch → the line `first-window`, printed once the window has "
        "painted its first frame (from a zero timer started by its first Paint event): unpacking, Python, Qt, "
        "the window's font and the window. The window uses the system's Chinese UI font where it has one (this "
        "machine has 文泉驿微米黑, as a clerk's PC has 微软雅黑); the bundled font, and everything only a document, "
        "an export or a print needs (SQLite, QtPrintSupport, the 审核 engine…), comes after the first paint. "
        "FiscalDesk then opens the last document (the sample), runs the 审核, "
        "builds the tabs and paints them: the last column times launch → that line, `document-window`. "
        "Runs alternate between the programs (pairs), median of 9.", "",
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
