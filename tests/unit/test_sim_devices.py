"""The simulated field devices and the field bus's bookkeeping, without a broker: a fake clock drives time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hydrodesk.sim import topics
from hydrodesk.sim.devices import DeviceSpec, Physics, SimulatedDevice, ValveSpec, device_specs
from hydrodesk.sim.mqtt_fieldbus import MqttFieldBus, flow_agrees
from hydrodesk.sim.topics import DeviceAddress

ADDRESS = DeviceAddress("comp_12345", "proj_123", "rtu-01")
VALVE = ValveSpec("valve_a", "sector_001", 30.0, 60.0)
SECOND_VALVE = ValveSpec("valve_b", "sector_002", 10.0, 20.0)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_device(clock: FakeClock, *valves: ValveSpec, seed: int = 7) -> SimulatedDevice:
    return SimulatedDevice(
        DeviceSpec(ADDRESS, valves or (VALVE,)), clock=clock, rng=random.Random(seed), physics=Physics(ramp_s=2.0)
    )


def run_for(device: SimulatedDevice, clock: FakeClock, seconds: float, step: float = 0.5) -> dict[str, float]:
    """Tick the device like the fleet does and return the last telemetry's metrics."""
    metrics: dict[str, float] = {}
    for _ in range(round(seconds / step)):
        clock.advance(step)
        device.advance()
        metrics = device.telemetry()["metrics"]
    return metrics


def command(command_id: str, action: str = "open", duration: Any = 10, valve: str = "valve_a") -> dict[str, Any]:
    return topics.command_payload(command_id, valve, action, duration)


def test_device_specs_group_valves_by_device_and_skip_incomplete_ones() -> None:
    valves = [
        {"valveId": "v1", "deviceId": "d1", "companyId": "c", "projectId": "p", "sectorId": "s1",
         "expectedFlow": {"min_lpm": 40, "max_lpm": 20}},
        {"valveId": "v2", "deviceId": "d1", "companyId": "c", "projectId": "p", "sectorId": "s2"},
        {"valveId": "v3", "deviceId": "d2", "companyId": "c", "projectId": "q"},
        {"valveId": "v4", "companyId": "c", "projectId": "p"},
    ]  # fmt: skip
    specs = {spec.device_id: spec for spec in device_specs(valves)}
    assert set(specs) == {"d1", "d2"}
    assert specs["d1"].address == DeviceAddress("c", "p", "d1")
    assert [valve.valve_id for valve in specs["d1"].valves] == ["v1", "v2"]
    assert (specs["d1"].valves[0].min_lpm, specs["d1"].valves[0].max_lpm) == (20.0, 40.0)
    assert specs["d1"].valves[1].min_lpm < specs["d1"].valves[1].max_lpm  # a default envelope


def test_an_open_valve_ramps_into_its_envelope_and_the_line_pressure_sags(clock: FakeClock) -> None:
    device = make_device(clock)
    closed = run_for(device, clock, 2)
    assert closed[topics.FLOW] == 0.0
    result = device.handle_command(command("c1"))
    assert result.ack is not None
    assert result.ack["status"] == "acked"
    assert result.state_changed
    assert device.state()["valves"]["valve_a"]["state"] == "open"

    early = run_for(device, clock, 0.5)
    assert 0 < early[topics.FLOW] < VALVE.min_lpm  # still ramping
    settled = run_for(device, clock, 5)
    assert VALVE.min_lpm <= settled[topics.FLOW] <= VALVE.max_lpm
    assert settled[topics.PRESSURE] < closed[topics.PRESSURE] - 0.1


def test_a_closed_valve_stops_the_flow(clock: FakeClock) -> None:
    device = make_device(clock)
    device.handle_command(command("c1"))
    run_for(device, clock, 5)
    result = device.handle_command(command("c2", "close", None))
    assert result.state_changed
    assert run_for(device, clock, 5)[topics.FLOW] == 0.0
    assert device.state()["valves"]["valve_a"]["state"] == "closed"


def test_an_open_closes_itself_when_its_duration_runs_out(clock: FakeClock) -> None:
    device = make_device(clock)
    opened_at = clock.now
    device.handle_command(command("c1", duration=2))
    clock.advance(119)
    assert not device.advance()
    clock.advance(2)
    assert device.advance()  # the fleet publishes the state when this is true
    valve = device.state()["valves"]["valve_a"]
    assert valve == {"state": "closed", "since": topics.iso_utc(opened_at + timedelta(minutes=2))}


