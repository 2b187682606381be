"""What the farm's live readings say is wrong right now: every condition over every watched valve and device.

Pure: the caller hands in the valves (as the server or the cache describes them), a view of the live readings and
the time. The alarm service (hydrodesk.ui.alarms.service) runs this on every batch of telemetry and once a second;
the debounce and the journal (hydrodesk.domain.alarm_journal) turn conditions into alarms.

Flow is judged against what the device reports for the valve (never against what was commanded), pressure and
battery per device; a device that is offline raises one "offline" condition and nothing about its flow (its
valves' state is unknown while it is away).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule, effective_rule, inherited
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry_alarms import (
    Condition,
    battery_condition,
    flow_condition,
    offline_condition,
    pressure_condition,
)
from hydrodesk.domain.telemetry_devices import DeviceInfo

# A live reading older than this is not "current" any more.
FRESH_S = 30.0
FLOW, PRESSURE, BATTERY = "flow_lpm", "pressure_bar", "battery_pct"


@dataclass(frozen=True)
class WatchedValve:
    valve_id: str
    device_id: str
    project_id: str
    name: str
    sector_name: str
    expected: FlowEnvelope | None
    reported_state: str = "unknown"
    """What the server last said the field reports (the live `state` topic overrides it)."""
    sector_id: str = ""
    """The sector it waters (its sector's alarm rule applies where the valve has none of its own)."""

    @property
    def subject(self) -> str:
        """Who an alarm is about, for a person: "Válvula A-1 Norte (Lote A-1)"."""
        return f"{self.name} ({self.sector_name})" if self.sector_name else self.name


class Readings(Protocol):
    """The live view the rules read (the session's TelemetryHub behind it)."""

    def device(self, device_id: str) -> DeviceInfo | None: ...

    def latest(self, device_id: str, metric: str) -> tuple[float, float] | None: ...


def flow_metric(valve: WatchedValve, readings: Readings) -> str:
    """A device with several valves reports each one's flow; a single-valve device reports the line's."""
    per_valve = f"{FLOW}_{valve.valve_id}"
    return per_valve if readings.latest(valve.device_id, per_valve) is not None else FLOW


def fresh(readings: Readings, device_id: str, metric: str, now: float) -> float | None:
    latest = readings.latest(device_id, metric)
    return latest[1] if latest is not None and now - latest[0] <= FRESH_S else None


def observed_state(valve: WatchedValve, info: DeviceInfo | None) -> str:
    if info is None:
        return valve.reported_state
    if info.online is False:
        return "unknown"
    seen = info.valves.get(valve.valve_id)
    return seen.state if seen is not None else valve.reported_state


def valve_rule(
    valve: WatchedValve, rules: Mapping[str, ValveRule], sector_rules: Mapping[str, ValveRule] | None
) -> ValveRule | None:
    """What the user set for this valve: its own thresholds, the rest from its sector's rule."""
    sector = sector_rules.get(valve.sector_id) if sector_rules and valve.sector_id else None
    return inherited(rules.get(valve.valve_id), sector)


def gather(
    valves: Sequence[WatchedValve],
    readings: Readings,
    now: float,
    limits: IrrigationLimits,
    rules: Mapping[str, ValveRule],
    settings: AlarmSettings,
    sector_rules: Mapping[str, ValveRule] | None = None,
) -> list[Condition]:
    """Every condition that holds now, each with the readings behind it. `rules` are the valves' own (by valve
    id), `sector_rules` the sectors' (by sector id). (The alarm service judges only what changed:
    hydrodesk.domain.alarm_judge.)"""
    found: list[Condition] = []
    devices: dict[str, DeviceInfo] = {}
    for valve in valves:
        info = readings.device(valve.device_id)
        if info is None:
            continue  # not heard from yet: nothing to judge
        devices[valve.device_id] = info
        condition = judge_valve(valve, info, readings, now, limits, valve_rule(valve, rules, sector_rules))
        if condition is not None:
            found.append(condition)
    for device_id, info in sorted(devices.items()):
        found += judge_device(device_id, info, readings, now, limits, settings)
    return found


def judge_valve(
    valve: WatchedValve,
    info: DeviceInfo,
    readings: Readings,
    now: float,
    limits: IrrigationLimits,
    own_rule: ValveRule | None,
) -> Condition | None:
    """What the valve's flow says now (nothing while its device is offline: its state is unknown)."""
    if info.online is False:
        return None
    rule = effective_rule(own_rule, valve.expected, limits.alarm_hold_s)
    flow = fresh(readings, valve.device_id, flow_metric(valve, readings), now)
    if rule.envelope is None or flow is None:
        return None
    state = observed_state(valve, info)
    condition = flow_condition(valve.device_id, valve.valve_id, state, flow, rule.envelope, rule.leak_lpm)
    if condition is None:
        return None
    return _with_readings(condition, {"flow_lpm": flow, "state_open": float(state == "open")})


def judge_device(
    device_id: str, info: DeviceInfo, readings: Readings, now: float, limits: IrrigationLimits, settings: AlarmSettings
) -> list[Condition]:
    """What a device says of itself now: offline (and then nothing else), line pressure, battery."""
    offline = offline_condition(info, now, limits.expected_report_s)
    if offline is not None:
        return [offline]
    pressure = fresh(readings, device_id, PRESSURE, now)
    battery = fresh(readings, device_id, BATTERY, now)
    if battery is None:
        battery = info.battery_pct
    context = {name: value for name, value in ((PRESSURE, pressure), (BATTERY, battery)) if value is not None}
    found = []
    for condition in (
        pressure_condition(device_id, pressure, limits.min_line_pressure_bar, limits.max_line_pressure_bar),
        battery_condition(info, battery, settings.battery_low_pct),
    ):
        if condition is not None:
            found.append(_with_readings(condition, context))
    return found


def _with_readings(condition: Condition, readings: dict[str, float]) -> Condition:
    return Condition(condition.kind, condition.device_id, condition.valve_id, condition.value, dict(readings))
