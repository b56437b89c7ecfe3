"""A department entered per unit (issue 25): the large document as 5 units, each with its own
tables, and the department's 汇总 computed from them.

Measured: the file's load (the 汇总 is computed on loading, never stored); the full 审核 of the
department and of every unit (the session's YearEngine); one edit of a unit's cell as the editing
session makes it (the edit, the 汇总 recomputed for that section, the 审核 of the unit and of the
汇总 re-run for what changed; no file, so the disk is left out), over amounts, counts and codes of
every per-unit section and row inserts; the 公开清单 (every unit's export gate); the PDF of the
department's 部门决算公开 and of one unit's 单位决算公开. The undivided large document is beside it
for comparison.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from tables import markdown_table, median, p95, timed

from desktop.domain.department_units import reporting_units, unit_key, unit_publication
from desktop.domain.money import Money
from desktop.editing.commands import CellValue, InsertRows, SetCells
from desktop.editing.session import EditSession
from desktop.io.pdf import export_pdf
from desktop.publication.checklist import checklist
from desktop.rules.unit_engine import YearEngine
from desktop.store.docfile import DocumentFile
from desktop.synthetic import build_document, large_proportions

PROJECTS = 200
UNITS = 5
EDITS = 400
RUNS = 5
YEAR = 2023


def documents():
    proportions = large_proportions(PROJECTS) | {"units": UNITS}
    return (("200 projects, 300 功能分类 rows, 5 units entered per unit", build_document(**proportions, per_unit=True)),
            ("the same, not entered per unit (for comparison; its edits are the department's own)", build_document(**proportions)))


def unit_edits(document, count: int) -> list:
    """Edits of the units' own cells: amounts, counts and codes of every per-unit section, row
    inserts; of the department's own sections in a document not entered per unit (the comparison)."""
    rng = random.Random(25)
    year = document.year(YEAR)
    units = [unit.id for unit in reporting_units(document)] if year.units else [None]
    edits = []
    while len(edits) < count:
        unit = rng.choice(units)
        key = rng.choice(document.schema.per_unit_keys)
        key = key if unit is None else unit_key(key, unit)
        data = year.section(key)
        if not data.rows:
            continue
        row = rng.choice(list(data.rows))
        kind = rng.random()
        if kind < 0.1 and data.section.kind == "table":
            edits.append(InsertRows(YEAR, key, 0, [{}], "插入行"))
            continue
        columns = [c for c in data.section.columns if c.type in ("money", "integer", "code")
                   and not data.section.is_computed(row, c.key)]
        if not columns:
            continue
        column = rng.choice(columns)
        if column.type == "money":
            value = Money(rng.randrange(10**9))
        elif column.type == "integer":
            value = rng.randrange(20)
        else:
            codes = [r[column.key] for r in data.rows.values() if r.get(column.key)]
            value = rng.choice(codes) if codes else None
        edits.append(SetCells([CellValue(YEAR, key, row, column.key, value)], "改"))
    return edits


def run() -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, document in documents():
            path = Path(folder) / f"units{len(results)}.fdesk"
            DocumentFile.create(path, document).close()
            loads = []
            for _ in range(RUNS):
                with DocumentFile.open(path, read_only=True) as file:
                    elapsed, _loaded = timed(file.load)
                loads.append(elapsed)
            full = [timed(lambda: YearEngine(document, YEAR).validate())[0] for _ in range(RUNS)]
            edit_times: list[float] = []
            session = EditSession(document, None, YEAR)
            for command in unit_edits(document, EDITS):
                edit_times.append(timed(lambda: session.do(command))[0])
            lists = [timed(lambda: checklist(document, YEAR))[0] for _ in range(2)]
            pdf_department, _ = timed(lambda: export_pdf(document, Path(folder) / "d.pdf", year=YEAR, draft=True))
            unit = reporting_units(document)[2]
            pdf_unit, result = timed(lambda: export_pdf(unit_publication(document, YEAR, unit),
                                                       Path(folder) / "u.pdf", year=YEAR, draft=True))
            results.append({"name": name, "load": median(loads), "full": median(full),
                            "edit": median(edit_times), "edit_p95": p95(edit_times),
                            "checklist": median(lists), "pdf_department": pdf_department, "pdf_unit": pdf_unit,
                            "unit_pages": result.pages})
    return results


def markdown(results: list[dict]) -> str:
    def ms(value):
        return "—" if value is None else f"{value * 1000:.1f} ms"
    rows = [[r["name"], ms(r["load"]), ms(r["full"]), ms(r["edit"]), ms(r["edit_p95"]), ms(r["checklist"]),
             f"{r['pdf_department']:.2f} s", f"{r['pdf_unit']:.2f} s ({r['unit_pages']} pages)"] for r in results]
    return markdown_table(["document", f"load (median of {RUNS})", "full 审核: department and units",
                           f"one unit edit (median of {EDITS})", "p95", "公开清单", "PDF: 部门决算公开",
                           "PDF: one 单位决算公开"], rows)


if __name__ == "__main__":
    print(markdown(run()))
