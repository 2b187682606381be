"""Tallies: record the units each worker delivers in a production session, see per-worker totals and pay, void.

Everything goes through the office (hydrodesk.sync.office): entries and voids become outbox entries the moment
the supervisor presses Enter, show at once marked pending, and count once whether they reached the server yet or
not. The per-worker table shows the selected session, or every session of the day or of the season (read from
the local database's per-session sums, hydrodesk.store.tally_scope); the entry list shows the selected session's
movements, newest first, with voids struck through and suspected duplicates flagged.

For the tally tools (hydrodesk/ui/tallies/tools.py) the pane offers `tools_layout` (a row in its header for their
buttons), `selected_session()`, `tally()`, `ledger()`, `office()` and the `tally_changed` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.outbox import EntryKind, is_local_id
from hydrodesk.domain.sessions import parse_day_label, session_to_show
from hydrodesk.domain.tallies import LedgerLine, LineStatus, WorkerTally, tally_by_worker
from hydrodesk.domain.tally_entries import (
    DEFAULT_DUPLICATE_WINDOW_S,
    EntryView,
    entry_views,
    is_suspected_duplicate,
)
from hydrodesk.domain.tally_entry_text import EnterAction, default_enter_action
from hydrodesk.domain.tally_sums import Pricing, WorkerPayRow, combine_rows, roll_up, sums_from_lines, totals
from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder
from hydrodesk.store import cache, views
from hydrodesk.store.sqlite_errors import DiskFull
from hydrodesk.store.tally_scope import ScopeTally, scope_tally
from hydrodesk.sync.photos import PhotoCache
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui.cache_file_text import disk_full_entry_text
from hydrodesk.ui.formats import day_format, day_text, farm_zone, money_text, number_text, time_text, zone_label
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.tallies.entries_model import NOTE, EntriesModel
from hydrodesk.ui.tallies.entry_row import TallyEntryRow
from hydrodesk.ui.tallies.void_dialog import VoidDialog
from hydrodesk.ui.tallies.worker_table import VOIDS, WorkerTallyModel
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.balanced_splitter import BalancedSplitter
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage
from hydrodesk.ui.widgets.tab_order import move_before

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

SESSION, DAY, SEASON = "session", "day", "season"
DEFAULT_SEASON_DAYS = 120
RELOAD_DELAY_MS = 300  # after the sync engine reports progress: one reload for a burst of reports
MAX_DUPLICATE_WINDOW_S = 600


class TalliesPane(Pane):
    tally_changed = Signal()  # the selected session's ledger or the per-worker table changed

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        self._office: Office | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._sync: SyncStatus | None = None
        self._sessions: list[dict[str, Any]] = []
        self._session: dict[str, Any] | None = None
        self._closing = False  # a close of the selected session is on its way
        self._wanted_session: str | None = None  # show_session asked for it
        self._ledger: list[LedgerLine] = []
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

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Tallies"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.sync_chip = QLabel(self)
        self.sync_chip.setObjectName("Chip")
        self.tools_layout = QHBoxLayout()  # the tally tools add their buttons here
        self.tools_layout.setSpacing(6)
        # The tools and the sync chip beside the title; the subtitle below them, across the whole pane, so it stays
        # on one line at 1366 pixels.
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addStretch(1)
        title_row.addLayout(self.tools_layout)
        title_row.addSpacing(6)
        title_row.addWidget(self.sync_chip)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addLayout(title_row)
        heading.addWidget(self.subtitle_label)

        # ---------------------------------------------------------------- session picker
        self.session_combo = QComboBox(self)
        self.session_combo.setMinimumWidth(340)
        self.session_combo.setAccessibleName(self.tr("Session"))
        self.session_combo.currentIndexChanged.connect(self._on_session_chosen)
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat(day_format())
        self.day_edit.setDate(QDate.currentDate())
        self.day_edit.setAccessibleName(self.tr("Day"))
        self.day_edit.dateChanged.connect(self._on_day_changed)
        session_label = QLabel(self.tr("&Session"), self)
        session_label.setBuddy(self.session_combo)
        day_label = QLabel(self.tr("&Day"), self)
        day_label.setBuddy(self.day_edit)
        picker = QHBoxLayout()
        picker.addWidget(session_label)
        picker.addWidget(self.session_combo, 1)
        picker.addSpacing(12)
        picker.addWidget(day_label)
        picker.addWidget(self.day_edit)

        self.session_banner = QLabel(self)
        self.session_banner.setObjectName("PaneBanner")
        self.session_banner.setWordWrap(True)
        self.session_banner.setVisible(False)

        # ---------------------------------------------------------------- entry row
        self.entry_row = TallyEntryRow(self)
        self.entry_row.entry_requested.connect(self._on_entry_requested)
        self.entry_row.undo_requested.connect(self.undo_last_entry)
        self.entry_row.enter_action_changed.connect(self._on_enter_action_changed)
        self._last_entry: tuple[LedgerLine, WorkerChoice] | None = None  # made in this row, for Ctrl+Z

        # ---------------------------------------------------------------- per-worker table
        workers_heading = QLabel(self.tr("PER WORKER"), self)
        workers_heading.setObjectName("SectionLabel")
        self.scope_buttons = SegmentedButtons(self)
        self.scope_buttons.add(SESSION, self.tr("Session"), self.tr("The selected session"))
        self.scope_buttons.add(DAY, self.tr("Day"), self.tr("Every session of the day in this project or sector"))
        self.scope_buttons.add(SEASON, self.tr("Season"), self.tr("Every session from the season's first day"))
        self.scope_buttons.select(SESSION)
        self.scope_buttons.chosen.connect(self._on_scope_chosen)
        self.season_from = QDateEdit(self)
        self.season_from.setCalendarPopup(True)
        self.season_from.setDisplayFormat(day_format(weekday=False))
        self.season_from.setAccessibleName(self.tr("Season starts"))
        self.season_from.setDate(QDate.currentDate().addDays(-DEFAULT_SEASON_DAYS))
        self.season_from.dateChanged.connect(self._on_season_start_changed)
        self._season_start_chosen = False  # until the user picks one, the season ends on the day shown
        self.season_label = QLabel(self.tr("from"), self)
        scope_row = QHBoxLayout()
        scope_row.addWidget(workers_heading)
        scope_row.addStretch(1)
        scope_row.addWidget(self.scope_buttons)
        scope_row.addWidget(self.season_label)
        scope_row.addWidget(self.season_from)
        self.workers_model = WorkerTallyModel(self)
        self.workers_table = DataTable(export_name=self.tr("tally", "file name"), parent=self)
        self.workers_table.set_source_model(self.workers_model)
        # Side by side with the entries at 1366 pixels, one column has to give: the voids per worker (the entries
        # list shows each void, the totals line counts them). A right click on the header brings it back.
        self.workers_table.setObjectName("PerWorker")
        self.workers_table.set_hidden_columns([VOIDS])
        self.workers_table.exported.connect(self._on_exported)
        self.workers_table.export_failed.connect(self._on_export_failed)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("Muted")
        self.totals_label.setWordWrap(True)
        workers_box = QWidget(self)
        workers_layout = QVBoxLayout(workers_box)
        workers_layout.setContentsMargins(0, 0, 0, 0)
        workers_layout.addLayout(scope_row)
        workers_layout.addWidget(self.workers_table, 1)
        workers_layout.addWidget(self.totals_label)

        # ---------------------------------------------------------------- entry list
        entries_heading = QLabel(self.tr("ENTRIES"), self)
        entries_heading.setObjectName("SectionLabel")
        self.entries_model = EntriesModel(self)
        self.entries_table = DataTable(export_name=self.tr("tally-entries", "file name"), parent=self)
        self.entries_table.set_source_model(self.entries_model)
        self.entries_table.set_elastic_columns([NOTE])  # a void's reason is free text
        self.entries_table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.entries_table.view.installEventFilter(self)
        self.entries_table.current_row_changed.connect(lambda _index: self._update_void_buttons())
        self.entries_table.exported.connect(self._on_exported)
        self.entries_table.export_failed.connect(self._on_export_failed)
        self.void_button = QPushButton(self.tr("Void…"), self)
        self.void_button.setObjectName("DangerButton")
        self.void_button.setToolTip(self.tr("Cancel the selected entry with a reason (Delete)"))
        self.void_button.clicked.connect(self.request_void_selected)
        self.void_flagged_button = QPushButton(self.tr("Void flagged entries…"), self)
        self.void_flagged_button.setToolTip(self.tr("Cancel every suspected duplicate at once, with one reason"))
        self.void_flagged_button.clicked.connect(self.request_void_flagged)
        self.duplicate_spin = QSpinBox(self)
        self.duplicate_spin.setRange(0, MAX_DUPLICATE_WINDOW_S)
        self.duplicate_spin.setValue(DEFAULT_DUPLICATE_WINDOW_S)
        self.duplicate_spin.setSuffix(self.tr(" s"))
        self.duplicate_spin.setAccessibleName(self.tr("Duplicate window in seconds"))
        self.duplicate_spin.setToolTip(
            self.tr("Flag a worker's delivery that follows their previous one within this many seconds (0: never)")
        )
        self.duplicate_spin.valueChanged.connect(lambda _value: self._show_entries())
        duplicate_label = QLabel(self.tr("Flag &repeats within"), self)
        duplicate_label.setBuddy(self.duplicate_spin)
        entry_actions = QHBoxLayout()
        entry_actions.addWidget(self.void_button)
        entry_actions.addWidget(self.void_flagged_button)
        entry_actions.addStretch(1)
        entry_actions.addWidget(duplicate_label)
        entry_actions.addWidget(self.duplicate_spin)
        entries_box = QWidget(self)
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(entries_heading)
        entries_layout.addWidget(self.entries_table, 1)
        entries_layout.addLayout(entry_actions)

        # Shared by what each table's columns need, so neither scrolls sideways at 1366 pixels; the user's own
        # arrangement (a drag, or one restored) wins.
        body = BalancedSplitter(Qt.Orientation.Horizontal, self)
        body.setObjectName("WorkersAndEntries")
        body.addWidget(workers_box)
        body.addWidget(entries_box)
        body.setSizes([600, 480])  # the per-worker table has more columns
        body.setChildrenCollapsible(False)
        self.tables_splitter = body
        for table in (self.workers_table, self.entries_table):
            table.columns.fitted.connect(self._balance_tables)

        # ---------------------------------------------------------------- assembly
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(8)
        content_layout.addLayout(picker)
        content_layout.addWidget(self.session_banner)
        content_layout.addWidget(self.entry_row)
        content_layout.addWidget(body, 1)
        self.state_page = StatePage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.state_page)
        self._content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.stack, 1)

        focus = QShortcut(QKeySequence("Ctrl+L"), self)
        focus.setWhatsThis(self.tr("Put the cursor in the entry row"))
        # From anywhere in the window while the Tallies pane is shown (the navigator, say): the one key that
        # always brings the cursor back to where entries are typed.
        focus.setContext(Qt.ShortcutContext.WindowShortcut)
        focus.activated.connect(self.entry_row.focus_entry)
        # Ctrl+Z from anywhere in the pane (the entry table, say); the entry row's fields catch it themselves.
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setWhatsThis(self.tr("Undo the last entry (it is voided as an entry mistake)"))
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_last_entry)

        self.apply_theme(context.theme())
        self._update_scope_widgets()
        self._show_state()
        self._install_tools()
        # The tools sit in the heading but are made last: Tab reaches them first, as the eye does.
        tools = [item.widget() for item in (self.tools_layout.itemAt(i) for i in range(self.tools_layout.count()))]
        move_before([tool for tool in tools if tool is not None], self.session_combo, self)

    def _balance_tables(self) -> None:
        tables = (self.workers_table.columns, self.entries_table.columns)
        self.tables_splitter.balance(
            [columns.table_width() for columns in tables], [columns.least_table_width() for columns in tables]
        )

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
        await self._load_sessions(pick_open=False, prefer=self._session_id())

    def show_session(self, session_id: str) -> None:
        """Show this session (the Sessions pane asks, say), whatever the navigator's sector."""
        self._wanted_session = session_id
        self._attach_office()
        if self._office is not None:
            self._spawn(self._show_wanted(session_id), "tallies-show-session")

    # ------------------------------------------------------------------------------------------ office and sync
    def _attach_office(self) -> None:
        office = self.context.office()
        if office is self._office:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._office = office
        self._sync = None
        self._finder = WorkerFinder()
        self.entry_row.set_finder(self._finder)
        if office is None:
            return
        self._unsubscribe = office.engine.subscribe(self._on_sync_status)
        unsubscribe = self._unsubscribe
        # The engine outlives a pane only when the window goes first; either way, stop being called.
        self.destroyed.connect(lambda *_: unsubscribe())
        self._spawn(self._load_workers(), "tallies-workers")

    def _on_sync_status(self, status: SyncStatus) -> None:
        before, self._sync = self._sync, status
        self._update_chip()
        if before is None:
            return
        # Our own entries raise the pending count and are shown already; anything else may change the ledger:
        # entries confirmed (pending went down), refused, or a refresh that brought the server's copies.
        if (
            status.pending < before.pending
            or status.state is not before.state
            or status.needs_attention != before.needs_attention
            or status.last_sync_at != before.last_sync_at
        ) and not self._reload_timer.isActive():
            self._reload_timer.start()

    def _reload_after_sync(self) -> None:
        if self._office is None or (self._selection.project is None and self._session is None):
            return
        self._spawn(self._reload_everything(), "tallies-sync-reload")

    async def _reload_everything(self) -> None:
        synced = self._sync is not None and self._sync.last_sync_at is not None
        await self._load_workers()
        if self._session is None and self._wanted_session is None and self._selection.project is not None:
            # Nothing shown: the sync may have brought the day's sessions (a first sync, a colleague's new one).
            await self._load_sessions(pick_open=False)
        else:
            await self._reload_ledger()
        if synced and not self._shown_after_sync:
            self._shown_after_sync = True
            self.data_ready.emit()

    # ------------------------------------------------------------------------------------------ loading
    async def _load_workers(self) -> None:
        office = self._office
        if office is None:
            return
        rows = await office.store.workers()
        if office is not self._office:
            return
        self._finder = WorkerFinder(WorkerChoice.from_worker(row.data, pending=row.pending) for row in rows)
        self.entry_row.set_finder(self._finder)

    async def _load_sessions(self, *, pick_open: bool, prefer: str | None = None) -> None:
        office, project = self._office, self._selection.project
        if office is None or project is None:
            return
        self._load_token += 1
        token = self._load_token
        sector_id = self._selection.sector.sector_id if self._selection.sector else None
        day = self._chosen_day()
        if pick_open:
            opened = await office.store.sessions(project_id=project.project_id, sector_id=sector_id, status="open")
            today = self._today(project.timezone)
            chosen = session_to_show([row.data for row in opened], office.actions.auth0_id, today)
            if chosen is not None:
                prefer = chosen["session_id"]
                day = parse_day_label(str(chosen["day"]))
            else:
                day = today
        rows = await office.store.sessions(
            project_id=project.project_id, sector_id=sector_id, first_day=day.isoformat(), last_day=day.isoformat()
        )
        await self._carry_enter_actions(office)
        if token != self._load_token:
            return  # a newer request (another day, another sector) is on its way
        self._show_sessions([row.data | {"pending": row.pending} for row in rows], day, prefer)
        await self._reload_ledger()

    async def _show_wanted(self, session_id: str) -> None:
        office = self._office
        if office is None:
            return
        self._load_token += 1
        token = self._load_token
        resolved = await office.store.resolve_session(session_id)
        data = await office.store.read(cache.session, resolved)
        if data is None:  # opened here and not on the server yet
            opened = await office.store.sessions(status="open")
            data = next((row.data for row in opened if row.data["session_id"] in (session_id, resolved)), None)
        if token != self._load_token or office is not self._office:
            return
        if data is None:
            self.status_message.emit(self.tr("That session is not on this computer yet; press F5 to refresh."))
            return
        day = parse_day_label(str(data["day"]))
        rows = await office.store.sessions(
            project_id=data["project_id"], first_day=day.isoformat(), last_day=day.isoformat()
        )
        if token != self._load_token:
            return
        self._show_sessions([row.data | {"pending": row.pending} for row in rows], day, data["session_id"])
        self._show_state()
        await self._reload_ledger()

    def _show_sessions(self, sessions: list[dict[str, Any]], day: date, prefer: str | None) -> None:
        self._sessions = sessions
        shown = QDate(day.year, day.month, day.day)
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(shown)
        self.day_edit.blockSignals(False)
        if not self._season_start_chosen:
            self.season_from.blockSignals(True)
            self.season_from.setDate(shown.addDays(-DEFAULT_SEASON_DAYS))
            self.season_from.blockSignals(False)
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for session in sessions:
            self.session_combo.addItem(self._session_title(session), session["session_id"])
        index = next((i for i, s in enumerate(sessions) if s["session_id"] == prefer), -1)
        if index < 0:
            index = next((i for i, s in enumerate(sessions) if s["status"] == "open"), 0 if sessions else -1)
        self.session_combo.setCurrentIndex(index)
        self.session_combo.blockSignals(False)
        before = self._session_id()
        self._session = sessions[index] if index >= 0 else None
        if self._session_id() != before:
            self._forget_last_entry()
            # The same session keeps its ledger until the store's is read again: a payroll exported or a report
            # printed meanwhile (a sync reloads the day often) must not come out empty.
            self._ledger = []
        self._show_session_details()

    async def _reload_ledger(self) -> None:
        """Read the selected session's ledger (and the day's or season's sums) again from the store."""
        office, session = self._office, self._session
        if office is None:
            return
        self._ledger_token += 1
        token = self._ledger_token
        made = self._local_changes
        selected = None if session is None else session["session_id"]
        scope: ScopeTally | None = None
        ledger: list[LedgerLine] = []
        closing = False
        if session is not None:
            session_id = await office.store.resolve_session(session["session_id"])
            ledger = await office.store.read(views.session_ledger, session_id)
            changes = await office.store.session_changes(session_id)
            closing = any(item.kind is EntryKind.CLOSE_SESSION for item in changes)
            if session_id != session["session_id"]:
                # Opened offline, numbered by the server since: go by the server's id from now on.
                self._carry_enter_action(session["session_id"], session_id)
                session = session | {"session_id": session_id, "pending": False}
        if self._scope != SESSION and self._selection.project is not None:
            apart = None if session is None else session["session_id"]
            scope = await office.store.read(scope_tally, **self._scope_range(), set_apart=apart)
        if token != self._ledger_token or office is not self._office or selected != self._session_id():
            return  # something newer was asked for meanwhile
        if made != self._local_changes:
            # Entries were made while reading: the read may have missed them. They are on screen already; read
            # again once the burst is over rather than show less than the user just typed.
            self._reload_timer.start()
            return
        self._session = session
        self._closing = closing
        self._ledger = ledger
        self._scope_tally = scope
        self._show_session_details()
        self._show_tables()

    # ------------------------------------------------------------------------------------------ showing
    def _show_state(self) -> None:
        icon_color = self._theme_tokens.get("icon", "#33443d")
        if self.context.office() is None:
            self.state_page.show_state(
                title=self.tr("Not signed in"),
                message=self.tr("Sign in to record tallies; they are kept on this computer until they sync."),
                icon=svg_pixmap("signed-out", _icon_size(), icon_color),
            )
            self.stack.setCurrentWidget(self.state_page)
            return
        if self._selection.project is None and self._session is None:
            self.state_page.show_state(
                title=self.tr("No project selected"),
                message=self.tr("Choose a project or sector in the navigator to see its sessions and tallies."),
                icon=svg_pixmap("project", _icon_size(), icon_color),
            )
            self.stack.setCurrentWidget(self.state_page)
            return
        self.stack.setCurrentWidget(self._content)

    def _show_session_details(self) -> None:
        session = self._session
        if session is None:
            where = self._selection.sector.sector_name if self._selection.sector else None
            where = where or (self._selection.project.name if self._selection.project else "")
            self.subtitle_label.setText(where)
            self._show_banner(
                self.tr("No session on {day} in {where}. Open one in the Sessions pane, or pick another day.").format(
                    day=_day_text(self.day_edit.date()), where=where
                )
            )
            self.entry_row.set_entry_enabled(False)
            self.entry_row.set_unit_name("")
            return
        pricing = Pricing.of_session(session)
        bonus = ""
        if pricing.bonus is not None:
            bonus = (
                self.tr(" + {value} % bonus").format(value=number_text(pricing.bonus.value))
                if pricing.bonus.type == "percent"
                else self.tr(" + {value} flat bonus").format(value=money_text(pricing.bonus.value))
            )
        self.subtitle_label.setText(
            self.tr("{sector} · {day} · times in {zone} · {price} per {unit}{bonus}").format(
                sector=session.get("sector_name") or session.get("sector_id"),
                day=_day_text(self.day_edit.date()),
                zone=zone_label(self._session_zone()),
                price=money_text(pricing.price_per_unit),
                unit=pricing.sampling_unit,
                bonus=bonus,
            )
        )
        self.entry_row.set_unit_name(pricing.sampling_unit)
        self.entry_row.set_enter_action(self._enter_action_for(session, pricing.sampling_unit))
        blocked = self._entry_block_reason()
        self._show_banner(blocked)
        self.entry_row.set_entry_enabled(blocked is None)

    def _entry_block_reason(self) -> str | None:
        session, office = self._session, self._office
        if session is None or office is None:
            return None
        if session.get("status") == "closed":
            return self.tr("This session is closed: its tally can be read and exported, but no longer changed.")
        if self._closing:
            return self.tr("This session is being closed: new entries would be refused.")
        owner = session.get("owner_auth0_id")
        if owner and owner != office.actions.auth0_id:
            return self.tr("Only the supervisor who opened this session ({owner}) can record in it.").format(
                owner=owner
            )
        return None

    def _forget_last_entry(self) -> None:
        """Another session is shown: Ctrl+Z must not reach back into the one left."""
        self._last_entry = None
        self.entry_row.clear_last_entry()

    def _show_banner(self, text: str | None) -> None:
        self.session_banner.setText(text or "")
        self.session_banner.setVisible(bool(text))

    def _show_tables(self) -> None:
        self.workers_model.update_rows(self._worker_rows())
        self._show_totals()
        self._show_entries()
        self._update_chip()
        self.tally_changed.emit()

    def _worker_rows(self) -> list[WorkerPayRow]:
        session = self._session
        sums = sums_from_lines(session["session_id"], self._ledger) if session is not None else []
        if self._scope == SESSION or self._scope_tally is None:
            pricing = {session["session_id"]: Pricing.of_session(session)} if session is not None else {}
            return roll_up(sums, pricing)
        scope = self._scope_tally
        if session is None or scope.rows_apart is None:
            return scope.rows
        if session["session_id"] not in {data["session_id"] for data in scope.sessions}:
            return scope.rows_apart  # the session shown is outside the day or season shown
        # The selected session as typed here just now, the rest as the store summed them.
        return combine_rows(scope.rows_apart, roll_up(sums, {session["session_id"]: Pricing.of_session(session)}))

    def _show_totals(self) -> None:
        total = totals(self.workers_model.rows)
        if not self.workers_model.rowCount():
            self.totals_label.setText(self.tr("No entries yet.") if self._session is not None else "")
            return
        unit = Pricing.of_session(self._session).sampling_unit if self._session else ""
        # Each count is a phrase of its own, singular or plural, so no language reads "1 workers".
        counts = [
            self.tr("1 worker") if total.workers == 1 else self.tr("{count} workers").format(count=total.workers),
            f"{number_text(total.units)} {unit}".strip(),
            self.tr("1 record") if total.records == 1 else self.tr("{count} records").format(count=total.records),
            self.tr("1 void") if total.voids == 1 else self.tr("{count} voids").format(count=total.voids),
            self.tr("pay {pay}").format(pay=money_text(total.pay.total)),
        ]
        text = " · ".join(counts)
        if total.pay.bonus:
            text += self.tr(" (bonus {bonus})").format(bonus=money_text(total.pay.bonus))
        if total.pending_units:
            text += self.tr(" · {units} waiting to sync").format(units=number_text(total.pending_units))
        self.totals_label.setText(text)

    def _session_zone(self) -> ZoneInfo | None:
        """The farm's timezone of the session shown (its project's when the session names none)."""
        return farm_zone(self._session.get("timezone") if self._session else None) or (
            farm_zone(self._selection.project.timezone) if self._selection.project else None
        )

    def _show_entries(self) -> None:
        self.entries_model.set_entries(entry_views(self._ledger, self.duplicate_spin.value()), self._session_zone())
        self._update_void_buttons()

    def _update_chip(self) -> None:
        pending = sum(1 for line in self._ledger if line.status is LineStatus.PENDING)
        stopped = sum(1 for line in self._ledger if line.status is LineStatus.ATTENTION)
        offline = self._sync is not None and self._sync.state is ConnectionState.OFFLINE
        if stopped:
            text, tone = self.tr("{count} need attention (see Outbox)").format(count=stopped), "error"
        elif pending and offline:
            text, tone = self.tr("Offline · {count} saved here, waiting to sync").format(count=pending), "warn"
        elif pending:
            text, tone = self.tr("{count} waiting to sync").format(count=pending), "warn"
        elif offline:
            text, tone = self.tr("Offline · entries are kept on this computer"), "warn"
        else:
            text, tone = self.tr("All entries on the server"), "ok"
        self.sync_chip.setText(text)
        self.sync_chip.setVisible(self._session is not None)
        if self.sync_chip.property("tone") != tone:
            self.sync_chip.setProperty("tone", tone)
            self.sync_chip.style().unpolish(self.sync_chip)
            self.sync_chip.style().polish(self.sync_chip)

    def _update_void_buttons(self) -> None:
        selected = self._selected_entry()
        self.void_button.setEnabled(selected is not None and selected.voidable)
        flagged = len(self._flagged())
        self.void_flagged_button.setEnabled(flagged > 0)
        self.void_flagged_button.setText(
            self.tr("Void flagged entries ({count})…").format(count=flagged)
            if flagged
            else self.tr("Void flagged entries…")
        )

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
        self._spawn(self._record(office, session["session_id"], worker, units), "tallies-record")

    async def _record(self, office: Office, session_id: str, worker: WorkerChoice, units: float) -> None:
        try:
            item = await office.actions.record_units(session_id, worker.worker_id, worker.name, units)
        except DiskFull:  # refused whole; the entries saved before stay saved
            self.entry_row.show_feedback(disk_full_entry_text(worker.name), error=True)
            return
        except Exception as error:  # the store closed, a bug: say so, keep the pane usable
            log.exception("recording a tally entry failed")
            self.entry_row.show_feedback(
                self.tr("The entry for {name} could not be saved: {error}").format(name=worker.name, error=error),
                error=True,
            )
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
            self.tr("Void {units} {unit} of {name}?").format(
                units=number_text(line.units), unit=unit, name=line.worker_name
            ),
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

    # ------------------------------------------------------------------------------------------ reactions
    def _on_session_chosen(self, index: int) -> None:
        self._session = self._sessions[index] if 0 <= index < len(self._sessions) else None
        self._forget_last_entry()
        self._ledger = []
        self._closing = False
        self._show_session_details()
        self._spawn(self._reload_ledger(), "tallies-ledger")

    def _on_day_changed(self, _day: QDate) -> None:
        self._spawn(self._load_sessions(pick_open=False), "tallies-day")

    def _on_season_start_changed(self, _start: QDate) -> None:
        self._season_start_chosen = True
        if self._scope == SEASON:
            self._spawn(self._reload_ledger(), "tallies-scope")

    def _on_scope_chosen(self, scope: str) -> None:
        self._scope = scope
        self._update_scope_widgets()
        self._spawn(self._reload_ledger(), "tallies-scope")

    def _update_scope_widgets(self) -> None:
        season = self._scope == SEASON
        self.season_label.setVisible(season)
        self.season_from.setVisible(season)

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

    def _on_exported(self, path: str, rows: int) -> None:
        if rows == 1:
            self.status_message.emit(self.tr("Exported 1 row to {path}").format(path=path))
        else:
            self.status_message.emit(self.tr("Exported {rows} rows to {path}").format(rows=rows, path=path))

    def _on_export_failed(self, path: str, reason: str) -> None:
        self.status_message.emit(self.tr("Could not export to {path}: {reason}").format(path=path, reason=reason))

    # ------------------------------------------------------------------------------------------ helpers
    def _session_id(self) -> str | None:
        return None if self._session is None else self._session["session_id"]

    def _chosen_day(self) -> date:
        chosen = self.day_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def _scope_range(self) -> dict[str, Any]:
        project = self._selection.project
        assert project is not None
        last = self._chosen_day()
        first = last
        if self._scope == SEASON:
            start = self.season_from.date()
            first = min(date(start.year(), start.month(), start.day()), last)
        return {
            "project_id": project.project_id,
            "sector_id": self._selection.sector.sector_id if self._selection.sector else None,
            "first_day": first.isoformat(),
            "last_day": last.isoformat(),
        }

    @staticmethod
    def _today(timezone: str) -> date:
        tz = farm_zone(timezone)
        return datetime.now(tz).date() if tz is not None else date.today()

    def _session_title(self, session: dict[str, Any]) -> str:
        timezone = farm_zone(session.get("timezone"))
        opened = time_text(session["opened_at"], timezone) if session.get("opened_at") else "—"
        sector = session.get("sector_name") or session.get("sector_id")
        if session.get("status") == "open":
            title = self.tr("{sector} · open since {time}").format(sector=sector, time=opened)
        else:
            title = self.tr("{sector} · closed · opened at {time}").format(sector=sector, time=opened)
        if session.get("pending"):
            title += self.tr(" · not yet on the server")
        office = self._office
        owner = session.get("owner_auth0_id")
        if office is not None and owner and owner != office.actions.auth0_id:
            title += f" · {owner}"
        return title

    def _spawn(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        try:
            self.context.tasks.spawn(work, name=name)
        except RuntimeError:  # shutting down: nothing more to show
            work.close()


def _day_text(day: QDate) -> str:
    return day_text(date(day.year(), day.month(), day.day()))


def _icon_size() -> QSize:
    return QSize(56, 56)
