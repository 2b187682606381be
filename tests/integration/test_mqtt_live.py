"""The app's MQTT connection and ingest against a real broker and the simulator's devices.

The broker is `start_real_broker()` (mosquitto behind the WebSocket relay where mosquitto is installed, else the
embedded amqtt broker); tests of the IoT token use the embedded broker with a data folder, which checks the token
in the upgrade header and as the MQTT password. The devices are the simulator's DeviceFleet, fast-ticking.
"""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from hydrodesk.domain.backoff import Backoff
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_devices import DeviceInfo
from hydrodesk.mqtt import paho_session
from hydrodesk.mqtt.access import IotAccess, RenewalPolicy
from hydrodesk.mqtt.connection import ConnectionState, ConnectionStatus
from hydrodesk.mqtt.errors import FailureKind
from hydrodesk.mqtt.hub import TelemetryHub
from hydrodesk.mqtt.payloads import AckReport
from hydrodesk.sim import mqtt_link
from hydrodesk.sim.auth import User, issue_iot_token, load_secret
from hydrodesk.sim.broker_process import RealBroker, start_real_broker
from hydrodesk.sim.device_fleet import DeviceFleet
from hydrodesk.sim.devices import Physics, device_specs
from hydrodesk.sim.field import service_credentials

pytestmark = pytest.mark.mqtt

COMPANY, PROJECT, USER = "comp_12345", "proj_123", "user_123456789"
PREFIX = f"connect/{COMPANY}"
VALVES = [
    {"valveId": "valve_a", "deviceId": "rtu-a", "expectedFlow": {"min_lpm": 30.0, "max_lpm": 60.0}},
    {"valveId": "valve_b", "deviceId": "rtu-b", "expectedFlow": {"min_lpm": 10.0, "max_lpm": 20.0}},
]
FAST_RETRY = Backoff(base_s=0.2, factor=2.0, cap_s=1.0, floor_s=0.05)
WAIT_S = 15.0
FLOW_A = SeriesKey("rtu-a", "flow_lpm")


def specs() -> list:  # type: ignore[type-arg]
    return device_specs([{**valve, "companyId": COMPANY, "projectId": PROJECT} for valve in VALVES])


async def until(hub: TelemetryHub, predicate: Callable[[], bool], within: float = WAIT_S) -> None:
    """Wait for a condition, checked after every ingest tick (a deadline, no fixed sleeps)."""
    changed = asyncio.Event()
    stop = hub.pump.on_tick(lambda _processed: changed.set())
    try:
        async with asyncio.timeout(within):
            while not predicate():
                changed.clear()
                await changed.wait()
    finally:
        stop()


def points(hub: TelemetryHub, key: SeriesKey) -> int:
    series = hub.store.get(key)
    return 0 if series is None else len(series)


def is_connected(status: ConnectionStatus) -> bool:
    return status.state is ConnectionState.CONNECTED


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def broker() -> Iterator[RealBroker]:
    with start_real_broker() as running:
        yield running


@dataclass
class Field:
    hub: TelemetryHub
    fleet: DeviceFleet
    statuses: list[DeviceInfo]


@pytest_asyncio.fixture
async def field(broker: RealBroker) -> AsyncIterator[Field]:
    fleet = DeviceFleet(specs(), url=broker.ws_url, interval_s=0.1, physics=Physics(ramp_s=0.3))
    await fleet.start()

    async def token() -> IotAccess:  # this broker checks no token
        return IotAccess(broker.ws_url, "unchecked", time.time() + 900, PREFIX, USER)

    hub = TelemetryHub(token, backoff=FAST_RETRY)
    statuses: list[DeviceInfo] = []
    hub.ingest.on_status(statuses.append)
    hub.start()
    try:
        await hub.connection.wait_until(is_connected, WAIT_S)
        yield Field(hub, fleet, statuses)
    finally:
        await hub.stop()
        await fleet.stop()


