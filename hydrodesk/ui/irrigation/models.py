"""The irrigation pane's tables: valves (commanded and observed side by side), commands, programs, logs, alarms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTime
from PySide6.QtGui import QColor

from hydrodesk.ui import formats
from hydrodesk.ui.irrigation.alarms import CLOSE_UNCONFIRMED, COMMAND_UNCONFIRMED, CONFIRM_CONTRADICTED, AlarmEntry
from hydrodesk.ui.irrigation.commands import TrackedCommand
from hydrodesk.ui.models.rows import Column, RowsTableModel

if TYPE_CHECKING:
    from hydrodesk.api.models_iot import IrrigationLog, Program, Valve


translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def _number(value: float | None, decimals: int = 1) -> str:
    return "" if value is None else QLocale().toString(float(value), "f", decimals)


class FarmClockModel(RowsTableModel):
    """A table whose times are the farm's: the selected project's timezone, named in the pane's heading."""

    zone: str | None = None

    def set_zone(self, zone: str | None) -> None:
        if zone != self.zone:
            self.zone = zone
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def when(self, moment: datetime | float | None) -> str:
        """The time alone today at the farm, with the day otherwise."""
        return "" if moment is None else formats.recent_moment_text(moment, self.zone)


def _sort_time(moment: datetime | float | None) -> float:
    if moment is None:
        return -1.0
    return moment if isinstance(moment, int | float) else moment.timestamp()


# ---------------------------------------------------------------------------------------------- valves
@dataclass(frozen=True)
class ValveRow:
    valve: Valve
    sector_name: str
    observed: str  # open / closed / unknown / fault: what the field reports (live when MQTT has it)
    commanded: str  # open / closed / "" : what was last asked
    commanded_until: datetime | None
    flow_lpm: float | None
    pressure_bar: float | None
    command: TrackedCommand | None
    device_online: bool | None

    @property
    def valve_id(self) -> str:
        return self.valve.valve_id


class ValvesModel(FarmClockModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row: row.valve_id, parent)
        self.colors: dict[str, QColor] = {}
        self.columns = [
            Column(self.tr("Valve"), lambda r: r.valve.name, tooltip=lambda r: f"{r.valve_id} · {r.valve.device_id}"),
            Column(self.tr("Sector"), lambda r: r.sector_name),
            Column(self.tr("Commanded"), self._commanded, color=lambda r: self._state_color(r.commanded)),
            Column(self.tr("Observed"), self._observed, color=lambda r: self._state_color(r.observed)),
            Column(
                self.tr("Flow (L/min)"),
                lambda r: _number(r.flow_lpm),
                self._flow_sort,
                numeric=True,
                color=self._flow_color,
            ),
            Column(self.tr("Expected (L/min)"), self._envelope, numeric=True),
            Column(
                self.tr("Pressure (bar)"),
                lambda r: _number(r.pressure_bar, 2),
                lambda r: r.pressure_bar if r.pressure_bar is not None else -1.0,
                numeric=True,
            ),
            Column(self.tr("Last command"), self._command, tooltip=self._command_tooltip),
        ]

    def _commanded(self, row: ValveRow) -> str:
        if row.commanded == "open":
            if row.commanded_until is not None:
                return self.tr("Open until {time}").format(time=formats.time_text(row.commanded_until, self.zone))
            return self.tr("Open")
        if row.commanded == "closed":
            return self.tr("Closed")
        return "—"

    def _observed(self, row: ValveRow) -> str:
        text = {
            "open": self.tr("Open"),
            "closed": self.tr("Closed"),
            "fault": self.tr("Fault"),
            "unknown": self.tr("Unknown"),
        }.get(row.observed, row.observed)
        if row.device_online is False:
            text += " · " + self.tr("device offline")
        return "● " + text

    def _state_color(self, state: str) -> QColor | None:
        return self.colors.get({"open": "online", "fault": "error", "unknown": "busy"}.get(state, "muted"))

    def _envelope(self, row: ValveRow) -> str:
        envelope = row.valve.expected_flow
        if envelope is None:
            return ""
        return f"{_number(envelope.min_lpm, 0)}–{_number(envelope.max_lpm, 0)}"

    @staticmethod
    def _flow_sort(row: ValveRow) -> float:
        return row.flow_lpm if row.flow_lpm is not None else -1.0

    def _flow_color(self, row: ValveRow) -> QColor | None:
        envelope, flow = row.valve.expected_flow, row.flow_lpm
        if envelope is None or flow is None:
            return None
        if row.observed == "open" and not envelope.min_lpm <= flow <= envelope.max_lpm:
            return self.colors.get("error")
        if row.observed == "closed" and flow > 1.0:
            return self.colors.get("error")
        return None

    def _command(self, row: ValveRow) -> str:
        command = row.command
        if command is None:
            return ""
        return f"{action_text(self, command)} · {status_text(self, command.status.value)}"

    def _command_tooltip(self, row: ValveRow) -> str | None:
        return lifecycle_text(self, row.command) if row.command is not None else None


