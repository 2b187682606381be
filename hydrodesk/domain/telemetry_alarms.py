"""Alarm rules over live telemetry (pure: the caller says what time it is).

Each rule looks at one reading and says whether something is wrong: no flow while a valve is open, flow while it
is closed (a leak), flow outside the valve's envelope, line pressure out of range, a device offline or silent.
A reading alone is not enough to raise an alarm: a valve that just opened has not reached its flow yet, and one
noisy reading is not a burst pipe. `Debounce` raises an alarm only once its condition has held for `hold_s`,
and clears it only once the condition has been gone for `hold_s` too. The journal, acknowledgement and desktop
notification belong to the irrigation pane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM, FlowCheck, FlowEnvelope, ObservedState, check_flow
from hydrodesk.domain.telemetry_devices import DeviceInfo


class AlarmKind(StrEnum):
    NO_FLOW = "no_flow"  # open, but (almost) nothing flows
    LEAK = "leak"  # closed, but water moves
    FLOW_LOW = "flow_low"
    FLOW_HIGH = "flow_high"
    PRESSURE_LOW = "pressure_low"
    PRESSURE_HIGH = "pressure_high"
    OFFLINE = "offline"


@dataclass(frozen=True)
class Condition:
    kind: AlarmKind
    device_id: str
    valve_id: str | None
    value: float | None
    """The reading behind it (l/min, bar, or seconds of silence)."""

    @property
    def key(self) -> tuple[AlarmKind, str, str | None]:
        return (self.kind, self.device_id, self.valve_id)


def flow_condition(
    device_id: str, valve_id: str, observed_state: ObservedState | str, flow_lpm: float | None, envelope: FlowEnvelope
) -> Condition | None:
    """What the valve's flow says, judged against what the device reports (never against what was commanded)."""
    check = check_flow(observed_state, flow_lpm, envelope)
    if check in (FlowCheck.OK, FlowCheck.NO_DATA):
        return None
    assert flow_lpm is not None
    if check is FlowCheck.LEAK:
        kind = AlarmKind.LEAK
    elif check is FlowCheck.HIGH:
        kind = AlarmKind.FLOW_HIGH
    else:
        kind = AlarmKind.NO_FLOW if flow_lpm <= LEAK_THRESHOLD_LPM else AlarmKind.FLOW_LOW
    return Condition(kind, device_id, valve_id, flow_lpm)


def pressure_condition(device_id: str, pressure_bar: float | None, low_bar: float, high_bar: float) -> Condition | None:
    if pressure_bar is None or not math.isfinite(pressure_bar):
        return None
    if pressure_bar < low_bar:
        return Condition(AlarmKind.PRESSURE_LOW, device_id, None, pressure_bar)
    if pressure_bar > high_bar:
        return Condition(AlarmKind.PRESSURE_HIGH, device_id, None, pressure_bar)
    return None


def offline_condition(
    info: DeviceInfo, now: float, expected_interval_s: float, missed: float = 5.0
) -> Condition | None:
    """Offline by its own status (or its last will), or silent for `missed` reporting intervals."""
    silent_s = None if info.last_seen is None else max(0.0, now - info.last_seen)
    if info.online is False or info.is_silent(now, expected_interval_s, missed):
        return Condition(AlarmKind.OFFLINE, info.device_id, None, silent_s)
    return None


@dataclass
class Debounce:
    """Turns conditions seen on successive evaluations into raised and cleared alarms."""

    hold_s: float = 30.0
    _first_seen: dict[tuple[AlarmKind, str, str | None], float] = field(default_factory=dict)
    _last_seen: dict[tuple[AlarmKind, str, str | None], float] = field(default_factory=dict)
    active: dict[tuple[AlarmKind, str, str | None], Condition] = field(default_factory=dict)

    def update(self, conditions: list[Condition], now: float) -> tuple[list[Condition], list[Condition]]:
        """Feed every condition that holds now; returns (newly raised, newly cleared)."""
        raised: list[Condition] = []
        current = {condition.key: condition for condition in conditions}
        for key, condition in current.items():
            self._first_seen.setdefault(key, now)
            self._last_seen[key] = now
            if key not in self.active and now - self._first_seen[key] >= self.hold_s:
                self.active[key] = condition
                raised.append(condition)
            elif key in self.active:
                self.active[key] = condition
        cleared: list[Condition] = []
        for key in list(self._first_seen):
            if key in current:
                continue
            if key in self.active and now - self._last_seen[key] < self.hold_s:
                continue  # gone only briefly: still an alarm
            self._first_seen.pop(key)
            self._last_seen.pop(key, None)
            if key in self.active:
                cleared.append(self.active.pop(key))
        return raised, cleared
