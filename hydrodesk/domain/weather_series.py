"""Weather and plant series as columns of numbers: what each series is, daily aggregates, per-pixel decimation.

Pure Python and numpy, no Qt. The server sends points as rows (`{ts, air_temp_c, rh_pct, ...}`, soil moisture
nested by depth); charts and tables want one column per series, timestamps as epoch seconds, missing readings
dropped. Daily aggregates follow the farm's local days: rain and ET0 add up over the day, the other series give
their minimum, maximum and mean. A chart never draws more than two points per pixel column: `decimate` keeps the
minimum and maximum of each column (peaks survive any zoom) and hands back the raw points when they fit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from hydrodesk.domain.telemetry import DEFAULT_GAP_FACTOR, gap_after
from hydrodesk.domain.timestamps import parse_utc_text

FloatArray = npt.NDArray[np.float64]
SOIL_DEPTHS = ("10cm", "30cm", "60cm")
POINTS_PER_PIXEL = 2  # min and max of each pixel column
BLOCK = 16  # readings per block of the zoomed-out summary (Column.blocks)


@dataclass(frozen=True)
class SeriesSpec:
    """One plottable series: where it comes from in a point, its unit, its chart and how a day sums it up."""

    key: str  # unique: the wire field, with the depth for soil moisture ("soil_moisture_pct.30cm")
    source: str  # "weather" (per project) or "plant" (per sector)
    field: str
    unit: str
    chart: str  # the plot it is drawn on (series of one unit share a plot)
    summed: bool = False  # rain and ET0: a day's total; the others: the day's min, max and mean
    depth: str | None = None

    def value_of(self, point: Mapping[str, Any]) -> float | None:
        value = point.get(self.field)
        if self.depth is not None:
            value = value.get(self.depth) if isinstance(value, Mapping) else None
        return float(value) if isinstance(value, int | float) else None


WEATHER_SERIES = (
    SeriesSpec("air_temp_c", "weather", "air_temp_c", "°C", "temperature"),
    SeriesSpec("rh_pct", "weather", "rh_pct", "%", "humidity"),
    SeriesSpec("rain_mm", "weather", "rain_mm", "mm", "water", summed=True),
    SeriesSpec("et0_mm", "weather", "et0_mm", "mm", "water", summed=True),
    SeriesSpec("wind_ms", "weather", "wind_ms", "m/s", "wind"),
    SeriesSpec("solar_wm2", "weather", "solar_wm2", "W/m²", "solar"),
)
PLANT_SERIES = (
    *(
        SeriesSpec(f"soil_moisture_pct.{depth}", "plant", "soil_moisture_pct", "%", "soil", depth=depth)
        for depth in SOIL_DEPTHS
    ),
    SeriesSpec("soil_temp_c", "plant", "soil_temp_c", "°C", "temperature"),
    SeriesSpec("canopy_temp_c", "plant", "canopy_temp_c", "°C", "temperature"),
    SeriesSpec("leaf_wetness_pct", "plant", "leaf_wetness_pct", "%", "humidity"),
    SeriesSpec("dendrometer_um", "plant", "dendrometer_um", "µm", "dendrometer"),
)
ALL_SERIES = WEATHER_SERIES + PLANT_SERIES
SERIES_BY_KEY = {spec.key: spec for spec in ALL_SERIES}


@dataclass(frozen=True)
class Blocks:
    """A column summarised in runs of at most BLOCK readings that never span a gap: each run's first time, min and
    max, and whether a gap follows it. Zoomed far out, decimation works on these instead of every reading."""

    ts: FloatArray
    low: FloatArray
    high: FloatArray
    gap_after: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Column:
    """One series' readings in time order: epoch seconds and values, no missing readings."""

    ts: FloatArray
    values: FloatArray

    def __len__(self) -> int:
        return len(self.ts)

    @functools.cached_property
    def gaps(self) -> npt.NDArray[np.bool_]:
        """gaps[i]: a gap follows reading i. Judged once against the whole column's usual step, so a zoom never
        pays for a median again."""
        return gap_after(self.ts, DEFAULT_GAP_FACTOR)

    @functools.cached_property
    def readings(self) -> Blocks:
        """Each reading as a block of one: what decimation reduces when a pixel holds fewer than two blocks."""
        return Blocks(self.ts, self.values, self.values, self.gaps)

    @functools.cached_property
    def blocks(self) -> Blocks:
        gaps = np.flatnonzero(self.gaps)
        starts = np.union1d(np.arange(0, len(self.ts), BLOCK), gaps + 1).astype(np.intp)
        starts = starts[starts < len(self.ts)]
        after = np.zeros(len(starts), dtype=bool)
        after[np.searchsorted(starts, gaps + 1) - 1] = True  # the block that ends where a gap begins
        return Blocks(
            self.ts[starts], np.minimum.reduceat(self.values, starts), np.maximum.reduceat(self.values, starts), after
        )

    def window(self, since: float, until: float) -> Column:
        lo = int(np.searchsorted(self.ts, since, side="left"))
        hi = int(np.searchsorted(self.ts, until, side="right"))
        return Column(self.ts[lo:hi], self.values[lo:hi])

    def value_near(self, ts: float, within_s: float) -> float | None:
        """The reading nearest to `ts`, if one lies within `within_s` seconds (a crosshair readout)."""
        if not len(self.ts):
            return None
        index = int(np.searchsorted(self.ts, ts))
        candidates = [i for i in (index - 1, index) if 0 <= i < len(self.ts)]
        best = min(candidates, key=lambda i: abs(float(self.ts[i]) - ts))
        return float(self.values[best]) if abs(float(self.ts[best]) - ts) <= within_s else None


