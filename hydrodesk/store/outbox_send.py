"""Sending: planning a round, marking entries `sending`, recording what the server said, and its ids for ours.

Runs on the sync engine's hot path (a bulk batch of records at a time), so the batch statements speak SQL to the
driver directly (see outbox_model.driver).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from hydrodesk.domain.outbox import EntryKind, EntryState, Plan, PlanItem, check_move, plan_sendable, session_group
from hydrodesk.store.outbox_model import Delivered, L, OutboxItem, Outcome, Retry, T, driver
from hydrodesk.store.outbox_read import ALL_COLUMNS, item_from_tuple, json_list, require


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
    rows = driver(conn).execute(
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
            depends_on=json_list(depends_on),
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


def begin_sending(conn: Connection, entry_ids: Sequence[str], now: str) -> list[OutboxItem]:
    """Mark entries `sending` and return them (in seq order) with their payloads.

    Runs once per bulk batch on the sync hot path, so it speaks SQL to the driver directly (see outbox_model.driver).
    """
    sql = driver(conn)
    found: list[OutboxItem] = []
    for start in range(0, len(entry_ids), 500):
        chunk = list(entry_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        sql.execute(
            f"UPDATE outbox SET state = 'sending', updated_at = ?, attempts = attempts + 1 "
            f"WHERE state = 'queued' AND entry_id IN ({marks})",
            [now, *chunk],
        )
        rows = sql.execute(
            f"SELECT {', '.join(ALL_COLUMNS)} FROM outbox WHERE state = 'sending' AND entry_id IN ({marks}) "
            "ORDER BY seq",
            chunk,
        )
        found += [item_from_tuple(row) for row in rows]
    return found


# A record create's request body, written by SQLite from the payload it was enqueued with. The payload's values are
# already in wire form (hydrodesk.sync.payloads stores `NewRecord.model_dump(mode="json")`); only the names differ,
# and a missing idempotency key is left out (a merge patch with null drops it). Built from the payload at the
# moment of sending, it always says what the payload says, after an edit, a move or a local id replaced.
_RECORD_WIRE = (
    "json_patch(json_object("
    "'sessionId', json_extract(payload, '$.session_id'), "
    "'workerId', json_extract(payload, '$.worker_id'), "
    "'worker_name', json_extract(payload, '$.worker_name'), "
    "'units', coalesce(json_extract(payload, '$.units'), 1), "
    "'recordedAtUtc', json_extract(payload, '$.recorded_at_utc'), "
    "'clientEventId', json_extract(payload, '$.client_event_id')), "
    "json_object('idempotencyKey', json_extract(payload, '$.idempotency_key')))"
)
# What makes a payload safe to send as written: the checks NewRecord's validation would make, in SQL. A payload
# that fails any (a damaged or hand-edited one) is handed back as is, for the validating path to name its fault.
_RECORD_SENDABLE = (
    "json_type(payload, '$.session_id') = 'text' AND json_type(payload, '$.worker_id') = 'text' "
    "AND json_type(payload, '$.worker_name') = 'text' AND json_type(payload, '$.client_event_id') = 'text' "
    "AND coalesce(json_type(payload, '$.idempotency_key'), 'null') IN ('null', 'text') "
    "AND coalesce(json_type(payload, '$.units'), 'integer') IN ('integer', 'real') "
    "AND coalesce(json_extract(payload, '$.units'), 1) >= 0 "
    "AND json_extract(payload, '$.recorded_at_utc') GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'"
)
# `+state`: the batch's ids are looked up by their unique index. Left to itself the planner picks the state index
# instead and reads every queued entry for each batch: ten thousand entries after a day offline, twenty times over.
_IN_BATCH = "+state = 'sending' AND entry_id IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class RecordBatch:
    """A bulk batch of record creates, marked `sending`, ready for the wire.

    `entry_ids[i]` is the entry whose request body is the i-th element of `wire_json`, a JSON array of the
    records' bodies as the bulk endpoint takes them, already encoded. `unchecked` holds (entry id, payload) of
    the rare records whose payload failed the checks above; they are not in `wire_json`.
    """

    entry_ids: list[str]
    wire_json: str
    unchecked: list[tuple[str, dict[str, Any]]]


def begin_sending_records(conn: Connection, entry_ids: Sequence[str], now: str) -> RecordBatch:
    """Mark a bulk batch of record creates `sending`, and have SQLite write their request bodies.

    A handful of statements whatever the batch size, and no Python object per record: the ids go in as one JSON
    text and the bodies come out as one. Row by row, each step would hand the GIL back and forth with the event
    loop's thread, which under load costs more than the work itself; building a model per record cost the
    event loop more than the server took to store it.
    """
    ids = json.dumps(list(entry_ids))
    sql = driver(conn)
    sql.execute(
        "UPDATE outbox SET state = 'sending', updated_at = ?, attempts = attempts + 1 "
        "WHERE +state = 'queued' AND entry_id IN (SELECT value FROM json_each(?))",
        (now, ids),
    )
    # The inner ORDER BY fixes the order both arrays are aggregated in, so the i-th id and body belong together.
    sent_ids, wire_json = sql.execute(
        f"SELECT json_group_array(entry_id), json_group_array(json(body)) FROM ("
        f"SELECT entry_id, {_RECORD_WIRE} AS body FROM outbox WHERE {_IN_BATCH} AND {_RECORD_SENDABLE} "
        "ORDER BY seq)",
        (ids,),
    ).fetchone()
    unchecked = sql.execute(
        f"SELECT entry_id, payload FROM outbox WHERE {_IN_BATCH} AND NOT coalesce({_RECORD_SENDABLE}, 0) ORDER BY seq",
        (ids,),
    ).fetchall()
    return RecordBatch(
        json.loads(sent_ids), wire_json, [(entry_id, json.loads(payload)) for entry_id, payload in unchecked]
    )


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
    sql = driver(conn)
    if delivered:
        # A handful of statements for the whole batch, not one per entry (see begin_sending_payloads for why): the
        # answers go into a scratch table in one go, and the outbox is updated from it by its index.
        sql.execute("CREATE TEMP TABLE IF NOT EXISTS delivered (entry_id TEXT PRIMARY KEY, result TEXT NOT NULL)")
        sql.execute(
            "INSERT OR REPLACE INTO temp.delivered SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
            "FROM json_each(?)",
            (json.dumps(delivered),),
        )
        sql.execute(
            "UPDATE outbox SET state = 'done', updated_at = ?, reason = NULL, error_code = NULL, "
            "result = (SELECT result FROM temp.delivered WHERE delivered.entry_id = outbox.entry_id) "
            "WHERE entry_id IN (SELECT entry_id FROM temp.delivered) AND +state = 'sending'",
            (now,),
        )
        sql.execute("DELETE FROM temp.delivered")
    if requeued:
        sql.executemany(
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
