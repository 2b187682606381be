"""Valve commands from the console, followed from the user's confirmation to the field's confirmation.

- `TrackedCommand`: one command as the user confirmed it. Its `ValveCommand` (and so its commandId) is made once,
  when the user confirms, and is resent unchanged on every retry: the server treats a resend as the same command.
- `DirectCommandSender.submit(command)`: the seam where a command leaves the console. Today it posts through the
  API client; the outbox will take this seam over (store first, send when online) without the tracker changing.
- `CommandTracker`: sends (retrying transport failures with the same commandId until the command's delivery
  deadline), then follows its lifecycle pending → sent → acked → confirmed, or failed / expired, by polling the
  server and by the device's ack on MQTT, whichever comes first. "Confirmed" is this office's own judgement
  (hydrodesk.domain.command_confirmation): the flow readings it receives must agree within
  `confirm_within_s` (a close: `close_confirm_s`) of the ack; the server's "confirmed" alone is not enough. A
  close the telemetry has not confirmed in time is resent (same commandId) `close_retries` times, then escalated;
  an open acked but never confirmed, and any command the server called confirmed while the readings disagree,
  are escalated too: exactly one alarm per command, never a silent failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from hydrodesk.domain.backoff import Backoff
from hydrodesk.domain.command_confirmation import ConfirmationWatch, Verdict
from hydrodesk.domain.irrigation import CommandStatus, FlowEnvelope, can_transition, is_terminal
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.ui.irrigation.alarms import CLOSE_UNCONFIRMED, COMMAND_UNCONFIRMED, CONFIRM_CONTRADICTED

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.errors import ApiError
    from hydrodesk.api.models_iot import ValveCommand
    from hydrodesk.mqtt.payloads import AckReport
    from hydrodesk.ui.connection import ConnectionMonitor
    from hydrodesk.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

POLL_S = 1.0
SEND_BACKOFF = Backoff(base_s=1.0, factor=2.0, cap_s=30.0, floor_s=0.5)
_JITTER = random.Random()  # spreads the retries of many waiting commands


@dataclass
class TrackedCommand:
    valve_id: str
    valve_name: str
    sector_name: str
    device_id: str
    project_id: str
    command: ValveCommand
    requested_at: float = field(default_factory=time.time)
    status: CommandStatus = CommandStatus.PENDING
    updated_at: float = field(default_factory=time.time)
    sends: int = 0
    """POSTs that reached the server (the first one and every resend of the same commandId)."""
    error: str | None = None
    escalated: bool = False
    alarm_kind: str = ""
    """Why it was escalated: one of the escalation kinds of hydrodesk.ui.irrigation.alarms."""
    alarm_value: float | None = None
    """The last flow reading when it was escalated, if any."""
    server_confirmed: bool = False
    """The server said "confirmed" (this office believes it only when its own readings agree)."""
    program_name: str = ""
    """Issued by the server for this program's start or stop (followed, never sent or resent by the console)."""
    history: list[tuple[CommandStatus, float]] = field(default_factory=list)

    @property
    def command_id(self) -> str:
        return self.command.command_id

    @property
    def action(self) -> str:
        return self.command.action

    @property
    def duration_min(self) -> int | None:
        return self.command.duration_min

    @property
    def finished(self) -> bool:
        return is_terminal(self.status)

    def advance(self, status: CommandStatus | str, at: float, error: str | None = None) -> bool:
        """Move forward along the lifecycle (never back); True when the status changed."""
        status = CommandStatus(status)
        if not can_transition(self.status, status):
            return False
        self.status = status
        self.updated_at = at
        self.history.append((status, at))
        if error:
            self.error = error
        return True


class DirectCommandSender:
    """Posts a command through the API client (the outbox will replace this, keeping `submit`)."""

    def __init__(self, client: Callable[[], HydrobitClient | None], monitor: ConnectionMonitor) -> None:
        self._client = client
        self._monitor = monitor

    async def submit(self, command: TrackedCommand) -> CommandStatus:
        """Hand the command to the server; returns the status it reports. Raises the API's errors."""
        from hydrodesk.api.errors import Offline

        client = self._client()
        if client is None:
            raise Offline(detail="signed out")
        accepted = await self._monitor.call(client.send_valve_command(command.valve_id, command.command))
        return CommandStatus(accepted.status)


def refusal_text(command: TrackedCommand, error: ApiError) -> str:
    """Why the server refused the command, in the user's words (a valve deleted on the server, said as such)."""
    if error.server_error == "valve_not_found":
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(
            "CommandTracker",
            "{valve} no longer exists on Hydrobit (it was deleted there): nothing was sent to the field.",
        ).format(valve=command.valve_name)
    return error.user_message


