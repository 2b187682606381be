"""A production session as it travels through the office: the shape of the dicts the cache keeps, the store's
views return and the panes read.

It is the server's `Session` (hydrodesk.api.models_production) in JSON form under its attribute names
(`Session.to_data()`), or one opened offline and not numbered by the server yet (hydrodesk.store.views), which
lacks the fields only the server knows. A TypedDict rather than a class: the cache stores it as JSON and hands it
back as a plain dict, so nothing converts it on the way; the type checker holds every reader to these keys.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class BonusData(TypedDict):
    type: Literal["flat", "percent"]
    value: float
    note: NotRequired[str | None]


class SessionData(TypedDict):
    session_id: str  # the server's id, or a local id (`local-...`) while opened offline
    project_id: str
    sector_id: str
    sector_name: str | None
    owner_auth0_id: str  # the user who opened it; only they may change it
    timezone: str  # the project's
    day: str  # the local day as the API labels it: `2025-10-19T00:00:00.000Z` (hydrodesk.domain.sessions)
    status: Literal["open", "closed"]
    opened_at: str  # ISO 8601 UTC with milliseconds and `Z`
    closed_at: str | None
    max_duration_hours: int
    sampling_unit: str
    price_per_unit: float
    bonus: BonusData | None
    total_units: float
    notes: str | None
    # Only the server knows these: absent from a session opened offline.
    company_id: NotRequired[str]
    worker_count: NotRequired[int | None]
    final_notes: NotRequired[str | None]
    closed_by: NotRequired[str | None]
    closed_reason: NotRequired[str | None]
    created_at: NotRequired[str | None]
    updated_at: NotRequired[str | None]
