"""The Irrigation pane's actions: open and close a valve, start and stop a program, each behind a confirmation
with the interlocks, then followed to the field's confirmation (a part of
hydrodesk.ui.panes.irrigation.IrrigationPane, which mixes it in)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from hydrodesk.domain.irrigation_limits import check_close, check_open, check_program_start
from hydrodesk.ui.irrigation.command_dialog import ValveCommandDialog
from hydrodesk.ui.irrigation.commands import TrackedCommand
from hydrodesk.ui.irrigation.program_commands import ProgramRequest

if TYPE_CHECKING:
    from hydrodesk.api.models_iot import Valve

log = logging.getLogger(__name__)


class IrrigationActions:
    """What the user's buttons do; the commands' tracker and the programs' sender are made by the pane."""

    def _open_valve_ids(self) -> set[str]:
        """The project's valves open in the field, or with an open command on its way."""
        open_ids = set()
        for valve in self._valves:
            row = self.valve_row(valve)
            if row.observed == "open":
                open_ids.add(valve.valve_id)
            command = row.command
            if command is not None and not command.finished and command.action == "open":
                open_ids.add(valve.valve_id)
        return open_ids

    def _running_programs_with(self, valve_id: str) -> list[str]:
        return [p.name for p in self._programs if p.running and any(v.valve_id == valve_id for v in p.valves)]

    def request_open(self) -> ValveCommandDialog | None:
        return self._request_command("open")

    def request_close(self) -> ValveCommandDialog | None:
        return self._request_command("close")

    def _request_command(self, action: str) -> ValveCommandDialog | None:
        row = self.selected_valve()
        project = self._project
        if row is None or project is None:
            return None
        programs = self._running_programs_with(row.valve_id)
        if action == "open":
            interlocks = check_open(
                row.valve_id,
                self._open_valve_ids(),
                row.pressure_bar,
                self.limits,
                running_programs=programs,
                device_online=row.device_online,
            )
        else:
            interlocks = check_close(programs, device_online=row.device_online)
        dialog = ValveCommandDialog(
            action=action,
            valve_name=row.valve.name,
            sector_name=row.sector_name,
            project_name=project.name,
            interlocks=interlocks,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(
            lambda command, valve=row.valve, sector=row.sector_name: self._send(valve, sector, command)
        )
        dialog.open()  # never exec(): it would nest an event loop inside the asyncio loop
        return dialog

    def _send(self, valve: Valve, sector_name: str, command: object) -> None:
        assert self._project is not None
        tracked = TrackedCommand(
            valve_id=valve.valve_id,
            valve_name=valve.name,
            sector_name=sector_name,
            device_id=valve.device_id,
            project_id=self._project.project_id,
            command=command,  # type: ignore[arg-type]
        )
        self.tracker.track(tracked)

    def _on_command_changed(self, command: TrackedCommand) -> None:
        self.commands_model.update_rows(list(reversed(self.tracker.commands)))
        self._show_valves()
        if command.finished:
            self._reload_valves_in_background()
            if command.status.value == "confirmed":
                confirmed = (
                    self.tr("{valve}: the field confirms it is open")
                    if command.action == "open"
                    else self.tr("{valve}: the field confirms it is closed")
                )
                self.status_message.emit(confirmed.format(valve=command.valve_name))

    def _on_command_escalated(self, command: TrackedCommand) -> None:
        subject = f"{command.valve_name} ({command.sector_name})"
        self.alarms.escalate(
            command.device_id, command.valve_id, subject, kind=command.alarm_kind, value=command.alarm_value
        )

    def _request_program(self, action: str) -> ValveCommandDialog | None:
        """Start or stop the selected program behind the same confirmation and interlocks as a valve command."""
        program = self.selected_program()
        project = self._project
        if program is None or project is None:
            return None
        valve_ids = [step.valve_id for step in program.valves]
        rows = [self.valve_row(valve) for valve in self._valves if valve.valve_id in valve_ids]
        online = [row.device_online for row in rows]
        if action == "start":
            pressures = {row.valve.device_id: row.pressure_bar for row in rows}
            interlocks = check_program_start(
                valve_ids, self._open_valve_ids(), list(pressures.values()), self.limits, devices_online=online
            )
        else:
            interlocks = check_close(device_online=not any(o is False for o in online))
        dialog = ValveCommandDialog(
            action=action,
            valve_name=program.name,
            sector_name=", ".join(f"{self._valve_name(v.valve_id)} ({v.duration_min} min)" for v in program.valves),
            project_name=project.name,
            interlocks=interlocks,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def send(command: object, dialog: ValveCommandDialog = dialog) -> None:
            assert dialog.expires_at is not None
            # The commandId was fixed when the user confirmed; every resend carries it.
            request = ProgramRequest(
                program.program_id,
                program.name,
                action,
                command,
                dialog.expires_at,  # type: ignore[arg-type]
            )
            self._spawn(self.programs.send(request), f"program-{request.command_id}")

        dialog.confirmed.connect(send)
        dialog.open()  # never exec(): it would nest an event loop inside the asyncio loop
        return dialog

    def _on_program_queued(self, request: ProgramRequest) -> None:
        self.programs_model.waiting[request.program_id] = request.action
        self.programs_model.update_rows(self._programs)
        self._update_buttons()
        self.status_message.emit(
            self.tr("“{name}”: in the outbox until the connection is back").format(name=request.program_name)
        )

    def _on_program_finished(self, request: ProgramRequest) -> None:
        self.programs_model.waiting.pop(request.program_id, None)
        self.programs_model.update_rows(self._programs)
        self._update_buttons()
        if request.outcome == "done":
            done = self.tr("Started “{name}”") if request.action == "start" else self.tr("Stopped “{name}”")
            self.status_message.emit(done.format(name=request.program_name))
            self._follow_program_steps(request)
            self._reload_valves_in_background()
        elif request.outcome == "expired":
            self.status_message.emit(
                self.tr("“{name}” was not changed: the connection did not return in time").format(
                    name=request.program_name
                )
            )
        else:
            self.status_message.emit(
                self.tr("“{name}” was not changed: {reason}").format(name=request.program_name, reason=request.reason)
            )

    def _follow_program_steps(self, request: ProgramRequest) -> None:
        """The valve commands the program's start or stop issued: followed to the field's confirmation like the
        console's own (confirmed only when this office's flow readings agree; an alarm when they do not)."""
        from hydrodesk.api.models_iot import ValveCommand

        if self._project is None:
            return
        for step in request.steps:
            valve = next((v for v in self._valves if v.valve_id == step.valve_id), None)
            if valve is None or any(c.command_id == step.command_id for c in self.tracker.commands):
                continue  # not a valve of the project shown, or already followed (a replayed start)
            command = ValveCommand(action=step.action, duration_min=step.duration_min, command_id=step.command_id)
            tracked = TrackedCommand(
                valve_id=valve.valve_id,
                valve_name=valve.name,
                sector_name=self._sector_name(valve.sector_id),
                device_id=valve.device_id,
                project_id=self._project.project_id,
                command=command,
                program_name=request.program_name,
            )
            self.tracker.follow(tracked, step.status)
