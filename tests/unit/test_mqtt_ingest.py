"""Ingest and the pump, fed through the inbox as paho's thread feeds it (no broker: that is the integration tests)."""

from __future__ import annotations

import asyncio
import json
import logging

import numpy as np
import pytest

from hydrodesk.domain.telemetry import Appended, SeriesKey, TelemetryStore
from hydrodesk.domain.telemetry_rollups import MemoryRollupSink, MinuteRollups, RollupRow
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.ingest import TelemetryIngest, ThrottledLog
from hydrodesk.mqtt.payloads import AckReport, Reason
from hydrodesk.mqtt.pump import IngestPump
from hydrodesk.mqtt.topics import Kind, TopicPlan

NOW = 1_760_884_200.0
PREFIX = "connect/comp_12345/proj_123"
FLOW = SeriesKey("rtu-1", "flow_lpm")


def topic(device: str, kind: str) -> str:
    return f"{PREFIX}/{device}/{kind}"


def telemetry(ts: float, **metrics: float) -> bytes:
    return json.dumps({"ts": ts, "metrics": metrics}).encode()


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_ingest(clock: Clock | None = None, **store: int) -> TelemetryIngest:
    ingest = TelemetryIngest(
        Inbox(limit=store.pop("limit", 1_000)),
        TelemetryStore(capacity=store.pop("capacity", 1_000), max_series=store.pop("max_series", 100)),
        rollups=MinuteRollups(settle_s=1.0),
        clock=clock or Clock(),
    )
    ingest.use_topic_prefix("connect/comp_12345")
    return ingest


def test_telemetry_lands_in_one_series_per_device_and_metric() -> None:
    ingest = make_ingest()
    for i in range(5):
        ingest.inbox.put(topic("rtu-1", "telemetry"), telemetry(NOW - 5 + i, flow_lpm=40.0 + i, pressure_bar=2.5))
    ingest.inbox.put(topic("rtu-2", "telemetry"), telemetry(NOW, flow_lpm=10.0))
    assert ingest.drain() == 6
    series = ingest.store.get(FLOW)
    assert series is not None
    assert series.view().values.tolist() == [40.0, 41.0, 42.0, 43.0, 44.0]
    assert ingest.store.metrics_of("rtu-1") == ["flow_lpm", "pressure_bar"]
    assert ingest.take_changed() == {FLOW, SeriesKey("rtu-1", "pressure_bar"), SeriesKey("rtu-2", "flow_lpm")}
    assert ingest.take_changed() == set()
    assert ingest.counters.messages[Kind.TELEMETRY] == 6
    assert ingest.counters.points == 11
    info = ingest.devices.get("rtu-1")
    assert info is not None
    assert (info.project_id, info.last_seen) == ("proj_123", NOW)


def test_redeliveries_and_late_points_are_handled_per_point() -> None:
    ingest = make_ingest()
    for ts in (NOW - 3, NOW - 1, NOW - 1, NOW - 2):
        ingest.handle(topic("rtu-1", "telemetry"), telemetry(ts, flow_lpm=ts - NOW))
    series = ingest.store.get(FLOW)
    assert series is not None
    assert series.view().values.tolist() == [-3.0, -2.0, -1.0]
    assert ingest.counters.outcomes == {Appended.APPENDED: 2, Appended.DUPLICATE: 1, Appended.INSERTED: 1}


def test_malformed_messages_are_counted_per_reason_and_poison_nothing() -> None:
    ingest = make_ingest()
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(NOW, flow_lpm=1.0))
    garbage = [
        (topic("rtu-1", "telemetry"), b"\x00\xff"),
        (topic("rtu-1", "telemetry"), b'{"ts": 1, "metrics": {"flow_lpm": 2}}'),
        (topic("rtu-1", "telemetry"), b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": NaN}}'),
        (topic("rtu-1", "status"), b'{"online": "maybe"}'),
        ("connect/other/proj/rtu-1/telemetry", telemetry(NOW, flow_lpm=3.0)),
        ("", b"{}"),
    ]
    for name, payload in garbage:
        ingest.handle(name, payload)
    series = ingest.store.get(FLOW)
    assert series is not None
    assert series.view().values.tolist() == [1.0]
    assert ingest.counters.rejected == {
        Reason.NOT_JSON: 1,
        Reason.BAD_TS: 1,
        Reason.NOT_FINITE: 1,
        Reason.BAD_FIELD: 1,
        Reason.BAD_TOPIC: 2,
    }


def test_a_flood_of_invented_metric_names_cannot_claim_unbounded_memory() -> None:
    ingest = make_ingest(max_series=3)
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(NOW, a=1.0, b=2.0, c=3.0, d=4.0, e=5.0))
    assert len(ingest.store) == 3
    assert ingest.counters.rejected[Reason.TOO_MANY_SERIES] == 2


