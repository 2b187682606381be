"""The office's store as the live telemetry's RollupSink: minute rollups survive closing and reopening the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupRow, RollupSink
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
