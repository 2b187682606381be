"""One-minute min/max/mean rollups of live telemetry, computed as points arrive, and where they are kept.

Pure: no I/O, no clock (the caller says what time it is). The ring buffers hold a day of raw points for live
plots; rollups are what survives a restart and backfills a chart opened later (the app saves them in the local
database through a `RollupSink`).

A minute is emitted once it has settled (its end plus `settle_s` has passed, by the caller's clock or by the
series' own newer points). A late point for a minute already emitted reopens it and the minute is emitted again
with the point included, so a sink must treat rows as upserts keyed by (device, metric, minute). Points older
than the `reopen_minutes` most recent minutes of their series are not rolled up (they are counted).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from hydrodesk.domain.telemetry import SeriesKey

MINUTE_S = 60.0


@dataclass(frozen=True, slots=True)
class RollupRow:
    device_id: str
    metric: str
    minute: float
    """The bucket's start, epoch seconds (UTC), a multiple of 60."""
    count: int
    minimum: float
    maximum: float
    mean: float

    @property
    def key(self) -> SeriesKey:
        return SeriesKey(self.device_id, self.metric)


class RollupSink(Protocol):
    """Where rollups are kept (the app wires hydrodesk.store to it). Rows are upserts by (device, metric, minute)."""

    async def save_rollups(self, rows: Sequence[RollupRow]) -> None: ...

    async def load_rollups(self, series: SeriesKey, since: float, until: float | None = None) -> list[RollupRow]:
        """Rows of one series with since <= minute (< until), oldest first."""
        ...


HISTORY_COUNT = 0
"""The `count` of a minute filled in from the server's history: the server does not say how many readings it
aggregated, and a count of 0 keeps such minutes told apart from the ones the office rolled up itself."""


class HistorySink(RollupSink, Protocol):
    """A RollupSink that also takes in the server's history and remembers which series a project has."""

    async def merge_history(self, batch: Sequence[tuple[SeriesKey, RollupHistory]]) -> int:
        """Add the minutes not held yet; a minute already held (the office's own rollup, or an earlier fetch)
        stays as it is, so nothing is ever counted twice. Returns how many minutes were added."""
        ...

    async def remember_series(self, project_id: str, series: Sequence[SeriesKey]) -> None:
        """The series the server's history holds for a project (what an offline start can list)."""
        ...

    async def known_series(self, project_id: str) -> list[SeriesKey]: ...


def history_rows(key: SeriesKey, history: RollupHistory) -> list[RollupRow]:
    """The rows of a history from the server (finite minutes only), marked with HISTORY_COUNT."""
    return [
        RollupRow(key.device_id, key.metric, minute, HISTORY_COUNT, low, high, mean)
        for minute, low, high, mean in zip(
            history.minute.tolist(),
            history.minimum.tolist(),
            history.maximum.tolist(),
            history.mean.tolist(),
            strict=True,
        )
        if all(math.isfinite(value) for value in (minute, low, high, mean))
    ]


class MemoryRollupSink:
    """A HistorySink in a dict: for tests, and for running without a local database."""

    def __init__(self) -> None:
        self.rows: dict[tuple[SeriesKey, float], RollupRow] = {}
        self.saves = 0
        self.series: dict[str, list[SeriesKey]] = {}

    async def merge_history(self, batch: Sequence[tuple[SeriesKey, RollupHistory]]) -> int:
        added = 0
        for key, history in batch:
            for row in history_rows(key, history):
                if (key, row.minute) not in self.rows:
                    self.rows[(key, row.minute)] = row
                    added += 1
        return added

    async def remember_series(self, project_id: str, series: Sequence[SeriesKey]) -> None:
        self.series[project_id] = list(series)

    async def known_series(self, project_id: str) -> list[SeriesKey]:
        return list(self.series.get(project_id, []))

    async def save_rollups(self, rows: Sequence[RollupRow]) -> None:
        self.saves += 1
        for row in rows:
            self.rows[(row.key, row.minute)] = row

    async def load_rollups(self, series: SeriesKey, since: float, until: float | None = None) -> list[RollupRow]:
        found = [
            row
            for (key, minute), row in self.rows.items()
            if key == series and minute >= since and (until is None or minute < until)
        ]
        return sorted(found, key=lambda row: row.minute)


@dataclass(slots=True)
class _Bucket:
    count: int
    minimum: float
    maximum: float
    total: float
    dirty: bool = True

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        if value < self.minimum:
            self.minimum = value
        if value > self.maximum:
            self.maximum = value
        self.dirty = True


@dataclass(slots=True)
class _SeriesRollup:
    buckets: dict[float, _Bucket] = field(default_factory=dict)
    newest_ts: float = -math.inf


