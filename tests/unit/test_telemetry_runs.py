"""The ingest's batched paths give exactly what the point-by-point ones give: a series' run of points stored at once
(`SeriesBuffer.append_run`), rolled up at once (`MinuteRollups.add_run`), read back for many series at once
(`raw_since` + `join_slices`), the plain telemetry payload taken in a few comparisons, and a drain that stores
its points before any listener hears of a status, a state or an ack."""

from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hydrodesk.domain.telemetry import MAX_OFFSET_MS, Appended, SeriesBuffer, SeriesKey, TelemetryStore, join_slices
from hydrodesk.domain.telemetry_devices import DeviceInfo
from hydrodesk.domain.telemetry_rollups import MinuteRollups
from hydrodesk.mqtt import payloads
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.ingest import TelemetryIngest
from hydrodesk.mqtt.payloads import Malformed

T0 = 1_760_000_000.0
KEY = SeriesKey("rtu-1", "flow_lpm")
RUNS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Offsets in seconds from T0 that meet every case of `append`: in order, late, duplicates (on the millisecond),
# far enough to move the base, and values that are not finite or beyond float32.
_times = st.one_of(
    st.floats(min_value=-5.0, max_value=120.0).map(lambda s: round(s, 3)),
    st.sampled_from([0.0, 0.001, 59.999, 60.0, MAX_OFFSET_MS / 1000 + 1.0]),
    st.sampled_from([math.inf, math.nan]),
)
_values = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([math.nan, math.inf, 1e39, -1e39])
)
_runs = st.lists(st.lists(st.tuples(_times, _values), max_size=12), min_size=1, max_size=8)


def _state(series: SeriesBuffer) -> tuple[list[float], list[float], float | None]:
    view = series.view()
    return view.ts.tolist(), view.values.tolist(), series.last_ts


@RUNS
@given(runs=_runs, capacity=st.sampled_from([3, 10, 1000]), slack=st.sampled_from([1, 4, 64]))
def test_a_run_of_points_is_stored_as_appending_them_one_by_one_would(
    runs: list[list[tuple[float, float]]], capacity: int, slack: int
) -> None:
    by_run, by_point = SeriesBuffer(capacity, slack=slack), SeriesBuffer(capacity, slack=slack)
    for run in runs:
        ts, values = [T0 + offset for offset, _ in run], [value for _, value in run]
        outcomes = by_run.append_run(ts, values)
        expected = [by_point.append(t, value) for t, value in zip(ts, values, strict=True)]
        assert (outcomes or [Appended.APPENDED] * len(run)) == expected
        assert _state(by_run) == _state(by_point)


def test_the_usual_run_is_reported_as_all_appended_without_a_list() -> None:
    series = SeriesBuffer(100)
    assert series.append(T0, 1.0) is Appended.APPENDED
    assert series.append_run([T0 + 1, T0 + 2, T0 + 3], [2.0, 3.0, 4.0]) is None
    assert series.append_run([T0 + 2.5, T0 + 4], [9.0, 5.0]) == [Appended.INSERTED, Appended.APPENDED]
    assert series.view().values.tolist() == [1.0, 2.0, 3.0, 9.0, 4.0, 5.0]


_minute_runs = st.lists(
    st.lists(
        st.tuples(st.floats(min_value=-700.0, max_value=200.0).map(lambda s: round(s, 3)), st.floats(-50.0, 50.0)),
        min_size=1,
        max_size=10,
    ),
    max_size=8,
)


@RUNS
@given(runs=_minute_runs)
def test_a_run_is_rolled_up_as_adding_its_points_one_by_one_would(runs: list[list[tuple[float, float]]]) -> None:
    by_run, by_point = MinuteRollups(), MinuteRollups()
    for run in runs:
        ts, values = [T0 + offset for offset, _ in run], [value for _, value in run]
        by_run.add_run(KEY, ts, values)
        for t, value in zip(ts, values, strict=True):
            by_point.add(KEY, t, value)
    assert by_run.too_late == by_point.too_late
    assert by_run.take_all() == by_point.take_all()  # sums added in the same order: equal to the last bit


