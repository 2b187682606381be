"""Form records as a client sees them again: the idempotent replay of a submission, and the list of submissions.

A submission may carry a `clientEventId` made on the client when the user acted. The simulator files it beside the
record (table `form_record_events`, one row per company and clientEventId), so sending the same submission again
after a lost reply returns the first record (200, `X-Idempotent-Replay: true`) instead of storing a second one.
The side table keeps `form_records` as the seed writes it, and lets an older simulator database gain the rule.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.sim.control.common import ctx_of, query_text, signed_in
from hydrodesk.sim.db import Database, loads, register_schema
from hydrodesk.sim.http import HttpError, JsonResponse, invalid, ok, parse_day

register_schema(
    """
    CREATE TABLE IF NOT EXISTS form_record_events (
        company_id TEXT NOT NULL,
        client_event_id TEXT NOT NULL,
        record_id TEXT NOT NULL UNIQUE,
        PRIMARY KEY (company_id, client_event_id)
    );
    """
)

REPLAY_HEADER = {"X-Idempotent-Replay": "true"}
MAX_LISTED = 5_000
_SELECT = (
    "SELECT r.*, e.client_event_id FROM form_records r LEFT JOIN form_record_events e ON e.record_id = r.record_id"
)


def verification(row: sqlite3.Row) -> dict[str, bool]:
    return {"project": row["project_id"] is not None, "sector": row["sector_id"] is not None}


def record_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "recordId": row["record_id"],
        "formId": row["form_id"],
        "type": row["form_type"],
        "auth0Id": row["auth0_id"],
        "user_name": row["user_name"],
        "projectId": row["project_id"],
        "sectorId": row["sector_id"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "form_values": loads(row["form_values"]),
        "inicio": row["inicio"],
        "segundos": row["segundos"],
        "recordTime": row["record_time"],
        "localDay": row["local_day"],
        "createdAt": row["created_at"],
        "clientEventId": row["client_event_id"],
        "verification": verification(row),
    }


def submitted(row: sqlite3.Row, status_code: int) -> Response:
    """The submit reply: the verification (as documented) and the stored record beside it."""
    body = {"status": "success", "verification": verification(row), "record": record_json(row)}
    headers = REPLAY_HEADER if status_code == 200 else None
    return JsonResponse(body, status_code=status_code, headers=headers)


def stored_record(db: Database, record_id: str) -> sqlite3.Row:
    row = db.one(f"{_SELECT} WHERE r.record_id = ?", (record_id,))
    assert row is not None, record_id
    return row


def replay_of(db: Database, company_id: str, client_event_id: str | None, form_id: str) -> sqlite3.Row | None:
    """The record a submission with this clientEventId stored already; 409 if that was another form's."""
    if client_event_id is None:
        return None
    row = db.one(
        f"{_SELECT} WHERE e.company_id = ? AND e.client_event_id = ?",
        (company_id, client_event_id),
    )
    if row is not None and row["form_id"] != form_id:
        raise HttpError(
            409,
            f"clientEventId {client_event_id} was already used for a record of form {row['form_id']}; "
            "make a new clientEventId for a new submission.",
            "client_event_reused",
        )
    return row


def file_event(db: Database, company_id: str, client_event_id: str | None, record_id: str) -> None:
    """Inside the record's own transaction, so the record and its clientEventId are stored together or not at all."""
    if client_event_id is not None:
        db.execute(
            "INSERT INTO form_record_events (company_id, client_event_id, record_id) VALUES (?, ?, ?)",
            (company_id, client_event_id, record_id),
        )


async def list_records(request: Request) -> Response:
    """GET /api/control/forms/records: what the signed-in user submitted, newest first (local days from/to)."""
    params = request.query_params
    if not params.get("auth0Id"):
        raise invalid("auth0Id is a required query parameter.")
    user = signed_in(request, params.get("auth0Id"))
    where = ["r.company_id = ?", "r.auth0_id = ?"]
    values: list[Any] = [user.company_id, user.auth0_id]
    form_id = query_text(request, "formId")
    if form_id is not None:
        where.append("r.form_id = ?")
        values.append(form_id)
    first = parse_day(params["from"], "from") if params.get("from") else None
    last = parse_day(params["to"], "to") if params.get("to") else None
    if first and last and first > last:
        raise invalid("from must not be after to.")
    if first:
        where.append("r.local_day >= ?")
        values.append(first.isoformat())
    if last:
        where.append("r.local_day <= ?")
        values.append(last.isoformat())
    rows = ctx_of(request).db.all(
        f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY r.created_at DESC, r.record_id DESC LIMIT ?",
        [*values, MAX_LISTED],
    )
    return ok({"total": len(rows), "items": [record_json(row) for row in rows]})


def routes() -> list[Route]:
    return [Route("/api/control/forms/records", list_records, methods=["GET"])]
