"""The things drawn on the sector map: sector shapes with their labels, and scouting points.

Scene coordinates are metres east (x) and metres south (y: Qt's y grows downwards) of the farm's centre, so a
sector keeps its true shape at any zoom. Labels and dots keep their screen size whatever the zoom.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from hydrodesk.domain.map_layers import ScoutPoint

OUTLINE_PX = 1.2
SELECTED_PX = 3.5
DOT_RADIUS_PX = 4.5
LABEL_Z = 5
DOT_Z = 10  # above the labels: a label must not hide a point (nor take its hover); a dot covers 9 px of text


def scene_path(rings: Sequence[Sequence[tuple[float, float]]]) -> QPainterPath:
    """Outer ring and holes (x east, y north, metres) as one odd-even path in scene coordinates."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.addPolygon(QPolygonF([QPointF(x, -y) for x, y in ring]))
        path.closeSubpath()
    return path


class SectorLabel(QGraphicsItem):
    """The sector's name and one line about it, centred on the sector, a halo behind the text for contrast."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.title = ""
        self.detail = ""
        self.text_colour = QColor("#1d2925")
        self.halo_colour = QColor(255, 255, 255, 200)
        self._title_font = QFont()
        self._title_font.setWeight(QFont.Weight.DemiBold)
        self._detail_font = QFont()
        self._detail_font.setPointSizeF(max(self._detail_font.pointSizeF() - 1, 7))
        self._rect = QRectF()
        self._title_height = QFontMetricsF(self._title_font).height()
        # Drawn once into a pixmap and reused on every repaint (a pan or zoom redraws 200 labels otherwise).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_text(self, title: str, detail: str) -> None:
        if (title, detail) == (self.title, self.detail):
            return
        self.prepareGeometryChange()
        self.title, self.detail = title, detail
        title_metrics, detail_metrics = QFontMetricsF(self._title_font), QFontMetricsF(self._detail_font)
        width = max(title_metrics.horizontalAdvance(title), detail_metrics.horizontalAdvance(detail) if detail else 0)
        height = title_metrics.height() + (detail_metrics.height() if detail else 0)
        self._rect = QRectF(-width / 2 - 4, -height / 2 - 2, width + 8, height + 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.halo_colour)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(self.text_colour)
        title_height = self._title_height
        top = self._rect.adjusted(4, 2, -4, -2)
        painter.setFont(self._title_font)
        painter.drawText(
            QRectF(top.left(), top.top(), top.width(), title_height), Qt.AlignmentFlag.AlignCenter, self.title
        )
        if self.detail:
            painter.setFont(self._detail_font)
            rest = QRectF(top.left(), top.top() + title_height, top.width(), top.height() - title_height)
            painter.drawText(rest, Qt.AlignmentFlag.AlignCenter, self.detail)


class SectorItem(QGraphicsPathItem):
    """One sector: its boundary filled with the layer's colour; thick outline when selected, dashed when focused."""

    def __init__(self, project_id: str, sector_id: str, name: str, path: QPainterPath) -> None:
        super().__init__(path)
        self.project_id, self.sector_id, self.name = project_id, sector_id, name
        self.key = ""  # what the fill means in the current layer ("alert", "dry", ...)
        self.selected = False
        self.focused = False
        self.outline = QColor("#33443d")
        self.accent = QColor("#17795f")
        # Not a child: a child is stacked with its sector; labels go over every sector, scouting points over them.
        self.label = SectorLabel(None)
        self.label.setZValue(LABEL_Z)
        self.label.setPos(path.boundingRect().center())
        self.label.set_text(name, "")
        self.setZValue(1)
        self._restyle()

    def set_look(self, fill: QColor, detail: str, key: str) -> None:
        self.key = key
        self.setBrush(QBrush(fill))
        self.label.set_text(self.name, detail)

    def fill(self) -> QColor:
        return self.brush().color()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.setZValue(2 if selected else 1)
            self._restyle()

    def set_focused(self, focused: bool) -> None:
        if focused != self.focused:
            self.focused = focused
            self._restyle()

    def set_colours(self, outline: QColor, accent: QColor, text: QColor, halo: QColor) -> None:
        self.outline, self.accent = outline, accent
        self.label.text_colour, self.label.halo_colour = text, halo
        self.label.update()
        self._restyle()

    def _restyle(self) -> None:
        pen = QPen(self.accent if self.selected or self.focused else self.outline)
        pen.setCosmetic(True)  # pixels on screen, not metres
        pen.setWidthF(SELECTED_PX if self.selected else 2.0 if self.focused else OUTLINE_PX)
        if self.focused and not self.selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)


def record_text(point: ScoutPoint, when: str) -> str:
    """What a dot says about its record: when, who, and each pest or disease present with its count and grade."""
    from PySide6.QtCore import QCoreApplication

    from hydrodesk.ui import formats

    translate = QCoreApplication.translate
    lines = [translate("SectorMap", "{when} · {who}").format(when=when, who=point.who or "—")]
    if not point.present:
        lines.append(translate("SectorMap", "No pests or diseases found"))
    for label, count, grade in point.present:
        lines.append(
            translate("SectorMap", "{pest}: {count} (severity {grade} of 4)").format(
                pest=label, count=formats.number_text(count, 1), grade=formats.number_text(grade, 1)
            )
        )
    return "\n".join(lines)


class ScoutDot(QGraphicsEllipseItem):
    """A scouting point: hover shows its record (tool tip, and the map's detail box through `on_hover`)."""

    def __init__(self, point: ScoutPoint, position: QPointF, describe: Callable[[ScoutPoint], str]) -> None:
        radius = DOT_RADIUS_PX
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.point = point
        self._describe = describe
        self._text: str | None = None
        self.setPos(position)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(DOT_Z)
        # Weak: a dot holding its pane's method would make a reference cycle of Qt wrappers, which Python's
        # collector may then break from any thread.
        self.on_hover: list[weakref.WeakMethod[Callable[[ScoutDot | None], None]]] = []

    @property
    def text(self) -> str:
        """The record as a person reads it; written the first time it is wanted (hundreds of dots, few hovers)."""
        if self._text is None:
            self._text = self._describe(self.point)
        return self._text

    def set_colours(self, fill: QColor, ring: QColor) -> None:
        self.setBrush(QBrush(fill))
        pen = QPen(ring)
        pen.setWidthF(1.5)
        self.setPen(pen)

    def _tell(self, dot: ScoutDot | None) -> None:
        for reference in self.on_hover:
            callback = reference()
            if callback is not None:
                callback(dot)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self.toolTip():
            self.setToolTip(self.text)  # before the view asks for it, which it does after the hover
        self._tell(self)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._tell(None)
        super().hoverLeaveEvent(event)
