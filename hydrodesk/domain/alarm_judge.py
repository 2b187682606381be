"""The farm's alarm conditions kept up to date by judging only what changed (pure; the alarm service drives it).

Re-judging every valve on every telemetry tick costs time in proportion to the farm, most of it spent confirming
that nothing changed. What a valve's or device's condition depends on changes only when:
- its device sent something (readings, a status, its valves' states): the caller `touch`es the device;
- a condition it has now may lapse by itself (its reading going stale, a debounce running): re-judged every time
  while it holds;
- a silent device reaches its "offline" deadline (`missed` reporting intervals after it was last heard);
- the rules, the limits or the watched valves change: everything is judged afresh (`touch_all`).
Everything else keeps the verdict it had. `judged_valves` and `judged_devices` count the work, so a test can show
that it follows what changed, not the size of the farm.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence

from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.alarm_watch import Readings, WatchedValve, judge_device, judge_valve, valve_rule
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry_alarms import Condition

MISSED_REPORTS = 5.0  # as hydrodesk.domain.telemetry_alarms.offline_condition counts silence


class AlarmJudge:
    def __init__(self) -> None:
        self._valves: dict[str, list[WatchedValve]] = {}  # by device id
        self._valve_conditions: dict[str, Condition] = {}  # by valve id: the conditions that held when last judged
        self._device_conditions: dict[str, list[Condition]] = {}  # by device id
        self._offline_due: dict[str, float] = {}  # device id -> when its silence makes it offline
        self._offline_heap: list[tuple[float, str]] = []  # the same deadlines, soonest first (stale ones skipped)
        self._dirty: set[str] = set()  # device ids to judge on the next `conditions`
        self.judged_valves = 0
        self.judged_devices = 0

    def set_valves(self, valves: Sequence[WatchedValve]) -> None:
        self._valves = {}
        for valve in valves:
            self._valves.setdefault(valve.device_id, []).append(valve)
        self._valve_conditions.clear()
        self._device_conditions.clear()
        self._offline_due.clear()
        self._offline_heap.clear()
        self.touch_all()

    @property
    def devices(self) -> set[str]:
        return set(self._valves)

    def touch(self, device_ids: Iterable[str]) -> None:
        """These devices sent something: judge them (and their valves) on the next `conditions`."""
        self._dirty.update(device_id for device_id in device_ids if device_id in self._valves)

    def touch_all(self) -> None:
        self._dirty = set(self._valves)

    def conditions(
        self,
        readings: Readings,
        now: float,
        limits: IrrigationLimits,
        rules: Mapping[str, ValveRule],
        settings: AlarmSettings,
        sector_rules: Mapping[str, ValveRule] | None = None,
    ) -> list[Condition]:
        """Every condition that holds now: the changed devices and valves judged afresh, the rest as they were."""
        due = self._dirty | set(self._device_conditions)
        due |= {condition.device_id for condition in self._valve_conditions.values()}
        while self._offline_heap and self._offline_heap[0][0] <= now:
            _at, device_id = heapq.heappop(self._offline_heap)
            current = self._offline_due.get(device_id)
            if current is None:
                continue
            if current <= now:
                due.add(device_id)
                del self._offline_due[device_id]  # judging it sets its next deadline
            else:  # heard from since: its deadline moved on (one heap entry per device, moved lazily)
                heapq.heappush(self._offline_heap, (current, device_id))
        self._dirty = set()
        for device_id in due:
            self._judge(device_id, readings, now, limits, rules, settings, sector_rules)
        found = list(self._valve_conditions.values())
        for device_conditions in self._device_conditions.values():
            found += device_conditions
        return found

    def _judge(
        self,
        device_id: str,
        readings: Readings,
        now: float,
        limits: IrrigationLimits,
        rules: Mapping[str, ValveRule],
        settings: AlarmSettings,
        sector_rules: Mapping[str, ValveRule] | None,
    ) -> None:
        info = readings.device(device_id)
        valves = self._valves.get(device_id, [])
        for valve in valves:
            self._valve_conditions.pop(valve.valve_id, None)
        self._device_conditions.pop(device_id, None)
        if info is None:
            return  # not heard from yet: nothing to judge (its first message touches it)
        self.judged_devices += 1
        for valve in valves:
            self.judged_valves += 1
            condition = judge_valve(valve, info, readings, now, limits, valve_rule(valve, rules, sector_rules))
            if condition is not None:
                self._valve_conditions[valve.valve_id] = condition
        found = judge_device(device_id, info, readings, now, limits, settings)
        if found:
            self._device_conditions[device_id] = found
        if info.last_seen is not None and math.isfinite(info.last_seen):
            # Silent from now on, it turns offline just after this (offline_condition wants "more than").
            at = info.last_seen + MISSED_REPORTS * limits.expected_report_s + 1e-3
            if device_id not in self._offline_due:
                heapq.heappush(self._offline_heap, (at, device_id))
            self._offline_due[device_id] = at
