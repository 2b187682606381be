"""Tallies: record the units each worker delivers in a production session, see per-worker totals and pay, void.

Everything goes through the office (hydrodesk.sync.office): entries and voids become outbox entries the moment
the supervisor presses Enter, show at once marked pending, and count once whether they reached the server yet or
not. The per-worker table shows the selected session, or every session of the day or of the season (read from
the local database's per-session sums, hydrodesk.store.tally_scope); the entry list shows the selected session's
movements, newest first, with voids struck through and suspected duplicates flagged.

For the tally tools (hydrodesk/ui/tallies/tools.py) the pane offers `tools_layout` (a row in its header for their
buttons), `selected_session()`, `tally()`, `ledger()`, `office()` and the `tally_changed` signal.

The pane is made of parts with one job each (hydrodesk/ui/tallies/): pane_layout builds the widgets, pane_display
puts the state on screen, pane_loading reads it from the office, pane_actions records and voids. This module holds
the state, answers the main window (Pane) and the tools, and reacts to the pickers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from hydrodesk.domain.people import person_text
from hydrodesk.domain.tallies import LedgerLine, WorkerTally, tally_by_worker
from hydrodesk.domain.tally_entry_text import EnterAction
from hydrodesk.domain.tally_sums import RunningSums, WorkerPayRow
from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder
from hydrodesk.store.tally_scope import ScopeTally
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.panes.base import Pane, PaneContext, Selection
from hydrodesk.ui.tallies.pane_actions import TalliesActions
from hydrodesk.ui.tallies.pane_display import OPEN_SESSION_IN, OPEN_SESSION_LINK, SESSION_LINK, TalliesDisplay
from hydrodesk.ui.tallies.pane_layout import TalliesLayout
from hydrodesk.ui.tallies.pane_loading import TalliesLoading
from hydrodesk.ui.tallies.scopes import DAY, RELOAD_DELAY_MS, SEASON, SESSION
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.tab_order import move_before

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

__all__ = ["DAY", "SEASON", "SESSION", "TalliesPane"]


class TalliesPane(TalliesActions, TalliesLoading, TalliesDisplay, TalliesLayout, Pane):
    tally_changed = Signal()  # the selected session's ledger or the per-worker table changed

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        self._office: Office | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._sync: SyncStatus | None = None
        self._sessions: list[dict[str, Any]] = []
        self._people: dict[str, str] = {}  # account id -> name, for the owners of colleagues' sessions
        self._session: dict[str, Any] | None = None
        self._closing = False  # a close of the selected session is on its way
        self._wanted_session: str | None = None  # show_session asked for it
        # The supervisor picked the day shown: loads keep to it. Until then a load picks the open session to show
        # (their own, today's first) and otherwise the farm's today, not this computer's date: a selection
        # restored at start-up, before the office was there to read, showed "no session" on the wrong day.
        self._day_chosen = False
        self._ledger: list[LedgerLine] = []
        self._running_sums = RunningSums()  # the shown session's per-worker sums, kept as entries are typed
        self._scope = SESSION
        self._scope_tally: ScopeTally | None = None
        self._finder = WorkerFinder()
        self._load_token = 0
        self._ledger_token = 0
        self._local_changes = 0  # entries made here, counted to tell whether a reload read them
        self._enter_actions: dict[str, EnterAction] = {}  # session id -> what Enter after a worker does
        self._shown_after_sync = False  # what the pane shows came after a completed sync (data_ready)
        self._theme_tokens: dict[str, str] = {}

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_after_sync)
        self._last_entry: tuple[LedgerLine, WorkerChoice] | None = None  # made in the entry row, for Ctrl+Z
        self._season_start_chosen = False  # until the user picks one, the season ends on the day shown

        self._build_view()
        self.apply_theme(context.theme())
        self._update_scope_widgets()
        self._show_state()
        self._install_tools()
        # The tools sit in the heading but are made last: Tab reaches them first, as the eye does.
        tools = [item.widget() for item in (self.tools_layout.itemAt(i) for i in range(self.tools_layout.count()))]
        move_before([tool for tool in tools if tool is not None], self.session_combo, self)

    # ------------------------------------------------------------------------------------------ for the tools

    def selected_session(self) -> dict[str, Any] | None:
        """The session shown, as the store gives it (API attribute names), or None."""
        return None if self._session is None else dict(self._session)

    def tally(self) -> list[WorkerTally]:
        """The selected session's per-worker tally (each movement once; pending included, stopped apart)."""
        return tally_by_worker(self._ledger)

    def ledger(self) -> list[LedgerLine]:
        """The selected session's movements, each once (server's, then the outbox's)."""
        return list(self._ledger)

    def office(self) -> Office | None:
        return self._office if self._office is not None else self.context.office()

    def person(self, auth0_id: str | None) -> str:
        """A colleague's name for their account id (a session's owner), as the pane's banner writes it."""
        return person_text(auth0_id, self._people)

    def worker_rows(self) -> list[WorkerPayRow]:
        """What the per-worker table shows (for the selected scope)."""
        return self.workers_model.rows

    def _install_tools(self) -> None:
        """The tally tools (import, payroll, day report, comparison) put their buttons in `tools_layout`."""
        self.tools: Any = None
        try:
            from hydrodesk.ui.tallies.tools import install_tally_tools
        except ImportError:
            log.info("the tally tools are not installed; the pane works without them")
            return
        self.tools = install_tally_tools(self)
        imported = getattr(self.tools, "records_imported", None)
        if imported is not None:
            # A paper sheet went into the outbox behind the entry row's back: read the ledger again.
            imported.connect(lambda _count: self._spawn(self._reload_ledger(), "tallies-imported"))

    # ------------------------------------------------------------------------------------------ Pane

    def is_data_ready(self) -> bool:
        return self.context.office() is None or self._shown_after_sync

    def set_selection(self, selection: Selection) -> None:
        self._selection = selection
        self._wanted_session = None
        self._day_chosen = False
        self._attach_office()
        if selection.project is None:
            self._load_token += 1  # whatever was loading is for a selection that is gone
            self._show_sessions([], self._chosen_day(), None)
            self._show_tables()
        self._show_state()
        if self._office is not None and selection.project is not None:
            self._spawn(self._load_sessions(pick_open=True), "tallies-sessions")

    def apply_theme(self, theme: Theme) -> None:
        self._theme_tokens = dict(theme.tokens)
        color = theme.tokens["icon"]
        for table in (self.workers_table, self.entries_table):
            table.set_icons(themed_icon("search", color), themed_icon("export", color))
        self.workers_model.set_colors(theme.color("busy"), theme.color("error"))
        self.entries_model.set_colors(
            {
                "pending": theme.color("busy"),
                "attention": theme.color("error"),
                "muted": theme.color("muted"),
                "flag": theme.color("busy"),
            }
        )
        self._show_state()

    def help_text(self) -> str:
        return self.tr(
            "Choose the session, then type a worker's name or ID (or scan a badge) in the entry row and press Enter "
            "to record their units. The left table adds up units and pay per worker for the session, the day or the "
            "season; the right one lists every entry, newest first. An entry is never deleted: void it with a "
            "reason and the count goes back down."
        )

    def widget_keys(self) -> list[KeyHelp]:
        def key(name: Qt.Key) -> str:
            return key_text(QKeySequence(name))

        return [
            KeyHelp(key(Qt.Key.Key_Enter), self.tr("In the entry row: record the units for the worker found")),
            KeyHelp(key(Qt.Key.Key_Escape), self.tr("In the entry row: clear it")),
            KeyHelp(key(Qt.Key.Key_Delete), self.tr("In the entries: void the selected entry")),
        ]

    def focus_filter(self) -> bool:
        self.workers_table.focus_filter()
        return True

    def export_table(self) -> bool:
        self.workers_table.choose_export_file()
        return True

    async def refresh(self) -> None:
        self._attach_office()
        if self._office is None or (self._selection.project is None and self._wanted_session is None):
            return
        await self._load_workers()
        if self._wanted_session is not None:
            await self._show_wanted(self._wanted_session)
            return
        await self._load_sessions(pick_open=self._picks_the_session(), prefer=self._session_id())

    def _picks_the_session(self) -> bool:
        """Whether a load chooses the session to show (see `_day_chosen`): not once the supervisor chose the day
        or a session is shown."""
        return not self._day_chosen and self._session is None

    def show_session(self, session_id: str) -> None:
        """Show this session (the Sessions pane asks, say), whatever the navigator's sector."""
        self._wanted_session = session_id
        self._attach_office()
        if self._office is not None:
            self._spawn(self._show_wanted(session_id), "tallies-show-session")

    # ------------------------------------------------------------------------------------------ reactions

    def _on_session_chosen(self, index: int) -> None:
        self._session = self._sessions[index] if 0 <= index < len(self._sessions) else None
        self._forget_last_entry()
        self._ledger = []
        self._closing = False
        self._show_session_details()
        self._spawn(self._reload_ledger(), "tallies-ledger")

    def _on_banner_link(self, href: str) -> None:
        if href.startswith(SESSION_LINK):
            self.show_session(href.removeprefix(SESSION_LINK))
        elif href.startswith(OPEN_SESSION_IN) and self._session is not None:
            self.session_open_requested.emit(self._session["project_id"], href.removeprefix(OPEN_SESSION_IN))
        elif href == OPEN_SESSION_LINK and self._selection.project is not None:
            # No session shown that day: where the supervisor is looking, the navigator's sector.
            sector = self._selection.sector
            self.session_open_requested.emit(self._selection.project.project_id, sector.sector_id if sector else "")

    def _on_day_changed(self, _day: QDate) -> None:
        self._day_chosen = True
        self._spawn(self._load_sessions(pick_open=False), "tallies-day")

    def _on_season_start_changed(self, _start: QDate) -> None:
        self._season_start_chosen = True
        if self._scope == SEASON:
            self._spawn(self._reload_ledger(), "tallies-scope")

    def _on_scope_chosen(self, scope: str) -> None:
        self._scope = scope
        self._update_scope_widgets()
        self._spawn(self._reload_ledger(), "tallies-scope")

    def set_scope(self, scope: str) -> None:
        self.scope_buttons.select(scope)
        self._on_scope_chosen(scope)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.entries_table.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.request_void_selected()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------------------ helpers

    def _spawn(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        self.context.tasks.spawn_if_open(work, name=name)
