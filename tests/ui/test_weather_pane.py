"""The weather and plant pane against the simulator: the charts hold the server's readings, the daily table adds up
as the server's own daily resolution does, irrigation runs are the logs', zooming a year keeps the points drawn
bounded,
the last fetched range is there after a restart with the server gone, and a Spanish walk by keyboard at 1366×768."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.domain.weather_series import Column, run_spans
from hydrodesk.ui.charts.stacked_time_chart import PlotSpec, StackedTimeChart
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.panes import PANES
from hydrodesk.ui.panes.weather import WeatherPane

from .conftest import DEMO_USER, run_async
from .keyboard_kit import SCREEN, WAIT_MS, at_laptop_size, focus, press, screenshot
from .live_support import ALL_SCOPES, SignedIn, sign_in
from .test_keyboard_walk import check_sheet, looks_whole, tab_reaches_everything

PROJECT, SECTOR = "proj_123", "sector_001"
WEATHER_PANE_KEY = f"Ctrl+{[spec.name for spec in PANES].index('weather') + 1}"


def weather_pane(qtbot: QtBot, signed_in: SignedIn) -> WeatherPane:
    window = signed_in.kit.window
    qtbot.waitUntil(lambda: window.showing_data, timeout=WAIT_MS)
    window.navigator.select(PROJECT, SECTOR)
    pane = window.pane("weather")
    assert isinstance(pane, WeatherPane)
    qtbot.waitUntil(lambda: pane._data is not None and pane._data.fetched_at is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane._sector is not None and pane._sector.sector_id == SECTOR, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.banner.isHidden() and bool(pane.chart.curves), timeout=WAIT_MS)
    return pane


@pytest.fixture
def signed_in(qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, sim, tmp_path, "weather", data_dir=tmp_path / "data", size=SCREEN)


def server_client(sim: Any) -> HydrobitClient:
    return HydrobitClient(
        ApiConfig.single_origin(sim.base_url, timeout=10.0),
        Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER), api_key=sim.api_key(*ALL_SCOPES)),
    )


def made_by_then(series: list[Any], shown: int, fetched_at: datetime) -> list[Any]:
    """The first `shown` readings of a later fetch of the same span, checking that whatever it has beyond them the
    server made around or after the pane's fetch (one reading every 15 minutes, as time goes on), not before."""
    assert all(point.ts > fetched_at - timedelta(minutes=15) for point in series[shown:])
    return series[:shown]


def test_the_charts_and_the_daily_table_hold_the_simulators_readings(
    qtbot: QtBot, signed_in: SignedIn, sim: Any
) -> None:
    pane = weather_pane(qtbot, signed_in)
    data = pane._data
    assert data is not None
    assert data.resolution == "raw"
    client = server_client(sim)
    try:
        weather = run_async(qtbot, client.weather(PROJECT, data.start, data.end, resolution="raw"))
        plant = run_async(qtbot, client.plant(SECTOR, data.start, data.end, resolution="raw"))
        # The server's own daily roll-up: rain and ET0 summed, the rest averaged over the farm's local day.
        day_start = data.start + timedelta(days=2)
        daily_weather = run_async(qtbot, client.weather(PROJECT, day_start, data.end, resolution="1d"))
        logs = run_async(qtbot, client.irrigation_logs(PROJECT, data.start, data.end))
    finally:
        run_async(qtbot, client.aclose())

    # Every reading the server sent is in the chart's series, at its time, with its value (the server's clock went
    # on between the pane's fetch and this one: a reading it made since then is not the pane's to have).
    assert data.fetched_at is not None
    air = pane.chart.curves["air_temp_c"].column
    readings = made_by_then(weather.series, len(air), data.fetched_at)
    assert air.ts.tolist() == [point.ts.timestamp() for point in readings]
    assert air.values.tolist() == [point.air_temp_c for point in readings]
    soil = pane.chart.curves["soil_moisture_pct.30cm"].column
    samples = made_by_then(plant.series, len(soil), data.fetched_at)
    assert soil.values.tolist() == [point.soil_moisture_pct["30cm"] for point in samples]
    assert len(air) > 5 * 96  # six days and today, from the farm midnight six days ago

    # Zoomed in to a day, the curve is handed the raw readings themselves.
    last_day = (data.end - timedelta(days=1)).timestamp(), data.end.timestamp()
    pane.chart.show_range(*last_day)
    x, y = pane.chart.curves["air_temp_c"].curve.getData()
    inside = (air.ts >= last_day[0]) & (air.ts <= last_day[1])
    assert set(air.ts[inside].tolist()) <= set(x.tolist())
    assert np.isin(y, air.values).all()

    # The sector's irrigation runs are shaded on the soil moisture chart, run for run.
    runs = [entry.model_dump(mode="json") for entry in logs if entry.sector_id == SECTOR]
    spans = pane.chart.spans["irrigation"]
    assert len(runs) > 0
    assert sorted(run_spans(runs)) == list(zip(spans.starts.tolist(), spans.ends.tolist(), strict=True))

    # The daily table's rain and ET0 totals and mean temperature agree with the server's daily resolution for
    # every whole day.
    table = {row.day: row for row in pane.daily_model.rows}
    checked = 0
    for point in daily_weather.series[:-1]:  # the last day is still going
        day = point.ts.astimezone(pane.chart.plots["temperature"].getAxis("bottom").zone).date()
        row = table[day]
        assert row.values["rain_mm"].total == pytest.approx(point.rain_mm, abs=1e-3)
        assert row.values["et0_mm"].total == pytest.approx(point.et0_mm, abs=2e-3)
        assert row.values["air_temp_c"].mean == pytest.approx(point.air_temp_c, abs=1e-3)
        assert row.values["air_temp_c"].minimum <= row.values["air_temp_c"].mean <= row.values["air_temp_c"].maximum
        checked += 1
    assert checked >= 3


