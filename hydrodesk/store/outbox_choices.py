"""The user's choices about stopped entries: retry, discard, edit, move records to another session.

Each choice is kept in the entry's history (when, what, why); ids fixed at creation never change, so whatever the
user decides, the server sees the same change at most once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select, update

from hydrodesk.domain.outbox import ATTENTION_STATES, EntryKind, EntryState, check_move, is_local_id, session_group
from hydrodesk.store.outbox_model import EDITABLE_FIELDS, OutboxError, OutboxItem, T
from hydrodesk.store.outbox_read import by_idem_key, get, item_from_row, require, server_id_for


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
        item = item_from_row(row)
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
        item = item_from_row(row)
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
