"""How the sessions pane gets its day: from the local store (at once, and again whenever the sync engine reports
a change) and from the server (in the background, into the store). A hidden pane reads nothing until shown."""

from __future__ import annotations

import weakref
from datetime import date
from typing import TYPE_CHECKING

from shiboken6 import isValid

from hydrodesk.ui.mixin import Mixin

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office
    from hydrodesk.sync.status import SyncStatus

CONTENT, STATE = range(2)  # the pane's pages: the day's board, or a state page


class SessionsLoading(Mixin):
    """A mixin of SessionsPane: reading the day's board and fetching the day from the server."""

    def schedule_reload(self) -> None:
        # Not restarted while pending: a steady stream of records (a badge scanner) must not postpone it for ever.
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    def _reload_in_background(self) -> None:
        if not self.isVisible():
            # Hidden behind another pane (the tallies pane, busy recording): read nothing until shown again, so
            # the database thread stays free for the pane in use.
            self._reload_when_shown = True
            return
        if self.context.office() is not None and self._selection.project is not None:
            self.context.tasks.spawn_if_open(self.reload(), name="sessions-reload")
        else:
            self.reload_sync_state()

    def reload_sync_state(self) -> None:
        if self.context.office() is None and self._selection.project is not None:
            self._show_state(
                self.tr("Sessions are not available"),
                self.tr("Sign in to see and open production sessions; they are kept on this computer after that."),
            )

    async def reload(self) -> bool:
        """Read the day's sessions from the local store and show them; False when there is nothing to read."""
        office, project, day = self.context.office(), self._selection.project, self._day
        if office is None or project is None or day is None:
            self.reload_sync_state()
            return False
        self._subscribe(office)
        sector = self._selection.sector
        wanted = (project.project_id, None if sector is None else sector.sector_id, day)
        from hydrodesk.store.session_board import day_board_and_selection

        # An offline session the server has numbered since keeps its place in the table under its new id.
        entries, selected, people = await office.store.read(
            day_board_and_selection,
            project_id=wanted[0],
            sector_id=wanted[1],
            day=day.isoformat(),
            selected=self._selected_key,
        )
        if not isValid(self) or wanted != self._board_key():
            return False  # the pane is gone, or another day or sector was chosen meanwhile
        self.model.people = people
        if selected != self._selected_key and self._selected_key is not None:
            self._selected_key = selected
        self._entries = entries
        self._loaded_key = wanted
        self.stack.setCurrentIndex(CONTENT)
        self._rebuild()
        if not self._loaded_once:
            self._loaded_once = True
            self.data_ready.emit()
        return True

    def _board_key(self) -> tuple[str | None, str | None, date | None]:
        project, sector = self._selection.project, self._selection.sector
        return (
            None if project is None else project.project_id,
            None if sector is None else sector.sector_id,
            self._day,
        )

    def fetch_in_background(self) -> None:
        if not self.isVisible():
            self._fetch_when_shown = True
            return
        # A fetch already under way will do (F5 waits for it and fetches again).
        if self.context.office() is not None and self._selection.project is not None and not self._fetch_lock.locked():
            self.context.tasks.spawn_if_open(self._fetch_then_reload(), name="sessions-fetch")

    async def _fetch_then_reload(self) -> None:
        if await self.fetch_day():
            await self.reload()

    async def fetch_day(self) -> bool:
        """Bring the day's sessions (and changed sessions' records) from the server into the local store."""
        from hydrodesk.api.errors import ApiError
        from hydrodesk.sync.day_sessions import refresh_day
        from hydrodesk.ui.error_text import user_message

        async with self._fetch_lock:
            office, project, day = self.context.office(), self._selection.project, self._day
            if office is None or project is None or day is None:
                return False
            try:
                await self.context.monitor.call(refresh_day(office.engine.refresher, project.project_id, day))
            except ApiError as error:
                if isValid(self):
                    self._server_note = self.tr("Showing what this computer knows: {reason}").format(
                        reason=user_message(error)
                    )
                    self._update_actions()
                return False
        if isValid(self):
            self._server_note = ""
            self._update_actions()
        return True

    # ------------------------------------------------------------------------------------------ sync status
    def _subscribe(self, office: Office) -> None:
        if office is self._subscribed_to:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
        pane = weakref.ref(self)

        def on_status(_status: SyncStatus) -> None:
            alive = pane()
            if alive is not None and isValid(alive):
                alive.schedule_reload()

        unsubscribe = office.engine.subscribe(on_status)
        self._unsubscribe = unsubscribe
        self._subscribed_to = office
        self.destroyed.connect(lambda *_: unsubscribe())
