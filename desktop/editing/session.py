"""An editing session: one open document, its file, the 审核 engine and the scores of one year.

Every command goes through `do`/`undo`/`redo` here, and each of those: changes the document,
re-validates only what the change touches, drops explanations whose warning went away, and
commits all of it to the file in one transaction. If the commit fails the document is put back
as it was and the error propagates, so what the window shows is always what is on disk. The
GUI's undo stack and the crash-safety drill (desktop.crash_drill) take this same path.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from desktop.domain.document import Document
from desktop.editing.commands import Applied, Command
from desktop.editing.unit_commands import settle_units
from desktop.rules.engine import Change
from desktop.rules.unit_engine import YearEngine
from desktop.rules.findings import Delta, Finding, Location, finding_order
from desktop.scoring.year import YearScores
from desktop.store.docfile import DocumentFile
from desktop.store.writes import FileWrite


@dataclass
class Outcome:
    """What an operation changed, for the views to refresh exactly that (the anki pattern)."""
    applied: Applied
    delta: Delta
    saved_at: datetime | None
    pruned: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def sections(self) -> set[tuple[int | None, str]]:
        return {(f.scope, f.section) for f in self.applied.fields} | self.applied.structural


class EditSession:
    def __init__(self, document: Document, file: DocumentFile | None, year: int | None = None) -> None:
        self.document = document
        self.file = file
        self.year = year if year is not None else document.latest_year().year
        self.engine = YearEngine(document, self.year)
        self.findings = self.engine.validate()
        self.saved_at: datetime | None = None
        self._scores = YearScores(document, self.year)
        # explanations an operation dropped (its warning disappeared), to restore when it is undone
        self._pruned: dict[tuple[int, bool], dict[tuple[str, str], str]] = {}

    @property
    def year_data(self):
        return self.document.year(self.year)

    # -- the findings ---------------------------------------------------------------------
    # After an edit the findings are kept per section from the engine's delta; the whole sorted
    # list is made only when something asks for it (an edit's window asks per section).
    @property
    def findings(self) -> list[Finding]:
        """Every finding of the year, explanations attached, in the engine's order."""
        if self._findings is None:
            self._findings = self.engine.findings()
        return self._findings

    @findings.setter
    def findings(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._by_section: dict[str, dict[tuple[str, str], Finding]] = {}
        for finding in findings:
            self._by_section.setdefault(finding.location.section, {})[finding.identity] = finding

    def _found(self, identity: tuple[str, str]) -> bool:
        return identity in self._by_section.get(Location.from_key(identity[1]).section, {})

    def finding_count(self) -> int:
        return sum(len(found) for found in self._by_section.values())

    def _follow(self, delta: Delta, explained: Iterable[tuple[str, str]]) -> None:
        """The findings after an edit: the delta applied per section, explanations attached."""
        explanations = self.year_data.explanations
        for finding in delta.removed:
            self._by_section.get(finding.location.section, {}).pop(finding.identity, None)
        for finding in delta.added:
            text = explanations.get(finding.identity)
            shown = finding if text is None else dataclasses.replace(finding, explanation=text)
            self._by_section.setdefault(finding.location.section, {})[finding.identity] = shown
        for identity in explained:
            found = self._by_section.get(Location.from_key(identity[1]).section, {})
            if identity in found:
                found[identity] = dataclasses.replace(found[identity], explanation=explanations.get(identity))
        self._findings = None

    # -- operations ---------------------------------------------------------------------
    def do(self, command: Command) -> Outcome:
        return self._run(command, forward=True)

    def undo(self, command: Command) -> Outcome:
        return self._run(command, forward=False)

    redo = do

    def _run(self, command: Command, forward: bool) -> Outcome:
        applied = command.apply(self.document) if forward else command.revert(self.document)
        settle_units(self.document, applied)
        explanations = self.year_data.explanations
        restore = self._pruned.pop((id(command), not forward), {})
        for key, text in restore.items():  # the step that dropped them is being reversed
            if key not in explanations:
                explanations[key] = text
                applied.write.explanations.append((self.year, *key, text))
        changes = self._changes(applied)
        self._scores.changed((c.section, c.row) for c in changes)  # also right if the commit below fails
        if applied.relayout:  # the units changed: every engine afresh, the delta against what was shown
            shown = {f.identity: f for found in self._by_section.values() for f in found.values()}
            self.engine = YearEngine(self.document, self.year)
            now = {f.identity: f for f in self.engine.validate()}
            delta = Delta(tuple(f for key, f in now.items() if shown.get(key) != f),
                          tuple(f for key, f in shown.items() if key not in now))
            self._scores.clear()
        else:
            delta = self.engine.update(changes)
        self._follow(delta, [(rule, location) for year, rule, location, _text in applied.write.explanations
                             if year == self.year])
        # explanations whose warning is gone (Engine.orphaned_explanations, looked up per section)
        pruned = {key: text for key, text in explanations.items() if not self._found(key)}
        for key in pruned:
            del explanations[key]
        write = FileWrite()
        write.extend(applied.write)
        write.explanations += [(self.year, rule, location, None) for rule, location in pruned]
        try:
            if self.file is not None and not write.is_empty():
                self.file.commit(write)
        except BaseException:
            explanations.update(pruned)
            for key in restore:
                explanations.pop(key, None)
            if restore:  # still owed to the step that dropped them
                self._pruned[(id(command), not forward)] = restore
            undone = command.revert(self.document) if forward else command.apply(self.document)
            settle_units(self.document, undone)
            if undone.relayout:
                self.engine = YearEngine(self.document, self.year)
                self.engine.validate()
            else:
                self.engine.update(self._changes(undone))
            self.findings = self.engine.findings()
            raise
        if pruned:
            self._pruned[(id(command), forward)] = pruned
        if self.file is not None:
            self.saved_at = datetime.now()
        return Outcome(applied, delta, self.saved_at, pruned)

    def _changes(self, applied: Applied) -> list[Change]:
        return [Change(f.section, f.row, f.column) for f in applied.fields if f.scope in (None, self.year)]

    def revalidate(self) -> None:
        """审核 the whole year again, as on opening (after the year's code table was replaced)."""
        self.engine = YearEngine(self.document, self.year)
        self.findings = self.engine.validate()
        self._scores.clear()

    # -- reading ------------------------------------------------------------------------
    def scores(self) -> dict[str, Any]:
        """The year's scores (score_year's JSON); after an edit only the projects it touched are
        scored again."""
        return self._scores.json()

    def findings_at(self, section: str) -> list[Finding]:
        """The findings located in one section, in the engine's order."""
        return sorted(self._by_section.get(section, {}).values(), key=finding_order)
