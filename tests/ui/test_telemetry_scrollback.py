"""Scrolling the Telemetry pane back before the last day fetches the older history from the server, merged with what
the office holds: every minute once, and a reconnect's fetch does not wipe it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.ui.panes.telemetry import TelemetryPane

from .conftest import run_async
from .live_support import sign_in

WAIT_MS = 30_000
DAY_S = 86_400
FLOW = SeriesKey("bitRTU-01", "flow_lpm")


@pytest.fixture(scope="module")
def quiet_sim(sim_factory_session: Callable[..., Any]) -> Any:
    """No broker, no field devices: whatever the charts hold came from the history."""
    return sim_factory_session()


def oldest_minute(pane: TelemetryPane) -> float:
    item = pane.chart.items.get(FLOW)
    if item is None or item.history is None or not len(item.history):
        return float("inf")
    return float(item.history.minute[0])


def test_scrolling_back_fetches_older_history_once_and_a_reconnect_keeps_it(
    qtbot: QtBot, qloop: object, qapp: QApplication, quiet_sim: Any, tmp_path: Path
) -> None:
    session = next(sign_in(qtbot, qapp, quiet_sim, tmp_path, "telemetry", data_dir=tmp_path / "data"))
    window = session.kit.window
    window.navigator.select("proj_123", None)
    pane = window.pane("telemetry")
    assert isinstance(pane, TelemetryPane)
    qtbot.waitUntil(lambda: oldest_minute(pane) < time.time() - DAY_S + 600, timeout=WAIT_MS)

    # The user looks at the day before yesterday: the older minutes are fetched and drawn behind the others.
    pane.window_buttons.button("24h").click()
    now = time.time()
    pane.chart.show_until(now - DAY_S)
    qtbot.waitUntil(lambda: oldest_minute(pane) <= now - 2 * DAY_S + 120, timeout=WAIT_MS)
    history = pane.chart.items[FLOW].history
    assert history is not None
    assert np.all(np.diff(history.minute) > 0)  # every minute once, in order
    assert np.all(np.diff(history.minute) == 60)  # and none missing where the two fetches meet
    office = session.controller.office
    assert office is not None
    rows = run_async(qtbot, office.store.load_rollups(FLOW, now - 3 * DAY_S))
    assert len(rows) == len({row.minute for row in rows})  # stored once each
    assert len(rows) >= 2 * 24 * 60 - 5

    # The connection comes back (what a reconnect does): the newest minutes are fetched, the older ones stay.
    held = len(history)
    session.live.load_history(["proj_123"])
    qtbot.waitUntil(lambda: not session.live.history_loading, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.chart.items[FLOW].history_points >= held, timeout=WAIT_MS)
    assert oldest_minute(pane) <= now - 2 * DAY_S + 120
