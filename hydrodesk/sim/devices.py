"""The simulated field devices (RTUs): valve actuators, a line flow meter and pressure sensor, soil probes.

This is the device model alone: no network, time from an injected clock and noise from an injected
`random.Random`, so tests of it are fast and repeatable. hydrodesk.sim.device_fleet connects each device to the
broker.

Physics, kept simple but honest enough to confirm commands by telemetry:
- A valve that opens picks an operating flow inside its expected envelope (`expectedFlow` of the store's valve);
  the flow then approaches it like a first-order system, reaching ~95 % after `Physics.ramp_s`; a closing valve
  decays to zero the same way. Readings carry a little noise.
- Line pressure sags from its static value as the flow through the device rises.
- Soil moisture at 10, 30 and 60 cm rises while water flows (the shallow probe first) and dries slowly otherwise.
- The battery drains slowly; the radio's RSSI wanders a little.

Commands (`cmd` payloads) are validated; a bad one is answered `failed` with a reason, a good one `acked` and
carried out. An open with `durationMin` closes by itself when the time runs out. A repeated `commandId` (an MQTT
redelivery) gets the same answer again and is not carried out twice.

Faults: `leak` (water flows through a closed valve), `stuck` (the device acks and reports the new position, but
the valve does not move, so no telemetry confirms it), `ack_only` (the device acks a command but does nothing:
neither its reported position nor the valve changes, so the command is acked and never confirmed),
`false_confirm` (the device acks, reports the new position and vouches for it in its ack with
`"confirmed": true`, as an actuator with a broken end switch would, but the valve does not move: the server takes
the command as confirmed while the flow says otherwise), `offline` (the device falls silent; the fleet drops its
connection so the broker publishes its last will), `flap` (the valve's flow sensor toggles: every other reading
is wrong, zero on a flowing valve or a leak-sized flow on a closed one), `battery_low` (the battery reads
BATTERY_LOW_PCT) and `clear` (repaired: everything back to normal, the battery where it was).
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal

from hydrodesk.domain.irrigation import MAX_DURATION_MIN, MIN_DURATION_MIN
from hydrodesk.sim import topics
from hydrodesk.sim.topics import DeviceAddress

Clock = Callable[[], datetime]
Fault = Literal["leak", "stuck", "ack_only", "false_confirm", "offline", "flap", "battery_low", "clear"]
FAULTS: Final[tuple[Fault, ...]] = (
    "leak",
    "stuck",
    "ack_only",
    "false_confirm",
    "offline",
    "flap",
    "battery_low",
    "clear",
)
BATTERY_LOW_PCT: Final = 8.0
ValvePosition = Literal["open", "closed"]

DEFAULT_ENVELOPE_LPM: Final = (20.0, 60.0)  # for a valve whose store entry lacks expectedFlow
REMEMBERED_COMMANDS: Final = 256


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ValveSpec:
    valve_id: str
    sector_id: str | None
    min_lpm: float
    max_lpm: float


@dataclass(frozen=True)
class DeviceSpec:
    address: DeviceAddress
    valves: tuple[ValveSpec, ...]

    @property
    def device_id(self) -> str:
        return self.address.device_id


def device_specs(valves: Iterable[dict[str, Any]]) -> list[DeviceSpec]:
    """One device per `deviceId` among the store's valves (each valve carries its company and project)."""
    grouped: dict[str, tuple[DeviceAddress, list[ValveSpec]]] = {}
    for valve in valves:
        device_id, company_id, project_id = valve.get("deviceId"), valve.get("companyId"), valve.get("projectId")
        if not (device_id and company_id and project_id and valve.get("valveId")):
            continue
        envelope = valve.get("expectedFlow") or {}
        low = float(envelope.get("min_lpm", DEFAULT_ENVELOPE_LPM[0]))
        high = float(envelope.get("max_lpm", DEFAULT_ENVELOPE_LPM[1]))
        spec = ValveSpec(str(valve["valveId"]), valve.get("sectorId"), min(low, high), max(low, high))
        grouped.setdefault(device_id, (DeviceAddress(company_id, project_id, device_id), []))[1].append(spec)
    return [DeviceSpec(address, tuple(specs)) for address, specs in grouped.values()]


