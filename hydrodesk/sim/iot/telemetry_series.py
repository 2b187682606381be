"""Telemetry history at a resolution: the synthesized readings (telemetry_model), with the minutes the devices
really published (telemetry_record) in their place, as the contract's compact point arrays.

- `raw`: one reading a second, `[epoch_ms, value]`. The simulator keeps what its devices published only as
  one-minute rollups, so a recorded minute reads as one point (its mean, at the middle of the minute).
- `1m` and `1h`: `[epoch_ms, mean, min, max]` per UTC minute or hour, the bucket named by its start. A minute is
  the aggregate of a reading every 5 s; an hour, of its minutes (two readings each). The bucket still under way
  holds what has been measured so far; buckets after now are absent.
Pure: numpy and the model, no I/O; the caller says what time it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from hydrodesk.sim.iot.telemetry_model import FieldDevice, digits_of, readings, unit_of

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class HistoryResolution(StrEnum):
    RAW = "raw"
    MINUTE = "1m"
    HOUR = "1h"


STEP_S: Final = {HistoryResolution.RAW: 1, HistoryResolution.MINUTE: 60, HistoryResolution.HOUR: 3600}
SAMPLES_PER_MINUTE: Final = {HistoryResolution.MINUTE: 12, HistoryResolution.HOUR: 2}


@dataclass(frozen=True)
class Recorded:
    """Minute rollups of what one series really published: starts (epoch s, multiples of 60) and min/max/mean."""

    minute: IntArray
    minimum: FloatArray
    maximum: FloatArray
    mean: FloatArray

    def __len__(self) -> int:
        return len(self.minute)


NOTHING_RECORDED: Final = Recorded(np.empty(0, dtype=np.int64), np.empty(0), np.empty(0), np.empty(0))


@dataclass(frozen=True)
class Selection:
    """The series a query asked for: one device's metrics."""

    device: FieldDevice
    metrics: tuple[str, ...]


def bucket_starts(start: float, end: float, step: int, until: float) -> IntArray:
    """Bucket starts (multiples of `step`) in [start, end) that are not in the future (after `until`)."""
    first = math.ceil(start / step) * step
    before_end = math.ceil((end - first) / step)  # starts strictly before `end`
    up_to_now = math.floor((until - first) / step) + 1  # starts at or before `until`
    count = max(0, min(before_end, up_to_now))
    return first + np.arange(count, dtype=np.int64) * step


def point_count(
    selections: Sequence[Selection], start: float, end: float, resolution: HistoryResolution, until: float
) -> int:
    """How many points the reply would hold (checked against the budget before anything is computed)."""
    buckets = len(bucket_starts(start, end, STEP_S[resolution], until))
    return buckets * sum(len(selection.metrics) for selection in selections)


def series(
    selections: Sequence[Selection],
    start: float,
    end: float,
    resolution: HistoryResolution,
    until: float,
    recorded: Mapping[tuple[str, str], Recorded],
) -> list[dict[str, Any]]:
    """The reply's `series`: one entry per (device, metric), in the selections' order."""
    result: list[dict[str, Any]] = []
    for selection in selections:
        device = selection.device
        if resolution is HistoryResolution.RAW:
            points = _raw(device, selection.metrics, start, end, until, recorded)
        else:
            points = _aggregated(device, selection.metrics, start, end, resolution, until, recorded)
        for metric in selection.metrics:
            result.append(
                {"deviceId": device.device_id, "metric": metric, "unit": unit_of(metric), "points": points[metric]}
            )
    return result


# ---------------------------------------------------------------------------------------------- raw
def _raw(
    device: FieldDevice,
    metrics: Sequence[str],
    start: float,
    end: float,
    until: float,
    recorded: Mapping[tuple[str, str], Recorded],
) -> dict[str, list[list[float]]]:
    seconds = bucket_starts(start, end, 1, until)
    values = readings(device, metrics, seconds)
    result: dict[str, list[list[float]]] = {}
    for metric in metrics:
        ts, value = seconds, np.round(values[metric], digits_of(metric))
        kept = recorded.get((device.device_id, metric), NOTHING_RECORDED)
        # A recorded minute replaces its synthesized seconds with the one point the simulator kept of it; not the
        # minute under way (a simulator that stopped in it kept only its first seconds).
        over = kept.minute + 60 <= until
        if over.any():
            keep = ~np.isin(ts - ts % 60, kept.minute[over])
            middles, means = kept.minute[over] + 30, kept.mean[over]
            inside = (middles >= start) & (middles < end)
            ts = np.concatenate([ts[keep], middles[inside]])
            value = np.concatenate([value[keep], np.round(means[inside], digits_of(metric))])
            order = np.argsort(ts, kind="stable")
            ts, value = ts[order], value[order]
        result[metric] = [[t, v] for t, v in zip((ts * 1000).tolist(), value.tolist(), strict=True)]
    return result


