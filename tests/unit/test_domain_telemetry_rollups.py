"""One-minute rollups computed as points arrive, the memory sink, the backfill arrays, and device status."""

from __future__ import annotations

import asyncio
import math
import random

import pytest

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_devices import DeviceDirectory, ValveSeen
from hydrodesk.domain.telemetry_rollups import MemoryRollupSink, MinuteRollups, RollupRow, history_before, rollup

KEY = SeriesKey("rtu-1", "flow_lpm")
T0 = 1_760_000_040.0  # a minute boundary


def test_a_minute_is_emitted_once_settled_with_min_max_mean() -> None:
    rollups = MinuteRollups(settle_s=5.0)
    for i, value in enumerate([1.0, 5.0, 3.0]):
        rollups.add(KEY, T0 + i * 10, value)
    assert rollups.take_settled(now=T0 + 64) == []  # the minute ended, but has not settled
    (row,) = rollups.take_settled(now=T0 + 65)
    assert row == RollupRow("rtu-1", "flow_lpm", T0, 3, 1.0, 5.0, 3.0)
    assert rollups.take_settled(now=T0 + 600) == []  # emitted once


def test_newer_points_settle_a_minute_without_a_clock() -> None:
    rollups = MinuteRollups(settle_s=5.0)
    rollups.add(KEY, T0 + 1, 2.0)
    rollups.add(KEY, T0 + 66, 4.0)
    rows = rollups.take_settled(now=0.0)
    assert [row.minute for row in rows] == [T0]


def test_a_late_point_reopens_its_minute_and_the_row_is_emitted_again() -> None:
    rollups = MinuteRollups(settle_s=0.0)
    rollups.add(KEY, T0 + 1, 2.0)
    rollups.take_settled(now=T0 + 61)
    rollups.add(KEY, T0 + 2, 8.0)
    (row,) = rollups.take_settled(now=T0 + 61)
    assert (row.count, row.minimum, row.maximum, row.mean) == (2, 2.0, 8.0, 5.0)


def test_points_older_than_the_reopen_window_are_counted_not_rolled_up() -> None:
    rollups = MinuteRollups(settle_s=0.0, reopen_minutes=2)
    rollups.add(KEY, T0 + 600, 1.0)
    rollups.add(KEY, T0, 1.0)
    assert rollups.too_late == 1
    assert [row.minute for row in rollups.take_all()] == [T0 + 600]


def test_incremental_rollups_agree_with_the_batch_computation() -> None:
    rng = random.Random(7)
    points = [(T0 + i * 0.7 + rng.random() * 0.1, rng.uniform(-5, 5)) for i in range(2_000)]
    rollups = MinuteRollups(settle_s=0.0)
    rows: dict[float, RollupRow] = {}
    for index, (ts, value) in enumerate(points):
        rollups.add(KEY, ts, value)
        if index % 97 == 0:
            rows |= {row.minute: row for row in rollups.take_settled(now=ts)}
    rows |= {row.minute: row for row in rollups.take_all()}
    expected = {row.minute: row for row in rollup(KEY, points)}
    assert rows.keys() == expected.keys()
    for minute, row in rows.items():
        assert row.count == expected[minute].count
        assert row.minimum == expected[minute].minimum
        assert row.maximum == expected[minute].maximum
        assert math.isclose(row.mean, expected[minute].mean, rel_tol=1e-12, abs_tol=1e-12)


def test_the_memory_sink_upserts_and_loads_one_series_in_order() -> None:
    sink = MemoryRollupSink()
    other = SeriesKey("rtu-2", "flow_lpm")
    rows = [RollupRow("rtu-1", "flow_lpm", T0 + 60 * i, 1, i, i, i) for i in (2, 0, 1)]
    asyncio.run(sink.save_rollups([*rows, RollupRow("rtu-2", "flow_lpm", T0, 1, 9, 9, 9)]))
    asyncio.run(sink.save_rollups([RollupRow("rtu-1", "flow_lpm", T0, 2, -1, 1, 0)]))
    loaded = asyncio.run(sink.load_rollups(KEY, since=T0))
    assert [(row.minute, row.count) for row in loaded] == [(T0, 2), (T0 + 60, 1), (T0 + 120, 1)]
    assert [row.minute for row in asyncio.run(sink.load_rollups(KEY, T0 + 60, until=T0 + 120))] == [T0 + 60]
    assert len(asyncio.run(sink.load_rollups(other, since=0))) == 1


def test_history_before_live_points_skips_minutes_the_live_buffer_covers() -> None:
    rows = [RollupRow("rtu-1", "flow_lpm", T0 + 60 * i, 1, i, i + 1, i + 0.5) for i in range(5)]
    rows.append(RollupRow("rtu-1", "flow_lpm", T0 + 600, 1, math.nan, 1, 1))
    history = history_before(rows, first_live_ts=T0 + 180)
    assert history.minute.tolist() == [T0, T0 + 60, T0 + 120]
    assert history.maximum.tolist() == [1.0, 2.0, 3.0]
    assert len(history_before(rows, first_live_ts=None)) == 5  # the NaN row never reaches a plot


def test_devices_go_offline_on_their_last_will_and_keep_battery_and_signal() -> None:
    devices = DeviceDirectory()
    devices.seen("rtu-1", "proj_123", 100.0)
    online = devices.status("rtu-1", "proj_123", online=True, ts=50.0, battery_pct=80.0, rssi_dbm=-70.0)
    assert (online.online, online.last_seen) == (True, 100.0)
    # The will's timestamp is when it was set (older than the live status): it still wins.
    will = devices.status("rtu-1", "proj_123", online=False, ts=10.0, battery_pct=None, rssi_dbm=None)
    assert (will.online, will.battery_pct, will.rssi_dbm) == (False, 80.0, -70.0)
    devices.valves("rtu-1", "proj_123", {"V1": ValveSeen("open", 90.0, 95.0)})
    info = devices.get("rtu-1")
    assert info is not None
    assert info.valves["V1"].state == "open"
    assert info.is_silent(now=200.0, expected_interval_s=1.0)
    assert not info.is_silent(now=102.0, expected_interval_s=1.0)
    assert [device.device_id for device in devices.all()] == ["rtu-1"]


@pytest.mark.parametrize("value", [0.0, -3.5, 1e6])
def test_a_single_point_rolls_up_to_itself(value: float) -> None:
    (row,) = rollup(KEY, [(T0 + 30, value)])
    assert (row.minimum, row.maximum, row.mean, row.count) == (value, value, value, 1)
