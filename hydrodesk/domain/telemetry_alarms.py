"""Alarm rules over live telemetry (pure: the caller says what time it is).

Each rule looks at one reading and says whether something is wrong: no flow while a valve is open, flow while it
is closed (a leak), flow outside the valve's envelope, line pressure out of range, a device offline or silent.
A reading alone is not enough to raise an alarm: a valve that just opened has not reached its flow yet, and one
noisy reading is not a burst pipe. `Debounce` raises an alarm only once its condition has held for `hold_s`
(or keeps coming back: a flapping sensor), and clears it only once the condition has been gone for `hold_s` too.
What the readings of a whole farm say is gathered in hydrodesk.domain.alarm_watch; the journal (who acknowledged
what) is hydrodesk.domain.alarm_journal.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
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
    BATTERY_LOW = "battery_low"


# A condition that appears this many times within `flap_window` is an alarm even if it never held for `hold_s`:
# a sensor (or a valve) flapping on and off is a problem in itself.
FLAP_APPEARANCES = 3
FLAP_WINDOW_MIN_S = 10.0

Key = tuple[AlarmKind, str, str | None]


@dataclass(frozen=True)
class Condition:
    kind: AlarmKind
    device_id: str
    valve_id: str | None
    value: float | None
    """The reading behind it (l/min, bar, % or seconds of silence)."""
    readings: dict[str, float] = field(default_factory=dict, compare=False)
    """What else the device said at that moment (kept with the alarm in the journal)."""

    @property
    def key(self) -> Key:
        return (self.kind, self.device_id, self.valve_id)


def flow_condition(
    device_id: str,
    valve_id: str,
    observed_state: ObservedState | str,
    flow_lpm: float | None,
    envelope: FlowEnvelope,
    leak_lpm: float = LEAK_THRESHOLD_LPM,
) -> Condition | None:
    """What the valve's flow says, judged against what the device reports (never against what was commanded)."""
    check = check_flow(observed_state, flow_lpm, envelope, leak_lpm)
    if check in (FlowCheck.OK, FlowCheck.NO_DATA):
        return None
    assert flow_lpm is not None
    if check is FlowCheck.LEAK:
        kind = AlarmKind.LEAK
    elif check is FlowCheck.HIGH:
        kind = AlarmKind.FLOW_HIGH
    else:
        kind = AlarmKind.NO_FLOW if flow_lpm <= leak_lpm else AlarmKind.FLOW_LOW
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


def battery_condition(info: DeviceInfo, battery_pct: float | None, low_pct: float) -> Condition | None:
    """A battery below `low_pct`: the device will fall silent soon, and with it the valves it drives."""
    if battery_pct is None or not math.isfinite(battery_pct) or battery_pct >= low_pct:
        return None
    return Condition(AlarmKind.BATTERY_LOW, info.device_id, None, battery_pct)


@dataclass
class Debounce:
    """Turns conditions seen on successive evaluations into raised and cleared alarms."""

    hold_s: float = 30.0
    _first_seen: dict[Key, float] = field(default_factory=dict)
    _last_seen: dict[Key, float] = field(default_factory=dict)
    _appeared: dict[Key, deque[float]] = field(default_factory=dict)
    _present: set[Key] = field(default_factory=set)
    active: dict[Key, Condition] = field(default_factory=dict)
    valve_hold_s: dict[str, float] = field(default_factory=dict)
    """A valve's own hold time, where the user set one (others: `hold_s`)."""
    returned: list[Condition] = field(default_factory=list)
    """After `update`: active alarms whose condition came back after a gap (a flapping one comes back often)."""

    def hold(self, key: Key) -> float:
        valve_id = key[2]
        return self.valve_hold_s.get(valve_id, self.hold_s) if valve_id is not None else self.hold_s

    def restore(self, condition: Condition, now: float) -> None:
        """An alarm still open from an earlier run: active from the start, so a condition that still holds does
        not raise it a second time (and one that is gone clears it after `hold_s`)."""
        self.active[condition.key] = condition
        self._first_seen[condition.key] = now
        self._last_seen[condition.key] = now
        self._present.add(condition.key)

    def forget(self, key: Key) -> None:
        """Someone closed the alarm: if the problem is still there it is raised afresh after its hold time."""
        self.active.pop(key, None)
        self._first_seen.pop(key, None)
        self._last_seen.pop(key, None)
        self._appeared.pop(key, None)
        self._present.discard(key)

    def update(
        self, conditions: list[Condition], now: float, judged: Callable[[Key], bool] | None = None
    ) -> tuple[list[Condition], list[Condition]]:
        """Feed every condition that holds now; returns (newly raised, newly cleared). `judged(key)` says whether
        the evaluation could see the key's device at all: one it could not (not heard from since the start) keeps
        whatever it had."""
        raised: list[Condition] = []
        self.returned = []
        current = {condition.key: condition for condition in conditions}
        for key, condition in current.items():
            hold = self.hold(key)
            window = max(3 * hold, FLAP_WINDOW_MIN_S)
            self._first_seen.setdefault(key, now)
            self._last_seen[key] = now
            appeared = self._appeared.setdefault(key, deque())
            if key not in self._present:
                appeared.append(now)
                if key in self.active:
                    self.returned.append(condition)
            while appeared and now - appeared[0] > window:
                appeared.popleft()
            flapping = len(appeared) >= FLAP_APPEARANCES
            if key not in self.active and (now - self._first_seen[key] >= hold or flapping):
                self.active[key] = condition
                raised.append(condition)
            elif key in self.active:
                self.active[key] = condition
        # A key whose device could not be seen keeps its presence: seeing it again is no new appearance.
        unseen = {key for key in self._present if judged is not None and not judged(key)}
        self._present = set(current) | unseen
        for key, appeared in list(self._appeared.items()):
            if key not in current and (not appeared or now - appeared[-1] > max(3 * self.hold(key), FLAP_WINDOW_MIN_S)):
                del self._appeared[key]
        cleared: list[Condition] = []
        for key in list(self._first_seen):
            if key in current or (judged is not None and not judged(key)):
                continue
            if key in self.active and now - self._last_seen[key] < self.hold(key):
                continue  # gone only briefly: still an alarm
            self._first_seen.pop(key)
            self._last_seen.pop(key, None)
            if key in self.active:
                cleared.append(self.active.pop(key))
        return raised, cleared
