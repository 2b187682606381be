"""Scouting ranges: presets, the API's 180-day rule, local-day boundaries in a project's timezone, data age."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hydrodesk.domain.phyto_range import (
    MAX_RANGE_DAYS,
    DayRange,
    Preset,
    fetched_at,
    local_day,
    preset_range,
    split_range,
    utc_bounds,
)


def test_presets_end_today() -> None:
    today = date(2026, 12, 3)
    assert preset_range(Preset.LAST_7_DAYS, today) == DayRange(date(2026, 11, 27), today)
    assert preset_range(Preset.THIS_MONTH, today) == DayRange(date(2026, 12, 1), today)
    assert preset_range(Preset.LAST_90_DAYS, today).days == 90
    assert preset_range(Preset.SEASON, today) == DayRange(date(2026, 7, 1), today)
    # Before July the season began the year before (a southern-hemisphere fruit season runs over New Year).
    assert preset_range(Preset.SEASON, date(2027, 3, 10)) == DayRange(date(2026, 7, 1), date(2027, 3, 10))
    assert preset_range(Preset.THIS_MONTH, date(2026, 1, 1)) == DayRange(date(2026, 1, 1), date(2026, 1, 1))


def test_a_range_the_api_accepts_is_one_request() -> None:
    start = date(2025, 1, 1)
    exactly = DayRange(start, start + timedelta(days=MAX_RANGE_DAYS))  # the simulator accepts Jan 1 .. Jun 30
    assert split_range(exactly) == [exactly]
    assert split_range(DayRange(start, start)) == [DayRange(start, start)]


def test_one_day_over_the_rule_makes_two_requests_that_meet_without_gap_or_overlap() -> None:
    start = date(2025, 1, 1)
    over = DayRange(start, start + timedelta(days=MAX_RANGE_DAYS + 1))
    pieces = split_range(over)
    assert pieces == [DayRange(start, date(2025, 6, 30)), DayRange(date(2025, 7, 1), date(2025, 7, 1))]


@pytest.mark.parametrize("length", [1, 180, 181, 182, 361, 362, 365, 366, 1000])
def test_split_ranges_cover_every_day_once_and_obey_the_rule(length: int) -> None:
    days = DayRange(date(2024, 2, 20), date(2024, 2, 20) + timedelta(days=length - 1))
    pieces = split_range(days)
    assert all((piece.end - piece.start).days <= MAX_RANGE_DAYS for piece in pieces)
    covered = [piece.start + timedelta(days=n) for piece in pieces for n in range(piece.days)]
    assert covered == [days.start + timedelta(days=n) for n in range(days.days)]
    assert len(pieces) == -(-length // (MAX_RANGE_DAYS + 1))


def test_a_range_cannot_run_backwards() -> None:
    with pytest.raises(ValueError, match="after"):
        DayRange(date(2025, 3, 2), date(2025, 3, 1))


def test_local_days_start_at_the_farms_midnight_not_utcs() -> None:
    # Mexico City is UTC-6 all year: its 3 December runs from 06:00Z on the 3rd to 06:00Z on the 4th.
    first, after = utc_bounds(DayRange(date(2026, 12, 3), date(2026, 12, 3)), "America/Mexico_City")
    assert (first, after) == (datetime(2026, 12, 3, 6, tzinfo=UTC), datetime(2026, 12, 4, 6, tzinfo=UTC))
    late_walk = datetime(2026, 12, 4, 5, 30, tzinfo=UTC)  # 23:30 on the 3rd at the farm
    assert local_day(late_walk, "America/Mexico_City") == date(2026, 12, 3)
    assert first <= late_walk < after
    assert local_day(late_walk, "UTC") == date(2026, 12, 4)


def test_day_boundaries_across_a_dst_change_leave_no_gap() -> None:
    # Santiago moves its clocks forward at midnight on the first Sunday of September 2026 (6 September).
    zone = "America/Santiago"
    _, end_of_5th = utc_bounds(DayRange(date(2026, 9, 5), date(2026, 9, 5)), zone)
    start_of_6th, end_of_6th = utc_bounds(DayRange(date(2026, 9, 6), date(2026, 9, 6)), zone)
    assert end_of_5th == start_of_6th
    assert end_of_6th - start_of_6th == timedelta(hours=23)  # the day the clocks skip an hour
    assert local_day(start_of_6th, zone) == date(2026, 9, 6)
    assert local_day(start_of_6th - timedelta(seconds=1), zone) == date(2026, 9, 5)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        local_day(datetime(2026, 12, 3, 12), "UTC")


def test_the_age_of_saved_data_is_its_oldest_part() -> None:
    week = DayRange(date(2026, 11, 27), date(2026, 12, 3))
    fetches = [
        (DayRange(date(2026, 11, 1), date(2026, 11, 30)), "2026-12-01T10:00:00.000Z"),
        (DayRange(date(2026, 12, 1), date(2026, 12, 3)), "2026-12-03T09:00:00.000Z"),
        (DayRange(date(2026, 11, 25), date(2026, 12, 3)), "2026-12-02T08:00:00.000Z"),
    ]
    assert fetched_at(fetches, week) == "2026-12-02T08:00:00.000Z"
    assert fetched_at(fetches[:2], week) == "2026-12-01T10:00:00.000Z"
    assert fetched_at(fetches[1:2], week) is None  # 27-30 November never fetched
    assert fetched_at([], week) is None