def test_opening_an_open_valve_again_only_moves_its_deadline(clock: FakeClock) -> None:
    device = make_device(clock)
    device.handle_command(command("c1", duration=1))
    clock.advance(50)
    again = device.handle_command(command("c2", duration=1))
    assert again.ack is not None
    assert again.ack["status"] == "acked"
    assert not again.state_changed
    clock.advance(50)
    assert not device.advance()  # the first deadline has passed, the new one has not
    assert device.state()["valves"]["valve_a"]["state"] == "open"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (command("c1", valve="valve_zz"), "no valve"),
        (command("c1", action="toggle"), "Unknown action"),
        (command("c1", duration=None), "durationMin"),
        (command("c1", duration=0), "durationMin"),
        (command("c1", duration=721), "durationMin"),
        (command("c1", duration=1.5), "durationMin"),
        (command("c1", duration=True), "durationMin"),
    ],
)
def test_a_bad_command_is_answered_failed_with_a_reason(clock: FakeClock, payload: dict[str, Any], reason: str) -> None:
    device = make_device(clock)
    result = device.handle_command(payload)
    assert result.ack is not None
    assert result.ack["status"] == "failed"
    assert reason in result.ack["error"]
    assert not result.state_changed
    assert device.state()["valves"]["valve_a"]["state"] == "closed"


@pytest.mark.parametrize("payload", [None, {}, {"commandId": ""}, {"commandId": 42, "action": "open"}])
def test_a_command_without_an_id_cannot_be_answered(clock: FakeClock, payload: dict[str, Any] | None) -> None:
    assert make_device(clock).handle_command(payload).ack is None


def test_a_redelivered_command_gets_the_same_answer_and_is_not_carried_out_twice(clock: FakeClock) -> None:
    device = make_device(clock)
    first = device.handle_command(command("c1"))
    device.handle_command(command("c2", "close", None))
    clock.advance(5)
    replay = device.handle_command(command("c1"))
    assert replay.ack == first.ack
    assert not replay.state_changed
    assert device.state()["valves"]["valve_a"]["state"] == "closed"


def test_a_leak_shows_flow_on_a_closed_valve(clock: FakeClock) -> None:
    device = make_device(clock)
    device.inject("leak")
    metrics = run_for(device, clock, 5)
    assert device.state()["valves"]["valve_a"]["state"] == "closed"
    assert metrics[topics.FLOW] >= 0.2 * VALVE.min_lpm
    assert not flow_agrees("closed", metrics[topics.FLOW], VALVE.min_lpm)
    device.inject("clear")
    assert run_for(device, clock, 5)[topics.FLOW] == 0.0


def test_a_stuck_valve_acks_and_reports_the_move_but_no_water_flows(clock: FakeClock) -> None:
    device = make_device(clock)
    device.inject("stuck")
    result = device.handle_command(command("c1"))
    assert result.ack is not None
    assert result.ack["status"] == "acked"
    assert device.state()["valves"]["valve_a"]["state"] == "open"
    assert run_for(device, clock, 5)[topics.FLOW] == 0.0
    device.inject("clear")  # repaired: the valve follows what the device drove it to
    assert run_for(device, clock, 5)[topics.FLOW] >= VALVE.min_lpm


def test_an_ack_only_valve_acks_and_does_nothing(clock: FakeClock) -> None:
    device = make_device(clock)
    device.inject("ack_only")
    result = device.handle_command(command("c1"))
    assert result.ack is not None
    assert result.ack["status"] == "acked"
    assert "confirmed" not in result.ack
    assert not result.state_changed
    assert device.state()["valves"]["valve_a"]["state"] == "closed"  # the device did not even drive it
    assert run_for(device, clock, 5)[topics.FLOW] == 0.0
    device.inject("clear")
    device.handle_command(command("c2"))
    assert run_for(device, clock, 5)[topics.FLOW] >= VALVE.min_lpm


def test_a_false_confirm_valve_vouches_for_a_move_that_did_not_happen(clock: FakeClock) -> None:
    device = make_device(clock)
    device.inject("false_confirm")
    result = device.handle_command(command("c1"))
    assert result.ack is not None
    assert (result.ack["status"], result.ack["confirmed"]) == ("acked", True)
    assert device.state()["valves"]["valve_a"]["state"] == "open"
    assert run_for(device, clock, 5)[topics.FLOW] == 0.0


