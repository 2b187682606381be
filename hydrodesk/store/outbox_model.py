"""What the outbox is made of: its entries as code sees them, what the server may say of one, and its errors.

The other outbox parts (outbox_read, outbox_add, outbox_send, outbox_choices) work on these; hydrodesk.store.outbox
gathers them under one name. Payload conventions (hydrodesk.sync.payloads writes them): references to other
things sit at the top level under snake_case names (`session_id`, `worker_id`, `target_event_id`), so the outbox
can see who waits for whom and rewrite a local session id when the server's arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind, EntryState, new_entry_id
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


def driver(conn: Connection) -> Any:
    """The sqlite3 connection under `conn`, in the same transaction.

    The hot paths (enqueueing, a bulk batch's bookkeeping) run a few statements per record; through the driver
    they cost a fifth of what SQLAlchemy's statement machinery does, which keeps a scanner burst and a drain fast.
    """
    return conn.connection.driver_connection
