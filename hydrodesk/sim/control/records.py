"""Production records: create, bulk create (207), idempotency check, get, void; a session's record list.

A tally is an append-only ledger. Every record is filed under the server key
`client:{sessionId}:{workerId}:{clientEventId}` and, when the client sends one, its `idempotencyKey` too; sending
either again returns the original record (200, `X-Idempotent-Replay: true`) instead of counting twice. A void adds
a counter-movement with negative units; the original stays as it was.

Hydrobit inserts records asynchronously: a create reply says `state: pending`, a later read says `inserted`. The
simulator writes at once, so everything it stores reads `inserted`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.ids import record_idempotency_key
from hydrodesk.sim.auth import User
from hydrodesk.sim.control.common import (
    MAX_TEXT,
    ctx_of,
    new_record_id,
    now_text,
    placeholders,
    query_text,
    required_text,
    signed_in,
    text_field,
    units_json,
)
from hydrodesk.sim.control.sessions import load_session, require_company, require_open, require_owner
from hydrodesk.sim.db import Database, register_schema
from hydrodesk.sim.http import HttpError, format_utc, invalid, ok, ok_top_level, optional_number, parse_utc, read_json

register_schema(
    """
    CREATE TABLE IF NOT EXISTS production_records (
        record_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        company_id TEXT NOT NULL,
        worker_id TEXT NOT NULL,
        worker_name TEXT NOT NULL,
        units REAL NOT NULL,
        recorded_at TEXT NOT NULL,
        client_event_id TEXT NOT NULL,
        server_key TEXT NOT NULL UNIQUE,
        idempotency_key TEXT,
        state TEXT NOT NULL,
        void_of TEXT,
        reason TEXT,
        auth0_id TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS records_by_session
        ON production_records(session_id, worker_id, units, void_of);
    CREATE UNIQUE INDEX IF NOT EXISTS records_by_idempotency_key
        ON production_records(company_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS one_void_per_record
        ON production_records(void_of) WHERE void_of IS NOT NULL;
    """
)

MAX_BULK_ITEMS = 1000
MAX_UNITS = 100_000
REPLAY_HEADER = {"X-Idempotent-Replay": "true"}
INSERT_RECORD = (
    "INSERT INTO production_records (record_id, session_id, company_id, worker_id, worker_name, units, recorded_at, "
    "client_event_id, server_key, idempotency_key, state, void_of, reason, auth0_id, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'inserted', ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class NewRecord:
    session_id: str
    worker_id: str
    worker_name: str
    units: float
    recorded_at: str
    client_event_id: str
    idempotency_key: str | None

    @property
    def server_key(self) -> str:
        return record_idempotency_key(self.session_id, self.worker_id, self.client_event_id)


def parse_new_record(item: dict[str, Any], where: str = "") -> NewRecord:
    """A record to create from a request (or bulk item); 400 naming the first bad field."""
    session_id = required_text(item, "sessionId", where=where)
    worker_id = required_text(item, "workerId", max_length=40, where=where)
    worker_name = required_text(item, "worker_name", where=where)
    units = optional_number(item, "units", minimum=0, maximum=MAX_UNITS, where=where)
    if "recordedAtUtc" not in item or item["recordedAtUtc"] is None:
        raise invalid(f"{where}recordedAtUtc is required: an ISO 8601 UTC timestamp such as 2025-10-19T14:30:00.000Z.")
    recorded_at = parse_utc(item["recordedAtUtc"], f"{where}recordedAtUtc")
    client_event_id = required_text(item, "clientEventId", max_length=200, where=where)
    idempotency_key = text_field(item, "idempotencyKey", max_length=200, where=where) or None
    return NewRecord(
        session_id=session_id,
        worker_id=worker_id,
        worker_name=worker_name,
        units=1 if units is None else units,
        recorded_at=format_utc(recorded_at),
        client_event_id=client_event_id,
        idempotency_key=idempotency_key,
    )


def preview(row: sqlite3.Row | dict[str, Any], state: str | None = None) -> dict[str, Any]:
    return {
        "recordId": row["record_id"],
        "sessionId": row["session_id"],
        "workerId": row["worker_id"],
        "units": units_json(row["units"]),
        "state": state or row["state"],
    }


def record_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "recordId": row["record_id"],
        "sessionId": row["session_id"],
        "workerId": row["worker_id"],
        "worker_name": row["worker_name"],
        "units": units_json(row["units"]),
        "recordedAtUtc": row["recorded_at"],
        "clientEventId": row["client_event_id"],
        "idempotencyKey": row["idempotency_key"],
        "state": row["state"],
        "voidOf": row["void_of"],
        "reason": row["reason"],
        "voidedBy": row["voided_by"],
        "createdAt": row["created_at"],
    }


_SELECT_RECORD = (
    "SELECT r.*, v.record_id AS voided_by FROM production_records r "
    "LEFT JOIN production_records v ON v.void_of = r.record_id"
)


def find_duplicate(db: Database, company_id: str, record: NewRecord) -> sqlite3.Row | None:
    """The stored record this one repeats: same server key, or same client idempotencyKey in the company."""
    row = db.one("SELECT * FROM production_records WHERE server_key = ?", (record.server_key,))
    if row is None and record.idempotency_key is not None:
        row = db.one(
            "SELECT * FROM production_records WHERE company_id = ? AND idempotency_key = ?",
            (company_id, record.idempotency_key),
        )
    return row


def _worker_exists(db: Database, company_id: str, worker_id: str) -> bool:
    return db.one("SELECT 1 FROM workers WHERE company_id = ? AND worker_id = ?", (company_id, worker_id)) is not None


def _unknown_worker(worker_id: str) -> HttpError:
    return invalid(f"Worker {worker_id} is not registered in your company; create the worker first.")


def _insert_row(record: NewRecord, record_id: str, user: User, created_at: str) -> tuple[Any, ...]:
    return (
        record_id,
        record.session_id,
        user.company_id,
        record.worker_id,
        record.worker_name,
        record.units,
        record.recorded_at,
        record.client_event_id,
        record.server_key,
        record.idempotency_key,
        None,
        None,
        user.auth0_id,
        created_at,
    )


def _replay(row: sqlite3.Row) -> Response:
    return ok({"payloadPreview": preview(row), "idempotent": True}, 200, headers=REPLAY_HEADER)


# ------------------------------------------------------------------------------------------------ create
async def create_record(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    record = parse_new_record(body)
    session = load_session(db, record.session_id)
    require_owner(user, session)
    # A retry of a create whose reply was lost gets the original back, even if the session has closed since.
    duplicate = find_duplicate(db, user.company_id, record)
    if duplicate is not None:
        return _replay(duplicate)
    require_open(session)
    if not _worker_exists(db, user.company_id, record.worker_id):
        raise _unknown_worker(record.worker_id)
    record_id = new_record_id()
    try:
        with db.transaction():
            db.execute(INSERT_RECORD, _insert_row(record, record_id, user, now_text(request)))
    except sqlite3.IntegrityError:
        duplicate = find_duplicate(db, user.company_id, record)
        if duplicate is None:
            raise
        return _replay(duplicate)
    row = {**record.__dict__, "record_id": record_id, "units": record.units}
    return ok({"payloadPreview": preview(row, "pending"), "idempotent": False}, 201)


def _failure(index: int, error: HttpError) -> dict[str, Any]:
    return {
        "index": index,
        "statusCode": error.status_code,
        "payloadPreview": None,
        "message": error.message,
        "error": error.error,
    }


def _rows_by(db: Database, sql: str, key: str, values: list[Any], *prefix: Any) -> dict[str, sqlite3.Row]:
    found: dict[str, sqlite3.Row] = {}
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        for row in db.all(sql.format(placeholders(len(chunk))), [*prefix, *chunk]):
            found[row[key]] = row
    return found


async def bulk_create_records(request: Request) -> Response:
    body = await read_json(request, max_bytes=8_000_000)
    user = signed_in(request, body.get("auth0Id"))
    db = ctx_of(request).db
    items = body.get("records")
    if not isinstance(items, list):
        raise invalid("records is required and must be a list of production records.")
    if len(items) > MAX_BULK_ITEMS:
        raise invalid(f"A bulk request may carry at most {MAX_BULK_ITEMS} records; split the {len(items)} records.")

    parsed: list[NewRecord | HttpError] = []
    for index, item in enumerate(items):
        where = f"records[{index}]."
        if not isinstance(item, dict):
            parsed.append(invalid(f"records[{index}] must be an object."))
            continue
        try:
            parsed.append(parse_new_record(item, where))
        except HttpError as error:
            parsed.append(error)
    valid = [record for record in parsed if isinstance(record, NewRecord)]

    # Everything the items need, fetched in a handful of queries rather than per item.
    sessions = _rows_by(
        db,
        "SELECT * FROM production_sessions WHERE session_id IN ({})",
        "session_id",
        sorted({record.session_id for record in valid}),
    )
    by_server_key = _rows_by(
        db,
        "SELECT * FROM production_records WHERE server_key IN ({})",
        "server_key",
        sorted({record.server_key for record in valid}),
    )
    by_idempotency_key = _rows_by(
        db,
        "SELECT * FROM production_records WHERE company_id = ? AND idempotency_key IN ({})",
        "idempotency_key",
        sorted({record.idempotency_key for record in valid if record.idempotency_key}),
        user.company_id,
    )
    known_workers = _rows_by(
        db,
        "SELECT worker_id FROM workers WHERE company_id = ? AND worker_id IN ({})",
        "worker_id",
        sorted({record.worker_id for record in valid}),
        user.company_id,
    )

    results: list[dict[str, Any]] = []
    to_insert: list[tuple[Any, ...]] = []
    batch_server_keys: dict[str, dict[str, Any]] = {}
    batch_idempotency_keys: dict[str, dict[str, Any]] = {}
    created = duplicated = failed = 0
    now = now_text(request)
    for index, record in enumerate(parsed):
        try:
            if isinstance(record, HttpError):
                raise record
            session = sessions.get(record.session_id)
            if session is None:
                raise HttpError(404, f"Production session {record.session_id} was not found.", "session_not_found")
            require_owner(user, session)
            original: sqlite3.Row | dict[str, Any] | None = (
                by_server_key.get(record.server_key)
                or batch_server_keys.get(record.server_key)
                or (by_idempotency_key.get(record.idempotency_key) if record.idempotency_key else None)
                or (batch_idempotency_keys.get(record.idempotency_key) if record.idempotency_key else None)
            )
            if original is not None:
                duplicated += 1
                results.append(
                    {"index": index, "statusCode": 200, "payloadPreview": preview(original), "idempotent": True}
                )
                continue
            require_open(session)
            if record.worker_id not in known_workers:
                raise _unknown_worker(record.worker_id)
        except HttpError as error:
            failed += 1
            results.append(_failure(index, error))
            continue
        record_id = new_record_id()
        to_insert.append(_insert_row(record, record_id, user, now))
        stored = {**record.__dict__, "record_id": record_id, "state": "inserted"}
        batch_server_keys[record.server_key] = stored
        if record.idempotency_key:
            batch_idempotency_keys[record.idempotency_key] = stored
        created += 1
        results.append({"index": index, "statusCode": 201, "payloadPreview": preview(stored, "pending")})
    if to_insert:
        with db.transaction():
            db.connection.executemany(INSERT_RECORD, to_insert)
    return ok_top_level(
        {"results": results, "summary": {"ok": created, "duplicated": duplicated, "failed": failed}}, 207
    )


# ------------------------------------------------------------------------------------------------ read
async def check_idempotency(request: Request) -> Response:
    user = signed_in(request)
    key = query_text(request, "key", max_length=1000)
    if key is None:
        raise invalid("key is required, e.g. client:{sessionId}:{workerId}:{clientEventId}.")
    db = ctx_of(request).db
    found = db.one(
        "SELECT 1 FROM production_records WHERE company_id = ? AND (server_key = ? OR idempotency_key = ?)",
        (user.company_id, key, key),
    )
    return Response(status_code=200 if found else 404)


def load_record(db: Database, user: User, record_id: str) -> sqlite3.Row:
    row = db.one(f"{_SELECT_RECORD} WHERE r.record_id = ?", (record_id,))
    if row is None:
        raise HttpError(404, f"Production record {record_id} was not found.", "record_not_found")
    if row["company_id"] != user.company_id:
        raise HttpError(403, f"Record {record_id} belongs to another company.", "forbidden_record")
    return row


async def get_record(request: Request) -> Response:
    user = signed_in(request, request.query_params.get("auth0Id"))
    return ok(record_json(load_record(ctx_of(request).db, user, request.path_params["recordId"])))


async def list_session_records(request: Request) -> Response:
    # Readable by anyone in the company: the office reviews its field supervisors' sessions.
    user = signed_in(request, request.query_params.get("auth0Id"))
    db = ctx_of(request).db
    session = load_session(db, request.path_params["sessionId"])
    require_company(user, session)
    params: list[Any] = [session["session_id"]]
    clause = "r.session_id = ?"
    worker_id = query_text(request, "workerId", max_length=40)
    if worker_id is not None:
        clause += " AND r.worker_id = ?"
        params.append(worker_id)
    rows = db.all(f"{_SELECT_RECORD} WHERE {clause} ORDER BY r.recorded_at, r.created_at, r.record_id", params)
    return ok({"items": [record_json(row) for row in rows]})


# ------------------------------------------------------------------------------------------------ void
async def void_record(request: Request) -> Response:
    body = await read_json(request)
    user = signed_in(request, body.get("auth0Id"))
    reason = required_text(body, "reason", max_length=MAX_TEXT)
    db = ctx_of(request).db
    original = load_record(db, user, request.path_params["recordId"])
    if original["void_of"] is not None:
        raise HttpError(
            409,
            f"Record {original['record_id']} is itself the void of {original['void_of']}; it cannot be voided.",
            "record_is_void",
        )
    session = load_session(db, original["session_id"])
    require_owner(user, session)
    existing = db.one("SELECT * FROM production_records WHERE void_of = ?", (original["record_id"],))
    if existing is not None:
        # Voiding twice is safe: the first void is the answer. (The documented sample also shows the flag inside
        # payloadPreview, so it is written in both places.)
        data = {"payloadPreview": {**_void_preview(existing), "idempotent": True}, "idempotent": True}
        return ok(data, 200, headers=REPLAY_HEADER)
    require_open(session)
    void_id = new_record_id("rec_void_")
    now = now_text(request)
    with db.transaction():
        db.execute(
            INSERT_RECORD,
            (
                void_id,
                original["session_id"],
                user.company_id,
                original["worker_id"],
                original["worker_name"],
                -original["units"],
                now,
                f"void:{original['record_id']}",
                f"void:{original['record_id']}",
                None,
                original["record_id"],
                reason,
                user.auth0_id,
                now,
            ),
        )
    created = db.one("SELECT * FROM production_records WHERE record_id = ?", (void_id,))
    assert created is not None  # inserted just above
    return ok({"payloadPreview": _void_preview(created)})


def _void_preview(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "recordId": row["record_id"],
        "voidOf": row["void_of"],
        "sessionId": row["session_id"],
        "workerId": row["worker_id"],
        "units": units_json(row["units"]),
        "reason": row["reason"],
    }


def routes() -> list[Route]:
    base = "/api/control/production/records"
    return [
        Route(base, create_record, methods=["POST"]),
        # Literal paths before `/{recordId}`, or "bulk" and "check-idempotency" would be taken for record ids.
        Route(base + "/bulk", bulk_create_records, methods=["POST"]),
        Route(base + "/check-idempotency", check_idempotency, methods=["HEAD"]),
        Route(base + "/{recordId}", get_record, methods=["GET"]),
        Route(base + "/{recordId}/void", void_record, methods=["POST"]),
        Route("/api/control/production/sessions/{sessionId}/records", list_session_records, methods=["GET"]),
    ]
