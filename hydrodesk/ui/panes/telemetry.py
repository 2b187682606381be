"""Live telemetry: plots of any metric of any device, the device list, and exports of what is on screen.

The charts open with the last day behind the live stream: the office's minute rollups, which the session fills
from the server's history when the farm loads (LiveTelemetry.load_history), so the series are listed and drawn
before the first live message arrives. pyqtgraph is imported with this module, which the main window imports
only when the pane is first shown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.ui import formats
from hydrodesk.ui.charts.live_chart import LiveChart
from hydrodesk.ui.charts.metrics import metric_label
from hydrodesk.ui.charts.plot_style import format_reading
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.models.devices import DevicesTableModel
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.panes.telemetry_export import TelemetryExport
from hydrodesk.ui.panes.telemetry_history import SCRUB_STEPS, TelemetryHistory
from hydrodesk.ui.panes.telemetry_series import SeriesPicker
from hydrodesk.ui.panes.telemetry_states import TelemetryStates
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.domain.telemetry_devices import DeviceInfo
    from hydrodesk.ui.irrigation.alarms import AlarmCenter
    from hydrodesk.ui.live.telemetry import LiveTelemetry

log = logging.getLogger(__name__)

WINDOWS = {"5m": 300.0, "1h": 3600.0, "24h": 86400.0}
READY_POINTS = 10  # a chart with this many points is worth a screenshot


DEVICE_ROWS = 4


class TelemetryPane(SeriesPicker, TelemetryHistory, TelemetryStates, TelemetryExport, Pane):
    """The pane: its widgets, their wiring and the live ticks (the series picker, history, states and exports are
    the mixins' jobs, each in its own module)."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        self._live: LiveTelemetry | None = None
        self._known_series = 0  # live series seen by the tree (history series arrive by signal)
        self._user_chose_series = False
        self._projects_seen: dict[str, str] = {}  # device -> the project its last status named
        self._pending: set[SeriesKey] = set()
        self._ready_announced = False

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Live telemetry"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.connection_chip = QLabel(self)
        self.connection_chip.setObjectName("Chip")
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading.addLayout(titles, 1)
        heading.addWidget(self.connection_chip, 0, Qt.AlignmentFlag.AlignTop)
        self.banner = QLabel(self)
        self.banner.setObjectName("PaneBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.history_banner = QLabel(self)
        self.history_banner.setObjectName("PaneBanner")
        self.history_banner.setProperty("tone", "warn")
        self.history_banner.setWordWrap(True)
        self.history_banner.setVisible(False)

        # ---------------------------------------------------------------- chart controls
        self.window_buttons = SegmentedButtons(self)
        self.window_buttons.add("5m", self.tr("5 min"), self.tr("Show the last 5 minutes"))
        self.window_buttons.add("1h", self.tr("1 h"), self.tr("Show the last hour"))
        self.window_buttons.add("24h", self.tr("24 h"), self.tr("Show the last 24 hours"))
        self.window_buttons.add("custom", self.tr("Custom"), self.tr("Show a window of your choice, in minutes"))
        self.window_buttons.select("5m")
        self.window_buttons.chosen.connect(self._on_window_chosen)
        self.custom_minutes = QSpinBox(self)
        self.custom_minutes.setRange(1, 1440)
        self.custom_minutes.setValue(15)
        self.custom_minutes.setSuffix(self.tr(" min"))
        self.custom_minutes.setVisible(False)
        self.custom_minutes.valueChanged.connect(lambda minutes: self._set_window(minutes * 60.0))
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setCheckable(True)
        self.pause_button.setShortcut("Space")
        self.pause_button.setToolTip(self.tr("Freeze the charts to look back through the data (Space)"))
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.readout = QLabel(self)
        self.readout.setObjectName("Readout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTipDuration(-1)
        self.export_button.setToolTip(self.tr("Save what the charts show: the data as CSV or Excel, or a picture"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_menu = QMenu(self.export_button)
        self.export_csv_action = QAction(self.tr("Visible data as CSV…"), self)
        self.export_xlsx_action = QAction(self.tr("Visible data as Excel…"), self)
        self.export_png_action = QAction(self.tr("Charts as PNG picture…"), self)
        self.export_csv_action.triggered.connect(lambda: self._choose_export("csv"))
        self.export_xlsx_action.triggered.connect(lambda: self._choose_export("xlsx"))
        self.export_png_action.triggered.connect(lambda: self._choose_export("png"))
        export_menu.addActions([self.export_csv_action, self.export_xlsx_action, self.export_png_action])
        self.export_button.setMenu(export_menu)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        window_label = QLabel(self.tr("Window"), self)
        window_label.setObjectName("FieldName")
        controls.addWidget(window_label)
        controls.addWidget(self.window_buttons)
        controls.addWidget(self.custom_minutes)
        controls.addSpacing(6)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.readout, 1)
        controls.addWidget(self.export_button)

        # ---------------------------------------------------------------- series picker, chart
        self._tree_items: dict[SeriesKey, QTreeWidgetItem] = {}
        self._names_source: AlarmCenter | None = None
        self._valve_names: dict[str, str] = {}  # valve id -> the farm's name for it
        self.series_label = QLabel(self)
        self.series_label.setObjectName("SectionLabel")
        # Hundreds of series: find them by name, tick the ones found in one go.
        self.all_button = QToolButton(self)
        self.all_button.setText(self.tr("All"))
        self.all_button.setToolTip(self.tr("Plot every series the list shows"))
        self.all_button.clicked.connect(lambda: self.show_listed_series(True))
        self.none_button = QToolButton(self)
        self.none_button.setText(self.tr("None"))
        self.none_button.setToolTip(self.tr("Stop plotting the series the list shows"))
        self.none_button.clicked.connect(lambda: self.show_listed_series(False))
        self.series_search = QLineEdit(self)
        self.series_search.setPlaceholderText(self.tr("Find series (device or metric)"))
        self.series_search.setClearButtonEnabled(True)
        self.series_search.setToolTip(self.tr("Show only the series whose device or metric contains this text"))
        self.series_search.textChanged.connect(self._filter_series_tree)
        # Made after the search field and the buttons above it: Tab reaches them in reading order.
        self.series_tree = QTreeWidget(self)
        self.series_tree.setObjectName("SeriesTree")
        self.series_tree.setHeaderLabel(self.tr("Series"))
        self.series_tree.setHeaderHidden(True)
        self.series_tree.setMinimumWidth(220)
        self.series_tree.itemChanged.connect(self._on_series_item_changed)
        label_row = QHBoxLayout()
        label_row.setSpacing(4)
        label_row.addWidget(self.series_label, 1)
        label_row.addWidget(self.all_button)
        label_row.addWidget(self.none_button)
        picker = QWidget(self)
        picker_layout = QVBoxLayout(picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.setSpacing(4)
        picker_layout.addLayout(label_row)
        picker_layout.addWidget(self.series_search)
        picker_layout.addWidget(self.series_tree, 1)

        self.chart = LiveChart(self._series_of, self._label_of, self)
        self.chart.series_recolored.connect(self._paint_swatch)
        self.chart.view_changed.connect(self._on_view_changed)
        self._history_since: float | None = None  # scrolled back before the last day: history from here
        self._older_timer = QTimer(self)
        self._older_timer.setSingleShot(True)
        self._older_timer.setInterval(400)  # a drag or a zoom settles before the server is asked
        self._older_timer.timeout.connect(self._load_older)
        self.chart.following_changed.connect(self._on_following_changed)
        self.chart.cursor_moved.connect(self._on_cursor_moved)
        self.scrub = QSlider(Qt.Orientation.Horizontal, self)
        self.scrub.setRange(0, SCRUB_STEPS)
        self.scrub.setValue(SCRUB_STEPS)
        self.scrub.setToolTip(self.tr("Scrub back through the data held (the charts pause while you do)"))
        self.scrub.setVisible(False)
        self.scrub.valueChanged.connect(self._on_scrubbed)
        chart_frame = QFrame(self)
        chart_frame.setObjectName("ChartFrame")
        chart_layout = QVBoxLayout(chart_frame)
        chart_layout.setContentsMargins(1, 1, 1, 6)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.scrub)
        self.chart_state = StatePage(self)
        self.chart_stack = QStackedWidget(self)
        self.chart_stack.addWidget(chart_frame)
        self.chart_stack.addWidget(self.chart_state)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setObjectName("SeriesAndCharts")
        top.addWidget(picker)
        top.addWidget(self.chart_stack)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setSizes([270, 860])  # room for "Humedad del suelo 10 cm" beside its check box
        top.setChildrenCollapsible(False)

        # ---------------------------------------------------------------- devices
        self.devices_label = QLabel(self)
        self.devices_label.setObjectName("SectionLabel")
        self.devices_model = DevicesTableModel(self)
        self.devices_table = DataTable(export_name=self.tr("devices", "file name"), parent=self)
        self.devices_table.set_source_model(self.devices_model)
        # Never fewer than DEVICE_ROWS rows on screen, whatever the charts take (at 1366×768 they took all but one).
        view = self.devices_table.view
        view.setMinimumHeight(
            view.horizontalHeader().sizeHint().height()
            + DEVICE_ROWS * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
        )
        self.announce_exports(self.devices_table)
        devices = QWidget(self)
        devices_layout = QVBoxLayout(devices)
        devices_layout.setContentsMargins(0, 6, 0, 0)
        devices_layout.setSpacing(4)
        devices_layout.addWidget(self.devices_label)
        devices_layout.addWidget(self.devices_table, 1)

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.setObjectName("ChartsAndDevices")
        body.addWidget(top)
        body.addWidget(devices)
        body.setStretchFactor(0, 1)  # a taller window gives its height to the charts
        body.setStretchFactor(1, 0)
        body.setSizes([300, 260])
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.history_banner)
        layout.addLayout(controls)
        layout.addWidget(body, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._every_second)
        self._clock.start()
        self.apply_theme(context.theme())
        self.set_live(context.live())
        self._update_heading()
        self._update_series_label()

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        previous = self._selection.project
        self._selection = selection
        project = selection.project
        if (previous and previous.project_id) != (project and project.project_id):
            self._unfold_selected_project()
        zone = project.timezone if project is not None else None
        self.devices_model.set_project(project.project_id if project is not None else None, zone)
        self.chart.set_zone(zone)
        if not self._user_chose_series:
            self._choose_default_series()
        self._update_heading()
        self._update_history_banner()

    def set_live(self, live: LiveTelemetry | None) -> None:
        if live is self._live:
            return
        if self._live is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self._live = live
        self._known_series = 0
        for key in self.chart.keys:
            self.chart.remove_series(key)
        self.series_tree.clear()
        self._tree_items.clear()
        self.devices_model.set_devices([])
        self._watch_names(self.context.alarms() if live is not None else None)
        if live is not None:
            for signal, slot in self._connections():
                signal.connect(slot)
            self.devices_model.set_devices(live.devices.all())
            self._sync_series_tree()
            self._on_connection_changed(live.status)
        self._update_history_banner()
        self._update_state()

    def _watch_names(self, alarms: AlarmCenter | None) -> None:
        """Name valves and projects as the farm does. The alarms keep every watched valve with its name; they load
        after sign-in, and again with every reload of the farm."""
        if alarms is not self._names_source:
            if self._names_source is not None:
                self._names_source.valves_changed.disconnect(self._show_names)
            self._names_source = alarms
            if alarms is not None:
                alarms.valves_changed.connect(self._show_names)
        self._show_names()

    def _show_names(self) -> None:
        alarms = self._names_source
        self._valve_names = {valve.valve_id: valve.name for valve in alarms.valves} if alarms is not None else {}
        projects = dict(alarms.project_names) if alarms is not None else {}
        self.devices_model.set_names(projects, self._valve_names)
        for key, item in self._tree_items.items():
            item.setText(0, metric_label(key.metric, self._valve_names))
        self.chart.relabel()

    def _connections(self) -> list[tuple[object, object]]:
        live = self._live
        assert live is not None
        return [
            (live.ticked, self._on_ticked),
            (live.connection_changed, self._on_connection_changed),
            (live.device_changed, self._on_device_changed),
            (live.valves_changed, self._on_device_changed),
            (live.history_loaded, self._on_history_loaded),
            (live.history_failed, self._on_history_failed),
        ]

    def apply_theme(self, theme: Theme) -> None:
        tokens = theme.tokens
        palette = theme.palette
        from PySide6.QtGui import QPalette

        text = palette.color(QPalette.ColorRole.Text).name()
        base = palette.color(QPalette.ColorRole.Base).name()
        self.chart.apply_theme({**tokens, "text": text}, base, theme.name == "dark")
        self.devices_model.state_colors = {
            "online": QColor(tokens["online"]),
            "offline": QColor(tokens["offline"]),
            "silent": QColor(tokens["busy"]),
            "unknown": QColor(tokens["muted"]),
        }
        icon_color = tokens["icon"]
        self.devices_table.set_icons(themed_icon("search", icon_color), themed_icon("export", icon_color))
        self.export_button.setIcon(themed_icon("export", icon_color))
        self._state_icon_color = tokens["muted"]
        self._update_state()

    def help_text(self) -> str:
        return self.tr(
            "Live readings of the selected project's devices. Tick the series to plot in the list on the left; "
            "Space pauses the charts so you can look back, and the window buttons choose how much time they show. "
            "The device list below says which devices are online and how their batteries and signal are."
        )

    def focus_filter(self) -> bool:
        self.devices_table.focus_filter()
        return True

    def export_table(self) -> bool:
        self._choose_export("csv")
        return True

    async def refresh(self) -> None:
        self.set_live(self.context.live())
        self.chart.refresh_all()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # While hidden the pane only noted what changed; catch up in one go.
        if self._pending:
            self._pending.clear()
            self.chart.refresh_all()

    # ------------------------------------------------------------------------------------------ live data
    def _series_of(self, key: SeriesKey) -> object:
        return self._live.store.get(key) if self._live is not None else None

    def _label_of(self, key: SeriesKey) -> str:
        return f"{key.device_id} · {metric_label(key.metric, self._valve_names)}"

    def _all_keys(self) -> set[SeriesKey]:
        """Every series there is something of: live points, or history."""
        live = self._live
        if live is None:
            return set()
        return set(live.store) | set(live.history_projects)

    def _project_of(self, device_id: str) -> str:
        live = self._live
        return (live.project_of(device_id) if live is not None else None) or ""

    def _on_ticked(self, changed: set[SeriesKey]) -> None:
        live = self._live
        if live is None:
            return
        if len(live.store) != self._known_series:
            self._sync_series_tree()
        if not self.isVisible():
            self._pending |= changed
            return
        self.chart.on_tick(changed)
        if not self._ready_announced and self.is_data_ready():
            self._ready_announced = True
            self.data_ready.emit()

    def is_data_ready(self) -> bool:
        return any(
            item.points >= READY_POINTS or item.history_points >= READY_POINTS for item in self.chart.items.values()
        )

    def _on_device_changed(self, info: DeviceInfo) -> None:
        self.devices_model.update_device(info)
        if not self._user_chose_series and self._projects_seen.get(info.device_id) != info.project_id:
            # A device's points can come before it says which project it is in: its flow and pressure are only
            # known to be the selected project's now (the chart stayed empty while hundreds of points were stored).
            self._projects_seen[info.device_id] = info.project_id
            self._choose_default_series()
        self._update_heading()
        self._update_state()

    def _every_second(self) -> None:
        live = self._live
        if live is None:
            return
        self.devices_model.touch_last_seen(lambda device: (live.devices.get(device) or _NO_INFO).last_seen)
        self._update_scrub_range()

    # ------------------------------------------------------------------------------------------ series tree
    # ------------------------------------------------------------------------------------------ window
    def _on_window_chosen(self, choice: str) -> None:
        self.custom_minutes.setVisible(choice == "custom")
        if choice == "custom":
            self._set_window(self.custom_minutes.value() * 60.0)
            self.custom_minutes.setFocus()
        else:
            self._set_window(WINDOWS[choice])

    def _set_window(self, seconds: float) -> None:
        self.chart.set_window(seconds)
        self._update_scrub_range()

    def _on_pause_toggled(self, paused: bool) -> None:
        if paused:
            self.chart.pause()
        else:
            self.chart.resume()

    def _on_following_changed(self, following: bool) -> None:
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(not following)
        self.pause_button.blockSignals(False)
        self.pause_button.setText(self.tr("Pause") if following else self.tr("Go live"))
        self.scrub.setVisible(not following)
        self._update_scrub_range()

    def _on_cursor_moved(self, ts: float, readings: list[tuple[SeriesKey, str, float | None, str]]) -> None:
        zone = self._selection.project.timezone if self._selection.project is not None else None
        parts = [f"<b>{formats.time_text(ts, zone, seconds=True)}</b>"]
        for key, label, value, color in readings[:8]:
            parts.append(f"<span style='color:{color}'>■</span> {label} {format_reading(value, key.metric)}")
        self.readout.setText("&nbsp;&nbsp;".join(parts))

    # ------------------------------------------------------------------------------------------ states
    def _update_heading(self) -> None:
        project = self._selection.project
        # The heading counts the devices the table shows (the project's), so the two never disagree.
        devices = self.devices_model.shown
        online = sum(1 for info in devices if info.online)
        where = project.name if project is not None else self.tr("All projects")
        self.subtitle_label.setText(
            formats.counted(
                len(devices),
                self.tr("{where} · {online} of 1 device online · times in {zone}"),
                self.tr("{where} · {online} of {count} devices online · times in {zone}"),
                where=where,
                online=online,
                zone=formats.zone_label(project.timezone if project is not None else None),
            )
        )
        self.devices_label.setText(self.tr("DEVICES ({count})").format(count=len(devices)))

    # ------------------------------------------------------------------------------------------ export
    # ------------------------------------------------------------------------------------------ for tests
    def current_device_row(self) -> QModelIndex:
        return self.devices_table.view.currentIndex()


class _NoInfo:
    last_seen = None
    project_id = ""


_NO_INFO = _NoInfo()
