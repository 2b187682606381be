"""Production sessions: open, list, get, update, close, extend.

Rules (hydrobit-api.md §5.4): the company comes from the signed-in user; `day` is `openedAt` in the project's
timezone; one *open* session per (company, project, day, sector); settings left out are inherited from the project;
only the owner (who opened it) may read or change a session, and changes need it open. Sessions never close on
their own here: `maxDurationHours` is recorded, not enforced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.sessions import (
    MAX_DURATION_LIMIT_HOURS,
    RuleError,
    check_extension,
    format_day,
    parse_bonus,
    resolve_settings,
    session_day,
)
from hydrodesk.sim.auth import User
from hydrodesk.sim.control.common import (
    MAX_TEXT,
    ctx_of,
    new_object_id,
    now_text,
    now_utc,
    placeholders,
    query_bool,
    query_choice,
    query_text,
    required_text,
    signed_in,
    text_field,
    units_json,
)
from hydrodesk.sim.db import Database, dumps, loads, register_schema
from hydrodesk.sim.farm import project_of_company, sector_of_company
from hydrodesk.sim.http import (
    HttpError,
    format_utc,
    invalid,
    ok,
    optional_int,
    optional_number,
    parse_day,
    parse_utc,
    query_int,
    read_json,
)

register_schema(
    """
    CREATE TABLE IF NOT EXISTS production_sessions (
        session_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        sector_id TEXT NOT NULL,
        sector_name TEXT NOT NULL,
        auth0_id TEXT NOT NULL,
        timezone TEXT NOT NULL,
        day TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        max_duration_hours INTEGER NOT NULL,
        sampling_unit TEXT NOT NULL,
        price_per_unit REAL NOT NULL,
        bonus TEXT,
        notes TEXT,
        final_notes TEXT,
        closed_by TEXT,
        closed_reason TEXT,
        license_plate TEXT,
        driver_name TEXT,
        harvest_lot_code TEXT,
        quality_breakdown_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS one_open_session_per_sector_day
        ON production_sessions(company_id, project_id, day, sector_id) WHERE status = 'open';
    CREATE INDEX IF NOT EXISTS sessions_by_company ON production_sessions(company_id, opened_at DESC);
    """
)

UPDATABLE_FIELDS = ("samplingUnit", "pricePerUnit", "bonus", "notes")
MAX_PRICE_PER_UNIT = 1_000_000
MAX_LIST_LIMIT = 1000
DEFAULT_LIST_LIMIT = 200


# ------------------------------------------------------------------------------------------------ reading
def session_totals(db: Database, session_ids: Iterable[str]) -> dict[str, tuple[float, int]]:
    """(totalUnits, workerCount) per session: units net of voids; workers with at least one (non-void) record."""
    ids = list(session_ids)
    totals: dict[str, tuple[float, int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.all(
            "SELECT session_id, SUM(units) AS total, COUNT(DISTINCT CASE WHEN void_of IS NULL THEN worker_id END) "
            f"AS workers FROM production_records WHERE session_id IN ({placeholders(len(chunk))}) "
            "GROUP BY session_id",
            chunk,
        )
        totals.update({row["session_id"]: (units_json(row["total"]), row["workers"]) for row in rows})
    return totals


def session_json(row: sqlite3.Row, totals: tuple[float, int] = (0, 0)) -> dict[str, Any]:
    return {
        "sessionId": row["session_id"],
        "companyId": row["company_id"],
        "projectId": row["project_id"],
        "auth0Id": row["auth0_id"],
        "sectorId": row["sector_id"],
        "sector_name": row["sector_name"],
        "timezone": row["timezone"],
        "day": format_day(date.fromisoformat(row["day"])),
        "status": row["status"],
        "openedAt": row["opened_at"],
        "closedAt": row["closed_at"],
        "maxDurationHours": row["max_duration_hours"],
        "samplingUnit": row["sampling_unit"],
        "pricePerUnit": row["price_per_unit"],
        "bonus": loads(row["bonus"]),
        "notes": row["notes"],
        "finalNotes": row["final_notes"],
        "totalUnits": totals[0],
        "workerCount": totals[1],
        "closedBy": row["closed_by"],
        "closedReason": row["closed_reason"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def load_session(db: Database, session_id: str) -> sqlite3.Row:
    row = db.one("SELECT * FROM production_sessions WHERE session_id = ?", (session_id,))
    if row is None:
        raise HttpError(404, f"Production session {session_id} was not found.", "session_not_found")
    return row


def require_company(user: User, session: sqlite3.Row) -> None:
    if session["company_id"] != user.company_id:
        raise HttpError(403, f"Session {session['session_id']} belongs to another company.", "forbidden_session")


def require_owner(user: User, session: sqlite3.Row) -> None:
    require_company(user, session)
    if session["auth0_id"] != user.auth0_id:
        raise HttpError(
            403,
            f"Only the user who opened session {session['session_id']} ({session['auth0_id']}) can do this.",
            "not_session_owner",
        )


def require_open(session: sqlite3.Row) -> None:
    if session["status"] != "open":
        raise HttpError(
            409,
            f"Session {session['session_id']} was closed at {session['closed_at']}; it can no longer be changed.",
            "session_closed",
        )


def owner_name(db: Database, auth0_id: str) -> str:
    return db.scalar("SELECT name FROM users WHERE auth0_id = ?", (auth0_id,)) or auth0_id


def harvest_lot_code(session_id: str, day: str) -> str:
    """`HL-20260610-C299128B`: the lot a closed session's produce ships under (day + a digest of the session)."""
    digest = hashlib.sha256(session_id.encode()).hexdigest()[:8].upper()
    return f"HL-{day.replace('-', '')}-{digest}"


# ------------------------------------------------------------------------------------------------ validation
def _bonus(body: dict[str, Any]) -> dict[str, Any] | None:
    try:
        bonus = parse_bonus(body.get("bonus"))
    except RuleError as error:
        raise invalid(str(error)) from None
    return None if bonus is None else bonus.to_json()


def _price(body: dict[str, Any]) -> float | None:
    return optional_number(body, "pricePerUnit", minimum=0, maximum=MAX_PRICE_PER_UNIT)


def _sampling_unit(body: dict[str, Any]) -> str | None:
    value = text_field(body, "samplingUnit", max_length=32)
    if value == "":
        raise invalid("samplingUnit must not be empty (for example box, kg or ton).")
    return value


# ------------------------------------------------------------------------------------------------ routes
async def open_session(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    project_id = required_text(body, "projectId")
    sector_id = required_text(body, "sectorId")
    required_text(body, "sector_name")
    if "openedAt" not in body:
        raise invalid("openedAt is required: an ISO 8601 UTC timestamp such as 2025-10-19T08:00:00.000Z.")
    opened_at = parse_utc(body["openedAt"], "openedAt")
    overrides: dict[str, Any] = {
        "samplingUnit": _sampling_unit(body),
        "pricePerUnit": _price(body),
        "maxDurationHours": optional_int(body, "maxDurationHours", minimum=1, maximum=MAX_DURATION_LIMIT_HOURS),
    }
    if "bonus" in body:
        overrides["bonus"] = _bonus(body)
    notes = text_field(body, "notes", max_length=MAX_TEXT)

    project = project_of_company(db, user.company_id, project_id)
    sector = sector_of_company(db, user.company_id, sector_id)
    if sector["projectId"] != project_id:
        raise invalid(f"Sector {sector_id} belongs to project {sector['projectId']}, not {project_id}.")
    settings = resolve_settings(project["settings"] or {}, overrides)
    day = session_day(opened_at, project["timezone"]).isoformat()

    clash = db.one(
        "SELECT session_id, auth0_id FROM production_sessions WHERE company_id = ? AND project_id = ? AND day = ? "
        "AND sector_id = ? AND status = 'open'",
        (user.company_id, project_id, day, sector_id),
    )
    if clash is not None:
        raise HttpError(
            409,
            f"Session {clash['session_id']} opened by {owner_name(db, clash['auth0_id'])} ({clash['auth0_id']}) is "
            f"still open for {sector['sector_name']} on {day}; close it before opening another one.",
            "session_already_open",
        )
    session_id = new_object_id(now_utc(request))
    now = now_text(request)
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO production_sessions (session_id, company_id, project_id, sector_id, sector_name, "
                "auth0_id, timezone, day, status, opened_at, max_duration_hours, sampling_unit, price_per_unit, "
                "bonus, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    user.company_id,
                    project_id,
                    sector_id,
                    sector["sector_name"],  # the sector's own name, whatever spelling the client sent
                    user.auth0_id,
                    project["timezone"],
                    day,
                    format_utc(opened_at),
                    settings.max_duration_hours,
                    settings.sampling_unit,
                    settings.price_per_unit,
                    None if settings.bonus is None else dumps(settings.bonus.to_json()),
                    notes,
                    now,
                    now,
                ),
            )
    except sqlite3.IntegrityError:
        raise HttpError(
            409, f"Another session is already open for {sector_id} on {day}.", "session_already_open"
        ) from None
    return ok(session_json(load_session(db, session_id)), 201)


async def list_sessions(request: Request) -> Response:
    user = signed_in(request, request.query_params.get("auth0Id"))
    db = ctx_of(request).db
    where = ["company_id = ?"]
    params: list[Any] = [user.company_id]
    for name, column in (("projectId", "project_id"), ("sectorId", "sector_id")):
        value = query_text(request, name)
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    status = query_choice(request, "status", ("open", "closed"))
    if status is not None:
        where.append("status = ?")
        params.append(status)
    first = parse_day(request.query_params["from"], "from") if request.query_params.get("from") else None
    last = parse_day(request.query_params["to"], "to") if request.query_params.get("to") else None
    if first and last and first > last:
        raise invalid("from must not be after to.")
    if first:
        where.append("day >= ?")
        params.append(first.isoformat())
    if last:
        where.append("day <= ?")
        params.append(last.isoformat())
    if query_bool(request, "mine"):
        where.append("auth0_id = ?")
        params.append(user.auth0_id)
    page = query_int(request, "page", 1, minimum=1, maximum=1_000_000)
    limit = query_int(request, "limit", DEFAULT_LIST_LIMIT, minimum=1, maximum=MAX_LIST_LIMIT)
    clause = " AND ".join(where)
    total = db.scalar(f"SELECT COUNT(*) FROM production_sessions WHERE {clause}", params)
    rows = db.all(
        f"SELECT * FROM production_sessions WHERE {clause} ORDER BY opened_at DESC, session_id DESC LIMIT ? OFFSET ?",
        [*params, limit, (page - 1) * limit],
    )
    totals = session_totals(db, (row["session_id"] for row in rows))
    items = [session_json(row, totals.get(row["session_id"], (0, 0))) for row in rows]
    return ok({"total": total, "page": page, "pageSize": limit, "items": items})


async def get_session(request: Request) -> Response:
    user = signed_in(request, request.query_params.get("auth0Id"))
    db = ctx_of(request).db
    session = load_session(db, request.path_params["sessionId"])
    require_owner(user, session)
    totals = session_totals(db, [session["session_id"]])
    return ok(session_json(session, totals.get(session["session_id"], (0, 0))))


async def update_session(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    session = load_session(db, request.path_params["sessionId"])
    require_owner(user, session)
    unknown = sorted(set(body) - {*UPDATABLE_FIELDS, "auth0Id"})
    if unknown:
        raise invalid(f"Only samplingUnit, pricePerUnit, bonus and notes can be updated; remove {', '.join(unknown)}.")
    changes: dict[str, Any] = {}
    if "samplingUnit" in body:
        unit = _sampling_unit(body)
        if unit is None:
            raise invalid("samplingUnit cannot be cleared; send a unit such as box, kg or ton.")
        changes["sampling_unit"] = unit
    if "pricePerUnit" in body:
        price = _price(body)
        if price is None:
            raise invalid("pricePerUnit cannot be cleared; send a number of at least 0.")
        changes["price_per_unit"] = price
    if "bonus" in body:
        bonus = _bonus(body)
        changes["bonus"] = None if bonus is None else dumps(bonus)
    if "notes" in body:
        changes["notes"] = text_field(body, "notes", max_length=MAX_TEXT)
    if not changes:
        raise invalid("Send at least one of samplingUnit, pricePerUnit, bonus or notes to update.")
    require_open(session)
    changes["updated_at"] = now_text(request)
    assignments = ", ".join(f"{column} = ?" for column in changes)
    with db.transaction():
        db.execute(
            f"UPDATE production_sessions SET {assignments} WHERE session_id = ?",
            [*changes.values(), session["session_id"]],
        )
    return ok({"updated": True})


async def close_session(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    session = load_session(db, request.path_params["sessionId"])
    require_owner(user, session)
    closed_at = parse_utc(body["closedAt"], "closedAt") if body.get("closedAt") is not None else now_utc(request)
    if format_utc(closed_at) < session["opened_at"]:
        raise invalid(f"closedAt cannot be before the session opened ({session['opened_at']}).")
    final_notes = text_field(body, "finalNotes", max_length=MAX_TEXT)
    license_plate = text_field(body, "license_plate", max_length=20)
    driver_name = text_field(body, "driver_name")
    require_open(session)
    now = now_text(request)
    with db.transaction():
        db.execute(
            "UPDATE production_sessions SET status = 'closed', closed_at = ?, final_notes = ?, closed_by = 'user', "
            "closed_reason = 'manual', license_plate = ?, driver_name = ?, harvest_lot_code = ?, "
            "quality_breakdown_at = ?, updated_at = ? WHERE session_id = ?",
            (
                format_utc(closed_at),
                final_notes,
                license_plate,
                driver_name,
                harvest_lot_code(session["session_id"], session["day"]),
                now,  # quality grades are assigned (deterministically) when a session closes
                now,
                session["session_id"],
            ),
        )
    totals = session_totals(db, [session["session_id"]]).get(session["session_id"], (0, 0))
    return ok(
        {
            "sessionId": session["session_id"],
            "status": "closed",
            "closedAt": format_utc(closed_at),
            "totalUnits": totals[0],
        }
    )


async def extend_session(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    session = load_session(db, request.path_params["sessionId"])
    require_owner(user, session)
    hours = optional_int(body, "maxDurationHours", minimum=1, maximum=1_000_000)
    if hours is None:
        raise invalid("maxDurationHours is required: the new maximum duration in whole hours (at most 24).")
    try:
        check_extension(session["max_duration_hours"], hours)
    except RuleError as error:
        raise invalid(str(error)) from None
    require_open(session)
    with db.transaction():
        db.execute(
            "UPDATE production_sessions SET max_duration_hours = ?, updated_at = ? WHERE session_id = ?",
            (hours, now_text(request), session["session_id"]),
        )
    return ok({"maxDurationHours": hours})


def routes() -> list[Route]:
    base = "/api/control/production/sessions"
    return [
        Route(base, open_session, methods=["POST"]),
        Route(base, list_sessions, methods=["GET"]),
        Route(base + "/{sessionId}", get_session, methods=["GET"]),
        Route(base + "/{sessionId}", update_session, methods=["PATCH"]),
        Route(base + "/{sessionId}/close", close_session, methods=["POST"]),
        Route(base + "/{sessionId}/extend", extend_session, methods=["POST"]),
    ]
