"""Curves that hand pyqtgraph only what the pixels can show, and shaded time spans (irrigation runs, rain).

A DecimatedCurve holds a whole series (a year of readings if need be) and, for each view, gives its PlotDataItem
the min/max of every pixel column around the view (`weather_series.decimate`): zoomed out to a year it draws a few
thousand points, zoomed in to an hour the raw readings. A pan within the slice's margin costs nothing.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from hydrodesk.domain.weather_series import EMPTY, Column, decimate


def cosmetic_pen(color: QColor, width: float = 1.0) -> object:
    pen = pg.mkPen(color, width=width)
    pen.setCosmetic(True)
    return pen


def faded(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(alpha)
    return result


class DecimatedCurve:
    def __init__(self, plot: pg.PlotItem, label: str, unit: str, color: QColor, *, filled: bool = False) -> None:
        self.plot = plot
        self.label = label
        self.unit = unit
        self.filled = filled
        self.column: Column = EMPTY
        self.curve = pg.PlotDataItem(name=label, skipFiniteCheck=True)
        self.curve.setClipToView(True)  # the slice's margins are for panning, not for painting
        plot.addItem(self.curve)
        self.color = QColor(color)
        self.set_color(color)
        self.drawn = 0  # points handed to pyqtgraph at the last redraw
        self._shown_ts: np.ndarray = np.empty(0)
        self._shown_values: np.ndarray = np.empty(0)
        self._cover: tuple[float, float, float] | None = None  # (since, until, bucket width) of the last slice

    def set_column(self, column: Column) -> None:
        self.column = column
        self._cover = None

    def covers(self, since: float, until: float, width_px: int) -> bool:
        if self._cover is None:
            return False
        lo, hi, bucket_s = self._cover
        return lo <= since and until <= hi and abs(bucket_s - (until - since) / max(1, width_px)) < 1e-6 * bucket_s

    def redraw(self, since: float, until: float, width_px: int, *, force: bool = False) -> None:
        if not force and self.covers(since, until, width_px):
            return
        shown = decimate(self.column, since, until, width_px)
        # Without gaps, one polyline ("all") paints several times faster than a line per segment (a mask).
        connect = "all" if shown.connect.all() else shown.connect
        self.curve.setData(shown.ts, shown.values, connect=connect)
        self._shown_ts, self._shown_values = shown.ts, shown.values
        span = until - since
        self._cover = (since - 0.25 * span, until + 0.25 * span, span / max(1, width_px))
        self.drawn = len(shown)

    def value_bounds(self, since: float, until: float) -> tuple[float, float] | None:
        """Lowest and highest value drawn between two instants (and the fill's base, for a filled curve); None when
        the curve is hidden or draws nothing there. The points just outside count: their line crosses the view."""
        if not self.curve.isVisible() or not len(self._shown_ts):
            return None
        first = max(0, int(np.searchsorted(self._shown_ts, since, side="left")) - 1)
        last = int(np.searchsorted(self._shown_ts, until, side="right")) + 1
        values = self._shown_values[first:last]
        if not len(values) or np.isnan(values).all():
            return None
        low, high = float(np.nanmin(values)), float(np.nanmax(values))
        return (min(low, 0.0), max(high, 0.0)) if self.filled else (low, high)

    def set_color(self, color: QColor) -> None:
        self.color = QColor(color)
        self.curve.setPen(cosmetic_pen(color))  # 1 px: the raster engine's fast path
        if self.filled:
            self.curve.setFillLevel(0.0)
            self.curve.setBrush(pg.mkBrush(faded(color, 110)))

    def value_at(self, ts: float, within_s: float) -> float | None:
        return self.column.value_near(ts, within_s)

    def remove(self) -> None:
        self.plot.removeItem(self.curve)


class SpansItem(pg.GraphicsObject):
    """Shaded time spans over the whole height of a plot (an irrigation run, a rain shower): at least one pixel
    wide, so a twenty-minute run still shows on a year's chart."""

    def __init__(self, color: QColor, name: str = "") -> None:
        super().__init__()
        self.name = name
        self.starts = np.empty(0)
        self.ends = np.empty(0)
        self.brush = pg.mkBrush(faded(color, 70))
        self.setZValue(-20)

    def set_spans(self, spans: list[tuple[float, float]]) -> None:
        self.prepareGeometryChange()
        ordered = sorted(spans)
        self.starts = np.array([start for start, _ in ordered], dtype=np.float64)
        self.ends = np.array([end for _, end in ordered], dtype=np.float64)
        self.update()

    def set_color(self, color: QColor) -> None:
        self.brush = pg.mkBrush(faded(color, 70))
        self.update()

    def __len__(self) -> int:
        return len(self.starts)

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: object = None) -> None:
        return None  # spans never stretch the plot's auto range

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        box = self.getViewBox()
        if box is None or not len(self.starts):
            return QRectF()
        view = box.viewRect()
        return QRectF(float(self.starts[0]), view.top(), float(self.ends.max() - self.starts[0]), view.height())

    def paint(self, painter: QPainter, *_: object) -> None:
        box = self.getViewBox()
        if box is None or not len(self.starts):
            return
        view = box.viewRect()
        pixel = self.pixelWidth() or 0.0
        longest = float((self.ends - self.starts).max())
        first = int(np.searchsorted(self.starts, view.left() - longest))
        last = int(np.searchsorted(self.starts, view.right(), side="right"))
        painter.setPen(pg.mkPen(None))
        painter.setBrush(self.brush)
        for start, end in zip(self.starts[first:last].tolist(), self.ends[first:last].tolist(), strict=True):
            painter.drawRect(QRectF(start, view.top(), max(end - start, pixel), view.height()))
