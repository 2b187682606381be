"""Loading the forms pane: the company's forms, this office's submissions and the farm's place names, read from
the office's local store (never the network) when shown and whenever the sync engine reports news; F5 fetches the
forms from the server first."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.store import cache
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.forms.history import Places
from hydrodesk.ui.mixin import Mixin

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger("hydrodesk.ui.panes.forms")  # the name the log has always used for these lines


class FormsLoading(Mixin):
    """A mixin of FormsPane: follows the office and reads what the pane shows."""

    # ------------------------------------------------------------------------------------------ the office
    def _ensure_office(self) -> Office | None:
        office = self.context.office()
        if office is self._office:
            return office
        self._engine.follow(office)
        self._office = office
        self._loaded = False
        return office

    def _on_sync_status(self, status: SyncStatus) -> None:
        previous, self._sync = self._sync, status
        self._show_banner()
        interesting = (status.pending, status.failed, status.last_sync_at)
        if previous is None or (previous.pending, previous.failed, previous.last_sync_at) != interesting:
            self._sync_timer.start()  # a submission went through or stopped, or the cache was refreshed

    def _reload_if_shown(self) -> None:
        if self.isVisible():
            self._spawn(self.reload(), "forms-reload")
        else:
            self._stale = True

    def _refresh_in_background(self) -> None:
        self._spawn(self.refresh(), "forms-refresh")

    def _spawn(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        self.context.tasks.spawn_if_open(work, name=name)

    async def _first_load(self) -> None:
        """Show the cached forms at once; fetch them when this computer has none yet."""
        await self.reload()
        if isValid(self) and self._office is not None and not self._forms and not self._refreshing:
            await self.refresh()

    # ------------------------------------------------------------------------------------------ loading
    async def reload(self) -> bool:
        """Read the forms, this office's submissions and the farm's names from the local store (never the network)."""
        office = self._ensure_office()
        if office is None:
            self._show_signed_out()
            return False
        self._generation += 1
        generation = self._generation
        forms = await office.store.read(cache.forms)
        refreshed = await office.store.read(cache.refreshed_at, "forms")
        items = await office.store.outbox_items(kinds=[EntryKind.SUBMIT_FORM], newest_first=True)
        projects = await office.store.projects()
        if not isValid(self) or generation != self._generation or office is not self._office:
            return False
        self._refreshed_at = refreshed
        self._places = _places(projects)
        self._show_forms(forms)
        self._show_history(items)
        self._show_subtitle()
        self._show_banner()
        self._loaded = True
        self.forms_loaded.emit()
        for entry_id in [entry for entry in self._just_saved if self.history_model.row_of(entry) >= 0]:
            self._just_saved.remove(entry_id)
            self.submission_saved.emit(entry_id)
        if not self._ready_announced and self.is_data_ready():
            self._ready_announced = True
            log.info("forms pane shows %d forms and %d submissions", len(self._forms), len(items))
            self.data_ready.emit()
        return True


def _places(projects: list[dict[str, Any]]) -> Places:
    sectors: dict[str, str] = {}
    names: dict[str, str] = {}
    zones: dict[str, str] = {}
    for project in projects:
        project_id = str(project.get("project_id"))
        names[project_id] = str(project.get("name") or project_id)
        if project.get("timezone"):
            zones[project_id] = str(project["timezone"])
        for sector in project.get("sectors") or []:
            sectors[str(sector.get("sector_id"))] = str(sector.get("sector_name") or sector.get("sector_id"))
    return Places(sectors, names, zones)
