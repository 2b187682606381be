"""The worker roster pane's queries: the cached roster with workers created here laid over it, who holds a
worker_id, when the roster was refreshed, the company's template options, and a worker's recent tallies.

Like hydrodesk.store.views, every function takes a Connection and runs on the store's database thread
(`await store.read(roster.workers, RosterFilter(query="nunez"))`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind, EntryState, is_local_id
from hydrodesk.domain.roster import IdHolder, OptionLists, RosterFilter
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.worker_tallies import SessionShare, newest_first, share_of
from hydrodesk.store import cache, views
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.store.views import Row

UNFINISHED = ACTIVE_STATES | ATTENTION_STATES
REFRESH_MARKS = ("workers", "workers:full")  # the marks hydrodesk.sync.refresh leaves after fetching workers
OPTIONS_DOCUMENT = ("worker_options", "company")  # one company per profile database
RECENT_SESSIONS = 400  # how far back (in cached sessions) a worker's tallies are looked for
RECENT_OUTBOX = 5_000  # confirmed records not yet refreshed into the cache are among the newest outbox entries
HISTORY_LIMIT = 20  # sessions shown in a worker's recent tallies

W = cache.WORKERS
R = cache.RECORDS
S = cache.SESSIONS
OUTBOX = ob.T


# ------------------------------------------------------------------------------------------------ the list
@dataclass(frozen=True)
class RosterSnapshot:
    """What the roster pane shows, read in one go."""

    rows: list[Row]  # the workers the filter lets through
    cached: int  # workers in the cache altogether (0: the roster was never downloaded)
    pending: int  # workers created here and not confirmed, altogether
    refreshed_at: str | None
    holders: dict[str, IdHolder]  # every worker_id in use, for the create form


def snapshot(conn: Connection, roster_filter: RosterFilter = RosterFilter()) -> RosterSnapshot:  # noqa: B008
    pending = pending_workers(conn)
    return RosterSnapshot(
        rows=[row for row in pending if roster_filter.matches(row.data)]
        + [Row(data) for data in cached_workers(conn, roster_filter)],
        cached=worker_count(conn),
        pending=len(pending),
        refreshed_at=refreshed_at(conn),
        holders=id_holders(conn, pending),
    )


def workers(conn: Connection, roster_filter: RosterFilter = RosterFilter()) -> list[Row]:  # noqa: B008
    """Workers created here and not confirmed yet (first, newest first), then the cached roster by name."""
    return [row for row in pending_workers(conn) if roster_filter.matches(row.data)] + [
        Row(data) for data in cached_workers(conn, roster_filter)
    ]


def cached_workers(conn: Connection, roster_filter: RosterFilter) -> list[dict[str, Any]]:
    statement = select(W.c.data)
    if roster_filter.folded_query:
        statement = statement.where(W.c.search_text.contains(roster_filter.folded_query, autoescape=True))
    if roster_filter.status:
        statement = statement.where(W.c.status == roster_filter.status)
    for field, value in (("position", roster_filter.position), ("employment_type", roster_filter.employment_type)):
        if value:
            statement = statement.where(func.json_extract(W.c.data, f"$.{field}") == value)
    return [row.data for row in conn.execute(statement.order_by(W.c.search_text))]


def pending_workers(conn: Connection) -> list[Row]:
    """Workers created here that the server has not confirmed: on their way, or stopped (refused, in conflict)."""
    rows = [
        Row(pending_worker_data(item), pending=True, entry=item)
        for item in ob.items(conn, states=UNFINISHED, kinds=[EntryKind.CREATE_WORKER], newest_first=True)
    ]
    return rows


def pending_worker_data(item: OutboxItem) -> dict[str, Any]:
    return {"status": "active", **item.payload["new_worker"], "worker_id": item.payload["worker_id"], "uid": None}


def refreshed_at(conn: Connection) -> str | None:
    """When workers were last fetched from the server (the newer of the quick and the full refresh)."""
    marks = [cache.refreshed_at(conn, name) for name in REFRESH_MARKS]
    known = [mark for mark in marks if mark]
    return max(known) if known else None


def worker_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(W)).scalar() or 0)


# ------------------------------------------------------------------------------------------------ worker ids
def id_holders(conn: Connection, pending: list[Row] | None = None) -> dict[str, IdHolder]:
    """Every worker_id this computer knows to be in use, and by whom: the create form's "already taken" check."""
    holders = {
        row.worker_id: IdHolder(
            row.worker_id, row.data.get("first_name") or "", row.data.get("last_name") or "", row.data.get("hire_date")
        )
        for row in conn.execute(select(W.c.worker_id, W.c.data))
    }
    for row in pending if pending is not None else pending_workers(conn):
        data = row.data
        holders.setdefault(
            data["worker_id"],
            IdHolder(
                data["worker_id"],
                data.get("first_name") or "",
                data.get("last_name") or "",
                data.get("hire_date"),
                entry_id=row.entry.entry_id if row.entry else None,
            ),
        )
    return holders


