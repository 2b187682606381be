"""The Irrigation pane's state: the project's valves, programs and logs from the office's cache (or the server
without an office), and each valve overlaid with the live readings and its newest command (a part of
hydrodesk.ui.panes.irrigation.IrrigationPane, which mixes it in)."""

from __future__ import annotations

import time
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from hydrodesk.api.errors import ApiError
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.sync.irrigation_data import cached_irrigation
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.error_text import user_message
from hydrodesk.ui.irrigation.commands import TrackedCommand
from hydrodesk.ui.irrigation.models import ValveRow

if TYPE_CHECKING:
    from hydrodesk.api.models import Project
    from hydrodesk.api.models_iot import IrrigationLog, Program, Valve
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.live.telemetry import LiveTelemetry

# A live reading older than this is not "current" any more; the server's last known value is shown instead.
FRESH_S = 30.0
LOG_DAYS = 7


class IrrigationState:
    """Loads and holds what the pane shows; the view part draws it."""

    def _reload_in_background(self) -> None:
        if self._project is not None and (self.context.office() is not None or self.context.client() is not None):
            self._spawn(self.reload(), "irrigation-reload")

    def _reload_valves_in_background(self) -> None:
        if self._project is not None and self.context.client() is not None and self.isVisible() and not self._loading:
            self._spawn(self.reload(logs=False), "irrigation-valves")

    def _spawn(self, work: Coroutine[Any, Any, object], name: str) -> None:
        self.context.tasks.spawn_if_open(work, name=name)

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
