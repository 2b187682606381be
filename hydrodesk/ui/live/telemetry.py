"""`LiveTelemetry`: the session's TelemetryHub with Qt signals the panes connect to.

One per signed-in session, built by the session controller and stopped before the API client closes. The hub's
ingest has a single `take_changed()`; this class calls it once per tick and hands the set to every pane through
`ticked`, so two panes never steal each other's changes. Device statuses, valve states and command acks arrive a
few times a second at most and are re-emitted as they come; telemetry is never announced per message.

It also brings in the last day's history (hydrodesk.sync.telemetry_history) when the farm loads and whenever the
live connection comes back after a loss: what the office stored shows at once, the server's day is merged into
the rollups behind it, and `history_loaded` / `history_failed` say how that went, per project.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.domain.telemetry import SeriesKey, TelemetryStore
    from hydrodesk.domain.telemetry_devices import DeviceDirectory
    from hydrodesk.domain.telemetry_rollups import HistorySink
    from hydrodesk.mqtt.connection import ConnectionStatus
    from hydrodesk.mqtt.hub import TelemetryHub
    from hydrodesk.sync.telemetry_history import TelemetryBackfill

log = logging.getLogger(__name__)

TICK_GAP_AT_LEAST = 0.5
"""A tick closer than this part of the pump's period to the last one passed on is dropped (see `_on_tick`)."""


