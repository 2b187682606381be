"""The outbox table: adding entries, planning what to send, recording what the server said, and the user's choices.

Functions here take an open SQLAlchemy Connection inside a transaction and run on the database thread; the Store
(store.py) composes them into transactions. Payload conventions (hydrodesk.sync.payloads writes them): references
to other things sit at the top level under snake_case names (`session_id`, `worker_id`, `target_event_id`), so the
outbox can see who waits for whom and rewrite a local session id when the server's arrives.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, bindparam, func, select, update

from hydrodesk.domain.outbox import (
    ACTIVE_STATES,
    ATTENTION_STATES,
    EntryKind,
    EntryState,
    Plan,
    PlanItem,
    check_move,
    is_local_id,
    new_entry_id,
    plan_sendable,
    session_group,
    worker_group,
)
from hydrodesk.store.schema import LocalId, OutboxEntry

T = OutboxEntry.__table__
L = LocalId.__table__

# Kinds whose payload names a session (and so wait for it when it was opened offline).
SESSION_KINDS = frozenset(
    {
        EntryKind.UPDATE_SESSION,
        EntryKind.EXTEND_SESSION,
        EntryKind.CLOSE_SESSION,
        EntryKind.CREATE_RECORD,
        EntryKind.VOID_RECORD,
    }
)
# Fields a user may change when editing a stopped entry, by kind; ids fixed at creation are never editable.
EDITABLE_FIELDS: Mapping[EntryKind, frozenset[str]] = {
    EntryKind.CREATE_RECORD: frozenset({"worker_id", "worker_name", "units", "recorded_at_utc"}),
    EntryKind.VOID_RECORD: frozenset({"reason"}),
    EntryKind.CREATE_WORKER: frozenset({"worker_id", "new_worker"}),
    EntryKind.OPEN_SESSION: frozenset({"new_session"}),
    EntryKind.UPDATE_SESSION: frozenset({"update"}),
    EntryKind.EXTEND_SESSION: frozenset({"max_duration_hours"}),
    EntryKind.CLOSE_SESSION: frozenset({"close"}),
    EntryKind.SUBMIT_FORM: frozenset({"record"}),
    EntryKind.VALVE_COMMAND: frozenset({"command"}),
    EntryKind.START_PROGRAM: frozenset(),
    EntryKind.STOP_PROGRAM: frozenset(),
}


class OutboxError(ValueError):
    """A request about outbox entries that cannot be carried out (unknown entry, wrong state, bad edit)."""


class DuplicateEntry(OutboxError):
    """The same change (same kind and idempotency key) was enqueued twice: the first one stands."""


@dataclass(frozen=True)
class NewEntry:
    kind: EntryKind
    group: str
    idem_key: str
    payload: dict[str, Any]
    auth0_id: str
    created_at: str
    expires_at: str | None = None
    entry_id: str = field(default_factory=new_entry_id)


@dataclass(frozen=True)
class OutboxItem:
    """An outbox entry as the sync engine and the outbox view see it (a copy; changing it changes nothing)."""

    seq: int
    entry_id: str
    kind: EntryKind
    group: str
    idem_key: str
    auth0_id: str
    payload: dict[str, Any]
    depends_on: tuple[str, ...]
    state: EntryState
    attempts: int
    created_at: str
    updated_at: str
    expires_at: str | None
    reason: str | None
    error_code: str | None
    last_error: str | None
    blocked_by: str | None
    result: dict[str, Any] | None
    history: tuple[dict[str, Any], ...]

    @property
    def needs_attention(self) -> bool:
        return self.state in ATTENTION_STATES

    @property
    def pending(self) -> bool:
        return self.state in ACTIVE_STATES


# ------------------------------------------------------------------------------------------------ outcomes
@dataclass(frozen=True)
class Delivered:
    """The server has it (created now, or it had it already); `result` keeps the ids it assigned."""

    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Refused:
    """The server will not take it as it stands: failed, conflict (the user chooses) or expired."""

    state: EntryState
    reason: str
    code: str | None = None
    details: dict[str, Any] | None = None


@dataclass(frozen=True)
class Retry:
    """A transient failure: back to the queue, to be sent again with the same ids."""

    error: str


Outcome = Delivered | Refused | Retry


# ------------------------------------------------------------------------------------------------ reading
def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        seq=row.seq,
        entry_id=row.entry_id,
        kind=EntryKind(row.kind),
        group=row.entity_key,
        idem_key=row.idem_key,
        auth0_id=row.auth0_id,
        payload=row.payload,
        depends_on=tuple(row.depends_on or ()),
        state=EntryState(row.state),
        attempts=row.attempts,
        created_at=row.created_at,
        updated_at=row.updated_at,
        expires_at=row.expires_at,
        reason=row.reason,
        error_code=row.error_code,
        last_error=row.last_error,
        blocked_by=row.blocked_by,
        result=row.result,
        history=tuple(row.history or ()),
    )


def get(conn: Connection, entry_id: str) -> OutboxItem | None:
    row = conn.execute(select(T).where(T.c.entry_id == entry_id)).first()
    return None if row is None else _item(row)


def require(conn: Connection, entry_id: str) -> OutboxItem:
    item = get(conn, entry_id)
    if item is None:
        raise OutboxError(f"there is no outbox entry {entry_id}")
    return item


def items(
    conn: Connection,
    *,
    states: Iterable[EntryState] | None = None,
    kinds: Iterable[EntryKind] | None = None,
    group: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[OutboxItem]:
    query = select(T)
    if states is not None:
        query = query.where(T.c.state.in_([state.value for state in states]))
    if kinds is not None:
        query = query.where(T.c.kind.in_([kind.value for kind in kinds]))
    if group is not None:
        query = query.where(T.c.entity_key == group)
    query = query.order_by(T.c.seq.desc() if newest_first else T.c.seq)
    if limit is not None:
        query = query.limit(limit)
    return [_item(row) for row in conn.execute(query)]


def by_idem_key(conn: Connection, kind: EntryKind, idem_key: str) -> OutboxItem | None:
    row = conn.execute(select(T).where(T.c.kind == kind.value, T.c.idem_key == idem_key)).first()
    return None if row is None else _item(row)


def delivered_record(conn: Connection, record_id: str) -> OutboxItem | None:
    """The record create the server stored under `record_id` (a search: for rare user actions such as a void)."""
    row = conn.execute(
        select(T).where(
            T.c.kind == EntryKind.CREATE_RECORD.value,
            T.c.state == EntryState.DONE.value,
            func.json_extract(T.c.result, "$.record_id") == record_id,
        )
    ).first()
    return None if row is None else _item(row)


def counts(conn: Connection) -> dict[EntryState, int]:
    rows = _driver(conn).execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")
    found = {EntryState(state): number for state, number in rows}
    return {state: found.get(state, 0) for state in EntryState}


# ------------------------------------------------------------------------------------------------ adding
def server_id_for(conn: Connection, local_id: str) -> str | None:
    return conn.execute(select(L.c.server_id).where(L.c.local_id == local_id)).scalar()


def add(conn: Connection, entry: NewEntry) -> OutboxItem:
    """Store a new entry (in the caller's transaction), working out what it has to wait for."""
    payload = dict(entry.payload)
    group = entry.group
    depends: list[str] = []
    session_ref = payload.get("session_id")
    if entry.kind in SESSION_KINDS and isinstance(session_ref, str) and is_local_id(session_ref):
        server_id = server_id_for(conn, session_ref)
        if server_id is not None:
            # The view still knew the offline id of a session the server has numbered since: use the real one.
            payload["session_id"] = server_id
            group = session_group(server_id)
        else:
            opener = by_idem_key(conn, EntryKind.OPEN_SESSION, session_ref)
            if opener is None:
                raise OutboxError(f"no session {session_ref} was opened here")
            depends.append(opener.entry_id)
    if entry.kind is EntryKind.CREATE_RECORD:
        worker = _unfinished(conn, EntryKind.CREATE_WORKER, worker_group(str(payload.get("worker_id"))))
        if worker is not None:
            depends.append(worker)
    if entry.kind is EntryKind.VOID_RECORD and payload.get("target_event_id"):
        target = by_idem_key(conn, EntryKind.CREATE_RECORD, payload["target_event_id"])
        if target is not None and target.state is EntryState.DONE and target.result:
            payload["record_id"] = target.result.get("record_id")
        elif target is not None:
            depends.append(target.entry_id)
    seq = _insert_fast(conn, _new_row(entry, payload, group, depends))
    # Built from what was written rather than read back: enqueueing is the hot path of a busy office.
    return OutboxItem(
        seq=seq,
        entry_id=entry.entry_id,
        kind=entry.kind,
        group=group,
        idem_key=entry.idem_key,
        auth0_id=entry.auth0_id,
        payload=payload,
        depends_on=tuple(depends),
        state=EntryState.QUEUED,
        attempts=0,
        created_at=entry.created_at,
        updated_at=entry.created_at,
        expires_at=entry.expires_at,
        reason=None,
        error_code=None,
        last_error=None,
        blocked_by=None,
        result=None,
        history=(),
    )


_INSERT = T.insert()
_COLUMNS = (
    "entry_id",
    "kind",
    "entity_key",
    "idem_key",
    "auth0_id",
    "payload",
    "depends_on",
    "state",
    "attempts",
    "created_at",
    "updated_at",
    "expires_at",
    "history",
)
_JSON_COLUMNS = frozenset({"payload", "depends_on", "history"})
_INSERT_SQL = f"INSERT INTO outbox ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_UNFINISHED_SQL = (
    "SELECT entry_id FROM outbox WHERE entity_key = ? AND kind = ? AND state IN ({}) ORDER BY seq DESC LIMIT 1"
).format(", ".join(f"'{state.value}'" for state in sorted(ACTIVE_STATES | ATTENTION_STATES)))


