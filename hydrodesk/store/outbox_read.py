"""Reading outbox entries: one by id or key, lists for the outbox view, counts for the status bar."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.outbox_model import L, OutboxError, OutboxItem, T, driver


def item_from_row(row: Any) -> OutboxItem:
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
    return None if row is None else item_from_row(row)


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
    return [item_from_row(row) for row in conn.execute(query)]


def by_idem_key(conn: Connection, kind: EntryKind, idem_key: str) -> OutboxItem | None:
    row = conn.execute(select(T).where(T.c.kind == kind.value, T.c.idem_key == idem_key)).first()
    return None if row is None else item_from_row(row)


def delivered_record(conn: Connection, record_id: str) -> OutboxItem | None:
    """The record create the server stored under `record_id` (a search: for rare user actions such as a void)."""
    row = conn.execute(
        select(T).where(
            T.c.kind == EntryKind.CREATE_RECORD.value,
            T.c.state == EntryState.DONE.value,
            func.json_extract(T.c.result, "$.record_id") == record_id,
        )
    ).first()
    return None if row is None else item_from_row(row)


def counts(conn: Connection) -> dict[EntryState, int]:
    rows = driver(conn).execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")
    found = {EntryState(state): number for state, number in rows}
    return {state: found.get(state, 0) for state in EntryState}


def server_id_for(conn: Connection, local_id: str) -> str | None:
    return conn.execute(select(L.c.server_id).where(L.c.local_id == local_id)).scalar()


ALL_COLUMNS = (
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


def json_list(text: str | None) -> tuple[Any, ...]:
    # Most entries have no dependencies and no history: skip the parser for the empty list.
    return () if text is None or text == "[]" else tuple(json.loads(text))


def item_from_tuple(row: Sequence[Any]) -> OutboxItem:
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
        depends_on=json_list(depends_on),
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
        history=json_list(history),
    )
