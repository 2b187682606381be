"""Fetch a range of scouting records into the cache, in as many requests as the API's 180-day rule needs.

The records endpoint is company-wide and counts days in the company's timezone, while a project's pane counts
them in the project's: the fetch asks for one day more on each side, so every point of the wanted local days is
in the cache whatever the two clocks say, and the store then cuts at the exact instants (hydrodesk.store.phyto).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hydrodesk.domain.phyto_range import DayRange, split_range
from hydrodesk.domain.timestamps import now_utc, utc_text
from hydrodesk.store.phyto import note_fetched
from hydrodesk.store.store import Store
from hydrodesk.sync.refresh import CacheRefresher

TIMEZONE_MARGIN_DAYS = 1


async def fetch_scouting(
    store: Store,
    refresher: CacheRefresher,
    company_id: str,
    days: DayRange,
    *,
    progress: Callable[[int, int], None] | None = None,
    now: Callable[[], datetime] = now_utc,
) -> int:
    """Fetch and save every record of `days` (local days); returns how many records came. Raises the client's
    typed errors; whatever pieces arrived before an error stay saved."""
    pieces = split_range(days.widened(TIMEZONE_MARGIN_DAYS))
    total = 0
    for done, piece in enumerate(pieces):
        if progress is not None:
            progress(done, len(pieces))
        total += len(await refresher.phyto_records(piece.start, piece.end))
    await store.write(note_fetched, company_id, days, utc_text(now()))
    return total
