"""Harvest (scoped API key, `read:production`): production sessions with per-worker and per-grade breakdowns.

`GET /api/control/harvest?startTime=&endTime=&projectId=&sectorId=` (local `YYYY-MM-DD` session days, ≤ 180 days).

Per worker: `validUnits` is everything recorded (void counter-movements left out), `netUnits` is what remains after
voids, `recordCount` counts recorded movements and `voidedCount` the ones later voided.

Quality grades: the real service grades produce at the packing shed. The simulator assigns them when a session
closes, deterministically from the session and worker ids (the same split on every read and every machine):
Primera 60–85 %, Segunda most of the rest, Tercera the remainder. Open sessions have no grades yet.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.sessions import format_day
from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.control.common import ctx_of, query_text, units_json
from hydrodesk.sim.db import Database
from hydrodesk.sim.farm import project_of_company, sector_of_company
from hydrodesk.sim.http import invalid, ok, parse_day_range

SCOPE = "read:production"
GRADES = (("Q1", "Primera"), ("Q2", "Segunda"), ("Q3", "Tercera"))


def grade_shares(session_id: str, worker_id: str) -> tuple[float, float, float]:
    """The (Primera, Segunda, Tercera) shares of one worker's produce in one session; they sum to 1."""
    digest = hashlib.sha256(f"{session_id}:{worker_id}".encode()).digest()
    first = 0.60 + 0.25 * digest[0] / 255
    second = (1 - first) * (0.55 + 0.35 * digest[1] / 255)
    return first, second, 1 - first - second


def _breakdown(units_by_grade: list[float]) -> list[dict[str, Any]]:
    total = sum(units_by_grade)
    return [
        {
            "qualityId": quality_id,
            "qualityName": name,
            "units": units_json(units),
            "percent": 0.0 if total <= 0 else round(100 * units / total, 1),
        }
        for (quality_id, name), units in zip(GRADES, units_by_grade, strict=True)
    ]


def _worker_grades(session_id: str, worker_id: str, net_units: float) -> list[float]:
    if net_units <= 0:
        return [0.0, 0.0, 0.0]
    first, second, _ = grade_shares(session_id, worker_id)
    primera = round(net_units * first, 2)
    segunda = round(net_units * second, 2)
    return [primera, segunda, round(net_units - primera - segunda, 2)]


def _worker_rows(db: Database, where: str, params: list[Any]) -> dict[str, list[sqlite3.Row]]:
    rows = db.all(
        "SELECT r.session_id, r.worker_id, "
        "COALESCE(MAX(w.first_name || ' ' || w.last_name), MAX(r.worker_name)) AS worker_name, "
        "SUM(CASE WHEN r.void_of IS NULL THEN r.units ELSE 0 END) AS valid_units, "
        "SUM(r.units) AS net_units, SUM(r.void_of IS NULL) AS record_count, "
        "SUM(r.void_of IS NOT NULL) AS voided_count "
        "FROM production_records r LEFT JOIN workers w ON w.company_id = r.company_id AND w.worker_id = r.worker_id "
        f"WHERE r.session_id IN (SELECT session_id FROM production_sessions s WHERE {where}) "
        "GROUP BY r.session_id, r.worker_id ORDER BY r.session_id, r.worker_id",
        params,
    )
    by_session: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_session[row["session_id"]].append(row)
    return by_session


def _harvest_session(session: sqlite3.Row, workers: list[sqlite3.Row]) -> dict[str, Any]:
    graded = session["status"] == "closed"
    session_grades = [0.0, 0.0, 0.0]
    worker_items = []
    for row in workers:
        grades = _worker_grades(session["session_id"], row["worker_id"], row["net_units"]) if graded else None
        if grades:
            session_grades = [total + part for total, part in zip(session_grades, grades, strict=True)]
        worker_items.append(
            {
                "workerId": row["worker_id"],
                "worker_name": row["worker_name"],
                "validUnits": units_json(row["valid_units"]),
                "netUnits": units_json(row["net_units"]),
                "recordCount": row["record_count"],
                "voidedCount": row["voided_count"],
                "qualityBreakdown": _breakdown(grades) if grades else [],
            }
        )
    total_units = sum(row["net_units"] for row in workers)
    return {
        "sessionId": session["session_id"],
        "localId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"hydrobit-session:{session['session_id']}")),
        "projectId": session["project_id"],
        "sectorId": session["sector_id"],
        "sector_name": session["sector_name"],
        "crop": session["crop"],
        "variety": session["variety"],
        "day": format_day(date.fromisoformat(session["day"])),
        "openedAt": session["opened_at"],
        "closedAt": session["closed_at"],
        "createdAt": session["created_at"],
        "status": session["status"],
        "closedBy": session["closed_by"],
        "closedReason": session["closed_reason"],
        "timezone": session["timezone"],
        "unit": session["sampling_unit"],
        "maxDurationHours": session["max_duration_hours"],
        "harvestUnitId": f"harvest_unit_{session['sector_id'].removeprefix('sector_')}",
        "harvestLotCode": session["harvest_lot_code"],
        "workerCount": sum(1 for row in workers if row["record_count"] > 0),
        "notes": session["notes"],
        "finalNotes": session["final_notes"],
        "license_plate": session["license_plate"],
        "driver_name": session["driver_name"],
        "totalUnits": units_json(total_units),
        "needsRecalc": False,
        "qualityBreakdownAt": session["quality_breakdown_at"] if graded else None,
        "responsible": {
            "auth0Id": session["auth0_id"],
            "name": session["user_name"],
            "email": session["user_email"],
            "role": session["user_role"],
            "picture": None,
        },
        "qualityBreakdown": _breakdown(session_grades) if graded else [],
        "workers": worker_items,
    }


async def harvest(request: Request) -> Response:
    principal = authenticate_api_key(request, SCOPE)
    db = ctx_of(request).db
    start, end = parse_day_range(request)
    project_id = query_text(request, "projectId")
    sector_id = query_text(request, "sectorId")
    where = "s.company_id = ? AND s.day BETWEEN ? AND ?"
    params: list[Any] = [principal.company_id, start.isoformat(), end.isoformat()]
    if project_id:
        project_of_company(db, principal.company_id, project_id)
        where += " AND s.project_id = ?"
        params.append(project_id)
    if sector_id:
        sector = sector_of_company(db, principal.company_id, sector_id)
        if project_id and sector["projectId"] != project_id:
            raise invalid(f"Sector {sector_id} is not in project {project_id}.")
        where += " AND s.sector_id = ?"
        params.append(sector_id)
    sessions = db.all(
        "SELECT s.*, sec.crop, sec.variety, u.name AS user_name, u.email AS user_email, u.role AS user_role "
        "FROM production_sessions s LEFT JOIN sectors sec ON sec.sector_id = s.sector_id "
        f"LEFT JOIN users u ON u.auth0_id = s.auth0_id WHERE {where} ORDER BY s.day, s.opened_at, s.session_id",
        params,
    )
    workers = _worker_rows(db, where, params)
    return ok([_harvest_session(session, workers.get(session["session_id"], [])) for session in sessions])


def routes() -> list[Route]:
    return [Route("/api/control/harvest", harvest, methods=["GET"])]