class LiveTelemetry(QObject):
    ticked = Signal(object)  # set[SeriesKey]: the series that received points since the last tick (may be empty)
    connection_changed = Signal(object)  # ConnectionStatus
    device_changed = Signal(object)  # DeviceInfo (online / offline, battery, signal)
    valves_changed = Signal(object)  # DeviceInfo whose `valves` a device just reported
    command_acked = Signal(str, object)  # device id, AckReport
    history_loaded = Signal(str, object)  # project id, tuple[SeriesKey]: series whose history the rollups now hold
    history_failed = Signal(str, str)  # project id, what went wrong (a sentence for the user)

    def __init__(
        self, hub: TelemetryHub, parent: QObject | None = None, *, backfill: TelemetryBackfill | None = None
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.backfill = backfill
        self._unsubscribe: list[Callable[[], None]] = []
        self.ticks = 0
        self._last_tick = -math.inf
        self.clock: Callable[[], float] = time.monotonic
        self.history_projects: dict[SeriesKey, str] = {}
        """Every series with history (stored or fetched), and the project its device belongs to."""
        self._device_projects: dict[str, str] = {}
        self.history_errors: dict[str, str] = {}
        """Projects whose last history fetch failed, and why."""
        self._history_wanted: list[str] = []
        self._history_task: asyncio.Task[None] | None = None
        self._history_again = False
        self._lost_connection = False
        self._older_task: asyncio.Task[None] | None = None
        self._older_wanted: dict[str, float] = {}

    @classmethod
    def for_client(
        cls, client: HydrobitClient, *, sink: HistorySink | None = None, **hub_options: object
    ) -> LiveTelemetry:
        """The hub of a signed-in session: IoT tokens from `client`; rollups go to `sink` (the office's store, so
        they outlive the session), or are kept in memory for the session when there is no office. The server's
        history is merged into the same sink."""
        from hydrodesk.domain.telemetry_rollups import MemoryRollupSink
        from hydrodesk.mqtt.hub import TelemetryHub
        from hydrodesk.sync.telemetry_history import TelemetryBackfill
        from hydrodesk.ui.live.access import iot_token_source, tls_context

        sink = sink if sink is not None else MemoryRollupSink()
        options: dict[str, Any] = {"sink": sink, "ssl_context": tls_context(client), **hub_options}
        hub = TelemetryHub(iot_token_source(client), **options)
        return cls(hub, backfill=TelemetryBackfill(client, sink))

    # ------------------------------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Connect and start ingesting (call on the running qasync loop)."""
        hub = self.hub
        self._unsubscribe = [
            hub.pump.on_tick(self._on_tick),
            hub.connection.on_status(self.connection_changed.emit),
            hub.ingest.on_status(self.device_changed.emit),
            hub.ingest.on_valves(self.valves_changed.emit),
            hub.ingest.on_ack(self.command_acked.emit),
        ]
        self._unsubscribe.append(hub.connection.on_status(self._refill_after_a_loss))
        hub.start()

    async def stop(self) -> None:
        """Disconnect, ingest what already arrived and save the rollups; no signal is emitted afterwards."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        for task in (self._history_task, self._older_task):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._history_task = self._older_task = None
        await self.hub.stop()

    # ------------------------------------------------------------------------------------------ history
    def load_history(self, project_ids: Sequence[str]) -> None:
        """Show what is stored for these projects, then fetch their last day from the server (in the background;
        a load already under way finishes first, then this one runs)."""
        self._history_wanted = list(dict.fromkeys(project_ids))
        if self.backfill is None or not self._history_wanted:
            return
        if self._history_task is not None and not self._history_task.done():
            self._history_again = True
            return
        self._history_task = asyncio.get_event_loop().create_task(self._load_history(), name="telemetry-history")

    def load_older(self, project_ids: Sequence[str], since: float) -> None:
        """The user scrolled back to `since`: fetch these projects' older minutes from the server into the rollups
        (in the background, one fetch at a time; `history_loaded` says which series got more)."""
        if self.backfill is None:
            return
        for project_id in project_ids:
            fetched = self.backfill.fetched_from(project_id)
            if fetched is not None and since >= fetched:
                continue  # held already
            self._older_wanted[project_id] = min(since, self._older_wanted.get(project_id, since))
        if self._older_wanted and (self._older_task is None or self._older_task.done()):
            self._older_task = asyncio.get_event_loop().create_task(self._load_older(), name="telemetry-older")

    @property
    def older_loading(self) -> bool:
        return self._older_task is not None and not self._older_task.done()

    async def _load_older(self) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.ui.error_text import user_message

        backfill = self.backfill
        assert backfill is not None
        while self._older_wanted:
            project_id, since = self._older_wanted.popitem()
            try:
                done = await backfill.backfill_before(project_id, since)
            except ApiError as error:
                log.info("older telemetry of %s not loaded: %s", project_id, error)
                self.history_failed.emit(project_id, user_message(error))
                continue
            except Exception:
                log.exception("older telemetry of %s not loaded", project_id)
                continue
            if done.series:
                self._note_history(project_id, done.series)

    @property
    def history_loading(self) -> bool:
        return self._history_task is not None and not self._history_task.done()

    def project_of(self, device_id: str) -> str | None:
        """The project of a device, from its live traffic or from its history."""
        info = self.hub.devices.get(device_id)
        if info is not None:
            return info.project_id
        return self._device_projects.get(device_id)

    async def _load_history(self) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.ui.error_text import user_message

        backfill = self.backfill
        assert backfill is not None
        while True:
            self._history_again = False
            wanted = list(self._history_wanted)
            for project_id in wanted:
                try:
                    stored = await backfill.stored_series(project_id)
                except Exception:
                    log.warning("could not read the stored telemetry series of %s", project_id, exc_info=True)
                    stored = []
                if stored:
                    self._note_history(project_id, tuple(stored))
            for project_id in wanted:
                try:
                    done = await backfill.backfill(project_id)
                except ApiError as error:
                    log.info("telemetry history of %s not loaded: %s", project_id, error)
                    self.history_errors[project_id] = user_message(error)
                    self.history_failed.emit(project_id, self.history_errors[project_id])
                except Exception:
                    log.exception("telemetry history of %s not loaded", project_id)
                    self.history_errors[project_id] = self.tr("HydroDesk could not store the history.")
                    self.history_failed.emit(project_id, self.history_errors[project_id])
                else:
                    self.history_errors.pop(project_id, None)
                    for recent in done.recent:
                        self.hub.ingest.add_recent(recent.key, recent.ts, recent.values)
                    self._note_history(project_id, done.series)
            if not self._history_again:
                return

    def _note_history(self, project_id: str, keys: tuple[SeriesKey, ...]) -> None:
        for key in keys:
            self.history_projects[key] = project_id
            self._device_projects[key.device_id] = project_id
        self.history_loaded.emit(project_id, keys)

    def _refill_after_a_loss(self, status: ConnectionStatus) -> None:
        """Back after a lost connection: fetch what the office missed meanwhile."""
        from hydrodesk.mqtt.connection import ConnectionState

        if status.state is ConnectionState.CONNECTED:
            if self._lost_connection:
                self._lost_connection = False
                self.load_history(self._history_wanted)
        elif status.state is ConnectionState.RETRYING:
            self._lost_connection = True

    def _on_tick(self, _processed: int) -> None:
        # Late by a whole period, the pump ticks twice in a row; the second is dropped, or the charts would take
        # the time ingest needs to catch up (what changed meanwhile waits in ingest for the next tick). Only
        # half a period: ticks on time after a late one come 20-30 ms apart, and a tighter rule (0.9) dropped
        # one tick in four at 20,000 msg/s (22 repaints a second instead of 30).
        now = self.clock()
        if now - self._last_tick < self.hub.pump.tick_s * TICK_GAP_AT_LEAST:
            return
        self._last_tick = now
        self.ticks += 1
        self.ticked.emit(self.hub.ingest.take_changed())

    # ------------------------------------------------------------------------------------------ reading
    @property
    def store(self) -> TelemetryStore:
        return self.hub.store

    @property
    def devices(self) -> DeviceDirectory:
        return self.hub.devices

    @property
    def status(self) -> ConnectionStatus:
        return self.hub.connection.status

    @property
    def connected(self) -> bool:
        from hydrodesk.mqtt.connection import ConnectionState

        return self.hub.connection.status.state is ConnectionState.CONNECTED

    def latest(self, device_id: str, metric: str) -> tuple[float, float] | None:
        """The newest (time, value) of a series, or None when it has no points yet."""
        from hydrodesk.domain.telemetry import SeriesKey

        series = self.hub.store.get(SeriesKey(device_id, metric))
        return series.latest() if series is not None else None
