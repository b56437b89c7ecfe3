"""Excel export and import time (issue 6): seed 1 and the large generated document.

An export is the whole workbook: the official tables (with scores), one 填报 sheet per section,
written to a file. An import reads the 填报 sheets back into a document (what 文件 ▸ 导入Excel
and `fiscaldesk import` do before the preview). The first export of a process also imports
openpyxl; it is reported separately.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tables import markdown_table, median, timed

from desktop.io.samples import load_sample
from desktop.io.xlsx import export_xlsx, read_xlsx
from desktop.synthetic import build_document

RUNS = 3
LARGE = dict(projects=200, functional_rows=300, units=5)


def run() -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        first, _ = timed(lambda: export_xlsx(load_sample(1), path))
        for name, document in (("seed 1", load_sample(1)),
                               ("large: 200 projects × 12 indicators, 300 功能分类 rows, 5 units", build_document(**LARGE))):
            exports, imports = [], []
            for _ in range(RUNS):
                elapsed, result = timed(lambda: export_xlsx(document, path))
                exports.append(elapsed)
                elapsed, _ = timed(lambda: read_xlsx(path))
                imports.append(elapsed)
            results.append({"name": name, "sheets": result.sheets, "size": path.stat().st_size,
                            "export": median(exports), "import": median(imports)})
    results.append({"name": "first export of the process (imports openpyxl)", "sheets": None, "size": None,
                    "export": first, "import": None})
    return results


def markdown(results: list[dict]) -> str:
    rows = [[r["name"], "" if r["sheets"] is None else str(r["sheets"]),
             "" if r["size"] is None else f"{r['size'] / 1024:.0f} KB", f"{r['export']:.2f} s",
             "" if r["import"] is None else f"{r['import']:.2f} s"] for r in results]
    return markdown_table(["document", "sheets", "file", f"export (median of {RUNS})", f"import (median of {RUNS})"],
                          rows)


if __name__ == "__main__":
    print(markdown(run()))