def test_a_year_of_five_minute_readings_zooms_with_the_points_drawn_bounded(qtbot: QtBot) -> None:
    chart = StackedTimeChart()
    qtbot.addWidget(chart)
    chart.resize(1100, 600)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_plots([PlotSpec("a", "°C"), PlotSpec("b", "%")])
    start = 1_767_225_600.0  # 2026-01-01 UTC
    ts = start + np.arange(365 * 288) * 300.0
    values = 20 + 8 * np.sin(ts / 86400 * 2 * np.pi)
    values[50_000] = 61.5  # one spike in a year of readings
    column = Column(ts, values)
    for key in ("t1", "t2"):
        chart.set_series("a", key, key, "°C", column)
    chart.set_series("b", "h", "h", "%", Column(ts, 100 - values))
    chart.set_range(float(ts[0]), float(ts[-1]))
    width = chart.width_px()
    x, y = chart.curves["t1"].curve.getData()
    assert len(x) <= 2 * 1.5 * width + 4  # a year is drawn as at most min and max per pixel (and the margins)
    assert y.max() == 61.5
    assert y.min() == values.min()
    # Each zoom step halves the span; at a day the raw readings are handed over as they are.
    for _ in range(8):
        chart.zoom(0.5)
    low, high = chart.visible_range()
    assert high - low == pytest.approx((ts[-1] - ts[0]) / 256, rel=1e-6)
    chart.show_range(float(ts[1000]), float(ts[1000]) + 86400)
    x, y = chart.curves["t1"].curve.getData()
    assert len(x) <= 288 * 1.5 + 2
    assert set(ts[1000:1288].tolist()) <= set(x.tolist())
    # Panning within the slice's margin re-slices nothing; beyond it, the curve is handed a new slice.
    drawn = chart.curves["t1"].curve.getData()[0]
    chart.pan(0.1)
    assert chart.curves["t1"].curve.getData()[0] is drawn
    chart.pan(1.0)
    assert chart.curves["t1"].curve.getData()[0] is not drawn


