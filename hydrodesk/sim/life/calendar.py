"""Days and instants in a project's timezone, and the random draws that make a farm day reproducible.

Whatever the live farm adds for a day (a session, its crew, a scouting walk, an irrigation run) is drawn from a
random generator seeded with the simulator's seed and what the addition is about (`day_rng(seed, "walk",
sector, day)`), never from a shared stream: so the same day comes out the same whenever, and however often, the
farm is brought up to date, and whatever else happened in between.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_SEED = 1
# How far back a start fills days the farm missed (the seed's four weeks): a farm left alone for a season does not
# make the next start slow.
HORIZON_DAYS = 28
SUNDAY = 6


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def local_time(now: datetime, timezone: str) -> time:
    return now.astimezone(ZoneInfo(timezone)).time()


def at_local(day: date, moment: time, timezone: str) -> datetime:
    """The UTC instant of `moment` on `day` in `timezone`."""
    return datetime.combine(day, moment, ZoneInfo(timezone)).astimezone(UTC)


def past_days(today: date, days: int = HORIZON_DAYS) -> list[date]:
    """The `days` days before `today`, oldest first."""
    return [today - timedelta(days=back) for back in range(days, 0, -1)]


def day_rng(seed: int, *about: object) -> random.Random:
    """A generator for one thing on one day; the same arguments give the same draws on every machine."""
    return random.Random("/".join(str(part) for part in (seed, *about)))


def floor_minute(moment: datetime) -> datetime:
    """Bringing the farm up to date "as of" the minute makes it independent of milliseconds of start-up time."""
    return moment.replace(second=0, microsecond=0)