# ---------------------------------------------------------------------------------------------- aggregates
@dataclass(frozen=True)
class _Minutes:
    minute: IntArray
    mean: FloatArray
    minimum: FloatArray
    maximum: FloatArray


def _minute_aggregates(
    device: FieldDevice, metrics: Sequence[str], minutes: IntArray, per_minute: int, until: float
) -> dict[str, _Minutes]:
    """Each minute's mean/min/max of `per_minute` evenly spaced readings (those after `until` left out)."""
    offsets = np.arange(per_minute, dtype=np.int64) * (60 // per_minute)
    grid = minutes[:, None] + offsets[None, :]
    future = grid > until
    values = readings(device, metrics, grid.ravel())
    result: dict[str, _Minutes] = {}
    for metric in metrics:
        sampled = np.round(values[metric], digits_of(metric)).reshape(grid.shape)
        # Only the minute under way has readings in the future; its first reading (its start) never is.
        masked_low = np.where(future, np.inf, sampled)
        masked_high = np.where(future, -np.inf, sampled)
        counted = (~future).sum(axis=1)
        mean = np.where(future, 0.0, sampled).sum(axis=1) / counted
        result[metric] = _Minutes(minutes, mean, masked_low.min(axis=1), masked_high.max(axis=1))
    return result


def _with_recorded(minutes: _Minutes, kept: Recorded) -> _Minutes:
    if not len(kept) or not len(minutes.minute):
        return minutes
    index = np.searchsorted(minutes.minute, kept.minute)
    inside = (index < len(minutes.minute)) & (minutes.minute[np.clip(index, 0, len(minutes.minute) - 1)] == kept.minute)
    mean, low, high = minutes.mean.copy(), minutes.minimum.copy(), minutes.maximum.copy()
    mean[index[inside]] = kept.mean[inside]
    low[index[inside]] = kept.minimum[inside]
    high[index[inside]] = kept.maximum[inside]
    return _Minutes(minutes.minute, mean, low, high)


def _aggregated(
    device: FieldDevice,
    metrics: Sequence[str],
    start: float,
    end: float,
    resolution: HistoryResolution,
    until: float,
    recorded: Mapping[tuple[str, str], Recorded],
) -> dict[str, list[list[float]]]:
    step = STEP_S[resolution]
    buckets = bucket_starts(start, end, step, until)
    if not len(buckets):
        return {metric: [] for metric in metrics}
    # Every minute of every bucket (a bucket covers its whole period, up to now).
    minutes = np.arange(int(buckets[0]), min(int(buckets[-1]) + step, math.floor(until / 60) * 60 + 60), 60)
    aggregates = _minute_aggregates(device, metrics, minutes, SAMPLES_PER_MINUTE[resolution], until)
    result: dict[str, list[list[float]]] = {}
    for metric in metrics:
        merged = _with_recorded(aggregates[metric], recorded.get((device.device_id, metric), NOTHING_RECORDED))
        if step == 60:
            mean, low, high = merged.mean, merged.minimum, merged.maximum
        else:
            starts = np.searchsorted(merged.minute, buckets)
            sizes = np.diff(np.append(starts, len(merged.minute)))
            mean = np.add.reduceat(merged.mean, starts) / sizes
            low = np.minimum.reduceat(merged.minimum, starts)
            high = np.maximum.reduceat(merged.maximum, starts)
        digits = digits_of(metric)
        result[metric] = [
            [t, m, lo, hi]
            for t, m, lo, hi in zip(
                (buckets * 1000).tolist(),
                np.round(mean, digits + 1).tolist(),
                np.round(low, digits).tolist(),
                np.round(high, digits).tolist(),
                strict=True,
            )
        ]
    return result
