"""Scouting date ranges: the presets a person picks, the local days they mean, and the API's 180-day rule.

The phytosanitary endpoints take `YYYY-MM-DD` local days, `start` to `end` inclusive, at most 180 days apart (the
simulator and the documented API refuse `end - start > 180 days`). A person may still ask for a longer range (a
season, a custom range): it is split into requests that each obey the rule and merged, so they never meet it.

A local day is a day in the project's timezone (for company-wide views, the company's): a walk at 23:30 in
Mexico City belongs to that day even though it is already tomorrow in UTC. Qt-free and I/O-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

MAX_RANGE_DAYS = 180  # the API's rule: (end - start).days <= 180
SEASON_START_MONTH = 7  # fruit seasons in Chile, Peru and Mexico's highlands start after the (southern) winter


class Preset(Enum):
    LAST_7_DAYS = "7d"
    THIS_MONTH = "month"
    LAST_90_DAYS = "90d"
    SEASON = "season"


@dataclass(frozen=True)
class DayRange:
    """Local days `start`..`end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"a range cannot start ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def widened(self, days: int) -> DayRange:
        return DayRange(self.start - timedelta(days=days), self.end + timedelta(days=days))


def preset_range(preset: Preset, today: date) -> DayRange:
    """The days a preset means on `today` (a local day); every preset ends today."""
    if preset is Preset.LAST_7_DAYS:
        return DayRange(today - timedelta(days=6), today)
    if preset is Preset.THIS_MONTH:
        return DayRange(today.replace(day=1), today)
    if preset is Preset.LAST_90_DAYS:
        return DayRange(today - timedelta(days=89), today)
    year = today.year if today.month >= SEASON_START_MONTH else today.year - 1
    return DayRange(date(year, SEASON_START_MONTH, 1), today)


def split_range(days: DayRange, max_days: int = MAX_RANGE_DAYS) -> list[DayRange]:
    """Consecutive ranges, oldest first, that cover `days` exactly, none with `end - start` over `max_days`."""
    if max_days < 0:
        raise ValueError("max_days must not be negative")
    pieces = []
    start = days.start
    while start <= days.end:
        end = min(days.end, start + timedelta(days=max_days))
        pieces.append(DayRange(start, end))
        start = end + timedelta(days=1)
    return pieces


def utc_bounds(days: DayRange, timezone: str) -> tuple[datetime, datetime]:
    """[first instant of `start`, first instant after `end`) in UTC, for local days in `timezone`.

    Midnight is taken at the wall clock; where a DST change skips or repeats midnight, zoneinfo's fold rules pick
    the same instant every time, so adjacent ranges neither overlap nor leave a gap."""
    zone = ZoneInfo(timezone)
    first = datetime.combine(days.start, time(0), zone).astimezone(UTC)
    after = datetime.combine(days.end + timedelta(days=1), time(0), zone).astimezone(UTC)
    return first, after


def local_day(moment: datetime, timezone: str) -> date:
    """The local day of an aware instant in `timezone`."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone)).date()


def today_in(timezone: str, now: datetime) -> date:
    return local_day(now, timezone)


def fetched_at(fetches: list[tuple[DayRange, str]], days: DayRange) -> str | None:
    """How old the saved data for `days` is: the oldest of the newest fetches covering each day (UTC texts compare
    as times); None when some day of the range was never fetched."""
    oldest: str | None = None
    day = days.start
    while day <= days.end:
        newest = max((at for covered, at in fetches if day in covered), default=None)
        if newest is None:
            return None
        oldest = newest if oldest is None else min(oldest, newest)
        day += timedelta(days=1)
    return oldest
