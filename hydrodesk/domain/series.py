"""Time series resolutions and resampling: 15-minute readings rolled up into hours and local days.

Pure Python, no I/O. Buckets follow the local clock of the place the readings come from (a farm's "day" runs from
its own midnight), and every bucket is identified by its start, in UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo


class Resolution(StrEnum):
    RAW = "raw"
    HOURLY = "1h"
    DAILY = "1d"


RAW_STEP = timedelta(minutes=15)
HOUR = timedelta(hours=1)
_JUST_AFTER = timedelta(microseconds=1)  # turns "up to and including" into the half-open ranges used here


def raw_times(start: datetime, end: datetime) -> list[datetime]:
    """Every 15-minute mark (UTC, aligned to :00/:15/:30/:45) in [start, end)."""
    first = _ceil_to(start.astimezone(UTC), RAW_STEP)
    count = max(0, -(-(end - first) // RAW_STEP))
    return [first + index * RAW_STEP for index in range(count)]


def bucket_starts(start: datetime, end: datetime, resolution: Resolution, tz: ZoneInfo) -> list[datetime]:
    """The UTC starts of the buckets whose start lies in [start, end), aligned to the local clock of `tz`."""
    if resolution == Resolution.RAW:
        return raw_times(start, end)
    if resolution == Resolution.HOURLY:
        return _local_hour_starts(start, end, tz)
    return _local_midnights(start, end, tz)


def bucket_end(bucket_start: datetime, resolution: Resolution, tz: ZoneInfo) -> datetime:
    """Where a bucket ends: 15 minutes or an hour later, or the next local midnight (days with a DST change are
    23 or 25 hours long)."""
    if resolution == Resolution.RAW:
        return bucket_start + RAW_STEP
    if resolution == Resolution.HOURLY:
        return bucket_start + HOUR
    next_day = bucket_start.astimezone(tz).date() + timedelta(days=1)
    return local_midnight(next_day, tz)


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def aggregate(points: Sequence[Mapping[str, Any]], sum_fields: Collection[str] = ()) -> dict[str, Any]:
    """One value per field over `points`: the sum for `sum_fields` (rain, evapotranspiration), the mean for the rest.

    Nested mappings (soil moisture by depth) are aggregated key by key. Missing or None readings are skipped; a
    field with no reading at all aggregates to None.
    """
    keys: list[str] = []
    for point in points:
        keys.extend(key for key in point if key not in keys)
    result: dict[str, Any] = {}
    for key in keys:
        values = [point[key] for point in points if point.get(key) is not None]
        if values and all(isinstance(value, Mapping) for value in values):
            result[key] = aggregate(values, sum_fields)
        elif not values:
            result[key] = None
        else:
            result[key] = sum(values) if key in sum_fields else sum(values) / len(values)
    return result


def resample(
    reading_at: Callable[[datetime], Mapping[str, Any]],
    start: datetime,
    end: datetime,
    resolution: Resolution,
    tz: ZoneInfo,
    *,
    sum_fields: Collection[str] = (),
    until: datetime | None = None,
    rounding: Callable[[dict[str, Any]], dict[str, Any]] = dict,
) -> list[tuple[datetime, dict[str, Any]]]:
    """The series of `resolution` between `start` and `end`, built from the 15-minute readings `reading_at(ts)`.

    Each aggregated bucket covers its whole period (an hourly rain total is always a full hour's rain), except
    that readings after `until` (now: sensors have not measured the future) are left out, so the current bucket
    holds what has been measured so far and buckets starting after it are absent. `rounding` is applied to
    every aggregated point.
    """
    starts = bucket_starts(start, end, resolution, tz)
    if until is not None:
        starts = [moment for moment in starts if moment <= until]
    if resolution == Resolution.RAW:
        return [(moment, dict(reading_at(moment))) for moment in starts]
    series: list[tuple[datetime, dict[str, Any]]] = []
    for bucket in starts:
        stop = bucket_end(bucket, resolution, tz)
        if until is not None:
            stop = min(stop, until + _JUST_AFTER)
        readings = [reading_at(moment) for moment in raw_times(bucket, stop)]
        series.append((bucket, rounding(aggregate(readings, sum_fields))))
    return series


def _ceil_to(moment: datetime, step: timedelta) -> datetime:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    steps = -(-(moment - epoch) // step)
    return epoch + steps * step


def _local_hour_starts(start: datetime, end: datetime, tz: ZoneInfo) -> list[datetime]:
    # Whole hours of local wall time: the same as UTC hours except in zones with a half-hour offset.
    offset = start.astimezone(tz).utcoffset() or timedelta(0)
    shift = timedelta(seconds=offset.total_seconds() % 3600)
    first = _ceil_to(start.astimezone(UTC) + shift, HOUR) - shift
    count = max(0, -(-(end - first) // HOUR))
    return [first + index * HOUR for index in range(count)]


def _local_midnights(start: datetime, end: datetime, tz: ZoneInfo) -> list[datetime]:
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    starts: list[datetime] = []
    while day <= last:
        midnight = local_midnight(day, tz)
        if start <= midnight < end:
            starts.append(midnight)
        day += timedelta(days=1)
    return starts


def round_values(point: Mapping[str, Any], digits: int) -> dict[str, Any]:
    """`point` with every number rounded to `digits` decimals, nested mappings included."""
    rounded: dict[str, Any] = {}
    for key, value in point.items():
        if isinstance(value, Mapping):
            rounded[key] = round_values(value, digits)
        elif isinstance(value, float):
            rounded[key] = round(value, digits)
        else:
            rounded[key] = value
    return rounded
