"""Weather and plant series without Qt: columns from the server's points, per-pixel decimation, daily aggregates at
the farm's clock, and which parts of a range still have to be fetched."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from hydrodesk.domain.weather_series import (
    PLANT_SERIES,
    WEATHER_SERIES,
    Column,
    daily,
    daily_rows,
    decimate,
    rain_spans,
)
from hydrodesk.sync.weather_range import missing_spans, resolution_for, split_range

YEAR_START = 1_767_225_600.0  # 2026-01-01 00:00 UTC
FIVE_MIN = 300.0


def year_of_readings() -> Column:
    ts = YEAR_START + np.arange(365 * 288) * FIVE_MIN
    rng = np.random.default_rng(7)
    return Column(ts, 15 + 10 * np.sin(ts / 86400 * 2 * np.pi) + rng.normal(0, 0.5, len(ts)))


def test_decimating_a_year_keeps_every_peak_and_at_most_two_points_per_pixel() -> None:
    column = year_of_readings()
    values = column.values.copy()
    values[12_345], values[67_890] = 99.0, -42.0  # a spike up and one down, five minutes each
    column = Column(column.ts, values)
    for width in (300, 1000, 1920):
        shown = decimate(column, column.ts[0], column.ts[-1], width, margin=0.0)
        assert shown.reduced
        assert len(shown) <= 2 * (width + 1)
        assert shown.values.max() == 99.0
        assert shown.values.min() == -42.0
    # Each pixel column is drawn as its low then its high: the raw readings' min and max within it.
    shown = decimate(column, column.ts[0], column.ts[-1], 500, margin=0.0)
    starts = shown.ts[0::2]
    for index in (0, 100, 250, 400):
        inside = column.window(starts[index], starts[index + 1] - 1e-6).values
        assert (shown.values[2 * index], shown.values[2 * index + 1]) == (inside.min(), inside.max())


def test_zoomed_in_the_raw_readings_come_back_as_they_are_with_gaps_broken() -> None:
    column = year_of_readings()
    since, until = column.ts[1000], column.ts[1000] + 6 * 3600
    shown = decimate(column, since, until, 1000)
    assert not shown.reduced
    window = column.window(since - 1.5 * 3600, until + 1.5 * 3600)  # the view and a quarter of it each side
    assert shown.ts.tolist() == window.ts.tolist()
    assert shown.values.tolist() == window.values.tolist()
    # A sensor that was silent for two hours: the line breaks there rather than bridging the gap.
    keep = np.ones(len(column), dtype=bool)
    keep[1030:1054] = False
    gappy = Column(column.ts[keep], column.values[keep])
    shown = decimate(gappy, since, until, 1000)
    assert (~shown.connect).sum() == 1
    assert shown.ts[np.flatnonzero(~shown.connect)[0]] == column.ts[1029]


def test_columns_take_the_wire_fields_and_soil_moisture_by_depth_and_drop_missing_readings() -> None:
    from hydrodesk.domain.weather_series import columns

    points = [
        {"ts": "2026-12-01T10:15:00.000Z", "air_temp_c": 21.5, "rain_mm": 0.2},
        {"ts": "2026-12-01T10:00:00.000Z", "air_temp_c": 20.0, "rain_mm": None},
    ]
    found = columns(points, WEATHER_SERIES)
    assert found["air_temp_c"].values.tolist() == [20.0, 21.5]  # in time order
    assert found["rain_mm"].ts.tolist() == [datetime(2026, 12, 1, 10, 15, tzinfo=UTC).timestamp()]
    assert "wind_ms" not in found
    plant = columns([{"ts": "2026-12-01T10:00:00.000Z", "soil_moisture_pct": {"30cm": 28.4}}], PLANT_SERIES)
    assert list(plant) == ["soil_moisture_pct.30cm"]
    assert plant["soil_moisture_pct.30cm"].values.tolist() == [28.4]


def test_daily_aggregates_follow_the_farms_midnight_including_a_dst_change() -> None:
    zone = ZoneInfo("America/Santiago")  # clocks go forward on 2026-09-06: that day has 23 hours
    start = datetime(2026, 9, 5, tzinfo=zone).astimezone(UTC)
    ts = np.array([(start + timedelta(minutes=15 * i)).timestamp() for i in range(4 * 71)])  # 5 Sep .. 7 Sep
    rain = Column(ts, np.full(len(ts), 0.2))
    days = daily(rain, zone)
    assert [day.day for day in days] == [date(2026, 9, 5), date(2026, 9, 6), date(2026, 9, 7)]
    assert [day.count for day in days] == [96, 92, 96]  # the short day has 23 hours of readings
    assert days[1].total == pytest.approx(92 * 0.2)
    temperature = Column(ts, np.arange(len(ts), dtype=np.float64))
    first = daily(temperature, zone)[0]
    assert (first.minimum, first.maximum, first.mean) == (0.0, 95.0, 47.5)


def test_the_daily_table_adds_irrigation_runs_to_their_local_day() -> None:
    zone = ZoneInfo("America/Mexico_City")
    ts = np.array([datetime(2026, 12, 1, 12, tzinfo=zone).timestamp()])
    runs = [
        {
            "log_id": "a",
            "started_at": "2026-12-01T12:00:00.000Z",
            "ended_at": "2026-12-01T12:45:00.000Z",
            "volume_l": 300.0,
        },
        # 23:30 on the 1st at the farm, although already the 2nd in UTC.
        {
            "log_id": "b",
            "started_at": "2026-12-02T05:30:00.000Z",
            "ended_at": "2026-12-02T05:45:00.000Z",
            "volume_l": 100.0,
        },
    ]
    rows = daily_rows({"air_temp_c": Column(ts, np.array([18.0]))}, runs, zone)
    assert [(row.day, row.irrigation_min, row.irrigation_l) for row in rows] == [(date(2026, 12, 1), 60.0, 400.0)]


def test_rain_spans_join_consecutive_wet_readings() -> None:
    ts = YEAR_START + np.arange(10) * 900.0
    rain = Column(ts, np.array([0, 0.2, 0.4, 0, 0, 0.2, 0, 0, 0, 0.6]))
    assert rain_spans(rain, 900.0) == [(ts[1], ts[2] + 900), (ts[5], ts[5] + 900), (ts[9], ts[9] + 900)]


def test_a_long_range_is_fetched_hourly_in_monthly_pieces_and_only_what_the_cache_lacks() -> None:
    end = datetime(2026, 12, 3, 5, tzinfo=UTC)
    assert resolution_for(end - timedelta(days=31), end) == "raw"
    assert resolution_for(end - timedelta(days=180), end) == "1h"
    pieces = split_range(end - timedelta(days=365), end)
    assert len(pieces) == 12
    assert pieces[0][0] == end - timedelta(days=365)
    assert pieces[-1][1] == end
    assert all(b - a <= timedelta(days=31) for a, b in pieces)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))
    start = end - timedelta(days=7)
    assert missing_spans(start, end, None) == [(start, end)]
    # Fetched an hour ago: only the last two hours (the newest was filling up) and the hour since.
    assert missing_spans(start, end, (start, end - timedelta(hours=1))) == [(end - timedelta(hours=3), end)]
    # A longer range over a shorter one cached: the earlier part and the tail.
    cached = (end - timedelta(days=3), end)
    assert missing_spans(start, end, cached) == [(start, cached[0]), (end - timedelta(hours=2), end)]
    # A cache of another time altogether does not help.
    old = (start - timedelta(days=30), start - timedelta(days=20))
    assert missing_spans(start, end, old) == [(start, end)]


def test_zoomed_far_out_a_long_gap_still_breaks_the_line() -> None:
    column = year_of_readings()
    keep = np.ones(len(column), dtype=bool)
    keep[50_000 : 50_000 + 3 * 288] = False  # the station was off for three days
    gappy = Column(column.ts[keep], column.values[keep])
    shown = decimate(gappy, gappy.ts[0], gappy.ts[-1], 1000, margin=0.0)
    assert shown.reduced
    assert len(shown) <= 2 * 1001
    breaks = shown.ts[np.flatnonzero(~shown.connect)]
    assert len(breaks) == 1
    assert column.ts[50_000] - 86400 < breaks[0] < column.ts[50_000]
    assert shown.values.max() == gappy.values.max()
    assert shown.values.min() == gappy.values.min()