def _driver(conn: Connection) -> Any:
    """The sqlite3 connection under `conn`, in the same transaction.

    Enqueueing runs two statements for every record an office types; through the driver they cost a fifth of
    what SQLAlchemy's statement machinery does, which is what keeps a scanner burst fast.
    """
    return conn.connection.driver_connection


def _insert_fast(conn: Connection, row: dict[str, Any]) -> int:
    values = [json.dumps(row[name]) if name in _JSON_COLUMNS else row[name] for name in _COLUMNS]
    try:
        return cast(int, _driver(conn).execute(_INSERT_SQL, values).lastrowid)  # set by a successful INSERT
    except sqlite3.IntegrityError:
        raise DuplicateEntry(f"the outbox holds a {row['kind']} with key {row['idem_key']} already") from None


def _new_row(entry: NewEntry, payload: dict[str, Any], group: str, depends: list[str]) -> dict[str, Any]:
    return {
        "entry_id": entry.entry_id,
        "kind": entry.kind.value,
        "entity_key": group,
        "idem_key": entry.idem_key,
        "auth0_id": entry.auth0_id,
        "payload": payload,
        "depends_on": depends,
        "state": EntryState.QUEUED.value,
        "attempts": 0,
        "created_at": entry.created_at,
        "updated_at": entry.created_at,
        "expires_at": entry.expires_at,
        "history": [],
    }


