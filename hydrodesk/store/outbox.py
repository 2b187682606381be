"""The outbox table: adding entries, planning what to send, recording what the server said, and the user's choices.

Functions here take an open SQLAlchemy Connection inside a transaction and run on the database thread; the Store
(store.py) composes them into transactions. This module gathers the outbox's parts under one name, each with one
job:

- outbox_model: the entries, the server's possible answers (Delivered, Refused, Retry) and the errors;
- outbox_read: entries by id or key, lists and counts;
- outbox_add: new entries, and what each must wait for;
- outbox_send: planning a round, marking entries `sending`, noting answers, the server's ids for offline ones;
- outbox_choices: retry, discard, edit and move, as the user decides.
"""

from __future__ import annotations

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.outbox_add import add
from hydrodesk.store.outbox_choices import discard, edit, move_records, retry
from hydrodesk.store.outbox_model import (
    EDITABLE_FIELDS,
    SESSION_KINDS,
    Delivered,
    DuplicateEntry,
    L,
    NewEntry,
    OutboxError,
    OutboxItem,
    Outcome,
    Refused,
    Retry,
    T,
)
from hydrodesk.store.outbox_read import by_idem_key, counts, delivered_record, get, items, require, server_id_for
from hydrodesk.store.outbox_send import (
    RecordBatch,
    assign_server_id,
    begin_sending,
    begin_sending_records,
    finish,
    prepare_round,
    recover_interrupted,
)

__all__ = [
    "EDITABLE_FIELDS",
    "SESSION_KINDS",
    "Delivered",
    "DuplicateEntry",
    "EntryKind",
    "EntryState",
    "L",
    "NewEntry",
    "OutboxError",
    "OutboxItem",
    "Outcome",
    "RecordBatch",
    "Refused",
    "Retry",
    "T",
    "add",
    "assign_server_id",
    "begin_sending",
    "begin_sending_records",
    "by_idem_key",
    "counts",
    "delivered_record",
    "discard",
    "edit",
    "finish",
    "get",
    "items",
    "move_records",
    "prepare_round",
    "recover_interrupted",
    "require",
    "retry",
    "server_id_for",
]
