"""The irrigation endpoints: valves, valve commands, programs and logs (scopes read:irrigation, write:irrigation).

A command is stored before it is handed to the field, and its client-made `commandId` makes every write
idempotent: a retry after a lost response gets the stored command back and nothing reaches a valve twice.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.irrigation import CommandStatus, ValveAction, validate_duration
from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.db import Database
from hydrodesk.sim.farm import project_of_company
from hydrodesk.sim.http import HttpError, invalid, ok, read_json, require_str
from hydrodesk.sim.iot.store import (
    IrrigationStore,
    command_delivery,
    command_json,
    program_is_running,
)
from hydrodesk.sim.iot.time_range import parse_time_range, parse_utc_time, require_query

log = logging.getLogger(__name__)

READ = "read:irrigation"
WRITE = "write:irrigation"
# A command nobody delivered within this time is dropped: a valve must not open long after someone asked.
DEFAULT_DELIVERY_WINDOW = timedelta(minutes=15)
MAX_DELIVERY_WINDOW = timedelta(hours=24)
REPLAY_HEADERS = {"X-Idempotent-Replay": "true"}
# Program runs give each valve command an id derived from the client's commandId, so a replay finds them again.
_PROGRAM_COMMAND_NAMESPACE = uuid.UUID("6f1c2a8e-3d4b-5c6d-8e9f-0a1b2c3d4e5f")
_UUID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def store_of(request: Request) -> IrrigationStore:
    ctx: SimContext = request.app.state.ctx
    return IrrigationStore(ctx.db, ctx.clock)


# ------------------------------------------------------------------------------------------------ checks
def require_command_id(body: dict[str, Any]) -> str:
    command_id = require_str(body, "commandId")
    if not _UUID_PATTERN.match(command_id):
        raise invalid("commandId must be a UUID made by the client, e.g. 3f2a9c1e-7b4d-4e8a-9c2f-1d5e6f7a8b9c.")
    return command_id.lower()


def require_company_user(db: Database, company_id: str, body: dict[str, Any]) -> str:
    """The `auth0Id` in the body: who acted, which must be a person of the API key's company."""
    auth0_id = require_str(body, "auth0Id")
    company = db.scalar("SELECT company_id FROM users WHERE auth0_id = ?", (auth0_id,))
    if company != company_id:
        raise HttpError(403, "auth0Id is not a user of the company this API key belongs to.", "auth0id_mismatch")
    return auth0_id


def valve_of_company(store: IrrigationStore, company_id: str, valve_id: str) -> sqlite3.Row:
    row = store.valve_row(valve_id)
    if row is None:
        raise HttpError(404, f"Valve {valve_id} was not found.", "valve_not_found")
    if row["company_id"] != company_id:
        raise HttpError(403, f"Valve {valve_id} belongs to another company.", "forbidden_valve")
    return row


def program_of_company(store: IrrigationStore, company_id: str, program_id: str) -> sqlite3.Row:
    row = store.program_row(program_id)
    if row is None:
        raise HttpError(404, f"Program {program_id} was not found.", "program_not_found")
    if row["company_id"] != company_id:
        raise HttpError(403, f"Program {program_id} belongs to another company.", "forbidden_program")
    return row


def parse_action(body: dict[str, Any]) -> ValveAction:
    value = body.get("action")
    if value not in (ValveAction.OPEN.value, ValveAction.CLOSE.value):
        raise invalid("action must be open or close.")
    return ValveAction(value)


def parse_expiry(body: dict[str, Any], now: datetime) -> datetime:
    if body.get("expiresAt") is None:
        return now + DEFAULT_DELIVERY_WINDOW
    expires_at = parse_utc_time(body["expiresAt"], "expiresAt")
    if expires_at <= now:
        raise invalid("expiresAt has already passed; send a time in the future (ISO 8601 UTC).")
    if expires_at - now > MAX_DELIVERY_WINDOW:
        raise invalid("expiresAt may be at most 24 hours ahead.")
    return expires_at


