"""The live farm's production sessions: the workdays it missed, today's sessions at work, and closing them after.

- Missed workdays (Monday to Saturday, up to HORIZON_DAYS back): every sector that has no session that day gets
  a closed one with its records, exactly as the seed makes them (seed_production.closed_session_rows).
- Today: in every project most sectors but the first get a session opened this morning (06:15–06:55 local) by a
  field supervisor, with the records its tablet synced since then (a pace of a real morning: each picker delivers
  about once an hour). Before dawn the crews start at once, as a night shift: a demo opened at 3 a.m. in the
  farm's timezone still has sessions at work. A sector with any session today (the office's own, say) is left
  alone, so bringing the farm up to date twice adds nothing twice.
- A session the live farm opened stays open for the rest of its day (the tablets keep posting into it): when its
  maximum duration is about to end (or has, in a demo started late), its supervisor extends it to the end of the
  day, as the office's warning asks. The first time the farm is brought up to date on a later day, it is closed a
  little after its last record, with a truck, a driver and a harvest lot, as the supervisor would have.

The sessions the live farm opened are listed in `live_sessions`, with their crew, so the tablets of a restarted
simulator post for the same pickers, and nobody else's open session is ever closed by the simulator, but one: the
API pages' example session, which the seed keeps open on 19 Oct 2025 (Lote A-1, the demo user's) for the documented
examples. A live farm is today's, and a supervisor's session left open for over a year is no farm's: the first time
the farm goes live it is closed a little after its one record, as the session of any day gone by.
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.domain.sessions import MAX_DURATION_LIMIT_HOURS
from hydrodesk.sim.control.records import INSERT_RECORD
from hydrodesk.sim.control.seed_production import (
    DOC_SESSION_ID,
    DRIVERS,
    FINAL_NOTES,
    INSERT_SESSION,
    OPENING_NOTES,
    PLATES,
    closed_session_rows,
    delivery_units,
)
from hydrodesk.sim.control.seed_workers import object_id
from hydrodesk.sim.control.sessions import harvest_lot_code
from hydrodesk.sim.db import Database, dumps, register_schema
from hydrodesk.sim.http import format_utc
from hydrodesk.sim.life.calendar import (
    SUNDAY,
    at_local,
    day_rng,
    floor_minute,
    local_today,
    past_days,
)
from hydrodesk.sim.life.crews import company_pool, draw_crew, sectors_at_work, supervisor_for

register_schema(
    """
    CREATE TABLE IF NOT EXISTS live_sessions (
        session_id TEXT PRIMARY KEY REFERENCES production_sessions(session_id),
        company_id TEXT NOT NULL,
        day TEXT NOT NULL,
        crew TEXT NOT NULL
    );
    """
)

NIGHT_SHIFT_NOTE = "Turno nocturno"
DELIVERIES_PER_PICKER_HOUR = (0.5, 1.1)
FIRST_DELIVERY_AFTER = timedelta(minutes=5)


def _sessions_by_day_and_sector(db: Database, project_id: str, first: str, last: str) -> set[tuple[str, str]]:
    rows = db.all(
        "SELECT DISTINCT day, sector_id FROM production_sessions WHERE project_id = ? AND day BETWEEN ? AND ?",
        (project_id, first, last),
    )
    return {(row["day"], row["sector_id"]) for row in rows}


# ------------------------------------------------------------------------------------------------ past workdays
def fill_missed_workdays(db: Database, projects: list[dict[str, Any]], now: datetime, seed: int) -> int:
    """Closed sessions (with records) for every sector's missed workdays; returns how many were added."""
    sessions: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    for project in projects:
        days = [day for day in past_days(local_today(now, project["timezone"])) if day.weekday() != SUNDAY]
        have = _sessions_by_day_and_sector(db, project["projectId"], days[0].isoformat(), days[-1].isoformat())
        pool = company_pool(db, project["companyId"])
        for day in days:
            for index, sector in enumerate(project["sectors"]):
                if (day.isoformat(), sector["sectorId"]) in have:
                    continue
                rng = day_rng(seed, "workday", sector["sectorId"], day)
                sessions.append(closed_session_rows(rng, project, sector, index, day, day.toordinal(), pool, records))
    with db.transaction():
        db.connection.executemany(INSERT_SESSION, sessions)
        db.connection.executemany(INSERT_RECORD, records)
    return len(sessions)


