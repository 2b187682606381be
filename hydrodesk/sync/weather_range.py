"""Fetching a project's weather, a sector's plant sensors and the irrigation runs for a time range, and reading
the same range back from the cache when the server cannot be reached.

The server takes at most 180 days per call and raw 15-minute readings for at most 31 days, so a short range is
fetched raw and a long one hourly, in as many calls as it takes, invisibly to the user. Each fetched range is
marked with the time it was fetched, which is the age the pane shows when it works from the cache.
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
MAX_DAYS_PER_CALL = 180

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


def split_range(start: datetime, end: datetime, days: int = MAX_DAYS_PER_CALL) -> list[tuple[datetime, datetime]]:
    """[start, end) cut into consecutive pieces of at most `days` days."""
    pieces: list[tuple[datetime, datetime]] = []
    since = start
    while since < end:
        until = min(end, since + timedelta(days=days))
        pieces.append((since, until))
        since = until
    return pieces


def mark_name(project_id: str, sector_id: str | None, resolution: str) -> str:
    return f"weather:{project_id}:{sector_id or '-'}:{resolution}"


async def fetch_range(
    refresher: CacheRefresher,
    project_id: str,
    sector_id: str | None,
    start: datetime,
    end: datetime,
    *,
    progress: Progress | None = None,
) -> WeatherRange:
    """Fetch (and cache) the project's weather, the sector's plant series and the irrigation runs over the range."""
    resolution = resolution_for(start, end)
    pieces = split_range(start, end)
    total = len(pieces) * (3 if sector_id else 2)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    found = WeatherRange(start, end, resolution)
    for since, until in pieces:
        found.weather += await refresher.weather(project_id, since, until, resolution)
        step()
        if sector_id:
            found.plant += await refresher.plant(sector_id, since, until, resolution)
            step()
        found.irrigation += await refresher.irrigation_logs(project_id, since, until)
        step()
    found.irrigation = _runs_of(found.irrigation, sector_id)
    found.fetched_at = parse_utc_text(utc_text(now_utc()))  # as the cache keeps it: to the millisecond
    detail = {"start": utc_text(start), "end": utc_text(end)}
    await refresher.store.write(
        cache.mark_refreshed, mark_name(project_id, sector_id, resolution), utc_text(found.fetched_at), detail
    )
    return found


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
    stamp = await store.read(cache.refreshed_at, mark_name(project_id, sector_id, resolution))
    found.fetched_at = parse_utc_text(stamp) if stamp else None
    return found


def _runs_of(logs: list[dict[str, Any]], sector_id: str | None) -> list[dict[str, Any]]:
    unique = {entry["log_id"]: entry for entry in logs}
    runs = [entry for entry in unique.values() if sector_id is None or entry.get("sector_id") == sector_id]
    return sorted(runs, key=lambda entry: entry["started_at"])
