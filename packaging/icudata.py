"""Trim Qt's ICU data library (Linux: PySide6/Qt/lib/libicudata.so.NN, 32 MB) for the frozen program.

Qt links ICU for four things only: case mapping (whose tables are compiled into libicuuc), time
zone names (ucal), text codecs (ucnv) and QCollator (ucol). The data library carries far more:
names of every language, region, currency and unit in 800 locales, break-iteration dictionaries
for Thai, Khmer, Burmese and CJK, transliterators, spell-out rules and 190 legacy code pages.
FiscalDesk's Qt needs none of those, so build.spec keeps (see `wanted`): the core tables; root,
English and Chinese locale data in every tree (collation, zones, languages, regions, currencies,
units); the collation base (ucadata); the Unicode and Chinese code pages (GB18030, GBK, GB2312,
Big5) and the Western ones. What is missing makes ICU answer "no such data", which Qt handles as
it does on a system without ICU data (QCollator compares code points, a codec is unknown).
32 MB → ≈ 5 MB: the one-file program shrinks by ≈ 10 MB and unpacks 27 MB less at every start.

The library is a plain ELF shared object exporting one symbol, `icudtNN_dat`, whose bytes are an
ICU common-data package (header, table of contents of named items, the items). `trim` rewrites
the package with only the wanted items and lays the file out again with the shorter .rodata;
anything in the file that does not look exactly like that raises TrimError, so a changed Qt
build fails loudly instead of shipping a broken library.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

ALIGN = 16  # ICU items are aligned like this inside a package
LOCALES = ("root", "en", "zh")
# the locale-independent tables: properties, normalisation, converter aliases, calendars, zones…
NOT_LOCALES = {"res_index.res", "pool.res", "root.res"}
CODE_PAGES = re.compile(r"(gb18030|windows-9(36|50)-|ibm-(1383|1386|1373|5471|950|1252|5348)_|windows-125\d-|iso-8859)")
DROPPED_TREES = {"brkitr", "translit", "rbnf"}  # break iteration, transliteration, spell-out: unused by Qt
# character names, spoof checks, IDNA mapping (Qt has its own), layout properties
DROPPED_FILES = {"unames.icu", "confusables.cfu", "uts46.nrm", "ulayout.icu"}


class TrimError(RuntimeError):
    """The library is not laid out as `trim` expects."""


def _is_locale(name: str) -> bool:
    return re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res", name) is not None and name not in NOT_LOCALES


def wanted(item: str) -> bool:
    """True for an item (e.g. "icudt73l/coll/zh.res") FiscalDesk's Qt may ask ICU for."""
    parts = item.split("/")[1:]
    name = parts[-1]
    tree = parts[0] if len(parts) > 1 else ""
    if tree in DROPPED_TREES or name in DROPPED_FILES:
        return False
    if name.endswith(".cnv"):
        return CODE_PAGES.match(name) is not None
    if _is_locale(name):
        return name.split("_")[0].removesuffix(".res") in LOCALES
    return True


