"""The office's store as the live telemetry's RollupSink: minute rollups survive closing and reopening the file, and
the server's history fills the minutes the office lacks without replacing or doubling any."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import (
    HISTORY_COUNT,
    HistorySink,
    MemoryRollupSink,
    RollupHistory,
    RollupRow,
    RollupSink,
)
from hydrodesk.store.paths import profile_database
from hydrodesk.store.store import Store

FLOW = SeriesKey("bitRTU-03", "flow_lpm")
PRESSURE = SeriesKey("bitRTU-03", "pressure_bar")


def row(key: SeriesKey, minute: float, mean: float, count: int = 10) -> RollupRow:
    return RollupRow(key.device_id, key.metric, minute, count, mean - 1.0, mean + 1.0, mean)


@pytest.mark.asyncio
async def test_saved_rollups_are_loaded_back_after_the_store_is_reopened(tmp_path: Path) -> None:
    path = profile_database(tmp_path, "farm")
    store = await Store.open(path)
    sink: RollupSink = store
    try:
        await sink.save_rollups([row(FLOW, 120.0, 40.0), row(FLOW, 60.0, 30.0), row(PRESSURE, 60.0, 2.5)])
        # A late point reopened minute 120: the hub saves it again, and the row is replaced, not doubled.
        await sink.save_rollups([row(FLOW, 120.0, 42.0, count=11), row(FLOW, 180.0, 50.0)])
    finally:
        await store.close()

    reopened = await Store.open(path)
    try:
        flow = await reopened.load_rollups(FLOW, since=0.0)
        assert [(r.minute, r.mean, r.count) for r in flow] == [(60.0, 30.0, 10), (120.0, 42.0, 11), (180.0, 50.0, 10)]
        assert flow[0] == row(FLOW, 60.0, 30.0)
        assert [r.minute for r in await reopened.load_rollups(FLOW, since=120.0, until=180.0)] == [120.0]
        assert [r.mean for r in await reopened.load_rollups(PRESSURE, since=0.0)] == [2.5]
        assert await reopened.load_rollups(SeriesKey("bitRTU-99", "flow_lpm"), since=0.0) == []
        await reopened.save_rollups([])  # nothing settled this tick: nothing to write, no error
    finally:
        await reopened.close()


def history(minutes: list[float], mean: float) -> RollupHistory:
    values = np.full(len(minutes), mean)
    return RollupHistory(np.array(minutes), values - 0.5, values + 0.5, values)


@pytest.mark.parametrize("kind", ["store", "memory"])
@pytest.mark.asyncio
async def test_server_history_fills_only_the_minutes_not_held_and_never_twice(tmp_path: Path, kind: str) -> None:
    store = await Store.open(profile_database(tmp_path, "farm")) if kind == "store" else None
    sink: HistorySink = store if store is not None else MemoryRollupSink()
    try:
        # The office rolled up minutes 120 and 180 itself (what it saw live).
        await sink.save_rollups([row(FLOW, 120.0, 40.0, count=60), row(FLOW, 180.0, 41.0, count=25)])
        added = await sink.merge_history(
            [(FLOW, history([60.0, 120.0, 180.0, 240.0], 99.0)), (PRESSURE, history([60.0], 2.5))]
        )
        assert added == 3  # 60 and 240 of flow, 60 of pressure
        flow = await sink.load_rollups(FLOW, since=0.0)
        assert [(r.minute, r.mean, r.count) for r in flow] == [
            (60.0, 99.0, HISTORY_COUNT),
            (120.0, 40.0, 60),  # the office's own minutes stay as they were
            (180.0, 41.0, 25),
            (240.0, 99.0, HISTORY_COUNT),
        ]
        # The same history again (a reconnect, a restart) adds nothing.
        assert await sink.merge_history([(FLOW, history([60.0, 120.0, 180.0, 240.0], 77.0))]) == 0
        # A minute the server sent that the office then sees live is replaced by the office's rollup.
        await sink.save_rollups([row(FLOW, 240.0, 42.0, count=60)])
        assert [(r.mean, r.count) for r in await sink.load_rollups(FLOW, since=240.0)] == [(42.0, 60)]
        # Non-finite minutes from a server are not stored.
        assert await sink.merge_history([(FLOW, history([300.0, float("nan")], float("nan")))]) == 0
        await sink.remember_series("proj_123", [FLOW, PRESSURE])
        assert await sink.known_series("proj_123") == [FLOW, PRESSURE]
        assert await sink.known_series("proj_456") == []
    finally:
        if store is not None:
            await store.close()
