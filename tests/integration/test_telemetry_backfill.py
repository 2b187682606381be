"""The last day of telemetry from the simulator into a real office store: every minute once, the office's own
minutes kept, nothing added by a second fetch or a restart, the minute under way handed back raw."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import HISTORY_COUNT, RollupRow
from hydrodesk.store.paths import profile_database
from hydrodesk.store.store import Store
from hydrodesk.sync.telemetry_history import TelemetryBackfill

DEMO_USER = "user_123456789"
PRESSURE = SeriesKey("bitRTU-01", "pressure_bar")
DAY_S = 86_400


def connect(sim: Any) -> HydrobitClient:
    credentials = Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER), api_key=sim.api_key("read:telemetry"))
    return HydrobitClient(ApiConfig.single_origin(sim.base_url, timeout=15.0), credentials)


@pytest.mark.asyncio
async def test_a_day_merges_into_the_office_once_around_what_it_saw_itself(sim: Any, tmp_path: Path) -> None:
    now = time.time()
    whole = math.floor(now / 60) * 60
    store = await Store.open(profile_database(tmp_path, "farm"))
    try:
        async with connect(sim) as client:
            # The office ran for ten minutes an hour ago and rolled up what it saw live.
            own = [RollupRow("bitRTU-01", "pressure_bar", whole - 3600 + 60 * i, 60, 3.0, 3.4, 3.2) for i in range(10)]
            await store.save_rollups(own)

            backfill = TelemetryBackfill(client, store, clock=lambda: now)
            done = await backfill.backfill("proj_123")
            assert (done.since, done.until) == (whole - DAY_S, whole)
            assert len(done.series) == 24  # every metric of the project's three devices
            assert PRESSURE in done.series
            assert done.added == 24 * 1440 - 10

            rows = await store.load_rollups(PRESSURE, since=whole - 2 * DAY_S)
            minutes = [row.minute for row in rows]
            assert minutes == [whole - DAY_S + 60 * i for i in range(1440)]  # every minute, once, in order
            kept = [row for row in rows if row.count == 60]
            assert kept == own  # the office's own minutes, as it rolled them up
            assert all(row.count == HISTORY_COUNT for row in rows if row not in own)

            # The minute under way came back raw, one reading a second since the last whole minute.
            recent = next(item for item in done.recent if item.key == PRESSURE)
            assert recent.ts[0] == whole
            assert recent.ts[-1] <= now
            assert np.all(np.diff(recent.ts) == 1)

            # Again (a reconnect): only the last minutes are asked for, and merging them adds nothing.
            again = await backfill.backfill("proj_123")
            assert again.since == whole - 120
            assert again.added == 0
            # A restart fetches the whole day again, and still adds nothing.
            restarted = TelemetryBackfill(client, store, clock=lambda: now)
            assert (await restarted.backfill("proj_123")).added == 0
            assert await store.known_series("proj_123") == list(done.series)
            assert len(await store.load_rollups(PRESSURE, since=whole - 2 * DAY_S)) == 1440
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_in_the_first_second_of_a_minute_its_first_reading_still_comes_back_raw(sim: Any, tmp_path: Path) -> None:
    whole = math.floor(time.time() / 60) * 60 - 60  # a minute the simulator has lived through
    now = whole + 0.25
    store = await Store.open(profile_database(tmp_path, "farm"))
    try:
        async with connect(sim) as client:
            done = await TelemetryBackfill(client, store, span_s=120, clock=lambda: now).backfill("proj_123")
    finally:
        await store.close()
    assert done.until == whole
    recent = next(item for item in done.recent if item.key == PRESSURE)
    # The reading at the minute's start, and nothing after the moment asked about: the chart runs on from the last
    # whole minute without a hole.
    assert recent.ts.tolist() == [whole]
