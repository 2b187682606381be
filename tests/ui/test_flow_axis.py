"""A closed valve's zero flow reads as zero on the live chart: the scale follows the data in view (not a whole
day of shaded history, whose runs at 600 L/min once drew a flat zero on a 0–1000 axis), and keeps room for its
"0" label."""

from __future__ import annotations

import time

import numpy as np
from pytestqt.qtbot import QtBot

from hydrodesk.domain.telemetry import SeriesBuffer, SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupHistory
from hydrodesk.ui.charts.live_chart import LiveChart

FLOW = SeriesKey("bitRTU-04", "flow_lpm")


def test_a_zero_flow_with_a_busy_morning_behind_it_reads_as_zero(qtbot: QtBot) -> None:
    now = time.time()
    live = SeriesBuffer(1_000, slack=8)
    for second in range(120):
        live.append(now - 120 + second, 0.0)  # the valve closed: nothing flows
    chart = LiveChart(lambda key: live if key == FLOW else None, lambda key: key.metric)
    qtbot.addWidget(chart)
    chart.resize(800, 300)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_window(300)
    chart.add_series(FLOW)
    # This morning's run, hours before the window: 550–650 L/min.
    minutes = np.arange(now - 6 * 3600, now - 5 * 3600, 60.0)
    chart.set_history(
        FLOW,
        RollupHistory(
            minutes, np.full(len(minutes), 550.0), np.full(len(minutes), 650.0), np.full(len(minutes), 600.0)
        ),
    )
    chart.refresh_all()
    box = chart.plots["flow"].getViewBox()
    # The view box scales itself on its next update: wait for the room below zero to appear.
    qtbot.waitUntil(lambda: box.viewRange()[1][0] < 0, timeout=5_000)
    low, high = box.viewRange()[1]
    assert high < 50  # the scale of what is in view, not of the morning's run
    assert -low < 0.1 * (high - low)  # zero a little above the bottom edge, where its label shows; no more
