"""Weather and plant: the project's weather station and a sector's soil and plant sensors on one time axis.

The pane shows the range chosen (a day up to a year, ending now) from the cache at once, then fetches it (raw
15-minute readings up to a month, hourly beyond; split into the server's 180-day calls) and shows the fresh copy.
Without the server the cached copy stays browsable, with its age. Charts are stacked on one shared time axis,
every curve decimated to the pixels, so zooming from a year to an hour never stalls; the soil moisture plot shades
the sector's irrigation runs and the showers, so water in and the soil's response read together. The daily table
sums rain and ET0 and gives temperature extremes, per local day. pyqtgraph is imported with this module, which the
main window imports only when the pane is first shown.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.weather_series import (
    Column,
)
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui import formats
from hydrodesk.ui.charts.stacked_time_chart import StackedTimeChart
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.weather.daily_model import HIDDEN_AT_FIRST, DailyTableModel
from hydrodesk.ui.weather.labels import PLOT_ORDER, SHOWN_AT_FIRST, plot_title
from hydrodesk.ui.weather.loading import WeatherLoading
from hydrodesk.ui.weather.showing import WeatherShowing
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage
from hydrodesk.ui.widgets.tab_order import move_before

if TYPE_CHECKING:
    from hydrodesk.api.models import Project, Sector
    from hydrodesk.sync.weather_range import WeatherRange
    from hydrodesk.ui.theme import Theme

log = logging.getLogger(__name__)

RANGE_DAYS = {"day": 1, "week": 7, "month": 30, "season": 180, "year": 365}
PROGRESS_AFTER_MS = 1000  # a fetch longer than this shows its progress
ZOOM_STEP = 2.0
PAN_STEP = 0.25
CATCH_UP_MS = 5 * 60 * 1000  # a new reading every 15 minutes: a look every 5 is soon enough


class WeatherPane(WeatherLoading, WeatherShowing, Pane):
    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._project: Project | None = None
        self._sector: Sector | None = None
        self._sector_chosen = False  # False: the project's first sector, as nothing narrower was selected
        self._range = "week"
        self._data: WeatherRange | None = None
        self._shown_start: datetime | None = None  # the start of the range the charts show
        self._columns: dict[str, Column] = {}
        self._shown_plots = set(SHOWN_AT_FIRST)
        self._generation = 0  # bumped by every load: an older load's answer is dropped
        self._load_when_shown = False
        self._ready = False
        self._state_icon_color = "#7a8580"
        self._error_color = "#b03a2e"

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Weather and plant"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.age_chip = QLabel(self)
        self.age_chip.setObjectName("Chip")
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading.addLayout(titles, 1)
        heading.addWidget(self.age_chip, 0, Qt.AlignmentFlag.AlignTop)
        self.banner = QLabel(self)
        self.banner.setObjectName("PaneBanner")
        self.banner.setProperty("tone", "warn")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        # ---------------------------------------------------------------- controls
        self.range_buttons = SegmentedButtons(self)
        for number, (key, text, tip) in enumerate(
            (
                ("day", self.tr("Day"), self.tr("Show the last 24 hours")),
                ("week", self.tr("Week"), self.tr("Show the last 7 days")),
                ("month", self.tr("Month"), self.tr("Show the last 30 days")),
                ("season", self.tr("Season"), self.tr("Show the last 6 months")),
                ("year", self.tr("Year"), self.tr("Show the last 12 months")),
            ),
            start=1,
        ):
            button = self.range_buttons.add(key, text, f"{tip} (Alt+{number})")
            button.setShortcut(QKeySequence(f"Alt+{number}"))
            button.setWhatsThis(tip)
        self.range_buttons.select(self._range)
        self.range_buttons.chosen.connect(self.set_range)
        self._daily = False
        self.view_buttons = SegmentedButtons(self)
        self.view_buttons.add("readings", self.tr("Readings"), self.tr("Every reading, as the sensors sent it"))
        self.view_buttons.add(
            "daily",
            self.tr("Daily"),
            self.tr("One point a day: rain and ET0 totals, temperature minimum, mean and maximum, other means"),
        )
        self.view_buttons.select("readings")
        self.view_buttons.chosen.connect(lambda choice: self.show_daily(choice == "daily"))
        self.progress = QProgressBar(self)
        self.progress.setObjectName("FetchProgress")
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(lambda: self.progress.setVisible(True))
        self.charts_button = QToolButton(self)
        self.charts_button.setText(self.tr("Charts"))
        self.charts_button.setToolTip(self.tr("Choose which charts are shown"))
        self.charts_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        charts_menu = QMenu(self.charts_button)
        self.plot_actions: dict[str, QAction] = {}
        for key in PLOT_ORDER:
            action = QAction(plot_title(key), self)
            action.setCheckable(True)
            action.setChecked(key in self._shown_plots)
            action.toggled.connect(lambda shown, key=key: self.show_plot(key, shown))
            charts_menu.addAction(action)
            self.plot_actions[key] = action
        self.charts_button.setMenu(charts_menu)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Save the readings as CSV or Excel, the daily table, or the charts"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_menu = QMenu(self.export_button)
        self.export_csv_action = QAction(self.tr("Readings shown as CSV…"), self)
        self.export_xlsx_action = QAction(self.tr("Readings shown as Excel…"), self)
        self.export_daily_action = QAction(self.tr("Daily table as CSV or Excel…"), self)
        self.export_png_action = QAction(self.tr("Charts as PNG picture…"), self)
        self.export_csv_action.triggered.connect(lambda: self._choose_export("csv"))
        self.export_xlsx_action.triggered.connect(lambda: self._choose_export("xlsx"))
        self.export_daily_action.triggered.connect(lambda: self.daily_table.choose_export_file())
        self.export_png_action.triggered.connect(lambda: self._choose_export("png"))
        export_menu.addActions(
            [self.export_csv_action, self.export_xlsx_action, self.export_daily_action, self.export_png_action]
        )
        self.export_button.setMenu(export_menu)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("Muted")
        controls = QHBoxLayout()
        controls.setSpacing(8)
        range_label = QLabel(self.tr("Range"), self)
        range_label.setObjectName("FieldName")
        controls.addWidget(range_label)
        controls.addWidget(self.range_buttons)
        controls.addSpacing(6)
        controls.addWidget(self.view_buttons)
        controls.addWidget(self.progress)
        controls.addWidget(self.zoom_label, 1)
        controls.addWidget(self.charts_button)
        controls.addWidget(self.export_button)

        # ---------------------------------------------------------------- charts, daily table
        self.chart = StackedTimeChart(self)
        self.chart.view_changed.connect(self._on_view_changed)
        self.chart.cursor_moved.connect(self._on_cursor_moved)
        chart_frame = QFrame(self)
        chart_frame.setObjectName("ChartFrame")
        chart_layout = QVBoxLayout(chart_frame)
        chart_layout.setContentsMargins(1, 1, 1, 1)
        chart_layout.addWidget(self.chart, 1)
        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(self.reload_in_background)
        self.chart_stack = QStackedWidget(self)
        self.chart_stack.addWidget(chart_frame)
        self.chart_stack.addWidget(self.state_page)

        self.daily_model = DailyTableModel(self)
        self.daily_table = DataTable(export_name=self.tr("weather-daily", "file name"), parent=self)
        self.daily_table.setObjectName("WeatherDailyTable")
        self.daily_table.set_source_model(self.daily_model)
        self.daily_table.set_hidden_columns(self.daily_model.column_of(name) for name in HIDDEN_AT_FIRST)
        self.announce_exports(self.daily_table)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("WeatherTabs")
        self.tabs.setUsesScrollButtons(False)  # two tabs always fit; hidden scroll arrows must not take Tab stops
        self.tabs.addTab(self.chart_stack, self.tr("Charts"))
        self.tabs.addTab(self.daily_table, self.tr("Daily table"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)
        move_before([self.tabs], self.daily_table.filter_edit, self)  # the tab bar before what it shows

        for keys, text, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.tr("Zoom the charts in"), lambda: self.chart.zoom(1 / ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, self.tr("Zoom the charts out"), lambda: self.chart.zoom(ZOOM_STEP)),
            ("Ctrl+0", self.tr("Show the whole range"), self.chart.reset_zoom),
            ("Alt+Left", self.tr("Move the charts back in time"), lambda: self.chart.pan(-PAN_STEP)),
            ("Alt+Right", self.tr("Move the charts forward in time"), lambda: self.chart.pan(PAN_STEP)),
            ("Ctrl+D", self.tr("Switch the charts between every reading and daily values"), self.toggle_daily),
        ):
            self.add_shortcut(keys, text, slot)
        # The readings go on arriving: while the pane is on screen, fetch the newest ones now and then (only what
        # the cache lacks, so this is a small request), and keep the age in the heading true.
        self._catch_up = QTimer(self)
        self._catch_up.setInterval(CATCH_UP_MS)
        self._catch_up.timeout.connect(self._on_catch_up)
        self._catch_up.start()
        self.apply_theme(context.theme())
        self._update_heading()

    # ------------------------------------------------------------------------------------------ Pane
    def is_data_ready(self) -> bool:
        return self._ready

    def set_selection(self, selection: Selection) -> None:
        project = selection.project
        sector = selection.sector
        chosen = sector is not None
        if sector is None and project is not None and project.sectors:
            sector = project.sectors[0]
        changed = (project.project_id if project else None) != (
            self._project.project_id if self._project else None
        ) or (sector.sector_id if sector else None) != (self._sector.sector_id if self._sector else None)
        self._project, self._sector, self._sector_chosen = project, sector, chosen
        self.chart.set_zone(project.timezone if project is not None else None)
        self._update_heading()
        if changed or self._data is None:
            self.reload_in_background()

    def help_text(self) -> str:
        return self.tr(
            "The project's weather station and the sector's soil and plant sensors, on one time axis. "
            "Alt+1 to Alt+5 choose the range, from a day to a year; drag or turn the mouse wheel over the charts, "
            "or use Ctrl++ and Ctrl+- and Alt+Left and Alt+Right, to zoom and move. "
            "Ctrl+D switches the charts between every reading and daily values. "
            "Blue bands on the soil moisture chart are irrigation runs and rain; the daily table sums rain and ET0."
        )

    def apply_theme(self, theme: Theme) -> None:
        from PySide6.QtGui import QPalette

        tokens = theme.tokens
        text = theme.palette.color(QPalette.ColorRole.Text).name()
        base = theme.palette.color(QPalette.ColorRole.Base).name()
        self.chart.apply_theme({**tokens, "text": text}, base, theme.name == "dark")
        icon_color = tokens["icon"]
        self.daily_table.set_icons(themed_icon("search", icon_color), themed_icon("export", icon_color))
        self.export_button.setIcon(themed_icon("export", icon_color))
        self._state_icon_color = tokens["muted"]
        self._error_color = tokens.get("error", self._error_color)

    def focus_filter(self) -> bool:
        self.tabs.setCurrentWidget(self.daily_table)
        self.daily_table.focus_filter()
        return True

    def export_table(self) -> bool:
        if self.tabs.currentWidget() is self.daily_table:
            self.daily_table.choose_export_file()
        else:
            self._choose_export("csv")
        return True

    async def refresh(self) -> None:
        await self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._load_when_shown:
            self._load_when_shown = False
            self.reload_in_background()

    def _on_catch_up(self) -> None:
        if self.isVisible() and self._data is not None and not self.banner.isVisible():
            self.reload_in_background()
        else:
            self._update_heading()

    # ------------------------------------------------------------------------------------------ range and plots
    def set_range(self, key: str) -> None:
        if key not in RANGE_DAYS:
            return
        self._range = key
        self.range_buttons.select(key)
        self.reload_in_background()

    def range_bounds(self) -> tuple[datetime, datetime]:
        """The range chosen, ending at the next whole hour (so reads of the cache within an hour agree). Longer
        than a day, it starts at the farm's midnight: the daily table then holds whole days only."""
        now = datetime.now(UTC)
        end = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        days = RANGE_DAYS[self._range]
        if days == 1:
            return end - timedelta(days=1), end
        zone = formats.farm_zone(self._project.timezone if self._project else None) or UTC
        first_day = (end - timedelta(microseconds=1)).astimezone(zone).date() - timedelta(
            days=days - 1
        )  # today, and before
        return datetime.combine(first_day, datetime.min.time(), tzinfo=zone).astimezone(UTC), end

    def show_plot(self, key: str, shown: bool) -> None:
        if shown:
            self._shown_plots.add(key)
        else:
            self._shown_plots.discard(key)
        if self.plot_actions[key].isChecked() != shown:
            self.plot_actions[key].setChecked(shown)
        if self._data is not None:
            view = self.chart.visible_range()
            self._draw_charts()
            self.chart.show_range(*view)  # keep the user's zoom across a change of charts

    def show_daily(self, daily: bool) -> None:
        """Chart daily values (True) or every reading (False); the zoom stays."""
        self._daily = daily
        self.view_buttons.select("daily" if daily else "readings")
        if self._data is not None:
            view = self.chart.visible_range()
            self._draw_charts()
            self.chart.show_range(*view)

    def toggle_daily(self) -> None:
        self.show_daily(not self._daily)

    # ------------------------------------------------------------------------------------------ export
    def _choose_export(self, kind: str) -> None:
        filters = {
            "csv": self.tr("CSV files (*.csv)"),
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "png": self.tr("PNG pictures (*.png)"),
        }
        dialog = QFileDialog(self, self.tr("Export weather"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(filters[kind])
        dialog.setDefaultSuffix(kind)
        name = self.tr("weather", "file name")
        where = self._sector.sector_name if self._sector is not None else None
        dialog.selectFile(suggested_file_name(name, where, datetime.now().strftime("%Y%m%d-%H%M"), suffix=f".{kind}"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.open()  # never exec(): no nested event loop inside the asyncio loop

    def export_to(self, path: Path) -> int:
        """The readings in the visible time range (CSV or XLSX by suffix), or a PNG of the charts; rows written."""
        from hydrodesk.ui.weather.export import write_readings

        try:
            if path.suffix.lower() == ".png":
                self.chart.save_png(str(path))
                self.status_message.emit(self.tr("Saved the charts to {path}").format(path=path))
                return 0
            zone = self._project.timezone if self._project else None
            rows = write_readings(path, self._columns, *self.chart.visible_range(), zone)
        except OSError as error:
            self.announce_export_failure(str(path), error.strerror or str(error))
            return 0
        self.announce_export(str(path), rows)
        return rows
