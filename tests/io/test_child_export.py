"""desktop.io.child_export: one export in a child process, its result, its failures and its death."""

import os
import time
from datetime import date

import child_fakes
import pytest
from pypdf import PdfReader

from desktop.io.child_export import ChildExport, ChildExportDied, ExportJob, export_pdf, run_export
from desktop.io.samples import load_sample
from desktop.synthetic import build_document


def test_the_child_writes_the_pdf_the_exporter_writes(tmp_path):
    from desktop.io import pdf
    options = {"year": 2023, "draft": True, "today": date(2024, 8, 20)}
    result = run_export(ExportJob(export_pdf, load_sample(1), tmp_path / "child.pdf", options))
    here = pdf.export_pdf(load_sample(1), tmp_path / "here.pdf", **options)
    assert (result.path, result.pages, result.draft) == (tmp_path / "child.pdf", here.pages, True)
    texts = [[page.extract_text() for page in PdfReader(path).pages] for path in (result.path, here.path)]
    assert texts[0] == texts[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["child.pdf", "here.pdf"]


def test_the_job_runs_in_another_process_on_a_copy_of_the_document(tmp_path):
    document = build_document()
    export = ChildExport(ExportJob(child_fakes.echo, document, tmp_path / "x.txt", {"year": 2023}))
    result = export.wait()
    assert result["pid"] != os.getpid() and result["options"] == {"year": 2023}
    assert (tmp_path / "x.txt").read_text("utf-8") == document.department_name
    assert (export.stage, export.done, export.total) == ("写入", 1, 1)


def test_an_exception_comes_back_with_its_type_or_its_text(tmp_path):
    with pytest.raises(FileNotFoundError):
        run_export(ExportJob(child_fakes.missing_folder, build_document(), tmp_path / "no" / "x.txt"))
    with pytest.raises(RuntimeError, match="第 3 行：无法排版"):
        run_export(ExportJob(child_fakes.unpicklable, build_document(), tmp_path / "x.txt"))
    assert list(tmp_path.iterdir()) == []


def test_a_child_that_dies_is_an_error_and_its_temporary_file_goes(tmp_path):
    with pytest.raises(ChildExportDied, match="退出码 7") as died:
        run_export(ExportJob(child_fakes.dies, build_document(), tmp_path / "x.pdf"))
    assert died.value.exitcode == 7 and "没有" not in str(died.value)
    assert list(tmp_path.iterdir()) == []


def test_cancel_terminates_the_child_and_removes_its_temporary_file(tmp_path):
    export = ChildExport(ExportJob(child_fakes.endless, build_document(), tmp_path / "x.pdf"))
    while not (tmp_path / ".x.pdf.part").exists():
        assert not export.poll()
        time.sleep(0.01)
    export.cancel()
    assert export.finished and list(tmp_path.iterdir()) == []
    with pytest.raises(ChildExportDied, match="信号"):
        export.outcome()