def _unfinished(conn: Connection, kind: EntryKind, group: str) -> str | None:
    """The newest entry of `kind` in `group` that has not reached the server (on its way or stopped)."""
    row = _driver(conn).execute(_UNFINISHED_SQL, (group, kind.value)).fetchone()
    return None if row is None else row[0]


# ------------------------------------------------------------------------------------------------ sending
def recover_interrupted(conn: Connection, now: str) -> int:
    """Entries left `sending` by a crash go back to the queue: resending them is safe (same ids)."""
    done = conn.execute(
        update(T)
        .where(T.c.state == EntryState.SENDING.value)
        .values(state=EntryState.QUEUED.value, updated_at=now, last_error="interrupted while sending")
    )
    return done.rowcount


def prepare_round(conn: Connection, auth0_id: str, now: str) -> Plan:
    """Expire overdue commands, stop entries whose dependency failed for good, and plan what to send now.

    A round starts with nothing on the wire, so anything still marked `sending` was cut off (a cancelled round,
    a failure nobody expected) and goes back to the queue first: no entry can be stranded half-sent.
    """
    recover_interrupted(conn, now)
    _expire_overdue(conn, now)
    for _ in range(20):  # blocking can cascade (a record behind a blocked record); the chain is short
        plan = _plan(conn, auth0_id)
        if not plan.blocked:
            return plan
        for item, dead in plan.blocked:
            dependency = require(conn, dead)
            reason = f"waits for a change that did not go through ({dependency.kind.value}: {dependency.state.value})"
            _move(conn, item.entry_id, item.state, EntryState.CONFLICT, now, reason=reason, blocked_by=dead)
    return _plan(conn, auth0_id)


