"""The alarm journal, its rules over a farm's readings, and the store that keeps it: one alarm per problem (a
flapping sensor counts up, it does not flood), a restart brings the open alarms back without raising them again,
notifications are rate-limited."""

from __future__ import annotations

from pathlib import Path

import pytest

from hydrodesk.domain.alarm_journal import (
    CLOSE_UNCONFIRMED,
    COMMAND_UNCONFIRMED,
    AlarmBook,
    AlarmEntry,
    NotifyLimiter,
)
from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule, effective_rule
from hydrodesk.domain.alarm_watch import WatchedValve, gather
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry_alarms import AlarmKind, Condition
from hydrodesk.domain.telemetry_devices import DeviceInfo, ValveSeen
from hydrodesk.store import alarms as stored
from hydrodesk.store.paths import profile_database
from hydrodesk.store.store import Store

LEAK = Condition(AlarmKind.LEAK, "rtu-1", "V1", 9.0, {"flow_lpm": 9.0})


def leaks(book: AlarmBook) -> list[AlarmEntry]:
    return [entry for entry in book.journal if entry.kind == "leak"]


def test_a_flapping_condition_is_one_alarm_whose_count_goes_up() -> None:
    book = AlarmBook(hold_s=10.0)
    raised = []
    flushed = 0
    for second in range(0, 60):
        present = second % 2 == 0  # on, off, on, off: never holding 10 s in one go
        changes = book.evaluate([LEAK] if present else [], float(second))
        raised += changes.raised
        flushed += changes.durable
    assert len(raised) == 1  # raised by its flapping, within the first few appearances
    assert raised[0].raised_at <= 4.0
    assert len(leaks(book)) == 1
    assert leaks(book)[0].repeats >= 25
    assert leaks(book)[0].readings == {"flow_lpm": 9.0}
    assert flushed == 1  # stored at every repeat, but flushed to disk only when it was raised


def test_an_unseen_alarm_that_comes_back_is_the_same_entry_and_an_acknowledged_one_closes_when_gone() -> None:
    book = AlarmBook(hold_s=5.0)
    book.evaluate([LEAK], 0.0)
    (entry,) = book.evaluate([LEAK], 5.0).raised
    book.evaluate([], 20.0)  # gone long enough: inactive, but nobody has seen it, so it stays open
    assert (entry.active, entry.open) == (False, True)
    book.evaluate([LEAK], 30.0)
    assert book.evaluate([LEAK], 35.0).raised == []  # back again: the same entry, once more
    assert (len(leaks(book)), entry.repeats, entry.active) == (1, 2, True)
    assert book.acknowledge(entry.alarm_id, "Ana Pérez", 36.0) is entry
    book.evaluate([], 50.0)
    assert (entry.cleared_at, entry.cleared_by, entry.acknowledged_by) == (50.0, "", "Ana Pérez")


def test_clearing_a_condition_that_still_holds_raises_it_again_as_a_new_entry() -> None:
    book = AlarmBook(hold_s=5.0)
    book.evaluate([LEAK], 0.0)
    (first,) = book.evaluate([LEAK], 5.0).raised
    assert book.clear(first.alarm_id, "Ana", 6.0) is first
    book.evaluate([LEAK], 7.0)
    (second,) = book.evaluate([LEAK], 12.0).raised
    assert second.alarm_id != first.alarm_id
    assert first.cleared_by == "Ana"


def test_open_alarms_restored_after_a_restart_are_not_raised_again_while_their_condition_holds() -> None:
    before = AlarmBook(hold_s=5.0)
    before.evaluate([LEAK], 0.0)
    (entry,) = before.evaluate([LEAK], 5.0).raised
    before.acknowledge(entry.alarm_id, "Ana", 6.0)

    after = AlarmBook(hold_s=5.0)
    after.restore(before.journal, now=100.0)
    # The device is not heard from yet: nothing is judged, nothing cleared.
    assert not after.evaluate([], 200.0, judged=lambda key: False)
    assert after.evaluate([LEAK], 201.0).raised == []
    assert after.evaluate([LEAK], 230.0).raised == []
    assert len(leaks(after)) == 1
    assert after.journal[0].repeats == 1
    changes = after.evaluate([], 240.0)
    assert changes.changed == [after.journal[0]]  # gone: acknowledged, so closed by itself
    assert after.journal[0].cleared_at == 240.0
    # New alarms get new ids.
    assert after.escalate(CLOSE_UNCONFIRMED, "rtu-1", "V1", "V1", 241.0)[0].alarm_id == entry.alarm_id + 1


def test_an_escalation_still_open_counts_once_more_instead_of_opening_another() -> None:
    book = AlarmBook()
    first, changes = book.escalate(COMMAND_UNCONFIRMED, "rtu-1", "V1", "Válvula A-1 (Lote A-1)", 1.0, 0.0)
    assert changes.raised == [first]
    again, changes = book.escalate(COMMAND_UNCONFIRMED, "rtu-1", "V1", "Válvula A-1 (Lote A-1)", 2.0)
    assert again is first
    assert (changes.raised, first.repeats) == ([], 2)
    # Acknowledged, an escalation stays open until a person clears it (no rule will say it went away).
    book.acknowledge(first.alarm_id, "Ana", 3.0)
    assert first.open


