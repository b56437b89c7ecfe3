"""The 审核 of a department and its units: the 汇总 and, once a year is entered per unit, each unit.

Every rule that reads only per-unit sections (the 决算 tables, 三公, 政府采购, 国有资产) runs on
each unit as on the department: one `Engine` per unit over the unit's own document view
(department_units.unit_document). A unit's findings are the same rules' findings, located in
the unit's copy of the section ("functional_income@r2/…", so the window can go to the cell and an
explanation is kept per unit) and led by the unit's name. The department's own engine runs every
rule on the 汇总, including the rules across units (rules/checks/units.py). A year not entered
per unit has only the department's findings: its figures are the 本级's.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from desktop.domain.department_units import ReportingUnit, is_split, reporting_units, split_key, unit_document, unit_key
from desktop.domain.document import Document
from desktop.rules.catalogue import Catalogue, load_catalogue
from desktop.rules.engine import Change, Engine
from desktop.rules.findings import Delta, Finding, Location, finding_order


def per_unit_catalogue(catalogue: Catalogue, per_unit_sections: Iterable[str]) -> Catalogue:
    """The rules that read nothing but per-unit sections: those a unit's figures answer alone."""
    sections = set(per_unit_sections)
    rules = tuple(spec for spec in catalogue.rules if spec.reads and all(s in sections for s, _ in spec.reads))
    return dataclasses.replace(catalogue, rules=rules)


class UnitEngines:
    """One engine per unit of a year entered per unit (none for a year that is not)."""

    def __init__(self, document: Document, year: int, catalogue: Catalogue | None = None) -> None:
        self.document = document
        self.year = year
        self.catalogue = per_unit_catalogue(catalogue or load_catalogue(), document.schema.per_unit_keys)
        units = reporting_units(document) if is_split(document.year(year)) else []
        self.units: dict[str, ReportingUnit] = {unit.id: unit for unit in units}
        self.engines = {unit.id: Engine(unit_document(document, year, unit), year, self.catalogue) for unit in units}

    def validate(self) -> list[Finding]:
        return [self.qualified(unit, f) for unit, engine in self.engines.items() for f in engine.validate()]

    def update(self, changes: Iterable[Change]) -> Delta:
        """Re-run, per unit, what the changes to that unit's copies touch."""
        per_unit: dict[str, list[Change]] = {}
        for change in changes:
            base, unit = split_key(change.section)
            if unit in self.engines:
                per_unit.setdefault(unit, []).append(Change(base, change.row, change.column))
        added: list[Finding] = []
        removed: list[Finding] = []
        for unit, unit_changes in per_unit.items():
            delta = self.engines[unit].update(unit_changes)
            added += [self.qualified(unit, f) for f in delta.added]
            removed += [self.qualified(unit, f) for f in delta.removed]
        return Delta(tuple(added), tuple(removed))

    def findings(self) -> list[Finding]:
        explanations = self.document.year(self.year).explanations
        found = []
        for unit, engine in self.engines.items():
            for finding in engine.findings():
                qualified = self.qualified(unit, finding)
                text = explanations.get(qualified.identity)
                found.append(qualified if text is None else dataclasses.replace(qualified, explanation=text))
        return found

    def qualified(self, unit: str, finding: Finding) -> Finding:
        location = finding.location
        if location.section in self.document.schema.per_unit_keys:
            location = Location(unit_key(location.section, unit), location.row, location.column)
        return Finding(finding.rule, finding.severity, finding.year, location,
                       f"{self.units[unit].name}：{finding.message}")


class YearEngine:
    """The department's engine and its units' engines as one (the session's 审核)."""

    def __init__(self, document: Document, year: int, catalogue: Catalogue | None = None) -> None:
        catalogue = catalogue or load_catalogue()
        self.document = document
        self.year = year
        self.department = Engine(document, year, catalogue)
        self.units = UnitEngines(document, year, catalogue)
        # the department's rules that read the units table too (H-…): they read each unit's own
        # copies, so a unit's edit re-runs those reading its section even where the 汇总 stays the same
        self.across: dict[str, list[str]] = {}
        for spec in catalogue.rules:
            sections = {section for section, _ in spec.reads}
            if "units" in sections:
                for section in sections & set(document.schema.per_unit_keys):
                    self.across.setdefault(section, []).append(spec.id)

    def validate(self) -> list[Finding]:
        return sorted(self.department.validate() + self.units.validate(), key=finding_order)

    def update(self, changes: Iterable[Change]) -> Delta:
        changes = list(changes)
        department = self.department.update(c for c in changes if split_key(c.section)[1] is None)
        across = dict.fromkeys(rule for c in changes if split_key(c.section)[1] is not None
                               for rule in self.across.get(split_key(c.section)[0], ()))
        rerun = self.department.rerun(across)
        units = self.units.update(changes)
        return Delta(department.added + rerun.added + units.added, department.removed + rerun.removed + units.removed)

    def findings(self) -> list[Finding]:
        return sorted(self.department.findings() + self.units.findings(), key=finding_order)

    def orphaned_explanations(self) -> list[tuple[str, str]]:
        """Explanations whose finding, of the department or of a unit, no longer exists."""
        current = {f.identity for f in self.department.raw()}
        current |= {self.units.qualified(unit, f).identity for unit, engine in self.units.engines.items()
                    for f in engine.raw()}
        return [key for key in self.document.year(self.year).explanations if key not in current]


def unit_of(finding: Finding) -> str | None:
    """The units-table row id of the unit a finding is about (None: the department's 汇总)."""
    return split_key(finding.location.section)[1]


def check_units(document: Document, year: int | None = None) -> list[Finding]:
    """Validate the department and each of its units from scratch (one year, default the latest)."""
    year = year if year is not None else document.latest_year().year
    return YearEngine(document, year).validate()
