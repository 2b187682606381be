"""200 series plotted at once in the Telemetry pane: drawn as pixels, each in its own colour, found by name, and a
tick does only what changed (the new columns of the series that received points).

The pane runs on a real TelemetryHub (no broker: the points are written into its ring buffers as ingest writes
them), in a real window.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.mqtt.hub import TelemetryHub
from hydrodesk.ui.charts.live_chart import VECTOR_LIMIT
from hydrodesk.ui.charts.raster_layer import argb
from hydrodesk.ui.live.telemetry import LiveTelemetry
from hydrodesk.ui.panes.telemetry import TelemetryPane

from .telemetry_kit import no_token, telemetry_window

DEVICES = 100
KEYS = [SeriesKey(f"dev-{device:03d}", metric) for device in range(DEVICES) for metric in ("flow_lpm", "pressure_bar")]


def level(key: SeriesKey) -> float:
    """Each series at its own height, so each one's pixels can be found."""
    index = KEYS.index(key)
    return 10.0 + index // 2 * 0.5 if key.metric == "flow_lpm" else 1.0 + index // 2 * 0.05


def write(hub: TelemetryHub, keys: list[SeriesKey], since: float, until: float, step: float = 0.5) -> None:
    ts = np.arange(since, until, step)
    for key in keys:
        series = hub.store.get_or_create(key)
        assert series is not None
        series.extend(ts, np.full(len(ts), level(key)))
        hub.ingest._changed.add(key)  # what ingest notes for the next tick


@pytest.fixture
def pane(
    qtbot: QtBot, qapp: QApplication, qloop: object
) -> Iterator[tuple[TelemetryPane, TelemetryHub, LiveTelemetry]]:
    hub = TelemetryHub(no_token)  # type: ignore[arg-type]
    now = time.time()
    write(hub, KEYS, now - 200, now)
    live = LiveTelemetry(hub)
    window, telemetry = telemetry_window(qtbot, qapp, live)
    yield telemetry, hub, live
    window.close()


def tick(live: LiveTelemetry) -> None:
    live.ticked.emit(live.hub.ingest.take_changed())  # what a pump tick does (LiveTelemetry._on_tick)


def test_all_200_series_are_drawn_each_in_its_colour_and_a_tick_paints_only_new_columns(
    qtbot: QtBot, pane: tuple[TelemetryPane, TelemetryHub, LiveTelemetry]
) -> None:
    telemetry, hub, live = pane
    telemetry._sync_series_tree()
    assert "200 of 200" in telemetry.series_label.text()  # the pane's default: flow and pressure of every device
    chart = telemetry.chart
    assert len(chart.items) == 200 > VECTOR_LIMIT
    assert set(chart.layers) == {"flow", "pressure"}
    # No curve per series in the plots (pyqtgraph would paint and measure 200 of them), no 200-entry legend.
    for plot in chart.plots.values():
        assert not any(item in plot.listDataItems() for item in (i.curve for i in chart.items.values()))
    tick(live)
    qtbot.waitUntil(lambda: all(layer.y_range is not None for layer in chart.layers.values()))

    colors = {argb(item.color) for item in chart.items.values()}
    assert len(colors) == 200  # told apart by colour, and the list shows each one's swatch
    assert all(not telemetry._tree_items[key].icon(0).isNull() for key in KEYS)
    flow = chart.layers["flow"]
    drawn = set(np.unique(flow.image).tolist()) - {0}
    assert drawn == {argb(chart.items[key].color) for key in KEYS if key.metric == "flow_lpm"}

    # A tick with points for three series paints the newest columns, not the whole chart.
    redraws = flow.full_redraws
    changed = KEYS[:3]
    now = time.time()
    last = hub.store.get(changed[0]).last_ts  # type: ignore[union-attr]
    write(hub, changed, now, now + 0.3, step=0.1)
    painted, origin = flow.painted_columns, flow.origin
    tick(live)
    assert flow.full_redraws == redraws
    # Plus the columns the live window moved on by meanwhile (many on a loaded machine, where the tick comes late),
    # and those since the series' last points (computed again from there: seconds ago on a loaded machine).
    moved = round((flow.origin - origin) / flow.bucket_s)
    since_last = round((now - last) / flow.bucket_s)
    assert 0 < flow.painted_columns - painted < flow.width // 10 + moved + since_last
    assert chart.items[KEYS[0]].points > chart.items[KEYS[4]].points

    # A resized window is a new grid: every series is drawn again, not only those that just received points.
    telemetry.window().resize(1100, 700)
    qtbot.waitUntil(lambda: flow.width != 0 and flow.width != round(chart.plots["flow"].getViewBox().width()))
    write(hub, changed, now + 0.3, now + 0.6, step=0.1)
    tick(live)
    assert set(np.unique(flow.image).tolist()) - {0} == drawn


def test_find_series_by_name_and_plot_or_clear_what_the_list_shows(
    qtbot: QtBot, pane: tuple[TelemetryPane, TelemetryHub, LiveTelemetry]
) -> None:
    telemetry, _hub, _live = pane
    telemetry._sync_series_tree()
    telemetry.none_button.click()
    assert not telemetry.chart.items
    assert "0 of 200" in telemetry.series_label.text()

    telemetry.series_search.setText("dev-01")  # dev-010 .. dev-019
    telemetry.all_button.click()
    assert {key.device_id for key in telemetry.chart.keys} == {f"dev-{n:03d}" for n in range(10, 20)}
    assert len(telemetry.chart.items) == 20
    assert not telemetry.chart.layers  # 20 series: each its own curve, with a legend

    telemetry.series_search.setText("pres")  # a metric, as sent or as named on screen
    telemetry.all_button.click()
    assert len(telemetry.chart.items) == 20 + 90
    assert telemetry.chart.layers
    telemetry.series_search.clear()
    telemetry.none_button.click()
    assert not telemetry.chart.items
    assert not telemetry.chart.layers  # back to curves when few are left


def test_ticks_that_come_late_or_early_are_all_passed_on_but_a_second_one_at_once_is_not(
    qapp: QApplication, qtbot: QtBot
) -> None:
    # The pump keeps a 33 ms cadence, so a tick on time after a late one comes 20-30 ms after it: each must repaint
    # (dropping them cost a quarter of the repaints at 20,000 msg/s). Late by a whole period, it ticks twice in a
    # row: the second is dropped.
    live = LiveTelemetry(TelemetryHub(no_token))  # type: ignore[arg-type]
    moments = iter([100.000, 100.041, 100.066, 100.099, 100.104, 100.132])
    live.clock = lambda: next(moments)
    heard: list[object] = []
    live.ticked.connect(heard.append)
    for _ in range(6):
        live._on_tick(0)
    assert live.ticks == 5  # all but the one 5 ms after the last
    assert len(heard) == 5
