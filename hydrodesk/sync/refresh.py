"""Keeping the cache current without fetching everything every time.

The core refresh (run by the engine after each successful drain, at most every few minutes) fetches:
- the user's company, projects and their sectors: when older than an hour (they rarely change);
- workers: the newest pages until a page holds only workers we already have (the list is newest first), and the
  whole roster every few hours to catch edits;
- sessions of the last few days plus every open session, and the records of only those sessions whose total,
  worker count, update time or status changed since their records were last fetched;
- forms: when older than an hour;
- the irrigation of the project the user follows (`irrigation_project`, set by the Irrigation pane): its valves,
  programs and the last week's logs, so the pane has them after a restart with the network gone.

The data panes (phytosanitary, weather, plant, irrigation) fetch on demand through the methods at the bottom,
which save what they get, so the pane can show the cached copy when the server cannot be reached. Errors are the
client's typed errors; the engine (or the pane) decides what they mean.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from hydrodesk.api.client import MAX_PAGE_SIZE, HydrobitClient
from hydrodesk.api.errors import CredentialsMissing, Forbidden, NotFound
from hydrodesk.api.models import Resolution, Session
from hydrodesk.domain.people import names_from
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.timestamps import parse_utc_text, utc_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store

log = logging.getLogger(__name__)

SESSIONS_PAGE = 200
PARALLEL_RECORD_FETCHES = 4
IRRIGATION_LOG_DAYS = 7


PEOPLE_PER_REFRESH = 5
"""Unnamed session owners asked about per refresh (a request each)."""


def irrigation_mark(project_id: str) -> str:
    """The refresh mark of a project's valves, programs and logs: when they were all last fetched."""
    return f"irrigation:{project_id}"


def valves_mark(project_id: str) -> str:
    """The refresh mark of a project's valves and programs (fetched more often than its logs)."""
    return f"irrigation:valves:{project_id}"


