"""The sector map: the selected project's sectors drawn from their boundaries, coloured by a chosen layer.

Layers: the scouting verdict (worst pest), one pest's incidence and verdict, root-zone soil moisture, irrigation
state. Scouting points are dots that show their record on hover. Everything is read from the local cache first and
then fetched; offline the map shows what the cache holds and says from when. A click (or Enter on the sector Tab
reached) selects the sector in the navigator; a double-click (or Ctrl+Enter) asks to open it (`sector_opened`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
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

from hydrodesk.domain import map_layers
from hydrodesk.domain.map_projection import LocalProjection, polygon_rings
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.map.colouring import MapColouring
from hydrodesk.ui.map.items import ScoutDot, SectorItem, scene_path
from hydrodesk.ui.map.legend import MapLegend
from hydrodesk.ui.map.loading import MapLoading
from hydrodesk.ui.map.view import MapView
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.phyto.thresholds_hub import FollowedBook
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

LAYERS = ("scouting", "pest", "moisture", "irrigation")
MAP_PAGE, STATE_PAGE = 0, 1


class MapPane(MapLoading, MapColouring, Pane):
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
        last_7_days, this_month, last_90_days = map_layers.RANGE_PRESETS
        self.range_buttons.add(last_7_days, self.tr("7 days"), self.tr("Scouting of the last 7 days, today included"))
        self.range_buttons.add(this_month, self.tr("This month"), self.tr("Scouting since the first of the month"))
        self.range_buttons.add(last_90_days, self.tr("90 days"), self.tr("Scouting of the last 90 days"))
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
        self.range_buttons.select(map_layers.DEFAULT_RANGE)
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
