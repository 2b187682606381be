"""Icons from resources/icons/*.svg, drawn in the theme's icon colour (the SVGs use `currentColor`).

Each icon is rendered on demand at the size asked for, so it is crisp at any scale and costs nothing at start-up
until it is painted.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImageReader, QPainter, QPixmap

from hydrodesk.resources import resource_path


@cache
def _svg_text(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def svg_pixmap(name: str, size: QSize, color: str = "#000000") -> QPixmap:
    data = QByteArray(_svg_text(name).replace("currentColor", color).encode("utf-8"))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(size)
    return QPixmap.fromImage(reader.read())


class _SvgIconEngine(QIconEngine):
    def __init__(self, name: str, colors: dict[QIcon.Mode, str]) -> None:
        super().__init__()
        self._name = name
        self._colors = colors
        self._pixmaps: dict[tuple[int, int, str], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        color = self._colors.get(mode, self._colors[QIcon.Mode.Normal])
        key = (size.width(), size.height(), color)
        if key not in self._pixmaps:
            self._pixmaps[key] = svg_pixmap(self._name, size, color)
        return self._pixmaps[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.pixmap(QSize(round(rect.width() * ratio), round(rect.height() * ratio)), mode, state)
        painter.drawPixmap(rect, pixmap)

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name, dict(self._colors))


def themed_icon(name: str, color: str, disabled_color: str = "#9aa6a0", selected_color: str = "#ffffff") -> QIcon:
    """The icon `name` with `currentColor` painted as `color` (e.g. "#33443d"); white on a selected row."""
    colors = {QIcon.Mode.Normal: color, QIcon.Mode.Active: color}
    colors[QIcon.Mode.Disabled] = disabled_color
    colors[QIcon.Mode.Selected] = selected_color
    return QIcon(_SvgIconEngine(name, colors))


def app_icon() -> QIcon:
    """The application's own icon (full colour, no theming)."""
    return themed_icon("app", "#17795f")
