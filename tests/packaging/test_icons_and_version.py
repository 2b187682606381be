"""The committed icons are the source SVG's, in every size the platforms ask for; the version has one source."""

from __future__ import annotations

import importlib.metadata
import struct
import subprocess
import sys

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

import hydrodesk

from .support import PACKAGING, packaging_script

ICONS = PACKAGING / "icons"


def ico_sizes(data: bytes) -> set[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)  # an icon resource, not a cursor
    # Each 16-byte directory entry starts with width and height; 0 means 256.
    return {data[6 + 16 * index] or 256 for index in range(count)}


def largest_channel_difference(a: QImage, b: QImage) -> int:
    assert (a.width(), a.height()) == (b.width(), b.height())
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            one, two = QColor.fromRgba(a.pixel(x, y)), QColor.fromRgba(b.pixel(x, y))
            channels = zip(one.getRgb(), two.getRgb(), strict=True)
            worst = max(worst, *(abs(p - q) for p, q in channels))
    return worst


def test_the_committed_icons_are_drawn_from_the_svg_in_every_size(qapp: QApplication) -> None:
    # qapp first: make_icons would otherwise start a QGuiApplication, and later widget tests need a QApplication.
    make_icons = packaging_script("make_icons")
    fresh = QImage.fromData(make_icons.render_png(64), "PNG")
    committed = QImage(str(ICONS / "hydrodesk-64.png"))
    # Rendered again now, the SVG gives the committed picture (a changed SVG needs make_icons.py run again).
    assert largest_channel_difference(fresh, committed) <= 8
    for size in make_icons.PNG_SIZES:
        image = QImage(str(ICONS / f"hydrodesk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert QColor.fromRgba(image.pixel(0, 0)).alpha() == 0  # the rounded corner is transparent
    assert ico_sizes((ICONS / "hydrodesk.ico").read_bytes()) == set(make_icons.ICO_SIZES)
    icns = (ICONS / "hydrodesk.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns  # the 1024-pixel (512@2x) image a Retina Finder shows


def test_one_version_everywhere() -> None:
    version = packaging_script("version")
    assert version.version() == hydrodesk.__version__ == importlib.metadata.version("hydrodesk")
    printed = subprocess.run(
        [sys.executable, str(PACKAGING / "version.py"), "--windows"], check=True, capture_output=True, text=True
    )
    assert printed.stdout.strip() == ".".join([*hydrodesk.__version__.split("."), "0", "0", "0"][:4])
    assert version.windows_version("2.10.3rc1") == "2.10.3.0"