class MinuteRollups:
    """Rolls points up into per-minute buckets and hands out the rows of settled minutes."""

    def __init__(self, *, bucket_s: float = MINUTE_S, settle_s: float = 5.0, reopen_minutes: int = 10) -> None:
        self.bucket_s = bucket_s
        self.settle_s = settle_s
        self.reopen_minutes = reopen_minutes
        self.too_late = 0
        """Points that came after their minute had been forgotten (not rolled up)."""
        self._series: dict[SeriesKey, _SeriesRollup] = {}

    def bucket_of(self, ts: float) -> float:
        return math.floor(ts / self.bucket_s) * self.bucket_s

    def add(self, key: SeriesKey, ts: float, value: float) -> None:
        """Roll one point up (the caller passes only points it stored: finite, not duplicates)."""
        state = self._series.get(key)
        if state is None:
            state = self._series[key] = _SeriesRollup()
        minute = math.floor(ts / self.bucket_s) * self.bucket_s
        bucket = state.buckets.get(minute)
        if bucket is None:
            if minute < state.newest_ts - self.reopen_minutes * self.bucket_s:
                self.too_late += 1
                return
            state.buckets[minute] = _Bucket(1, value, value, value)
        else:
            bucket.add(value)
        if ts > state.newest_ts:
            state.newest_ts = ts

    def add_run(self, key: SeriesKey, ts: list[float], values: list[float]) -> None:
        """Roll up points of one series, in the order given: the same as `add` for each, with one lookup for a
        run that stays in one minute (the usual: what one drain brought a series)."""
        if not ts:
            return
        state = self._series.get(key)
        minute = math.floor(ts[0] / self.bucket_s) * self.bucket_s
        bucket = state.buckets.get(minute) if state is not None else None
        if state is None or bucket is None or math.floor(ts[-1] / self.bucket_s) * self.bucket_s != minute:
            for t, value in zip(ts, values, strict=True):
                self.add(key, t, value)
            return
        if len(ts) > 2 and not all(minute <= t < minute + self.bucket_s for t in ts):
            for t, value in zip(ts, values, strict=True):  # out of order across a minute's edge: one by one
                self.add(key, t, value)
            return
        total = bucket.total
        for value in values:  # one at a time, as `add` would: the same rounding
            total += value
        bucket.total = total
        bucket.count += len(values)
        bucket.minimum = min(bucket.minimum, *values)
        bucket.maximum = max(bucket.maximum, *values)
        bucket.dirty = True
        state.newest_ts = max(state.newest_ts, *ts)

    def take_settled(self, now: float) -> list[RollupRow]:
        """Rows of the minutes that ended at least `settle_s` ago (by `now` or by the series' newest point) and
        changed since they were last taken; forgets minutes too old to reopen."""
        rows: list[RollupRow] = []
        for key, state in self._series.items():
            horizon = max(now, state.newest_ts) - self.settle_s
            forget_before = state.newest_ts - (self.reopen_minutes + 1) * self.bucket_s
            for minute in list(state.buckets):
                bucket = state.buckets[minute]
                if bucket.dirty and minute + self.bucket_s <= horizon:
                    rows.append(_row(key, minute, bucket))
                    bucket.dirty = False
                if not bucket.dirty and minute < forget_before:
                    del state.buckets[minute]
        rows.sort(key=lambda row: (row.minute, row.device_id, row.metric))
        return rows

    def take_all(self) -> list[RollupRow]:
        """Every changed minute, settled or not (on shutdown: the current minute is saved as it stands)."""
        rows = [
            _row(key, minute, bucket)
            for key, state in self._series.items()
            for minute, bucket in state.buckets.items()
            if bucket.dirty
        ]
        for state in self._series.values():
            for bucket in state.buckets.values():
                bucket.dirty = False
        return sorted(rows, key=lambda row: (row.minute, row.device_id, row.metric))


def _row(key: SeriesKey, minute: float, bucket: _Bucket) -> RollupRow:
    return RollupRow(
        key.device_id, key.metric, minute, bucket.count, bucket.minimum, bucket.maximum, bucket.total / bucket.count
    )


def rollup(key: SeriesKey, points: Iterable[tuple[float, float]], bucket_s: float = MINUTE_S) -> list[RollupRow]:
    """The rollup rows of a batch of points, all at once (the reference the incremental one must agree with)."""
    rollups = MinuteRollups(bucket_s=bucket_s, reopen_minutes=10**9)
    for ts, value in points:
        rollups.add(key, ts, value)
    return rollups.take_all()


@dataclass(frozen=True, slots=True)
class RollupHistory:
    """Rollup rows as arrays, ready for a plot: `minute` starts, and min/max/mean per minute."""

    minute: npt.NDArray[np.float64]
    minimum: npt.NDArray[np.float64]
    maximum: npt.NDArray[np.float64]
    mean: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.minute)


def history_before(rows: Sequence[RollupRow], first_live_ts: float | None, bucket_s: float = MINUTE_S) -> RollupHistory:
    """The rows a chart draws before its live points start: minutes that end by `first_live_ts` (all rows when
    there are no live points), sorted, one per minute, non-finite rows left out."""
    chosen: dict[float, RollupRow] = {}
    for row in rows:
        if first_live_ts is not None and row.minute + bucket_s > first_live_ts:
            continue
        if all(math.isfinite(v) for v in (row.minute, row.minimum, row.maximum, row.mean)):
            chosen[row.minute] = row
    ordered = [chosen[minute] for minute in sorted(chosen)]
    return RollupHistory(
        np.array([row.minute for row in ordered], dtype=np.float64),
        np.array([row.minimum for row in ordered], dtype=np.float64),
        np.array([row.maximum for row in ordered], dtype=np.float64),
        np.array([row.mean for row in ordered], dtype=np.float64),
    )
