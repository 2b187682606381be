"""The timeline's lanes: five plots stacked on one time axis (irrigation, soil moisture, rain and ET0, scouting,
harvest), their x ranges linked, a vertical cursor through all of them, and words where a lane has no data.

Zoom and pan move along time only (the mouse wheel and drag, or the keys when the chart has the focus); the
window's days are the limits, so a user cannot lose the day in an empty stretch of axis.

What the lanes are called, say and look like is in hydrodesk.ui.timeline.lane_look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.domain.timeline import HOUR_S, Timeline
from hydrodesk.ui.charts.key_row import style_key
from hydrodesk.ui.charts.legend_sample import LegendSample
from hydrodesk.ui.charts.time_axis import FarmTimeAxis
from hydrodesk.ui.charts.value_axis import LocaleValueAxis
from hydrodesk.ui.timeline.lane_look import (
    ET0_COLOR,
    HARVEST,
    IRRIGATION,
    KEY_PAN,
    KEY_ZOOM,
    LANE_SOURCES,
    LANE_STRETCH,
    LANES,
    LINE_COLORS,
    MANUAL_COLOR,
    MIN_SPAN_S,
    MOISTURE,
    PROGRAM_COLOR,
    RAIN_COLOR,
    SCOUTING,
    WEATHER,
    command_status_group,
    denied_text,
    depth_text,
    empty_text,
    harvest_title,
    lane_title,
    status_color,
    status_group_text,
    status_groups,
    verdict_color,
    verdict_text,
)

# lupdate finds translate("Context", "text") calls, so every string is written out that way.
translate = QCoreApplication.translate


@dataclass
class Lane:
    name: str
    plot: pg.PlotItem
    cursor: pg.InfiniteLine
    empty: pg.TextItem
    legend_holder: pg.GraphicsWidget
    """The lane's legend sits in a column of its own, right of the plot, so it never covers a curve."""
    has_data: bool = False


