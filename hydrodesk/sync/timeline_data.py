"""A sector's timeline from the cache, and fetching what the cache lacks for the chosen days.

Cache first: `cached_timeline` reads everything from the local database (it works offline); `fetch_window`
fetches the window's irrigation logs, soil and weather series, scouting records, production sessions and the
office's valve commands' statuses through the CacheRefresher, which saves them, and notes per sector and local
day when that day was fetched. A day that was fetched after it had ended is complete: it is not fetched again
(the pane's F5 fetches it anyway). `cached_since` says how old the oldest day shown is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hydrodesk.api.errors import CredentialsMissing, Forbidden
from hydrodesk.api.models_iot import Resolution
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.timeline import (
    LONGEST_RUN,
    Timeline,
    Window,
    command_marks,
    harvest_spans,
    irrigation_runs,
    moisture_lines,
    scout_marks,
    units_per_hour,
    weather_lines,
)
from hydrodesk.domain.timestamps import now_utc, parse_utc_text, utc_text
from hydrodesk.store import cache
from hydrodesk.store import outbox as ob
from hydrodesk.store.store import Store
from hydrodesk.sync.refresh import SESSIONS_PAGE, CacheRefresher

RESOLUTION: Resolution = "1h"  # hourly series: 24 points a day per series, plenty for a day or a week on one screen
COMMAND_STATUS = "command_status"  # the document kind the commands' last known statuses are kept under
# A day fetched this long after it ended has everything its sources will ever say about it.
SETTLED_AFTER = timedelta(minutes=30)

Progress = Callable[[int, int, str], None]  # done, total, what is being fetched now (an English key)


def _mark_name(sector_id: str, day: date) -> str:
    return f"timeline:{sector_id}:{day.isoformat()}"


@dataclass(frozen=True)
class SectorRef:
    project_id: str
    sector_id: str


# ------------------------------------------------------------------------------------------------ coverage
async def day_marks(store: Store, sector_id: str, window: Window) -> dict[date, str | None]:
    """When each local day of the window was last fetched for this sector (None: never)."""
    return {day: await store.read(cache.refreshed_at, _mark_name(sector_id, day)) for day in window.local_days()}


def missing_days(
    marks: Mapping[date, str | None], window: Window, *, refetch_after: timedelta | None = None
) -> list[date]:
    """The days to fetch: never fetched, or fetched before they had settled; with `refetch_after`, also every
    day fetched longer ago than that (the user asked for fresh data)."""
    missing = []
    now = now_utc()
    for day in window.local_days():
        fetched = marks.get(day)
        if fetched is None:
            missing.append(day)
            continue
        at = parse_utc_text(fetched)
        unsettled = at < Window(day, 1, window.timezone).end + SETTLED_AFTER
        if unsettled or (refetch_after is not None and now - at >= refetch_after):
            missing.append(day)
    return missing


def cached_since(marks: Mapping[date, str | None]) -> str | None:
    """The oldest fetch among the days (what the data's age is); None when any day was never fetched."""
    known = list(marks.values())
    if not known or any(mark is None for mark in known):
        return None
    return min(mark for mark in known if mark is not None)


# ------------------------------------------------------------------------------------------------ reading
async def cached_timeline(
    store: Store, ref: SectorRef, window: Window, now: datetime, book: ThresholdBook | None = None
) -> Timeline:
    """Everything the cache holds for the sector in the window (no network)."""
    start, end = utc_text(window.start), utc_text(window.end)
    valves = await store.read(cache.valves, ref.project_id)
    names = {valve["valve_id"]: valve.get("name") or valve["valve_id"] for valve in valves}
    sector_valves = {v["valve_id"]: names[v["valve_id"]] for v in valves if v.get("sector_id") == ref.sector_id}
    logs = await store.read(cache.irrigation_logs, ref.project_id, utc_text(window.start - LONGEST_RUN), end)
    runs = irrigation_runs(logs, ref.sector_id, window, now, names, sector_valves)
    commands = command_marks(await _office_commands(store, logs), sector_valves, window)
    plant = await store.read(cache.plant, ref.sector_id, RESOLUTION, start, end)
    weather = await store.read(cache.weather, ref.project_id, RESOLUTION, start, end)
    rain, et0 = weather_lines(point for point in weather if point["ts"] < end)
    phyto = await store.read(cache.phyto_records, project_id=ref.project_id)
    sessions = await store.read(
        cache.sessions,
        project_id=ref.project_id,
        sector_id=ref.sector_id,
        first_day=(window.first - timedelta(days=1)).isoformat(),
        last_day=window.last.isoformat(),
    )
    spans = harvest_spans(sessions, ref.sector_id, window, now)
    records: list[dict[str, Any]] = []
    for span in spans:
        records += await store.read(cache.session_records, span.session_id)
    return Timeline(
        window=window,
        runs=tuple(runs),
        commands=tuple(commands),
        moisture=tuple(moisture_lines(point for point in plant if point["ts"] < end)),
        rain=rain,
        et0=et0,
        scouting=tuple(scout_marks(phyto, ref.sector_id, window, book)),
        harvests=tuple(spans),
        hourly_units=tuple(units_per_hour(records, window)),
    )


async def _office_commands(store: Store, logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The valve commands this office made (its outbox keeps them all), with their latest known status."""
    items = await store.read(ob.items, kinds=[EntryKind.VALVE_COMMAND])
    ran = {entry.get("command_id") for entry in logs if entry.get("command_id")}
    commands = []
    for item in items:
        command = item.payload.get("command") or {}
        command_id = command.get("command_id") or command.get("commandId") or item.idem_key
        status = _status_of(item.state, item.result)
        known = await store.read(cache.document, COMMAND_STATUS, command_id)
        if known is not None:
            status = known[0].get("status") or status
        if command_id in ran and status not in ("failed", "expired"):
            status = "confirmed"  # the field logged the run this command started
        commands.append(
            {
                "valve_id": item.payload.get("valve_id"),
                "action": command.get("action"),
                "duration_min": command.get("duration_min") or command.get("durationMin"),
                "status": status,
                "at": item.created_at,
                "command_id": command_id,
            }
        )
    return commands


def _status_of(state: EntryState, result: Mapping[str, Any] | None) -> str:
    if state is EntryState.DONE:
        return str((result or {}).get("status") or "sent")
    if state in (EntryState.QUEUED, EntryState.SENDING):
        return "queued"
    return "failed" if state in (EntryState.FAILED, EntryState.CONFLICT, EntryState.DISCARDED) else "expired"


# ------------------------------------------------------------------------------------------------ fetching
async def fetch_window(
    refresher: CacheRefresher,
    ref: SectorRef,
    window: Window,
    *,
    progress: Progress | None = None,
    call: Callable[[Awaitable[Any]], Awaitable[Any]] | None = None,
) -> set[str]:
    """Fetch the window's data into the cache, then mark its days as fetched; returns the sources this account
    may not read ("scouting", "weather", ...). Raises the client's other errors (what was saved before an error
    stays saved: the next try starts from there).

    `call` wraps each request (the UI passes its connection monitor's, so the status bar stays true)."""
    run = call or (lambda work: work)
    store = refresher.store
    days = window.local_days()
    steps: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        ("valves", lambda: refresher.valves(ref.project_id)),
        ("irrigation", lambda: refresher.irrigation_logs(ref.project_id, window.start - LONGEST_RUN, window.end)),
        ("soil", lambda: refresher.plant(ref.sector_id, window.start, window.end, RESOLUTION)),
        ("weather", lambda: refresher.weather(ref.project_id, window.start, window.end, RESOLUTION)),
        # The company's days may differ from the project's by one either way: a day of margin on each side.
        ("scouting", lambda: refresher.phyto_records(days[0] - timedelta(days=1), days[-1] + timedelta(days=1))),
        ("commands", lambda: _command_statuses(refresher, ref, window)),
    ]
    # Sessions opened just before midnight belong to the day before: fetch it too.
    steps.append(("harvest", lambda: sector_sessions(refresher, ref, days[0] - timedelta(days=1), days[-1])))
    denied: set[str] = set()
    for done, (what, step) in enumerate(steps):
        if progress is not None:
            progress(done, len(steps), what)
        try:
            await run(step())
        except (Forbidden, CredentialsMissing):
            # An account without this source's scope still gets the other lanes; the pane says which it lacks.
            denied.add(what)
    if progress is not None:
        progress(len(steps), len(steps), "done")
    stamp = utc_text(now_utc())
    for day in days:
        await store.write(cache.mark_refreshed, _mark_name(ref.sector_id, day), stamp)
    return denied


async def sector_sessions(refresher: CacheRefresher, ref: SectorRef, first: date, last: date) -> int:
    """The sector's sessions of local days `first`..`last` into the cache, with the records of those whose
    totals changed since their records were last fetched (one listing, not one per day or per sector)."""
    store = refresher.store
    rows: list[SessionData] = []
    page = 1
    while True:
        listing = await refresher.client.list_sessions(
            project_id=ref.project_id, sector_id=ref.sector_id, from_day=first, to_day=last, page=page,
            limit=SESSIONS_PAGE,
        )  # fmt: skip
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


async def _command_statuses(refresher: CacheRefresher, ref: SectorRef, window: Window) -> int:
    """Ask the server how the office's delivered commands in the window ended (the command history)."""
    store = refresher.store
    items = await store.read(ob.items, kinds=[EntryKind.VALVE_COMMAND], states=[EntryState.DONE])
    asked = 0
    for item in items:
        if not window.contains(parse_utc_text(item.created_at)):
            continue
        command = item.payload.get("command") or {}
        command_id = command.get("command_id") or command.get("commandId") or item.idem_key
        known = await store.read(cache.document, COMMAND_STATUS, command_id)
        if known is not None and known[0].get("status") in ("confirmed", "failed", "expired"):
            continue
        status = await refresher.client.get_command(command_id)
        await store.write(
            cache.save_document, COMMAND_STATUS, command_id, status.model_dump(mode="json"), utc_text(now_utc())
        )
        asked += 1
    return asked
