"""Adding a worker to the roster (Ctrl+N), or correcting one the server refused: the create-worker form, saved
through the outbox so it works offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from shiboken6 import isValid

from hydrodesk.domain.roster import full_name
from hydrodesk.store.outbox import OutboxError
from hydrodesk.store.sqlite_errors import DiskFull
from hydrodesk.ui.cache_file_text import disk_full_change_text
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.workers.create_dialog import CreateWorkerDialog

if TYPE_CHECKING:
    from hydrodesk.api.models import NewWorker


class WorkerAdding(Mixin):
    """A mixin of WorkersPane: opens the create-worker form (one at a time) and saves what it submits."""

    # ------------------------------------------------------------------------------------------ creating
    def open_create_dialog(self) -> CreateWorkerDialog | None:
        """Ctrl+N: the create-worker form (None while signed out)."""
        return self._open_dialog(None, None)

    def open_edit_dialog(self, entry_id: str) -> CreateWorkerDialog | None:
        """The form again, filled in with a worker the server refused, to correct it and send it again."""
        row = next((row for row in self.model.rows if row.entry is not None and row.entry.entry_id == entry_id), None)
        if row is None or row.entry is None:
            return None
        return self._open_dialog(entry_id, row.entry.payload.get("new_worker") or {})

    def _open_dialog(self, entry_id: str | None, worker: dict | None) -> CreateWorkerDialog | None:  # type: ignore[type-arg]
        if self._ensure_office() is None:
            self.status_message.emit(self.tr("Sign in to add workers."))
            return None
        if self.create_dialog is not None and isValid(self.create_dialog):
            self.create_dialog.close()
        dialog = CreateWorkerDialog(self._options, self._holders, editing_entry=entry_id, worker=worker, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda new_worker: self._spawn(self._save(dialog, new_worker), "worker-save"))
        self.create_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        # Not exec(): a modal loop inside the asyncio loop would stall every background task.
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: CreateWorkerDialog) -> None:
        if self.create_dialog is dialog:
            self.create_dialog = None

    async def _save(self, dialog: CreateWorkerDialog, worker: NewWorker) -> None:
        office = self._office
        if office is None:
            dialog.show_error(self.tr("Sign in again to save this worker."))
            return
        dialog.set_busy(True)
        try:
            if dialog.editing_entry is not None:
                item = await office.choices.edit_worker(dialog.editing_entry, worker)
            else:
                item = await office.actions.create_worker(worker)
        except DiskFull:  # refused whole; what was saved before stands
            if isValid(dialog):
                dialog.show_error(disk_full_change_text())
            return
        except (OutboxError, ValueError) as error:
            if isValid(dialog):
                dialog.show_error(self.tr("The worker could not be saved: {reason}").format(reason=error))
            return
        if not isValid(self):
            return
        worker_id = str(item.payload.get("worker_id"))
        self._selected = (f"pending:{item.entry_id}", worker_id)
        if isValid(dialog):
            dialog.accept()
        self.status_message.emit(
            self.tr("{name} saved as {id}; it is sent to the server as soon as it can be reached.").format(
                name=full_name(item.payload.get("new_worker") or {}), id=worker_id
            )
        )
        # Show the new worker even if a search or filter would hide it.
        if not self._filter.matches({**(item.payload.get("new_worker") or {}), "worker_id": worker_id}):
            self.clear_filters()
        await self.reload()