def _items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its (name, bytes) items, in table-of-contents order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise TrimError("not an ICU common-data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        start = toc + name_offset
        name = package[start:package.index(b"\0", start)].decode("ascii")
        end = toc + entries[index + 1][1] if index + 1 < count else len(package)
        if end < toc + data_offset:
            raise TrimError("items are not in table-of-contents order")
        items.append((name, package[toc + data_offset:end]))
    return package[:header_size], items


def _package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A package of `items` (already sorted by name, as ICU's binary search needs)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    toc_size = 4 + 8 * len(items)
    offset = toc_size + len(names)
    offset += -offset % ALIGN
    entries, blobs, name_offset = [], [], toc_size
    for name, data in items:
        entries.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        padded = data + b"\0" * (-len(data) % ALIGN)
        blobs.append(padded)
        offset += len(padded)
    body = struct.pack("<I", len(items)) + b"".join(entries) + names
    body += b"\0" * (-len(body) % ALIGN)
    return header + body + b"".join(blobs)


def trim(source: Path, target: Path, keep: Callable[[str], bool] = wanted) -> tuple[int, int]:
    """Write `source` with only the items `keep` accepts to `target`; (items kept, items in all)."""
    elf = bytearray(source.read_bytes())
    if elf[:6] != b"\x7fELF\x02\x01":
        raise TrimError("not a 64-bit little-endian ELF file")
    phoff, shoff = struct.unpack_from("<QQ", elf, 0x20)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", elf, 0x36)
    sections = [list(struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize)) for i in range(shnum)]
    strings_at = sections[shstrndx][4]
    names = [elf[strings_at + s[0]:elf.index(b"\0", strings_at + s[0])].decode() for s in sections]
    index = {name: i for i, name in enumerate(names)}
    rodata, dynamic = sections[index[".rodata"]], sections[index[".dynamic"]]
    # sh fields: 0 name, 1 type, 2 flags, 3 addr, 4 offset, 5 size, 6 link, 7 info, 8 align, 9 entsize
    if rodata[3] != rodata[4] or rodata[4] != 0x1000 or dynamic[3] - dynamic[4] != 0x1000:
        raise TrimError("unexpected layout of .rodata/.dynamic")
    after = [i for i, s in enumerate(sections) if s[4] > rodata[4] and i != index[".rodata"]]
    if sorted(names[i] for i in after) != sorted([".eh_frame", ".dynamic", ".symtab", ".strtab", ".shstrtab"]) \
            or sections[index[".eh_frame"]][5] != 0 or shoff < max(sections[i][4] for i in after):
        raise TrimError(f"unexpected sections after .rodata: {[names[i] for i in after]}")
    header, items = _items(bytes(elf[rodata[4]:rodata[4] + rodata[5]]))
    kept = [(name, data) for name, data in items if keep(name)]
    data = _package(header, kept)

    out = bytearray(elf[:0x1000])
    old_offsets = {i: sections[i][4] for i in after}
    out += data
    new_end = len(out)
    moved: dict[int, int] = {}
    moved[index[".eh_frame"]] = new_end + (-new_end % 8)
    for name in (".dynamic", ".symtab", ".strtab", ".shstrtab"):
        i = index[name]
        out += b"\0" * (-len(out) % max(sections[i][8], 1))
        moved[i] = len(out)
        out += elf[old_offsets[i]:old_offsets[i] + sections[i][5]]
    out += b"\0" * (-len(out) % 8)
    new_shoff = len(out)
    rodata[5] = len(data)
    for i, offset in moved.items():
        if sections[i][3]:  # loaded: the address keeps its distance to the offset
            sections[i][3] += offset - old_offsets[i]
        sections[i][4] = offset
    for section in sections:
        out += struct.pack("<IIQQQQIIQQ", *section)
    struct.pack_into("<Q", out, 0x28, new_shoff)

    dynamic_shift = moved[index[".dynamic"]] - old_offsets[index[".dynamic"]]
    for i in range(phnum):
        at = phoff + i * phentsize
        kind, flags, offset, vaddr, paddr, filesz, memsz, align = struct.unpack_from("<IIQQQQQQ", out, at)
        if kind == 1 and offset == 0:  # the read-only LOAD: headers and data
            filesz = memsz = new_end
        elif offset == old_offsets[index[".dynamic"]]:  # the RW LOAD, DYNAMIC and GNU_RELRO
            offset, vaddr, paddr = offset + dynamic_shift, vaddr + dynamic_shift, paddr + dynamic_shift
        struct.pack_into("<IIQQQQQQ", out, at, kind, flags, offset, vaddr, paddr, filesz, memsz, align)

    for table in (".dynsym", ".symtab"):  # the data symbol's size, _DYNAMIC's and the sections' addresses
        section = sections[index[table]]
        for at in range(section[4], section[4] + section[5], 24):
            st_name, info, other, shndx, value, size = struct.unpack_from("<IBBHQQ", out, at)
            if shndx == index[".rodata"] and value == rodata[3] and size:
                size = len(data)
            elif shndx in moved and value:
                value = sections[shndx][3]
            struct.pack_into("<IBBHQQ", out, at, st_name, info, other, shndx, value, size)
    target.write_bytes(bytes(out))
    return len(kept), len(items)