async def deliver(ctx: SimContext, store: IrrigationStore, command_id: str) -> CommandStatus:
    """Hand a stored command to the field; a field side that refuses it fails the command rather than the
    request, because the command is already on record and the caller must be able to see what became of it."""
    row = store.command_row(command_id)
    assert row is not None
    try:
        await ctx.fieldbus.send_command(command_delivery(row))
    except Exception:
        log.exception("the field side refused command %s", command_id)
        store.update_command(
            command_id, status=CommandStatus.FAILED.value, error="The field gateway did not accept the command."
        )
        return CommandStatus.FAILED
    return CommandStatus.PENDING


# ------------------------------------------------------------------------------------------------ valves
async def list_valves_route(request: Request) -> Response:
    principal = authenticate_api_key(request, READ)
    project_id = require_query(request, "projectId")
    store = store_of(request)
    project_of_company(store.db, principal.company_id, project_id)
    return ok(store.project_valves(project_id))


async def send_command_route(request: Request) -> Response:
    principal = authenticate_api_key(request, WRITE)
    body = await read_json(request)
    store = store_of(request)
    command_id = require_command_id(body)
    action = parse_action(body)
    try:
        duration = validate_duration(action, body.get("durationMin"))
    except ValueError as refused:
        raise invalid(str(refused)) from None
    auth0_id = require_company_user(store.db, principal.company_id, body)
    valve = valve_of_company(store, principal.company_id, request.path_params["valveId"])

    existing = store.command_row(command_id)
    if existing is not None:
        same = (
            existing["company_id"] == principal.company_id
            and existing["source"] == "manual"
            and (existing["valve_id"], existing["action"], existing["duration_min"])
            == (valve["valve_id"], action.value, duration)
        )
        if not same:
            raise HttpError(
                409, "This commandId was already used for a different command; make a new one.", "command_conflict"
            )
        return ok({"commandId": command_id, "status": existing["status"]}, headers=REPLAY_HEADERS)

    # Checked only for new commands: a retry that arrives after its own deadline must still find its command.
    now = store.now()
    expires_at = parse_expiry(body, now)
    with store.db.transaction() as connection:
        store.insert_command(
            connection,
            command_id=command_id,
            valve=valve,
            action=action.value,
            duration_min=duration,
            auth0_id=auth0_id,
            source="manual",
            program_id=None,
            requested_at=now,
            expires_at=expires_at,
        )
    status = await deliver(request.app.state.ctx, store, command_id)
    return ok({"commandId": command_id, "status": status.value}, status_code=202)


async def get_command_route(request: Request) -> Response:
    principal = authenticate_api_key(request, READ)
    command_id = request.path_params["commandId"]
    row = store_of(request).command_row(command_id.lower() if _UUID_PATTERN.match(command_id) else command_id)
    if row is None:
        raise HttpError(404, f"Command {command_id} was not found.", "command_not_found")
    if row["company_id"] != principal.company_id:
        raise HttpError(403, f"Command {command_id} belongs to another company.", "forbidden_command")
    return ok(command_json(row))


# ------------------------------------------------------------------------------------------------ programs
async def list_programs_route(request: Request) -> Response:
    principal = authenticate_api_key(request, READ)
    project_id = require_query(request, "projectId")
    store = store_of(request)
    project_of_company(store.db, principal.company_id, project_id)
    return ok(store.project_programs(project_id))


async def start_program_route(request: Request) -> Response:
    return await _program_action(request, "start")


async def stop_program_route(request: Request) -> Response:
    return await _program_action(request, "stop")


