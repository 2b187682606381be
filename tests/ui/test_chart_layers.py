"""Every chart draws its curves and legend above its grid: pyqtgraph stacks the axes, which draw the grid lines,
above the view box, and a grid line ran through the legend's labels (seen in Clima y planta and Monitoreo). And
every chart writes its axes in the user's language: pyqtgraph wrote "0.20" and "Fri 04" in a Spanish window. And
legend swatches without pyqtgraph's stray dash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.charts.legend_sample import LegendSample
from hydrodesk.ui.charts.metrics import PlotGroup
from hydrodesk.ui.charts.plot_style import new_plot
from hydrodesk.ui.charts.stacked_time_chart import PlotSpec, StackedTimeChart
from hydrodesk.ui.charts.value_axis import localized
from hydrodesk.ui.phyto.trend_chart import TrendChart
from hydrodesk.ui.timeline.lanes import TimelineChart


def data_above_grid(plot: pg.PlotItem) -> bool:
    box = plot.getViewBox()
    return all(box.zValue() > plot.getAxis(side).zValue() for side in ("left", "bottom"))


def every_chart(qtbot: QtBot, zone: str | None = None) -> tuple[list[pg.PlotItem], list[QWidget]]:
    """The plots of each chart HydroDesk draws (live telemetry, weather, scouting trend and the timeline's lanes),
    and the charts, which the caller keeps while it uses their plots."""
    live, _crosshair = new_plot(PlotGroup("flow", "Flow (L/min)", 0), zone, lambda *_: None, lambda *_: None)
    weather = StackedTimeChart()
    qtbot.addWidget(weather)
    weather.set_plots([PlotSpec("a", "°C"), PlotSpec("b", "%")])
    scouting = TrendChart()
    qtbot.addWidget(scouting)
    timeline = TimelineChart()
    qtbot.addWidget(timeline)
    plots = [
        live,
        *weather.plots.values(),
        scouting.incidence_plot,
        scouting.severity_plot,
        *(lane.plot for lane in timeline.lanes.values()),
    ]
    return plots, [weather, scouting, timeline]


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    yield
    QLocale.setDefault(before)


def test_the_live_weather_and_scouting_charts_draw_their_data_above_the_grid(qtbot: QtBot) -> None:
    plots, _charts = every_chart(qtbot)
    assert all(data_above_grid(plot) for plot in plots[:5])


def test_the_live_and_weather_charts_keep_their_key_on_a_row_above_the_values(qtbot: QtBot) -> None:
    """pyqtgraph lays a legend over the view box, where it hid the curves it named (the live pressure band, the
    first hours of every weather plot)."""
    plots, _charts = every_chart(qtbot)
    for plot in plots[:3]:  # the live plot and the two weather plots
        assert plot.legend is not None
        assert plot.legend.parentItem() is not plot.getViewBox()
        assert plot.legend.parentItem() is plot.layout.itemAt(0, 1)  # the title's cell, above the view box's


def test_every_chart_writes_its_values_with_the_users_decimal_mark(qtbot: QtBot, spanish: None) -> None:
    plots, _charts = every_chart(qtbot)
    assert len(plots) >= 8
    for plot in plots:
        assert plot.getAxis("left").tickStrings([-0.05, 0.0, 0.05, 0.1], 1.0, 0.05) == ["-0,05", "0", "0,05", "0,10"]


def test_a_days_ticks_on_the_live_chart_are_in_the_users_language_at_the_farms_clock(
    qtbot: QtBot, spanish: None
) -> None:
    (live, *_others), _charts = every_chart(qtbot, zone="America/Lima")
    midnight_at_the_farm = datetime(2026, 12, 4, tzinfo=ZoneInfo("America/Lima")).timestamp()
    axis = live.getAxis("bottom")
    axis.setRange(midnight_at_the_farm - 12 * 3600, midnight_at_the_farm + 12 * 3600)
    labels = axis.tickStrings([midnight_at_the_farm, midnight_at_the_farm + 6 * 3600], 1.0, 6 * 3600)
    assert labels == ["vie 4 dic", "06:00"]


def test_tick_labels_take_the_locales_marks_and_leave_an_exponent_alone() -> None:
    labels = ["-0.5", "12.25", "3", "1e-05", "-2.5e+06"]
    assert localized(labels, QLocale(QLocale.Language.Spanish)) == ["-0,5", "12,25", "3", "1e-05", "-2,5e+06"]
    assert localized(labels, QLocale(QLocale.Language.English)) == labels


def test_a_time_axis_writes_its_labels_again_for_another_language_or_farm(qtbot: QtBot, spanish: None) -> None:
    """The axis keeps the labels it wrote (a live chart slides every frame): not across a language or a farm."""
    (live, *_others), _charts = every_chart(qtbot, zone="America/Lima")
    axis = live.getAxis("bottom")
    six_at_the_farm = datetime(2026, 12, 4, 6, tzinfo=ZoneInfo("America/Lima")).timestamp()
    axis.setRange(six_at_the_farm - 3600, six_at_the_farm + 3600)
    assert axis.tickStrings([six_at_the_farm], 1.0, 900) == ["06:00"]
    axis.set_zone("Europe/Madrid")
    assert axis.tickStrings([six_at_the_farm], 1.0, 900) == ["12:00"]
    axis.set_zone("America/Lima")
    midnight = six_at_the_farm - 6 * 3600
    assert axis.tickStrings([midnight], 1.0, 6 * 3600) == ["vie 4 dic"]
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert axis.tickStrings([midnight], 1.0, 6 * 3600) == ["Fri 4 Dec"]


def test_the_scouting_trend_names_the_days_under_its_points_and_never_the_hours(qtbot: QtBot, spanish: None) -> None:
    """One value a day, drawn at noon: "06:00" and "18:00" ticks between the points said nothing (seen in
    Monitoreo), and a day's tick at midnight sat half a day before its point."""
    chart = TrendChart()
    qtbot.addWidget(chart)
    axis = chart.incidence_plot.getAxis("bottom")
    axis.set_zone("America/Lima")
    lima = ZoneInfo("America/Lima")
    noons = [datetime(2026, 12, day, 12, tzinfo=lima).timestamp() for day in (1, 2, 3, 4)]
    levels = axis.tickValues(noons[0] - 3600, noons[-1] + 3600, 1100)
    assert [tick for _spacing, values in levels for tick in values] == noons  # the first day's too
    for width in (500, 250):
        levels = axis.tickValues(noons[0] - 3600, noons[-1] + 3600, width)
        ticks = [tick for _spacing, values in levels for tick in values]
        assert ticks, width
        assert set(ticks) <= set(noons), width
    assert axis.tickStrings(noons, 1.0, 86400) == ["1 dic", "2 dic", "3 dic", "4 dic"]
    # A week (the "7 días" range) across a month's first day: the 1st is a day like the others, at noon (a month's
    # tick at midnight had taken its place).
    week = [(datetime(2026, 11, 27, 12, tzinfo=lima) + timedelta(days=day)).timestamp() for day in range(7)]
    levels = axis.tickValues(week[0] - 3600, week[-1] + 3600, 1100)
    assert [tick for _spacing, values in levels for tick in values] == week
    one_day = axis.tickValues(noons[1] - 3 * 3600, noons[1] + 3 * 3600, 1100)
    assert [tick for _spacing, values in one_day for tick in values] == [noons[1]]
    season = axis.tickValues(noons[0] - 150 * 86400, noons[-1], 1100)
    assert [tick for _spacing, values in season for tick in values]  # months still named


def swatch(sample: pg.ItemSample) -> QImage:
    image = QImage(24, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    sample.paint(painter)
    painter.end()
    return image


def test_a_bar_series_legend_swatch_is_its_square_alone(qtbot: QtBot) -> None:
    """pyqtgraph drew a line under a bar series' square, whose end stuck out at its left (the timeline's "Program
    run")."""
    bars = pg.BarGraphItem(x0=[0], width=[1], height=[1], brush=pg.mkBrush("#1a7a5e"), pen=pg.mkPen("#104d3b"))
    white = QColor("white").rgb()
    assert swatch(pg.ItemSample(bars)).pixel(0, 11) != white  # the stray dash, as pyqtgraph draws it
    ours = swatch(LegendSample(bars))
    assert [ours.pixel(x, 11) for x in (0, 1)] == [white, white]
    assert ours.pixel(11, 11) == QColor("#1a7a5e").rgb()
    timeline = TimelineChart()
    qtbot.addWidget(timeline)
    assert all(lane.plot.legend.sampleType is LegendSample for lane in timeline.lanes.values())
