"""Live telemetry held for plotting: one preallocated numpy buffer per (device, metric) series.

Pure: no Qt, no I/O, no clock. Times go in and come out as float64 epoch seconds (UTC) but are stored as int32
milliseconds from a per-buffer base (a float64 epoch), and values are float32 by default: 8 bytes a point, so 24 h
of 1 Hz history for 200 series takes about 140 MB instead of 210 MB (12 bytes) or 280 MB (16). So a time is kept
to the millisecond (two readings in the same millisecond are one: the second is a duplicate, whether it came live
or from the server's history), exactly, however long the buffer has run; and a buffer spans at most ~24.8 days
(MAX_OFFSET_MS): when a newer point would not fit, the base moves (an exact shift of whole milliseconds) and
what is older than that leaves. float32 values still carry seven significant digits, more than any field sensor
resolves.

Layout: each series is a linear array `capacity + slack` long that is written forwards; when the write position
reaches the end, the retained points (at most `capacity`, the newest) are moved back to the front in one copy.
So the retained points are always contiguous and in time order: every window the plot asks for is a zero-copy
slice, found by binary search (the values are zero-copy views; the times are computed from the offsets, one
float64 add per point read), and the copy costs one memmove per `slack` points (amortised a few bytes a point).

Rules a plot can rely on:
- Times strictly increase: a duplicate timestamp (an MQTT redelivery) is dropped; a late point is inserted in
  order when at most `max_reorder` newer points must shift, and dropped as too old otherwise.
- Nothing but finite numbers ever enters a buffer; the caller validates, and the buffer checks again.
- Nothing clears a series but the caller dropping it: a reconnect, a gap or a burst of bad payloads never does.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.floating]

DAY_AT_1HZ = 86_400
DEFAULT_CAPACITY = DAY_AT_1HZ
DEFAULT_MAX_REORDER = 256
DEFAULT_GAP_FACTOR = 5.0
MAX_OFFSET_MS = 2**31 - 1  # int32 milliseconds: ~24.8 days either side of the base


class SeriesKey(NamedTuple):
    device_id: str
    metric: str


class Appended(StrEnum):
    """What became of one point offered to a series."""

    APPENDED = "appended"
    INSERTED = "inserted"  # late, but put in its place
    DUPLICATE = "duplicate"  # a point with that timestamp is already held
    TOO_OLD = "too_old"  # older than what the buffer can still take in
    NOT_FINITE = "not_finite"  # NaN, infinity, or beyond what the value type holds

    @property
    def stored(self) -> bool:
        return self in (Appended.APPENDED, Appended.INSERTED)


@dataclass(frozen=True, slots=True)
class SeriesView:
    """Time-ordered points: `values` is a read-only view into the buffer, valid until its next write (copy it to
    keep it longer); `ts` is computed from the stored offsets (read-only too)."""

    ts: FloatArray
    values: FloatArray

    def __len__(self) -> int:
        return len(self.ts)


class RawSlice(NamedTuple):
    """Points of one series as stored: int32 milliseconds from `base` and their values (zero-copy views, valid until
    the buffer's next write). What a chart reading hundreds of series per tick joins with `join_slices`, so the
    times are computed once for all of them instead of once per series."""

    offsets: npt.NDArray[np.int32]
    values: FloatArray
    base: float


def join_slices(slices: Sequence[RawSlice]) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray]:
    """(points per slice, their times as float64 epoch seconds, their values as float64), the slices one after
    the other: the same times `SeriesBuffer.since` gives, in a constant number of numpy passes."""
    counts = np.fromiter((len(part.offsets) for part in slices), dtype=np.int64, count=len(slices))
    if not slices or not counts.any():
        return counts, np.empty(0), np.empty(0)
    ts = np.concatenate([part.offsets for part in slices]) / 1000.0
    ts += np.repeat(np.fromiter((part.base for part in slices), dtype=np.float64, count=len(slices)), counts)
    values = np.concatenate([part.values for part in slices]).astype(np.float64, copy=False)
    return counts, ts, values


def _read_only(array: FloatArray) -> FloatArray:
    view = array.view()
    view.flags.writeable = False
    return view


class SeriesBuffer:
    """One series' ring of points. Not thread-safe: one thread (the event loop's) writes and reads it."""

    __slots__ = (
        "_base",
        "_end",
        "_last_off",
        "_offsets",
        "_start",
        "_value_limit",
        "_values",
        "capacity",
        "max_reorder",
    )

    def __init__(
        self,
        capacity: int = DEFAULT_CAPACITY,
        *,
        slack: int | None = None,
        value_dtype: npt.DTypeLike = np.float32,
        max_reorder: int = DEFAULT_MAX_REORDER,
    ) -> None:
        if capacity < 1:
            raise ValueError("a series needs room for at least one point")
        slack = max(64, capacity // 16) if slack is None else slack
        if slack < 1:
            raise ValueError("slack must be at least 1")
        self.capacity = capacity
        self.max_reorder = max_reorder
        # np.empty: the pages are committed only as points arrive, so an idle series costs address space only.
        self._offsets = np.empty(capacity + slack, dtype=np.int32)
        self._values = np.empty(capacity + slack, dtype=value_dtype)
        self._value_limit = float(np.finfo(self._values.dtype).max)
        self._base = 0.0
        self._start = 0
        self._end = 0
        self._last_off = -(2**63)

    # ------------------------------------------------------------------ size
    def __len__(self) -> int:
        return self._end - self._start

    @property
    def full(self) -> bool:
        return len(self) >= self.capacity

    @property
    def nbytes(self) -> int:
        """The memory the buffer reserves (all of it is resident once it has wrapped once)."""
        return int(self._offsets.nbytes + self._values.nbytes)

    @property
    def first_ts(self) -> float | None:
        return self._time(int(self._offsets[self._start])) if self._end > self._start else None

    @property
    def last_ts(self) -> float | None:
        return self._time(self._last_off) if self._end > self._start else None

    def _time(self, offset: int) -> float:
        return self._base + offset / 1000.0

    def _times(self, first: int, end: int) -> FloatArray:
        times = self._offsets[first:end] / 1000.0
        times += self._base
        times.flags.writeable = False
        return times

    def _offset(self, ts: float) -> int:
        """`ts` in whole milliseconds from the base (may lie outside int32: the caller checks)."""
        return round((ts - self._base) * 1000.0)

    def _query(self, ts: float) -> np.int32:
        """`ts` as an offset to search the offsets with: an int32 (searching an int32 array with an int64 would
        convert the whole array first), clamped to their range."""
        return np.int32(min(max(self._offset(ts), -MAX_OFFSET_MS - 1), MAX_OFFSET_MS))

    # ------------------------------------------------------------------ writing
    def append(self, ts: float, value: float) -> Appended:
        """Add one point; the common case (newer than everything held) is a couple of array stores."""
        if not (math.isfinite(ts) and math.isfinite(value) and abs(value) <= self._value_limit):
            return Appended.NOT_FINITE
        if self._end == self._start:
            self._base = ts  # an empty buffer: offsets count from its first point
        offset = self._offset(ts)
        if offset <= self._last_off:
            return self._insert(offset, value)
        if offset > MAX_OFFSET_MS:
            self._rebase(offset)
            offset = 0
        end = self._end
        if end == len(self._offsets):
            end = self._compact()
        self._offsets[end] = offset
        self._values[end] = value
        self._end = end + 1
        self._last_off = offset
        if self._end - self._start > self.capacity:
            self._start += 1  # the oldest point leaves
        return Appended.APPENDED

    def append_run(self, ts: list[float], values: list[float]) -> list[Appended] | None:
        """Points as `append` takes them one by one, a few at a time (what one drain of the MQTT inbox brought this
        series): None when every one was appended, the usual case (each newer than the last, finite), written
        with one slice store instead of a store per point; else what became of each point."""
        limit = self._value_limit
        count = 0
        if self._end > self._start:
            base, previous = self._base, self._last_off
            room = len(self._offsets) - self.capacity  # the slack: a run longer than that goes point by point
            offsets: list[int] = []
            for t, value in zip(ts, values, strict=True):
                # t - t == 0 is False for infinity and NaN; the value's comparisons are False for NaN.
                if count == room or not (t - t == 0.0 and -limit <= value <= limit):
                    break
                offset = round((t - base) * 1000.0)
                if not previous < offset <= MAX_OFFSET_MS:
                    break
                offsets.append(offset)
                previous = offset
                count += 1
            if count:
                end = self._end
                if end + count > len(self._offsets):
                    end = self._compact(keep_room_for=count)
                if count == 1:
                    self._offsets[end] = offsets[0]
                    self._values[end] = values[0]
                else:
                    self._offsets[end : end + count] = offsets
                    self._values[end : end + count] = values[:count]
                self._end = end + count
                self._start = max(self._start, self._end - self.capacity)
                self._last_off = previous
        if count == len(ts):
            return None
        rest = [self.append(t, value) for t, value in zip(ts[count:], values[count:], strict=True)]
        return [Appended.APPENDED] * count + rest

    def extend(self, ts: npt.ArrayLike, values: npt.ArrayLike) -> int:
        """Add many points (history, benchmarks); returns how many were stored. Non-finite points are skipped;
        points that are not strictly newer than what is held go through `append` one by one."""
        ts_arr = np.asarray(ts, dtype=np.float64)
        val_arr = np.asarray(values, dtype=np.float64)
        if ts_arr.shape != val_arr.shape or ts_arr.ndim != 1:
            raise ValueError("ts and values must be one-dimensional and of equal length")
        keep = np.isfinite(ts_arr) & np.isfinite(val_arr) & (np.abs(val_arr) <= self._value_limit)
        ts_arr, val_arr = ts_arr[keep], val_arr[keep]
        if len(ts_arr) == 0:
            return 0
        last = self.last_ts
        if not (bool(np.all(np.diff(ts_arr) > 0)) and (last is None or ts_arr[0] > last)):
            return sum(self.append(float(t), float(v)).stored for t, v in zip(ts_arr, val_arr, strict=True))
        ts_arr, val_arr = ts_arr[-self.capacity :], val_arr[-self.capacity :]
        if self._end == self._start:
            self._base = float(ts_arr[0])
        offsets = np.rint((ts_arr - self._base) * 1000.0).astype(np.int64)
        if (
            offsets[0] <= self._last_off
            or offsets[-1] > MAX_OFFSET_MS
            or offsets[0] < -MAX_OFFSET_MS
            or (len(offsets) > 1 and not bool(np.all(offsets[1:] > offsets[:-1])))
        ):
            # Two points in one millisecond, or a span beyond the offsets' range: one at a time.
            return sum(self.append(float(t), float(v)).stored for t, v in zip(ts_arr, val_arr, strict=True))
        count = len(ts_arr)
        if self._end + count > len(self._offsets):
            self._compact(keep_room_for=count)
        end = self._end
        self._offsets[end : end + count] = offsets
        self._values[end : end + count] = val_arr
        self._end = end + count
        self._start = max(self._start, self._end - self.capacity)
        self._last_off = int(offsets[-1])
        return count

    def _insert(self, offset: int, value: float) -> Appended:
        held = self._offsets[self._start : self._end]
        if offset < -MAX_OFFSET_MS:
            return Appended.TOO_OLD
        pos = int(np.searchsorted(held, np.int32(offset), side="left"))
        if pos < len(held) and held[pos] == offset:
            return Appended.DUPLICATE
        if (pos == 0 and self.full) or len(held) - pos > self.max_reorder:
            return Appended.TOO_OLD
        if self._end == len(self._offsets):
            self._compact()
        at, end = self._start + pos, self._end
        # Overlapping slice assignment: numpy copies through a buffer, so the shift is safe.
        self._offsets[at + 1 : end + 1] = self._offsets[at:end]
        self._values[at + 1 : end + 1] = self._values[at:end]
        self._offsets[at] = offset
        self._values[at] = value
        self._end = end + 1
        if self._end - self._start > self.capacity:
            self._start += 1
        return Appended.INSERTED

    def _compact(self, keep_room_for: int = 1) -> int:
        """Move the newest retained points to the front; returns the new write position."""
        keep = min(self._end - self._start, self.capacity, max(0, len(self._offsets) - keep_room_for))
        first = self._end - keep
        self._offsets[:keep] = self._offsets[first : self._end]
        self._values[:keep] = self._values[first : self._end]
        self._start, self._end = 0, keep
        return keep

    def _rebase(self, shift: int) -> None:
        """Count from `shift` milliseconds later (a newer point would not fit in int32); the points that would then
        lie more than MAX_OFFSET_MS before the base leave. Exact: the offsets move by whole milliseconds."""
        held = self._offsets[self._start : self._end].astype(np.int64) - shift
        keep = int(np.searchsorted(held, -MAX_OFFSET_MS, side="left"))
        self._start += keep
        self._offsets[self._start : self._end] = held[keep:]
        self._base += shift / 1000.0
        self._last_off = int(held[-1]) if len(held) else -(2**63)

    # ------------------------------------------------------------------ reading
    def view(self) -> SeriesView:
        """Every retained point."""
        return SeriesView(self._times(self._start, self._end), _read_only(self._values[self._start : self._end]))

    def window(self, since: float | None = None, until: float | None = None) -> SeriesView:
        """The points with since <= ts <= until (the values zero-copy)."""
        held = self._offsets[self._start : self._end]
        lo = 0 if since is None else int(np.searchsorted(held, self._query(since), side="left"))
        hi = len(held) if until is None else int(np.searchsorted(held, self._query(until), side="right"))
        hi = max(lo, hi)
        start = self._start
        return SeriesView(self._times(start + lo, start + hi), _read_only(self._values[start + lo : start + hi]))

    def since(self, ts: float) -> tuple[FloatArray, FloatArray]:
        """The points with ts >= `ts`: their times and a raw view of their values (valid until the next write; one
        binary search): the hot path of a chart that reads 200 series 30 times a second."""
        start, end = self._start, self._end
        first = start + int(self._offsets[start:end].searchsorted(self._query(ts)))
        return self._times(first, end), self._values[first:end]

    def raw_since(self, ts: float) -> RawSlice:
        """The points with ts >= `ts`, as stored (see `RawSlice`)."""
        start, end = self._start, self._end
        first = start + int(self._offsets[start:end].searchsorted(self._query(ts)))
        return RawSlice(self._offsets[first:end], self._values[first:end], self._base)

    def tail(self, count: int) -> SeriesView:
        """The newest `count` points (the values zero-copy)."""
        first = max(self._start, self._end - max(0, count))
        return SeriesView(self._times(first, self._end), _read_only(self._values[first : self._end]))

    def latest(self) -> tuple[float, float] | None:
        if self._end == self._start:
            return None
        return self._time(int(self._offsets[self._end - 1])), float(self._values[self._end - 1])


# ---------------------------------------------------------------------------------------------- plot helpers
@dataclass(frozen=True, slots=True)
class Envelope:
    """Min/max per time bucket (peak downsampling): a zoomed-out plot draws low..high and loses no spike.

    `ts` is the time of each bucket's first point; `connect[i]` says whether bucket i joins bucket i+1 (False
    across a gap in the data), in the form pyqtgraph's `connect=` takes."""

    ts: FloatArray
    low: FloatArray
    high: FloatArray
    connect: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.ts)

    def interleaved(self) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
        """One curve through low, high, low, high... (what pyqtgraph's peak mode draws), with its connect mask."""
        ts = np.repeat(self.ts, 2)
        values = np.empty(2 * len(self.ts), dtype=np.result_type(self.low, self.high))
        values[0::2], values[1::2] = self.low, self.high
        connect = np.ones(len(ts), dtype=bool)
        connect[1::2] = self.connect
        return ts, values, connect


