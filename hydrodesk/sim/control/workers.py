"""Workers: create (worker_id = initials + MMDD, idempotent for the same person), list, get, template options.

`workerId` in a worker reply is the worker's ObjectId; `worker_id` is the business id (JS0315) that production
records carry as *their* `workerId`.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.workers import fold_accents, make_worker_id, same_person, search_key
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.control import media
from hydrodesk.sim.control.common import (
    MAX_TEXT,
    ctx_of,
    new_object_id,
    now_text,
    now_utc,
    query_text,
    required_text,
    signed_in,
    text_field,
)
from hydrodesk.sim.db import Database, dumps, loads, register_schema
from hydrodesk.sim.http import HttpError, invalid, ok, optional_number, parse_day, query_int, read_json

register_schema(
    """
    CREATE TABLE IF NOT EXISTS workers (
        worker_oid TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        worker_id TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        search_text TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        position TEXT NOT NULL,
        employment_type TEXT NOT NULL,
        hire_date TEXT NOT NULL,
        termination_date TEXT,
        status TEXT NOT NULL,
        hourly_rate REAL,
        emergency_contact_name TEXT,
        emergency_contact_phone TEXT,
        skills TEXT NOT NULL,
        notes TEXT,
        photo_path TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (company_id, worker_id)
    );
    CREATE INDEX IF NOT EXISTS workers_newest ON workers(company_id, created_at DESC, worker_oid DESC);
    """
)

# The company's "template options". Every seeded company shares one template.
POSITIONS = (
    "field_worker",
    "harvester",
    "supervisor",
    "irrigator",
    "tractor_driver",
    "quality_inspector",
    "packer",
    "scout",
)
EMPLOYMENT_TYPES = ("full_time", "part_time", "seasonal", "temporary", "contractor")
STATUSES = ("active", "inactive", "on_leave", "terminated")
SKILLS = (
    "harvesting",
    "pruning",
    "irrigation",
    "fertigation",
    "spraying",
    "pest_scouting",
    "tractor_operation",
    "quality_control",
    "packing",
    "planting",
    "first_aid",
)
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25
MAX_HOURLY_RATE = 10_000
_OBJECT_ID = re.compile(r"^[0-9a-fA-F]{24}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def template_options() -> dict[str, list[str]]:
    return {
        "positions": list(POSITIONS),
        "employmentTypes": list(EMPLOYMENT_TYPES),
        "statuses": list(STATUSES),
        "skills": list(SKILLS),
    }


def worker_search_text(first_name: str, last_name: str, worker_id: str) -> str:
    return search_key(f"{first_name} {last_name} {worker_id}")


def worker_json(ctx: SimContext, row: sqlite3.Row) -> dict[str, Any]:
    return {
        "workerId": row["worker_oid"],
        "worker_id": row["worker_id"],
        "companyId": row["company_id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "phone": row["phone"],
        "email": row["email"],
        "position": row["position"],
        "employment_type": row["employment_type"],
        "hire_date": row["hire_date"],
        "termination_date": row["termination_date"],
        "status": row["status"],
        "hourly_rate": row["hourly_rate"],
        "emergency_contact_name": row["emergency_contact_name"],
        "emergency_contact_phone": row["emergency_contact_phone"],
        "skills": loads(row["skills"]),
        "notes": row["notes"],
        "photoUrl": media.media_url(ctx, row["photo_path"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def find_worker(db: Database, company_id: str, worker: str) -> sqlite3.Row | None:
    """A worker of the company by ObjectId or by business worker_id (case-insensitive)."""
    if _OBJECT_ID.match(worker):
        row = db.one("SELECT * FROM workers WHERE worker_oid = ? AND company_id = ?", (worker.lower(), company_id))
        if row is not None:
            return row
    return db.one("SELECT * FROM workers WHERE company_id = ? AND worker_id = ?", (company_id, worker.upper()))


def full_name(row: sqlite3.Row) -> str:
    return f"{row['first_name']} {row['last_name']}"


# ------------------------------------------------------------------------------------------------ validation
def _choice(body: dict[str, Any], name: str, allowed: tuple[str, ...], *, default: str | None = None) -> str:
    value = body.get(name)
    if value is None:
        value = default
    if value is None:
        raise invalid(f"{name} is required; allowed values: {', '.join(allowed)}.")
    if value not in allowed:
        raise invalid(f"{name} must be one of the company's options: {', '.join(allowed)}.")
    return value


def _optional_day(body: dict[str, Any], name: str) -> date | None:
    value = body.get(name)
    return None if value is None or value == "" else parse_day(value, name)


def _skills(body: dict[str, Any]) -> list[str]:
    raw = body.get("skills")
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise invalid('skills must be a list of strings, for example ["irrigation", "pruning"].')
    # Documented: skills are *filtered* against the template (unknown ones dropped), not refused.
    kept: list[str] = []
    for skill in raw:
        if skill in SKILLS and skill not in kept:
            kept.append(skill)
    return kept


def validate_new_worker(body: dict[str, Any]) -> dict[str, Any]:
    """The worker's columns from a create body; 400 with the first problem found."""
    first_name = required_text(body, "first_name")
    last_name = required_text(body, "last_name")
    hire_value = body.get("hire_date")
    if hire_value is None:
        raise invalid("hire_date is required (YYYY-MM-DD); it also forms the worker_id.")
    hire_date = parse_day(hire_value, "hire_date")
    try:
        worker_id = make_worker_id(first_name, last_name, hire_date)
    except ValueError:
        raise invalid("first_name and last_name must each start with a Latin letter to form the worker_id.") from None
    termination = _optional_day(body, "termination_date")
    if termination is not None and termination < hire_date:
        raise invalid("termination_date cannot be before hire_date.")
    email = text_field(body, "email")
    if email and not _EMAIL.match(email):
        raise invalid("email does not look like an e-mail address (name@example.com).")
    hourly_rate = optional_number(body, "hourly_rate", minimum=0, maximum=MAX_HOURLY_RATE)
    return {
        "worker_id": worker_id,
        "first_name": first_name,
        "last_name": last_name,
        "phone": text_field(body, "phone", max_length=40),
        "email": email or None,
        "position": _choice(body, "position", POSITIONS),
        "employment_type": _choice(body, "employment_type", EMPLOYMENT_TYPES),
        "hire_date": hire_date.isoformat(),
        "termination_date": termination.isoformat() if termination else None,
        "status": _choice(body, "status", STATUSES, default="active"),
        "hourly_rate": hourly_rate,
        "emergency_contact_name": text_field(body, "emergency_contact_name"),
        "emergency_contact_phone": text_field(body, "emergency_contact_phone", max_length=40),
        "skills": _skills(body),
        "notes": text_field(body, "notes", max_length=MAX_TEXT),
    }