def test_problems_are_logged_at_most_once_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock(0.0)
    throttled = ThrottledLog(logging.getLogger("test.throttle"), interval_s=60.0, clock=clock)
    with caplog.at_level(logging.WARNING, logger="test.throttle"):
        for _ in range(100):
            throttled.note("not_json", "rtu-1")
        assert len(caplog.records) == 1  # the first one, at once
        clock.now = 61.0
        throttled.note("bad_ts", "rtu-2")
    assert len(caplog.records) == 2
    assert "bad_ts: 1" in caplog.records[1].getMessage()
    assert "not_json: 99" in caplog.records[1].getMessage()


@pytest.mark.expect_errors("an MQTT listener failed")
def test_status_valves_and_acks_reach_their_listeners() -> None:
    ingest = make_ingest()
    statuses, valves, acks = [], [], []
    ingest.on_status(statuses.append)
    ingest.on_valves(valves.append)
    stop_acks = ingest.on_ack(lambda device, ack: acks.append((device, ack)))
    ingest.on_status(lambda _info: 1 / 0)  # a broken listener hurts nobody else
    ingest.handle(topic("rtu-1", "status"), b'{"online": true, "ts": "2025-10-19T14:30:00Z", "battery_pct": 90}')
    ingest.handle(topic("rtu-1", "status"), b'{"online": false, "ts": "2025-10-19T14:00:00Z"}')
    ingest.handle(topic("rtu-1", "state"), b'{"ts": 1760884200, "valves": {"V1": {"state": "open"}}}')
    ingest.handle(topic("rtu-1", "ack"), b'{"commandId": "c1", "status": "acked", "ts": 1760884200}')
    stop_acks()
    ingest.handle(topic("rtu-1", "ack"), b'{"commandId": "c2", "status": "acked"}')
    assert [info.online for info in statuses] == [True, False]
    assert statuses[-1].battery_pct == 90.0
    assert valves[-1].valves["V1"].state == "open"
    assert acks == [("rtu-1", AckReport("c1", "acked", NOW, None))]


def test_drain_respects_its_time_budget_and_a_full_inbox_is_counted() -> None:
    ingest = make_ingest(limit=600)
    for i in range(700):
        ingest.inbox.put(topic("rtu-1", "telemetry"), telemetry(NOW - 700 + i, flow_lpm=float(i)))
    assert ingest.drain(budget_s=0.0, batch=100) == 100
    assert len(ingest.inbox) == 500
    assert ingest.counters.rejected[Reason.INBOX_FULL] == 100
    assert ingest.drain(budget_s=10.0) == 500


@pytest.mark.asyncio
async def test_the_pump_drains_on_its_tick_and_saves_settled_minutes() -> None:
    clock = Clock()
    ingest = make_ingest(clock)
    sink = MemoryRollupSink()
    pump = IngestPump(ingest, sink, tick_s=0.005, flush_every_s=0.0, clock=clock)
    ticks: list[int] = []
    saved = asyncio.Event()
    pump.on_tick(ticks.append)
    pump.on_tick(lambda _processed: saved.set() if sink.rows else None)
    pump.start()
    try:
        minute = NOW - NOW % 60
        for i in range(3):
            ingest.inbox.put(topic("rtu-1", "telemetry"), telemetry(minute - 120 + i, flow_lpm=float(i)))
        await asyncio.wait_for(saved.wait(), 5)
        assert sum(ticks) == 3
        (row,) = sink.rows.values()
        assert (row.minute, row.count, row.minimum, row.maximum, row.mean) == (minute - 120, 3, 0.0, 2.0, 1.0)
        ingest.inbox.put(topic("rtu-1", "telemetry"), telemetry(minute + 1, flow_lpm=7.0))
    finally:
        await pump.stop()
    # Stopping saves the minute in progress as it stands.
    assert sink.rows[(FLOW, minute)].count == 1