def median_step(ts: FloatArray) -> float | None:
    """The typical spacing of the points (None for fewer than two)."""
    if len(ts) < 2:
        return None
    return float(np.median(np.diff(ts)))


def gap_after(ts: FloatArray, factor: float = DEFAULT_GAP_FACTOR, step: float | None = None) -> npt.NDArray[np.bool_]:
    """gap_after[i]: the jump from point i to i+1 is more than `factor` times the typical step (the last entry is
    always False). `step` defaults to the median step of `ts`."""
    result = np.zeros(len(ts), dtype=bool)
    step = median_step(ts) if step is None else step
    if step is None or len(ts) < 2:
        return result
    result[:-1] = np.diff(ts) > factor * max(step, 0.0)
    return result


def connect_mask(ts: FloatArray, factor: float = DEFAULT_GAP_FACTOR) -> npt.NDArray[np.bool_]:
    """pyqtgraph's `connect=` array: draw a line from point i to i+1 unless a gap lies between them."""
    return ~gap_after(ts, factor)


def find_gaps(ts: FloatArray, factor: float = DEFAULT_GAP_FACTOR) -> list[tuple[float, float]]:
    """(last time before, first time after) of every gap."""
    where = np.flatnonzero(gap_after(ts, factor))
    return [(float(ts[i]), float(ts[i + 1])) for i in where]


