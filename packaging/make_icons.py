"""Render HydroDesk's icon from its one source, resources/icons/app.svg, for the installers and the bundle.

    .venv/bin/python packaging/make_icons.py

Writes packaging/icons/: hydrodesk.ico (Windows: the exe, the installer, shortcuts), hydrodesk.icns (macOS: the .app
and the disk image) and hydrodesk-SIZE.png (Linux desktops, the README). Each size is drawn from the SVG at that
size (Qt's SVG renderer), not scaled down from a big bitmap, so the 16-pixel icon stays sharp. The outputs are
committed; run this again after changing the SVG (a test checks they are current).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "resources" / "icons" / "app.svg"
OUT = HERE / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render_png(size: int) -> bytes:
    """The SVG drawn at size x size, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_icons(out: Path = OUT) -> list[Path]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | set(ICNS_SIZES) | set(PNG_SIZES))
    images = {size: Image.open(io.BytesIO(render_png(size))).convert("RGBA") for size in sizes}
    written = []
    for size in PNG_SIZES:
        path = out / f"hydrodesk-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    ico = out / "hydrodesk.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)],
    )
    icns = out / "hydrodesk.icns"
    images[max(ICNS_SIZES)].save(icns, append_images=[images[size] for size in ICNS_SIZES[:-1]])
    return [*written, ico, icns]


if __name__ == "__main__":
    for path in make_icons():
        print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size:,} bytes)")