class FailingSink(MemoryRollupSink):
    def __init__(self) -> None:
        super().__init__()
        self.fail = True

    async def save_rollups(self, rows):  # type: ignore[no-untyped-def]
        if self.fail:
            raise OSError("database is locked")
        await super().save_rollups(rows)


@pytest.mark.asyncio
async def test_rollups_a_sink_refused_are_kept_for_the_next_flush_and_shown_meanwhile(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    ingest = make_ingest(clock)
    sink = FailingSink()
    pump = IngestPump(ingest, sink, clock=clock)
    minute = NOW - NOW % 60
    for i in range(3):
        ingest.handle(topic("rtu-1", "telemetry"), telemetry(minute - 120 + i, flow_lpm=float(i)))
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(minute - 10, flow_lpm=9.0))
    with caplog.at_level(logging.WARNING):
        assert await pump.flush() == 0
    assert "could not save" in caplog.text
    history = await pump.history(FLOW, since=0)
    assert history.minute.tolist() == []  # every saved minute overlaps the live buffer...
    ingest.store.drop(FLOW)  # ...until the live points are gone (a restart): then the rollups show
    history = await pump.history(FLOW, since=0)
    assert history.minute.tolist() == [minute - 120]
    sink.fail = False
    clock.now += 2  # the minute of the last point settles too
    assert await pump.flush() == 2
    assert set(sink.rows) == {(FLOW, minute - 120), (FLOW, minute - 60)}


@pytest.mark.asyncio
async def test_a_chart_opened_after_a_restart_backfills_from_the_sink() -> None:
    sink = MemoryRollupSink()
    minute = NOW - NOW % 60
    await sink.save_rollups([RollupRow("rtu-1", "flow_lpm", minute - 60 * i, 60, 1.0, 3.0, 2.0) for i in range(1, 4)])
    ingest = make_ingest()
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(minute - 90, flow_lpm=5.0))  # live from mid-minute
    history = await IngestPump(ingest, sink).history(FLOW, since=minute - 3_600)
    assert history.minute.tolist() == [minute - 180]
    assert np.all(history.mean == 2.0)


def test_a_prefix_with_the_project_routes_only_that_project() -> None:
    ingest = make_ingest()
    ingest.topic_plan = TopicPlan(PREFIX)
    ingest.handle("connect/comp_12345/proj_456/rtu-9/telemetry", telemetry(NOW, flow_lpm=1.0))
    assert len(ingest.store) == 0
    assert ingest.counters.rejected[Reason.BAD_TOPIC] == 1


def test_recent_history_goes_before_the_live_points_and_not_into_the_rollups() -> None:
    ingest = make_ingest()
    # Nothing live yet: the readings of the minute under way start the series.
    assert ingest.add_recent(FLOW, [NOW - 30, NOW - 29, NOW - 28], [10.0, 11.0, 12.0]) == 3
    assert ingest.take_changed() == {FLOW}
    ingest.inbox.put(topic("rtu-1", "telemetry"), telemetry(NOW - 10, flow_lpm=20.0))
    ingest.drain()
    # A later fetch overlapping the live points only adds what came before them: no zigzag of two sources.
    assert ingest.add_recent(FLOW, [NOW - 40, NOW - 12, NOW - 5], [5.0, 99.0, 99.0]) == 1
    series = ingest.store.get(FLOW)
    assert series is not None
    assert series.view().values.tolist() == [5.0, 10.0, 11.0, 12.0, 20.0]
    assert ingest.counters.points == 1  # only the live point counts as ingested
    # Only the live point is rolled up (NOW is a whole minute: NOW - 10 lies in the minute before).
    assert [(r.minute, r.count, r.mean) for r in ingest.rollups.take_all()] == [(NOW - 60, 1, 20.0)]


def test_a_point_after_its_series_was_dropped_starts_the_series_again_in_the_store() -> None:
    ingest = make_ingest()
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(NOW - 2, flow_lpm=1.0))
    dropped = ingest.store.get(FLOW)
    ingest.store.drop(FLOW)  # ingest holds the series at hand: it must not keep writing into the dropped one
    ingest.handle(topic("rtu-1", "telemetry"), telemetry(NOW - 1, flow_lpm=2.0))
    series = ingest.store.get(FLOW)
    assert series is not None
    assert series is not dropped
    assert series.view().values.tolist() == [2.0]