# ------------------------------------------------------------------------------------------------ today
def open_todays_sessions(db: Database, projects: list[dict[str, Any]], now: datetime, seed: int) -> list[str]:
    """Open today's sessions (see the module docstring); returns the ids of those opened now."""
    as_of = floor_minute(now)
    opened: list[str] = []
    sessions: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    crews: list[tuple[str, str, str, str]] = []
    for project in projects:
        timezone = project["timezone"]
        today = local_today(as_of, timezone)
        have = _sessions_by_day_and_sector(db, project["projectId"], today.isoformat(), today.isoformat())
        pool = company_pool(db, project["companyId"])
        at_work = sectors_at_work(day_rng(seed, "at-work", project["projectId"], today), project)
        for turn, (_, sector) in enumerate(at_work):
            if (today.isoformat(), sector["sectorId"]) in have:
                continue
            rng = day_rng(seed, "today", sector["sectorId"], today)
            owner = supervisor_for(project["companyId"], turn + today.toordinal())
            crew = draw_crew(rng, pool)
            morning = at_local(today, time(6, rng.randint(15, 55)), timezone)
            night_shift = morning > as_of
            opened_at = (
                max(at_local(today, time(0), timezone), as_of - timedelta(minutes=2)) if night_shift else morning
            )
            session_id = object_id(rng, opened_at)
            notes = NIGHT_SHIFT_NOTE if night_shift else rng.choice(OPENING_NOTES)
            sessions.append(_open_session_row(project, sector, owner, session_id, today.isoformat(), opened_at, notes))
            records += _synced_so_far(rng, project, session_id, owner, crew, opened_at, as_of)
            crews.append((session_id, project["companyId"], today.isoformat(), dumps(crew)))
            opened.append(session_id)
    with db.transaction():
        db.connection.executemany(INSERT_SESSION, sessions)
        db.connection.executemany(INSERT_RECORD, records)
        db.connection.executemany("INSERT INTO live_sessions VALUES (?, ?, ?, ?)", crews)
    return opened


def _open_session_row(
    project: dict[str, Any],
    sector: dict[str, Any],
    owner: str,
    session_id: str,
    day: str,
    opened_at: datetime,
    notes: str | None,
) -> tuple[Any, ...]:
    settings = project["settings"]
    created = format_utc(opened_at + timedelta(seconds=4))
    return (
        session_id, project["companyId"], project["projectId"], sector["sectorId"], sector["sector_name"], owner,
        project["timezone"], day, "open", format_utc(opened_at), None, settings.get("maxDurationHours") or 12,
        settings["samplingUnit"], settings["pricePerUnit"], dumps(settings["bonus"]) if settings.get("bonus") else None,
        notes, None, None, None, None, None, None, None, created, created,
    )  # fmt: skip


def _synced_so_far(
    rng: random.Random,
    project: dict[str, Any],
    session_id: str,
    owner: str,
    crew: list[dict[str, str]],
    opened_at: datetime,
    as_of: datetime,
) -> list[tuple[Any, ...]]:
    """The deliveries the session's tablet synced between its opening and `as_of`."""
    start = opened_at + FIRST_DELIVERY_AFTER
    hours = max(0.0, (as_of - start).total_seconds() / 3600)
    rows = []
    for picker in crew:
        count = int(rng.uniform(*DELIVERIES_PER_PICKER_HOUR) * hours + rng.random())
        for _ in range(count):
            at = format_utc(start + (as_of - start) * rng.random())
            event = f"evt_{rng.getrandbits(64):016x}"
            rows.append(
                (f"rec_{rng.getrandbits(64):016x}", session_id, project["companyId"], picker["worker_id"],
                 picker["name"], delivery_units(rng, project["settings"]["samplingUnit"]), at, event,
                 f"client:{session_id}:{picker['worker_id']}:{event}", None, None, None, owner, at)
            )  # fmt: skip
    return rows


# ------------------------------------------------------------------------------------------------ closing
_OPEN_WITH_LAST_RECORD = (
    "SELECT s.*, (SELECT MAX(recorded_at) FROM production_records r WHERE r.session_id = s.session_id) AS last "
    "FROM production_sessions s WHERE s.status = 'open' AND "
)


