"""Irrigation: the valves of the selected project or sector, their commands, programs, logs and alarms.

A valve shows what was commanded and what the field reports in separate columns; flow and pressure come live
from the telemetry hub. Open (always for a duration) and Close go through a confirmation that names the valve,
its sector and the duration; each command's lifecycle is shown as it moves. Alarms are the session's alarm
service's (hydrodesk.ui.alarms.service), which watches the farm whether this pane is open or not; the Alarms tab
shows its journal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.sync.irrigation_data import IrrigationSnapshot
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.irrigation.alarms import AlarmCenter
from hydrodesk.ui.irrigation.commands import CommandTracker, DirectCommandSender
from hydrodesk.ui.irrigation.outbox_sender import OutboxCommandSender
from hydrodesk.ui.irrigation.pane_actions import IrrigationActions
from hydrodesk.ui.irrigation.pane_state import FRESH_S, LOG_DAYS, IrrigationState
from hydrodesk.ui.irrigation.pane_view import ALARMS_TAB, LOGS_TAB, PROGRAMS_TAB, VALVES_TAB, IrrigationView
from hydrodesk.ui.irrigation.program_commands import ProgramCommands
from hydrodesk.ui.panes.base import Pane, PaneContext, Selection
from hydrodesk.ui.panes.sync_follow import EngineFollower

if TYPE_CHECKING:
    from hydrodesk.api.models import Project
    from hydrodesk.api.models_iot import Program, Valve
    from hydrodesk.ui.live.telemetry import LiveTelemetry

__all__ = ["ALARMS_TAB", "FRESH_S", "LOGS_TAB", "LOG_DAYS", "PROGRAMS_TAB", "VALVES_TAB", "IrrigationPane"]

VALVES_REFRESH_MS = 15_000
LIVE_REFRESH_MS = 1_000


class IrrigationPane(IrrigationView, IrrigationActions, IrrigationState, Pane):
    """The pane: its parts are the view (hydrodesk.ui.irrigation.pane_view), the state (pane_state) and the
    actions (pane_actions); this class wires them to the session (selection, live telemetry, alarms)."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # The selected project's limits from Settings > Irrigation, loaded when a project is selected (the settings
        # dialog updates them here when changed).
        self.limits = context.ui_state.irrigation_limits() if context.ui_state is not None else IrrigationLimits()
        self._selection = Selection()
        self._project: Project | None = None
        self._valves: list[Valve] = []  # every valve of the project (interlocks count them all)
        self._programs: list[Program] = []
        self._live: LiveTelemetry | None = None
        self._loading = False
        self._user = ""
        self._theme_tokens: dict[str, str] = {}
        self._ready_announced = False
        self._snapshot: IrrigationSnapshot | None = None  # what the cache held when last read
        self._problem: str | None = None  # why the last fetch failed (None: it worked)
        self._sync: SyncStatus | None = None
        self._engine = EngineFollower(self, self._on_sync_status)

        self.tracker = CommandTracker(
            # Through the office's outbox (kept when offline); straight to the server only while there is no office.
            OutboxCommandSender(context.office, DirectCommandSender(context.client, context.monitor)),
            context.client,
            context.monitor,
            context.tasks,
            lambda: self.limits,
            flow_reading=self._flow_reading,
            parent=self,
        )
        self.tracker.changed.connect(self._on_command_changed)
        self.tracker.escalated.connect(self._on_command_escalated)
        self.programs = ProgramCommands(context.office, context.client, context.monitor, parent=self)
        self.programs.queued.connect(self._on_program_queued)
        self.programs.finished.connect(self._on_program_finished)
        # The session's alarm service once signed in; an empty journal until then.
        self._no_alarms = AlarmCenter(lambda: self.limits.alarm_hold_s, parent=self)
        self.alarms: AlarmCenter = self._no_alarms
        self._build_view(context)

        self._valves_timer = QTimer(self)
        self._valves_timer.setInterval(VALVES_REFRESH_MS)
        self._valves_timer.timeout.connect(self._reload_valves_in_background)
        self._valves_timer.start()
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(LIVE_REFRESH_MS)
        self._live_timer.timeout.connect(self.evaluate_live)
        self._live_timer.start()
        self.apply_theme(context.theme())
        self.set_live(context.live())
        self._update_heading()
        self._update_buttons()

    # ------------------------------------------------------------------------------------------ Pane

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        previous = self._project
        self._selection = selection
        self._project = selection.project
        zone = self._project.timezone if self._project is not None else None
        for model in (self.valves_model, self.commands_model, self.programs_model, self.logs_model, self.alarms_model):
            model.set_zone(zone)
        if self._project is None:
            self._valves, self._programs = [], []
            self._show_valves()
            self.programs_model.set_rows([])
            self.logs_model.set_rows([])
        elif previous is None or previous.project_id != self._project.project_id:
            if self.context.ui_state is not None:
                self.limits = self.context.ui_state.irrigation_limits(self._project.project_id)
            self._valves, self._programs = [], []
            self._snapshot, self._problem = None, None
            self.age_banner.setVisible(False)
            self._show_valves()
            self._reload_in_background()
        else:
            self._show_valves()
        self._update_heading()

    def set_live(self, live: LiveTelemetry | None) -> None:
        if live is self._live:
            return
        if self._live is not None:
            self._live.command_acked.disconnect(self.tracker.on_ack)
            self._live.connection_changed.disconnect(self._on_live_connection)
        self._live = live
        if live is not None:
            live.command_acked.connect(self.tracker.on_ack)
            live.connection_changed.connect(self._on_live_connection)
        self._on_live_connection()
        self._use_alarms(self.context.alarms() or self._no_alarms)

    def _use_alarms(self, alarms: AlarmCenter) -> None:
        if alarms is self.alarms:
            return
        self.alarms.changed.disconnect(self._show_alarms)
        self.alarms = alarms
        alarms.changed.connect(self._show_alarms)
        self.alarms_view.set_center(alarms)
        self._show_alarms()

    async def refresh(self) -> None:
        self.set_live(self.context.live())
        await self.reload()

    def evaluate_live(self) -> None:
        """Once a second: the valves' live columns (the alarm service judges the readings, pane or no pane)."""
        if self._valves:
            self._show_valves()
        live = self._live
        if live is None or not live.connected or not self._valves:
            return
        if not self._ready_announced and self.is_data_ready():
            self._ready_announced = True
            self.data_ready.emit()

    def is_data_ready(self) -> bool:
        """Valves loaded, with a live flow reading for each one shown."""
        rows = self.valves_model.rows
        return bool(rows) and all(row.flow_lpm is not None and row.pressure_bar is not None for row in rows)

    def _open_alarm_rules(self) -> None:
        window = self.window()
        if hasattr(window, "open_alarm_rules"):
            window.open_alarm_rules()
