"""The worker roster: a searchable, filterable list that works offline from the cache, one worker's details and
recent tallies, and the create-worker form (Ctrl+N).

Everything shown is read from the office's local store (the cached roster with workers created here laid over
it), so the pane works the same with the server gone; the Refresh button (F5) fetches the roster and the
company's template options when the server can be reached. A worker is created through the outbox: it shows at
once, marked pending, and a worker the server refuses (its worker_id is taken) waits, marked, for "Edit and retry".
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk.api.errors import ApiError
from hydrodesk.domain.photos import photo_from_data_url
from hydrodesk.domain.roster import IdHolder, OptionLists, RosterFilter
from hydrodesk.store import roster
from hydrodesk.store.views import Row
from hydrodesk.sync.photos import PhotoCache
from hydrodesk.sync.roster import OptionsSource, load_worker_options
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui import formats
from hydrodesk.ui.error_text import user_message
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.panes.sync_follow import EngineFollower
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.state_page import StatePage
from hydrodesk.ui.widgets.tab_order import move_before
from hydrodesk.ui.workers.adding import WorkerAdding
from hydrodesk.ui.workers.create_dialog import CreateWorkerDialog
from hydrodesk.ui.workers.detail import WorkerDetail
from hydrodesk.ui.workers.loading import CONTENT_PAGE, STATE_PAGE, RosterLoading
from hydrodesk.ui.workers.models import EMPLOYMENT, HIRE_DATE, PHONE, RosterTableModel, row_key

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200  # typing pauses this long before the list follows
SYNC_RELOAD_DELAY_MS = 300  # sync news arrives in bursts; one reload per burst


class WorkersPane(RosterLoading, WorkerAdding, Pane):
    roster_loaded = Signal()  # the list shows the store's current roster (after each reload)
    detail_loaded = Signal(str)  # the selected worker's tallies and photo are shown (its row key)

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._office: Office | None = None
        self._engine = EngineFollower(self, self._on_sync_status)
        self._photos: PhotoCache | None = None
        self._filter = RosterFilter()
        self._options = OptionLists()
        self._options_source: OptionsSource | None = None
        self._holders: dict[str, IdHolder] = {}
        self._snapshot: roster.RosterSnapshot | None = None
        self._zone: str | None = None  # the timezone of the project selected: the farm's clock
        self._sync: SyncStatus | None = None
        self._refresh_problem: str | None = None
        self._refreshing: asyncio.Event | None = None
        """Set while a download is under way; set() when it ends (a refresh asked meanwhile waits for it)."""
        self._reload_generation = 0
        self._detail_generation = 0
        self._selected: tuple[str, str] | None = None  # (row key, worker_id) of the selected worker
        self._applying = False
        self.create_dialog: CreateWorkerDialog | None = None

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Workers"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Download the roster from the Hydrobit server (F5)"))
        self.refresh_button.clicked.connect(self._refresh_in_background)
        self.new_button = QPushButton(self.tr("New worker…"), self)
        self.new_button.setObjectName("PrimaryButton")
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip(self.tr("Add a worker to the roster (Ctrl+N)"))
        self.new_button.clicked.connect(self.open_create_dialog)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading = QHBoxLayout()
        heading.addLayout(titles, 1)
        heading.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.banner = QLabel(self)
        self.banner.setObjectName("PaneBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        # ---------------------------------------------------------------- search and filters
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("WorkerSearch")
        self.search_edit.setPlaceholderText(self.tr("Search name or worker ID (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self._search_icon = self.search_edit.addAction(
            themed_icon("search", "#33443d"), QLineEdit.ActionPosition.LeadingPosition
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filters)
        self.status_filter = self._filter_combo(self.tr("Any status"))
        self.position_filter = self._filter_combo(self.tr("Any position"))
        self.employment_filter = self._filter_combo(self.tr("Any employment type"))
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_edit, 2)
        for combo in (self.status_filter, self.position_filter, self.employment_filter):
            filters.addWidget(combo, 1)
        filters.addWidget(self.clear_button)

        # ---------------------------------------------------------------- list and detail
        self.model = RosterTableModel(self)
        self.table = DataTable(export_name=self.tr("workers", "file name"), parent=self)
        # The search box above folds accents ("nunez" finds Núñez) and also covers workers made here; the
        # table's own plain-text filter would only confuse next to it.
        self.table.filter_edit.setVisible(False)
        self.table.set_source_model(self.model)
        # Named: the columns a user hides are remembered. Contract, hire date and phone are on the worker's card
        # beside the table, so a 1366-pixel screen leaves them out of the table until the user asks for them (right
        # click on the header).
        self.table.setObjectName("Roster")
        self.table.set_hidden_columns([EMPLOYMENT, HIRE_DATE, PHONE])
        self.table.current_row_changed.connect(self._on_row_changed)
        self.announce_exports(self.table)
        self.no_match_label = QLabel(self)
        self.no_match_label.setObjectName("Muted")
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setVisible(False)
        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.no_match_label)
        list_layout.addWidget(self.table, 1)

        self.detail = WorkerDetail(self)
        self.detail.edit_and_retry.connect(self.open_edit_dialog)
        detail_scroll = QScrollArea(self)
        detail_scroll.setObjectName("WorkerDetailScroll")
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        # The card's scroll area (arrows scroll it) before the card's own table, as they are read.
        move_before([detail_scroll], self.detail.history_view, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("RosterAndDetail")
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(detail_scroll)
        # The roster takes what a wider screen adds; the worker's card keeps room for its recent tallies.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([690, 440])
        self.splitter.setChildrenCollapsible(False)
        # The card never gets narrower than its recent tallies need (fonts and names differ from one office to
        # the next): the splitter takes the room from the roster, whose table gives way more gracefully.
        self._detail_scroll = detail_scroll
        self.detail.history_columns.fitted.connect(self._keep_room_for_history)

        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(self._refresh_in_background)
        self.stack = QStackedWidget(self)
        self.stack.insertWidget(CONTENT_PAGE, self.splitter)
        self.stack.insertWidget(STATE_PAGE, self.state_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_RELOAD_DELAY_MS)
        self._sync_timer.timeout.connect(self._reload_if_shown)
        self._stale = False  # sync news arrived while the pane was hidden: reload when it is shown
        self.apply_theme(context.theme())
        self._show_subtitle()

    def _filter_combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(self._apply_filters)
        return combo

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        zone = selection.project.timezone if selection.project is not None else None
        if zone != self._zone:
            self._zone = zone
            self._show_subtitle()
        # The roster belongs to the company, not to a project; a new sign-in may have brought a new office.
        if self.isVisible() and self.context.office() is not self._office:
            self._reload_in_background()

    def apply_theme(self, theme: Theme) -> None:
        color = theme.tokens["icon"]
        self.table.set_icons(themed_icon("search", color), themed_icon("export", color))
        self._search_icon.setIcon(themed_icon("search", color))
        self.refresh_button.setIcon(themed_icon("refresh", color))
        self.model.set_colors(theme.color("busy"), theme.color("error"))
        self.detail.apply_theme(theme)

    def help_text(self) -> str:
        return self.tr(
            "The roster of the company's workers, searchable by name or ID even offline. Choose a worker to see their "
            "card and recent tallies. A new worker is saved on this computer at once and sent to Hydrobit when the "
            "connection allows."
        )

    def focus_filter(self) -> bool:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
        return True

    def export_table(self) -> bool:
        self.table.choose_export_file()
        return True

    async def refresh(self) -> None:
        """F5: download the roster and the template options, then show them (the cache's copy if offline)."""
        office = self._ensure_office()
        if office is None:
            await self.reload()
            return
        if self._refreshing is not None:
            # The download under way (the first load, or F5 pressed twice) answers this one too: showing the
            # cache now would show the roster from before it.
            await self._refreshing.wait()
            return
        self._refreshing = finished = asyncio.Event()
        self.refresh_button.setEnabled(False)
        self._show_subtitle()
        try:
            try:
                await self.context.monitor.call(office.engine.refresher.workers(full=True))
            except ApiError as error:
                self._refresh_problem = user_message(error)
                log.info("worker roster not refreshed: %s", error)
            else:
                self._refresh_problem = None
            loaded = await load_worker_options(office.store, office.engine.client, fetch=self._refresh_problem is None)
            if isValid(self):
                self._use_options(loaded)
                await self.reload()
        finally:
            self._end_refresh(finished)

    def _end_refresh(self, finished: asyncio.Event) -> None:
        finished.set()
        if isValid(self):
            self._refreshing = None
            self.refresh_button.setEnabled(True)
            self._show_subtitle()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.context.office() is not self._office or self._snapshot is None:
            self._first_load_in_background()
        elif self._stale:
            self._reload_in_background()

    # ------------------------------------------------------------------------------------------ states
    def _show_signed_out(self) -> None:
        self.model.set_rows([])
        self.state_page.show_state(
            title=self.tr("Not signed in"),
            message=self.tr("Sign in to Hydrobit (File > Sign in) to see the worker roster."),
        )
        self.stack.setCurrentIndex(STATE_PAGE)
        self._show_subtitle()

    def _show_empty_roster(self) -> None:
        self.model.set_rows([])
        self._show_detail(None)
        self.state_page.show_state(
            title=self.tr("No workers saved on this computer yet"),
            message=self.tr(
                "Connect to the Hydrobit server and press Refresh (F5) to download the roster. You can add "
                "workers with Ctrl+N meanwhile: they are sent once the server can be reached."
            ),
            action=self.tr("Refresh"),
        )
        self.stack.setCurrentIndex(STATE_PAGE)

    def _show_subtitle(self) -> None:
        snapshot = self._snapshot
        if self._refreshing is not None:
            self.subtitle_label.setText(self.tr("Downloading the roster…"))
            return
        if snapshot is None:
            self.subtitle_label.setText("")
            return
        count = len(snapshot.rows)
        shown = self.tr("1 worker") if count == 1 else self.tr("{count} workers").format(count=count)
        if snapshot.refreshed_at is None:
            refreshed = self.tr("roster never downloaded")
        else:
            refreshed = self.tr("roster refreshed {when}").format(when=self.when(snapshot.refreshed_at))
        pending = ""
        if snapshot.pending:
            pending = " · " + self.tr("{count} not on the server yet").format(count=snapshot.pending)
        self.subtitle_label.setText(f"{shown} · {refreshed}{pending}")

    def _show_banner(self) -> None:
        offline = self._sync is not None and self._sync.state in (
            ConnectionState.OFFLINE,
            ConnectionState.AUTH_REQUIRED,
        )
        refreshed = self._snapshot.refreshed_at if self._snapshot is not None else None
        since = self.when(refreshed) if refreshed else self.tr("never")
        if self._refresh_problem is not None:
            text = self.tr(
                "The roster could not be refreshed: {problem} Showing the copy saved on this computer "
                "(refreshed {when})."
            ).format(problem=self._refresh_problem, when=since)
        elif offline:
            text = self.tr(
                "Offline: showing the roster saved on this computer (refreshed {when}). New workers are saved here "
                "and sent when the connection is back."
            ).format(when=since)
        else:
            self.banner.setVisible(False)
            return
        self.banner.setText(text)
        set_style_property(self.banner, "tone", "warn")
        self.banner.setVisible(True)

    def when(self, utc_text: str) -> str:
        """A stored UTC time at the farm shown in the navigator, the zone named (the roster is the company's)."""
        return formats.zoned_text(utc_text, self._zone)

    # ------------------------------------------------------------------------------------------ filters
    def _apply_filters(self, *_: object) -> None:
        self._search_timer.stop()
        wanted = RosterFilter(
            query=self.search_edit.text(),
            status=self.status_filter.currentData(),
            position=self.position_filter.currentData(),
            employment_type=self.employment_filter.currentData(),
        )
        if wanted != self._filter or self._snapshot is None:
            self._filter = wanted
            self._reload_in_background()

    @property
    def roster_filter(self) -> RosterFilter:
        return self._filter

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.position_filter, self.employment_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._apply_filters()

    # ------------------------------------------------------------------------------------------ the selected worker
    def selected_row(self) -> Row | None:
        return self.detail.row

    def select_worker(self, key: str) -> bool:
        """Select the row of `key` (a worker_id, or `pending:<entry id>`); False when the list does not show it."""
        row = self.model.row_of(key)
        if row >= 0:
            self.table.select_source_row(row)
        return row >= 0

    def _keep_room_for_history(self) -> None:
        view = self.detail.history_view
        view.setMinimumWidth(self.detail.history_columns.least_table_width())
        # The scroll area's own bar may show beside a long card.
        room = self.detail.minimumSizeHint().width() + self._detail_scroll.verticalScrollBar().sizeHint().width()
        self._detail_scroll.setMinimumWidth(room)

    def _on_row_changed(self, index: QModelIndex) -> None:
        if self._applying:
            return  # a reload restores the selection itself
        row = self.model.row_at(index.row()) if index.isValid() else None
        self._show_detail(row)

    def _show_detail(self, row: Row | None) -> None:
        self._selected = (row_key(row), str(row.data.get("worker_id"))) if row is not None else None
        self.detail.show_row(row)
        self._detail_generation += 1
        if row is not None:
            self._spawn(self._load_detail(row, self._detail_generation), "worker-detail")

    async def _load_detail(self, row: Row, generation: int) -> None:
        office = self._office
        if office is None:
            return
        worker_id = str(row.data.get("worker_id"))
        shares = await office.store.read(roster.worker_history, worker_id)
        if not isValid(self) or generation != self._detail_generation:
            return
        self.detail.show_history(shares)
        photo = None
        if row.pending:
            photo = photo_from_data_url(row.data.get("photo"))  # still in the outbox, with the worker
        elif row.data.get("photo_url") and self._photos is not None:
            photo = await self._photos.photo(row.data["photo_url"], verify=office.engine.client.config.tls_verify())
        if not isValid(self) or generation != self._detail_generation:
            return
        self.detail.show_photo(photo)
        self.detail_loaded.emit(row_key(row))

    # ------------------------------------------------------------------------------------------ export
