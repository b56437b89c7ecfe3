"""The frozen program (issues 7 and 21): its size and its cold start, against a bare PySide6 window.

Both programs are built here by build.spec, the same way (one file, the same trimming): FiscalDesk
and bench/floor_window.py (`-- --floor`). A start is timed from launching the process to the line
"first-window", which each prints once its window has painted for the first time (FiscalDesk's
hidden `--startup-probe`; from a zero timer started by the window's first Paint event, so after
the whole first frame), so the one-file unpacking, Python, Qt, the window's font and building the
window are all inside. FiscalDesk then opens the last document (the sample), runs the 审核, builds
the tabs and paints them: its line "document-window" is timed too. Before every run the kernel's
page cache is dropped when this process may (root on Linux): a cold start, as after switching the
PC on. Runs alternate between the two programs so drift affects both alike.
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
SIZE_BUDGET_MB = 55
START_BUDGET = 1.2  # one file, to the first paint, × the floor
FOLDER_BUDGET_MS = 450  # one folder, to the first paint
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def _drop_caches() -> bool:
    try:
        os.sync()
        DROP_CACHES.write_text("3\n")
        return True
    except OSError:
        return False


def _start(command: list[str], environment: dict[str, str], cold: bool) -> dict[str, float]:
    """Seconds from launch to each marker line ("first-window", "document-window") the program printed."""
    if cold:
        _drop_caches()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment,
                               text=True)
    seen: dict[str, float] = {}
    for line in process.stdout:
        seen.setdefault(line.split(" ")[0].strip(), time.perf_counter() - start)
    process.wait(timeout=60)
    if "first-window" not in seen:
        raise RuntimeError(f"{command[0]} never showed its window (exit code {process.returncode})")
    return seen


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
        commands = {"fiscaldesk": fiscaldesk, "floor": [str(floor)],
                    "fiscaldesk-onedir": [str(dist.onedir_program(work / "dist")), "--startup-probe"],
                    "floor-onedir": [str(dist.onedir_program(work / "dist", "FloorWindow"))]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        documents: dict[str, list[float]] = {"fiscaldesk": [], "fiscaldesk-onedir": []}
        for _ in range(RUNS):
            for name, command in commands.items():
                seen = _start(command, environment, cold)
                times[name].append(seen["first-window"])
                if name in documents:
                    documents[name].append(seen["document-window"])
        return {
            "cold": cold,
            "size": program.stat().st_size, "floor_size": floor.stat().st_size,
            "folder_size": dist.folder_size(dist.onedir_program(work / "dist").parent),
            "start": {name: median(values) for name, values in times.items()},
            "max": {name: max(values) for name, values in times.items()},
            "document": {name: median(values) for name, values in documents.items()},
        }


def markdown(result: dict) -> str:
    start, worst, document = result["start"], result["max"], result.get("document", {})
    ratio = start["fiscaldesk"] / start["floor"]
    folder_ratio = start["fiscaldesk-onedir"] / start["floor-onedir"]
    mb = dist.megabytes

    def ms(seconds: float | None) -> str:
        return "" if seconds is None else f"{seconds * 1000:.0f} ms"

    rows = [
        ["FiscalDesk, one file (`dist/FiscalDesk`)", mb(result["size"]), ms(start["fiscaldesk"]),
         ms(worst["fiscaldesk"]), f"{ratio:.2f} × floor", ms(document.get("fiscaldesk"))],
        ["floor: bare PySide6 window, one file", mb(result["floor_size"]), ms(start["floor"]), ms(worst["floor"]), "",
         ""],
        ["FiscalDesk, one folder (the installer's payload)", mb(result["folder_size"]) + " unpacked",
         ms(start["fiscaldesk-onedir"]), ms(worst["fiscaldesk-onedir"]), f"{folder_ratio:.2f} × floor",
         ms(document.get("fiscaldesk-onedir"))],
        ["floor, one folder", "", ms(start["floor-onedir"]), ms(worst["floor-onedir"]), "", ""],
    ]
    verdict = (f"Size {mb(result['size'])} (budget ≤ {SIZE_BUDGET_MB} MB): "
               f"{'within' if result['size'] <= SIZE_BUDGET_MB * 1_000_000 else 'OVER'} budget. "
               f"One file to the first paint {ratio:.2f} × the floor (budget ≤ {START_BUDGET} ×): "
               f"{'within' if ratio <= START_BUDGET else 'OVER'} budget. "
               f"One folder to the first paint {start['fiscaldesk-onedir'] * 1000:.0f} ms "
               f"(budget ≤ {FOLDER_BUDGET_MS} ms): "
               f"{'within' if start['fiscaldesk-onedir'] * 1000 <= FOLDER_BUDGET_MS else 'OVER'} budget.")
    caches = ("page cache dropped before every run (cold)" if result["cold"]
              else "page cache could not be dropped (not root): warm starts")
    return "\n".join([markdown_table(["program", "size", f"start → first paint (median of {RUNS})", "max", "ratio",
                                      "→ document on screen (median)"], rows), "", f"{verdict} Offscreen platform; {caches}."])


if __name__ == "__main__":
    print(markdown(run()))
