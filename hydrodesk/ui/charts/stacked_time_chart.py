"""Plots stacked on one shared time axis: zoom and pan with the mouse or the keyboard, a crosshair across all of
them and a readout of every series under it, legends, units, light and dark.

Curves are DecimatedCurves: every change of the visible range (a drag, a wheel turn, a key) redraws only curves
whose slice no longer covers the view, each with at most two points per pixel column. The time axis is the
farm's clock. Nothing here knows about weather: the weather pane and the sector timeline both build on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from hydrodesk.domain.weather_series import Column, typical_step
from hydrodesk.ui.charts.decimated_curve import DecimatedCurve, SpansItem, cosmetic_pen, faded
from hydrodesk.ui.charts.key_row import add_key_row, fit_key_row, style_key
from hydrodesk.ui.charts.plot_style import DARK_COLORS, LIGHT_COLORS, data_above_grid
from hydrodesk.ui.charts.time_axis import FarmTimeAxis, TimeGridLines
from hydrodesk.ui.charts.value_axis import LocaleValueAxis

MIN_SPAN_S = 15 * 60.0  # zoomed in no further than a quarter of an hour
AXIS_WIDTH = 52
Y_PADDING = 0.05  # of the values' span, above and below, so a peak never touches the plot's edge
Y_SLACK = 1.3  # a plot keeps its height while its values fill at least 1/1.3 of it (no re-layout per zoom step)


@dataclass(frozen=True)
class PlotSpec:
    key: str
    title: str  # the left axis label, unit included ("Temperature (°C)")
    non_negative: bool = False
    min_y_range: float = 1.0


@dataclass(frozen=True)
class Reading:
    label: str
    value: float | None
    unit: str
    color: str


class _PaintCounter(QObject):
    """Counts the paints the canvas really completed (what the benchmark times)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class StackedTimeChart(QWidget):
    cursor_moved = Signal(float, object)  # the time under the mouse, [Reading]
    view_changed = Signal(float, float)  # the visible time range

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plots: dict[str, pg.PlotItem] = {}
        self.specs: dict[str, PlotSpec] = {}
        self.curves: dict[str, DecimatedCurve] = {}
        self.spans: dict[str, SpansItem] = {}
        self._crosshairs: dict[str, pg.InfiniteLine] = {}
        self._grids: list[TimeGridLines] = []
        self.time_axis: FarmTimeAxis | None = None
        self._color_index: dict[str, int] = {}
        self._colors = LIGHT_COLORS
        self._theme: dict[str, str] = {}
        self._limits: tuple[float, float] | None = None
        self.zone: str | None = None

        self.canvas = pg.GraphicsLayoutWidget(self)
        self.canvas.setObjectName("StackedTimeChartCanvas")
        self.canvas.ci.setSpacing(0)
        self.canvas.ci.setContentsMargins(4, 4, 12, 4)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paints = _PaintCounter(self)
        self.canvas.viewport().installEventFilter(self.paints)
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        # The hover readout floats over the plots beside the mouse, as in Grafana: it moves nothing around it.
        self.hover = QLabel(self.canvas)
        self.hover.setObjectName("ChartHover")
        self.hover.setTextFormat(Qt.TextFormat.RichText)
        self.hover.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hover.setVisible(False)
        self._hover_at = QPointF()

    # ------------------------------------------------------------------------------------------ building
    def set_plots(self, specs: list[PlotSpec]) -> None:
        """Show these plots, top to bottom (their series are dropped: add them again after)."""
        self.clear()
        for row, spec in enumerate(specs):
            lowest = row == len(specs) - 1
            axis = FarmTimeAxis(self.zone)
            plot = pg.PlotItem(axisItems={"bottom": axis, "left": LocaleValueAxis()})
            plot.setObjectName(spec.key)
            plot.setLabel("left", spec.title)
            plot.showGrid(x=lowest, y=True, alpha=0.18)
            if not lowest:
                # One time axis, the lowest plot's; the plots above draw its ticks as grid lines only.
                plot.hideAxis("bottom")
                grid = TimeGridLines()
                plot.addItem(grid, ignoreBounds=True)
                self._grids.append(grid)
            else:
                self.time_axis = axis
            plot.setMenuEnabled(False)
            plot.hideButtons()
            data_above_grid(plot)
            add_key_row(plot)
            for name in ("left", "bottom"):
                # Axes are not cached: they change with every zoom step, and a cached pixmap of grid lines costs more.
                plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.NoCache)
                # Opaque grid lines in a faint colour (set with the theme): translucent ones across every plot cost
                # the raster engine more than all the curves together; and only the labelled level, not the minor
                # ones, which opaque would stripe the plot.
                plot.getAxis(name).setStyle(tickAlpha=255, maxTickLevel=0)
            for name in ("left", "bottom", "right", "top"):
                # Even the hidden axes follow every zoom step; with an SI prefix each re-lays its label out as HTML.
                plot.getAxis(name).enableAutoSIPrefix(False)
            left = plot.getAxis("left")
            left.setWidth(AXIS_WIDTH)
            box = plot.getViewBox()
            box.setMouseEnabled(x=True, y=False)
            # The height follows what is drawn in view, fitted here once per step from the decimated points:
            # pyqtgraph's own auto range re-measured every curve several times per zoom step.
            box.enableAutoRange(axis="y", enable=False)
            box.setLimits(minYRange=spec.min_y_range, minXRange=MIN_SPAN_S)
            if spec.non_negative:
                box.setLimits(yMin=0.0)
            crosshair = pg.InfiniteLine(angle=90, movable=False)
            crosshair.setVisible(False)
            plot.addItem(crosshair, ignoreBounds=True)
            self._crosshairs[spec.key] = crosshair
            self.canvas.ci.addItem(plot, row=row, col=0)
            if self.plots:
                plot.setXLink(next(iter(self.plots.values())))
            else:
                box.sigXRangeChanged.connect(self._on_x_range_changed)
            self.plots[spec.key] = plot
            self.specs[spec.key] = spec
            self._style_plot(plot)
        self._apply_limits()

    def clear(self) -> None:
        for curve in self.curves.values():
            curve.remove()
        self.curves.clear()
        self.spans.clear()
        self._color_index.clear()
        for plot in self.plots.values():
            self.canvas.ci.removeItem(plot)
        self.plots.clear()
        self.specs.clear()
        self._crosshairs.clear()
        self._grids.clear()
        self.time_axis = None

    def set_series(
        self, plot_key: str, key: str, label: str, unit: str, column: Column, *, filled: bool = False
    ) -> DecimatedCurve | None:
        plot = self.plots.get(plot_key)
        if plot is None:
            return None
        curve = self.curves.get(key)
        if curve is None:
            # Colours are counted within each plot: the series one compares side by side never look alike.
            index = self._color_index.setdefault(key, sum(1 for c in self.curves.values() if c.plot is plot))
            curve = DecimatedCurve(plot, label, unit, QColor(self._colors[index % len(self._colors)]), filled=filled)
            # A series hidden from its legend entry no longer decides the plot's height.
            curve.curve.visibleChanged.connect(lambda: self._fit_heights(*self.visible_range()))
            self.curves[key] = curve
            self._fit_key(plot)
        curve.set_column(column)
        low, high = self.visible_range()
        curve.redraw(low, high, self.width_px(), force=True)
        self._fit_heights(low, high)
        return curve

    def set_spans(self, plot_key: str, key: str, label: str, spans: list[tuple[float, float]], color: str) -> None:
        plot = self.plots.get(plot_key)
        if plot is None:
            return
        item = self.spans.get(key)
        if item is None:
            item = SpansItem(QColor(color), label)
            plot.addItem(item, ignoreBounds=True)
            if plot.legend is not None:
                sample = pg.BarGraphItem(x=[0], height=[0], width=0, brush=faded(QColor(color), 110), pen=None)
                plot.legend.addItem(sample, label)
                self._fit_key(plot)
            self.spans[key] = item
        item.set_color(QColor(color))
        item.set_spans(spans)

    # ------------------------------------------------------------------------------------------ range
    def set_range(self, since: float, until: float) -> None:
        """Show [since, until], and let zoom and pan reach no further than it."""
        self._limits = (since, until)
        self._apply_limits()
        plot = self._first_plot()
        if plot is not None:
            plot.getViewBox().setXRange(since, until, padding=0)
        self.redraw()

    def _apply_limits(self) -> None:
        if self._limits is None:
            return
        since, until = self._limits
        for plot in self.plots.values():
            plot.getViewBox().setLimits(xMin=since, xMax=until, maxXRange=until - since)

    def visible_range(self) -> tuple[float, float]:
        plot = self._first_plot()
        if plot is None:
            return self._limits or (0.0, 1.0)
        low, high = plot.getViewBox().viewRange()[0]
        return float(low), float(high)

    def zoom(self, factor: float, centre: float | None = None) -> None:
        """Zoom the time axis by `factor` (< 1 in, > 1 out) about `centre` (the middle of the view)."""
        low, high = self.visible_range()
        middle = (low + high) / 2 if centre is None else centre
        span = max(MIN_SPAN_S, (high - low) * factor)
        if self._limits is not None:
            span = min(span, self._limits[1] - self._limits[0])
        share = (middle - low) / max(high - low, 1e-9)
        self.show_range(middle - share * span, middle - share * span + span)

    def pan(self, fraction: float) -> None:
        """Move the view by `fraction` of its width (negative: back in time)."""
        low, high = self.visible_range()
        shift = (high - low) * fraction
        self.show_range(low + shift, high + shift)

    def reset_zoom(self) -> None:
        if self._limits is not None:
            self.show_range(*self._limits)

    def show_range(self, low: float, high: float) -> None:
        if self._limits is not None:
            span = high - low
            low = max(self._limits[0], min(low, self._limits[1] - span))
            high = low + span
        plot = self._first_plot()
        if plot is not None:
            plot.getViewBox().setXRange(low, high, padding=0)

    def width_px(self) -> int:
        plot = self._first_plot()
        width = plot.getViewBox().width() if plot is not None else self.width()
        return max(100, round(width))

    def _first_plot(self) -> pg.PlotItem | None:
        return next(iter(self.plots.values()), None)

    def _on_x_range_changed(self, *_: object) -> None:
        self.redraw()
        if self._grids and self.time_axis is not None:
            low, high = self.visible_range()
            levels = self.time_axis.tickValues(low, high, self.width_px())
            for grid in self._grids:
                grid.set_ticks(levels)
        self.view_changed.emit(*self.visible_range())

    def redraw(self, *, force: bool = False) -> None:
        low, high = self.visible_range()
        width = self.width_px()
        for curve in self.curves.values():
            curve.redraw(low, high, width, force=force)
        self._fit_heights(low, high)

    def _fit_heights(self, low: float, high: float) -> None:
        """Each plot's value axis spans what its visible curves draw between `low` and `high`."""
        for key, plot in self.plots.items():
            found = [
                bounds
                for curve in self.curves.values()
                if curve.plot is plot and (bounds := curve.value_bounds(low, high)) is not None
            ]
            if not found:
                continue
            bottom, top = min(b[0] for b in found), max(b[1] for b in found)
            spec = self.specs[key]
            if top - bottom < spec.min_y_range:
                middle = (top + bottom) / 2
                bottom, top = middle - spec.min_y_range / 2, middle + spec.min_y_range / 2
                if spec.non_negative and bottom < 0:
                    bottom, top = 0.0, top - bottom
            box = plot.getViewBox()
            needed = (top - bottom) * (1 + 2 * Y_PADDING)
            shown_bottom, shown_top = box.viewRange()[1]
            if shown_bottom <= bottom and top <= shown_top and shown_top - shown_bottom <= Y_SLACK * needed:
                continue  # everything fits and little room is wasted: the axis stays, and is not laid out again
            box.setYRange(bottom, top, padding=Y_PADDING)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for plot in self.plots.values():
            self._fit_key(plot)
        self.redraw()

    def _fit_key(self, plot: pg.PlotItem) -> None:
        fit_key_row(plot, self.canvas.width(), AXIS_WIDTH)

    def drawn_points(self) -> int:
        return sum(curve.drawn for curve in self.curves.values())

    # ------------------------------------------------------------------------------------------ crosshair
    def _on_mouse_moved(self, position: QPointF) -> None:
        hit = next((plot for plot in self.plots.values() if plot.sceneBoundingRect().contains(position)), None)
        if hit is None:
            self.hide_cursor()
            return
        self._hover_at = QPointF(self.canvas.mapFromScene(position))
        self.set_cursor(float(hit.getViewBox().mapSceneToView(position).x()))

    def hide_cursor(self) -> None:
        for line in self._crosshairs.values():
            line.setVisible(False)
        self.hover.setVisible(False)

    def show_hover(self, html: str) -> None:
        """The readout beside the mouse (on its left near the right edge, so it is never cut)."""
        self.hover.setText(html)
        self.hover.adjustSize()
        x, y = int(self._hover_at.x()) + 16, int(self._hover_at.y()) + 12
        if x + self.hover.width() > self.canvas.width():
            x = int(self._hover_at.x()) - 16 - self.hover.width()
        y = max(0, min(y, self.canvas.height() - self.hover.height()))
        self.hover.move(max(0, x), y)
        self.hover.setVisible(True)
        self.hover.raise_()

    def set_cursor(self, ts: float) -> None:
        """Put the crosshair at `ts` on every plot and say what each series read there."""
        for line in self._crosshairs.values():
            line.setPos(ts)
            line.setVisible(True)
        readings = [
            Reading(curve.label, curve.value_at(ts, 0.75 * typical_step(curve.column)), curve.unit, curve.color.name())
            for curve in self.curves.values()
        ]
        self.cursor_moved.emit(ts, readings)

    # ------------------------------------------------------------------------------------------ looks
    def set_zone(self, zone: str | None) -> None:
        self.zone = zone
        for plot in self.plots.values():
            axis = plot.getAxis("bottom")
            if isinstance(axis, FarmTimeAxis):
                axis.set_zone(zone)

    def apply_theme(self, tokens: dict[str, str], background: str, dark: bool) -> None:
        self._theme = {**tokens, "background": background}
        self._colors = DARK_COLORS if dark else LIGHT_COLORS
        self.canvas.setBackground(QColor(background))
        back = QColor(background)
        self.hover.setStyleSheet(
            f"QLabel#ChartHover {{ background: rgba({back.red()}, {back.green()}, {back.blue()}, 235);"
            f" color: {tokens.get('text', '#000000')}; border: 1px solid {tokens['border']};"
            " border-radius: 4px; padding: 4px 6px; }"
        )
        for plot in self.plots.values():
            self._style_plot(plot)
        for key, curve in self.curves.items():
            curve.set_color(QColor(self._colors[self._color_index.get(key, 0) % len(self._colors)]))

    def _style_plot(self, plot: pg.PlotItem) -> None:
        if not self._theme:
            return
        muted = QColor(self._theme["muted"])
        border = QColor(self._theme["border"])
        grid = _blend(border, QColor(self._theme["background"]), 0.45)
        for lines in self._grids:
            lines.set_color(grid)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(cosmetic_pen(border))
            axis.setTickPen(cosmetic_pen(grid))
            axis.setTextPen(cosmetic_pen(muted))
            axis.label.setDefaultTextColor(muted)
        if plot.legend is not None:
            text = QColor(self._theme.get("text", self._theme["muted"]))
            style_key(plot.legend, text, QColor(self._theme["background"]))
        line = self._crosshairs.get(plot.objectName())
        if line is not None:
            line.setPen(pg.mkPen(QColor(self._theme["accent"]), width=1, style=Qt.PenStyle.DashLine))

    def save_png(self, path: str) -> None:
        if not self.canvas.grab().save(path, "PNG"):
            raise OSError(f"could not write {path}")


def _blend(color: QColor, background: QColor, share: float) -> QColor:
    """`share` of `color` over `background`, as one opaque colour."""
    return QColor(
        round(share * color.red() + (1 - share) * background.red()),
        round(share * color.green() + (1 - share) * background.green()),
        round(share * color.blue() + (1 - share) * background.blue()),
    )
