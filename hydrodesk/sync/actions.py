"""What the office does that changes the server: each action becomes a durable outbox entry, at once.

Every method returns once the change is on disk (so the UI may say "saved" even with the server unreachable),
then nudges the sync engine. The ids that make a retry safe (clientEventId, commandId, a local session id) are
made here, at the moment the user acts. A session opened offline is usable immediately under its local id:
records, updates and a close made in it wait for the server's id and are rewritten when it arrives.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from hydrodesk.api.models import (
    BonusInput,
    FormRecord,
    NewRecord,
    NewSession,
    NewWorker,
    ProgramCommand,
    SessionClose,
    SessionUpdate,
    ValveCommand,
)
from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.store import cache
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads


@dataclass(frozen=True)
class PendingSession:
    """A session opened here: use `session_id` (a local id until the server numbers it) like any other."""

    session_id: str
    entry: OutboxItem


class OfficeActions:
    def __init__(
        self,
        store: Store,
        auth0_id: str | Callable[[], str],
        *,
        on_change: Callable[[], None] | None = None,
        now: Callable[[], datetime] = now_utc,
    ) -> None:
        self.store = store
        self._auth0_id = auth0_id
        self._on_change = on_change
        self._now = now

    @property
    def auth0_id(self) -> str:
        return self._auth0_id() if callable(self._auth0_id) else self._auth0_id

    async def _enqueue(self, entry: ob.NewEntry) -> OutboxItem:
        return await self._saved(self.store.enqueue_soon(entry))

    async def _saved(self, saving: Awaitable[OutboxItem]) -> OutboxItem:
        item = await saving
        if self._on_change is not None:
            self._on_change()
        return item

    # ------------------------------------------------------------------------------------------ records
    async def record_units(
        self,
        session_id: str,
        worker_id: str,
        worker_name: str,
        units: float = 1,
        *,
        recorded_at: datetime | None = None,
        client_event_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> OutboxItem:
        """Units a worker delivered; counted in the session's tally at once (pending until the server has it).

        `client_event_id` (and `idempotency_key`) are made here when not given; a caller passes its own when the
        same entry must get the same ids however often it is made (a re-imported tally sheet must not count twice).
        """
        return await self.record_units_soon(
            session_id,
            worker_id,
            worker_name,
            units,
            recorded_at=recorded_at,
            client_event_id=client_event_id,
            idempotency_key=idempotency_key,
        )

    def record_units_soon(
        self,
        session_id: str,
        worker_id: str,
        worker_name: str,
        units: float = 1,
        *,
        recorded_at: datetime | None = None,
        client_event_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> Coroutine[Any, Any, OutboxItem]:
        """`record_units` with the commit under way before this returns (the tally entry row: the fsync runs
        while the window repaints); await the result as from `record_units`."""
        fixed_ids = {"client_event_id": client_event_id} if client_event_id else {}
        record = NewRecord(
            session_id=session_id,
            worker_id=worker_id,
            worker_name=worker_name,
            units=units,
            recorded_at_utc=recorded_at or self._now(),
            idempotency_key=idempotency_key,
            **fixed_ids,
        )
        entry = payloads.record_entry(record, auth0_id=self.auth0_id, now=self._now())
        return self._saved(self.store.enqueue_soon(entry))

    async def void_record(
        self, session_id: str, reason: str, *, record_id: str | None = None, client_event_id: str | None = None
    ) -> OutboxItem:
        """Cancel a record (by its server id, or by its clientEventId while it is still pending)."""
        if not reason.strip():
            raise ValueError("a void needs a reason")
        target = await self._void_target(record_id, client_event_id)
        entry = payloads.void_entry(
            session_id=session_id,
            reason=reason.strip(),
            record_id=record_id,
            target_event_id=client_event_id,
            worker_id=target.get("worker_id", ""),
            worker_name=target.get("worker_name") or "",
            units=float(target.get("units") or 0),
            auth0_id=self.auth0_id,
            now=self._now(),
        )
        return await self._enqueue(entry)

    async def _void_target(self, record_id: str | None, client_event_id: str | None) -> dict[str, Any]:
        if record_id is not None:
            found = await self.store.read(cache.record, record_id)
            if found is None:  # sent from here and confirmed, but not fetched back yet
                sent = await self.store.read(ob.delivered_record, record_id)
                found = None if sent is None else sent.payload
            return found or {}
        if client_event_id is None:
            raise ValueError("name the record to void by record_id or client_event_id")
        pending = await self.store.read(ob.by_idem_key, EntryKind.CREATE_RECORD, client_event_id)
        if pending is None:
            raise ValueError(f"no record with clientEventId {client_event_id} was made here")
        return pending.payload

    # ------------------------------------------------------------------------------------------ sessions
    async def open_session(
        self,
        project_id: str,
        sector_id: str,
        sector_name: str,
        *,
        opened_at: datetime | None = None,
        sampling_unit: str | None = None,
        price_per_unit: float | None = None,
        bonus: BonusInput | None = None,
        max_duration_hours: int | None = None,
        notes: str | None = None,
    ) -> PendingSession:
        new = NewSession(
            project_id=project_id,
            sector_id=sector_id,
            sector_name=sector_name,
            opened_at=opened_at or self._now(),
            sampling_unit=sampling_unit,
            price_per_unit=price_per_unit,
            bonus=bonus,
            max_duration_hours=max_duration_hours,
            notes=notes,
        )
        item = await self._enqueue(payloads.open_session_entry(new, auth0_id=self.auth0_id, now=self._now()))
        return PendingSession(session_id=item.idem_key, entry=item)

    async def update_session(self, session_id: str, update: SessionUpdate) -> OutboxItem:
        entry = payloads.update_session_entry(session_id, update, auth0_id=self.auth0_id, now=self._now())
        return await self._enqueue(entry)

    async def extend_session(self, session_id: str, max_duration_hours: int) -> OutboxItem:
        entry = payloads.extend_session_entry(session_id, max_duration_hours, auth0_id=self.auth0_id, now=self._now())
        return await self._enqueue(entry)

    async def close_session(self, session_id: str, close: SessionClose | None = None) -> OutboxItem:
        close = close or SessionClose(closed_at=self._now())
        entry = payloads.close_session_entry(session_id, close, auth0_id=self.auth0_id, now=self._now())
        return await self._enqueue(entry)

    # ------------------------------------------------------------------------------------------ workers, forms
    async def create_worker(self, worker: NewWorker) -> OutboxItem:
        """A new worker; records for them may be made at once (they wait until the worker exists)."""
        return await self._enqueue(payloads.worker_entry(worker, auth0_id=self.auth0_id, now=self._now()))

    async def submit_form(
        self, record: FormRecord, *, form_name: str | None = None, place: str | None = None
    ) -> OutboxItem:
        """A filled-in form, stored with its clientEventId before anything is sent (the server keeps it once)."""
        entry = payloads.form_entry(record, auth0_id=self.auth0_id, now=self._now(), form_name=form_name, place=place)
        return await self._enqueue(entry)

    # ------------------------------------------------------------------------------------------ irrigation
    async def valve_command(
        self,
        valve_id: str,
        action: Literal["open", "close"],
        *,
        expires_at: datetime,
        duration_min: int | None = None,
    ) -> OutboxItem:
        """A valve command; if it cannot be sent before `expires_at` (the user's choice), it is not sent at all."""
        command = ValveCommand(action=action, duration_min=duration_min, expires_at=expires_at)
        return await self._enqueue(payloads.valve_entry(valve_id, command, auth0_id=self.auth0_id, now=self._now()))

    async def queue_valve_command(self, valve_id: str, command: ValveCommand) -> OutboxItem:
        """A valve command made when the user confirmed it: its commandId (and deadline) are kept as they are, so
        whoever follows the command can find its entry (`ob.by_idem_key`) and the server sees one command."""
        return await self._enqueue(payloads.valve_entry(valve_id, command, auth0_id=self.auth0_id, now=self._now()))

    async def program_command(
        self,
        program_id: str,
        action: Literal["start", "stop"],
        *,
        expires_at: datetime,
        command: ProgramCommand | None = None,
    ) -> OutboxItem:
        """A program start or stop; `command`: the one made when the user confirmed (its commandId is the entry's
        key, so whoever follows it finds the entry and the server sees one start however often it is sent)."""
        kind = EntryKind.START_PROGRAM if action == "start" else EntryKind.STOP_PROGRAM
        entry = payloads.program_entry(
            kind, program_id, command or ProgramCommand(), expires_at, auth0_id=self.auth0_id, now=self._now()
        )
        return await self._enqueue(entry)

    # ------------------------------------------------------------------------------------------ what is pending
    async def pending(self) -> list[OutboxItem]:
        """Changes on their way, oldest first (the outbox view's first list)."""
        return await self.store.outbox_items(states=ACTIVE_STATES)

    async def needing_attention(self) -> list[OutboxItem]:
        """Changes the server refused or that expired, waiting for a decision (the outbox view's second list)."""
        return await self.store.outbox_items(states=ATTENTION_STATES)
