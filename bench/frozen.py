"""The frozen program (issue 7): its size and its cold start, against a bare PySide6 window.

Both programs are built here by build.spec, the same way (one file, the same trimming): FiscalDesk
and bench/floor_window.py (`-- --floor`). A start is timed from launching the process to the line
"first-window", which each prints once its window has been shown and the event loop has run
(FiscalDesk's hidden `--startup-probe`), so the one-file unpacking, Python, Qt, the bundled font,
opening the last document, validating it and building the tabs are all inside. Before every run
the kernel's page cache is dropped when this process may (root on Linux): a cold start, as after
switching the PC on. Runs alternate between the two programs so drift affects both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tables import markdown_table, median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import dist  # noqa: E402  (packaging/ is not a package)

RUNS = 9
SIZE_BUDGET_MB = 75
START_BUDGET = 1.5
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def _drop_caches() -> bool:
    try:
        os.sync()
        DROP_CACHES.write_text("3\n")
        return True
    except OSError:
        return False


def _start(command: list[str], environment: dict[str, str], cold: bool) -> float:
    if cold:
        _drop_caches()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment,
                               text=True)
    elapsed = None
    for line in process.stdout:
        if line.startswith("first-window") and elapsed is None:
            elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if elapsed is None:
        raise RuntimeError(f"{command[0]} never showed its window (exit code {process.returncode})")
    return elapsed


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="fiscaldesk-bench-") as folder:
        work = Path(folder)
        program = dist.build(distpath=work / "dist", workpath=work / "build", shape="--both")
        floor = dist.build(floor=True, distpath=work / "dist", workpath=work / "build-floor", shape="--both")
        home = work / "home"
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home),
                           XDG_DATA_HOME=str(home / "data"), APPDATA=str(home / "AppData"))
        fiscaldesk = [str(program), "--startup-probe"]
        _start(fiscaldesk, environment, cold=False)  # first run: creates the sample, as a clerk's first start
        cold = _drop_caches()
        times: dict[str, list[float]] = {"fiscaldesk": [], "floor": [], "fiscaldesk-onedir": [], "floor-onedir": []}
        commands = {"fiscaldesk": fiscaldesk, "floor": [str(floor)],
                    "fiscaldesk-onedir": [str(dist.onedir_program(work / "dist")), "--startup-probe"],
                    "floor-onedir": [str(dist.onedir_program(work / "dist", "FloorWindow"))]}
        for _ in range(RUNS):
            for name, command in commands.items():
                times[name].append(_start(command, environment, cold))
        return {
            "cold": cold,
            "size": program.stat().st_size, "floor_size": floor.stat().st_size,
            "folder_size": dist.folder_size(dist.onedir_program(work / "dist").parent),
            "start": {name: median(values) for name, values in times.items()},
            "max": {name: max(values) for name, values in times.items()},
        }


def markdown(result: dict) -> str:
    start, worst = result["start"], result["max"]
    ratio = start["fiscaldesk"] / start["floor"]
    folder_ratio = start["fiscaldesk-onedir"] / start["floor-onedir"]
    mb = dist.megabytes
    rows = [
        ["FiscalDesk, one file (`dist/FiscalDesk`)", mb(result["size"]), f"{start['fiscaldesk'] * 1000:.0f} ms",
         f"{worst['fiscaldesk'] * 1000:.0f} ms", f"{ratio:.2f} × floor"],
        ["floor: bare PySide6 window, one file", mb(result["floor_size"]), f"{start['floor'] * 1000:.0f} ms",
         f"{worst['floor'] * 1000:.0f} ms", ""],
        ["FiscalDesk, one folder (the installer's payload)", mb(result["folder_size"]) + " unpacked",
         f"{start['fiscaldesk-onedir'] * 1000:.0f} ms", f"{worst['fiscaldesk-onedir'] * 1000:.0f} ms",
         f"{folder_ratio:.2f} × floor"],
        ["floor, one folder", "", f"{start['floor-onedir'] * 1000:.0f} ms", f"{worst['floor-onedir'] * 1000:.0f} ms", ""],
    ]
    verdict = (f"Size {mb(result['size'])} (budget ≤ {SIZE_BUDGET_MB} MB): "
               f"{'within' if result['size'] <= SIZE_BUDGET_MB * 1_000_000 else 'OVER'} budget. "
               f"Start {ratio:.2f} × the floor (budget ≤ {START_BUDGET} ×): "
               f"{'within' if ratio <= START_BUDGET else 'OVER'} budget.")
    caches = ("page cache dropped before every run (cold)" if result["cold"]
              else "page cache could not be dropped (not root): warm starts")
    return "\n".join([markdown_table(["program", "size", f"start → first window (median of {RUNS})", "max", "ratio"],
                                     rows), "", f"{verdict} Offscreen platform; {caches}."])


if __name__ == "__main__":
    print(markdown(run()))
