"""What a pixel column can show of a series: the min, max, first and last value of the points in each column of a
time grid (pure numpy, no Qt).

A chart of 200 series cannot afford to hand every point to a plotting library: a five-minute window of a 200 Hz
series is 60,000 points, 200 of them twelve million. What a 1-pixel line can show in one column is the span from
the lowest to the highest value there, joined to its neighbours; `column_extremes` computes those spans from a
slice of the ring buffer (or of the minute rollups), and `column_spans` turns them into the vertical runs of
pixels to colour, lines across short gaps included. Both take a range of columns, so a live chart recomputes only
the columns that received points since the last tick.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Columns:
    """Per column of [first, first + len): NaN where no point fell."""

    first: int
    low: FloatArray
    high: FloatArray
    opening: FloatArray
    closing: FloatArray


def column_extremes(
    ts: npt.ArrayLike,
    low: npt.ArrayLike,
    high: npt.ArrayLike | None = None,
    *,
    origin: float,
    bucket_s: float,
    first: int,
    stop: int,
) -> Columns:
    """Columns `first`..`stop - 1` of the grid whose column c covers [origin + c*bucket_s, origin + (c+1)*bucket_s).

    `ts` must be sorted; `high` defaults to `low` (raw points; rollups give their minimum and maximum). Points
    outside the columns are ignored; non-finite values never reach a column."""
    width = max(0, stop - first)
    result = Columns(first, *(np.full(width, np.nan) for _ in range(4)))
    ts_arr = np.asarray(ts, dtype=np.float64)
    low_arr = np.asarray(low, dtype=np.float64)
    high_arr = low_arr if high is None else np.asarray(high, dtype=np.float64)
    if width == 0 or len(ts_arr) == 0 or bucket_s <= 0:
        return result
    begin = origin + first * bucket_s
    lo = int(np.searchsorted(ts_arr, begin, side="left"))
    hi = int(np.searchsorted(ts_arr, origin + stop * bucket_s, side="left"))
    ts_arr, low_arr, high_arr = ts_arr[lo:hi], low_arr[lo:hi], high_arr[lo:hi]
    finite = np.isfinite(low_arr) & np.isfinite(high_arr)
    if not finite.all():
        ts_arr, low_arr, high_arr = ts_arr[finite], low_arr[finite], high_arr[finite]
    if len(ts_arr) == 0:
        return result
    column = np.clip(((ts_arr - begin) / bucket_s).astype(np.int64), 0, width - 1)
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    ends = np.r_[starts[1:], len(column)] - 1
    where = column[starts]
    result.low[where] = np.minimum.reduceat(low_arr, starts)
    result.high[where] = np.maximum.reduceat(high_arr, starts)
    result.opening[where] = (low_arr[starts] + high_arr[starts]) / 2
    result.closing[where] = (low_arr[ends] + high_arr[ends]) / 2
    return result


def column_spans(
    low: FloatArray,
    high: FloatArray,
    opening: FloatArray,
    closing: FloatArray,
    max_gap: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """The value span a 1-px line covers in each column, for many series at once (arrays of shape (series,
    columns)): a column's own low..high, stretched to the previous column's closing value (the segment joining
    them), and across a run of empty columns no longer than `max_gap` columns (per series) the straight line
    from the closing value before to the opening value after. NaN where nothing is drawn; a longer run of empty
    columns is a gap in the data and stays empty."""
    rows, width = low.shape
    span_low, span_high = low.copy(), high.copy()
    if width == 0:
        return span_low, span_high
    present = ~np.isnan(low)
    index = np.broadcast_to(np.arange(width), (rows, width))
    # The last column with points at or before each column, and the next one at or after it.
    before = np.maximum.accumulate(np.where(present, index, -1), axis=1)
    after = np.minimum.accumulate(np.where(present, index, width)[:, ::-1], axis=1)[:, ::-1]
    previous = np.empty_like(before)
    previous[:, 0] = -1
    previous[:, 1:] = before[:, :-1]
    limit = np.broadcast_to(np.asarray(max_gap, dtype=np.float64).reshape(-1, 1), (rows, width))
    row_index = np.broadcast_to(np.arange(rows).reshape(-1, 1), (rows, width))

    # A column with points joins the column before it when that one has points too (across a run of empty
    # columns, the bridge below draws the joining line).
    joined = present & (previous >= 0) & (previous == index - 1)
    prior = np.where(joined, closing[row_index, np.maximum(previous, 0)], np.nan)
    np.fmin(span_low, prior, out=span_low, where=joined)
    np.fmax(span_high, prior, out=span_high, where=joined)

    # An empty column inside a short run: the part of the straight joining line that crosses it.
    bridged = ~present & (before >= 0) & (after < width) & (after - before <= limit + 1)
    if bridged.any():
        b_rows, b_cols = np.nonzero(bridged)
        start, end = before[b_rows, b_cols], after[b_rows, b_cols]
        value_from, value_to = closing[b_rows, start], opening[b_rows, end]
        steps = (end - start).astype(np.float64)
        enter = value_from + (value_to - value_from) * (b_cols - start) / steps
        leave = value_from + (value_to - value_from) * (b_cols + 1 - start) / steps
        span_low[b_rows, b_cols] = np.minimum(enter, leave)
        span_high[b_rows, b_cols] = np.maximum(enter, leave)
    return span_low, span_high


def pixel_runs(
    span_low: FloatArray, span_high: FloatArray, y_low: float, y_high: float, height: int
) -> tuple[IntArray, IntArray, IntArray]:
    """(series, column, pixel row) of every pixel to colour for these spans on a plot `height` pixels tall showing
    y_low..y_high (row 0 at y_low). Spans beyond the plot are clipped to its edge."""
    drawn = ~np.isnan(span_low)
    series, column = np.nonzero(drawn)
    if len(series) == 0 or height <= 0 or not y_high > y_low:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    scale = (height - 1) / (y_high - y_low)
    bottom = np.clip(np.rint((span_low[drawn] - y_low) * scale), 0, height - 1).astype(np.int64)
    top = np.clip(np.rint((span_high[drawn] - y_low) * scale), 0, height - 1).astype(np.int64)
    lengths = top - bottom + 1
    total = int(lengths.sum())
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows = np.repeat(bottom, lengths) + (np.arange(total) - offsets)
    return np.repeat(series, lengths), np.repeat(column, lengths), rows
