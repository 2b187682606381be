"""The sector map's data: fetched into the cache on demand, read back from it (also offline), with its age.

Each layer keeps a refresh mark per project (`map:<layer>:<project id>`), so the map can say "as of 10:42" for
exactly what it shows. Scouting records come from the company-wide records endpoint (the API has no per-project
records call) and are read back per project.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from hydrodesk.api.models_iot import Resolution
from hydrodesk.domain.map_layers import latest_moisture
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.sync.refresh import CacheRefresher

LAYERS = ("scouting", "moisture", "irrigation")
MOISTURE_LOOKBACK = timedelta(hours=36)  # a probe that said nothing for longer is shown as "no reading"
PLANT_RESOLUTION: Resolution = "1h"
PARALLEL_PLANT_FETCHES = 4


def mark_name(layer: str, project_id: str) -> str:
    return f"map:{layer}:{project_id}"


async def fetched_at(store: Store, layer: str, project_id: str) -> str | None:
    """When the layer was last fetched for the project (UTC text), None when it never was."""
    return await store.read(cache.refreshed_at, mark_name(layer, project_id))


async def _mark(refresher: CacheRefresher, layer: str, project_id: str, at: datetime, **detail: Any) -> None:
    await refresher.store.write(cache.mark_refreshed, mark_name(layer, project_id), utc_text(at), detail)


# ------------------------------------------------------------------------------------------------ fetching
async def fetch_scouting(refresher: CacheRefresher, project_id: str, start: date, end: date, now: datetime) -> int:
    """The company's scouting records for local days `start`..`end` (at most 180 days; the map asks for ≤ 90)."""
    # The endpoint counts days in the company's timezone, the map in the project's: a day more at the start covers
    # a project west of its company's clock.
    rows = await refresher.phyto_records(start - timedelta(days=1), end)
    await _mark(refresher, "scouting", project_id, now, start=start.isoformat(), end=end.isoformat())
    return len(rows)


async def fetch_moisture(refresher: CacheRefresher, project_id: str, sector_ids: Sequence[str], now: datetime) -> None:
    """The last hours of plant readings of every sector (a few at a time, not one request per sector at once)."""
    start = now - MOISTURE_LOOKBACK
    for first in range(0, len(sector_ids), PARALLEL_PLANT_FETCHES):
        batch = sector_ids[first : first + PARALLEL_PLANT_FETCHES]
        await asyncio.gather(*(refresher.plant(sector_id, start, now, PLANT_RESOLUTION) for sector_id in batch))
    await _mark(refresher, "moisture", project_id, now, sectors=len(sector_ids))


async def fetch_valves(refresher: CacheRefresher, project_id: str, now: datetime) -> None:
    rows = await refresher.valves(project_id)
    await _mark(refresher, "irrigation", project_id, now, valves=len(rows))


# ------------------------------------------------------------------------------------------------ reading the cache
async def cached_scouting(store: Store, project_id: str, first_day: date) -> list[dict[str, Any]]:
    """The project's cached records from a day before `first_day` on (the caller keeps the exact local days:
    a day of margin covers every timezone)."""
    since = utc_text(datetime.combine(first_day - timedelta(days=1), datetime.min.time()).astimezone())
    return await store.read(cache.phyto_records, since=since, project_id=project_id)


async def cached_moisture(store: Store, sector_ids: Sequence[str], now: datetime) -> dict[str, tuple[float, str]]:
    """sector id -> (root-zone moisture %, when it was read) from the newest cached reading of the last hours."""
    start, end = utc_text(now - MOISTURE_LOOKBACK), utc_text(now + timedelta(hours=1))
    found: dict[str, tuple[float, str]] = {}
    for sector_id in sector_ids:
        latest = latest_moisture(await store.read(cache.plant, sector_id, PLANT_RESOLUTION, start, end))
        if latest is not None:
            found[sector_id] = latest
    return found


async def cached_valves(store: Store, project_id: str) -> list[dict[str, Any]]:
    return await store.read(cache.valves, project_id)