async def _program_action(request: Request, action: str) -> Response:
    """Start: open every valve of the program for its duration. Stop: close them all, running or not (an
    operator who presses stop wants the water off, whatever the server believes)."""
    principal = authenticate_api_key(request, WRITE)
    body = await read_json(request)
    store = store_of(request)
    command_id = require_command_id(body)
    auth0_id = require_company_user(store.db, principal.company_id, body)
    program = program_of_company(store, principal.company_id, request.path_params["programId"])

    done = store.program_action(command_id)
    if done is not None:
        if (done["program_id"], done["action"], done["company_id"]) != (
            program["program_id"],
            action,
            principal.company_id,
        ):
            raise HttpError(
                409, "This commandId was already used for a different request; make a new one.", "command_conflict"
            )
        return ok(_with_current_statuses(store, store.action_result(done)), headers=REPLAY_HEADERS)
    if store.command_row(command_id) is not None:
        raise HttpError(409, "This commandId was already used for a valve command; make a new one.", "command_conflict")

    now = store.now()
    if action == "start" and program_is_running(program, now):
        raise HttpError(409, f"Program {program['name']} is already running; stop it first.", "program_running")

    valve_action = ValveAction.OPEN if action == "start" else ValveAction.CLOSE
    steps = store.program_steps(program)
    found = {step["valveId"]: store.valve_row(step["valveId"]) for step in steps}
    valves = {valve_id: row for valve_id, row in found.items() if row is not None}
    missing = sorted(set(found) - set(valves))
    if missing:
        raise HttpError(409, f"Program {program['name']} names valves that no longer exist: {', '.join(missing)}.")
    commands = [
        {
            "commandId": str(uuid.uuid5(_PROGRAM_COMMAND_NAMESPACE, f"{command_id}/{step['valveId']}")),
            "valveId": step["valveId"],
            "action": valve_action.value,
            "durationMin": step["durationMin"] if valve_action == ValveAction.OPEN else None,
            "status": CommandStatus.PENDING.value,
        }
        for step in steps
    ]
    result = {
        "programId": program["program_id"],
        "commandId": command_id,
        "status": "running" if action == "start" else "stopped",
        "commands": commands,
    }
    try:
        with store.db.transaction() as connection:
            for command in commands:
                store.insert_command(
                    connection,
                    command_id=command["commandId"],
                    valve=valves[command["valveId"]],
                    action=command["action"],
                    duration_min=command["durationMin"],
                    auth0_id=auth0_id,
                    source="program",
                    program_id=program["program_id"],
                    requested_at=now,
                    expires_at=now + DEFAULT_DELIVERY_WINDOW,
                )
            store.record_program_run(
                connection, program, action, now, max((s["durationMin"] for s in steps), default=0)
            )
            store.save_program_action(
                connection, command_id=command_id, program=program, action=action, auth0_id=auth0_id, result=result
            )
    except sqlite3.IntegrityError:
        raise HttpError(
            409, "This commandId collides with an earlier command; make a new one.", "command_conflict"
        ) from None
    for command in commands:
        command["status"] = (await deliver(request.app.state.ctx, store, command["commandId"])).value
    return ok(result, status_code=202)


def _with_current_statuses(store: IrrigationStore, result: dict[str, Any]) -> dict[str, Any]:
    """A stored program reply with each valve command's status as it stands now."""
    for command in result["commands"]:
        row = store.command_row(command["commandId"])
        if row is not None:
            command["status"] = row["status"]
    return result


# ------------------------------------------------------------------------------------------------ logs
async def list_logs_route(request: Request) -> Response:
    principal = authenticate_api_key(request, READ)
    project_id = require_query(request, "projectId")
    time_range = parse_time_range(request)
    store = store_of(request)
    project_of_company(store.db, principal.company_id, project_id)
    return ok(store.project_logs(project_id, time_range.start, time_range.end))


def routes() -> list[Route]:
    prefix = "/api/iot/irrigation"
    return [
        Route(f"{prefix}/valves", list_valves_route, methods=["GET"]),
        Route(f"{prefix}/valves/{{valveId}}/commands", send_command_route, methods=["POST"]),
        Route(f"{prefix}/commands/{{commandId}}", get_command_route, methods=["GET"]),
        Route(f"{prefix}/programs", list_programs_route, methods=["GET"]),
        Route(f"{prefix}/programs/{{programId}}/start", start_program_route, methods=["POST"]),
        Route(f"{prefix}/programs/{{programId}}/stop", stop_program_route, methods=["POST"]),
        Route(f"{prefix}/logs", list_logs_route, methods=["GET"]),
    ]
