"""The Tallies pane's widgets: heading, session picker, entry row, per-worker and entry tables, shortcuts.

Built once, in the order Tab walks them; what they show is filled in by pane_display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
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

from hydrodesk.domain.tally_entries import DEFAULT_DUPLICATE_WINDOW_S
from hydrodesk.ui.formats import day_format
from hydrodesk.ui.panes.base import PANE_MARGINS
from hydrodesk.ui.tallies.entries_model import NOTE, EntriesModel
from hydrodesk.ui.tallies.entry_row import TallyEntryRow
from hydrodesk.ui.tallies.scopes import DAY, DEFAULT_SEASON_DAYS, MAX_DUPLICATE_WINDOW_S, SEASON, SESSION
from hydrodesk.ui.tallies.worker_table import VOIDS, WorkerTallyModel
from hydrodesk.ui.widgets.balanced_splitter import BalancedSplitter
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    pass


class TalliesLayout:
    """Builds the pane's widgets. A part of TalliesPane
    (hydrodesk.ui.panes.tallies), which holds the state."""

    def _build_view(self) -> None:
        """Every widget of the pane, made in the order Tab walks them: heading, picker, entry row, the two tables."""
        heading = self._build_heading()
        picker = self._build_picker()
        self._build_entry_row()
        workers_box = self._build_workers_box()
        entries_box = self._build_entries_box()
        body = self._build_tables(workers_box, entries_box)
        self._assemble(heading, picker, body)
        self._build_shortcuts()

    def _build_heading(self) -> QVBoxLayout:
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
        return heading

    def _build_picker(self) -> QHBoxLayout:
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
        self.session_banner.setTextFormat(Qt.TextFormat.RichText)  # its way forward is a link (`_show_banner`)
        self.session_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.session_banner.linkActivated.connect(self._on_banner_link)
        return picker

    def _build_entry_row(self) -> None:
        self.entry_row = TallyEntryRow(self)
        self.entry_row.entry_requested.connect(self._on_entry_requested)
        self.entry_row.undo_requested.connect(self.undo_last_entry)
        self.entry_row.enter_action_changed.connect(self._on_enter_action_changed)

    def _build_workers_box(self) -> QWidget:
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
        self.season_label = QLabel(self.tr("from"), self)
        # Shown with the Season scope only, and hidden from the start: laid out once while visible, they widened
        # the pane's minimum by 200 pixels (in the outdoor theme past a 1366-pixel screen, which the window grew to).
        self.season_label.setVisible(False)
        self.season_from.setVisible(False)
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
        self.announce_exports(self.workers_table)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("Muted")
        self.totals_label.setWordWrap(True)
        workers_box = QWidget(self)
        workers_layout = QVBoxLayout(workers_box)
        workers_layout.setContentsMargins(0, 0, 0, 0)
        workers_layout.addLayout(scope_row)
        workers_layout.addWidget(self.workers_table, 1)
        workers_layout.addWidget(self.totals_label)
        return workers_box

    def _build_entries_box(self) -> QWidget:
        entries_heading = QLabel(self.tr("ENTRIES"), self)
        entries_heading.setObjectName("SectionLabel")
        self.entries_model = EntriesModel(self)
        self.entries_table = DataTable(export_name=self.tr("tally-entries", "file name"), parent=self)
        self.entries_table.set_source_model(self.entries_model)
        self.entries_table.set_elastic_columns([NOTE])  # a void's reason is free text
        self.entries_table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.entries_table.view.installEventFilter(self)
        self.entries_table.current_row_changed.connect(lambda _index: self._update_void_buttons())
        self.announce_exports(self.entries_table)
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
        # The repeat window beside the heading, as the scope beside the per-worker heading: under the table, in one
        # row with the void buttons, it kept the entries 650 pixels wide in the outdoor theme, and the per-worker
        # table's Pay scrolled out of sight at 1366 pixels.
        heading_row = QHBoxLayout()
        heading_row.addWidget(entries_heading)
        heading_row.addStretch(1)
        heading_row.addWidget(duplicate_label)
        heading_row.addWidget(self.duplicate_spin)
        entry_actions = QHBoxLayout()
        entry_actions.addWidget(self.void_button)
        entry_actions.addWidget(self.void_flagged_button)
        entry_actions.addStretch(1)
        entries_box = QWidget(self)
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addLayout(heading_row)
        entries_layout.addWidget(self.entries_table, 1)
        entries_layout.addLayout(entry_actions)
        return entries_box

    def _build_tables(self, workers_box: QWidget, entries_box: QWidget) -> BalancedSplitter:
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
        return body

    def _assemble(self, heading: QVBoxLayout, picker: QHBoxLayout, body: BalancedSplitter) -> None:
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

    def _build_shortcuts(self) -> None:
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

    def _balance_tables(self) -> None:
        tables = (self.workers_table.columns, self.entries_table.columns)
        self.tables_splitter.balance(
            [columns.table_width() for columns in tables], [columns.least_table_width() for columns in tables]
        )