class CacheRefresher:
    def __init__(
        self,
        store: Store,
        client: HydrobitClient,
        *,
        now: Callable[[], datetime],
        recent_days: int = 7,
        projects_every: timedelta = timedelta(hours=1),
        workers_full_every: timedelta = timedelta(hours=6),
        forms_every: timedelta = timedelta(hours=1),
        people_every: timedelta = timedelta(hours=6),
    ) -> None:
        self.store = store
        self.client = client
        self._now = now
        self.recent_days = recent_days
        self.projects_every = projects_every
        self.workers_full_every = workers_full_every
        self.forms_every = forms_every
        self.people_every = people_every
        self._people_asked: dict[str, datetime] = {}  # owner -> when their name was last asked for
        self.irrigation_project: str | None = None
        """The project whose irrigation every core refresh fetches too (the one the user has selected)."""

    # ------------------------------------------------------------------------------------------ the core refresh
    async def refresh_core(self) -> None:
        if await self._due("projects", self.projects_every):
            await self.company()
            await self.projects()
        await self.workers(full=await self._due("workers:full", self.workers_full_every))
        await self.recent_sessions()
        if await self._due("forms", self.forms_every):
            await self.forms()
        await self.people()  # after the sessions: their owners are named as soon as they appear
        if self.irrigation_project is not None:
            try:
                await self.irrigation(self.irrigation_project)
            except (Forbidden, CredentialsMissing, NotFound) as error:  # an account without irrigation
                log.info("irrigation not refreshed: %s", error)

    async def _due(self, name: str, every: timedelta) -> bool:
        last = await self.store.read(cache.refreshed_at, name)
        return last is None or self._now() - parse_utc_text(last) >= every

    async def _mark(self, name: str, **detail: Any) -> None:
        await self.store.write(cache.mark_refreshed, name, utc_text(self._now()), detail or None)

    async def company(self) -> None:
        try:
            found = await self.client.get_my_company()
        except NotFound as error:  # a server without the (provisional) operation: the company keeps its id
            log.info("company not refreshed: %s", error)
            return
        await self.store.write(cache.save_company, found.model_dump(mode="json"), self._stamp())

    async def projects(self) -> None:
        found = await self.client.list_projects()
        await self.store.write(cache.save_projects, [p.model_dump(mode="json") for p in found], self._stamp())
        await self._mark("projects", count=len(found))

    async def workers(self, *, full: bool = False) -> int:
        """Fetch new workers (or all, when `full`); returns how many were saved."""
        saved = 0
        page = 1
        while True:
            listing = await self.client.list_workers(page=page, limit=MAX_PAGE_SIZE)
            rows = [worker.model_dump(mode="json") for worker in listing.items]
            known = await self.store.read(cache.known_workers, [row["uid"] for row in rows])
            fresh = [row for row in rows if known.get(row["uid"]) != row]
            await self.store.write(cache.save_workers, fresh, self._stamp())
            saved += len(fresh)
            if page * listing.page_size >= listing.total or not listing.items:
                break
            if not full and not fresh:
                break  # newest first: a page with nothing new means the rest is known too
            page += 1
        await self._mark("workers:full" if full else "workers", saved=saved)
        return saved

    async def recent_sessions(self) -> int:
        """Sessions of the last `recent_days` days and all open ones; records of the changed ones.

        Returns how many sessions had their records fetched.
        """
        today = self._now().date()
        # Local days may run a day ahead of or behind UTC; one day of margin covers every timezone.
        listed = await self._sessions(
            from_day=today - timedelta(days=self.recent_days), to_day=today + timedelta(days=1)
        )
        listed |= await self._sessions(status="open")
        listed |= await self._closed_since(listed)
        sessions = list(listed.values())
        rows = [session.to_data() for session in sessions]
        stale = set(await self.store.read(cache.stale_sessions, rows))
        await self.store.write(cache.save_sessions, rows, self._stamp())
        changed = [row for row in rows if row["session_id"] in stale]
        for start in range(0, len(changed), PARALLEL_RECORD_FETCHES):
            await asyncio.gather(
                *(self.session_records(row) for row in changed[start : start + PARALLEL_RECORD_FETCHES])
            )
        await self._mark("sessions", listed=len(rows), refetched=len(changed))
        return len(changed)

    async def _closed_since(self, listed: dict[str, Session]) -> dict[str, Session]:
        """Sessions this cache holds as open that the server no longer lists as open: closed since (on a tablet, on
        the web) and older than the recent days, so in neither listing; asked for one by one, or they would stay
        open here for good (and the Tallies pane offer one as the user's open session)."""
        believed_open = await self.store.read(cache.sessions, status="open")
        found: dict[str, Session] = {}
        for row in believed_open:
            if row["session_id"] in listed:
                continue
            try:
                found[row["session_id"]] = await self.client.get_session(row["session_id"])
            except NotFound:  # gone from the server: nothing to bring up to date
                log.info("session %s, open in the cache, is no longer on the server", row["session_id"])
        return found

    async def _sessions(self, **filters: Any) -> dict[str, Session]:
        found: dict[str, Session] = {}
        page = 1
        while True:
            listing = await self.client.list_sessions(page=page, limit=SESSIONS_PAGE, **filters)
            found.update({session.session_id: session for session in listing.items})
            if not listing.items or page * (listing.page_size or SESSIONS_PAGE) >= listing.total:
                return found
            page += 1

    async def session_records(self, session: SessionData) -> None:
        records = await self.client.list_session_records(session["session_id"])
        rows = [record.model_dump(mode="json") for record in records]
        await self.store.write(cache.save_session_records, session, rows, self._stamp())

    async def forms(self) -> None:
        """The monitoring forms the user may fill in, and the task forms assigned to them."""
        try:
            found = [*await self.client.get_forms(), *await self.client.get_forms(subtype="tasks")]
        except (Forbidden, CredentialsMissing) as error:
            log.info("forms not refreshed: %s", error)
            return
        await self.store.write(cache.save_forms, [form.model_dump(mode="json") for form in found], self._stamp())
        await self._mark("forms", count=len(found))

    async def people(self) -> int:
        """Learn the names of the people who opened the recent sessions the office knows only by account id.

        No operation lists a company's people (hydrodesk.domain.people); a harvest session names its
        `responsible`, so for each unnamed owner (at most `PEOPLE_PER_REFRESH`, each asked at most once per
        `people_every`) the harvest of one of their sessions' day and sector is fetched: a small reply, where the
        whole month's harvest is megabytes. Returns how many names were learnt."""
        now, today = self._now(), self._now().date()
        known = await self.store.people_names()
        recent = await self.store.sessions(
            first_day=(today - timedelta(days=self.recent_days)).isoformat(),
            last_day=(today + timedelta(days=1)).isoformat(),
        )
        wanted: dict[str, SessionData] = {}
        for row in recent:
            owner = row.data.get("owner_auth0_id")
            asked = self._people_asked.get(owner or "")
            if owner and owner not in known and (asked is None or now - asked >= self.people_every):
                wanted.setdefault(owner, row.data)
        learnt: dict[str, str] = {}
        for owner, session in list(wanted.items())[:PEOPLE_PER_REFRESH]:
            self._people_asked[owner] = now
            day = date.fromisoformat(str(session["day"])[:10])
            try:
                found = await self.client.harvest(
                    day, day, project_id=session.get("project_id"), sector_id=session.get("sector_id")
                )
            except (Forbidden, CredentialsMissing, NotFound) as error:  # an account that may not read harvests
                log.info("people's names not refreshed: %s", error)
                break
            learnt |= names_from((s.responsible.auth0_id, s.responsible.name) for s in found if s.responsible)
        await self.store.write(cache.save_people, learnt, self._stamp())
        return len(learnt)

    # ------------------------------------------------------------------------------------------ on demand
    async def phyto_records(self, start: date, end: date) -> list[dict[str, Any]]:
        reply = await self.client.phytosanitary_company_records(start, end)
        rows = [record.model_dump(mode="json") for record in reply.records]
        await self.store.write(cache.save_phyto_records, rows, self._stamp())
        names = names_from((record.user_id, record.user_name) for record in reply.records)
        await self.store.write(cache.save_people, names, self._stamp())
        return rows

    async def weather(
        self, project_id: str, start: datetime, end: datetime, resolution: Resolution = "1h"
    ) -> list[dict[str, Any]]:
        series = await self.client.weather(project_id, start, end, resolution=resolution)
        points = [point.model_dump(mode="json") for point in series.series]
        await self.store.write(cache.save_weather, project_id, resolution, points)
        return points

    async def plant(
        self, sector_id: str, start: datetime, end: datetime, resolution: Resolution = "1h"
    ) -> list[dict[str, Any]]:
        series = await self.client.plant(sector_id, start, end, resolution=resolution)
        points = [point.model_dump(mode="json") for point in series.series]
        await self.store.write(cache.save_plant, sector_id, resolution, points)
        return points

    async def valves(self, project_id: str) -> list[dict[str, Any]]:
        rows = [valve.model_dump(mode="json") for valve in await self.client.list_valves(project_id)]
        await self.store.write(cache.save_valves, project_id, rows, self._stamp())
        return rows

    async def programs(self, project_id: str) -> list[dict[str, Any]]:
        rows = [program.model_dump(mode="json") for program in await self.client.list_programs(project_id)]
        await self.store.write(cache.save_programs, project_id, rows, self._stamp())
        return rows

    async def irrigation(self, project_id: str, *, logs: bool = True) -> None:
        """A project's valves and programs (and the last week's logs), into the cache, then its mark."""
        valves = await self.valves(project_id)
        programs = await self.programs(project_id)
        detail = {"valves": len(valves), "programs": len(programs)}
        await self._mark(valves_mark(project_id), **detail)
        if logs:
            end = self._now()
            found = await self.irrigation_logs(project_id, end - timedelta(days=IRRIGATION_LOG_DAYS), end)
            await self._mark(irrigation_mark(project_id), logs=len(found), **detail)

    async def irrigation_logs(self, project_id: str, start: datetime, end: datetime) -> list[dict[str, Any]]:
        logs = await self.client.irrigation_logs(project_id, start, end)
        rows = [entry.model_dump(mode="json") for entry in logs]
        await self.store.write(cache.save_irrigation_logs, project_id, rows, self._stamp())
        return rows

    def _stamp(self) -> str:
        return utc_text(self._now())