# ------------------------------------------------------------------------------------------------ template options
def save_options(conn: Connection, options: Mapping[str, Any], fetched_at: str) -> None:
    kind, key = OPTIONS_DOCUMENT
    cache.save_document(conn, kind, key, dict(options), fetched_at)


def options(conn: Connection) -> tuple[OptionLists, str] | None:
    """The template options as last fetched, and when; None if they never were."""
    found = cache.document(conn, *OPTIONS_DOCUMENT)
    if found is None:
        return None
    data, fetched_at = found
    return OptionLists.from_json(data), fetched_at


def all_cached_workers(conn: Connection) -> list[dict[str, Any]]:
    return [row.data for row in conn.execute(select(W.c.data))]


# ------------------------------------------------------------------------------------------------ recent tallies
def worker_history(
    conn: Connection, worker_id: str, *, recent_sessions: int = RECENT_SESSIONS, limit: int = HISTORY_LIMIT
) -> list[SessionShare]:
    """The worker's share of their most recent sessions (newest first), pending records included."""
    session_ids = _sessions_with_cached_records(conn, worker_id, recent_sessions) | _sessions_in_outbox(conn, worker_id)
    shares: list[SessionShare] = []
    local_sessions: dict[str, SessionData] | None = None
    for session_ref in session_ids:
        session_id = views.resolve_session(conn, session_ref)
        session = cache.session(conn, session_id)
        if session is None and is_local_id(session_id):
            if local_sessions is None:  # opened here and not numbered by the server yet: the view knows it
                local_sessions = {row.data["session_id"]: row.data for row in views.sessions(conn, status="open")}
            session = local_sessions.get(session_id)
        if session is None:
            continue  # records of a session the cache no longer holds: nothing to show them against
        share = share_of(worker_id, session, views.session_ledger(conn, session_id))
        if share is not None:
            shares.append(share)
    return newest_first(shares)[:limit]


def _sessions_with_cached_records(conn: Connection, worker_id: str, recent_sessions: int) -> set[str]:
    # Through the recent sessions (indexed by session), not a scan of every record the cache holds.
    recent = select(S.c.session_id).order_by(S.c.opened_at.desc()).limit(recent_sessions).scalar_subquery()
    rows = conn.execute(select(R.c.session_id).where(R.c.session_id.in_(recent), R.c.worker_id == worker_id).distinct())
    return {row.session_id for row in rows}


def _sessions_in_outbox(conn: Connection, worker_id: str) -> set[str]:
    """Sessions holding this worker's records still on their way, or confirmed lately (the cache may lack them)."""
    newest = conn.execute(select(func.max(OUTBOX.c.seq))).scalar() or 0
    unfinished = [state.value for state in UNFINISHED]
    rows = conn.execute(
        select(func.json_extract(OUTBOX.c.payload, "$.session_id").label("session_id")).where(
            OUTBOX.c.kind.in_([EntryKind.CREATE_RECORD.value, EntryKind.VOID_RECORD.value]),
            or_(
                OUTBOX.c.state.in_(unfinished),
                and_(OUTBOX.c.state == EntryState.DONE.value, OUTBOX.c.seq > newest - RECENT_OUTBOX),
            ),
            func.json_extract(OUTBOX.c.payload, "$.worker_id") == worker_id,
        )
    )
    return {row.session_id for row in rows if row.session_id}
