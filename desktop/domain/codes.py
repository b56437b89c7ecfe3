"""政府收支分类科目: the classification code tables, one bundled JSON file per year.

A 决算 document must print each code with the name it has in that year's official
《政府收支分类科目》 (names change from year to year), so names and levels are looked up
here from the table for the document's year instead of being typed or hard-coded.
Two schemes are kept: 支出功能分类 ("functional": 类 3 digits, 款 5, 项 7) and
部门预算支出经济分类 ("economic": 类 3, 款 5). `validate_code_table` is the single check
for a table file, whether bundled or imported by the user.

The bundled tables were written from memory and are incomplete. The official table of a year,
imported from the file the 财政 office distributes (desktop.io.code_files reads it,
desktop.store.code_tables writes it), lives in the user data folder as `codes/<year>.json`
and is preferred for its year, scheme by scheme. A table knows where it came from (`source`),
and its `stamp` (year, source, entry count, SHA-256) is what a document records as the table
it was checked against.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.domain.text import is_ascii_digits
from desktop.paths import resource_path, user_data_dir

log = logging.getLogger(__name__)

SCHEMES: dict[str, str] = {"functional": "功能分类", "economic": "经济分类"}
LEVELS: dict[str, dict[int, str]] = {
    "functional": {3: "类", 5: "款", 7: "项"},
    "economic": {3: "类", 5: "款"},
}
_LENGTH_HINT = {
    "functional": "功能分类应为3位（类）、5位（款）或7位（项）",
    "economic": "经济分类应为3位（类）或5位（款）",
}
_TOP_KEYS = {"year", "note", "functional", "economic", "imported"}
_ENTRY_KEYS = {"code", "name", "uncertain"}
_IMPORTED_KEYS = {"file", "imported_at"}
MIN_YEAR, MAX_YEAR = 2000, 2100
BUILTIN_SOURCE = "内置（不完整）"
# "→", not "▸": the hint reaches the 审核说明 PDF, whose fonts (宋体, the bundled ones) have no "▸"
INCOMPLETE_HINT = "内置科目表不完整，请导入财政部门下发的科目表（文件 → 导入科目表…）"


@dataclass(frozen=True)
class CodeEntry:
    scheme: str
    code: str
    name: str
    level: str
    uncertain: bool = False

    @property
    def parent_code(self) -> str | None:
        """Code of the enclosing 类 or 款; None for a 类."""
        return self.code[:-2] if len(self.code) > 3 else None


def _check_scheme(scheme: str) -> None:
    if scheme not in SCHEMES:
        raise ValueError(f"未知的科目体系“{scheme}”：应为 functional（功能分类）或 economic（经济分类）")


def code_level(scheme: str, code: str) -> str:
    """类/款/项 from the number of digits; ValueError (Chinese message) for a malformed code."""
    _check_scheme(scheme)
    if not (isinstance(code, str) and code.isascii() and code.isdigit()):
        raise ValueError(f"科目编码“{code}”只能由数字组成")
    level = LEVELS[scheme].get(len(code))
    if level is None:
        raise ValueError(f"科目编码“{code}”位数不对：{_LENGTH_HINT[scheme]}")
    return level


def validate_code_table(data: Any) -> list[str]:
    """Every problem found in a code-table document, in Chinese; an empty list means valid."""
    if not isinstance(data, dict):
        return ["科目表应为 JSON 对象"]
    problems = [f"未知的字段“{key}”" for key in data if key not in _TOP_KEYS]
    year = data.get("year")
    if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(f"年度“{year}”无效：应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数")
    if "note" in data and not isinstance(data["note"], str):
        problems.append("说明 note 应为文本")
    problems.extend(_validate_imported(data.get("imported", {})))
    for scheme, label in SCHEMES.items():
        entries = data.get(scheme)
        if entries is None:
            problems.append(f"缺少{label}（{scheme}）")
        elif not isinstance(entries, list):
            problems.append(f"{label}（{scheme}）应为列表")
        else:
            problems.extend(_validate_entries(scheme, entries))
    return problems


def _validate_imported(imported: Any) -> list[str]:
    """`imported` names, per scheme taken from an official file, that file and when it was imported."""
    if not isinstance(imported, dict):
        return ["导入来源 imported 应为对象"]
    problems = []
    for scheme, source in imported.items():
        if scheme not in SCHEMES:
            problems.append(f"导入来源中未知的科目体系“{scheme}”")
        elif not isinstance(source, dict) or set(source) != _IMPORTED_KEYS \
                or not all(isinstance(v, str) and v for v in source.values()):
            problems.append(f"{SCHEMES[scheme]}的导入来源应有文件名 file 和导入时间 imported_at")
    return problems


def _validate_entries(scheme: str, entries: list[Any]) -> list[str]:
    label = SCHEMES[scheme]
    problems: list[str] = []
    codes: set[str] = set()
    well_formed: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{label}第{number}条"
        if not isinstance(entry, dict):
            problems.append(f"{where}应为对象")
            continue
        problems.extend(f"{where}：未知的字段“{key}”" for key in entry if key not in _ENTRY_KEYS)
        code = entry.get("code")
        if not isinstance(code, str):
            problems.append(f"{where}：缺少文本形式的科目编码 code")
        else:
            where = f"{where}（{code}）"
            try:
                code_level(scheme, code)
                well_formed.add(code)
            except ValueError as error:
                problems.append(f"{where}：{error}")
            if code in codes:
                problems.append(f"{where}：科目编码“{code}”重复")
            codes.add(code)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}：科目名称为空")
        elif name != name.strip():
            problems.append(f"{where}：科目名称“{name}”首尾有空格")
        if "uncertain" in entry and not isinstance(entry["uncertain"], bool):
            problems.append(f"{where}：uncertain 应为 true 或 false")
    for code in sorted(well_formed):
        if len(code) > 3 and code[:-2] not in well_formed:
            parent_level = "类" if len(code) == 5 else "款"
            problems.append(f"{label}科目“{code}”的上级{parent_level}“{code[:-2]}”不存在")
    return problems


@dataclass(frozen=True)
class CodeTableStamp:
    """Which table a document was checked against: what a document records and 审核 shows."""
    year: int
    source: str       # BUILTIN_SOURCE, or the imported file name (per scheme when they differ)
    entries: int
    sha256: str
    official: bool    # every scheme comes from an imported official file

    def describe(self) -> str:
        return f"{self.year} 年科目表：{self.source}，共 {self.entries} 条，SHA-256 {self.sha256[:12]}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> CodeTableStamp | None:
        """The stamp a document recorded; None when it is missing or not understood."""
        try:
            stamp = cls(**data)
        except TypeError:
            return None
        kinds = (int, str, int, str, bool)
        values = (stamp.year, stamp.source, stamp.entries, stamp.sha256, stamp.official)
        return stamp if all(type(v) is k for v, k in zip(values, kinds)) else None


class CodeTable:
    """One year's codes; `year` is the year asked for, `source_year` the file it came from.

    `imported` maps a scheme taken from an official file to {"file", "imported_at"}; the other
    schemes are the bundled, incomplete ones.
    """

    def __init__(self, data: dict[str, Any], year: int | None = None) -> None:
        problems = validate_code_table(data)
        if problems:
            raise ValueError("科目表无效：\n" + "\n".join(problems))
        self.source_year: int = data["year"]
        self.year: int = self.source_year if year is None else year
        self._entries: dict[str, dict[str, CodeEntry]] = {
            scheme: {
                e["code"]: CodeEntry(scheme, e["code"], e["name"], code_level(scheme, e["code"]),
                                     e.get("uncertain", False))
                for e in sorted(data[scheme], key=lambda e: e["code"])
            }
            for scheme in SCHEMES
        }
        self.imported: dict[str, dict[str, str]] = dict(data.get("imported", {}))

    def is_official(self, scheme: str) -> bool:
        """True when `scheme` comes from an imported official table, not the incomplete bundled one."""
        _check_scheme(scheme)
        return scheme in self.imported

    @property
    def official(self) -> bool:
        return all(self.is_official(scheme) for scheme in SCHEMES)

    def source(self, scheme: str | None = None) -> str:
        """BUILTIN_SOURCE or the imported file's name; without a scheme, for the whole table."""
        if scheme is not None:
            _check_scheme(scheme)
            return self.imported[scheme]["file"] if scheme in self.imported else BUILTIN_SOURCE
        sources = {s: self.source(s) for s in SCHEMES}
        if len(set(sources.values())) == 1:
            return sources["functional"]
        return "；".join(f"{SCHEMES[s]}：{text}" for s, text in sources.items())

    @property
    def entry_count(self) -> int:
        return sum(len(entries) for entries in self._entries.values())

    @property
    def sha256(self) -> str:
        """SHA-256 of the codes and names (both schemes, in code order): the table's identity."""
        content = {scheme: [[e.code, e.name] for e in entries.values()] for scheme, entries in self._entries.items()}
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def stamp(self) -> CodeTableStamp:
        return CodeTableStamp(self.year, self.source(), self.entry_count, self.sha256, self.official)

    def to_data(self) -> dict[str, Any]:
        """The table as a code-table document (the bundled/imported JSON format)."""
        data: dict[str, Any] = {"year": self.source_year}
        for scheme, entries in self._entries.items():
            data[scheme] = [{"code": e.code, "name": e.name, **({"uncertain": True} if e.uncertain else {})}
                            for e in entries.values()]
        if self.imported:
            data["imported"] = dict(self.imported)
        return data

    @classmethod
    def from_file(cls, path: Path, year: int | None = None) -> CodeTable:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"无法读取科目表 {path.name}：{error}") from error
        if is_ascii_digits(path.stem) and isinstance(data, dict) and data.get("year") != int(path.stem):
            raise ValueError(f"科目表 {path.name} 的年度“{data.get('year')}”与文件名不符")
        try:
            return cls(data, year)
        except ValueError as error:
            raise ValueError(f"{path.name}：{error}") from error

    def entries(self, scheme: str) -> list[CodeEntry]:
        _check_scheme(scheme)
        return list(self._entries[scheme].values())

    def lookup(self, scheme: str, code: str) -> CodeEntry | None:
        _check_scheme(scheme)
        return self._entries[scheme].get(code)

    def children(self, scheme: str, code: str) -> list[CodeEntry]:
        """The 款 of a 类 or the 项 of a 款, in code order."""
        return [e for e in self.entries(scheme) if e.parent_code == code]

    def search(self, scheme: str, text: str) -> list[CodeEntry]:
        """For completion: codes starting with `text` or names containing it, in code order."""
        text = text.strip()
        return [e for e in self.entries(scheme) if e.code.startswith(text) or text in e.name]

    def __repr__(self) -> str:
        return f"CodeTable(year={self.year}, source_year={self.source_year}, source={self.source()!r})"


