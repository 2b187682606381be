"""Production sessions: a day's sessions of the selected project (or sector), with live totals, opened, edited,
extended and closed through the office's outbox, so all of it works offline.

The board reads the local store (the server's sessions with the office's pending work laid over it) and reloads
whenever the sync engine reports a change: a record typed in the tallies pane, a sync round, a refresh. The day
shown is a local day in the project's timezone; so are all times. Opening checks the rule "one open session per
project, day and sector" against what this computer knows before anything is queued, and a refusal by the server
is shown with the server's own reason.

This module builds the pane and shows the day; hydrodesk.ui.sessions.loading reads and fetches the day, and
hydrodesk.ui.sessions.actions opens, edits, extends and closes sessions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

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

from hydrodesk.domain.session_board import (
    matches_filter,
    step_day,
)
from hydrodesk.domain.sessions import MAX_DURATION_LIMIT_HOURS, session_day
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.ui import formats
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.sessions.actions import SessionActions
from hydrodesk.ui.sessions.badge import BadgeDelegate
from hydrodesk.ui.sessions.day_bar import DayBar
from hydrodesk.ui.sessions.loading import STATE, SessionsLoading
from hydrodesk.ui.sessions.model import LIMIT, SESSION_ID, STATUS, SessionsTableModel
from hydrodesk.ui.sessions.rows import SessionRow, build_rows
from hydrodesk.ui.sessions.summary import DaySummary
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.store.session_board import BoardEntry
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

RELOAD_DELAY_MS = 150  # sync status changes come in bursts (one per record typed): reload once per burst
TICK_MS = 30_000  # time passes: the time-limit badges move on


class SessionsPane(SessionsLoading, SessionActions, Pane):
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
            text += " " + formats.counted(
                len(troubled) - 1, self.tr("(1 more needs attention.)"), self.tr("({count} more need attention.)")
            )
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
                owner=self.model.owner_text(row.data) or "?"
            )
        return None


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."
