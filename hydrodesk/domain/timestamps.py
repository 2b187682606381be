"""Timestamps as Hydrobit and the local database write them: ISO 8601 UTC, milliseconds, `Z`.

Written that way they sort correctly as text, which the local database relies on for its time columns.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_text(moment: datetime) -> str:
    """`2025-10-19T14:30:00.000Z`; a naive datetime is refused rather than guessed."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp must be timezone-aware")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_utc_text(text: str) -> datetime:
    """The inverse of `utc_text` (also accepts any ISO 8601 time with an offset)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def now_utc() -> datetime:
    return datetime.now(UTC)
