"""The live farm's pure parts: the simulator's clock, the tablets' pace, which sectors work, reproducible draws."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest

from hydrodesk.sim.clock import SimClock, parse_clock
from hydrodesk.sim.farm import PROJECTS
from hydrodesk.sim.life.calendar import day_rng, local_today
from hydrodesk.sim.life.crews import sectors_at_work
from hydrodesk.sim.life.tablets import TabletPace


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_clock_set_to_an_instant_runs_on_from_it_at_the_real_pace() -> None:
    ticks = FakeMonotonic()
    clock = SimClock(parse_clock("2026-12-02T09:30:00-03:00"), monotonic=ticks)
    assert clock.fixed
    assert clock.now() == datetime(2026, 12, 2, 12, 30, tzinfo=UTC)
    ticks.now += 90.5
    assert clock.now() == datetime(2026, 12, 2, 12, 31, 30, 500000, tzinfo=UTC)


def test_the_default_clock_is_the_real_time() -> None:
    clock = SimClock()
    assert not clock.fixed
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


@pytest.mark.parametrize("text", ["2026-12-02T09:30:00", "yesterday", "2026-13-02T09:30:00Z"])
def test_a_clock_needs_a_whole_instant_with_its_offset(text: str) -> None:
    with pytest.raises(ValueError, match="2026-12-02T09:30:00-03:00"):
        parse_clock(text)


def test_z_is_utc() -> None:
    assert parse_clock("2026-12-02T15:30:00Z") == datetime(2026, 12, 2, 15, 30, tzinfo=UTC)


def test_the_local_day_is_the_projects() -> None:
    late_evening_in_mexico = datetime(2026, 12, 3, 5, 30, tzinfo=UTC)
    assert local_today(late_evening_in_mexico, "America/Mexico_City").isoformat() == "2026-12-02"
    assert local_today(late_evening_in_mexico, "America/Lima").isoformat() == "2026-12-03"


def test_tablets_slow_down_over_lunch_and_at_night_but_never_stop() -> None:
    pace = TabletPace(every_s=6.0)
    assert pace.factor(time(9, 15)) == 1.0
    assert pace.factor(time(13, 20)) == 3.0
    assert pace.factor(time(23, 0)) == pace.factor(time(3, 0)) == 5.0
    pauses = [pace.pause(random.Random(n), time(9)) for n in range(200)]
    assert 0.4 * 6.0 <= min(pauses) < max(pauses) <= 1.6 * 6.0


def test_the_first_sector_of_every_project_is_left_for_the_office() -> None:
    for project in PROJECTS:
        sectors = [{"sectorId": sector_id} for sector_id, *_ in project["sectors"]]
        for n in range(50):
            working = sectors_at_work(random.Random(n), {"sectors": sectors})
            ids = [sector["sectorId"] for _, sector in working]
            assert sectors[0]["sectorId"] not in ids
            assert len(ids) >= max(1, (2 * (len(sectors) - 1) + 2) // 3)
            assert ids == sorted(ids)


def test_a_days_draws_depend_only_on_the_seed_and_what_they_are_about() -> None:
    first = day_rng(7, "today", "sector_002", "2026-12-02").random()
    assert day_rng(7, "today", "sector_002", "2026-12-02").random() == first
    assert day_rng(8, "today", "sector_002", "2026-12-02").random() != first
    assert day_rng(7, "today", "sector_003", "2026-12-02").random() != first
