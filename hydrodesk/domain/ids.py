"""Idempotency values for writes: made once when the user acts, stored, and reused on every retry.

Pure functions, no I/O. A retry after a lost response must carry the very same ids, so callers create these when
the user acts (before any network call) and keep them with the pending write.
"""

from __future__ import annotations

import uuid

CLIENT_EVENT_PREFIX = "evt_"


def new_client_event_id() -> str:
    """A fresh `clientEventId` for a production record, e.g. `evt_3f2a...` (32 hex digits)."""
    return CLIENT_EVENT_PREFIX + uuid.uuid4().hex


def new_idempotency_key() -> str:
    """A fresh optional `idempotencyKey` to send beside the clientEventId."""
    return "hydrodesk-" + uuid.uuid4().hex


def new_command_id() -> str:
    """A fresh irrigation `commandId`: a UUID, as the provisional contract asks."""
    return str(uuid.uuid4())


def record_idempotency_key(session_id: str, worker_id: str, client_event_id: str) -> str:
    """The key the server files a record under: `client:{sessionId}:{workerId}:{clientEventId}`.

    This is what HEAD /records/check-idempotency takes, so a client that lost a response can ask whether the
    record it sent was stored.
    """
    for name, value in (("session_id", session_id), ("worker_id", worker_id), ("client_event_id", client_event_id)):
        if not value:
            raise ValueError(f"{name} must not be empty")
    return f"client:{session_id}:{worker_id}:{client_event_id}"
