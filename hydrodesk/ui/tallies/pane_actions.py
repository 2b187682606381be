"""What the user does in the Tallies pane: record units, undo the last entry, choose what Enter does, void.

Entries and voids become outbox entries at once (hydrodesk.sync.office) and show marked pending.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from hydrodesk.domain.outbox import is_local_id
from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.tally_entries import EntryView, is_suspected_duplicate
from hydrodesk.domain.tally_entry_text import EnterAction, default_enter_action
from hydrodesk.domain.tally_sums import Pricing
from hydrodesk.domain.worker_search import WorkerChoice
from hydrodesk.store.sqlite_errors import DiskFull
from hydrodesk.sync.photos import PhotoCache
from hydrodesk.ui.cache_file_text import disk_full_entry_text
from hydrodesk.ui.formats import amount_text, time_text
from hydrodesk.ui.tallies.void_dialog import VoidDialog

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from hydrodesk.store.outbox import OutboxItem
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)


class TalliesActions:
    """Records and voids entries. A part of TalliesPane
    (hydrodesk.ui.panes.tallies), which holds the state."""

    # ------------------------------------------------------------------------------------------ recording

    def _on_entry_requested(self, worker: WorkerChoice, units: float) -> None:
        session, office = self._session, self._office
        if session is None or office is None:
            self.entry_row.show_feedback(self.tr("Choose a session first."), error=True)
            return
        blocked = self._entry_block_reason()
        if blocked is not None:
            self.entry_row.show_feedback(blocked, error=True)
            return
        session_id = session["session_id"]
        try:
            # The commit starts here, on the key press, and runs while the window repaints; the task below only
            # waits for it (a task starts at the loop's next turn, which a busy machine makes late).
            saving = office.actions.record_units_soon(session_id, worker.worker_id, worker.name, units)
        except Exception as error:
            self._entry_not_saved(worker, error)
            return
        if (
            self.context.tasks.spawn_if_open(
                self._record(saving, office, session_id, worker, units), name="tallies-record"
            )
            is None
        ):
            saving.close()  # shutting down: the commit goes on, nothing is left to show it

    def _entry_not_saved(self, worker: WorkerChoice, error: Exception) -> None:
        # The store closed, a bug: say so, keep the pane usable.
        log.error("recording a tally entry failed", exc_info=error)
        self.entry_row.show_feedback(
            self.tr("The entry for {name} could not be saved: {error}").format(name=worker.name, error=error),
            error=True,
        )

    async def _record(
        self, saving: Awaitable[OutboxItem], office: Office, session_id: str, worker: WorkerChoice, units: float
    ) -> None:
        try:
            item = await saving
        except DiskFull:  # refused whole; the entries saved before stay saved
            self.entry_row.show_feedback(disk_full_entry_text(worker.name), error=True)
            return
        except Exception as error:
            self._entry_not_saved(worker, error)
            return
        line = LedgerLine(
            worker_id=worker.worker_id,
            worker_name=worker.name,
            units=float(units),
            status=LineStatus.PENDING,
            client_event_id=item.idem_key,
            entry_id=item.entry_id,
            recorded_at=item.payload.get("recorded_at_utc"),
        )
        self.entry_row.show_recorded(worker, units, time_text(line.recorded_at, self._session_zone(), seconds=True))
        self._last_entry = (line, worker)
        if worker.photo_url:
            self._spawn(self._show_entry_photo(office, worker), "tallies-entry-photo")
        if self._session is None or self._session["session_id"] not in (session_id, item.payload.get("session_id")):
            return  # saved; it shows when that session is shown again
        self._local_changes += 1
        duplicate = is_suspected_duplicate(line, self._ledger, self.duplicate_spin.value())
        self._ledger.append(line)
        self.workers_model.update_rows(self._worker_rows())
        self._show_totals()
        self.entries_model.prepend(EntryView(line=line, duplicate=duplicate))
        self._update_void_buttons()
        self._update_chip()
        self.tally_changed.emit()

    async def _show_entry_photo(self, office: Office, worker: WorkerChoice) -> None:
        """The worker's photo on the confirmation card, from the photos saved on this computer (no network: an
        entry must not wait for one)."""
        assert worker.photo_url is not None
        photo = await PhotoCache.beside(office.store.path).cached(worker.photo_url)
        last = self._last_entry
        if last is not None and last[1] is worker:
            self.entry_row.last_entry.show_photo(photo)

    def undo_last_entry(self) -> None:
        """Ctrl+Z: void the last entry made in the row, with the reason "entry mistake", at once."""
        last = self._last_entry
        if last is None or self._office is None or self._session is None:
            self.entry_row.show_feedback(self.tr("Nothing to undo: no entry was made here in this session yet."))
            return
        line, worker = last
        self._last_entry = None  # one undo per entry: a second Ctrl+Z must not void anything else
        reason = self.tr("entry mistake")
        self.entry_row.show_undone(worker.name, line.units, reason)
        self._spawn(self._void([EntryView(line=line)], reason), "tallies-undo")

    def _forget_last_entry(self) -> None:
        """Another session is shown: Ctrl+Z must not reach back into the one left."""
        self._last_entry = None
        self.entry_row.clear_last_entry()

    # ------------------------------------------------------------------------------------------ what Enter does

    def _on_enter_action_changed(self, action: EnterAction) -> None:
        session = self._session
        if session is None:
            return
        self._enter_actions[session["session_id"]] = action
        state = self.context.ui_state
        if state is not None:
            state.set_enter_action(session["session_id"], action.value)

    def _carry_enter_action(self, local_id: str, server_id: str) -> None:
        """A session opened here got its server id: its Enter choice goes with it."""
        state = self.context.ui_state
        chosen = self._enter_actions.pop(local_id, None)
        if chosen is None and state is not None:
            chosen = next((action for action in EnterAction if action.value == state.enter_action(local_id)), None)
        if chosen is None:
            return
        self._enter_actions[server_id] = chosen
        if state is not None:
            state.set_enter_action(server_id, chosen.value)
            state.forget_enter_action(local_id)

    async def _carry_enter_actions(self, office: Office) -> None:
        """Choices made for sessions opened here (this run or an earlier one) follow them to their server ids."""
        state = self.context.ui_state
        local_ids = {key for key in self._enter_actions if is_local_id(key)}
        if state is not None:
            local_ids.update(key for key in state.enter_action_sessions() if is_local_id(key))
        for local_id in local_ids:
            server_id = await office.store.resolve_session(local_id)
            if server_id != local_id:
                self._carry_enter_action(local_id, server_id)

    def _enter_action_for(self, session: dict[str, Any], unit: str) -> EnterAction:
        """The session's own choice (made here, or remembered from an earlier run), else what its unit suggests."""
        chosen = self._enter_actions.get(session["session_id"])
        if chosen is None and self.context.ui_state is not None:
            saved = self.context.ui_state.enter_action(session["session_id"])
            chosen = next((action for action in EnterAction if action.value == saved), None)
        return chosen or default_enter_action(unit)

    # ------------------------------------------------------------------------------------------ voiding

    def _selected_entry(self) -> EntryView | None:
        index = self.entries_table.view.currentIndex()
        if not index.isValid():
            return None
        return self.entries_model.entry_at(self.entries_table.proxy.mapToSource(index).row())

    def _flagged(self) -> list[EntryView]:
        return [entry for entry in self.entries_model.entries if entry.duplicate and entry.voidable]

    def request_void_selected(self) -> VoidDialog | None:
        """Delete / Void…: ask for a reason, then void the selected entry."""
        entry = self._selected_entry()
        if entry is None or not entry.voidable:
            self.status_message.emit(self.tr("Select an entry that can be voided (not a void, not voided already)."))
            return None
        line = entry.line
        unit = Pricing.of_session(self._session).sampling_unit if self._session else ""
        timezone = self._session_zone()
        return self._open_void_dialog(
            [entry],
            self.tr("Void {amount} of {name}?").format(amount=amount_text(line.units, unit), name=line.worker_name),
            self.tr("Recorded at {time} for {id}.").format(
                time=time_text(line.recorded_at, timezone, seconds=True), id=line.worker_id
            ),
        )

    def request_void_flagged(self) -> VoidDialog | None:
        """Void every suspected duplicate at once, with one reason."""
        flagged = self._flagged()
        if not flagged:
            self.status_message.emit(self.tr("No entries are flagged as possible duplicates."))
            return None
        names = sorted({entry.line.worker_name for entry in flagged})
        shown = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
        heading = (
            self.tr("Void 1 flagged entry?")
            if len(flagged) == 1
            else self.tr("Void {count} flagged entries?").format(count=len(flagged))
        )
        details = self.tr("Each follows the same worker's previous delivery within {seconds} s: {names}.").format(
            seconds=self.duplicate_spin.value(), names=shown
        )
        return self._open_void_dialog(flagged, heading, details)

    def _open_void_dialog(self, entries: list[EntryView], heading: str, details: str) -> VoidDialog:
        dialog = VoidDialog(heading=heading, details=details, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda reason: self._spawn(self._void(entries, reason), "tallies-void"))
        dialog.open()
        return dialog

    async def _void(self, entries: list[EntryView], reason: str) -> None:
        office, session = self._office, self._session
        if office is None or session is None:
            return
        voided = 0
        for entry in entries:
            line = entry.line
            try:
                if line.record_id is not None:
                    await office.actions.void_record(session["session_id"], reason, record_id=line.record_id)
                else:
                    await office.actions.void_record(
                        session["session_id"], reason, client_event_id=line.client_event_id
                    )
            except Exception as error:  # a record this computer cannot name any more: say which
                log.warning("voiding %s failed: %s", line.client_event_id or line.record_id, error)
                self.status_message.emit(
                    self.tr("Could not void the entry of {name}: {error}").format(name=line.worker_name, error=error)
                )
                continue
            voided += 1
        if voided:
            self.status_message.emit(
                self.tr("Voided 1 entry.") if voided == 1 else self.tr("Voided {count} entries.").format(count=voided)
            )
        await self._reload_ledger()
