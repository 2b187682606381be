"""The demo farm's production: four weeks of closed sessions and their tallies, plus the documented open session.

Every sector of every project gets a session on every workday (Monday to Saturday) of the last four weeks, with a
crew of 15–40 pickers who each deliver a few boxes (or weighings, in kilograms) over the morning; a few deliveries
are voided. Everything is drawn from a fixed random seed, relative to the day the farm is seeded.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.sim.control.records import INSERT_RECORD
from hydrodesk.sim.control.seed_workers import object_id
from hydrodesk.sim.control.sessions import harvest_lot_code
from hydrodesk.sim.db import Database, dumps
from hydrodesk.sim.http import format_utc

SEED = 19_10_2025
DAYS_BACK = 28
SUNDAY = 6

# The documented examples' session and record (hydrobit-api.md and the seed page).
DOC_SESSION_ID = "6507f1e3c9d8e2a4b1f9c3d5"
DOC_RECORD_ID = "rec_1234567890abcdef"
DOC_CLIENT_EVENT_ID = "evt_1234567890abcdef"
DOC_OWNER = "user_123456789"

OWNERS = {"comp_12345": ["user_123456789", "user_987654321"], "comp_67890": ["user_555000111"]}
VOID_REASONS = ["Entrada duplicada", "Caja registrada al trabajador equivocado", "Caja incompleta", "Error de captura"]
OPENING_NOTES = [None, None, "Buen clima hoy", "Cosecha de repaso", "Neblina temprano, inicio tardío"]
FINAL_NOTES = [None, "Closed manually after final count", "Sin incidencias", "Camión salió 15:20"]
PLATES = ["ABC-123", "JKL-4821", "MNO-7710", "PQR-3345", "STU-9082"]
DRIVERS = ["Juan Perez", "Ramiro Ochoa", "Felipe Arreola", "Tomás Zepeda"]

SESSION_COLUMNS = (
    "session_id, company_id, project_id, sector_id, sector_name, auth0_id, timezone, day, status, opened_at, "
    "closed_at, max_duration_hours, sampling_unit, price_per_unit, bonus, notes, final_notes, closed_by, "
    "closed_reason, license_plate, driver_name, harvest_lot_code, quality_breakdown_at, created_at, updated_at"
)
INSERT_SESSION = f"INSERT INTO production_sessions ({SESSION_COLUMNS}) VALUES ({', '.join('?' * 25)})"


def _workdays(today: date) -> list[date]:
    days = [today - timedelta(days=offset) for offset in range(DAYS_BACK, 0, -1)]
    return [day for day in days if day.weekday() != SUNDAY]


def crew_pool(workers: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Who picks: the active harvesters and field workers of a roster (each with worker_id, first and last name)."""
    return [
        dict(worker)
        for worker in workers
        if worker["status"] == "active" and worker["position"] in ("harvester", "field_worker")
    ]


def local_instant(day: date, hour: int, minute: int, timezone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(timezone)).astimezone(UTC)


def delivery_units(rng: random.Random, unit: str) -> float:
    if unit == "kg":
        return round(rng.uniform(3.5, 9.0), 1)
    return rng.choices((1, 2, 3), weights=(6, 3, 1))[0]


