"""Live telemetry for the app in one piece: the connection, the inbox, ingest and the pump, wired together.

The composition root builds one `TelemetryHub` with a token source (the sync layer turns
`HydrobitClient.issue_iot_token()` into an `IotAccess`) and a rollup sink (the local database), starts it on
the qasync loop and stops it on shutdown. Panes read `store` (series views), `devices`, `connection.status`,
call `history()` when a chart opens, and repaint on `pump.on_tick` with `ingest.take_changed()`.
"""

from __future__ import annotations

from typing import Any

from hydrodesk.domain.telemetry import DEFAULT_CAPACITY, SeriesKey, TelemetryStore
from hydrodesk.domain.telemetry_devices import DeviceDirectory
from hydrodesk.domain.telemetry_rollups import RollupHistory, RollupSink
from hydrodesk.mqtt.access import TokenSource
from hydrodesk.mqtt.connection import MqttConnection
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.ingest import TelemetryIngest
from hydrodesk.mqtt.pump import IngestPump


class TelemetryHub:
    def __init__(
        self,
        token_source: TokenSource,
        *,
        sink: RollupSink | None = None,
        capacity: int = DEFAULT_CAPACITY,
        max_series: int = 2_000,
        tick_s: float = 1 / 30,
        **connection_options: Any,
    ) -> None:
        """`capacity`: points kept per series (86,400 = a day at 1 Hz). `connection_options` go to MqttConnection
        (backoff, renewal, clock, connect_timeout_s, ssl_context, ...)."""
        self.inbox = Inbox()
        self.store = TelemetryStore(capacity, max_series=max_series)
        self.ingest = TelemetryIngest(self.inbox, self.store)
        self.pump = IngestPump(self.ingest, sink, tick_s=tick_s)
        self.connection = MqttConnection(token_source, self.inbox, **connection_options)
        self.connection.on_access(lambda access: self.ingest.use_topic_prefix(access.topic_prefix))

    @property
    def devices(self) -> DeviceDirectory:
        return self.ingest.devices

    def start(self) -> None:
        """Start ingesting and connecting (on the running loop); returns at once."""
        self.pump.start()
        self.connection.start()

    async def stop(self) -> None:
        """Disconnect, ingest what already arrived, save every rollup."""
        await self.connection.stop()
        await self.pump.stop()

    async def history(self, key: SeriesKey, since: float, until: float | None = None) -> RollupHistory:
        return await self.pump.history(key, since, until)
