"""A time axis labelled at the farm's clock, in the user's language ("lun 2 dic", "14:30").

pyqtgraph's DateAxisItem picks good tick spacings but writes its labels with the C locale and one fixed offset;
this axis keeps its spacing, follows the farm's timezone (the offset is taken at the middle of what is shown, so
a chart of a summer week is right after a DST change too) and formats each label with QLocale.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, QRectF, QTime
from PySide6.QtGui import QFontMetrics, QPainter

from hydrodesk.ui import formats

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
LABELS_KEPT = 512


class FarmTimeAxis(pg.DateAxisItem):
    def __init__(self, zone: str | None = None, orientation: str = "bottom", *, days_only: bool = False) -> None:
        """`days_only`: the chart has one value a day, drawn at noon (the scouting trend): ticks name days, at
        noon, under the points, and never the hours between them."""
        super().__init__(orientation=orientation)
        self.days_only = days_only
        # pyqtgraph sets this on the first paint; the grid above asks for ticks before that.
        self.fontMetrics = QFontMetrics(self.font())
        # Seconds since 1970 never take an SI prefix; left on, every zoom step re-lays the axis label out as HTML.
        self.enableAutoSIPrefix(False)
        self.zone: ZoneInfo | None = None
        # Labels already written, by (tick, spacing, language): a live chart slides its window every frame, and
        # most of its ticks stay the same times while they move across it.
        self._labels: dict[tuple[float, float, str], str] = {}
        self.set_zone(zone)

    def set_zone(self, zone: str | None) -> None:
        """Label with this farm's clock (an IANA name; None: this computer's)."""
        self.zone = formats.farm_zone(zone)
        self._labels.clear()
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        self.utcOffset = self._offset_at((minVal + maxVal) / 2)
        levels = super().tickValues(minVal, maxVal, size)
        return self._at_noon(levels, minVal, maxVal) if self.days_only else levels

    def _at_noon(self, levels: list, low: float, high: float) -> list:
        """A chart of one value a day: a tick at the noon of every day (or every few days, as pyqtgraph spaced
        them) in view; months and years as pyqtgraph has them once days no longer fit."""
        day_spacings = [spacing for spacing, _values in levels if DAY <= spacing < 25 * DAY]
        if not day_spacings and any(spacing >= 25 * DAY for spacing, _values in levels):
            return [(spacing, values) for spacing, values in levels if spacing >= DAY]
        step = max(1, round(min(day_spacings, default=DAY) / DAY))
        noon = datetime.fromtimestamp(low, self.zone).replace(hour=12, minute=0, second=0, microsecond=0)
        if noon.timestamp() < low:
            noon += timedelta(days=1)
        ticks = []
        while noon.timestamp() <= high:
            ticks.append(noon.timestamp())
            noon += timedelta(days=step)  # on the wall clock: noon stays noon across a DST change
        return [(step * DAY, ticks)]

    def _offset_at(self, ts: float) -> float:
        """pyqtgraph's sign: seconds west of UTC."""
        try:
            moment = datetime.fromtimestamp(ts).astimezone(self.zone)
        except (OverflowError, OSError, ValueError):
            return 0.0
        offset = moment.utcoffset()
        return -offset.total_seconds() if offset is not None else 0.0

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        low, high = self.range
        # A month tick inside a chart of a few weeks reads better as a day ("1 dic") than as a month.
        spacing = min(spacing, 10 * DAY) if high - low < 60 * DAY else spacing
        language = QLocale().name()
        texts = []
        for value in values:
            key = (value, spacing, language)
            text = self._labels.get(key)
            if text is None:
                if len(self._labels) >= LABELS_KEPT:
                    self._labels.clear()
                text = self._labels[key] = tick_text(value, spacing, self.zone)
            texts.append(text)
        return texts


def tick_text(ts: float, spacing: float, zone: ZoneInfo | None) -> str:
    """A tick label as short as the spacing allows: seconds, minutes, days or months."""
    try:
        moment = datetime.fromtimestamp(ts).astimezone(zone)
    except (OverflowError, OSError, ValueError):
        return ""
    shown = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute, moment.second))
    locale = QLocale()
    if spacing < MINUTE:
        return locale.toString(shown, "HH:mm:ss")
    if spacing < DAY:
        at_midnight = moment.hour == 0 and moment.minute == 0
        return locale.toString(shown, "ddd d MMM" if at_midnight else "HH:mm")
    if spacing < 25 * DAY:
        return locale.toString(shown, "d MMM")
    if spacing < 300 * DAY:
        return locale.toString(shown, "MMM yyyy")
    return locale.toString(shown, "yyyy")


def cursor_text(ts: float, zone: ZoneInfo | None) -> str:
    """The moment under the crosshair, with its weekday (the readout's first words)."""
    moment = datetime.fromtimestamp(ts).astimezone(zone)
    shown = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    return QLocale().toString(shown, "ddd d MMM yyyy HH:mm")


class TimeGridLines(pg.GraphicsObject):
    """Vertical grid lines at the shared time axis's ticks, for the plots stacked above it. They have no time axis
    of their own: one axis working out dates and labels is enough, and four cost a zoom step 40 ms."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self.pen = pg.mkPen("#dddddd")
        self.pen.setCosmetic(True)
        self.setZValue(-30)

    def set_ticks(self, levels: list[tuple[float, list[float]]]) -> None:
        self.ticks = sorted(levels[0][1]) if levels else []  # the labelled ticks, as the axis below draws them
        self.update()

    def set_color(self, color: object) -> None:
        self.pen = pg.mkPen(color)
        self.pen.setCosmetic(True)
        self.update()

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: object = None) -> None:
        return None  # grid lines never stretch the plot's auto range

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        box = self.getViewBox()
        return QRectF() if box is None else box.viewRect()

    def paint(self, painter: QPainter, *_: object) -> None:
        box = self.getViewBox()
        if box is None:
            return
        view = box.viewRect()
        painter.setPen(self.pen)
        for value in self.ticks:
            if view.left() <= value <= view.right():
                painter.drawLine(QPointF(value, view.top()), QPointF(value, view.bottom()))