def closed_session_rows(
    rng: random.Random,
    project: dict[str, Any],
    sector: dict[str, Any],
    sector_index: int,
    day: date,
    day_index: int,
    crew_pool: list[dict[str, Any]],
    records: list[tuple[Any, ...]],
) -> tuple[Any, ...]:
    """One closed session (its row) and its records (appended to `records`)."""
    timezone = project["timezone"]
    settings = project["settings"]
    owners = OWNERS[project["companyId"]]
    owner = owners[(sector_index + day_index) % len(owners)]
    opened = local_instant(day, 6, rng.randint(15, 55), timezone)
    closed = local_instant(day, rng.randint(13, 15), rng.randint(0, 59), timezone)
    session_id = object_id(rng, opened)
    crew = rng.sample(crew_pool, min(len(crew_pool), rng.randint(15, 40)))
    span = (closed - opened).total_seconds() - 600
    created = format_utc(opened + timedelta(seconds=4))
    delivered: list[tuple[str, str, float, str]] = []
    for worker in crew:
        name = f"{worker['first_name']} {worker['last_name']}"
        for _ in range(rng.randint(3, 8)):
            at = format_utc(opened + timedelta(seconds=300 + rng.random() * span))
            record_id = f"rec_{rng.getrandbits(64):016x}"
            event = f"evt_{rng.getrandbits(64):016x}"
            units = delivery_units(rng, settings["samplingUnit"])
            records.append(
                (record_id, session_id, project["companyId"], worker["worker_id"], name, units, at, event,
                 f"client:{session_id}:{worker['worker_id']}:{event}", None, None, None, owner, at)
            )  # fmt: skip
            delivered.append((record_id, worker["worker_id"], units, name))
    voided: set[str] = set()
    for _ in range(rng.choices((0, 1, 2), weights=(5, 4, 1))[0]):
        record_id, worker_id, units, name = rng.choice(delivered)
        if record_id in voided:
            continue
        voided.add(record_id)
        at = format_utc(closed - timedelta(minutes=rng.randint(5, 60)))
        records.append(
            (f"rec_void_{rng.getrandbits(64):016x}", session_id, project["companyId"], worker_id, name, -units, at,
             f"void:{record_id}", f"void:{record_id}", None, record_id, rng.choice(VOID_REASONS), owner, at)
        )  # fmt: skip
    closed_text = format_utc(closed)
    return (
        session_id, project["companyId"], project["projectId"], sector["sectorId"], sector["sector_name"], owner,
        timezone, day.isoformat(), "closed", format_utc(opened), closed_text, settings.get("maxDurationHours") or 12,
        settings["samplingUnit"], settings["pricePerUnit"], dumps(settings["bonus"]) if settings.get("bonus") else None,
        rng.choice(OPENING_NOTES), rng.choice(FINAL_NOTES), "user", "manual", rng.choice(PLATES), rng.choice(DRIVERS),
        harvest_lot_code(session_id, day.isoformat()), format_utc(closed + timedelta(seconds=90)), created,
        closed_text,
    )  # fmt: skip


def _documented_session(project: dict[str, Any]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    settings = project["settings"]
    session = (
        DOC_SESSION_ID, "comp_12345", "proj_123", "sector_001", "Lote A-1", DOC_OWNER, "America/Mexico_City",
        "2025-10-19", "open", "2025-10-19T08:00:00.000Z", None, 12, settings["samplingUnit"],
        settings["pricePerUnit"], dumps(settings["bonus"]) if settings.get("bonus") else None, "Good weather today",
        None, None, None, None, None, None, None, "2025-10-19T08:00:02.000Z", "2025-10-19T08:00:02.000Z",
    )  # fmt: skip
    record = (
        DOC_RECORD_ID, DOC_SESSION_ID, "comp_12345", "JS0315", "John Smith", 5, "2025-10-19T14:30:00.000Z",
        DOC_CLIENT_EVENT_ID, f"client:{DOC_SESSION_ID}:JS0315:{DOC_CLIENT_EVENT_ID}", None, None, None, DOC_OWNER,
        "2025-10-19T14:30:01.000Z",
    )  # fmt: skip
    return session, record


def seed_production(
    db: Database, projects: list[dict[str, Any]], rosters: dict[str, list[dict[str, Any]]], now: datetime
) -> None:
    """Closed sessions for each project's past workdays. "Past" is the farm's: in Mexico at 9 p.m. it is still the
    day the UTC clock has already left, and that day's sectors must stay free for today's sessions."""
    rng = random.Random(SEED)
    sessions: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    for project in projects:
        pool = crew_pool(rosters.get(project["companyId"], []))
        today = now.astimezone(ZoneInfo(project["timezone"])).date()
        for day_index, day in enumerate(_workdays(today)):
            for sector_index, sector in enumerate(project["sectors"]):
                sessions.append(closed_session_rows(rng, project, sector, sector_index, day, day_index, pool, records))
        if project["projectId"] == "proj_123":
            session, record = _documented_session(project)
            sessions.append(session)
            records.append(record)
    with db.transaction():
        db.connection.executemany(INSERT_SESSION, sessions)
        db.connection.executemany(INSERT_RECORD, records)
