"""Resampling 15-minute readings into hours and local days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hydrodesk.domain.series import (
    Resolution,
    aggregate,
    bucket_end,
    bucket_starts,
    raw_times,
    resample,
    round_values,
)

MEXICO = ZoneInfo("America/Mexico_City")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")  # UTC+05:30: local hours are not UTC hours


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_raw_times_are_quarter_hours_in_a_half_open_range() -> None:
    times = raw_times(utc(2025, 10, 19, 14, 7), utc(2025, 10, 19, 15, 0))
    assert times == [utc(2025, 10, 19, 14, 15), utc(2025, 10, 19, 14, 30), utc(2025, 10, 19, 14, 45)]
    assert raw_times(utc(2025, 10, 19, 14, 0), utc(2025, 10, 19, 14, 0)) == []


def test_daily_buckets_start_at_local_midnight() -> None:
    starts = bucket_starts(utc(2025, 10, 1), utc(2025, 10, 4), Resolution.DAILY, MEXICO)
    # Mexico City is UTC-6 all year since 2022: local midnight is 06:00 UTC.
    assert starts == [utc(2025, 10, 1, 6), utc(2025, 10, 2, 6), utc(2025, 10, 3, 6)]


def test_a_day_with_a_clock_change_is_23_hours_long() -> None:
    start = bucket_starts(utc(2025, 3, 9), utc(2025, 3, 10), Resolution.DAILY, NEW_YORK)[0]
    assert bucket_end(start, Resolution.DAILY, NEW_YORK) - start == timedelta(hours=23)


def test_hourly_buckets_follow_half_hour_zones() -> None:
    starts = bucket_starts(utc(2025, 10, 1, 0, 0), utc(2025, 10, 1, 2, 0), Resolution.HOURLY, KOLKATA)
    assert starts == [utc(2025, 10, 1, 0, 30), utc(2025, 10, 1, 1, 30)]


def test_aggregate_means_and_sums_and_nested_values() -> None:
    points = [
        {"t": 10.0, "rain": 0.2, "soil": {"10cm": 20.0, "30cm": 30.0}},
        {"t": 14.0, "rain": 0.4, "soil": {"10cm": 24.0, "30cm": 32.0}},
        {"t": None, "rain": 0.0, "soil": {"10cm": 22.0, "30cm": None}},
    ]
    result = aggregate(points, sum_fields={"rain"})
    assert result["t"] == pytest.approx(12.0)
    assert result["rain"] == pytest.approx(0.6)
    assert result["soil"] == {"10cm": pytest.approx(22.0), "30cm": pytest.approx(31.0)}
    assert aggregate([{"t": None}]) == {"t": None}


def test_resample_hourly_sums_and_means_its_quarter_hours() -> None:
    def reading(moment: datetime) -> dict[str, float]:
        return {"value": float(moment.minute), "rain": 0.2}

    series = resample(reading, utc(2025, 1, 1, 0), utc(2025, 1, 1, 2), Resolution.HOURLY, MEXICO, sum_fields={"rain"})
    assert [moment for moment, _ in series] == [utc(2025, 1, 1, 0), utc(2025, 1, 1, 1)]
    for _, values in series:
        assert values["value"] == pytest.approx((0 + 15 + 30 + 45) / 4)
        assert values["rain"] == pytest.approx(0.8)


def test_resample_leaves_out_the_future_and_keeps_the_current_bucket_partial() -> None:
    def reading(moment: datetime) -> dict[str, float]:
        return {"rain": 1.0}

    now = utc(2025, 1, 1, 1, 20)
    series = resample(
        reading, utc(2025, 1, 1, 0), utc(2025, 1, 1, 3), Resolution.HOURLY, MEXICO, sum_fields={"rain"}, until=now
    )
    assert [(moment, values["rain"]) for moment, values in series] == [
        (utc(2025, 1, 1, 0), 4.0),
        (utc(2025, 1, 1, 1), 2.0),
    ]
    raw = resample(reading, utc(2025, 1, 1, 0), utc(2025, 1, 1, 3), Resolution.RAW, MEXICO, until=now)
    assert raw[-1][0] == utc(2025, 1, 1, 1, 15)


def test_round_values_recurses() -> None:
    assert round_values({"a": 1.23456, "b": {"c": 2.34567}, "d": None, "e": 3}, 2) == {
        "a": 1.23,
        "b": {"c": 2.35},
        "d": None,
        "e": 3,
    }
