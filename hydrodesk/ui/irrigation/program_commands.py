"""Program start and stop from the console, through the office's outbox like valve commands.

`ProgramCommands.send(request)` stores the command once (its commandId, made when the user confirmed, is the
entry's idempotency key; the user's delivery deadline is the entry's expiry), then waits for the sync engine to
deliver it, as long as it takes: a program started without a connection starts once the connection is back, and
exactly once (a resend after a lost reply carries the same commandId, which the server answers as a replay).
While the session has no office the command is posted directly, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from hydrodesk.domain.outbox import ACTIVE_STATES, EntryKind
from hydrodesk.store import outbox as ob
from hydrodesk.ui.irrigation.outbox_sender import OutboxCommandSender

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models_iot import ProgramCommand, ProgramStep
    from hydrodesk.store.outbox import OutboxItem
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.connection import ConnectionMonitor

log = logging.getLogger(__name__)


@dataclass
class ProgramRequest:
    program_id: str
    program_name: str
    action: Literal["start", "stop"]
    command: ProgramCommand
    expires_at: datetime
    outcome: Literal["waiting", "done", "refused", "expired"] = "waiting"
    reason: str = field(default="")
    replayed: bool = False
    """The server already had this commandId: an earlier send went through though its reply was lost."""
    steps: list[ProgramStep] = field(default_factory=list)
    """The valve commands the server issued for it (followed to the field's confirmation like direct ones)."""

    @property
    def command_id(self) -> str:
        return self.command.command_id


class ProgramCommands(QObject):
    queued = Signal(object)  # ProgramRequest: stored, waiting for the connection
    finished = Signal(object)  # ProgramRequest: delivered (`outcome` done), refused or expired

    def __init__(
        self,
        office: Callable[[], Office | None],
        client: Callable[[], HydrobitClient | None],
        monitor: ConnectionMonitor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._office = office
        self._client = client
        self._monitor = monitor
        self.requests: list[ProgramRequest] = []

    async def send(self, request: ProgramRequest) -> ProgramRequest:
        self.requests.append(request)
        office = self._office()
        if office is None:
            await self._post(request)
        else:
            item = await self._queue(office, request)
            if item.state in ACTIVE_STATES:
                self.queued.emit(request)
                # No deadline of its own: the entry's expiry ends the wait (the engine marks it expired).
                item = await OutboxCommandSender.settled(office, item.entry_id, None)
            self._note(request, item)
        if isValid(self):  # the pane may have gone meanwhile (signed out): the outbox kept the command all the same
            self.finished.emit(request)
        return request

    async def _queue(self, office: Office, request: ProgramRequest) -> OutboxItem:
        kind = EntryKind.START_PROGRAM if request.action == "start" else EntryKind.STOP_PROGRAM
        item = await office.store.read(ob.by_idem_key, kind, request.command_id)
        if item is None:
            item = await office.actions.program_command(
                request.program_id, request.action, expires_at=request.expires_at, command=request.command
            )
        return item

    @staticmethod
    def _note(request: ProgramRequest, item: OutboxItem) -> None:
        from hydrodesk.domain.outbox import EntryState

        if item.state is EntryState.DONE:
            from hydrodesk.api.models_iot import ProgramStep

            request.outcome = "done"
            request.replayed = bool((item.result or {}).get("replayed"))
            steps = (item.result or {}).get("commands") or []
            request.steps = [ProgramStep.model_validate(step) for step in steps if isinstance(step, dict)]
        elif item.state is EntryState.EXPIRED:
            request.outcome = "expired"
            request.reason = item.reason or item.last_error or ""
        else:
            request.outcome = "refused"
            request.reason = _refusal_text(request, item.error_code, item.reason or item.last_error or "")

    async def _post(self, request: ProgramRequest) -> None:
        from hydrodesk.api.errors import ApiError

        client = self._client()
        if client is None:
            request.outcome, request.reason = "refused", "signed out"
            return
        call = client.start_program if request.action == "start" else client.stop_program
        try:
            run = await self._monitor.call(call(request.program_id, request.command))
        except ApiError as error:
            request.outcome, request.reason = "refused", _refusal_text(request, error.server_error, error.user_message)
            return
        request.outcome, request.replayed, request.steps = "done", run.replayed, list(run.commands)


def _refusal_text(request: ProgramRequest, code: str | None, reason: str) -> str:
    """Why the server refused, in the user's words (a program deleted on the server, said as such)."""
    if code == "program_not_found":
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(
            "ProgramCommands",
            "“{name}” no longer exists on Hydrobit (it was deleted there): nothing was sent to the field.",
        ).format(name=request.program_name)
    return reason
