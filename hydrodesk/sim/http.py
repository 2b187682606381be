"""The documented envelopes, errors and request-reading helpers every simulator route uses.

Success: `{"status": "success", "data": ...}`. Errors: `{"status": "error", "message": <what a person can act on>,
"error": <a short machine-readable code>}` for every status code.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

MAX_RANGE_DAYS = 180
MIN_YEAR, MAX_YEAR = 1970, 9000
_DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class HttpError(Exception):
    """Raise anywhere in a route to answer with the documented error shape."""

    def __init__(self, status_code: int, message: str, error: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.error = error or _default_code(status_code)


def _default_code(status_code: int) -> str:
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "payload_too_large",
    }.get(status_code, "internal_error")


class JsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ok(data: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JsonResponse({"status": "success", "data": data}, status_code=status_code, headers=headers)


def ok_top_level(fields: dict[str, Any], status_code: int = 200) -> Response:
    """Phytosanitary, harvest-style replies: the fields sit beside `status` instead of inside `data`."""
    return JsonResponse({"status": "success", **fields}, status_code=status_code)


def error_response(status_code: int, message: str, error: str) -> Response:
    return JsonResponse({"status": "error", "message": message, "error": error}, status_code=status_code)


async def read_json(request: Request, *, max_bytes: int = 2_000_000, too_large: str | None = None) -> dict[str, Any]:
    """The JSON object in the body, or 400/413 with a sentence saying what is wrong with it.

    JSON allows escaped lone surrogates (`"\\ud800"`), which no UTF-8 database or reply can carry: they are refused
    here rather than failing deep inside a write.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        message = too_large or f"The request body is larger than {max_bytes // 1_000_000} MB."
        raise HttpError(413, message, "payload_too_large")
    raw = await request.body()
    if not raw:
        raise HttpError(400, "The request body is empty; send a JSON object.", "empty_body")
    if len(raw) > max_bytes:
        raise HttpError(413, too_large or f"The request body is larger than {max_bytes // 1_000_000} MB.")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "The request body is not valid JSON.", "invalid_json") from None
    except RecursionError:
        raise HttpError(400, "The request body is nested too deeply.", "invalid_json") from None
    if not isinstance(body, dict):
        raise HttpError(400, "The request body must be a JSON object.", "invalid_json")
    if _has_lone_surrogate(body):
        raise invalid("The request body contains text that is not valid Unicode (a lone surrogate).")
    return body


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(key) or _has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def invalid(message: str) -> HttpError:
    return HttpError(400, message, "validation_error")


def require_str(body: dict[str, Any], name: str, *, where: str = "") -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise invalid(f"{where}{name} is required and must be a non-empty string.")
    return value.strip()


def optional_str(body: dict[str, Any], name: str, *, where: str = "") -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(f"{where}{name} must be a string.")
    return value


def optional_number(
    body: dict[str, Any],
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    where: str = "",
) -> float | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise invalid(f"{where}{name} must be a number.")
    if minimum is not None and value < minimum:
        raise invalid(f"{where}{name} must be at least {minimum:g}.")
    if maximum is not None and value > maximum:
        raise invalid(f"{where}{name} must be at most {maximum:g}.")
    return value


def optional_int(
    body: dict[str, Any],
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    where: str = "",
) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(f"{where}{name} must be a whole number.")
    if minimum is not None and value < minimum:
        raise invalid(f"{where}{name} must be at least {minimum}.")
    if maximum is not None and value > maximum:
        raise invalid(f"{where}{name} must be at most {maximum}.")
    return value


def query_int(request: Request, name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid(f"{name} must be a whole number.") from None
    if not minimum <= value <= maximum:
        raise invalid(f"{name} must be between {minimum} and {maximum}.")
    return value


def parse_utc(value: object, name: str, *, years: tuple[int, int] = (MIN_YEAR, MAX_YEAR)) -> datetime:
    """An ISO 8601 timestamp; a naive one is refused because the API speaks UTC with `Z`."""
    if not isinstance(value, str):
        raise invalid(f"{name} must be an ISO 8601 UTC timestamp such as 2025-10-19T14:30:00.000Z.")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid(f"{name} must be an ISO 8601 UTC timestamp such as 2025-10-19T14:30:00.000Z.") from None
    if parsed.tzinfo is None:
        raise invalid(f"{name} must carry a timezone (end it with Z for UTC).")
    earliest, latest = years
    if not earliest <= parsed.year <= latest:
        # Far-off years are typing mistakes; the check also keeps the UTC conversion from overflowing.
        raise invalid(f"{name} must lie between the years {earliest} and {latest}.")
    return parsed.astimezone(UTC)


def format_utc(moment: datetime) -> str:
    """`2025-10-19T14:30:00.000Z`: the API's timestamp format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_day(value: object, name: str) -> date:
    if not isinstance(value, str) or not _DAY_PATTERN.match(value):
        raise invalid(f"{name} must be a local date written YYYY-MM-DD, for example 2025-10-01.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(f"{name} is not a real calendar date: {value}.") from None


def parse_day_range(request: Request, start_name: str = "startTime", end_name: str = "endTime") -> tuple[date, date]:
    """A required local-day range, at most 180 days long, start not after end."""
    params = request.query_params
    if start_name not in params or end_name not in params:
        raise invalid(f"{start_name} and {end_name} are required (YYYY-MM-DD).")
    start = parse_day(params[start_name], start_name)
    end = parse_day(params[end_name], end_name)
    if start > end:
        raise invalid(f"{start_name} must not be after {end_name}.")
    if (end - start).days > MAX_RANGE_DAYS:
        raise invalid(f"The date range may not exceed {MAX_RANGE_DAYS} days; ask for a shorter period.")
    return start, end