@dataclass(frozen=True)
class Physics:
    ramp_s: float = 2.0
    """Seconds for the flow to reach ~95 % of its new target after a valve moves."""
    static_pressure_bar: float = 3.2
    full_flow_pressure_drop_bar: float = 0.6
    flow_noise: float = 0.02
    """Relative standard deviation of a flow reading."""
    pressure_noise_bar: float = 0.02
    leak_fraction: float = 0.3
    """A leak's flow, as a fraction of the valve's minimum expected flow: well above "closed"."""
    soil_gain_pct_per_min: tuple[tuple[int, float], ...] = ((10, 0.8), (30, 0.4), (60, 0.15))
    soil_loss_pct_per_min: tuple[tuple[int, float], ...] = ((10, 0.02), (30, 0.01), (60, 0.005))
    soil_range_pct: tuple[float, float] = (8.0, 48.0)
    battery_drain_pct_per_hour: float = 0.05


@dataclass
class ValveModel:
    spec: ValveSpec
    since: datetime
    reported: ValvePosition = "closed"
    """What the device drove the actuator to, and reports on `state`."""
    position: ValvePosition = "closed"
    """Where the valve really is: the flow follows this one (they differ only when the valve is stuck)."""
    close_at: datetime | None = None
    operating_lpm: float = 0.0
    flow_lpm: float = 0.0
    """The true, noiseless flow right now."""
    stuck: bool = False
    leaking: bool = False
    flapping: bool = False
    """Its flow sensor toggles between the truth and a wrong reading."""
    ack_only: bool = False
    """Commands are acked and ignored."""
    false_confirm: bool = False
    """Stuck, and the ack vouches for the move all the same."""

    def target_lpm(self, physics: Physics) -> float:
        if self.position == "open":
            return self.operating_lpm
        return physics.leak_fraction * self.spec.min_lpm if self.leaking else 0.0


@dataclass(frozen=True)
class CommandResult:
    ack: dict[str, Any] | None
    """The `ack` payload to publish, or None when the command could not be answered (no commandId)."""
    state_changed: bool


