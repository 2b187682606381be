"""The simulator's field side against a real broker: devices, field bus and a paho client over WebSocket.

The broker is `start_real_broker()`: mosquitto behind the WebSocket relay where mosquitto is installed (CI),
else the embedded amqtt broker. The store is an in-memory IrrigationState (our own seam between the simulator's
REST and field sides, not the server).
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
import pytest
import pytest_asyncio
from paho.mqtt.enums import CallbackAPIVersion
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as websocket_connect

from hydrodesk.sim import topics
from hydrodesk.sim.auth import User, issue_iot_token, load_secret
from hydrodesk.sim.broker_process import BrokerProcess, RealBroker, start_real_broker
from hydrodesk.sim.device_fleet import DeviceFleet
from hydrodesk.sim.devices import Clock, Physics, device_specs, utc_now
from hydrodesk.sim.field import FieldSettings, start_field
from hydrodesk.sim.mqtt_fieldbus import MqttFieldBus
from hydrodesk.sim.mqtt_link import MqttLink, release_paho_sockets

pytestmark = pytest.mark.mqtt

COMPANY, PROJECT, USER = "comp_12345", "proj_123", "user_123456789"
VALVES = {
    "valve_a": {"deviceId": "rtu-a", "sectorId": "sector_001", "expectedFlow": {"min_lpm": 30.0, "max_lpm": 60.0}},
    "valve_b": {"deviceId": "rtu-b", "sectorId": "sector_002", "expectedFlow": {"min_lpm": 10.0, "max_lpm": 20.0}},
}
FAST = FieldSettings(telemetry_s=0.1, ack_timeout_s=3.0, confirm_timeout_s=1.5, fault_grace_s=0.5, ramp_s=0.3)
WAIT_S = 10.0


# ---------------------------------------------------------------------------------------------- the store
class FakeIrrigationState:
    """A dict-backed IrrigationState that wakes waiting tests on every change."""

    def __init__(self) -> None:
        self.valves = {
            valve_id: {"valveId": valve_id, "companyId": COMPANY, "projectId": PROJECT, "observedState": "unknown"}
            | fields
            for valve_id, fields in VALVES.items()
        }
        self.commands: dict[str, dict[str, Any]] = {}
        self.status_history: dict[str, list[str]] = {}
        self.logs: list[dict[str, Any]] = []
        self._changed = asyncio.Event()

    def list_all_valves(self) -> list[dict[str, Any]]:
        return [dict(valve) for valve in self.valves.values()]

    def get_valve(self, valve_id: str) -> dict[str, Any] | None:
        return self.valves.get(valve_id)

    def update_valve(self, valve_id: str, **fields: Any) -> None:
        self.valves[valve_id].update(fields)
        self._changed.set()

    def get_command(self, command_id: str) -> dict[str, Any] | None:
        return self.commands.get(command_id)

    def update_command(self, command_id: str, **fields: Any) -> None:
        self.commands[command_id].update(fields)
        if "status" in fields:
            self.status_history[command_id].append(fields["status"])
        self._changed.set()

    def add_irrigation_log(self, log: dict[str, Any]) -> None:
        self.logs.append(log)
        self._changed.set()

    def new_command(self, command_id: str, valve_id: str, action: str, duration: int | None) -> dict[str, Any]:
        command = {
            "commandId": command_id, "valveId": valve_id, "deviceId": VALVES[valve_id]["deviceId"],
            "companyId": COMPANY, "projectId": PROJECT, "action": action, "durationMin": duration,
            "auth0Id": USER, "status": "pending",
        }  # fmt: skip
        self.commands[command_id] = dict(command)
        self.status_history[command_id] = []
        return command

    async def until(self, predicate: Callable[[], bool], within: float = WAIT_S) -> None:
        async with asyncio.timeout(within):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()


# ---------------------------------------------------------------------------------------------- a paho client
@dataclass(frozen=True)
class Seen:
    topic: str
    payload: dict[str, Any] | None
    retained: bool

    @property
    def device_id(self) -> str | None:
        parsed = topics.parse_topic(self.topic)
        return parsed[0].device_id if parsed else None

    @property
    def kind(self) -> str | None:
        parsed = topics.parse_topic(self.topic)
        return parsed[1] if parsed else None


class WebSocketObserver:
    """A paho client over WebSocket, as the app connects; what it receives is handed to the test's loop."""

    def __init__(self, url: str, *, token: str | None = None, client_id: str = "test-observer") -> None:
        parts = urlsplit(url)
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, transport="websockets")
        self.client.ws_set_options(path=parts.path, headers={"x-iot-token": token} if token else None)
        if token:
            self.client.username_pw_set(USER, token)
        self.host, self.port = parts.hostname, parts.port
        self.seen: list[Seen] = []
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._connected = self._loop.create_future()
        self._subscribed: dict[int, asyncio.Future[None]] = {}
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe

    async def start(self, *subscriptions: str) -> WebSocketObserver:
        self.client.connect(self.host, self.port)  # type: ignore[arg-type]
        self.client.loop_start()
        async with asyncio.timeout(WAIT_S):
            await self._connected
            for subscription in subscriptions or ("connect/#",):
                acknowledged = self._loop.create_future()
                self._subscribed[self.client.subscribe(subscription, 1)[1]] = acknowledged
                await acknowledged
        return self

    async def stop(self) -> None:
        self.client.disconnect()
        await asyncio.to_thread(self.client.loop_stop)
        release_paho_sockets(self.client)

    def publish(self, topic: str, payload: dict[str, Any]) -> None:
        self.client.publish(topic, topics.encode(payload), qos=1).wait_for_publish(WAIT_S)

    def _on_connect(self, *args: Any) -> None:
        self._loop.call_soon_threadsafe(self._connected.set_result, None)

    def _on_subscribe(self, _client: Any, _userdata: Any, mid: int, *_: Any) -> None:
        self._loop.call_soon_threadsafe(lambda: self._subscribed[mid].set_result(None))

    def _on_message(self, _client: Any, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        seen = Seen(message.topic, topics.decode(message.payload), bool(message.retain))
        self._loop.call_soon_threadsafe(self._record, seen)

    def _record(self, seen: Seen) -> None:
        self.seen.append(seen)
        self._changed.set()

    async def wait_for(self, match: Callable[[Seen], bool], *, after: int = 0, within: float = WAIT_S) -> int:
        """The index of the first message from `after` on that matches, waiting for it if need be."""
        async with asyncio.timeout(within):
            while True:
                for index in range(after, len(self.seen)):
                    if match(self.seen[index]):
                        return index
                self._changed.clear()
                await self._changed.wait()


def is_msg(kind: str, device_id: str, check: Callable[[dict[str, Any]], bool] = lambda _p: True) -> Callable:
    return lambda seen: seen.kind == kind and seen.device_id == device_id and check(seen.payload or {})


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def broker() -> Iterator[RealBroker]:
    with start_real_broker() as running:
        yield running


@dataclass
class FieldSide:
    state: FakeIrrigationState
    bus: MqttFieldBus
    fleet: DeviceFleet
    observer: WebSocketObserver


StartField = Callable[..., Any]


@pytest_asyncio.fixture
async def start_field_side(broker: RealBroker) -> AsyncIterator[StartField]:
    """Devices over WebSocket (through the relay), the field bus over TCP, an observer over WebSocket."""
    started: list[FieldSide] = []

    async def start(clock: Clock = utc_now) -> FieldSide:
        state = FakeIrrigationState()
        bus = MqttFieldBus(
            state,
            url=broker.tcp_url,
            ack_timeout_s=FAST.ack_timeout_s,
            confirm_timeout_s=FAST.confirm_timeout_s,
            fault_grace_s=FAST.fault_grace_s,
        )
        await bus.start()
        fleet = DeviceFleet(
            device_specs(state.list_all_valves()),
            url=broker.ws_url,
            interval_s=FAST.telemetry_s,
            clock=clock,
            physics=Physics(ramp_s=FAST.ramp_s),
        )
        await fleet.start()
        observer = await WebSocketObserver(broker.ws_url).start()
        side = FieldSide(state, bus, fleet, observer)
        started.append(side)
        return side

    yield start
    for side in started:
        await side.observer.stop()
        await side.fleet.stop()
        await side.bus.stop()


@pytest_asyncio.fixture
async def field(start_field_side: StartField) -> FieldSide:
    return await start_field_side()


# ---------------------------------------------------------------------------------------------- commands
@pytest.mark.asyncio
async def test_a_command_is_acked_then_confirmed_by_telemetry(field: FieldSide) -> None:
    state, observer = field.state, field.observer
    command = state.new_command("cmd-open-a", "valve_a", "open", 5)
    await field.bus.send_command(command)
    await state.until(lambda: state.commands["cmd-open-a"]["status"] == "confirmed")

    assert state.status_history["cmd-open-a"] == ["sent", "acked", "confirmed"]
    stored = state.commands["cmd-open-a"]
    assert stored["ackedAt"] <= stored["confirmedAt"]
    down = await observer.wait_for(is_msg("cmd", "rtu-a", lambda p: p.get("commandId") == "cmd-open-a"))
    assert observer.seen[down].payload == topics.command_payload("cmd-open-a", "valve_a", "open", 5)
    ack = await observer.wait_for(is_msg("ack", "rtu-a", lambda p: p.get("status") == "acked"), after=down)
    opened = await observer.wait_for(is_msg("state", "rtu-a", lambda p: p["valves"]["valve_a"]["state"] == "open"))
    assert opened > ack
    await observer.wait_for(is_msg("telemetry", "rtu-a", lambda p: 30 <= p["metrics"]["flow_lpm"] <= 60), after=ack)
    # The observer and the field bus are two subscribers: the bus may store that reading a moment after the
    # observer saw it (a failure seen once with the machine loaded).
    await state.until(lambda: 30 <= state.valves["valve_a"].get("flow_lpm", 0) <= 60)
    valve = state.valves["valve_a"]
    assert valve["observedState"] == "open"
    assert valve["pressure_bar"] < Physics().static_pressure_bar


@pytest.mark.asyncio
async def test_a_command_the_device_cannot_carry_out_fails_with_its_reason(field: FieldSide) -> None:
    state = field.state
    await field.bus.send_command(state.new_command("cmd-no-duration", "valve_a", "open", None))
    await state.until(lambda: state.commands["cmd-no-duration"]["status"] == "failed")
    assert "durationMin" in state.commands["cmd-no-duration"]["error"]
    assert state.valves["valve_a"]["observedState"] == "closed"


@pytest.mark.asyncio
async def test_an_open_closes_itself_when_its_duration_runs_out_and_logs_the_volume(
    start_field_side: StartField,
) -> None:
    # The devices' clock runs 60 times faster: the one-minute irrigation takes a second.
    started, origin = time.monotonic(), datetime.now(UTC)
    field = await start_field_side(clock=lambda: origin + timedelta(seconds=(time.monotonic() - started) * 60))
    state = field.state
    await field.bus.send_command(state.new_command("cmd-one-minute", "valve_b", "open", 1))
    await state.until(lambda: bool(state.logs))

    log = state.logs[0]
    assert (log["valveId"], log["sectorId"], log["commandId"], log["auth0Id"], log["source"]) == (
        "valve_b", "sector_002", "cmd-one-minute", USER, "manual",
    )  # fmt: skip
    duration = topics.parse_iso_utc(log["endedAt"]) - topics.parse_iso_utc(log["startedAt"])  # type: ignore[operator]
    assert duration == timedelta(minutes=1)
    assert 8.0 <= log["volume_l"] <= 20.0  # a minute inside the 10-20 l/min envelope, less the ramp
    assert state.commands["cmd-one-minute"]["status"] == "confirmed"
    await state.until(lambda: state.valves["valve_b"]["observedState"] == "closed")


@pytest.mark.asyncio
async def test_a_stuck_valve_acks_but_no_telemetry_confirms_it(field: FieldSide) -> None:
    state = field.state
    field.fleet.inject_fault("rtu-a", "stuck")
    await field.bus.send_command(state.new_command("cmd-stuck", "valve_a", "open", 5))
    await state.until(lambda: state.commands["cmd-stuck"]["status"] == "failed")
    assert state.status_history["cmd-stuck"] == ["sent", "acked", "failed"]
    assert "no telemetry showed the valve open" in state.commands["cmd-stuck"]["error"]
    assert state.valves["valve_a"]["flow_lpm"] == 0.0
    await state.until(lambda: state.valves["valve_a"]["observedState"] == "fault")


# ---------------------------------------------------------------------------------------------- faults
@pytest.mark.asyncio
async def test_a_leak_requested_over_mqtt_shows_flow_on_a_closed_valve(field: FieldSide) -> None:
    state, observer = field.state, field.observer
    observer.publish(topics.fault_topic("rtu-b"), {"fault": "leak"})
    leaking = await observer.wait_for(is_msg("telemetry", "rtu-b", lambda p: p["metrics"]["flow_lpm"] >= 2.0))
    states = [seen for seen in observer.seen[:leaking] if seen.kind == "state" and seen.device_id == "rtu-b"]
    assert states[-1].payload["valves"]["valve_b"]["state"] == "closed"  # type: ignore[index]
    await state.until(lambda: state.valves["valve_b"]["observedState"] == "fault")

    observer.publish(topics.fault_topic("rtu-b"), {"fault": "clear"})
    await state.until(lambda: state.valves["valve_b"]["observedState"] == "closed")


@pytest.mark.asyncio
async def test_an_offline_device_falls_silent_and_its_retained_status_flips(
    field: FieldSide, broker: RealBroker
) -> None:
    state, observer = field.state, field.observer
    await observer.wait_for(is_msg("status", "rtu-b", lambda p: p["online"] is True))
    observer.publish(topics.fault_topic("rtu-b"), {"fault": "offline"})
    # The device never says it goes offline: the broker publishes its last will (no battery in it).
    gone = await observer.wait_for(is_msg("status", "rtu-b", lambda p: p["online"] is False))
    assert "battery_pct" not in observer.seen[gone].payload  # type: ignore[operator]
    await state.until(lambda: state.valves["valve_b"]["observedState"] == "unknown")

    late_comer = await WebSocketObserver(broker.ws_url, client_id="test-late-comer").start()
    try:
        retained = await late_comer.wait_for(is_msg("status", "rtu-b"))
        assert late_comer.seen[retained].retained
        assert late_comer.seen[retained].payload["online"] is False  # type: ignore[index]
    finally:
        await late_comer.stop()

    # Silence: the other device goes on talking while this one says nothing.
    heard = gone
    for _ in range(5):
        heard = await observer.wait_for(is_msg("telemetry", "rtu-a"), after=heard + 1)
    assert not [seen for seen in observer.seen[gone + 1 : heard] if seen.device_id == "rtu-b"]

    observer.publish(topics.fault_topic("rtu-b"), {"fault": "clear"})
    back = await observer.wait_for(is_msg("status", "rtu-b", lambda p: p["online"] is True), after=gone)
    await observer.wait_for(is_msg("telemetry", "rtu-b"), after=back)
    await state.until(lambda: state.valves["valve_b"]["observedState"] == "closed")


DOOMED_DEVICE = """
import asyncio, sys
from hydrodesk.sim.device_fleet import DeviceFleet
from hydrodesk.sim.devices import DeviceSpec, ValveSpec
from hydrodesk.sim.topics import DeviceAddress

async def main():
    spec = DeviceSpec(DeviceAddress("comp_12345", "proj_123", "rtu-doomed"), (ValveSpec("valve_z", None, 10, 20),))
    await DeviceFleet([spec], url=sys.argv[1], interval_s=0.1).start()
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


@pytest.mark.asyncio
async def test_the_last_will_fires_when_a_device_process_dies(broker: RealBroker) -> None:
    observer = await WebSocketObserver(broker.ws_url, client_id="test-will-watcher").start()
    device = await asyncio.create_subprocess_exec(sys.executable, "-c", DOOMED_DEVICE, broker.ws_url)
    try:
        alive = await observer.wait_for(is_msg("status", "rtu-doomed", lambda p: p["online"] is True), within=30)
        device.kill()  # no DISCONNECT: the socket just dies with the process
        dead = await observer.wait_for(is_msg("status", "rtu-doomed", lambda p: p["online"] is False), after=alive)
        assert set(observer.seen[dead].payload or {}) == {"online", "ts"}
    finally:
        if device.returncode is None:
            device.kill()
        await device.wait()
        await observer.stop()


@pytest.mark.asyncio
async def test_a_link_is_connected_only_once_the_broker_has_its_subscriptions(broker: RealBroker) -> None:
    """A device that returned from connect() must get a command sent right then: the broker drops a message for a
    subscription it has not acknowledged yet (seen once on a loaded machine: a command never acked)."""
    received: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()
    topic = f"connect/{COMPANY}/{PROJECT}/rtu-suback/cmd"
    device = MqttLink(
        broker.ws_url,
        client_id="test-suback-device",
        on_message=lambda topic, raw: received.put_nowait((topic, raw)),
        subscriptions=[(topic, 1)],
    )
    # Paho's thread holds the SUBACK back until the test lets it through: connect() must still be waiting then.
    suback_held, let_through = threading.Event(), threading.Event()
    handle_subscribe = device._handle_subscribe

    def held_subscribe(*args: Any) -> None:
        suback_held.set()
        let_through.wait(WAIT_S)
        handle_subscribe(*args)

    device._client.on_subscribe = held_subscribe
    sender = MqttLink(broker.ws_url, client_id="test-suback-sender")
    connecting = asyncio.ensure_future(device.connect(WAIT_S))
    try:
        assert await asyncio.to_thread(suback_held.wait, WAIT_S)
        # Time enough for a connect() that returned on the CONNACK alone to have returned.
        done, _pending = await asyncio.wait({connecting}, timeout=0.5)
        assert not done
        assert not device.connected
        let_through.set()
        await connecting
        await sender.connect(WAIT_S)
        sender.publish(topic, b'{"commandId":"c-1"}', qos=1)
        assert await asyncio.wait_for(received.get(), WAIT_S) == (topic, b'{"commandId":"c-1"}')
    finally:
        let_through.set()
        if not connecting.done():
            connecting.cancel()
        await asyncio.gather(connecting, return_exceptions=True)
        await sender.close()
        await device.close()


# ---------------------------------------------------------------------------------------------- brokers
def upgrade_refusal(url: str, token: str | None = None) -> int:
    """The HTTP status with which the WebSocket upgrade is refused (paho leaks its socket when that happens)."""
    with pytest.raises(InvalidStatus) as refused:
        websocket_connect(
            url,
            subprotocols=["mqtt"],  # type: ignore[list-item]
            additional_headers={"x-iot-token": token} if token else None,
        )
    return refused.value.response.status_code


def connect_over_websocket(url: str, token: str, password: str | None = None) -> str:
    """Try a paho connection as the app makes it; returns "connected", "refused" or "no answer"."""
    parts = urlsplit(url)
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="test-auth", transport="websockets")
    client.ws_set_options(path=parts.path, headers={"x-iot-token": token})
    client.username_pw_set(USER, password if password is not None else token)
    outcome: list[str] = []
    answered = threading.Event()

    def on_connect(_c: Any, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        outcome.append("refused" if reason.is_failure else "connected")
        answered.set()

    client.on_connect = on_connect
    client.connect(parts.hostname, parts.port)  # type: ignore[arg-type]
    client.loop_start()
    try:
        answered.wait(WAIT_S)
    finally:
        client.disconnect()
        client.loop_stop()
        release_paho_sockets(client)
    return outcome[0] if outcome else "no answer"


def demo_token(data_dir: Path) -> str:
    return issue_iot_token(load_secret(data_dir), User(USER, COMPANY, "Demo", "demo@example.com"), None)[0]


def test_the_embedded_broker_wants_the_iot_token_in_the_header_and_as_password(tmp_path: Path) -> None:
    broker = BrokerProcess.start_amqtt(data_dir=tmp_path)
    try:
        token = demo_token(tmp_path)
        assert upgrade_refusal(broker.ws_url) == 401
        assert connect_over_websocket(broker.ws_url, token, password="not-the-token") == "refused"
        assert connect_over_websocket(broker.ws_url, token) == "connected"
    finally:
        broker.stop()
    assert broker.process is not None
    assert broker.process.returncode == 0


def test_a_real_broker_serves_only_mqtt_at_its_path_and_comes_back_on_the_same_address(tmp_path: Path) -> None:
    with start_real_broker(data_dir=tmp_path) as broker:
        token = demo_token(tmp_path)
        assert upgrade_refusal(broker.ws_url.replace("/mqtt", "/other"), token) == 404
        assert upgrade_refusal(broker.ws_url) == 401
        assert connect_over_websocket(broker.ws_url, token) == "connected"

        url = broker.ws_url
        broker.kill()
        with pytest.raises(ConnectionRefusedError):
            websocket_connect(url, subprotocols=["mqtt"])  # type: ignore[list-item]
        broker.start()
        assert broker.ws_url == url
        assert connect_over_websocket(url, token) == "connected"


@pytest.mark.asyncio
async def test_start_field_runs_the_embedded_broker_with_devices_for_the_demo(tmp_path: Path) -> None:
    state = FakeIrrigationState()
    runtime = await start_field(
        state, host="127.0.0.1", mqtt_ws_port=0, mqtt_url=None, devices=True, data_dir=str(tmp_path), settings=FAST
    )
    try:
        assert runtime.mqtt_url is not None
        assert runtime.mqtt_url.startswith("ws://127.0.0.1:")
        assert runtime.mqtt_url.endswith("/mqtt")
        token = demo_token(tmp_path)
        observer = await WebSocketObserver(runtime.mqtt_url, token=token).start()
        # A client gets the retained messages of what it subscribes to, and nothing else (amqtt 0.12.1 leaked
        # every retained message another client had subscribed to, on every new connection).
        narrow = await WebSocketObserver(runtime.mqtt_url, token=token, client_id="test-narrow").start(
            "connect/comp_12345/proj_123/rtu-a/status"
        )
        try:
            await narrow.wait_for(is_msg("status", "rtu-a"))
            assert {seen.topic for seen in narrow.seen} == {"connect/comp_12345/proj_123/rtu-a/status"}
            for device_id in ("rtu-a", "rtu-b"):
                await observer.wait_for(is_msg("status", device_id, lambda p: p["online"] is True))
                await observer.wait_for(is_msg("telemetry", device_id))
            await runtime.fieldbus.send_command(state.new_command("cmd-demo", "valve_b", "open", 5))
            await state.until(lambda: state.commands["cmd-demo"]["status"] == "confirmed")
        finally:
            await narrow.stop()
            await observer.stop()
    finally:
        await runtime.stop()
    assert runtime.broker is not None
    assert runtime.broker.process is not None
    assert runtime.broker.process.poll() is not None
