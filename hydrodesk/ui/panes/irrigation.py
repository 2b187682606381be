"""Irrigation: the valves of the selected project or sector, their commands, programs, logs and alarms.

A valve shows what was commanded and what the field reports in separate columns; flow and pressure come live
from the telemetry hub. Open (always for a duration) and Close go through a confirmation that names the valve,
its sector and the duration; each command's lifecycle is shown as it moves. Alarms are the session's alarm
service's (hydrodesk.ui.alarms.service), which watches the farm whether this pane is open or not; the Alarms tab
shows its journal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk.api.errors import ApiError
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.domain.irrigation_limits import IrrigationLimits, check_close, check_open, check_program_start
from hydrodesk.sync.irrigation_data import IrrigationSnapshot, cached_irrigation
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui import formats
from hydrodesk.ui.alarms.journal_view import AlarmJournalView
from hydrodesk.ui.error_text import user_message
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.irrigation.alarms import AlarmCenter, AlarmEntry
from hydrodesk.ui.irrigation.command_dialog import ValveCommandDialog
from hydrodesk.ui.irrigation.commands import CommandTracker, DirectCommandSender, TrackedCommand
from hydrodesk.ui.irrigation.models import (
    CommandsModel,
    LogRow,
    LogsModel,
    ProgramsModel,
    ValveRow,
    ValvesModel,
    alarm_title,
)
from hydrodesk.ui.irrigation.outbox_sender import OutboxCommandSender
from hydrodesk.ui.irrigation.program_commands import ProgramCommands, ProgramRequest
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.panes.sync_follow import EngineFollower
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.state_page import StatePage
from hydrodesk.ui.widgets.tab_order import move_before

if TYPE_CHECKING:
    from hydrodesk.api.models import Project
    from hydrodesk.api.models_iot import IrrigationLog, Program, Valve
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.live.telemetry import LiveTelemetry

log = logging.getLogger(__name__)

VALVES_REFRESH_MS = 15_000
LIVE_REFRESH_MS = 1_000
LOG_DAYS = 7
# A live reading older than this is not "current" any more; the server's last known value is shown instead.
FRESH_S = 30.0
VALVES_TAB, PROGRAMS_TAB, LOGS_TAB, ALARMS_TAB = range(4)


class IrrigationPane(Pane):
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

        # ---------------------------------------------------------------- heading and alarm banner
        self.title_label = QLabel(self.tr("Irrigation"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.live_chip = QLabel(self)
        self.live_chip.setObjectName("Chip")
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading.addLayout(titles, 1)
        heading.addWidget(self.live_chip, 0, Qt.AlignmentFlag.AlignTop)

        self.age_banner = QLabel(self)
        self.age_banner.setObjectName("PaneBanner")
        self.age_banner.setProperty("tone", "warn")
        self.age_banner.setWordWrap(True)
        self.age_banner.setVisible(False)

        self.alarm_banner = QFrame(self)
        self.alarm_banner.setObjectName("AlarmBanner")
        self.alarm_text = QLabel(self.alarm_banner)
        self.alarm_text.setWordWrap(True)
        self.alarm_icon = QLabel(self.alarm_banner)
        self.show_alarms_button = QPushButton(self.tr("Show alarms"), self.alarm_banner)
        self.show_alarms_button.clicked.connect(lambda: self.tabs.setCurrentIndex(ALARMS_TAB))
        banner_layout = QHBoxLayout(self.alarm_banner)
        banner_layout.setContentsMargins(12, 6, 8, 6)
        banner_layout.addWidget(self.alarm_icon)
        banner_layout.addWidget(self.alarm_text, 1)
        banner_layout.addWidget(self.show_alarms_button)
        self.alarm_banner.setVisible(False)

        # ---------------------------------------------------------------- valves tab
        self.valves_model = ValvesModel(self)
        self.valves_table = DataTable(export_name=self.tr("valves", "file name"), parent=self)
        self.valves_table.set_source_model(self.valves_model)
        self.valves_table.current_row_changed.connect(self._update_buttons)
        self.valves_table.view.doubleClicked.connect(lambda _index: self.request_open())
        self.open_button = QPushButton(self.tr("&Open…"), self)
        self.open_button.setObjectName("PrimaryButton")
        self.open_button.setToolTip(self.tr("Open the selected valve for a number of minutes (Alt+O)"))
        self.open_button.clicked.connect(self.request_open)
        self.close_button = QPushButton(self.tr("C&lose…"), self)
        self.close_button.setToolTip(self.tr("Close the selected valve (Alt+L)"))
        self.close_button.clicked.connect(self.request_close)
        self.selection_hint = QLabel(self)
        self.selection_hint.setObjectName("Muted")
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.close_button)
        actions.addWidget(self.selection_hint, 1)
        self.commands_model = CommandsModel(self)
        self.commands_table = DataTable(export_name=self.tr("valve-commands", "file name"), parent=self)
        self.commands_table.set_source_model(self.commands_model)
        self.commands_table.set_elastic_columns([self.commands_model.columnCount() - 1])  # the note: free text
        commands_label = QLabel(self.tr("COMMANDS THIS SESSION"), self)
        commands_label.setObjectName("SectionLabel")
        valves_top = QWidget(self)
        top_layout = QVBoxLayout(valves_top)
        top_layout.setContentsMargins(0, 8, 0, 0)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.valves_table, 1)
        valves_bottom = QWidget(self)
        bottom_layout = QVBoxLayout(valves_bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(commands_label)
        bottom_layout.addWidget(self.commands_table, 1)
        valves_tab = QSplitter(Qt.Orientation.Vertical, self)
        valves_tab.setObjectName("ValvesAndCommands")
        valves_tab.addWidget(valves_top)
        valves_tab.addWidget(valves_bottom)
        valves_tab.setSizes([380, 200])
        valves_tab.setChildrenCollapsible(False)

        # ---------------------------------------------------------------- programs tab
        self.programs_model = ProgramsModel(self._valve_name, self)
        self.programs_table = DataTable(export_name=self.tr("programs", "file name"), parent=self)
        self.programs_table.set_source_model(self.programs_model)
        self.programs_table.current_row_changed.connect(self._update_buttons)
        self.start_program_button = QPushButton(self.tr("&Start program…"), self)
        self.start_program_button.clicked.connect(lambda: self._request_program("start"))
        self.stop_program_button = QPushButton(self.tr("S&top program…"), self)
        self.stop_program_button.clicked.connect(lambda: self._request_program("stop"))
        programs_tab = QWidget(self)
        programs_layout = QVBoxLayout(programs_tab)
        programs_layout.setContentsMargins(0, 8, 0, 0)
        program_actions = QHBoxLayout()
        program_actions.addWidget(self.start_program_button)
        program_actions.addWidget(self.stop_program_button)
        program_actions.addStretch(1)
        programs_layout.addLayout(program_actions)
        programs_layout.addWidget(self.programs_table, 1)

        # ---------------------------------------------------------------- logs tab
        self.logs_model = LogsModel(self)
        self.logs_table = DataTable(export_name=self.tr("irrigation-logs", "file name"), parent=self)
        self.logs_table.set_source_model(self.logs_model)
        self.logs_summary = QLabel(self)
        self.logs_summary.setObjectName("Muted")
        self.logs_summary.setWordWrap(True)
        logs_tab = QWidget(self)
        logs_layout = QVBoxLayout(logs_tab)
        logs_layout.setContentsMargins(0, 8, 0, 0)
        logs_layout.addWidget(self.logs_summary)
        logs_layout.addWidget(self.logs_table, 1)

        # ---------------------------------------------------------------- alarms tab
        alarms_tab = AlarmJournalView(self)
        alarms_tab.rules_requested.connect(self._open_alarm_rules)
        self.alarms_view = alarms_tab
        self.alarms_model, self.alarms_table = alarms_tab.model, alarms_tab.table
        self.acknowledge_button, self.clear_alarm_button = alarms_tab.acknowledge_button, alarms_tab.clear_button
        self.alarms.changed.connect(self._show_alarms)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(valves_tab, self.tr("Valves"))
        self.tabs.addTab(programs_tab, self.tr("Programs"))
        self.tabs.addTab(logs_tab, self.tr("Logs"))
        self.tabs.addTab(alarms_tab, self.tr("Alarms"))
        self.state_page = StatePage(self)
        self.state_page.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.age_banner)
        layout.addWidget(self.alarm_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.state_page, 1)
        # Tab in reading order: the tabs, then each tab's buttons above its table (both were made after it).
        move_before([self.open_button, self.close_button], self.valves_table.filter_edit, self)
        move_before([self.tabs], self.open_button, self)
        move_before([self.start_program_button, self.stop_program_button], self.programs_table.filter_edit, self)

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

    def apply_theme(self, theme: Theme) -> None:
        tokens = theme.tokens
        self._theme_tokens = dict(tokens)
        colors = {name: QColor(tokens[name]) for name in ("online", "offline", "busy", "error", "muted", "accent")}
        for model in (self.valves_model, self.commands_model):
            model.colors = colors
        self.alarms_view.apply_theme(theme)
        icon = tokens["icon"]
        for table in (self.valves_table, self.commands_table, self.programs_table, self.logs_table):
            table.set_icons(themed_icon("search", icon), themed_icon("export", icon))
        self.alarm_icon.setPixmap(svg_pixmap("alarm", QSize(20, 20), tokens["error"]))
        self.alarm_banner.setStyleSheet(
            f"QFrame#AlarmBanner {{ border: 1px solid {tokens['error']}; border-radius: 6px;"
            f" background: {tokens['card']}; }} QFrame#AlarmBanner QLabel {{ color: {tokens['error']};"
            " font-weight: 600; }"
        )
        self.tabs.setTabIcon(ALARMS_TAB, themed_icon("alarm", icon))
        self.tabs.setTabIcon(VALVES_TAB, themed_icon("irrigation", icon))

    def help_text(self) -> str:
        return self.tr(
            "Each valve shows what was commanded and what the field reports, side by side. Open or close the "
            "selected valve behind a confirmation; an open command always has a duration, and the command is "
            "followed until the field's telemetry confirms it. Programs, logs and alarms are on the other tabs "
            "(Ctrl+Tab)."
        )

    def focus_filter(self) -> bool:
        self._current_table().focus_filter()
        return True

    def export_table(self) -> bool:
        self._current_table().choose_export_file()
        return True

    async def refresh(self) -> None:
        self.set_live(self.context.live())
        await self.reload()

    def _current_table(self) -> DataTable:
        return (self.valves_table, self.programs_table, self.logs_table, self.alarms_table)[self.tabs.currentIndex()]

    # ------------------------------------------------------------------------------------------ loading
    def _reload_in_background(self) -> None:
        if self._project is not None and (self.context.office() is not None or self.context.client() is not None):
            self._spawn(self.reload(), "irrigation-reload")

    def _reload_valves_in_background(self) -> None:
        if self._project is not None and self.context.client() is not None and self.isVisible() and not self._loading:
            self._spawn(self.reload(logs=False), "irrigation-valves")

    def _spawn(self, work: Coroutine[Any, Any, object], name: str) -> None:
        try:
            self.context.tasks.spawn(work, name=name)
        except RuntimeError:  # shutting down
            work.close()

    async def reload(self, *, logs: bool = True, fetch: bool = True) -> bool:
        """Show the project's valves, programs and logs as this computer saved them, at once; then (with `fetch`)
        fetch the valves and programs (and, with `logs`, the last week's logs) into the cache and show them. False
        when the server could not be reached or refused: the saved copy stays on screen, its age said."""
        project = self._project
        if project is None:
            return False
        office = self._follow(self.context.office())
        if office is None:  # a session without a local database: straight from the server, as before
            return await self._reload_from_server(project, logs=logs)
        await self._show_cached(office, project)
        if not fetch:
            return True
        client = self.context.client()
        if client is not None:
            self._user = client.credentials.display_name
        self._loading = True
        try:
            await self.context.monitor.call(office.engine.refresher.irrigation(project.project_id, logs=logs))
        except ApiError as error:
            problem: str | None = user_message(error)
        else:
            problem = None
        finally:
            self._loading = False
        if not isValid(self) or self._project is not project:
            return False
        self._problem = problem
        await self._show_cached(office, project)
        return problem is None

    def _follow(self, office: Office | None) -> Office | None:
        """Hear the office's sync engine, and have its refresh fetch the selected project's irrigation too."""
        self._engine.follow(office)
        if office is not None:
            office.engine.refresher.irrigation_project = self._project.project_id if self._project else None
        return office

    async def _show_cached(self, office: Office, project: Project) -> None:
        snapshot = await cached_irrigation(office.store, project.project_id, datetime.now(UTC))
        if not isValid(self) or self._project is not project:
            return
        self._snapshot = snapshot
        self._show_data(snapshot.valves, snapshot.programs, snapshot.logs)
        self._show_age()
        if snapshot.empty and self._problem is not None:
            self._show_problem(self._problem)

    def _show_data(self, valves: list[Valve], programs: list[Program], logs: list[IrrigationLog] | None) -> None:
        self._valves = valves
        self._programs = programs
        self._show_valves()
        self.programs_model.update_rows(programs)
        if logs is not None:
            self._show_logs(logs)
        self._update_heading()
        self._update_buttons()
        self.state_page.setVisible(False)
        self.tabs.setVisible(True)

    async def _reload_from_server(self, project: Project, *, logs: bool) -> bool:
        client = self.context.client()
        if client is None:
            return False
        monitor = self.context.monitor
        try:
            valves = await monitor.call(client.list_valves(project.project_id))
            programs = await monitor.call(client.list_programs(project.project_id))
            logs_found = None
            if logs:
                end = datetime.now(UTC)
                logs_found = await monitor.call(
                    client.irrigation_logs(project.project_id, end - timedelta(days=LOG_DAYS), end)
                )
        except ApiError as error:
            if self._project is project:
                self._show_problem(user_message(error))
            return False
        if self._project is not project:
            return False  # another project was chosen meanwhile
        self._user = client.credentials.display_name
        self._show_data(valves, programs, logs_found)
        return True

    def _on_sync_status(self, status: SyncStatus) -> None:
        previous, self._sync = self._sync, status
        self._show_age()
        office, project = self._engine.office, self._project
        if office is None or project is None or previous is None:
            return
        if status.last_sync_at != previous.last_sync_at:
            # The engine's refresh brought the project's irrigation too: show it (a local read).
            self._spawn(self._show_cached(office, project), "irrigation-cached")

    def _show_age(self) -> None:
        """Offline, or the last fetch failed: say that what is shown is this computer's copy, and from when."""
        snapshot = self._snapshot
        away = (ConnectionState.OFFLINE, ConnectionState.AUTH_REQUIRED)
        offline = self._sync is not None and self._sync.state in away
        if snapshot is None or snapshot.empty or (self._problem is None and not offline):
            self.age_banner.setVisible(False)
            return
        saved = snapshot.valves_at or snapshot.fetched_at
        zone = self._project.timezone if self._project is not None else None
        when = formats.zoned_text(saved, zone) if saved else self.tr("an unknown time")
        text = self.tr(
            "Offline: showing the valves, programs and logs saved on this computer at {when}. Commands you confirm "
            "are kept and sent when the connection is back."
        ).format(when=when)
        if self._problem:
            text += " " + self._problem
        self.age_banner.setText(text)
        self.age_banner.setVisible(True)

    def _show_problem(self, message: str) -> None:
        if self._valves:
            self.status_message.emit(message)
            return
        color = self._theme_tokens.get("error", "#b03a2e")
        self.state_page.show_state(
            title=self.tr("The valves could not be loaded"),
            message=self.tr("{message} Nothing is saved on this computer yet; press F5 to try again.").format(
                message=message
            ),
            icon=svg_pixmap("error", QSize(48, 48), color),
            tone="error",
        )
        self.tabs.setVisible(False)
        self.state_page.setVisible(True)

    # ------------------------------------------------------------------------------------------ valves
    def _sector_name(self, sector_id: str | None) -> str:
        project = self._project
        if project is not None:
            for sector in project.sectors:
                if sector.sector_id == sector_id:
                    return sector.sector_name
        return sector_id or ""

    def _valve_name(self, valve_id: str) -> str:
        return next((valve.name for valve in self._valves if valve.valve_id == valve_id), valve_id)

    def shown_valves(self) -> list[Valve]:
        sector = self._selection.sector
        return [v for v in self._valves if sector is None or v.sector_id == sector.sector_id]

    def valve_row(self, valve: Valve) -> ValveRow:
        """The valve as the server last described it, overlaid with the live readings and the newest command."""
        live = self._live
        now = time.time()
        observed, device_online = valve.observed_state, None
        flow, pressure = valve.flow_lpm, valve.pressure_bar
        if live is not None:
            info = live.devices.get(valve.device_id)
            if info is not None:
                device_online = info.online
                seen = info.valves.get(valve.valve_id)
                if seen is not None:
                    observed = seen.state
                if info.online is False:
                    observed = "unknown"
            flow = self._fresh(live, valve.device_id, self._flow_metric(live, valve), now, flow)
            pressure = self._fresh(live, valve.device_id, "pressure_bar", now, pressure)
        commanded, until = valve.commanded_state or "", valve.commanded_until
        command = self.tracker.latest_for(valve.valve_id)
        if command is not None and command.status.value not in ("failed", "expired"):
            commanded = "open" if command.action == "open" else "closed"
            if command.action == "open" and command.duration_min:
                until = datetime.fromtimestamp(command.requested_at, UTC) + timedelta(minutes=command.duration_min)
            else:
                until = None
        return ValveRow(
            valve,
            self._sector_name(valve.sector_id),
            observed,
            commanded,
            until,
            flow,
            pressure,
            command,
            device_online,
        )

    def _flow_reading(self, command: TrackedCommand) -> tuple[FlowEnvelope | None, tuple[float, float] | None]:
        """The command's valve as this office's own telemetry sees it (the tracker judges confirmation by it)."""
        valve = next((v for v in self._valves if v.valve_id == command.valve_id), None)
        envelope = None
        if valve is not None and valve.expected_flow is not None:
            envelope = FlowEnvelope(valve.expected_flow.min_lpm, valve.expected_flow.max_lpm)
        live = self._live
        if live is None or valve is None:
            return envelope, None
        return envelope, live.latest(valve.device_id, self._flow_metric(live, valve))

    @staticmethod
    def _flow_metric(live: LiveTelemetry, valve: Valve) -> str:
        from hydrodesk.domain.telemetry import SeriesKey

        # A device with several valves reports each one's flow; a single-valve device reports the line's.
        per_valve = f"flow_lpm_{valve.valve_id}"
        return per_valve if SeriesKey(valve.device_id, per_valve) in live.store else "flow_lpm"

    @staticmethod
    def _fresh(live: LiveTelemetry, device_id: str, metric: str, now: float, fallback: float | None) -> float | None:
        latest = live.latest(device_id, metric)
        if latest is not None and now - latest[0] <= FRESH_S:
            return latest[1]
        return fallback

    def _show_valves(self) -> None:
        self.valves_model.update_rows([self.valve_row(valve) for valve in self.shown_valves()])
        self._update_buttons()

    def selected_valve(self) -> ValveRow | None:
        index = self.valves_table.proxy.mapToSource(self.valves_table.view.currentIndex())
        return self.valves_model.row_at(index.row()) if index.isValid() else None

    def select_valve(self, valve_id: str) -> None:
        self.valves_table.select_source_row(self.valves_model.row_of(valve_id))
        self._update_buttons()

    # ------------------------------------------------------------------------------------------ commands
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

    # ------------------------------------------------------------------------------------------ programs
    def selected_program(self) -> Program | None:
        index = self.programs_table.proxy.mapToSource(self.programs_table.view.currentIndex())
        return self.programs_model.row_at(index.row()) if index.isValid() else None

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

    # ------------------------------------------------------------------------------------------ logs
    def _show_logs(self, logs: list) -> None:  # type: ignore[type-arg]
        rows = [LogRow(entry, self._valve_name(entry.valve_id), self._sector_name(entry.sector_id)) for entry in logs]
        rows.sort(key=lambda row: row.log.started_at, reverse=True)
        self.logs_model.set_rows(rows)
        by_sector: dict[str, float] = {}
        manual = 0
        for row in rows:
            by_sector[row.sector_name] = by_sector.get(row.sector_name, 0.0) + (row.log.volume_l or 0.0)
            manual += row.log.source == "manual"
        total = sum(by_sector.values())
        sectors = " · ".join(f"{name} {volume / 1000:.1f} m³" for name, volume in sorted(by_sector.items()))
        self.logs_summary.setText(
            self.tr("Last {days} days: {total} m³ in {runs} runs ({manual} manual). By sector: {sectors}").format(
                days=LOG_DAYS, total=f"{total / 1000:.1f}", runs=len(rows), manual=manual, sectors=sectors or "—"
            )
        )

    # ------------------------------------------------------------------------------------------ live + alarms
    def _on_live_connection(self, *_: object) -> None:
        live = self._live
        if live is None:
            self._set_chip(self.tr("Live data off"), "error")
        elif live.connected:
            self._set_chip(self.tr("Live"), "ok")
        else:
            self._set_chip(self.tr("Live data reconnecting…"), "warn")

    def _set_chip(self, text: str, tone: str) -> None:
        self.live_chip.setText("● " + text)
        self.live_chip.setProperty("tone", tone)
        self.live_chip.style().unpolish(self.live_chip)
        self.live_chip.style().polish(self.live_chip)

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

    def _show_alarms(self) -> None:
        attention = self.alarms.needing_attention()
        count = len(self.alarms.open_alarms())
        self.tabs.setTabText(
            ALARMS_TAB, self.tr("Alarms ({count})").format(count=count) if count else self.tr("Alarms")
        )
        if attention:
            newest = attention[-1]
            what = f"{alarm_title(self, newest.kind)} — {newest.subject}"
            if len(attention) == 1:
                self.alarm_text.setText(self.tr("1 alarm needs attention: {what}").format(what=what))
            else:
                self.alarm_text.setText(
                    self.tr("{count} alarms need attention; newest: {what}").format(count=len(attention), what=what)
                )
        self.alarm_banner.setVisible(bool(attention))

    def selected_alarm(self) -> AlarmEntry | None:
        return self.alarms_view.selected()

    def select_alarm(self, alarm_id: int) -> None:
        self.alarms_view.select(alarm_id)

    def _open_alarm_rules(self) -> None:
        window = self.window()
        if hasattr(window, "open_alarm_rules"):
            window.open_alarm_rules()

    # ------------------------------------------------------------------------------------------ looks
    def _update_heading(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        if project is None:
            self.title_label.setText(self.tr("Irrigation"))
            self.subtitle_label.setText(self.tr("Choose a project or sector in the navigator."))
            return
        where = f"{project.name} · {sector.sector_name}" if sector is not None else project.name
        self.title_label.setText(self.tr("Irrigation — {where}").format(where=where))
        shown = self.shown_valves()
        open_count = sum(1 for valve in shown if self.valve_row(valve).observed == "open")
        running = [p.name for p in self._programs if p.running]
        text = self.tr("{valves} valves · {open} open · at most {limit} open at once per project").format(
            valves=len(shown), open=open_count, limit=self.limits.max_open_valves
        )
        if running:
            text += " · " + self.tr("running: {programs}").format(programs=", ".join(running))
        text += " · " + self.tr("times in {zone}").format(zone=formats.zone_label(project.timezone))
        self.subtitle_label.setText(text)

    def _valve_state_text(self, row: ValveRow) -> str:
        """What the field reports and what was commanded, one whole sentence per state (so each language can
        agree its words with the valve)."""
        observed = {
            "open": self.tr("{valve} in {sector} is open in the field."),
            "closed": self.tr("{valve} in {sector} is closed in the field."),
            "fault": self.tr("{valve} in {sector} reports a fault."),
        }.get(row.observed, self.tr("{valve} in {sector}: the field has not reported its state."))
        text = observed.format(valve=row.valve.name, sector=row.sector_name)
        if row.commanded == "open" and row.commanded_until is not None:
            commanded = self.tr("Commanded open until {time}.").format(
                time=formats.time_text(row.commanded_until, self.valves_model.zone)
            )
        elif row.commanded == "open":
            commanded = self.tr("Commanded open.")
        elif row.commanded == "closed":
            commanded = self.tr("Commanded closed.")
        else:
            commanded = self.tr("No command yet.")
        return f"{text} {commanded}"

    def _update_buttons(self, *_: object) -> None:
        row = self.selected_valve()
        self.open_button.setEnabled(row is not None)
        self.close_button.setEnabled(row is not None)
        if row is None:
            self.selection_hint.setText(self.tr("Select a valve to open or close it."))
        else:
            self.selection_hint.setText(self._valve_state_text(row))
        program = self.selected_program()
        waiting = program is not None and program.program_id in self.programs_model.waiting
        self.start_program_button.setEnabled(
            program is not None and program.enabled and not program.running and not waiting
        )
        self.stop_program_button.setEnabled(program is not None)

    def current_valve_index(self) -> QModelIndex:
        return self.valves_table.view.currentIndex()