def test_each_plots_key_sits_on_a_line_above_its_values_and_still_hides_a_series(qtbot: QtBot) -> None:
    """Laid over the plot, the legend hid the first hours of the curves it named (the 60 cm soil moisture, the
    afternoon's humidity under "Mojado de hoja")."""
    chart = StackedTimeChart()
    qtbot.addWidget(chart)
    chart.resize(1100, 600)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_plots([PlotSpec("a", "°C"), PlotSpec("b", "%")])
    ts = 1_767_225_600.0 + np.arange(288) * 300.0
    for key in ("Temperatura del aire", "Temperatura del suelo", "Temperatura del dosel"):
        chart.set_series("a", key, key, "°C", Column(ts, 20 + np.sin(ts / 9000)))
    chart.set_series("b", "h", "Humedad del aire", "%", Column(ts, 60 + np.sin(ts / 9000)))
    chart.set_spans("b", "rain", "Lluvia", [(float(ts[10]), float(ts[20]))], "#58c4dd")
    chart.set_range(float(ts[0]), float(ts[-1]))
    for width, lines in ((1100, 1), (420, 2)):  # narrower, the key takes a second line rather than run off
        chart.resize(width, 600)

        def laid_out() -> bool:
            return all(
                plot.legend.sceneBoundingRect().bottom() <= plot.getViewBox().sceneBoundingRect().top() + 0.5
                for plot in chart.plots.values()
            )

        qtbot.waitUntil(laid_out, timeout=5_000)  # the plots' layout follows a resize a moment later
        for plot in chart.plots.values():
            key = plot.legend.sceneBoundingRect()
            values = plot.getViewBox().sceneBoundingRect()
            assert plot.legend.isVisible()
            assert values.left() - 1 <= key.left() < values.left() + 8  # over the values' column, from its left
            assert key.right() <= values.right() + 1, (width, plot.objectName(), key, values)
        assert chart.plots["a"].legend.rowCount == lines
    assert len(chart.plots["a"].legend.items) == 3
    assert len(chart.plots["b"].legend.items) == 2  # the span's swatch too
    sample, _label = chart.plots["a"].legend.items[0]
    at = chart.canvas.mapFromScene(sample.sceneBoundingRect().center())
    qtbot.mouseClick(chart.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert not chart.curves["Temperatura del aire"].curve.isVisible()
    assert chart.curves["Temperatura del suelo"].curve.isVisible()


@pytest.fixture
def spanish_office(qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    installed = install_language(qapp, "es")
    assert installed.translators
    try:
        for signed_in in sign_in(qtbot, qapp, sim, tmp_path, "overview", data_dir=tmp_path / "data", size=SCREEN):
            at_laptop_size(qtbot, signed_in.kit.window)
            yield signed_in
    finally:
        uninstall_language(qapp, installed)


def test_weather_by_keyboard_in_spanish_at_1366(qtbot: QtBot, spanish_office: SignedIn, tmp_path: Path) -> None:
    window = spanish_office.kit.window
    qtbot.waitUntil(lambda: window.showing_data, timeout=WAIT_MS)
    window.navigator.select(PROJECT, SECTOR)
    press(qtbot, WEATHER_PANE_KEY, window)
    qtbot.waitUntil(lambda: isinstance(window.current_pane, WeatherPane), timeout=WAIT_MS)
    pane = window.current_pane
    assert isinstance(pane, WeatherPane)
    qtbot.waitUntil(lambda: pane._data is not None and pane._data.fetched_at is not None, timeout=WAIT_MS)
    assert pane.title_label.text() == "Clima y planta"

    # Alt+1: the last day; Ctrl++ zooms in, Alt+Left goes back, Ctrl+0 shows the whole day again.
    press(qtbot, "Alt+1", window)
    qtbot.waitUntil(lambda: pane._data is not None and pane._data.end - pane._data.start == timedelta(days=1))
    qtbot.waitUntil(lambda: pane._data is not None and pane._data.fetched_at is not None, timeout=WAIT_MS)
    whole = pane.chart.visible_range()
    assert whole[1] - whole[0] == pytest.approx(86400, abs=1)
    press(qtbot, "Ctrl++", window)
    qtbot.waitUntil(lambda: pane.chart.visible_range()[1] - pane.chart.visible_range()[0] < 50_000)
    zoomed = pane.chart.visible_range()
    press(qtbot, "Alt+Left", window)
    qtbot.waitUntil(lambda: pane.chart.visible_range()[0] < zoomed[0])
    assert "horas" in pane.zoom_label.text()
    # F5 fetches the newest readings (only what the cache lacks) and leaves the zoom where the user put it.
    fetched_before, view = pane._data.fetched_at, pane.chart.visible_range()
    press(qtbot, "F5", window)
    qtbot.waitUntil(lambda: pane._data is not None and pane._data.fetched_at != fetched_before, timeout=WAIT_MS)
    assert pane.chart.visible_range() == pytest.approx(view, abs=1)
    press(qtbot, "Ctrl+0", window)
    qtbot.waitUntil(lambda: pane.chart.visible_range() == pytest.approx(whole, abs=1))

    # Alt+2: back to a week; the heading says how old the readings are.
    press(qtbot, "Alt+2", window)
    qtbot.waitUntil(
        lambda: pane._data is not None and timedelta(days=6) < pane._data.end - pane._data.start <= timedelta(days=7)
    )
    qtbot.waitUntil(lambda: pane.age_chip.isVisible() and pane.age_chip.text().startswith("Obtenido"))
    # Ctrl+D: one point a day (the day's extremes of the air temperature too), and back.
    press(qtbot, "Ctrl+D", window)
    qtbot.waitUntil(lambda: "air_temp_c.max" in pane.chart.curves)
    daily_max = pane.chart.curves["air_temp_c.max"]
    assert daily_max.label == "Temperatura del aire, máxima diaria"
    assert daily_max.column.values.tolist() == [
        row.values["air_temp_c"].maximum for row in reversed(pane.daily_model.rows)
    ]
    press(qtbot, "Ctrl+D", window)
    qtbot.waitUntil(lambda: "air_temp_c.max" not in pane.chart.curves)
    looks_whole(qtbot, pane)
    screenshot(window, tmp_path, "weather-charts")

    # The daily table, reached by Ctrl+Tab, walked by Tab, and the F1 sheet.
    pane.range_buttons.button("week").setFocus()
    qtbot.waitUntil(lambda: focus() is pane.range_buttons.button("week"))
    pane.tabs.setFocus()
    press(qtbot, "Ctrl+Tab")
    qtbot.waitUntil(lambda: pane.tabs.currentWidget() is pane.daily_table)
    qtbot.waitUntil(lambda: pane.daily_table.proxy.rowCount() >= 7)
    tab_reaches_everything(qtbot, pane, pane.daily_table.filter_edit)
    looks_whole(qtbot, pane)
    check_sheet(qtbot, window, pane)
    screenshot(window, tmp_path, "weather-daily")


def test_the_last_range_is_browsable_after_a_restart_with_the_server_gone(
    qtbot: QtBot, qloop: object, qapp: QApplication, fresh_sim: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    first = sign_in(qtbot, qapp, fresh_sim, tmp_path / "first", "weather", data_dir=data_dir, size=SCREEN)
    signed_in = next(first)
    pane = weather_pane(qtbot, signed_in)
    fetched = pane.chart.curves["air_temp_c"].column
    fetched_at = pane._data.fetched_at if pane._data else None
    run_async(qtbot, signed_in.kit.tasks.cancel_all())
    run_async(qtbot, signed_in.controller.aclose(), timeout_ms=20_000)
    signed_in.kit.window.hide()
    fresh_sim.stop()

    second = sign_in(qtbot, qapp, fresh_sim, tmp_path / "second", "weather", data_dir=data_dir, size=SCREEN)
    window = next(second).kit.window
    qtbot.waitUntil(lambda: window.showing_data, timeout=WAIT_MS)
    window.navigator.select(PROJECT, SECTOR)
    offline = window.pane("weather")
    assert isinstance(offline, WeatherPane)
    qtbot.waitUntil(lambda: offline.banner.isVisible(), timeout=WAIT_MS)
    assert "saved on this computer" in offline.banner.text()
    assert offline._data is not None
    assert offline._data.fetched_at == fetched_at
    assert offline.age_chip.isVisible()
    assert offline.age_chip.text().startswith("Fetched ")
    assert offline.chart_stack.currentIndex() == 0  # the charts, not an error page
    cached = offline.chart.curves["air_temp_c"].column
    assert cached.ts.tolist() == fetched.ts.tolist()
    assert cached.values.tolist() == fetched.values.tolist()
    assert offline.daily_model.rowCount() >= 7
    # Export works offline too: the readings in view as a CSV.
    rows = offline.export_to(tmp_path / "readings.csv")
    assert rows == len(cached.window(*offline.chart.visible_range()))
    assert offline.export_to(tmp_path / "charts.png") == 0
    assert (tmp_path / "charts.png").stat().st_size > 10_000
