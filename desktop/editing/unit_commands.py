"""Editing a department's units: entering a year per unit, and keeping the 汇总 up to date.

`SplitYear` is the undoable step that turns a year into per-unit entry (the 本级 takes the
department's figures; domain/department_units.py). After any command, `settle_units`
recomputes the department's 汇总 of the sections whose unit copies changed and adds the 汇总
cells that changed to the command's fields, so the 审核 and the views follow them as they follow
a typed cell. The 汇总 is never written to the file: only the units' cells are.
"""

from __future__ import annotations

from desktop.domain.department_units import home_unit, is_split, join_year, reporting_units, split_key, split_year, \
    summarise, unit_key
from desktop.domain.document import Document, DocumentError
from desktop.editing.commands import Applied, Command, Field


class SplitYear(Command):
    """分单位填报: from now on each unit enters its own figures and the department's are their 汇总."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.text = f"{year}年度分单位填报"
        self._before: dict[str, dict[str, dict]] = {}
        self._sources: dict = {}

    def apply(self, document: Document) -> Applied:
        data = document.year(self.year)
        keys = document.schema.per_unit_keys
        self._sources = {key: source for key, source in document.sources.items()
                         if key[0] == self.year and key[1] in keys}
        self._before = split_year(document, data)
        home = home_unit(document)
        assert home is not None  # split_year refuses a department without units
        applied = Applied(relayout=True)
        write = applied.write
        write.per_unit_years[self.year] = True
        for key in keys:
            section = document.schema.section(key)
            before = self._before[key]
            home_key = unit_key(key, home.id)
            if section.kind == "table":
                write.removed_rows += [(self.year, key, row_id) for row_id in before]
                write.row_orders[(self.year, key)] = []
                write.row_orders[(self.year, home_key)] = list(before)
            else:
                write.cells += [(self.year, key, row_id, column, None) for row_id, values in before.items()
                                for column in values if section.column(column).summed_across_units]
            write.cells += [(self.year, home_key, row_id, column, value)
                            for row_id, column, value in data.unit_section(home.id, key).cells()]
            applied.structural |= {(self.year, key), (self.year, home_key)}
        for (scope, key, row_id, column), source in self._sources.items():
            stays = document.schema.section(key).kind != "table" and \
                not document.schema.section(key).column(column).summed_across_units
            moved = (scope, unit_key(key, home.id), row_id, column)
            document.sources[moved] = source
            write.sources.append((*moved, source))
            if not stays:
                del document.sources[(scope, key, row_id, column)]
        return applied

    def revert(self, document: Document) -> Applied:
        data = document.year(self.year)
        join_year(data, self._before)
        applied = Applied(relayout=True)
        write = applied.write
        write.per_unit_years[self.year] = False  # every unit's cells, rows and sources go
        for key in document.schema.per_unit_keys:
            section = data.section(key)
            if section.section.kind == "table":
                write.row_orders[(self.year, key)] = section.row_ids()
            write.cells += [(self.year, key, row_id, column, value) for row_id, column, value in section.cells()]
            applied.structural.add((self.year, key))
        for key in [k for k in document.sources if k[0] == self.year and split_key(k[1])[1] is not None]:
            del document.sources[key]
        document.sources.update(self._sources)
        write.sources += [(*key, source) for key, source in self._sources.items()]
        return applied


def settle_units(document: Document, applied: Applied) -> None:
    """Bring the 汇总 of every year the command touched up to date with its units."""
    touched: dict[int, set[str]] = {}
    # per year and table, the (unit, row) whose cells alone changed; a row added, removed or
    # re-matched (its code changed) makes the table rebuilt (None)
    cells: dict[int, dict[str, set[tuple[str, str]] | None]] = {}
    for changed in applied.fields:
        base, unit = split_key(changed.section)
        if changed.scope is None or unit is None:
            continue
        touched.setdefault(changed.scope, set()).add(base)
        edited = cells.setdefault(changed.scope, {})
        section = document.schema.section(base)
        if changed.column is None or changed.column in section.unit_match or changed.row is None:
            edited[base] = None
        elif edited.get(base, set()) is not None:
            edited.setdefault(base, set()).add((unit, changed.row))
    for scope, section in applied.structural:
        base, unit = split_key(section)
        if scope is not None and unit is not None:
            touched.setdefault(scope, set()).add(base)
            cells.setdefault(scope, {})[base] = None
    if any(f.scope is None and f.section == "units" for f in applied.fields):
        for number, year in document.years.items():  # a unit added, renamed, removed or re-ordered
            if is_split(year):
                for unit in reporting_units(document):
                    year.units.setdefault(unit.id, {})
                touched[number] = set(document.schema.per_unit_keys)
                applied.relayout = True
    for number, keys in touched.items():
        year = document.year(number)
        if not is_split(year):
            raise DocumentError(f"{number}年度尚未分单位填报")
        edited = {key: rows for key, rows in cells.get(number, {}).items() if rows}
        for section, row, column in summarise(document, year, sorted(keys), edited):
            applied.fields.append(Field(number, section, row, column))
            if column is None:
                applied.structural.add((number, section))
