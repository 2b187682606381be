"""Phytosanitary scouting: which sectors are in Alert for which pest, how it developed, and the raw points.

The scope follows the navigator (the company, a project or a sector) and a range of local days (presets or two
dates). The pane shows the cache at once, then fetches the range (split into the API's 180-day pieces) and shows
it again; offline, the last fetched records stay browsable and the subtitle says how old they are. The heatmap
(sectors x pests, incidence or severity, coloured by the company's action thresholds, Alert first) opens a
sector's trend and records on click or Enter. Thresholds are edited here (Ctrl+T) and saved on this computer;
a change recolours every view through the thresholds hub. Ctrl+R writes the printable scouting report (PDF).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.phyto_heatmap import Heatmap
from hydrodesk.domain.phyto_range import DayRange, Preset, preset_range, today_in
from hydrodesk.domain.phyto_trend import trend
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict
from hydrodesk.domain.timestamps import now_utc, parse_utc_text
from hydrodesk.ui import formats
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.panes.sync_follow import EngineFollower
from hydrodesk.ui.phyto.actions import RECORDS_TAB, ScoutingActions
from hydrodesk.ui.phyto.heatmap_model import FIRST_PEST_COLUMN, INCIDENCE, SEVERITY, HeatmapModel
from hydrodesk.ui.phyto.loading import ScoutingLoading
from hydrodesk.ui.phyto.records_model import RecordsModel
from hydrodesk.ui.phyto.thresholds_hub import thresholds_hub
from hydrodesk.ui.phyto.trend_chart import TrendChart, key_html
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

SYNC_NEWS_DELAY_MS = 500


class HeatmapView(QTableView):
    """The heatmap table: Enter opens the current cell, as a click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class PhytoPane(ScoutingLoading, ScoutingActions, Pane):
    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        # The last 7 days at first: what the crops show now, and never an empty month on the 1st before the
        # morning's walk ("this month" was the default, and began empty every month).
        self._preset: Preset | None = Preset.LAST_7_DAYS
        self._days: DayRange | None = None
        self._book = ThresholdBook()
        self._company_id: str | None = None
        self._timezone = "UTC"
        self._records: list[dict[str, Any]] = []
        self._focus: tuple[str | None, str | None] = (None, None)  # (sector id, pest) opened from the heatmap
        self._problem: str | None = None
        self._age: str | None = None
        self._loaded = False
        self._stale = False
        self._office_shown: Office | None = None  # the office whose cache the pane shows (a new sign-in: reload)
        self.fetches_done = 0  # fetches tried (succeeded or not) and shown: what a test or a screenshot waits for
        self._load_lock = asyncio.Lock()
        self._theme_name = "light"

        self.title_label = QLabel(self.tr("Scouting"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.subtitle_label.setWordWrap(True)

        # The heading's tools are made first: Tab visits them first, as a person reads the pane.
        self.thresholds_button = QPushButton(self.tr("Thresholds…"), self)
        self.thresholds_button.setToolTip(self.tr("Edit the action thresholds per pest (Ctrl+T)"))
        self.thresholds_button.clicked.connect(self.edit_thresholds)
        self.report_button = QPushButton(self.tr("Report…"), self)
        self.report_button.setToolTip(self.tr("Save the scouting report of this range as a PDF (Ctrl+R)"))
        self.report_button.clicked.connect(self.choose_report_file)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Fetch this range's scouting again (F5)"))
        self.refresh_button.clicked.connect(lambda: self._spawn(self.refresh(), "phyto-refresh"))

        self.presets = SegmentedButtons(self)
        self.presets.add(Preset.LAST_7_DAYS.value, self.tr("7 days"), self.tr("The last 7 days, today included"))
        self.presets.add(Preset.THIS_MONTH.value, self.tr("This month"), self.tr("From the 1st of this month"))
        self.presets.add(Preset.LAST_90_DAYS.value, self.tr("90 days"), self.tr("The last 90 days, today included"))
        self.presets.add(Preset.SEASON.value, self.tr("Season"), self.tr("Since 1 July, when the fruit season starts"))
        self.presets.select(Preset.LAST_7_DAYS.value)
        self.presets.chosen.connect(self._on_preset)
        self.from_edit = self._date_edit(self.tr("First day of the range"))
        self.to_edit = self._date_edit(self.tr("Last day of the range"))
        self.from_label = QLabel(self.tr("Fr&om"), self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(self.tr("&To"), self)
        self.to_label.setBuddy(self.to_edit)

        self.measure = SegmentedButtons(self)
        self.measure.add(INCIDENCE, self.tr("Incidence"), self.tr("Share of points where it was found (Ctrl+I)"))
        self.measure.add(SEVERITY, self.tr("Severity"), self.tr("Mean damage grade where found (Ctrl+I)"))
        self.measure.select(INCIDENCE)
        self.measure.chosen.connect(self._on_measure)

        self.heatmap_model = HeatmapModel(self)
        self.heatmap_view = HeatmapView(self)
        self.heatmap_view.setObjectName("ScoutingHeatmap")
        self.heatmap_view.setModel(self.heatmap_model)
        self.heatmap_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.heatmap_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.heatmap_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heatmap_view.setTabKeyNavigation(False)
        self.heatmap_view.setWordWrap(True)
        self.heatmap_view.verticalHeader().setVisible(False)
        self.heatmap_view.verticalHeader().setDefaultSectionSize(26)
        self.heatmap_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The sector's name takes what it needs; the pests share the rest of the width.
        self.heatmap_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.heatmap_view.horizontalHeader().setMinimumSectionSize(70)
        self.heatmap_view.setAccessibleName(self.tr("Heatmap of sectors and pests"))
        self.heatmap_view.activated.connect(self._on_cell_activated)
        self.heatmap_view.clicked.connect(self._on_cell_activated)

        self.tabs = QTabWidget(self)  # made before the pages' controls, so Tab reaches its tab bar first, as it reads
        self.pest_combo = QComboBox(self)
        self.pest_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pest_combo.setMinimumContentsLength(16)
        self.pest_combo.setAccessibleName(self.tr("Pest or disease shown in the trend"))
        self.pest_combo.currentIndexChanged.connect(self._show_trend)
        self.pest_label = QLabel(self.tr("&Pest or disease"), self)
        self.pest_label.setBuddy(self.pest_combo)
        self.trend_note = QLabel(self)
        self.trend_note.setObjectName("Muted")
        self.trend_note.setWordWrap(True)  # gives way before the navigator does at 1366 pixels
        self.trend_note.setTextFormat(Qt.TextFormat.RichText)  # the chart's key: each sector's colour and name
        self.chart = TrendChart(self)
        self.chart.set_labels(self.tr("Incidence %"), self.tr("Severity %"))
        trend_page = QWidget(self)
        trend_bar = QHBoxLayout()
        trend_bar.addWidget(self.pest_label)
        trend_bar.addWidget(self.pest_combo)
        trend_bar.addWidget(self.trend_note, 1)
        trend_layout = QVBoxLayout(trend_page)
        trend_layout.setContentsMargins(0, 6, 0, 0)
        trend_layout.addLayout(trend_bar)
        trend_layout.addWidget(self.chart, 1)

        self.records_model = RecordsModel(self)
        self.records_table = DataTable(
            export_name=self.tr("scouting", "file name"), title=self.tr("Scouting"), parent=self
        )
        self.records_table.set_source_model(self.records_model)
        self.records_table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.announce_exports(self.records_table)

        self.tabs.addTab(trend_page, self.tr("Trend"))
        self.tabs.addTab(self.records_table, self.tr("Records"))

        self.state_page = StatePage(self)
        self.state_page.setVisible(False)
        self.state_page.action_button.clicked.connect(lambda: self._spawn(self.refresh(), "phyto-refresh"))

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.heatmap_view)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        heading.addWidget(self.thresholds_button)
        heading.addWidget(self.report_button)
        heading.addWidget(self.refresh_button)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.presets)
        bar.addSpacing(6)
        bar.addWidget(self.from_label)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_label)
        bar.addWidget(self.to_edit)
        bar.addSpacing(6)
        bar.addWidget(self.measure)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.subtitle_label)
        layout.addLayout(bar)
        layout.addWidget(self.state_page, 1)
        layout.addWidget(self.splitter, 1)

        self.add_shortcut("Ctrl+T", self.tr("Edit the action thresholds"), self.edit_thresholds)
        self.add_shortcut("Ctrl+R", self.tr("Save the scouting report as a PDF"), self.choose_report_file)
        self.add_shortcut("Ctrl+I", self.tr("Switch between incidence and severity"), self.toggle_measure)

        thresholds_hub().changed.connect(self._on_thresholds_changed)
        # A scouting form sent from this office (the Forms pane, maybe hours ago offline) is a new record on the
        # server: when the outbox delivers one, the range is fetched again so the record shows without an F5.
        self._sent_forms: set[str] | None = None  # outbox entries of forms delivered, as last seen
        self._sync_news: tuple[object, ...] | None = None
        self._engine = EngineFollower(self, self._on_sync_status)
        self._deliveries_timer = QTimer(self)  # sync news comes in bursts: one look per burst
        self._deliveries_timer.setSingleShot(True)
        self._deliveries_timer.setInterval(SYNC_NEWS_DELAY_MS)
        self._deliveries_timer.timeout.connect(lambda: self._spawn(self._fetch_after_delivery(), "phyto-delivery"))
        self._range_timer = QTimer(self)  # typing a date fetches once the person stops, not on every digit
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(400)
        self._range_timer.timeout.connect(self._on_dates_settled)
        self.apply_theme(context.theme())
        self._show_subtitle()

    def _date_edit(self, tooltip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(formats.day_format(weekday=False))
        edit.setToolTip(tooltip)
        edit.setAccessibleName(tooltip)
        edit.dateChanged.connect(self._on_date_edited)
        return edit

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        if selection == self._selection and self._loaded:
            return
        self._selection = selection
        self._focus = (None, None)
        if self.isVisible():
            self._spawn(self.reload(), "phyto-reload")
        else:
            self._stale = True  # shown again later: load then

    def is_data_ready(self) -> bool:
        return self.fetches_done > 0 or self.context.office() is None

    def apply_theme(self, theme: Theme) -> None:
        self._theme_name = theme.name
        color = theme.tokens["icon"]
        self.records_table.set_icons(themed_icon("search", color), themed_icon("export", color))
        self.refresh_button.setIcon(themed_icon("refresh", color))
        self.heatmap_model.set_theme(theme.name)
        self.chart.set_foreground(theme.palette.color(theme.palette.ColorRole.Text).name(), theme.tokens["card"])

    def help_text(self) -> str:
        return self.tr(
            "Scouting of the company, project or sector chosen in the navigator, over the days chosen above. Each "
            "cell of the heatmap is a pest's incidence or severity in a sector, coloured by its action threshold; "
            "sectors in Alert come first. Click a cell or press Enter on it to see that sector's trend and records. "
            "The last fetched scouting stays here offline."
        )

    def widget_keys(self) -> list:
        from hydrodesk.ui.keys import KeyHelp

        return [KeyHelp(self.tr("Enter"), self.tr("In the heatmap: open the sector's trend and records"))]

    def focus_filter(self) -> bool:
        self.tabs.setCurrentIndex(RECORDS_TAB)
        self.records_table.focus_filter()
        return True

    def export_table(self) -> bool:
        self.tabs.setCurrentIndex(RECORDS_TAB)
        self.records_table.choose_export_file()
        return True

    async def refresh(self) -> None:
        await self.reload(fetch=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale or self.context.office() is not self._office_shown:
            self._stale = False
            self._spawn(self.reload(), "phyto-first-load")

    # ------------------------------------------------------------------------------------------ range
    @property
    def records(self) -> list[dict[str, Any]]:
        """The scouting records shown (the scope and range chosen), oldest first."""
        return list(self._records)

    def current_range(self) -> DayRange:
        today = today_in(self._timezone_for_scope(), now_utc())
        if self._preset is not None:
            return preset_range(self._preset, today)
        return self._days or preset_range(Preset.LAST_7_DAYS, today)

    def set_range(self, days: DayRange) -> None:
        """A custom range (the date fields); no preset is highlighted."""
        self._preset = None
        self._days = days
        self._spawn(self.reload(), "phyto-range")

    def choose_preset(self, preset: Preset) -> None:
        self.presets.select(preset.value)
        self._on_preset(preset.value)

    def _on_preset(self, value: str) -> None:
        self._preset = Preset(value)
        self._days = None
        self._spawn(self.reload(), "phyto-range")

    def _show_dates(self, days: DayRange) -> None:
        for edit, day in ((self.from_edit, days.start), (self.to_edit, days.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _on_date_edited(self, _date: QDate) -> None:
        self._range_timer.start()

    def _on_dates_settled(self) -> None:
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if start > end:
            self.status_message.emit(self.tr("The range must not start after it ends."))
            return
        self.presets.clear()
        self.set_range(DayRange(start, end))  # type: ignore[arg-type]  # QDate.toPython() is typed object; a date

    # ------------------------------------------------------------------------------------------ showing
    def show_heatmap(self, heatmap: Heatmap) -> None:
        focus_sector, focus_pest = self._focus
        self.heatmap_model.set_heatmap(heatmap, self._book)
        self.heatmap_view.resizeRowsToContents()
        names = [name for name, _ in heatmap.pests]
        current = self.pest_combo.currentData()
        self.pest_combo.blockSignals(True)
        self.pest_combo.clear()
        for name, label in heatmap.pests:
            self.pest_combo.addItem(formats.pest_name(label), name)
        wanted = focus_pest or current or ("aphids" if "aphids" in names else names[0] if names else None)
        if wanted in names:
            self.pest_combo.setCurrentIndex(names.index(wanted))
        self.pest_combo.blockSignals(False)
        if not heatmap.sectors or not any(row.samples for row in heatmap.sectors):
            days = self.current_range()
            self._show_state(
                self.tr("No scouting in this range"),
                self.tr(
                    "Nobody recorded a scouting point here between {start} and {end}. Choose a longer range above, "
                    "or press F5 to fetch it again."
                ).format(
                    start=formats.day_text(days.start, weekday=False), end=formats.day_text(days.end, weekday=False)
                ),
                action=self.tr("Fetch again"),
                tone="neutral",
            )
        else:
            self.state_page.setVisible(False)
            self.splitter.setVisible(True)
        self._show_trend()
        if focus_sector is not None:
            row = self.heatmap_model.row_of(focus_sector)
            column = self.heatmap_model.column_of(focus_pest) if focus_pest else FIRST_PEST_COLUMN
            if row >= 0:
                self.heatmap_view.setCurrentIndex(self.heatmap_model.index(row, max(column, 0)))

    def _show_state(self, title: str, message: str, *, action: str | None, tone: str) -> None:
        self.state_page.show_state(title=title, message=message, action=action, tone=tone)
        self.state_page.setVisible(True)
        self.splitter.setVisible(False)

    def _show_subtitle(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        if sector is not None and project is not None:
            scope = self.tr("{sector} · {project}").format(sector=sector.sector_name, project=project.name)
        elif project is not None:
            scope = project.name
        else:
            scope = self.tr("Whole company")
        days = self.current_range()
        parts = [
            scope,
            self.tr("{start} – {end}").format(
                start=formats.day_text(days.start, weekday=False), end=formats.day_text(days.end, weekday=False)
            ),
        ]
        zone = self._timezone_for_scope()
        if self._age is not None:
            parts.append(self.tr("fetched {time}").format(time=formats.zoned_text(parse_utc_text(self._age), zone)))
        elif self._loaded:
            parts.append(self.tr("not fetched yet"))
        if self._problem:
            parts.append(self.tr("showing saved data: {problem}").format(problem=self._problem))
        self.subtitle_label.setText(" · ".join(parts))

    def _show_trend(self) -> None:
        pest = self.pest_combo.currentData()
        heatmap = self.heatmap_model.heatmap
        if pest is None:
            self.chart.show_trend(
                {}, {}, [], None, Verdict.NO_DATA, self._book.for_pest(""), self._timezone_for_scope()
            )
            self.trend_note.setText("")
            return
        trends = trend(self._records, pest, self._timezone_for_scope())
        names = {row.sector_id: row.sector_name for row in heatmap.sectors}
        order = [row.sector_id for row in heatmap.sectors]
        focus = self._focus[0] if self._focus[0] in trends else (order[0] if order else None)
        verdict = heatmap.verdict(self._book, focus, pest) if focus else Verdict.NO_DATA
        self.chart.show_trend(
            trends, names, order, focus, verdict, self._book.for_pest(pest), self._timezone_for_scope()
        )
        if focus:
            self.trend_note.setText(key_html(self.chart.key, self.chart.alert_colour, self.tr("alert threshold")))
