"""One telemetry series drawn on a plot: its live points, its backfilled history, and a min/max envelope.

- Live points: a PlotDataItem straight over the ring buffer (a zero-copy view), clipped to the view and peak
  downsampled by pyqtgraph, with a 1-px cosmetic pen and no finite check (ingest lets only finite numbers in).
  Gaps in the data (a device offline, a lost connection) are drawn as gaps: the `connect` mask breaks the line
  wherever two points are more than a few typical steps apart.
- History: the saved one-minute rollups before the first live point, drawn as a shaded min..max band around a
  thinner mean line.
- Zoomed out (more than two points per pixel), the live points are reduced to a min..max envelope per pixel
  column, drawn as a shaded band under the peak line, so a spike between two drawn points is never lost.

What the curve gets is a copy of the part of the buffer around the view, already reduced to the pixels: a
chart of a day at 1 Hz hands pyqtgraph a few thousand points, not 86,400, and the ring buffer can move its
points without the curve noticing.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from hydrodesk.domain.telemetry import DEFAULT_GAP_FACTOR, SeriesBuffer, SeriesKey, envelope, median_step
from hydrodesk.domain.telemetry_rollups import MINUTE_S, RollupHistory

# The typical step is re-estimated from this many newest points (cheap, and follows a changed rate).
STEP_SAMPLE = 256
ENVELOPE_POINTS_PER_PIXEL = 2.0
# The slice handed to the curve reaches this fraction of the window beyond each side of the view.
MARGIN = 0.25


def _pen(color: QColor, width: float = 1.0) -> object:
    pen = pg.mkPen(color, width=width)
    pen.setCosmetic(True)
    return pen


def _faded(color: QColor, alpha: int) -> QColor:
    faded = QColor(color)
    faded.setAlpha(alpha)
    return faded


class _Band:
    """A shaded area between a low and a high curve (both invisible), broken where `connect` says. Its items
    are made on first use: most series never need one."""

    def __init__(self, plot: pg.PlotItem, color: QColor) -> None:
        self.plot = plot
        self.color = QColor(color)
        self.items: tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem] | None = None
        self.empty = True

    def set(self, ts: np.ndarray, low: np.ndarray, high: np.ndarray, connect: np.ndarray | str = "all") -> None:
        if self.items is None:
            if len(ts) == 0:
                return
            low_curve = pg.PlotCurveItem(pen=None, skipFiniteCheck=True)
            high_curve = pg.PlotCurveItem(pen=None, skipFiniteCheck=True)
            fill = pg.FillBetweenItem(low_curve, high_curve, brush=pg.mkBrush(_faded(self.color, 56)))
            fill.setZValue(-10)
            self.plot.addItem(low_curve)
            self.plot.addItem(high_curve)
            # The fill's bounds are its whole path (24 h of history, say), not what is in view: left to the two
            # curves, the y scale follows the visible data (a closed valve's zero flow is not drawn on 0–1000).
            self.plot.addItem(fill, ignoreBounds=True)
            self.items = (low_curve, high_curve, fill)
        self.items[0].setData(ts, low, connect=connect)
        self.items[1].setData(ts, high, connect=connect)
        self.empty = len(ts) == 0

    def clear(self) -> None:
        if not self.empty:
            self.set(np.empty(0), np.empty(0), np.empty(0))

    def set_color(self, color: QColor) -> None:
        self.color = QColor(color)
        if self.items is not None:
            self.items[2].setBrush(pg.mkBrush(_faded(color, 56)))

    def remove(self, plot: pg.PlotItem) -> None:
        if self.items is not None:
            for item in reversed(self.items):
                plot.removeItem(item)
            self.items = None


class SeriesItem:
    def __init__(self, plot: pg.PlotItem, key: SeriesKey, label: str, color: QColor) -> None:
        self.plot = plot
        self.key = key
        self.group = ""  # the plot group's key (set by the chart)
        self.label = label
        self.color = QColor(color)
        self.curve = pg.PlotDataItem(pen=_pen(color), name=label, skipFiniteCheck=True)
        self.curve.setClipToView(True)
        self.curve.setDownsampling(auto=True, method="peak")
        self.history_mean = pg.PlotDataItem(pen=_pen(_faded(color, 170)), skipFiniteCheck=True)
        self.history_band = _Band(plot, color)
        self.live_band = _Band(plot, color)
        plot.addItem(self.history_mean)
        plot.addItem(self.curve)
        self.history: RollupHistory | None = None
        # Shaded bands help a few series; over dozens they are clutter (the chart turns them off).
        self.band_enabled = True
        self.points = 0  # live points the series held at the last update
        self.drawn = 0  # points handed to the curve (after reducing to the pixels)
        self.updates = 0
        self._cover: tuple[float, float, float] | None = None  # (since, until, bucket width) of the last slice

    def rename(self, label: str) -> None:
        """A new name, in the legend too (the farm's names may arrive after the series)."""
        self.label = label
        self.curve.opts["name"] = label
        legend = self.plot.legend
        shown = legend.getLabel(self.curve) if legend is not None else None
        if shown is not None:
            shown.setText(label)

    # ------------------------------------------------------------------------------------------ data
    @property
    def history_points(self) -> int:
        """Minutes of history drawn before the live points."""
        return 0 if self.history is None else len(self.history)

    def covers(self, x_range: tuple[float, float], width_px: int) -> bool:
        """Whether what the curve holds still serves this view (no re-slice needed to pan or follow)."""
        cover = self._cover
        if cover is None:
            return False
        since, until, bucket_s = cover
        span = x_range[1] - x_range[0]
        fine_enough = bucket_s <= 2 * span / max(1, width_px)
        return since <= x_range[0] and x_range[1] <= until and fine_enough

    def update(self, series: SeriesBuffer | None, x_range: tuple[float, float], width_px: int) -> None:
        """Hand the curve the part of the series around the view, reduced to what the pixels can show.

        The slice reaches a margin beyond the view on both sides, so following the newest data or a small pan
        needs no new slice. More than two points per pixel become a min/max envelope per pixel column, on a
        time grid aligned to the bucket width (a moving window does not make the peaks flicker); pyqtgraph's own
        clipping and peak downsampling then have next to nothing left to do."""
        if series is None or len(series) == 0:
            return
        since, until = x_range
        span = max(until - since, 1e-3)
        width_px = max(1, width_px)
        bucket_s = span / width_px
        lo = math.floor((since - MARGIN * span) / bucket_s) * bucket_s
        hi = math.ceil((until + MARGIN * span) / bucket_s) * bucket_s
        view = series.window(lo, hi)
        step = median_step(series.tail(STEP_SAMPLE).ts)
        gap_step = max(step or bucket_s, 1e-6)
        if len(view) > ENVELOPE_POINTS_PER_PIXEL * width_px * (hi - lo) / span:
            buckets = max(1, round((hi - lo) / bucket_s))
            band = envelope(view, buckets, since=lo, until=hi, gap_factor=DEFAULT_GAP_FACTOR)
            ts, values, connect = band.interleaved()
            if self.band_enabled:
                self.live_band.set(band.ts, band.low.astype(np.float64), band.high.astype(np.float64), band.connect)
            else:
                self.live_band.clear()
        else:
            ts, values = view.ts, view.values
            connect = np.ones(len(ts), dtype=bool)
            if len(ts) > 1:
                connect[:-1] = np.diff(ts) <= DEFAULT_GAP_FACTOR * gap_step
            self.live_band.clear()
        # Copies: the ring buffer moves its points when it compacts, the curve must not see that happen.
        self.curve.setData(np.array(ts, dtype=np.float64), np.array(values, dtype=np.float64), connect=connect)
        self._cover = (lo, hi, bucket_s)
        self.points = len(series)
        self.drawn = len(ts)
        self.updates += 1

    def set_history(self, history: RollupHistory) -> None:
        """The saved minute rollups before the first live point (a shaded min..max band and the mean line)."""
        self.history = history
        if len(history) == 0:
            self.history_band.clear()
            self.history_mean.setData([], [])
            return
        # Drawn at the middle of their minute, and the last one held on to its end, where the live points begin
        # (otherwise half a minute of nothing would show between history and live).
        minutes = np.append(history.minute + MINUTE_S / 2, history.minute[-1] + MINUTE_S)
        low, high, mean = (np.append(values, values[-1]) for values in (history.minimum, history.maximum, history.mean))
        connect = np.ones(len(minutes), dtype=bool)
        connect[:-2] = np.diff(history.minute) <= 1.5 * MINUTE_S  # a missing minute is a gap
        self.history_band.set(minutes, low, high, connect)
        self.history_mean.setData(minutes, mean, connect=connect)

    # ------------------------------------------------------------------------------------------ reading
    def value_at(self, series: SeriesBuffer | None, ts: float) -> float | None:
        """The reading nearest to `ts`, or None when `ts` falls in a gap or outside the data."""
        if series is not None and len(series):
            view = series.view()
            step = median_step(series.tail(STEP_SAMPLE).ts) or 1.0
            index = int(np.searchsorted(view.ts, ts))
            best = None
            for candidate in (index - 1, index):
                if 0 <= candidate < len(view.ts):
                    distance = abs(float(view.ts[candidate]) - ts)
                    if distance <= 1.5 * step and (best is None or distance < best[0]):
                        best = (distance, float(view.values[candidate]))
            if best is not None:
                return best[1]
        history = self.history
        if history is not None and len(history):
            index = int(np.searchsorted(history.minute, ts, side="right")) - 1
            if index >= 0 and ts - float(history.minute[index]) < MINUTE_S:
                return float(history.mean[index])
        return None

    # ------------------------------------------------------------------------------------------ looks
    def set_vector(self, shown: bool) -> None:
        """Draw this series with its own curves (True), or leave it to the chart's pixel layer (False: the curves
        are emptied, so pyqtgraph neither paints them nor measures them for the scale)."""
        in_plot = self.curve.scene() is not None
        if not shown:
            self.curve.setData([], [])
            self.history_mean.setData([], [])
            self.history_band.clear()
            self.live_band.clear()
            self._cover = None
            if in_plot:
                # Out of the plot altogether: a hidden item still hears of every view change (200 of them, per tick).
                self.plot.removeItem(self.curve)
                self.plot.removeItem(self.history_mean)
            return
        if not in_plot:
            self.plot.addItem(self.history_mean)
            self.plot.addItem(self.curve)
        if self.history is not None:
            self.set_history(self.history)

    def set_color(self, color: QColor) -> None:
        self.color = QColor(color)
        self.curve.setPen(_pen(color))
        self.history_mean.setPen(_pen(_faded(color, 170)))
        self.history_band.set_color(color)
        self.live_band.set_color(color)

    def remove(self) -> None:
        if self.curve.scene() is not None:
            self.plot.removeItem(self.curve)
            self.plot.removeItem(self.history_mean)
        self.history_band.remove(self.plot)
        self.live_band.remove(self.plot)