def _plan(conn: Connection, auth0_id: str) -> Plan:
    # Every active entry is read on each planning round (ten thousand after a long day offline): straight to the
    # driver, and no JSON parsing for the usual empty dependency list.
    rows = _driver(conn).execute(
        "SELECT seq, entry_id, kind, entity_key, state, depends_on FROM outbox "
        "WHERE state IN ('queued', 'sending') AND auth0_id = ? ORDER BY seq",
        (auth0_id,),
    )
    kinds = {kind.value: kind for kind in EntryKind}
    states_by_name = {state.value: state for state in EntryState}
    active = [
        PlanItem(
            seq=seq,
            entry_id=entry_id,
            kind=kinds[kind],
            group=group,
            state=states_by_name[state],
            depends_on=_json_list(depends_on),
        )
        for seq, entry_id, kind, group, state, depends_on in rows
    ]
    wanted = {dep for item in active for dep in item.depends_on}
    states: dict[str, EntryState] = {}
    wanted_list = sorted(wanted)
    for start in range(0, len(wanted_list), 500):
        chunk = wanted_list[start : start + 500]
        for entry_id, state in conn.execute(select(T.c.entry_id, T.c.state).where(T.c.entry_id.in_(chunk))):
            states[entry_id] = EntryState(state)
    return plan_sendable(active, states)


def _expire_overdue(conn: Connection, now: str) -> None:
    overdue = conn.execute(
        select(T.c.entry_id, T.c.expires_at).where(
            T.c.state == EntryState.QUEUED.value, T.c.expires_at.is_not(None), T.c.expires_at <= now
        )
    ).all()
    for entry_id, expires_at in overdue:
        reason = f"not sent: it expired at {expires_at} before the server could be reached"
        _move(conn, entry_id, EntryState.QUEUED, EntryState.EXPIRED, now, reason=reason)


_ALL_COLUMNS = (
    "seq",
    "entry_id",
    "kind",
    "entity_key",
    "idem_key",
    "auth0_id",
    "payload",
    "depends_on",
    "state",
    "attempts",
    "created_at",
    "updated_at",
    "expires_at",
    "reason",
    "error_code",
    "last_error",
    "blocked_by",
    "result",
    "history",
)


def _json_list(text: str | None) -> tuple[Any, ...]:
    # Most entries have no dependencies and no history: skip the parser for the empty list.
    return () if text is None or text == "[]" else tuple(json.loads(text))


def _item_from_tuple(row: Sequence[Any]) -> OutboxItem:
    (seq, entry_id, kind, group, idem_key, auth0_id, payload, depends_on, state, attempts, created_at, updated_at,
     expires_at, reason, error_code, last_error, blocked_by, result, history) = row  # fmt: skip
    return OutboxItem(
        seq=seq,
        entry_id=entry_id,
        kind=EntryKind(kind),
        group=group,
        idem_key=idem_key,
        auth0_id=auth0_id,
        payload=json.loads(payload),
        depends_on=_json_list(depends_on),
        state=EntryState(state),
        attempts=attempts,
        created_at=created_at,
        updated_at=updated_at,
        expires_at=expires_at,
        reason=reason,
        error_code=error_code,
        last_error=last_error,
        blocked_by=blocked_by,
        result=None if result is None else json.loads(result),
        history=_json_list(history),
    )


