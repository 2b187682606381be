"""Fetching one day's production sessions of a project into the cache, on demand (the sessions board).

The engine's core refresh keeps the last few days and every open session current; a supervisor looking at an
older day (or wanting the latest figures now) asks for that day here. Only sessions whose totals changed since
their records were last fetched have their records fetched again. Errors are the client's typed errors.
"""

from __future__ import annotations

from datetime import date

from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.timestamps import now_utc, utc_text
from hydrodesk.store import cache
from hydrodesk.sync.refresh import SESSIONS_PAGE, CacheRefresher


async def refresh_day(refresher: CacheRefresher, project_id: str, day: date) -> int:
    """Fetch the project's sessions of local day `day` (and the records of changed ones); returns how many
    sessions the server listed."""
    client, store = refresher.client, refresher.store
    if await store.read(cache.project, project_id) is None:
        # Sessions opened offline take their day from the project's timezone: have the project on this computer.
        await refresher.projects()
    rows: list[SessionData] = []
    page = 1
    while True:
        listing = await client.list_sessions(
            project_id=project_id, from_day=day, to_day=day, page=page, limit=SESSIONS_PAGE
        )
        rows += [session.to_data() for session in listing.items]
        if not listing.items or page * (listing.page_size or SESSIONS_PAGE) >= listing.total:
            break
        page += 1
    stale = set(await store.read(cache.stale_sessions, rows))
    await store.write(cache.save_sessions, rows, utc_text(now_utc()))
    for row in rows:
        if row["session_id"] in stale:
            await refresher.session_records(row)
    return len(rows)
