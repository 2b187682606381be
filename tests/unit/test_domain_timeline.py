"""The sector timeline's days and lanes (hydrodesk.domain.timeline): the farm's day boundaries, what overlaps a
window, units per local hour, and the scouting verdict of each point."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hydrodesk.domain.phyto_verdicts import Threshold, ThresholdBook, Verdict
from hydrodesk.domain.timeline import (
    Timeline,
    Window,
    events,
    harvest_spans,
    irrigation_runs,
    preset_window,
    scout_marks,
    units_per_hour,
)
from hydrodesk.sync.timeline_data import cached_since, missing_days

LIMA, MEXICO, SANTIAGO = "America/Lima", "America/Mexico_City", "America/Santiago"
DAY = date(2026, 12, 1)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_day_runs_from_the_farms_midnight_to_the_next() -> None:
    assert Window(DAY, 1, LIMA).start == utc("2026-12-01T05:00:00")
    assert Window(DAY, 1, LIMA).end == utc("2026-12-02T05:00:00")
    assert Window(DAY, 1, MEXICO).start == utc("2026-12-01T06:00:00")
    # Chile puts its clocks forward on the first Sunday of September: that day has 23 hours.
    spring = Window(date(2026, 9, 6), 1, SANTIAGO)
    assert spring.end - spring.start == timedelta(hours=23)


def test_presets_are_the_farms_days_not_utcs() -> None:
    # 03:00 UTC on Dec 2 is still Dec 1 in Lima (22:00): "today" there is Dec 1.
    now = utc("2026-12-02T03:00:00")
    assert preset_window("today", now, LIMA).first == DAY
    assert preset_window("yesterday", now, LIMA).first == date(2026, 11, 30)
    assert preset_window("this_week", now, LIMA) == Window(date(2026, 11, 30), 7, LIMA)  # Monday
    assert preset_window("last_week", now, LIMA) == Window(date(2026, 11, 23), 7, LIMA)
    assert Window(DAY, 1, LIMA).shifted(-1).first == date(2026, 11, 30)
    assert Window(date(2026, 11, 30), 7, LIMA).shifted(1).first == date(2026, 12, 7)


def test_runs_overlapping_the_window_are_kept_and_a_running_one_ends_now() -> None:
    window = Window(DAY, 1, LIMA)
    now = utc("2026-12-01T20:00:00")
    logs = [
        # started the evening before (local), ends inside the day: kept
        {"log_id": "a", "valve_id": "v1", "sector_id": "s1", "started_at": "2026-12-01T04:30:00Z",
         "ended_at": "2026-12-01T05:30:00Z", "source": "program"},
        # ended before the day began: left out
        {"log_id": "b", "valve_id": "v1", "sector_id": "s1", "started_at": "2026-12-01T03:00:00Z",
         "ended_at": "2026-12-01T04:59:59Z", "source": "program"},
        # another sector: left out
        {"log_id": "c", "valve_id": "v9", "sector_id": "s2", "started_at": "2026-12-01T12:00:00Z",
         "ended_at": "2026-12-01T13:00:00Z", "source": "manual"},
        # still running: ends now on the chart
        {"log_id": "d", "valve_id": "v1", "sector_id": "s1", "started_at": "2026-12-01T19:00:00Z",
         "ended_at": None, "source": "manual"},
    ]  # fmt: skip
    runs = irrigation_runs(logs, "s1", window, now, {"v1": "Válvula 1"})
    assert [(run.valve_name, run.source, run.running) for run in runs] == [
        ("Válvula 1", "program", False),
        ("Válvula 1", "manual", True),
    ]
    assert runs[1].end == now.timestamp()


def test_units_per_hour_are_the_farms_hours_and_voids_count_against_them() -> None:
    window = Window(DAY, 1, "Asia/Kolkata")  # half an hour off UTC: hours start at :30 UTC
    records = [
        {"units": 3, "recorded_at_utc": "2026-12-01T03:31:00Z"},  # 09:01 local
        {"units": 2, "recorded_at_utc": "2026-12-01T04:29:00Z"},  # 09:59 local
        {"units": -1, "recorded_at_utc": "2026-12-01T04:00:00Z"},  # a void at 09:30 local
        {"units": 5, "recorded_at_utc": "2026-12-01T04:30:00Z"},  # 10:00 local
        {"units": 7, "recorded_at_utc": "2026-11-30T18:29:00Z"},  # 23:59 the day before: outside
    ]
    bars = units_per_hour(records, window)
    assert [(datetime.fromtimestamp(bar.start, UTC).strftime("%H:%M"), bar.units) for bar in bars] == [
        ("03:30", 4.0),
        ("04:30", 5.0),
    ]


def _record(record_id: str, at: str, **found: tuple[float, float]) -> dict:
    return {
        "record_id": record_id,
        "sector_id": "s1",
        "created_at": at,
        "record_time": at,
        "user_name": "Ana",
        "responses": [
            {"variable_name": name, "name": name.title(), "value_number": count, "severity": grade}
            for name, (count, grade) in found.items()
        ],
    }


def test_a_scouting_point_takes_the_days_verdict_for_what_was_found_there() -> None:
    window = Window(DAY, 1, LIMA)
    # Four points in the morning: aphids at one of four (25 % incidence: Alert for aphids at 20 %), thrips nowhere.
    records = [
        _record("r1", "2026-12-01T13:00:00Z", aphids=(4, 1), thrips=(0, 0)),
        _record("r2", "2026-12-01T13:10:00Z", aphids=(0, 0), thrips=(0, 0)),
        _record("r3", "2026-12-01T13:20:00Z", aphids=(0, 0), thrips=(0, 0)),
        _record("r4", "2026-12-01T13:30:00Z", aphids=(0, 0), thrips=(0, 0)),
        _record("r5", "2026-12-02T05:00:00Z", aphids=(9, 4)),  # the next local day: outside
    ]
    marks = scout_marks(records, "s1", window)
    assert [(mark.record_id, mark.verdict) for mark in marks] == [
        ("r1", Verdict.ALERT),
        ("r2", Verdict.OKAY),
        ("r3", Verdict.OKAY),
        ("r4", Verdict.OKAY),
    ]
    assert [finding.variable for finding in marks[0].findings] == ["aphids"]
    # The company's own threshold recolours the point.
    lenient = ThresholdBook({"aphids": Threshold(30, 60, 50, 80)})
    assert scout_marks(records, "s1", window, lenient)[0].verdict is Verdict.OKAY


def test_harvest_spans_and_events() -> None:
    window = Window(DAY, 1, LIMA)
    now = utc("2026-12-03T00:00:00")
    sessions = [
        {"session_id": "x", "sector_id": "s1", "opened_at": "2026-12-01T12:00:00Z",
         "closed_at": "2026-12-01T20:00:00Z", "total_units": 120, "sampling_unit": "caja"},
        {"session_id": "y", "sector_id": "s1", "opened_at": "2026-12-01T21:00:00Z", "closed_at": None,
         "total_units": 5, "sampling_unit": "caja"},
    ]  # fmt: skip
    spans = harvest_spans(sessions, "s1", window, now)
    assert [(span.session_id, span.is_open) for span in spans] == [("x", False), ("y", True)]
    assert spans[1].end == window.end.timestamp()  # open: drawn to the end of the day shown
    timeline = Timeline(window=window, harvests=tuple(spans))
    assert [(event.lane, event.what) for event in events(timeline)] == [("harvest", "x"), ("harvest", "y")]
    assert not timeline.is_empty
    assert Timeline(window=window).is_empty


def test_a_day_is_fetched_again_until_it_was_fetched_after_it_ended() -> None:
    window = Window(DAY, 2, LIMA)  # Dec 1 and 2 in Lima
    marks = {
        DAY: "2026-12-02T06:00:00.000Z",  # an hour after Dec 1 ended in Lima: complete
        date(2026, 12, 2): "2026-12-02T18:00:00.000Z",  # during Dec 2: fetched again
    }
    assert missing_days(marks, window) == [date(2026, 12, 2)]
    assert missing_days({DAY: None, date(2026, 12, 2): None}, window) == window.local_days()
    assert cached_since(marks) == "2026-12-02T06:00:00.000Z"  # the oldest part shown
    assert cached_since({**marks, DAY: None}) is None
