"""Where the Tallies pane's state comes from: the office (local database and outbox) and the sync engine.

Every read is tokened: an answer for a selection or session no longer shown is dropped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.domain.session_board import sector_free_on
from hydrodesk.domain.sessions import parse_day_label, session_to_show
from hydrodesk.domain.tallies import LedgerLine
from hydrodesk.domain.tally_sums import Pricing, WorkerPayRow, combine_rows, roll_up
from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder
from hydrodesk.store import cache, views
from hydrodesk.store.tally_scope import ScopeTally, scope_tally
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui.formats import farm_zone, iso_day_text
from hydrodesk.ui.tallies.pane_display import OPEN_SESSION_IN, SESSION_LINK
from hydrodesk.ui.tallies.scopes import SEASON, SESSION

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from hydrodesk.sync.office import Office


class TalliesLoading:
    """Reads sessions, ledgers and scope sums from the office. A part of TalliesPane
    (hydrodesk.ui.panes.tallies), which holds the state."""

    # ------------------------------------------------------------------------------------------ office and sync

    def _attach_office(self) -> None:
        office = self.context.office()
        if office is self._office:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._office = office
        self._sync = None
        self._finder = WorkerFinder()
        self.entry_row.set_finder(self._finder)
        if office is None:
            return
        self._unsubscribe = office.engine.subscribe(self._on_sync_status)
        unsubscribe = self._unsubscribe
        # The engine outlives a pane only when the window goes first; either way, stop being called.
        self.destroyed.connect(lambda *_: unsubscribe())
        self._spawn(self._load_workers(), "tallies-workers")

    def _on_sync_status(self, status: SyncStatus) -> None:
        before, self._sync = self._sync, status
        self._update_chip()
        if before is None:
            return
        # Our own entries raise the pending count and are shown already; anything else may change the ledger:
        # entries confirmed (pending went down), refused, or a round that ended with the server (its refresh may
        # have brought the server's copies). A retry that failed changes nothing: offline, the engine retries
        # every few seconds, and a reload of the whole ledger each time would get in the way of the typing.
        if (
            status.pending < before.pending
            or (status.state is ConnectionState.ONLINE and before.state is not ConnectionState.ONLINE)
            or status.needs_attention != before.needs_attention
            or status.last_sync_at != before.last_sync_at
        ) and not self._reload_timer.isActive():
            self._reload_timer.start()

    def _reload_after_sync(self) -> None:
        if self._office is None or (self._selection.project is None and self._session is None):
            return
        self._spawn(self._reload_everything(), "tallies-sync-reload")

    async def _reload_everything(self) -> None:
        synced = self._sync is not None and self._sync.last_sync_at is not None
        await self._load_workers()
        if self._session is None and self._wanted_session is None and self._selection.project is not None:
            # Nothing shown: the sync may have brought the day's sessions (a first sync, a colleague's new one).
            await self._load_sessions(pick_open=self._picks_the_session())
        else:
            await self._reload_ledger()
        if not isValid(self):
            return  # the pane closed while the farm was read again
        if synced and not self._shown_after_sync:
            self._shown_after_sync = True
            self.data_ready.emit()

    # ------------------------------------------------------------------------------------------ loading

    async def _load_workers(self) -> None:
        office = self._office
        if office is None:
            return
        rows = await office.store.workers()
        if office is not self._office or not isValid(self):  # signed out, or the pane closed, while reading
            return
        self._finder = WorkerFinder(WorkerChoice.from_worker(row.data, pending=row.pending) for row in rows)
        self.entry_row.set_finder(self._finder)

    async def _load_sessions(self, *, pick_open: bool, prefer: str | None = None) -> None:
        office, project = self._office, self._selection.project
        if office is None or project is None:
            return
        self._load_token += 1
        token = self._load_token
        sector_id = self._selection.sector.sector_id if self._selection.sector else None
        day = self._chosen_day()
        if pick_open:
            opened = await office.store.sessions(project_id=project.project_id, sector_id=sector_id, status="open")
            today = self._today(project.timezone)
            chosen = session_to_show([row.data for row in opened], office.actions.auth0_id, today)
            if chosen is not None:
                prefer = chosen["session_id"]
                day = parse_day_label(str(chosen["day"]))
            else:
                day = today
        rows = await office.store.sessions(
            project_id=project.project_id, sector_id=sector_id, first_day=day.isoformat(), last_day=day.isoformat()
        )
        await self._carry_enter_actions(office)
        people = await office.store.people_names()
        if token != self._load_token or not isValid(self):
            return  # a newer request (another day, another sector) is on its way, or the pane closed
        self._people = people
        self._show_sessions([row.data | {"pending": row.pending} for row in rows], day, prefer)
        await self._reload_ledger()

    async def _show_wanted(self, session_id: str) -> None:
        office = self._office
        if office is None:
            return
        self._load_token += 1
        token = self._load_token
        resolved = await office.store.resolve_session(session_id)
        data = await office.store.read(cache.session, resolved)
        if data is None:  # opened here and not on the server yet
            opened = await office.store.sessions(status="open")
            data = next((row.data for row in opened if row.data["session_id"] in (session_id, resolved)), None)
        if token != self._load_token or office is not self._office or not isValid(self):
            return
        if data is None:
            self.status_message.emit(self.tr("That session is not on this computer yet; press F5 to refresh."))
            return
        day = parse_day_label(str(data["day"]))
        rows = await office.store.sessions(
            project_id=data["project_id"], first_day=day.isoformat(), last_day=day.isoformat()
        )
        people = await office.store.people_names()
        if token != self._load_token or not isValid(self):
            return
        self._people = people
        self._show_sessions([row.data | {"pending": row.pending} for row in rows], day, data["session_id"])
        self._show_state()
        if self.isVisible() and self.entry_row.worker_edit.isEnabled():
            # Asked for to record in it (the Sessions pane's "Open tallies", a link to one's own session): the
            # keyboard is in the worker box, as after Ctrl+L, not left on the button of a pane now hidden.
            self.entry_row.focus_entry()
        await self._reload_ledger()

    async def _reload_ledger(self) -> None:
        """Read the selected session's ledger (and the day's or season's sums) again from the store."""
        office, session = self._office, self._session
        if office is None:
            return
        self._ledger_token += 1
        token = self._ledger_token
        made = self._local_changes
        selected = None if session is None else session["session_id"]
        scope: ScopeTally | None = None
        ledger: list[LedgerLine] = []
        closing = False
        if session is not None:
            session_id = await office.store.resolve_session(session["session_id"])
            ledger = await office.store.read(views.session_ledger, session_id)
            changes = await office.store.session_changes(session_id)
            closing = any(item.kind is EntryKind.CLOSE_SESSION for item in changes)
            if session_id != session["session_id"]:
                # Opened offline, numbered by the server since: go by the server's id from now on.
                self._carry_enter_action(session["session_id"], session_id)
                session = session | {"session_id": session_id, "pending": False}
        if self._scope != SESSION and self._selection.project is not None:
            apart = None if session is None else session["session_id"]
            scope = await office.store.read(scope_tally, **self._scope_range(), set_apart=apart)
        if not isValid(self):
            return  # the pane closed while reading
        if token != self._ledger_token or office is not self._office or selected != self._session_id():
            return  # something newer was asked for meanwhile
        if made != self._local_changes:
            # Entries were made while reading: the read may have missed them. They are on screen already; read
            # again once the burst is over rather than show less than the user just typed.
            self._reload_timer.start()
            return
        self._session = session
        self._closing = closing
        self._ledger = ledger
        self._scope_tally = scope
        self._show_session_details()
        self._show_tables()

    # ------------------------------------------------------------------------------------------ what the pane holds

    def _worker_rows(self) -> list[WorkerPayRow]:
        session = self._session
        sums = self._running_sums.of(session["session_id"], self._ledger) if session is not None else []
        if self._scope == SESSION or self._scope_tally is None:
            pricing = {session["session_id"]: Pricing.of_session(session)} if session is not None else {}
            return roll_up(sums, pricing)
        scope = self._scope_tally
        if session is None or scope.rows_apart is None:
            return scope.rows
        if session["session_id"] not in {data["session_id"] for data in scope.sessions}:
            return scope.rows_apart  # the session shown is outside the day or season shown
        # The selected session as typed here just now, the rest as the store summed them.
        return combine_rows(scope.rows_apart, roll_up(sums, {session["session_id"]: Pricing.of_session(session)}))

    def _session_id(self) -> str | None:
        return None if self._session is None else self._session["session_id"]

    def _chosen_day(self) -> date:
        chosen = self.day_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def _scope_range(self) -> dict[str, Any]:
        project = self._selection.project
        assert project is not None
        last = self._chosen_day()
        first = last
        if self._scope == SEASON:
            start = self.season_from.date()
            first = min(date(start.year(), start.month(), start.day()), last)
        return {
            "project_id": project.project_id,
            "sector_id": self._selection.sector.sector_id if self._selection.sector else None,
            "first_day": first.isoformat(),
            "last_day": last.isoformat(),
        }

    @staticmethod
    def _today(timezone: str) -> date:
        tz = farm_zone(timezone)
        return datetime.now(tz).date() if tz is not None else date.today()

    def _session_zone(self) -> ZoneInfo | None:
        """The farm's timezone of the session shown (its project's when the session names none)."""
        return farm_zone(self._session.get("timezone") if self._session else None) or (
            farm_zone(self._selection.project.timezone) if self._selection.project else None
        )

    def _entry_block_reason(self) -> str | None:
        session, office = self._session, self._office
        if session is None or office is None:
            return None
        if session.get("status") == "closed":
            return self.tr("This session is closed: its tally can be read and exported, but no longer changed.")
        if self._closing:
            return self.tr("This session is being closed: new entries would be refused.")
        if self._someone_elses(session):
            return self.tr("Only the supervisor who opened this session ({owner}) can record in it.").format(
                owner=self.person(session.get("owner_auth0_id"))
            )
        return None

    def _someone_elses(self, session: dict[str, Any]) -> bool:
        owner, office = session.get("owner_auth0_id"), self._office
        return bool(owner) and office is not None and owner != office.actions.auth0_id

    async def _sector_names(self, office: Office, project_id: str) -> dict[str, str]:
        """The project's sectors, id -> name: as the navigator lists them when it shows that project, else as this
        computer keeps them (a session shown from elsewhere, a worker's recent tallies say, while the navigator is
        on another project: it used to get no way forward at all)."""
        project = self._selection.project
        if project is not None and project.project_id == project_id:
            return {sector.sector_id: sector.sector_name for sector in project.sectors}
        rows = await office.store.sectors(project_id)
        return {str(row["sector_id"]): str(row.get("sector_name") or row["sector_id"]) for row in rows}

    async def _offer_own_session(self, shown_id: str) -> None:
        """Beside "only the supervisor who opened this session can record in it": a link to the supervisor's own
        open session in the project (today's first), or to opening one in a sector where one can open today (the
        colleague's sector cannot take a second one while theirs is open: one open session per sector and day)."""
        office, session = self._office, self._session
        if office is None or session is None:
            return
        opened = await office.store.sessions(project_id=session["project_id"], status="open")
        if office is not self._office or self._session_id() != shown_id or not isValid(self):
            return  # another session (or office) meanwhile
        me = office.actions.auth0_id
        today = self._today(str(session.get("timezone") or getattr(self._selection.project, "timezone", "") or ""))
        own = session_to_show([row.data for row in opened if row.data.get("owner_auth0_id") == me], me, today)
        if own is None:
            sectors = await self._sector_names(office, str(session["project_id"]))
            if office is not self._office or self._session_id() != shown_id or not isValid(self):
                return
            free = sector_free_on(
                [row.data for row in opened],
                project_id=session["project_id"],
                sector_ids=list(sectors),
                day=today,
                prefer=session.get("sector_id"),
            )
            if free is None:  # every sector has a session open today: none can be opened
                self._show_banner(self._entry_block_reason())
                return
            name = sectors[free]
            self._show_banner(
                self._entry_block_reason(),
                [(OPEN_SESSION_IN + free, self.tr("Open a session of your own in {sector}").format(sector=name))],
            )
            return
        where = own.get("sector_name") or own.get("sector_id") or ""
        day = iso_day_text(str(own["day"]), weekday=True)
        self._show_banner(
            self._entry_block_reason(),
            [
                (
                    SESSION_LINK + str(own["session_id"]),
                    self.tr("Go to your open session ({where}, {day})").format(where=where, day=day),
                )
            ],
        )
