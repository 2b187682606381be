"""The whole path the demo takes: the API issues the IoT token, the hub connects to the simulator's broker with it,
and the simulated RTUs of the demo farm fill the series."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import MemoryRollupSink
from hydrodesk.mqtt.access import IotAccess
from hydrodesk.mqtt.connection import ConnectionState
from hydrodesk.mqtt.hub import TelemetryHub

pytestmark = pytest.mark.mqtt

DEMO_USER = "user_123456789"


@pytest.mark.asyncio
async def test_the_demo_farm_streams_into_the_series_with_a_token_from_the_api(
    sim_factory_session: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYDRODESK_SIM_TELEMETRY_S", "0.2")
    simulator = sim_factory_session(devices=True, mqtt_ws_port=0)
    credentials = Credentials(DEMO_USER, bearer_token=simulator.token(DEMO_USER))  # type: ignore[attr-defined]
    async with HydrobitClient(ApiConfig.single_origin(simulator.base_url), credentials) as api:  # type: ignore[attr-defined]

        async def iot_access() -> IotAccess:
            token = await api.issue_iot_token()
            assert token.url is not None
            return IotAccess(token.url, token.token, token.expires_at.timestamp(), token.topic_prefix, DEMO_USER)

        hub = TelemetryHub(iot_access, sink=MemoryRollupSink())
        hub.start()
        try:
            await hub.connection.wait_until(lambda s: s.state is ConnectionState.CONNECTED, 30)
            streaming = asyncio.Event()
            hub.pump.on_tick(
                lambda _n: (
                    streaming.set()
                    if any(len(hub.store.get(key) or ()) >= 3 for key in hub.store if key.metric == "flow_lpm")
                    else None
                )
            )
            await asyncio.wait_for(streaming.wait(), 30)
        finally:
            await hub.stop()
        projects = {info.project_id for info in hub.devices.all()}
        assert "proj_123" in projects
        assert all(info.online for info in hub.devices.all() if info.online is not None)
        devices = hub.store.devices()
        assert devices
        assert SeriesKey(devices[0], "pressure_bar") in hub.store
        assert not hub.ingest.counters.rejected