# ---------------------------------------------------------------------------------------------- commands
def action_text(owner: QObject, command: TrackedCommand) -> str:
    if command.action == "open":
        return translate("Irrigation", "Open {minutes} min").format(minutes=command.duration_min)
    return translate("Irrigation", "Close")


def status_text(owner: QObject, status: str) -> str:
    return {
        "pending": translate("Irrigation", "pending"),
        "sent": translate("Irrigation", "sent"),
        "acked": translate("Irrigation", "acked"),
        "confirmed": translate("Irrigation", "confirmed"),
        "failed": translate("Irrigation", "failed"),
        "expired": translate("Irrigation", "expired"),
    }.get(status, status)


def lifecycle_text(owner: QObject, command: TrackedCommand) -> str:
    """ "pending → sent → acked → confirmed", as far as the command got."""
    return " → ".join(status_text(owner, status.value) for status, _at in command.history)


class CommandsModel(FarmClockModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda command: command.command_id, parent)
        self.colors: dict[str, QColor] = {}
        self.columns = [
            Column(self.tr("Requested"), lambda c: self.when(c.requested_at), lambda c: c.requested_at),
            Column(self.tr("Valve"), lambda c: c.valve_name),
            Column(self.tr("Sector"), lambda c: c.sector_name),
            Column(self.tr("Command"), lambda c: action_text(self, c)),
            Column(self.tr("Status"), lambda c: status_text(self, c.status.value), color=self._color),
            Column(self.tr("Lifecycle"), lambda c: lifecycle_text(self, c)),
            Column(self.tr("Sent"), lambda c: str(c.sends), lambda c: c.sends, numeric=True),
            Column(self.tr("Note"), self._note, tooltip=lambda c: c.command_id),
        ]

    def _color(self, command: TrackedCommand) -> QColor | None:
        if command.status.value == "confirmed":
            return self.colors.get("online")
        if command.status.value in ("failed", "expired") or command.escalated:
            return self.colors.get("error")
        return self.colors.get("busy")

    def _note(self, command: TrackedCommand) -> str:
        note = self.tr("Not confirmed: alarm raised") if command.escalated else command.error or ""
        if command.program_name:
            by = self.tr("By program “{name}”").format(name=command.program_name)
            note = f"{by} · {note}" if note else by
        return note


# ---------------------------------------------------------------------------------------------- programs
WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}  # QLocale's numbering