class TimelineChart(QWidget):
    cursor_moved = Signal(float)  # UTC seconds under the mouse (or the keyboard cursor)
    cursor_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimelineChart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("TimelineChart", "Sector timeline chart"))
        self.timeline: Timeline | None = None
        self.zone: str | None = None
        self.denied: frozenset[str] = frozenset()
        # What a scouting point's tool tip says, by record id (the pane sets it; the readout's words).
        self.scout_tip: Callable[[str], str] = lambda _record_id: ""
        self._tokens: dict[str, str] = {}
        self._background = "#ffffff"
        self._scheme = "light"
        self._cursor_ts: float | None = None
        self.canvas = pg.GraphicsLayoutWidget(self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.ci.layout.setSpacing(2)
        self.canvas.ci.setContentsMargins(4, 4, 8, 4)
        self.lanes: dict[str, Lane] = {}
        first: pg.PlotItem | None = None
        for row, name in enumerate(LANES):
            lane = self._make_lane(name)
            self.canvas.addItem(lane.plot, row=row, col=0)
            self.canvas.addItem(lane.legend_holder, row=row, col=1)
            self.canvas.ci.layout.setRowStretchFactor(row, LANE_STRETCH[name])
            if first is None:
                first = lane.plot
            else:
                lane.plot.setXLink(first)
            lane.plot.getAxis("bottom").setStyle(showValues=name == LANES[-1])
            self.lanes[name] = lane
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    # ------------------------------------------------------------------------------------------ building
    def _make_lane(self, name: str) -> Lane:
        axis = FarmTimeAxis()
        plot = pg.PlotItem(axisItems={"bottom": axis, "left": LocaleValueAxis()})
        plot.setObjectName(name)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=True, y=name in (MOISTURE, WEATHER, HARVEST), alpha=0.18)
        plot.setLabel("left", lane_title(name))
        left = plot.getAxis("left")
        left.setWidth(64)
        left.enableAutoSIPrefix(False)
        if name in (IRRIGATION, SCOUTING):
            left.setStyle(showValues=False)
            left.setTicks([[]])
        for axis_name in ("left", "bottom"):
            plot.getAxis(axis_name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        holder = pg.GraphicsWidget()
        holder.setFixedWidth(0)
        legend = pg.LegendItem(offset=(4, 0), labelTextSize="8pt", verSpacing=-8, sampleType=LegendSample)
        legend.setParentItem(holder)
        legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        plot.legend = legend  # what plot.plot(..., name=…) adds its entries to
        box = plot.getViewBox()
        box.setMouseEnabled(x=True, y=False)
        box.setLimits(minXRange=MIN_SPAN_S)
        cursor = pg.InfiniteLine(angle=90, movable=False)
        cursor.setVisible(False)
        cursor.setZValue(50)
        empty = pg.TextItem(anchor=(0.5, 0.5))
        empty.setVisible(False)
        return Lane(name, plot, cursor, empty, holder)

    # ------------------------------------------------------------------------------------------ data
    def set_timeline(self, timeline: Timeline, zone: str | None, denied: frozenset[str] = frozenset()) -> None:
        """Draw this timeline on the farm's clock (the project's timezone); `denied`: the sources this account may
        not read (their lanes say so instead of "nothing")."""
        self.timeline = timeline
        self.zone = zone
        self.denied = denied
        start, end = timeline.window.start.timestamp(), timeline.window.end.timestamp()
        for lane in self.lanes.values():
            plot = lane.plot
            plot.clear()
            if plot.legend is not None:
                plot.legend.clear()
            plot.getAxis("bottom").set_zone(zone)  # ticks at the farm's midnights and hours, in its words
            plot.addItem(lane.cursor, ignoreBounds=True)
            plot.addItem(lane.empty, ignoreBounds=True)
            plot.getViewBox().setLimits(xMin=start, xMax=end)
        self._draw_irrigation(timeline)
        self._draw_moisture(timeline)
        self._draw_weather(timeline)
        self._draw_scouting(timeline)
        self._draw_harvest(timeline)
        for lane in self.lanes.values():
            if lane.plot.legend is not None:
                lane.plot.legend.setVisible(bool(lane.plot.legend.items))  # no empty box on an empty lane
            refused = any(source in denied for source in LANE_SOURCES[lane.name])
            lane.empty.setText(denied_text() if refused else empty_text(lane.name))
            lane.empty.setVisible(not lane.has_data)
            lane.empty.setPos((start + end) / 2, 0.5)
            if not lane.has_data:
                lane.plot.setYRange(0, 1, padding=0)
        self._fit_legend_column()
        self.reset_zoom()
        self._restyle()

    def _fit_legend_column(self) -> None:
        """One width for every lane's legend holder (the widest legend's), so the plots stay aligned."""
        widths = [lane.plot.legend.width() for lane in self.lanes.values() if lane.plot.legend.items]
        width = (max(widths) + 6) if widths else 0
        for lane in self.lanes.values():
            lane.legend_holder.setFixedWidth(width)

    def _draw_irrigation(self, timeline: Timeline) -> None:
        lane = self.lanes[IRRIGATION]
        lane.has_data = timeline.has_irrigation
        plot = lane.plot
        for source, label, colors in (
            ("program", translate("TimelineChart", "Program run"), PROGRAM_COLOR),
            ("manual", translate("TimelineChart", "Manual run"), MANUAL_COLOR),
        ):
            runs = [run for run in timeline.runs if (run.source == "program") == (source == "program")]
            if not runs:
                continue
            color = QColor(colors[self._scheme])
            bars = pg.BarGraphItem(
                x0=[run.start for run in runs],
                width=[max(60.0, run.end - run.start) for run in runs],
                y0=[0.08] * len(runs),
                height=[0.56] * len(runs),
                brush=pg.mkBrush(color),
                pen=pg.mkPen(color.darker(130)),
                name=label,
            )
            plot.addItem(bars)
        if timeline.commands:
            for status_group in status_groups(timeline.commands):
                marks = [mark for mark in timeline.commands if command_status_group(mark.status) == status_group]
                color = status_color(marks[0].status, self._tokens)
                scatter = pg.ScatterPlotItem(
                    x=[mark.at for mark in marks],
                    y=[0.82] * len(marks),
                    symbol="t",
                    size=11,
                    brush=pg.mkBrush(color),
                    pen=pg.mkPen(color.darker(140)),
                    name=status_group_text(status_group),
                )
                plot.addItem(scatter)
        plot.setYRange(0, 1, padding=0)

    def _draw_moisture(self, timeline: Timeline) -> None:
        lane = self.lanes[MOISTURE]
        lane.has_data = timeline.has_moisture
        colors = LINE_COLORS[self._scheme]
        for index, line in enumerate(timeline.moisture):
            color = QColor(colors[index % len(colors)])
            lane.plot.plot(list(line.ts), list(line.values), pen=pg.mkPen(color, width=2), name=depth_text(line.name))
        if lane.has_data:
            lane.plot.enableAutoRange(axis="y", enable=True)

    def _draw_weather(self, timeline: Timeline) -> None:
        lane = self.lanes[WEATHER]
        lane.has_data = timeline.has_weather
        plot = lane.plot
        if timeline.rain.ts:
            color = QColor(RAIN_COLOR[self._scheme])
            plot.addItem(
                pg.BarGraphItem(
                    x0=list(timeline.rain.ts),
                    width=HOUR_S * 0.9,
                    height=list(timeline.rain.values),
                    brush=pg.mkBrush(color),
                    pen=pg.mkPen(None),
                    name=translate("TimelineChart", "Rain"),
                )
            )
        if timeline.et0.ts:
            color = QColor(ET0_COLOR[self._scheme])
            # ET0 of each hour, drawn at the hour's middle so it lines up with the rain bar of the same hour.
            plot.plot(
                [ts + HOUR_S / 2 for ts in timeline.et0.ts],
                list(timeline.et0.values),
                pen=pg.mkPen(color, width=2),
                name=translate("TimelineChart", "ET0"),
            )
        if lane.has_data:
            top = max([*timeline.rain.values, *timeline.et0.values, 0.5])
            plot.setYRange(0, top * 1.1, padding=0)

    def _draw_scouting(self, timeline: Timeline) -> None:
        lane = self.lanes[SCOUTING]
        lane.has_data = bool(timeline.scouting)
        for verdict in (Verdict.OKAY, Verdict.ATTENTION, Verdict.ALERT, Verdict.NO_DATA):
            marks = [mark for mark in timeline.scouting if mark.verdict is verdict]
            if not marks:
                continue
            color = verdict_color(verdict, self._tokens)
            scatter = pg.ScatterPlotItem(
                x=[mark.at for mark in marks],
                y=[0.5] * len(marks),
                symbol="o",
                size=12,
                brush=pg.mkBrush(color),
                pen=pg.mkPen(color.darker(140)),
                name=verdict_text(verdict),
                data=[mark.record_id for mark in marks],
                hoverable=True,
                hoverSize=15,
                # A point's own tool tip: what the scout found there (the readout says it too).
                tip=lambda x, y, data: self.scout_tip(str(data)),
            )
            lane.plot.addItem(scatter)
        lane.plot.setYRange(0, 1, padding=0)

    def _draw_harvest(self, timeline: Timeline) -> None:
        lane = self.lanes[HARVEST]
        lane.has_data = timeline.has_harvest
        plot = lane.plot
        units = {span.sampling_unit for span in timeline.harvests if span.sampling_unit}
        plot.setLabel("left", harvest_title(units.pop() if len(units) == 1 else None))
        top = max([bar.units for bar in timeline.hourly_units] + [1.0]) * 1.1
        if timeline.harvests:
            accent = QColor(self._tokens.get("accent", "#17795f"))
            accent.setAlpha(45)
            plot.addItem(
                pg.BarGraphItem(
                    x0=[span.start for span in timeline.harvests],
                    width=[max(60.0, span.end - span.start) for span in timeline.harvests],
                    y0=0,
                    height=top,
                    brush=pg.mkBrush(accent),
                    pen=pg.mkPen(None),
                    name=translate("TimelineChart", "Session open"),
                )
            )
        if timeline.hourly_units:
            color = QColor(self._tokens.get("accent", "#17795f")).darker(110)
            plot.addItem(
                pg.BarGraphItem(
                    x0=[bar.start + HOUR_S * 0.1 for bar in timeline.hourly_units],
                    width=HOUR_S * 0.8,
                    height=[bar.units for bar in timeline.hourly_units],
                    brush=pg.mkBrush(color),
                    pen=pg.mkPen(None),
                    name=translate("TimelineChart", "Units per hour"),
                )
            )
        if lane.has_data:
            plot.setYRange(min(0.0, *(bar.units for bar in timeline.hourly_units)) if timeline.hourly_units else 0, top)

    # ------------------------------------------------------------------------------------------ view
    def visible_range(self) -> tuple[float, float]:
        low, high = self.lanes[LANES[0]].plot.getViewBox().viewRange()[0]
        return float(low), float(high)

    def reset_zoom(self) -> None:
        if self.timeline is not None:
            window = self.timeline.window
            self.lanes[LANES[0]].plot.setXRange(window.start.timestamp(), window.end.timestamp(), padding=0)

    def zoom(self, factor: float, center: float | None = None) -> None:
        """Zoom in (factor < 1) or out around `center` (the cursor, else the middle of the view)."""
        low, high = self.visible_range()
        middle = center if center is not None else (low + high) / 2
        span = max(MIN_SPAN_S, (high - low) * factor)
        share = (middle - low) / (high - low) if high > low else 0.5
        self.lanes[LANES[0]].plot.setXRange(middle - span * share, middle + span * (1 - share), padding=0)

    def pan(self, fraction: float) -> None:
        low, high = self.visible_range()
        shift = (high - low) * fraction
        self.lanes[LANES[0]].plot.setXRange(low + shift, high + shift, padding=0)

    # ------------------------------------------------------------------------------------------ cursor
    def _on_mouse_moved(self, position: QPointF) -> None:
        hit = next((lane for lane in self.lanes.values() if lane.plot.sceneBoundingRect().contains(position)), None)
        if hit is None or self.timeline is None:
            self.hide_cursor()
            return
        self.set_cursor(float(hit.plot.getViewBox().mapSceneToView(position).x()))

    def set_cursor(self, ts: float) -> None:
        """The vertical cursor at `ts` through every lane; `cursor_moved` tells the readout."""
        self._cursor_ts = ts
        for lane in self.lanes.values():
            lane.cursor.setPos(ts)
            lane.cursor.setVisible(True)
        self.cursor_moved.emit(ts)

    def hide_cursor(self) -> None:
        if self._cursor_ts is None:
            return
        self._cursor_ts = None
        for lane in self.lanes.values():
            lane.cursor.setVisible(False)
        self.cursor_left.emit()

    @property
    def cursor_ts(self) -> float | None:
        return self._cursor_ts

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left/Right move the cursor (Shift: pan), +/- zoom around it, 0 shows the whole window again."""
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        low, high = self.visible_range()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if shift:
                self.pan(step * KEY_PAN)
            else:
                here = self._cursor_ts if self._cursor_ts is not None else (low + high) / 2
                self.set_cursor(min(max(here + step * (high - low) / 48, low), high))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1 / KEY_ZOOM, self._cursor_ts)
        elif key == Qt.Key.Key_Minus:
            self.zoom(KEY_ZOOM, self._cursor_ts)
        elif key == Qt.Key.Key_0:
            self.reset_zoom()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._cursor_ts is None and self.timeline is not None:
            low, high = self.visible_range()
            self.set_cursor((low + high) / 2)  # the keyboard's cursor starts mid-view
        self.canvas.setProperty("focused", True)
        self.update()

    # ------------------------------------------------------------------------------------------ theme
    def apply_theme(self, tokens: dict[str, str], background: str, dark: bool) -> None:
        self._tokens = dict(tokens)
        self._background = background
        self._scheme = "dark" if dark else "light"
        self.canvas.setBackground(QColor(background))
        if self.timeline is not None:
            self.set_timeline(self.timeline, self.zone, self.denied)  # marks and bars take their colours when drawn
        else:
            self._restyle()

    def _restyle(self) -> None:
        if not self._tokens:
            return
        muted = QColor(self._tokens["muted"])
        border = QColor(self._tokens["border"])
        text = QColor(self._tokens.get("text", self._tokens["icon"]))
        for lane in self.lanes.values():
            for name in ("left", "bottom"):
                axis = lane.plot.getAxis(name)
                axis.setPen(pg.mkPen(border))
                axis.setTextPen(pg.mkPen(muted))
                axis.label.setDefaultTextColor(text)
            legend = lane.plot.legend
            if legend is not None:
                # No box, as every other chart's key: boxes as wide as each lane's words made a ragged column.
                style_key(legend, text, QColor(self._background))
            lane.cursor.setPen(pg.mkPen(QColor(self._tokens["accent"]), width=1, style=Qt.PenStyle.DashLine))
            lane.empty.setColor(muted)

    # ------------------------------------------------------------------------------------------ for tests
    def items_of(self, lane: str, kind: type) -> list[object]:
        return [item for item in self.lanes[lane].plot.items if isinstance(item, kind)]
