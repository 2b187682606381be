"""What the user can do with entries waiting in the outbox: retry, discard (kept as history), move records to another
session, or correct a refused record, worker or valve command; each done through the office's outbox choices, with
what happened said in the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.store.outbox_view import OutboxLine
from hydrodesk.ui.cache_file_text import disk_full_change_text, is_disk_full_error
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.outbox.dialogs import (
    DiscardDialog,
    EditRecordDialog,
    EditValveCommandDialog,
    EditWorkerDialog,
    MoveDialog,
    move_target,
)

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger("hydrodesk.ui.panes.outbox")  # the name the log has always used for these lines


class EntryChoices(Mixin):
    """A mixin of OutboxPane: the choice buttons' actions and their dialogs."""

    # ------------------------------------------------------------------------------------------ choices
    def retry_selected(self) -> None:
        office = self.context.office()
        ids = [line.entry_id for line in self.selected_lines() if line.needs_attention]
        if office is None or not ids:
            return

        async def retry() -> None:
            requeued = await office.choices.retry(ids)
            self._say_count(
                len(requeued), self.tr("Sending 1 change again."), self.tr("Sending {count} changes again.")
            )

        self._choose(retry())

    def discard_selected(self) -> None:
        lines = self.selected_lines()
        office = self.context.office()
        if office is None or not lines:
            return
        ids = [line.entry_id for line in lines]
        dialog = DiscardDialog(len(ids), self)

        def discard() -> None:
            reason = dialog.reason

            async def run() -> None:
                await office.choices.discard(ids, reason)
                self._say_count(len(ids), self.tr("Discarded 1 change."), self.tr("Discarded {count} changes."))

            self._choose(run())

        self._open(dialog, discard)

    def move_selected(self) -> None:
        lines = self.selected_lines()
        office = self.context.office()
        if office is None or not lines or not all(line.movable for line in lines):
            return
        self._choose(self._offer_move(office, [line.entry_id for line in lines]))

    async def _offer_move(self, office: Office, ids: list[str]) -> None:
        rows = await office.choices.move_targets(ids[0])
        targets = [move_target(row.data) for row in rows]
        if not targets:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("No open session"),
                self.tr(
                    "There is no open session to move these records to. Open a session for that sector (or "
                    "another), then try again; or discard the records with a reason."
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._open(box, lambda: None)
            return
        dialog = MoveDialog(len(ids), targets, self)

        def move() -> None:
            session_id = dialog.session_id
            if session_id is None:
                return

            async def run() -> None:
                await office.choices.move_records(ids, session_id)
                self._say_count(len(ids), self.tr("Moved 1 record."), self.tr("Moved {count} records."))

            self._choose(run())

        self._open(dialog, move)

    def edit_selected(self) -> None:
        lines = self.selected_lines()
        office = self.context.office()
        if office is None or len(lines) != 1 or not lines[0].editable:
            return
        self._choose(self._offer_edit(office, lines[0]))

    async def _offer_edit(self, office: Office, line: OutboxLine) -> None:
        if line.kind is EntryKind.CREATE_RECORD:
            rows = await office.store.workers()
            workers = [
                (
                    str(row.data["worker_id"]),
                    f"{row.data.get('first_name', '')} {row.data.get('last_name', '')}".strip(),
                )
                for row in rows
            ]
            record_dialog = EditRecordDialog(line.payload, workers, self)

            def edit_record() -> None:
                values = record_dialog.values
                self._choose(self._edited(office.choices.edit_record(line.entry_id, **values)))

            self._open(record_dialog, edit_record)
        elif line.kind is EntryKind.CREATE_WORKER:
            worker_dialog = EditWorkerDialog(line.payload, self)

            def edit_worker() -> None:
                from pydantic import ValidationError

                from hydrodesk.api.models import NewWorker

                try:
                    worker = NewWorker.model_validate(worker_dialog.worker)
                except ValidationError as error:
                    self._say_failure(str(error.errors()[0].get("msg", error)))
                    return
                self._choose(self._edited(office.choices.edit_worker(line.entry_id, worker)))

            self._open(worker_dialog, edit_worker)
        elif line.kind is EntryKind.VALVE_COMMAND:
            valve_dialog = EditValveCommandDialog(line.payload, self)

            def edit_valve() -> None:
                from hydrodesk.domain.timestamps import now_utc

                deadline = now_utc() + timedelta(minutes=valve_dialog.deadline_minutes)
                duration = valve_dialog.duration_minutes
                self._choose(
                    self._edited(
                        office.choices.edit_valve_command(line.entry_id, expires_at=deadline, duration_min=duration)
                    )
                )

            self._open(valve_dialog, edit_valve)

    async def _edited(self, edit: Coroutine[Any, Any, Any]) -> None:
        await edit
        self.status_message.emit(self.tr("Corrected; sending it again."))

    # ------------------------------------------------------------------------------------------ plumbing
    def _open(self, dialog: QWidget, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))  # type: ignore[attr-defined]
        # open(), never exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        dialog.open()  # type: ignore[attr-defined]

    def _forget_dialog(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _choose(self, work: Coroutine[Any, Any, None]) -> None:
        async def guarded() -> None:
            from hydrodesk.store.outbox import OutboxError

            try:
                await work
            except Exception as error:
                if is_disk_full_error(error):  # SQLite's own words would be English and technical
                    self.status_message.emit(disk_full_change_text())
                elif isinstance(error, OutboxError):
                    self._say_failure(str(error))
                else:
                    raise
            self._schedule_reload()

        self.context.tasks.spawn_if_open(guarded(), name="outbox-choice")

    def _say_count(self, count: int, one: str, many: str) -> None:
        self.status_message.emit(one if count == 1 else many.format(count=count))

    def _say_failure(self, reason: str) -> None:
        self.status_message.emit(self.tr("That could not be done: {reason}").format(reason=reason))
