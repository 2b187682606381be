"""`LiveTelemetry`: the session's TelemetryHub with Qt signals the panes connect to.

One per signed-in session, built by the session controller and stopped before the API client closes. The hub's
ingest has a single `take_changed()`; this class calls it once per tick and hands the set to every pane through
`ticked`, so two panes never steal each other's changes. Device statuses, valve states and command acks arrive a
few times a second at most and are re-emitted as they come; telemetry is never announced per message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.domain.telemetry import TelemetryStore
    from hydrodesk.domain.telemetry_devices import DeviceDirectory
    from hydrodesk.domain.telemetry_rollups import RollupSink
    from hydrodesk.mqtt.connection import ConnectionStatus
    from hydrodesk.mqtt.hub import TelemetryHub

log = logging.getLogger(__name__)


class LiveTelemetry(QObject):
    ticked = Signal(object)  # set[SeriesKey]: the series that received points since the last tick (may be empty)
    connection_changed = Signal(object)  # ConnectionStatus
    device_changed = Signal(object)  # DeviceInfo (online / offline, battery, signal)
    valves_changed = Signal(object)  # DeviceInfo whose `valves` a device just reported
    command_acked = Signal(str, object)  # device id, AckReport

    def __init__(self, hub: TelemetryHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._unsubscribe: list[Callable[[], None]] = []
        self.ticks = 0

    @classmethod
    def for_client(
        cls, client: HydrobitClient, *, sink: RollupSink | None = None, **hub_options: object
    ) -> LiveTelemetry:
        """The hub of a signed-in session: IoT tokens from `client`; rollups go to `sink` (the office's store, so
        they outlive the session), or are kept in memory for the session when there is no office."""
        from hydrodesk.domain.telemetry_rollups import MemoryRollupSink
        from hydrodesk.mqtt.hub import TelemetryHub
        from hydrodesk.ui.live.access import iot_token_source, tls_context

        options: dict[str, object] = {
            "sink": sink if sink is not None else MemoryRollupSink(),
            "ssl_context": tls_context(client),
            **hub_options,
        }
        return cls(TelemetryHub(iot_token_source(client), **options))  # type: ignore[arg-type]

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
        hub.start()

    async def stop(self) -> None:
        """Disconnect, ingest what already arrived and save the rollups; no signal is emitted afterwards."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        await self.hub.stop()

    def _on_tick(self, _processed: int) -> None:
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