def close_past_live_sessions(db: Database, now: datetime, seed: int) -> int:
    """Close the live farm's sessions of days gone by, a little after their last record; returns how many."""
    rows = db.all(_OPEN_WITH_LAST_RECORD + "s.session_id IN (SELECT session_id FROM live_sessions) ORDER BY s.day")
    return _close_past(db, rows, now, seed)


def close_documented_example(db: Database, now: datetime, seed: int) -> int:
    """Close the API pages' example session as of its day (see the module docstring); 1 if it was still open."""
    return _close_past(db, db.all(_OPEN_WITH_LAST_RECORD + "s.session_id = ?", (DOC_SESSION_ID,)), now, seed)


def _close_past(db: Database, rows: list[sqlite3.Row], now: datetime, seed: int) -> int:
    closing = []
    for row in rows:
        if row["day"] >= local_today(now, row["timezone"]).isoformat():
            continue
        rng = day_rng(seed, "close", row["session_id"])
        last = _parse(row["last"] or row["opened_at"])
        closed = min(now, last + timedelta(minutes=rng.randint(5, 25)))
        closed_text = format_utc(closed)
        closing.append(
            (closed_text, rng.choice(FINAL_NOTES), rng.choice(PLATES), rng.choice(DRIVERS),
             harvest_lot_code(row["session_id"], row["day"]), format_utc(closed + timedelta(seconds=90)),
             closed_text, row["session_id"])
        )  # fmt: skip
    with db.transaction():
        db.connection.executemany(
            "UPDATE production_sessions SET status = 'closed', closed_at = ?, final_notes = ?, closed_by = 'user', "
            "closed_reason = 'manual', license_plate = ?, driver_name = ?, harvest_lot_code = ?, "
            "quality_breakdown_at = ?, updated_at = ? WHERE session_id = ?",
            closing,
        )
    return len(closing)


# A supervisor extends a session this long before its maximum duration ends (the office flags it from then on).
EXTEND_WITHIN = timedelta(minutes=30)


def extend_live_sessions_near_their_limit(db: Database, now: datetime) -> int:
    """Extend the live farm's sessions of today whose maximum duration ends within EXTEND_WITHIN (or has ended) to
    the end of their day, through which their crews work on; returns how many. Left alone, every crew's session
    ran hours past its limit by the evening, and the office's Sessions and Overview showed the whole farm overdue."""
    rows = db.all(
        "SELECT s.session_id, s.opened_at, s.max_duration_hours, s.timezone, s.day FROM production_sessions s "
        "JOIN live_sessions USING (session_id) WHERE s.status = 'open' ORDER BY s.session_id"
    )
    extending = []
    for row in rows:
        if row["day"] != local_today(now, row["timezone"]).isoformat():
            continue  # a day gone by: closed at the next bring-up
        opened = _parse(row["opened_at"])
        if opened + timedelta(hours=row["max_duration_hours"]) - now > EXTEND_WITHIN:
            continue
        day_ends = datetime.combine(
            date.fromisoformat(row["day"]) + timedelta(days=1), time(0), ZoneInfo(row["timezone"])
        )
        hours = min(MAX_DURATION_LIMIT_HOURS, math.ceil((day_ends - opened).total_seconds() / 3600))
        if hours > row["max_duration_hours"]:
            extending.append((hours, format_utc(now), row["session_id"]))
    if extending:
        with db.transaction():
            db.connection.executemany(
                "UPDATE production_sessions SET max_duration_hours = ?, updated_at = ? WHERE session_id = ?", extending
            )
    return len(extending)


def live_sessions_open_today(db: Database, now: datetime) -> list[dict[str, Any]]:
    """The live farm's sessions still open on their own day: the ones the field tablets post into."""
    rows = db.all(
        "SELECT s.session_id, s.company_id, s.project_id, s.sector_id, s.auth0_id, s.timezone, s.day, "
        "s.sampling_unit, l.crew FROM production_sessions s JOIN live_sessions l USING (session_id) "
        "WHERE s.status = 'open' ORDER BY s.session_id"
    )
    return [
        {**dict(row), "crew": json.loads(row["crew"])}
        for row in rows
        if row["day"] == local_today(now, row["timezone"]).isoformat()
    ]


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
