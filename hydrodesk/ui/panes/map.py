"""The sector map: the selected project's sectors drawn from their boundaries, coloured by a chosen layer.

Layers: the scouting verdict (worst pest), one pest's incidence and verdict, root-zone soil moisture, irrigation
state. Scouting points are dots that show their record on hover. Everything is read from the local cache first and
then fetched; offline the map shows what the cache holds and says from when. A click (or Enter on the sector Tab
reached) selects the sector in the navigator; a double-click (or Ctrl+Enter) asks to open it (`sector_opened`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk.domain import map_layers
from hydrodesk.domain.map_projection import LocalProjection, polygon_rings
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui import formats
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.map import looks
from hydrodesk.ui.map.items import ScoutDot, SectorItem, record_text, scene_path
from hydrodesk.ui.map.legend import MapLegend
from hydrodesk.ui.map.view import MapView
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.phyto.thresholds_hub import FollowedBook
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

LAYERS = ("scouting", "pest", "moisture", "irrigation")
DEFAULT_PEST = "aphids"
MAP_PAGE, STATE_PAGE = 0, 1


class MapPane(Pane):
    layer_loaded = Signal()  # a load (cache, then the server when due) has finished

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # The company's action thresholds, as the scouting pane keeps them: the map and the heatmap always agree.
        self.thresholds = FollowedBook(self)
        self.thresholds.changed.connect(self.thresholds_changed)
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._selection = Selection()
        self._shape_key: tuple[Any, ...] | None = None
        self._projection = LocalProjection(0.0, 0.0)
        self._items: dict[str, SectorItem] = {}
        self._dots: list[ScoutDot] = []
        self._generation = 0
        self._fetched: set[tuple[str, str, str]] = set()  # (project, layer, range) fetched in this session
        self._shown_once = False
        self._records: list[dict[str, Any]] = []
        self._labels: dict[str, str] = {}
        self._export_dir = Path.home()
        self.loading = 0  # loads under way (cache, then server)
        self._dots_of: list[dict[str, Any]] | None = None  # the records the dots were made from
        self._data_layer: str | None = None  # which data `_data` holds: "scouting", "moisture" or "irrigation"
        self._data: dict[str, Any] = {}
        self._scouting_key: tuple[Any, ...] | None = None
        self._scouting_cache: dict[str, map_layers.SectorScouting] = {}

        self.title_label = QLabel(self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")

        self.layer_combo = QComboBox(self)
        for layer, text in zip(LAYERS, self._layer_texts(), strict=True):
            self.layer_combo.addItem(text, layer)
        layer_label = QLabel(self.tr("&Layer:"), self)
        layer_label.setBuddy(self.layer_combo)
        self.pest_combo = QComboBox(self)
        self.pest_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pest_label = QLabel(self.tr("&Pest:"), self)
        self.pest_label.setBuddy(self.pest_combo)
        self.range_buttons = SegmentedButtons(self)
        self.range_buttons.add("week", self.tr("This week"), self.tr("Scouting from Monday to today"))
        self.range_buttons.add("month", self.tr("This month"), self.tr("Scouting since the first of the month"))
        self.range_buttons.add("90d", self.tr("90 days"), self.tr("Scouting of the last 90 days"))
        self.fit_button = QPushButton(self.tr("F&it"), self)
        self.fit_button.setToolTip(self.tr("Show every sector (Ctrl+0)"))
        self.export_button = QPushButton(self.tr("E&xport PNG…"), self)
        self.export_button.setToolTip(self.tr("Save the map as it is shown as a PNG image"))

        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(layer_label)
        toolbar.addWidget(self.layer_combo)
        toolbar.addSpacing(6)
        toolbar.addWidget(self.pest_label)
        toolbar.addWidget(self.pest_combo)
        toolbar.addSpacing(6)
        toolbar.addWidget(self.range_buttons)
        toolbar.addStretch(1)
        toolbar.addWidget(self.fit_button)
        toolbar.addWidget(self.export_button)

        self.age_label = QLabel(self)
        self.age_label.setObjectName("PageSubtitle")
        self.age_label.setWordWrap(True)

        self.scene = QGraphicsScene(self)
        self.view = MapView(self.scene, self)
        self.legend = MapLegend(self)
        body = QWidget(self)
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(12)
        body_layout.addWidget(self.view, 1)
        body_layout.addWidget(self.legend)
        self.state_page = StatePage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(body)
        self.stack.addWidget(self.state_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(6)
        layout.addLayout(toolbar)
        layout.addWidget(self.age_label)
        layout.addWidget(self.stack, 1)

        self.layer_combo.currentIndexChanged.connect(lambda _index: self._on_layer_changed())
        self.pest_combo.currentIndexChanged.connect(lambda _index: self._recolour())
        self.range_buttons.chosen.connect(lambda _choice: self.load())
        self.fit_button.clicked.connect(self.view.fit)
        self.export_button.clicked.connect(self.choose_export_file)
        self.view.sector_clicked.connect(self._on_sector_clicked)
        self.view.sector_opened.connect(self._on_sector_opened)
        self.add_shortcut("Ctrl+0", self.tr("Fit every sector in the map"), self.view.fit)
        self.add_shortcut("Ctrl++", self.tr("Zoom the map in"), self.view.zoom_in)
        self.add_shortcut("Ctrl+=", self.tr("Zoom the map in"), self.view.zoom_in)
        self.add_shortcut("Ctrl+-", self.tr("Zoom the map out"), self.view.zoom_out)
        self.add_shortcut("Ctrl+M", self.tr("Put the keyboard on the map"), self._focus_map)
        self.range_buttons.select("month")
        self.apply_theme(context.theme())
        self._update_controls()
        self.set_selection(Selection())

    # ------------------------------------------------------------------------------------------ Pane
    def is_data_ready(self) -> bool:
        return self._shown_once or self._selection.project is None

    def set_selection(self, selection: Selection) -> None:
        self._selection = selection
        project = selection.project
        if project is None:
            self._shape_key = None
            self._clear_map()
            self.title_label.setText(self.tr("Map"))
            self.subtitle_label.setText("")
            self.age_label.setText("")
            self._show_state(self.tr("No project selected"), self.tr("Choose a project or sector in the navigator."))
            return
        key = (project.project_id, tuple((s.sector_id, s.sector_name, repr(s.boundary)) for s in project.sectors))
        if key != self._shape_key:
            self._shape_key = key
            self.age_label.setText(self.tr("Loading…"))
            self._build(project)
            self.load()
        self._highlight()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        dark = theme.name == "dark"
        self.scene.setBackgroundBrush(QColor("#1f2724" if dark else "#eef2ef"))
        ink = QColor(theme.palette.color(theme.palette.ColorRole.Text))
        outline = QColor("#c9d3ce" if dark else "#33443d")
        halo = QColor(20, 28, 25, 200) if dark else QColor(255, 255, 255, 205)
        self.view.ink = ink
        self.view.paper = QColor(30, 38, 35, 220) if dark else QColor(255, 255, 255, 220)
        for item in self._items.values():
            item.set_colours(outline, theme.color("accent"), ink, halo)
        for dot in self._dots:
            self._colour_dot(dot)
        self.export_button.setIcon(themed_icon("export", theme.tokens["icon"]))
        self._update_legend()
        self.view.viewport().update()

    def help_text(self) -> str:
        return self.tr(
            "The selected project's sectors, drawn from their boundaries and coloured by the chosen layer: the "
            "scouting verdict, one pest's incidence, soil moisture or irrigation. Dots are scouting points; point "
            "at one to read its record. Click a sector (or Tab to it and press Enter) to select it in the "
            "navigator; double-click it to open it. Drag or use the arrow keys to move, the wheel or +/- to zoom."
        )

    def widget_keys(self) -> list[KeyHelp]:
        tr = self.tr

        def keys(*sequences: str) -> str:
            return " / ".join(key_text(QKeySequence(sequence)) for sequence in sequences)

        return [
            KeyHelp(keys("Tab", "Shift+Tab"), tr("On the map: go to the next or previous sector")),
            KeyHelp(keys("Return"), tr("On the map: select the sector in the navigator")),
            KeyHelp(keys("Ctrl+Return"), tr("On the map: open the sector")),
            KeyHelp(tr("Arrows"), tr("On the map: move the map")),
            KeyHelp(keys("+", "-"), tr("On the map: zoom in or out")),
            KeyHelp(keys("0", "Home"), tr("On the map: show every sector")),
        ]

    def export_table(self) -> bool:
        self.choose_export_file()
        return True

    async def refresh(self) -> None:
        self._fetched.clear()
        self.loading += 1
        await self._load(self._next_generation(), fetch=True)

    # ------------------------------------------------------------------------------------------ building
    def _build(self, project: Any) -> None:
        self._clear_map()
        shapes = [(sector, polygon_rings(sector.boundary)) for sector in project.sectors]
        drawable = [(sector, rings) for sector, rings in shapes if rings]
        self.title_label.setText(self.tr("Map of {project}").format(project=project.name))
        missing = len(shapes) - len(drawable)
        count = self.tr("{count} sectors").format(count=len(drawable)) if len(drawable) != 1 else self.tr("1 sector")
        subtitle = (
            count
            if not missing
            else self.tr("{count} · {missing} without a boundary").format(count=count, missing=missing)
        )
        self.subtitle_label.setText(subtitle)
        if not drawable:
            self._show_state(
                self.tr("No sector boundaries"),
                self.tr(
                    "The sectors of {project} have no boundary on the server yet, so there is nothing to draw. "
                    "Ask the platform's administrator to draw them, then press F5."
                ).format(project=project.name),
            )
            return
        self._projection = LocalProjection.around(point for _, rings in drawable for point in rings[0])
        sectors = []
        for sector, rings in drawable:
            path = scene_path([self._projection.ring(ring) for ring in rings])
            item = SectorItem(project.project_id, sector.sector_id, sector.sector_name, path)
            self.scene.addItem(item)
            self.scene.addItem(item.label)
            self._items[sector.sector_id] = item
            sectors.append(item)
        # Reading order for Tab: top row first, left to right.
        sectors.sort(
            key=lambda item: (round(item.sceneBoundingRect().center().y()), item.sceneBoundingRect().center().x())
        )
        self.view.set_sectors(sectors)
        self.apply_theme(self._theme)
        self.stack.setCurrentIndex(MAP_PAGE)
        self.view.fit()
        self._recolour()

    def _clear_map(self) -> None:
        self.view.set_sectors([])
        self.scene.clear()
        self._items = {}
        self._dots, self._dots_of = [], None
        self._data_layer, self._data, self._records, self._labels = None, {}, [], {}  # another farm's layer

    def _show_state(self, title: str, message: str, *, tone: str = "neutral") -> None:
        icon = svg_pixmap("empty", QSize(48, 48), self._theme.tokens["muted"])
        self.state_page.show_state(title=title, message=message, icon=icon, tone=tone)
        self.stack.setCurrentIndex(STATE_PAGE)

    # ------------------------------------------------------------------------------------------ loading
    @property
    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    @property
    def range_choice(self) -> str:
        return self.range_buttons.current or "month"

    def _zone(self) -> Any:
        project = self._selection.project
        return formats.farm_zone(project.timezone if project else None) or UTC

    def _days(self) -> tuple[date, date]:
        today = self.clock().astimezone(self._zone()).date()
        return map_layers.range_days(self.range_choice, today)

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def load(self) -> None:
        """Show the layer from the cache, then fetch it (once per project, layer and range until F5)."""
        if self._selection.project is None or not self._items:
            return
        self.loading += 1
        self.context.tasks.spawn(self._load(self._next_generation(), fetch=True), name="map-load")

    async def _load(self, generation: int, *, fetch: bool) -> None:
        try:  # `loading` was counted up when the load was asked for, so nobody sees 0 before it starts
            await self._load_layer(generation, fetch=fetch)
        finally:
            self.loading -= 1
            if isValid(self):
                self.layer_loaded.emit()
                if not self._shown_once:  # the first layer as the server has it (or the cache, offline)
                    self._shown_once = True
                    self.data_ready.emit()

    async def _load_layer(self, generation: int, *, fetch: bool) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.ui.error_text import user_message

        project, office = self._selection.project, self.context.office()
        if project is None or not self._items:
            return
        data_layer = "scouting" if self.layer in ("scouting", "pest") else self.layer
        if office is None:
            self._apply(generation, data_layer, {}, None, "")
            return
        await self.thresholds.follow(office, project.company_id)
        await self._read_and_apply(generation, office, data_layer, "")
        key = (project.project_id, data_layer, self.range_choice if data_layer == "scouting" else "")
        if not fetch or key in self._fetched:
            return
        problem = ""
        try:
            await self.context.monitor.call(self._fetch(office, project, data_layer))
            self._fetched.add(key)
        except ApiError as error:
            problem = user_message(error)
        if isValid(self):
            await self._read_and_apply(generation, office, data_layer, problem)

    async def _fetch(self, office: Any, project: Any, data_layer: str) -> None:
        from hydrodesk.sync import map_data

        refresher, now = office.engine.refresher, self.clock()
        if data_layer == "scouting":
            start, end = self._days()
            await map_data.fetch_scouting(refresher, project.project_id, start, end, now)
        elif data_layer == "moisture":
            await map_data.fetch_moisture(refresher, project.project_id, list(self._items), now)
        else:
            await map_data.fetch_valves(refresher, project.project_id, now)

    async def _read_and_apply(self, generation: int, office: Any, data_layer: str, problem: str) -> None:
        from hydrodesk.sync import map_data

        project = self._selection.project
        if project is None:
            return
        store = office.store
        data: dict[str, Any] = {}
        if data_layer == "scouting":
            start, end = self._days()
            rows = await map_data.cached_scouting(store, project.project_id, start)
            data["records"] = map_layers.records_between(rows, start, end, self._zone())
        elif data_layer == "moisture":
            data["moisture"] = await map_data.cached_moisture(store, list(self._items), self.clock())
        else:
            data["valves"] = await map_data.cached_valves(store, project.project_id)
        fetched = await map_data.fetched_at(store, data_layer, project.project_id)
        if isValid(self):
            self._apply(generation, data_layer, data, fetched, problem)

    def _apply(self, generation: int, data_layer: str, data: dict[str, Any], fetched: str | None, problem: str) -> None:
        if generation != self._generation:
            return  # a newer load (another layer, range or project) has started since
        self._data_layer, self._data = data_layer, data
        if data_layer == "scouting":
            self._records = list(data.get("records", []))
            self._labels = map_layers.pest_labels(self._records)
            self._fill_pests()
        self._recolour()
        self._show_age(fetched, problem)

    def _show_age(self, fetched: str | None, problem: str) -> None:
        from hydrodesk.domain.timestamps import parse_utc_text

        zone = self._selection.project.timezone if self._selection.project else None
        when = formats.zoned_text(parse_utc_text(fetched), zone) if fetched else ""
        if problem and when:
            text = self.tr("Offline: showing what this computer saved at {when}. {reason} Press F5 to try again.")
            self.age_label.setText(text.format(when=when, reason=problem))
        elif problem:
            text = self.tr(
                "Could not fetch this layer: {reason} Nothing is saved on this computer yet; press F5 to try again."
            )
            self.age_label.setText(text.format(reason=problem))
        elif when:
            self.age_label.setText(self.tr("Data as of {when}.").format(when=when))
        elif self.context.office() is None:
            self.age_label.setText(self.tr("Sign in to colour the map with scouting, moisture and irrigation."))
        else:
            self.age_label.setText(self.tr("Loading…"))
        self.age_label.setProperty("tone", "warning" if problem else "")

    # ------------------------------------------------------------------------------------------ colouring
    def _fill_pests(self) -> None:
        current = self.pest_combo.currentData() or DEFAULT_PEST
        self.pest_combo.blockSignals(True)
        self.pest_combo.clear()
        for key, label in self._labels.items():
            self.pest_combo.addItem(label, key)
        index = self.pest_combo.findData(current)
        self.pest_combo.setCurrentIndex(index if index >= 0 else 0)
        self.pest_combo.blockSignals(False)
        self._update_controls()

    def _on_layer_changed(self) -> None:
        self._update_controls()
        self._recolour()
        self.load()

    def _update_controls(self) -> None:
        scouting = self.layer in ("scouting", "pest")
        self.pest_label.setVisible(self.layer == "pest")
        self.pest_combo.setVisible(self.layer == "pest")
        self.range_buttons.setVisible(scouting)

    def selected_pest(self) -> str | None:
        data = self.pest_combo.currentData()
        return str(data) if data else None

    def _recolour(self) -> None:
        if not self._items:
            return
        layer, data, data_layer = self.layer, self._data, self._data_layer
        scouting_layer = layer in ("scouting", "pest")
        for sector_id, item in self._items.items():
            look = self._look(
                layer, sector_id, data if data_layer == ("scouting" if scouting_layer else layer) else None
            )
            item.set_look(look.fill, look.detail, look.key)
            item.setToolTip(f"{item.name}\n{look.detail}" if look.detail else item.name)
        self._draw_dots(scouting_layer and data_layer == "scouting")
        self._update_legend()

    def _look(self, layer: str, sector_id: str, data: dict[str, Any] | None) -> looks.SectorLook:
        if layer in ("scouting", "pest"):
            if data is None:
                return looks.scouting_look(None, {})
            pest = self.selected_pest() if layer == "pest" else None
            if layer == "pest" and pest is None:
                return looks.scouting_look(None, {})
            found = self._scouting(pest).get(sector_id)
            return looks.scouting_look(found, self._labels)
        if layer == "moisture":
            return looks.moisture_look(None if data is None else data.get("moisture", {}).get(sector_id))
        states = {} if data is None else map_layers.irrigation_by_sector(data.get("valves", []))
        return looks.irrigation_look(states.get(sector_id))

    def _scouting(self, pest: str | None) -> dict[str, map_layers.SectorScouting]:
        key = (id(self._records), len(self._records), pest)
        if self._scouting_key != key:
            book = self.thresholds.book
            self._scouting_cache = map_layers.scouting_by_sector(self._records, book, pest)
            self._scouting_key = key
        return self._scouting_cache

    def thresholds_changed(self) -> None:
        """The company's action thresholds changed: every verdict again, at once."""
        self._scouting_key = None
        self._recolour()

    def _draw_dots(self, show: bool) -> None:
        """A dot per located record: made again only when the records change, hidden on the other layers."""
        if self._dots_of is not self._records:
            for dot in self._dots:
                self.scene.removeItem(dot)
            self._dots, self._dots_of = [], self._records
            zone = self._zone()

            def describe(point: map_layers.ScoutPoint) -> str:
                return record_text(point, formats.moment_text(point.at, zone))

            for point in map_layers.scout_points(self._records):
                if point.sector_id not in self._items:
                    continue
                x, y = self._projection.to_metres(point.lon, point.lat)
                dot = ScoutDot(point, QPointF(x, -y), describe)
                self._colour_dot(dot)
                dot.on_hover.append(weakref.WeakMethod(self._on_dot_hovered))
                self.scene.addItem(dot)
                self._dots.append(dot)
        for dot in self._dots:
            dot.setVisible(show)
        if show:
            self._on_dot_hovered(None)
        else:
            self.legend.set_record("", "")

    def _colour_dot(self, dot: ScoutDot) -> None:
        """A point where something was found is dark with a light ring, a clean one light: hot spots show."""
        light = QColor("#eaf2ee" if self._theme.name == "dark" else "#ffffff")
        if dot.point.present:
            dot.set_colours(QColor("#2b1a17"), light)
        else:
            dot.set_colours(light, QColor("#1d2925"))

    def shown_dots(self) -> list[ScoutDot]:
        return [dot for dot in self._dots if dot.isVisible()]

    def _on_dot_hovered(self, dot: ScoutDot | None) -> None:
        if dot is None:
            count = len(self.shown_dots())
            self.legend.set_record(
                self.tr("SCOUTING POINTS ({count})").format(count=count),
                self.tr("Point at a dot to read its record.") if count else self.tr("No scouting in this range."),
            )
            return
        self.legend.set_record(self.tr("SCOUTING POINT"), dot.text)

    def _update_legend(self) -> None:
        layer = self.layer
        titles = {
            "scouting": self.tr("Worst pest or disease"),
            "pest": looks.short_pest(self.pest_combo.currentText() or self.tr("Pest")),
            "moisture": self.tr("Soil moisture at 30 cm"),
            "irrigation": self.tr("Valves of the sector"),
        }
        outline = QColor("#c9d3ce" if self._theme.name == "dark" else "#33443d")
        self.legend.set_entries(titles[layer], looks.legend_entries(layer), outline)
        notes = {
            "scouting": self.tr("Verdicts by the action thresholds of each pest."),
            "pest": self.tr("Labels show the share of sampling points where it was found."),
            "moisture": self.tr("The newest reading of the last 36 hours."),
            "irrigation": self.tr("What the field reports, not what was commanded."),
        }
        self.legend.set_note(notes[layer])

    # ------------------------------------------------------------------------------------------ selection
    def _highlight(self) -> None:
        chosen = self._selection.sector.sector_id if self._selection.sector else None
        for sector_id, item in self._items.items():
            item.set_selected(sector_id == chosen)
        if chosen in self._items:
            self.view.ensureVisible(self._items[chosen], 40, 40)  # zoomed in elsewhere: bring it into view

    def _on_sector_clicked(self, sector_id: str) -> None:
        project = self._selection.project
        if project is not None:
            self.sector_activated.emit(project.project_id, sector_id)

    def _on_sector_opened(self, sector_id: str) -> None:
        project = self._selection.project
        if project is not None:
            self.sector_activated.emit(project.project_id, sector_id)
            self.sector_opened.emit(project.project_id, sector_id)

    def _focus_map(self) -> None:
        self.view.setFocus(Qt.FocusReason.TabFocusReason)

    # ------------------------------------------------------------------------------------------ export
    def render_image(self) -> QImage:
        """The map as shown (scale bar and north arrow included) with the legend in its corner."""
        image = QImage(self.view.viewport().size() * self.devicePixelRatioF(), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(self.devicePixelRatioF())
        image.fill(self.scene.backgroundBrush().color())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.render(painter, QRectF(), self.view.viewport().rect())
        # The legend on a card in the top-left corner (the scale bar is bottom-left, the north arrow top-right).
        legend = self.legend.grab(QRect(0, 0, self.legend.width(), self.legend.note_label.geometry().bottom() + 4))
        size = legend.deviceIndependentSize()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.view.paper)
        painter.drawRoundedRect(QRectF(8, 8, size.width() + 16, size.height() + 16), 6, 6)
        painter.drawPixmap(QPointF(16, 16), legend)
        painter.end()
        return image

    def choose_export_file(self) -> None:
        project = self._selection.project
        if project is None or not self._items:
            self.status_message.emit(self.tr("There is no map to export: choose a project with sector boundaries."))
            return
        dialog = QFileDialog(self, self.tr("Export map"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("PNG images (*.png)")])
        dialog.setDefaultSuffix("png")
        dialog.setDirectory(str(self._export_dir))
        dialog.selectFile(suggested_file_name(self.tr("map", "file name"), project.name, self.layer, suffix=".png"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_png(Path(name)))
        dialog.open()

    def export_png(self, path: Path) -> bool:
        if not self.render_image().save(str(path), "PNG"):
            self.status_message.emit(self.tr("Could not save the map to {path}").format(path=path))
            return False
        self._export_dir = path.parent
        self.status_message.emit(self.tr("Saved the map to {path}").format(path=path))
        return True

    def _layer_texts(self) -> list[str]:
        return [
            self.tr("Scouting verdict"),
            self.tr("Incidence of a pest"),
            self.tr("Soil moisture"),
            self.tr("Irrigation"),
        ]
