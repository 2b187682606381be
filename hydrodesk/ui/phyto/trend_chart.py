"""A pest's trend: incidence (top) and severity (bottom) per scouting day, one line per sector, on one time axis.

The sector opened from the heatmap is drawn bold in its verdict's colour; the others of the scope thin and muted
(up to MAX_SECTORS, worst first), so a person sees whether the hot spot is alone. The alert threshold is a dashed
line on each plot. Days are placed at local noon so a point sits in the middle of its day. The key (which colour
is which sector) is for the pane to write above the chart (`key`): a legend inside the plot hid the first days'
points under it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from hydrodesk.domain.phyto_trend import TrendPoint
from hydrodesk.domain.phyto_verdicts import Threshold, Verdict
from hydrodesk.ui.charts.plot_style import data_above_grid
from hydrodesk.ui.charts.time_axis import FarmTimeAxis
from hydrodesk.ui.charts.value_axis import LocaleValueAxis
from hydrodesk.ui.phyto.verdicts import STRONG

MAX_SECTORS = 8
_OTHERS = ["#4c78a8", "#72b7b2", "#9d755d", "#b279a2", "#54a24b", "#eeca3b", "#ff9da6", "#79706e"]


@dataclass(frozen=True)
class KeyEntry:
    """One line of the chart, as its key names it."""

    name: str
    colour: str  # "#rrggbb"
    bold: bool  # the sector opened from the heatmap


def key_html(entries: Sequence[KeyEntry], alert_colour: str, alert_words: str) -> str:
    """The chart's key as rich text: a stroke in each line's colour before its sector's name (the opened sector's in
    bold), then the dashed threshold's. Entries wrap between each other, never inside one."""
    parts = []
    for entry in entries:
        name = html.escape(entry.name)
        parts.append(f'<span style="color:{entry.colour}">━━</span>&nbsp;{f"<b>{name}</b>" if entry.bold else name}')
    parts.append(f'<span style="color:{alert_colour}">╺╸╺╸</span>&nbsp;{html.escape(alert_words)}')
    return "&nbsp;&nbsp; ".join(parts)


def day_stamp(day: date, timezone: str) -> float:
    return datetime.combine(day, time(12), ZoneInfo(timezone)).timestamp()


class TrendChart(pg.GraphicsLayoutWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to type into; the pest chooser beside it has the keys
        self.setMinimumHeight(160)
        self.incidence_plot = self.addPlot(
            row=0, col=0, axisItems={"bottom": FarmTimeAxis(days_only=True), "left": LocaleValueAxis()}
        )
        self.severity_plot = self.addPlot(
            row=1, col=0, axisItems={"bottom": FarmTimeAxis(days_only=True), "left": LocaleValueAxis()}
        )
        self.severity_plot.setXLink(self.incidence_plot)
        for plot in (self.incidence_plot, self.severity_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMouseEnabled(x=True, y=False)
            plot.setYRange(0, 100, padding=0.02)
            plot.getAxis("left").setWidth(48)
            data_above_grid(plot)
        self.key: list[KeyEntry] = []  # the lines drawn, focus first
        self.alert_colour = STRONG[Verdict.ALERT]
        self.lines: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}  # sector id -> (incidence, severity)

    def set_labels(self, incidence: str, severity: str) -> None:
        self.incidence_plot.setLabel("left", incidence)
        self.severity_plot.setLabel("left", severity)

    def set_foreground(self, colour: str, background: str) -> None:
        self.setBackground(background)
        for plot in (self.incidence_plot, self.severity_plot):
            for side in ("left", "bottom"):
                plot.getAxis(side).setTextPen(colour)
                plot.getAxis(side).setPen(colour)

    def show_trend(
        self,
        trends: Mapping[str, Sequence[TrendPoint]],
        names: Mapping[str, str],
        order: Sequence[str],
        focus: str | None,
        focus_verdict: Verdict,
        threshold: Threshold,
        timezone: str,
    ) -> None:
        """Plot `order`'s sectors (focus first, bold); `names`: sector id -> name for the legend."""
        for plot in (self.incidence_plot, self.severity_plot):
            plot.clear()
            plot.getAxis("bottom").set_zone(timezone)  # the farm's days, in the user's words
        self.key = []
        self.lines = {}
        shown = [sector for sector in order if sector in trends][:MAX_SECTORS]
        if focus is not None and focus in trends and focus not in shown:
            shown = [focus, *shown[: MAX_SECTORS - 1]]
        shown.sort(key=lambda sector: sector != focus)
        for index, sector in enumerate(shown):
            points = trends[sector]
            xs = [day_stamp(point.day, timezone) for point in points]
            if sector == focus:
                pen = pg.mkPen(STRONG[focus_verdict] if focus_verdict is not Verdict.NO_DATA else "#17795f", width=3)
                symbol_brush = pen.color()
            else:
                colour = QColor(_OTHERS[index % len(_OTHERS)])
                pen = pg.mkPen(colour, width=1.2)
                symbol_brush = colour
            incidence = self.incidence_plot.plot(
                xs, [point.incidence for point in points], pen=pen, symbol="o", symbolSize=5,
                symbolBrush=symbol_brush, symbolPen=None,
            )  # fmt: skip
            self.key.append(KeyEntry(names.get(sector, sector), pen.color().name(), sector == focus))
            severity = self.severity_plot.plot(
                xs, [point.severity for point in points], pen=pen, symbol="o", symbolSize=5,
                symbolBrush=symbol_brush, symbolPen=None,
            )  # fmt: skip
            self.lines[sector] = (incidence, severity)
        alert = pg.mkPen(self.alert_colour, width=1, style=Qt.PenStyle.DashLine)
        self.incidence_plot.addItem(pg.InfiniteLine(threshold.alert_incidence, angle=0, pen=alert))
        self.severity_plot.addItem(pg.InfiniteLine(threshold.alert_severity, angle=0, pen=alert))
        self.incidence_plot.enableAutoRange(axis="x")
        self.incidence_plot.setYRange(0, 100, padding=0.02)
        self.severity_plot.setYRange(0, 100, padding=0.02)

    def plotted(self, sector_id: str) -> tuple[list[float], list[float], list[float]]:
        """(x, incidence, severity) as drawn for a sector (for tests and the CSV of the chart)."""
        incidence, severity = self.lines[sector_id]
        xs, ys = incidence.getData()
        _, ss = severity.getData()
        return list(xs), list(ys), list(ss)
