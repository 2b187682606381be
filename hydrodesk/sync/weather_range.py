"""Fetching a project's weather, a sector's plant sensors and the irrigation runs for a time range, and reading
the same range back from the cache when the server cannot be reached.

The server takes raw 15-minute readings for at most 31 days, so a short range is fetched raw and a long one hourly,
in pieces of at most a month (a month of hourly plant readings takes the simulator two seconds to compute; the
client gives up on a reply after ten). What the cache already holds is not fetched again: each series remembers the
span it covers, and a later fetch asks only for what lies outside it, plus the last two hours again (the newest
hour was still filling up). So the first look at a year takes a while, with progress shown; the next is quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from hydrodesk.api.models import Resolution
from hydrodesk.domain.timestamps import now_utc, parse_utc_text, utc_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.sync.refresh import CacheRefresher

MAX_RAW_DAYS = 31
DAYS_PER_CALL = 31
REFETCH = timedelta(hours=2)  # the newest buckets of the last fetch were still filling up
LOG_REFETCH = timedelta(days=1)  # a run going on at the last fetch has ended since
COVERAGE = "weather_coverage"

Progress = Callable[[int, int], None]  # (calls done, calls in all)


@dataclass
class WeatherRange:
    """Everything the weather pane draws for one range: raw points as the server sends them."""

    start: datetime
    end: datetime
    resolution: Resolution
    weather: list[dict[str, Any]] = field(default_factory=list)
    plant: list[dict[str, Any]] = field(default_factory=list)
    irrigation: list[dict[str, Any]] = field(default_factory=list)  # the sector's runs (all the project's if none)
    fetched_at: datetime | None = None  # None: never fetched

    @property
    def empty(self) -> bool:
        return not self.weather and not self.plant


def resolution_for(start: datetime, end: datetime) -> Resolution:
    """Raw readings while the server serves them for the whole range; hourly beyond."""
    return "raw" if end - start <= timedelta(days=MAX_RAW_DAYS) else "1h"


def split_range(start: datetime, end: datetime, days: int = DAYS_PER_CALL) -> list[tuple[datetime, datetime]]:
    """[start, end) cut into consecutive pieces of at most `days` days."""
    pieces: list[tuple[datetime, datetime]] = []
    since = start
    while since < end:
        until = min(end, since + timedelta(days=days))
        pieces.append((since, until))
        since = until
    return pieces


def missing_spans(
    start: datetime, end: datetime, covered: tuple[datetime, datetime] | None
) -> list[tuple[datetime, datetime]]:
    """The parts of [start, end) the cache does not hold yet, given the span it covers."""
    if covered is None or covered[1] < start or covered[0] > end:
        return [(start, end)]
    spans = []
    if start < covered[0]:
        spans.append((start, covered[0]))
    tail = max(start, covered[1] - REFETCH)
    if tail < end:
        spans.append((tail, end))
    return spans


def coverage_key(project_id: str, sector_id: str | None, resolution: str) -> str:
    return f"{project_id}:{sector_id or '-'}:{resolution}"


async def fetch_range(
    refresher: CacheRefresher,
    project_id: str,
    sector_id: str | None,
    start: datetime,
    end: datetime,
    *,
    progress: Progress | None = None,
) -> WeatherRange:
    """Fetch into the cache what it lacks of the project's weather, the sector's plant series and the irrigation
    runs over the range; return the range as the cache now holds it."""
    store = refresher.store
    resolution = resolution_for(start, end)
    key = coverage_key(project_id, sector_id, resolution)
    covered = await _coverage(store, key)
    pieces = [piece for since, until in missing_spans(start, end, covered) for piece in split_range(since, until)]
    total = len(pieces) * (3 if sector_id else 2)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    for since, until in pieces:
        await refresher.weather(project_id, since, until, resolution)
        step()
        if sector_id:
            await refresher.plant(sector_id, since, until, resolution)
            step()
        await refresher.irrigation_logs(project_id, max(start, since - LOG_REFETCH), until)
        step()
    joined = start if covered is None or covered[1] < start or covered[0] > end else min(start, covered[0])
    stamp = utc_text(now_utc())
    await store.write(cache.save_document, COVERAGE, key, {"start": utc_text(joined), "end": utc_text(end)}, stamp)
    return await cached_range(store, project_id, sector_id, start, end)


async def _coverage(store: Store, key: str) -> tuple[datetime, datetime] | None:
    stored = await store.read(cache.document, COVERAGE, key)
    if stored is None:
        return None
    span = stored[0]
    return parse_utc_text(span["start"]), parse_utc_text(span["end"])


async def cached_range(
    store: Store, project_id: str, sector_id: str | None, start: datetime, end: datetime
) -> WeatherRange:
    """What the cache holds for the range (at the resolution a fetch of it would use), and when it was fetched."""
    resolution = resolution_for(start, end)
    since, until = utc_text(start), utc_text(end)
    found = WeatherRange(start, end, resolution)
    found.weather = await store.read(cache.weather, project_id, resolution, since, until)
    if sector_id:
        found.plant = await store.read(cache.plant, sector_id, resolution, since, until)
    found.irrigation = _runs_of(await store.read(cache.irrigation_logs, project_id, since, until), sector_id)
    stored = await store.read(cache.document, COVERAGE, coverage_key(project_id, sector_id, resolution))
    found.fetched_at = parse_utc_text(stored[1]) if stored else None
    return found


def _runs_of(logs: list[dict[str, Any]], sector_id: str | None) -> list[dict[str, Any]]:
    unique = {entry["log_id"]: entry for entry in logs}
    runs = [entry for entry in unique.values() if sector_id is None or entry.get("sector_id") == sector_id]
    return sorted(runs, key=lambda entry: entry["started_at"])
