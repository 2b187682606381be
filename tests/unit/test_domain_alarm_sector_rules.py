"""Alarm rules per sector as well as per valve, and the judge that re-judges only what changed.

A sector's thresholds and delay apply to each of its valves; a valve's own value wins; what neither sets comes from
the server's `expectedFlow` and the office's defaults. The alarm service's judge does work in proportion to the
devices that sent something (and the conditions that hold), not to the size of the farm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hydrodesk.domain.alarm_judge import AlarmJudge
from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule, effective_rule, inherited
from hydrodesk.domain.alarm_watch import WatchedValve, gather, valve_rule
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry_alarms import AlarmKind
from hydrodesk.domain.telemetry_devices import DeviceInfo, ValveSeen
from hydrodesk.store import alarms as stored
from hydrodesk.store.paths import profile_database
from hydrodesk.store.store import Store

ENVELOPE = FlowEnvelope(30.0, 60.0)


@dataclass
class Field:
    devices: dict[str, DeviceInfo] = field(default_factory=dict)
    values: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    def device(self, device_id: str) -> DeviceInfo | None:
        return self.devices.get(device_id)

    def latest(self, device_id: str, metric: str) -> tuple[float, float] | None:
        return self.values.get((device_id, metric))

    def report(self, device_id: str, now: float, flow: float, state: str = "open") -> None:
        self.devices[device_id] = DeviceInfo(
            device_id, "proj", online=True, last_seen=now, valves={f"V-{device_id}": ValveSeen(state, None, now)}
        )
        self.values[(device_id, "flow_lpm")] = (now, flow)


def valve(n: int, sector: str = "S1") -> WatchedValve:
    return WatchedValve(f"V-rtu-{n}", f"rtu-{n}", "proj", f"Válvula {n}", "Lote", ENVELOPE, "closed", sector)


def test_a_sector_rule_applies_to_its_valves_and_a_valve_s_own_value_wins() -> None:
    sector = ValveRule("S1", min_lpm=10.0, leak_lpm=4.0, hold_s=90.0)
    # A valve with nothing of its own: the sector's.
    assert inherited(None, sector) == sector
    assert effective_rule(inherited(None, sector), ENVELOPE, 20.0).envelope == FlowEnvelope(10.0, 60.0)
    # A valve's own delay wins; its sector fills the rest.
    mixed = inherited(ValveRule("V1", hold_s=30.0), sector)
    assert mixed == ValveRule("V1", min_lpm=10.0, leak_lpm=4.0, hold_s=30.0)
    rule = effective_rule(mixed, ENVELOPE, 20.0)
    assert (rule.envelope, rule.leak_lpm, rule.hold_s) == (FlowEnvelope(10.0, 60.0), 4.0, 30.0)
    # A valve whose own lowest flow is above its sector's highest keeps its own envelope alone.
    odd = inherited(ValveRule("V1", min_lpm=80.0), ValveRule("S1", max_lpm=50.0))
    assert odd == ValveRule("V1", min_lpm=80.0)
    # Neither: the server's envelope and the office's defaults.
    assert inherited(None, None) is None
    assert effective_rule(inherited(None, ValveRule("S1")), ENVELOPE, 20.0).envelope == ENVELOPE


def test_gather_judges_a_valve_by_its_sector_s_envelope() -> None:
    now = 1000.0
    farm = Field()
    farm.report("rtu-1", now, 12.0)
    watched = [valve(1, "S1")]
    limits, settings = IrrigationLimits(), AlarmSettings()
    assert [c.kind for c in gather(watched, farm, now, limits, {}, settings)] == [AlarmKind.FLOW_LOW]
    sectors = {"S1": ValveRule("S1", min_lpm=10.0)}  # the whole sector runs low on purpose
    assert gather(watched, farm, now, limits, {}, settings, sectors) == []
    assert valve_rule(watched[0], {}, sectors) == sectors["S1"]
    # Another sector's rule does not apply.
    assert [c.kind for c in gather(watched, farm, now, limits, {}, settings, {"S2": sectors["S1"]})] == [
        AlarmKind.FLOW_LOW
    ]


@pytest.mark.asyncio
async def test_sector_rules_are_kept_beside_the_valves_rules(tmp_path: Path) -> None:
    store = await Store.open(profile_database(tmp_path, "farm"))
    try:
        await store.write_durably(
            stored.save_rules,
            [ValveRule("V1", hold_s=5.0)],
            AlarmSettings(),
            store.now(),
            [ValveRule("S1", min_lpm=10.0), ValveRule("S2")],
        )
        rules, _settings = await store.read(stored.load_rules)
        sectors = await store.read(stored.load_sector_rules)
    finally:
        await store.close()
    assert rules == {"V1": ValveRule("V1", hold_s=5.0)}
    assert sectors == {"S1": ValveRule("S1", min_lpm=10.0)}  # a sector on its defaults keeps no row


def test_the_judge_does_work_in_proportion_to_what_changed_not_to_the_farm() -> None:
    farm_size = 500
    now = 1000.0
    farm = Field()
    watched = [valve(n) for n in range(farm_size)]
    for n in range(farm_size):
        farm.report(f"rtu-{n}", now, 45.0)  # every valve open and within its envelope
    limits, settings = IrrigationLimits(expected_report_s=10.0), AlarmSettings()
    judge = AlarmJudge()
    judge.set_valves(watched)
    assert judge.conditions(farm, now, limits, {}, settings) == []
    assert judge.judged_valves == farm_size  # the first look: everything

    # Ticks with nothing new: nothing judged.
    for tick in range(1, 11):
        before = judge.judged_valves
        assert judge.conditions(farm, now + tick * 0.1, limits, {}, settings) == []
        assert judge.judged_valves == before

    # One device reports a low flow: one valve judged, one condition.
    farm.report("rtu-7", now + 2, 5.0)
    judge.touch(["rtu-7"])
    before = judge.judged_valves
    (low,) = judge.conditions(farm, now + 2, limits, {}, settings)
    assert (low.kind, low.valve_id) == (AlarmKind.FLOW_LOW, "V-rtu-7")
    assert judge.judged_valves == before + 1

    # While it holds it is re-judged every tick (its reading may go stale), and only it.
    before = judge.judged_valves
    for tick in range(10):
        assert [c.valve_id for c in judge.conditions(farm, now + 3 + tick * 0.1, limits, {}, settings)] == ["V-rtu-7"]
    assert judge.judged_valves == before + 10

    # Back within its envelope: gone, and no more work for it.
    farm.report("rtu-7", now + 5, 45.0)
    judge.touch(["rtu-7", "unknown-device"])
    assert judge.conditions(farm, now + 5, limits, {}, settings) == []
    before = judge.judged_valves
    judge.conditions(farm, now + 6, limits, {}, settings)
    assert judge.judged_valves == before


def test_the_judge_notices_a_silent_device_going_offline_without_judging_the_rest() -> None:
    now = 1000.0
    farm = Field()
    watched = [valve(n) for n in range(100)]
    limits, settings = IrrigationLimits(expected_report_s=10.0), AlarmSettings()
    for n in range(100):
        farm.report(f"rtu-{n}", now, 45.0)
    judge = AlarmJudge()
    judge.set_valves(watched)
    judge.conditions(farm, now, limits, {}, settings)
    # Everyone but rtu-3 keeps reporting; the judge hears of it through `touch`.
    later = now + 5 * 10.0 + 1
    for n in range(100):
        if n != 3:
            farm.report(f"rtu-{n}", later - 1, 45.0)
    judge.touch(f"rtu-{n}" for n in range(100) if n != 3)
    judge.conditions(farm, later - 1, limits, {}, settings)
    before = judge.judged_devices
    found = judge.conditions(farm, later, limits, {}, settings)
    assert [(c.kind, c.device_id) for c in found] == [(AlarmKind.OFFLINE, "rtu-3")]
    assert judge.judged_devices == before + 1  # only the silent one, at its deadline
    # A rules change judges everything afresh.
    judge.touch_all()
    before = judge.judged_devices
    judge.conditions(farm, later + 0.1, limits, {}, settings)
    assert judge.judged_devices == before + 100
