"""How each kind of change is written into the outbox, and read back into the client's request models.

A payload is JSON with the request model's attribute names (`NewRecord.model_dump(mode="json")`), so it
round-trips through `model_validate` unchanged, plus top-level references the outbox understands (`session_id`,
`worker_id`, `target_event_id`; see hydrodesk.store.outbox). The idempotency value of every change (clientEventId,
commandId) is made here, when the user acts, and stored with it; every retry reuses it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from hydrodesk.api.models import (
    FormRecord,
    NewRecord,
    NewSession,
    NewWorker,
    ProgramCommand,
    SessionClose,
    SessionUpdate,
    ValveCommand,
)
from hydrodesk.domain.ids import new_client_event_id, new_idempotency_key
from hydrodesk.domain.outbox import (
    EntryKind,
    form_group,
    new_entry_id,
    new_local_id,
    program_group,
    session_group,
    valve_group,
    worker_group,
)
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.domain.workers import make_worker_id
from hydrodesk.store.outbox import NewEntry


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


def record_entry(record: NewRecord, *, auth0_id: str, now: datetime) -> NewEntry:
    payload = dump(record)
    if record.idempotency_key is None:
        # Sent beside the clientEventId: the server also deduplicates on it, across sessions, which keeps a record
        # that was moved to another session after a conflict from ever counting twice.
        payload["idempotency_key"] = new_idempotency_key()
    return NewEntry(
        kind=EntryKind.CREATE_RECORD,
        group=session_group(record.session_id),
        idem_key=record.client_event_id,
        payload=payload,
        auth0_id=auth0_id,
        created_at=utc_text(now),
    )


def void_entry(
    *,
    session_id: str,
    reason: str,
    record_id: str | None,
    target_event_id: str | None,
    worker_id: str,
    worker_name: str,
    units: float,
    auth0_id: str,
    now: datetime,
) -> NewEntry:
    target = record_id or target_event_id
    if target is None:
        raise ValueError("a void names the record it cancels (its id, or its clientEventId while pending)")
    payload = {
        "session_id": session_id,
        "record_id": record_id,
        "target_event_id": target_event_id,
        "reason": reason,
        # Kept for the tally and the outbox view while the void is pending.
        "worker_id": worker_id,
        "worker_name": worker_name,
        "units": units,
    }
    return NewEntry(
        kind=EntryKind.VOID_RECORD,
        group=session_group(session_id),
        idem_key=f"void:{target}",
        payload=payload,
        auth0_id=auth0_id,
        created_at=utc_text(now),
    )


def open_session_entry(new: NewSession, *, auth0_id: str, now: datetime) -> NewEntry:
    local_id = new_local_id()
    return NewEntry(
        kind=EntryKind.OPEN_SESSION,
        group=session_group(local_id),
        idem_key=local_id,
        payload={"local_id": local_id, "new_session": dump(new)},
        auth0_id=auth0_id,
        created_at=utc_text(now),
    )


def update_session_entry(session_id: str, update: SessionUpdate, *, auth0_id: str, now: datetime) -> NewEntry:
    return _session_entry(EntryKind.UPDATE_SESSION, session_id, {"update": dump(update)}, auth0_id, now)


def extend_session_entry(session_id: str, hours: int, *, auth0_id: str, now: datetime) -> NewEntry:
    return _session_entry(EntryKind.EXTEND_SESSION, session_id, {"max_duration_hours": hours}, auth0_id, now)


def close_session_entry(session_id: str, close: SessionClose, *, auth0_id: str, now: datetime) -> NewEntry:
    return _session_entry(EntryKind.CLOSE_SESSION, session_id, {"close": dump(close)}, auth0_id, now)


def _session_entry(kind: EntryKind, session_id: str, fields: dict[str, Any], auth0_id: str, now: datetime) -> NewEntry:
    entry_id = new_entry_id()
    return NewEntry(
        kind=kind,
        group=session_group(session_id),
        idem_key=entry_id,
        payload={"session_id": session_id, **fields},
        auth0_id=auth0_id,
        created_at=utc_text(now),
        entry_id=entry_id,
    )


def worker_entry(worker: NewWorker, *, auth0_id: str, now: datetime) -> NewEntry:
    worker_id = make_worker_id(worker.first_name, worker.last_name, worker.hire_date)
    entry_id = new_entry_id()
    return NewEntry(
        kind=EntryKind.CREATE_WORKER,
        group=worker_group(worker_id),
        idem_key=entry_id,
        payload={"worker_id": worker_id, "new_worker": dump(worker)},
        auth0_id=auth0_id,
        created_at=utc_text(now),
        entry_id=entry_id,
    )


def form_entry(
    record: FormRecord, *, auth0_id: str, now: datetime, form_name: str | None = None, place: str | None = None
) -> NewEntry:
    """A form submission. Its clientEventId sits at the top level too, where an edit of the record cannot reach it:
    every try, edited or not, is the same submission to the server."""
    client_event_id = record.client_event_id or new_client_event_id()
    record = record.model_copy(update={"client_event_id": client_event_id})
    payload: dict[str, Any] = {"form_id": record.form_id, "client_event_id": client_event_id, "record": dump(record)}
    # In the user's words, for the outbox and the history: the form's name and where it was filled in.
    if form_name:
        payload["form_name"] = form_name
    if place:
        payload["place"] = place
    return NewEntry(
        kind=EntryKind.SUBMIT_FORM,
        group=form_group(record.form_id),
        idem_key=client_event_id,
        payload=payload,
        auth0_id=auth0_id,
        created_at=utc_text(now),
    )


def valve_entry(valve_id: str, command: ValveCommand, *, auth0_id: str, now: datetime) -> NewEntry:
    return NewEntry(
        kind=EntryKind.VALVE_COMMAND,
        group=valve_group(valve_id),
        idem_key=command.command_id,
        payload={"valve_id": valve_id, "command": dump(command)},
        auth0_id=auth0_id,
        created_at=utc_text(now),
        expires_at=None if command.expires_at is None else utc_text(command.expires_at),
    )


def program_entry(
    kind: EntryKind, program_id: str, command: ProgramCommand, expires_at: datetime, *, auth0_id: str, now: datetime
) -> NewEntry:
    if kind not in (EntryKind.START_PROGRAM, EntryKind.STOP_PROGRAM):
        raise ValueError(f"{kind} is not a program command")
    return NewEntry(
        kind=kind,
        group=program_group(program_id),
        idem_key=command.command_id,
        payload={"program_id": program_id, "command": dump(command)},
        auth0_id=auth0_id,
        created_at=utc_text(now),
        expires_at=utc_text(expires_at),
    )


# ------------------------------------------------------------------------------------------------ reading back
_RECORD_FIELDS = (
    "session_id",
    "worker_id",
    "worker_name",
    "units",
    "recorded_at_utc",
    "client_event_id",
    "idempotency_key",
)


def new_record(payload: dict[str, Any]) -> NewRecord:
    return NewRecord.model_validate({key: payload[key] for key in _RECORD_FIELDS if key in payload})


def new_session(payload: dict[str, Any]) -> NewSession:
    return NewSession.model_validate(payload["new_session"])


def session_update(payload: dict[str, Any]) -> SessionUpdate:
    return SessionUpdate.model_validate(payload["update"])


def session_close(payload: dict[str, Any]) -> SessionClose:
    return SessionClose.model_validate(payload.get("close") or {})


def new_worker(payload: dict[str, Any]) -> NewWorker:
    return NewWorker.model_validate(payload["new_worker"])


def form_record(payload: dict[str, Any]) -> FormRecord:
    record = FormRecord.model_validate(payload["record"])
    fixed = payload.get("client_event_id")
    if fixed and record.client_event_id != fixed:
        record = record.model_copy(update={"client_event_id": fixed})
    return record


def valve_command(payload: dict[str, Any]) -> ValveCommand:
    return ValveCommand.model_validate(payload["command"])


def program_command(payload: dict[str, Any]) -> ProgramCommand:
    return ProgramCommand.model_validate(payload["command"])
