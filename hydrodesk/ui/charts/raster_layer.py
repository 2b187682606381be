"""Many live series on one plot, drawn as pixels: what a chart of dozens or hundreds of series uses instead of one
pyqtgraph curve per series.

Each series is a row of pixel columns (hydrodesk.domain.telemetry_columns): min, max, first and last value per
column of the visible window. The layer keeps an ARGB image the size of the plot and colours, in each column, the
vertical run of pixels a 1-px line through those points would cover. Per tick the work follows what changed:
- following the newest data, the window moves by whole columns, so the columns and the image shift left and
  only the columns that received points are computed and painted again, from the new points alone;
- a series that received nothing costs nothing;
- only a new scale (the data left the y range, or shrank to a sliver of it), a new window, a resize or a new
  series redraws every column.
Painting is one image blit, whatever the number of series or points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from hydrodesk.domain.telemetry import (
    DEFAULT_GAP_FACTOR,
    RawSlice,
    SeriesBuffer,
    SeriesKey,
    SeriesView,
    join_slices,
    median_step,
)
from hydrodesk.domain.telemetry_columns import column_extremes, column_spans, pixel_runs
from hydrodesk.domain.telemetry_rollups import MINUTE_S, RollupHistory

STEP_SAMPLE = 256
MAX_GAP_COLUMNS = 64  # a line is drawn across at most this many empty columns (more: a gap in the data)
Y_PADDING = 0.06
FULL_BOUNDS_EVERY = 10
REDUCE_POINTS = 2_000_000  # points reduced to columns per numpy pass (bounds the temporaries to ~100 MB)
Y_SHRINK_BELOW = 0.35  # the data spans less than this fraction of the scale: zoom in on it


def _groups(sizes: list[int]) -> list[tuple[int, int]]:
    """[begin, end) runs of consecutive items of at most REDUCE_POINTS points together (an item bigger than that
    runs alone): a day of 200 series is reduced without gigabytes of temporaries."""
    runs: list[tuple[int, int]] = []
    begin, total = 0, 0
    for index, size in enumerate(sizes):
        if index > begin and total + size > REDUCE_POINTS:
            runs.append((begin, index))
            begin, total = index, 0
        total += size
    if begin < len(sizes):
        runs.append((begin, len(sizes)))
    return runs


def argb(color: QColor) -> int:
    return (color.alpha() << 24) | (color.red() << 16) | (color.green() << 8) | color.blue()


class RasterLayer(pg.GraphicsObject):
    def __init__(self, min_y_range: float, non_negative: bool) -> None:
        super().__init__()
        self.min_y_range = min_y_range
        self.non_negative = non_negative
        self.keys: list[SeriesKey] = []
        self._row: dict[SeriesKey, int] = {}
        self.origin = 0.0
        self.bucket_s = 0.0
        self.width = 0
        self.height = 0
        self.y_range: tuple[float, float] | None = None
        self.colors = np.empty(0, dtype=np.uint32)
        self.max_gap = np.empty(0)
        self._computed = np.empty(0, dtype=np.int64)  # per row: the first column that may still change
        self._columns = np.full((4, 0, 0), np.nan)  # low, high, opening, closing per (row, column)
        self.image = np.zeros((0, 0), dtype=np.uint32)
        self._dirty_from = 0
        self._bounds: tuple[float, float] | None = None
        self._bounds_calls = 0
        self.missing: tuple[int, int] | None = None  # columns [first, stop) a pan back brought in, not computed yet
        self.clip_to_grid = False  # paused: points after the window are not the last column's (live: they are)
        self.full_redraws = 0
        self.painted_columns = 0
        self.setZValue(5)

    # ------------------------------------------------------------------------------------------ series
    def __contains__(self, key: object) -> bool:
        return key in self._row

    def add(self, key: SeriesKey, color: QColor) -> None:
        if key in self._row:
            return
        self._row[key] = len(self.keys)
        self.keys.append(key)
        self.colors = np.append(self.colors, np.uint32(argb(color)))
        self.max_gap = np.append(self.max_gap, 1.0)
        self._computed = np.append(self._computed, 0)
        self._columns = np.concatenate([self._columns, np.full((4, 1, self.width), np.nan)], axis=1)

    def remove(self, key: SeriesKey) -> None:
        row = self._row.pop(key, None)
        if row is None:
            return
        del self.keys[row]
        self._row = {key: index for index, key in enumerate(self.keys)}
        self.colors = np.delete(self.colors, row)
        self.max_gap = np.delete(self.max_gap, row)
        self._computed = np.delete(self._computed, row)
        self._columns = np.delete(self._columns, row, axis=1)
        self._dirty_from = 0

    def set_color(self, key: SeriesKey, color: QColor) -> None:
        row = self._row.get(key)
        if row is not None:
            self.colors[row] = np.uint32(argb(color))
            self._dirty_from = 0

    # ------------------------------------------------------------------------------------------ grid
    def set_grid(self, origin: float, bucket_s: float, width: int, height: int) -> bool:
        """The window now starts at `origin`, `width` columns of `bucket_s` on a plot `height` pixels tall. A move by
        whole columns keeps what is computed (shifted); anything else starts over (returns True: every series
        must be fed again)."""
        height = max(1, height)
        shift = (origin - self.origin) / bucket_s if bucket_s > 0 else 0.0
        whole = round(shift)
        # Epoch seconds carry about 0.2 µs of rounding: "the same" and "whole" allow for it.
        same_scale = abs(bucket_s - self.bucket_s) < 1e-9 * bucket_s + 1e-6 and (width, height) == (
            self.width,
            self.height,
        )
        if same_scale and abs(shift - whole) < 1e-3 and -width < whole < width:
            if whole:
                self._shift(whole)
                self.origin = self.origin + whole * bucket_s  # no drift from adding rounded steps
            return False
        self.origin, self.bucket_s, self.width, self.height = origin, bucket_s, width, height
        self._columns = np.full((4, len(self.keys), width), np.nan)
        self._computed[:] = 0
        self.missing = None
        self.image = np.zeros((height, width), dtype=np.uint32)
        self._dirty_from = 0
        self.prepareGeometryChange()
        return True

    def _shift(self, columns: int) -> None:
        """Move what is computed by whole columns: left (positive, the window moved on) or right (negative, panned
        back; the columns that came in on the left are `missing` until `fill_columns` computes them)."""
        if columns > 0:
            self._columns[:, :, :-columns] = self._columns[:, :, columns:]
            self._columns[:, :, -columns:] = np.nan
            self.image[:, :-columns] = self.image[:, columns:]
            self.image[:, -columns:] = 0
            self._computed = np.maximum(self._computed - columns, 0)
            self._dirty_from = max(0, min(self._dirty_from - columns, self.width - columns))
        else:
            back = -columns
            self._columns[:, :, back:] = self._columns[:, :, :-back].copy()
            self._columns[:, :, :back] = np.nan
            self._computed = np.minimum(self._computed + back, self.width)
            already = self.missing[1] if self.missing is not None else 0
            self.missing = (0, min(self.width, already + back))
            self._dirty_from = 0  # bridging reaches across the new columns: paint the window again (cheap)
        self.prepareGeometryChange()

    def reset_series(self, key: SeriesKey) -> None:
        """Compute this series' columns again from scratch on its next feed (its history changed)."""
        row = self._row.get(key)
        if row is not None:
            self._computed[row] = 0
            self._columns[:, row, :] = np.nan

    # ------------------------------------------------------------------------------------------ data
    def feed(self, key: SeriesKey, series: SeriesBuffer | None, history: RollupHistory | None) -> int:
        """Bring one series' columns up to date; returns how many columns were computed."""
        return self.feed_many([(key, series, history)]).get(key, 0)

    def feed_many(
        self, batch: list[tuple[SeriesKey, SeriesBuffer | None, RollupHistory | None]]
    ) -> dict[SeriesKey, int]:
        """Bring these series' columns up to date from the points that fell in them since their last feed, all in
        one pass of numpy (per series only a binary search and two views): what a tick costs follows the new
        points, not the number of series. Returns the columns computed per series."""
        if self.width == 0:
            return {}
        b, origin, width = self.bucket_s, self.origin, self.width
        computed_from = self._computed
        rows: list[int] = []
        firsts: list[int] = []
        live_rows: list[int] = []
        live: list[RawSlice] = []
        paused_rows: list[int] = []
        paused: list[SeriesView] = []
        fresh: list[tuple[int, SeriesBuffer | None, RollupHistory | None]] = []
        computed: dict[SeriesKey, int] = {}
        row_of = self._row
        for key, series, history in batch:
            row = row_of.get(key)
            if row is None:
                continue
            first = int(computed_from[row])
            computed[key] = width - first
            rows.append(row)
            firsts.append(first)
            if first == 0:
                fresh.append((row, series, history))
            last = series.last_ts if series is not None else None
            if series is None or last is None:
                computed_from[row] = 0
                continue
            # Live, points beyond the window's end (a clock ahead of ours) land in its last column, as they would
            # be seen; paused, the window ends where it ends (and what came after costs nothing).
            if self.clip_to_grid:
                paused_rows.append(row)
                paused.append(series.window(origin + first * b, origin + width * b))
            else:
                live_rows.append(row)
                live.append(series.raw_since(origin + first * b))
            computed_from[row] = min(max(int((last - origin) // b), 0), width - 1)
        if not rows:
            return computed
        row_arr = np.asarray(rows, dtype=np.int64)
        first_arr = np.asarray(firsts, dtype=np.int64)
        # Forget what these columns held: they are computed again from every point that falls in them.
        lowest = int(first_arr.min())
        stale = np.arange(lowest, width)[None, :] >= first_arr[:, None]
        block = self._columns[:, row_arr, lowest:]
        block[:, stale] = np.nan
        self._columns[:, row_arr, lowest:] = block
        for begin, end in _groups([len(part.offsets) for part in live]):
            counts, ts, values = join_slices(live[begin:end])
            self._reduce(live_rows[begin:end], counts, ts, values, 0, width)
        self._reduce_views(paused_rows, paused, 0, width)
        for row, series, history in fresh:
            if series is not None and len(series):
                step = median_step(series.tail(STEP_SAMPLE).ts)
                if step is not None:
                    self.max_gap[row] = min(MAX_GAP_COLUMNS, DEFAULT_GAP_FACTOR * step / b)
            if history is not None and len(history):
                self._fill_history(row, history, series.first_ts if series is not None else None)
        self._dirty_from = min(self._dirty_from, lowest)
        return computed

    def _reduce_views(self, rows: list[int], views: list[SeriesView], first: int, stop: int) -> None:
        for begin, end in _groups([len(view) for view in views]):
            part = views[begin:end]
            counts = np.fromiter((len(view) for view in part), dtype=np.int64, count=len(part))
            if counts.any():
                ts = np.concatenate([view.ts for view in part])
                values = np.concatenate([view.values for view in part]).astype(np.float64, copy=False)
                self._reduce(rows[begin:end], counts, ts, values, first, stop)

    def _reduce(
        self, rows: list[int], counts: np.ndarray, ts: np.ndarray, values: np.ndarray, first: int, stop: int
    ) -> None:
        """Min, max, first and last value per (row, column) of columns [first, stop) from each row's points (in time
        order; `counts[i]` of them for `rows[i]`, the rows one after the other)."""
        if not len(ts):
            return
        b, origin, width = self.bucket_s, self.origin, self.width
        flat = self._columns.reshape(4, -1)
        owner = np.repeat(np.asarray(rows, dtype=np.int64), counts)
        # floor(x / b), not x // b: numpy's float floor division is exact to the last bit at column edges and
        # about eight times slower, and a point on an edge may be drawn in either column.
        offset = ts - origin
        offset /= b
        column = np.floor(offset, out=offset).astype(np.int64)
        if first or stop < width or self.clip_to_grid:
            # Paused (or filling a pan's columns): a point on the window's end belongs to the next column.
            inside = (column >= first) & (column < stop)
            column, values, owner = column[inside], values[inside], owner[inside]
        np.clip(column, first, stop - 1, out=column)
        # Each series' points are in time order and the series follow each other: (row, column) is grouped.
        cell = owner * width + column
        if len(cell):
            starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
            ends = np.r_[starts[1:], len(cell)] - 1
            where = cell[starts]
            flat[0, where] = np.minimum.reduceat(values, starts)
            flat[1, where] = np.maximum.reduceat(values, starts)
            flat[2, where] = values[starts]
            flat[3, where] = values[ends]

    def fill_columns(self, batch: list[tuple[SeriesKey, SeriesBuffer | None, RollupHistory | None]]) -> int:
        """Compute the `missing` columns (a pan back brought them in) of every series in `batch`, from the points in
        them alone; returns how many columns that was."""
        if self.missing is None or self.width == 0:
            return 0
        first, stop = self.missing
        self.missing = None
        b, origin = self.bucket_s, self.origin
        rows: list[int] = []
        views: list[SeriesView] = []
        for key, series, history in batch:
            row = self._row.get(key)
            if row is None:
                continue
            if series is not None and len(series):
                rows.append(row)
                views.append(series.window(origin + first * b, origin + stop * b))
            if history is not None and len(history):
                self._fill_history(row, history, series.first_ts if series is not None else None)
        self._reduce_views(rows, views, first, stop)
        self._dirty_from = 0
        return stop - first

    def _fill_history(self, row: int, history: RollupHistory, first_live: float | None) -> None:
        """Minute rollups where the live points do not reach (before the first of them)."""
        past = column_extremes(
            history.minute + MINUTE_S / 2,
            history.minimum,
            history.maximum,
            origin=self.origin,
            bucket_s=self.bucket_s,
            first=0,
            stop=self.width,
        )
        starts = self.origin + np.arange(self.width) * self.bucket_s
        empty = np.isnan(self._columns[0, row])
        if first_live is not None:
            empty &= starts < first_live
        for index, values in enumerate((past.low, past.high, past.opening, past.closing)):
            self._columns[index, row, empty] = values[empty]
        # Minutes are sparser than live points: join them across the columns of a minute.
        self.max_gap[row] = max(self.max_gap[row], min(MAX_GAP_COLUMNS, 1.5 * MINUTE_S / self.bucket_s))

    # ------------------------------------------------------------------------------------------ drawing
    def data_bounds(self) -> tuple[float, float] | None:
        """Lowest and highest value in the window. Measured in full every FULL_BOUNDS_EVERY calls (what left the
        window may let the scale shrink); in between, only the columns that changed can widen it."""
        self._bounds_calls += 1
        if self._bounds is not None and self._bounds_calls % FULL_BOUNDS_EVERY and self._dirty_from > 0:
            fresh = self._measure(self._dirty_from)
            if fresh is None:
                return self._bounds
            self._bounds = (min(self._bounds[0], fresh[0]), max(self._bounds[1], fresh[1]))
            return self._bounds
        self._bounds = self._measure(0)
        return self._bounds

    def _measure(self, first: int) -> tuple[float, float] | None:
        low, high = self._columns[0, :, first:], self._columns[1, :, first:]
        if not low.size:
            return None
        # fmin/fmax skip NaN without the copies nanmin/nanmax make (this runs on every tick).
        lowest, highest = float(np.fmin.reduce(low, axis=None)), float(np.fmax.reduce(high, axis=None))
        return None if np.isnan(lowest) else (lowest, highest)

    def wanted_y_range(self) -> tuple[float, float] | None:
        """The scale to show: kept while the data fits it and fills a fair part of it, so the image is not drawn
        all over again on every tick."""
        bounds = self.data_bounds()
        if bounds is None:
            return self.y_range
        low, high = bounds
        current = self.y_range
        if current is not None:
            span = current[1] - current[0]
            fits = current[0] <= low and high <= current[1]
            if fits and (high - low >= Y_SHRINK_BELOW * span or span <= self.min_y_range * 1.0001):
                return current
        span = max(high - low, self.min_y_range)
        middle = (low + high) / 2
        low, high = middle - span / 2 * (1 + Y_PADDING), middle + span / 2 * (1 + Y_PADDING)
        if self.non_negative and low < 0 <= bounds[0]:
            low, high = 0.0, high - low
        return low, high

    def render(self, y_range: tuple[float, float]) -> int:
        """Paint the columns that changed (all of them for a new scale); returns how many were painted."""
        if y_range != self.y_range:
            self.y_range = y_range
            self._dirty_from = 0
            self.prepareGeometryChange()
        start = self._dirty_from
        if start >= self.width or not self.keys:
            self._dirty_from = self.width
            return 0
        if start == 0:
            self.full_redraws += 1
        # Bridging an empty run looks at the columns on both sides: repaint from the run's start.
        reach = int(np.ceil(self.max_gap.max())) + 1 if len(self.max_gap) else 1
        paint_from = max(0, start - reach)
        context = max(0, paint_from - reach)
        low, high, opening, closing = (self._columns[index, :, context:] for index in range(4))
        span_low, span_high = column_spans(low, high, opening, closing, self.max_gap)
        skip = paint_from - context
        series, column, rows = pixel_runs(span_low[:, skip:], span_high[:, skip:], *y_range, self.height)
        self.image[:, paint_from:] = 0
        # Row 0 of the image is the top of the plot (the highest value): it is blitted as it is, unscaled.
        self.image[self.height - 1 - rows, column + paint_from] = self.colors[series]
        self._dirty_from = self.width
        self.painted_columns += self.width - paint_from
        self.update()
        return self.width - paint_from

    def value_bounds(self) -> QRectF:
        if self.y_range is None or not self.width:
            return QRectF()
        low, high = self.y_range
        return QRectF(self.origin, low, self.width * self.bucket_s, high - low)

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: object = None) -> None:
        return None  # the chart sets the scale itself (wanted_y_range)

    def boundingRect(self) -> QRectF:
        return self.value_bounds()

    def paint(self, painter: QPainter, *_: object) -> None:
        if not self.width or self.y_range is None:
            return
        image = QImage(
            self.image.data, self.width, self.height, self.width * 4, QImage.Format.Format_ARGB32_Premultiplied
        )
        # One pixel of the image per pixel of the screen: a plain blit in device coordinates (a scaled drawImage
        # goes through Qt's transform path, several times slower and threaded).
        target = painter.transform().mapRect(self.value_bounds())
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(round(target.left()), round(target.top())), image)
        painter.restore()
