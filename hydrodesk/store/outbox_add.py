"""Adding entries to the outbox: working out what each waits for, and the fast insert of the enqueue hot path."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from sqlalchemy import Connection

from hydrodesk.domain.outbox import (
    ACTIVE_STATES,
    ATTENTION_STATES,
    EntryKind,
    EntryState,
    is_local_id,
    session_group,
    worker_group,
)
from hydrodesk.store.outbox_model import SESSION_KINDS, DuplicateEntry, NewEntry, OutboxError, OutboxItem, driver
from hydrodesk.store.outbox_read import by_idem_key, server_id_for


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


def _insert_fast(conn: Connection, row: dict[str, Any]) -> int:
    values = [json.dumps(row[name]) if name in _JSON_COLUMNS else row[name] for name in _COLUMNS]
    try:
        return cast(int, driver(conn).execute(_INSERT_SQL, values).lastrowid)  # set by a successful INSERT
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
    row = driver(conn).execute(_UNFINISHED_SQL, (group, kind.value)).fetchone()
    return None if row is None else row[0]