# ---------------------------------------------------------------------------------------------- telemetry
@pytest.mark.asyncio
async def test_telemetry_arrives_in_series_and_devices_report_online(field: Field) -> None:
    hub = field.hub
    await until(hub, lambda: all(points(hub, SeriesKey(d, "flow_lpm")) >= 5 for d in ("rtu-a", "rtu-b")))
    assert set(hub.store.metrics_of("rtu-a")) >= {"flow_lpm", "pressure_bar", "soil_moisture_pct_30cm"}
    view = hub.store.get(SeriesKey("rtu-a", "pressure_bar")).view()  # type: ignore[union-attr]
    assert all(2.0 < value < 4.0 for value in view.values.tolist())
    assert view.ts[-1] > time.time() - 10
    await until(hub, lambda: all((info.online is True) for info in hub.devices.all()) and len(hub.devices) == 2)
    info = hub.devices.get("rtu-a")
    assert info is not None
    assert info.battery_pct is not None
    assert info.rssi_dbm is not None
    assert info.valves["valve_a"].state == "closed"
    assert not hub.ingest.counters.rejected


@pytest.mark.asyncio
async def test_a_device_that_dies_goes_offline_by_its_last_will_and_comes_back(field: Field) -> None:
    hub = field.hub
    await until(hub, lambda: (hub.devices.get("rtu-b") or DeviceInfo("", "")).online is True)
    field.fleet.inject_fault("rtu-b", "offline")
    await until(hub, lambda: any(s.device_id == "rtu-b" and s.online is False for s in field.statuses))
    info = hub.devices.get("rtu-b")
    assert info is not None
    assert info.online is False
    assert info.battery_pct is not None  # the will carries none; the last known one stays
    field.fleet.inject_fault("rtu-b", "clear")
    await until(hub, lambda: (hub.devices.get("rtu-b") or DeviceInfo("", "")).online is True)


