"""The user's decisions about changes the server did not take: nothing leaves the outbox without one.

For an entry that `failed` (the server refused it), is in `conflict` (the server's state forbids it: the session
was closed meanwhile, the worker id is taken) or `expired` (an irrigation command whose deadline passed):
- retry: send it again unchanged (after the cause was fixed elsewhere);
- edit and retry: change what it says (units, worker, hire date, a new deadline) and send it again, with the same
  idempotency ids, so it can still never count twice;
- move records: send records (and voids) to another session, typically the one still open that day;
- discard: give up on it, with a reason; it stays in the outbox as history.
Each decision is durable, and wakes the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from hydrodesk.api.models import NewWorker, ValveCommand
from hydrodesk.domain.outbox import EntryKind, is_local_id
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.domain.workers import make_worker_id
from hydrodesk.store import cache, views
from hydrodesk.store.outbox import OutboxError, OutboxItem
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads


class OutboxChoices:
    def __init__(self, store: Store, *, on_change: Callable[[], None] | None = None) -> None:
        self.store = store
        self._on_change = on_change

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    async def retry(self, entry_ids: Iterable[str]) -> list[str]:
        requeued = await self.store.retry(entry_ids)
        self._changed()
        return requeued

    async def discard(self, entry_ids: Iterable[str], reason: str) -> None:
        await self.store.discard(entry_ids, reason)
        self._changed()

    async def move_targets(self, entry_id: str) -> list[views.SessionRow]:
        """Open sessions the records of `entry_id` could move to: same project and sector first, then others."""
        item = await self._require(entry_id)
        current = await self.store.resolve_session(item.payload.get("session_id", ""))
        source = await self.store.read(views.sessions, status="open")
        project = next((row.data.get("project_id") for row in source if row.data["session_id"] == current), None)
        candidates = [
            row
            for row in source
            if row.data["session_id"] != current and row.data.get("owner_auth0_id") in (item.auth0_id, None)
        ]
        return sorted(candidates, key=lambda row: row.data.get("project_id") != project)

    async def move_records(self, entry_ids: Iterable[str], session_id: str) -> None:
        """Send the records to `session_id` instead (a session this computer knows to be closed is refused; one it
        does not know yet is tried: the server has the last word)."""
        ids = list(entry_ids)
        if not is_local_id(session_id):
            known = await self.store.read(cache.session, session_id)
            if known is not None and known.get("status") == "closed":
                raise OutboxError(f"session {session_id} is closed; choose an open one")
        await self.store.move_records(ids, session_id)
        self._changed()

    async def edit_record(
        self, entry_id: str, *, worker_id: str | None = None, worker_name: str | None = None, units: float | None = None
    ) -> OutboxItem:
        changes: dict[str, Any] = {}
        if worker_id is not None:
            changes["worker_id"] = worker_id
        if worker_name is not None:
            changes["worker_name"] = worker_name
        if units is not None:
            if units < 0:
                raise OutboxError("units cannot be negative (void the record instead)")
            changes["units"] = units
        return await self._edit(entry_id, changes)

    async def edit_worker(self, entry_id: str, worker: NewWorker) -> OutboxItem:
        """Correct a worker the server refused (e.g. the real hire date, so the worker id is free)."""
        worker_id = make_worker_id(worker.first_name, worker.last_name, worker.hire_date)
        return await self._edit(entry_id, {"worker_id": worker_id, "new_worker": payloads.dump(worker)})

    async def edit_valve_command(
        self, entry_id: str, *, expires_at: datetime, duration_min: int | None = None
    ) -> OutboxItem:
        """Give an expired (or refused) valve command a new deadline, and perhaps a new duration."""
        item = await self._require(entry_id)
        if item.kind is not EntryKind.VALVE_COMMAND:
            raise OutboxError(f"entry {entry_id} is not a valve command")
        command = payloads.valve_command(item.payload)
        updated = ValveCommand.model_validate(
            {
                **payloads.dump(command),
                "expires_at": utc_text(expires_at),
                **({"duration_min": duration_min} if duration_min is not None else {}),
            }
        )
        return await self._edit(entry_id, {"command": payloads.dump(updated)})

    async def edit(self, entry_id: str, changes: dict[str, Any]) -> OutboxItem:
        """Any other edit, by payload field (see hydrodesk.store.outbox.EDITABLE_FIELDS)."""
        return await self._edit(entry_id, changes)

    async def _edit(self, entry_id: str, changes: dict[str, Any]) -> OutboxItem:
        item = await self.store.edit(entry_id, changes)
        self._changed()
        return item

    async def _require(self, entry_id: str) -> OutboxItem:
        item = await self.store.outbox_entry(entry_id)
        if item is None:
            raise OutboxError(f"there is no outbox entry {entry_id}")
        return item
