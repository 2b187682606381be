"""Sending outbox entries: records in bulk, everything else one request per entry.

Each sender returns a WriteBack: what became of the entries, and what the server sent back for the cache (the
session it opened, the worker it created, the records it stored), so the store can note both in one commit. A
transient failure is returned too (`interruption`), after the entries concerned were marked for another try.

Three operations are not idempotent on the server, so a retry after a lost reply is checked against the server's
state instead of being trusted blindly: opening a session (a 409 "already open" for a session we own, opened at the
very instant we asked, is ours), closing one (a 409 on a session that is closed is our close), and extending one
(a 400 because the session is already that long is our extension).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.errors import ApiError, Conflict, ValidationFailed
from hydrodesk.api.models import NewSession, Session
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.sessions import session_day
from hydrodesk.domain.shutdown import ShuttingDown, is_client_bug
from hydrodesk.domain.timestamps import parse_utc_text
from hydrodesk.store.outbox import Delivered, OutboxItem, Outcome, RecordBatch, Refused, Retry
from hydrodesk.sync import payloads
from hydrodesk.sync.outcomes import SyncInterrupted, bulk_item_outcome, interruption, refusal
from hydrodesk.sync.status import ProblemKind, SyncProblem

log = logging.getLogger(__name__)

INTERNAL_ERROR_CODE = "internal_error"  # the error code of an entry parked by a bug in HydroDesk


@dataclass
class WriteBack:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)
    workers: list[dict[str, Any]] = field(default_factory=list)
    server_ids: list[tuple[str, str]] = field(default_factory=list)
    session_patches: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    record_patches: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    interruption: SyncInterrupted | None = None
    shrink_batches: bool = False  # the server refused the batch as a whole (too big): send smaller ones


def _unexpected(error: Exception, entry_ids: Sequence[str], back: WriteBack) -> None:
    """A failure no rule covers. A bug in our own code parks the entries (retrying would meet it again, for ever)
    and says so as an internal error; anything else (an OS error, say) is logged and retried like a transient one.
    Shutting down is not a failure: it goes up to the engine, which stops."""
    if isinstance(error, ShuttingDown):
        raise error
    if is_client_bug(error):
        log.error("a bug in HydroDesk stopped %d outbox entries from being sent", len(entry_ids), exc_info=error)
        detail = f"{type(error).__name__}: {error}"
        parked = Refused(
            EntryState.FAILED,
            f"HydroDesk hit an internal error while sending this change ({detail}); it is kept here, not sent. "
            "Please report it; after an update, retry it.",
            INTERNAL_ERROR_CODE,
        )
        back.outcomes.update({entry_id: parked for entry_id in entry_ids})
        back.interruption = SyncInterrupted(
            SyncProblem(ProblemKind.INTERNAL_ERROR, "HydroDesk hit an internal error while syncing.", detail)
        )
        return
    log.error("sending outbox entries failed unexpectedly", exc_info=error)
    back.outcomes.update({entry_id: Retry(str(error)) for entry_id in entry_ids})
    back.interruption = SyncInterrupted(
        SyncProblem(
            ProblemKind.SERVER_ERROR,
            "HydroDesk ran into an unexpected problem while syncing; it will try again.",
            f"{type(error).__name__}: {error}",
        )
    )


def _unsendable(error: ValidationError) -> Refused:
    problems = "; ".join(str(err["msg"]) for err in error.errors(include_input=False, include_url=False)[:3])
    return Refused(EntryState.FAILED, f"This change can no longer be sent as it stands: {problems}", "invalid_payload")


# ------------------------------------------------------------------------------------------------ records
async def send_records(client: HydrobitClient, batch: RecordBatch) -> WriteBack:
    """One bulk request for a batch of record creates, their bodies as the store wrote them (no model per record)."""
    back = WriteBack()
    entry_ids, records_json = list(batch.entry_ids), batch.wire_json
    if batch.unchecked:
        # Payloads that failed the store's checks (rare): validated here, so a bad one is refused with its reason.
        extra: list[dict[str, Any]] = []
        for entry_id, payload in batch.unchecked:
            try:
                extra.append(payloads.new_record(payload).to_wire())
            except ValidationError as error:
                back.outcomes[entry_id] = _unsendable(error)
                continue
            entry_ids.append(entry_id)
        records_json = json.dumps(json.loads(records_json) + extra)
    if not entry_ids:
        return back
    try:
        results = await client.bulk_create_encoded(records_json)
    except Exception as error:
        if not isinstance(error, ApiError):
            _unexpected(error, entry_ids, back)
            return back
        if isinstance(error, ValidationFailed) and len(entry_ids) > 1:
            # Refused as a whole (too many, too large): nothing was stored; smaller batches will tell which.
            back.shrink_batches = True
            refused: Refused | None = None
        else:
            refused = refusal(error, EntryKind.CREATE_RECORD)
        for entry_id in entry_ids:
            back.outcomes[entry_id] = refused or Retry(str(error))
        if refused is None and not back.shrink_batches:
            back.interruption = interruption(error)
        return back
    by_index = {result_item.index: result_item for result_item in results}
    server_trouble = 0
    for index, entry_id in enumerate(entry_ids):
        result_item = by_index.get(index)
        outcome: Outcome = Retry("the bulk reply had no result for this record")
        if result_item is not None:
            outcome = bulk_item_outcome(result_item)
        back.outcomes[entry_id] = outcome
        # A confirmed record is not copied into the cache here: its done entry counts as confirmed in the views
        # until a refresh brings the server's copy, which merges with it by clientEventId. One write fewer per
        # record keeps sync as fast as the network allows.
        if isinstance(outcome, Retry):
            server_trouble += 1
    if server_trouble:
        back.interruption = SyncInterrupted(
            SyncProblem(
                ProblemKind.SERVER_ERROR,
                "The Hydrobit server could not store some records just now; they will be sent again.",
                to_retry=server_trouble,
            )
        )
    return back


# ------------------------------------------------------------------------------------------------ everything else
async def send_single(client: HydrobitClient, item: OutboxItem, *, me: str, now: datetime) -> WriteBack:
    back = WriteBack()
    if item.expires_at is not None and parse_utc_text(item.expires_at) <= now:
        back.outcomes[item.entry_id] = Refused(
            EntryState.EXPIRED, f"not sent: it expired at {item.expires_at} before the server could be reached"
        )
        return back
    try:
        await _SENDERS[item.kind](client, item, back, me)
    except ValidationError as error:
        back.outcomes[item.entry_id] = _unsendable(error)
    except ApiError as error:
        refused = refusal(error, item.kind)
        if refused is not None:
            back.outcomes[item.entry_id] = refused
        else:
            back.outcomes[item.entry_id] = Retry(str(error))
            back.interruption = interruption(error)
    except Exception as error:
        _unexpected(error, [item.entry_id], back)
    return back


async def _open_session(client: HydrobitClient, item: OutboxItem, back: WriteBack, me: str) -> None:
    new = payloads.new_session(item.payload)
    try:
        session = await client.open_session(new)
    except Conflict as error:
        page = await client.list_sessions(project_id=new.project_id, sector_id=new.sector_id, status="open")
        own = _own_open_session(page.items, new, me)
        if own is None:
            # Someone else's session is open there that day: say which, so the user can move the records into it.
            same_day = [other for other in page.items if session_day(new.opened_at, other.timezone) == other.day]
            other = same_day[0] if same_day else None
            details = None if other is None else {"open_session_id": other.session_id, "owner": other.owner_auth0_id}
            back.outcomes[item.entry_id] = Refused(EntryState.CONFLICT, error.user_message, error.server_error, details)
            return
        session = own
    back.outcomes[item.entry_id] = Delivered({"session_id": session.session_id})
    back.sessions.append(session.to_data())
    back.server_ids.append((item.idem_key, session.session_id))


def _own_open_session(open_sessions: list[Session], new: NewSession, me: str) -> Session | None:
    """The session our earlier, unanswered open created, if that is why the server says one is open already."""
    for session in open_sessions:
        if session.owner_auth0_id == me and session.opened_at == new.opened_at:
            return session
    return None


async def _update_session(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    update = payloads.session_update(item.payload)
    await client.update_session(item.payload["session_id"], update)
    back.outcomes[item.entry_id] = Delivered({})
    back.session_patches.append((item.payload["session_id"], payloads.dump(update)))


async def _extend_session(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    session_id, hours = item.payload["session_id"], int(item.payload["max_duration_hours"])
    try:
        hours = await client.extend_session(session_id, hours)
    except ValidationFailed:
        current = await client.get_session(session_id)
        if current.max_duration_hours < hours:
            raise
        hours = current.max_duration_hours  # our earlier, unanswered extension went through
    back.outcomes[item.entry_id] = Delivered({"max_duration_hours": hours})
    back.session_patches.append((session_id, {"max_duration_hours": hours}))


async def _close_session(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    session_id = item.payload["session_id"]
    try:
        closed = await client.close_session(session_id, payloads.session_close(item.payload))
        changes = {
            "status": "closed",
            "closed_at": payloads.dump(closed)["closed_at"],
            "total_units": closed.total_units,
        }
    except Conflict:
        current = await client.get_session(session_id)
        if current.is_open:
            raise
        changes = {"status": "closed", "closed_at": payloads.dump(current).get("closed_at")}
    back.outcomes[item.entry_id] = Delivered({"status": "closed"})
    back.session_patches.append((session_id, changes))


async def _void_record(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    payload = item.payload
    record_id = payload.get("record_id")
    if not record_id:
        back.outcomes[item.entry_id] = Refused(
            EntryState.FAILED, "The record to void never reached the server, so there is nothing to void."
        )
        return
    voided = await client.void_record(record_id, payload["reason"])
    back.outcomes[item.entry_id] = Delivered({"void_record_id": voided.record_id, "void_of": record_id})
    back.records.append(
        {
            "record_id": voided.record_id,
            "session_id": payload["session_id"],
            "worker_id": payload.get("worker_id") or "",
            "worker_name": payload.get("worker_name"),
            "units": voided.units if voided.units is not None else -float(payload.get("units") or 0),
            "state": "inserted",
            "recorded_at_utc": None,
            "client_event_id": None,
            "idempotency_key": None,
            "void_of": record_id,
            "voided_by": None,
            "reason": voided.reason or payload["reason"],
            "created_at": None,
        }
    )
    back.record_patches.append((record_id, {"voided_by": voided.record_id}))


async def _create_worker(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    created = await client.create_worker(payloads.new_worker(item.payload))
    back.outcomes[item.entry_id] = Delivered(
        {"uid": created.worker.uid, "worker_id": created.worker.worker_id, "created": created.created}
    )
    back.workers.append(created.worker.model_dump(mode="json"))


async def _submit_form(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    submitted = await client.submit_form_record(payloads.form_record(item.payload))
    stored = submitted.record
    back.outcomes[item.entry_id] = Delivered(
        {
            "in_project": submitted.project,
            "in_sector": submitted.sector,
            "replayed": submitted.replayed,
            "record_id": stored.record_id if stored is not None else None,
            "project_id": stored.project_id if stored is not None else None,
            "sector_id": stored.sector_id if stored is not None else None,
        }
    )


async def _valve_command(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    accepted = await client.send_valve_command(item.payload["valve_id"], payloads.valve_command(item.payload))
    back.outcomes[item.entry_id] = Delivered(
        {"command_id": accepted.command_id, "status": accepted.status, "replayed": accepted.replayed}
    )


async def _program(client: HydrobitClient, item: OutboxItem, back: WriteBack, _me: str) -> None:
    command = payloads.program_command(item.payload)
    operation = client.start_program if item.kind is EntryKind.START_PROGRAM else client.stop_program
    run = await operation(item.payload["program_id"], command)
    # The valve commands the program issued: the console follows each one to the field's confirmation.
    steps = [step.model_dump(mode="json") for step in run.commands]
    back.outcomes[item.entry_id] = Delivered(
        {"command_id": run.command_id, "status": run.status, "replayed": run.replayed, "commands": steps}
    )


_SENDERS = {
    EntryKind.OPEN_SESSION: _open_session,
    EntryKind.UPDATE_SESSION: _update_session,
    EntryKind.EXTEND_SESSION: _extend_session,
    EntryKind.CLOSE_SESSION: _close_session,
    EntryKind.VOID_RECORD: _void_record,
    EntryKind.CREATE_WORKER: _create_worker,
    EntryKind.SUBMIT_FORM: _submit_form,
    EntryKind.VALVE_COMMAND: _valve_command,
    EntryKind.START_PROGRAM: _program,
    EntryKind.STOP_PROGRAM: _program,
}
