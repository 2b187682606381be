"""Every chart draws its curves and legend above its grid: pyqtgraph stacks the axes, which draw the grid lines,
above the view box, and a grid line ran through the legend's labels (seen in Clima y planta and Monitoreo)."""

from __future__ import annotations

import pyqtgraph as pg
from pytestqt.qtbot import QtBot

from hydrodesk.ui.charts.metrics import PlotGroup
from hydrodesk.ui.charts.plot_style import new_plot
from hydrodesk.ui.charts.stacked_time_chart import PlotSpec, StackedTimeChart
from hydrodesk.ui.phyto.trend_chart import TrendChart


def data_above_grid(plot: pg.PlotItem) -> bool:
    box = plot.getViewBox()
    return all(box.zValue() > plot.getAxis(side).zValue() for side in ("left", "bottom"))


def test_the_live_weather_and_scouting_charts_draw_their_data_above_the_grid(qtbot: QtBot) -> None:
    live, _crosshair = new_plot(PlotGroup("flow", "Flow (L/min)", 0), None, lambda *_: None, lambda *_: None)
    weather = StackedTimeChart()
    qtbot.addWidget(weather)
    weather.set_plots([PlotSpec("a", "°C"), PlotSpec("b", "%")])
    scouting = TrendChart()
    qtbot.addWidget(scouting)
    plots = [live, *weather.plots.values(), scouting.incidence_plot, scouting.severity_plot]
    assert len(plots) == 5
    assert all(data_above_grid(plot) for plot in plots)