def test_notifications_are_rate_limited_and_what_was_held_back_is_counted() -> None:
    limiter = NotifyLimiter(gap_s=10.0)
    assert limiter.admit(0.0)
    assert not limiter.admit(1.0)
    assert not limiter.admit(2.0)
    assert limiter.due_in(2.0) == pytest.approx(8.0)
    assert limiter.take_held() == 2
    assert limiter.admit(10.5)


class Field:
    """Readings as the hub would give them."""

    def __init__(self, devices: dict[str, DeviceInfo], latest: dict[tuple[str, str], tuple[float, float]]) -> None:
        self.devices, self.values = devices, latest

    def device(self, device_id: str) -> DeviceInfo | None:
        return self.devices.get(device_id)

    def latest(self, device_id: str, metric: str) -> tuple[float, float] | None:
        return self.values.get((device_id, metric))


VALVE = WatchedValve("V1", "rtu-1", "proj", "Válvula A-1", "Lote A-1", FlowEnvelope(30.0, 60.0), "closed")


def test_the_farm_s_readings_give_each_condition_with_the_readings_behind_it() -> None:
    now = 1000.0
    info = DeviceInfo("rtu-1", "proj", online=True, last_seen=now, valves={"V1": ValveSeen("open", None, now)})
    field = Field({"rtu-1": info}, {("rtu-1", "flow_lpm"): (now, 12.0), ("rtu-1", "battery_pct"): (now, 9.0)})
    found = gather([VALVE], field, now, IrrigationLimits(), {}, AlarmSettings())
    assert {(c.kind, c.value) for c in found} == {(AlarmKind.FLOW_LOW, 12.0), (AlarmKind.BATTERY_LOW, 9.0)}
    flow = next(c for c in found if c.kind is AlarmKind.FLOW_LOW)
    assert flow.readings["flow_lpm"] == 12.0
    # The user's own envelope for this valve: 10–20 L/min is fine.
    rules = {"V1": ValveRule("V1", min_lpm=10.0, max_lpm=20.0)}
    assert [c.kind for c in gather([VALVE], field, now, IrrigationLimits(), rules, AlarmSettings())] == [
        AlarmKind.BATTERY_LOW
    ]
    # Offline: one "offline", nothing about its flow (nobody knows the valve's state).
    gone = DeviceInfo("rtu-1", "proj", online=False, last_seen=now)
    found = gather([VALVE], Field({"rtu-1": gone}, field.values), now, IrrigationLimits(), {}, AlarmSettings())
    assert [c.kind for c in found] == [AlarmKind.OFFLINE]
    # Never heard from: nothing to judge.
    assert gather([VALVE], Field({}, {}), now, IrrigationLimits(), {}, AlarmSettings()) == []


def test_a_valve_rule_falls_back_to_the_server_envelope_and_refuses_nonsense() -> None:
    rule = effective_rule(ValveRule("V1", leak_lpm=3.0, hold_s=60.0), FlowEnvelope(30.0, 60.0), 20.0)
    assert (rule.envelope, rule.leak_lpm, rule.hold_s) == (FlowEnvelope(30.0, 60.0), 3.0, 60.0)
    assert effective_rule(None, None, 20.0).envelope is None
    with pytest.raises(ValueError, match="lowest flow"):
        ValveRule("V1", min_lpm=50.0, max_lpm=40.0)
    with pytest.raises(ValueError):
        ValveRule("V1", hold_s=-1.0)
    assert ValveRule.from_json("V1", ValveRule("V1", max_lpm=70.0).as_json()) == ValveRule("V1", max_lpm=70.0)


@pytest.mark.asyncio
async def test_the_journal_and_the_rules_survive_closing_the_store(tmp_path: Path) -> None:
    path = profile_database(tmp_path, "farm")
    book = AlarmBook(hold_s=0.0)
    (entry,) = book.evaluate([LEAK], 1_764_000_000.25).raised
    book.acknowledge(entry.alarm_id, "Ana Pérez", 1_764_000_060.0)
    store = await Store.open(path)
    try:
        await store.write_durably(stored.save_entries, [entry])
        entry.repeats = 3
        await store.write_durably(stored.save_entries, [entry])  # an upsert, not a second row
        rules = [ValveRule("V1", min_lpm=10.0), ValveRule("V2")]
        await store.write_durably(stored.save_rules, rules, AlarmSettings(sound=True), store.now())
    finally:
        await store.close()
    store = await Store.open(path)
    try:
        (back,) = await store.read(stored.load_journal)
        loaded_rules, settings = await store.read(stored.load_rules)
    finally:
        await store.close()
    assert (back.alarm_id, back.kind, back.valve_id, back.repeats) == (entry.alarm_id, "leak", "V1", 3)
    assert (back.acknowledged_by, back.open, back.readings) == ("Ana Pérez", True, {"flow_lpm": 9.0})
    assert back.raised_at == pytest.approx(entry.raised_at, abs=0.001)
    assert loaded_rules == {"V1": ValveRule("V1", min_lpm=10.0)}  # a valve on its defaults keeps no row
    assert settings.sound
