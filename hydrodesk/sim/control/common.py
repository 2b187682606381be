"""Small helpers the control routes share: ids, clock, safe body reading, bounded field validators."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from starlette.requests import Request

from hydrodesk.sim.auth import User, authenticate_user, check_caller_is
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.http import format_utc, invalid

MAX_TEXT = 2_000  # free text: notes, reasons
MAX_NAME = 120  # names, ids, short labels


def ctx_of(request: Request) -> SimContext:
    return request.app.state.ctx


def now_utc(request: Request) -> datetime:
    """The simulator's now (its clock may have been set to an instant: hydrodesk.sim.clock)."""
    return ctx_of(request).clock.now()


def now_text(request: Request) -> str:
    return format_utc(now_utc(request))


def new_object_id(now: datetime) -> str:
    """A Mongo-style ObjectId (24 hex digits: 4 bytes of seconds, 8 random bytes), as the documented ids are."""
    return f"{int(now.timestamp()):08x}{secrets.token_hex(8)}"


def new_record_id(prefix: str = "rec_") -> str:
    return prefix + secrets.token_hex(8)


def signed_in(request: Request, auth0_id: object = None) -> User:
    """The user behind the bearer token, who must also be the `auth0Id` the request names (when it names one)."""
    user = authenticate_user(request)
    check_caller_is(user, auth0_id)
    return user


def text_field(
    body: dict[str, Any], name: str, *, required: bool = False, max_length: int = MAX_NAME, where: str = ""
) -> str | None:
    """A string field, stripped; None when absent or null (400 when required), 400 when too long."""
    value = body.get(name)
    if value is None:
        if required:
            raise invalid(f"{where}{name} is required.")
        return None
    if not isinstance(value, str):
        raise invalid(f"{where}{name} must be a string.")
    value = value.strip()
    if required and not value:
        raise invalid(f"{where}{name} is required and must not be empty.")
    if len(value) > max_length:
        raise invalid(f"{where}{name} is too long (at most {max_length} characters).")
    return value


def required_text(body: dict[str, Any], name: str, *, max_length: int = MAX_NAME, where: str = "") -> str:
    value = text_field(body, name, required=True, max_length=max_length, where=where)
    assert value is not None  # text_field raises for a missing required field
    return value


def query_text(request: Request, name: str, *, max_length: int = MAX_NAME) -> str | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    if len(value) > max_length:
        raise invalid(f"{name} is too long (at most {max_length} characters).")
    return value


def query_bool(request: Request, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None or value == "":
        return False
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise invalid(f"{name} must be true or false.")


def query_choice(request: Request, name: str, choices: tuple[str, ...]) -> str | None:
    value = query_text(request, name)
    if value is not None and value not in choices:
        raise invalid(f"{name} must be one of: {', '.join(choices)}.")
    return value


def units_json(value: float | None) -> float:
    """Whole unit counts as integers in JSON (5, not 5.0), fractions (kg) rounded to grams."""
    if value is None:
        return 0
    value = round(value, 3)
    return int(value) if value == int(value) else value


def placeholders(count: int) -> str:
    return ",".join("?" * count)
