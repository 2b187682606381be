"""Loading the scouting pane: the company's records for the chosen days from the office's cache at once, fetched
from the server in the background, and again whenever the sync engine delivers news."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.domain.phyto_heatmap import build_heatmap
from hydrodesk.domain.phyto_range import DayRange, fetched_at, utc_bounds
from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.store import phyto as phyto_store
from hydrodesk.ui import formats
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.phyto.records_model import response_rows

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office
    from hydrodesk.sync.status import SyncStatus

log = logging.getLogger("hydrodesk.ui.panes.phyto")  # the name the log has always used for these lines


class ScoutingLoading(Mixin):
    """A mixin of PhytoPane: reloads the records, the thresholds and the heatmap for the range and scope chosen."""

    # ------------------------------------------------------------------------------------------ loading
    def _spawn(self, coroutine: Any, name: str) -> None:
        self.context.tasks.spawn_if_open(coroutine, name=name)

    def _timezone_for_scope(self) -> str:
        project = self._selection.project
        if project is not None and formats.farm_zone(project.timezone) is not None:
            return project.timezone
        return self._timezone

    async def reload(self, *, fetch: bool = True) -> None:
        """Show the cache for the scope and range, then (if `fetch`) fetch the range and show it again."""
        office = self.context.office()
        if office is None:
            self._show_state(
                self.tr("Not signed in"), self.tr("Sign in to see the farm's scouting."), action=None, tone="neutral"
            )
            return
        if self._engine.follow(office):
            self._sent_forms = None
        async with self._load_lock:
            await self._resolve_company(office)
            days = self.current_range()
            self._show_dates(days)
            await self._show_cached(office, days)
            if not fetch:
                return
            client = self.context.client()
            if client is None or self._company_id is None:
                self.fetches_done += 1  # nothing to fetch with: what the cache holds is all there is
                self.data_ready.emit()
                return
            if self._sent_forms is None:
                # Forms delivered from now on are news; those delivered before are in the fetch that follows. (Had
                # the first sync news taught this, a form delivered within the news' delay of the pane opening
                # would have counted as old, and its record would not have shown.)
                self._sent_forms = await self._delivered_forms(office)
            self.refresh_button.setEnabled(False)
            try:
                from hydrodesk.api.errors import ApiError
                from hydrodesk.sync.phyto import fetch_scouting
                from hydrodesk.ui.error_text import user_message

                try:
                    await self.context.monitor.call(
                        fetch_scouting(office.store, office.engine.refresher, self._company_id, days)
                    )
                except ApiError as error:
                    self._problem = user_message(error)
                    log.info("scouting not fetched: %s", error)
                else:
                    self._problem = None
            finally:
                if isValid(self):
                    self.refresh_button.setEnabled(True)
            if isValid(self) and self.context.office() is office:
                await self._show_cached(office, days)
                self.fetches_done += 1
                self.data_ready.emit()

    def _on_sync_status(self, status: SyncStatus) -> None:
        news = (status.pending, status.last_sync_at)
        if news != self._sync_news:
            self._sync_news = news
            self._deliveries_timer.start()

    async def _fetch_after_delivery(self) -> None:
        office = self._engine.office
        if office is None:
            return
        sent = await self._delivered_forms(office)
        if not isValid(self) or office is not self._engine.office:
            return
        known, self._sent_forms = self._sent_forms, sent
        if known is None or not sent - known:
            return  # no fetch yet to compare with (it comes with the pane's first showing), or nothing new
        log.info("a form was delivered: fetching the scouting range again")
        if self.isVisible():
            await self.reload()
        else:
            self._stale = True  # fetched when the pane is next shown

    @staticmethod
    async def _delivered_forms(office: Office) -> set[str]:
        """The outbox entries of the forms this office has delivered."""
        sent = await office.store.outbox_items(states=[EntryState.DONE], kinds=[EntryKind.SUBMIT_FORM])
        return {item.entry_id for item in sent}

    async def _resolve_company(self, office: Office) -> None:
        project = self._selection.project
        company_id = project.company_id if project is not None else None
        client = self.context.client()
        if company_id is None and client is not None:
            company_id = client.credentials.company_id
        if company_id is None:
            names = await office.store.company_names()
            company_id = next(iter(sorted(names)), None)
        if company_id != self._company_id:
            self._company_id = company_id
            self._book = (
                await office.store.read(phyto_store.load_thresholds, company_id) if company_id else ThresholdBook()
            )
        if company_id is not None:
            zone = await office.store.read(phyto_store.company_timezone, company_id)
            if zone and formats.farm_zone(zone) is not None:
                self._timezone = zone

    async def _show_cached(self, office: Office, days: DayRange) -> None:
        zone = self._timezone_for_scope()
        first, after = utc_bounds(days, zone)
        since, until = utc_text(first), utc_text(after)
        project = self._selection.project
        sector = self._selection.sector
        scope = {
            "project_id": project.project_id if project is not None else None,
            "sector_id": sector.sector_id if sector is not None else None,
        }
        counts = await office.store.read(phyto_store.heatmap_counts, since, until, **scope)
        records = await office.store.read(phyto_store.scouting_records, since, until, **scope)
        fetches = await office.store.read(phyto_store.fetched_ranges, self._company_id) if self._company_id else []
        if not isValid(self):
            return
        known: list[tuple[str, str, str | None]] = []
        if sector is not None and project is not None:
            known = [(sector.sector_id, sector.sector_name, project.project_id)]
        elif project is not None:
            known = [(item.sector_id, item.sector_name, project.project_id) for item in project.sectors]
        self._records = records
        self._office_shown = office
        self._age = fetched_at(fetches, days)
        self._loaded = True
        self.show_heatmap(build_heatmap(*counts, known_sectors=known))
        self.records_model.set_rows(response_rows(records, zone))
        self.records_table.set_empty_text(self.tr("No scouting records in these dates. Choose a longer range above."))
        self._show_subtitle()
