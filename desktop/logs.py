"""The program's log, for the office's IT staff: warnings, failures and their tracebacks.

A rotating file (fiscaldesk.log, five of 1 MB) in the local data folder's logs/ folder
(%LOCALAPPDATA%\\FiscalDesk\\logs on Windows; 帮助 ▸ 打开日志文件夹). The windowed program has no
console, so without it a failure would leave nothing to collect. The file is opened only when
there is something to write, so a start that logs nothing creates nothing, and a log that cannot
be written (a read-only profile) never stops the program.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop.paths import local_data_dir

LOG_FILE = "fiscaldesk.log"
MAX_BYTES, BACKUP_COUNT = 1_000_000, 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(name)s] %(message)s"


def log_dir() -> Path:
    return local_data_dir() / "logs"


def log_path() -> Path:
    return log_dir() / LOG_FILE


class _LogFile(logging.Handler):
    """Hands records to a RotatingFileHandler made on the first one: until something is logged,
    neither logging.handlers (which imports queue, socket, pickle) nor the folder nor the file
    costs anything. A record that cannot be written is dropped, never raised or printed."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                from logging.handlers import RotatingFileHandler
                os.makedirs(self.path.parent, exist_ok=True)
                self._file = RotatingFileHandler(self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                 encoding="utf-8")
                self._file.setFormatter(self.formatter)
                self._file.handleError = lambda _record: None
            self._file.emit(record)
        except Exception:  # noqa: BLE001 — a log that cannot be written never stops the program
            pass

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def start_logging() -> Path:
    """Send FiscalDesk's messages (INFO and above) and every library's warnings to the log file;
    once per process. The file's path."""
    path = log_path()
    root = logging.getLogger()
    if not any(isinstance(handler, _LogFile) for handler in root.handlers):
        handler = _LogFile(path)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
        logging.getLogger("desktop").setLevel(logging.INFO)
        logging.captureWarnings(True)
    return path


def stop_logging() -> None:
    """Close the log file and stop sending to it (start_logging again to resume)."""
    root = logging.getLogger()
    handlers = [h for h in root.handlers if isinstance(h, _LogFile)]
    for handler in handlers:
        root.removeHandler(handler)
        handler.close()
    if handlers:
        logging.captureWarnings(False)