def test_faults_can_target_one_valve_and_reject_unknown_names(clock: FakeClock) -> None:
    device = make_device(clock, VALVE, SECOND_VALVE)
    device.inject("leak", "valve_b")
    metrics = run_for(device, clock, 5)
    assert metrics[topics.valve_flow_metric("valve_a")] == 0.0
    assert metrics[topics.valve_flow_metric("valve_b")] > 0.0
    assert metrics[topics.FLOW] == pytest.approx(metrics[topics.valve_flow_metric("valve_b")], abs=0.11)
    with pytest.raises(ValueError, match="no valve"):
        device.inject("leak", "valve_zz")
    with pytest.raises(ValueError, match="unknown fault"):
        device.inject("flood")  # type: ignore[arg-type]


def test_a_flapping_sensor_reads_wrong_every_other_time_and_a_drained_battery_comes_back_when_cleared(
    clock: FakeClock,
) -> None:
    device = make_device(clock)
    device.inject("flap")
    readings = []
    for _ in range(6):
        clock.advance(0.5)
        device.advance()
        readings.append(device.telemetry()["metrics"][topics.FLOW])
    leak = Physics().leak_fraction * VALVE.min_lpm
    assert readings[0::2] == [leak] * 3 or readings[1::2] == [leak] * 3  # closed: a phantom leak, every other time
    assert sorted(set(readings)) == [0.0, leak]
    before = device.battery_pct
    device.inject("battery_low")
    assert device.status()["battery_pct"] < 10
    device.inject("clear")
    assert device.battery_pct == before
    assert {device.telemetry()["metrics"][topics.FLOW] for _ in range(4)} == {0.0}


def test_offline_and_clear_switch_the_device_off_and_on(clock: FakeClock) -> None:
    device = make_device(clock)
    device.inject("offline")
    assert not device.online
    device.inject("clear")
    assert device.online
    assert device.status()["online"] is True
    assert device.last_will() == {"online": False, "ts": topics.iso_utc(clock.now)}


def test_soil_moisture_rises_while_irrigating_shallow_first_and_the_battery_drains(clock: FakeClock) -> None:
    device = make_device(clock)
    before = run_for(device, clock, 1)
    battery_before = device.battery_pct
    device.handle_command(command("c1", duration=60))
    after = run_for(device, clock, 600, step=5)
    rises = {depth: after[topics.soil_metric(depth)] - before[topics.soil_metric(depth)] for depth in (10, 30, 60)}
    assert rises[10] > rises[30] > rises[60] > 0
    assert device.battery_pct < battery_before
    device.handle_command(command("c2", "close", None))
    dried = run_for(device, clock, 3600, step=60)
    assert dried[topics.soil_metric(10)] < after[topics.soil_metric(10)]


def test_telemetry_of_one_seed_is_repeatable() -> None:
    readings = []
    for _ in range(2):
        clock = FakeClock()
        device = make_device(clock, seed=3)
        device.handle_command(command("c1"))
        readings.append(run_for(device, clock, 3))
    assert readings[0] == readings[1]


def test_topics_round_trip_and_reject_strangers() -> None:
    assert topics.parse_topic(ADDRESS.topic("telemetry")) == (ADDRESS, "telemetry")
    for stranger in ("connect/c/p/d/other", "connect/c/p/telemetry", "sim/d/fault", "connect//p/d/ack"):
        assert topics.parse_topic(stranger) is None
    assert topics.parse_fault_topic(topics.fault_topic("rtu-01")) == "rtu-01"
    assert topics.parse_fault_topic("sim/rtu-01/other") is None
    assert topics.iso_utc(datetime(2025, 10, 19, 14, 30, tzinfo=UTC)) == "2025-10-19T14:30:00.000Z"
    assert topics.decode(b"[1, 2]") is None
    assert topics.decode(b"\xff") is None


