"""How the code-table rules (N-13, W-09) report: with their catalogue severity when the year's
table was imported from the official file; while it is the incomplete bundled one, at most as
提示性 (warning) and saying so — a name or code missing from a table written from memory proves
little, so the clerk is pointed at the import rather than told the code is wrong."""

from __future__ import annotations

from desktop.domain.codes import INCOMPLETE_HINT, CodeTable
from desktop.rules.context import RuleContext
from desktop.rules.findings import Finding


def code_finding(ctx: RuleContext, table: CodeTable, scheme: str, section: str, row: str, column: str,
                 message: str) -> Finding:
    if table.is_official(scheme):
        return ctx.finding(section, row, column, message)
    return ctx.finding(section, row, column, f"{message}。{INCOMPLETE_HINT}",
                       severity="warning" if ctx.severity == "error" else None)
