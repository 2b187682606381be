"""The server's telemetry history into the office's rollups: the last day of every device of a project, so a chart
opened on a fresh install (or after a night offline) shows the day from its first second, behind the live stream.

- One-minute resolution (what the office keeps of its own live data), complete minutes only (up to the last
  whole minute), fetched in pieces, newest first: the first piece is an hour; the rest are sized to about
  `points_per_reply` points for the number of series the first one showed (3.5 h for the demo farm's 24 series,
  25 minutes for 200). The reply is decoded on the GUI loop (httpx, json), so its size is the stall a user could
  feel: about 10 ms for 5,000 points on a slow machine, where a whole day of 24 series (1 MB) takes 60-100 ms
  (bench/telemetry_history.py). Should a later piece fail, the most recent hours are already stored.
- Merged without double counting: a minute the office already holds (rolled up from what it saw live, or from an
  earlier fetch) stays as it is; the server's minutes fill only the gaps (HistorySink.merge_history).
- The minute under way is not stored (it is not over yet): its readings so far are fetched raw and handed back as
  `recent`, for the live ring buffers, so the chart runs on without a hole from the last whole minute to the first
  live message.
- After the first full day, a fetch asks only for what came since the last one (plus a little overlap).
- The series of each project are remembered in the office, so an offline start can still list them.
- Scrolling back before what was fetched (`backfill_before`) fetches the older minutes the same way, at most
  `MAX_BACK_S` per call, and merges them the same way: what the office holds is never fetched twice nor counted
  twice, and a reconnect's fetch only adds the minutes since the last one (it never drops the older ones).
Errors are the client's typed errors, raised to the caller (which says so in the pane); what was merged stays.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

import numpy as np
import numpy.typing as npt

from hydrodesk.api.client import HydrobitClient
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import MINUTE_S, HistorySink, RollupHistory

log = logging.getLogger(__name__)

HISTORY_S: Final = 24 * 3600.0
FIRST_PIECE_S: Final = 3600.0
POINTS_PER_REPLY: Final = 5_000
PIECE_LIMITS_S: Final = (10 * MINUTE_S, 6 * 3600.0)
OVERLAP_S: Final = 2 * MINUTE_S  # a later fetch re-asks the last minutes: merging them again adds nothing
MAX_BACK_S: Final = 2 * 24 * 3600.0  # one scroll back fetches at most two days (the next scroll fetches more)


@dataclass(frozen=True)
class RecentReadings:
    """Raw readings of one series since the last whole minute (epoch seconds, values)."""

    key: SeriesKey
    ts: npt.NDArray[np.float64]
    values: npt.NDArray[np.float64]


@dataclass(frozen=True)
class Backfilled:
    project_id: str
    series: tuple[SeriesKey, ...]
    """Every series the server holds for the project."""
    added: int
    """Minutes stored that the office did not hold yet."""
    since: float
    until: float
    recent: tuple[RecentReadings, ...] = ()


class TelemetryBackfill:
    def __init__(
        self,
        client: HydrobitClient,
        sink: HistorySink,
        *,
        span_s: float = HISTORY_S,
        points_per_reply: int = POINTS_PER_REPLY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.sink = sink
        self.span_s = span_s
        self.points_per_reply = points_per_reply
        self._clock = clock
        self._fetched_until: dict[str, float] = {}
        self._fetched_from: dict[str, float] = {}
        """Per project: the oldest minute fetched so far (everything from there to `_fetched_until` was)."""

    async def stored_series(self, project_id: str) -> list[SeriesKey]:
        """The series an earlier fetch found for the project (nothing asked of the server)."""
        return await self.sink.known_series(project_id)

    async def backfill(self, project_id: str) -> Backfilled:
        """Fetch and merge the project's history since the last fetch (the last `span_s` the first time)."""
        now = self._clock()
        until = math.floor(now / MINUTE_S) * MINUTE_S
        since = until - self.span_s
        previous = self._fetched_until.get(project_id)
        if previous is not None:
            since = max(since, previous - OVERLAP_S)
        series: dict[SeriesKey, None] = {}
        added = await self._fetch(project_id, since, until, series)
        keys = tuple(sorted(series)) if series else tuple(await self.sink.known_series(project_id))
        if series:
            await self.sink.remember_series(project_id, keys)
        self._fetched_until[project_id] = until
        self._fetched_from[project_id] = min(self._fetched_from.get(project_id, since), since)
        recent = await self._recent(project_id, until, now)
        log.info("telemetry history of %s: %d series, %d minutes added", project_id, len(keys), added)
        return Backfilled(project_id, keys, added, since, until, recent)

    def fetched_from(self, project_id: str) -> float | None:
        """The oldest minute of the project fetched so far (None: nothing yet)."""
        return self._fetched_from.get(project_id)

    async def backfill_before(self, project_id: str, since: float) -> Backfilled:
        """Scrolling back: fetch and merge the project's minutes from `since` (at most MAX_BACK_S before what was
        fetched) up to the oldest minute fetched so far. Nothing is asked when that is covered already."""
        end = self._fetched_from.get(project_id)
        if end is None:
            end = math.floor(self._clock() / MINUTE_S) * MINUTE_S
        since = max(math.floor(since / MINUTE_S) * MINUTE_S, end - MAX_BACK_S)
        if since >= end:
            return Backfilled(project_id, (), 0, end, end)
        series: dict[SeriesKey, None] = {}
        added = await self._fetch(project_id, since, end, series)
        self._fetched_from[project_id] = since
        log.info("older telemetry of %s: %d series, %d minutes added", project_id, len(series), added)
        return Backfilled(project_id, tuple(sorted(series)), added, since, end)

    async def _fetch(self, project_id: str, since: float, until: float, series: dict[SeriesKey, None]) -> int:
        """The minutes of [since, until), newest piece first, merged into the sink; returns how many were new."""
        added = 0
        end = until
        while end > since:
            start = max(since, end - self._piece_s(len(series)))
            history = await self.client.telemetry_history(project_id, _utc(start), _utc(end), resolution="1m")
            end = start
            batch = [
                (SeriesKey(item.device_id, item.metric), RollupHistory(item.ts, item.minimum, item.maximum, item.value))
                for item in history.series
            ]
            added += await self.sink.merge_history(batch)
            series.update(dict.fromkeys(key for key, _ in batch))
        return added

    def _piece_s(self, series: int) -> float:
        """How much time the next request covers, in whole minutes."""
        if not series:
            return FIRST_PIECE_S
        low, high = PIECE_LIMITS_S
        return min(high, max(low, math.floor(self.points_per_reply / series) * MINUTE_S))

    async def _recent(self, project_id: str, since: float, now: float) -> tuple[RecentReadings, ...]:
        # At least a second is asked for: in the minute's first second the range would be empty (or under a
        # reading long) and the minute's first reading, which the server has, would be missing from the curve.
        # What lies past the server's own clock it leaves out.
        until = max(now, since + 1.0)
        history = await self.client.telemetry_history(project_id, _utc(since), _utc(until), resolution="raw")
        return tuple(
            RecentReadings(SeriesKey(item.device_id, item.metric), item.ts, item.value)
            for item in history.series
            if len(item)
        )


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)
