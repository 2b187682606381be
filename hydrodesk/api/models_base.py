"""The base classes and wire types every Hydrobit model shares.

Attributes are snake_case; the wire name is given as an alias wherever it differs (the API mixes `sessionId`
and `sector_name`, so no alias generator could guess them). Replies may carry fields we do not know: they are
ignored, so a richer server never breaks us; a reply missing a required field fails validation, which the
client reports as MalformedResponse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer


def format_utc(moment: datetime) -> str:
    """`2025-10-19T14:30:00.000Z`: the API's timestamp format (ISO 8601, UTC, milliseconds, `Z`)."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _assume_utc(moment: datetime) -> datetime:
    # The API always writes `Z`; should a reply ever omit the zone, UTC is what it means.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _require_zone(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a timestamp sent to Hydrobit must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


# A timestamp read from a reply.
UtcDateTime = Annotated[datetime, AfterValidator(_assume_utc), PlainSerializer(format_utc, return_type=str)]
# A timestamp we send: a naive datetime is a bug in the caller, refused rather than guessed.
UtcInstant = Annotated[datetime, AfterValidator(_require_zone), PlainSerializer(format_utc, return_type=str)]
# A local calendar day, `YYYY-MM-DD`.
Day = Annotated[date, PlainSerializer(date.isoformat, return_type=str)]


def _day_from_label(value: Any) -> Any:
    # Sessions write their local day as midnight with a `Z` (`2025-10-19T00:00:00.000Z`): the date part is the
    # day in the project's timezone, not a UTC instant, so only the date is kept.
    if isinstance(value, str) and len(value) > 10 and value[10] == "T":
        return value[:10]
    return value


def _format_day_label(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


# A session's local day as the API labels it; read as a plain date.
DayLabel = Annotated[date, BeforeValidator(_day_from_label), PlainSerializer(_format_day_label, return_type=str)]


class WireModel(BaseModel):
    """A reply (or part of one) from Hydrobit."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True)


class RequestModel(BaseModel):
    """A body we send. Unknown keyword arguments are a caller's mistake, so they are refused."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body with wire names; fields left unset are left out so the server applies its defaults."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
