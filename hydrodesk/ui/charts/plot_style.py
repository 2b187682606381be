"""How the live chart's plots look: the series palettes, a new plot's axes, legend and crosshair, their theme
colours, and a reading as text. (The chart itself, hydrodesk.ui.charts.live_chart, decides what they show.)"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from hydrodesk.ui.charts.key_row import add_key_row, style_key
from hydrodesk.ui.charts.metrics import PlotGroup, metric_unit
from hydrodesk.ui.charts.time_axis import FarmTimeAxis
from hydrodesk.ui.charts.value_axis import LocaleValueAxis

LIGHT_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f")
DARK_COLORS = ("#5fa8e8", "#ff6b6b", "#5fd35f", "#b99cf0", "#ffae52", "#4fd8e6", "#d19a7a", "#f5a3d6", "#b0b0b0")
NON_NEGATIVE = frozenset({"flow", "pressure", "soil", "battery", "pct"})
MIN_Y_RANGE = {"flow": 10.0, "pressure": 0.5, "soil": 5.0, "battery": 5.0}
ZERO_ROOM = 0.06  # of the smallest range: the room below zero a non-negative plot keeps for its "0" label


class PaintCounter(QObject):
    """Counts the paints the chart's viewport really completed (what the benchmark reports as fps)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def series_color(index: int, colors: tuple[str, ...]) -> QColor:
    """The palette's colours first, then hues spread by the golden angle (200 series stay told apart)."""
    if index < len(colors):
        return QColor(colors[index])
    dark = colors is DARK_COLORS
    hue = (index * 0.618033988749895) % 1.0
    return QColor.fromHsvF(hue, 0.55 if dark else 0.85, 0.95 if dark else 0.72)


LEFT_AXIS_PX = 56  # the value axis of every live plot: the same width keeps their time axes in line


def data_above_grid(plot: pg.PlotItem) -> None:
    """Draw the plot's curves, and its legend (a child of the view box), above the axes' grid lines.

    pyqtgraph stacks the axes, which draw the grid across the whole plot, above the view box (z 0.5 against -100):
    a grid line ran through the legend's labels and over every curve."""
    plot.getViewBox().setZValue(1)


def new_plot(
    group: PlotGroup,
    zone: str | None,
    on_user_moved: Callable[..., None],
    on_x_range_changed: Callable[..., None],
) -> tuple[pg.PlotItem, pg.InfiniteLine]:
    """A plot for one group of series (its unit on the left axis, time below at the clock of `zone`, an IANA name;
    None: this computer's), and its hidden crosshair."""
    axis = FarmTimeAxis(zone)
    plot = pg.PlotItem(axisItems={"bottom": axis, "left": LocaleValueAxis()})
    plot.setObjectName(group.key)
    plot.setLabel("left", group.title)
    plot.showGrid(x=True, y=True, alpha=0.18)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    data_above_grid(plot)
    add_key_row(plot)
    plot.getAxis("left").enableAutoSIPrefix(False)
    plot.getAxis("left").setWidth(LEFT_AXIS_PX)
    for name in ("left", "bottom"):
        # Axes (with their grid lines) are cached as pixmaps: a repaint for new points only blits them.
        plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    box = plot.getViewBox()
    # A flat series (a closed valve's zero flow) still gets a readable scale.
    box.setLimits(minYRange=MIN_Y_RANGE.get(group.key, 1.0))
    if group.key in NON_NEGATIVE:
        # No flow, pressure or moisture below zero: do not waste half the plot on it, but leave room for the
        # "0" label, so a zero reads as zero.
        box.setLimits(yMin=-ZERO_ROOM * MIN_Y_RANGE.get(group.key, 1.0))
    box.setMouseEnabled(x=True, y=False)
    box.enableAutoRange(axis="y", enable=True)
    box.setAutoVisible(y=True)
    box.sigRangeChangedManually.connect(on_user_moved)
    box.sigXRangeChanged.connect(on_x_range_changed)
    crosshair = pg.InfiniteLine(angle=90, movable=False)
    crosshair.setVisible(False)
    plot.addItem(crosshair, ignoreBounds=True)
    return plot, crosshair


def style_plot(plot: pg.PlotItem, theme: dict[str, str], crosshair: pg.InfiniteLine | None) -> None:
    """Axes, legend and crosshair in the theme's colours (nothing before a theme is applied)."""
    if not theme:
        return
    muted = QColor(theme["muted"])
    border = QColor(theme["border"])
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(border))
        axis.setTextPen(pg.mkPen(muted))
        axis.label.setDefaultTextColor(muted)
    if plot.legend is not None:
        style_key(plot.legend, QColor(theme.get("text", theme["muted"])), QColor(theme["background"]))
    if crosshair is not None:
        crosshair.setPen(pg.mkPen(QColor(theme["accent"]), width=1, style=Qt.PenStyle.DashLine))


def format_reading(value: float | None, metric: str) -> str:
    if value is None:
        return "—"
    unit = metric_unit(metric)
    number = QLocale().toString(value, "f", 2 if abs(value) < 10 else 1)
    return f"{number} {unit}".strip()