def begin_sending(conn: Connection, entry_ids: Sequence[str], now: str) -> list[OutboxItem]:
    """Mark entries `sending` and return them (in seq order) with their payloads.

    Runs once per bulk batch on the sync hot path, so it speaks SQL to the driver directly (see `_driver`).
    """
    driver = _driver(conn)
    found: list[OutboxItem] = []
    for start in range(0, len(entry_ids), 500):
        chunk = list(entry_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        driver.execute(
            f"UPDATE outbox SET state = 'sending', updated_at = ?, attempts = attempts + 1 "
            f"WHERE state = 'queued' AND entry_id IN ({marks})",
            [now, *chunk],
        )
        rows = driver.execute(
            f"SELECT {', '.join(_ALL_COLUMNS)} FROM outbox WHERE state = 'sending' AND entry_id IN ({marks}) "
            "ORDER BY seq",
            chunk,
        )
        found += [_item_from_tuple(row) for row in rows]
    return found


def begin_sending_payloads(conn: Connection, entry_ids: Sequence[str], now: str) -> list[tuple[str, dict[str, Any]]]:
    """Like `begin_sending`, but only (entry id, payload) pairs: what a bulk batch of records needs, for less.

    The ids go in, and the payloads come out, as one JSON text each: two statements whatever the batch size. Row
    by row, each step would hand the GIL back and forth with the event loop's thread, which under load costs
    more than the work itself.
    """
    ids = json.dumps(list(entry_ids))
    driver = _driver(conn)
    driver.execute(
        "UPDATE outbox SET state = 'sending', updated_at = ?, attempts = attempts + 1 "
        "WHERE state = 'queued' AND entry_id IN (SELECT value FROM json_each(?))",
        (now, ids),
    )
    (found,) = driver.execute(
        "SELECT json_group_array(json_array(seq, entry_id, json(payload))) FROM outbox "
        "WHERE state = 'sending' AND entry_id IN (SELECT value FROM json_each(?))",
        (ids,),
    ).fetchone()
    rows = sorted(json.loads(found), key=lambda row: row[0])
    return [(entry_id, payload) for _, entry_id, payload in rows]


def finish(conn: Connection, outcomes: Mapping[str, Outcome], now: str) -> None:
    """Record what became of entries that were `sending`."""
    delivered, requeued, refused = [], [], []
    for entry_id, outcome in outcomes.items():
        if isinstance(outcome, Delivered):
            delivered.append((entry_id, outcome.result))
        elif isinstance(outcome, Retry):
            requeued.append((outcome.error[:2000], now, entry_id))
        else:
            refused.append((entry_id, outcome))
    driver = _driver(conn)
    if delivered:
        # A handful of statements for the whole batch, not one per entry (see begin_sending_payloads for why): the
        # answers go into a scratch table in one go, and the outbox is updated from it by its index.
        driver.execute("CREATE TEMP TABLE IF NOT EXISTS delivered (entry_id TEXT PRIMARY KEY, result TEXT NOT NULL)")
        driver.execute(
            "INSERT OR REPLACE INTO temp.delivered SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
            "FROM json_each(?)",
            (json.dumps(delivered),),
        )
        driver.execute(
            "UPDATE outbox SET state = 'done', updated_at = ?, reason = NULL, error_code = NULL, "
            "result = (SELECT result FROM temp.delivered WHERE delivered.entry_id = outbox.entry_id) "
            "WHERE entry_id IN (SELECT entry_id FROM temp.delivered) AND state = 'sending'",
            (now,),
        )
        driver.execute("DELETE FROM temp.delivered")
    if requeued:
        driver.executemany(
            "UPDATE outbox SET state = 'queued', last_error = ?, updated_at = ? "
            "WHERE entry_id = ? AND state = 'sending'",
            requeued,
        )
    for entry_id, outcome in refused:
        _move(
            conn,
            entry_id,
            EntryState.SENDING,
            outcome.state,
            now,
            reason=outcome.reason,
            code=outcome.code,
            result=outcome.details,
        )


def _move(
    conn: Connection,
    entry_id: str,
    current: EntryState,
    target: EntryState,
    now: str,
    *,
    reason: str | None = None,
    code: str | None = None,
    blocked_by: str | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    check_move(current, target)
    values: dict[str, Any] = {"state": target.value, "updated_at": now, "reason": reason, "error_code": code}
    if blocked_by is not None:
        values["blocked_by"] = blocked_by
    if result is not None:
        values["result"] = result
    conn.execute(update(T).where(T.c.entry_id == entry_id, T.c.state == current.value).values(**values))


# ------------------------------------------------------------------------------------------------ local ids
def assign_server_id(conn: Connection, local_id: str, server_id: str, kind: str, now: str) -> int:
    """The server numbered something made offline: remember it and point every waiting entry at the real id."""
    conn.execute(L.delete().where(L.c.local_id == local_id))
    conn.execute(L.insert().values(local_id=local_id, kind=kind, server_id=server_id, assigned_at=now))
    return _repoint_session(conn, session_group(local_id), server_id, now)


def _repoint_session(conn: Connection, old_group: str, session_id: str, now: str) -> int:
    rows = conn.execute(
        select(T.c.entry_id, T.c.payload).where(
            T.c.entity_key == old_group,
            T.c.state.not_in([EntryState.DONE.value, EntryState.DISCARDED.value]),
            T.c.kind != EntryKind.OPEN_SESSION.value,
        )
    ).all()
    changes = [
        {
            "b_id": row.entry_id,
            "b_payload": {**row.payload, "session_id": session_id},
            "b_group": session_group(session_id),
            "b_now": now,
        }
        for row in rows
    ]
    if changes:
        conn.execute(
            update(T)
            .where(T.c.entry_id == bindparam("b_id"))
            .values(payload=bindparam("b_payload"), entity_key=bindparam("b_group"), updated_at=bindparam("b_now")),
            changes,
        )
    return len(changes)


# ------------------------------------------------------------------------------------------------ the user's choices
def _decide(
    conn: Connection, item: OutboxItem, target: EntryState, now: str, action: str, note: str | None, **values: Any
) -> None:
    check_move(item.state, target)
    history = [*item.history, {"at": now, "action": action, "note": note, "from": item.state.value}]
    conn.execute(
        update(T)
        .where(T.c.entry_id == item.entry_id, T.c.state == item.state.value)
        .values(state=target.value, updated_at=now, history=history, **values)
    )


def retry(conn: Connection, entry_ids: Iterable[str], now: str) -> list[str]:
    """Send stopped entries again as they are; entries they held up go back to the queue with them."""
    requeued: list[str] = []
    for entry_id in entry_ids:
        item = require(conn, entry_id)
        if item.state not in ATTENTION_STATES:
            raise OutboxError(f"entry {entry_id} is {item.state.value}; only failed, conflict or expired entries retry")
        _decide(conn, item, EntryState.QUEUED, now, "retry", None, reason=None, error_code=None, blocked_by=None)
        requeued.append(entry_id)
        requeued += _release_blocked(conn, entry_id, now)
    return requeued


def _release_blocked(conn: Connection, entry_id: str, now: str) -> list[str]:
    released: list[str] = []
    rows = conn.execute(select(T).where(T.c.blocked_by == entry_id, T.c.state == EntryState.CONFLICT.value)).all()
    for row in rows:
        item = _item(row)
        _decide(conn, item, EntryState.QUEUED, now, "retry", "its dependency is retried", blocked_by=None, reason=None)
        released.append(item.entry_id)
        released += _release_blocked(conn, item.entry_id, now)
    return released


def discard(conn: Connection, entry_ids: Iterable[str], reason: str, now: str) -> None:
    """Give up on stopped (or still queued) entries, keeping them and the user's reason as history."""
    if not reason.strip():
        raise OutboxError("discarding a change needs a reason")
    for entry_id in entry_ids:
        item = require(conn, entry_id)
        if item.state not in ATTENTION_STATES and item.state is not EntryState.QUEUED:
            raise OutboxError(f"entry {entry_id} is {item.state.value} and cannot be discarded")
        _decide(conn, item, EntryState.DISCARDED, now, "discard", reason.strip())


def edit(conn: Connection, entry_id: str, changes: Mapping[str, Any], now: str) -> OutboxItem:
    """Change what a stopped entry says and queue it again; its idempotency ids stay as they were."""
    item = require(conn, entry_id)
    if item.state not in ATTENTION_STATES:
        raise OutboxError(
            f"entry {entry_id} is {item.state.value}; only failed, conflict or expired entries can be edited"
        )
    allowed = EDITABLE_FIELDS[item.kind]
    refused = sorted(set(changes) - allowed)
    if refused:
        raise OutboxError(f"{item.kind.value} entries cannot change {', '.join(refused)}")
    payload = {**item.payload, **changes}
    values: dict[str, Any] = {"payload": payload, "reason": None, "error_code": None, "blocked_by": None}
    if item.kind is EntryKind.CREATE_WORKER and changes.get(
        "worker_id", item.payload.get("worker_id")
    ) != item.payload.get("worker_id"):
        values["entity_key"] = f"worker:{changes['worker_id']}"
        _rename_worker_in_dependents(conn, item, changes["worker_id"], now)
    if "expires_at" in changes.get("command", {}):
        values["expires_at"] = changes["command"]["expires_at"]
    _decide(conn, item, EntryState.QUEUED, now, "edit", ", ".join(sorted(changes)), **values)
    _release_blocked(conn, entry_id, now)
    return require(conn, entry_id)


def _rename_worker_in_dependents(conn: Connection, worker_entry: OutboxItem, new_worker_id: str, now: str) -> None:
    # Records made for the worker while offline carry the worker_id computed then; it follows the corrected one.
    rows = conn.execute(
        select(T).where(T.c.kind == EntryKind.CREATE_RECORD.value, T.c.state.not_in(["done", "discarded"]))
    ).all()
    for row in rows:
        item = _item(row)
        if worker_entry.entry_id in item.depends_on:
            conn.execute(
                update(T)
                .where(T.c.entry_id == item.entry_id)
                .values(payload={**item.payload, "worker_id": new_worker_id}, updated_at=now)
            )


def move_records(conn: Connection, entry_ids: Iterable[str], session_id: str, now: str) -> None:
    """Send stopped record creates (or voids) to another session instead: the one still open, for instance."""
    for entry_id in entry_ids:
        item = require(conn, entry_id)
        if item.kind not in (EntryKind.CREATE_RECORD, EntryKind.VOID_RECORD):
            raise OutboxError(f"entry {entry_id} is a {item.kind.value}; only records move between sessions")
        if item.state not in ATTENTION_STATES:
            raise OutboxError(f"entry {entry_id} is {item.state.value}; only stopped records can be moved")
        target = session_id
        depends = [dep for dep in item.depends_on if not _is_opener_of(conn, dep, item.payload.get("session_id"))]
        if is_local_id(target):
            mapped = server_id_for(conn, target)
            if mapped is not None:
                target = mapped
            else:
                opener = by_idem_key(conn, EntryKind.OPEN_SESSION, target)
                if opener is None:
                    raise OutboxError(f"no session {target} was opened here")
                depends.append(opener.entry_id)
        _decide(
            conn,
            item,
            EntryState.QUEUED,
            now,
            "move",
            f"to session {target}",
            payload={**item.payload, "session_id": target},
            entity_key=session_group(target),
            depends_on=depends,
            reason=None,
            error_code=None,
            blocked_by=None,
        )


def _is_opener_of(conn: Connection, entry_id: str, session_ref: Any) -> bool:
    dependency = get(conn, entry_id)
    return dependency is not None and dependency.kind is EntryKind.OPEN_SESSION and dependency.idem_key == session_ref
