"""Alarm rules over live telemetry, and their debouncing."""

from __future__ import annotations

import math

import pytest

from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.domain.telemetry_alarms import (
    AlarmKind,
    Condition,
    Debounce,
    flow_condition,
    offline_condition,
    pressure_condition,
)
from hydrodesk.domain.telemetry_devices import DeviceInfo

ENVELOPE = FlowEnvelope(30.0, 60.0)


@pytest.mark.parametrize(
    ("state", "flow", "kind"),
    [
        ("open", 45.0, None),
        ("open", 0.2, AlarmKind.NO_FLOW),
        ("open", 12.0, AlarmKind.FLOW_LOW),
        ("open", 75.0, AlarmKind.FLOW_HIGH),
        ("closed", 0.4, None),
        ("closed", 9.0, AlarmKind.LEAK),
        ("unknown", 9.0, None),
        ("open", None, None),
        ("open", math.nan, None),
    ],
)
def test_flow_is_judged_against_the_reported_valve_state(state: str, flow: float | None, kind: AlarmKind) -> None:
    condition = flow_condition("rtu-1", "V1", state, flow, ENVELOPE)
    assert (condition.kind if condition else None) is kind
    if condition is not None:
        assert (condition.device_id, condition.valve_id, condition.value) == ("rtu-1", "V1", flow)


def test_pressure_out_of_range() -> None:
    assert pressure_condition("rtu-1", 1.0, 1.5, 4.0).kind is AlarmKind.PRESSURE_LOW  # type: ignore[union-attr]
    assert pressure_condition("rtu-1", 4.5, 1.5, 4.0).kind is AlarmKind.PRESSURE_HIGH  # type: ignore[union-attr]
    assert pressure_condition("rtu-1", 3.0, 1.5, 4.0) is None
    assert pressure_condition("rtu-1", None, 1.5, 4.0) is None


def test_a_device_is_offline_by_its_will_or_by_its_silence() -> None:
    talking = DeviceInfo("rtu-1", "proj_123", online=True, last_seen=100.0)
    assert offline_condition(talking, now=102.0, expected_interval_s=1.0) is None
    silent = offline_condition(talking, now=110.0, expected_interval_s=1.0)
    assert silent is not None
    assert (silent.kind, silent.value) == (AlarmKind.OFFLINE, 10.0)
    gone = DeviceInfo("rtu-1", "proj_123", online=False, last_seen=100.0)
    assert offline_condition(gone, now=100.5, expected_interval_s=1.0) is not None


def test_an_alarm_is_raised_only_once_its_condition_held_and_cleared_only_once_it_stayed_away() -> None:
    debounce = Debounce(hold_s=10.0)
    leak = Condition(AlarmKind.LEAK, "rtu-1", "V1", 9.0)
    assert debounce.update([leak], now=0.0) == ([], [])
    assert debounce.update([leak], now=5.0) == ([], [])
    assert debounce.update([leak], now=10.0) == ([leak], [])
    assert debounce.update([leak], now=11.0) == ([], [])  # raised once
    assert debounce.update([], now=15.0) == ([], [])  # gone briefly: still on
    assert debounce.update([], now=25.0) == ([], [leak])
    assert not debounce.active


def test_a_flicker_shorter_than_the_hold_raises_nothing() -> None:
    debounce = Debounce(hold_s=10.0)
    blip = Condition(AlarmKind.NO_FLOW, "rtu-1", "V1", 0.0)  # a valve still ramping up after opening
    debounce.update([blip], now=0.0)
    assert debounce.update([], now=3.0) == ([], [])
    assert debounce.update([blip], now=12.0) == ([], [])  # starts counting again
    assert not debounce.active
