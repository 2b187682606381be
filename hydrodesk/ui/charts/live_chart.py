"""A stack of live plots, one per unit (flow, pressure, soil moisture, ...), sharing one time axis.

Live mode follows the newest data across a chosen window (5 min, 1 h, 24 h or any number of minutes). Dragging or
zooming a plot, or `pause()`, stops following: the data keeps arriving underneath, and `show_until()` scrubs the
window back through the retained history; `resume()` goes live again. A crosshair follows the mouse across all
plots and `cursor_moved` says what every series read at that moment.

Nothing is redrawn on a timer of its own: `on_tick(changed)` is called from the telemetry hub's ingest tick
(about 30 Hz) with the series that received points, and only those curves are handed new data.

Up to VECTOR_LIMIT series each get a pyqtgraph curve (with shaded min/max bands). Beyond that, a plot's series are
drawn as pixels by one RasterLayer: min/max per pixel column computed in numpy on the ring buffers, only the new
columns of the series that changed per tick, and one image blit per paint, so 200 series repaint as fast as one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from hydrodesk.domain.telemetry import SeriesBuffer, SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupHistory
from hydrodesk.ui.charts.key_row import fit_key_row
from hydrodesk.ui.charts.metrics import PlotGroup, plot_group
from hydrodesk.ui.charts.plot_style import (
    DARK_COLORS,
    LEFT_AXIS_PX,
    LIGHT_COLORS,
    MIN_Y_RANGE,
    NON_NEGATIVE,
    PaintCounter,
    new_plot,
    series_color,
    style_plot,
)
from hydrodesk.ui.charts.raster_layer import RasterLayer
from hydrodesk.ui.charts.series_item import SeriesItem

RASTER_STEP_PX = 4
VECTOR_LIMIT = 24  # more series than this on the chart: drawn as pixels (RasterLayer), one image per plot
MAX_BANDED_SERIES = 12  # more series than this on the chart: no shaded min/max bands, the peak lines say it
UPDATE_BUDGET_S = 0.008  # curve updates per ingest tick stop after this long; the rest wait for the next

SeriesLookup = Callable[[SeriesKey], SeriesBuffer | None]


class LiveChart(QWidget):
    following_changed = Signal(bool)  # True: live (the window follows the newest data)
    cursor_moved = Signal(float, object)  # time under the mouse, [(SeriesKey, label, value or None, color)]
    view_changed = Signal(float, float)  # the visible time range
    series_recolored = Signal(object, QColor)  # SeriesKey, its colour now (the theme changed)

    def __init__(self, lookup: SeriesLookup, labeler: Callable[[SeriesKey], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._lookup = lookup
        self._labeler = labeler
        self._colors = LIGHT_COLORS
        self._theme: dict[str, str] = {}
        self.window_s = 300.0
        self.following = True
        self._until: float | None = None  # the window's end while paused
        self._moving = False  # our own range changes must not count as the user's
        self.plots: dict[str, pg.PlotItem] = {}
        self.groups: dict[str, PlotGroup] = {}
        self.items: dict[SeriesKey, SeriesItem] = {}
        self._crosshairs: dict[str, pg.InfiniteLine] = {}
        self._color_of: dict[SeriesKey, int] = {}
        self._stale: dict[SeriesKey, None] = {}  # series with points the curves do not show yet, oldest first
        self.layers: dict[str, RasterLayer] = {}  # per plot group, while the chart draws as pixels
        self._pan_redraw = QTimer(self)
        self._pan_redraw.setSingleShot(True)
        self._pan_redraw.setInterval(0)
        self._pan_redraw.timeout.connect(self._redraw_after_pan)  # a bound method: no reference cycle
        self.update_budget_s = UPDATE_BUDGET_S
        self.zone: str | None = None  # the time axis shows the farm's clock (None: this computer's)

        self.canvas = pg.GraphicsLayoutWidget(self)
        self.canvas.setObjectName("LiveChartCanvas")
        self.canvas.ci.setSpacing(0)
        self.canvas.ci.setContentsMargins(4, 4, 12, 4)
        self.paints = PaintCounter(self)
        self.canvas.viewport().installEventFilter(self.paints)
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    # ------------------------------------------------------------------------------------------ series
    @property
    def keys(self) -> list[SeriesKey]:
        return list(self.items)

    def has(self, key: SeriesKey) -> bool:
        return key in self.items

    def relabel(self) -> None:
        """Name every series again through the labeler (the farm's names arrived after the series did)."""
        for key, item in self.items.items():
            label = self._labeler(key)
            if label != item.label:
                item.rename(label)
                self._fit_key(item.plot)

    def add_series(self, key: SeriesKey, *, draw: bool = True) -> SeriesItem:
        """Plot a series. `draw=False` when adding many at once: call `refresh_all()` after the last."""
        if key in self.items:
            return self.items[key]
        group = plot_group(key.metric)
        plot = self.plots.get(group.key) or self._add_plot(group)
        color_index = self._color_of.setdefault(key, self._free_color())
        item = SeriesItem(plot, key, self._labeler(key), self.color_for(color_index))
        item.group = group.key
        self.items[key] = item
        if draw:
            self._fit_key(plot)  # else once, in refresh_all
        if self.raster:
            entering = not self.layers
            if entering:
                self._enter_raster()
            else:
                self._layer_for(key).add(key, item.color)
                item.set_vector(False)
            if draw:
                self._apply_view()
                self._raster_update(list(self.items) if entering else [key], self._current_range())
            return item
        if not draw:
            return item
        self._enable_bands()
        item.update(self._lookup(key), self.x_range(), self._width_px())
        self._apply_view()
        return item

    # ------------------------------------------------------------------------------------------ pixels
    @property
    def raster(self) -> bool:
        """Whether the series are drawn as pixels (more than VECTOR_LIMIT of them)."""
        return len(self.items) > VECTOR_LIMIT

    def color_for(self, index: int) -> QColor:
        return series_color(index, self._colors)

    def _layer_for(self, key: SeriesKey) -> RasterLayer:
        group = plot_group(key.metric)
        layer = self.layers.get(group.key)
        if layer is None:
            layer = RasterLayer(MIN_Y_RANGE.get(group.key, 1.0), group.key in NON_NEGATIVE)
            self.plots[group.key].addItem(layer, ignoreBounds=True)
            self.layers[group.key] = layer
            box = self.plots[group.key].getViewBox()
            box.disableAutoRange(axis="y")
            if self.plots[group.key].legend is not None:
                self.plots[group.key].legend.setVisible(False)  # 200 entries would hide the plot; the list says it
                self._fit_key(self.plots[group.key])
        return layer

    def _enter_raster(self) -> None:
        for key, item in self.items.items():
            item.set_vector(False)
            self._layer_for(key).add(key, item.color)
        self._stale.clear()

    def _leave_raster(self) -> None:
        for group, layer in list(self.layers.items()):
            plot = self.plots.get(group)
            if plot is not None:
                plot.removeItem(layer)
                plot.getViewBox().enableAutoRange(axis="y", enable=True)
                if plot.legend is not None:
                    plot.legend.setVisible(True)
                    self._fit_key(plot)
        self.layers.clear()
        for item in self.items.values():
            item.set_vector(True)
        self._enable_bands()
        self.refresh_all()

    def _redraw_after_pan(self) -> None:
        self._raster_update(self.items, self.visible_range())

    def _current_range(self) -> tuple[float, float]:
        return self.x_range() if self.following else self.visible_range()

    def _raster_update(self, keys: Iterable[SeriesKey], x_range: tuple[float, float]) -> int:
        """Bring the layers to this window and feed them the points of `keys` that arrived since their last feed."""
        width = self._width_px()
        bucket_s = (x_range[1] - x_range[0]) / width
        origin = x_range[0]
        if not self.following:
            # Paused, the grid sits on whole columns: a pan or a scrub then moves what is computed (and computes
            # only the columns it brings in) instead of computing every column again.
            origin = math.floor(origin / bucket_s) * bucket_s
        keys = list(keys)
        for group, layer in self.layers.items():
            box = self.plots[group].getViewBox()
            layer.clip_to_grid = not self.following
            if layer.set_grid(origin, bucket_s, width, round(box.height())):
                keys += layer.keys  # a new grid (resized, zoomed): every series of the plot is computed again
        batches: dict[str, list[tuple[SeriesKey, SeriesBuffer | None, RollupHistory | None]]] = {}
        for key in dict.fromkeys(keys):
            item = self.items.get(key)
            if item is not None:
                series = self._lookup(key)
                batches.setdefault(item.group, []).append((key, series, item.history))
                item.points = len(series) if series is not None else 0
                item.updates += 1
        fed = 0
        for group, batch in batches.items():
            layer = self.layers.get(group)
            if layer is not None:
                for key, columns in layer.feed_many(batch).items():
                    self.items[key].drawn = columns
                    fed += 1
        for layer in self.layers.values():
            if layer.missing is not None:  # panned back: the columns that came in on the left
                layer.fill_columns([(key, self._lookup(key), self.items[key].history) for key in layer.keys])
        for group, layer in self.layers.items():
            wanted = layer.wanted_y_range()
            if wanted is None:
                continue
            if wanted != layer.y_range:
                box = self.plots[group].getViewBox()
                self._moving = True
                try:
                    box.setYRange(*wanted, padding=0)
                finally:
                    self._moving = False
            layer.render(wanted)
        return fed

    def remove_series(self, key: SeriesKey) -> None:
        item = self.items.pop(key, None)
        self._color_of.pop(key, None)
        self._stale.pop(key, None)
        if item is None:
            return
        item.remove()
        self._fit_key(item.plot)
        layer = self.layers.get(plot_group(key.metric).key)
        if layer is not None:
            layer.remove(key)
        if self.layers and not self.raster:
            self._leave_raster()
        self._enable_bands()
        group = plot_group(key.metric).key
        if not any(plot_group(other.metric).key == group for other in self.items):
            self._remove_plot(group)

    def _fit_key(self, plot: pg.PlotItem) -> None:
        fit_key_row(plot, self.canvas.width(), LEFT_AXIS_PX)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for plot in self.plots.values():
            self._fit_key(plot)

    def _enable_bands(self) -> None:
        enabled = len(self.items) <= MAX_BANDED_SERIES and not self.layers
        for item in self.items.values():
            item.band_enabled = enabled

    def set_history(self, key: SeriesKey, history: RollupHistory) -> None:
        item = self.items.get(key)
        if item is not None:
            item.set_history(history)
            layer = self.layers.get(plot_group(key.metric).key)
            if layer is not None:
                item.set_vector(False)
                layer.reset_series(key)
                self._raster_update([key], self.visible_range())

    def _free_color(self) -> int:
        used = set(self._color_of.values())
        return next(index for index in range(len(self._colors) + len(used) + 1) if index not in used)

    def set_zone(self, zone: str | None) -> None:
        """Label the time axis with this farm's clock (the project's timezone; None: this computer's)."""
        self.zone = zone
        for plot in self.plots.values():
            plot.getAxis("bottom").set_zone(zone)

    def _add_plot(self, group: PlotGroup) -> pg.PlotItem:
        # Plots stack in their group order: rebuild the layout's rows around the new one.
        self.groups[group.key] = group
        plot, crosshair = new_plot(group, self.zone, self._on_user_moved_view, self._on_x_range_changed)
        self._crosshairs[group.key] = crosshair
        self.plots[group.key] = plot
        self._restack()
        self._style_plot(plot)
        return plot

    def _remove_plot(self, group_key: str) -> None:
        plot = self.plots.pop(group_key, None)
        self.groups.pop(group_key, None)
        self._crosshairs.pop(group_key, None)
        self.layers.pop(group_key, None)
        if plot is not None:
            self.canvas.ci.removeItem(plot)
            self._restack()

    def _restack(self) -> None:
        ordered = sorted(self.plots, key=lambda key: (self.groups[key].order, key))
        for plot in self.plots.values():
            if plot.scene() is not None:
                self.canvas.ci.removeItem(plot)
        first: pg.PlotItem | None = None
        for row, key in enumerate(ordered):
            plot = self.plots[key]
            self.canvas.ci.addItem(plot, row=row, col=0)
            if first is None:
                first = plot
                plot.setXLink(None)
            else:
                plot.setXLink(first)
            # Only the lowest plot labels the time axis; the others share it.
            plot.getAxis("bottom").setStyle(showValues=row == len(ordered) - 1)
        self._apply_view()

    # ------------------------------------------------------------------------------------------ window
    def set_window(self, seconds: float) -> None:
        self.window_s = max(10.0, float(seconds))
        self._apply_view()
        self.refresh_all()

    def pause(self) -> None:
        if self.following:
            self._until = self.x_range()[1]
            self.following = False
            self.following_changed.emit(False)

    def resume(self) -> None:
        if not self.following:
            self.following = True
            self._until = None
            self._apply_view()
            self.refresh_all()
            self.following_changed.emit(True)

    def show_until(self, until: float) -> None:
        """Scrub: pause, and show the window that ends at `until`."""
        self.pause()
        self._until = until
        self._apply_view()
        self.refresh_all()

    def x_range(self) -> tuple[float, float]:
        if self.following or self._until is None:
            # Live, the window moves in steps of whole pixels: a shift of a fraction of a pixel would redraw the axes
            # and every curve for nothing. Drawn as pixels, it moves STEP_PX at a time: each move redraws the time
            # axis (pyqtgraph lays its labels out again), the newest points are drawn on every tick regardless.
            pixel_s = self.window_s / self._width_px() * (RASTER_STEP_PX if self.layers else 1)
            end = math.ceil(time.time() / pixel_s) * pixel_s
        else:
            end = self._until
        return end - self.window_s, end

    def visible_range(self) -> tuple[float, float]:
        """What the plots show right now (after any zoom or pan by the user)."""
        plot = next(iter(self.plots.values()), None)
        if plot is None:
            return self.x_range()
        low, high = plot.getViewBox().viewRange()[0]
        return float(low), float(high)

    def _apply_view(self) -> None:
        plot = self._first_plot()
        if plot is None:
            return
        low, high = self.x_range()
        current = plot.getViewBox().viewRange()[0]
        if abs(current[0] - low) < 1e-9 and abs(current[1] - high) < 1e-9:
            return
        self._moving = True
        try:
            plot.getViewBox().setXRange(low, high, padding=0)
        finally:
            self._moving = False

    def _first_plot(self) -> pg.PlotItem | None:
        if not self.plots:
            return None
        return min(self.plots.items(), key=lambda pair: (self.groups[pair[0]].order, pair[0]))[1]

    def _on_user_moved_view(self, *_: object) -> None:
        if self._moving:
            return
        # The user dragged or zoomed: stop following, and keep the window they chose.
        low, high = self.visible_range()
        self.window_s = max(10.0, high - low)
        if self.following:
            self.following = False
            self.following_changed.emit(False)
        self._until = high

    def _on_x_range_changed(self, *_: object) -> None:
        low, high = self.visible_range()
        width = self._width_px()
        if self.layers:
            if not self.following and not self._pan_redraw.isActive():
                # Live, the ingest tick moves the layers. Paused, the user's drag or zoom comes as a burst of range
                # changes: the pixels are computed again once the burst has been handled, not once per step.
                self._pan_redraw.start()
            self.view_changed.emit(low, high)
            return
        # Only curves whose slice no longer covers the view (a pan or zoom beyond the margin) are re-sliced.
        for key, item in self.items.items():
            if not item.covers((low, high), width):
                item.update(self._lookup(key), (low, high), width)
        self.view_changed.emit(low, high)

    def _width_px(self) -> int:
        plot = self._first_plot()
        if plot is None:
            return max(100, self.width())
        return max(100, round(plot.getViewBox().width()))

    # ------------------------------------------------------------------------------------------ ticks
    def on_tick(self, changed: Iterable[SeriesKey]) -> int:
        """New points arrived in `changed`: update those curves, and follow the newest data when live.
        Returns how many curves were updated."""
        if not self.items:
            return 0
        for key in changed:
            if key in self.items:
                self._stale.setdefault(key)
        if self.following:
            self._apply_view()  # curves whose slice still covers the moved view need nothing
        x_range = self.x_range()
        if self.layers:
            keys, self._stale = list(self._stale), {}
            return self._raster_update(keys, x_range if self.following else self.visible_range())
        width = self._width_px()
        # A time budget per tick: with many series changing at once, the rest wait for the next tick (each
        # series gets its turn) instead of stalling the event loop.
        deadline = time.perf_counter() + self.update_budget_s
        updated = 0
        while self._stale and time.perf_counter() < deadline:
            key = next(iter(self._stale))
            del self._stale[key]
            item = self.items.get(key)
            if item is not None:
                item.update(self._lookup(key), x_range, width)
                updated += 1
        return updated

    def refresh_all(self) -> None:
        self._enable_bands()
        for plot in self.plots.values():
            self._fit_key(plot)
        self._apply_view()
        if self.layers:
            for layer in self.layers.values():
                layer.width = 0  # a new grid: every column again
            self._raster_update(self.items, self.x_range())
            return
        x_range, width = self.x_range(), self._width_px()
        for key, item in self.items.items():
            item.update(self._lookup(key), x_range, width)

    # ------------------------------------------------------------------------------------------ crosshair
    def _on_mouse_moved(self, position: QPointF) -> None:
        hit = next((plot for plot in self.plots.values() if plot.sceneBoundingRect().contains(position)), None)
        if hit is None:
            for line in self._crosshairs.values():
                line.setVisible(False)
            return
        ts = float(hit.getViewBox().mapSceneToView(position).x())
        self.set_cursor(ts)

    def set_cursor(self, ts: float) -> None:
        """Put the crosshair at `ts` on every plot and say what each series read there."""
        for line in self._crosshairs.values():
            line.setPos(ts)
            line.setVisible(True)
        readings = [
            (key, item.label, item.value_at(self._lookup(key), ts), item.color.name())
            for key, item in self.items.items()
        ]
        self.cursor_moved.emit(ts, readings)

    # ------------------------------------------------------------------------------------------ theme
    def apply_theme(self, tokens: dict[str, str], background: str, dark: bool) -> None:
        self._theme = {**tokens, "background": background}
        self._colors = DARK_COLORS if dark else LIGHT_COLORS
        self.canvas.setBackground(QColor(background))
        for plot in self.plots.values():
            self._style_plot(plot)
        for key, item in self.items.items():
            item.set_color(self.color_for(self._color_of.get(key, 0)))
            self.series_recolored.emit(key, item.color)
            layer = self.layers.get(plot_group(key.metric).key)
            if layer is not None:
                layer.set_color(key, item.color)

    def _style_plot(self, plot: pg.PlotItem) -> None:
        group = next((key for key, value in self.plots.items() if value is plot), None)
        style_plot(plot, self._theme, self._crosshairs.get(group) if group else None)