@dataclass
class SimulatedDevice:
    spec: DeviceSpec
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    physics: Physics = field(default_factory=Physics)

    def __post_init__(self) -> None:
        now = self.clock()
        self.valves = {valve.valve_id: ValveModel(valve, since=now) for valve in self.spec.valves}
        self.online = True
        self.battery_pct = self.rng.uniform(72.0, 98.0)
        self.rssi_dbm = self.rng.uniform(-92.0, -64.0)
        self.soil_pct = {depth: self.rng.uniform(22.0, 30.0) for depth, _ in self.physics.soil_gain_pct_per_min}
        self._last_advance = now
        self._flap_phase = False
        self._battery_before: float | None = None  # the level a `battery_low` fault hides
        self._answers: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def resume_from(self, readings: dict[str, float]) -> None:
        """Pick up the slow quantities (soil moisture, battery) where the device's history left them."""
        for depth in self.soil_pct:
            value = readings.get(topics.soil_metric(depth))
            if value is not None and math.isfinite(value):
                low, high = self.physics.soil_range_pct
                self.soil_pct[depth] = min(high, max(low, value))
        battery = readings.get(topics.BATTERY)
        if battery is not None and math.isfinite(battery):
            self.battery_pct = min(100.0, max(5.0, battery))

    @property
    def address(self) -> DeviceAddress:
        return self.spec.address

    @property
    def device_id(self) -> str:
        return self.spec.device_id

    # ------------------------------------------------------------------ time
    def advance(self) -> bool:
        """Bring the physics up to the clock's now; True when a valve closed by itself (publish the state)."""
        now = self.clock()
        changed = self._close_expired(now)
        seconds = (now - self._last_advance).total_seconds()
        if seconds > 0:
            self._step(seconds)
        self._last_advance = max(now, self._last_advance)
        return changed

    def _close_expired(self, now: datetime) -> bool:
        changed = False
        for valve in self.valves.values():
            if valve.close_at is not None and now >= valve.close_at:
                self._move(valve, "closed", valve.close_at)
                changed = True
        return changed

    def _step(self, seconds: float) -> None:
        physics = self.physics
        approach = 1.0 - math.exp(-3.0 * seconds / physics.ramp_s) if physics.ramp_s > 0 else 1.0
        for valve in self.valves.values():
            valve.flow_lpm += (valve.target_lpm(physics) - valve.flow_lpm) * approach
        wet = self._flow_fraction()
        low, high = physics.soil_range_pct
        losses = dict(physics.soil_loss_pct_per_min)
        for depth, gain in physics.soil_gain_pct_per_min:
            change = (gain * wet - losses.get(depth, 0.0)) * seconds / 60.0
            self.soil_pct[depth] = min(high, max(low, self.soil_pct[depth] + change))
        self.battery_pct = max(5.0, self.battery_pct - physics.battery_drain_pct_per_hour * seconds / 3600.0)

    def _flow_fraction(self) -> float:
        capacity = sum(valve.spec.max_lpm for valve in self.valves.values())
        return min(1.0, sum(valve.flow_lpm for valve in self.valves.values()) / capacity) if capacity else 0.0

    # ------------------------------------------------------------------ commands
    def handle_command(self, payload: dict[str, Any] | None) -> CommandResult:
        """Carry out a `cmd` payload and say what to publish."""
        command_id = payload.get("commandId") if payload else None
        if not isinstance(command_id, str) or not command_id:
            return CommandResult(None, False)
        assert payload is not None
        if command_id in self._answers:
            return CommandResult(self._answers[command_id], False)
        changed = self.advance()
        now = self.clock()
        error = self._command_error(payload)
        if error is not None:
            ack = topics.ack_payload(command_id, "failed", now, error)
        else:
            valve = self.valves[payload["valveId"]]
            changed = self._execute(valve, payload, now) or changed
            ack = topics.ack_payload(command_id, "acked", now)
            if valve.false_confirm:
                ack["confirmed"] = True
        self._answers[command_id] = ack
        while len(self._answers) > REMEMBERED_COMMANDS:
            self._answers.popitem(last=False)
        return CommandResult(ack, changed)

    def _command_error(self, payload: dict[str, Any]) -> str | None:
        valve_id, action, duration = payload.get("valveId"), payload.get("action"), payload.get("durationMin")
        if valve_id not in self.valves:
            return f"Device {self.device_id} has no valve {valve_id!r}."
        if action not in ("open", "close"):
            return f"Unknown action {action!r}: expected 'open' or 'close'."
        if action == "open" and (
            not isinstance(duration, int)
            or isinstance(duration, bool)
            or not MIN_DURATION_MIN <= duration <= MAX_DURATION_MIN
        ):
            return (
                f"An open needs durationMin, a whole number of minutes from {MIN_DURATION_MIN} to {MAX_DURATION_MIN}."
            )
        return None

    def _execute(self, valve: ValveModel, payload: dict[str, Any], now: datetime) -> bool:
        if valve.ack_only:
            return False
        if payload["action"] == "open":
            valve.close_at = now + timedelta(minutes=payload["durationMin"])
            if valve.reported == "open":
                return False  # already open: only the deadline moves
            self._move(valve, "open", now)
            return True
        valve.close_at = None
        if valve.reported == "closed":
            return False
        self._move(valve, "closed", now)
        return True

    def _move(self, valve: ValveModel, to: ValvePosition, at: datetime) -> None:
        valve.reported = to
        valve.since = at
        if to == "closed":
            valve.close_at = None
        if not (valve.stuck or valve.false_confirm):
            self._set_position(valve, to)

    def _set_position(self, valve: ValveModel, to: ValvePosition) -> None:
        if to == "open" and valve.position != "open":
            low, high = valve.spec.min_lpm, valve.spec.max_lpm
            margin = 0.2 * (high - low)
            valve.operating_lpm = self.rng.uniform(low + margin, high - margin)
        valve.position = to

    # ------------------------------------------------------------------ faults
    def inject(self, fault: Fault, valve_id: str | None = None) -> None:
        """Apply a fault to one valve (`valve_id`) or to all of the device's valves."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        if valve_id is not None and valve_id not in self.valves:
            raise ValueError(f"device {self.device_id} has no valve {valve_id!r}")
        self.advance()
        targets = [self.valves[valve_id]] if valve_id is not None else list(self.valves.values())
        if fault == "offline":
            self.online = False
        elif fault == "battery_low":
            if self._battery_before is None:
                self._battery_before = self.battery_pct
            self.battery_pct = BATTERY_LOW_PCT
        elif fault == "clear":
            self.online = True
            if self._battery_before is not None:
                self.battery_pct, self._battery_before = self._battery_before, None
            for valve in targets:
                valve.leaking = valve.stuck = valve.flapping = valve.ack_only = valve.false_confirm = False
                self._set_position(valve, valve.reported)
        else:
            for valve in targets:
                if fault == "leak":
                    valve.leaking = True
                elif fault == "flap":
                    valve.flapping = True
                elif fault == "ack_only":
                    valve.ack_only = True
                elif fault == "false_confirm":
                    valve.false_confirm = True
                else:
                    valve.stuck = True

    # ------------------------------------------------------------------ payloads
    def telemetry(self) -> dict[str, Any]:
        """A telemetry reading of the current physics (call `advance()` first)."""
        physics, rng = self.physics, self.rng
        metrics: dict[str, float] = {}
        total = 0.0
        self._flap_phase = not self._flap_phase
        for valve in self.valves.values():
            reading = valve.flow_lpm * (1.0 + rng.gauss(0.0, physics.flow_noise)) if valve.flow_lpm >= 0.05 else 0.0
            reading = max(0.0, reading)
            if valve.flapping and self._flap_phase:
                # The wrong half of a flapping sensor: nothing where water flows, a leak where none does.
                reading = 0.0 if reading >= 0.05 else physics.leak_fraction * valve.spec.min_lpm
            total += reading
            if len(self.valves) > 1:
                metrics[topics.valve_flow_metric(valve.spec.valve_id)] = round(reading, 1)
        pressure = (
            physics.static_pressure_bar
            - physics.full_flow_pressure_drop_bar * self._flow_fraction()
            + rng.gauss(0.0, physics.pressure_noise_bar)
        )
        metrics[topics.FLOW] = round(total, 1)
        metrics[topics.PRESSURE] = round(pressure, 2)
        for depth, value in self.soil_pct.items():
            metrics[topics.soil_metric(depth)] = round(value, 1)
        metrics[topics.BATTERY] = round(self.battery_pct, 1)
        return topics.telemetry_payload(self.clock(), metrics)

    def state(self) -> dict[str, Any]:
        return topics.state_payload(
            self.clock(), {valve_id: (valve.reported, valve.since) for valve_id, valve in self.valves.items()}
        )

    def status(self) -> dict[str, Any]:
        self.rssi_dbm = min(-40.0, max(-110.0, self.rssi_dbm + self.rng.gauss(0.0, 1.0)))
        return topics.status_payload(
            self.clock(), online=True, battery_pct=round(self.battery_pct, 1), rssi_dbm=round(self.rssi_dbm)
        )

    def last_will(self) -> dict[str, Any]:
        """The `status` the broker publishes if the connection dies (its `ts` is the moment it was set)."""
        return topics.status_payload(self.clock(), online=False)

    def powered_down(self) -> dict[str, Any]:
        """The `status` published on an orderly shutdown."""
        return topics.status_payload(self.clock(), online=False, battery_pct=round(self.battery_pct, 1))