EMPTY = Column(np.empty(0), np.empty(0))


def columns(points: Sequence[Mapping[str, Any]], specs: Iterable[SeriesSpec]) -> dict[str, Column]:
    """One Column per spec from the server's (or the cache's) points; series with no reading at all are left out."""
    stamps = np.array([parse_utc_text(point["ts"]).timestamp() for point in points], dtype=np.float64)
    order = np.argsort(stamps, kind="stable")
    stamps = stamps[order]
    ordered = [points[i] for i in order]
    found: dict[str, Column] = {}
    for spec in specs:
        raw = np.array([_nan_if_none(spec.value_of(point)) for point in ordered], dtype=np.float64)
        keep = ~np.isnan(raw)
        if keep.any():
            found[spec.key] = Column(stamps[keep], raw[keep])
    return found


def _nan_if_none(value: float | None) -> float:
    return float("nan") if value is None else value


# ---------------------------------------------------------------------------------------------- daily aggregates
@dataclass(frozen=True)
class DailyValue:
    day: date
    minimum: float
    maximum: float
    mean: float
    total: float
    count: int

    def headline(self, summed: bool) -> float:
        """What a day says in one number: the total of a summed series, otherwise the mean."""
        return self.total if summed else self.mean


def daily(column: Column, tz: ZoneInfo) -> list[DailyValue]:
    """The readings grouped by the farm's local day (`tz`): min, max, mean, sum and count of each day."""
    if not len(column):
        return []
    days = _local_days(column.ts, tz)
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    counts = np.diff(np.r_[starts, len(days)])
    minima = np.minimum.reduceat(column.values, starts)
    maxima = np.maximum.reduceat(column.values, starts)
    totals = np.add.reduceat(column.values, starts)
    return [
        DailyValue(
            day=date.fromordinal(int(days[start])),
            minimum=float(minima[i]),
            maximum=float(maxima[i]),
            mean=float(totals[i] / counts[i]),
            total=float(totals[i]),
            count=int(counts[i]),
        )
        for i, start in enumerate(starts)
    ]


