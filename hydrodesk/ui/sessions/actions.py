"""What the sessions pane does to a session: open, edit, extend and close it through dialogs (each saved to the
outbox first, so it works offline), open its tallies, and retry or discard a change the server refused."""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

from hydrodesk.domain.session_board import find_open_clash, opened_at_of
from hydrodesk.domain.sessions import MAX_DURATION_LIMIT_HOURS, RuleError, check_extension, session_day
from hydrodesk.store.sqlite_errors import DiskFull
from hydrodesk.ui import formats
from hydrodesk.ui.cache_file_text import disk_full_change_text, is_disk_full_error
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.sessions.dialogs import (
    CloseSessionDialog,
    EditSessionDialog,
    ExtendSessionDialog,
    OpenRequest,
    OpenSessionDialog,
)
from hydrodesk.ui.sessions.rows import SessionRow, closing_ids

if TYPE_CHECKING:
    from hydrodesk.api.models import SessionClose, SessionUpdate


class SessionActions(Mixin):
    """A mixin of SessionsPane: the session dialogs and what their answers do. One dialog at a time."""

    def open_session_dialog(self, *, then_tallies: bool = False) -> OpenSessionDialog | None:
        """The dialog that opens a session in the selected project and sector. `then_tallies`: once opened, show
        its tallies (asked for from the Tallies pane, whose user came to record in it)."""
        project, office = self._selection.project, self.context.office()
        if project is None or office is None:
            self.status_message.emit(self.tr("Choose a project in the navigator first."))
            return None
        if not project.sectors:
            self.status_message.emit(
                self.tr("{project} has no sectors to open a session in.").format(project=project.name)
            )
            return None
        sector = self._selection.sector
        dialog = OpenSessionDialog(project, None if sector is None else sector.sector_id, self.clock(), self)
        dialog.submitted.connect(lambda request: self._spawn(self._open(dialog, request, then_tallies), "session-open"))
        self._show_dialog(dialog)
        return dialog

    async def _open(self, dialog: OpenSessionDialog, request: OpenRequest, then_tallies: bool = False) -> bool:
        from pydantic import ValidationError

        from hydrodesk.store.outbox import OutboxError
        from hydrodesk.store.session_board import open_sessions

        office = self.context.office()
        if office is None:
            _problem(dialog, self.tr("You are signed out: sign in again to open a session."))
            return False
        day = session_day(request.opened_at, request.timezone)
        known = await office.store.read(
            open_sessions, project_id=request.project_id, sector_id=request.sector_id, day=day.isoformat()
        )
        # A session this computer tried to open and the server refused never opened: it holds nothing.
        live = [
            entry for entry in known if not (entry.row.pending and entry.row.entry and entry.row.entry.needs_attention)
        ]
        clash = find_open_clash(
            [entry.row.data for entry in live],
            project_id=request.project_id,
            sector_id=request.sector_id,
            day=day,
            closing=closing_ids(live),
        )
        if clash is not None:
            _problem(dialog, self.one_open_message(clash, request.sector_name, day))
            return False
        try:
            pending = await office.actions.open_session(
                request.project_id,
                request.sector_id,
                request.sector_name,
                opened_at=request.opened_at,
                sampling_unit=request.sampling_unit,
                price_per_unit=request.price_per_unit,
                bonus=request.bonus,
                max_duration_hours=request.max_duration_hours,
                notes=request.notes,
            )
        except DiskFull:  # refused whole; what was saved before stands
            _problem(dialog, disk_full_change_text())
            return False
        except (ValidationError, OutboxError, ValueError) as error:
            _problem(dialog, self.tr("The session could not be saved: {reason}").format(reason=error))
            return False
        if isValid(dialog):
            dialog.accept()
        if not isValid(self):
            return True
        self._selected_key = pending.session_id
        self.status_message.emit(
            self.tr("Session opened for {sector}; it is sent to the server in the background.").format(
                sector=request.sector_name
            )
        )
        if day != self._day:
            self._set_day(day, fetch=False)
        await self.reload()
        if then_tallies and isValid(self):
            self.session_activated.emit(pending.session_id)
        return True

    def one_open_message(self, clash: dict[str, Any], sector_name: str, day: date) -> str:
        """The rule, in plain words, with the session that is in the way."""
        owner = clash.get("owner_auth0_id")
        zone = clash.get("timezone") or None
        facts = {
            "sector": sector_name,
            "day": formats.day_text(day),
            "owner": self.model.owner_text(clash),
            "time": formats.time_text(opened_at_of(clash), zone),
            "zone": formats.zone_label(zone),
            "id": clash.get("session_id"),
        }
        # One whole sentence per opener, so each language can word "you opened it" its own way. Only its opener can
        # record into a session or close it: a colleague's is theirs to close, and another sector is the way on.
        way_on = self.tr("Close that session, or record into it, before opening another one.")
        if owner is not None and owner == self._me():
            opened = self.tr("You opened it at {time} ({zone}), session {id}.")
        elif owner:
            opened = self.tr("{owner} opened it at {time} ({zone}), session {id}.")
            way_on = self.tr("Only {owner} can record into it or close it: open yours in another sector.")
        else:
            opened = self.tr("It was opened at {time} ({zone}), session {id}.")
        return " ".join(
            (
                self.tr(
                    "Only one session can be open per sector and day. {sector} already has an open session on {day}."
                ).format(**facts),
                opened.format(**facts),
                way_on.format(**facts),
            )
        )

    # ------------------------------------------------------------------------------------------ edit, extend, close
    def _changeable_row(self) -> SessionRow | None:
        row = self.selected_row()
        why = self._why_not_changeable(row)
        if why is not None:
            self.status_message.emit(why)
            return None
        return row

    def edit_session_dialog(self) -> EditSessionDialog | None:
        row = self._changeable_row()
        if row is None:
            return None
        dialog = EditSessionDialog(dict(row.data), self)
        key = row.key
        dialog.submitted.connect(lambda update: self._spawn(self._update(dialog, key, update), "session-update"))
        self._show_dialog(dialog)
        return dialog

    async def _update(self, dialog: EditSessionDialog, key: str, update: SessionUpdate) -> bool:
        office = self.context.office()
        if office is None:
            _problem(dialog, self.tr("You are signed out: sign in again to change the session."))
            return False
        if not await _saved(dialog, office.actions.update_session(key, update)):
            return False
        return await self._done(
            dialog, self.tr("Session changes saved; they are sent to the server in the background.")
        )

    def extend_session_dialog(self) -> ExtendSessionDialog | None:
        row = self._changeable_row()
        if row is None:
            return None
        current = int(row.data.get("max_duration_hours") or 0)
        if current >= MAX_DURATION_LIMIT_HOURS:
            self.status_message.emit(
                self.tr("This session already has the longest duration allowed ({hours} h).").format(
                    hours=MAX_DURATION_LIMIT_HOURS
                )
            )
            return None
        dialog = ExtendSessionDialog(
            sector_name=row.sector_name,
            current_hours=current,
            opened_at=row.opened_at,
            timezone=row.timezone,
            parent=self,
        )
        key = row.key
        dialog.submitted.connect(lambda hours: self._spawn(self._extend(dialog, key, current, hours), "session-extend"))
        self._show_dialog(dialog)
        return dialog

    async def _extend(self, dialog: ExtendSessionDialog, key: str, current: int, hours: int) -> bool:
        office = self.context.office()
        if office is None:
            _problem(dialog, self.tr("You are signed out: sign in again to extend the session."))
            return False
        try:
            check_extension(current, hours)
        except RuleError:
            _problem(
                dialog,
                self.tr("Choose more than the current {current} h and at most {limit} h.").format(
                    current=current, limit=MAX_DURATION_LIMIT_HOURS
                ),
            )
            return False
        if not await _saved(dialog, office.actions.extend_session(key, hours)):
            return False
        return await self._done(dialog, self.tr("Session extended to {hours} h.").format(hours=hours))

    def close_session_dialog(self) -> CloseSessionDialog | None:
        row = self._changeable_row()
        if row is None:
            return None
        totals = row.totals
        summary = self.tr("{amount} by {workers} · pay {pay}").format(
            amount=formats.amount_text(totals.units, row.data.get("sampling_unit")),
            workers=formats.counted(totals.workers, self.tr("1 worker"), self.tr("{count} workers")),
            pay="—" if totals.pay is None else formats.money_text(totals.pay),
        )
        pending = ""
        if totals.pending_records:
            pending = formats.counted(
                totals.pending_records,
                self.tr("1 record is still on its way to the server; it is sent before the close."),
                self.tr("{count} records are still on their way to the server; they are sent before the close."),
            )
        dialog = CloseSessionDialog(sector_name=row.sector_name, summary=summary, pending_note=pending, parent=self)
        key = row.key
        dialog.submitted.connect(lambda close: self._spawn(self._close(dialog, key, close), "session-close"))
        self._show_dialog(dialog)
        return dialog

    async def _close(self, dialog: CloseSessionDialog, key: str, close: SessionClose) -> bool:
        office = self.context.office()
        if office is None:
            _problem(dialog, self.tr("You are signed out: sign in again to close the session."))
            return False
        if not await _saved(dialog, office.actions.close_session(key, close)):
            return False
        return await self._done(dialog, self.tr("Session closed; the close is sent to the server in the background."))

    async def _done(self, dialog: QDialog, message: str) -> bool:
        if isValid(dialog):
            dialog.accept()
        if isValid(self):
            self.status_message.emit(message)
            await self.reload()
        return True

    # ------------------------------------------------------------------------------------------ tallies, problems
    def open_tallies(self) -> None:
        """Ask the window to show the tallies pane on the selected session."""
        row = self.selected_row()
        if row is None or row.refused:
            self.status_message.emit(self.tr("Select a session first."))
            return
        self.session_activated.emit(row.key)

    def _retry_problem(self) -> None:
        office, entry = self.context.office(), self._banner_entry
        if office is not None and entry is not None:
            self._spawn(self._after(office.choices.retry([entry])), "session-retry")

    def _discard_problem(self) -> None:
        office, entry = self.context.office(), self._banner_entry
        if office is not None and entry is not None:
            reason = self.tr("Discarded in the sessions pane after the server refused it")
            self._spawn(self._after(office.choices.discard([entry], reason)), "session-discard")

    async def _after(self, work: Any) -> None:
        try:
            await work
        except Exception as error:
            if not is_disk_full_error(error):
                raise
            if isValid(self):
                self.status_message.emit(disk_full_change_text())
            return
        if isValid(self):
            await self.reload()

    # ------------------------------------------------------------------------------------------ helpers
    def _spawn(self, work: Any, name: str) -> None:
        self.context.tasks.spawn(work, name=name)

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.reject()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None


async def _saved(dialog: QDialog, change: Coroutine[Any, Any, Any]) -> bool:
    """Queue a change made in `dialog`; False (and the dialog says why) when the disk had no room for it."""
    try:
        await change
    except DiskFull:
        _problem(dialog, disk_full_change_text())
        return False
    return True


def _problem(dialog: QDialog, text: str) -> None:
    if isValid(dialog):
        dialog.show_problem(text)  # type: ignore[attr-defined]