def envelope(
    view: SeriesView,
    buckets: int,
    *,
    since: float | None = None,
    until: float | None = None,
    gap_factor: float = DEFAULT_GAP_FACTOR,
) -> Envelope:
    """Peak-downsample a view into at most `buckets` equal time buckets over [since, until] (the view's span by
    default): usually one bucket per horizontal pixel. A view already small enough comes back point for point."""
    ts, values = view.ts, view.values
    if since is not None or until is not None:
        lo = 0 if since is None else int(np.searchsorted(ts, since, side="left"))
        hi = len(ts) if until is None else int(np.searchsorted(ts, until, side="right"))
        ts, values = ts[lo : max(lo, hi)], values[lo : max(lo, hi)]
    gaps = gap_after(ts, gap_factor)
    if len(ts) <= 2 * buckets or len(ts) < 2:
        return Envelope(ts, values, values, ~gaps)
    if buckets < 1:
        raise ValueError("at least one bucket")
    t0 = float(ts[0]) if since is None else since
    t1 = float(ts[-1]) if until is None else until
    edges = np.linspace(t0, t1, buckets + 1)
    starts = np.searchsorted(ts, edges[:-1], side="left")
    starts = np.unique(starts[starts < len(ts)])  # empty buckets share a start with the next one
    low = np.minimum.reduceat(values, starts)
    high = np.maximum.reduceat(values, starts)
    # A gap between two raw points breaks the envelope where it crosses from one bucket to the next (a gap
    # narrower than a bucket does not show at this zoom).
    connect = np.ones(len(starts), dtype=bool)
    before = np.flatnonzero(gaps)
    bucket_before = np.searchsorted(starts, before, side="right") - 1
    bucket_after = np.searchsorted(starts, before + 1, side="right") - 1
    connect[bucket_before[bucket_before != bucket_after]] = False
    return Envelope(ts[starts], low, high, connect)


