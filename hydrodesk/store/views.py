"""What the panes show: the server's data from the cache with the office's pending changes laid over it.

A session opened offline, a worker created offline, records added offline: none of them is in a cache table (those
hold only what the server said). They are read from the outbox and marked pending, so a refresh can never make
local work disappear, and a record is counted once however far its journey has gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind, EntryState, is_local_id, session_group
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.sessions import format_day, session_day
from hydrodesk.domain.tallies import LedgerLine, LineStatus, WorkerTally, merge_ledger, tally_by_worker
from hydrodesk.domain.timestamps import parse_utc_text
from hydrodesk.domain.workers import matches_query
from hydrodesk.store import cache
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem

_UNFINISHED = ACTIVE_STATES | ATTENTION_STATES


@dataclass(frozen=True)
class Row:
    """One object for a view: the server's (`pending` False) or one made here and not on the server yet."""

    data: dict[str, Any]  # API model attribute names, as in the cache
    pending: bool = False
    entry: OutboxItem | None = None  # the outbox entry behind a pending row (its state says on its way / stopped)


@dataclass(frozen=True)
class SessionRow:
    """A session for a view: the server's (`pending` False) or one opened here and not numbered by the server yet."""

    data: SessionData
    pending: bool = False
    entry: OutboxItem | None = None  # the open_session entry behind a pending row


def resolve_session(conn: Connection, session_ref: str) -> str:
    """The id a session goes by now: its server id once an offline-opened session has one."""
    if is_local_id(session_ref):
        return ob.server_id_for(conn, session_ref) or session_ref
    return session_ref


# ------------------------------------------------------------------------------------------------ sessions
def sessions(
    conn: Connection,
    *,
    project_id: str | None = None,
    sector_id: str | None = None,
    status: str | None = None,
    first_day: str | None = None,
    last_day: str | None = None,
) -> list[SessionRow]:
    """Cached sessions plus the ones opened here that the server has not numbered yet (newest first)."""
    found = [
        SessionRow(data)
        for data in cache.sessions(
            conn, project_id=project_id, sector_id=sector_id, status=status, first_day=first_day, last_day=last_day
        )
    ]
    local: list[SessionRow] = []
    if status in (None, "open"):
        for item in ob.items(conn, states=_UNFINISHED, kinds=[EntryKind.OPEN_SESSION]):
            data = _offline_session(conn, item)
            if project_id is not None and data["project_id"] != project_id:
                continue
            if sector_id is not None and data["sector_id"] != sector_id:
                continue
            if (first_day and data["day"][:10] < first_day) or (last_day and data["day"][:10] > last_day):
                continue
            local.append(SessionRow(data, pending=True, entry=item))
    return sorted(local, key=lambda row: row.data["opened_at"], reverse=True) + found


def _offline_session(conn: Connection, item: OutboxItem) -> SessionData:
    new = item.payload["new_session"]
    project = cache.project(conn, new["project_id"]) or {}
    timezone = project.get("timezone") or "UTC"
    settings = project.get("settings") or {}
    opened = parse_utc_text(new["opened_at"])
    return {
        "session_id": item.idem_key,
        "project_id": new["project_id"],
        "sector_id": new["sector_id"],
        "sector_name": new.get("sector_name"),
        "owner_auth0_id": item.auth0_id,
        "timezone": timezone,
        "day": format_day(session_day(opened, timezone)),
        "status": "open",
        "opened_at": new["opened_at"],
        "closed_at": None,
        "max_duration_hours": new.get("max_duration_hours") or settings.get("max_duration_hours") or 12,
        "sampling_unit": new.get("sampling_unit") or settings.get("sampling_unit") or "box",
        "price_per_unit": new.get("price_per_unit")
        if new.get("price_per_unit") is not None
        else settings.get("price_per_unit", 0),
        "bonus": new.get("bonus") if new.get("bonus") is not None else settings.get("bonus"),
        "total_units": 0,
        "notes": new.get("notes"),
    }


# ------------------------------------------------------------------------------------------------ workers
def workers(conn: Connection, *, query: str | None = None, status: str | None = None) -> list[Row]:
    """Cached workers plus the ones created here and not yet confirmed (first)."""
    local: list[Row] = []
    for item in ob.items(conn, states=_UNFINISHED, kinds=[EntryKind.CREATE_WORKER]):
        data = {**item.payload["new_worker"], "worker_id": item.payload["worker_id"], "uid": None}
        text = f"{data.get('first_name', '')} {data.get('last_name', '')} {data['worker_id']}"
        if query and not matches_query(query, text):
            continue
        if status is not None and (data.get("status") or "active") != status:
            continue
        local.append(Row(data, pending=True, entry=item))
    return local + [Row(data) for data in cache.workers(conn, query=query, status=status)]