def _local_days(ts: FloatArray, tz: ZoneInfo) -> npt.NDArray[np.int64]:
    """The local day (proleptic ordinal) of each timestamp. Offsets are looked up once per UTC day and its
    neighbours rather than per reading, which keeps a year of 5-minute readings cheap (and DST-correct: the
    offset is taken at each reading's side of the change)."""
    first_day = datetime.fromtimestamp(float(ts[0]), tz).date() - timedelta(days=1)
    last_day = datetime.fromtimestamp(float(ts[-1]), tz).date() + timedelta(days=1)
    midnights = []
    day = first_day
    while day <= last_day + timedelta(days=1):
        midnights.append(datetime.combine(day, datetime.min.time(), tzinfo=tz).timestamp())
        day += timedelta(days=1)
    index = np.searchsorted(np.array(midnights), ts, side="right") - 1
    return (first_day.toordinal() + index).astype(np.int64)


# ---------------------------------------------------------------------------------------------- decimation
@dataclass(frozen=True)
class Decimated:
    """What a curve is handed: at most two points per pixel column, and where the line breaks (gaps)."""

    ts: FloatArray
    values: FloatArray
    connect: npt.NDArray[np.bool_]
    reduced: bool  # True: min/max per pixel column; False: the raw readings

    def __len__(self) -> int:
        return len(self.ts)


def decimate(column: Column, since: float, until: float, width_px: int, *, margin: float = 0.25) -> Decimated:
    """The part of `column` around [since, until] (plus `margin` of the span on each side, so a small pan needs no
    new slice), reduced to the min and max of each pixel column when there are more than two readings per pixel.

    Buckets are aligned to multiples of their width, so panning does not make peaks flicker."""
    span = max(until - since, 1e-6)
    width_px = max(1, int(width_px))
    bucket_s = span / width_px
    lo = np.floor((since - margin * span) / bucket_s) * bucket_s
    hi = np.ceil((until + margin * span) / bucket_s) * bucket_s
    first = int(np.searchsorted(column.ts, lo, side="left"))
    last = int(np.searchsorted(column.ts, hi, side="right"))
    buckets = max(1, round((hi - lo) / bucket_s))
    if last - first <= POINTS_PER_PIXEL * buckets:
        return Decimated(column.ts[first:last], column.values[first:last], ~column.gaps[first:last], reduced=False)
    # Two blocks or more to a pixel column: the block summary; fewer: the readings themselves.
    summary = column.blocks if last - first > 2 * BLOCK * buckets else column.readings
    return _decimate_blocks(summary, float(lo), float(hi), buckets)


def _decimate_blocks(blocks: Blocks, lo: float, hi: float, buckets: int) -> Decimated:
    """Min/max per pixel column from blocks (of BLOCK readings, or of one): a block is counted in the pixel its
    first reading falls in (off by half a pixel at most, for a summary block) and no peak is lost. A gap breaks
    the line only where it crosses from one pixel column to the next, as a narrower one cannot show."""
    first = int(np.searchsorted(blocks.ts, lo, side="left"))
    last = int(np.searchsorted(blocks.ts, hi, side="right"))
    ts, low, high = blocks.ts[first:last], blocks.low[first:last], blocks.high[first:last]
    edges = lo + (hi - lo) / buckets * np.arange(buckets)
    starts = np.searchsorted(ts, edges, side="left")  # sorted already: dropping repeats needs no hashing
    starts = starts[np.concatenate(([True], starts[1:] != starts[:-1]))]
    starts = starts[starts < len(ts)]
    lows, highs = np.minimum.reduceat(low, starts), np.maximum.reduceat(high, starts)
    # A bucket joins the next unless its last block is followed by a gap.
    ends = np.r_[starts[1:], len(ts)] - 1
    joined = ~blocks.gap_after[first:last][ends]
    out_ts = np.repeat(ts[starts], 2)
    values = np.empty(2 * len(starts))
    values[0::2], values[1::2] = lows, highs
    connect = np.ones(len(out_ts), dtype=bool)
    connect[1::2] = joined
    return Decimated(out_ts, values, connect, reduced=True)


