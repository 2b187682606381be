"""Production sessions: a day's sessions of the selected project (or sector), with live totals, opened, edited,
extended and closed through the office's outbox, so all of it works offline.

The board reads the local store (the server's sessions with the office's pending work laid over it) and reloads
whenever the sync engine reports a change: a record typed in the tallies pane, a sync round, a refresh. The day
shown is a local day in the project's timezone; so are all times. Opening checks the rule "one open session per
project, day and sector" against what this computer knows before anything is queued, and a refusal by the server
is shown with the server's own reason.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk.domain.session_board import (
    find_open_clash,
    matches_filter,
    opened_at_of,
    step_day,
)
from hydrodesk.domain.sessions import MAX_DURATION_LIMIT_HOURS, RuleError, check_extension, session_day
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.ui import formats
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.sessions.badge import BadgeDelegate
from hydrodesk.ui.sessions.day_bar import DayBar
from hydrodesk.ui.sessions.dialogs import (
    CloseSessionDialog,
    EditSessionDialog,
    ExtendSessionDialog,
    OpenRequest,
    OpenSessionDialog,
)
from hydrodesk.ui.sessions.model import LIMIT, SESSION_ID, STATUS, SessionsTableModel
from hydrodesk.ui.sessions.rows import SessionRow, build_rows, closing_ids
from hydrodesk.ui.sessions.summary import DaySummary
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.api.models import SessionClose, SessionUpdate
    from hydrodesk.store.session_board import BoardEntry
    from hydrodesk.sync.office import Office
    from hydrodesk.sync.status import SyncStatus

log = logging.getLogger(__name__)

RELOAD_DELAY_MS = 150  # sync status changes come in bursts (one per record typed): reload once per burst
TICK_MS = 30_000  # time passes: the time-limit badges move on
CONTENT, STATE = range(2)


class SessionsPane(Pane):
    rows_changed = Signal()  # the board was rebuilt (after every reload)

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        self._day: date | None = None
        self._entries: list[BoardEntry] = []
        self._all_rows: list[SessionRow] = []
        self._selected_key: str | None = None
        self._subscribed_to: Office | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._loaded_once = False
        self._fetch_lock = asyncio.Lock()  # one fetch from the server at a time
        self._reload_when_shown = False
        self._fetch_when_shown = False
        self._loaded_key: tuple[str | None, str | None, date | None] | None = None  # what `_entries` are of
        self._server_note = ""
        self.dialog: QDialog | None = None  # the session dialog on screen, if any
        self._theme_tokens: dict[str, str] = {}
        # What "now" is: the time-limit badges and "today" at the farm follow it (tests move it on).
        self.clock: Callable[[], datetime] = now_utc

        self._build_header()
        self.day_bar = DayBar(self)
        self.day_bar.step_requested.connect(self.step_day)
        self.day_bar.day_chosen.connect(self.set_day)
        self.day_bar.today_requested.connect(self.show_today)
        self.day_bar.filter_changed.connect(self._show_rows)
        self.day_bar.open_requested.connect(self.open_session_dialog)
        self.summary = DaySummary(self)
        self._build_banner()
        self._build_actions()
        self._build_table()

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(6)
        layout.addWidget(self.day_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addLayout(self._actions_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        self.state_page = StatePage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.state_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_in_background)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(lambda: self._rebuild() if self.isVisible() else None)
        self._tick.start()
        self._build_shortcuts()
        self.apply_theme(context.theme())
        self.set_selection(Selection())

    # ------------------------------------------------------------------------------------------ building
    def _build_header(self) -> None:
        self.title_label = QLabel(self.tr("Production sessions"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")

    def _build_banner(self) -> None:
        self.banner = QFrame(self)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setObjectName("PaneBanner")
        self.banner_label.setProperty("tone", "error")
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Try again"), self.banner)
        self.retry_button.setToolTip(self.tr("Send it to the server again, unchanged"))
        self.retry_button.clicked.connect(self._retry_problem)
        self.discard_button = QPushButton(self.tr("Discard"), self.banner)
        self.discard_button.setObjectName("DangerButton")
        self.discard_button.setToolTip(self.tr("Give up on it; it stays in the outbox as history"))
        self.discard_button.clicked.connect(self._discard_problem)
        layout = QHBoxLayout(self.banner)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner_label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.discard_button)
        self.banner.setVisible(False)
        self._banner_entry: str | None = None

    def _build_actions(self) -> None:
        self.tallies_button = QPushButton(self.tr("Open tallies"), self)
        self.tallies_button.setToolTip(self.tr("Record and review this session's tallies (Enter)"))
        self.tallies_button.clicked.connect(self.open_tallies)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_session_dialog)
        self.extend_button = QPushButton(self.tr("Extend…"), self)
        self.extend_button.clicked.connect(self.extend_session_dialog)
        self.close_button = QPushButton(self.tr("Close session…"), self)
        self.close_button.setObjectName("DangerButton")
        self.close_button.clicked.connect(self.close_session_dialog)
        self.server_label = QLabel(self)
        self.server_label.setObjectName("Muted")
        self.server_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for button in (self.tallies_button, self.edit_button, self.extend_button, self.close_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.server_label, 1)
        self._actions_bar = bar

    def _build_table(self) -> None:
        self.model = SessionsTableModel(self)
        self.table = DataTable(export_name=self.tr("sessions", "file name"), parent=self)
        self.table.set_source_model(self.model)
        # Named: the columns a user hides are remembered. A session is known by its sector, day and supervisor; its
        # server ID (for support calls) would make the table scroll sideways at 1366 pixels, so it waits for the
        # user to ask for it (right click on the header).
        self.table.setObjectName("Sessions")
        self.table.set_hidden_columns([SESSION_ID])
        self.table.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by opening time
        self.badges = BadgeDelegate(self.table.view)
        self.table.view.setItemDelegateForColumn(STATUS, self.badges)
        self.table.view.setItemDelegateForColumn(LIMIT, self.badges)
        self.table.current_row_changed.connect(self._on_current_row_changed)
        self.table.view.activated.connect(lambda _index: self.open_tallies())
        self.announce_exports(self.table)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("Muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)

    def _build_shortcuts(self) -> None:
        # Window-wide while this pane is on screen (a hidden pane's shortcuts are inactive), so they work wherever
        # the focus is: in the table, the navigator or the filter box.
        for keys, text, slot in (
            ("Ctrl+N", self.tr("Open a session in the selected project or sector"), self.open_session_dialog),
            ("Alt+Left", self.tr("Show the day before"), lambda: self.step_day(-1)),
            ("Alt+Right", self.tr("Show the day after"), lambda: self.step_day(1)),
            ("F2", self.tr("Edit the selected session"), self.edit_session_dialog),
            ("Ctrl+Shift+E", self.tr("Extend the selected session's time limit"), self.extend_session_dialog),
            ("Ctrl+Shift+W", self.tr("Close the selected session"), self.close_session_dialog),
            ("Ctrl+T", self.tr("Open the selected session's tallies"), self.open_tallies),
        ):
            self.add_shortcut(keys, text, slot)
        self.edit_button.setToolTip(self.tr("Change unit, price, bonus or notes (F2)"))
        self.extend_button.setToolTip(self.tr("Allow the session to stay open longer (Ctrl+Shift+E)"))
        self.close_button.setToolTip(self.tr("Close the session with final notes (Ctrl+Shift+W)"))

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        previous = self._selection.project
        self._selection = selection
        project = selection.project
        if project is None:
            self._show_state(self.tr("No project selected"), self.tr("Choose a project or sector in the navigator."))
            return
        if previous is None or previous.project_id != project.project_id or self._day is None:
            self._set_day(self.today(), fetch=False)
        self._update_heading()
        self.schedule_reload()
        self.fetch_in_background()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fetch_when_shown:
            self._fetch_when_shown = False
            self.fetch_in_background()
        if self._reload_when_shown:
            self._reload_when_shown = False
            self.schedule_reload()
        elif self._loaded_once:
            self._rebuild()  # time went on while hidden

    def apply_theme(self, theme: Theme) -> None:
        self._theme_tokens = dict(theme.tokens)
        self.badges.set_tokens(theme.tokens)
        icon = theme.tokens["icon"]
        self.table.set_icons(themed_icon("search", icon), themed_icon("export", icon))
        self.table.view.viewport().update()

    def help_text(self) -> str:
        return self.tr(
            "A production session is one sector's harvest on one day, paid at the price and bonus set when it is "
            "opened. The table lists the day's sessions with their units, workers and pay, and the cards add them "
            "up. Opening, editing, extending and closing are saved on this computer first and sent to Hydrobit when "
            "the connection allows."
        )

    def widget_keys(self) -> list[KeyHelp]:
        return [KeyHelp(key_text(QKeySequence(Qt.Key.Key_Enter)), self.tr("On a session: open its tallies"))]

    def focus_filter(self) -> bool:
        self.table.focus_filter()
        return True

    def export_table(self) -> bool:
        self.table.choose_export_file()
        return True

    def is_data_ready(self) -> bool:
        return self._loaded_once or self.context.office() is None

    async def refresh(self) -> None:
        """F5: fetch the day from the server (when it can be reached), then show it."""
        await self.fetch_day()
        await self.reload()

    # ------------------------------------------------------------------------------------------ the day
    @property
    def day(self) -> date | None:
        return self._day

    def today(self) -> date:
        """Today at the farm: the local day in the project's timezone."""
        project = self._selection.project
        return session_day(self.clock(), project.timezone if project is not None else "UTC")

    def show_today(self) -> None:
        self.set_day(self.today())

    def step_day(self, days: int) -> None:
        if self._day is not None and self._selection.project is not None:
            self.set_day(step_day(self._day, days))

    def set_day(self, day: date) -> None:
        self._set_day(day, fetch=True)

    def _set_day(self, day: date, *, fetch: bool) -> None:
        changed = day != self._day
        self._day = day
        self.day_bar.show_day(day, is_today=day == self.today())
        if changed and self._selection.project is not None:
            self._update_heading()
            self.schedule_reload()
            if fetch:
                self.fetch_in_background()

    def _update_heading(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        if project is None or self._day is None:
            return
        where = project.name if sector is None else f"{project.name} · {sector.sector_name}"
        self.subtitle_label.setText(
            self.tr("{where} · {day} · times in {zone}").format(
                where=where, day=formats.day_text(self._day), zone=project.timezone
            )
        )

    # ------------------------------------------------------------------------------------------ loading
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
            self.context.tasks.spawn(self.reload(), name="sessions-reload")
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
        entries, selected = await office.store.read(
            day_board_and_selection,
            project_id=wanted[0],
            sector_id=wanted[1],
            day=day.isoformat(),
            selected=self._selected_key,
        )
        if not isValid(self) or wanted != self._board_key():
            return False  # the pane is gone, or another day or sector was chosen meanwhile
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
            self.context.tasks.spawn(self._fetch_then_reload(), name="sessions-fetch")

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

    # ------------------------------------------------------------------------------------------ showing
    def _rebuild(self) -> None:
        """Rows from the entries last read (also when only time has passed: the time-limit badges move on)."""
        if self._selection.project is None:
            return
        self._all_rows = build_rows(self._entries, me=self._me(), now=self.clock())
        if self._day is not None:
            self.day_bar.show_day(self._day, is_today=self._day == self.today())
        self._show_rows()

    def _me(self) -> str | None:
        office = self.context.office()
        return None if office is None else office.actions.auth0_id

    def shown_rows(self) -> list[SessionRow]:
        me = self._me()
        return [
            row
            for row in self._all_rows
            if matches_filter(row.data, self.day_bar.status, mine_only=self.day_bar.mine_only, me=me)
        ]

    def _show_rows(self) -> None:
        rows = self.shown_rows()
        keep = self._selected_key
        self.model.set_rows(rows)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.table.select_source_row(self.model.row_of(keep))
        self._selected_key = keep if self.model.row_of(keep) >= 0 else None
        self.summary.show_rows(rows)
        self._update_banner()
        self._update_empty(rows)
        self._update_actions()
        self.rows_changed.emit()

    def _update_empty(self, rows: list[SessionRow]) -> None:
        if rows or self._day is None or self._loaded_key != self._board_key():
            self.empty_label.setVisible(False)
            return
        where = self._selection.sector.sector_name if self._selection.sector is not None else None
        day = formats.day_text(self._day)
        if self._all_rows:
            text = self.tr("No session on {day} matches the filters; choose “All” or turn off “Mine”.").format(day=day)
        elif where is not None:
            text = self.tr("No sessions in {sector} on {day}. Press Ctrl+N to open one.").format(sector=where, day=day)
        else:
            text = self.tr("No sessions on {day}. Press Ctrl+N to open one.").format(day=day)
        self.empty_label.setText(text)
        self.empty_label.setVisible(True)

    def _update_banner(self) -> None:
        """The server's refusals of this day's sessions (the selected one first), in its own words."""
        troubled = [row for row in self._all_rows if row.problem]
        selected = self.selected_row()
        if selected is not None and selected.problem:
            troubled.remove(selected)
            troubled.insert(0, selected)
        if not troubled:
            self.banner.setVisible(False)
            self._banner_entry = None
            return
        row = troubled[0]
        if row.refused:
            text = self.tr(
                "The server did not open the session for {sector}: {reason} Only one session can be open per "
                "sector and day. Records made in it wait in the outbox until you retry or discard it."
            ).format(sector=row.sector_name, reason=_sentence(row.problem))
        else:
            text = self.tr("The server refused a change to the session for {sector}: {reason}").format(
                sector=row.sector_name, reason=_sentence(row.problem)
            )
        if len(troubled) > 1:
            text += " " + self.tr("({count} more need attention.)").format(count=len(troubled) - 1)
        self.banner_label.setText(text)
        self._banner_entry = row.problem_entry_id
        self.banner.setVisible(True)

    def _show_state(self, title: str, message: str) -> None:
        color = self._theme_tokens.get("muted", "#5f6e68")
        self.state_page.show_state(title=title, message=message, icon=svg_pixmap("empty", QSize(48, 48), color))
        self.stack.setCurrentIndex(STATE)

    # ------------------------------------------------------------------------------------------ selection
    def selected_row(self) -> SessionRow | None:
        row = self.model.row_of(self._selected_key)
        return self.model.row_at(row) if row >= 0 else None

    def select_session(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        self._selected_key = session_id
        if row < 0:
            return False
        self.table.select_source_row(row)
        return True

    def _on_current_row_changed(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self._selected_key = row.key
        self._update_actions()
        self._update_banner()

    def _update_actions(self) -> None:
        row = self.selected_row()
        office = self.context.office()
        has_project = self._selection.project is not None and office is not None
        self.day_bar.open_button.setEnabled(has_project)
        self.tallies_button.setEnabled(row is not None and not row.refused)
        why = self._why_not_changeable(row)
        for button in (self.edit_button, self.extend_button, self.close_button):
            button.setEnabled(why is None)
        if why is None and row is not None and int(row.data.get("max_duration_hours") or 0) >= MAX_DURATION_LIMIT_HOURS:
            self.extend_button.setEnabled(False)
            self.extend_button.setToolTip(
                self.tr("This session already has the longest duration allowed ({hours} h).").format(
                    hours=MAX_DURATION_LIMIT_HOURS
                )
            )
        elif why is None:
            self.extend_button.setToolTip(self.tr("Allow the session to stay open longer (Ctrl+Shift+E)"))
        else:
            self.extend_button.setToolTip(why)
        self.edit_button.setToolTip(why or self.tr("Change unit, price, bonus or notes (F2)"))
        self.close_button.setToolTip(why or self.tr("Close the session with final notes (Ctrl+Shift+W)"))
        self.server_label.setText(self._server_note)

    def _why_not_changeable(self, row: SessionRow | None) -> str | None:
        """Why the selected session cannot be edited, extended or closed (None: it can)."""
        if row is None:
            return self.tr("Select a session first.")
        if row.refused:
            return self.tr("The server did not open this session.")
        if not row.is_open or row.closing:
            return self.tr("This session is closed.")
        if not row.mine:
            return self.tr("Only the user who opened this session ({owner}) can change it.").format(
                owner=row.data.get("owner_auth0_id") or "?"
            )
        return None

    # ------------------------------------------------------------------------------------------ open
    def open_session_dialog(self) -> OpenSessionDialog | None:
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
        dialog.submitted.connect(lambda request: self._spawn(self._open(dialog, request), "session-open"))
        self._show_dialog(dialog)
        return dialog

    async def _open(self, dialog: OpenSessionDialog, request: OpenRequest) -> bool:
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
        return True

    def one_open_message(self, clash: dict[str, Any], sector_name: str, day: date) -> str:
        """The rule, in plain words, with the session that is in the way."""
        owner = clash.get("owner_auth0_id")
        zone = clash.get("timezone") or None
        facts = {
            "sector": sector_name,
            "day": formats.day_text(day),
            "owner": owner,
            "time": formats.time_text(opened_at_of(clash), zone),
            "zone": formats.zone_label(zone),
            "id": clash.get("session_id"),
        }
        # One whole sentence per opener, so each language can word "you opened it" its own way.
        if owner is not None and owner == self._me():
            opened = self.tr("You opened it at {time} ({zone}), session {id}.")
        elif owner:
            opened = self.tr("{owner} opened it at {time} ({zone}), session {id}.")
        else:
            opened = self.tr("It was opened at {time} ({zone}), session {id}.")
        return " ".join(
            (
                self.tr(
                    "Only one session can be open per sector and day. {sector} already has an open session on {day}."
                ).format(**facts),
                opened.format(**facts),
                self.tr("Close that session, or record into it, before opening another one."),
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
        await office.actions.update_session(key, update)
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
        await office.actions.extend_session(key, hours)
        return await self._done(dialog, self.tr("Session extended to {hours} h.").format(hours=hours))

    def close_session_dialog(self) -> CloseSessionDialog | None:
        row = self._changeable_row()
        if row is None:
            return None
        totals = row.totals
        summary = self.tr("{units} {unit} by {workers} workers · pay {pay}").format(
            units=formats.number_text(totals.units),
            unit=row.data.get("sampling_unit") or "",
            workers=totals.workers,
            pay="—" if totals.pay is None else formats.money_text(totals.pay),
        )
        pending = ""
        if totals.pending_records:
            pending = self.tr(
                "{records} records are still on their way to the server; they are sent before the close."
            ).format(records=totals.pending_records)
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
        await office.actions.close_session(key, close)
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
        await work
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


def _problem(dialog: QDialog, text: str) -> None:
    if isValid(dialog):
        dialog.show_problem(text)  # type: ignore[attr-defined]


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."
