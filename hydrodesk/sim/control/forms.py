"""Forms: the forms a user may fill in (getForms) and form-record submission.

The public pages do not show the `Form` schema, so the simulator fixes one (also described in the project's
OpenAPI document):

    {_id, formId, companyId, name, description, type, subtype ("monitoring" | "tasks"), version,
     fields: [{name, label, type, required, options, min, max, unit, variableType}], task, createdAt, updatedAt}

Field types: text, textarea, number, select, multiselect, boolean, date, photo, signature, audio and
`pest_disease` (a scouting count plus a 0–4 severity grade; `variableType` says pest or disease). A record's
`form_values` is a list of `{name, value}` (plus `severity` for pest_disease fields). Records of a phytosanitary
monitoring form (`type: "phytosanitary"`) feed the phytosanitary endpoints. A record sent with a `clientEventId` is
stored once however often it is sent (hydrodesk.sim.control.form_records).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.sessions import session_day
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.control import form_records, media
from hydrodesk.sim.control.common import (
    MAX_TEXT,
    ctx_of,
    new_record_id,
    now_utc,
    query_text,
    required_text,
    signed_in,
    text_field,
)
from hydrodesk.sim.db import Database, dumps, loads, register_schema
from hydrodesk.sim.farm import company_timezone, get_project, locate, project_of_company, sector_of_company
from hydrodesk.sim.http import (
    HttpError,
    format_utc,
    invalid,
    ok,
    optional_number,
    parse_day,
    parse_utc,
    read_json,
)

register_schema(
    """
    CREATE TABLE IF NOT EXISTS forms (
        form_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        fields TEXT NOT NULL,
        assigned_to TEXT,
        task_status TEXT,
        due_date TEXT,
        project_id TEXT,
        sector_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS forms_by_company ON forms(company_id, subtype);
    CREATE TABLE IF NOT EXISTS form_records (
        record_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        form_id TEXT NOT NULL,
        form_type TEXT NOT NULL,
        auth0_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        project_id TEXT,
        sector_id TEXT,
        latitude REAL,
        longitude REAL,
        form_values TEXT NOT NULL,
        inicio TEXT,
        segundos REAL,
        record_time TEXT,
        local_day TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS form_records_by_type_day ON form_records(company_id, form_type, local_day);
    """
)

PHYTOSANITARY_TYPE = "phytosanitary"
TASKS_SUBTYPE = "tasks"
MONITORING_SUBTYPE = "monitoring"
MAX_SEVERITY = 4
MAX_COUNT = 100_000
MAX_FORM_RECORD_BYTES = 40_000_000  # a few photos as data URLs
_MEDIA_FIELD_TYPES = ("photo", "signature", "audio")


def form_json(row: sqlite3.Row) -> dict[str, Any]:
    task = None
    if row["subtype"] == TASKS_SUBTYPE:
        task = {
            "assignedTo": row["assigned_to"],
            "status": row["task_status"],
            "dueDate": row["due_date"],
            "projectId": row["project_id"],
            "sectorId": row["sector_id"],
        }
    return {
        "_id": row["form_id"],
        "formId": row["form_id"],
        "companyId": row["company_id"],
        "name": row["name"],
        "description": row["description"],
        "type": row["type"],
        "subtype": row["subtype"],
        "version": 1,
        "fields": loads(row["fields"]),
        "task": task,
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def field(
    name: str,
    label: str,
    kind: str,
    *,
    required: bool = False,
    options: list[str] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str | None = None,
    variable_type: str | None = None,
) -> dict[str, Any]:
    """A form field definition in the wire format (used by the seed and tests)."""
    return {
        "name": name,
        "label": label,
        "type": kind,
        "required": required,
        "options": options,
        "min": minimum,
        "max": maximum,
        "unit": unit,
        "variableType": variable_type,
    }


def insert_form(db: Database, form: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO forms (form_id, company_id, name, description, type, subtype, fields, assigned_to, "
        "task_status, due_date, project_id, sector_id, created_at, updated_at) "
        "VALUES (:form_id, :company_id, :name, :description, :type, :subtype, :fields, :assigned_to, "
        ":task_status, :due_date, :project_id, :sector_id, :created_at, :created_at)",
        {
            "assigned_to": None,
            "task_status": None,
            "due_date": None,
            "project_id": None,
            "sector_id": None,
            "description": None,
            **form,
            "fields": dumps(form["fields"]),
        },
    )


# ------------------------------------------------------------------------------------------------ getForms
async def get_forms(request: Request) -> Response:
    params = request.query_params
    user = signed_in(request, params.get("auth0Id"))
    if not params.get("auth0Id") or not params.get("companyId"):
        raise invalid("auth0Id and companyId are required query parameters.")
    if params["companyId"] != user.company_id:
        raise HttpError(403, f"You cannot read the forms of company {params['companyId']}.", "forbidden_company")
    where = ["company_id = ?"]
    values: list[Any] = [user.company_id]
    if query_text(request, "subtype") == TASKS_SUBTYPE:
        where += ["subtype = ?", "assigned_to = ?"]
        values += [TASKS_SUBTYPE, user.auth0_id]
    else:
        where.append("subtype = ?")
        values.append(MONITORING_SUBTYPE)
    form_type = query_text(request, "type")
    if form_type is not None:
        where.append("type = ?")
        values.append(form_type)
    rows = ctx_of(request).db.all(f"SELECT * FROM forms WHERE {' AND '.join(where)} ORDER BY name", values)
    return ok([form_json(row) for row in rows])


# ------------------------------------------------------------------------------------------------ values
def _check_value(ctx: SimContext, spec: dict[str, Any], item: dict[str, Any], where: str, record_id: str) -> dict:
    """One form value checked against its field; media data URLs are stored and replaced by their path."""
    kind = spec["type"]
    value = item.get("value")
    clean: dict[str, Any] = {"name": spec["name"], "value": value}
    if value is None:
        if spec.get("required"):
            raise invalid(f"{where}value is required for {spec['label']}.")
        return clean
    if kind in ("number", "pest_disease"):
        low = spec.get("min") if spec.get("min") is not None else (0 if kind == "pest_disease" else -1e12)
        high = spec.get("max") if spec.get("max") is not None else (MAX_COUNT if kind == "pest_disease" else 1e12)
        clean["value"] = optional_number(item, "value", minimum=low, maximum=high, where=where)
        if kind == "pest_disease":
            severity = optional_number(item, "severity", minimum=0, maximum=MAX_SEVERITY, where=where)
            if severity is None and clean["value"] > 0:
                raise invalid(f"{where}severity (0–4) is required when {spec['label']} is present.")
            clean["severity"] = severity or 0
    elif kind in ("text", "textarea"):
        clean["value"] = text_field(item, "value", max_length=MAX_TEXT, where=where)
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise invalid(f"{where}value must be true or false.")
    elif kind == "date":
        clean["value"] = parse_day(value, f"{where}value").isoformat()
    elif kind == "select":
        if value not in (spec.get("options") or []):
            raise invalid(f"{where}value must be one of: {', '.join(spec.get('options') or [])}.")
    elif kind == "multiselect":
        options = spec.get("options") or []
        if not isinstance(value, list) or any(choice not in options for choice in value):
            raise invalid(f"{where}value must be a list drawn from: {', '.join(options)}.")
    elif kind in _MEDIA_FIELD_TYPES:
        if kind == "audio":
            mime, data = media.decode_data_url(value, f"{where}value")
            if not (mime or "").startswith("audio/"):
                raise invalid(f"{where}value must be an audio data URL (data:audio/...;base64,...).")
            extension = {"audio/mp4": "m4a", "audio/mpeg": "mp3", "audio/ogg": "ogg", "audio/wav": "wav"}.get(
                mime or "", "bin"
            )
        else:
            extension, data = media.decode_image(value, f"{where}value")
        relative = media.store_media(ctx, f"forms/{record_id}/{spec['name']}.{extension}", data)
        clean["value"] = f"/{media.MEDIA_FOLDER}/{relative}"
    return clean


def check_form_values(ctx: SimContext, form: sqlite3.Row, raw: object, record_id: str) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid("record.form_values must be a list of {name, value} objects.")
    fields = {spec["name"]: spec for spec in loads(form["fields"])}
    values: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"record.form_values[{index}]."
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise invalid(f"record.form_values[{index}] must be an object with a name and a value.")
        spec = fields.get(item["name"])
        if spec is None:
            raise invalid(f"{where}name {item['name']!r} is not a field of form {form['form_id']}.")
        if item["name"] in seen:
            raise invalid(f"{where}name {item['name']!r} appears twice.")
        seen.add(item["name"])
        values.append(_check_value(ctx, spec, item, where, record_id))
    # A record sent without any values is a check-in; once values are sent, the required ones must be there.
    missing = [spec["label"] for name, spec in fields.items() if spec.get("required") and name not in seen]
    if values and missing:
        raise invalid(f"record.form_values is missing required fields: {', '.join(missing)}.")
    return values


# ------------------------------------------------------------------------------------------------ submit
def _coordinates(record: dict[str, Any]) -> tuple[float | None, float | None]:
    latitude = optional_number(record, "latitude", minimum=-90, maximum=90, where="record.")
    longitude = optional_number(record, "longitude", minimum=-180, maximum=180, where="record.")
    if (latitude is None) != (longitude is None):
        raise invalid("record.latitude and record.longitude go together: send both or neither.")
    return latitude, longitude


def resolve_location(
    db: Database, company_id: str, record: dict[str, Any], latitude: float | None, longitude: float | None
) -> tuple[str | None, str | None]:
    """(projectId, sectorId): the forced location when the record names one, else the GPS point's sector."""
    project_id = text_field(record, "projectId", where="record.")
    sector_id = text_field(record, "sectorId", where="record.")
    if sector_id:
        sector = sector_of_company(db, company_id, sector_id)
        if project_id and project_id != sector["projectId"]:
            raise invalid(f"record.sectorId {sector_id} is not in project {project_id}.")
        return sector["projectId"], sector_id
    if project_id:
        project_of_company(db, company_id, project_id)
        if latitude is not None and longitude is not None:
            located_project, located_sector = locate(db, company_id, latitude, longitude)
            if located_project == project_id:
                return project_id, located_sector
        return project_id, None
    if latitude is None or longitude is None:
        return None, None
    return locate(db, company_id, latitude, longitude)


def local_day_of(db: Database, company_id: str, project_id: str | None, moment: datetime) -> date:
    project = get_project(db, project_id) if project_id else None
    timezone = project["timezone"] if project else company_timezone(db, company_id)
    return session_day(moment, timezone)


async def submit_record(request: Request) -> Response:
    body = await read_json(request, max_bytes=MAX_FORM_RECORD_BYTES)
    record = body.get("record")
    if not isinstance(record, dict):
        raise invalid("record is required: an object with the form's _id, auth0Id, type and values.")
    user = signed_in(request, record.get("auth0Id", body.get("auth0Id")))
    ctx = ctx_of(request)
    db = ctx.db
    form_id = required_text(record, "_id", where="record.")
    record_type = required_text(record, "type", where="record.")
    form = db.one("SELECT * FROM forms WHERE form_id = ?", (form_id,))
    if form is None:
        raise HttpError(404, f"Form {form_id} was not found; record._id must be the form's id.", "form_not_found")
    if form["company_id"] != user.company_id:
        raise HttpError(403, f"Form {form_id} belongs to another company.", "forbidden_form")
    if record.get("form_id") is not None and record.get("form_id") != form_id:
        raise invalid("record.form_id, when sent, must equal record._id (both name the form).")
    if record_type != form["type"]:
        raise invalid(f"record.type is {record_type!r} but form {form_id} is of type {form['type']!r}.")
    latitude, longitude = _coordinates(record)
    started = parse_utc(record["inicio"], "record.inicio") if record.get("inicio") is not None else None
    seconds = optional_number(record, "segundos", minimum=0, maximum=7 * 24 * 3600, where="record.")
    client_event_id = text_field(record, "clientEventId", max_length=200, where="record.") or None
    first = form_records.replay_of(db, user.company_id, client_event_id, form_id)
    if first is not None:
        return form_records.submitted(first, 200)  # sent again after a lost reply: the first record stands
    project_id, sector_id = resolve_location(db, user.company_id, record, latitude, longitude)
    record_id = new_record_id("frec_")
    values = check_form_values(ctx, form, record.get("form_values"), record_id)
    now = now_utc(request)
    observed = started or now
    with db.transaction():
        db.execute(
            "INSERT INTO form_records (record_id, company_id, form_id, form_type, auth0_id, user_name, project_id, "
            "sector_id, latitude, longitude, form_values, inicio, segundos, record_time, local_day, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                user.company_id,
                form_id,
                form["type"],
                user.auth0_id,
                user.name,
                project_id,
                sector_id,
                latitude,
                longitude,
                dumps(values),
                format_utc(started) if started else None,
                seconds,
                format_utc(observed),
                local_day_of(db, user.company_id, project_id, observed).isoformat(),
                format_utc(now),
            ),
        )
        form_records.file_event(db, user.company_id, client_event_id, record_id)
        if form["subtype"] == TASKS_SUBTYPE:
            db.execute(
                "UPDATE forms SET task_status = 'completed', updated_at = ? WHERE form_id = ?",
                (format_utc(now), form_id),
            )
    return form_records.submitted(form_records.stored_record(db, record_id), 201)


def routes() -> list[Route]:
    return [
        Route("/api/control/forms/getForms", get_forms, methods=["GET"]),
        Route("/api/control/forms/record", submit_record, methods=["POST"]),
        *form_records.routes(),
    ]
