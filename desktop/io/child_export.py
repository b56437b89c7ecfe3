"""One export (PDF, Word, 审核说明 PDF, Excel) run in a child process, so the window never holds
the exporter.

Laying out the 273-page PDF of a department-sized document imports reportlab and builds hundreds
of megabytes of flowables; Python keeps most of that memory after the export ends. Run in the
window's process it left the window at ~340 MiB (from ~110) and froze it between progress
callbacks. Here the export runs in a child started with the "spawn" method (a fresh interpreter:
no copy of Qt or of the window, the same on Windows and Linux, and in the frozen program through
`multiprocessing.freeze_support()` in `desktop.__main__`), and its memory goes back to the system
when it exits.

The document is pickled in the parent (exact: the same objects, ~10 ms for 200 projects) and sent
as bytes by a thread, so the window never waits for the child to start and read them (~0.3 s for
200 projects when written by the window itself); the child never opens the document file, whose
lock the window holds. The child reports progress (stage, done, total), then
the result or the exception, through a one-way pipe that the parent reads without blocking
(`ChildExport.poll`, called from a timer in the window). `cancel` terminates the child; since a
killed child cannot tidy up, the parent removes the temporary `.part` file the export was writing
(`desktop.io.export.atomic_write`), so a cancelled, failed or crashed export leaves no file behind
and an earlier file of the same name untouched. Nothing here imports Qt or a renderer.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from desktop.domain.document import Document
from desktop.io.export import part_path

PROGRESS_INTERVAL_S = 0.05  # the child sends at most ~20 progress messages a second (and every new stage)
JOIN_TIMEOUT_S = 5.0


class ChildExportDied(Exception):
    """The child ended without a result: it crashed or was killed; str() says how, in Chinese."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        if exitcode is not None and exitcode < 0:
            how = f"被系统终止（信号 {-exitcode}），可能是内存不足"
        else:
            how = f"意外退出（退出码 {exitcode}）"
        super().__init__(f"导出进程{how}")

    def __reduce__(self):
        return ChildExportDied, (self.exitcode,)


@dataclass(frozen=True)
class ExportJob:
    """What the child runs: `export(document, path, progress=…, **options)`. `export` must be a
    module-level function (it is pickled by name and imported again in the child)."""

    export: Callable[..., Any]
    document: Document
    path: Path
    options: dict[str, Any] = field(default_factory=dict)


# -- the exporters a job names (module-level, Qt-free; each imports its renderer in the child) --

def export_pdf(document: Document, path: Path, **options) -> Any:
    from desktop.io import pdf
    return pdf.export_pdf(document, path, **options)


def export_docx(document: Document, path: Path, **options) -> Any:
    from desktop.io import docx
    return docx.export_docx(document, path, **options)


def export_audit_pdf(document: Document, path: Path, **options) -> Any:
    from desktop.io import pdf
    return pdf.export_audit_pdf(document, path, **options)


def export_xlsx(document: Document, path: Path, progress=None, **options) -> Any:
    from desktop.io import xlsx
    if progress is not None:
        progress("正在生成工作簿…", 0, 1)
    return xlsx.export_xlsx(document, path, **options)


# -- the child -----------------------------------------------------------------------------

def _portable(exc: BaseException) -> BaseException:
    """`exc` if it survives pickling (OSError keeps its errno and file name), else a RuntimeError
    with its text, so the parent always learns the cause."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 — any failure to pickle: send the text instead
        return RuntimeError(str(exc) or type(exc).__name__)


def _feed(writer: Connection, payload: bytes) -> None:
    """The parent's thread that hands the job to the child (blocks until the child has read it)."""
    try:
        writer.send_bytes(payload)
    except OSError:
        pass  # the child is gone before reading it: ChildExport.poll reports that
    finally:
        writer.close()