class ProgramsModel(FarmClockModel):
    def __init__(self, valve_names: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(lambda program: program.program_id, parent)
        self._valve_names = valve_names
        self.waiting: dict[str, str] = {}  # program id -> "start" or "stop" kept in the outbox, not delivered yet
        valves = Column(
            self.tr("Valves"),
            lambda p: ", ".join(f"{self._valve_names(v.valve_id)} ({v.duration_min} min)" for v in p.valves),
        )
        self.columns = [
            Column(self.tr("Program"), lambda p: p.name, tooltip=lambda p: p.program_id),
            Column(self.tr("State"), self._state),
            valves,
            Column(self.tr("Schedule"), self._schedule),
            Column(
                self.tr("Last started"), lambda p: self.when(p.last_started_at), lambda p: _sort_time(p.last_started_at)
            ),
        ]
        self.valves_column = self.columns.index(valves)  # every valve of a program: the text that can run long

    def _state(self, program: Program) -> str:
        waiting = self.waiting.get(program.program_id)
        if waiting == "start":
            return self.tr("Start waiting to be sent")
        if waiting == "stop":
            return self.tr("Stop waiting to be sent")
        if program.running:
            return self.tr("Running")
        return self.tr("Idle") if program.enabled else self.tr("Disabled")

    def _schedule(self, program: Program) -> str:
        """ "lun mié vie · 6:00, 14:00": the days in the user's language (the server names them mon…sun), the times
        written as every other time in the pane (the server sends "06:00")."""
        locale = QLocale()
        names = [
            locale.dayName(WEEKDAYS[day], QLocale.FormatType.ShortFormat) if day in WEEKDAYS else day
            for day in program.schedule.days
        ]
        days = " ".join(names) or "—"
        return f"{days} · {', '.join(_start_time_text(text) for text in program.schedule.start_times)}"


def _start_time_text(text: str) -> str:
    """A schedule's "14:00" (a time of day at the farm) in the locale's short time; the server's text when it is not
    a time of day."""
    moment = QTime.fromString(text.strip(), "H:mm")
    return QLocale().toString(moment, formats.time_format()) if moment.isValid() else text


# ---------------------------------------------------------------------------------------------- logs
@dataclass(frozen=True)
class LogRow:
    log: IrrigationLog
    valve_name: str
    sector_name: str
    by: str = ""
    """Who started it: their name when known, else their account id."""
    program_name: str = ""
    """The program that ran it, by name while the program still exists (else the column shows its id)."""


class LogsModel(FarmClockModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row: row.log.log_id, parent)
        self.columns = [
            Column(self.tr("Started"), lambda r: self.when(r.log.started_at), lambda r: _sort_time(r.log.started_at)),
            Column(self.tr("Ended"), lambda r: self.when(r.log.ended_at), lambda r: _sort_time(r.log.ended_at)),
            Column(self.tr("Valve"), lambda r: r.valve_name, tooltip=lambda r: r.log.valve_id),
            Column(self.tr("Sector"), lambda r: r.sector_name),
            Column(
                self.tr("Volume (L)"),
                lambda r: _number(r.log.volume_l, 0),
                lambda r: r.log.volume_l if r.log.volume_l is not None else -1.0,
                numeric=True,
            ),
            Column(self.tr("Source"), self._source),
            Column(
                self.tr("Program"),
                lambda r: r.program_name or r.log.program_id or "",
                tooltip=lambda r: r.log.program_id or "",
            ),
            Column(self.tr("By"), lambda r: r.by or r.log.auth0_id or "", tooltip=lambda r: r.log.auth0_id or ""),
        ]

    def _source(self, row: LogRow) -> str:
        return {"manual": self.tr("Manual"), "program": self.tr("Program")}.get(
            row.log.source or "", row.log.source or ""
        )


def logs_summary(rows: list[LogRow], days: int) -> str:
    """The period's water at a glance, in the locale's numbers. Written as labels and counts ("runs: 12") so it
    reads right for one run as for many, in every language, without plural forms."""
    by_sector: dict[str, float] = {}
    for row in rows:
        by_sector[row.sector_name] = by_sector.get(row.sector_name, 0.0) + (row.log.volume_l or 0.0)
    manual = sum(row.log.source == "manual" for row in rows)
    sectors = " · ".join(
        f"{name} {formats.number_text(volume / 1000, 1)} m³" for name, volume in sorted(by_sector.items())
    )
    locale = QLocale()
    return translate(
        "Irrigation", "Last {days} days: {total} m³ · runs: {runs} · manual: {manual} · by sector: {sectors}"
    ).format(
        days=locale.toString(days),
        total=formats.number_text(sum(by_sector.values()) / 1000, 1),
        runs=locale.toString(len(rows)),
        manual=locale.toString(manual),
        sectors=sectors or "—",
    )


# ---------------------------------------------------------------------------------------------- alarms
def alarm_title(owner: QObject, kind: str) -> str:
    return {
        "no_flow": translate("Irrigation", "No flow while open"),
        "leak": translate("Irrigation", "Leak: flow while closed"),
        "flow_low": translate("Irrigation", "Flow below the expected range"),
        "flow_high": translate("Irrigation", "Flow above the expected range"),
        "pressure_low": translate("Irrigation", "Line pressure low"),
        "pressure_high": translate("Irrigation", "Line pressure high"),
        "offline": translate("Irrigation", "Device offline"),
        "battery_low": translate("Irrigation", "Battery low"),
        CLOSE_UNCONFIRMED: translate("Irrigation", "Close not confirmed"),
        COMMAND_UNCONFIRMED: translate("Irrigation", "Command acknowledged but not carried out"),
        CONFIRM_CONTRADICTED: translate("Irrigation", "Server says done, the flow says otherwise"),
    }.get(kind, kind)


def alarm_value(entry: AlarmEntry) -> str:
    if entry.value is None:
        return ""
    if entry.kind.startswith("pressure"):
        return f"{_number(entry.value, 2)} bar"
    if entry.kind == "offline":
        return f"{_number(entry.value, 0)} s"
    if entry.kind == "battery_low":
        return f"{_number(entry.value, 0)} %"
    return f"{_number(entry.value, 1)} L/min"


class AlarmsModel(FarmClockModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda entry: str(entry.alarm_id), parent)
        self.colors: dict[str, QColor] = {}
        self.columns = [
            Column(self.tr("Raised"), lambda a: self.when(a.raised_at), lambda a: a.raised_at),
            Column(self.tr("Alarm"), lambda a: alarm_title(self, a.kind), color=self._color),
            Column(self.tr("Where"), lambda a: a.subject),
            Column(self.tr("Reading"), alarm_value, numeric=True),
            Column(self.tr("Times"), lambda a: str(a.repeats), lambda a: a.repeats, numeric=True),
            Column(self.tr("State"), self._state, color=self._color),
            Column(self.tr("Acknowledged"), lambda a: self._who(a.acknowledged_by, a.acknowledged_at)),
            Column(self.tr("Cleared"), lambda a: self._who(a.cleared_by, a.cleared_at)),
        ]

    def _state(self, entry: AlarmEntry) -> str:
        if not entry.open:
            return self.tr("Cleared")
        if entry.acknowledged_at is not None:
            return self.tr("Acknowledged") if entry.active else self.tr("Acknowledged · condition gone")
        return self.tr("Needs attention") if entry.active else self.tr("Condition gone · not acknowledged")

    def _color(self, entry: AlarmEntry) -> QColor | None:
        if not entry.open:
            return self.colors.get("muted")
        return self.colors.get("error") if entry.acknowledged_at is None else self.colors.get("busy")

    def _who(self, who: str | None, at: float | None) -> str:
        if at is None:
            return ""
        by = who if who else self.tr("by itself")
        return f"{self.when(at)} · {by}"