# ---------------------------------------------------------------------------------------- field bus bookkeeping
class RecordingState:
    """An in-memory IrrigationState (our own seam) holding one valve."""

    def __init__(self) -> None:
        self.valves = {
            "valve_a": {
                "valveId": "valve_a", "deviceId": "rtu-01", "companyId": "comp_12345", "projectId": "proj_123",
                "sectorId": "sector_001", "expectedFlow": {"min_lpm": 30.0, "max_lpm": 60.0},
            }
        }  # fmt: skip
        self.logs: list[dict[str, Any]] = []

    def list_all_valves(self) -> list[dict[str, Any]]:
        return [dict(valve) for valve in self.valves.values()]

    def get_valve(self, valve_id: str) -> dict[str, Any] | None:
        return self.valves.get(valve_id)

    def update_valve(self, valve_id: str, **fields: Any) -> None:
        self.valves[valve_id].update(fields)

    def get_command(self, command_id: str) -> dict[str, Any] | None:
        return None

    def update_command(self, command_id: str, **fields: Any) -> None:
        raise AssertionError("no commands in these tests")

    def add_irrigation_log(self, log: dict[str, Any]) -> None:
        self.logs.append(log)


def field_bus(clock: FakeClock) -> tuple[MqttFieldBus, RecordingState]:
    state = RecordingState()
    bus = MqttFieldBus(state, url="mqtt://127.0.0.1:1", clock=clock, fault_grace_s=3)
    bus.load_valves()  # what start() does before it connects; no broker needed here
    return bus, state


def deliver(bus: MqttFieldBus, kind: topics.TopicKind, payload: dict[str, Any]) -> None:
    bus.handle_message(ADDRESS.topic(kind), topics.encode(payload))


def test_the_field_bus_logs_an_irrigation_with_the_integrated_volume(clock: FakeClock) -> None:
    bus, state = field_bus(clock)
    start = clock.now
    deliver(bus, "state", topics.state_payload(start, {"valve_a": ("open", start)}))
    for minute, flow in ((1, 40.0), (2, 40.0), (3, 40.0)):
        deliver(bus, "telemetry", topics.telemetry_payload(start + timedelta(minutes=minute), {"flow_lpm": flow}))
    end = start + timedelta(minutes=4)
    deliver(bus, "state", topics.state_payload(end, {"valve_a": ("closed", end)}))
    # A ramp from 0 over the first minute (20 l), then 40 l/min for three minutes (120 l).
    assert len(state.logs) == 1
    log = state.logs[0]
    assert log["volume_l"] == pytest.approx(140.0)
    assert (log["startedAt"], log["endedAt"]) == (topics.iso_utc(start), topics.iso_utc(end))
    assert (log["valveId"], log["sectorId"], log["source"], log["commandId"]) == (
        "valve_a", "sector_001", "manual", None,
    )  # fmt: skip
    assert state.valves["valve_a"]["observedState"] == "closed"


def test_the_field_bus_calls_a_valve_faulty_only_when_telemetry_contradicts_it_for_long(clock: FakeClock) -> None:
    bus, state = field_bus(clock)
    deliver(bus, "state", topics.state_payload(clock.now, {"valve_a": ("closed", clock.now)}))
    clock.advance(1)
    deliver(bus, "telemetry", topics.telemetry_payload(clock.now, {"flow_lpm": 9.0, "pressure_bar": 3.1}))
    assert state.valves["valve_a"]["observedState"] == "closed"  # still inside the grace period
    clock.advance(3)
    deliver(bus, "telemetry", topics.telemetry_payload(clock.now, {"flow_lpm": 9.0, "pressure_bar": 3.1}))
    assert state.valves["valve_a"]["observedState"] == "fault"
    assert (state.valves["valve_a"]["flow_lpm"], state.valves["valve_a"]["pressure_bar"]) == (9.0, 3.1)
    assert state.valves["valve_a"]["lastSeen"] == topics.iso_utc(clock.now)
    deliver(bus, "status", topics.status_payload(clock.now, online=False))
    assert state.valves["valve_a"]["observedState"] == "unknown"


def test_the_field_bus_ignores_garbage_and_strangers(clock: FakeClock) -> None:
    bus, state = field_bus(clock)
    before = dict(state.valves["valve_a"])
    bus.handle_message(ADDRESS.topic("telemetry"), b"not json")
    bus.handle_message("connect/comp_12345/proj_123/rtu-99/telemetry", topics.encode({"ts": "x", "metrics": {}}))
    deliver(bus, "telemetry", {"ts": "yesterday", "metrics": {"flow_lpm": 3}})
    deliver(bus, "state", {"valves": {"valve_a": {"state": "ajar"}}})
    assert state.valves["valve_a"] == before
