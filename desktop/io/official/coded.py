"""功能分类 and 经济分类 tables read backwards: 科目编码 (one column, split into 类/款/项, or written
before the name), 科目名称, the amount columns by their headers, the 合计 row compared; the 经济分类
table in column pairs (人员经费 | 公用经费) one pair at a time."""

from __future__ import annotations

import re
from typing import Any

from desktop.domain.codes import code_table
from desktop.domain.totals import column_total
from desktop.io.official.blocks import TOTAL_WORDS, cell_text, is_code
from desktop.io.official.catalogue import header_names, label_key, squeezed
from desktop.io.official.reading import BlockReader, ListedRow, StatedTotal, fixed, layouts_of, section_total

_CODE_IN_NAME = re.compile(r"^\s*(\d{3}(?:\d{2}){0,3})[\s\u3000]+(.+)$")


class CodedReader(BlockReader):
    """功能分类 / 经济分类 rows with their amount columns (收入决算表, 支出决算表, 表5, 表7 …); the
    经济分类 table in column pairs (人员经费 | 公用经费) is read one pair at a time."""

    reads_rows = True

    def read(self) -> None:
        block = self.block
        candidates = self._candidates()
        self.groups = frozenset(g for _, _, g in candidates if g)
        code_columns = [c for c in block.columns if any("编码" in p or "代码" in p for p in block.paths.get(c, ()))]
        split = self._split_code(code_columns)
        if split:
            triples = [(split, None)]
        elif len(code_columns) > 1:  # column pairs: code, name, amount for each
            triples = [([c], c) for c in code_columns]
        elif code_columns:
            triples = [(code_columns, None)]
        else:
            first = next((c for c in block.columns if self.text_column(c)), None)
            if first is None:
                self.reading.problems.append(f"{block.where}：没有找到“科目编码”或“科目名称”列，无法读取")
                return
            triples = [([first], None)]
        read_any = False
        for number, (codes, pair_start) in enumerate(triples):
            end = triples[number + 1][0][0] if number + 1 < len(triples) else max(block.columns) + 1
            span = [c for c in block.columns if max(codes) < c < end]
            name_column = next((c for c in span if self.text_column(c) or "名称" in block.leaf(c)), None)
            amounts = [c for c in span if c != name_column and not self.line_column(c)]
            mapping = self._map_columns(amounts, candidates, single=pair_start is not None)
            if not mapping:
                continue
            read_any = True
            self.reading.columns.setdefault(self.section.key, set()).update(mapping.values())
            self._rows(codes, name_column, mapping, pair_start is not None)
        if not read_any:
            wanted = "、".join(dict.fromkeys(names[0] for _, names, _ in candidates))
            self.reading.problems.append(f"{block.where}：没有一列的表头是本表的金额列（{wanted}），无法读取")

    def _candidates(self) -> list[tuple[str, tuple[str, ...], str]]:
        found = []
        money = [c for c in self.section.columns if c.type == "money"]
        for layout in layouts_of(self.section.key):
            for spec in layout.columns:
                found.append((spec.key, header_names(spec.label), squeezed(spec.group)))
            if layout.layout == "pairs":
                found.append((layout.options["column"], header_names("决算数"), ""))
        for column in money:
            found.append((column.key, header_names(column.label), ""))
        return found

    def _split_code(self, code_columns: list[int]) -> list[int]:
        """类 / 款 / 项 columns under 科目编码, in that order; empty when the code is one column."""
        parts = {}
        for column in code_columns:
            leaf = self.block.leaf(column)
            if leaf in ("类", "款", "项"):
                parts[leaf] = column
        return [parts[k] for k in ("类", "款", "项") if k in parts] if "类" in parts else []

    def _map_columns(self, amounts: list[int], candidates, single: bool) -> dict[int, str]:
        mapping: dict[int, str] = {}
        taken: set[str] = set()
        for column in amounts:
            key = self.match_column(column, candidates)
            if single and key is None and len(amounts) == 1:
                key = next((k for k, _, _ in candidates if k == "actual"), None)
            header = "／".join(self.block.paths.get(column, ())) or "（无表头）"
            if key is None or key in taken:
                if any(self.block.sheet.values.get((r, column)) is not None for r in self.block.body_rows):
                    self.skip(self.block.header_rows[-1] if self.block.header_rows else self.block.first_row, column,
                              f"列“{header}”不是{self.section.label}的列" if key is None else f"列“{header}”与前面的列重复")
                continue
            taken.add(key)
            mapping[column] = key
        return mapping

    def _code_of(self, row: int, codes: list[int], name_column: int | None) -> tuple[str, str]:
        """(科目编码, 科目名称) of a body row; the code may be split into 类/款/项 or written before the name."""
        if len(codes) > 1:
            parts = [cell_text(self.block.sheet.values.get((row, c))) for c in codes]
            parts = [p if i == 0 else p.zfill(2) for i, p in enumerate(parts) if p]
            code = "".join(parts)
        else:
            code = _code_text(self.block.sheet.shown(row, codes[0]))
        name = self.text(row, name_column) if name_column else ""
        if code and not code.isdigit():  # a label in the code column: 合计, or a name typed there
            name, code = name or code, ""
        if not code:
            first = self.text(row, codes[0])
            match = _CODE_IN_NAME.match(name) or _CODE_IN_NAME.match(first)
            if match:
                code, name = match.group(1), match.group(2).strip()
            elif not name and first and not is_code(first):
                name = first
        return code, " ".join(name.split())

    def _rows(self, codes: list[int], name_column: int | None, mapping: dict[int, str], pair: bool) -> None:
        block = self.block
        listed = self.reading.rows.setdefault(self.section.key, [])
        mine: list[ListedRow] = []
        for row in block.body_rows:
            code, name = self._code_of(row, codes, name_column)
            values: dict[str, Any] = {}
            readable = True
            for column, key in mapping.items():
                ok, value = self.money(row, column)
                readable &= ok
                values[key] = value
            if not code and not name and all(v is None for v in values.values()):
                continue
            label = label_key(name)
            if not code and (label in TOTAL_WORDS or label.endswith("合计")):
                if readable:
                    self._stated_total(row, name, mapping, values, mine if pair else None)
                continue
            if not code:
                code = self._code_by_name(name)
                if not code:
                    self.skip(row, codes[0], f"行“{name}”没有科目编码，也不是{self.section.label}中已有的科目")
                    continue
            if not _valid_code(code):
                self.skip(row, codes[0], f"科目编码“{code}”不是 3、5 或 7 位数字")
                continue
            if not name:
                entry = code_table(self.year).lookup("economic" if "economic" in self.section.key else "functional", code)
                name = entry.name if entry else ""
            refs = {key: self.ref(row, column) for column, key in mapping.items()}
            entry_row = ListedRow(code, {"code": code, "name": name, **values}, self.ref(row, codes[0]), refs)
            mine.append(entry_row)
        listed += mine

    def _stated_total(self, row: int, name: str, mapping: dict[int, str], values: dict[str, Any],
                      pair: list[ListedRow] | None) -> None:
        """A 合计 row: of the whole table, or (pair given) of the column pair's rows above it."""
        tops: list[dict[str, Any]] = []
        if pair is not None:
            rows = [r.values for r in pair]
            top = min((len(r["code"]) for r in rows), default=0)
            tops = [r for r in rows if len(r["code"]) == top]
        for column, key in mapping.items():
            label = self.section.column(key).label
            computed = fixed(column_total(None, self.section.key, key, tops) if tops else None) \
                if pair is not None else section_total(self.section.key, key)
            self.reading.totals.append(StatedTotal(f"{self.title}·{name.strip()}·{label}", self.ref(row, column),
                                                   values[key], computed))

    def _code_by_name(self, name: str) -> str:
        """The code of the document's one row of this table named `name`; "" when none or several."""
        if self.known is None or not name:
            return ""
        codes = {str(r.get("code")) for r in self.known.section(self.section.key).rows.values()
                 if r.get("code") and " ".join(str(r.get("name") or "").split()) == name}
        return codes.pop() if len(codes) == 1 else ""


def _code_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(value).replace(" ", "")


def _valid_code(code: str) -> bool:
    return code.isdigit() and len(code) in (3, 5, 7)
