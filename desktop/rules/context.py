"""What a rule sees: one year of a document, read-only helpers, and the way to report.

Rules never format numbers or build cell labels themselves; they ask the context, so every
message names cells the same way (`三公经费·合计（年初预算数）`) and shows amounts in the
section's display unit with the profile's decimals and 千分号.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Hashable, Iterable, Iterator, TypeVar

from desktop.domain.document import Document, YearData
from desktop.domain.formatting import format_amount, format_number, format_percent
from desktop.domain.money import Money
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.domain.schema import FORM_ROW, Section
from desktop.domain.table_sets import section_title
from desktop.rules.findings import Finding, Location

Cell = tuple[str, str, str]  # (section, row, column)
T = TypeVar("T")
FEN_PER_WAN = 1_000_000
# What row_name shows: the code, then the first of the others filled (a fund row: its 资金来源).
# The engine re-runs every reader of a table when one of these changes, and the rules whose
# messages may name a row without any of them by its ordinal (第N行) when rows are added or removed.
LABEL_COLUMNS = ("code", "name", "item", "level3", "source")


class RuleContext:
    def __init__(self, document: Document, year: int) -> None:
        self.document = document
        self.data: YearData = document.year(year)
        self.year = year
        self.format: FormatProfile = load_profile(self.data.profile).format
        self.rule_id = ""
        self.severity = "error"
        self.params: dict[str, Any] = {}
        self.reads: tuple[tuple[str, str], ...] = ()
        self._indexes: dict[tuple[str, str], dict[Any, list[str]]] = {}
        self._derived: dict[Hashable, tuple[tuple[str, ...], Any]] = {}

    # -- reading ------------------------------------------------------------------------
    def section(self, key: str) -> Section:
        return self.data.section(key).section

    def value(self, section: str, column: str, row: str = FORM_ROW) -> Any:
        """A cell's value; a computed total is the sum of its parts (SectionData.value)."""
        data = self.data.sections[section]
        if data.section.sums and (row, column) in data.section.sums:
            return data.value(row, column)
        return data.rows.get(row, {}).get(column)

    def stored(self, section: str, column: str, row: str = FORM_ROW) -> Any:
        """What the document holds at a cell: at a computed total, a figure that arrived typed."""
        return self.data.sections[section].rows.get(row, {}).get(column)

    def money(self, section: str, column: str, row: str = FORM_ROW) -> Money | None:
        return self.value(section, column, row)

    def rows(self, section: str) -> Iterator[tuple[str, dict[str, Any]]]:
        return iter(self.data.sections[section].rows.items())

    def row(self, section: str, row: str) -> dict[str, Any] | None:
        return self.data.sections[section].rows.get(row)

    def is_empty(self, section: str) -> bool:
        return self.data.sections[section].is_empty()

    def rows_by(self, section: str, column: str, value: Any) -> list[str]:
        """Rows of `section` whose `column` equals `value` (index cached until the section changes)."""
        index = self._indexes.get((section, column))
        if index is None:
            index = {}
            for row_id, row in self.data.sections[section].rows.items():
                index.setdefault(row.get(column), []).append(row_id)
            self._indexes[(section, column)] = index
        return index.get(value, [])

    def derived(self, key: Hashable, sections: tuple[str, ...], compute: Callable[[], T]) -> T:
        """A value several rules read (a project's score), computed once until one of `sections` changes."""
        if key not in self._derived:
            self._derived[key] = (sections, compute())
        return self._derived[key][1]

    def forget(self, section: str) -> None:
        """Drop cached indexes and derived values of a section after it changed."""
        for key in [k for k in self._indexes if k[0] == section]:
            del self._indexes[key]
        for key in [k for k, (sections, _) in self._derived.items() if section in sections]:
            del self._derived[key]

    # -- naming and formatting ------------------------------------------------------------
    def label(self, section: str, row: str = FORM_ROW, column: str = "") -> str:
        declared = self.section(section)
        name = self.section_name(section)
        column_label = declared.column(column).label if column else ""
        if declared.kind == "form":
            return f"{name}·{column_label}" if column_label else name
        if declared.kind == "grid":
            where = f"{name}·{declared.row_label(row)}" if row else name
        else:
            where = f"{name}·{self.row_name(section, row)}" if row else name
        return f"{where}（{column_label}）" if column_label else where

    def section_name(self, section: str) -> str:
        """"表7 财政拨款“三公”经费支出决算表" for a published table (the profile's numbering,
        as in the window and the PDF), else the section's label."""
        return section_title(self.data.profile, section, self.section(section).label)

    def row_name(self, section: str, row: str) -> str:
        """How a clerk recognises a table row: its code and name (a fund row: its 资金来源), else
        its ordinal."""
        values = self.row(section, row) or {}
        code = values.get("code")
        name = next((values[c] for c in LABEL_COLUMNS[1:] if values.get(c)), None)
        if code or name:
            return " ".join(str(p) for p in (code, name) if p)
        rows = list(self.data.sections[section].rows)
        return f"第{rows.index(row) + 1}行" if row in rows else row

    def unit(self, section: str) -> str:
        return self.format.unit_for(self.section(section).money_unit)

    def amount(self, money: Money | None, section: str = "", unit: str | None = None) -> str:
        if money is None:
            return "（空）"
        unit = unit or (self.unit(section) if section else self.format.decision_unit)
        text = format_amount(money, unit, self.format.decimals, self.format.thousands)
        return f"{text}万元" if unit == "万元" else text

    def percent(self, ratio: Decimal) -> str:
        return format_percent(ratio, max(self.format.percent_decimals, 1))

    def number(self, value: Decimal | int, decimals: int = 2) -> str:
        return format_number(value, decimals, thousands=True)

    # -- reporting ------------------------------------------------------------------------
    def finding(self, section: str, row: str, column: str, message: str, severity: str | None = None) -> Finding:
        return Finding(self.rule_id, severity or self.severity, self.year, Location(section, row, column), message)

    def tolerance_fen(self, section: str, summands: int, values: Iterable[Money | None] = ()) -> int:
        """domain.md §7: 0.01 of the display unit per rounded summand.

        Figures count as rounded to the display unit only when every one of them is a whole
        number of its 0.01 (in 万元: of 100 元). Figures typed to the fen are exact, and a
        residual of a few 元 between them is a real difference, not rounding.
        """
        step = FEN_PER_WAN // 100 if self.unit(section) == "万元" else 1
        if step > 1 and any(v is not None and v.fen % step for v in values):
            step = 1
        return step * max(summands, 1)

    def difference(self, money: Money, section: str) -> str:
        """A difference, in 元 when it would show as 0.00 in the section's 万元."""
        if self.unit(section) == "万元" and abs(money.fen) < FEN_PER_WAN // 200:
            return f"{self.amount(money, section, '元')}元"
        return self.amount(money, section)

    def identity(self, total: Cell, parts: Iterable[Cell], relation: str = "=",
                 total_label: str | None = None, part_labels: Iterable[str] | None = None,
                 typed_total: bool | None = None) -> Iterator[Finding]:
        """Check `total relation Σ parts` (relation "=", "<=" or ">="); blanks are left out.

        Nothing is reported when the total or every part is blank. A difference within the
        rounding tolerance is reported as info; beyond it with the rule's severity, unless blank
        cells could account for it: then one 提示性 finding names them (`unfilled`), since a
        clerk who has not filled a cell has not made an arithmetic slip.

        When the total is a cell the grid computes from exactly these parts, the identity holds
        by construction; what is checked is a figure that arrived typed at that cell (an import,
        an older file) against the computed one; `typed_total` says so where the parts are
        another spelling of the same sum.
        """
        parts = list(parts)
        reported = self._computed_from(total, parts) if typed_total is None else typed_total
        total_value = self.stored(total[0], total[2], total[1]) if reported else self.money(total[0], total[2], total[1])
        values = [self.money(s, c, r) for s, r, c in parts]
        if total_value is None or all(v is None for v in values):
            return
        summed = sum((v.fen for v in values if v is not None), 0)
        difference = total_value.fen - summed
        if relation == "=" and difference == 0 or relation == "<=" and difference <= 0 \
                or relation == ">=" and difference >= 0:
            return
        labels = list(part_labels) if part_labels is not None else [self._short(p, total) for p in parts]
        shown = " + ".join(f"{label} {self.amount(v, s)}" for label, v, (s, _, _) in zip(labels, values, parts))
        sign = {"=": "≠", "<=": ">", ">=": "<"}[relation]
        subject = f"{total_label or self.label(*total)}{'填报数' if reported else ''}"
        comparison = (f"{subject} {self.amount(total_value, total[0])} {sign} {shown}"
                      f"，相差 {self.difference(Money(abs(difference)), total[0])}")
        within = relation == "=" and abs(difference) <= self.tolerance_fen(total[0], len(parts), [total_value, *values])
        if not within:
            total_side = [] if reported else self.blank_cells(total)
            blanks = self.explaining_blanks(difference, total_side, [b for p in parts for b in self.blank_cells(p)])
            if blanks:
                yield self.unfilled(blanks, comparison)
                return
        message = comparison + ("（在舍入误差范围内）" if within else "")
        if reported:
            message += (f"；合计由程序计算为 {self.amount(Money(summed), total[0])}，发布和说明均使用计算值，"
                        f"请核对各组成部分，或清除填报数")
        yield self.finding(total[0], total[1], total[2], message, "info" if within else None)

    # -- blank cells ------------------------------------------------------------------------
    def blank_cells(self, cell: Cell) -> list[Cell]:
        """The blank cells a figure rests on: the cell itself when blank, or, for a computed
        total, the blank cells among its parts (a total none of whose parts is filled is named
        itself, not each of its parts)."""
        section, row, column = cell
        parts = self.data.sections[section].section.sum_parts(row, column)
        if parts is None or self.value(section, column, row) is None:
            return [cell] if self.value(section, column, row) is None else []
        return [blank for r, c in parts for blank in self.blank_cells((section, r, c))]

    @staticmethod
    def explaining_blanks(difference: int, left_blanks: list[Cell], right_blanks: list[Cell]) -> list[Cell]:
        """The blank cells that could close `left − right = difference`.

        Blank cells stand for amounts not yet filled, which are never negative: filling one on
        the right can only raise the right side, on the left only the left. Filled figures that
        already break the identity the other way are a real error whatever the blanks hold.
        """
        return right_blanks if difference > 0 else left_blanks if difference < 0 else []

    def unfilled(self, blanks: list[Cell], comparison: str, severity: str = "warning") -> Finding:
        """One 提示性 finding, at the first blank cell, naming every blank cell behind a
        difference: "…未填写；如为0请填0" with the comparison that cannot be checked yet.

        提示性 (warning), so the gate stays closed until the blank is filled (or the clerk
        explains why it stays blank): a published table must not show a total its printed parts
        do not add up to."""
        unique = list(dict.fromkeys(blanks))
        names = "、".join(self.label(*cell) for cell in unique[:4])
        more = f"等 {len(unique)} 个单元格" if len(unique) > 4 else ""
        section, row, column = unique[0]
        return self.finding(section, row, column,
                            f"{names}{more} 未填写；如为0请填0。填写后再核对：{comparison}", severity)

    def reported_total(self, section: str, row: str, column: str, total_label: str | None = None) -> Iterator[Finding]:
        """A figure typed at a computed total, checked against the sum the grid computes."""
        parts = self.data.sections[section].section.sum_parts(row, column) or ()
        yield from self.identity((section, row, column), [(section, r, c) for r, c in parts], total_label=total_label)

    def _computed_from(self, total: Cell, parts: list[Cell]) -> bool:
        """Whether `total` is a cell its grid computes as the sum of exactly `parts`."""
        declared = self.data.sections[total[0]].section.sum_parts(total[1], total[2])
        return declared is not None and sorted(declared) == sorted((r, c) for s, r, c in parts if s == total[0]) \
            and len(parts) == len(declared)

    def _short(self, part: Cell, total: Cell) -> str:
        """A part's label without what it shares with the total (same section, same column)."""
        section, row, column = part
        if section == total[0] and column == total[2]:
            declared = self.section(section)
            return declared.row_label(row) if declared.kind == "grid" else self.row_name(section, row)
        if section == total[0] and row == total[1]:
            return self.section(section).column(column).label
        return self.label(*part)