def typical_step(column: Column) -> float:
    """The usual spacing of the readings in seconds (15 minutes when unknown)."""
    if len(column) < 2:
        return 900.0
    return float(np.median(np.diff(column.ts[: min(len(column), 512)])))


# ---------------------------------------------------------------------------------------------- the daily table
@dataclass(frozen=True)
class DayRow:
    """One local day of the daily table: each series' aggregates and the water the sector was given."""

    day: date
    values: dict[str, DailyValue]
    irrigation_min: float = 0.0
    irrigation_l: float = 0.0

    def get(self, key: str) -> DailyValue | None:
        return self.values.get(key)


def daily_rows(found: Mapping[str, Column], runs: Sequence[Mapping[str, Any]], tz: ZoneInfo) -> list[DayRow]:
    """The daily table: one row per local day that has readings or an irrigation run, oldest first."""
    per_day: dict[date, dict[str, DailyValue]] = {}
    for key, column in found.items():
        for value in daily(column, tz):
            per_day.setdefault(value.day, {})[key] = value
    water: dict[date, tuple[float, float]] = {}
    for run in runs:
        started = parse_utc_text(run["started_at"])
        ended = parse_utc_text(run["ended_at"]) if run.get("ended_at") else started
        day = started.astimezone(tz).date()
        minutes, litres = water.get(day, (0.0, 0.0))
        water[day] = (minutes + (ended - started).total_seconds() / 60, litres + float(run.get("volume_l") or 0.0))
    return [DayRow(day, per_day.get(day, {}), *water.get(day, (0.0, 0.0))) for day in sorted(set(per_day) | set(water))]


def run_spans(runs: Sequence[Mapping[str, Any]]) -> list[tuple[float, float]]:
    """(start, end) in epoch seconds of each irrigation run (a run still going ends at its start)."""
    spans = []
    for run in runs:
        start = parse_utc_text(run["started_at"]).timestamp()
        end = parse_utc_text(run["ended_at"]).timestamp() if run.get("ended_at") else start
        spans.append((start, end))
    return spans


def rain_spans(rain: Column, step_s: float) -> list[tuple[float, float]]:
    """The showers in a rain series: runs of readings with rain, each reading covering `step_s` seconds."""
    wet = rain.ts[rain.values > 0]
    if not len(wet):
        return []
    breaks = np.flatnonzero(np.diff(wet) > 1.5 * step_s)
    starts = np.r_[wet[0], wet[breaks + 1]]
    ends = np.r_[wet[breaks], wet[-1]] + step_s
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


# Series drawn with their daily minimum and maximum as well as the mean in the daily charts (the rest: the mean).
DAILY_EXTREMES = frozenset({"air_temp_c"})


def daily_columns(found: Mapping[str, Column], tz: ZoneInfo) -> dict[str, Column]:
    """The daily charts' series, one point per local day at its noon: the total of rain and ET0, the mean of the
    rest, and for DAILY_EXTREMES also `<key>.min` and `<key>.max`."""
    result: dict[str, Column] = {}
    for key, column in found.items():
        days = daily(column, tz)
        if not days:
            continue
        noons = np.array([datetime.combine(d.day, datetime.min.time(), tzinfo=tz).timestamp() + 43200 for d in days])
        spec = SERIES_BY_KEY.get(key)
        summed = spec is not None and spec.summed
        result[key] = Column(noons, np.array([d.headline(summed) for d in days]))
        if key in DAILY_EXTREMES:
            result[f"{key}.min"] = Column(noons, np.array([d.minimum for d in days]))
            result[f"{key}.max"] = Column(noons, np.array([d.maximum for d in days]))
    return result