def _child_main(jobs: Connection, channel: Connection) -> None:
    """Runs in the child: read and unpickle the job, export, send the result or the exception."""
    last = [0.0, ""]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != last[1] or now - last[0] >= PROGRESS_INTERVAL_S or done >= total:
            last[0], last[1] = now, stage
            channel.send(("progress", stage, done, total))

    try:
        job: ExportJob = pickle.loads(jobs.recv_bytes())
        jobs.close()
        result = job.export(job.document, job.path, progress=progress, **job.options)
    except BaseException as exc:  # noqa: BLE001 — every failure goes to the parent
        channel.send(("error", _portable(exc), traceback.format_exc()))
    else:
        channel.send(("result", result))
    channel.close()
    # Everything is written and sent: leave without tearing down the heap of the layout (a
    # large export's interpreter shutdown takes longer than the parent should wait for it).
    os._exit(0)


# -- the parent ----------------------------------------------------------------------------

class ChildExport:
    """One export running in a child process; the parent calls `poll()` until it returns True,
    then `outcome()`, or `cancel()` at any time."""

    def __init__(self, job: ExportJob) -> None:
        self.path = Path(job.path)
        self.stage, self.done, self.total = "正在准备…", 0, 1
        self.traceback = ""  # the child's traceback, when it raised (for the log)
        self._outcome: tuple[str, Any] | None = None
        self._closed = False
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        context = multiprocessing.get_context("spawn")
        self._channel, sender = context.Pipe(duplex=False)  # child → parent: progress, then the outcome
        jobs, writer = context.Pipe(duplex=False)           # parent → child: the job
        self._process = context.Process(target=_child_main, args=(jobs, sender), name="fiscaldesk-export",
                                        daemon=True)
        self._process.start()
        sender.close()  # the child holds the only writing end: EOF once it is gone
        jobs.close()
        self._feeder = threading.Thread(target=_feed, args=(writer, payload), name="fiscaldesk-export-job",
                                        daemon=True)
        self._feeder.start()

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    def poll(self) -> bool:
        """Read whatever the child sent, without waiting; True once it has finished (result,
        exception, or death)."""
        while self._outcome is None:
            try:
                if not self._channel.poll():
                    break
                message = self._channel.recv()
            except (EOFError, OSError):  # the child is gone without a word
                break
            if message[0] == "progress":
                _, self.stage, self.done, self.total = message
            elif message[0] == "result":
                self._outcome = ("result", message[1])
            else:
                self._outcome = ("error", message[1])
                self.traceback = message[2]
        if self._outcome is None and not self._process.is_alive():
            self._process.join()
            self._outcome = ("error", ChildExportDied(self._process.exitcode))
        if self._outcome is not None:
            self._finish()
        return self._outcome is not None

    def outcome(self) -> Any:
        """The exporter's result; raises the child's exception (or ChildExportDied)."""
        if self._outcome is None:
            raise RuntimeError("the export has not finished")
        kind, value = self._outcome
        if kind == "error":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child (if still running) and remove the file it was writing."""
        if self._outcome is None:
            self._process.terminate()
            self._process.join(JOIN_TIMEOUT_S)
            if self._process.is_alive():
                self._process.kill()
            self._outcome = ("error", ChildExportDied(self._process.exitcode))
        self._finish()

    def _finish(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._process.is_alive():
            self._process.join(JOIN_TIMEOUT_S)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        self._feeder.join(JOIN_TIMEOUT_S)  # the child is gone: its end of the job pipe is closed
        if self._outcome is not None and self._outcome[0] == "error":
            part_path(self.path).unlink(missing_ok=True)
        self._channel.close()
        self._process.close()

    def wait(self, interval: float = 0.05) -> Any:
        """Block until the child finishes (for the command line and the bench), then `outcome()`."""
        while not self.poll():
            self._channel.poll(interval)
        return self.outcome()


def run_export(job: ExportJob) -> Any:
    """Run `job` in a child process and wait for it; its result, or its exception raised here."""
    return ChildExport(job).wait()