# ---------------------------------------------------------------------------------------------- many series
class TelemetryStore:
    """Every live series, created on first sight. `max_series` bounds the memory a flood of invented metric
    names could claim."""

    def __init__(
        self,
        capacity: int = DEFAULT_CAPACITY,
        *,
        max_series: int = 2_000,
        value_dtype: npt.DTypeLike = np.float32,
        max_reorder: int = DEFAULT_MAX_REORDER,
    ) -> None:
        self.capacity = capacity
        self.max_series = max_series
        self._value_dtype = value_dtype
        self._max_reorder = max_reorder
        self._series: dict[SeriesKey, SeriesBuffer] = {}
        self.generation = 0
        """Counts the series dropped: a reader that keeps series at hand knows from it when to look them up again."""

    def __len__(self) -> int:
        return len(self._series)

    def __contains__(self, key: object) -> bool:
        return key in self._series

    def __iter__(self) -> Iterator[SeriesKey]:
        return iter(self._series)

    def get(self, key: SeriesKey) -> SeriesBuffer | None:
        return self._series.get(key)

    def get_or_create(self, key: SeriesKey) -> SeriesBuffer | None:
        """The series, made if new; None when the store already holds `max_series`."""
        series = self._series.get(key)
        if series is None:
            if len(self._series) >= self.max_series:
                return None
            series = SeriesBuffer(self.capacity, value_dtype=self._value_dtype, max_reorder=self._max_reorder)
            self._series[key] = series
        return series

    def devices(self) -> list[str]:
        return sorted({key.device_id for key in self._series})

    def metrics_of(self, device_id: str) -> list[str]:
        return sorted(key.metric for key in self._series if key.device_id == device_id)

    def drop(self, key: SeriesKey) -> None:
        """Forget a series (the user removed the device); nothing else ever clears one."""
        if self._series.pop(key, None) is not None:
            self.generation += 1

    @property
    def nbytes(self) -> int:
        return sum(series.nbytes for series in self._series.values())