def insert_worker(db: Database, company_id: str, worker_oid: str, fields: dict[str, Any], created_at: str) -> None:
    db.execute(
        "INSERT INTO workers (worker_oid, company_id, worker_id, first_name, last_name, search_text, phone, email, "
        "position, employment_type, hire_date, termination_date, status, hourly_rate, emergency_contact_name, "
        "emergency_contact_phone, skills, notes, photo_path, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            worker_oid,
            company_id,
            fields["worker_id"],
            fields["first_name"],
            fields["last_name"],
            worker_search_text(fields["first_name"], fields["last_name"], fields["worker_id"]),
            fields.get("phone"),
            fields.get("email"),
            fields["position"],
            fields["employment_type"],
            fields["hire_date"],
            fields.get("termination_date"),
            fields["status"],
            fields.get("hourly_rate"),
            fields.get("emergency_contact_name"),
            fields.get("emergency_contact_phone"),
            dumps(fields.get("skills") or []),
            fields.get("notes"),
            fields.get("photo_path"),
            created_at,
            created_at,
        ),
    )


# ------------------------------------------------------------------------------------------------ routes
async def create_worker(request: Request) -> Response:
    body = await read_json(
        request,
        max_bytes=media.MAX_UPLOAD_BODY_BYTES,
        too_large="The request is too large: a worker photo may be at most 12 MB; send a smaller image.",
    )
    user = signed_in(request, body.get("auth0Id"))
    ctx = ctx_of(request)
    fields = validate_new_worker(body)
    photo = None if body.get("photo") in (None, "") else media.decode_image(body["photo"], "photo")

    existing = find_worker(ctx.db, user.company_id, fields["worker_id"])
    if existing is not None:
        if same_person(existing["first_name"], existing["last_name"], fields["first_name"], fields["last_name"]):
            # Documented: creating a worker that already exists is idempotent and returns the stored one.
            return ok(worker_json(ctx, existing), 200)
        raise HttpError(
            409,
            f"worker_id {fields['worker_id']} is already taken by {full_name(existing)} "
            f"(hired {existing['hire_date']}). worker_id is initials + hire month and day, so check the hire date "
            "or register this person with the date they really started.",
            "worker_id_taken",
        )

    worker_oid = new_object_id(now_utc(request))
    if photo is not None:
        extension, data = photo
        fields["photo_path"] = media.store_media(ctx, f"workers/{user.company_id}/{worker_oid}.{extension}", data)
    with ctx.db.transaction():
        insert_worker(ctx.db, user.company_id, worker_oid, fields, now_text(request))
    row = ctx.db.one("SELECT * FROM workers WHERE worker_oid = ?", (worker_oid,))
    assert row is not None  # inserted just above
    return ok(worker_json(ctx, row), 201)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def list_workers(request: Request) -> Response:
    user = signed_in(request, request.query_params.get("auth0Id"))
    company_id = query_text(request, "companyId")
    if company_id is not None and company_id != user.company_id:
        raise HttpError(403, f"You cannot list the workers of company {company_id}.", "forbidden_company")
    page = query_int(request, "page", 1, minimum=1, maximum=1_000_000)
    limit = query_int(request, "limit", DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
    where = ["company_id = ?"]
    params: list[Any] = [user.company_id]
    q = query_text(request, "q")
    if q is not None and search_key(q):
        where.append("search_text LIKE ? ESCAPE '\\'")
        params.append(_like_pattern(search_key(q)))
    for name in ("status", "position", "employment_type"):
        value = query_text(request, name)
        if value is not None:
            where.append(f"{name} = ?")
            params.append(value)
    clause = " AND ".join(where)
    db = ctx_of(request).db
    total = db.scalar(f"SELECT COUNT(*) FROM workers WHERE {clause}", params)
    rows = db.all(
        f"SELECT * FROM workers WHERE {clause} ORDER BY created_at DESC, worker_oid DESC LIMIT ? OFFSET ?",
        [*params, limit, (page - 1) * limit],
    )
    ctx = ctx_of(request)
    return ok({"total": total, "page": page, "pageSize": limit, "items": [worker_json(ctx, row) for row in rows]})


async def get_worker(request: Request) -> Response:
    user = signed_in(request, request.query_params.get("auth0Id"))
    ctx = ctx_of(request)
    worker = request.path_params["worker"]
    row = find_worker(ctx.db, user.company_id, fold_accents(worker).strip())
    if row is None:
        raise HttpError(404, f"Worker {worker} was not found in your company.", "worker_not_found")
    return ok(worker_json(ctx, row))


async def worker_options(request: Request) -> Response:
    signed_in(request, request.query_params.get("auth0Id"))
    return ok(template_options())


def routes() -> list[Route]:
    return [
        Route("/api/control/workers", create_worker, methods=["POST"]),
        Route("/api/control/workers", list_workers, methods=["GET"]),
        # Literal before the parameterised sibling, or "options" would be taken for a worker id.
        Route("/api/control/workers/options", worker_options, methods=["GET"]),
        Route("/api/control/workers/{worker}", get_worker, methods=["GET"]),
    ]
