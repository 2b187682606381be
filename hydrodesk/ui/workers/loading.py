"""Reading the roster into the workers pane: from the office's local store (never the network) whenever the pane is
shown or the sync engine reports news, with the company's template options for the filters and the form."""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from hydrodesk.domain.roster import OptionLists, RosterFilter
from hydrodesk.store import roster
from hydrodesk.sync.photos import PhotoCache
from hydrodesk.sync.roster import LoadedOptions, OptionsSource, load_worker_options
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.workers.labels import label_for

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger("hydrodesk.ui.panes.workers")  # the name the log has always used for these lines

CONTENT_PAGE, STATE_PAGE = 0, 1  # the pane's pages: the roster, or a state page


class RosterLoading(Mixin):
    """A mixin of WorkersPane: follows the office, reads the roster snapshot and shows it."""

    # ------------------------------------------------------------------------------------------ the office
    def _ensure_office(self) -> Office | None:
        office = self.context.office()
        if office is self._office:
            return office
        self._engine.follow(office)
        self._office = office
        self._snapshot = None
        self._options, self._options_source = OptionLists(), None
        self._refresh_problem = None
        self._photos = PhotoCache.beside(office.store.path) if office is not None else None
        return office

    def _on_sync_status(self, status: SyncStatus) -> None:
        previous, self._sync = self._sync, status
        self._show_banner()
        interesting = (status.pending, status.failed, status.conflicts, status.last_sync_at)
        if previous is None or (previous.pending, previous.failed, previous.conflicts, previous.last_sync_at) != (
            interesting
        ):
            self._sync_timer.start()  # a worker went through, stopped, or the cache was refreshed

    # ------------------------------------------------------------------------------------------ loading
    def _first_load_in_background(self) -> None:
        self._spawn(self._first_load(), "workers-first-load")

    def _reload_in_background(self) -> None:
        self._stale = False
        self._spawn(self.reload(), "workers-reload")

    def _reload_if_shown(self) -> None:
        # Other panes make sync busy all day (a tally entry per delivery); a hidden roster only notes it.
        if self.isVisible():
            self._reload_in_background()
        else:
            self._stale = True

    def _refresh_in_background(self) -> None:
        self._spawn(self.refresh(), "workers-refresh")

    def _spawn(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        self.context.tasks.spawn_if_open(work, name=name)

    async def _first_load(self) -> None:
        """Show what the cache holds at once; fetch the template options if this computer never had them."""
        await self.reload()
        office = self._office
        if office is None or not isValid(self) or self._options_source in (OptionsSource.SERVER, OptionsSource.CACHE):
            return
        loaded = await load_worker_options(office.store, office.engine.client, fetch=True)
        if isValid(self) and office is self._office:
            self._use_options(loaded)

    async def reload(self) -> bool:
        """Read the roster from the local store (never the network) and show it; False without an office."""
        office = self._ensure_office()
        if office is None:
            self._show_signed_out()
            return False
        self._reload_generation += 1
        generation = self._reload_generation
        wanted = self._filter
        snapshot = await office.store.read(roster.snapshot, wanted)
        loaded = None
        if self._options_source is None:
            loaded = await load_worker_options(office.store, office.engine.client, fetch=False)
        if not isValid(self) or generation != self._reload_generation or office is not self._office:
            return False
        if loaded is not None:
            self._use_options(loaded)
        self._apply_snapshot(snapshot)
        self.roster_loaded.emit()
        return True

    def _use_options(self, loaded: LoadedOptions) -> None:
        self._options, self._options_source = loaded.options, loaded.source
        for combo, values in (
            (self.status_filter, loaded.options.statuses),
            (self.position_filter, loaded.options.positions),
            (self.employment_filter, loaded.options.employment_types),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(label_for(value), value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _apply_snapshot(self, snapshot: roster.RosterSnapshot) -> None:
        self._snapshot = snapshot
        self._holders = snapshot.holders
        if self.create_dialog is not None and isValid(self.create_dialog) and self.create_dialog.isVisible():
            self.create_dialog.set_holders(snapshot.holders)
        self._show_subtitle()
        self._show_banner()
        if snapshot.cached == 0 and snapshot.pending == 0:
            self._show_empty_roster()
            return
        self.stack.setCurrentIndex(CONTENT_PAGE)
        self._applying = True
        try:
            self.model.set_rows(snapshot.rows)
            row = self._selected_row_index()
            self.table.select_source_row(row)
        finally:
            self._applying = False
        self._show_detail(self.model.row_at(row) if row >= 0 else None)
        filtered = self._filter != RosterFilter()
        self.no_match_label.setVisible(not snapshot.rows and filtered)
        self.no_match_label.setText(
            self.tr("No worker matches this search and these filters. Clear them to see the whole roster.")
        )
        self.clear_button.setEnabled(filtered)

    def _selected_row_index(self) -> int:
        if self._selected is None:
            return -1
        key, worker_id = self._selected
        row = self.model.row_of(key)
        if row < 0:  # a worker made here, confirmed meanwhile: now it goes by its worker_id
            row = self.model.row_of(worker_id)
        return row
