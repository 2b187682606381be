"""FarmLife: brings the farm up to today when the simulator starts and whenever a project's day rolls over, and,
when the farm is live, runs the field tablets and starts the irrigation programs due.

Up to date (always, so any simulator started on an old data folder shows recent history): the field supervisors
exist; the live farm's sessions of days gone by are closed; missed workdays have their closed sessions; finished
program runs are logged; missed scouting walks are made. Live (`hydrodesk-sim serve --live`, what the demo runs):
also today's sessions at work, one field tablet per session posting through the HTTP API, and program runs
started on time by the field devices. Tests run the simulator without `--live` unless they ask for it, so the farm
they see changes only when they change it.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

import httpx

from hydrodesk.sim.auth import issue_user_token
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.farm import add_missing_users, list_projects
from hydrodesk.sim.fieldbus import NullFieldBus
from hydrodesk.sim.life.calendar import DEFAULT_SEED, day_rng, local_today
from hydrodesk.sim.life.irrigation import fill_program_runs, runs_under_way, start_run
from hydrodesk.sim.life.production import (
    close_documented_example,
    close_past_live_sessions,
    extend_live_sessions_near_their_limit,
    fill_missed_workdays,
    live_sessions_open_today,
    open_todays_sessions,
)
from hydrodesk.sim.life.scouting import fill_scouting_walks
from hydrodesk.sim.life.tablets import FieldTablet, TabletPace

log = logging.getLogger(__name__)

TABLET_TOKEN_SECONDS = 24 * 3600


@dataclass(frozen=True)
class LifeSettings:
    """Timing knobs (seconds), for tests that run the simulator as a process: HYDRODESK_SIM_TABLET_EVERY_S [6]
    (a tablet's mean pause between deliveries in working hours), HYDRODESK_SIM_DAY_CHECK_S [5] (how often the
    farm looks whether a day rolled over, starts tablets for new sessions and programs due)."""

    tablet_every_s: float = 6.0
    day_check_s: float = 5.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> LifeSettings:
        environ = dict(os.environ if environ is None else environ)
        values = {}
        for setting in fields(cls):
            raw = environ.get(f"HYDRODESK_SIM_{setting.name.upper()}")
            if raw:
                values[setting.name] = float(raw)
        return cls(**values)


@dataclass(frozen=True)
class UpToDate:
    """What bringing the farm up to date added."""

    users: int = 0
    closed_sessions: int = 0
    missed_sessions: int = 0
    opened_today: tuple[str, ...] = ()
    irrigation_logs: int = 0
    scouting_records: int = 0


@dataclass
class FarmLife:
    ctx: SimContext
    live: bool = False
    seed: int = DEFAULT_SEED
    settings: LifeSettings = field(default_factory=LifeSettings.from_env)
    _days: dict[str, date] = field(default_factory=dict, init=False)
    _tablets: dict[str, asyncio.Task[None]] = field(default_factory=dict, init=False)
    _tokens: dict[str, str] = field(default_factory=dict, init=False)
    _client: httpx.AsyncClient | None = field(default=None, init=False)
    _watcher: asyncio.Task[None] | None = field(default=None, init=False)

    # ------------------------------------------------------------------------------------------ up to date
    def projects(self) -> list[dict[str, Any]]:
        db = self.ctx.db
        companies = [row["company_id"] for row in db.all("SELECT company_id FROM companies ORDER BY company_id")]
        return [project for company_id in companies for project in list_projects(db, company_id)]

    def bring_up_to_date(self) -> UpToDate:
        db, now = self.ctx.db, self.ctx.clock.now()
        projects = self.projects()
        with db.transaction():
            users = add_missing_users(db)
        done = UpToDate(
            users=users,
            closed_sessions=close_past_live_sessions(db, now, self.seed)
            + (close_documented_example(db, now, self.seed) if self.live else 0),
            missed_sessions=fill_missed_workdays(db, projects, now, self.seed),
            opened_today=tuple(open_todays_sessions(db, projects, now, self.seed)) if self.live else (),
            irrigation_logs=fill_program_runs(db, now, self.seed),
            scouting_records=fill_scouting_walks(db, projects, now, self.seed),
        )
        self._days = self._local_days(projects)
        log.info("farm brought up to %s: %s", now.isoformat(timespec="seconds"), done)
        return done

    def _local_days(self, projects: list[dict[str, Any]]) -> dict[str, date]:
        now = self.ctx.clock.now()
        return {project["projectId"]: local_today(now, project["timezone"]) for project in projects}

    # ------------------------------------------------------------------------------------------ running
    async def start(self) -> None:
        """Watch for new days (and, when live, run tablets and programs); call once the HTTP server listens."""
        if self.live:
            self._client = httpx.AsyncClient(base_url=self.ctx.base_url, timeout=10.0, trust_env=False)
            await self._keep_farm_working()
        self._watcher = asyncio.create_task(self._watch(), name="farm-life")

    async def stop(self) -> None:
        tasks = [task for task in (self._watcher, *self._tablets.values()) if task is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tablets.clear()
        if self._client is not None:
            await self._client.aclose()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.settings.day_check_s)
            try:
                if self._local_days(self.projects()) != self._days:
                    self.bring_up_to_date()
                if self.live:
                    await self._keep_farm_working()
            except Exception:  # the farm's life must never take the simulator down
                log.exception("the live farm failed to move on; it will try again")

    async def _keep_farm_working(self) -> None:
        await self._start_programs_due()
        extended = extend_live_sessions_near_their_limit(self.ctx.db, self.ctx.clock.now())
        if extended:
            log.info("%s sessions extended to the end of their day", extended)
        self._run_tablets()

    async def _start_programs_due(self) -> None:
        if isinstance(self.ctx.fieldbus, NullFieldBus):
            return  # no field devices: nothing could open a valve
        for program, run in runs_under_way(self.ctx.db, self.ctx.clock.now()):
            commands = await start_run(self.ctx, program, run)
            log.info("program %s started on schedule (%s valve commands)", run.program_id, len(commands))

    def _run_tablets(self) -> None:
        """One tablet per live session open today: new sessions get one, closed ones lose theirs."""
        assert self._client is not None
        sessions = {s["session_id"]: s for s in live_sessions_open_today(self.ctx.db, self.ctx.clock.now())}
        for session_id in set(self._tablets) - set(sessions):
            self._tablets.pop(session_id).cancel()
        for session_id, session in sessions.items():
            if session_id in self._tablets:
                continue
            posted = self.ctx.db.scalar("SELECT COUNT(*) FROM production_records WHERE session_id = ?", (session_id,))
            tablet = FieldTablet(
                session,
                client=self._client,
                token=lambda renew, owner=session["auth0_id"]: self._token(owner, renew),
                clock=self.ctx.clock,
                # Its own draws, apart from every other tablet's; a restarted tablet does not repeat itself.
                rng=day_rng(self.seed, "tablet", session_id, posted),
                pace=TabletPace(self.settings.tablet_every_s),
            )
            task = asyncio.create_task(tablet.run(), name=f"tablet-{session_id}")
            task.add_done_callback(lambda done, session_id=session_id: self._tablet_done(session_id, done))
            self._tablets[session_id] = task

    def _tablet_done(self, session_id: str, task: asyncio.Task[None]) -> None:
        if self._tablets.get(session_id) is task:
            del self._tablets[session_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("the tablet of session %s failed", session_id, exc_info=task.exception())

    def _token(self, auth0_id: str, renew: bool = False) -> str:
        if renew or auth0_id not in self._tokens:
            self._tokens[auth0_id] = issue_user_token(self.ctx.db, self.ctx.secret, auth0_id, TABLET_TOKEN_SECONDS)
        return self._tokens[auth0_id]
