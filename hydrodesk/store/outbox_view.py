"""The outbox as a person reads it: each change with the facts needed to say what it is in plain words.

An outbox payload names a session by id and a worker by id; the outbox view wants "3 boxes for Juan Pérez in
Lote A-1, 19 Nov". These query functions (run on the store's database thread, like hydrodesk.store.views) look up
the sector, the local day, the project's time zone and sampling unit from the cache, or from the entry that opened
a session offline, and hand back plain values; the UI turns them into a sentence in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind, EntryState, is_local_id
from hydrodesk.domain.timestamps import parse_utc_text
from hydrodesk.store import cache, views
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem

UNFINISHED = ACTIVE_STATES | ATTENTION_STATES
HISTORY = frozenset({EntryState.DONE, EntryState.DISCARDED})

RECORD_KINDS = frozenset({EntryKind.CREATE_RECORD, EntryKind.VOID_RECORD})
# What "edit and retry" can change, by kind (hydrodesk.sync.choices has the matching edit_* methods).
EDITABLE_KINDS = frozenset({EntryKind.CREATE_RECORD, EntryKind.CREATE_WORKER, EntryKind.VALVE_COMMAND})


@dataclass(frozen=True)
class SessionFacts:
    """What a person recognises a session by."""

    session_id: str
    sector_name: str | None = None
    project_id: str | None = None
    timezone: str | None = None
    day: date | None = None
    sampling_unit: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class OutboxLine:
    """One outbox entry for the outbox view."""

    entry_id: str
    seq: int
    kind: EntryKind
    state: EntryState
    attempts: int
    created_at: str  # UTC text, as stored
    updated_at: str
    reason: str | None  # the server's reason (failed, conflict), or why it expired
    discard_note: str | None  # the user's reason, for a change they discarded
    last_error: str | None  # the last transient problem of an entry still on its way
    payload: dict[str, Any]
    session: SessionFacts | None  # for changes to a session or its records
    local_day: date | None  # the day the change is about, in the project's time zone (a record's delivery day)

    @property
    def needs_attention(self) -> bool:
        return self.state in ATTENTION_STATES

    @property
    def movable(self) -> bool:
        """Records and voids that stopped can go to another session."""
        return self.needs_attention and self.kind in RECORD_KINDS

    @property
    def editable(self) -> bool:
        return self.needs_attention and self.kind in EDITABLE_KINDS

    @property
    def timezone(self) -> str | None:
        return self.session.timezone if self.session is not None else None


def outbox_lines(
    conn: Connection, *, states: Iterable[EntryState] = UNFINISHED, limit: int | None = None
) -> list[OutboxLine]:
    """Entries in `states`, newest first, each with the facts that describe it."""
    items = ob.items(conn, states=list(states), limit=limit, newest_first=True)
    known: dict[str, SessionFacts] = {}
    lines: list[OutboxLine] = []
    for item in items:
        facts = _facts_for(conn, item, known)
        lines.append(
            OutboxLine(
                entry_id=item.entry_id,
                seq=item.seq,
                kind=item.kind,
                state=item.state,
                attempts=item.attempts,
                created_at=item.created_at,
                updated_at=item.updated_at,
                reason=item.reason,
                discard_note=_discard_note(item),
                last_error=item.last_error if item.state in ACTIVE_STATES else None,
                payload=item.payload,
                session=facts,
                local_day=_local_day(item, facts),
            )
        )
    return lines


def _discard_note(item: OutboxItem) -> str | None:
    if item.state is not EntryState.DISCARDED:
        return None
    # The user's reason is the note of the discard in the entry's history.
    notes = [step.get("note") for step in item.history if step.get("action") == "discard"]
    return notes[-1] if notes else None


def _facts_for(conn: Connection, item: OutboxItem, known: dict[str, SessionFacts]) -> SessionFacts | None:
    if item.kind is EntryKind.OPEN_SESSION:
        return _offline_session_facts(conn, item)
    session_ref = item.payload.get("session_id")
    if not isinstance(session_ref, str) or not session_ref:
        return None
    if session_ref not in known:
        known[session_ref] = session_facts(conn, session_ref)
    return known[session_ref]


def session_facts(conn: Connection, session_ref: str) -> SessionFacts:
    """The session's sector, day, time zone and unit: from the cache, else from its offline opening."""
    session_id = views.resolve_session(conn, session_ref)
    data = cache.session(conn, session_id)
    if data is not None:
        return SessionFacts(
            session_id=session_id,
            sector_name=data.get("sector_name"),
            project_id=data.get("project_id"),
            timezone=data.get("timezone"),
            day=_day(data.get("day")),
            sampling_unit=data.get("sampling_unit"),
            status=data.get("status"),
        )
    if is_local_id(session_ref):
        opener = ob.by_idem_key(conn, EntryKind.OPEN_SESSION, session_ref)
        if opener is not None:
            return _offline_session_facts(conn, opener, session_id)
    return SessionFacts(session_id=session_id)


def _offline_session_facts(conn: Connection, opener: OutboxItem, session_id: str | None = None) -> SessionFacts:
    new = opener.payload.get("new_session") or {}
    project = cache.project(conn, new.get("project_id", "")) or {}
    settings = project.get("settings") or {}
    timezone = project.get("timezone")
    opened = new.get("opened_at")
    return SessionFacts(
        session_id=session_id or opener.idem_key,
        sector_name=new.get("sector_name"),
        project_id=new.get("project_id"),
        timezone=timezone,
        day=_in_zone(opened, timezone) if opened else None,
        sampling_unit=new.get("sampling_unit") or settings.get("sampling_unit"),
        status="open",
    )


def _local_day(item: OutboxItem, facts: SessionFacts | None) -> date | None:
    recorded = item.payload.get("recorded_at_utc")
    if item.kind is EntryKind.CREATE_RECORD and isinstance(recorded, str):
        return _in_zone(recorded, facts.timezone if facts else None)
    return facts.day if facts is not None else None


def _in_zone(utc_text: str, timezone: str | None) -> date | None:
    try:
        moment = parse_utc_text(utc_text)
    except ValueError:
        return None
    if timezone:
        try:
            return moment.astimezone(ZoneInfo(timezone)).date()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.date()


def _day(label: Any) -> date | None:
    if not isinstance(label, str) or len(label) < 10:
        return None
    try:
        return date.fromisoformat(label[:10])
    except ValueError:
        return None


def last_refreshed(conn: Connection, names: Iterable[str] = ("projects", "workers", "sessions")) -> str | None:
    """The newest of the cache's refresh marks (UTC text): when this computer last heard from the server."""
    marks = [mark for mark in (cache.refreshed_at(conn, name) for name in names) if mark]
    return max(marks) if marks else None
