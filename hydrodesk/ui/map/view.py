"""The map's viewport: pan (drag, arrow keys), zoom (wheel, +/-), fit, a scale bar and a north arrow.

Keyboard: Tab and Shift+Tab walk the sectors (then leave the map, so the walk round the pane goes on), Enter
selects the focused sector, Ctrl+Enter opens it. A click selects, a double-click opens.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from hydrodesk.domain.map_projection import nice_length
from hydrodesk.ui.map.items import SectorItem

ZOOM_STEP = 1.25
MAX_ZOOM_IN = 40.0  # relative to "fit"
MAX_ZOOM_OUT = 1 / 6
PAN_STEP_PX = 60
CLICK_SLOP_PX = 4
SCALE_BAR_MAX_PX = 140
FIT_MARGIN = 0.06


class MapView(QGraphicsView):
    sector_clicked = Signal(str)  # sector id: select it
    sector_opened = Signal(str)  # sector id: open it (double-click, Ctrl+Enter)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("SectorMap")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # Every item restores what it changes on the painter; the view need not save and restore it per item.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)  # hover over scouting points without a button held
        self.sectors: list[SectorItem] = []
        self.focused_index = -1
        self.ink = QColor("#1d2925")
        self.paper = QColor(255, 255, 255, 215)
        self._fit_scale = 1.0
        self._fitted = False  # showing the whole farm as "fit" left it: a resize fits again, until the user moves
        self._press: QPoint | None = None

    # ------------------------------------------------------------------------------------------ content
    def set_sectors(self, sectors: list[SectorItem]) -> None:
        self.sectors = sectors
        self.focused_index = -1

    def content_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.sectors:
            rect = rect.united(item.path().boundingRect())  # the outlines alone: the pen's width varies with focus
        return rect

    def scale_factor(self) -> float:
        """Screen pixels per metre."""
        return self.transform().m11()

    # ------------------------------------------------------------------------------------------ zoom and pan
    def fit(self) -> None:
        rect = self.content_rect()
        if rect.isEmpty():
            return
        margin = max(rect.width(), rect.height()) * FIT_MARGIN
        # Room to pan past the edges, so any corner can be brought to the middle.
        room = max(rect.width(), rect.height()) * 3
        self.setSceneRect(rect.adjusted(-room, -room, room, room))
        self.resetTransform()
        self.fitInView(rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_scale = self.scale_factor()
        self._fitted = True
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def zoom(self, factor: float) -> None:
        wanted = self.scale_factor() * factor
        low, high = self._fit_scale * MAX_ZOOM_OUT, self._fit_scale * MAX_ZOOM_IN
        if wanted < low or wanted > high:
            factor = min(max(wanted, low), high) / self.scale_factor()
        self.scale(factor, factor)
        self._fitted = False
        self.viewport().update()

    def zoom_in(self) -> None:
        self._zoom_centred(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_centred(1 / ZOOM_STEP)

    def _zoom_centred(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom(factor)
        self.setTransformationAnchor(anchor)

    def pan(self, dx: int, dy: int) -> None:
        self._fitted = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps)
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # the scale bar and north arrow are drawn over the whole viewport

    # ------------------------------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        super().mouseReleaseEvent(event)
        if press is not None and (event.position().toPoint() - press).manhattanLength() > CLICK_SLOP_PX:
            self._fitted = False  # a drag moved the map
        elif press is not None:
            sector = self.sector_at(event.position().toPoint())
            if sector is not None:
                self._focus_sector(self.sectors.index(sector), ensure_visible=False)
                self.sector_clicked.emit(sector.sector_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        sector = self.sector_at(event.position().toPoint())
        if sector is not None:
            self.sector_opened.emit(sector.sector_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def sector_at(self, point: QPoint) -> SectorItem | None:
        scene_point = self.mapToScene(point)
        for item in self.scene().items(scene_point):
            if isinstance(item, SectorItem) and item.shape().contains(scene_point):
                return item
        return None

    def sector_position(self, sector: SectorItem) -> QPoint:
        """Where a sector's middle is on screen (tests click there)."""
        return self.mapFromScene(sector.sceneBoundingRect().center())

    # ------------------------------------------------------------------------------------------ keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        pans = {
            Qt.Key.Key_Left: (-PAN_STEP_PX, 0),
            Qt.Key.Key_Right: (PAN_STEP_PX, 0),
            Qt.Key.Key_Up: (0, -PAN_STEP_PX),
            Qt.Key.Key_Down: (0, PAN_STEP_PX),
        }
        if key in pans:
            self.pan(*pans[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.focused_index < len(self.sectors):
            sector_id = self.sectors[self.focused_index].sector_id
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                self.sector_opened.emit(sector_id)
            else:
                self.sector_clicked.emit(sector_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the sectors in reading order, then lets the focus leave the map."""
        if self.hasFocus() and self.sectors:
            index = self.focused_index + (1 if next else -1)
            if self.focused_index == -1 and not next:
                index = len(self.sectors) - 1
            if 0 <= index < len(self.sectors):
                self._focus_sector(index)
                return True
            self._focus_sector(-1)
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.focused_index == -1 and self.sectors:
            reason = event.reason()
            if reason == Qt.FocusReason.TabFocusReason:
                self._focus_sector(0)
            elif reason == Qt.FocusReason.BacktabFocusReason:
                self._focus_sector(len(self.sectors) - 1)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self._focus_sector(-1)

    def focused_sector(self) -> SectorItem | None:
        return self.sectors[self.focused_index] if 0 <= self.focused_index < len(self.sectors) else None

    def _focus_sector(self, index: int, *, ensure_visible: bool = True) -> None:
        for position, item in enumerate(self.sectors):
            item.set_focused(position == index)
        self.focused_index = index
        if ensure_visible and 0 <= index < len(self.sectors):
            self.ensureVisible(self.sectors[index], 40, 40)

    # ------------------------------------------------------------------------------------------ overlays
    def drawForeground(self, painter: QPainter, _rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_scale_bar(painter)
        self._draw_north_arrow(painter)
        painter.restore()

    def scale_bar(self) -> tuple[float, float]:
        """(metres, pixels) of the scale bar at the current zoom."""
        per_metre = self.scale_factor()
        if per_metre <= 0:
            return 0.0, 0.0
        metres = nice_length(SCALE_BAR_MAX_PX / per_metre)
        return metres, metres * per_metre

    def _draw_scale_bar(self, painter: QPainter) -> None:
        metres, pixels = self.scale_bar()
        if pixels < 2:
            return
        text = _distance_text(metres)
        metrics = QFontMetricsF(painter.font())
        left, bottom = 14.0, self.viewport().height() - 14.0
        box = QRectF(
            left - 6,
            bottom - metrics.height() - 14,
            max(pixels, metrics.horizontalAdvance(text)) + 12,
            metrics.height() + 20,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.paper)
        painter.drawRoundedRect(box, 4, 4)
        pen = QPen(self.ink)
        pen.setWidthF(2)
        painter.setPen(pen)
        painter.drawLine(QPointF(left, bottom - 4), QPointF(left + pixels, bottom - 4))
        painter.drawLine(QPointF(left, bottom - 9), QPointF(left, bottom))
        painter.drawLine(QPointF(left + pixels, bottom - 9), QPointF(left + pixels, bottom))
        painter.drawText(QPointF(left, bottom - 10), text)

    def _draw_north_arrow(self, painter: QPainter) -> None:
        # The map is never rotated: north is always straight up.
        x, top = self.viewport().width() - 30.0, 14.0
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.paper)
        painter.drawEllipse(QPointF(x, top + 22), 19, 19)
        arrow = QPainterPath()
        arrow.addPolygon(
            QPolygonF([QPointF(x, top + 8), QPointF(x + 7, top + 30), QPointF(x, top + 25), QPointF(x - 7, top + 30)])
        )
        arrow.closeSubpath()
        painter.setBrush(self.ink)
        painter.drawPath(arrow)
        painter.setPen(self.ink)
        north = QCoreApplication.translate("SectorMap", "N", "north, on the map's north arrow")
        painter.drawText(QRectF(x - 10, top + 29, 20, 14), Qt.AlignmentFlag.AlignCenter, north)


def _distance_text(metres: float) -> str:
    locale = QLocale()
    if metres >= 1000:
        km = metres / 1000
        return QCoreApplication.translate("SectorMap", "{value} km").format(
            value=locale.toString(km, "f", 0 if math.isclose(km, round(km)) else 1)
        )
    return QCoreApplication.translate("SectorMap", "{value} m").format(value=locale.toString(round(metres)))
