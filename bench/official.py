"""Official-table import time (issue 24): the 公开 tables read from a workbook and from a published
PDF, on the example and on the large generated document.

The workbook is FiscalDesk's own Excel export (its 表1…表11 sheets are read as any official
workbook's; the 填报 sheets are passed over); the PDF is its exported 决算公开说明, whose 第一部分
tables are read from their ruling lines and text layer. Each time covers reading the file and
assembling the import (what happens before the preview), and for the PDF also carrying the
figures into the next year's 上年数.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tables import markdown_table, median, timed
from xlsx import LARGE, RUNS

from desktop.domain.document import Document
from desktop.io.official import read_official
from desktop.io.official.prior import read_prior_year
from desktop.io.pdf import export_pdf
from desktop.io.samples import load_example
from desktop.io.xlsx import export_xlsx
from desktop.synthetic import build_document


def run() -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, document in (("example", load_example()),
                               ("large: 300 功能分类 rows, 200 projects", build_document(**LARGE))):
            year = max(document.years)
            workbook, pdf = Path(folder) / "bench.xlsx", Path(folder) / "bench.pdf"
            export_xlsx(document, workbook, year=year)
            export_pdf(document, pdf, year=year, draft=True)
            next_year = Document.new(document.department_name, year + 1, document.year(year).profile)
            workbook_times, pdf_times = [], []
            for _ in range(RUNS):
                elapsed, result = timed(lambda: read_official(workbook, document, year))
                workbook_times.append(elapsed)
                elapsed, prior = timed(lambda: read_prior_year(pdf, next_year, year + 1))
                pdf_times.append(elapsed)
            rows = sum(len(document.year(year).section(s).rows) for s in
                       ("functional_income", "functional_expenditure", "gp_functional", "gp_basic_economic"))
            results.append({"name": name, "tables": len(result.tables), "rows": rows,
                            "workbook": median(workbook_times), "pdf": median(pdf_times), "pdf_tables": len(prior.tables)})
    return results


def markdown(results: list[dict]) -> str:
    rows = [[r["name"], str(r["tables"]), str(r["rows"]), f"{r['workbook']:.2f} s", str(r["pdf_tables"]),
             f"{r['pdf']:.2f} s"] for r in results]
    return markdown_table(["document", "tables in the workbook", "科目 rows", f"workbook import (median of {RUNS})",
                           "tables in the PDF", f"上年数 from the PDF (median of {RUNS})"], rows)


if __name__ == "__main__":
    print(markdown(run()))