class CommandSender(Protocol):
    async def submit(self, command: TrackedCommand) -> CommandStatus: ...


# A command's valve as the office's telemetry sees it: its flow envelope, and its newest (time, flow) reading.
FlowReading = Callable[["TrackedCommand"], tuple[FlowEnvelope | None, tuple[float, float] | None]]


def no_readings(_command: TrackedCommand) -> tuple[FlowEnvelope | None, tuple[float, float] | None]:
    return None, None


class CommandTracker(QObject):
    changed = Signal(object)  # TrackedCommand: a new command, or a step in its lifecycle
    escalated = Signal(object)  # TrackedCommand: the field did not do what it promised (see `alarm_kind`)

    def __init__(
        self,
        sender: CommandSender,
        client: Callable[[], HydrobitClient | None],
        monitor: ConnectionMonitor,
        tasks: BackgroundTasks,
        limits: Callable[[], IrrigationLimits],
        *,
        poll_s: float = POLL_S,
        clock: Callable[[], float] = time.time,
        flow_reading: FlowReading = no_readings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sender = sender
        self.flow_reading = flow_reading
        self._client = client
        self._monitor = monitor
        self._tasks = tasks
        self._limits = limits
        self.poll_s = poll_s
        self._clock = clock
        self.commands: list[TrackedCommand] = []
        self._wake: dict[str, asyncio.Event] = {}
        self._watches: dict[str, ConfirmationWatch] = {}

    # ------------------------------------------------------------------------------------------ public
    def track(self, command: TrackedCommand) -> None:
        """Send a confirmed command and follow it to its end."""
        if command.command.expires_at is None:
            # The delivery deadline is part of the command from the start, so every resend carries the same one.
            command.command = command.command.model_copy(
                update={"expires_at": datetime.now(UTC) + timedelta(minutes=15)}
            )
        command.history.append((command.status, command.requested_at))
        self.commands.append(command)
        self.changed.emit(command)
        self._tasks.spawn(self._follow(command), name=f"valve-command-{command.command_id}")

    def follow(self, command: TrackedCommand, status: CommandStatus | str) -> None:
        """Follow a command the server issued itself (a program's step) from `status` to the field's
        confirmation, exactly as the console's own commands: the same telemetry watch, the same alarms."""
        command.history.append((command.status, command.requested_at))
        self.commands.append(command)
        self._server_says(command, status, None)
        self.changed.emit(command)
        self._tasks.spawn(self._follow(command, send=False), name=f"valve-command-{command.command_id}")

    def latest_for(self, valve_id: str) -> TrackedCommand | None:
        return next((c for c in reversed(self.commands) if c.valve_id == valve_id), None)

    def in_flight(self) -> list[TrackedCommand]:
        return [command for command in self.commands if not command.finished]

    def on_ack(self, device_id: str, ack: AckReport) -> None:
        """A device's ack on MQTT: faster news than the next poll."""
        for command in self.in_flight():
            if command.command_id == ack.command_id and command.device_id == device_id:
                error = ack.error if ack.status == "failed" else None
                self._server_says(command, ack.status, error)
                wake = self._wake.get(command.command_id)
                if wake is not None:
                    wake.set()

    # ------------------------------------------------------------------------------------------ lifecycle
    async def _follow(self, command: TrackedCommand, *, send: bool = True) -> None:
        wake = self._wake[command.command_id] = asyncio.Event()
        try:
            sent = await self._send(command) if send else True
            resends = 0
            while sent and not command.finished:
                wake.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.poll_s):
                        await wake.wait()
                if not command.server_confirmed:
                    await self._poll(command)
                verdict = self._judge(command)
                if verdict is Verdict.CONFIRMED:
                    if command.advance(CommandStatus.CONFIRMED, self._clock()):
                        command.error = None
                        self.changed.emit(command)
                elif verdict is Verdict.CONTRADICTED:
                    self._give_up(command, CONFIRM_CONTRADICTED)
                elif verdict is Verdict.UNCONFIRMED:
                    resendable = not command.program_name  # a program's step is the server's to resend
                    if command.action == "close" and resendable and resends < self._limits().close_retries:
                        resends += 1
                        log.warning("close %s not confirmed in time; sending it again", command.command_id)
                        await self._send(command, once=True)
                        self._watches.pop(command.command_id, None)  # a fresh time for the resend
                        self._start_watch(command)
                    else:
                        self._give_up(command, COMMAND_UNCONFIRMED)
            unconfirmed = command.status is not CommandStatus.CONFIRMED
            if unconfirmed and (command.action == "close" or self._was_acked(command)):
                # Failed or expired on the server's side after all: a close that may have left the water running,
                # or an open the device took and never carried out.
                self._escalate(command, COMMAND_UNCONFIRMED)
        finally:
            self._wake.pop(command.command_id, None)
            self._watches.pop(command.command_id, None)

    def _server_says(self, command: TrackedCommand, status: CommandStatus | str, error: str | None) -> None:
        """News from the server or the device. Its "confirmed" is noted, not believed: it starts the watch."""
        status = CommandStatus(status)
        if status is CommandStatus.CONFIRMED:
            if not command.server_confirmed:
                command.server_confirmed = True
                self._start_watch(command).note_server_confirmed(self._clock(), self._latest_ts(command))
            status = CommandStatus.ACKED
        elif status is CommandStatus.ACKED:
            self._start_watch(command)
        if command.advance(status, self._clock(), error):
            self.changed.emit(command)

    def _start_watch(self, command: TrackedCommand) -> ConfirmationWatch:
        watch = self._watches.get(command.command_id)
        if watch is None:
            limits = self._limits()
            within = limits.close_confirm_s if command.action == "close" else limits.confirm_within_s
            envelope, _latest = self.flow_reading(command)
            watch = self._watches[command.command_id] = ConfirmationWatch(command.action, envelope, within)
        watch.start(self._clock(), self._latest_ts(command))
        return watch

    def _latest_ts(self, command: TrackedCommand) -> float | None:
        _envelope, latest = self.flow_reading(command)
        return latest[0] if latest is not None else None

    def _judge(self, command: TrackedCommand) -> Verdict:
        watch = self._watches.get(command.command_id)
        if watch is None:
            return Verdict.WAITING
        _envelope, latest = self.flow_reading(command)
        if latest is not None:
            watch.observe(*latest)
        command.alarm_value = watch.last_flow
        return watch.verdict(self._clock())

    @staticmethod
    def _was_acked(command: TrackedCommand) -> bool:
        return any(status is CommandStatus.ACKED for status, _at in command.history)

    def _give_up(self, command: TrackedCommand, kind: str) -> None:
        """The time is up: the command failed as far as this office can see, and someone must look."""
        from PySide6.QtCore import QCoreApplication

        translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
        within = self._watches[command.command_id].within_s
        if kind == CONFIRM_CONTRADICTED:
            text = translate(
                "CommandTracker", "The server reported it done, but this office's flow readings disagree after {s} s."
            )
        else:
            text = translate(
                "CommandTracker", "Acknowledged, but this office's flow readings did not show it done within {s} s."
            )
        error = text.format(s=f"{within:g}")
        command.advance(CommandStatus.FAILED, self._clock(), error)
        self._escalate(command, kind)

    async def _send(self, command: TrackedCommand, *, once: bool = False) -> bool:
        """POST, retrying failures to reach the server (same commandId) until the delivery deadline."""
        from hydrodesk.api.errors import ApiError, Offline

        attempt = 0
        while True:
            attempt += 1
            try:
                status = await self.sender.submit(command)
            except Offline as error:
                expires = command.command.expires_at
                if once:
                    return False  # a resend that could not go out: the caller escalates in time anyway
                if expires is not None and datetime.now(UTC) >= expires:
                    if command.advance(CommandStatus.EXPIRED, self._clock(), error.user_message):
                        self.changed.emit(command)
                    return False
                command.error = error.user_message
                self.changed.emit(command)
                await asyncio.sleep(SEND_BACKOFF.delay(attempt, _JITTER))
                continue
            except ApiError as error:
                # Refused for good (validation, forbidden, conflict): the user must see why.
                if command.advance(CommandStatus.FAILED, self._clock(), refusal_text(command, error)):
                    self.changed.emit(command)
                return False
            command.sends += 1
            if not command.finished:
                command.error = None
            before = command.status
            self._server_says(command, status, None)
            if command.status is before and attempt > 1:
                self.changed.emit(command)
            return True

    async def _poll(self, command: TrackedCommand) -> None:
        from hydrodesk.api.errors import ApiError

        client = self._client()
        if client is None:
            return
        try:
            status = await self._monitor.call(client.get_command(command.command_id))
        except ApiError as error:
            log.info("could not read command %s: %s", command.command_id, error.user_message)
            return
        self._server_says(command, status.status, status.error)

    def _escalate(self, command: TrackedCommand, kind: str) -> None:
        if command.escalated:
            return  # one alarm per command
        if command.action == "close" and kind == COMMAND_UNCONFIRMED:
            kind = CLOSE_UNCONFIRMED  # the valve may still be open: the alarm says so
        command.escalated = True
        command.alarm_kind = kind
        log.warning("%s of valve %s: %s, escalated", command.action, command.valve_id, kind)
        self.changed.emit(command)
        self.escalated.emit(command)