@pytest.mark.asyncio
async def test_a_dead_device_stays_dead_however_late_its_link_is_stopped(
    field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The simulator stops a dead device's paho thread in a worker thread; on a busy machine that came more than a
    second late, paho reconnected meanwhile and sent again the status in flight when the device died: "online"
    after the last will (seen once in CI). Here the stop is made late on purpose."""
    hub = field.hub
    real_to_thread = asyncio.to_thread
    stopped = asyncio.Event()

    async def late_to_thread(function: Callable[..., object], *args: object) -> object:
        if getattr(function, "__name__", "") != "loop_stop":
            return await real_to_thread(function, *args)
        await asyncio.sleep(2.5)  # longer than paho's first reconnect delay
        try:
            return await real_to_thread(function, *args)
        finally:
            stopped.set()

    monkeypatch.setattr(mqtt_link.asyncio, "to_thread", late_to_thread)
    await until(hub, lambda: (hub.devices.get("rtu-b") or DeviceInfo("", "")).online is True)
    field.fleet.inject_fault("rtu-b", "battery_low")  # a status in flight as it dies
    field.fleet.inject_fault("rtu-b", "offline")
    await until(hub, lambda: any(s.device_id == "rtu-b" and s.online is False for s in field.statuses))
    await asyncio.wait_for(stopped.wait(), WAIT_S)
    ticks = points(hub, FLOW_A)
    await until(hub, lambda: points(hub, FLOW_A) >= ticks + 5)  # the other device's later messages are in
    reported = [s.online for s in field.statuses if s.device_id == "rtu-b"]
    died = reported.index(False)
    assert reported[died:] == [False] * (len(reported) - died)  # never "online" again once it died
    assert hub.devices.get("rtu-b").online is False  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_valve_command_over_mqtt_is_acked_and_the_valve_reports_open(field: Field) -> None:
    hub = field.hub
    acks: list[tuple[str, AckReport]] = []
    hub.ingest.on_ack(lambda device, ack: acks.append((device, ack)))
    command_id = str(uuid.uuid4())
    command = {"commandId": command_id, "valveId": "valve_a", "action": "open", "durationMin": 5}
    assert hub.connection.publish_command(PROJECT, "rtu-a", command)
    await until(hub, lambda: any(ack.command_id == command_id for _device, ack in acks))
    assert acks[-1] == ("rtu-a", AckReport(command_id, "acked", acks[-1][1].ts, None))
    await until(hub, lambda: hub.devices.get("rtu-a").valves["valve_a"].state == "open")  # type: ignore[union-attr]

    def flowing() -> bool:  # confirmed by telemetry: the flow climbs into the valve's envelope
        series = hub.store.get(FLOW_A)
        latest = series.latest() if series is not None else None
        return latest is not None and latest[1] >= 30.0

    await until(hub, flowing)


@pytest.mark.asyncio
async def test_after_a_broker_restart_the_client_reconnects_resubscribes_and_keeps_its_series(
    field: Field, broker: RealBroker
) -> None:
    hub = field.hub
    await until(hub, lambda: points(hub, FLOW_A) >= 5)
    first_ts = hub.store.get(FLOW_A).first_ts  # type: ignore[union-attr]
    sessions = hub.connection.sessions_opened
    failures: list[FailureKind | None] = []
    hub.connection.on_status(lambda status: failures.append(status.failure))
    await asyncio.to_thread(broker.stop)
    await hub.connection.wait_until(lambda s: not is_connected(s), WAIT_S)
    assert failures[0] is FailureKind.LOST
    before = points(hub, FLOW_A)
    await asyncio.to_thread(broker.start)
    await hub.connection.wait_until(is_connected, WAIT_S)
    assert hub.connection.sessions_opened == sessions + 1
    await until(hub, lambda: points(hub, FLOW_A) >= before + 5)  # resubscribed: telemetry flows again
    series = hub.store.get(FLOW_A)
    assert series is not None
    assert series.first_ts == first_ts  # nothing was cleared


# ---------------------------------------------------------------------------------------------- the IoT token
@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RealBroker, Path]]:
    """The embedded broker checking the simulator's IoT tokens (header and password)."""
    data_dir = tmp_path_factory.mktemp("iot-secret")
    with start_real_broker(data_dir=data_dir, prefer="amqtt") as running:
        yield running, data_dir


def real_token(data_dir: Path) -> str:
    return issue_iot_token(load_secret(data_dir), User(USER, COMPANY, "Demo", ""), None)[0]


@pytest.mark.asyncio
async def test_the_token_is_renewed_before_it_expires_and_a_failed_renewal_keeps_the_connection(
    secured: tuple[RealBroker, Path],
) -> None:
    broker, data_dir = secured
    secret = load_secret(data_dir)
    fleet = DeviceFleet(
        specs(), url=broker.tcp_url, interval_s=0.1, credentials_for=lambda spec: service_credentials(secret, "rtu")
    )
    await fleet.start()
    handed: list[str] = []

    async def short_lived_token() -> IotAccess:
        # The first five tokens live 50 ms: each is due for renewal as soon as its session is open, so the
        # renewals are paced by the connection, not by the wall clock (they were 1.5 s tokens: five renewals
        # had to fit in the wait however slow a loaded machine made each connect). The third is forged: the
        # broker must refuse that session, and the console must keep the one it has. The sixth lives 15 minutes,
        # as the broker's do, and ends the renewals.
        token = "forged" if len(handed) == 2 else real_token(data_dir)
        handed.append(token)
        life = 0.05 if len(handed) <= 5 else 900.0
        return IotAccess(broker.ws_url, token, time.time() + life, PREFIX, USER)

    hub = TelemetryHub(short_lived_token, backoff=FAST_RETRY, renewal=RenewalPolicy(min_interval_s=0.0))
    states: list[ConnectionState] = []
    hub.connection.on_status(lambda status: states.append(status.state))
    hub.start()
    try:
        await hub.connection.wait_until(is_connected, WAIT_S)
        # Sessions: the first, then one per accepted renewal (tokens 2, 4, 5 and 6).
        await until(hub, lambda: len(handed) >= 6 and hub.connection.sessions_opened >= 5, within=4 * WAIT_S)
        assert hub.connection.status.state is ConnectionState.CONNECTED
        assert set(states) == {ConnectionState.CONNECTING, ConnectionState.CONNECTED}  # never dropped
        assert hub.connection.access is not None
        assert hub.connection.access.token != "forged"
        before = points(hub, FLOW_A)
        await until(hub, lambda: points(hub, FLOW_A) >= before + 5)
        view = hub.store.get(FLOW_A).view()  # type: ignore[union-attr]
        assert all(b > a for a, b in zip(view.ts[:-1], view.ts[1:], strict=True))
    finally:
        await hub.stop()
        await fleet.stop()


def open_descriptors() -> set[str]:
    """What each open descriptor points to ("socket:[81234]" carries the socket's inode).

    Compared as sets, not counted: a descriptor an earlier test's thread closes meanwhile must not hide (or fake)
    one this test left open, and a socket reusing a closed descriptor's number still shows as new by its inode.
    """
    folder = Path(f"/proc/{os.getpid()}/fd")
    if not folder.is_dir():
        return set()
    targets = set()
    for entry in folder.iterdir():
        try:
            targets.add(os.readlink(entry))
        except FileNotFoundError:  # closed while listed (the listing's own descriptor, or another thread's)
            continue
    return targets


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["forged token", "token of another user"])
async def test_a_refused_connection_is_a_clear_error_state_and_leaks_no_socket(
    secured: tuple[RealBroker, Path], how: str
) -> None:
    broker, data_dir = secured
    asked = 0

    async def refused_token() -> IotAccess:
        nonlocal asked
        asked += 1
        if how == "forged token":  # refused at the WebSocket upgrade (401)
            return IotAccess(broker.ws_url, "not-a-token", time.time() + 900, PREFIX, USER)
        # A valid header, but the MQTT username is not the token's subject: refused at CONNECT.
        return IotAccess(broker.ws_url, real_token(data_dir), time.time() + 900, PREFIX, "someone-else")

    gc.collect()
    descriptors = open_descriptors()
    hub = TelemetryHub(refused_token, backoff=FAST_RETRY)
    hub.start()
    try:
        status = await hub.connection.wait_until(lambda s: s.failures >= 3, WAIT_S)
    finally:
        await hub.stop()
    assert status.state is ConnectionState.REFUSED
    assert status.failure is FailureKind.TOKEN_REFUSED
    assert status.message == "The live data server refused the access token."
    assert asked >= 3  # every refusal asks the API for a new token
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert not [warning for warning in caught if issubclass(warning.category, ResourceWarning)]
    assert not [target for target in open_descriptors() - descriptors if target.startswith("socket:")]


@pytest.mark.asyncio
async def test_commands_sent_from_the_event_loop_are_written_by_the_network_thread_alone(
    field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    # paho wrote a publish on the caller's thread when no paho loop thread ran, beside the network thread writing
    # PUBACKs on the same WebSocket: frames could interleave, and a command was then never acked (under load).
    writers: list[str] = []
    send = paho_session._Client._sock_send

    def recording(client: paho_session._Client, buf: bytes) -> int:
        writers.append(threading.current_thread().name)
        return send(client, buf)

    monkeypatch.setattr(paho_session._Client, "_sock_send", recording)
    hub = field.hub
    acks: list[str] = []
    hub.ingest.on_ack(lambda _device, ack: acks.append(ack.command_id))
    sent = [str(uuid.uuid4()) for _ in range(20)]
    for command_id in sent:
        command = {"commandId": command_id, "valveId": "valve_b", "action": "close"}
        assert hub.connection.publish_command(PROJECT, "rtu-b", command)
    await until(hub, lambda: set(sent) <= set(acks))
    assert writers
    assert {name for name in writers if not name.startswith("mqtt-")} == set()
