"""packaging/icudata.py: Qt's ICU data library trimmed for the frozen program still serves what Qt asks
of it (Chinese collation, the Chinese code pages, time zone names) and nothing else.

These run on Linux, where PySide6 ships its own libicudata.so (Windows and macOS use the system's ICU).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import icudata  # noqa: E402  (packaging/ is not a package)

PYSIDE_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
LIBRARIES = sorted(PYSIDE_LIB.glob("libicudata.so.*"))
pytestmark = pytest.mark.skipif(not LIBRARIES, reason="this PySide6 ships no ICU data library (not Linux)")

# What Qt does with ICU, asked in a fresh process that loads the trimmed library.
QT_USES_ICU = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
print(sorted(["赵", "阿", "北京", "中", "安"], key=collator.sortKey))
print([QStringDecoder(name).isValid() for name in ("GB18030", "GBK", "GB2312", "Big5", "windows-1252")])
zone = QTimeZone(b"Asia/Shanghai")
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("zh_CN")))
print(open("/proc/self/maps", encoding="utf-8").read().count("{folder}"))
"""


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("icu")
    icudata.trim(LIBRARIES[0], folder / LIBRARIES[0].name)
    return folder / LIBRARIES[0].name


def package_items(library: Path) -> list[str]:
    data = library.read_bytes()
    start = data.index(b"\xda\x27", 0x1000) - 2  # the package header's size precedes its magic
    _header, items = icudata._items(data[start:])
    return [name for name, _data in items]


def test_the_trimmed_library_keeps_chinese_english_and_root_data_and_drops_the_rest(trimmed):
    items = package_items(trimmed)
    names = {name.split("/", 1)[1] for name in items}
    assert {"coll/zh.res", "coll/root.res", "coll/ucadata.icu", "gb18030.cnv", "cnvalias.icu", "zh.res", "root.res",
            "zone/zh.res", "res_index.res", "coll/res_index.res"} <= names
    assert not {"coll/ja.res", "fr.res", "zone/de.res", "brkitr/cjdict.dict", "unames.icu", "translit/root.res"} & names
    assert items == sorted(items), "ICU looks items up by binary search"
    assert trimmed.stat().st_size < LIBRARIES[0].stat().st_size / 4


def test_qt_sorts_chinese_by_pinyin_and_knows_the_chinese_code_pages_with_the_trimmed_library(trimmed):
    environment = dict(os.environ, LD_LIBRARY_PATH=str(trimmed.parent), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", QT_USES_ICU.replace("{folder}", str(trimmed.parent))],
                            capture_output=True, text=True, encoding="utf-8", env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    order, codecs, zone, loaded = result.stdout.splitlines()
    assert order == "['阿', '安', '北京', '赵', '中']"
    assert codecs == "[True, True, True, True, True]"
    assert zone == "中国标准时间"
    assert int(loaded) >= 1, "the trimmed library itself was loaded"


def test_a_library_laid_out_otherwise_is_refused(tmp_path):
    strange = tmp_path / "libicudata.so.99"
    strange.write_bytes(b"\x7fELF\x01\x01" + bytes(100))
    with pytest.raises(icudata.TrimError):
        icudata.trim(strange, tmp_path / "out.so")