def _codes_dir() -> Path:
    return resource_path("codes")


@lru_cache(maxsize=None)
def _bundled_years() -> tuple[int, ...]:
    return tuple(sorted(int(p.stem) for p in _codes_dir().glob("*.json") if is_ascii_digits(p.stem)))


def available_years() -> list[int]:
    """Years that have a bundled table, ascending."""
    return list(_bundled_years())


def imported_codes_dir() -> Path:
    """Where imported official tables live: `codes/<year>.json` in the user data folder."""
    return user_data_dir() / "codes"


def imported_table_path(year: int) -> Path:
    return imported_codes_dir() / f"{year}.json"


@lru_cache(maxsize=None)
def bundled_table(year: int) -> CodeTable:
    """The bundled table for `year`, else the nearest earlier bundled year, else the earliest one."""
    years = available_years()
    if not years:
        raise FileNotFoundError(f"找不到任何科目表（{_codes_dir()}）")
    earlier = [y for y in years if y <= year]
    source = earlier[-1] if earlier else years[0]
    return CodeTable.from_file(resource_path("codes", f"{source}.json"), year)


def merge_imported(data: dict[str, Any], bundled: CodeTable) -> dict[str, Any]:
    """An imported table document completed with the bundled schemes it did not import."""
    merged = dict(data)
    base = bundled.to_data()
    for scheme in SCHEMES:
        if scheme not in data.get("imported", {}):
            merged[scheme] = base[scheme]
    return merged


@lru_cache(maxsize=None)
def code_table(year: int) -> CodeTable:
    """The table for `year`: the imported official one (per scheme) when there is one, else bundled.

    An imported file that cannot be read is skipped (logged) and the bundled table is used: its
    stamp then says 内置（不完整）, so the document shows what it was really checked against.
    """
    bundled = bundled_table(year)
    path = imported_table_path(year)
    if not path.is_file():
        return bundled
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("year") != year:
            raise ValueError(f"年度与文件名不符：{data.get('year') if isinstance(data, dict) else data!r}")
        return CodeTable(merge_imported(data, bundled), year)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.warning("imported code table %s not used: %s", path, error)
        return bundled


def forget_code_tables() -> None:
    """Drop the loaded tables, so that a table imported since is used from now on."""
    code_table.cache_clear()
