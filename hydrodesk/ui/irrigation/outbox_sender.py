"""`OutboxCommandSender`: valve commands leave the console through the office's outbox (the `submit` seam of
hydrodesk/ui/irrigation/commands.py), so a command confirmed without a connection is stored and sent later.

`submit(command)`, while the session has an office (else it posts directly), stores the command once (its
commandId is the entry's idempotency key, fixed when the user confirmed) and waits for the sync engine to deliver
it, then returns the status the server reported, as the direct sender does. While the entry waits it raises
`Offline` once (so the tracker shows why the command is still pending), then waits for the entry to settle: sent,
refused, expired (past the user's delivery deadline) or discarded. A resend of a delivered command (a close the
field did not confirm) goes straight to the server with the same commandId: the outbox has done its part.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hydrodesk.domain.irrigation import CommandStatus
from hydrodesk.domain.outbox import ACTIVE_STATES, EntryKind, EntryState
from hydrodesk.store import outbox as ob

if TYPE_CHECKING:
    from hydrodesk.store.outbox import OutboxItem
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.irrigation.commands import DirectCommandSender, TrackedCommand

# How long the first submit waits for the engine before telling the tracker the command is waiting.
FIRST_WAIT_S = 3.0
# Between the engine's status updates the entry is read again this often (a local read).
RECHECK_S = 0.5
# Past the deadline the engine marks the entry expired on its next round; give it that long to say so.
EXPIRY_GRACE_S = 1.0


class OutboxCommandSender:
    def __init__(
        self, office: Callable[[], Office | None], direct: DirectCommandSender, *, first_wait_s: float = FIRST_WAIT_S
    ) -> None:
        self._office = office
        self._direct = direct
        self._first_wait_s = first_wait_s
        self._reported_waiting: set[str] = set()

    async def submit(self, command: TrackedCommand) -> CommandStatus:
        """The status the server reported once the outbox delivered the command. Raises the API's errors."""
        from hydrodesk.api.errors import Offline

        office = self._office()
        if office is None:  # no local database for this session: the direct path is all there is
            return await self._direct.submit(command)
        item = await office.store.read(ob.by_idem_key, EntryKind.VALVE_COMMAND, command.command_id)
        if item is None:
            item = await office.actions.queue_valve_command(command.valve_id, command.command)
        elif item.state is EntryState.DONE and command.sends > 0:
            return await self._direct.submit(command)
        if command.command_id in self._reported_waiting:
            # Wait for the engine, but not past the deadline: then the tracker marks the command expired.
            expires = command.command.expires_at
            left = None if expires is None else max(0.0, (expires - datetime.now(UTC)).total_seconds()) + EXPIRY_GRACE_S
            item = await self.settled(office, item.entry_id, left)
        else:
            item = await self.settled(office, item.entry_id, self._first_wait_s)
            if item.state in ACTIVE_STATES:
                self._reported_waiting.add(command.command_id)
                raise Offline(detail="waiting in the outbox")
        return outcome(item)

    @staticmethod
    async def settled(office: Office, entry_id: str, within_s: float | None) -> OutboxItem:
        """The entry once it left the queue (or as it is after `within_s`)."""
        store, engine = office.store, office.engine
        changed = asyncio.Event()
        unsubscribe = engine.subscribe(lambda _status: changed.set())
        try:
            async with asyncio.timeout(within_s):
                while True:
                    changed.clear()
                    item = await store.outbox_entry(entry_id)
                    if item is None:
                        raise LookupError(f"outbox entry {entry_id} vanished")
                    if item.state not in ACTIVE_STATES:
                        return item
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(RECHECK_S):
                            await changed.wait()
        except TimeoutError:
            found = await store.outbox_entry(entry_id)
            assert found is not None
            return found
        finally:
            unsubscribe()


def outcome(item: OutboxItem) -> CommandStatus:
    """What a settled (or still queued) entry means to the command's tracker: a status, or the error to raise."""
    from hydrodesk.api.errors import Conflict, Offline, ValidationFailed

    if item.state is EntryState.DONE:
        return CommandStatus((item.result or {}).get("status", CommandStatus.SENT.value))
    reason = item.reason or item.last_error
    if item.state is EntryState.CONFLICT:
        raise Conflict(server_message=reason, server_error=item.error_code)
    if item.state in (EntryState.FAILED, EntryState.DISCARDED):
        raise ValidationFailed(server_message=reason, server_error=item.error_code)
    # Queued still, or expired: not delivered; the tracker marks it expired once its deadline has passed.
    raise Offline(detail=reason or "not delivered")
