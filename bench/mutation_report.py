"""docs/mutation.md from a mutmut run: totals per package and every surviving mutant with its note.

The notes (bench/mutation_notes.py) say, per surviving mutant, why it is equivalent (no test can
tell it from the original), or which test now kills it when the report was written before that
test ran. A survivor without a note is listed as not yet examined.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutation_notes import ISSUE_MUTANTS, KILLED_BY, NOTES  # noqa: E402  (bench/ is not a package)
from tables import machine, markdown_table  # noqa: E402

PACKAGES = ("desktop.rules", "desktop.scoring")
COUNTED = ("killed", "survived", "timeout", "no tests", "suspicious", "segfault", "skipped", "caught by type check")


def package(mutant: str) -> str:
    return next((p for p in PACKAGES if mutant.startswith(p + ".")), "other")


def totals(statuses: dict[str, str]) -> dict[str, Counter]:
    per: dict[str, Counter] = {p: Counter() for p in PACKAGES}
    for name, status in statuses.items():
        per.setdefault(package(name), Counter())[status] += 1
    return per


def killed_share(counts: Counter) -> float:
    """Killed (timeouts count as killed: the mutant hung the tests) over every mutant tests can reach."""
    tested = sum(counts.values()) - counts["not checked"] - counts["skipped"]
    return (counts["killed"] + counts["timeout"] + counts["caught by type check"]) / tested if tested else 0.0


def note(name: str) -> str:
    return NOTES.get(name, "Not examined yet.")


def margin(counts: Counter) -> float:
    """Half the 95 % confidence interval of a killed share measured on a sample."""
    n = sum(counts.values())
    share = killed_share(counts)
    return 1.96 * math.sqrt(share * (1 - share) / n) if n else 0.0


def first_share(counts: Counter, earlier: list[str], name: str) -> float:
    """The killed share before the survivors were re-run (earlier survivors counted as not killed)."""
    total = sum(counts.values())
    return (total - sum(1 for n in earlier if n.startswith(name + "."))) / total if total else 0.0


def killed_by(name: str) -> str:
    function = name.rsplit("__mutmut_", 1)[0]
    return KILLED_BY.get(name) or KILLED_BY.get(function) or "the new golden-message and golden-score tests"


def write_report(statuses: dict[str, str], diff: Callable[[str], str], seconds: float, children: int,
                 command: str, sample: int, target: Path, earlier: list[str] | None = None,
                 rerun_seconds: float | None = None, issue: dict[str, str] | None = None) -> None:
    """earlier: the survivors of the first measurement, re-run (in rerun_seconds) after tests were added;
    issue: the status of each mutant issue 18 names (run besides the sample)."""
    per = totals(statuses)
    rows = []
    for name in PACKAGES:
        counts = per[name]
        rows.append([name, str(sum(counts.values())), str(counts["killed"]), str(counts["survived"]),
                     str(counts["timeout"]), str(counts["no tests"]), f"{killed_share(counts):.1%}"])
    survivors = sorted(n for n, s in statuses.items() if s in ("survived", "no tests"))
    lines = [
        "# Mutation testing of the rules and the scoring",
        "",
        f"Measured {date.today().isoformat()} on: {machine()}.",
        "",
        f"Command: `{command}` (bench/mutation.py: `mutmut run --max-children {children}` in a staged copy, "
        "build/mutation/), tests tests/rules and tests/scoring. Wall-clock time of the run: "
        f"{seconds / 60:.0f} min (the two cores were shared with other work).",
        "",
        "mutmut leaves decorated functions alone; the staged copy registers each rule check with a call instead "
        "of `@check(...)` so the checks are mutated too (bench/mutation.py). Killed % = (killed + timeout) / "
        "mutants the tests reach.",
        "",
    ]
    if sample > 1:
        lines += [
            f"A sample: one mutant in {sample} of desktop/rules and one in {max(sample // 3, 1)} of desktop/scoring, "
            "chosen by a hash of the mutant's name (the same ones every run). All of the about 8,000 mutants would "
            f"take about {seconds * 8000 / max(len(statuses), 1) / 3600:.0f} hours at this run's pace. At 95 % "
            "confidence the killed share of a whole package lies within "
            + ", ".join(f"±{margin(per[p]):.1%} ({p})" for p in PACKAGES) + " of the sample's.",
            "",
        ]
    lines += [
        markdown_table(["package", "mutants", "killed", "survived", "timeout", "no tests", "killed %"], rows),
        "",
    ]
    now_killed = [n for n in earlier or () if statuses.get(n) not in ("survived", "no tests")]
    if earlier:
        lines += [
            "## Survivors of the first measurement and the tests that kill them now", "",
            f"The first measurement left {len(earlier)} survivors. Tests were added for them and they were run "
            f"again (`python bench/mutation.py --sample {sample} --rerun-survivors`"
            + (f", {rerun_seconds / 60:.0f} min" if rerun_seconds is not None else "")
            + f"): {len(now_killed)} "
            "are killed now. The totals above are after that re-run; the first measurement killed "
            + ", ".join(f"{p} {first_share(per[p], earlier, p):.1%}" for p in PACKAGES) + ".", "",
            markdown_table(["mutant", "killed by"], [[f"`{n}`", killed_by(n)] for n in now_killed]), ""]
    if issue:
        def changed(name: str) -> str:
            plus = [line[1:].strip() for line in diff(name).splitlines() if line.startswith("+ ")]
            return f"`{plus[0]}`".replace("|", "\\|") if plus else ""
        lines += ["## The mutants issue 18 names", "",
                  "Sign flips in the 结转结余 roll-forward, `>=` weakened in X-09, the N-11 and P-07c boundaries and "
                  "the department 执行率 cap: every mutant of those lines, run besides the sample "
                  "(tests/rules/test_rule_cells_and_figures.py, tests/scoring/test_mutants_department.py).", "",
                  markdown_table(["mutant", "what", "mutated line", "status"],
                                 [[f"`{n}`", ISSUE_MUTANTS[n], changed(n), s if s == "killed" else f"{s}: {note(n)}"]
                                  for n, s in issue.items()]), ""]
    lines += [f"## Surviving mutants ({len(survivors)})", ""]
    for name in survivors:
        lines += [f"### `{name}` ({statuses[name]})", "", note(name), "", "```diff", diff(name), "```", ""]
    target.write_text("\n".join(lines), encoding="utf-8")