@RUNS
@given(
    offsets=st.lists(st.lists(st.floats(0.0, 500.0).map(lambda s: round(s, 3)), max_size=30), min_size=1, max_size=6),
    cut=st.floats(-10.0, 510.0),
)
def test_many_series_read_at_once_give_the_times_and_values_each_gives(offsets: list[list[float]], cut: float) -> None:
    buffers = []
    for index, run in enumerate(offsets):
        series = SeriesBuffer(1000)
        base = T0 + index * 3_600.5  # each buffer counts from its own base
        for offset in sorted(set(run)):
            series.append(base + offset, offset * 2)
        buffers.append((series, base + cut))
    counts, ts, values = join_slices([series.raw_since(since) for series, since in buffers])
    expected = [series.since(since) for series, since in buffers]
    assert counts.tolist() == [len(times) for times, _ in expected]
    assert ts.tolist() == [t for times, _ in expected for t in times.tolist()]
    assert values.dtype == np.float64
    assert values.tolist() == [v for _, vals in expected for v in vals.tolist()]


_plain_payloads = st.fixed_dictionaries(
    {
        "ts": st.one_of(
            st.floats(T0 - 400, T0 + 400),
            st.integers(int(T0 - 400), int(T0 + 400)),
            st.sampled_from([T0 * 1000, 1e11, 1e11 + 1, 946_684_799.0, math.inf, "2025-10-19T14:30:00Z", None]),
        ),
        "metrics": st.dictionaries(
            st.sampled_from(["flow_lpm", "pressure_bar", "bad name", "x" * 70]),
            st.one_of(
                st.floats(allow_nan=True, allow_infinity=True),
                st.integers(-(10**16), 10**16),
                st.sampled_from([True, None, "1.0", 1e15, -1e15, 1e15 + 1]),
            ),
            max_size=3,
        ),
    }
)


@RUNS
@given(payload=_plain_payloads)
def test_the_quick_read_of_a_plain_payload_agrees_with_the_rules(payload: dict[str, object]) -> None:
    now = T0
    raw = json.dumps(payload).encode()  # NaN and Infinity written as JSON does not allow: refused as not finite
    try:
        quick: object = payloads.parse_telemetry(raw, now)
    except Malformed as exc:
        quick = exc.reason
    try:
        ruled: object = payloads.telemetry_by_the_rules(payloads.decode_object(raw), now)
    except Malformed as exc:
        ruled = exc.reason
    assert quick == ruled


def _ingest() -> TelemetryIngest:
    ingest = TelemetryIngest(Inbox(), TelemetryStore(capacity=1000), rollups=MinuteRollups(), clock=lambda: T0 + 10)
    ingest.use_topic_prefix("connect/comp_1")
    return ingest


def test_a_listener_sees_every_point_that_came_before_the_status_it_hears() -> None:
    ingest = _ingest()
    heard: list[tuple[bool, tuple[float, float] | None, float | None]] = []

    def on_status(info: DeviceInfo) -> None:
        series = ingest.store.get(KEY)
        heard.append((info.online, series.latest() if series is not None else None, info.last_seen))

    ingest.on_status(on_status)
    base = "connect/comp_1/proj_1/rtu-1"
    ingest.inbox.put(f"{base}/telemetry", json.dumps({"ts": T0 + 1, "metrics": {"flow_lpm": 4.0}}).encode())
    ingest.inbox.put(f"{base}/telemetry", json.dumps({"ts": T0 + 2, "metrics": {"flow_lpm": 5.0}}).encode())
    ingest.inbox.put(f"{base}/status", json.dumps({"online": False, "ts": T0 + 3}).encode())
    ingest.inbox.put(f"{base}/telemetry", json.dumps({"ts": T0 + 4, "metrics": {"flow_lpm": 6.0}}).encode())
    assert ingest.drain(budget_s=60.0) == 4
    assert heard == [(False, (T0 + 2, 5.0), T0 + 10)]
    series = ingest.store.get(KEY)
    assert series is not None
    assert series.view().values.tolist() == [4.0, 5.0, 6.0]
    assert ingest.counters.points == 3
    assert ingest.counters.outcomes[Appended.APPENDED] == 3
    assert ingest.take_changed() == {KEY}
    rows = ingest.rollups.take_all()
    assert [(row.count, row.minimum, row.maximum) for row in rows] == [(3, 4.0, 6.0)]
