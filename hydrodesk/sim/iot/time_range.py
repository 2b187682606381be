"""Reading `startTime`/`endTime` (ISO 8601 UTC) and `resolution` from a query, with limits a person can act on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from starlette.requests import Request

from hydrodesk.domain.series import Resolution
from hydrodesk.sim.http import MAX_RANGE_DAYS, invalid, parse_utc

MAX_RAW_DAYS = 31  # 15-minute readings: ~3,000 points per query at most
DEFAULT_RESOLUTION = Resolution.HOURLY
# Far-off years are almost certainly typos, and date arithmetic near year 1 or 9999 overflows.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_EXAMPLE = "2025-10-19T14:30:00.000Z"


def parse_utc_time(value: object, name: str) -> datetime:
    """`http.parse_utc` limited to the years the IoT series cover."""
    return parse_utc(value, name, years=(EARLIEST.year, LATEST.year))


@dataclass(frozen=True)
class TimeRange:
    start: datetime
    end: datetime


def parse_time_range(request: Request, max_days: int = MAX_RANGE_DAYS) -> TimeRange:
    """Required `startTime` < `endTime`, both ISO 8601 UTC, at most `max_days` (180) days apart."""
    params = request.query_params
    missing = [name for name in ("startTime", "endTime") if not params.get(name)]
    if missing:
        raise invalid(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} required (ISO 8601 UTC, e.g. {_EXAMPLE})."
        )
    start = parse_utc_time(params["startTime"], "startTime")
    end = parse_utc_time(params["endTime"], "endTime")
    for name, moment in (("startTime", start), ("endTime", end)):
        if not EARLIEST <= moment <= LATEST:
            raise invalid(f"{name} must lie between the years 2000 and 2100.")
    if start >= end:
        raise invalid("startTime must be before endTime.")
    if end - start > timedelta(days=max_days):
        raise invalid(f"The time range may not exceed {max_days} days; ask for a shorter period.")
    return TimeRange(start, end)


def parse_resolution(request: Request, time_range: TimeRange) -> Resolution:
    """`raw`, `1h` (the default) or `1d`; raw readings only for ranges up to 31 days."""
    raw = request.query_params.get("resolution") or DEFAULT_RESOLUTION.value
    try:
        resolution = Resolution(raw)
    except ValueError:
        raise invalid("resolution must be one of raw, 1h or 1d.") from None
    if resolution == Resolution.RAW and time_range.end - time_range.start > timedelta(days=MAX_RAW_DAYS):
        raise invalid(
            f"Raw 15-minute readings are served for at most {MAX_RAW_DAYS} days at a time; "
            "ask for resolution=1h or 1d, or a shorter period."
        )
    return resolution


def require_query(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value:
        raise invalid(f"{name} is required.")
    return value