# ------------------------------------------------------------------------------------------------ tallies
def session_ledger(conn: Connection, session_ref: str) -> list[LedgerLine]:
    """Every movement of a session, once: the server's records, then the outbox's records and voids."""
    session_id = resolve_session(conn, session_ref)
    confirmed = [
        LedgerLine(
            worker_id=r["worker_id"],
            worker_name=r.get("worker_name") or r["worker_id"],
            units=r["units"],
            status=LineStatus.CONFIRMED,
            client_event_id=r.get("client_event_id"),
            record_id=r["record_id"],
            void_of=r.get("void_of"),
            recorded_at=r.get("recorded_at_utc") or r.get("created_at"),
            reason=r.get("reason"),
        )
        for r in cache.session_records(conn, session_id)
    ]
    entries = [
        item
        for group in sorted({session_group(session_id), session_group(session_ref)})
        for item in ob.items(conn, states=_UNFINISHED | {EntryState.DONE}, group=group)
    ]
    # Records first, so a void can find the record it cancels among the confirmed ones not yet in the cache.
    records = [item for item in entries if item.kind is EntryKind.CREATE_RECORD]
    voids = [item for item in entries if item.kind is EntryKind.VOID_RECORD]
    known = {line.record_id: line for line in confirmed}
    local: list[LedgerLine] = []
    for item in records:
        line = _local_line(item, known, session_id)
        if line is not None:
            local.append(line)
            if line.record_id is not None:
                known.setdefault(line.record_id, line)
    for item in voids:
        line = _local_line(item, known, session_id)
        if line is not None:
            local.append(line)
    return merge_ledger(confirmed, local)


def _local_line(item: OutboxItem, confirmed: dict[str | None, LedgerLine], session_id: str) -> LedgerLine | None:
    """A record or void from the outbox. One the server confirmed counts as confirmed until the server's own copy
    reaches the cache (by refresh); from then on the two are one line, matched by clientEventId (or voided id)."""
    if item.state is EntryState.DONE:
        status = LineStatus.CONFIRMED
        result = item.result or {}
        if result.get("session_id", session_id) != session_id:
            return None  # the server had it already, in another session: it counts there
    else:
        status = LineStatus.ATTENTION if item.state in ATTENTION_STATES else LineStatus.PENDING
        result = {}
    payload = item.payload
    if item.kind is EntryKind.CREATE_RECORD:
        return LedgerLine(
            worker_id=payload["worker_id"],
            worker_name=payload.get("worker_name") or payload["worker_id"],
            units=float(payload.get("units", 1)),
            status=status,
            client_event_id=payload["client_event_id"],
            record_id=result.get("record_id"),
            entry_id=item.entry_id,
            recorded_at=payload.get("recorded_at_utc"),
        )
    if item.kind is EntryKind.VOID_RECORD:
        target_id = payload.get("record_id") or result.get("void_of")
        target = confirmed.get(target_id)
        if target is None and not payload.get("target_event_id") and not target_id:
            return None
        return LedgerLine(
            worker_id=target.worker_id if target else payload.get("worker_id", ""),
            worker_name=target.worker_name if target else payload.get("worker_name", ""),
            units=-(target.units if target else float(payload.get("units", 0))),
            status=status,
            record_id=result.get("void_record_id"),
            void_of=target_id if (target or status is LineStatus.CONFIRMED) else None,
            void_of_event=None if (target or status is LineStatus.CONFIRMED) else payload.get("target_event_id"),
            entry_id=item.entry_id,
            recorded_at=item.created_at,
            reason=payload.get("reason"),
        )
    return None


def session_tally(conn: Connection, session_ref: str) -> list[WorkerTally]:
    return tally_by_worker(session_ledger(conn, session_ref))


def session_changes(conn: Connection, session_ref: str) -> list[OutboxItem]:
    """Changes to the session itself (update, extend, close) not yet on the server: "close pending", say."""
    session_id = resolve_session(conn, session_ref)
    kinds = [EntryKind.UPDATE_SESSION, EntryKind.EXTEND_SESSION, EntryKind.CLOSE_SESSION]
    found: list[OutboxItem] = []
    for group in sorted({session_group(session_id), session_group(session_ref)}):
        found += ob.items(conn, states=_UNFINISHED, kinds=kinds, group=group)
    return sorted(found, key=lambda item: item.seq)
