"""Draw FiscalDesk's icon and write resources/icons/fiscaldesk.png and fiscaldesk.ico.

Run once by hand when the icon changes (`QT_QPA_PLATFORM=offscreen python packaging/make_icon.py`);
both files are committed. The picture is a blue tile with a white ledger rule and the character
决 (决算) in the bundled font. The .ico holds 16–256 px images as 32-bit BMPs, which every
Windows version, PyInstaller and NSIS read.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    tile = QPainterPath()
    margin = size * 0.04
    tile.addRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size * 0.18, size * 0.18)
    painter.fillPath(tile, QColor("#1f5fa8"))
    painter.setPen(QPen(QColor(255, 255, 255, 150), max(1.0, size / 48)))
    y = size * 0.80
    painter.drawLine(int(size * 0.18), int(y), int(size * 0.82), int(y))
    font = QFont(family)
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, -size * 0.05, size, size * 0.86), Qt.AlignmentFlag.AlignCenter, "决")
    painter.end()
    return image


def bmp_entry(image: QImage) -> bytes:
    """One ICO image: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, then the AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            color = image.pixelColor(x, y)
            row += bytes((color.blue(), color.green(), color.red(), color.alpha()))
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def write_ico(images: list[QImage], path: Path) -> None:
    entries = [bmp_entry(image) for image in images]
    offset = 6 + 16 * len(images)
    directory = b""
    for image, data in zip(images, entries):
        side = image.width() % 256  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(entries))


def main() -> None:
    _application = QGuiApplication(sys.argv[:1])  # fonts need an application object
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    images = [draw(size, family) for size in SIZES]
    images[-1].save(str(ROOT / "resources" / "icons" / "fiscaldesk.png"))
    write_ico(images, ROOT / "resources" / "icons" / "fiscaldesk.ico")


if __name__ == "__main__":
    main()
