"""What every benchmark reports the same way: percentiles of its timings and a Markdown table."""

from __future__ import annotations

import statistics


def p95(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.95)]


def median(times: list[float]) -> float:
    return statistics.median(times)


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
